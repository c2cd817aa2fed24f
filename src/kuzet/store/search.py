"""Full-text search over entry text, on SQLite (FTS5) and PostgreSQL (tsvector + GIN).

    search(f, limit=, offset=, order=)  → SearchPage (entries, total, exact)
    index_entries / unindex_entries     keep the SQLite FTS5 table in step (services call these)
    rebuild_index()                     rebuild it from the entries (``kuzet reindex``)

How a filter is answered (``_plan``): the words, and every filter that has a facet
token (types, article, domain, place, document, status, confidentiality, months of a
date range; see :mod:`kuzet.store.facets`), become one full-text condition, so the
database intersects posting lists; the rest (person, ``updated_since``, date bounds
inside a month) is SQL over what the index found. (On PostgreSQL a date range stays
SQL: its planner does better with the date index than with month tokens.) A date
range also bounds the ids searched (``_id_span``), because entries are stored roughly
in date order and neither planner knows it.

Ranking is *limited*: relevance (bm25 / ts_rank_cd, on the text only) is computed for
the ``RANK_WINDOW`` most recently stored matching entries, so that a query matching
half a million entries costs the same as one matching a thousand. Totals above
``COUNT_LIMIT`` are reported as "more than" rather than counted exactly, for the same
reason: one walk fetches the newest ``COUNT_LIMIT + 1`` matching ids, which both
counts and gives the ranking window. SQLite's FTS5 walks its rowids newest first;
PostgreSQL's GIN cannot, so ``_pg_newest`` asks for windows of the newest ids through
id-block tokens (migration 0007) and computes ts_rank_cd as it goes.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable
from dataclasses import dataclass, replace
from typing import Any

from django.db import connection
from django.db.models import Lookup, QuerySet, TextField, Value
from django.db.models.expressions import RawSQL

from . import models as m
from .facets import (
    ID_BLOCK_LEVELS,
    article_tokens,
    confidential_token,
    document_token,
    domain_token,
    id_block_token,
    months_between,
    place_token,
    status_token,
    type_token,
)
from .selectors import EntryFilter, filtered_entries, parse_article, with_details

__all__ = [
    "COUNT_LIMIT",
    "RANK_WINDOW",
    "SearchPage",
    "fts5_query",
    "index_entries",
    "matching_entries",
    "query_terms",
    "rebuild_index",
    "search",
    "snippet",
    "unindex_entries",
]

RANK_WINDOW = 1000
COUNT_LIMIT = 1000  # counted exactly up to here; beyond, "more than 1,000"
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


def index_entries(rows: Iterable[tuple[int, str, str]]) -> None:
    """Add entries (id, text, facets) to the index. PostgreSQL computes its own."""
    if not _sqlite():
        return
    with connection.cursor() as cur:
        cur.executemany(
            f"INSERT INTO {FTS_TABLE}(rowid, text, facets) VALUES (%s, %s, %s)", list(rows)
        )


def unindex_entries(rows: Iterable[tuple[int, str, str]]) -> None:
    """Remove entries (id, *old* text, *old* facets) from the index, before they change
    or go: an external-content FTS5 table needs the values it indexed to forget them."""
    if not _sqlite():
        return
    with connection.cursor() as cur:
        cur.executemany(
            f"INSERT INTO {FTS_TABLE}({FTS_TABLE}, rowid, text, facets) "
            "VALUES ('delete', %s, %s, %s)",
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


@TextField.register_lookup
class _TsMatch(Lookup):  # type: ignore[type-arg]
    """PostgreSQL only: ``Entry.text`` matched through the generated ``search_vector``
    (its words, and its facet tokens with a "0" in front; migration 0006). A lookup
    rather than raw SQL so that the table alias is right inside subqueries too."""

    lookup_name = "kuzet_tsmatch"

    def as_sql(self, compiler: Any, connection: Any) -> tuple[str, list[Any]]:
        lhs, lhs_params = self.process_lhs(compiler, connection)
        rhs, rhs_params = self.process_rhs(compiler, connection)
        table = lhs.rsplit(".", 1)[0]
        return f'{table}."search_vector" @@ to_tsquery(\'{PG_CONFIG}\', {rhs})', [*lhs_params, *rhs_params]


def _fts_ids(expr: str) -> RawSQL:
    return RawSQL(f"SELECT rowid FROM {FTS_TABLE} WHERE {FTS_TABLE} MATCH %s", [expr])


def matching_entries(qs: QuerySet[m.Entry], q: str) -> QuerySet[m.Entry] | None:
    """``qs`` narrowed to entries whose text matches ``q``; None when q has no words."""
    if _sqlite():
        expr = fts5_query(q)
        return qs.filter(pk__in=_fts_ids(f"text : ({expr})")) if expr else None
    expr = _pg_query(q)
    return qs.filter(text__kuzet_tsmatch=expr) if expr else None


# --- the search plan ----------------------------------------------------------------

MAX_MONTH_TOKENS = 240  # a date range longer than 20 years is filtered by SQL instead


@dataclass(frozen=True, slots=True)
class _Plan:
    """A filter split into what the full-text index answers and what SQL answers."""

    text: str  # the words, as an FTS5 or tsquery expression ("" none)
    groups: tuple[tuple[str, ...], ...]  # facet tokens: every group must match one token
    rest: EntryFilter  # the filters only SQL can apply
    empty: bool = False  # a filter names nothing that exists: no results

    @property
    def indexed(self) -> bool:
        return bool(self.text or self.groups)

    def fts5(self) -> str:
        parts = [f"text : ({self.text})"] if self.text else []
        parts += ["facets : (" + " OR ".join(g) + ")" for g in self.groups]
        return " AND ".join(parts)

    def tsquery(self) -> str:
        """Words and facet tokens in one query; facet tokens carry PostgreSQL's "0"."""
        groups = ["(" + " | ".join("0" + t for t in g) + ")" for g in self.groups]
        return " & ".join(([f"({self.text})"] if self.text else []) + groups)


def _article_group(text: str) -> tuple[str, ...]:
    code, article, part = parse_article(text)
    codes = [code] if code else ["CC", "CAO", "CPC", "OTHER"]
    return tuple(article_tokens(c, article, part or None)[-1] for c in codes)


def _month_aligned(f: EntryFilter) -> bool:
    starts = f.date_from is None or f.date_from.day == 1
    ends = f.date_to is None or (f.date_to + dt.timedelta(days=1)).day == 1
    return starts and ends


def _date_bound(order: str) -> dt.date | None:
    # One bound per query: SQLite answers MIN or MAX alone from the index, both at once
    # by reading the whole table.
    return m.Entry.objects.exclude(date=None).order_by(order).values_list("date", flat=True).first()


def _plan(f: EntryFilter) -> _Plan:
    groups: list[tuple[str, ...]] = []
    rest = replace(
        f, q="", types=(), article="", domain="", place="", document="", statuses=(), confidential=None
    )
    if f.types:
        groups.append(tuple(type_token(t) for t in f.types))
    if f.article:
        groups.append(_article_group(f.article))
    if f.domain:
        groups.append((domain_token(f.domain.lower().removeprefix("www.")),))
    if f.place:
        ids = list(m.Place.objects.filter(name__iexact=f.place.strip()).values_list("pk", flat=True))
        if not ids:
            return _Plan("", (), rest, empty=True)
        groups.append(tuple(place_token(i) for i in ids))
    if f.document:
        doc = m.Document.objects.filter(key=f.document).values_list("pk", flat=True).first()
        if doc is None:
            return _Plan("", (), rest, empty=True)
        groups.append((document_token(doc),))
    if f.statuses:
        groups.append(tuple(status_token(s) for s in f.statuses))
    if f.confidential is not None:
        groups.append((confidential_token(f.confidential),))
    # PostgreSQL plans a date range over the date index better than over month tokens
    # (entries are stored roughly in date order, which the planner's estimates miss).
    if (f.date_from or f.date_to) and _sqlite():
        lo = f.date_from or _date_bound("date")
        hi = f.date_to or _date_bound("-date")
        if lo is None or hi is None or lo > hi:
            return _Plan("", (), rest, empty=True)
        months = months_between(lo, hi)
        if len(months) <= MAX_MONTH_TOKENS:
            groups.append(tuple(months))
            if _month_aligned(f):
                rest = replace(rest, date_from=None, date_to=None)
    text = ""
    if f.q.strip():
        text = fts5_query(f.q) if _sqlite() else _pg_query(f.q)
        if not text:
            return _Plan("", (), rest, empty=True)
    return _Plan(text, tuple(groups), rest)


def search(
    f: EntryFilter, *, limit: int = 20, offset: int = 0, order: str = "relevance"
) -> SearchPage:
    """Entries matching ``f``: by relevance when there is a text query (within the newest
    ``RANK_WINDOW`` matches), else newest first. ``order="date"`` forces newest first."""
    plan = _plan(f)
    if plan.empty:
        return SearchPage([], 0, True)
    rest = filtered_entries(plan.rest)
    ranking = bool(plan.text) and order != "date"
    qs, newest, ranks = _matches(f, plan, rest, ranking)
    total, exact = min(len(newest), COUNT_LIMIT + 1), len(newest) <= COUNT_LIMIT
    if ranking:
        window = newest[:RANK_WINDOW]
        if ranks is None:
            ranked = _rank(window, plan.fts5())
        else:  # best first, then newest first, as ORDER BY ts_rank_cd DESC, id DESC
            ranked = sorted(window, key=lambda i: (-ranks[i], -i))
        return SearchPage(_in_order(ranked[offset : offset + limit]), total, exact)
    if exact:  # few enough to sort by date
        page = m.Entry.objects.filter(pk__in=newest).order_by("-date", "-id")
    elif _sqlite() and plan.indexed:
        ids = _newest_of_many(rest, plan.fts5(), offset + limit)[offset:]
        return SearchPage(_in_order(ids), total, exact)
    else:  # a large share of all entries: walking the date index finds a page at once
        page = qs.order_by("-date", "-id")
    return SearchPage(list(with_details(page)[offset : offset + limit]), total, exact)


def _matches(
    f: EntryFilter, plan: _Plan, rest: QuerySet[m.Entry], ranking: bool
) -> tuple[QuerySet[m.Entry], list[int], dict[int, float] | None]:
    """The matching entries, the ids of the newest-stored ``COUNT_LIMIT + 1`` of them
    (one walk that both counts, up to the limit, and gives the ranking window), and,
    on PostgreSQL when ``ranking``, their relevance (None: not computed)."""
    wanted = COUNT_LIMIT + 1
    span = _id_span(f)
    if plan.indexed and _sqlite():
        return (*_sqlite_matches(plan, rest, span), None)
    if plan.indexed:
        qs = rest.filter(**_pg_filters(plan))
        if span is not None:
            qs = qs.filter(pk__range=span)
        found = _pg_newest(rest, plan.tsquery(), wanted, span, rank=plan.text if ranking else "")
        return qs, [i for i, _ in found], (dict(found) if ranking else None)
    qs = rest if span is None else rest.filter(pk__range=span)
    return qs, list(qs.order_by("-id").values_list("pk", flat=True)[:wanted]), None


FIRST_WINDOW = 1 << ID_BLOCK_LEVELS[0]  # PostgreSQL: the newest ids searched first
WINDOW_GROWTH = 4  # a window after an empty one is this many times wider
WINDOW_MARGIN = 1.25  # later windows: room for this many times the matches still wanted


def _pg_newest(
    rest: QuerySet[m.Entry],
    tsquery: str,
    wanted: int,
    span: tuple[int, int] | None,
    *,
    rank: str = "",
) -> list[tuple[int, float]]:
    """The newest ``wanted`` entries of ``rest`` matching ``tsquery``, walking back
    from the newest id in windows until enough are found.

    A window is a few whole blocks of ids, asked for by their tokens in a second
    condition (``search_vector @@ '0ib12x244 | 0ib14x60'``, migration 0007): GIN
    intersects the two conditions by skipping, so it reads only the part of the
    word lists inside the window, and only the window's matches are read from the
    table. (An id range in SQL is applied only after GIN has returned every match in
    the table, and reading those rows is most of the cost.) The first window is the
    newest 4,096 ids; each later one is sized by the rate of matches so far, so that
    a common query is answered by one or two windows and a rare one costs about one
    whole-table scan. The windows split the ids without overlap, so the result is
    the same as sorting every match by id.

    Returns (id, relevance to ``rank``) pairs (relevance 0.0 when ``rank`` is ""):
    computing it while the window's rows are read spares reading them again.
    """
    if span is None:
        lowest = 0
        top = m.Entry.objects.order_by("-id").values_list("id", flat=True).first()
        if top is None:
            return []
    else:
        lowest, top = span
    relevance = (
        RawSQL(f"ts_rank_cd(store_entry.search_vector, to_tsquery('{PG_CONFIG}', %s))", [rank])
        if rank
        else Value(0.0)
    )
    ids = rest.filter(text__kuzet_tsmatch=tsquery).order_by("-id").values_list("pk", relevance)
    floor = _block_start(lowest, ID_BLOCK_LEVELS[0])
    found: list[tuple[int, float]] = []
    upper, width = top, FIRST_WINDOW
    while upper >= lowest and len(found) < wanted:
        lower = max(floor, _block_start(upper - width + 1, ID_BLOCK_LEVELS[0]))
        tokens = " | ".join("0" + t for t in _window_tokens(lower, upper))
        # The id range only trims the blocks at the window's edges (a date span's
        # ends, entries stored since the walk began).
        window = ids.filter(text__kuzet_tsmatch=tokens, pk__range=(max(lower, lowest), upper))
        found += window[: wanted - len(found)]
        width = _next_width(width, top - lower + 1, len(found), wanted)
        upper = lower - 1
    return found


def _next_width(width: int, searched: int, found: int, wanted: int) -> int:
    """The next window's width: enough ids for the matches still wanted at the rate
    found so far in ``searched`` ids, or wider than the last when none were found."""
    if not found:
        return width * WINDOW_GROWTH
    return max(FIRST_WINDOW, int((wanted - found) * searched / found * WINDOW_MARGIN))


def _block_start(entry_id: int, bits: int) -> int:
    return (max(entry_id, 0) >> bits) << bits


def _window_tokens(lower: int, upper: int) -> list[str]:
    """The fewest id-block tokens that together hold the ids ``lower..upper``
    (``lower`` starts a smallest block; ``upper`` may end inside one)."""
    smallest = ID_BLOCK_LEVELS[0]
    tokens = [id_block_token(upper, smallest)]
    end = _block_start(upper, smallest)  # ids from here up are covered
    while end > lower:
        bits = next(  # the largest block that ends at ``end`` and starts inside the window
            b for b in reversed(ID_BLOCK_LEVELS) if end % (1 << b) == 0 and end - (1 << b) >= lower
        )
        end -= 1 << bits
        tokens.append(id_block_token(end, bits))
    return tokens


def _id_span(f: EntryFilter) -> tuple[int, int] | None:
    """The ids of the entries in ``f``'s date range lie between these two. Entries are
    stored roughly in date order, so searching only this span of ids spares walking
    everything stored after the range (the planners cannot know the correlation)."""
    if not (f.date_from and f.date_to):
        return None  # an open range can span most of the table: reading it costs more
    # A superset of the filter's entries (precision aside), read from the (date, id)
    # index alone. "OFFSET 0" keeps PostgreSQL from answering MIN/MAX by walking the
    # primary key until a row falls in the range, which crosses most of the table.
    fence = "LIMIT -1 OFFSET 0" if _sqlite() else "OFFSET 0"
    with connection.cursor() as cur:
        cur.execute(
            "SELECT min(id), max(id) FROM (SELECT id FROM store_entry "
            f"WHERE date >= %s AND date <= %s {fence}) AS dated",
            [f.date_from, f.date_to],
        )
        first, last = cur.fetchone()
    return (first, last) if first is not None else (0, -1)


SMALL_SET = 500  # ids SQL finds first, each then looked up in the FTS index


def _sqlite_matches(
    plan: _Plan, rest: QuerySet[m.Entry], span: tuple[int, int] | None
) -> tuple[QuerySet[m.Entry], list[int]]:
    expr = plan.fts5()
    wanted = COUNT_LIMIT + 1
    where = f"{FTS_TABLE} MATCH %s"
    params: list[Any] = [expr]
    if span is not None:
        where += " AND rowid BETWEEN %s AND %s"
        params += list(span)
    qs = rest.filter(pk__in=_fts_ids(expr))
    if span is not None:
        qs = qs.filter(pk__range=span)
    if not plan.rest.is_empty():
        # Few entries pass the SQL filters (a person): look each up in the index.
        few = list(rest.order_by("-id").values_list("pk", flat=True)[: SMALL_SET + 1])
        if len(few) > SMALL_SET:
            return qs, list(qs.order_by("-id").values_list("pk", flat=True)[:wanted])
        where += " AND rowid IN (SELECT value FROM json_each(%s))"
        params.append("[" + ",".join(map(str, few)) + "]")
    # FTS5 walks its rowids newest first without sorting.
    ids = _sql_column(
        f"SELECT rowid FROM {FTS_TABLE} WHERE {where} ORDER BY rowid DESC LIMIT {wanted}", params
    )
    return qs, ids


def _pg_filters(plan: _Plan) -> dict[str, str]:
    return {"text__kuzet_tsmatch": plan.tsquery()}


def _newest_of_many(rest: QuerySet[m.Entry], expr: str, wanted: int) -> list[int]:
    """The ``wanted`` newest entries of a large match set: walk entries by date and keep
    those the index matches, a chunk at a time (a large set matches often)."""
    found: list[int] = []
    ordered = rest.order_by("-date", "-id").values_list("pk", flat=True)
    step, start = 2000, 0
    while len(found) < wanted:
        chunk = list(ordered[start : start + step])
        if not chunk:
            break
        hits = set(_among(chunk, expr))
        found += [i for i in chunk if i in hits]
        start += step
    return found[:wanted]


def _sql_column(sql: str, params: list[Any]) -> list[int]:
    with connection.cursor() as cur:
        cur.execute(sql, params)
        return [row[0] for row in cur.fetchall()]


def _in_order(ids: list[int]) -> list[m.Entry]:
    by_id = {e.pk: e for e in with_details(m.Entry.objects.filter(pk__in=ids))}
    return [by_id[i] for i in ids if i in by_id]


def _rank(ids: list[int], expr: str) -> list[int]:
    """SQLite: ``ids`` ordered by relevance of their text to the query, best first.
    (PostgreSQL computes ts_rank_cd while it finds them: ``_pg_newest``.)"""
    return _among(ids, expr, order=f"bm25({FTS_TABLE}, 1.0, 0.0), rowid DESC") if ids else []


def _among(ids: list[int], expr: str, order: str = "rowid DESC") -> list[int]:
    """Those of ``ids`` the FTS5 expression matches. The rowid range lets FTS5 seek
    straight to the ids' stretch of each posting list; "+rowid IN" then only filters
    (letting FTS5 look each id up instead costs a seek per id)."""
    if not ids:
        return []
    return _sql_column(
        f"SELECT rowid FROM {FTS_TABLE} WHERE {FTS_TABLE} MATCH %s "
        "AND rowid BETWEEN %s AND %s AND +rowid IN (SELECT value FROM json_each(%s)) "
        f"ORDER BY {order}",
        [expr, min(ids), max(ids), "[" + ",".join(map(str, ids)) + "]"],
    )


def snippet(text: str, q: str, width: int = 160) -> str:
    """A piece of ``text`` around the first word of the query (or its start)."""
    words = [w.lower() for w in query_terms(q)]
    lower = text.lower()
    hits = [lower.find(w[: max(4, len(w) - 2)]) for w in words]
    hits = [h for h in hits if h >= 0]
    start = max(0, min(hits) - width // 3) if hits else 0
    if start:  # begin at a word
        space = text.find(" ", start)
        start = space + 1 if 0 <= space < min(hits) else start
    piece = text[start : start + width]
    return ("…" if start else "") + piece + ("…" if start + width < len(text) else "")
