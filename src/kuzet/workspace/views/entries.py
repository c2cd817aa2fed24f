"""The entries page: full-text search, facets with counts, sorting, pages, exports."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterator
from dataclasses import dataclass, replace
from urllib.parse import quote

from django.core.cache import cache
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse, StreamingHttpResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from ...store import models as m
from ...store.selectors import with_details
from ..highlight import query_terms, snippet
from ..labels import sanction_label, status_label, type_colour, type_label
from ..params import SORTS, SearchParams
from ..queries import (
    LIST_FIELDS,
    Facets,
    FacetValue,
    cache_key,
    facet_counts,
    matching_entries,
    once,
    ordered,
    shared_get,
    shared_set,
)
from ..redaction import withheld_stream, withhold_names, withholds_names
from ..serialize import ENTRY_CSV_COLUMNS, entry_dict, entry_row
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


def cached_facets(qs: object, params: SearchParams, user: object) -> tuple[Facets, str]:
    """Facet counts for a query, kept until the record changes; and their cache key,
    which also keys the rendered sidebar."""
    key = cache_key("facets", params, user)
    # The whole record's counts take seconds: every server process shares them.
    # A search's take milliseconds, less than reading them from a file.
    whole = params.is_empty
    get = shared_get if whole else cache.get
    facets = get(key)
    if facets is None:
        with once(key):  # the whole record's counts take a while: compute them once
            facets = get(key)
            if facets is None:
                facets = facet_counts(qs, params, withhold=withholds_names(user))  # type: ignore[arg-type]
                if whole:
                    shared_set(key, facets)
                else:
                    cache.set(key, facets, FACETS_CACHE_SECONDS)
    return facets, key  # type: ignore[return-value]


def _link(params: SearchParams, v: FacetValue) -> FacetLink:
    target = params.without(v.param, v.value) if v.selected else params.with_value(v.param, v.value)
    return FacetLink(v.label, v.count, "?" + target.urlencode(), v.selected)


def facet_groups(facets: Facets, params: SearchParams) -> list[FacetGroup]:
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
        links = tuple(_link(params, v) for v in values)
        groups.append(
            FacetGroup(
                name, label, links, name in ("type", "region") or bool(getattr(params, name))
            )
        )
    return groups


def active_filters(params: SearchParams, labels: dict[tuple[str, str], str]) -> list[Chip]:
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
        "place": _("place"),
        "region": _("region"),
        "type": _("type"),
        "article": _("article"),
        "person": _("person"),
        "domain": _("source"),
        "sanction": _("sanction"),
        "status": _("status"),
        "document": _("document"),
    }
    for name, title in names.items():
        for value in getattr(params, name):
            shown = labels.get((name, str(value))) or _shown(name, str(value))
            chips.append(Chip(f"{title}: {shown}", "?" + params.without(name, value).urlencode()))
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

    entry: m.Entry
    text: str  # the snippet
    url: str
    document_url: str
    types: tuple[tuple[str, str], ...]  # (label, colour)


def listing(qs: QuerySet[m.Entry]) -> QuerySet[m.Entry]:
    """What a result row shows (see :func:`~kuzet.workspace.queries.for_listing`),
    types excepted: :func:`result_rows` reads them as plain values."""
    return qs.select_related("document", "place", "place__region").only(*LIST_FIELDS)


def result_rows(entries: list[m.Entry], terms: list[str]) -> list[ResultRow]:
    """The rows of a page of results: snippets with ``terms`` marked, links, badges."""
    types: dict[int, list[str]] = {}
    if entries:
        for entry_id, type_id in m.EntryType.objects.filter(
            entry_id__in=[e.pk for e in entries]
        ).values_list("entry_id", "type_id"):  # in stored order (entry, start)
            types.setdefault(entry_id, []).append(type_id)
    # One reverse() each, then the ids put in (the patterns take any id or key).
    entry_url = reverse("workspace:entry", args=[0]).rsplit("0", 1)
    doc_url = reverse("workspace:document", args=["KEY"]).rsplit("KEY", 1)
    return [
        ResultRow(
            e,
            snippet(e.text, terms),
            f"{entry_url[0]}{e.pk}{entry_url[1]}",
            f"{doc_url[0]}{quote(e.document.key, safe=URL_SAFE)}{doc_url[1]}",
            tuple((type_label(t), type_colour(t)) for t in dict.fromkeys(types.get(e.pk, ()))),
        )
        for e in entries
    ]


@require_GET
@cached_page
@with_params("entries")
def entries(request: HttpRequest, params: SearchParams) -> HttpResponse:
    qs = matching_entries(params, request.user)
    facets, facets_key = cached_facets(qs, params, request.user)
    total = facets.total
    last = max(1, -(-total // PAGE_SIZE))
    offset = (params.page - 1) * PAGE_SIZE
    rows = withhold_names(
        listing(ordered(qs, params.sort))[offset : offset + PAGE_SIZE] if offset < total else [],
        request.user,
    )
    results = result_rows(rows, query_terms(params.q))
    labels = {("person", v.value): v.label for v in facets.person}
    context = {
        "params": params,
        "results": results,
        "total": total,
        "facets": facets,
        "facets_key": facets_key,
        "groups": facet_groups(facets, params),
        "chips": active_filters(params, labels),
        "sorts": sort_options(),
        "page_number": params.page,
        "last_page": last,
        "page_links": _page_links(params, params.page, last) if last > 1 else [],
        "prev_url": "?" + replace(params, page=params.page - 1).urlencode(with_page=True)
        if params.page > 1
        else "",
        "next_url": "?" + replace(params, page=params.page + 1).urlencode(with_page=True)
        if params.page < last
        else "",
        "beyond_last": params.page > last,
        "first_shown": offset + 1,
        "last_shown": min(offset + PAGE_SIZE, total),
        "export_query": params.urlencode(),
        "chronicle_formats": ("txt", "md", "html", "docx"),
        "export_formats": EXPORT_LINKS,
        "hidden_params": [
            (k, v) for k, v in params.items() if k not in ("q", "date_from", "date_to", "sort")
        ],
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
