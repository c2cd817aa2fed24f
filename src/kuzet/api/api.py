"""The read-only JSON API (django-ninja): entries, persons, places, stats, documents.

Every list reads through :func:`kuzet.workspace.access.visible_entries` and the same
query parser as the entries page (:mod:`kuzet.workspace.params`), so ``/api/entries``
takes exactly the page's filters. Lists are paged by an opaque ``cursor``: stable
while data is added, and never an ever-growing OFFSET. A bad parameter is a 400 with
``{"detail": ..., "param": ...}``; an unknown id is a 404.
"""

from __future__ import annotations

import base64
import binascii
import datetime as dt
import json
from typing import Any

from django.db.models import Count, Q
from django.http import HttpRequest, HttpResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.dateparse import parse_datetime
from ninja import NinjaAPI, Query
from ninja.errors import ValidationError

from ..store import models as m
from ..store.selectors import with_details
from ..store.story import Story
from ..workspace.access import (
    entry_for,
    person_story_for,
    visible_documents,
    visible_entries,
    visible_mentions,
    visible_persons,
)
from ..workspace.articles import article_title
from ..workspace.params import BadQuery, check_text, parse_params
from ..workspace.queries import matching_entries
from ..workspace.redaction import withhold_names
from ..workspace.serialize import entry_dict
from ..workspace.stats import dashboard
from ..workspace.views.people import Related, prison_terms, related_people
from ..workspace.views.places import place_tree
from ..workspace.views.review import log_confidential_view
from . import schemas as s

__all__ = ["api"]

api = NinjaAPI(
    title="Kuzet API",
    version="1",
    description=(
        "Access to the Kuzet record: entries of human-rights chronicles with "
        "what was extracted from them, persons, places and figures. JSON only. Lists "
        "are paged with `cursor` (take `next_cursor` from a page to get the next one). "
        "Reads show what the caller's role may see; changes (corrections, review moves) "
        "need an API token: `Authorization: Bearer TOKEN`."
    ),
    urls_namespace="api",
    docs_url="/docs",
    openapi_url="/openapi.json",
)

MAX_LIMIT = 500
DEFAULT_LIMIT = 50


@api.exception_handler(BadQuery)
def _bad_query(request: HttpRequest, exc: BadQuery) -> HttpResponse:
    return api.create_response(request, {"detail": exc.problem, "param": exc.param}, status=400)


@api.exception_handler(ValidationError)
def _invalid(request: HttpRequest, exc: ValidationError) -> HttpResponse:
    # ninja's default is 422; a wrong parameter is the client's error like any other: 400.
    first = exc.errors[0] if exc.errors else {}
    loc = [str(x) for x in first.get("loc", ()) if x not in ("query", "path")]
    return api.create_response(
        request,
        {"detail": str(first.get("msg", "invalid request")), "param": ".".join(loc) or None},
        status=400,
    )


# ---------------------------------------------------------------------------- cursors


def encode_cursor(values: list[Any]) -> str:
    raw = json.dumps(values, separators=(",", ":")).encode()
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


def decode_cursor(cursor: str, shape: tuple[type, ...]) -> list[Any]:
    """The values a cursor carries; a cursor from another listing or a typo is a 400."""
    try:
        raw = base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4))
        values = json.loads(raw)
    except (binascii.Error, ValueError, UnicodeDecodeError):
        raise BadQuery("cursor", "not a cursor this API gave out") from None
    if (
        not isinstance(values, list)
        or len(values) != len(shape)
        or not all(isinstance(v, t) and not isinstance(v, bool) for v, t in zip(values, shape, strict=True))
    ):
        raise BadQuery("cursor", "not a cursor this API gave out")
    return values


def _limit(limit: int) -> int:
    if not 1 <= limit <= MAX_LIMIT:
        raise BadQuery("limit", f"between 1 and {MAX_LIMIT}")
    return limit


def _next_url(request: HttpRequest, cursor: str | None) -> str | None:
    if cursor is None:
        return None
    query = request.GET.copy()
    query["cursor"] = cursor
    return request.build_absolute_uri(request.path + "?" + query.urlencode())


def _updated_since(value: str | None) -> dt.datetime | None:
    if not value:
        return None
    check_text("updated_since", value)
    parsed = parse_datetime(value.strip())
    if parsed is None:
        try:
            day = dt.date.fromisoformat(value.strip())
        except ValueError:
            raise BadQuery(
                "updated_since", "expected a date-time like 2024-04-01T00:00:00Z"
            ) from None
        parsed = dt.datetime.combine(day, dt.time())
    if timezone.is_naive(parsed):
        parsed = timezone.make_aware(parsed, dt.UTC)
    return parsed


# ---------------------------------------------------------------------------- entries


def _with_titles(d: dict[str, Any]) -> dict[str, Any]:
    for ref in d["legal_refs"]:
        ref["title"] = article_title(ref["code"], ref["article"], ref["part"])
    return d


@api.get(
    "/entries",
    response={200: s.EntryPage, 400: s.Error},
    tags=["entries"],
    summary="Search entries",
)
def list_entries(
    request: HttpRequest,
    q: str | None = Query(
        None,
        description='Full-text query: words, "a phrase", -excluded, prefix*',
        max_length=10_000,
    ),
    date_from: str | None = Query(None, description="YYYY-MM-DD, YYYY-MM or YYYY"),
    date_to: str | None = Query(None, description="YYYY-MM-DD, YYYY-MM or YYYY"),
    place: str | None = Query(
        None, description="A place name; a region or city includes the places in it"
    ),
    region: str | None = Query(None, description="A region or city of republican significance"),
    type: list[str] | None = Query(None, description="Event type ids (any of them)"),  # noqa: B008
    article: str | None = Query(None, description="'CC 174', 'CAO 488 part 6' or '405'"),
    person: str | None = Query(None, description="A person id, or a name key like 'Testova A.'"),
    domain: str | None = Query(None, description="A source's domain (subdomains included)"),
    sanction: str | None = Query(
        None, description="A sanction kind (fine, administrative_arrest, ...)"
    ),
    status: list[str] | None = Query(None, description="Review statuses (any of them)"),  # noqa: B008
    document: str | None = Query(None, description="A document key (2024-03)"),
    updated_since: str | None = Query(
        None, description="Only entries changed at or after this time (ISO 8601)"
    ),
    cursor: str | None = Query(None, description="From next_cursor of the previous page"),
    limit: int = Query(DEFAULT_LIMIT, description=f"Entries per page, 1-{MAX_LIMIT}"),
) -> dict[str, Any]:
    params = parse_params(request.GET)
    limit = _limit(limit)
    since = _updated_since(updated_since)
    qs = matching_entries(params, request.user)
    if since is None:
        qs = qs.order_by("id")
        if cursor:
            (last,) = decode_cursor(cursor, (int,))
            qs = qs.filter(id__gt=last)
    else:
        # Ordered by change time, so a client can sync: keep the last cursor, come back.
        qs = qs.filter(updated_at__gte=since).order_by("updated_at", "id")
        if cursor:
            stamp, last = decode_cursor(cursor, (str, int))
            at = parse_datetime(stamp)
            if at is None:
                raise BadQuery("cursor", "not a cursor this API gave out")
            qs = qs.filter(Q(updated_at__gt=at) | Q(updated_at=at, id__gt=last))
    rows = list(with_details(qs)[: limit + 1])
    more = len(rows) > limit
    rows = withhold_names(rows[:limit], request.user)
    next_cursor = None
    if more:
        tail = rows[-1]
        next_cursor = encode_cursor(
            [tail.pk] if since is None else [tail.updated_at.isoformat(), tail.pk]
        )
    return {
        "results": [_with_titles(entry_dict(e)) for e in rows],
        "next_cursor": next_cursor,
        "next": _next_url(request, next_cursor),
    }


@api.get(
    "/entries/{entry_id}",
    response={200: s.EntryOut, 400: s.Error, 404: s.Error},
    tags=["entries"],
    summary="One entry",
)
def get_entry(request: HttpRequest, entry_id: int) -> dict[str, Any]:
    e = entry_for(request.user, entry_id)
    (full,) = withhold_names([with_details(m.Entry.objects.filter(pk=e.pk)).get()], request.user)
    log_confidential_view(request, full)
    return _with_titles(entry_dict(full))


# ---------------------------------------------------------------------------- persons


@api.get(
    "/persons", response={200: s.PersonPage, 400: s.Error}, tags=["persons"], summary="List persons"
)
def list_persons(
    request: HttpRequest,
    q: str | None = Query(None, description="Part of a name, in any spelling used", max_length=200),
    cursor: str | None = Query(None, description="From next_cursor of the previous page"),
    limit: int = Query(DEFAULT_LIMIT, description=f"Persons per page, 1-{MAX_LIMIT}"),
) -> dict[str, Any]:
    limit = _limit(limit)
    qs = visible_persons(request.user).order_by("id")
    if q:
        check_text("q", q)
    if q and q.strip():
        term = q.strip()
        qs = qs.filter(
            Q(name__icontains=term)
            | Q(
                pk__in=visible_mentions(request.user)
                .filter(Q(key__icontains=term) | Q(written__icontains=term))
                .values("person_id")
            )
        )
    if cursor:
        (last,) = decode_cursor(cursor, (int,))
        qs = qs.filter(id__gt=last)
    rows = list(qs[: limit + 1])
    more = len(rows) > limit
    rows = rows[:limit]
    counts = dict(
        visible_mentions(request.user)
        .filter(person__in=rows, entry__in=visible_entries(request.user).values("pk"))
        .values_list("person_id")
        .annotate(n=Count("entry_id", distinct=True))
    )
    next_cursor = encode_cursor([rows[-1].pk]) if more else None
    return {
        "results": [
            {
                "id": p.pk,
                "name": p.name,
                "entries": counts.get(p.pk, 0),
                "url": reverse("workspace:person", args=[p.pk]),
            }
            for p in rows
        ],
        "next_cursor": next_cursor,
        "next": _next_url(request, next_cursor),
    }


def _sanction_out(fact: Any, entry_id: int | None = None) -> dict[str, Any]:
    return {
        "kind": fact.kind,
        "days": fact.days,
        "amount_kzt": fact.amount_kzt,
        "person": None,
        "person_id": None,
        "status": fact.status,
        "start": None,
        "end": None,
    }


@api.get(
    "/persons/{person_id}",
    response={200: s.PersonOut, 400: s.Error, 404: s.Error},
    tags=["persons"],
    summary="One person, with a timeline of every entry",
)
def get_person(request: HttpRequest, person_id: int) -> dict[str, Any]:
    # The person page's path: one query finds the person visible with their name and
    # mentions, one reads what their entries hold; related people come from the
    # story's rows. A 404 when the user may see none of their mentions, as before.
    story = person_story_for(request.user, person_id)
    return person_out(story, related_people(story.person, request.user, story=story))


def person_out(story: Story, related: list[Related]) -> dict[str, Any]:
    """One person as ``PersonOut``: the story as the reader may see it, and the people
    named with them (:func:`~kuzet.workspace.views.people.related_people`)."""
    p = story.person
    summary = story.summary
    measure = summary.current_measure
    return {
        "id": p.pk,
        "name": p.name,
        "aliases": list(story.aliases),
        "url": reverse("workspace:person", args=[p.pk]),
        "summary": {
            "entries": summary.entries,
            "first_date": summary.first.date.isoformat()
            if summary.first and summary.first.date
            else None,
            "last_date": summary.last.date.isoformat()
            if summary.last and summary.last.date
            else None,
            "arrest_days": summary.arrest_days,
            "arrests": summary.arrests,
            "fines_kzt": summary.fines_kzt,
            "prison_terms_days": [t.days for t, _ in prison_terms(story) if t.days],
            "latest_measure": _sanction_out(measure[0]) if measure else None,
            "latest_measure_entry_id": measure[1].entry_id if measure else None,
        },
        "timeline": [
            {
                "entry_id": a.entry_id,
                "document": a.doc,
                "n": a.n,
                "date": a.date.isoformat() if a.date else None,
                "date_precision": a.date_precision,
                "place": a.place,
                "written": a.written,
                "role": a.role,
                "types": list(a.types),
                "articles": [
                    {
                        "code": r.code,
                        "article": r.article,
                        "part": r.part or None,
                        "title": article_title(r.code, r.article, r.part or None),
                        "start": None,
                        "end": None,
                    }
                    for r in a.articles
                ],
                "sanctions": [_sanction_out(f) for f in a.sanctions],
            }
            for a in story.appearances
        ],
        "related": [
            {"id": r.person_id, "name": r.name, "shared_entries": r.shared} for r in related
        ],
    }


# ---------------------------------------------------------------------------- places, stats


@api.get(
    "/places",
    response={200: list[s.PlaceCount], 400: s.Error},
    tags=["places"],
    summary="Places with their entry counts",
)
def list_places(request: HttpRequest) -> list[dict[str, Any]]:
    out = []
    for top in place_tree(visible_entries(request.user)):
        for pc, region in [(top, None), *((c, top.place.name) for c in top.children)]:
            out.append(
                {
                    "id": pc.place.pk,
                    "name": pc.place.name,
                    "kind": pc.place.kind,
                    "region": region,
                    "lat": pc.place.lat,
                    "lon": pc.place.lon,
                    "entries": pc.own,
                    "entries_within": pc.total,
                }
            )
    return out


@api.get(
    "/stats",
    response={200: s.StatsOut, 400: s.Error},
    tags=["stats"],
    summary="The dashboard's figures over entries matching the same filters as /entries",
)
def stats(
    request: HttpRequest,
    q: str | None = Query(None, max_length=10_000),
    date_from: str | None = None,
    date_to: str | None = None,
    place: str | None = None,
    region: str | None = None,
    type: list[str] | None = Query(None),  # noqa: B008 - ninja's way to declare a list
    article: str | None = None,
    person: str | None = None,
    domain: str | None = None,
    sanction: str | None = None,
    status: list[str] | None = Query(None),  # noqa: B008
    document: str | None = None,
    per: str | None = Query(None, description="month or week (default: chosen by the date span)"),
) -> dict[str, Any]:
    params = parse_params(request.GET, extra=("per",))
    if per not in (None, "", "week", "month"):
        raise BadQuery("per", "expected week or month")
    d = dashboard(params, request.user)
    entries = reverse("workspace:entries")
    return {
        "as_of": d.as_of.isoformat() if d.as_of else None,
        "entries": d.total_entries,
        "per": d.per,
        "figures": {
            key: {
                "counts": fig.counts,
                "columns": list(fig.columns),
                "rows": [
                    {
                        "keys": list(r.keys),
                        "value": r.value,
                        "extra": list(r.extra),
                        "entries_url": request.build_absolute_uri(f"{entries}?{r.query}")
                        if r.query
                        else None,
                    }
                    for r in fig.rows
                ],
            }
            for key, fig in d.figures.items()
        },
    }


@api.get(
    "/documents",
    response={200: list[s.DocumentOut], 400: s.Error},
    tags=["documents"],
    summary="Ingested chronicles",
)
def list_documents(request: HttpRequest) -> list[dict[str, Any]]:
    visible = visible_entries(request.user).values("pk")
    docs = (
        visible_documents(request.user)
        .annotate(n=Count("entries", filter=Q(entries__in=visible)))
        .order_by("key")
    )
    return [
        {
            "key": d.key,
            "period": d.period,
            "name": d.name,
            "title": d.title,
            "format": d.format,
            "entries": d.n,
            "lint_findings": [f for f in d.lint_findings if isinstance(f, dict)],
            "ingested_at": d.ingested_at.isoformat(),
            "updated_at": d.updated_at.isoformat(),
        }
        for d in docs
    ]


# Corrections and review moves (kuzet.api.writes): they need an API token.
from .writes import router as _writes  # noqa: E402

api.add_router("", _writes)
