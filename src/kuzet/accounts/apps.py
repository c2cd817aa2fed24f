"""Django app configuration for accounts (users, roles, API tokens, login)."""

from __future__ import annotations

from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "kuzet.accounts"
    label = "accounts"
    verbose_name = "Kuzet accounts"
    default_auto_field = "django.db.models.BigAutoField"
