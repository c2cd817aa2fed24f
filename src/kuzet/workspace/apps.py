"""Django app configuration for the web workspace."""

from __future__ import annotations

from django.apps import AppConfig


class WorkspaceConfig(AppConfig):
    name = "kuzet.workspace"
    label = "workspace"
    verbose_name = "Kuzet web workspace"
