"""The person page's cheaper path tells every reader what the plain one does.

The page reads a person's story through a query the ORM compiles once per thread and
visibility (``kuzet.workspace.access.person_story_for``) and lists related people from
the story's own rows (``related_people(..., story=...)``); the API and the CLI read
them through the plain querysets. Here every person of the fictional record is read
both ways by every kind of reader, with some names withheld and an entry confidential,
so that what a reader may not see differs from what the database holds.
"""

from __future__ import annotations

from typing import Any

import pytest
from django.contrib.auth.models import AnonymousUser
from django.http import Http404
from django.test import Client

from kuzet.store import models as m
from kuzet.workspace.access import person_for, person_story_for
from kuzet.workspace.views.people import related_people, visible_story

pytestmark = pytest.mark.db

READERS = ("anonymous", "viewer", "editor", "admin")


def _shape(story: Any) -> tuple[Any, ...]:
    return (
        story.person.pk,
        story.person.name,
        story.aliases,
        story.appearances,
        repr(story.summary),
    )


@pytest.fixture
def readers(db: None) -> dict[str, object]:
    from kuzet.accounts.services import create_user

    users: dict[str, object] = {"anonymous": AnonymousUser()}
    for role in READERS[1:]:
        users[role] = create_user(f"reader-{role}", role, who="test")[0]
    return users


@pytest.fixture
def withheld(record: None) -> None:
    """Every third linked mention withheld, and the record's second entry confidential."""
    from kuzet.workspace.queries import forget_data_version

    linked = list(m.PersonMention.objects.exclude(person=None).order_by("id").values_list("id", flat=True))
    assert len(linked) > 6
    m.PersonMention.objects.filter(id__in=linked[::3]).update(confidential=True)
    second = m.Entry.objects.order_by("id").values_list("id", flat=True)[1]
    m.Entry.objects.filter(id=second).update(confidential=True)
    forget_data_version()


@pytest.mark.parametrize("reader", READERS)
def test_the_pages_story_and_related_people_are_those_the_plain_queries_find(
    withheld: None, readers: dict[str, object], reader: str
) -> None:
    user = readers[reader]
    shown = 0
    for person in m.Person.objects.order_by("id"):
        try:
            person_for(user, person.pk)
        except Http404:
            with pytest.raises(Http404):
                person_story_for(user, person.pk)
            continue
        story = person_story_for(user, person.pk)
        plain = visible_story(person, user)
        assert _shape(story) == _shape(plain), (reader, person.name)
        assert related_people(person, user, story=story) == related_people(person, user), (
            reader,
            person.name,
        )
        shown += 1
    assert shown > 0


def test_withheld_names_are_not_related_people_for_anonymous_readers_but_are_for_editors(
    withheld: None, readers: dict[str, object]
) -> None:
    """The withheld mentions change the lists (so the test above compares lists that
    differ between readers), and only readers who may see them find them."""
    differs = 0
    for person in m.Person.objects.all():
        try:
            anonymous = related_people(person, readers["anonymous"], story=person_story_for(readers["anonymous"], person.pk))
        except Http404:
            continue
        editor = related_people(person, readers["editor"], story=person_story_for(readers["editor"], person.pk))
        hidden = set(
            m.PersonMention.objects.filter(confidential=True).values_list("person_id", flat=True)
        )
        assert {r.person_id for r in anonymous} <= {r.person_id for r in editor}
        differs += {r.person_id for r in editor} != {r.person_id for r in anonymous}
        assert not ({r.person_id for r in anonymous} - {r.person_id for r in editor}) & hidden
    assert differs > 0


def test_a_reader_who_may_see_nothing_gets_no_story_after_one_who_may(
    record: None, settings: object
) -> None:
    """The compiled query is kept per visibility: a private instance's anonymous
    visitor must not be answered with the public one's query."""
    person = m.Person.objects.order_by("id").first()
    assert person is not None
    assert person_story_for(AnonymousUser(), person.pk).appearances
    settings.KUZET_PUBLIC = False  # type: ignore[attr-defined]
    with pytest.raises(Http404):
        person_story_for(AnonymousUser(), person.pk)
    settings.KUZET_PUBLIC = True  # type: ignore[attr-defined]
    assert person_story_for(AnonymousUser(), person.pk).appearances


def test_the_person_on_the_page_loads_its_other_fields_when_asked(record: None) -> None:
    person = m.Person.objects.order_by("id").first()
    assert person is not None
    m.Person.objects.filter(pk=person.pk).update(notes="a note of the editors")
    story = person_story_for(AnonymousUser(), person.pk)
    assert story.person.notes == "a note of the editors"
    assert story.person == person


def test_person_pages_answer_for_every_person_and_404_for_no_one(
    withheld: None, client: Client
) -> None:
    for person in m.Person.objects.all():
        try:
            person_for(AnonymousUser(), person.pk)
            expected = 200
        except Http404:
            expected = 404
        assert client.get(f"/persons/{person.pk}/").status_code == expected, person.name
    assert client.get("/persons/999999999/").status_code == 404
