"""A person's story: every entry they appear in, in date order, with a summary.

    person_story(person, *, mentions=None) -> Story

Read-only; used by ``kuzet person``, the person page and the API. Kept apart from
:mod:`kuzet.store.people` (linking and corrections), which re-exports it.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from . import models as m

__all__ = [
    "GIVEN",
    "MEASURES",
    "STORY_COLUMNS",
    "Appearance",
    "CoMention",
    "LawRef",
    "SanctionFact",
    "Story",
    "Summary",
    "person_story",
    "story_from_rows",
]

# Statuses that mean a sanction was actually given (not merely asked for).
GIVEN = ("imposed", "upheld", "served")
# Kinds of measure that describe where a person is now, most restrictive first.
MEASURES = (
    "imprisonment",
    "pretrial_detention",
    "administrative_arrest",
    "house_arrest",
    "restriction_of_liberty",
    "probation",
    "conditional_sentence",
)



@dataclass(frozen=True, slots=True)
class LawRef:
    code: str
    article: str
    part: str
    title: str | None

    def __str__(self) -> str:
        part = f", part {self.part}" if self.part else ""
        title = f" ({self.title})" if self.title else ""
        return f"{self.code} {self.article}{part}{title}"


@dataclass(frozen=True, slots=True)
class SanctionFact:
    kind: str
    days: int | None
    amount_kzt: int | None
    status: str

    def __str__(self) -> str:
        words = self.kind.replace("_", " ")
        if self.days is not None:
            words += f", {_duration(self.days)}"
        if self.amount_kzt is not None:
            words += f", {self.amount_kzt:,} tenge".replace(",", " ")
        return f"{words} ({self.status})"


@dataclass(frozen=True, slots=True)
class Appearance:
    """One entry in a person's story."""

    doc: str
    n: int
    entry_id: int
    date: dt.date | None
    date_precision: str
    place: str | None
    written: str
    role: str
    articles: tuple[LawRef, ...]
    sanctions: tuple[SanctionFact, ...]
    types: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Summary:
    entries: int
    first: Appearance | None
    last: Appearance | None
    roles: dict[str, int]
    arrest_days: int  # administrative arrest, each arrest counted once
    arrests: int
    fines_kzt: int  # each fine counted once
    articles: tuple[tuple[str, int], ...]  # ("CAO 488", entries citing it), most cited first
    current_measure: tuple[SanctionFact, Appearance] | None  # the latest restrictive measure


@dataclass(frozen=True, slots=True)
class CoMention:
    """Another person named in one of the story's entries (for "related people")."""

    entry_id: int
    person_id: int
    name: str
    confidential: bool
    name_rank: int  # place of (name, person id) in the database's ordering of names


@dataclass(frozen=True, slots=True)
class Story:
    person: m.Person
    aliases: tuple[str, ...]
    appearances: tuple[Appearance, ...]
    summary: Summary = field(repr=False)
    # Every linked mention of someone else in the story's entries, withheld or not:
    # a reader's related people are those of them the reader may see.
    co_mentions: tuple[CoMention, ...] = field(default=(), repr=False)


# The person's mentions with their entries, as ``story_from_rows`` reads them. (The
# entries' documents and places come with the second query: joined here, they made
# this one's plan cost the database more than the rest of the page's reading.)
STORY_COLUMNS = (
    "id", "key", "written", "role", "entry_id", "entry__n", "entry__date",
    "entry__date_precision",
)


def person_story(person: m.Person, *, mentions: Any = None) -> Story:
    """Every entry the person appears in, in date order, with a summary.

    ``mentions`` (a queryset of the person's mentions) limits the story to what a
    reader may see: the web workspace passes the mentions visible to its user.

    Two flat queries of plain values (mentions with their entries, then the entries'
    articles, types, sanctions and mentions): a person page is often asked for for
    the first time, and building model instances with every column (the entries'
    texts among them) cost more than everything else on it."""
    source = person.mentions.all() if mentions is None else mentions.filter(person=person)
    rows = list(source.order_by("entry_id", "start", "id").values_list(*STORY_COLUMNS))
    return story_from_rows(person, rows)


def story_from_rows(person: m.Person, rows: list[tuple[Any, ...]]) -> Story:
    """The story from the person's mention rows (``STORY_COLUMNS``, ordered by entry,
    position and id): the caller chose which mentions the reader may see."""
    ids = sorted({r[4] for r in rows})
    refs, types, sanctions, subjects, others, where = _entry_values(ids, person.pk)
    appearances = []
    for pk, key, written, role, entry_id, n, date, precision in rows:
        doc, place, region = where[entry_id]
        appearances.append(
            Appearance(
                doc=doc,
                n=n,
                entry_id=entry_id,
                date=date,
                date_precision=precision,
                place=_place_label(place, region),
                written=written or key,
                role=role,
                articles=refs.get(entry_id, ()),
                sanctions=tuple(
                    _sanctions_of(pk, key, sanctions.get(entry_id, ()), subjects.get(entry_id, ()))
                ),
                types=tuple(dict.fromkeys(types.get(entry_id, ()))),
            )
        )
    appearances.sort(key=lambda a: (a.date or dt.date.max, a.doc, a.n))
    names = {r[1] for r in rows} | {r[2] for r in rows if r[2]}
    aliases = tuple(sorted(names - {person.name}))
    return Story(person, aliases, tuple(appearances), _summarise(appearances), others)


_SanctionRow = tuple[int | None, str, str, int | None, int | None, str]


def _entry_values(
    ids: list[int], person_id: int | None
) -> tuple[
    dict[int, tuple[LawRef, ...]],
    dict[int, list[str]],
    dict[int, list[_SanctionRow]],
    dict[int, list[int]],
    tuple[CoMention, ...],
    dict[int, tuple[str, str | None, str | None]],
]:
    """The entries' legal references (with titles), type ids, sanctions
    (mention, person key, kind, days, tenge, status), subject mentions' ids, the
    linked mentions of people other than ``person_id``, and their document keys and
    place and region names: one query, each kind of row in its stored order."""
    from django.db import connection

    from ..chronicle.knowledge import default_knowledge

    refs: dict[int, list[LawRef]] = {}
    types: dict[int, list[str]] = {}
    sanctions: dict[int, list[_SanctionRow]] = {}
    subjects: dict[int, list[int]] = {}
    others: list[CoMention] = []
    where: dict[int, tuple[str, str | None, str | None]] = {}
    if not ids:
        return {}, types, sanctions, subjects, (), where
    table = default_knowledge().articles
    t = {model: connection.ops.quote_name(model._meta.db_table)
         for model in (m.LegalRef, m.EntryType, m.Sanction, m.PersonMention, m.Person,
                       m.Entry, m.Document, m.Place)}
    none = "CAST(NULL AS BIGINT)"  # the first part sets the columns' types
    within = "entry_id IN (" + ",".join(["%s"] * len(ids)) + ")"
    # Columns: kind, entry, three texts, three numbers, then the order within the kind.
    sql = " UNION ALL ".join((
        f"SELECT 'r', entry_id, code, article, part, {none}, {none}, {none}, start, id "
        f"FROM {t[m.LegalRef]} WHERE {within}",
        f"SELECT 't', entry_id, type_id, NULL, NULL, NULL, NULL, NULL, start, id "
        f"FROM {t[m.EntryType]} WHERE {within}",
        f"SELECT 's', entry_id, person_key, kind, status, mention_id, days, amount_kzt, start, id "
        f"FROM {t[m.Sanction]} WHERE {within}",
        f"SELECT 'p', entry_id, NULL, NULL, NULL, id, NULL, NULL, start, id "
        f"FROM {t[m.PersonMention]} WHERE {within} AND role = 'subject'",
        # Other people named in these entries: 1 for a confidential mention, and the
        # rank of the name in the database's own order (its collation), by which
        # related people are listed.
        f"SELECT 'o', pm.entry_id, pe.name, NULL, NULL, pm.person_id, "
        f"CASE WHEN pm.confidential THEN 1 ELSE 0 END, "
        f"DENSE_RANK() OVER (ORDER BY pe.name, pm.person_id), pm.start, pm.id "
        f"FROM {t[m.PersonMention]} pm JOIN {t[m.Person]} pe ON pe.id = pm.person_id "
        f"WHERE pm.{within} AND pm.person_id <> %s",
        # Each entry's document key, place and the place's region.
        f"SELECT 'e', e.id, d.key, pl.name, rg.name, NULL, NULL, NULL, NULL, NULL "
        f"FROM {t[m.Entry]} e JOIN {t[m.Document]} d ON d.id = e.document_id "
        f"LEFT JOIN {t[m.Place]} pl ON pl.id = e.place_id "
        f"LEFT JOIN {t[m.Place]} rg ON rg.id = pl.region_id "
        f"WHERE e.{within.replace('entry_id', 'id')}",
    )) + " ORDER BY 1, 2, 9, 10"
    with connection.cursor() as cur:
        cur.execute(sql, ids * 5 + [-1 if person_id is None else person_id] + ids)
        rows = cur.fetchall()
    for kind, entry_id, a, b, c, x, y, z, _, _ in rows:
        if kind == "r":
            refs.setdefault(entry_id, []).append(LawRef(a, b, c, _title(table, a, b, c or None)))
        elif kind == "t":
            types.setdefault(entry_id, []).append(a)
        elif kind == "s":
            sanctions.setdefault(entry_id, []).append((x, a, b, y, z, c))
        elif kind == "p":
            subjects.setdefault(entry_id, []).append(x)
        elif kind == "o":
            others.append(CoMention(entry_id, x, a, bool(y), z))
        else:
            where[entry_id] = (a, b, c)
    return (
        {k: tuple(v) for k, v in refs.items()}, types, sanctions, subjects, tuple(others), where
    )


def _title(table: Any, code: str, article: str, part: str | None) -> str | None:
    try:
        return table.title(code, article, part=part)  # type: ignore[no-any-return]
    except (AttributeError, ValueError):  # a table without titles: show the numbers only
        return None


def _place_label(name: str | None, region: str | None) -> str | None:
    if name is None:
        return None
    if region is not None and region != name:
        return f"{name} ({region})"
    return name


def _sanctions_of(
    mention_id: int, key: str, sanctions: Any, subjects: Any
) -> list[SanctionFact]:
    """The entry's sanctions against this person: linked to the mention, or naming
    nobody in an entry where this person is the only subject."""
    alone = len(subjects) == 1 and subjects[0] == mention_id
    return [
        SanctionFact(kind, days, amount, status)
        for linked, person_key, kind, days, amount, status in sanctions
        if linked == mention_id
        or (linked is None and person_key == key)
        or (linked is None and not person_key and alone)
    ]


def _summarise(appearances: list[Appearance]) -> Summary:
    roles = Counter(a.role for a in appearances)
    cited: Counter[str] = Counter()
    for a in appearances:
        for ref in {f"{r.code} {r.article}" for r in a.articles}:
            cited[ref] += 1
    arrests = _distinct_sanctions(appearances, "administrative_arrest")
    fines = _distinct_sanctions(appearances, "fine")
    return Summary(
        entries=len(appearances),
        first=appearances[0] if appearances else None,
        last=appearances[-1] if appearances else None,
        roles=dict(sorted(roles.items())),
        arrest_days=sum(s.days or 0 for s, _ in arrests),
        arrests=len(arrests),
        fines_kzt=sum(s.amount_kzt or 0 for s, _ in fines),
        articles=tuple(sorted(cited.items(), key=lambda kv: (-kv[1], kv[0]))),
        current_measure=_current_measure(appearances),
    )


def _distinct_sanctions(
    appearances: list[Appearance], kind: str
) -> list[tuple[SanctionFact, Appearance]]:
    """Each sanction once, though chronicles report one arrest again and again.

    A report of the same kind and size within the sanction's own length (plus a
    month) of an earlier one is taken as the same sanction retold.
    """
    out: list[tuple[SanctionFact, Appearance]] = []
    for a in appearances:  # in date order
        for s in a.sanctions:
            if s.kind != kind or s.status not in GIVEN:
                continue
            if any(_same_sanction(s, a, t, b) for t, b in out):
                continue
            out.append((s, a))
    return out


def _same_sanction(s: SanctionFact, a: Appearance, t: SanctionFact, b: Appearance) -> bool:
    if (s.days, s.amount_kzt) != (t.days, t.amount_kzt):
        return False
    if a.date is None or b.date is None:
        return a.doc == b.doc
    return abs((a.date - b.date).days) <= (t.days or 0) + 30


def _current_measure(appearances: list[Appearance]) -> tuple[SanctionFact, Appearance] | None:
    """The person's last known state: the restrictive measure most recently reported
    as imposed or upheld (one reported as served is over); within one entry the most
    restrictive."""
    for a in reversed(appearances):  # latest first
        current = [s for s in a.sanctions if s.kind in MEASURES and s.status in ("imposed", "upheld")]
        if current:
            return min(current, key=lambda s: MEASURES.index(s.kind)), a
    return None


def _duration(days: int) -> str:
    years, rest = divmod(days, 365)
    months, d = divmod(rest, 30)
    parts = []
    if years:
        parts.append(f"{years} year{'s' if years > 1 else ''}")
    if months:
        parts.append(f"{months} month{'s' if months > 1 else ''}")
    if d or not parts:
        parts.append(f"{d} day{'s' if d != 1 else ''}")
    return " ".join(parts)
