"""Dates: every form chronicles use, the lead date first, years from the period.

Every entry here is invented (fictional people, our own wording). Tables in the
price-parser style: EXAMPLES (the lead date), ALL_DATES (every date, in the
order returned), NO_MATCH (no date), XFAIL (known misses, with the reason).
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from kuzet.chronicle.extract import dates
from kuzet.chronicle.extract.context import Context
from kuzet.chronicle.knowledge import Knowledge, data_path, load_yaml
from kuzet.chronicle.model import PartialDate, Period

JUNE = Period(2023, 6)

# (text, period, the lead date as ISO)
EXAMPLES: list[tuple[str, Period, str]] = [
    ("June 1, Taraz, Kemelov A. was fined for a post.", JUNE, "2023-06-01"),
    ("8 June, Aktau, the court refused to hear Orynbasarova M.", JUNE, "2023-06-08"),
    ("On June 8, Kostanay, a picket by Dosova G. was dispersed.", JUNE, "2023-06-08"),
    ("On 22 June, in Shymkent, police detained Aldabergenov E.", JUNE, "2023-06-22"),
    (
        "On 1 June 2021, Aktobe, a blogger was sentenced; the appeal came only now.",
        JUNE,
        "2021-06-01",
    ),
    ("Almaty, December 1, the court heard the case of Sadykova Z.", Period(2023, 12), "2023-12-01"),
    ("May 1, 2024, Semey, the akimat refused a rally.", Period(2024, 5), "2024-05-01"),
    ("June 1st, Oral, a journalist was summoned to the police.", JUNE, "2023-06-01"),
    ("1-2 June, Astana, two days of hearings in the case of Bekova L.", JUNE, "2023-06-01"),
    ("1–2 June, Astana, hearings continued.", JUNE, "2023-06-01"),
    ("Jun. 3, Atyrau, Nurmaganbetov S. started a hunger strike.", JUNE, "2023-06-03"),
    ("Sept. 14, Kokshetau, an activist was warned.", Period(2023, 9), "2023-09-14"),
    ("01.06.2023, Taldykorgan, the court fined Ermekova A.", JUNE, "2023-06-01"),
    ("1.06.2023, Taldykorgan, the court fined Ermekova A.", JUNE, "2023-06-01"),
    ("01/06/2023, Ekibastuz, a worker was dismissed.", JUNE, "2023-06-01"),
    ("2023-06-04, Rudny, miners went on strike.", JUNE, "2023-06-04"),
    ("June 8, 2023, Astana, the day of the announced rally.", JUNE, "2023-06-08"),
    ("the 5th of June, Turkistan, a poet was questioned.", JUNE, "2023-06-05"),
    ("Monday, June 5, Kyzylorda, the trial began.", JUNE, "2023-06-05"),
    ("JUNE 3, Aksay, workers protested.", JUNE, "2023-06-03"),
    ("Almaty region, Esik town, June 9, Sultanova D. was detained.", JUNE, "2023-06-09"),
    # the opening slot wins over earlier-looking background dates later on
    ("June 12, Almaty, Serikov B., detained on May 30, was released.", JUNE, "2023-06-12"),
    # no opening date: the first full date inside the period leads
    (
        "The appeal court, which met on April 29, 2022, upheld on June 14 the verdict.",
        JUNE,
        "2023-06-14",
    ),
    # year rollover: a January chronicle's December is the previous year
    ("December 30, Astana, a rally was dispersed.", Period(2024, 1), "2023-12-30"),
    ("January 3, Astana, the court met again.", Period(2023, 12), "2024-01-03"),
    # Russian and Kazakh month names, through the en pack's `also`
    ("1 июня, Алматы, активист задержан.", JUNE, "2023-06-01"),
    ("2023 жылғы 2 маусым, Астана.", JUNE, "2023-06-02"),
    ("3 июня 2023 года в Алматы.", JUNE, "2023-06-03"),
]

# (text, period, every date returned, as (year, month, day))
ALL_DATES: list[tuple[str, Period, list[tuple[int | None, int | None, int | None]]]] = [
    (
        "June 6, Oral, the akimat refused rallies on June 8 and 9, 2023.",
        JUNE,
        [(2023, 6, 6), (2023, 6, 8), (2023, 6, 9)],
    ),
    (
        "June 20, Astana, hearings ran from May 25 to June 1, 2023.",
        JUNE,
        [(2023, 6, 20), (2023, 5, 25), (2023, 6, 1)],
    ),
    (
        "June 21, Almaty, a book written in May 2021 was banned.",
        JUNE,
        [(2023, 6, 21), (2021, 5, None)],
    ),
    ("June 22, Astana, arrest until 13 July.", JUNE, [(2023, 6, 22), (2023, 7, 13)]),
    ("Article 405, Part 2 June 2023 hearing", JUNE, [(2023, 6, 2)]),
    # without a period the year stays unknown: never today's year
    ("June 9, Aktobe, a picket.", None, [(None, 6, 9)]),  # type: ignore[list-item]
]

NO_MATCH: list[str] = [
    "Article 405 of the Criminal Code, Part 1/2.",
    "He was sentenced to 25 days of arrest.",
    "In June the court heard nothing new.",
    "The police may 5 times refuse a notification.",
    "a march 8 kilometres long",
    "June 31, Astana, an impossible day.",
    "February 30, Astana, another impossible day.",
    "Case No. 12.5 was opened; 1.5 years of restriction of liberty.",
    "The fine was 172500 tenge; 37-year-old Kemelov A. paid it.",
    "Room 14, building 3, 15:00.",
]

XFAIL: list[tuple[str, Period, str, str]] = [
    (
        "June 5, 2000 people gathered in Almaty.",
        JUNE,
        "2023-06-05",
        "a four-digit number after the day is read as the year",
    ),
    (
        "Friday the 2nd, Astana, a picket.",
        JUNE,
        "2023-06-02",
        "a day without a month is not a date",
    ),
]


def _ctx(period: Period | None) -> Context:
    return Context.default(period)


@pytest.mark.parametrize(("text", "period", "iso"), EXAMPLES)
def test_lead_date(text: str, period: Period, iso: str) -> None:
    found = dates.extract(text, context=_ctx(period))
    assert found, f"no date in {text!r}"
    assert found[0].value.iso() == iso, f"{text!r}: lead {found[0]}"


@pytest.mark.parametrize(("text", "period", "expected"), ALL_DATES)
def test_all_dates(text: str, period: Period | None, expected: list[tuple[int, int, int]]) -> None:
    found = dates.extract(text, context=_ctx(period))
    got = [(m.value.year, m.value.month, m.value.day) for m in found]
    assert got == expected, f"{text!r}: {found}"


@pytest.mark.parametrize("text", NO_MATCH)
def test_no_match(text: str) -> None:
    assert dates.extract(text, context=_ctx(JUNE)) == [], text


@pytest.mark.parametrize(("text", "period", "iso", "reason"), XFAIL)
def test_known_misses(text: str, period: Period, iso: str, reason: str) -> None:
    found = dates.extract(text, context=_ctx(period))
    if found and found[0].value.iso() == iso:
        pytest.fail(f"now passes, move it to EXAMPLES: {text!r}")
    pytest.xfail(reason)


@pytest.mark.parametrize(("text", "period", "iso"), EXAMPLES)
def test_mentions_point_at_their_words(text: str, period: Period, iso: str) -> None:
    for m in dates.extract(text, context=_ctx(period)):
        assert text[m.start : m.end] == m.text, f"{text!r}: {m}"


@pytest.mark.parametrize(
    ("month", "period", "year"),
    [
        (6, Period(2023, 6), 2023),
        (12, Period(2024, 1), 2023),  # December in a January chronicle: last year
        (1, Period(2023, 12), 2024),  # January in a December chronicle: next year
        (7, Period(2023, 1), 2023),  # six months apart stays in the year
        (8, Period(2023, 1), 2022),
        (5, None, None),
    ],
)
def test_resolve_year_takes_the_year_nearest_the_period(
    month: int, period: Period | None, year: int | None
) -> None:
    assert dates.resolve_year(month, period) == year


def test_a_written_year_is_kept_whatever_the_period() -> None:
    found = dates.extract("On 3 March 2019, Astana, a rally.", context=_ctx(JUNE))
    assert found[0].value == PartialDate(2019, 3, 3)


def test_month_names_must_be_capitalised_in_english_only() -> None:
    assert dates.extract("they may 3 times appeal", context=_ctx(JUNE)) == []
    assert dates.extract("the june 3 session", context=_ctx(JUNE)) == []
    assert dates.extract("3 июня", context=_ctx(JUNE))[0].value == PartialDate(2023, 6, 3)


def test_language_data_lists_strings_only() -> None:
    # YAML reads a bare `on` or `no` as a boolean; every listed word must stay a word
    for language in ("en", "ru", "kk"):
        data = load_yaml(data_path("lang", language, "dates.yaml"))
        assert set(data["months"]) == set(range(1, 13)), language
        for key, value in data.items():
            items = value.values() if isinstance(value, dict) else [value]
            for item in items:
                if isinstance(item, list):
                    assert all(isinstance(w, str) for w in item), (
                        f"{language}/dates.yaml {key}: {item}"
                    )


def test_a_russian_knowledge_set_reads_russian_dates(tmp_path: Path) -> None:
    ctx = Context(knowledge=Knowledge(language="ru"), period=JUNE)
    found = dates.extract("12 июня 2023 года, Алматы", context=ctx)
    assert found[0].value == PartialDate(2023, 6, 12)


SEED = Path(__file__).resolve().parents[3] / "shared"


def test_seed_lead_dates_match_the_gold() -> None:
    seed = SEED / "seeds" / "000_9ae157a45882d29c.txt"
    gold = SEED / "gold" / "2023-06.jsonl"
    if not seed.exists() or not gold.exists():
        pytest.skip("../shared is not here")
    lines = seed.read_text(encoding="utf-8").split("\n****")[0].splitlines()
    entries = [line for line in lines if line.strip()]
    expected = [json.loads(line)["date"] for line in gold.read_text(encoding="utf-8").splitlines()]
    got = []
    for text in entries:
        found = dates.extract(text, context=_ctx(JUNE))
        got.append(found[0].value.iso() if found else None)
    wrong = [(i + 1, g, e) for i, (g, e) in enumerate(zip(got, expected, strict=True)) if g != e]
    assert not wrong, wrong
