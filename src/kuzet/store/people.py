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

import gc
import threading
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any

from django.db import connection, transaction
from django.db.models import Count, Max
from django.db.models.signals import post_delete
from django.utils import timezone

from ..chronicle.errors import KuzetError
from ..linking import (
    Cluster,
    Decision,
    MentionRef,
    NameInfo,
    NameMention,
    block_of,
    cluster_name,
    link,
    name_info,
    name_matches,
    same_given,
    same_surname,
    sort_key,
    split_by_given,
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

    @property
    def name(self) -> tuple[str, str]:
        return (self.key, self.written)

    def mention(self) -> NameMention:
        return NameMention(self.doc, self.n, self.written, self.key, self.role, self.id)


_WINDOW = 3  # kuzet.linking.link's default: entries either side that count as near
# When the mentions to relink together pass a third of the store (and this many),
# relinking everyone is cheaper than finding them.
_FULL_MIN = 1000


_PM = m.PersonMention._meta.db_table
_ENTRY = m.Entry._meta.db_table
_DOC = m.Document._meta.db_table
_PERSON = m.Person._meta.db_table
# Plain SQL rather than querysets: a relink reads thousands of rows in a few queries,
# and building them through the ORM cost more CPU than the linking itself.
_ROW_SQL = f"SELECT id, written, key, role, person_id, entry_id FROM {_PM} WHERE {{cond}} ORDER BY entry_id, start"


def _select(sql: str, column: str, values: Iterable[Any], params: Sequence[Any] = ()) -> list[tuple[Any, ...]]:
    """The rows of ``sql`` whose ``column`` is one of ``values`` (``{cond}`` in ``sql``,
    after the ``params``): on PostgreSQL one query with the values as one array, so
    that the server scans once and plans for them all; on SQLite a query per chunk of
    values (it allows a limited number of parameters)."""
    values = sorted(set(values))
    if not values:
        return []
    out: list[tuple[Any, ...]] = []
    with connection.cursor() as cur:
        if connection.vendor == "postgresql":
            literal, kind = _pg_array(values)
            cur.execute(sql.format(cond=f"{column} = ANY(%s::{kind}[])"), [*params, literal])
            return list(cur.fetchall())
        for i in range(0, len(values), 900):  # under SQLite's limit on parameters
            chunk = values[i : i + 900]
            cur.execute(sql.format(cond=f"{column} IN ({', '.join(['%s'] * len(chunk))})"), [*params, *chunk])
            out += cur.fetchall()
    return out


def _pg_array(values: Sequence[int] | Sequence[str]) -> tuple[str, str]:
    """A PostgreSQL array literal of ``values`` and its element type: sent as one
    string, since the driver's adapting a list item by item cost more than the query."""
    if all(isinstance(v, int) for v in values):
        return "{" + ",".join(str(int(v)) for v in values) + "}", "bigint"
    quoted = ('"' + str(v).replace("\\", "\\\\").replace('"', '\\"') + '"' for v in values)
    return "{" + ",".join(quoted) + "}", "text"


def _rows() -> list[_Row]:
    """Every mention."""
    with connection.cursor() as cur:
        cur.execute(_ROW_SQL.format(cond="1 = 1"))
        own = cur.fetchall()
    return _placed(own, _entry_places(None))


def _placed(own: Sequence[tuple[Any, ...]], where: dict[int, tuple[str, int]]) -> list[_Row]:
    return [_Row(i, *where[entry], written, key, role, person, entry)
            for i, written, key, role, person, entry in own]


def _entry_places(ids: set[int] | None) -> dict[int, tuple[str, int]]:
    """(document key, entry number) of the given entries, or of every entry.

    Asked apart from the mentions: joined, PostgreSQL (with the statistics of a table
    still filling) hashed the whole entries table for a thousand mentions. Within one
    relink the answers are kept (:data:`_places`): its rounds ask for the same entries.
    """
    sql = f"SELECT e.id, d.key, e.n FROM {_ENTRY} e JOIN {_DOC} d ON d.id = e.document_id"
    if ids is None:
        with connection.cursor() as cur:
            cur.execute(sql)
            return {pk: (doc, n) for pk, doc, n in cur.fetchall()}
    known: dict[int, tuple[str, int]] | None = getattr(_places, "known", None)
    if known is None:
        known = {}
    wanted = ids - known.keys()
    known.update((pk, (doc, n)) for pk, doc, n in _select(sql + " WHERE {cond}", "e.id", wanted))
    return {pk: known[pk] for pk in ids if pk in known}


# Entry places read during the current relink (per thread): see _entry_places.
_places = threading.local()


def _rows_in(field: str, values: Iterable[Any]) -> list[_Row]:
    """The mentions whose ``field`` (a column of the mention table) is one of ``values``."""
    own = _select(_ROW_SQL, field, values)
    return _placed(own, _entry_places({row[-1] for row in own}))


def _rows_named(names: Iterable[tuple[str, str]]) -> list[_Row]:
    """The mentions written with one of these (key, written) spellings."""
    names = set(names)
    return [r for r in _rows_in("key", {k for k, _ in names}) if r.name in names]


# Mentions deleted since the last relink (a re-ingest or a correction recreates an
# entry's mentions; a removed document takes its own): their families and their
# people are relinked by the next incremental relink, as a new mention's would be.
# Per thread, since each request or ingest relinks what it changed itself.
_removed = threading.local()


def _note_removed(sender: type, instance: m.PersonMention, **kwargs: Any) -> None:
    pending: set[tuple[str, str, int | None]] | None = getattr(_removed, "names", None)
    if pending is None:
        pending = _removed.names = set()
    pending.add((instance.key, instance.written, getattr(instance, "person_id", None)))
    if _INDEX is not None:
        _INDEX.gone.append((instance.key, instance.written))


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


class _Ties:
    """What the monitors' decisions tie together: entries, documents, surnames."""

    def __init__(self, decisions: list[Decision]) -> None:
        self.entries: dict[tuple[str, int], set[tuple[str, int]]] = defaultdict(set)
        self.folds: set[str] = set()  # a decision finds its mentions by surname too
        for d in decisions:
            refs = [ref for g in d.groups for ref in g]
            entries = {(ref.doc, ref.n) for ref in refs}
            for e in entries:
                self.entries[e] |= entries
            self.folds |= {name_info(ref.key, ref.key).sfold for ref in refs}
        self.docs = {doc for doc, _ in self.entries}


Form = tuple[str, str]  # (folded surname, gender): what families are made of
Name = tuple[str, str]  # (key, written): one spelling


class _Index:
    """Every spelling stored, how the linker reads it, and where its family is.

    Built once per process from ``SELECT key, written, COUNT(*) ... GROUP BY key,
    written`` and then kept up to date from the mentions added since (``id`` above
    the highest seen) and the deletions this process heard of, so that no relink
    reads the whole mention table. Names are never taken out (a deleted mention's
    spelling stays, with a count of 0): a family found here holds at least the real
    one. ``stored`` counts the mentions of each spelling, which tells whether a
    spelling is still written somewhere without asking the database.

    To be sure the counts are right, it counts the mentions it has accounted for
    (read, less the deletions heard of) and compares with ``COUNT(*)`` at every
    relink: any other change — another process's deletions, a transaction with
    lower ids that committed late, a restored database, a rolled-back deletion —
    makes the counts differ, and the index is built again.
    """

    def __init__(self, db: tuple[str, ...]) -> None:
        self.db = db
        self.watermark = 0  # the highest mention id read
        self.count = 0  # mentions accounted for
        self.gone: list[Name] = []  # deletions heard of since the last refresh
        self.stored: Counter[Name] = Counter()  # mentions per spelling
        self.info: dict[Name, NameInfo] = {}
        self.by_form: dict[Form, set[Name]] = defaultdict(set)  # as keyed
        self.by_sfold: dict[str, set[Form]] = defaultdict(set)
        self.by_block: dict[tuple[str, str], set[Form]] = defaultdict(set)
        self.other: dict[Form, set[Form]] = defaultdict(set)  # the other gender's forms
        self.alt_into: dict[str, set[Name]] = defaultdict(set)  # names the other reading puts there
        self.known: set[tuple[str, str]] = set()  # (surname, initial) written with an initial only
        self.bare_classes: set[str] = set()  # letters of the names written alone
        self.bare: set[Name] = set()
        self._families: dict[tuple[str, str], dict[Form, frozenset[Form]]] = {}

    def refresh(self) -> None:
        mentions = m.PersonMention.objects
        with connection.cursor() as cur:
            if self.watermark:
                cur.execute(f"SELECT key, written, id FROM {_PM} WHERE id > %s", [self.watermark])
                added = cur.fetchall()
                for key, written, pk in added:
                    self.add((key, written))
                    self.stored[(key, written)] += 1
                    self.watermark = max(self.watermark, pk)
                gone, self.gone = self.gone, []  # a deletion heard meanwhile makes the counts differ
                self.stored.subtract(gone)
                expected = self.count + len(added) - len(gone)
                self.count = mentions.count()
                if self.count == expected and all(self.stored[name] >= 0 for name in gone):
                    return
                self.__init__(self.db)  # type: ignore[misc]  # changed behind our back: start again
            top = mentions.aggregate(top=Max("id"))["top"] or 0
            # Only up to ``top``: mentions added meanwhile have higher ids and are read
            # next time; one with a lower id committed later makes the next count differ.
            cur.execute(f"SELECT key, written, COUNT(*) FROM {_PM} WHERE id <= %s GROUP BY key, written", [top])
            for key, written, n in cur.fetchall():
                self.add((key, written))
                self.stored[(key, written)] = n
        self.watermark, self.count, self.gone = top, sum(self.stored.values()), []

    def add(self, name: Name) -> NameInfo:
        info = self.info.get(name)
        if info is not None:
            return info
        info = self.info[name] = name_info(*name)
        self._place(name, info.form)
        if info.other:
            self.other[info.form].add(info.other)
        if info.alt:  # a family the name may be read into: a form, not one of its names
            self._place(None, (info.alt[0], info.alt[1]))
            self.alt_into[info.alt[0]].add(name)
        if info.known:
            self.known.add(info.known)
        if info.bare:
            self.bare.add(name)
            self.bare_classes.add(info.word_class)
        return info

    def _place(self, name: Name | None, form: Form) -> None:
        if name is not None:
            self.by_form[form].add(name)
        if form not in self.by_sfold[form[0]]:
            self.by_sfold[form[0]].add(form)
            block = block_of(form)
            self.by_block[block].add(form)
            self._families.pop(block, None)

    def named(self, form: Form) -> bool:
        """Whether any spelling of the family is more than one word alone."""
        return any(not self.info[n].bare for f in self.family(form) for n in self.by_form.get(f, ()))

    def swapped(self, info: NameInfo) -> bool:
        """Whether the linker may read this name the other way round (see
        ``kuzet.linking``: only when that reading is written with an initial only)."""
        return info.alt is not None and (info.alt[0], info.alt[2]) in self.known

    def read_into(self, sfold: str) -> set[Name]:
        """The names the linker may read the other way round into this surname."""
        return {name for name in self.alt_into.get(sfold, ()) if self.swapped(self.info[name])}

    def family(self, form: Form) -> frozenset[Form]:
        """The forms the linker could join with ``form`` (a superset of the real family)."""
        block = block_of(form)
        known = self._families.setdefault(block, {})
        found = known.get(form)
        if found is None:
            members = self.by_block.get(block, set()) | {form}
            todo, seen = [form], {form}
            while todo:
                f = todo.pop()
                for g in members - seen:
                    if same_surname(f, g):
                        seen.add(g)
                        todo.append(g)
            found = frozenset(seen)
            for f in found:
                known[f] = found
        return found


_INDEX: _Index | None = None
_INDEX_LOCK = threading.Lock()


def _index() -> _Index:
    global _INDEX
    settings = connection.settings_dict
    db = (connection.vendor, str(settings.get("NAME")), str(settings.get("HOST")), str(settings.get("PORT")))
    if _INDEX is None or _INDEX.db != db:
        _INDEX = _Index(db)
    _INDEX.refresh()
    return _INDEX


def relink(*, documents: Iterable[m.Document] | None = None) -> RelinkReport:
    """Link person mentions into people, keeping the monitors' merges and splits.

    With ``documents``, only the people those documents' mentions (and the mentions
    deleted since the last relink) can touch are relinked — what the ingest calls
    after storing a document; without, everyone is. Person ids stay stable: each
    cluster keeps the id most of its mentions had.
    """
    # The cyclic garbage collector is held off meanwhile: a relink makes tens of
    # thousands of short-lived rows, and each collection they would set off also
    # walks the spelling index and the linker's caches, which grow with the archive
    # (at 90,000 entries that was about a third of a relink's CPU). They are freed
    # by reference counting anyway; anything cyclic waits for the next collection.
    enabled = gc.isenabled()
    gc.disable()
    try:
        return _relink(documents)
    finally:
        if enabled:
            gc.enable()


def _relink(documents: Iterable[m.Document] | None) -> RelinkReport:
    with transaction.atomic():
        decisions = _decisions()
        if documents is None:
            _take_removed()  # everyone is relinked: nothing pending is left out
            rows = _rows()
            if not rows:
                return RelinkReport(0, 0, 0, _remove_empty(None), 0)
            return _write(rows, link((r.mention() for r in rows), decisions), None)
        with _INDEX_LOCK:
            _places.known = {}
            try:
                return _relink_changed(list(documents), decisions)
            finally:
                _places.known = None


def _relink_changed(documents: list[m.Document], decisions: list[Decision]) -> RelinkReport:
    """Relink what a change in ``documents`` (and the deletions pending) can affect.

    A new mention whose family it leaves as it was is attached directly (see
    :func:`_attachments`); the rest, with the families and people of deleted
    mentions, are relinked by :func:`kuzet.linking.link` over the smallest set of
    stored mentions that nothing outside can change (:func:`_closure`).
    """
    index = _index()
    ties = _Ties(decisions)
    new = _rows_of([d.pk for d in documents])
    removed = _take_removed()
    for r in new:
        index.add(r.name)
    seed_forms: set[Form] = {index.add((k, w)).form for k, w, _ in removed}
    seed_people = {pid for _, _, pid in removed if pid is not None}
    attach, seeds = _attachments(new, index, ties)
    while True:
        scope = _closure(seeds, seed_forms, seed_people, index, ties, limit=max(index.count // 3, _FULL_MIN))
        if scope is None:  # a good part of the archive: a full relink is cheaper
            rows = _rows()
            return _write(rows, link((r.mention() for r in rows), decisions), None)
        clash = [a for a in attach if a.forms & scope.forms or (a.person is not None and a.person in scope.people)]
        if not clash:
            break
        for a in clash:  # its family is relinked anyway: the linker places it
            attach.remove(a)
            seeds += a.rows
    report = _write(scope.rows, link((r.mention() for r in scope.rows), decisions), seed_people) if scope.rows \
        else RelinkReport(0, 0, 0, _remove_empty(seed_people), 0)
    made, moved, lost = _attach(attach)
    removed_people = _remove_empty(lost) if lost else 0
    return RelinkReport(
        report.mentions + sum(len(a.rows) for a in attach), report.persons + len(attach),
        report.created + made, report.removed + removed_people, report.moved + moved,
    )


@dataclass(frozen=True, slots=True)
class _Attachment:
    """New mentions that join one person (``person``) or make a new one (``None``)."""

    forms: frozenset[Form]  # the family's forms as the index knows them
    person: int | None
    rows: list[_Row]  # the new mentions
    name: str  # the person's name with them


def _attachments(new: list[_Row], index: _Index, ties: _Ties) -> tuple[list[_Attachment], list[_Row]]:
    """Split new mentions into those that join a person without relinking anyone
    else, and those whose families must be relinked.

    A mention is attached when :func:`kuzet.linking.link` over everything would do
    exactly that: its family (surname spellings, read from the stored mentions of
    the family the index finds) neither joins two families nor changes; no name of
    it could be read the other way round, and no decision names it; and within
    its initial at most one full given name is written, so the initial is one
    person — the one all the earlier mentions of that initial already belong to,
    or a new person when there were none and no name written alone could be read
    as it. What is read: the distinct spellings stored in the family, and the
    mentions of the family with the new mentions' initials — not the whole family.
    """
    seeds = [r for r in new if not _may_attach(index.info[r.name], index) or ties.docs & {r.doc}]
    if len(seeds) == len(new):
        return [], seeds
    by_family: dict[frozenset[Form], list[_Row]] = defaultdict(list)
    for r in new:
        by_family[index.family(index.info[r.name].form)].append(r)
    seed_ids = {r.id for r in seeds}
    families = {forms: rows for forms, rows in by_family.items() if not any(r.id in seed_ids for r in rows)}
    for forms, rows in by_family.items():
        if forms not in families:
            seeds += [r for r in rows if r.id not in seed_ids]  # the family is relinked anyway
    # The family's spellings that mentions other than the new ones have (from the
    # index's counts), and of those the ones with the new mentions' initials.
    here = Counter(r.name for r in new)
    earlier: dict[frozenset[Form], set[Name]] = {}
    wanted: set[Name] = set()
    for forms, rows in families.items():
        initials = {index.info[r.name].initial for r in rows}
        earlier[forms] = {name for f in forms for name in index.by_form.get(f, ()) if index.stored[name] > here[name]}
        wanted |= {name for name in earlier[forms] if index.info[name].initial in initials}
    stored: dict[Form, list[_Row]] = defaultdict(list)
    new_ids = {r.id for r in new}
    for r in _rows_named(wanted):
        if r.id not in new_ids:
            stored[index.info[r.name].form].append(r)
    out: list[_Attachment] = []
    for forms, rows in families.items():
        old_rows = [r for f in forms for r in stored.get(f, ())]
        found = _attach_family(forms, old_rows, earlier[forms], rows, index, ties)
        if found is None:
            seeds += rows
        else:
            out += found
    return out, seeds


def _may_attach(info: NameInfo, index: _Index) -> bool:
    """Cheap checks on a spelling alone (see :func:`_attachments`)."""
    if info.bare or not info.initial:
        return False
    if index.swapped(info):
        return False  # the other reading may win
    return True


def _attach_family(
    forms: frozenset[Form], old_rows: list[_Row], old_names: set[Name], fresh: list[_Row],
    index: _Index, ties: _Ties,
) -> list[_Attachment] | None:
    """The attachments of one family's new mentions (``fresh``), or None when it must
    be relinked. ``old_names`` are the family's spellings stored before, ``old_rows``
    its earlier mentions with the initials of the new ones."""
    for f in forms:
        if f[0] in ties.folds or index.read_into(f[0]):
            return None  # a decision or another reading reaches into the family
    if any(index.swapped(index.info[name]) for name in old_names):
        return None
    # The real families, from the spellings stored: adding the new ones may not join two.
    old = {index.info[name].form for name in old_names}
    real = old | {index.info[r.name].form for r in fresh}
    out: list[_Attachment] = []
    for members in _components(real):
        mine = [r for r in fresh if index.info[r.name].form in members]
        if not mine:
            continue
        if len(_components(members & old)) > 1:
            return None
        bare = any(index.info[name].bare for name in old_names if index.info[name].form in members)
        rows = [r for r in old_rows if index.info[r.name].form in members] + mine
        infos = {r.id: index.info[r.name] for r in rows}
        fresh_ids = {r.id for r in mine}
        for initial in sorted({infos[r.id].initial for r in mine}):
            group = sorted((r for r in rows if infos[r.id].initial == initial and not infos[r.id].bare),
                           key=lambda r: sort_key(r.mention()))
            found = _attach_group(group, infos, fresh_ids, index, bare, forms)
            if found is None:
                return None
            out += found
    return out


def _attach_group(
    group: list[_Row], infos: dict[int, NameInfo], new_ids: set[int], index: _Index, bare: bool,
    forms: frozenset[Form],
) -> list[_Attachment] | None:
    """One family's mentions of one initial (in the linker's order), some of them new:
    the people the new ones join, or None when the linker must decide."""
    parts = split_by_given([infos[r.id].given for r in group])
    if len(parts) == 1:
        found = _attach_person(group, infos, new_ids, index, bare, forms, exact=False)
        return None if found is None else [found]
    # Two given names or more with one initial: the linker makes a person of each
    # name, and one of the mentions without a given name. The new mentions join
    # theirs when the earlier ones stay split exactly as they were.
    earlier = [r for r in group if r.id not in new_ids]
    before = split_by_given([infos[r.id].given for r in earlier])
    after = ([group[k].id for k in part if group[k].id not in new_ids] for part in parts)
    if sorted(sorted(earlier[k].id for k in part) for part in before) != sorted(sorted(p) for p in after if p):
        return None
    out: list[_Attachment] = []
    for part in parts:
        rows = [group[k] for k in part]
        if any(r.id in new_ids for r in rows):
            found = _attach_person(rows, infos, new_ids, index, bare, forms, exact=True)
            if found is None:
                return None
            out.append(found)
    return out


def _attach_person(
    rows: list[_Row], infos: dict[int, NameInfo], new_ids: set[int], index: _Index, bare: bool,
    forms: frozenset[Form], *, exact: bool,
) -> _Attachment | None:
    """Mentions the linker makes one person, some of them new: that person, or None.
    ``exact``: the new mentions' given names must be ones the person's earlier
    mentions have, whenever a given name written alone could be read through them."""
    earlier = [r for r in rows if r.id not in new_ids]
    fresh = [r for r in rows if r.id in new_ids]
    initial = infos[rows[0].id].initial
    people = {r.person_id for r in earlier}
    if earlier:
        if len(people) != 1 or None in people:
            return None
        (person,) = people
        if any(r.person_id not in (None, person) for r in fresh):
            return None
        # A name written alone is read through people whose initial fits and whose
        # given name is unwritten or that name: a new mention without a given name
        # (or, with ``exact``, with a spelling none of theirs has) could make this
        # person fit where it did not.
        if exact:
            written = {infos[r.id].given for r in earlier}
            fits_more = any(infos[r.id].given not in written for r in fresh)
        else:
            fits_more = (not any(not infos[r.id].given for r in earlier)
                         and any(not infos[r.id].given for r in fresh))
        if fits_more and initial in index.bare_classes:
            return None
    else:
        # A new person: a surname or given name written alone could now mean them.
        if bare or initial in index.bare_classes or any(r.person_id is not None for r in fresh):
            return None
        person = None
    return _Attachment(forms, person, fresh, cluster_name([r.key for r in rows]))


def _components(forms: set[Form]) -> list[set[Form]]:
    """Forms joined into families as :func:`kuzet.linking.link` joins them."""
    out: list[set[Form]] = []
    for f in sorted(forms):
        joined = [c for c in out if any(same_surname(f, g) for g in c)]
        merged = {f}.union(*joined)
        out = [c for c in out if not any(c is j for j in joined)] + [merged]
    return out


@dataclass
class _Scope:
    rows: list[_Row] = field(default_factory=list)
    forms: set[Form] = field(default_factory=set)  # whole families read
    people: set[int] = field(default_factory=set)  # whole people read


def _closure(
    seeds: list[_Row], forms: set[Form], people: set[int], index: _Index, ties: _Ties, *, limit: int
) -> _Scope | None:
    """The stored mentions whose people the seeds (and the families ``forms``, the
    ``people``) can change, and everything those read in turn, until closed.

    :func:`kuzet.linking.link` over these gives each of them the person a full
    relink would. For each mention: its whole family (both genders, since a given
    name alone is read through the other gender's family too; every spelling the
    index puts in it, either reading) — but for a word alone that is nobody's
    surname anywhere (a given name alone), only that word in its own document,
    the one place it can be one person; its person's other mentions; the names
    written alone in its entry (read through it); the names written alone near it
    that its given name could be (read through full given names within the
    window), and, for a name written alone, its whole entry and the full given
    names near it that it could be; and the entries a decision ties to it.

    None when it grows past ``limit`` mentions (then a full relink costs less).
    """
    chosen: dict[int, _Row] = {}
    scope = _Scope()
    todo_forms, todo_people = set(forms), set(people)
    todo_lone: set[tuple[Form, str]] = set()
    seen_lone: set[tuple[Form, str]] = set()
    whole: set[int] = set()  # entries read entirely
    scanned: dict[int, list[_Row]] = {}  # entry -> its mentions, once read
    todo_entries: set[int] = set()
    near: dict[tuple[str, int], tuple[set[str], set[str]]] = defaultdict(lambda: (set(), set()))
    near_rows: dict[tuple[str, int], list[_Row]] = {}
    todo_near: set[tuple[str, int]] = set()
    todo_refs: set[tuple[str, int]] = set()
    seen_refs: set[tuple[str, int]] = set()
    named = _Named(index)
    frontier = list({r.id: r for r in seeds}.values())
    for r in frontier:
        chosen[r.id] = r
    while frontier or todo_forms or todo_people or todo_lone or todo_refs:
        for r in frontier:
            info = index.add(r.name)
            alone = info.bare and not named(info.form)  # a given name alone, not a surname
            if alone:
                todo_lone.add((info.form, r.doc))
            else:
                todo_forms.add(info.form)
                if index.swapped(info):
                    todo_forms.add((info.alt[0], info.alt[1]))  # type: ignore[index]
            if r.person_id is not None:
                todo_people.add(r.person_id)
            if index.bare:  # names written alone are read through entries: find them
                todo_entries.add(r.entry_id)
                if alone:
                    whole.add(r.entry_id)
                givens = {info.given} - {""} | ({info.sfold} if index.swapped(info) else set())
                if alone or givens:
                    for k in range(-_WINDOW, _WINDOW + 1):
                        at = (r.doc, r.n + k)
                        near[at][0].update(givens)
                        if alone:
                            near[at][1].add(info.sfold)
                        todo_near.add(at)
            todo_refs |= ties.entries.get((r.doc, r.n), set())
        found: list[_Row] = []
        found += _rows_named(_family_names(todo_forms, index, scope.forms))
        todo_forms = set()
        found += _rows_in("person_id", todo_people - scope.people)
        scope.people |= todo_people
        todo_people = set()
        lone_now = todo_lone - seen_lone
        seen_lone |= lone_now
        todo_lone = set()
        docs_of: dict[str, set[Name]] = defaultdict(set)
        for form, doc in lone_now:
            docs_of[doc].update(n for f in index.family(form) for n in index.by_form.get(f, ()))
        for doc, names in docs_of.items():
            found += [r for r in _rows_named(names) if r.doc == doc]
        unread = todo_entries - scanned.keys()
        for r in _rows_in("entry_id", unread):
            scanned.setdefault(r.entry_id, []).append(r)
        for e in todo_entries:
            found += [x for x in scanned.get(e, ()) if e in whole or _given_alone(x, index, named)]
        todo_entries = set()
        unread_near = [at for at in todo_near if at not in near_rows]
        for at in unread_near:
            near_rows[at] = []
        for x in _rows_at(unread_near):
            near_rows[(x.doc, x.n)].append(x)
        for at in todo_near:
            givens, words = near[at]
            found += [x for x in near_rows[at] if _read_near(x, givens, words, index, named)]
        todo_near = set()
        found += _rows_at(todo_refs - seen_refs)
        seen_refs |= todo_refs
        todo_refs = set()
        frontier = []
        for r in found:
            if r.id not in chosen:
                chosen[r.id] = r
                frontier.append(r)
        if len(chosen) > limit:
            return None
    scope.rows = list(chosen.values())
    return scope


def _given_alone(x: _Row, index: _Index, named: _Named) -> bool:
    info = index.add(x.name)
    return info.bare and not named(info.form)


def _read_near(x: _Row, givens: set[str], words: set[str], index: _Index, named: _Named) -> bool:
    """Whether a mention near others is read through them, or they through it: a
    given name alone that one of their full given names could be, or a full given
    name that one of their given names alone could be."""
    info = index.add(x.name)
    if _given_alone(x, index, named) and any(same_given(g, info.sfold) for g in givens):
        return True
    mine = {info.given} - {""} | ({info.sfold} if index.swapped(info) else set())
    return any(same_given(g, w) for g in mine for w in words)


class _Named:
    """Whether a word written alone is a surname someone is named by with an initial
    or a given name (read through its family) or not (a given name alone, read
    through its entry and neighbours). Exact: the index's family is checked against
    the spellings stored; when unsure, "not" — which reads more, never less."""

    def __init__(self, index: _Index) -> None:
        self.index = index
        self.memo: dict[Form, bool] = {}

    def __call__(self, form: Form) -> bool:
        found = self.memo.get(form)
        if found is None:
            found = self.memo[form] = self._named(form)
        return found

    def _named(self, form: Form) -> bool:
        index = self.index
        if not index.named(form):
            return False
        names = {n for f in index.family(form) for n in index.by_form.get(f, ())}
        if any(index.swapped(index.info[n]) or index.read_into(index.info[n].sfold) for n in names):
            return False  # a reading that moves names in or out: not sure
        real = {name for name in names if index.stored[name] > 0}
        forms = {index.info[n].form for n in real} | {form}
        family = next(c for c in _components(forms) if form in c)
        return any(not index.info[n].bare for n in real if index.info[n].form in family)


def _family_names(forms: set[Form], index: _Index, done: set[Form]) -> set[Name]:
    """Add to ``done`` the whole families of ``forms`` — both genders, every form of
    the same folded surname — and return the spellings the index puts in them."""
    todo = set(forms) - done
    names: set[Name] = set()
    while todo:
        f = todo.pop()
        for g in index.family(f) | index.by_sfold.get(f[0], set()):
            if g in done:
                continue
            done.add(g)
            names |= index.by_form.get(g, set()) | index.read_into(g[0])
            todo |= (index.other.get(g, set()) | index.by_sfold.get(g[0], set())) - done
            todo |= index.family(g) - done
    return names


def _rows_at(refs: Iterable[tuple[str, int]]) -> list[_Row]:
    """The mentions of entries named by (document key, entry number)."""
    by_doc: dict[str, list[int]] = defaultdict(list)
    for doc, n in refs:
        by_doc[doc].append(n)
    sql = (f"SELECT p.id, p.written, p.key, p.role, p.person_id, p.entry_id, e.n FROM {_PM} p"
           f" JOIN {_ENTRY} e ON e.id = p.entry_id JOIN {_DOC} d ON d.id = e.document_id"
           " WHERE d.key = %s AND {cond} ORDER BY p.entry_id, p.start")
    out: list[_Row] = []
    for doc, ns in by_doc.items():
        out += [_Row(i, doc, n, written, key, role, person, entry)
                for i, written, key, role, person, entry, n in _select(sql, "e.n", ns, [doc])]
    return out


def _rows_of(documents: list[int]) -> list[_Row]:
    """The mentions of these documents."""
    sql = (f"SELECT p.id, p.written, p.key, p.role, p.person_id, p.entry_id FROM {_PM} p"
           f" JOIN {_ENTRY} e ON e.id = p.entry_id WHERE {{cond}} ORDER BY p.entry_id, p.start")
    own = _select(sql, "e.document_id", documents)
    return _placed(own, _entry_places({row[-1] for row in own}))


def _attach(attachments: list[_Attachment]) -> tuple[int, int, set[int]]:
    """Write attachments: (people made, mentions moved, people that lost mentions)."""
    if not attachments:
        return 0, 0, set()
    made = [m.Person(name=a.name) for a in attachments if a.person is None]
    m.Person.objects.bulk_create(made, batch_size=1000)
    fresh = iter(made)
    ids = [a.person if a.person is not None else next(fresh).pk for a in attachments]
    existing = [a.person for a in attachments if a.person is not None]
    names = _person_names(existing)
    chosen = _chosen_names()
    now = timezone.now()
    renames = [(a.name, now, a.person) for a in attachments
               if a.person is not None and a.person not in chosen and names.get(a.person) != a.name]
    moves = [(pid, r.id) for pid, a in zip(ids, attachments, strict=True) for r in a.rows if r.person_id != pid]
    lost = {r.person_id for a in attachments for r in a.rows if r.person_id is not None} - set(ids)
    if renames:
        with connection.cursor() as cur:
            cur.executemany(f"UPDATE {m.Person._meta.db_table} SET name = %s, updated_at = %s WHERE id = %s", renames)
    _move(moves)
    return len(made), len(moves), lost


def _move(moves: list[tuple[int, int]]) -> None:
    """Write (person id, mention id) pairs."""
    if not moves:
        return
    with connection.cursor() as cur:
        if connection.vendor == "postgresql":  # one statement, not a round trip per row
            cur.execute(f"UPDATE {_PM} SET person_id = v.person FROM UNNEST(%s::bigint[], %s::bigint[])"
                        f" AS v(person, id) WHERE {_PM}.id = v.id",
                        [_pg_array([p for p, _ in moves])[0], _pg_array([i for _, i in moves])[0]])
        else:
            cur.executemany(f"UPDATE {_PM} SET person_id = %s WHERE id = %s", moves)


def _write(rows: list[_Row], clusters: list[Cluster], lost: set[int] | None) -> RelinkReport:
    """Write clusters back: ids kept, new people made, names updated, mentions moved,
    people left without mentions removed (among ``lost`` and those the clusters
    had, or everyone when ``lost`` is None)."""
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
    moves = [(pid, mn.id) for pid, cluster in zip(ids, clusters, strict=True)
             for mn in cluster.mentions if old.get(mn.id) != pid]  # type: ignore[arg-type]
    moved = len(moves)
    if connection.vendor == "postgresql":
        _move(moves)  # type: ignore[arg-type]
    else:
        # One UPDATE per person: far faster than a bulk_update's CASE over many rows.
        by_person: dict[int, list[int]] = defaultdict(list)
        for pid, mid in moves:
            by_person[pid].append(mid)  # type: ignore[arg-type]
        for pid, stale in by_person.items():
            for i in range(0, len(stale), 500):
                m.PersonMention.objects.filter(pk__in=stale[i : i + 500]).update(person_id=pid)
    if lost is not None:
        lost = lost | {pid for pid in old.values() if pid is not None}
    removed = _remove_empty(lost)
    return RelinkReport(len(rows), len(clusters), len(made), removed, moved)


def _person_names(ids: list[int]) -> dict[int, str]:
    return dict(_select(f"SELECT id, name FROM {_PERSON} WHERE {{cond}}", "id", ids))  # type: ignore[arg-type]


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


def _remove_empty(candidates: set[int] | None) -> int:
    """Delete people left without mentions (by this relink or by a re-ingest that
    recreated an entry's mentions), unless a monitor wrote notes on them. Only the
    ``candidates`` are looked at, or everyone when None."""
    if candidates is None:
        ids = list(m.Person.objects.filter(mentions__isnull=True, notes="").values_list("pk", flat=True))
    else:
        sql = (f"SELECT p.id FROM {_PERSON} p WHERE p.notes = '' AND NOT EXISTS"
               f" (SELECT 1 FROM {_PM} x WHERE x.person_id = p.id) AND {{cond}}")
        ids = sorted(pk for (pk,) in _select(sql, "p.id", candidates))
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
        .order_by()  # no ordering columns in the DISTINCT
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
