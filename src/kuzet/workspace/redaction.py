"""Withholding confidential names from users who may not see them.

A person mention flagged confidential (someone who asked not to be named) stays in
the store as written; what a viewer, an anonymous visitor or a public export gets is
the entry with that name replaced by a placeholder ("[name withheld]", from the
language pack), in the text and in the structured values:

    withhold_names(entries, user)        in place, for display: text, mentions, sanctions
    withheld_stream(entries, user)       the same over a long iterator, a chunk at a time
    exclude_withheld_matches(qs, q, user)  a text search must not find an entry by a
                                         name it would not show

The entries are changed in memory only (they are never saved afterwards): the text
with the placeholder, every other value's offsets moved to match it (or dropped when
the words they point at were withheld), and the withheld mentions' names, person
links and offsets blanked. Whole confidential entries never get here: they are not
among :func:`kuzet.workspace.access.visible_entries` for such users.
"""

from __future__ import annotations

import difflib
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator
from typing import Any

from django.db.models import QuerySet

from ..accounts.roles import can_see_confidential
from ..publish.redact import NameSpan, name_words, placeholder, redact
from ..store import models as m
from .highlight import query_terms

__all__ = [
    "exclude_withheld_matches",
    "withhold_names",
    "withheld_stream",
    "withholds_names",
]

CHUNK = 500
Shift = Callable[[int | None, int | None], tuple[int | None, int | None]]


def withholds_names(user: object) -> bool:
    """Whether confidential names are withheld from ``user``."""
    return not can_see_confidential(user)


def _forms(pm: m.PersonMention) -> tuple[str, ...]:
    return tuple(x for x in (pm.written, pm.key, pm.text) if x)


def withhold_names(entries: Iterable[m.Entry], user: object) -> list[m.Entry]:
    """The entries, with confidential names replaced for a user who may not see them.
    One query for the whole list."""
    entries = list(entries)
    if not entries or not withholds_names(user):
        return entries
    secret: dict[int, list[m.PersonMention]] = defaultdict(list)
    for pm in m.PersonMention.objects.filter(
        entry_id__in=[e.pk for e in entries], confidential=True
    ):
        secret[pm.entry_id].append(pm)
    if secret:
        mark = placeholder()
        for e in entries:
            if e.pk in secret:
                _withhold(e, secret[e.pk], mark)
    return entries


def withheld_stream(entries: Iterable[m.Entry], user: object) -> Iterator[m.Entry]:
    """:func:`withhold_names` over a long iterator (an export), a chunk at a time."""
    chunk: list[m.Entry] = []
    for e in entries:
        chunk.append(e)
        if len(chunk) >= CHUNK:
            yield from withhold_names(chunk, user)
            chunk = []
    yield from withhold_names(chunk, user)


def _shifter(old: str, new: str) -> Shift:
    """Maps a span of ``old`` to the same words in ``new``; None where they were withheld."""
    blocks = difflib.SequenceMatcher(None, old, new, autojunk=False).get_matching_blocks()

    def shift(start: int | None, end: int | None) -> tuple[int | None, int | None]:
        if start is None or end is None:
            return None, None
        for a, b, size in blocks:
            if a <= start and end <= a + size:
                return b + (start - a), b + (end - a)
        return None, None

    return shift


def _prefetched(e: m.Entry, name: str) -> list[Any] | None:
    cache = getattr(e, "_prefetched_objects_cache", {})
    return list(cache[name]) if name in cache else None


def _withhold(e: m.Entry, secret: list[m.PersonMention], mark: str) -> None:
    names = [NameSpan(pm.start, pm.end, _forms(pm)) for pm in secret]
    old = e.text
    e.text = redact(old, names, mark)
    shift = _shifter(old, e.text)
    e.date_start, e.date_end = shift(e.date_start, e.date_end)
    e.place_start, e.place_end = shift(e.place_start, e.place_end)
    secret_ids = {pm.pk for pm in secret}
    secret_keys = {pm.key for pm in secret}
    for pm in _prefetched(e, "person_mentions") or []:
        if pm.pk in secret_ids:
            pm.key = pm.written = pm.text = mark
            pm.person = None
            pm.start = pm.end = None
        else:
            pm.start, pm.end = shift(pm.start, pm.end)
    for s in _prefetched(e, "sanctions") or []:
        if s.person_key in secret_keys or s.mention_id in secret_ids:
            s.person_key = mark
        s.start, s.end = shift(s.start, s.end)
        s.text = redact(s.text, names, mark) if s.text else s.text
    for name in ("legal_refs", "types"):
        for row in _prefetched(e, name) or []:
            row.start, row.end = shift(row.start, row.end)
            row.text = redact(row.text, names, mark) if row.text else row.text


def exclude_withheld_matches(qs: QuerySet[m.Entry], q: str, user: object) -> QuerySet[m.Entry]:
    """``qs`` (entries matching the text query ``q``) without those a query word finds
    only through a name withheld from ``user``: searching for a withheld name must not
    reveal which entries carry it. Conservative: an entry is left out when any query
    word begins a withheld name's word, even if other words match too."""
    terms = [t.lower() for t in query_terms(q)]
    if not terms or not withholds_names(user):
        return qs
    hidden = set()
    rows = m.PersonMention.objects.filter(entry__in=qs.order_by().values("pk"), confidential=True)
    for entry_id, *forms in rows.values_list("entry_id", "key", "written", "text"):
        words = [w.lower() for w in name_words(f for f in forms if f)]
        if any(w.startswith(t) for t in terms for w in words):
            hidden.add(entry_id)
    return qs.exclude(pk__in=hidden) if hidden else qs
