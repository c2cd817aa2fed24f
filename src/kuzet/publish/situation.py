"""A person's situation on a given day, from the timeline of entries about them.

Pure: no database. :func:`derive` walks the events (entries naming the person as
subject, with the sanctions given to them) in date order up to the as-of date and
keeps the measures in force:

- a custodial or restrictive sanction (imposed or upheld) is in force from the
  entry's date; where it has a length it ends, expectedly, at date + days;
- a sentence ends pre-trial measures (detention, house arrest) and being charged;
  pre-trial detention and house arrest replace each other;
- a sanction reported as ``served`` ends that measure; an entry of type ``remedy``
  (release, acquittal, charges dropped, pardon) ends every measure before it;
- a detention reported without a court's decision counts as custody for
  :data:`DETENTION_DAYS` days (72 hours, the longest a person may be held without
  a court order); a criminal case, pre-trial restraint or trial means charged;
- a fine stays the latest known outcome until something else happens.

The situation is the most restrictive measure in force: in custody, house arrest,
restricted liberty or probation, charged, fined; otherwise free. "Abroad" comes
only from an editor. :func:`with_override` lays an editor's decision over it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace

__all__ = [
    "DETENTION_DAYS",
    "SITUATIONS",
    "Event",
    "Measure",
    "Override",
    "State",
    "derive",
    "with_override",
]

SITUATIONS = ("in-custody", "house-arrest", "restricted", "charged", "fined", "free", "abroad")
LABELS = {
    "in-custody": "in custody",
    "house-arrest": "under house arrest",
    "restricted": "restricted liberty or probation",
    "charged": "charged",
    "fined": "fined",
    "free": "free",
    "abroad": "abroad",
}
DETENTION_DAYS = 3
GIVEN = ("imposed", "upheld")

_DETAIL = {
    "imprisonment": "imprisonment",
    "pretrial_detention": "pre-trial detention",
    "administrative_arrest": "administrative arrest",
    "house_arrest": "house arrest",
    "restriction_of_liberty": "restriction of liberty",
    "probation": "probation",
    "conditional_sentence": "conditional sentence",
    "fine": "fine",
}
# slot: one measure of each sort can be in force at a time
_SLOT = {
    "imprisonment": "criminal",
    "pretrial_detention": "criminal",
    "administrative_arrest": "administrative",
    "house_arrest": "house",
    "restriction_of_liberty": "restricted",
    "probation": "restricted",
    "conditional_sentence": "restricted",
    "fine": "fined",
}
_SENTENCES = ("imprisonment", "restriction_of_liberty", "probation", "conditional_sentence")
_PRETRIAL = ("pretrial_detention", "house_arrest")
_CHARGING_TYPES = ("criminal_case", "pretrial_restraint", "trial")
# slot → situation, most restrictive first
_ORDER = (
    ("criminal", "in-custody"),
    ("administrative", "in-custody"),
    ("house", "house-arrest"),
    ("restricted", "restricted"),
    ("charged", "charged"),
    ("fined", "fined"),
)


@dataclass(frozen=True, slots=True)
class Measure:
    kind: str
    days: int | None = None
    amount_kzt: int | None = None
    status: str = "imposed"

    def describe(self) -> str:
        words = _DETAIL.get(self.kind, self.kind.replace("_", " "))
        if self.days:
            words += f", {duration(self.days)}"
        if self.amount_kzt:
            words += f", {self.amount_kzt:,} tenge"
        return words


@dataclass(frozen=True, slots=True)
class Event:
    date: dt.date
    ref: str  # where it is told: "2024-03#5"
    types: tuple[str, ...] = ()
    sanctions: tuple[Measure, ...] = ()  # given to this person


@dataclass(frozen=True, slots=True)
class Override:
    status: str  # a situation, or "auto"
    since: dt.date
    detail: str = ""
    until: dt.date | None = None
    note: str = ""


@dataclass(frozen=True, slots=True)
class State:
    status: str
    detail: str
    since: dt.date | None
    until: dt.date | None = None  # expected end
    basis: str | None = None  # the entry it rests on
    measure: Measure | None = None
    source: str = "entries"  # entries | editor | confirmed
    note: str = ""

    @property
    def label(self) -> str:
        text = LABELS.get(self.status, self.status)
        # "fined (fine)" and "under house arrest (house arrest)" say the same thing twice.
        if not self.detail or self.detail in text or self.detail in ("fine", "charged"):
            return text
        return f"{text} ({self.detail})"


def duration(days: int) -> str:
    years, rest = divmod(days, 365)
    months, d = divmod(rest, 30)
    parts = [f"{n} {w}{'s' if n != 1 else ''}" for n, w in ((years, "year"), (months, "month"), (d, "day")) if n]
    return " ".join(parts) or "0 days"


@dataclass(frozen=True, slots=True)
class _InForce:
    detail: str
    since: dt.date
    until: dt.date | None
    basis: str
    measure: Measure | None


class _Timeline:
    def __init__(self) -> None:
        self.slots: dict[str, _InForce] = {}
        self.last_end: dt.date | None = None

    def end(self, slot: str, day: dt.date) -> None:
        if self.slots.pop(slot, None) is not None:
            self.last_end = day

    def expire(self, day: dt.date) -> None:
        for slot, m in list(self.slots.items()):
            if m.until is not None and m.until <= day:
                del self.slots[slot]
                self.last_end = max(self.last_end or m.until, m.until)

    def put(self, slot: str, value: _InForce) -> None:
        old = self.slots.get(slot)
        # The same sanction told again (an appeal upheld it, a later entry recalls it)
        # keeps the date it began.
        if old and old.measure and value.measure and (old.measure.kind, old.measure.days) == (
            value.measure.kind, value.measure.days
        ):
            return
        self.slots[slot] = value

    def sanction(self, s: Measure, ev: Event) -> None:
        slot = _SLOT.get(s.kind)
        if s.status == "served":
            if slot:
                self.end(slot, ev.date)
            return
        if s.status == "requested":
            if s.kind in _SENTENCES or s.kind in _PRETRIAL:
                self.charged(ev)
            return
        if s.status not in GIVEN or slot is None:
            return
        until = ev.date + dt.timedelta(days=s.days) if s.days and s.kind != "fine" else None
        if s.kind in _SENTENCES:
            for ended in ("house", "charged"):
                self.end(ended, ev.date)
            current = self.slots.get("criminal")
            if current and current.measure and current.measure.kind == "pretrial_detention":
                self.end("criminal", ev.date)
        elif s.kind == "pretrial_detention":
            self.end("house", ev.date)
            self.charged(ev)
        elif s.kind == "house_arrest":
            current = self.slots.get("criminal")
            if current and current.measure and current.measure.kind == "pretrial_detention":
                self.end("criminal", ev.date)
            self.charged(ev)
        self.put(slot, _InForce(_DETAIL[s.kind], ev.date, until, ev.ref, s))

    def charged(self, ev: Event) -> None:
        if "charged" not in self.slots:
            self.slots["charged"] = _InForce("charged", ev.date, None, ev.ref, None)

    def event(self, ev: Event) -> None:
        if "remedy" in ev.types:
            for slot in ("criminal", "administrative", "house", "restricted", "charged"):
                self.end(slot, ev.date)
        for s in ev.sanctions:
            self.sanction(s, ev)
        custodial = any(s.kind in _SLOT and s.kind != "fine" for s in ev.sanctions)
        if "detention" in ev.types and not custodial and "administrative" not in self.slots:
            until = ev.date + dt.timedelta(days=DETENTION_DAYS)
            self.slots["administrative"] = _InForce("detained", ev.date, until, ev.ref, None)
        sentenced = any(s.kind in _SENTENCES and s.status in GIVEN for s in ev.sanctions)
        if not sentenced and "remedy" not in ev.types and any(t in _CHARGING_TYPES for t in ev.types):
            self.charged(ev)


def derive(events: Iterable[Event], as_of: dt.date) -> State:
    """The situation on ``as_of`` from the events up to that day."""
    timeline = _Timeline()
    for ev in sorted((e for e in events if e.date <= as_of), key=lambda e: e.date):
        timeline.expire(ev.date)
        timeline.event(ev)
    timeline.expire(as_of)
    for slot, status in _ORDER:
        m = timeline.slots.get(slot)
        if m is not None:
            return State(status, m.detail, m.since, m.until, m.basis, m.measure)
    return State("free", "", timeline.last_end)


def with_override(
    derived: State, overrides: Sequence[Override], events: Sequence[Event], as_of: dt.date
) -> State:
    """An editor's latest decision in force on ``as_of``, unless an entry tells of something newer.

    ``auto`` hands the decision back to the entries; a decision whose ``until``
    has passed no longer holds.
    """
    current = [o for o in overrides if o.since <= as_of]
    if not current:
        return derived
    o = current[-1]
    if o.status == "auto" or (o.until is not None and o.until <= as_of):
        return derived
    newer = [e for e in events if o.since < e.date <= as_of]
    if newer:
        last = max(newer, key=lambda e: e.date)
        return replace(derived, note=f"the editor's '{o.status}' of {o.since} predates entry {last.ref}")
    source = "confirmed" if o.status == derived.status else "editor"
    if source == "confirmed":
        return replace(derived, source=source, note=o.note)
    return State(o.status, o.detail, o.since, o.until, None, None, source, o.note)
