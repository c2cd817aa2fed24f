"""``kuzet check``: contradictions and implausible values across stored entries.

Each check returns :class:`Issue` values that point at the entries to look at:

- ``conflicting-sanction``: the same person, the same kind of sanction, entries close
  in time (``NEIGHBOUR_DAYS``), different sizes (10 days of arrest here, 15 there);
- ``fine-not-mci-multiple``: a fine in tenge that is not a whole number of the year's
  monthly calculation index (``store/data/mci.yaml``);
- ``fine-above-maximum`` / ``arrest-above-maximum`` / ``term-above-maximum``: more than
  the article cited in the same entry allows (``ArticleTable``);
- ``unknown-article``: an article the code table does not have.

These are questions for an editor, not verdicts: a chronicle may be right where the
table is incomplete.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from itertools import pairwise
from typing import Any

from django.db.models import QuerySet

from ..chronicle.articles import ArticleTable
from ..chronicle.errors import DataFileError
from ..chronicle.knowledge import Knowledge, default_knowledge, load_yaml
from . import models as m
from .selectors import EntryFilter, filtered_entries

__all__ = ["NEIGHBOUR_DAYS", "Issue", "check_entries", "mci_values"]

NEIGHBOUR_DAYS = 14  # two reports of one sanction are rarely further apart than this
_MCI_FILE = "mci.yaml"


@dataclass(frozen=True, slots=True)
class Issue:
    code: str
    message: str
    entries: tuple[str, ...]  # "2023-03#2": document key and entry number
    entry_ids: tuple[int, ...]

    def to_dict(self) -> dict[str, Any]:
        return {
            "code": self.code,
            "message": self.message,
            "entries": list(self.entries),
            "entry_ids": list(self.entry_ids),
        }


@cache
def mci_values() -> dict[int, tuple[int, ...]]:
    """Year → the MCI values in force that year (tenge)."""
    from importlib import resources
    from pathlib import Path

    path = Path(str(resources.files("kuzet.store") / "data" / _MCI_FILE))
    data = load_yaml(path)
    if not isinstance(data, dict):
        raise DataFileError(path, 1, "expected a mapping of year: [values]")
    out = {}
    for year, values in data.items():
        if not isinstance(year, int) or not isinstance(values, list) or not all(
            isinstance(v, int) and v > 0 for v in values
        ):
            raise DataFileError(path, None, f"{year}: expected a year and a list of whole numbers")
        out[year] = tuple(values)
    return out


@dataclass(frozen=True, slots=True)
class _S:
    """A sanction with what the checks need of its entry."""

    entry_id: int
    label: str
    date: dt.date | None
    year: int | None
    kind: str
    days: int | None
    amount: int | None
    status: str
    person: str  # person id or key


def _label(entry: m.Entry) -> str:
    return f"{entry.document.key}#{entry.n}"


def _year(entry: m.Entry) -> int | None:
    if entry.date is not None:
        return entry.date.year
    period = entry.document.period
    return int(period[:4]) if period else None


def _sanctions(qs: QuerySet[m.Entry]) -> list[_S]:
    rows = m.Sanction.objects.filter(entry__in=qs.values("pk")).select_related(
        "entry__document", "mention"
    )
    return [
        _S(
            entry_id=s.entry_id,
            label=_label(s.entry),
            date=s.entry.date,
            year=_year(s.entry),
            kind=s.kind,
            days=s.days,
            amount=s.amount_kzt,
            status=s.status,
            person=(f"#{s.mention.person_id}" if s.mention and s.mention.person_id else s.person_key),
        )
        for s in rows
    ]


def _conflicts(sanctions: list[_S]) -> Iterator[Issue]:
    groups: dict[tuple[str, str], list[_S]] = defaultdict(list)
    for s in sanctions:
        if s.person and s.status in ("imposed", "upheld"):
            groups[(s.person, s.kind)].append(s)
    for (person, kind), items in groups.items():
        items.sort(key=lambda s: (s.date or dt.date.min, s.entry_id))
        for a, b in pairwise(items):
            if a.entry_id == b.entry_id or a.date is None or b.date is None:
                continue
            if (b.date - a.date).days > NEIGHBOUR_DAYS:
                continue
            size_a, size_b = (a.days, b.days) if a.days or b.days else (a.amount, b.amount)
            if size_a is None or size_b is None or size_a == size_b:
                continue
            unit = "days" if a.days or b.days else "tenge"
            who = person if not person.startswith("#") else _person_name(person)
            yield Issue(
                "conflicting-sanction",
                f"{who}: {kind.replace('_', ' ')} of {size_a} {unit} in {a.label} "
                f"but {size_b} {unit} in {b.label}",
                (a.label, b.label),
                (a.entry_id, b.entry_id),
            )


def _person_name(ref: str) -> str:
    person = m.Person.objects.filter(pk=int(ref[1:])).first()
    return person.name if person else ref


def _fines(sanctions: list[_S]) -> Iterator[Issue]:
    mci = mci_values()
    for s in sanctions:
        if s.kind != "fine" or not s.amount or s.year not in mci:
            continue
        if not any(s.amount % v == 0 for v in mci[s.year]):
            values = " or ".join(f"{v:,}" for v in mci[s.year])
            yield Issue(
                "fine-not-mci-multiple",
                f"fine of {s.amount:,} tenge in {s.label} is not a whole number of the "
                f"{s.year} MCI ({values} tenge)",
                (s.label,),
                (s.entry_id,),
            )


def _limits(qs: QuerySet[m.Entry], sanctions: list[_S], table: ArticleTable) -> Iterator[Issue]:
    refs: dict[int, list[m.LegalRef]] = defaultdict(list)
    for r in m.LegalRef.objects.filter(entry__in=qs.values("pk")):
        refs[r.entry_id].append(r)
    mci = mci_values()
    for s in sanctions:
        cited = refs.get(s.entry_id, [])
        if not cited:
            continue
        if s.kind == "fine" and s.amount and s.year in mci:
            limits = [table.max_fine_mci(r.code, r.article, r.part or None) for r in cited]
            if all(limits):
                top = max(limits) * max(mci[s.year])  # type: ignore[type-var, operator]
                if s.amount > top:
                    yield Issue(
                        "fine-above-maximum",
                        f"fine of {s.amount:,} tenge in {s.label} is above the most the cited "
                        f"article allows ({max(limits)} MCI = {top:,} tenge)",  # type: ignore[type-var]
                        (s.label,),
                        (s.entry_id,),
                    )
        elif s.kind == "administrative_arrest" and s.days:
            limits = [table.max_arrest_days(r.code, r.article, r.part or None) for r in cited]
            if all(limits) and s.days > max(limits):  # type: ignore[type-var]
                yield Issue(
                    "arrest-above-maximum",
                    f"{s.days} days of arrest in {s.label}: the cited article allows at most "
                    f"{max(limits)} days",  # type: ignore[type-var]
                    (s.label,),
                    (s.entry_id,),
                )
        elif s.kind in ("imprisonment", "restriction_of_liberty") and s.days:
            limits = [table.max_term_years(r.code, r.article, r.part or None) for r in cited]
            if all(limits) and s.days > max(limits) * 365 + 31:  # type: ignore[type-var, operator]
                yield Issue(
                    "term-above-maximum",
                    f"{s.kind.replace('_', ' ')} of {s.days / 365:.1f} years in {s.label}: the "
                    f"cited article allows at most {max(limits)} years",  # type: ignore[type-var]
                    (s.label,),
                    (s.entry_id,),
                )


def _unknown_articles(qs: QuerySet[m.Entry], table: ArticleTable) -> Iterator[Issue]:
    rows = (
        m.LegalRef.objects.filter(entry__in=qs.values("pk"))
        .exclude(code="OTHER")
        .select_related("entry__document")
        .order_by("entry__document__key", "entry__n")
    )
    for r in rows:
        if not table.exists(r.code, r.article):
            yield Issue(
                "unknown-article",
                f"{r.code} article {r.article} in {_label(r.entry)} is not in the code table",
                (_label(r.entry),),
                (r.entry_id,),
            )


def check_entries(f: EntryFilter, *, knowledge: Knowledge | None = None) -> list[Issue]:
    """Every issue among the entries matching ``f`` (text query ignored)."""
    knowledge = knowledge or default_knowledge()
    qs = filtered_entries(f)
    sanctions = _sanctions(qs)
    table = knowledge.articles
    issues = [
        *_conflicts(sanctions),
        *_fines(sanctions),
        *_limits(qs, sanctions, table),
        *_unknown_articles(qs, table),
    ]
    return issues
