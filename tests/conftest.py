"""Test set-up shared by every test: an isolated KUZET_HOME and the test database.

Database tests (``@pytest.mark.db``) run on SQLite by default and on PostgreSQL when
``KUZET_DATABASE_URL`` names a server (``scripts/with-postgres pytest -m db``).
The SQLite test database is a file, not memory, so that a ``kuzet`` subprocess
started by a test can open the same database.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest

# Never touch the user's own data: every test run gets a fresh home.
TEST_HOME = Path(tempfile.mkdtemp(prefix="kuzet-test-home-"))
os.environ["KUZET_HOME"] = str(TEST_HOME)
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "kuzet.settings")


def pytest_configure(config: pytest.Config) -> None:
    # pytest-django reads DJANGO_SETTINGS_MODULE before conftests load; starting Django
    # here lets it finish the set-up (test database, blocking) in its own hook.
    import django

    django.setup()


@pytest.fixture(scope="session")
def django_db_modify_db_settings(django_db_modify_db_settings_parallel_suffix: None) -> None:
    from django.conf import settings

    db = settings.DATABASES["default"]
    if db["ENGINE"] == "django.db.backends.sqlite3":
        suffix = os.environ.get("PYTEST_XDIST_WORKER", "main")
        db.setdefault("TEST", {})["NAME"] = str(TEST_HOME / f"test-{suffix}.sqlite3")


@pytest.fixture
def database_url_for_subprocess(django_db_blocker: object) -> Iterator[str]:
    """A ``KUZET_DATABASE_URL`` that lets a ``kuzet`` subprocess open the test database."""
    from django.db import connection

    s = connection.settings_dict
    if connection.vendor == "sqlite":
        yield f"sqlite:///{s['NAME']}"
    else:
        auth = s["USER"] + (f":{s['PASSWORD']}" if s.get("PASSWORD") else "")
        yield f"postgres://{auth}@{s['HOST'] or 'localhost'}:{s['PORT'] or 5432}/{s['NAME']}"
