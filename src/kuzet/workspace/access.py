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

from django.db.models import Exists, OuterRef, QuerySet
from django.http import Http404

from ..accounts.roles import can_see_confidential, is_public, role_of
from ..store.models import Document, Entry, Person, PersonMention, Place, ReviewStatus
from ..store.story import Story, person_story

__all__ = [
    "document_for",
    "entry_for",
    "person_for",
    "person_story_for",
    "place_for",
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


def visible_mentions(user: object) -> QuerySet[PersonMention]:
    """The person mentions ``user`` may see: in visible entries, and not withheld."""
    if visibility_key(user) == "all":
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
    has one appearance per visible mention) rather than by a query of its own."""
    _check_id(pk)
    try:
        person = Person.objects.get(pk=pk)
    except Person.DoesNotExist:
        raise Http404("no such person") from None
    story = person_story(person, mentions=visible_mentions(user))
    if not story.appearances:
        raise Http404("no such person")
    return story


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
