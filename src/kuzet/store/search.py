"""Full-text search over entry text, on SQLite (FTS5) and PostgreSQL (tsvector + GIN).

    search(f, limit=, offset=, order=)  → SearchPage (entries, total, exact)
    index_entries / unindex_entries     keep the SQLite FTS5 table in step (services call these)
    rebuild_index()                     rebuild it from the entries (``kuzet reindex``)

Ranking is *limited*: relevance (bm25 / ts_rank_cd) is computed only for the newest
``RANK_WINDOW`` matching entries, so that a query matching half a million entries
costs the same as one matching a thousand. Totals above ``COUNT_LIMIT`` are reported
as "more than" rather than counted exactly, for the same reason.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from django.db import connection
from django.db.models import QuerySet
from django.db.models.expressions import RawSQL

from . import models as m
from .selectors import EntryFilter, filtered_entries, with_details

__all__ = [
    "SearchPage",
    "search",
    "matching_entries",
    "index_entries",
    "unindex_entries",
    "rebuild_index",
    "fts5_query",
    "query_terms",
    "snippet",
    "RANK_WINDOW",
    "COUNT_LIMIT",
]

RANK_WINDOW = 1000
COUNT_LIMIT = 10_000
FTS_TABLE = "store_entry_fts"
PG_CONFIG = "simple"  # must match migration 0002's generated column


@dataclass(frozen=True, slots=True)
class SearchPage:
    entries: list[m.Entry]
    total: int  # matching entries (at most COUNT_LIMIT + 1 when not exact)
    exact: bool  # False: there are more than COUNT_LIMIT


# --- keeping the SQLite index -----------------------------------------------------


def _sqlite() -> bool:
    return connection.vendor == "sqlite"


def index_entries(rows: Iterable[tuple[int, str]]) -> None:
    """Add entries (id, text) to the index. PostgreSQL computes its own."""
    if not _sqlite():
        return
    with connection.cursor() as cur:
        cur.executemany(f"INSERT INTO {FTS_TABLE}(rowid, text) VALUES (%s, %s)", list(rows))


def unindex_entries(rows: Iterable[tuple[int, str]]) -> None:
    """Remove entries (id, *old* text) from the index, before they change or go."""
    if not _sqlite():
        return
    with connection.cursor() as cur:
        cur.executemany(
            f"INSERT INTO {FTS_TABLE}({FTS_TABLE}, rowid, text) VALUES ('delete', %s, %s)",
            list(rows),
        )


def rebuild_index() -> None:
    """Rebuild the SQLite index from the entries table; nothing to do on PostgreSQL."""
    if not _sqlite():
        return
    with connection.cursor() as cur:
        cur.execute(f"INSERT INTO {FTS_TABLE}({FTS_TABLE}) VALUES ('rebuild')")


# --- queries ------------------------------------------------------------------------

_TOKEN_RE = re.compile(r'(-?)"([^"]*)"|(-?)(\S+)')
_WORD_RE = re.compile(r"\w+", re.UNICODE)


@dataclass(frozen=True, slots=True)
class _Term:
    words: tuple[str, ...]  # one word, or a phrase
    negated: bool
    prefix: bool


def _terms(q: str) -> list[_Term]:
    """Words, "phrases", -excluded and prefix* terms; punctuation is dropped."""
    out = []
    for m_ in _TOKEN_RE.finditer(q):
        if m_.group(2) is not None:
            words = tuple(_WORD_RE.findall(m_.group(2)))
            negated, prefix = m_.group(1) == "-", False
        else:
            raw = m_.group(4)
            if raw.upper() == "OR" or raw.upper() == "AND":
                continue  # every term must match; OR is not offered
            words = tuple(_WORD_RE.findall(raw))
            negated, prefix = m_.group(3) == "-", raw.endswith("*")
        if words:
            out.append(_Term(words, negated, prefix and len(words) == 1))
    return out


def query_terms(q: str) -> list[str]:
    """The words a query looks for (for highlighting)."""
    return [w for t in _terms(q) if not t.negated for w in t.words]


def fts5_query(q: str) -> str:
    """A user's query as a safe FTS5 expression (every word quoted)."""
    terms = _terms(q)
    positive = [t for t in terms if not t.negated]
    if not positive:
        return ""

    def quoted(t: _Term) -> str:
        body = '"' + " ".join(w.replace('"', '""') for w in t.words) + '"'
        return body + ("*" if t.prefix else "")

    expr = " AND ".join(quoted(t) for t in positive)
    for t in terms:
        if t.negated:
            expr += f" NOT {quoted(t)}"
    return expr


def _pg_query(q: str) -> str:
    """A user's query for ``to_tsquery``: quoted words, & between terms, ! for excluded."""
    parts = []
    for t in _terms(q):
        words = [w.replace("'", "") for w in t.words if w.replace("'", "")]
        if not words:
            continue
        phrase = " <-> ".join(f"'{w}'" + (":*" if t.prefix else "") for w in words)
        parts.append(("!" if t.negated else "") + (f"({phrase})" if len(words) > 1 else phrase))
    if not any(not p.startswith("!") for p in parts):
        return ""
    return " & ".join(parts)


def matching_entries(qs: QuerySet[m.Entry], q: str) -> QuerySet[m.Entry] | None:
    """``qs`` narrowed to entries whose text matches ``q``; None when q has no words."""
    if _sqlite():
        expr = fts5_query(q)
        if not expr:
            return None
        return qs.filter(
            pk__in=RawSQL(f"SELECT rowid FROM {FTS_TABLE} WHERE {FTS_TABLE} MATCH %s", [expr])
        )
    expr = _pg_query(q)
    if not expr:
        return None
    return qs.filter(
        pk__in=RawSQL(
            f"SELECT id FROM store_entry WHERE search_vector @@ to_tsquery('{PG_CONFIG}', %s)",
            [expr],
        )
    )


def _count(qs: QuerySet[m.Entry]) -> tuple[int, bool]:
    n = qs.order_by().values("pk")[: COUNT_LIMIT + 1].count()
    return n, n <= COUNT_LIMIT


def search(
    f: EntryFilter, *, limit: int = 20, offset: int = 0, order: str = "relevance"
) -> SearchPage:
    """Entries matching ``f``: by relevance when there is a text query (within the newest
    ``RANK_WINDOW`` matches), else newest first. ``order="date"`` forces newest first."""
    qs = filtered_entries(f)
    if f.q.strip():
        narrowed = matching_entries(qs, f.q)
        if narrowed is None:
            return SearchPage([], 0, True)
        qs = narrowed
    total, exact = _count(qs)
    newest = qs.order_by("-date", "-id")
    if not f.q.strip() or order == "date":
        entries = list(with_details(newest)[offset : offset + limit])
        return SearchPage(entries, total, exact)
    window = list(newest.values_list("pk", flat=True)[:RANK_WINDOW])
    ranked = _rank(window, f.q)[offset : offset + limit]
    by_id = {e.pk: e for e in with_details(m.Entry.objects.filter(pk__in=ranked))}
    return SearchPage([by_id[i] for i in ranked if i in by_id], total, exact)


def _rank(ids: list[int], q: str) -> list[int]:
    """``ids`` ordered by relevance to ``q``, best first."""
    if not ids:
        return []
    with connection.cursor() as cur:
        if _sqlite():
            # "+rowid": the match drives and the id list only filters; letting FTS5 look
            # each id up instead costs a doclist seek per id (20x slower).
            cur.execute(
                f"SELECT rowid FROM {FTS_TABLE} WHERE {FTS_TABLE} MATCH %s "
                f"AND +rowid IN (SELECT value FROM json_each(%s)) "
                f"ORDER BY bm25({FTS_TABLE}), rowid DESC",
                [fts5_query(q), "[" + ",".join(map(str, ids)) + "]"],
            )
        else:
            cur.execute(
                "SELECT id FROM store_entry WHERE id = ANY(%s) "
                f"ORDER BY ts_rank_cd(search_vector, to_tsquery('{PG_CONFIG}', %s)) DESC, id DESC",
                [ids, _pg_query(q)],
            )
        return [row[0] for row in cur.fetchall()]


def snippet(text: str, q: str, width: int = 160) -> str:
    """A piece of ``text`` around the first word of the query (or its start)."""
    words = [w.lower() for w in query_terms(q)]
    lower = text.lower()
    hits = [lower.find(w[: max(4, len(w) - 2)]) for w in words]
    hits = [h for h in hits if h >= 0]
    start = max(0, min(hits) - width // 3) if hits else 0
    piece = text[start : start + width]
    return ("…" if start else "") + piece + ("…" if start + width < len(text) else "")
