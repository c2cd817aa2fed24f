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
import hashlib
import time
from dataclasses import dataclass, replace

from django.db import connection
from django.db.models import Count, F, Max, Min, Q, QuerySet
from django.db.models.functions import Coalesce

from ..store import models as m
from ..store import search as store_search
from ..store.selectors import EntryFilter, FilterError, filtered_entries, places_within
from .access import visible_entries
from .params import BadQuery, SearchParams

__all__ = [
    "entry_filter",
    "matching_entries",
    "ordered",
    "Facets",
    "FacetValue",
    "facet_counts",
    "data_version",
    "DataVersion",
    "cache_key",
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
    f = entry_filter(p)
    try:
        qs = filtered_entries(f.without_query())
    except FilterError as exc:
        raise BadQuery("article", str(exc)) from None
    # AND-ing the two querysets merges their conditions into one WHERE clause.
    qs = visible_entries(user) & qs
    if p.region:
        qs = qs.filter(place__in=places_within(p.region[0]).values("pk"))
    if p.sanction:
        qs = qs.filter(pk__in=m.Sanction.objects.filter(kind=p.sanction[0]).values("entry_id"))
    if p.q.strip():
        # Kuzet's store answers text queries with its own index (FTS5 / tsvector).
        narrowed = store_search.matching_entries(qs, p.q)
        qs = narrowed if narrowed is not None else qs.none()
    return qs


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
        first = F("date").desc(nulls_last=True) if sort == "-date" else F("date").asc(nulls_last=True)
        return qs.order_by(first, order[1])
    return qs.order_by(*order)


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


def _ids(qs: QuerySet[m.Entry]) -> QuerySet[m.Entry]:
    return qs.order_by().values("pk")


def facet_counts(qs: QuerySet[m.Entry], p: SearchParams, *, limit: int = FACET_LIMIT) -> Facets:
    """Counts of entries per value of each facet, over the entries of ``qs``."""
    from .labels import status_label, type_label

    ids = _ids(qs)
    span = qs.order_by().aggregate(
        total=Count("pk"), lo=Min("date"), hi=Max("date"), undated=Count("pk", filter=Q(date=None))
    )
    chosen_region = p.region[0] if p.region else ""
    regions = (
        qs.order_by()
        .exclude(place=None)
        .exclude(place__kind="country")
        .annotate(top=Coalesce("place__region__name", "place__name"))
        .values("top")
        .annotate(n=Count("pk"))
        .order_by("-n", "top")
    )
    region_values = tuple(
        FacetValue("region", r["top"], r["top"], r["n"], r["top"].lower() == chosen_region.lower())
        for r in regions[:40]
    )
    places = (
        qs.order_by().exclude(place=None).values("place__name").annotate(n=Count("pk")).order_by("-n", "place__name")
    )
    chosen_place = p.place[0].lower() if p.place else ""
    place_values = tuple(
        FacetValue("place", r["place__name"], r["place__name"], r["n"], r["place__name"].lower() == chosen_place)
        for r in places[: limit * 2]
    )
    types = (
        m.EntryType.objects.filter(entry_id__in=ids)
        .values("type_id")
        .annotate(n=Count("entry_id", distinct=True))
        .order_by("-n", "type_id")
    )
    type_values = tuple(
        FacetValue("type", r["type_id"], type_label(r["type_id"]), r["n"], r["type_id"] in p.type)
        for r in types[:40]
    )
    return Facets(
        total=span["total"],
        date_min=span["lo"],
        date_max=span["hi"],
        undated=span["undated"],
        region=region_values,
        place=place_values,
        type=type_values,
        article=_article_facet(ids, p, limit),
        person=_person_facet(ids, p, limit),
        domain=_domain_facet(ids, p, limit),
        sanction=_sanction_facet(ids, p),
        status=tuple(
            FacetValue("status", r["review_status"], status_label(r["review_status"]), r["n"],
                       r["review_status"] in p.status)
            for r in qs.order_by().values("review_status").annotate(n=Count("pk")).order_by("-n")
        ),
    )


def _article_facet(ids: QuerySet[m.Entry], p: SearchParams, limit: int) -> tuple[FacetValue, ...]:
    from .labels import code_short

    rows = (
        m.LegalRef.objects.filter(entry_id__in=ids)
        .values("code", "article")
        .annotate(n=Count("entry_id", distinct=True))
        .order_by("-n", "code", "article")[:limit]
    )
    chosen = {str(a) for a in p.article}
    out = []
    for r in rows:
        value = f"{r['code']} {r['article']}"
        out.append(
            FacetValue("article", value, f"{code_short(r['code'])} {r['article']}", r["n"], value in chosen)
        )
    return tuple(out)


def _person_facet(ids: QuerySet[m.Entry], p: SearchParams, limit: int) -> tuple[FacetValue, ...]:
    rows = (
        m.PersonMention.objects.filter(entry_id__in=ids)
        .exclude(person=None)
        .values("person_id", "person__name")
        .annotate(n=Count("entry_id", distinct=True))
        .order_by("-n", "person__name")[:limit]
    )
    chosen = set(p.person)
    return tuple(
        FacetValue("person", str(r["person_id"]), r["person__name"], r["n"], str(r["person_id"]) in chosen)
        for r in rows
    )


def _domain_facet(ids: QuerySet[m.Entry], p: SearchParams, limit: int) -> tuple[FacetValue, ...]:
    rows = (
        m.Citation.objects.filter(entry_id__in=ids)
        .values("source__domain")
        .annotate(n=Count("entry_id", distinct=True))
        .order_by("-n", "source__domain")[:limit]
    )
    chosen = set(p.domain)
    return tuple(
        FacetValue("domain", r["source__domain"], r["source__domain"], r["n"], r["source__domain"] in chosen)
        for r in rows
    )


def _sanction_facet(ids: QuerySet[m.Entry], p: SearchParams) -> tuple[FacetValue, ...]:
    from .labels import sanction_label

    rows = (
        m.Sanction.objects.filter(entry_id__in=ids)
        .values("kind")
        .annotate(n=Count("entry_id", distinct=True))
        .order_by("-n", "kind")
    )
    return tuple(
        FacetValue("sanction", r["kind"], sanction_label(r["kind"]), r["n"], r["kind"] in p.sanction)
        for r in rows
    )


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
        "audit": m.AuditEvent.objects.aggregate(v=Max("id"))["v"],
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
        (data_version().token, visibility_key(user), get_language() or "",
         params.urlencode(with_sort=False))
    )
    return f"kuzet:{kind}:" + hashlib.sha256(raw.encode()).hexdigest()


def forget_data_version() -> None:
    """Drop the remembered version (tests that change data call this)."""
    _version_cache.clear()


def without_facet(p: SearchParams, name: str) -> SearchParams:
    return replace(p, **{name: ()}, page=1)
