from __future__ import annotations

from django.apps import AppConfig


class StoreConfig(AppConfig):
    name = "kuzet.store"
    label = "store"
    verbose_name = "Kuzet store"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        # People are relinked around deleted mentions: kuzet.store.people listens for them.
        from . import people  # noqa: F401
