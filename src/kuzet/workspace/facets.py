"""Facet counts in one query: every facet of a search from a single pass.

The entries matching a search are found once, in a common table expression, and each
facet (types, articles, persons, sources, sanctions, places, review statuses, the date
range) is a ``GROUP BY`` over them, all joined by ``UNION ALL``: one round trip, one
evaluation of the text search and the filters, on SQLite and PostgreSQL alike. Each
facet keeps its largest values only (``LIMIT`` per facet), except places, which are
grouped by id and turned into places and regions here.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass

from django.core.exceptions import EmptyResultSet
from django.db import connection
from django.db.models import QuerySet

from ..store import models as m

__all__ = ["FacetRow", "facet_rows"]


@dataclass(frozen=True, slots=True)
class FacetRow:
    facet: str  # type, article, person, domain, sanction, status, place, span
    key: str
    extra: str | None
    count: int


def _t(model: type) -> str:
    return connection.ops.quote_name(model._meta.db_table)  # type: ignore[attr-defined]


def _top(select: str, limit: int) -> str:
    """One facet's rows, largest counts first, at most ``limit`` (a sub-select, because a
    member of a UNION may not have its own ORDER BY / LIMIT)."""
    name = "top_" + select.split("'")[1]
    return f"SELECT * FROM ({select} ORDER BY 4 DESC, 2 LIMIT {int(limit)}) AS {name}"


def facet_sql(hits_sql: str, limit: int, *, withhold: bool = False) -> str:
    et, lr, pm, pe = _t(m.EntryType), _t(m.LegalRef), _t(m.PersonMention), _t(m.Person)
    ci, so, sa, en = _t(m.Citation), _t(m.Source), _t(m.Sanction), _t(m.Entry)
    hits = "(SELECT hits.entry_id FROM hits)"
    parts = [
        _top(
            f"SELECT 'type', t.type_id, NULL, COUNT(DISTINCT t.entry_id) FROM {et} t "
            f"WHERE t.entry_id IN {hits} GROUP BY t.type_id",
            60,
        ),
        _top(
            f"SELECT 'article', l.code, l.article, COUNT(DISTINCT l.entry_id) FROM {lr} l "
            f"WHERE l.entry_id IN {hits} GROUP BY l.code, l.article",
            limit,
        ),
        _top(
            f"SELECT 'person', CAST(x.person_id AS TEXT), p.name, COUNT(DISTINCT x.entry_id) "
            f"FROM {pm} x JOIN {pe} p ON p.id = x.person_id "
            f"WHERE x.entry_id IN {hits}{' AND NOT x.confidential' if withhold else ''} "
            f"GROUP BY x.person_id, p.name",
            limit,
        ),
        _top(
            f"SELECT 'domain', s.domain, NULL, COUNT(DISTINCT c.entry_id) FROM {ci} c "
            f"JOIN {so} s ON s.id = c.source_id WHERE c.entry_id IN {hits} GROUP BY s.domain",
            limit,
        ),
        _top(
            f"SELECT 'sanction', k.kind, NULL, COUNT(DISTINCT k.entry_id) FROM {sa} k "
            f"WHERE k.entry_id IN {hits} GROUP BY k.kind",
            40,
        ),
        (
            f"SELECT 'status', e.review_status, NULL, COUNT(*) FROM {en} e "
            f"WHERE e.id IN {hits} GROUP BY e.review_status"
        ),
        (
            f"SELECT 'place', CAST(e.place_id AS TEXT), NULL, COUNT(*) FROM {en} e "
            f"WHERE e.id IN {hits} AND e.place_id IS NOT NULL GROUP BY e.place_id"
        ),
        (
            f"SELECT 'span', CAST(MIN(e.date) AS TEXT), CAST(MAX(e.date) AS TEXT), COUNT(*) "
            f"FROM {en} e WHERE e.id IN {hits}"
        ),
        f"SELECT 'undated', '', NULL, COUNT(*) FROM {en} e WHERE e.id IN {hits} AND e.date IS NULL",
    ]
    return f"WITH hits(entry_id) AS ({hits_sql}) " + " UNION ALL ".join(parts)


def facet_rows(qs: QuerySet[m.Entry], limit: int, *, withhold: bool = False) -> list[FacetRow]:
    """Every facet's rows for the entries of ``qs``, in one query (``withhold``: without
    confidential person mentions)."""
    try:
        hits_sql, params = qs.order_by().values("pk").query.sql_with_params()
    except EmptyResultSet:  # a query that cannot match anything (``qs.none()``)
        return []
    # Each facet refers to the CTE; the CTE's own parameters appear once.
    with connection.cursor() as cur:
        cur.execute(facet_sql(hits_sql, limit, withhold=withhold), params)
        rows = cur.fetchall()
    return [
        FacetRow(str(f), "" if k is None else str(k), None if x is None else str(x), int(n or 0))
        for f, k, x, n in rows
    ]


def parse_day(text: str | None) -> dt.date | None:
    if not text:
        return None
    return dt.date.fromisoformat(text[:10])


def place_counts(rows: list[FacetRow]) -> Counter[int]:
    return Counter({int(r.key): r.count for r in rows if r.facet == "place"})
