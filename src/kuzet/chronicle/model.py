"""The values the chronicle library passes around: documents, entries, mentions.

Everything here is a frozen dataclass: a value, never a handle to a database row.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Generic, TypeVar

__all__ = [
    "Chrome",
    "Document",
    "Entry",
    "LegalRef",
    "Mention",
    "PartialDate",
    "Period",
    "Person",
    "Place",
    "Record",
    "Reference",
    "Sanction",
]

T = TypeVar("T")

_PERIOD_RE = re.compile(r"^(\d{4})-(\d{2})$")


@dataclass(frozen=True, order=True, slots=True)
class Period:
    """The month a chronicle covers."""

    year: int
    month: int

    def __post_init__(self) -> None:
        if not 1 <= self.month <= 12:
            raise ValueError(f"month must be 1-12, not {self.month}")
        if not 1900 <= self.year <= 2200:
            raise ValueError(f"year {self.year} is out of range")

    @classmethod
    def parse(cls, text: str) -> Period:
        """Parse ``YYYY-MM``; raises ``ValueError`` with a readable message."""
        m = _PERIOD_RE.match(text.strip())
        if not m:
            raise ValueError(f"period must look like 2023-06, not {text!r}")
        return cls(int(m.group(1)), int(m.group(2)))

    def __str__(self) -> str:
        return f"{self.year:04d}-{self.month:02d}"


@dataclass(frozen=True, slots=True)
class Reference:
    """One numbered footnote of the reference list: ``[12] https://...``."""

    n: int
    url: str  # as written in the document
    line: int | None = None  # 1-based line in the source, when known


@dataclass(frozen=True, slots=True)
class Entry:
    """One incident paragraph of a chronicle.

    ``text`` is the paragraph as written, footnote markers included, so that
    character offsets of extracted values point into what the monitor wrote.
    """

    n: int  # 1-based position in the document
    text: str
    refs: tuple[int, ...] = ()  # footnote numbers cited, in order
    line: int | None = None


@dataclass(frozen=True, slots=True)
class Chrome:
    """Leftover page text that is not an entry (``"log in to comment"``)."""

    text: str
    line: int | None = None
    # "site": page leftovers ("log in to comment"); "preamble": text before the
    # first entry other than the title; "stray": a line in the reference list
    # that is not a reference.
    kind: str = "site"


@dataclass(frozen=True, slots=True)
class Document:
    name: str  # file name or other label of the source
    format: str  # "txt", "md", "html", "docx"
    period: Period | None
    entries: tuple[Entry, ...]
    references: tuple[Reference, ...] = ()  # in list order, duplicates kept
    title: str | None = None
    chrome: tuple[Chrome, ...] = ()
    period_source: str | None = None  # "option", "title", "file name", "text"

    def reference_map(self) -> dict[int, str]:
        """Footnote number -> URL (the first one, if a number is listed twice)."""
        out: dict[int, str] = {}
        for ref in self.references:
            out.setdefault(ref.n, ref.url)
        return out


@dataclass(frozen=True, slots=True)
class Mention(Generic[T]):
    """A value extracted from text, with the characters it came from.

    ``text == source[start:end]`` always holds for the text it was extracted from.
    """

    start: int
    end: int
    text: str
    value: T


@dataclass(frozen=True, slots=True)
class PartialDate:
    """A date that may lack its day or month. Missing parts stay missing."""

    year: int | None
    month: int | None = None
    day: int | None = None

    @property
    def precision(self) -> str:
        if self.year is None:
            return "unknown"
        if self.month is None:
            return "year"
        if self.day is None:
            return "month"
        return "day"

    def iso(self) -> str | None:
        """``YYYY-MM-DD`` when complete, else ``None``."""
        if self.year is None or self.month is None or self.day is None:
            return None
        return f"{self.year:04d}-{self.month:02d}-{self.day:02d}"


@dataclass(frozen=True, slots=True)
class Place:
    name: str  # canonical English name, or the name as written if unknown
    kind: str  # city, settlement, district, region, country
    region: str | None = None
    country: str = "KZ"
    known: bool = True  # False: not in the gazetteer, taken as written
    lat: float | None = None
    lon: float | None = None


@dataclass(frozen=True, slots=True)
class Person:
    name: str  # the key, "Surname I." or "Surname" alone
    role: str = "other"  # "subject" or "other"
    written: str = ""  # the name as written in the entry


@dataclass(frozen=True, slots=True)
class LegalRef:
    code: str  # CC, CAO, CPC, OTHER
    article: str  # as written: "147-1", "488"
    part: str | None = None


@dataclass(frozen=True, slots=True)
class Sanction:
    kind: str
    days: int | None = None
    amount_kzt: int | None = None
    person: str | None = None  # Person.name
    status: str = "imposed"


@dataclass(frozen=True, slots=True)
class Record:
    """Everything extracted from one entry; each value traceable to its words."""

    doc: str
    n: int
    text: str
    date: Mention[PartialDate] | None
    place: Mention[Place] | None
    persons: tuple[Mention[Person], ...] = ()
    legal_refs: tuple[Mention[LegalRef], ...] = ()
    sanctions: tuple[Mention[Sanction], ...] = ()
    types: tuple[Mention[str], ...] = ()
    refs: tuple[int, ...] = ()
    extra_places: tuple[Mention[Place], ...] = field(default=())

    def to_dict(self) -> dict[str, object]:
        """The record in the shape of ``spec/record-format.md``."""
        place = self.place.value if self.place else None
        return {
            "doc": self.doc,
            "n": self.n,
            "date": self.date.value.iso() if self.date else None,
            "place": (
                {
                    "name": place.name,
                    "kind": place.kind,
                    "region": place.region,
                    "country": place.country,
                    "known": place.known,
                }
                if place
                else None
            ),
            "persons": [{"name": m.value.name, "role": m.value.role} for m in self.persons],
            "legal_refs": [
                {"code": m.value.code, "article": m.value.article, "part": m.value.part}
                for m in self.legal_refs
            ],
            "sanctions": [
                {
                    "kind": m.value.kind,
                    "days": m.value.days,
                    "amount_kzt": m.value.amount_kzt,
                    "person": m.value.person,
                    "status": m.value.status,
                }
                for m in self.sanctions
            ],
            "types": _unique(m.value for m in self.types),
            "refs": list(self.refs),
        }


def _unique(values: object) -> list[str]:
    seen: list[str] = []
    for v in values:  # type: ignore[attr-defined]
        if v not in seen:
            seen.append(v)
    return seen
