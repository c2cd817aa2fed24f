"""Set Django up for the CLI and the server, without any ``manage.py`` knowledge.

    setup_django()      settings + ``KUZET_HOME`` + ``django.setup()``; idempotent
    ensure_database()   the database answers and has this version's schema:
                        an empty database gets the schema made automatically; an
                        older schema is *not* upgraded behind the user's back (a
                        message says to back up and run ``kuzet migrate``)
    migrate()           apply every pending migration (``kuzet migrate``)

Every failure is a :class:`DatabaseProblem` with a one-line message.
"""

from __future__ import annotations

import os
import sys
from dataclasses import dataclass
from pathlib import Path

import platformdirs

from .chronicle.errors import KuzetError

__all__ = [
    "DatabaseProblem",
    "SchemaState",
    "database_label",
    "database_url",
    "ensure_database",
    "kuzet_home",
    "migrate",
    "schema_state",
    "setup_django",
]

_done = False


class DatabaseProblem(KuzetError):
    """The database cannot be used: not writable, not answering, or a schema mismatch."""


def kuzet_home() -> Path:
    """Where Kuzet keeps its SQLite database and secret key (``KUZET_HOME``)."""
    return Path(
        os.environ.get("KUZET_HOME") or platformdirs.user_data_dir("kuzet", "kuzet")
    ).expanduser()


def database_url() -> str:
    """``KUZET_DATABASE_URL`` when set: a PostgreSQL server instead of SQLite."""
    return os.environ.get("KUZET_DATABASE_URL", "").strip()


def setup_django() -> None:
    """Make ``KUZET_HOME`` (for SQLite), load the settings and start Django. Idempotent."""
    global _done
    if _done:
        return
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "kuzet.settings")
    url = database_url()
    if not url:
        _prepare_home(kuzet_home(), kuzet_home() / "kuzet.sqlite3")
    elif url.startswith("sqlite:"):
        import dj_database_url

        path = Path(str(dj_database_url.parse(url)["NAME"]))
        _prepare_home(path.parent, path)
    import django

    django.setup()
    _done = True


def _prepare_home(home: Path, db: Path) -> None:
    try:
        home.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise DatabaseProblem(
            f"cannot create the data directory {home}: {exc.strerror or exc}; "
            "set KUZET_HOME to a writable directory"
        ) from None
    # SQLite writes a journal beside the database, so the directory itself must be writable.
    if not os.access(home, os.W_OK | os.X_OK):
        raise DatabaseProblem(
            f"the data directory {home} is not writable; "
            "set KUZET_HOME to a writable directory or fix its permissions"
        )
    if db.exists() and not os.access(db, os.R_OK | os.W_OK):
        raise DatabaseProblem(f"the database {db} is not writable; fix its permissions")


def database_label() -> str:
    """Where the data is, for messages: the SQLite path or the server (no password)."""
    from django.db import connection

    settings = connection.settings_dict
    if connection.vendor == "sqlite":
        return str(settings["NAME"])
    host = settings.get("HOST") or "localhost"
    port = f":{settings['PORT']}" if settings.get("PORT") else ""
    return f"PostgreSQL database {settings.get('NAME')!s} on {host}{port}"


@dataclass(frozen=True, slots=True)
class SchemaState:
    applied: int  # store migrations applied in the database
    pending: tuple[str, ...]  # migrations this version has that the database lacks
    unknown: tuple[str, ...]  # migrations the database has that this version lacks

    @property
    def empty(self) -> bool:
        return self.applied == 0

    @property
    def current(self) -> bool:
        return not self.pending and not self.unknown


def _check_connection() -> None:
    from django.db import connection
    from django.db.utils import Error as DbError

    try:
        connection.ensure_connection()
    except DbError as exc:
        first = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
        raise DatabaseProblem(f"cannot open the {database_label()}: {first}") from None


def schema_state() -> SchemaState:
    """Compare the migrations this version ships with those the database has."""
    from django.db import connection
    from django.db.migrations.loader import MigrationLoader

    _check_connection()
    loader = MigrationLoader(connection, ignore_no_migrations=True)
    known = set(loader.disk_migrations)
    applied = set(loader.applied_migrations)
    pending = sorted(f"{a}.{n}" for a, n in known - applied)
    unknown = sorted(f"{a}.{n}" for a, n in applied - known)
    store_applied = sum(1 for a, _ in applied if a == "store")
    return SchemaState(store_applied, tuple(pending), tuple(unknown))


def migrate(*, verbose: bool = False) -> SchemaState:
    """Apply every pending migration; returns the state before."""
    from django.core.management import call_command

    before = schema_state()
    if before.unknown:
        raise DatabaseProblem(
            f"the {database_label()} was written by a newer version of Kuzet "
            f"(it has {before.unknown[0]}); upgrade Kuzet"
        )
    call_command("migrate", interactive=False, verbosity=1 if verbose else 0)
    return before


def ensure_database() -> None:
    """Make sure the database answers and has this version's schema.

    An empty database gets the schema automatically (there is nothing to lose); an
    older schema gets a message, because upgrading someone's records is a step they
    should take knowingly, after a backup.
    """
    setup_django()
    state = schema_state()
    if state.current:
        return
    if state.unknown:
        raise DatabaseProblem(
            f"the {database_label()} was written by a newer version of Kuzet "
            f"(it has {state.unknown[0]}); upgrade Kuzet"
        )
    if state.empty:
        migrate()
        # Said once, on stderr, so that people learn where their records are kept.
        print(f"kuzet: created a new database: {database_label()}", file=sys.stderr)
        return
    raise DatabaseProblem(
        f"the {database_label()} has a schema from an older version of Kuzet "
        f"({len(state.pending)} migration(s) to apply); back it up, then run: kuzet migrate"
    )
