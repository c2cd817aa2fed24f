"""Persons in the store: mentions linked into people, and a monitor's corrections.

Services (they write)::

    relink(*, documents=None) -> RelinkReport     after an ingest, or all at once
    merge_persons(*, persons, who, why="") -> Person
    split_person(*, person, mentions, who, why="") -> Person

Selectors (they read)::

    find_persons(query) -> list[Person]          an id, or a name in any spelling
    person_story(person) -> Story                 every entry, in date order, and a summary
    iter_persons() -> Iterator[PersonListing]     for ``kuzet persons``

The clustering itself is :func:`kuzet.linking.link`; this module feeds it the stored
mentions and the :class:`~kuzet.store.models.LinkDecision` rows, then writes the
result back so that person ids stay put: a cluster keeps the id of the person most
of its mentions already had. Decisions point at mentions by (document key, entry
number, name key), kept in ``LinkDecision.data``, so they survive a re-ingest that
recreates the mention rows.
"""

from __future__ import annotations

import threading
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import Any

from django.db import transaction
from django.db.models import Count, Q
from django.db.models.signals import post_delete
from django.utils import timezone

from ..chronicle.errors import KuzetError
from ..linking import (
    Cluster,
    Decision,
    MentionRef,
    NameMention,
    block_keys,
    link,
    name_matches,
    swap_keys,
)
from . import models as m

__all__ = [
    "Appearance",
    "PeopleError",
    "PersonListing",
    "RelinkReport",
    "Story",
    "Summary",
    "find_persons",
    "iter_persons",
    "mention_refs",
    "merge_persons",
    "person_story",
    "relink",
    "split_person",
]

from .story import GIVEN, MEASURES, Appearance, LawRef, SanctionFact, Story, Summary, person_story  # noqa: F401  (re-exported)


class PeopleError(KuzetError):
    """A person or mention named by a monitor does not exist or is ambiguous."""


# ---------------------------------------------------------------------------- relinking


@dataclass(frozen=True, slots=True)
class RelinkReport:
    mentions: int  # mentions looked at
    persons: int  # people those mentions form
    created: int  # Person rows made
    removed: int  # Person rows left without mentions and deleted
    moved: int  # mentions whose person changed


@dataclass(frozen=True, slots=True)
class _Row:
    id: int
    doc: str
    n: int
    written: str
    key: str
    role: str
    person_id: int | None
    entry_id: int

    def mention(self) -> NameMention:
        return NameMention(self.doc, self.n, self.written, self.key, self.role, self.id)


_FIELDS = ("id", "entry__document__key", "entry__n", "written", "key", "role", "person_id", "entry_id")


def _rows(q: Q | None = None) -> list[_Row]:
    qs = m.PersonMention.objects.all() if q is None else m.PersonMention.objects.filter(q)
    return [_Row(*values) for values in qs.values_list(*_FIELDS).iterator(chunk_size=5000)]


def _rows_in(field: str, values: Iterable[Any]) -> list[_Row]:
    """The mentions whose ``field`` is one of ``values``, a chunk of ids per query
    (SQLite allows a limited number of parameters)."""
    values = list(values)
    out: list[_Row] = []
    for i in range(0, len(values), 900):  # under SQLite's limit on parameters
        out += _rows(Q(**{f"{field}__in": values[i : i + 900]}))
    return out


# A name's blocks depend only on its spelling and the rules file, and names repeat
# across documents: each spelling is worked out once per process.
_BLOCKS: dict[tuple[str, str], tuple[frozenset[str], frozenset[str]]] = {}


def _blocks(key: str, written: str) -> tuple[frozenset[str], frozenset[str]]:
    """(surname blocks, blocks of the name read the other way round) of a spelling."""
    found = _BLOCKS.get((key, written))
    if found is None:
        found = (frozenset(block_keys(key, written)), frozenset(swap_keys(key, written)))
        if len(_BLOCKS) > 500_000:  # a bound, not a cache policy: names are few
            _BLOCKS.clear()
        _BLOCKS[(key, written)] = found
    return found


# Mentions deleted since the last relink (a re-ingest or a correction recreates an
# entry's mentions; a removed document takes its own): their names' blocks and their
# people are relinked by the next incremental relink, as a new mention's would be.
# Per thread, since each request or ingest relinks what it changed itself.
_removed = threading.local()


def _note_removed(sender: type, instance: m.PersonMention, **kwargs: Any) -> None:
    pending: set[tuple[str, str, int | None]] | None = getattr(_removed, "names", None)
    if pending is None:
        pending = _removed.names = set()
    pending.add((instance.key, instance.written, getattr(instance, "person_id", None)))


post_delete.connect(_note_removed, sender=m.PersonMention, dispatch_uid="kuzet.store.people.removed")


def _take_removed() -> set[tuple[str, str, int | None]]:
    pending: set[tuple[str, str, int | None]] = getattr(_removed, "names", None) or set()
    _removed.names = set()
    return pending


def _decisions() -> list[Decision]:
    out = []
    for d in m.LinkDecision.objects.filter(active=True).order_by("at", "id"):
        groups = tuple(
            tuple(MentionRef(str(r["doc"]), int(r["n"]), str(r["key"])) for r in group)
            for group in (d.data or {}).get("groups", [])
        )
        if groups and d.kind in ("merge", "split"):
            out.append(Decision("merge" if d.kind == "merge" else "split", groups))
    return out


class _Names:
    """Every distinct stored spelling, indexed by the blocks it falls in.

    One ``SELECT DISTINCT key, written`` (the names, not the mentions) is all that
    is read of the whole store; the mentions themselves are fetched by name key,
    person or entry, only for the blocks a change touches.
    """

    def __init__(self) -> None:
        self.by_block: dict[str, set[tuple[str, str]]] = defaultdict(set)
        self.by_swap: dict[str, set[tuple[str, str]]] = defaultdict(set)
        for key, written in m.PersonMention.objects.values_list("key", "written").distinct().iterator(
            chunk_size=5000
        ):
            surname_blocks, swapped = _blocks(key, written)
            for b in surname_blocks:
                self.by_block[b].add((key, written))
            for b in swapped:
                self.by_swap[b].add((key, written))


def _scope(documents: Sequence[m.Document], decisions: list[Decision]) -> list[_Row]:
    """The stored mentions whose people a change in ``documents`` can affect.

    The documents' own mentions; the mentions in their surname blocks (the linker
    never joins across blocks) and in those mentions' blocks in turn; the mentions a
    new name could mean if read the other way round; the other mentions of every
    person any of these belong to; for a name written alone, the other names of its
    entry (it is read through them), and the names written alone beside any of
    these (a given name alone is read through its entry's surnames, whichever
    document the person it fits is in); and whatever a monitor's decision ties to them.
    Blocks are followed two steps from the new mentions, not without end, so that a
    common name does not pull in the whole store. Everything else is left unread.
    """
    names = _Names()
    tied_refs: dict[tuple[str, int], set[tuple[str, int]]] = defaultdict(set)
    for d in decisions:
        entries = {(ref.doc, ref.n) for g in d.groups for ref in g}
        for e in entries:
            tied_refs[e] |= entries
    chosen: dict[int, _Row] = {}
    new = _rows_in("entry__document_id", [d.pk for d in documents])
    for r in new:
        chosen[r.id] = r
    # Level 0 -> 1: the new mentions' blocks, both word orders.
    removed = _take_removed()
    blocks0: set[str] = set()
    swaps0: set[str] = set()
    for key, written in {(r.key, r.written) for r in new} | {(k, w) for k, w, _ in removed}:
        surname_blocks, swapped = _blocks(key, written)
        blocks0 |= surname_blocks | swapped
        swaps0 |= surname_blocks
    level1 = _add(chosen, _in_blocks(names.by_block, blocks0))
    # Level 1 -> 2: their blocks in turn, and older names read the other way round.
    blocks1 = {b for r in level1 for b in _blocks(r.key, r.written)[0]} - blocks0
    frontier = new + level1
    frontier += _add(chosen, _in_blocks(names.by_block, blocks1))
    frontier += _add(chosen, _in_blocks(names.by_swap, swaps0))
    # A given name alone is read through the families named in its entry, whatever
    # document the fitting person is in: the lone names beside any of these.
    frontier += _add(chosen, _bare_in({r.entry_id for r in chosen.values()}))
    # Then whole people, entries read through a lone name, and decisions, until closed.
    seen_people: set[int] = set()
    seen_entries: set[int] = set()
    seen_refs: set[tuple[str, int]] = set()
    lost = {pid for _, _, pid in removed if pid is not None}  # people who lost mentions
    while frontier or lost:
        people = ({r.person_id for r in frontier if r.person_id is not None} | lost) - seen_people
        lost = set()
        seen_people |= people
        entry_ids = {r.entry_id for r in frontier if _alone(r) or (r.doc, r.n) in tied_refs} - seen_entries
        seen_entries |= entry_ids
        refs = {e for r in frontier for e in tied_refs.get((r.doc, r.n), ())} - seen_refs
        seen_refs |= refs
        more = _rows_in("person_id", people) + _rows_in("entry_id", entry_ids) + _rows_at(refs)
        frontier = _add(chosen, more)
    return list(chosen.values())


def _in_blocks(index: dict[str, set[tuple[str, str]]], blocks: Iterable[str]) -> list[_Row]:
    names = {name for b in blocks for name in index.get(b, ())}
    if not names:
        return []
    keys = {k for k, _ in names}
    return [r for r in _rows_in("key", keys) if (r.key, r.written) in names]


def _bare_in(entries: set[int]) -> list[_Row]:
    """The names of one word (no space in the key) in these entries. Such names
    are few, so all are read at once rather than the entries' mentions."""
    return [r for r in _rows(~Q(key__contains=" ")) if r.entry_id in entries]


def _rows_at(refs: Iterable[tuple[str, int]]) -> list[_Row]:
    """The mentions of entries named by (document key, entry number)."""
    by_doc: dict[str, list[int]] = defaultdict(list)
    for doc, n in refs:
        by_doc[doc].append(n)
    out: list[_Row] = []
    for doc, ns in by_doc.items():
        for i in range(0, len(ns), 500):
            out += _rows(Q(entry__document__key=doc, entry__n__in=ns[i : i + 500]))
    return out


def _add(chosen: dict[int, _Row], rows: Iterable[_Row]) -> list[_Row]:
    """Add the rows not chosen yet; return those."""
    out = []
    for r in rows:
        if r.id not in chosen:
            chosen[r.id] = r
            out.append(r)
    return out


def _alone(r: _Row) -> bool:
    """A name of one word: a surname or a given name written alone."""
    return len(r.key.split()) == 1


def relink(*, documents: Iterable[m.Document] | None = None) -> RelinkReport:
    """Link person mentions into people, keeping the monitors' merges and splits.

    With ``documents``, only the people those documents' mentions can touch are
    relinked (what the ingest calls after storing a document); without, everyone is.
    Person ids stay stable: each cluster keeps the id most of its mentions had.
    """
    with transaction.atomic():
        decisions = _decisions()
        if documents is None:
            _take_removed()  # everyone is relinked: nothing pending is left out
            rows = _rows()
        else:
            rows = _scope(list(documents), decisions)
        if not rows:
            return RelinkReport(0, 0, 0, _remove_empty(), 0)
        clusters = link((r.mention() for r in rows), decisions)
        return _write(rows, clusters)


def _write(rows: list[_Row], clusters: list[Cluster]) -> RelinkReport:
    old = {r.id: r.person_id for r in rows}
    chosen = _choose_ids(clusters, old)
    # Names only, not Person objects: a relink touches thousands of people and renames few.
    names = _person_names([pid for pid in chosen if pid is not None])
    made = [m.Person(name=c.name) for c, pid in zip(clusters, chosen, strict=True) if pid not in names]
    m.Person.objects.bulk_create(made, batch_size=1000)
    fresh = iter(made)
    ids = [pid if pid in names else next(fresh).pk for pid in chosen]
    names.update((p.pk, p.name) for p in made)
    chosen_names = _chosen_names()
    now = timezone.now()
    renamed = []
    for pid, cluster in zip(ids, clusters, strict=True):
        name = chosen_names.get(pid, cluster.name)  # a monitor's choice wins
        if names[pid] != name:
            renamed.append(m.Person(pk=pid, name=name, updated_at=now))
    m.Person.objects.bulk_update(renamed, ["name", "updated_at"], batch_size=1000)
    moved = 0
    for pid, cluster in zip(ids, clusters, strict=True):
        stale = [mn.id for mn in cluster.mentions if old.get(mn.id) != pid]  # type: ignore[arg-type]
        moved += len(stale)
        # One UPDATE per person: far faster than a bulk_update's CASE over many rows.
        for i in range(0, len(stale), 500):
            m.PersonMention.objects.filter(pk__in=stale[i : i + 500]).update(person_id=pid)
    removed = _remove_empty()
    return RelinkReport(len(rows), len(clusters), len(made), removed, moved)


def _person_names(ids: list[int]) -> dict[int, str]:
    out: dict[int, str] = {}
    for i in range(0, len(ids), 900):  # under SQLite's limit on parameters
        out.update(m.Person.objects.filter(pk__in=ids[i : i + 900]).values_list("pk", "name"))
    return out


def _chosen_names() -> dict[int | None, str]:
    """Names monitors gave people (``LinkDecision`` of kind ``name``), latest first wins."""
    out: dict[int | None, str] = {}
    for pid, data in (
        m.LinkDecision.objects.filter(kind=m.LinkDecision.Kind.NAME, active=True, person__isnull=False)
        .order_by("at", "id")
        .values_list("person_id", "data")
    ):
        if isinstance(data, dict) and data.get("name"):
            out[pid] = str(data["name"])
    return out


def _choose_ids(clusters: list[Cluster], old: dict[int, int | None]) -> list[int | None]:
    """For each cluster the person id most of its mentions had, biggest clusters first."""
    order = sorted(range(len(clusters)), key=lambda i: (-len(clusters[i].mentions), clusters[i].key))
    taken: set[int] = set()
    chosen: list[int | None] = [None] * len(clusters)
    for i in order:
        votes = Counter(
            pid for mn in clusters[i].mentions if (pid := old.get(mn.id or 0)) is not None
        )
        free = [pid for pid in votes if pid not in taken]
        if free:
            pid = min(free, key=lambda p: (-votes[p], p))
            chosen[i] = pid
            taken.add(pid)
    return chosen


def _remove_empty() -> int:
    """Delete people left without mentions (by this relink or by a re-ingest that
    recreated an entry's mentions), unless a monitor wrote notes on them."""
    ids = list(m.Person.objects.filter(mentions__isnull=True, notes="").values_list("pk", flat=True))
    for i in range(0, len(ids), 500):
        m.Person.objects.filter(pk__in=ids[i : i + 500]).delete()
    return len(ids)


# ---------------------------------------------------------------------------- decisions


def mention_refs(mentions: Iterable[m.PersonMention]) -> list[dict[str, Any]]:
    """How a decision stores mentions: by document key, entry number and name key."""
    return [
        {"doc": mn.entry.document.key, "n": mn.entry.n, "key": mn.key}
        for mn in sorted(mentions, key=lambda x: (x.entry.document.key, x.entry.n, x.key))
    ]


def _mentions_of(person: m.Person) -> list[m.PersonMention]:
    return list(person.mentions.select_related("entry__document").order_by("entry__document__key", "entry__n"))


def _decide(
    kind: str, groups: list[list[m.PersonMention]], *, who: str, why: str, person: m.Person | None
) -> m.LinkDecision:
    left, right = groups[0], [mn for g in groups[1:] for mn in g]
    return m.LinkDecision.objects.create(
        kind=kind,
        left_key=left[0].key if left else "",
        right_key=right[0].key if right else "",
        left_mention=left[0] if left else None,
        right_mention=right[0] if right else None,
        person=person,
        data={"groups": [mention_refs(g) for g in groups]},
        who=who,
        at=timezone.now(),
        why=why,
    )


def _audit(action: str, person: m.Person, *, who: str, why: str, old: Any, new: Any) -> None:
    from .services import audit

    audit(who=who, action=action, obj=person, field="mentions", old=old, new=new, why=why)


def merge_persons(*, persons: Sequence[m.Person], who: str, why: str = "") -> m.Person:
    """Record that these people are one, relink them, and return the merged person."""
    distinct = list({p.pk: p for p in persons}.values())
    if len(distinct) < 2:
        raise PeopleError("name at least two different people to merge")
    with transaction.atomic():
        groups = [_mentions_of(p) for p in distinct]
        if not all(groups):
            raise PeopleError("a person without mentions cannot be merged; run 'kuzet persons --relink'")
        decision = _decide("merge", groups, who=who, why=why, person=distinct[0])
        _relink_around([mn for g in groups for mn in g])
        merged = m.PersonMention.objects.get(pk=groups[0][0].pk).person
        assert merged is not None
        decision.person = merged
        decision.save(update_fields=["person"])
        _audit("merge", merged, who=who, why=why,
               old=[p.pk for p in distinct], new=merged.pk)
        return merged


def split_person(
    *, person: m.Person, mentions: Sequence[m.PersonMention], who: str, why: str = ""
) -> tuple[m.Person, m.Person]:
    """Record that ``mentions`` are someone other than the rest of ``person``'s mentions;
    relink, and return (the person the split-off mentions form, the rest's person).
    The larger side keeps the old id."""
    everything = _mentions_of(person)
    ids = {mn.pk for mn in mentions}
    if not ids:
        raise PeopleError("name the mentions to split off")
    if not ids <= {mn.pk for mn in everything}:
        raise PeopleError(f"some of those mentions are not person {person.pk}'s")
    apart = [mn for mn in everything if mn.pk in ids]
    rest = [mn for mn in everything if mn.pk not in ids]
    if not rest:
        raise PeopleError("that is every mention of this person; name only those to split off")
    with transaction.atomic():
        decision = _decide("split", [apart, rest], who=who, why=why, person=person)
        _relink_around(everything)
        new = m.PersonMention.objects.get(pk=apart[0].pk).person
        kept = m.PersonMention.objects.get(pk=rest[0].pk).person
        assert new is not None and kept is not None
        decision.person = new
        decision.save(update_fields=["person"])
        _audit("split", kept, who=who, why=why,
               old=mention_refs(everything), new={"person": new.pk, "mentions": mention_refs(apart)})
        return new, kept


def _relink_around(mentions: list[m.PersonMention]) -> None:
    docs = {mn.entry.document_id for mn in mentions}
    relink(documents=list(m.Document.objects.filter(pk__in=docs)))


# ---------------------------------------------------------------------------- finding


def find_persons(query: str) -> list[m.Person]:
    """People matching ``query``: a person id, or a name in any spelling or order.

    "Tarasov" finds Tarasov V. but not Tarasova V.; "Mukhamedkarim D." finds
    Mukhametkarim D.; "Ospanov" finds every Ospanov. Sorted by name, then id.
    """
    query = query.strip()
    if not query:
        return []
    if query.isdigit():
        return list(m.Person.objects.filter(pk=int(query)))
    exact = list(m.Person.objects.filter(name__iexact=query))
    found: set[int] = {p.pk for p in exact}
    seen: set[tuple[int, str, str]] = set()
    for pid, key, written in (
        m.PersonMention.objects.filter(person__isnull=False)
        .values_list("person_id", "key", "written")
        .distinct()
        .iterator(chunk_size=5000)
    ):
        if pid in found or (pid, key, written) in seen:
            continue
        seen.add((pid, key, written))
        if name_matches(query, key) or (written and name_matches(query, written)):
            found.add(pid)
    return list(m.Person.objects.filter(pk__in=found).order_by("name", "pk"))


# ---------------------------------------------------------------------------- listing


@dataclass(frozen=True, slots=True)
class PersonListing:
    id: int
    name: str
    aliases: tuple[str, ...]
    mentions: tuple[tuple[str, int, str], ...]  # (document key, entry number, name key)
    roles: dict[str, int]

    def to_dict(self) -> dict[str, object]:
        return {
            "id": self.id,
            "name": self.name,
            "aliases": list(self.aliases),
            "mentions": [{"doc": d, "n": n, "name": k} for d, n, k in self.mentions],
        }


def iter_persons() -> Iterator[PersonListing]:
    """Every person with their mentions in document order, sorted by name then id."""
    names = dict(m.Person.objects.annotate(k=Count("mentions")).filter(k__gt=0).values_list("pk", "name"))
    grouped: dict[int, list[tuple[str, int, str, str, str]]] = defaultdict(list)
    for pid, doc, n, key, written, role in (
        m.PersonMention.objects.filter(person__isnull=False)
        .values_list("person_id", "entry__document__key", "entry__n", "key", "written", "role")
        .iterator(chunk_size=5000)
    ):
        grouped[pid].append((doc, n, key, written, role))
    for pid in sorted(names, key=lambda p: (names[p], p)):
        rows = sorted(grouped.get(pid, []))
        name = names[pid]
        aliases = sorted(({r[2] for r in rows} | {r[3] for r in rows if r[3]}) - {name})
        yield PersonListing(
            id=pid,
            name=name,
            aliases=tuple(aliases),
            mentions=tuple((d, n, k) for d, n, k, _, _ in rows),
            roles=dict(Counter(r[4] for r in rows)),
        )
