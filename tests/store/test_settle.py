"""After a large import the database's statistics are brought up to date at once
(``kuzet.store.ingest.settle``), instead of when autovacuum gets round to it."""

from __future__ import annotations

from pathlib import Path

import pytest
from django.db import connection, transaction

from kuzet.store import ingest, services
from kuzet.synthetic import write_chronicle

pytestmark = pytest.mark.db


def _last_vacuum() -> object:
    with connection.cursor() as cursor:
        cursor.execute("SELECT last_vacuum FROM pg_stat_user_tables WHERE relname = 'store_entry'")
        return cursor.fetchone()[0]


@pytest.mark.django_db(transaction=True)
def test_an_import_ends_by_settling_the_entries_table(tmp_path: Path) -> None:
    path = write_chronicle(tmp_path / "2021-05.txt", 30, period="2021-05", seed=5)
    timings = services.IngestTimings()
    [result] = services.ingest_files([path], timings=timings)
    assert result.report is not None and result.report.outcome == "created"
    assert timings.settle > 0
    if connection.vendor == "postgresql":
        # A first import is all of the table: VACUUM (ANALYZE) ran on it.
        assert _last_vacuum() is not None


@pytest.mark.django_db(transaction=True)
def test_nothing_is_stored_nothing_is_settled(tmp_path: Path) -> None:
    path = write_chronicle(tmp_path / "2021-05.txt", 10, period="2021-05", seed=5)
    list(services.ingest_files([path]))
    timings = services.IngestTimings()
    [again] = services.ingest_files([path], timings=timings)
    assert again.report is not None and again.report.outcome == "unchanged"
    assert timings.settle == 0


@pytest.mark.django_db(transaction=True)
def test_what_settling_does_depends_on_the_database_and_the_share_of_new_rows(tmp_path: Path) -> None:
    list(services.ingest_files([write_chronicle(tmp_path / "2021-06.txt", 40, period="2021-06", seed=6)]))
    if connection.vendor != "postgresql":
        assert ingest.settle(1) == "optimize"
        return
    assert ingest.settle(40) == "vacuum"  # the whole table is new
    # reltuples is now 40: one new entry is under a tenth of the table, nothing to do...
    assert ingest.settle(1) == ""
    # ... unless the import is large in itself.
    assert ingest.settle(ingest.SETTLE_ALWAYS) == "vacuum"
    with transaction.atomic():  # VACUUM cannot run in a transaction: ANALYZE instead
        assert ingest.settle(40) == "analyze"
