"""Django settings for Kuzet: the store, the web workspace and the API.

SQLite in ``KUZET_HOME`` by default; PostgreSQL when ``KUZET_DATABASE_URL`` names one.
Settings are read from the environment through small typed helpers that fail loudly.
"""

from __future__ import annotations

import os
import secrets
from pathlib import Path

import dj_database_url

from .chronicle.errors import KuzetError
from .setup import database_url, kuzet_home


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


def stored_secret_key(home: Path) -> str:
    """The secret key kept in ``KUZET_HOME/secret_key``, made on first use.

    Sessions and CSRF tokens must outlive a restart, so the key is stored; if the
    directory cannot be written, a per-process key still lets the CLI work.
    """
    path = home / "secret_key"
    try:
        key = path.read_text(encoding="ascii").strip()
        if key:
            return key
    except FileNotFoundError:
        pass
    except OSError:
        return secrets.token_urlsafe(50)
    key = secrets.token_urlsafe(50)
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "w", encoding="ascii") as f:
            f.write(key)
    except FileExistsError:
        return stored_secret_key(home)  # another process made it first
    except OSError:
        pass
    return key


KUZET_HOME = kuzet_home()

BASE_DIR = Path(__file__).resolve().parent
DEBUG = envbool("KUZET_DEBUG", False)
SECRET_KEY = os.environ.get("KUZET_SECRET_KEY") or stored_secret_key(KUZET_HOME)
ALLOWED_HOSTS = envlist("KUZET_ALLOWED_HOSTS", ["localhost", "127.0.0.1", "[::1]"])

INSTALLED_APPS = [
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "kuzet.store",
    "kuzet.publish",  # editors' situation overrides and recognitions (kuzet.publish)
    "ninja",  # serves the API docs' Swagger UI from its own static files, not a CDN
    "kuzet.workspace",
    "kuzet.api",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "kuzet.workspace.middleware.StaticFiles",  # whitenoise: static files under ``kuzet serve``
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


def _sqlite(path: Path) -> dict[str, object]:
    return {
        "ENGINE": "django.db.backends.sqlite3",
        "NAME": str(path),
        "OPTIONS": {
            # WAL lets the web workspace read while an ingest writes.
            "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
            "transaction_mode": "IMMEDIATE",
            # Seconds a writer waits for another to finish before giving up.
            "timeout": envint("KUZET_SQLITE_TIMEOUT", 20),
        },
        "TEST": {},
    }


def _database() -> dict[str, object]:
    url = database_url()
    if not url:
        return _sqlite(KUZET_HOME / "kuzet.sqlite3")
    try:
        config = dj_database_url.parse(url, conn_max_age=60)
    except Exception as exc:  # dj_database_url raises assorted errors
        raise SettingsError(f"KUZET_DATABASE_URL is not a database URL: {exc}") from None
    if config.get("ENGINE") == "django.db.backends.sqlite3":
        return _sqlite(Path(str(config["NAME"])))  # sqlite:////path/to/file.sqlite3
    if config.get("ENGINE") != "django.db.backends.postgresql":
        raise SettingsError(
            "KUZET_DATABASE_URL must name a PostgreSQL database (postgres://user@host/db) "
            "or an SQLite file (sqlite:////path/to/file)"
        )
    # A server that does not answer should fail in seconds, not hang a command.
    config.setdefault("OPTIONS", {})["connect_timeout"] = envint("KUZET_DB_CONNECT_TIMEOUT", 5)
    config.setdefault("TEST", {})
    return dict(config)


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
# The web workspace's front-end libraries come from packages, not copies in the repo;
# whitenoise serves them (and the apps' static files) straight from the finders, so
# ``kuzet serve`` needs no collectstatic step.
import xstatic.pkg.leaflet

STATICFILES_DIRS = [("leaflet", xstatic.pkg.leaflet.BASE_DIR)]
WHITENOISE_USE_FINDERS = True

# The web workspace caches facet counts, figures and whole pages in each server
# process, keyed by the record's data version (docs/web.md); a few thousand fit.
CACHES = {
    "default": {
        "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
        "OPTIONS": {"MAX_ENTRIES": 5000},
    }
}
