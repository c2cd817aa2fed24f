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

__all__ = ["GIVEN", "MEASURES", "Appearance", "LawRef", "SanctionFact", "Story", "Summary", "person_story"]

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
class Story:
    person: m.Person
    aliases: tuple[str, ...]
    appearances: tuple[Appearance, ...]
    summary: Summary = field(repr=False)


def person_story(person: m.Person, *, mentions: Any = None) -> Story:
    """Every entry the person appears in, in date order, with a summary.

    ``mentions`` (a queryset of the person's mentions) limits the story to what a
    reader may see: the web workspace passes the mentions visible to its user."""
    from ..chronicle.knowledge import default_knowledge

    articles_table = default_knowledge().articles
    source = person.mentions.all() if mentions is None else mentions.filter(person=person)
    mentions = list(
        source.select_related("entry__document", "entry__place", "entry__place__region")
        .prefetch_related("entry__legal_refs", "entry__types", "entry__sanctions", "entry__person_mentions")
    )
    appearances = []
    for mn in mentions:
        e = mn.entry
        appearances.append(
            Appearance(
                doc=e.document.key,
                n=e.n,
                entry_id=e.pk,
                date=e.date,
                date_precision=e.date_precision,
                place=_place_name(e.place),
                written=mn.written or mn.key,
                role=mn.role,
                articles=tuple(
                    LawRef(r.code, r.article, r.part,
                           _title(articles_table, r.code, r.article, r.part or None))
                    for r in e.legal_refs.all()
                ),
                sanctions=tuple(_sanctions_of(mn, e)),
                types=tuple(dict.fromkeys(t.type_id for t in e.types.all())),
            )
        )
    appearances.sort(key=lambda a: (a.date or dt.date.max, a.doc, a.n))
    names = {mn.key for mn in mentions} | {mn.written for mn in mentions if mn.written}
    aliases = tuple(sorted(names - {person.name}))
    return Story(person, aliases, tuple(appearances), _summarise(appearances))


def _title(table: Any, code: str, article: str, part: str | None) -> str | None:
    try:
        return table.title(code, article, part=part)  # type: ignore[no-any-return]
    except (AttributeError, ValueError):  # a table without titles: show the numbers only
        return None


def _place_name(place: m.Place | None) -> str | None:
    if place is None:
        return None
    if place.region is not None and place.region.name != place.name:
        return f"{place.name} ({place.region.name})"
    return place.name


def _sanctions_of(mention: m.PersonMention, entry: m.Entry) -> list[SanctionFact]:
    """The entry's sanctions against this person: linked to the mention, or naming
    nobody in an entry where this person is the only subject."""
    subjects = [p for p in entry.person_mentions.all() if p.role == "subject"]
    alone = len(subjects) == 1 and subjects[0].pk == mention.pk
    return [
        SanctionFact(s.kind, s.days, s.amount_kzt, s.status)
        for s in entry.sanctions.all()
        if s.mention_id == mention.pk
        or (s.mention_id is None and s.person_key == mention.key)
        or (s.mention_id is None and not s.person_key and alone)
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
