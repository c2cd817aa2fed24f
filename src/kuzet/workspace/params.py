"""The query of the entries page, the map, the dashboard and ``/api/entries``.

One parser for all of them, so a URL means the same thing everywhere and a bookmarked
search reproduces itself. A bad value is a :class:`BadQuery` (answered with a 400 that
names the parameter), never a server error.

Parameters (``type`` and ``status`` may repeat, their values being
alternatives; the other facets take one value; different parameters narrow each other):

    q           full-text query (words; "quoted phrase"; at most 500 characters)
    date_from   YYYY-MM-DD, YYYY-MM or YYYY (from the first day)
    date_to     YYYY-MM-DD, YYYY-MM or YYYY (to the last day)
    place       a place id or name (a region or city includes the places within it)
    region      a region (or city of republican significance) id or name
    type        an event type id (detention, assembly_refusal, ...)
    article     CC 174, CAO 488 part 6, or a bare article number (405)
    person      a person id, or a name key ("Testova A.")
    domain      a source's domain (example.org; "www." ignored)
    sanction    a sanction kind (administrative_arrest, fine, imprisonment, ...)
    status      review status (draft, in_review, verified, published)
    document    a document's key (2024-03)
    sort        date, -date (default), place, -place, doc, -doc
    page        1, 2, ... (pages); the API uses ``cursor`` instead
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from typing import Protocol, cast
from urllib.parse import urlencode

from ..chronicle.errors import KuzetError
from ..store.selectors import FilterError
from ..store.selectors import parse_article as store_parse_article

__all__ = [
    "FACET_PARAMS",
    "MAX_Q",
    "SORTS",
    "BadQuery",
    "QueryLinks",
    "SearchParams",
    "check_text",
    "parse_article",
    "parse_date",
    "parse_params",
]

MAX_Q = 500
MAX_VALUE = 300
MAX_VALUES = 50
SORTS = ("-date", "date", "place", "-place", "doc", "-doc")
FACET_PARAMS = (
    "place",
    "region",
    "type",
    "article",
    "person",
    "domain",
    "sanction",
    "status",
    "document",
)
MULTI_VALUED = ("type", "status")
STATUSES = ("draft", "in_review", "verified", "published")
_DATE_RE = re.compile(r"^(\d{4})(?:-(\d{1,2})(?:-(\d{1,2}))?)?$")
_DOMAIN_RE = re.compile(r"^[a-z0-9.-]+\.[a-z0-9-]+$")
_TYPE_RE = re.compile(r"^[a-z][a-z0-9_]*$")


class BadQuery(KuzetError):
    """A query parameter has a value the search cannot use."""

    def __init__(self, param: str, problem: str) -> None:
        super().__init__(f"{param}: {problem}")
        self.param = param
        self.problem = problem


class QueryLike(Protocol):
    def getlist(self, key: str) -> list[str]: ...


@dataclass(frozen=True, slots=True)
class SearchParams:
    q: str = ""
    date_from: dt.date | None = None
    date_to: dt.date | None = None
    place: tuple[str, ...] = ()
    region: tuple[str, ...] = ()
    type: tuple[str, ...] = ()
    article: tuple[str, ...] = ()
    person: tuple[str, ...] = ()
    domain: tuple[str, ...] = ()
    sanction: tuple[str, ...] = ()
    status: tuple[str, ...] = ()
    document: tuple[str, ...] = ()
    sort: str = "-date"
    page: int = 1
    extra: tuple[tuple[str, str], ...] = field(default=())  # kept as given (e.g. "per")

    @property
    def is_empty(self) -> bool:
        """No filter at all: the whole (visible) record."""
        return not (self.q or self.date_from or self.date_to) and not any(
            getattr(self, name) for name in FACET_PARAMS
        )

    def items(self, *, with_page: bool = False, with_sort: bool = True) -> list[tuple[str, str]]:
        """The query as URL parameters, in a stable order."""
        return [pair for _, pairs in self._groups(with_page, with_sort) for pair in pairs]

    def _groups(self, with_page: bool, with_sort: bool) -> list[tuple[str, list[tuple[str, str]]]]:
        """:meth:`items` by parameter, in their order."""
        out: list[tuple[str, list[tuple[str, str]]]] = []
        if self.q:
            out.append(("q", [("q", self.q)]))
        if self.date_from:
            out.append(("date_from", [("date_from", self.date_from.isoformat())]))
        if self.date_to:
            out.append(("date_to", [("date_to", self.date_to.isoformat())]))
        for name in FACET_PARAMS:
            out.append((name, [(name, str(v)) for v in getattr(self, name)]))
        if with_sort and self.sort != "-date":
            out.append(("sort", [("sort", self.sort)]))
        if with_page and self.page != 1:
            out.append(("page", [("page", str(self.page))]))
        out.append(("", list(self.extra)))
        return out

    def urlencode(self, **kw: bool) -> str:
        return urlencode(self.items(**kw))

    def with_value(self, name: str, value: str) -> SearchParams:
        """These params plus one facet value (page reset)."""
        if name in ("date_from", "date_to"):
            return replace(self, **{name: parse_date(name, value, end=name == "date_to")}, page=1)
        return replace(self, **{name: self._added(name, value)}, page=1)

    def _added(self, name: str, value: str) -> tuple[str, ...]:
        """A facet's values with ``value`` added (replacing it, for a single-valued one)."""
        new = parse_article(value) if name == "article" else value
        current: tuple[str, ...] = getattr(self, name)
        if name not in MULTI_VALUED:
            return (new,)
        return current if new in current else (*current, new)

    def only_value(self, name: str, value: str) -> SearchParams:
        """These params with one facet set to exactly ``value`` (page reset)."""
        new = parse_article(value) if name == "article" else value
        return replace(self, **{name: (new,)}, page=1)

    def without(self, name: str, value: object = None) -> SearchParams:
        """These params minus one facet value (or the whole facet, or q / a date)."""
        if name in ("q", "date_from", "date_to"):
            return replace(self, **{name: "" if name == "q" else None}, page=1)
        return replace(self, **{name: self._removed(name, value)}, page=1)

    def _removed(self, name: str, value: object) -> tuple[str, ...]:
        """A facet's values without ``value`` (without any, for None)."""
        if value is None:
            return ()
        return tuple(v for v in getattr(self, name) if str(v) != str(value))


class QueryLinks:
    """The query strings of ``params`` with one facet value added or removed — what
    ``params.with_value(name, value).urlencode()`` and ``params.without(name,
    value).urlencode()`` give — with the other parameters encoded once, not once per
    link (a page's filters have dozens of links)."""

    def __init__(self, params: SearchParams) -> None:
        self.params = params
        self._groups = [
            (name, urlencode(pairs) if pairs else "") for name, pairs in params._groups(False, True)
        ]
        self._around: dict[str, tuple[str, str]] = {}

    def _parts(self, name: str) -> tuple[str, str]:
        """The encoded parameters before and after facet ``name``'s."""
        parts = self._around.get(name)
        if parts is None:
            names = [n for n, _ in self._groups]
            i = names.index(name)
            parts = self._around[name] = (
                "&".join(g for _, g in self._groups[:i] if g),
                "&".join(g for _, g in self._groups[i + 1 :] if g),
            )
        return parts

    def _query(self, name: str, values: tuple[str, ...]) -> str:
        before, after = self._parts(name)
        middle = urlencode([(name, str(v)) for v in values])
        return "&".join(p for p in (before, middle, after) if p)

    def with_value(self, name: str, value: str) -> str:
        if name not in FACET_PARAMS:
            return self.params.with_value(name, value).urlencode()
        return self._query(name, self.params._added(name, value))

    def without(self, name: str, value: object = None) -> str:
        if name not in FACET_PARAMS:
            return self.params.without(name, value).urlencode()
        return self._query(name, self.params._removed(name, value))


def parse_date(param: str, value: str, *, end: bool) -> dt.date:
    """``YYYY-MM-DD``, ``YYYY-MM`` or ``YYYY``; a partial date is its first (or last) day."""
    m = _DATE_RE.match(value.strip())
    if not m:
        raise BadQuery(
            param, f"expected a date like 2024-03-15, 2024-03 or 2024, not {value[:40]!r}"
        )
    year, month, day = int(m.group(1)), m.group(2), m.group(3)
    try:
        if month is None:
            return dt.date(year, 12, 31) if end else dt.date(year, 1, 1)
        mon = int(month)
        if day is None:
            last = calendar.monthrange(year, mon)[1] if 1 <= mon <= 12 else 0
            return dt.date(year, mon, last if end else 1)
        return dt.date(year, mon, int(day))
    except ValueError:
        raise BadQuery(param, f"{value[:40]!r} is not a real date") from None


def parse_article(value: str) -> str:
    """An article in the store's notation, normalised: ``CC 174``, ``CAO 488 part 6``, ``405``."""
    try:
        code, article, part = store_parse_article(value)
    except FilterError:
        raise BadQuery(
            "article",
            f"expected an article such as 'CC 174', 'CAO 488 part 6' or '405', not {value[:40]!r}",
        ) from None
    return " ".join(x for x in (code, article, f"part {part}" if part else "") if x)


def check_text(name: str, value: str) -> str:
    """No NUL characters: no database stores them in text (PostgreSQL refuses them)."""
    if "\x00" in value:
        raise BadQuery(name, "contains a NUL character")
    return value


def _values(query: QueryLike, name: str) -> list[str]:
    values = [check_text(name, v).strip() for v in query.getlist(name) if v.strip()]
    if len(values) > MAX_VALUES:
        raise BadQuery(name, f"at most {MAX_VALUES} values")
    for v in values:
        if len(v) > MAX_VALUE:
            raise BadQuery(name, f"a value is longer than {MAX_VALUE} characters")
    return list(dict.fromkeys(values))


def _single(query: QueryLike, name: str) -> tuple[str, ...]:
    """A facet that takes one value (the store's filter narrows by one place, article,
    person or domain); kept as a tuple so that every facet reads alike."""
    value = _one(query, name)
    if len(value) > MAX_VALUE:
        raise BadQuery(name, f"longer than {MAX_VALUE} characters")
    return (value,) if value else ()


def _one(query: QueryLike, name: str) -> str:
    values = [check_text(name, v) for v in query.getlist(name) if v.strip()]
    if len(values) > 1:
        raise BadQuery(name, "give it once")
    return values[0].strip() if values else ""


def _check_each(name: str, values: list[str], pattern: re.Pattern[str], what: str) -> None:
    for v in values:
        if not pattern.match(v):
            raise BadQuery(name, f"{v[:40]!r} is not {what}")


def parse_params(
    query: QueryLike | Mapping[str, object], *, extra: tuple[str, ...] = ()
) -> SearchParams:
    """Parse and validate a query; raises :class:`BadQuery`."""
    src: QueryLike = (
        cast(QueryLike, query)
        if hasattr(query, "getlist")
        else _Single(cast(Mapping[str, object], query))
    )
    q = _one(src, "q")
    if len(q) > MAX_Q:
        raise BadQuery("q", f"the search text is longer than {MAX_Q} characters")
    date_from = _optional_date(src, "date_from", end=False)
    date_to = _optional_date(src, "date_to", end=True)
    if date_from and date_to and date_from > date_to:
        raise BadQuery("date_from", "is after date_to")
    types = _values(src, "type")
    _check_each("type", types, _TYPE_RE, "an event type id")
    domains = [d.lower().removeprefix("www.") for d in _single(src, "domain")]
    _check_each("domain", domains, _DOMAIN_RE, "a domain name")
    sanctions = _single(src, "sanction")
    _check_each("sanction", list(sanctions), _TYPE_RE, "a sanction kind")
    statuses = _values(src, "status")
    for s in statuses:
        if s not in STATUSES:
            raise BadQuery("status", f"expected one of {', '.join(STATUSES)}")
    sort = _one(src, "sort") or "-date"
    if sort not in SORTS:
        raise BadQuery("sort", f"expected one of {', '.join(SORTS)}")
    return SearchParams(
        q=q,
        date_from=date_from,
        date_to=date_to,
        place=_single(src, "place"),
        region=_single(src, "region"),
        type=tuple(types),
        article=tuple(parse_article(v) for v in _single(src, "article")),
        person=_single(src, "person"),
        domain=tuple(domains),
        sanction=sanctions,
        status=tuple(statuses),
        document=_single(src, "document"),
        sort=sort,
        page=_page(_one(src, "page")),
        extra=tuple((k, _one(src, k)) for k in extra if _one(src, k)),
    )


def _optional_date(query: QueryLike, name: str, *, end: bool) -> dt.date | None:
    value = _one(query, name)
    return parse_date(name, value, end=end) if value else None


def _page(value: str) -> int:
    if not value:
        return 1
    if not value.isdigit() or not 1 <= int(value) <= 10**7:
        raise BadQuery("page", f"expected a page number, not {value[:20]!r}")
    return int(value)


class _Single:
    """A plain mapping seen as a query dict (the API passes its parsed parameters)."""

    def __init__(self, data: Mapping[str, object]) -> None:
        self._data = data

    def getlist(self, key: str) -> list[str]:
        value = self._data.get(key)
        if value is None:
            return []
        if isinstance(value, (list, tuple)):
            return [str(v) for v in value]
        return [str(value)]
