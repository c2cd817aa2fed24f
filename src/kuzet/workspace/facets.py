"""Facet counts of a search: the entries it matches read once, every facet from them.

The matching entries are read first, with the columns the entry-level facets need
(id, date, place, review status) and the values of their related rows the facets
count (``Entry.facet_values``: event types, articles, source domains, sanction kinds,
kept with each entry by the store's services): ``match_rows``. Most searches match a
few hundred entries or none, so:

- **none**: there is nothing to count, and no second query is made;
- **up to** ``ID_LIMIT``: every facet but persons is counted here from those rows
  (total, date range, undated, review statuses, places, types, articles, sources,
  sanctions), each keeping its largest values; persons, whose links change as people
  are merged and split, by one ``GROUP BY`` query over the ids. The text search is not
  evaluated again, and the rows that give the page of results sorted by date are
  already here;
- **more**: the search is evaluated once more inside one statement, as a common table
  expression carrying the same columns (sending tens of thousands of ids back and
  forth would cost more than searching again). On PostgreSQL the types, articles,
  sources and sanctions are the counts of the distinct lines of the matches'
  ``facet_values`` (one pass over the matches), persons a ``GROUP BY`` over their
  mentions; on SQLite, which cannot split a string into rows, every facet is a
  ``GROUP BY`` over the matches' related rows.

Both forms count the same rows as one ``GROUP BY`` per facet over the matching
entries would (``tests/web/test_facet_queries.py`` compares them), on SQLite and
PostgreSQL alike. Each facet keeps its largest counts, ties in the order of the key:
code-point order in Python, as SQLite and a PostgreSQL database with the ``C.UTF-8``
collation (``scripts/with-postgres``) compare text. Under another collation the
database's path may break ties at the cut otherwise: which of equally counted values
is shown last, never a count.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from django.core.exceptions import EmptyResultSet
from django.db import connection
from django.db.models import QuerySet

from ..store import models as m
from ..store.facets import value_fields

__all__ = [
    "ID_LIMIT",
    "FacetRow",
    "MatchRow",
    "entry_facet_rows",
    "facet_rows",
    "match_rows",
    "person_facet_rows",
    "value_facet_rows",
]

# Matches read into the process at most: beyond, the database counts everything.
ID_LIMIT = 3000

# How many values each facet keeps, beside the page's ``limit`` (articles, persons,
# sources): every event type and sanction kind the taxonomy has.
TYPE_LIMIT = 60
SANCTION_LIMIT = 40


@dataclass(frozen=True, slots=True)
class FacetRow:
    facet: str  # type, article, person, domain, sanction, status, place, span, undated
    key: str
    extra: str | None
    count: int


@dataclass(frozen=True, slots=True)
class MatchRow:
    """A matching entry, with what its facets and date sorting need."""

    id: int
    date: dt.date | None
    place_id: int | None
    status: str
    values: str  # Entry.facet_values


def _t(model: type) -> str:
    return connection.ops.quote_name(model._meta.db_table)  # type: ignore[attr-defined]


def match_rows(qs: QuerySet[m.Entry], limit: int | None = None) -> list[MatchRow] | None:
    """The entries of ``qs`` (unordered) as :class:`MatchRow`; None when there are more
    than ``limit`` (default :data:`ID_LIMIT`)."""
    limit = ID_LIMIT if limit is None else limit
    rows = [
        MatchRow(*r)
        for r in qs.order_by().values_list("pk", "date", "place_id", "review_status", "facet_values")[
            : limit + 1
        ]
    ]
    return rows if len(rows) <= limit else None


def _top(select: str, limit: int) -> str:
    """One facet's rows, largest counts first, at most ``limit`` (a sub-select, because a
    member of a UNION may not have its own ORDER BY / LIMIT)."""
    name = "top_" + select.split("'")[1]
    return f"SELECT * FROM ({select} ORDER BY 4 DESC, 2 LIMIT {int(limit)}) AS {name}"


def _person_part(hit: Callable[[str], str] | None, limit: int, *, withhold: bool) -> str:
    """The person facet: persons counted by id, and only the top ones joined for their
    names (``withhold``: without confidential mentions). ``hit(column)`` is the
    condition "the entry in this column is a match"; None: the mentions joined with
    the common table expression ``hits`` (the planner then knows how many matches
    there are, and hashes them when they are many, instead of probing the mentions'
    index once per match: 0.66 → 0.42 s for a search matching 100,000 entries)."""
    pm, pe = _t(m.PersonMention), _t(m.Person)
    secret = " AND NOT x.confidential" if withhold else ""
    source = f"{pm} x JOIN hits h ON h.entry_id = x.entry_id WHERE" if hit is None else (
        f"{pm} x WHERE {hit('x.entry_id')} AND"
    )
    return (
        "SELECT * FROM ("
        f"SELECT 'person', CAST(x.person_id AS TEXT), p.name, x.n FROM ("
        f"SELECT x.person_id, COUNT(DISTINCT x.entry_id) AS n FROM {source} "
        f"x.person_id IS NOT NULL{secret} "
        f"GROUP BY x.person_id ORDER BY 2 DESC, CAST(x.person_id AS TEXT) LIMIT {int(limit)}"
        f") AS x JOIN {pe} p ON p.id = x.person_id ORDER BY 4 DESC, 2) AS top_person"
    )


def _related_parts(hit: Callable[[str], str], limit: int, *, withhold: bool) -> list[str]:
    """The facets of the matching entries' related rows; ``hit(column)`` is the
    condition "the entry in this column is a match"."""
    et, lr, ci, so, sa = _t(m.EntryType), _t(m.LegalRef), _t(m.Citation), _t(m.Source), _t(m.Sanction)
    return [
        _top(
            f"SELECT 'type', t.type_id, NULL, COUNT(DISTINCT t.entry_id) FROM {et} t "
            f"WHERE {hit('t.entry_id')} GROUP BY t.type_id",
            TYPE_LIMIT,
        ),
        _top(
            f"SELECT 'article', l.code, l.article, COUNT(DISTINCT l.entry_id) FROM {lr} l "
            f"WHERE {hit('l.entry_id')} GROUP BY l.code, l.article",
            limit,
        ),
        _person_part(hit, limit, withhold=withhold),
        # Each citation's domain looked up by the source's key: a join let PostgreSQL
        # hash the whole sources table for a few hundred citations.
        _top(
            "SELECT 'domain', c.domain, NULL, COUNT(DISTINCT c.entry_id) FROM ("
            f"SELECT c.entry_id, (SELECT s.domain FROM {so} s WHERE s.id = c.source_id) AS domain "
            f"FROM {ci} c WHERE {hit('c.entry_id')}) AS c GROUP BY c.domain",
            limit,
        ),
        _top(
            f"SELECT 'sanction', k.kind, NULL, COUNT(DISTINCT k.entry_id) FROM {sa} k "
            f"WHERE {hit('k.entry_id')} GROUP BY k.kind",
            SANCTION_LIMIT,
        ),
    ]


def facet_sql(hits_sql: str, limit: int, *, withhold: bool = False, lines: bool = False) -> str:
    """Every facet of the entries ``hits_sql`` selects (``id, date, place_id,
    review_status, facet_values``), in one statement. ``lines``: the types, articles,
    sources and sanctions as the count of each distinct line of the entries'
    ``facet_values`` (facet ``line``, PostgreSQL), one pass over the matches instead of
    a probe per match into four tables; else from those tables."""
    entry_level = [
        "SELECT 'status', h.review_status, NULL, COUNT(*) FROM hits h GROUP BY h.review_status",
        (
            "SELECT 'place', CAST(h.place_id AS TEXT), NULL, COUNT(*) FROM hits h "
            "WHERE h.place_id IS NOT NULL GROUP BY h.place_id"
        ),
        "SELECT 'span', CAST(MIN(h.date) AS TEXT), CAST(MAX(h.date) AS TEXT), COUNT(*) FROM hits h",
        "SELECT 'undated', '', NULL, COUNT(*) FROM hits h WHERE h.date IS NULL",
    ]

    def hit(c: str) -> str:
        return f"{c} IN (SELECT h.entry_id FROM hits h)"

    if lines:
        related = [
            _person_part(None, limit, withhold=withhold),
            "SELECT 'line', v, NULL, COUNT(*) FROM hits h "
            "CROSS JOIN LATERAL unnest(string_to_array(h.facet_values, E'\\n')) AS v GROUP BY v",
        ]
    else:
        related = _related_parts(hit, limit, withhold=withhold)
    return (
        f"WITH hits(entry_id, date, place_id, review_status, facet_values) AS ({hits_sql}) "
        + " UNION ALL ".join(related + entry_level)
    )


def _rows(cur_rows: Sequence[Sequence[object]]) -> list[FacetRow]:
    return [
        FacetRow(str(f), "" if k is None else str(k), None if x is None else str(x), int(n or 0))  # type: ignore[call-overload]
        for f, k, x, n in cur_rows
    ]


def facet_rows(qs: QuerySet[m.Entry], limit: int, *, withhold: bool = False) -> list[FacetRow]:
    """Every facet's rows for the entries of ``qs``, in one query that evaluates the
    search itself (``withhold``: without confidential person mentions)."""
    try:
        hits_sql, params = (
            qs.order_by()
            .values_list("pk", "date", "place_id", "review_status", "facet_values")
            .query.sql_with_params()
        )
    except EmptyResultSet:  # a query that cannot match anything (``qs.none()``)
        return []
    # SQLite has no function that splits a string into rows (a recursive split would
    # cost more than the four tables' probes).
    lines = connection.vendor == "postgresql"
    # Each facet refers to the CTE; the CTE's own parameters appear once.
    with connection.cursor() as cur:
        cur.execute(facet_sql(hits_sql, limit, withhold=withhold, lines=lines), params)
        rows = _rows(cur.fetchall())
    if not lines:
        return rows
    counted = Counter({r.key: r.count for r in rows if r.facet == "line"})
    return [r for r in rows if r.facet != "line"] + _top_values(counted, limit)


def person_facet_rows(ids: Sequence[int], limit: int, *, withhold: bool = False) -> list[FacetRow]:
    """The person facet of the entries ``ids``, in one query."""
    if not ids:
        return []
    # The ids are integers read from the database, written into the statement: the
    # index scan then knows how many entries it looks for.
    listed = ",".join(str(int(i)) for i in ids)
    if connection.vendor == "postgresql":
        array = "'{" + listed + "}'::bigint[]"

        def hit(c: str) -> str:
            return f"{c} = ANY({array})"
    else:

        def hit(c: str) -> str:
            return f"{c} IN ({listed})"

    with connection.cursor() as cur:
        cur.execute(_person_part(hit, limit, withhold=withhold))
        return _rows(cur.fetchall())


def entry_facet_rows(rows: Sequence[MatchRow], limit: int) -> list[FacetRow]:
    """Every facet but persons of matching entries read into the process, as
    :func:`facet_rows` gives them: review statuses, places, the date span, undated;
    types, articles, sources and sanctions from the entries' ``facet_values``, each
    keeping its largest values (``limit``: articles and sources)."""
    dates = [r.date for r in rows if r.date is not None]
    statuses = Counter(r.status for r in rows)
    places = Counter(r.place_id for r in rows if r.place_id is not None)
    out = [FacetRow("status", k, None, n) for k, n in statuses.items()]
    out += [FacetRow("place", str(k), None, n) for k, n in places.items()]
    out.append(
        FacetRow(
            "span",
            min(dates).isoformat() if dates else "",
            max(dates).isoformat() if dates else None,
            len(rows),
        )
    )
    out.append(FacetRow("undated", "", None, len(rows) - len(dates)))
    return out + value_facet_rows(rows, limit)


def value_facet_rows(rows: Sequence[MatchRow], limit: int) -> list[FacetRow]:
    """The type, article, source and sanction facets of ``rows``: each distinct line of
    their ``facet_values`` counted (an entry has each value once), then parsed."""
    lines: Counter[str] = Counter()
    for r in rows:
        if r.values:
            lines.update(r.values.split("\n"))
    return _top_values(lines, limit)


def _top_values(lines: Counter[str], limit: int) -> list[FacetRow]:
    """Counted ``facet_values`` lines as facet rows, each facet keeping its largest
    counts (``limit``: articles and sources), ties in the order of the value."""
    by: dict[str, list[FacetRow]] = {}
    for line, n in lines.items():
        facet, key, *extra = value_fields(line)
        by.setdefault(facet, []).append(FacetRow(facet, key, extra[0] if extra else None, n))
    keep = {"type": TYPE_LIMIT, "article": limit, "domain": limit, "sanction": SANCTION_LIMIT}
    out: list[FacetRow] = []
    for facet, top in keep.items():
        found = by.get(facet, [])
        found.sort(key=lambda f: (-f.count, f.key, f.extra or ""))
        out += found[:top]
    return out


def parse_day(text: str | None) -> dt.date | None:
    if not text:
        return None
    return dt.date.fromisoformat(text[:10])


def place_counts(rows: list[FacetRow]) -> Counter[int]:
    return Counter({int(r.key): r.count for r in rows if r.facet == "place"})
