from __future__ import annotations

from django.apps import AppConfig


class StoreConfig(AppConfig):
    name = "kuzet.store"
    label = "store"
    verbose_name = "Kuzet store"
    default_auto_field = "django.db.models.BigAutoField"
