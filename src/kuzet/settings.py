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
    # Roles, login, two-factor codes, login throttling (kuzet.accounts; docs/roles-and-review.md)
    "django_otp",
    "django_otp.plugins.otp_totp",
    "axes",
    "kuzet.accounts",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "kuzet.workspace.middleware.StaticFiles",  # whitenoise: static files under ``kuzet serve``
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "kuzet.accounts.middleware.ApiTokenAuthentication",  # Authorization: Bearer on /api/
    "kuzet.accounts.middleware.PrivateInstance",  # anonymous sees nothing unless KUZET_PUBLIC
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "kuzet.accounts.middleware.SecurityHeaders",
    "csp.middleware.CSPMiddleware",
    "axes.middleware.AxesMiddleware",  # last, as django-axes asks
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
    except Exception as exc:  # noqa: BLE001  (dj_database_url raises assorted errors)
        raise SettingsError(f"KUZET_DATABASE_URL is not a database URL: {exc}") from None
    if config.get("ENGINE") == "django.db.backends.sqlite3":
        return _sqlite(Path(str(config["NAME"])))  # sqlite:////path/to/file.sqlite3
    if config.get("ENGINE") != "django.db.backends.postgresql":
        raise SettingsError(
            "KUZET_DATABASE_URL must name a PostgreSQL database (postgres://user@host/db) "
            "or an SQLite file (sqlite:////path/to/file)"
        )
    # A server that does not answer should fail in seconds, not hang a command.
    options = config.setdefault("OPTIONS", {})
    options["connect_timeout"] = envint("KUZET_DB_CONNECT_TIMEOUT", 5)
    # No JIT compilation: Kuzet's statements are short, and PostgreSQL's cost estimate
    # for a search with facet counts passes jit_above_cost, so each paid milliseconds of
    # compiling (measured: 3.2 → 2.0 ms of database CPU per first-visit search page).
    options.setdefault("options", "-c jit=off")
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
import xstatic.pkg.leaflet  # noqa: E402  (kept next to its only use)

STATICFILES_DIRS = [("leaflet", xstatic.pkg.leaflet.BASE_DIR)]
WHITENOISE_USE_FINDERS = True

# The web workspace caches facet counts, figures and whole pages in each server
# process, keyed by the record's data version (docs/web.md); a few thousand fit.
# "shared" (files in KUZET_HOME/cache) holds the few figures that take seconds (the
# dashboard, the whole record's facet counts) for every process of ``kuzet serve``.
CACHES = {
    "default": {
        "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
        "OPTIONS": {"MAX_ENTRIES": 5000},
    },
    "shared": {
        "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
        "LOCATION": str(KUZET_HOME / "cache"),
        "OPTIONS": {"MAX_ENTRIES": 200},
    },
}


# --- accounts and security (kuzet.accounts, docs/roles-and-review.md) ----------------------
from csp.constants import NONE, SELF  # noqa: E402

# Anonymous visitors see published, non-confidential entries only when this is true;
# otherwise (the default) they see the login page and nothing else.
KUZET_PUBLIC = envbool("KUZET_PUBLIC", False)
# The least role that sees confidential entries and names.
KUZET_CONFIDENTIAL_ROLE = os.environ.get("KUZET_CONFIDENTIAL_ROLE", "editor").strip().lower()
if KUZET_CONFIDENTIAL_ROLE not in ("viewer", "editor", "reviewer", "admin"):
    raise SettingsError(
        f"KUZET_CONFIDENTIAL_ROLE must be viewer, editor, reviewer or admin, not {KUZET_CONFIDENTIAL_ROLE!r}"
    )
# Editors and above must log in with a two-factor code when this is true.
KUZET_REQUIRE_2FA = envbool("KUZET_REQUIRE_2FA", False)
# Chronicles uploaded in the browser larger than this many megabytes are refused.
KUZET_MAX_UPLOAD_MB = envint("KUZET_MAX_UPLOAD_MB", 20)
DATA_UPLOAD_MAX_MEMORY_SIZE = 2 * 1024 * 1024  # form fields; files are counted separately
FILE_UPLOAD_MAX_MEMORY_SIZE = 2 * 1024 * 1024  # larger uploads go to a temporary file

PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",  # reads hashes made before Argon2
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 12}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",  # refuses while a user is locked out
    "django.contrib.auth.backends.ModelBackend",
]
LOGIN_URL = "/accounts/login/"
LOGIN_REDIRECT_URL = "/"

# Login throttling: five wrong passwords for one user from one address lock that pair
# out for a quarter of an hour (``kuzet createuser NAME --reset-password`` unlocks).
AXES_FAILURE_LIMIT = envint("KUZET_LOGIN_ATTEMPTS", 5)
AXES_COOLOFF_TIME = envint("KUZET_LOCKOUT_MINUTES", 15) / 60  # hours
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "accounts/locked.html"
AXES_HTTP_RESPONSE_CODE = 429
AXES_VERBOSE = False

# Sessions end after KUZET_SESSION_HOURS and when the browser closes.
SESSION_COOKIE_AGE = envint("KUZET_SESSION_HOURS", 10) * 3600
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SAMESITE = "Lax"
# Behind HTTPS (a reverse proxy), cookies go over HTTPS only and browsers remember it.
KUZET_HTTPS = envbool("KUZET_HTTPS", False)
SESSION_COOKIE_SECURE = CSRF_COOKIE_SECURE = KUZET_HTTPS
SECURE_HSTS_SECONDS = 31536000 if KUZET_HTTPS else 0
if KUZET_HTTPS:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
CSRF_TRUSTED_ORIGINS = envlist("KUZET_CSRF_TRUSTED_ORIGINS", [])
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"


def _tile_origin() -> list[str]:
    """The map tile server (KUZET_MAP_TILES), the one outside address pages may load."""
    from urllib.parse import urlsplit

    parts = urlsplit(os.environ.get("KUZET_MAP_TILES", "").strip())
    return [f"{parts.scheme}://{parts.netloc}"] if parts.scheme in ("http", "https") and parts.netloc else []


# Only the server's own scripts run: no inline script, no script from elsewhere.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "style-src-attr": ["'unsafe-inline'"],  # colour swatches set in style="" attributes
        "img-src": [SELF, "data:", *_tile_origin()],
        "font-src": [SELF],
        "connect-src": [SELF],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    }
}
