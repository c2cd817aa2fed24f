"""A person's situation on a day, from their timeline (pure)."""

from __future__ import annotations

import datetime as dt

import pytest

from kuzet.publish.situation import Event, Measure, Override, State, derive, with_override

D = dt.date


def ev(day: str, *types: str, sanctions: tuple[Measure, ...] = (), ref: str = "") -> Event:
    return Event(D.fromisoformat(day), ref or f"doc#{day}", tuple(types), sanctions)


ARREST_15 = Measure("administrative_arrest", 15)
PRETRIAL = Measure("pretrial_detention", 60)
PRISON_3Y = Measure("imprisonment", 1095)
RESTRICTION_2Y = Measure("restriction_of_liberty", 730)
FINE = Measure("fine", None, 36920)

# (name, events, as of, expected (status, detail, since, expected end))
EXAMPLES = [
    ("administrative arrest runs its days",
     [ev("2024-03-01", "administrative_arrest", sanctions=(ARREST_15,))], "2024-03-10",
     ("in-custody", "administrative arrest", "2024-03-01", "2024-03-16")),
    ("and then the person is free",
     [ev("2024-03-01", "administrative_arrest", sanctions=(ARREST_15,))], "2024-03-20",
     ("free", "", "2024-03-16", None)),
    ("imprisonment gives an expected end: date plus days",
     [ev("2024-03-12", "criminal_sentence", sanctions=(PRISON_3Y,))], "2025-01-01",
     ("in-custody", "imprisonment", "2024-03-12", "2027-03-12")),
    ("a sentence of restricted liberty ends pre-trial detention",
     [ev("2024-01-05", "pretrial_restraint", sanctions=(PRETRIAL,)),
      ev("2024-02-20", "criminal_sentence", sanctions=(RESTRICTION_2Y,))], "2024-03-01",
     ("restricted", "restriction of liberty", "2024-02-20", "2026-02-19")),
    ("pre-trial detention without a length lasts until something else is told",
     [ev("2024-01-05", "pretrial_restraint", sanctions=(Measure("pretrial_detention"),))], "2024-09-01",
     ("in-custody", "pre-trial detention", "2024-01-05", None)),
    ("house arrest replaces pre-trial detention",
     [ev("2024-01-05", sanctions=(PRETRIAL,)), ev("2024-01-20", sanctions=(Measure("house_arrest", 60),))],
     "2024-02-01", ("house-arrest", "house arrest", "2024-01-20", "2024-03-20")),
    ("when pre-trial detention ends without a verdict, the person is still charged",
     [ev("2024-01-05", "criminal_case", sanctions=(PRETRIAL,))], "2024-04-01",
     ("charged", "charged", "2024-01-05", None)),
    ("a sanction reported as served ends the measure",
     [ev("2024-01-05", sanctions=(PRISON_3Y,)), ev("2024-06-01", sanctions=(Measure("imprisonment", 1095, None, "served"),))],
     "2024-07-01", ("free", "", "2024-06-01", None)),
    ("a release ends custody",
     [ev("2024-01-05", sanctions=(PRISON_3Y,)), ev("2024-05-09", "remedy")], "2024-05-10",
     ("free", "", "2024-05-09", None)),
    ("a detention alone is custody for three days",
     [ev("2024-04-02", "detention")], "2024-04-04",
     ("in-custody", "detained", "2024-04-02", "2024-04-05")),
    ("then free",
     [ev("2024-04-02", "detention")], "2024-04-06", ("free", "", "2024-04-05", None)),
    ("a fine stays the latest outcome",
     [ev("2024-03-05", "administrative_fine", sanctions=(FINE,))], "2025-03-05",
     ("fined", "fine", "2024-03-05", None)),
    ("an appeal upholding the same sentence keeps the day it began",
     [ev("2024-01-10", sanctions=(PRISON_3Y,)), ev("2024-04-02", "appeal", sanctions=(Measure("imprisonment", 1095, None, "upheld"),))],
     "2024-05-01", ("in-custody", "imprisonment", "2024-01-10", "2027-01-09")),  # 2024 is a leap year
    ("a prosecutor's demand means charged, not sentenced",
     [ev("2024-02-01", "trial", sanctions=(Measure("imprisonment", 2555, None, "requested"),))], "2024-02-02",
     ("charged", "charged", "2024-02-01", None)),
    ("events after the as-of date do not count",
     [ev("2024-03-01", "detention"), ev("2024-05-01", sanctions=(PRISON_3Y,))], "2024-03-02",
     ("in-custody", "detained", "2024-03-01", "2024-03-04")),
    ("nobody is in custody before anything happened",
     [ev("2024-05-01", sanctions=(PRISON_3Y,))], "2024-04-01", ("free", "", None, None)),
]


@pytest.mark.parametrize(("name", "events", "as_of", "expected"), EXAMPLES, ids=[e[0] for e in EXAMPLES])
def test_the_situation_follows_the_timeline(
    name: str, events: list[Event], as_of: str, expected: tuple[str, str, str | None, str | None]
) -> None:
    state = derive(events, D.fromisoformat(as_of))
    got = (state.status, state.detail, state.since and state.since.isoformat(), state.until and state.until.isoformat())
    assert got == expected, f"{name}: {events}"


def test_the_situation_names_the_entry_it_rests_on() -> None:
    state = derive([ev("2024-03-12", sanctions=(PRISON_3Y,), ref="2024-03#19")], D(2024, 4, 1))
    assert state.basis == "2024-03#19" and state.measure == PRISON_3Y


TIMELINE = [ev("2024-03-01", "administrative_arrest", sanctions=(ARREST_15,))]


def test_an_editor_can_set_a_situation_the_entries_cannot_know() -> None:
    derived = derive(TIMELINE, D(2024, 6, 1))
    state = with_override(derived, [Override("abroad", D(2024, 5, 1), "left for Georgia")], TIMELINE, D(2024, 6, 1))
    assert (state.status, state.source, state.detail) == ("abroad", "editor", "left for Georgia")


def test_a_later_entry_takes_precedence_over_an_older_decision() -> None:
    events = TIMELINE + [ev("2024-07-01", "detention", ref="2024-07#3")]
    derived = derive(events, D(2024, 7, 2))
    state = with_override(derived, [Override("abroad", D(2024, 5, 1))], events, D(2024, 7, 2))
    assert state.status == "in-custody" and state.source == "entries"
    assert "2024-07#3" in state.note


def test_confirming_the_derived_situation_marks_it_confirmed() -> None:
    derived = derive(TIMELINE, D(2024, 3, 5))
    state = with_override(derived, [Override("in-custody", D(2024, 3, 2), note="lawyer")], TIMELINE, D(2024, 3, 5))
    assert state == State(derived.status, derived.detail, derived.since, derived.until, derived.basis,
                          derived.measure, "confirmed", "lawyer")


def test_auto_hands_the_decision_back_and_a_future_decision_is_not_yet_in_force() -> None:
    derived = derive(TIMELINE, D(2024, 6, 1))
    overrides = [Override("abroad", D(2024, 4, 1)), Override("auto", D(2024, 5, 1))]
    assert with_override(derived, overrides, TIMELINE, D(2024, 6, 1)) == derived
    assert with_override(derived, [Override("abroad", D(2024, 7, 1))], TIMELINE, D(2024, 6, 1)) == derived
