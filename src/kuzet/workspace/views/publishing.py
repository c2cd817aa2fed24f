"""Publishing from the browser: the chronicle, the export, the report and the people list
of the current search, made by :mod:`kuzet.publish` (the functions ``kuzet chronicle``,
``kuzet export``, ``kuzet report`` and ``kuzet people-list`` use).

A publication covers the entries of the search the user sees (the same query string as
the entries page, through :func:`kuzet.workspace.queries.matching_entries`, so
``visible_entries`` and the searches over withheld names hold), and within those the
publishing rules: published entries unless the query names review statuses, names in
confidential entries and confidential mentions always replaced by the placeholder.
A bad parameter, or a search with nothing to publish, is a 400 that says why.
"""

from __future__ import annotations

import base64
import dataclasses
import datetime as dt
import hashlib
import os
import re
import tempfile
from collections.abc import Callable
from functools import wraps
from pathlib import Path
from typing import Any

from django.http import FileResponse, HttpRequest, HttpResponse
from django.http.response import HttpResponseBase
from django.utils import timezone
from django.views.decorators.http import require_GET

from ...publish.chronicle import build_chronicle, write_chronicle
from ...publish.errors import PublishError
from ...publish.export import export as run_export
from ...publish.people_list import COLUMNS, build_people_list, render_people_list, situation_label
from ...publish.report import build_report
from ...publish.report_render import render_report
from ...publish.selection import Withholding
from ...publish.situation import SITUATIONS
from ...publish.tables import Scope
from ...store.selectors import EntryFilter
from ..params import BadQuery, SearchParams, check_text
from ..queries import entry_filter, matching_entries
from .common import bad_request, page, with_params

__all__ = ["chronicle", "export", "people_list", "people_list_file", "report", "report_file"]

View = Callable[..., Any]  # views and with_params' wrappers alike

CONTENT_TYPES = {
    "txt": "text/plain; charset=utf-8",
    "md": "text/markdown; charset=utf-8",
    "html": "text/html; charset=utf-8",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "csv": "text/csv; charset=utf-8",
    "jsonl": "application/x-ndjson; charset=utf-8",
    "geojson": "application/geo+json",
    "acled": "text/csv; charset=utf-8",
    "zip": "application/zip",
}
# Export format -> the file name the publish package writes (its suffix picks csv's zip).
EXPORT_FILES = {
    "csv": "kuzet-export.zip",
    "jsonl": "kuzet-export.jsonl",
    "xlsx": "kuzet-export.xlsx",
    "geojson": "kuzet-export.geojson",
    "acled": "kuzet-acled.csv",
}


def publication(params: SearchParams, user: object) -> EntryFilter:
    """The store's filter for a publication of the search ``params`` as ``user`` sees it.

    The text query is already applied in ``within`` (over the text the user is shown);
    the filter keeps the dates and statuses, which say the period and the statuses."""
    f = entry_filter(params)
    return dataclasses.replace(f, q="", within=matching_entries(params, user))


def publishing(section: str) -> Callable[[View], View]:
    """A domain error while publishing (nothing to publish, no period) is a 400."""

    def decorate(view: View) -> View:
        @wraps(view)
        def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
            try:
                response: HttpResponseBase = view(request, *args, **kwargs)
                return response
            except PublishError as exc:
                return bad_request(request, BadQuery("query", str(exc)), section=section)

        return wrapped

    return decorate


def _download(data: bytes, fmt: str, name: str) -> HttpResponse:
    response = HttpResponse(data, content_type=CONTENT_TYPES[fmt])
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


def _inline_styles(view: View) -> View:
    """Allow exactly the ``<style>`` blocks of a standalone page the publish package
    wrote (by their hashes), and nothing else inline."""

    @wraps(view)
    def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        response: HttpResponseBase = view(request, *args, **kwargs)
        if response.status_code != 200 or not isinstance(response, HttpResponse):
            return response
        blocks = re.findall(rb"<style>(.*?)</style>", response.content, re.DOTALL)
        hashes = [
            "'sha256-" + base64.b64encode(hashlib.sha256(b).digest()).decode() + "'" for b in blocks
        ]
        if hashes:
            # What django-csp's @csp_update sets; the hashes are known only once rendered.
            response._csp_update = {"style-src": hashes}  # type: ignore[attr-defined]
        return response

    return wrapped


# --- the chronicle and the export of the current search ----------------------------------


@require_GET
@with_params("entries")
@publishing("entries")
def chronicle(request: HttpRequest, params: SearchParams, fmt: str) -> HttpResponse:
    built = build_chronicle(publication(params, request.user), withholding=Withholding.default())
    name = f"kuzet-chronicle-{built.start.isoformat()}-{built.end.isoformat()}.{fmt}"
    return _download(write_chronicle(built, fmt), fmt, name)


@require_GET
@with_params("entries")
@publishing("entries")
def export(request: HttpRequest, params: SearchParams, fmt: str) -> HttpResponseBase:
    """The export streamed from a temporary file, gone from the disk once opened."""
    scope = Scope(publication(params, request.user), Withholding.default())
    name = EXPORT_FILES[fmt]
    with tempfile.TemporaryDirectory(prefix="kuzet-export-") as tmp:
        path = Path(tmp) / name
        run_export(scope, fmt, path)
        handle = open(path, "rb")
        os.unlink(path)  # the open handle keeps the data until the response is sent
    kind = "zip" if fmt == "csv" else fmt
    return FileResponse(handle, as_attachment=True, filename=name, content_type=CONTENT_TYPES[kind])


# --- the report --------------------------------------------------------------------------


@require_GET
@_inline_styles
@with_params("entries")
@publishing("entries")
def report(request: HttpRequest, params: SearchParams) -> HttpResponse:
    """The report of the search's period as a page of its own (the publish package's HTML)."""
    result = build_report(publication(params, request.user))
    return HttpResponse(render_report(result, "html"), content_type=CONTENT_TYPES["html"])


@require_GET
@with_params("entries")
@publishing("entries")
def report_file(request: HttpRequest, params: SearchParams, fmt: str) -> HttpResponse:
    result = build_report(publication(params, request.user))
    name = f"kuzet-report-{result.start.isoformat()}-{result.end.isoformat()}.{fmt}"
    return _download(render_report(result, fmt), fmt, name)


# --- the list of people ------------------------------------------------------------------


@dataclasses.dataclass(frozen=True, slots=True)
class ListQuery:
    as_of: dt.date
    situations: tuple[str, ...]

    def urlencode(self) -> str:
        from urllib.parse import urlencode

        return urlencode([("as_of", self.as_of.isoformat()), *(("status", s) for s in self.situations)])


def list_query(request: HttpRequest) -> ListQuery:
    """``as_of`` (YYYY-MM-DD, default today) and ``status`` (situations, repeatable)."""
    raw = check_text("as_of", request.GET.get("as_of", "").strip())
    try:
        as_of = dt.date.fromisoformat(raw) if raw else timezone.localdate()
    except ValueError:
        raise BadQuery("as_of", f"expected a date like 2024-03-15, not {raw[:40]!r}") from None
    situations = tuple(dict.fromkeys(s.strip() for s in request.GET.getlist("status") if s.strip()))
    for s in situations:
        if s not in SITUATIONS:
            raise BadQuery("status", f"expected one of {', '.join(SITUATIONS)}")
    return ListQuery(as_of, situations)


def _people(request: HttpRequest, q: ListQuery) -> Any:
    """Published, non-confidential entries only (as ``kuzet people-list``), among those the
    user may see: a published list must not tie a person to a withheld entry."""
    from ..access import visible_entries

    return build_people_list(q.as_of, situations=q.situations, f=EntryFilter(within=visible_entries(request.user)))


def _with_list_query(view: View) -> View:
    @wraps(view)
    def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        try:
            q = list_query(request)
        except BadQuery as exc:
            return bad_request(request, exc, section="people_list")
        response: HttpResponseBase = view(request, q, *args, **kwargs)
        return response

    return wrapped


@require_GET
@_with_list_query
def people_list(request: HttpRequest, q: ListQuery) -> HttpResponse:
    result = _people(request, q)
    context = {
        "people_list": result,
        "columns": COLUMNS,
        "rows": [r.cells() for r in result.people],
        "situations": [(s, situation_label(s), s in q.situations) for s in SITUATIONS],
        "list_day": q.as_of,
        "list_query": q.urlencode(),
    }
    return page(request, "workspace/people_list.html", context, section="people_list")


@require_GET
@_with_list_query
def people_list_file(request: HttpRequest, q: ListQuery, fmt: str) -> HttpResponse:
    result = _people(request, q)
    return _download(render_people_list(result, fmt), fmt, f"kuzet-people-{q.as_of.isoformat()}.{fmt}")
