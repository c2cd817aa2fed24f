"""Reads: one filter object for the CLI, the web workspace and the API.

    EntryFilter            frozen dataclass: text query + filters
    filtered_entries(f)    queryset of entries matching every filter but the text query
    search(f, ...)         (in :mod:`kuzet.store.search`) adds the text query and ranking
    entry_detail(id)       one entry with everything extracted from it

Filters combine with AND. A place filter names a place and includes the places that
lie in it (a region includes its towns and villages).
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, replace

from django.db.models import Q, QuerySet, Value
from django.db.models.functions import Upper

from ..chronicle.errors import KuzetError
from . import models as m

__all__ = [
    "EntryFilter",
    "FilterError",
    "entry_detail",
    "filtered_entries",
    "parse_article",
    "places_within",
    "with_details",
]


class FilterError(KuzetError):
    """A filter value cannot be understood (a malformed date or article)."""


@dataclass(frozen=True, slots=True)
class EntryFilter:
    """What to look for. Empty fields do not filter."""

    q: str = ""  # full-text query: words, "a phrase", -excluded, word*
    date_from: dt.date | None = None  # inclusive; entries dated to the day or month
    date_to: dt.date | None = None  # inclusive
    place: str = ""  # a place name; a region includes its towns
    types: tuple[str, ...] = ()  # any of these event types
    article: str = ""  # "CC 174", "CAO 488 part 6", "405"
    person: str = ""  # a person's key or canonical name ("Surname I.")
    person_id: int | None = None
    domain: str = ""  # source domain: "example.org" (subdomains included)
    document: str = ""  # document key, "2023-06"
    statuses: tuple[str, ...] = ()  # review statuses
    confidential: bool | None = None  # None: both
    updated_since: dt.datetime | None = None
    # Only entries among these (None: all). The web workspace passes what its user may
    # see and searched for, so a publication made in the browser covers no more.
    within: QuerySet[m.Entry] | None = None

    def without_query(self) -> EntryFilter:
        return replace(self, q="")

    def is_empty(self) -> bool:
        return self == EntryFilter()


_ARTICLE_RE = re.compile(
    r"^\s*(?:(?P<code>[A-Za-z]+)\s*)?(?P<article>\d+(?:[-.]\d+)?)"
    r"(?:\s*(?:part|p\.|ч\.|/|:)\s*(?P<part>\d+))?\s*$",
    re.IGNORECASE,
)


def parse_article(text: str) -> tuple[str, str, str]:
    """``"CAO 488 part 6"`` → ``("CAO", "488", "6")``; code and part may be empty."""
    match = _ARTICLE_RE.match(text)
    if not match:
        raise FilterError(f"an article is written like 'CC 174', 'CAO 488 part 6' or '405', not {text!r}")
    code = (match.group("code") or "").upper()
    if code and code not in ("CC", "CAO", "CPC", "OTHER"):
        raise FilterError(f"unknown code {code!r}; one of CC, CAO, CPC, OTHER")
    return code, match.group("article"), match.group("part") or ""


def places_within(name: str) -> QuerySet[m.Place]:
    """The places called ``name`` and every place that lies in one of them."""
    return m.Place.objects.filter(Q(name__iexact=name) | Q(region__name__iexact=name))


def filtered_entries(
    f: EntryFilter, *, mentions: QuerySet[m.PersonMention] | None = None
) -> QuerySet[m.Entry]:
    """Entries matching every filter of ``f`` except the text query.

    ``mentions`` are the person mentions a person filter may match (all by default;
    the web workspace passes those its user may see, so that a withheld name does not
    find the entry)."""
    qs = m.Entry.objects.all()
    if f.date_from is not None or f.date_to is not None:
        # Only dates known to the day or month are placed in a range.
        qs = qs.filter(date_precision__in=(m.DatePrecision.DAY, m.DatePrecision.MONTH))
    if f.date_from is not None:
        qs = qs.filter(date__gte=f.date_from)
    if f.date_to is not None:
        qs = qs.filter(date__lte=f.date_to)
    if f.place:
        qs = qs.filter(place__in=places_within(f.place).values("pk"))
    if f.types:
        # id IN (subquery) lets the database start from the small side.
        qs = qs.filter(pk__in=m.EntryType.objects.filter(type_id__in=f.types).values("entry_id"))
    if f.article:
        code, article, part = parse_article(f.article)
        refs = m.LegalRef.objects.filter(article=article)
        if code:
            refs = refs.filter(code=code)
        if part:
            refs = refs.filter(part=part)
        qs = qs.filter(pk__in=refs.values("entry_id"))
    if f.person or f.person_id is not None:
        mentions = m.PersonMention.objects.all() if mentions is None else mentions
        if f.person_id is not None:
            mentions = mentions.filter(person_id=f.person_id)
        if f.person:
            # UPPER on both sides, by the database, so the UPPER(...) indexes serve; the
            # people are looked up first so that each side of the OR has its index.
            wanted = Upper(Value(f.person.strip()))
            people = list(
                m.Person.objects.alias(u=Upper("name")).filter(u=wanted).values_list("pk", flat=True)
            )
            named = Q(u=wanted) | Q(person_id__in=people) if people else Q(u=wanted)
            mentions = mentions.alias(u=Upper("key")).filter(named)
        qs = qs.filter(pk__in=mentions.values("entry_id"))
    if f.domain:
        domain = f.domain.lower().removeprefix("www.")
        sources = m.Source.objects.filter(Q(domain=domain) | Q(domain__endswith="." + domain))
        qs = qs.filter(pk__in=m.Citation.objects.filter(source__in=sources.values("pk")).values("entry_id"))
    if f.document:
        qs = qs.filter(document__key=f.document)
    if f.statuses:
        qs = qs.filter(review_status__in=f.statuses)
    if f.confidential is not None:
        qs = qs.filter(confidential=f.confidential)
    if f.updated_since is not None:
        qs = qs.filter(updated_at__gte=f.updated_since)
    if f.within is not None:
        qs = qs.filter(pk__in=f.within.order_by().values("pk"))
    return qs


def with_details(qs: QuerySet[m.Entry]) -> QuerySet[m.Entry]:
    """Fetch what a list of entries shows, in a fixed number of queries."""
    # A document's lint findings can be thousands of rows of JSON: not for lists.
    qs = qs.select_related("document", "place", "place__region").defer("document__lint_findings")
    return qs.prefetch_related(
        "types", "person_mentions", "legal_refs", "sanctions", "citations__source"
    )


def entry_detail(entry_id: int) -> m.Entry | None:
    return with_details(m.Entry.objects.filter(pk=entry_id)).prefetch_related("corrections").first()
