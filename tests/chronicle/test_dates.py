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
    # a day alone with its ordinal suffix is the chronicle's month's day
    ("On the 3rd, in Ekibastuz, a welder was summoned by the police.", JUNE, "2023-06-03"),
    ("The 5th, Aral: two fishermen were fined for a video.", JUNE, "2023-06-05"),
    ("On the 12th — Turkistan — pensioners blocked the road.", JUNE, "2023-06-12"),
    ("Friday the 2nd, Astana, a picket.", JUNE, "2023-06-02"),
    ("On Tuesday, the 13th, in Taraz, a teacher was dismissed.", JUNE, "2023-06-13"),
    ("On the 30th, Kokshetau, the akimat refused a rally.", Period(2024, 4), "2024-04-30"),
    (
        "Zhanaozen police detained Kairatov B. on the 9th, his lawyer said.",
        Period(2022, 12),
        "2022-12-09",
    ),
    ("Late on the 14th, in Aktau, a blogger's flat was searched.", JUNE, "2023-06-14"),
    ("On the 3rd and the 4th, Taraz, hearings went on.", JUNE, "2023-06-03"),
    ("On the evening of June 5, in Aktau, a journalist was attacked.", JUNE, "2023-06-05"),
    # a range opened by "from" or "between" is an opening date too
    ("From 8 to 10 June, Atyrau, oil workers stopped work.", JUNE, "2023-06-08"),
    ("Between 3 and 5 June, Semey, the trial of Ospanov N. went on.", JUNE, "2023-06-03"),
    # no opening date: a birthday, a hearing to come, an earlier arrest are not the day
    (
        "Kyzylorda, the court fined Dzhumabayev A., born on 4 June 1988, on June 12.",
        JUNE,
        "2023-06-12",
    ),
    (
        "The court in Taraz, where the hearing is scheduled for June 28, refused "
        "Abenova S. a lawyer on 19 June.",
        JUNE,
        "2023-06-19",
    ),
    (
        "Almaty police, who have held Serikov D. since June 2, charged him on June 6.",
        JUNE,
        "2023-06-06",
    ),
    ("Two weeks ago, on June 3, Kemelov R. was detained in Aral.", JUNE, "2023-06-03"),
    ("Tursunov A. was fined due to a post on June 4 about the akim.", JUNE, "2023-06-04"),
    # the last days of the month before still count when nothing else is dated
    ("The court in Aktau fined Ermekov S. on May 31 for a post.", JUNE, "2023-05-31"),
]

# (text, period): a month without a day opens the entry, so the record's date stays
# empty (the lead date has month precision) and no later date is taken instead
MONTH_ONLY: list[tuple[str, Period]] = [
    ("In mid-June, Atyrau, the akimat refused a meeting on the river's pollution.", JUNE),
    ("Mid-June, Almaty: students of a college were told not to attend a rally.", JUNE),
    ("In late June, in Taraz, three imams were dismissed; a hearing is set for June 30.", JUNE),
    ("At the end of June, Kostanay, the trial of Oralova D. was postponed to July 4.", JUNE),
    ("In early June 2023, Aktobe, a lawyer was disbarred.", JUNE),
    ("Early December, Oral — activists were warned by the prosecutor.", Period(2023, 12)),
    ("Throughout June, Zhanaozen: oil workers were summoned one by one.", JUNE),
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
    # a day alone is a date only where a date is written, and not before a noun
    "He lives on the 5th floor of a hostel in Aktau.",
    "On the 2nd day of his hunger strike Kasymov R. was hospitalised.",
    "The 3rd convocation of the maslikhat met without a quorum.",
    "The 5th Congress of journalists opened without the invited bloggers.",
    "Police searched the 4th, 5th and 7th flats of the block.",
    "He finished 1st in the regional championship.",
    # a month without a day opens no date unless punctuation closes it
    "In mid-June the court heard nothing new.",
    "Mid-level officials of the akimat were questioned.",
    # the only dates are a birthday, a hearing to come, an earlier event
    "Kemelov R., born on 3 June 1990, was questioned again.",
    "The hearing in the case of Zhumagulov A. is scheduled for June 27.",
    "Ospanova D. has been in custody since June 1.",
    # far from the chronicle's month and not in the opening: an earlier event recalled
    "Kuanov D., detained on 5 January 2022, is still held in a colony.",
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
        "On the 21st Shymkent police detained Tursynov E. outside his home.",
        JUNE,
        "2023-06-21",
        "a capitalised word after a day alone may be a name's ('the 5th Congress'): no date",
    ),
    (
        "On 3rd, Taraz, a picket was dispersed.",
        JUNE,
        "2023-06-03",
        "a day alone is read only with 'the' before it",
    ),
    (
        "On the 3rd of this month, Taraz, a picket was dispersed.",
        JUNE,
        "2023-06-03",
        "'of this month' after a day alone is not read",
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


@pytest.mark.parametrize(("text", "period"), MONTH_ONLY)
def test_a_month_without_a_day_leads_with_month_precision(text: str, period: Period) -> None:
    found = dates.extract(text, context=_ctx(period))
    assert found, f"no date in {text!r}"
    lead = found[0]
    assert lead.value.precision == "month", f"{text!r}: lead {lead}"
    assert lead.value.month == period.month and lead.value.iso() is None, f"{text!r}: {lead}"
    assert text[lead.start : lead.end] == lead.text, f"{text!r}: {lead}"


def test_a_day_alone_needs_the_period_for_its_month() -> None:
    assert dates.extract("On the 3rd, Taraz, a picket.", context=_ctx(None)) == []
    # and a day that month lacks is no date
    assert dates.extract("On the 31st, Taraz, a picket.", context=_ctx(Period(2023, 6))) == []


def test_a_day_alone_in_running_text_follows_the_opening_date() -> None:
    text = "June 2, Oral, Beisenov K. was detained; on the 5th, he was released."
    got = [m.value.iso() for m in dates.extract(text, context=_ctx(JUNE))]
    assert got == ["2023-06-02", "2023-06-05"], text


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
