"""What a user may see: the one place where permission checks go.

Every page, facet, chart, export and API endpoint starts from :func:`visible_entries`,
and every list of names from :func:`visible_mentions`. Objects reached by id go
through one access helper each (``entry_for``, ``person_for``, ``document_for``,
``place_for``), which answer 404 for what the user may not see: the same answer as
for what does not exist, so ids leak nothing.

Who sees what (roles: :mod:`kuzet.accounts.roles`):

- anonymous visitors: published, non-confidential entries when the instance is public
  (``KUZET_PUBLIC=true``); nothing when it is private (the default);
- viewers (and any role below ``KUZET_CONFIDENTIAL_ROLE``): every entry that is not
  confidential, whatever its review status; confidential names in those entries are
  withheld (:mod:`kuzet.workspace.redaction`);
- the confidential role (editor, by default) and above: everything.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import EmptyResultSet
from django.db import connection
from django.db.models import Exists, OuterRef, QuerySet
from django.http import Http404

from ..accounts.roles import can_see_confidential, is_public, role_of
from ..store.models import Document, Entry, Person, PersonMention, Place, ReviewStatus
from ..store.story import STORY_COLUMNS, Story, story_from_rows

__all__ = [
    "document_for",
    "entry_for",
    "person_for",
    "person_story_for",
    "place_for",
    "sees_every_mention",
    "visibility_key",
    "visible_documents",
    "visible_entries",
    "visible_mentions",
    "visible_persons",
]


def visible_entries(user: object) -> QuerySet[Entry]:
    """The entries ``user`` may see. Everything that shows entries starts here."""
    if role_of(user) is None:
        if not is_public():
            return Entry.objects.none()
        return Entry.objects.filter(review_status=ReviewStatus.PUBLISHED, confidential=False)
    if not can_see_confidential(user):
        return Entry.objects.filter(confidential=False)
    return Entry.objects.all()


def visibility_key(user: object) -> str:
    """Users with the same key see the same entries: caches of derived figures (facet
    counts, the dashboard) are shared between them and never between different keys."""
    if role_of(user) is None:
        return "public" if is_public() else "nobody"
    return "all" if can_see_confidential(user) else "internal"


def sees_every_mention(user: object) -> bool:
    """Whether ``user`` may see every person mention (so every entry and every name):
    otherwise only those in visible entries that are not withheld."""
    return visibility_key(user) == "all"


def visible_mentions(user: object) -> QuerySet[PersonMention]:
    """The person mentions ``user`` may see: in visible entries, and not withheld."""
    if sees_every_mention(user):
        return PersonMention.objects.all()
    return PersonMention.objects.filter(entry__in=visible_entries(user), confidential=False)


def visible_persons(user: object) -> QuerySet[Person]:
    """Persons named in at least one mention the user may see."""
    mentioned = visible_mentions(user).filter(person=OuterRef("pk"))
    return Person.objects.filter(Exists(mentioned))


def visible_documents(user: object) -> QuerySet[Document]:
    """Documents with an entry the user may see (all of them for logged-in users)."""
    if role_of(user) is None:
        shown = visible_entries(user).filter(document=OuterRef("pk"))
        return Document.objects.filter(Exists(shown))
    return Document.objects.all()


# Ids beyond a 64-bit integer cannot exist; asking the database for one would fail.
MAX_ID = 2**63 - 1


def _check_id(pk: int) -> None:
    if not 0 < pk <= MAX_ID:
        raise Http404("no such id")


def entry_for(user: object, pk: int) -> Entry:
    """The entry with id ``pk`` if the user may see it; 404 otherwise."""
    _check_id(pk)
    try:
        return visible_entries(user).select_related("document", "place__region").get(pk=pk)
    except Entry.DoesNotExist:
        raise Http404("no such entry") from None


def person_for(user: object, pk: int) -> Person:
    _check_id(pk)
    try:
        return visible_persons(user).get(pk=pk)
    except Person.DoesNotExist:
        raise Http404("no such person") from None


def person_story_for(user: object, pk: int) -> Story:
    """The person with id ``pk`` and their story as ``user`` may read it; 404 when the
    user may see none of their mentions — :func:`person_for`'s rule, checked by the
    story's own query (a visible person is one with a visible mention, and the story
    has one appearance per visible mention) rather than by a query of its own, which
    also brings the person's name."""
    _check_id(pk)
    rows = _STORY_ROWS.rows(
        visibility_key(user),
        lambda person_id: visible_mentions(user)
        .filter(person_id=person_id)
        .order_by("entry_id", "start", "id")
        .values_list(*STORY_COLUMNS, "person__name"),
        pk,
    )
    if not rows:
        raise Http404("no such person")
    # Only the id and the name are read here; any other field loads when asked for.
    person = Person.from_db(connection.alias, ["id", "name"], [pk, rows[0][-1]])
    return story_from_rows(person, [r[:-1] for r in rows])


@dataclass(frozen=True, slots=True)
class _Compiled:
    """A query's SQL and parameters, the slot of the one parameter that varies, and
    the database's converters for its columns (dates from SQLite's text)."""

    sql: str | None  # None: the query can match nothing (EmptyResultSet)
    params: tuple[Any, ...]
    slot: int
    converters: tuple[tuple[int, tuple[Callable[..., Any], ...], Any], ...]


class _CompiledQuery:
    """One query shape, compiled by the ORM once per thread and visibility and then
    run with a different parameter: turning a queryset into SQL cost more of a
    person page's CPU than the database spent answering it. The ORM stays the one
    place that writes the query, what the user may see included (the visibility key
    names everything the queryset depends on besides the parameter)."""

    SENTINEL = 2**62 + 7919  # an id no row has, to find where the parameter goes

    def __init__(self) -> None:
        self._local = threading.local()

    def rows(
        self, key: str, build: Callable[[int], QuerySet[Any]], value: int
    ) -> list[tuple[Any, ...]]:
        cache: dict[tuple[str, str], _Compiled] = self._local.__dict__.setdefault("cache", {})
        compiled = cache.get((connection.alias, key))
        if compiled is None:
            compiled = cache[(connection.alias, key)] = self._compile(build(self.SENTINEL))
        if compiled.slot < 0:  # the parameter could not be found: run the queryset
            return list(build(value))
        if compiled.sql is None:
            return []
        params = list(compiled.params)
        params[compiled.slot] = value
        with connection.cursor() as cur:
            cur.execute(compiled.sql, params)
            rows = cur.fetchall()
        if not compiled.converters:
            return rows
        out = []
        for row in rows:
            values = list(row)
            for i, funcs, expression in compiled.converters:
                for convert in funcs:
                    values[i] = convert(values[i], expression, connection)
            out.append(tuple(values))
        return out

    def _compile(self, qs: QuerySet[Any]) -> _Compiled:
        compiler = qs.query.get_compiler(using=qs.db)
        try:
            sql, params = compiler.as_sql()
        except EmptyResultSet:
            return _Compiled(None, (), 0, ())
        slots = [i for i, p in enumerate(params) if p == self.SENTINEL]
        if len(slots) != 1:
            return _Compiled(sql, tuple(params), -1, ())
        converters = compiler.get_converters([col for col, _, _ in compiler.select])
        return _Compiled(
            sql,
            tuple(params),
            slots[0],
            tuple((i, tuple(funcs), expr) for i, (funcs, expr) in converters.items()),
        )


_STORY_ROWS = _CompiledQuery()


def document_for(user: object, key: str) -> Document:
    if "\x00" in key or len(key) > 200:
        raise Http404("no such document")
    try:
        return visible_documents(user).get(key=key)
    except Document.DoesNotExist:
        raise Http404("no such document") from None


def place_for(user: object, pk: int) -> Place:
    _check_id(pk)
    try:
        return Place.objects.select_related("region").get(pk=pk)
    except Place.DoesNotExist:
        raise Http404("no such place") from None
