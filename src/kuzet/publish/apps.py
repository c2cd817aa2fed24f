"""The publish app: editors' decisions about people (situation overrides, recognitions)."""

from __future__ import annotations

from django.apps import AppConfig


class PublishConfig(AppConfig):
    name = "kuzet.publish"
    label = "publish"
    verbose_name = "Publications"
    default_auto_field = "django.db.models.BigAutoField"
