"""WSGI entry point for ``kuzet serve``."""

from __future__ import annotations

from .setup import setup_django

setup_django()

from django.core.wsgi import get_wsgi_application  # noqa: E402

application = get_wsgi_application()
