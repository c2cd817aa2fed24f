"""Figures for ``kuzet stats``: counts by type, region, month and article; assembly
refusals by city and by stated reason; sanction totals.

Every figure says what it counts (``entries``, ``persons``, ``sanctions``, ``days``,
``years``, ``tenge``), because "42 arrests" can mean 42 entries, 42 people or 42
sanctions, and these differ.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from typing import Any

from django.db.models import Count, QuerySet
from django.db.models.functions import TruncMonth

from ..chronicle.errors import DataFileError
from ..chronicle.knowledge import Knowledge, data_path, default_knowledge
from . import models as m
from .search import matching_entries
from .selectors import EntryFilter, filtered_entries

__all__ = [
    "RefusalReasons",
    "SanctionTotal",
    "Stats",
    "Table",
    "compute_stats",
    "load_refusal_reasons",
]

NO_PLACE = "(no place)"
NO_DATE = "(no date)"
REFUSAL_TYPE = "assembly_refusal"
# Only sanctions a court imposed are summed: "requested" is the prosecutor's demand,
# "upheld" repeats an imposed one on appeal, "served" may repeat it again.
COUNTED_STATUS = "imposed"


@dataclass(frozen=True, slots=True)
class Table:
    key: str
    title: str
    unit: str  # what each number counts: entries, persons, sanctions
    rows: tuple[tuple[str, int], ...]

    def to_dict(self) -> dict[str, Any]:
        return {
            "key": self.key,
            "title": self.title,
            "counts": self.unit,
            "rows": [{"label": k, "count": v} for k, v in self.rows],
        }


@dataclass(frozen=True, slots=True)
class SanctionTotal:
    kind: str
    title: str
    sanctions: int  # imposed sanctions of this kind
    persons: int  # distinct persons they were imposed on (sanctions naming a person)
    total: float  # summed size
    unit: str  # days, years, tenge

    def to_dict(self) -> dict[str, Any]:
        return {
            "kind": self.kind,
            "title": self.title,
            "sanctions": self.sanctions,
            "persons": self.persons,
            "total": self.total,
            "total_counts": self.unit,
        }


@dataclass(frozen=True, slots=True)
class Stats:
    entries: int
    tables: tuple[Table, ...]
    sanctions: tuple[SanctionTotal, ...]

    def table(self, key: str) -> Table:
        return next(t for t in self.tables if t.key == key)

    def to_dict(self) -> dict[str, Any]:
        return {
            "entries": self.entries,
            "tables": [t.to_dict() for t in self.tables],
            "sanctions": {
                "counts": f"sanctions with status {COUNTED_STATUS!r}",
                "totals": [s.to_dict() for s in self.sanctions],
            },
        }


@dataclass(frozen=True, slots=True)
class Reason:
    id: str
    label: str
    patterns: tuple[re.Pattern[str], ...]


@dataclass(frozen=True, slots=True)
class RefusalReasons:
    reasons: tuple[Reason, ...]
    none_id: str
    none_label: str

    def classify(self, text: str) -> list[str]:
        """The ids of every reason the text states, or ``[none_id]``."""
        found = [r.id for r in self.reasons if any(p.search(text) for p in r.patterns)]
        return found or [self.none_id]

    def label(self, reason_id: str) -> str:
        if reason_id == self.none_id:
            return self.none_label
        return next(r.label for r in self.reasons if r.id == reason_id)


def load_refusal_reasons(knowledge: Knowledge | None = None) -> RefusalReasons:
    """The reason phrases of the knowledge's language (``lang/<language>/refusals.yaml``)."""
    knowledge = knowledge or default_knowledge()
    # Loaded outside ``compiled``: its lock is not re-entrant, and lang() takes it too.
    data = knowledge.lang("refusals")
    return knowledge.compiled("store:refusal-reasons", lambda: _build_reasons(knowledge, data))


def _build_reasons(knowledge: Knowledge, data: dict[str, Any]) -> RefusalReasons:
    path = data_path("lang", knowledge.language, "refusals.yaml")
    reasons = []
    for i, item in enumerate(data.get("reasons") or []):
        if not isinstance(item, dict) or not item.get("id") or not item.get("patterns"):
            raise DataFileError(path, None, f"reason {i + 1} needs an id and patterns")
        compiled = []
        for p in item["patterns"]:
            try:
                compiled.append(re.compile(str(p), re.IGNORECASE))
            except re.error as exc:
                raise DataFileError(path, None, f"reason {item['id']}: bad pattern {p!r}: {exc}") from None
        reasons.append(Reason(str(item["id"]), str(item.get("label") or item["id"]), tuple(compiled)))
    none = data.get("no_reason") or {}
    return RefusalReasons(tuple(reasons), str(none.get("id", "no_reason")), str(none.get("label", "no reason given")))


def _rows(counter: Counter[str]) -> tuple[tuple[str, int], ...]:
    return tuple(sorted(counter.items(), key=lambda kv: (-kv[1], kv[0])))


def _place_labels(place_ids: set[int]) -> dict[int, tuple[str, str]]:
    """place id → (its name, the region it lies in or its own name when top-level)."""
    out = {}
    for p in m.Place.objects.filter(pk__in=place_ids).select_related("region"):
        out[p.pk] = (p.name, p.region.name if p.region_id else p.name)
    return out


def _by_type(qs: QuerySet[m.Entry]) -> Table:
    rows = (
        m.EntryType.objects.filter(entry__in=qs.values("pk"))
        .values("type_id")
        .annotate(n=Count("entry", distinct=True))
    )
    return Table("type", "Entries by event type", "entries", _rows(Counter({r["type_id"]: r["n"] for r in rows})))


def _by_region(qs: QuerySet[m.Entry]) -> Table:
    per_place = list(qs.order_by().values("place_id").annotate(n=Count("pk")))
    labels = _place_labels({r["place_id"] for r in per_place if r["place_id"]})
    counter: Counter[str] = Counter()
    for r in per_place:
        counter[labels[r["place_id"]][1] if r["place_id"] else NO_PLACE] += r["n"]
    return Table("region", "Entries by region", "entries", _rows(counter))


def _by_month(qs: QuerySet[m.Entry]) -> Table:
    rows = (
        qs.order_by()
        .exclude(date_precision__in=[m.DatePrecision.YEAR, m.DatePrecision.UNKNOWN])
        .annotate(month=TruncMonth("date"))
        .values("month")
        .annotate(n=Count("pk"))
    )
    counter: Counter[str] = Counter({r["month"].strftime("%Y-%m"): r["n"] for r in rows if r["month"]})
    undated = qs.filter(date_precision__in=[m.DatePrecision.YEAR, m.DatePrecision.UNKNOWN]).count()
    ordered = tuple(sorted(counter.items()))
    return Table("month", "Entries by month", "entries", ordered + (((NO_DATE, undated),) if undated else ()))


def _by_article(qs: QuerySet[m.Entry]) -> Table:
    rows = (
        m.LegalRef.objects.filter(entry__in=qs.values("pk"))
        .values("code", "article")
        .annotate(n=Count("entry", distinct=True))
    )
    return Table(
        "article",
        "Entries by article cited",
        "entries",
        _rows(Counter({f"{r['code']} {r['article']}": r["n"] for r in rows})),
    )


def _refusals(qs: QuerySet[m.Entry], reasons: RefusalReasons) -> tuple[Table, Table]:
    refusals = list(
        qs.filter(pk__in=m.EntryType.objects.filter(type_id=REFUSAL_TYPE).values("entry_id"))
        .order_by()
        .values_list("place_id", "text")
    )
    labels = _place_labels({p for p, _ in refusals if p})
    by_city: Counter[str] = Counter(labels[p][0] if p else NO_PLACE for p, _ in refusals)
    by_reason: Counter[str] = Counter()
    for _, text in refusals:
        for reason in reasons.classify(text):
            by_reason[reasons.label(reason)] += 1
    return (
        Table("refusal_city", "Assembly refusals by place", "entries", _rows(by_city)),
        Table(
            "refusal_reason",
            "Assembly refusals by stated reason (an entry may state several)",
            "entries",
            _rows(by_reason),
        ),
    )


_SANCTION_SUMS = (
    # kind, title, field summed, divisor, unit
    ("administrative_arrest", "Administrative arrest", "days", 1, "days"),
    ("imprisonment", "Imprisonment", "days", 365, "years"),
    ("restriction_of_liberty", "Restriction of liberty", "days", 365, "years"),
    ("fine", "Fines", "amount_kzt", 1, "tenge"),
)


def _sanction_totals(qs: QuerySet[m.Entry]) -> tuple[SanctionTotal, ...]:
    sanctions = m.Sanction.objects.filter(entry__in=qs.values("pk"), status=COUNTED_STATUS)
    out = []
    for kind, title, field, divisor, unit in _SANCTION_SUMS:
        rows = list(sanctions.filter(kind=kind).values_list(field, "person_key", "mention__person_id"))
        total = sum(v or 0 for v, _, _ in rows)
        persons = {pid or key for _, key, pid in rows if pid or key}
        out.append(
            SanctionTotal(
                kind=kind,
                title=title,
                sanctions=len(rows),
                persons=len(persons),
                total=round(total / divisor, 1) if divisor != 1 else total,
                unit=unit,
            )
        )
    return tuple(out)


def compute_stats(f: EntryFilter, *, knowledge: Knowledge | None = None) -> Stats:
    """Every figure for the entries matching ``f`` (its text query included)."""
    qs = filtered_entries(f)
    if f.q.strip():
        narrowed = matching_entries(qs, f.q)
        qs = narrowed if narrowed is not None else qs.none()
    refusal_city, refusal_reason = _refusals(qs, load_refusal_reasons(knowledge))
    return Stats(
        entries=qs.count(),
        tables=(
            _by_type(qs),
            _by_region(qs),
            _by_month(qs),
            _by_article(qs),
            refusal_city,
            refusal_reason,
        ),
        sanctions=_sanction_totals(qs),
    )
