"""The entries page: full-text search, facets with counts, sorting, pages, exports."""

from __future__ import annotations

import csv
import datetime as dt
import html
import io
import json
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, replace
from typing import Any
from urllib.parse import quote, urlencode

from django.core.cache import cache
from django.db import connection
from django.db.models import QuerySet, TextField, Value
from django.db.models.expressions import RawSQL
from django.http import HttpRequest, HttpResponse, StreamingHttpResponse
from django.urls import get_script_prefix, get_urlconf, reverse
from django.utils import formats, numberformat
from django.utils.html import conditional_escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language, gettext_noop, ngettext
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from ...store import models as m
from ...store.selectors import with_details
from ..facets import MatchRow
from ..highlight import query_terms, snippets
from ..labels import sanction_label, status_label, type_colour, type_label
from ..params import SORTS, QueryLinks, SearchParams
from ..queries import (
    Facets,
    FacetValue,
    cache_key,
    date_page,
    matching_entries,
    once,
    ordered,
    search_facets,
    shared_get,
    shared_set,
)
from ..redaction import (
    entries_with_withheld_names,
    one_look_per_request,
    withheld_stream,
    withhold_names,
    withholds_names,
)
from ..serialize import ENTRY_CSV_COLUMNS, entry_dict, entry_row
from ..templatetags.kuzet import entry_dates
from .common import cached_page, page, with_params

__all__ = ["entries", "export"]

PAGE_SIZE = 25
# The publish package's exports offered as downloads (format, link text); see publishing.py.
EXPORT_LINKS = (
    ("csv", "csv (zip)"), ("jsonl", "jsonl"), ("xlsx", "xlsx"), ("geojson", "geojson"), ("acled", "ACLED csv"),
)
FACETS_CACHE_SECONDS = 3600
URL_SAFE = "!$&'()*+,;=~:@"  # what reverse() leaves unquoted in a path argument ("/" aside)


@dataclass(frozen=True, slots=True)
class FacetLink:
    label: str
    count: int
    url: str
    selected: bool


@dataclass(frozen=True, slots=True)
class FacetGroup:
    name: str
    label: str
    links: tuple[FacetLink, ...]
    open: bool


@dataclass(frozen=True, slots=True)
class Chip:
    label: str
    url: str


def cached_facets(
    qs: QuerySet[m.Entry], params: SearchParams, user: object
) -> tuple[Facets, str, list[MatchRow] | None]:
    """Facet counts for a query, kept until the record changes; their cache key, which
    also keys the rendered sidebar; and the matching entries when they were read to
    count them just now (None when the counts came from the cache, or when the
    database counted them all)."""
    key = cache_key("facets", params, user)
    # The whole record's counts take seconds: every server process shares them.
    # A search's take milliseconds, less than reading them from a file.
    whole = params.is_empty
    get = shared_get if whole else cache.get
    facets = get(key)
    matches = None
    if facets is None:
        with once(key):  # the whole record's counts take a while: compute them once
            facets = get(key)
            if facets is None:
                facets, matches = search_facets(
                    qs, params, withhold=withholds_names(user), read=not whole
                )
                if whole:
                    shared_set(key, facets)
                else:
                    cache.set(key, facets, FACETS_CACHE_SECONDS)
    return facets, key, matches  # type: ignore[return-value]


def _link(links: QueryLinks, v: FacetValue) -> FacetLink:
    target = links.without(v.param, v.value) if v.selected else links.with_value(v.param, v.value)
    return FacetLink(v.label, v.count, "?" + target, v.selected)


def facet_groups(
    facets: Facets, params: SearchParams, query: QueryLinks | None = None
) -> list[FacetGroup]:
    query = query or QueryLinks(params)
    spec = [
        ("type", _("Event type"), facets.type),
        ("region", _("Region"), facets.region),
        ("place", _("Place"), facets.place),
        ("article", _("Legal article"), facets.article),
        ("person", _("Person"), facets.person),
        ("domain", _("Source"), facets.domain),
        ("sanction", _("Sanction"), facets.sanction),
        ("status", _("Review status"), facets.status),
    ]
    groups = []
    for name, label, values in spec:
        if not values:
            continue
        links = tuple(_link(query, v) for v in values)
        groups.append(
            FacetGroup(
                name, label, links, name in ("type", "region") or bool(getattr(params, name))
            )
        )
    return groups


def active_filters(
    params: SearchParams, labels: dict[tuple[str, str], str], query: QueryLinks | None = None
) -> list[Chip]:
    query = query or QueryLinks(params)
    chips = []
    if params.q:
        chips.append(
            Chip(_("text: %(q)s") % {"q": params.q}, "?" + params.without("q").urlencode())
        )
    if params.date_from:
        chips.append(
            Chip(
                _("from %(d)s") % {"d": params.date_from.isoformat()},
                "?" + params.without("date_from").urlencode(),
            )
        )
    if params.date_to:
        chips.append(
            Chip(
                _("to %(d)s") % {"d": params.date_to.isoformat()},
                "?" + params.without("date_to").urlencode(),
            )
        )
    names = {
        "place": gettext_noop("place"),
        "region": gettext_noop("region"),
        "type": gettext_noop("type"),
        "article": gettext_noop("article"),
        "person": gettext_noop("person"),
        "domain": gettext_noop("source"),
        "sanction": gettext_noop("sanction"),
        "status": gettext_noop("status"),
        "document": gettext_noop("document"),
    }
    for name, word in names.items():
        values = getattr(params, name)
        title = _(word) if values else ""  # translated only when the filter is on
        for value in values:
            shown = labels.get((name, str(value))) or _shown(name, str(value))
            chips.append(Chip(f"{title}: {shown}", "?" + query.without(name, value)))
    return chips


def _shown(name: str, value: str) -> str:
    if name == "type":
        return type_label(value)
    if name == "status":
        return status_label(value)
    if name == "sanction":
        return sanction_label(value)
    return value


def sort_options() -> list[tuple[str, str]]:
    names = {
        "-date": _("newest first"),
        "date": _("oldest first"),
        "place": _("place A–Z"),
        "-place": _("place Z–A"),
        "doc": _("document order"),
        "-doc": _("document order, reversed"),
    }
    return [(s, str(names[s])) for s in SORTS]


CHRONICLE_FORMATS = ("txt", "md", "html", "docx")
_paths: dict[tuple[str, object], dict[str, object]] = {}


def export_paths() -> dict[str, object]:
    """The paths of the page's export, report and publishing links and of its results'
    links (a dozen reverse() calls), worked out once per process, script prefix and
    URL configuration (the query string is added in the template)."""
    prefix = (get_script_prefix(), get_urlconf())
    paths = _paths.get(prefix)
    if paths is None:
        paths = {
            "map": reverse("workspace:map"),
            "dashboard": reverse("workspace:dashboard"),
            "csv": reverse("workspace:export", args=["csv"]),
            "jsonl": reverse("workspace:export", args=["jsonl"]),
            "chronicle": tuple(
                (fmt, reverse("workspace:chronicle", args=[fmt])) for fmt in CHRONICLE_FORMATS
            ),
            "publish": tuple(
                (label, reverse("workspace:publish_export", args=[fmt])) for fmt, label in EXPORT_LINKS
            ),
            "report": reverse("workspace:report"),
            "report_md": reverse("workspace:report_file", args=["md"]),
            "report_xlsx": reverse("workspace:report_file", args=["xlsx"]),
            # A result's links, before and after its id or document key.
            "entry": tuple(reverse("workspace:entry", args=[0]).rsplit("0", 1)),
            "document": tuple(reverse("workspace:document", args=["KEY"]).rsplit("KEY", 1)),
        }
        _paths[prefix] = paths
    return paths


def _page_links(params: SearchParams, current: int, last: int) -> list[tuple[int | None, str]]:
    """Page numbers around the current one, with gaps (None) in between."""
    wanted = sorted({1, last, *range(max(1, current - 2), min(last, current + 2) + 1)})
    out: list[tuple[int | None, str]] = []
    prev = 0
    for n in wanted:
        if n - prev > 1:
            out.append((None, ""))
        out.append((n, "?" + replace(params, page=n).urlencode(with_page=True)))
        prev = n
    return out


@dataclass(frozen=True, slots=True)
class ResultRow:
    """One search result as the page shows it, its links and badges worked out here:
    reversing URLs and looking up labels per row in the template cost more than the
    rest of the page."""

    entry: ListedEntry | m.Entry
    text: str  # the snippet
    url: str
    document_url: str
    types: tuple[tuple[str, str], ...]  # (label, colour)


@dataclass(slots=True)
class Named:
    """A related row as a result shows it: a document's key, a place and its region."""

    name: str
    region: Named | None = None

    @property
    def key(self) -> str:
        return self.name


@dataclass(slots=True)  # not frozen: withholding a name rewrites the text and offsets
class ListedEntry:
    """An entry as a list of results shows it, read as plain values (model instances
    with their related rows cost more to build than the rest of a result row)."""

    pk: int
    n: int
    text: str
    date: dt.date | None
    date_precision: str
    review_status: str
    document: Named
    place: Named | None
    date_start: int | None
    date_end: int | None
    place_start: int | None
    place_end: int | None
    types: tuple[str, ...] | None = None  # event type ids in stored order (None: not read)

    @property
    def id(self) -> int:
        return self.pk


LISTED = (
    "pk", "n", "text", "date", "date_precision", "review_status", "document__key",
    "place__name", "place__region__name", "date_start", "date_end", "place_start", "place_end",
)  # fmt: skip


def _types_sql(entry: str) -> str | None:
    """PostgreSQL: the event type ids of the entry whose id is ``entry``.id, in stored
    order (``EntryType``'s ordering: start), as one column of the entry's own row — one
    query for a page instead of two. Type ids are taxonomy ids (letters, digits, "_"),
    so a space separates them. None on SQLite, whose GROUP_CONCAT does not promise an
    order: the types are then read by :func:`result_rows`."""
    if connection.vendor != "postgresql":
        return None
    types = m.EntryType._meta.db_table
    return (
        f"ARRAY_TO_STRING(ARRAY(SELECT t.type_id FROM {types} t "
        f"WHERE t.entry_id = {entry}.id ORDER BY t.start, t.id), ' ')"
    )


def listing(qs: QuerySet[m.Entry]) -> list[ListedEntry]:
    """The entries of ``qs`` (a page: sliced) as a result list shows them."""
    column = _types_sql(m.Entry._meta.db_table)
    rows = qs.annotate(
        type_ids=Value("", output_field=TextField()) if column is None else RawSQL(column, [])
    ).values_list(*LISTED, "type_ids")
    return [_listed(row, read_types=column is not None) for row in rows]


def page_rows(
    qs: QuerySet[m.Entry], sort: str, offset: int, total: int, matches: list[MatchRow] | None
) -> list[ListedEntry]:
    """One page of results: picked from the matching entries when they were read (and
    the page is sorted by date), so only the page's rows are read; else by SQL."""
    if offset >= total:
        return []
    ids = date_page(matches, sort, offset, PAGE_SIZE) if matches is not None else None
    if ids is None:
        return listing(ordered(qs, sort)[offset : offset + PAGE_SIZE])
    by_id = {e.pk: e for e in listed_by_id(ids)}
    return [by_id[i] for i in ids]


def listed_by_id(ids: Sequence[int]) -> list[ListedEntry]:
    """The entries ``ids`` (already known visible) as :func:`listing` reads them, by one
    statement written here: building it through the ORM cost more than running it."""
    if not ids:
        return []
    e, d, pl = (connection.ops.quote_name(x._meta.db_table) for x in (m.Entry, m.Document, m.Place))
    column = _types_sql("e")
    sql = (
        "SELECT e.id, e.n, e.text, e.date, e.date_precision, e.review_status, d.key, "
        "pl.name, rg.name, e.date_start, e.date_end, e.place_start, e.place_end, "
        f"{column or 'NULL'} "
        f"FROM {e} e JOIN {d} d ON d.id = e.document_id "
        f"LEFT JOIN {pl} pl ON pl.id = e.place_id LEFT JOIN {pl} rg ON rg.id = pl.region_id "
        f"WHERE e.id IN ({','.join(str(int(i)) for i in ids)})"
    )
    with connection.cursor() as cur:
        cur.execute(sql)
        return [_listed(row, read_types=column is not None) for row in cur.fetchall()]


def _listed(row: Sequence[Any], *, read_types: bool) -> ListedEntry:
    pk, n, text, day, precision, status, doc, place, region, ds, de, ps, pe, ids = row
    where = None if place is None else Named(place, None if region is None else Named(region))
    types = (tuple(ids.split()) if ids else ()) if read_types else None
    return ListedEntry(pk, n, text, day, precision, status, Named(doc), where, ds, de, ps, pe, types)


def result_rows(entries: Sequence[ListedEntry | m.Entry], terms: list[str]) -> list[ResultRow]:
    """The rows of a page of results: snippets with ``terms`` marked, links, badges."""
    types: dict[int, tuple[str, ...]] = {
        e.pk: e.types for e in entries if isinstance(e, ListedEntry) and e.types is not None
    }
    unread = [e.pk for e in entries if e.pk not in types]
    if unread:
        found: dict[int, list[str]] = {}
        for entry_id, type_id in m.EntryType.objects.filter(entry_id__in=unread).values_list(
            "entry_id", "type_id"
        ):  # in stored order (entry, start)
            found.setdefault(entry_id, []).append(type_id)
        types.update((k, tuple(v)) for k, v in found.items())
    if not entries:
        return []
    # The addresses with a stand-in for the id (the patterns take any id or key).
    paths = export_paths()
    entry_url: tuple[str, str] = paths["entry"]  # type: ignore[assignment]
    doc_url: tuple[str, str] = paths["document"]  # type: ignore[assignment]
    badges: dict[str, tuple[str, str]] = {}  # each type's label and colour, once a page

    def badge(t: str) -> tuple[str, str]:
        got = badges.get(t)
        if got is None:
            got = badges[t] = (type_label(t), type_colour(t))
        return got

    return [
        ResultRow(
            e,
            text,
            f"{entry_url[0]}{e.pk}{entry_url[1]}",
            f"{doc_url[0]}{quote(e.document.key, safe=URL_SAFE)}{doc_url[1]}",
            tuple(badge(t) for t in dict.fromkeys(types.get(e.pk, ()))),
        )
        for e, text in zip(entries, snippets([e.text for e in entries], terms), strict=True)
    ]


# The sidebar and the result list are the longest parts of the page: written here with
# plain string operations, the same markup the template loops wrote (tests/web compare
# them), at a fraction of their cost — a first visit renders both.


def numbers(*, grouped: bool) -> Callable[[int], str]:
    """Whole numbers as ``|intcomma`` (``grouped``) or ``{{ n }}`` write them, the
    language's separators looked up once for a page rather than once a number."""
    language = get_language()
    decimal = formats.get_format("DECIMAL_SEPARATOR", language, use_l10n=True)
    grouping = formats.get_format("NUMBER_GROUPING", language, use_l10n=True)
    thousands = formats.get_format("THOUSAND_SEPARATOR", language, use_l10n=True)

    def shown(n: int) -> str:
        return numberformat.format(
            n, decimal, None, grouping, thousands, force_grouping=grouped, use_l10n=True
        )

    return shown


def _e(value: object) -> str:
    """HTML-escaped text, exactly as the template's autoescape writes it."""
    return html.escape(str(value))


def sidebar_html(facets: Facets, groups: list[FacetGroup], chips: int) -> SafeString:
    """The filter sidebar: the date span and each facet's values with their counts."""
    narrow = _e(_("Narrow the results"))
    out = [
        f'\n  <aside class="facets" aria-label="{narrow}">\n   <details class="facet-panel" open>\n'
        f'    <summary class="facet-panel__toggle">{narrow}'
        + (f" ({chips})" if chips else "")
        + "</summary>\n    "
    ]
    if facets.date_min:
        span = _("Dates: %(lo)s – %(hi)s") % {
            "lo": _e(formats.date_format(facets.date_min, "DATE_FORMAT")),
            "hi": _e(formats.date_format(facets.date_max, "DATE_FORMAT")),
        }
        undated = ""
        if facets.undated:
            n = facets.undated
            undated = "<br>" + ngettext(
                "%(n)s entry undated", "%(n)s entries undated", n
            ) % {"n": _e(formats.localize(n))}
        out.append(f'\n      <p class="muted">{span}\n      {undated}</p>\n    ')
    out.append("\n    ")
    remove = _e(_("Remove this filter"))
    count = numbers(grouped=True)
    for g in groups:
        out.append(
            f'\n      <details {"open" if g.open else ""} data-facet="{_e(g.name)}">\n'
            f"        <summary>{_e(g.label)}</summary>\n"
            '        <ul class="facet-list">\n          '
        )
        for link in g.links:
            chosen = link.selected
            out.append(
                f'\n            <li class="{"is-selected" if chosen else ""}">\n'
                f'              <a href="{_e(link.url)}" '
                + (f'aria-current="true" title="{remove}"' if chosen else "")
                + f">{_e(link.label)}</a>\n"
                f'              <span class="count">{_e(count(link.count))}</span>\n'
                "            </li>\n          "
            )
        out.append("\n        </ul>\n      </details>\n    ")
    out.append("\n   </details>\n  </aside>\n  ")
    return mark_safe("".join(out))  # every value above is escaped


def result_items(results: list[ResultRow]) -> SafeString:
    """The ``<li>`` of each result: date, place, document, review status, snippet,
    event types."""
    types_word = _e(_("Event types"))
    shown_date = entry_dates()  # the language's date formats, looked up once
    number = numbers(grouped=False)
    statuses: dict[str, str] = {}  # each status's badge, once a page
    out = []
    for r in results:
        e = r.entry
        place = ""
        if e.place:
            region = e.place.region
            place = f"<span>{_e(e.place.name)}" + (f", {_e(region.name)}" if region else "") + "</span>"
        status = ""
        if e.review_status != "draft":
            status = statuses.get(e.review_status, "")
            if not status:
                status = statuses[e.review_status] = (
                    f'<span class="badge badge--status">{_e(status_label(e.review_status))}</span>'
                )
        badges = ""
        if r.types:
            badges = (
                f'<ul class="badges" aria-label="{types_word}">'
                + "".join(
                    f'<li><span class="badge" style="background:{_e(colour)}">{_e(label)}</span></li>'
                    for label, colour in r.types
                )
                + "</ul>"
            )
        out.append(
            '<li class="result">\n'
            f'          <div class="result__meta"><strong>{_e(shown_date(e))}</strong>{place}'
            f'<span><a href="{_e(r.document_url)}">{_e(e.document.key)}</a> #{_e(number(e.n))}</span>'
            f"{status}</div>\n"
            f'          <p class="result__text"><a href="{_e(r.url)}">{conditional_escape(r.text)}</a></p>\n'
            f"          {badges}\n        </li>"
        )
    return mark_safe("".join(out))  # every value above is escaped


def hidden_inputs(pairs: Sequence[tuple[str, str]]) -> SafeString:
    """A form's hidden ``<input>`` for each (name, value): the rest of the query."""
    return mark_safe(
        "".join(f'<input type="hidden" name="{_e(k)}" value="{_e(v)}">' for k, v in pairs)
    )  # escaped


def chip_items(chips: list[Chip]) -> SafeString:
    """The ``<li>`` of each active filter, with its link that removes it."""
    remove = _e(_("remove"))
    return mark_safe(
        "".join(
            f'<li><a class="chip" href="{_e(c.url)}">{_e(c.label)} '
            f'<span class="chip__x" aria-label="{remove}">×</span></a></li>'
            for c in chips
        )
    )  # escaped


def pager(
    prev_url: str, links: list[tuple[int | None, str]], current: int, next_url: str
) -> SafeString:
    """The page links: previous, the numbers around the current page with gaps, next."""
    out = [f'\n      <nav aria-label="{_e(_("Pages"))}">\n        <ul class="pagination">\n          ']
    if prev_url:
        out.append(f'<li><a href="{_e(prev_url)}" rel="prev">{_e(_("‹ Previous"))}</a></li>')
    out.append("\n          ")
    for n, url in links:
        if n:
            here = ' aria-current="page"' if n == current else ""
            item = f'<li><a href="{_e(url)}"{here}>{_e(formats.localize(n))}</a></li>'
        else:
            item = '<li><span aria-hidden="true">…</span></li>'
        out.append(f"\n            {item}\n          ")
    out.append("\n          ")
    if next_url:
        out.append(f'<li><a href="{_e(next_url)}" rel="next">{_e(_("Next ›"))}</a></li>')
    out.append("\n        </ul>\n      </nav>\n    ")
    return mark_safe("".join(out))  # escaped


def _ymd(day: dt.date | None) -> str:
    """A date as ``|date:'Y-m-d'`` writes it (a date input's value, min, max); "" for none."""
    return f"{day.year:04d}-{day.month:02d}-{day.day:02d}" if day else ""


def withheld(rows: list[ListedEntry], user: object) -> list[ListedEntry]:
    """The rows with the names ``user`` may not see withheld (in place), looking up
    mentions only for the rows among the entries that carry a withheld name (a set
    kept per process and checked for changes on each call): most pages have none."""
    if rows and withholds_names(user):
        secret = entries_with_withheld_names()
        # Withholding works on the plain rows as on entries (text and offsets).
        withhold_names([e for e in rows if e.pk in secret], user)  # type: ignore[misc]
    return rows


@require_GET
@cached_page
@with_params("entries")
def entries(request: HttpRequest, params: SearchParams) -> HttpResponse:
    # The search and the rows' names ask which entries carry a withheld name: once.
    with one_look_per_request():
        return _entries(request, params)


def _entries(request: HttpRequest, params: SearchParams) -> HttpResponse:
    qs = matching_entries(params, request.user)
    facets, facets_key, matches = cached_facets(qs, params, request.user)
    total = facets.total
    last = max(1, -(-total // PAGE_SIZE))
    offset = (params.page - 1) * PAGE_SIZE
    rows = withheld(page_rows(qs, params.sort, offset, total, matches), request.user)
    results = result_rows(rows, query_terms(params.q))
    labels = {("person", v.value): v.label for v in facets.person}
    links = QueryLinks(params)  # the filters' links, the other parameters encoded once
    groups = facet_groups(facets, params, links)
    chips = active_filters(params, labels, links)
    page_links = _page_links(params, params.page, last) if last > 1 else []
    prev_url = (
        "?" + replace(params, page=params.page - 1).urlencode(with_page=True) if params.page > 1 else ""
    )
    next_url = (
        "?" + replace(params, page=params.page + 1).urlencode(with_page=True) if params.page < last else ""
    )
    query = params.items()
    context = {
        "params": params,
        "results": results,
        "result_items": result_items(results),
        "total": total,
        "facets": facets,
        "facets_key": facets_key,
        # Called by the template only when the sidebar is not in its cache.
        "sidebar": lambda: sidebar_html(facets, groups, len(chips)),
        "chips": chips,
        "chip_items": chip_items(chips),
        # Called by the template only when the sort menu is not in its memory.
        "sorts": sort_options,
        "page_number": params.page,
        "last_page": last,
        "page_links": page_links,
        "pager": pager(prev_url, page_links, params.page, next_url) if page_links else "",
        "beyond_last": params.page > last,
        "first_shown": offset + 1,
        "last_shown": min(offset + PAGE_SIZE, total),
        "export_query": urlencode(query),
        "paths": export_paths(),
        # The search form's values (slots of its memo: written as they are, escaped).
        "form_q": params.q,
        "form_date_from": _ymd(params.date_from),
        "form_date_to": _ymd(params.date_to),
        "form_date_min": mark_safe(f'min="{_ymd(facets.date_min)}"') if facets.date_min else "",
        "form_date_max": mark_safe(f'max="{_ymd(facets.date_max)}"') if facets.date_max else "",
        "filtered": bool(chips),
        "hidden_inputs": hidden_inputs(
            [(k, v) for k, v in query if k not in ("q", "date_from", "date_to", "sort")]
        ),
        "sort_hidden_inputs": hidden_inputs([(k, v) for k, v in query if k != "sort"]),
    }
    return page(request, "workspace/entries.html", context, section="entries")


@require_GET
@with_params("entries")
def export(request: HttpRequest, params: SearchParams, fmt: str) -> HttpResponse:
    """Every entry matching the query (no cap), streamed as CSV or JSON Lines."""
    qs = with_details(ordered(matching_entries(params, request.user), params.sort))
    rows = withheld_stream(qs.iterator(chunk_size=500), request.user)
    if fmt == "csv":
        response = StreamingHttpResponse(_csv_lines(rows), content_type="text/csv; charset=utf-8")
        name = "kuzet-entries.csv"
    else:
        response = StreamingHttpResponse(
            _jsonl_lines(rows), content_type="application/x-ndjson; charset=utf-8"
        )
        name = "kuzet-entries.jsonl"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


def _csv_lines(rows: Iterator[object]) -> Iterator[str]:
    buf = io.StringIO()
    writer = csv.writer(buf)
    writer.writerow(ENTRY_CSV_COLUMNS)
    yield "\ufeff" + buf.getvalue()  # a BOM, so that spreadsheet programs read UTF-8
    for entry in rows:
        buf.seek(0)
        buf.truncate()
        writer.writerow(entry_row(entry))
        yield buf.getvalue()


def _jsonl_lines(rows: Iterator[object]) -> Iterator[str]:
    for entry in rows:
        yield json.dumps(entry_dict(entry), ensure_ascii=False) + "\n"
