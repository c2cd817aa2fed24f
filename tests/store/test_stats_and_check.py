"""``kuzet stats`` figures and ``kuzet check`` findings on a small fictional month."""

from __future__ import annotations

import dataclasses

import pytest
from store_builders import MARCH, MARCH_REFERENCES, Spec, document, march

from kuzet.store import services
from kuzet.store.checks import check_entries, mci_values
from kuzet.store.selectors import EntryFilter
from kuzet.store.stats import compute_stats, load_refusal_reasons

pytestmark = pytest.mark.db


@pytest.fixture
def stored(db: None) -> None:
    doc, records = march()
    services.ingest_document(doc, records=records)


def _rows(stats: object, key: str) -> dict[str, int]:
    return dict(stats.table(key).rows)  # type: ignore[attr-defined]


def test_counts_by_type_region_month_and_article(stored: None) -> None:
    stats = compute_stats(EntryFilter())
    assert stats.entries == 8
    assert _rows(stats, "type")["administrative_arrest"] == 2
    assert _rows(stats, "type")["criminal_sentence"] == 2
    assert _rows(stats, "region") == {
        "Almaty Region": 2,  # Kaskelen, twice
        "Almaty": 2,
        "Zhetysu Region": 2,
        "Astana": 1,
        "West Kazakhstan Region": 1,
    }
    assert _rows(stats, "month") == {"2023-03": 8}
    assert _rows(stats, "article") == {"CAO 488": 1, "CC 174": 1, "CC 999": 1}
    assert all(t.unit == "entries" for t in stats.tables)


def test_an_entry_with_two_mentions_of_a_type_counts_once(db: None) -> None:
    spec = dataclasses.replace(MARCH[0], types=["detention", "detention"])
    doc, records = document([spec], references=MARCH_REFERENCES)
    services.ingest_document(doc, records=records)
    assert _rows(compute_stats(EntryFilter()), "type") == {"detention": 1}


def test_assembly_refusals_by_place_and_stated_reason(stored: None) -> None:
    stats = compute_stats(EntryFilter())
    assert _rows(stats, "refusal_city") == {"Taldykorgan": 2}
    reasons = load_refusal_reasons()
    assert _rows(stats, "refusal_reason") == {
        reasons.label("works"): 1,
        reasons.label("other_event"): 1,
    }


REASONS = [
    ("the akimat said the square was under repair", ["works"]),
    ("refused, as a concert and other events were scheduled there", ["other_event"]),
    ("the square is not a place designated for assemblies", ["not_designated"]),
    ("the mayor's office refused without explanation", ["no_reason"]),
    ("the application was filed too late and the park is being renovated", ["works", "procedure"]),
    ("Grounds given: previously agreed sports and entertainment events.", ["other_event"]),
    ("The akimat cited repair work on the embankment.", ["works"]),
    ("Grounds: the notice contained incomplete details.", ["procedure"]),
    ("The reply spoke of a threat to public order.", ["security"]),
    ("A refusal: the event is outside the special places for rallies.", ["not_designated"]),
]


@pytest.mark.parametrize(("text", "expected"), REASONS)
def test_refusal_reasons_are_classified_from_the_words(text: str, expected: list[str]) -> None:
    assert sorted(load_refusal_reasons().classify(text)) == sorted(expected), text


def test_sanction_totals_say_what_they_count(stored: None) -> None:
    totals = {s.kind: s for s in compute_stats(EntryFilter()).sanctions}
    arrest = totals["administrative_arrest"]
    assert (arrest.sanctions, arrest.persons, arrest.total, arrest.unit) == (2, 1, 25, "days")
    prison = totals["imprisonment"]
    assert (prison.sanctions, prison.total, prison.unit) == (1, 5.0, "years")
    fines = totals["fine"]
    assert (fines.sanctions, fines.persons, fines.total, fines.unit) == (2, 2, 134500, "tenge")


def test_requested_sanctions_are_not_added_to_imposed_ones(db: None) -> None:
    spec = Spec(
        "March 21, Aktobe, the prosecutor asked for 7 years for Yerlan Sadykov; the court gave 4 years.",
        date="2023-03-21",
        persons=[("Yerlan Sadykov", "Sadykov Y.", "subject")],
        sanctions=[
            ("7 years", "imprisonment", 2555, None, "Sadykov Y.", "requested"),
            ("4 years", "imprisonment", 1460, None, "Sadykov Y.", "imposed"),
        ],
    )
    doc, records = document([spec])
    services.ingest_document(doc, records=records)
    prison = next(s for s in compute_stats(EntryFilter()).sanctions if s.kind == "imprisonment")
    assert (prison.sanctions, prison.total) == (1, 4.0)


def test_stats_follow_the_filters(stored: None) -> None:
    stats = compute_stats(EntryFilter(place="Almaty Region"))
    assert stats.entries == 2
    assert _rows(stats, "type") == {"detention": 1, "administrative_fine": 1, "protest": 1}
    assert compute_stats(EntryFilter(q="picket")).entries == 3


def _codes(issues: list) -> list[str]:  # type: ignore[type-arg]
    return sorted(i.code for i in issues)


def test_check_finds_the_contradictions_in_the_fictional_month(stored: None) -> None:
    issues = check_entries(EntryFilter())
    assert _codes(issues) == ["conflicting-sanction", "fine-not-mci-multiple", "unknown-article"]
    conflict = next(i for i in issues if i.code == "conflicting-sanction")
    assert conflict.entries == ("2023-03#2", "2023-03#3")
    assert "10 days" in conflict.message and "15 days" in conflict.message
    assert "Zhaksybekov T." in conflict.message
    fine = next(i for i in issues if i.code == "fine-not-mci-multiple")
    assert fine.entries == ("2023-03#6",) and "3,450" in fine.message


def test_the_same_sanction_twice_is_no_contradiction(db: None) -> None:
    same = dataclasses.replace(
        MARCH[2], text=MARCH[2].text.replace("15 days", "10 days"),
        sanctions=[("10 days", "administrative_arrest", 10, None, "Zhaksybekov T.", "imposed")],
    )
    doc, records = document([MARCH[1], same], references=MARCH_REFERENCES)
    services.ingest_document(doc, records=records)
    assert check_entries(EntryFilter()) == []


def test_sanctions_far_apart_are_separate_events(db: None) -> None:
    later = dataclasses.replace(MARCH[2], text=MARCH[2].text.replace("March 4", "March 30"), date="2023-03-30")
    doc, records = document([MARCH[1], later], references=MARCH_REFERENCES)
    services.ingest_document(doc, records=records)
    assert check_entries(EntryFilter()) == []


def test_fines_above_the_articles_maximum(db: None) -> None:
    from kuzet.chronicle.knowledge import default_knowledge

    table = default_knowledge().articles
    top = table.max_fine_mci("CAO", "488")
    if top is None:
        pytest.skip("the article table has no fine limit for CAO 488")
    amount = (top + 10) * 3450
    spec = Spec(
        f"March 22, Atyrau, Bolat Yesenov was fined {amount} tenge under Article 488 of the CAO.",
        date="2023-03-22",
        persons=[("Bolat Yesenov", "Yesenov B.", "subject")],
        law=[("Article 488", "CAO", "488", None)],
        sanctions=[(f"fined {amount} tenge", "fine", None, amount, "Yesenov B.", "imposed")],
    )
    doc, records = document([spec])
    services.ingest_document(doc, records=records)
    assert _codes(check_entries(EntryFilter())) == ["fine-above-maximum"]


def test_the_mci_table_loads_and_is_plausible() -> None:
    table = mci_values()
    assert table[2023] == (3450,)
    assert all(1000 < v < 10000 for values in table.values() for v in values)
