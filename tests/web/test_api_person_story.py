"""``/api/persons/{id}`` reads a person's story the way the person page does.

The endpoint once found the person (``person_for``), read the story through the plain
querysets (``visible_story``) and counted related people in a query of its own; it
now takes the page's path (``person_story_for`` and the story's own rows). Here its
JSON is compared, reader by reader, with the JSON of the plain path, with some names
withheld and an entry confidential so that readers see different things, and the
number of queries is pinned.
"""

from __future__ import annotations

import json
import re
from typing import Any

import pytest
from django.contrib.auth.models import AnonymousUser
from django.db import connection
from django.http import Http404
from django.test import Client
from django.test.utils import CaptureQueriesContext

from kuzet.api import schemas as s
from kuzet.api.api import person_out
from kuzet.store import models as m
from kuzet.workspace.access import person_for
from kuzet.workspace.views.people import related_people, visible_story

pytestmark = pytest.mark.db

READERS = ("anonymous", "viewer", "editor")


@pytest.fixture
def readers(db: None) -> dict[str, tuple[object, Client]]:
    """Each kind of reader with a client logged in as them."""
    from kuzet.accounts.services import create_user

    out: dict[str, tuple[object, Client]] = {"anonymous": (AnonymousUser(), Client())}
    for role in READERS[1:]:
        user = create_user(f"api-reader-{role}", role, who="test")[0]
        client = Client()
        client.force_login(user)
        out[role] = (user, client)
    return out


@pytest.fixture
def withheld(record: None) -> None:
    """Every third linked mention withheld, and the record's second entry confidential."""
    from kuzet.workspace.queries import forget_data_version

    linked = list(
        m.PersonMention.objects.exclude(person=None).order_by("id").values_list("id", flat=True)
    )
    assert len(linked) > 6
    m.PersonMention.objects.filter(id__in=linked[::3]).update(confidential=True)
    second = m.Entry.objects.order_by("id").values_list("id", flat=True)[1]
    m.Entry.objects.filter(id=second).update(confidential=True)
    forget_data_version()


def _plain_path(user: object, person: m.Person) -> dict[str, Any]:
    """What the endpoint answered before: the person found by ``person_for``, the story
    read by the plain querysets, related people counted by a query of their own."""
    found = person_for(user, person.pk)
    data = person_out(visible_story(found, user), related_people(found, user))
    # as the API writes it: through the response schema, then JSON
    return json.loads(json.dumps(s.PersonOut.model_validate(data).model_dump(mode="json")))


def test_the_person_endpoint_answers_what_the_plain_path_gives(
    withheld: None, readers: dict[str, tuple[object, Client]]
) -> None:
    answers: dict[str, dict[int, Any]] = {}
    for reader, (user, client) in readers.items():
        for person in m.Person.objects.order_by("id"):
            r = client.get(f"/api/persons/{person.pk}")
            try:
                expected = _plain_path(user, person)
            except Http404:
                assert r.status_code == 404, (reader, person.name)
                continue
            assert r.status_code == 200, (reader, person.name)
            assert r.json() == expected, (reader, person.name)
            answers.setdefault(reader, {})[person.pk] = r.json()
    # the withheld names make the readers' answers differ: the comparison covers withholding
    assert answers["viewer"] != answers["editor"]
    hidden = set(m.PersonMention.objects.filter(confidential=True).values_list("written", flat=True))
    for reader in ("anonymous", "viewer"):
        for person in answers[reader].values():
            assert not hidden & set(person["aliases"]), (reader, person["name"])


def test_the_person_endpoint_reads_the_story_in_two_queries(
    withheld: None, readers: dict[str, tuple[object, Client]]
) -> None:
    anonymous = readers["anonymous"][1]
    shown = [p.pk for p in m.Person.objects.order_by("id")]
    shown = [pk for pk in shown if anonymous.get(f"/api/persons/{pk}").status_code == 200]
    assert shown
    for pk in shown:
        with CaptureQueriesContext(connection) as queries:
            r = anonymous.get(f"/api/persons/{pk}")
        assert r.status_code == 200
        # the person with their visible mentions and entries; then what the entries hold
        assert len(queries.captured_queries) == 2, [q["sql"][:80] for q in queries.captured_queries]
    # Logged-in readers: the same two after the login's own (session, user, role), for a
    # viewer (from whom names are withheld) and for an editor, who sees related people.
    for reader in ("viewer", "editor"):
        _, client = readers[reader]
        for pk in shown:
            with CaptureQueriesContext(connection) as queries:
                r = client.get(f"/api/persons/{pk}")
            assert r.status_code == 200, (reader, pk)
            story = [q["sql"] for q in queries.captured_queries if not _LOGIN.search(q["sql"])]
            assert len(story) == 2, (reader, [sql[:60] for sql in story])
            assert len(queries.captured_queries) <= 5, (reader, pk)
    assert any(readers["editor"][1].get(f"/api/persons/{pk}").json()["related"] for pk in shown)


# the tables a logged-in request reads before any view runs
_LOGIN = re.compile(r'FROM "(?:django_session|auth_user|accounts_profile)"')
