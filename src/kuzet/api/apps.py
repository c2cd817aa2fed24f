"""Django app configuration for the JSON API."""

from __future__ import annotations

from django.apps import AppConfig


class ApiConfig(AppConfig):
    name = "kuzet.api"
    label = "kuzet_api"
    verbose_name = "Kuzet JSON API"
