"""Persons: the list (with a name search) and one person's story."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.core.paginator import Paginator
from django.db.models import Count, Max, Min, Q
from django.http import HttpRequest, HttpResponse
from django.views.decorators.http import require_GET

from ...store import models as m
from ...store.story import GIVEN, Appearance, SanctionFact, Story, person_story
from ..access import (
    person_story_for,
    sees_every_mention,
    visible_entries,
    visible_mentions,
    visible_persons,
)
from ..params import BadQuery
from ..redaction import withholds_names
from .common import bad_request, cached_page, page

__all__ = ["person", "persons", "prison_terms", "related_people", "visible_story"]

PAGE_SIZE = 50
MAX_NAME_QUERY = 200


@require_GET
@cached_page
def persons(request: HttpRequest) -> HttpResponse:
    q = request.GET.get("q", "").strip()
    if len(q) > MAX_NAME_QUERY or "\x00" in q:
        problem = (
            "contains a NUL character"
            if "\x00" in q
            else f"longer than {MAX_NAME_QUERY} characters"
        )
        return bad_request(request, BadQuery("q", problem), section="persons")
    qs = visible_persons(request.user)
    if q:
        qs = qs.filter(
            Q(name__icontains=q)
            | Q(
                pk__in=visible_mentions(request.user)
                .filter(Q(key__icontains=q) | Q(written__icontains=q))
                .values("person_id")
            )
        )
    visible = visible_entries(request.user)
    counted = Q(mentions__entry__in=visible.values("pk"))
    if withholds_names(request.user):
        counted &= Q(mentions__confidential=False)
    qs = qs.annotate(
        entries=Count("mentions__entry", filter=counted, distinct=True),
        first=Min("mentions__entry__date", filter=counted),
        last=Max("mentions__entry__date", filter=counted),
    ).order_by("-entries", "name")
    page_number = request.GET.get("page", "1")
    if not page_number.isdigit() or int(page_number) < 1:
        return bad_request(request, BadQuery("page", "expected a page number"), section="persons")
    paginator = Paginator(qs, PAGE_SIZE)
    current = paginator.get_page(int(page_number))
    return page(request, "workspace/persons.html", {"q": q, "page_obj": current}, section="persons")


@dataclass(frozen=True, slots=True)
class Related:
    person_id: int
    name: str
    shared: int


def related_people(
    person: m.Person, user: object, limit: int = 20, *, story: Story | None = None
) -> list[Related]:
    """People named in the same (visible) entries, most shared entries first.

    ``story``: the person's story as the user sees it (:func:`visible_story`), which
    carries the other people named in those entries, so the database need not find
    them again."""
    if story is not None:
        return _related_in_story(story, user, limit)
    entries: Any = visible_mentions(user).filter(person=person).values("entry_id")
    rows = (
        visible_mentions(user)
        .filter(entry_id__in=entries)
        .exclude(person=None)
        .exclude(person=person)
        .values("person_id", "person__name")
        .annotate(n=Count("entry_id", distinct=True))
        .order_by("-n", "person__name", "person_id")[:limit]
    )
    return [Related(r["person_id"], r["person__name"], r["n"]) for r in rows]


def _related_in_story(story: Story, user: object, limit: int) -> list[Related]:
    """:func:`related_people` from the story's co-mentions: its entries are visible to
    the user, so a mention in them is visible unless it is withheld."""
    every_name = sees_every_mention(user)
    shared: dict[tuple[int, int, str], set[int]] = {}  # (name rank, id, name) -> entries
    for c in story.co_mentions:
        if every_name or not c.confidential:
            shared.setdefault((c.name_rank, c.person_id, c.name), set()).add(c.entry_id)
    # Most shared entries first, then by name as the database orders names.
    ranked = sorted(shared.items(), key=lambda kv: (-len(kv[1]), kv[0][0]))
    return [Related(pid, name, len(entries)) for (_, pid, name), entries in ranked[:limit]]


def prison_terms(story: Story) -> list[tuple[SanctionFact, Appearance]]:
    """Terms of imprisonment given to the person, each once though reported again."""
    out: list[tuple[SanctionFact, Appearance]] = []
    for a in story.appearances:
        for s in a.sanctions:
            if (
                s.kind == "imprisonment"
                and s.status in GIVEN
                and all(s.days != t.days for t, _ in out)
            ):
                out.append((s, a))
    return out


def visible_story(person: m.Person, user: object) -> Story:
    """The person's story from the entries and mentions the user may see."""
    return person_story(person, mentions=visible_mentions(user))


@require_GET
@cached_page
def person(request: HttpRequest, pk: int) -> HttpResponse:
    story = person_story_for(request.user, pk)
    p = story.person
    appearances = list(story.appearances)
    context = {
        "person": p,
        "story": story,
        "summary": story.summary,
        "appearances": appearances,
        "prison_terms": prison_terms(story),
        "related": related_people(p, request.user, story=story),
    }
    return page(request, "workspace/person.html", context, section="persons")
