"""The read-only JSON API under ``/api/`` (django-ninja), documented at ``/api/openapi.json``."""
