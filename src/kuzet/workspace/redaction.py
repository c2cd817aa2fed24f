"""Withholding confidential names from users who may not see them.

A person mention flagged confidential (someone who asked not to be named) stays in
the store as written; what a viewer, an anonymous visitor or a public export gets is
the entry with that name replaced by a placeholder ("[name withheld]", from the
language pack), in the text and in the structured values:

    withhold_names(entries, user)        in place, for display: text, mentions, sanctions
    withheld_stream(entries, user)       the same over a long iterator, a chunk at a time
    withheld_search(base, found, q, user)  a text search matches the text the user
                                         would be shown, not the names withheld from it

The entries are changed in memory only (they are never saved afterwards): the text
with the placeholder, every other value's offsets moved to match it (or dropped when
the words they point at were withheld), and the withheld mentions' names, person
links and offsets blanked. Whole confidential entries never get here: they are not
among :func:`kuzet.workspace.access.visible_entries` for such users.
"""

from __future__ import annotations

import difflib
import re
import unicodedata
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from typing import Any

from django.db.models import QuerySet

from ..accounts.roles import can_see_confidential
from ..publish.redact import NameSpan, placeholder, redact
from ..store import models as m

__all__ = [
    "entries_with_withheld_names",
    "one_look_per_request",
    "withheld_search",
    "withheld_stream",
    "withhold_names",
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


_secret_entries: dict[tuple[Any, ...], frozenset[int]] = {}
# Within one request (see :func:`one_look_per_request`), the ids looked up by its first
# call: a page asks twice (its search, then its rows' names), and the answer for one
# request is one answer.
_this_request: ContextVar[dict[str, frozenset[int]] | None] = ContextVar(
    "kuzet_withheld_ids", default=None
)


@contextmanager
def one_look_per_request() -> Iterator[None]:
    """Inside the block (one request's view), :func:`entries_with_withheld_names` looks
    at the database once, however often it is asked; after it, on every call again."""
    token = _this_request.set({})
    try:
        yield
    finally:
        _this_request.reset(token)


def _entries_stamp() -> tuple[Any, ...]:
    """The last change to any entry and the last entry added: two indexed MAX()
    lookups, written here — the ORM's aggregate cost ten times the query's own time."""
    from django.db import connection

    table = connection.ops.quote_name(m.Entry._meta.db_table)
    with connection.cursor() as cur:
        cur.execute(f"SELECT MAX(updated_at), MAX(id) FROM {table}")
        last_change, last_id = cur.fetchone()
    return (connection.alias, last_change, last_id)


def entries_with_withheld_names() -> frozenset[int]:
    """Ids of the entries with a confidential person mention. Few entries have one,
    and every text search by a user from whom names are withheld asks, but the flag
    has no index: the ids are kept per process until an entry changes or is added
    (a mention is made confidential by a correction, which stamps its entry), checked
    on every call with two indexed MAX() lookups — never a stale answer (within one
    request, once: :func:`one_look_per_request`)."""
    memo = _this_request.get()
    if memo is not None and "ids" in memo:
        return memo["ids"]
    key = _entries_stamp()
    hit = _secret_entries.get(key)
    if hit is None:
        hit = frozenset(
            m.PersonMention.objects.filter(confidential=True).values_list("entry_id", flat=True)
        )
        _secret_entries.clear()  # only the current state is ever asked for
        _secret_entries[key] = hit
    if memo is not None:
        memo["ids"] = hit
    return hit


def _fold(text: str) -> str:
    """Lower case without diacritics, as the full-text index compares words."""
    decomposed = unicodedata.normalize("NFKD", text.lower())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def _matches(text: str, q: str) -> bool:
    """Whether ``text`` matches the query ``q`` as the full-text index would match it:
    every word or "phrase" present (``word*`` as a prefix), no -excluded one."""
    from ..store.search import _terms  # the store's own reading of a query

    words = re.findall(r"\w+", _fold(text))
    for term in _terms(q):
        wanted = [_fold(w) for w in term.words]
        n = len(wanted)
        found = any(
            all(
                (words[i + k].startswith(w) if term.prefix else words[i + k] == w)
                for k, w in enumerate(wanted)
            )
            for i in range(len(words) - n + 1)
        )
        if found == term.negated:
            return False
    return True


def withheld_search(
    base: QuerySet[m.Entry], found: QuerySet[m.Entry], q: str, user: object
) -> QuerySet[m.Entry]:
    """The entries of ``base`` that match the text query ``q`` for ``user``.

    ``found`` is what the full-text index found in ``base``. The index holds the text
    as written, names and all; for a user from whom names are withheld, an entry with
    a withheld name matches only if its text *without* those names matches — for
    ``Surname`` and for ``-Surname`` alike — so no query, not even a negated one,
    tells which entries carry a name the user may not see."""
    if not withholds_names(user):
        return found
    secret_entries = entries_with_withheld_names()
    if not secret_entries:
        return found
    by_entry: dict[int, list[m.PersonMention]] = defaultdict(list)
    texts: dict[int, str] = {}
    rows = m.PersonMention.objects.filter(
        confidential=True,
        entry__in=base.order_by().filter(pk__in=sorted(secret_entries)).values("pk"),
    ).values_list("entry_id", "key", "written", "text", "start", "end", "entry__text")
    for entry_id, key, written, text, start, end, entry_text in rows:
        by_entry[entry_id].append(m.PersonMention(key=key, written=written, text=text, start=start, end=end))
        texts[entry_id] = entry_text
    if not by_entry:
        return found
    shown = [
        entry_id
        for entry_id, secret in by_entry.items()
        if _matches(redact(texts[entry_id], [NameSpan(pm.start, pm.end, _forms(pm)) for pm in secret], " "), q)
    ]
    return found.exclude(pk__in=list(by_entry)) | base.filter(pk__in=shown)
