"""Django settings for Kuzet: the store, the web workspace and the API.

SQLite in ``KUZET_HOME`` by default; PostgreSQL when ``KUZET_DATABASE_URL`` names one.
Settings are read from the environment through small typed helpers that fail loudly.
"""

from __future__ import annotations

import os
from pathlib import Path

import dj_database_url
import platformdirs

from .chronicle.errors import KuzetError


class SettingsError(KuzetError):
    """An environment variable holds a value Kuzet cannot use."""


def envbool(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    if value.lower() in ("1", "true", "yes", "on"):
        return True
    if value.lower() in ("0", "false", "no", "off"):
        return False
    raise SettingsError(f"{name} must be true or false, not {value!r}")


def envint(name: str, default: int) -> int:
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    try:
        return int(value)
    except ValueError:
        raise SettingsError(f"{name} must be a whole number, not {value!r}") from None


def envlist(name: str, default: list[str]) -> list[str]:
    value = os.environ.get(name)
    if not value:
        return default
    return [v.strip() for v in value.split(",") if v.strip()]


KUZET_HOME = Path(os.environ.get("KUZET_HOME") or platformdirs.user_data_dir("kuzet", "kuzet"))

BASE_DIR = Path(__file__).resolve().parent
DEBUG = envbool("KUZET_DEBUG", False)
SECRET_KEY = os.environ.get("KUZET_SECRET_KEY", "")  # filled in by kuzet.setup when empty
ALLOWED_HOSTS = envlist("KUZET_ALLOWED_HOSTS", ["localhost", "127.0.0.1", "[::1]"])

INSTALLED_APPS = [
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "kuzet.store",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
]

ROOT_URLCONF = "kuzet.urls"
WSGI_APPLICATION = "kuzet.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    },
]


def _database() -> dict[str, object]:
    url = os.environ.get("KUZET_DATABASE_URL", "").strip()
    if url:
        try:
            config = dj_database_url.parse(url, conn_max_age=60)
        except Exception as exc:  # dj_database_url raises assorted errors
            raise SettingsError(f"KUZET_DATABASE_URL is not a database URL: {exc}") from None
        config.setdefault("TEST", {})
        return dict(config)
    return {
        "ENGINE": "django.db.backends.sqlite3",
        "NAME": str(KUZET_HOME / "kuzet.sqlite3"),
        "OPTIONS": {
            # WAL lets the web workspace read while an ingest writes.
            "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
            "transaction_mode": "IMMEDIATE",
            "timeout": 20,
        },
    }


DATABASES = {"default": _database()}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

LANGUAGE_CODE = "en"
LANGUAGES = [("en", "English"), ("ru", "Русский")]
LOCALE_PATHS = [BASE_DIR / "locale"]
USE_I18N = True
TIME_ZONE = os.environ.get("KUZET_TIME_ZONE", "Asia/Almaty")
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = KUZET_HOME / "static"
