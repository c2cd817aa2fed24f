"""The cheaper paths of first-visit pages answer exactly as the plain ones did: facet
tokens instead of SQL joins for types, places and regions; a person's story and
related people from plain values; result rows with their links worked out in the
view; the dashboard shared between server processes."""

from __future__ import annotations

import itertools
from typing import Any

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.cache import cache
from django.test import Client
from django.urls import reverse

from kuzet.store import models as m
from kuzet.store.selectors import EntryFilter, filtered_entries, places_within
from kuzet.store.story import person_story
from kuzet.workspace import queries, stats
from kuzet.workspace.access import visible_entries, visible_mentions
from kuzet.workspace.params import SearchParams
from kuzet.workspace.views.entries import result_rows
from kuzet.workspace.views.people import related_people, visible_story

pytestmark = pytest.mark.db

REGIONS = ["", "Almaty Region", "almaty region", "Jetisu Region", "Oral", "Nowhere Region"]
PLACES = ["", "Kaskelen", "Almaty Region", "Karabulak"]
TYPE_SETS = [
    (),
    ("detention",),
    ("assembly_refusal", "criminal_case"),
    ("publication",),
    ("no_such_type",),
]
WORDS = ["", "journalists", "-journalists"]


def _sql_answer(p: SearchParams) -> set[int]:
    """The same query answered by SQL joins only (the store's filter, no tokens)."""
    f = EntryFilter(types=p.type, place=p.place[0] if p.place else "")
    qs = visible_entries(AnonymousUser()) & filtered_entries(f)
    if p.region:
        qs = qs.filter(place__in=places_within(p.region[0]).values("pk"))
    if p.q:
        from kuzet.store import search

        narrowed = search.matching_entries(qs, p.q)
        qs = narrowed if narrowed is not None else qs.none()
    return set(qs.values_list("pk", flat=True))


@pytest.mark.parametrize(
    ("region", "place", "types", "q"),
    [
        combo
        for combo in itertools.product(REGIONS, PLACES, TYPE_SETS, WORDS)
        if sum(map(bool, combo)) >= 1
    ][::3],  # a third of the combinations, spread over all of them
)
def test_token_filters_find_what_sql_joins_find(
    record: None, region: str, place: str, types: tuple[str, ...], q: str
) -> None:
    p = SearchParams(
        q=q,
        region=(region,) if region else (),
        place=(place,) if place else (),
        type=types,
    )
    found = set(queries.matching_entries(p, AnonymousUser()).values_list("pk", flat=True))
    assert found == _sql_answer(p), p


def test_the_token_filters_are_used_for_types_places_and_regions(record: None) -> None:
    p = SearchParams(region=("Almaty Region",), type=("detention",))
    f, groups = queries._token_groups(queries.entry_filter(p), p)
    assert f.types == () and f.place == ""
    assert groups is not None and len(groups) == 2
    # A place nobody recorded matches nothing at all.
    p = SearchParams(region=("Atlantis",))
    assert queries._token_groups(queries.entry_filter(p), p)[1] is None


def _story_shape(story: Any) -> tuple[Any, ...]:
    return (
        story.aliases,
        [
            (a.doc, a.n, a.date, a.place, a.written, a.role, a.types,
             tuple(map(str, a.articles)), tuple(map(str, a.sanctions)))
            for a in story.appearances
        ],
        repr(story.summary),
    )


def _plain_story(person: m.Person, mentions: Any) -> tuple[Any, ...]:
    """The story read through model instances, as before the flat queries."""
    from kuzet.chronicle.knowledge import default_knowledge
    from kuzet.store.story import Appearance, LawRef, SanctionFact, Story, _summarise, _title

    table = default_knowledge().articles
    rows = list(
        mentions.filter(person=person)
        .select_related("entry__document", "entry__place__region")
        .prefetch_related("entry__legal_refs", "entry__types", "entry__sanctions",
                          "entry__person_mentions")
    )
    out = []
    for mn in rows:
        e = mn.entry
        subjects = [x for x in e.person_mentions.all() if x.role == "subject"]
        alone = len(subjects) == 1 and subjects[0].pk == mn.pk
        place = None
        if e.place is not None:
            region = e.place.region
            place = (f"{e.place.name} ({region.name})"
                     if region is not None and region.name != e.place.name else e.place.name)
        out.append(Appearance(
            e.document.key, e.n, e.pk, e.date, e.date_precision, place, mn.written or mn.key,
            mn.role,
            tuple(LawRef(r.code, r.article, r.part, _title(table, r.code, r.article, r.part or None))
                  for r in e.legal_refs.all()),
            tuple(SanctionFact(s.kind, s.days, s.amount_kzt, s.status) for s in e.sanctions.all()
                  if s.mention_id == mn.pk or (s.mention_id is None and s.person_key == mn.key)
                  or (s.mention_id is None and not s.person_key and alone)),
            tuple(dict.fromkeys(t.type_id for t in e.types.all())),
        ))
    out.sort(key=lambda a: (a.date or __import__("datetime").date.max, a.doc, a.n))
    names = {mn.key for mn in rows} | {mn.written for mn in rows if mn.written}
    story = Story(person, tuple(sorted(names - {person.name})), tuple(out), _summarise(out))
    return _story_shape(story)


def test_every_persons_story_reads_as_it_did_from_model_instances(record: None) -> None:
    people = list(m.Person.objects.all())
    assert people
    for person in people:
        for mentions in (m.PersonMention.objects.all(), visible_mentions(AnonymousUser())):
            assert _story_shape(person_story(person, mentions=mentions)) == _plain_story(
                person, mentions
            ), person.name


def test_related_people_from_the_story_are_those_the_database_finds(
    record: None,
) -> None:
    user = AnonymousUser()
    for person in m.Person.objects.all():
        story = visible_story(person, user)
        assert related_people(person, user, story=story) == related_people(person, user)


def test_result_rows_link_as_reverse_does_and_keep_the_types_in_order(record: None) -> None:
    entries = list(m.Entry.objects.select_related("document").order_by("id"))
    rows = result_rows(entries, [])
    for e, row in zip(entries, rows, strict=True):
        assert row.url == reverse("workspace:entry", args=[e.pk])
        assert row.document_url == reverse("workspace:document", args=[e.document.key])
        stored = list(dict.fromkeys(e.types.values_list("type_id", flat=True)))
        assert len(row.types) == len(stored), e.pk
    # A document key with characters a path must quote.
    doc = entries[0].document
    doc.key = "2031-06 (draft)"
    assert result_rows([entries[0]], [])[0].document_url == reverse(
        "workspace:document", args=["2031-06 (draft)"]
    )


def test_the_dashboard_is_computed_once_for_every_server_process(
    record: None, client: Client, monkeypatch: pytest.MonkeyPatch
) -> None:
    first = client.get("/dashboard/")
    assert first.status_code == 200
    cache.clear()  # another process: its own memory is empty, the shared cache is not

    def fail(*args: object, **kwargs: object) -> None:
        raise AssertionError("the dashboard was computed again")

    monkeypatch.setattr(stats, "_compute", fail)
    again = client.get("/dashboard/")
    assert again.status_code == 200 and again.content == first.content


def test_the_shared_cache_is_keyed_by_the_data_version(
    record: None, client: Client
) -> None:
    from kuzet.store import services

    before = stats.dashboard(SearchParams(), AnonymousUser())
    entry = visible_entries(AnonymousUser()).order_by("id").first()
    assert entry is not None
    services.correct_entry(entry=entry, field="confidential", value=True, who="test")
    queries.forget_data_version()
    cache.clear()
    after = stats.dashboard(SearchParams(), AnonymousUser())
    assert after.total_entries == before.total_entries - 1


@pytest.mark.parametrize(
    ("region", "types"),
    [
        ("Almaty Region", ()),
        ("Almaty Region", ("criminal_case", "publication")),
        ("Jetisu Region", ("assembly_refusal",)),
    ],
)
def test_the_compared_searches_find_something(
    record: None, region: str, types: tuple[str, ...]
) -> None:
    """The comparison above is not between two empty answers."""
    p = SearchParams(region=(region,), type=types)
    assert _sql_answer(p), p


def test_a_person_page_is_a_404_exactly_when_the_person_is_not_visible(
    record: None, client: Client, settings: Any
) -> None:
    from kuzet.workspace.access import visible_persons

    visible = set(visible_persons(AnonymousUser()).values_list("pk", flat=True))
    every = set(m.Person.objects.values_list("pk", flat=True))
    # Hide one person's every entry from anonymous visitors.
    hidden = next(iter(sorted(visible)))
    m.Entry.objects.filter(person_mentions__person_id=hidden).update(confidential=True)
    queries.forget_data_version()
    cache.clear()
    visible = set(visible_persons(AnonymousUser()).values_list("pk", flat=True))
    assert hidden not in visible and visible
    for pk in sorted(every) + [max(every) + 1]:
        status = client.get(f"/persons/{pk}/").status_code
        assert status == (200 if pk in visible else 404), pk
    settings.KUZET_PUBLIC = False
    cache.clear()
    assert client.get(f"/persons/{min(visible)}/").status_code in (302, 404)
