"""The entries page's default order — newest first, undated last — is read from an
index, not sorted: a search matching the whole record needs only its first rows."""

from __future__ import annotations

import pytest
from django.db import connection, transaction

from kuzet.store import models as m
from kuzet.workspace.queries import ordered

pytestmark = pytest.mark.db


def _plan(sql: str, params: list[object]) -> str:
    with transaction.atomic(), connection.cursor() as cur:
        if connection.vendor == "postgresql":
            # Any plan that sorts is made the last resort: what remains shows whether an
            # index gives this order at all (on a small table a sort would win anyway).
            cur.execute("SET LOCAL enable_sort = off")
            cur.execute("EXPLAIN " + sql, params)
        else:
            cur.execute("EXPLAIN QUERY PLAN " + sql, params)
        return "\n".join(str(r[-1]) for r in cur.fetchall())


def test_newest_first_is_read_from_an_index(db: None) -> None:
    sql, params = ordered(m.Entry.objects.all(), "-date").values_list("pk")[:25].query.sql_with_params()
    assert "DESC NULLS LAST" in sql.upper() or connection.vendor == "sqlite", sql
    plan = _plan(sql, list(params))
    if connection.vendor == "postgresql":
        assert "entry_date_desc" in plan and "Sort" not in plan, plan
    else:
        assert "USING" in plan and "entry_date" in plan and "TEMP B-TREE" not in plan, plan
