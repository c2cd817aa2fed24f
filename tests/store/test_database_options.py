"""Connection options Kuzet sets on PostgreSQL."""

from __future__ import annotations

import pytest
from django.db import connection

from kuzet import settings


def test_a_postgresql_url_gets_jit_off_unless_it_says_otherwise(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("KUZET_DATABASE_URL", "postgres://someone@db.example:5432/kuzet")
    assert settings._database()["OPTIONS"]["options"] == "-c jit=off"
    monkeypatch.setenv(
        "KUZET_DATABASE_URL", "postgres://someone@db.example:5432/kuzet?options=-c%20work_mem%3D64MB"
    )
    assert settings._database()["OPTIONS"]["options"] == "-c work_mem=64MB"


@pytest.mark.db
@pytest.mark.django_db
def test_postgresql_sessions_run_without_jit() -> None:
    if connection.vendor != "postgresql":
        pytest.skip("a PostgreSQL setting")
    with connection.cursor() as cursor:
        cursor.execute("SHOW jit")
        assert cursor.fetchone()[0] == "off"
