"""Set Django up for the CLI and the server, without any ``manage.py`` knowledge."""

from __future__ import annotations

import os
import secrets

from .chronicle.errors import KuzetError

__all__ = ["setup_django"]

_done = False


def setup_django() -> None:
    """Configure settings, make ``KUZET_HOME`` and a secret key, and start Django. Idempotent."""
    global _done
    if _done:
        return
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "kuzet.settings")
    from django.conf import settings

    home = settings.KUZET_HOME
    if "KUZET_DATABASE_URL" not in os.environ or not os.environ["KUZET_DATABASE_URL"].strip():
        try:
            home.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise KuzetError(
                f"cannot create the data directory {home}: {exc.strerror}; "
                "set KUZET_HOME to a writable directory"
            ) from None
    if not settings.SECRET_KEY:
        settings.SECRET_KEY = _secret_key(home)
    import django

    django.setup()
    _done = True


def _secret_key(home: os.PathLike[str]) -> str:
    path = os.path.join(home, "secret_key")
    try:
        with open(path, encoding="ascii") as f:
            key = f.read().strip()
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
    except OSError:
        pass
    return key
