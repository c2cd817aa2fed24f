"""Reads the pages need beyond the store's selectors: region and sanction narrowing
(selectors the store's ``EntryFilter`` does not have), sorting, facet counts, and the
data version that keys the caches.

Filtering itself is the store's :func:`kuzet.store.selectors.filtered_entries` over an
:class:`~kuzet.store.selectors.EntryFilter` — the same one ``kuzet search`` uses — so
the CLI, the pages and the API agree on what a query means. Everything starts from
:func:`kuzet.workspace.access.visible_entries`.
"""

from __future__ import annotations

import datetime as dt
import functools
import hashlib
import pickle
import threading
import time
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, replace

from django.conf import settings
from django.db import connection
from django.db.models import F, Max, QuerySet
from django.db.models.expressions import RawSQL

from ..store import models as m
from ..store import search as store_search
from ..store.facets import place_token, type_token
from ..store.selectors import EntryFilter, FilterError, filtered_entries
from .access import visible_entries
from .facets import FacetRow, MatchRow
from .params import BadQuery, SearchParams

__all__ = [
    "DataVersion",
    "FacetValue",
    "Facets",
    "cache_key",
    "data_version",
    "date_page",
    "entry_filter",
    "facet_counts",
    "for_listing",
    "matching_entries",
    "ordered",
    "search_facets",
    "shared_get",
    "shared_set",
]

FACET_LIMIT = 12


def entry_filter(p: SearchParams) -> EntryFilter:
    """The store's filter for these parameters (``region`` is applied separately)."""
    person, person_id = "", None
    if p.person:
        value = p.person[0]
        if value.isdigit():
            person_id = int(value)
        else:
            person = value
    return EntryFilter(
        q=p.q,
        date_from=p.date_from,
        date_to=p.date_to,
        place=p.place[0] if p.place else "",
        types=p.type,
        article=str(p.article[0]) if p.article else "",
        person=person,
        person_id=person_id,
        domain=p.domain[0] if p.domain else "",
        statuses=p.status,
        document=p.document[0] if p.document else "",
    )


def matching_entries(p: SearchParams, user: object) -> QuerySet[m.Entry]:
    """Visible entries matching every parameter, text query included (unordered)."""
    from .redaction import withheld_search, withholds_names

    f, groups = _token_groups(entry_filter(p), p)
    if groups is None:  # a place or region that does not exist
        return visible_entries(user).none()
    # A person filter must not find entries through a name withheld from the user.
    mentions = m.PersonMention.objects.filter(confidential=False) if withholds_names(user) else None
    try:
        qs = filtered_entries(f.without_query(), mentions=mentions)
    except FilterError as exc:
        raise BadQuery("article", str(exc)) from None
    # AND-ing the two querysets merges their conditions into one WHERE clause.
    qs = with_tokens(visible_entries(user) & qs, groups)
    if p.sanction:
        qs = qs.filter(pk__in=m.Sanction.objects.filter(kind=p.sanction[0]).values("entry_id"))
    if p.q.strip():
        # Kuzet's store answers text queries with its own index (FTS5 / tsvector).
        narrowed = store_search.matching_entries(qs, p.q)
        qs = withheld_search(qs, narrowed, p.q, user) if narrowed is not None else qs.none()
    return qs


@functools.cache
def _type_tokens() -> dict[str, str]:
    """Event type id -> its facet token, for the bundled types whose token no other
    bundled type shares (so a token stands for its type); other types are filtered
    by SQL. (The bundled label table, not the taxonomy: loading the taxonomy compiles
    its patterns, seconds of work a web process never otherwise needs.)"""
    from .labels import TYPE_LABELS

    tokens = Counter(type_token(t) for t in TYPE_LABELS)
    return {t: type_token(t) for t in TYPE_LABELS if tokens[type_token(t)] == 1}


_named: dict[tuple[str, str, str], tuple[str, ...]] = {}


def _place_tokens(name: str) -> tuple[str, ...]:
    """Tokens of the places called ``name``: an entry carries its place's token and its
    region's, so these find exactly :func:`places_within` ``(name)``'s entries. The
    database compares the names (its own case rules); the answer is kept per data
    version and process, as a few region names make most searches."""
    key = (connection.alias, data_version().token, name)
    tokens = _named.get(key)
    if tokens is None:
        ids = m.Place.objects.filter(name__iexact=name).values_list("pk", flat=True)
        tokens = tuple(place_token(i) for i in ids)
        if len(_named) > 1000:
            _named.clear()
        _named[key] = tokens
    return tokens


def _token_groups(
    f: EntryFilter, p: SearchParams
) -> tuple[EntryFilter, list[tuple[str, ...]] | None]:
    """The filters the full-text index answers by facet tokens (event types, place,
    region), taken out of ``f``; each group is an OR of tokens, the groups are AND-ed.
    The index intersects them with the words in one scan, where SQL would join entry
    types and places for every entry matching the words. None: a place or region
    that does not exist, so nothing matches."""
    groups: list[tuple[str, ...]] = []
    known = _type_tokens()
    if f.types and all(t in known for t in f.types):
        groups.append(tuple(known[t] for t in f.types))
        f = replace(f, types=())
    for name in (f.place, p.region[0] if p.region else ""):
        if name:
            tokens = _place_tokens(name)
            if not tokens:
                return f, None
            groups.append(tokens)
    return replace(f, place=""), groups


def with_tokens(qs: QuerySet[m.Entry], groups: list[tuple[str, ...]]) -> QuerySet[m.Entry]:
    """``qs`` narrowed to entries whose facet tokens meet every group (one of each)."""
    if not groups:
        return qs
    if connection.vendor == "postgresql":
        # Facet tokens are in the search vector with a "0" in front (migration 0006).
        expr = " & ".join("(" + " | ".join("0" + t for t in g) + ")" for g in groups)
        return qs.filter(text__kuzet_tsmatch=expr)
    expr = " AND ".join("facets : (" + " OR ".join(g) + ")" for g in groups)
    table = store_search.FTS_TABLE
    return qs.filter(pk__in=RawSQL(f"SELECT rowid FROM {table} WHERE {table} MATCH %s", [expr]))


ORDERINGS: dict[str, tuple[str, ...]] = {
    "-date": ("-date", "-id"),
    "date": ("date", "id"),
    "place": ("place__name", "-date", "-id"),
    "-place": ("-place__name", "-date", "-id"),
    "doc": ("document__key", "n"),
    "-doc": ("-document__key", "-n"),
}


def ordered(qs: QuerySet[m.Entry], sort: str) -> QuerySet[m.Entry]:
    order = list(ORDERINGS.get(sort, ORDERINGS["-date"]))
    if sort in ("-date", "date"):
        # Undated entries last in both directions: they are the least informative.
        first = (
            F("date").desc(nulls_last=True) if sort == "-date" else F("date").asc(nulls_last=True)
        )
        return qs.order_by(first, order[1])
    return qs.order_by(*order)


def page_of(
    qs: QuerySet[m.Entry], sort: str, offset: int, size: int, *, total: int, undated: int
) -> list[m.Entry]:
    """One page of results in ``sort`` order, undated entries last.

    By date, the dated and the undated entries are read as two runs: ``ORDER BY date``
    alone can walk the date index, where ``NULLS LAST`` (which PostgreSQL does not put
    last by itself when descending) would sort every matching entry first.
    """
    if sort not in ("-date", "date"):
        return list(for_listing(ordered(qs, sort))[offset : offset + size])
    desc = sort == "-date"
    dated_n = total - undated
    out: list[m.Entry] = []
    if offset < dated_n:
        order = ("-date", "-id") if desc else ("date", "id")
        dated = qs.exclude(date=None).order_by(*order)
        out += list(for_listing(dated)[offset : min(offset + size, dated_n)])
    if offset + size > dated_n and undated:
        start = max(0, offset - dated_n)
        rest = qs.filter(date=None).order_by("-id" if desc else "id")
        out += list(for_listing(rest)[start : start + size - len(out)])
    return out


LIST_FIELDS = (
    "id",
    "n",
    "text",
    "date",
    "date_precision",
    "review_status",
    "document__key",
    "place__name",
    "place__region__name",
)


def for_listing(qs: QuerySet[m.Entry]) -> QuerySet[m.Entry]:
    """What a list of results shows (date, place, document, text, types) and no more:
    a list must stay cheap, so persons, articles, sanctions and sources are left to the
    entry page."""
    from django.db.models import Prefetch

    return (
        qs.select_related("document", "place", "place__region")
        .only(*LIST_FIELDS)
        .prefetch_related(
            Prefetch("types", queryset=m.EntryType.objects.only("entry_id", "type_id"))
        )
    )


@dataclass(frozen=True, slots=True)
class FacetValue:
    param: str  # the query parameter it sets
    value: str  # the parameter's value
    label: str  # what people read
    count: int
    selected: bool = False


@dataclass(frozen=True, slots=True)
class Facets:
    total: int
    date_min: dt.date | None
    date_max: dt.date | None
    undated: int
    region: tuple[FacetValue, ...]
    place: tuple[FacetValue, ...]
    type: tuple[FacetValue, ...]
    article: tuple[FacetValue, ...]
    person: tuple[FacetValue, ...]
    domain: tuple[FacetValue, ...]
    sanction: tuple[FacetValue, ...]
    status: tuple[FacetValue, ...]


def facet_counts(
    qs: QuerySet[m.Entry], p: SearchParams, *, limit: int = FACET_LIMIT, withhold: bool = False
) -> Facets:
    """Counts of entries per value of each facet, over the entries of ``qs`` (see
    :mod:`kuzet.workspace.facets`). ``withhold``: leave confidential person mentions
    out of the person facet (for users from whom they are withheld)."""
    return search_facets(qs, p, limit=limit, withhold=withhold)[0]


def search_facets(
    qs: QuerySet[m.Entry],
    p: SearchParams,
    *,
    limit: int = FACET_LIMIT,
    withhold: bool = False,
    read: bool = True,
) -> tuple[Facets, list[MatchRow] | None]:
    """:func:`facet_counts`, and the matching entries when they were read to count
    them (``read``, and no more than :data:`~kuzet.workspace.facets.ID_LIMIT`): a
    page of results sorted by date is then picked from them (:func:`date_page`).
    ``read=False``: let the database count everything (the whole record)."""
    from .facets import entry_facet_rows, facet_rows, match_rows, person_facet_rows

    matches = match_rows(qs) if read else None
    if matches is None:
        rows = facet_rows(qs, limit, withhold=withhold)
    elif not matches:
        rows = []  # nothing matches: nothing to count
    else:
        rows = entry_facet_rows(matches, limit) + person_facet_rows(
            [r.id for r in matches], limit, withhold=withhold
        )
    return _facets(rows, p, limit), matches


def date_page(matches: list[MatchRow], sort: str, offset: int, size: int) -> list[int] | None:
    """The ids of one page of ``matches`` in date order (``-date`` or ``date``, undated
    entries last, ties by id as :func:`ordered` sorts); None for other sorts."""
    if sort not in ("-date", "date"):
        return None
    desc = sort == "-date"
    dated = sorted(
        (r for r in matches if r.date is not None), key=lambda r: (r.date, r.id), reverse=desc
    )
    undated = sorted((r for r in matches if r.date is None), key=lambda r: r.id, reverse=desc)
    return [r.id for r in (dated + undated)[offset : offset + size]]


def _facets(rows: list[FacetRow], p: SearchParams, limit: int) -> Facets:
    from .facets import parse_day, place_counts
    from .labels import code_short, sanction_label, status_label, type_label

    by: dict[str, list[FacetRow]] = {}
    for r in rows:
        by.setdefault(r.facet, []).append(r)
    span = by.get("span", [None])[0]  # type: ignore[list-item]
    if span is None or span.count == 0:
        return Facets(0, None, None, 0, (), (), (), (), (), (), (), ())
    regions, places = _place_facets(place_counts(rows), p, limit)
    chosen_articles = set(p.article)
    return Facets(
        total=span.count,
        date_min=parse_day(span.key),
        date_max=parse_day(span.extra),
        undated=by["undated"][0].count if by.get("undated") else 0,
        region=regions,
        place=places,
        type=tuple(
            FacetValue("type", r.key, type_label(r.key), r.count, r.key in p.type)
            for r in by.get("type", [])
        ),
        article=tuple(
            FacetValue(
                "article",
                f"{r.key} {r.extra}",
                f"{code_short(r.key)} {r.extra}",
                r.count,
                f"{r.key} {r.extra}" in chosen_articles,
            )
            for r in by.get("article", [])
        ),
        person=tuple(
            FacetValue("person", r.key, r.extra or r.key, r.count, r.key in p.person)
            for r in by.get("person", [])
        ),
        domain=tuple(
            FacetValue("domain", r.key, r.key, r.count, r.key in p.domain)
            for r in by.get("domain", [])
        ),
        sanction=tuple(
            FacetValue("sanction", r.key, sanction_label(r.key), r.count, r.key in p.sanction)
            for r in by.get("sanction", [])
        ),
        # Most entries first; equal counts in a fixed order (the database groups in any).
        status=tuple(
            FacetValue("status", r.key, status_label(r.key), r.count, r.key in p.status)
            for r in sorted(by.get("status", []), key=lambda r: (-r.count, r.key))
        ),
    )


def _place_facets(
    counts: Counter[int], p: SearchParams, limit: int
) -> tuple[tuple[FacetValue, ...], tuple[FacetValue, ...]]:
    """Places, and regions (a town counts under its region; a top-level place under
    itself; countries under neither)."""
    places = place_table()
    by_region: Counter[str] = Counter()
    by_name: Counter[str] = Counter()
    for pk, n in counts.items():
        pl = places.get(pk)
        if pl is None:
            continue
        name, kind, region = pl
        by_name[name] += n
        if kind != "country":
            by_region[region or name] += n
    region = (p.region[0] if p.region else "").lower()
    place = (p.place[0] if p.place else "").lower()
    def order(c: Counter[str]) -> list[tuple[str, int]]:
        return sorted(c.items(), key=lambda kv: (-kv[1], kv[0]))

    return (
        tuple(FacetValue("region", k, k, n, k.lower() == region) for k, n in order(by_region)[:40]),
        tuple(
            FacetValue("place", k, k, n, k.lower() == place) for k, n in order(by_name)[: limit * 2]
        ),
    )


_places: dict[tuple[str, str], dict[int, tuple[str, str, str | None]]] = {}


def place_table() -> dict[int, tuple[str, str, str | None]]:
    """Every place: id -> (name, kind, its region's name), read once per data version
    and process (a few hundred rows; every search's place facets need them)."""
    key = (connection.alias, data_version().token)
    table = _places.get(key)
    if table is None:
        table = {
            pk: (name, kind, region)
            for pk, name, kind, region in m.Place.objects.values_list(
                "pk", "name", "kind", "region__name"
            )
        }
        _places.clear()  # only the current version is asked for
        _places[key] = table
    return table


@dataclass(frozen=True, slots=True)
class DataVersion:
    """Changes whenever the record changes; keys every cache of derived figures."""

    token: str
    as_of: dt.datetime | None  # when the record last changed


_VERSION_TTL = 2.0  # seconds a process trusts its last look at the version
_version_cache: dict[str, tuple[float, DataVersion]] = {}


def data_version() -> DataVersion:
    """The record's version: the last audit event and the last change to any entry,
    document or person. A handful of indexed MAX() lookups, looked up at most every
    two seconds per process."""
    alias = connection.alias
    now = time.monotonic()
    hit = _version_cache.get(alias)
    if hit is not None and now - hit[0] < _VERSION_TTL:
        return hit[1]
    row = {
        # Views and refused requests are logged but change nothing: they keep the caches.
        "audit": m.AuditEvent.objects.exclude(action__in=("view", "refused"))
        .order_by("-id")
        .values_list("id", flat=True)
        .first(),
        "entry": m.Entry.objects.aggregate(v=Max("updated_at"))["v"],
        "doc": m.Document.objects.aggregate(v=Max("updated_at"))["v"],
        "person": m.Person.objects.aggregate(v=Max("updated_at"))["v"],
        "n": m.Entry.objects.aggregate(v=Max("id"))["v"],
    }
    stamps = [v for k, v in row.items() if k in ("entry", "doc", "person") and v is not None]
    version = DataVersion(
        token="|".join(str(row[k]) for k in sorted(row)),
        as_of=max(stamps) if stamps else None,
    )
    _version_cache[alias] = (now, version)
    return version


def cache_key(kind: str, params: SearchParams, user: object) -> str:
    """A cache key for figures derived from a query: valid for one data version, one
    visibility (users who see the same entries share it) and one interface language
    (the cached figures carry translated labels)."""
    from django.utils.translation import get_language

    from .access import visibility_key

    raw = "|".join(
        (
            data_version().token,
            visibility_key(user),
            get_language() or "",
            params.urlencode(with_sort=False),
        )
    )
    return f"kuzet:{kind}:" + hashlib.sha256(raw.encode()).hexdigest()


SHARED = "shared"  # the cache alias every server process reads (settings.CACHES)


def shared_get(key: str) -> object | None:
    """A figure from this process's cache, or else from the cache all processes share
    (then kept in this process's too). The shared cache is only for figures that take
    long to compute: reading it costs a file read."""
    from django.core.cache import cache, caches

    hit = cache.get(key)
    if hit is None and SHARED in settings.CACHES:
        try:
            hit = caches[SHARED].get(_shared_key(key))
        except (OSError, EOFError, pickle.UnpicklingError, AttributeError, ImportError):
            hit = None  # unreadable, or written by another version: computed again
        if hit is not None:
            cache.set(key, hit, SHARED_SECONDS)
    return hit


def shared_set(key: str, value: object) -> None:
    """Keep ``value`` in this process's cache and in the shared one; a shared cache
    that cannot be written (a full or read-only disk) only costs recomputing."""
    from django.core.cache import cache, caches

    cache.set(key, value, SHARED_SECONDS)
    if SHARED in settings.CACHES:
        try:
            caches[SHARED].set(_shared_key(key), value, SHARED_SECONDS)
        except OSError:
            pass


SHARED_SECONDS = 3600


def _shared_key(key: str) -> str:
    """``key`` for the shared cache, which lives in KUZET_HOME: also keyed by the
    database, as one KUZET_HOME may serve several (SQLite and a PostgreSQL URL)."""
    db = connection.settings_dict
    where = f"{db.get('ENGINE')}|{db.get('NAME')}|{db.get('HOST')}|{db.get('PORT')}"
    return key + ":" + hashlib.sha256(where.encode()).hexdigest()[:16]


_locks: dict[str, threading.Lock] = {}
_locks_guard = threading.Lock()


@contextmanager
def once(key: str) -> Iterator[None]:
    """Hold the lock for ``key`` (one per key and process): around computing something
    expensive that the next holder will find in the cache."""
    with _locks_guard:
        lock = _locks.setdefault(key, threading.Lock())
    with lock:
        yield
    with _locks_guard:
        if len(_locks) > 1000:  # forget idle locks now and then
            for k in [k for k, v in _locks.items() if not v.locked()]:
                _locks.pop(k, None)


def forget_data_version() -> None:
    """Drop the remembered version (tests that change data call this)."""
    _version_cache.clear()
