"""The core reader: where entries start, how lines join, references, chrome, the period."""

from __future__ import annotations

from pathlib import Path

import pytest

from kuzet.chronicle.errors import NotAChronicle, PeriodError
from kuzet.chronicle.model import Document, Period
from kuzet.chronicle.read import read_bytes, read_document
from kuzet.chronicle.read.text import cited_numbers, find_url, lead_date
from kuzet.chronicle.read.vocab import load_vocabulary, patterns

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "chronicles"


def read(text: str, *, name: str = "chronicle.txt", period: str | None = "2024-05") -> Document:
    return read_bytes(
        text.encode("utf-8"), name=name, period=Period.parse(period) if period else None
    )


# -- lead dates -------------------------------------------------------------------
# (paragraph start, date text, day, month, year)
LEAD_EXAMPLES = [
    ("June 1, Almaty, the court fined", "June 1", 1, 6, None),
    ("8 June, Astana, a picket", "8 June", 8, 6, None),
    ("On June 8, police detained", "June 8", 8, 6, None),
    ("On 22 June, in Almaty, an activist", "22 June", 22, 6, None),
    ("On 1 June 2021, the court", "1 June 2021", 1, 6, 2021),
    ("Almaty, December 1, a blogger", "December 1", 1, 12, None),
    ("Almaty region, Esik, March 3, residents", "March 3", 3, 3, None),
    ("Almaty, on April 4, the police", "April 4", 4, 4, None),
    ("Sept. 14, Taraz, a teacher", "Sept. 14", 14, 9, None),
    ("May 8-9, Astana, detentions", "May 8-9", 8, 5, None),
    ("12th of April, Oral, a fine", "12th of April", 12, 4, None),
    ("June 30, 2023, Almaty, an appeal", "June 30, 2023", 30, 6, 2023),
    ("2 февраля, Алматы, активиста", "2 февраля", 2, 2, None),
    ("15 мая 2023 г., Астана", "15 мая 2023 г.", 15, 5, 2023),
    ("05.03.2024, Almaty, a search", "05.03.2024", 5, 3, 2024),
    ("1. June 3, Almaty, numbered entry", "June 3", 3, 6, None),
    ("JUNE 4, ATYRAU, capitals", "JUNE 4", 4, 6, None),
]

LEAD_NO_MATCH = [
    "In Kazakhstan, arrests became more frequent[3].",
    "unlawful detention, according to",
    "Chronicle of persecution FROM May 1 to May 31, 2023",
    "May 1 to May 31, 2023: chronicle of persecution",  # a period heading
    "June 2023 was a month of protests",  # no day
    "Mayor Abenov said that",
    "2000 people gathered in the square",
    "Almaty, the court said on June 5 that",  # the date is not the lead
    "almaty, June 5, lower-case place",  # a place is a name: capitalised
    "June 32, Almaty, no such day",
    "Also Zhumabekov A., June 5, was mentioned",  # initials are not a place
]


@pytest.mark.parametrize(("text", "written", "day", "month", "year"), LEAD_EXAMPLES)
def test_lead_date(text: str, written: str, day: int, month: int, year: int | None) -> None:
    found = lead_date(text, patterns())
    assert found is not None, text
    assert (found.text, found.day, found.month, found.year) == (written, day, month, year), text
    assert text[found.start : found.end] == found.text, text


@pytest.mark.parametrize("text", LEAD_NO_MATCH)
def test_no_lead_date(text: str) -> None:
    assert lead_date(text, patterns()) is None, text


def test_a_range_with_a_footnote_is_an_entry_not_a_heading() -> None:
    found = lead_date("May 30 to June 2, Astana, three detentions[4].", patterns())
    assert found is not None and found.month == 5


# -- markers and URLs -------------------------------------------------------------
MARKERS = [
    ("detained[1].", (1,)),
    ("detained [12].", (12,)),
    ("detained[1][2].", (1, 2)),
    ("detained[1, 2] and fined[3]", (1, 2, 3)),
    ("said[^4] and left", (4,)),
    ("no marker here.", ()),
    ("the year [20231] is too long", ()),
]


@pytest.mark.parametrize(("text", "numbers"), MARKERS)
def test_cited_numbers(text: str, numbers: tuple[int, ...]) -> None:
    assert cited_numbers(text) == numbers, text


URLS = [
    ("https://a.example.kz/x.html", "https://a.example.kz/x.html"),
    ("see https://a.example.kz/x.html.", "https://a.example.kz/x.html"),
    ("(https://a.example.kz/x)", "https://a.example.kz/x"),
    ("https://en.example.org/wiki/A_(b)", "https://en.example.org/wiki/A_(b)"),
    ("«https://a.example.kz/x»", "https://a.example.kz/x"),
    ("www.example.kz/a,", "www.example.kz/a"),
    ("Ibid.", None),
]


@pytest.mark.parametrize(("text", "url"), URLS)
def test_find_url(text: str, url: str | None) -> None:
    assert find_url(text) == url, text


# -- splitting ------------------------------------------------------------------
def test_line_layout_fixture_covers_every_entry_start() -> None:
    doc = read_document(FIXTURES / "line_layout.txt")
    starts = [e.text.split(",")[0] for e in doc.entries]
    assert starts == [
        "May 2",
        "3 May",
        "On May 4",
        "On 5 May",
        "Karaganda",
        "On 7 May 2021",
        "May 8",
        "May 9",
        "In Kazakhstan",
        "May 10",
    ]
    assert [e.refs for e in doc.entries] == [
        (1,),
        (2,),
        (3,),
        (4,),
        (5, 6),
        (7,),
        (),
        (8,),
        (9,),
        (10,),
    ]
    assert [e.n for e in doc.entries] == list(range(1, 11))


def test_a_broken_paragraph_is_joined_with_spaces_and_keeps_its_first_line() -> None:
    doc = read_document(FIXTURES / "line_layout.txt")
    entry = doc.entries[7]
    assert entry.text == (
        "May 9, Oral, Serikbaev N. was released after serving his arrest and said he would "
        "sue the police for unlawful detention, according to Adil Soz monitors who met him "
        "at the gate[8]."
    )
    assert entry.line == 9
    assert doc.entries[8].line == 12  # the entry after the three joined lines


def test_text_after_a_marker_stays_in_the_entry() -> None:
    doc = read_document(FIXTURES / "line_layout.txt")
    assert doc.entries[5].text.endswith("[7]. Relatives say the delay was deliberate.")


def test_title_chrome_and_references_of_the_line_fixture() -> None:
    doc = read_document(FIXTURES / "line_layout.txt")
    assert (
        doc.title == "Chronicle of political persecution in Kazakhstan FROM May 1 to May 31, 2024"
    )
    assert [(c.text, c.line, c.kind) for c in doc.chrome] == [("Log in to comment", 14, "site")]
    assert [r.n for r in doc.references] == [1, 2, 3, 4, 5, 6, 7, 8, 10, 11]
    assert doc.references[1].url == "https://www.facebook.com/groups/civicwatch/posts/1234567890/"
    assert doc.references[0].line == 16


def test_a_capitalised_line_after_a_marker_starts_an_undated_entry() -> None:
    doc = read(
        "May 1, Almaty, a fine[1].\nIn Kazakhstan, a new law was signed[2].\nMay 3, Astana, x[3].\n"
    )
    assert [e.text for e in doc.entries] == [
        "May 1, Almaty, a fine[1].",
        "In Kazakhstan, a new law was signed[2].",
        "May 3, Astana, x[3].",
    ]


def test_a_capitalised_line_after_an_unfinished_sentence_continues_it() -> None:
    doc = read("May 1, Almaty, the lawyer of\nAbenov R. appealed[1].\nMay 2, Oral, x[2].\n")
    assert doc.entries[0].text == "May 1, Almaty, the lawyer of Abenov R. appealed[1]."
    assert len(doc.entries) == 2


def test_where_entries_carry_markers_a_sentence_without_one_is_not_finished() -> None:
    text = (
        "May 1, Almaty, a picket was held.\nThe police took the posters away[1].\n"
        "May 2, Oral, a fine[2].\nMay 3, Semey, a search[3].\n"
    )
    doc = read(text)
    assert (
        doc.entries[0].text
        == "May 1, Almaty, a picket was held. The police took the posters away[1]."
    )
    assert len(doc.entries) == 3


def test_where_entries_carry_no_markers_a_finished_sentence_ends_the_entry() -> None:
    text = (
        "May 1, Almaty, a picket was held.\nIn Kazakhstan, new rules apply.\nMay 2, Oral, a fine.\n"
    )
    doc = read(text)
    assert [e.text for e in doc.entries] == [
        "May 1, Almaty, a picket was held.",
        "In Kazakhstan, new rules apply.",
        "May 2, Oral, a fine.",
    ]
    assert all(e.refs == () for e in doc.entries)


def test_paragraph_layout_joins_wrapped_lines_even_after_a_full_stop() -> None:
    doc = read_document(FIXTURES / "chronicle_2023_11.txt")
    assert [e.line for e in doc.entries] == [1, 6, 9, 13]
    assert doc.entries[0].text == (
        "November 3, Almaty, the Bostandyk district court placed blogger Ruslan Abenov under "
        "house arrest for two months under Article 274, Part 2 of the Criminal Code. He denies "
        "spreading false information. The defence will appeal[1]."
    )
    assert doc.entries[3].refs == (4, 5)
    assert [r.n for r in doc.references] == [1, 2, 3, 4, 5]


def test_paragraph_layout_still_splits_a_block_holding_two_dated_lines() -> None:
    text = (
        "May 1, Almaty, a fine was\nimposed on Abenov R.[1].\n\n"
        "May 2, Oral, a search[2].\nMay 3, Semey, a detention\nof two activists[3].\n\n"
        "May 4, Aktau, a refusal[4].\n\nMay 5, Taraz, a warning[5].\n"
    )
    doc = read(text)
    assert [e.text for e in doc.entries] == [
        "May 1, Almaty, a fine was imposed on Abenov R.[1].",
        "May 2, Oral, a search[2].",
        "May 3, Semey, a detention of two activists[3].",
        "May 4, Aktau, a refusal[4].",
        "May 5, Taraz, a warning[5].",
    ]


def test_whitespace_only_lines_separate_paragraphs() -> None:
    doc = read(
        "May 1, Almaty, a\nfine[1].\n \t \nMay 2, Oral, a\nsearch[2].\n\u00a0\nMay 3, x[3].\n"
    )
    assert [e.text for e in doc.entries] == [
        "May 1, Almaty, a fine[1].",
        "May 2, Oral, a search[2].",
        "May 3, x[3].",
    ]


def test_a_decorative_rule_before_the_entries_does_not_start_the_references() -> None:
    text = "Chronicle for May 2024\n***\nMay 1, Almaty, a fine[1].\nMay 2, Oral, x[2].\n****\n[1] https://a.example.kz/1\n[2] https://a.example.kz/2\n"
    doc = read(text, period=None)
    assert len(doc.entries) == 2 and [r.n for r in doc.references] == [1, 2]
    assert doc.period == Period(2024, 5) and doc.period_source == "title"


@pytest.mark.parametrize(
    "heading", ["References", "Sources:", "## Sources", "**Источники**", "ИСТОЧНИКИ:", "Notes"]
)
def test_a_heading_starts_the_references(heading: str) -> None:
    text = f"May 1, Almaty, a fine[1].\nMay 2, Oral, a search[2].\n{heading}\n1. https://a.example.kz/1\n2. https://a.example.kz/2\n"
    doc = read(text)
    assert len(doc.entries) == 2, heading
    assert [(r.n, r.url) for r in doc.references] == [
        (1, "https://a.example.kz/1"),
        (2, "https://a.example.kz/2"),
    ], heading


def test_trailing_reference_lines_need_no_separator_and_end_the_entries() -> None:
    doc = read_document(FIXTURES / "untitled.txt")
    assert len(doc.entries) == 3
    assert [r.n for r in doc.references] == [1, 2, 3]
    assert [(c.kind, c.line) for c in doc.chrome] == [("site", 7)]


def test_a_reference_without_a_url_is_kept_for_lint() -> None:
    doc = read(
        "May 1, Almaty, a fine[1].\nMay 2, x[2].\n****\n[1] https://a.example.kz/1\n[2] Ibid., p. 4\n"
    )
    assert doc.reference_map() == {1: "https://a.example.kz/1", 2: "Ibid., p. 4"}


def test_a_stray_line_in_the_reference_list_is_kept_as_stray_chrome() -> None:
    doc = read(
        "May 1, Almaty, a fine[1].\n****\n[1] https://a.example.kz/1\nsee also the archive\n"
    )
    assert [(c.text, c.kind) for c in doc.chrome] == [("see also the archive", "stray")]


def test_duplicate_reference_numbers_are_all_kept() -> None:
    doc = read(
        "May 1, Almaty, a fine[1].\n****\n[1] https://a.example.kz/1\n[1] https://a.example.kz/other\n"
    )
    assert [(r.n, r.url) for r in doc.references] == [
        (1, "https://a.example.kz/1"),
        (1, "https://a.example.kz/other"),
    ]
    assert doc.reference_map() == {1: "https://a.example.kz/1"}


CHROME_LINES = [
    "Log in to comment",
    "You must be logged in to post a comment.",
    "Share this:",
    "Для отправки комментария необходимо войти на сайт.",
    "Поделиться",
    "© 2024 Example Bureau. All rights reserved.",
]


@pytest.mark.parametrize("line", CHROME_LINES)
def test_site_chrome_between_entries_is_not_an_entry(line: str) -> None:
    doc = read(f"May 1, Almaty, a fine[1].\n{line}\nMay 2, Oral, a search[2].\n")
    assert [e.text for e in doc.entries] == [
        "May 1, Almaty, a fine[1].",
        "May 2, Oral, a search[2].",
    ], line
    assert [(c.text, c.kind) for c in doc.chrome] == [(line, "site")], line


def test_a_long_line_mentioning_comments_is_an_entry_not_chrome() -> None:
    text = "May 1, Almaty, a fine[1].\nMay 2, Oral, the blogger was fined for a post; she said she would leave a comment on every akimat page until the refusal was withdrawn[2].\n"
    doc = read(text)
    assert len(doc.entries) == 2 and doc.chrome == ()


def test_text_before_the_first_entry_is_title_then_preamble() -> None:
    text = "Chronicle, May 2024\nPrepared by volunteers\n\nMay 1, Almaty, a fine[1].\n"
    doc = read(text)
    assert doc.title == "Chronicle, May 2024"
    assert [(c.text, c.kind) for c in doc.chrome] == [("Prepared by volunteers", "preamble")]
    assert len(doc.entries) == 1


def test_an_undated_entry_with_a_marker_may_come_first() -> None:
    doc = read("In Kazakhstan, a law on media entered into force[1].\nMay 2, Oral, a search[2].\n")
    assert doc.title is None
    assert [e.refs for e in doc.entries] == [(1,), (2,)]


def test_no_dated_entry_is_not_a_chronicle() -> None:
    with pytest.raises(NotAChronicle, match="no dated entries"):
        read_document(FIXTURES / "not_a_chronicle.txt")


# -- period -------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("title", "period"),
    [
        ("Chronicle of persecution FROM May 1 to May 31, 2023", "2023-05"),
        ("Хроника преследований с 1 по 31 мая 2023 г.", "2023-05"),
        ("Monthly review — 2022-11", "2022-11"),
        ("Chronicle 03.2021", "2021-03"),
        ("Review of June 2020 (published July 5, 2020)", "2020-06"),
    ],
)
def test_period_from_a_title_line(title: str, period: str) -> None:
    doc = read(f"{title}\nMay 1, Almaty, a fine[1].\n", name="x.txt", period=None)
    assert (str(doc.period), doc.period_source) == (period, "title"), title


@pytest.mark.parametrize(
    ("name", "period"),
    [
        ("2023-06.txt", "2023-06"),
        ("chronicle_2023_06.docx.txt", "2023-06"),
        ("chronicle-202306.txt", "2023-06"),
        ("06-2023.md", "2023-06"),
        ("june_2023.txt", "2023-06"),
        ("Хроника июнь 2023.txt", "2023-06"),
    ],
)
def test_period_from_the_file_name(name: str, period: str) -> None:
    doc = read("June 1, Almaty, a fine[1].\n", name=name, period=None)
    assert (str(doc.period), doc.period_source) == (period, "file name"), name


def test_a_hash_in_the_file_name_is_not_a_date() -> None:
    with pytest.raises(PeriodError):
        read("June 1, Almaty, a fine[1].\n", name="000_9ae157a45882d29c.txt", period=None)


def test_period_from_the_text_uses_the_lead_months_and_the_years_mentioned() -> None:
    doc = read_document(FIXTURES / "untitled.txt")
    assert (doc.period, doc.period_source) == (Period(2022, 9), "text")


def test_period_from_the_text_prefers_a_year_written_in_the_lead_dates() -> None:
    doc = read(
        "March 1, 2021, Almaty, a fine in 2019[1].\nMarch 2, Oral, a search[2].\n", period=None
    )
    assert doc.period == Period(2021, 3)


def test_without_a_year_the_period_is_asked_for() -> None:
    with pytest.raises(PeriodError, match="--period YYYY-MM"):
        read_document(FIXTURES / "no_year.txt")


def test_without_a_majority_month_the_period_is_asked_for() -> None:
    with pytest.raises(PeriodError):
        read("May 1, 2024, Almaty, a[1].\nJune 2, Oral, b[2].\n", name="x.txt", period=None)


def test_the_period_option_wins() -> None:
    doc = read_bytes(
        (FIXTURES / "line_layout.txt").read_bytes(), name="2020-01.txt", period=Period(2019, 7)
    )
    assert (doc.period, doc.period_source) == (Period(2019, 7), "option")


def test_the_bundled_reading_words_load() -> None:
    vocab = load_vocabulary()
    assert vocab.months["june"] == 6 and vocab.months["июня"] == 6
    assert "references" in vocab.reference_headings and "источники" in vocab.reference_headings
    assert all(w == w.lower() for w in vocab.chrome_phrases)


def test_a_numbered_list_of_urls_after_the_entries_is_the_reference_list() -> None:
    text = "May 1, Almaty, a fine[1].\nMay 2, Oral, a search[2].\n1. https://a.example.kz/1\n2) https://a.example.kz/2\nShare this:\n"
    doc = read(text)
    assert [e.text for e in doc.entries] == [
        "May 1, Almaty, a fine[1].",
        "May 2, Oral, a search[2].",
    ]
    assert doc.reference_map() == {1: "https://a.example.kz/1", 2: "https://a.example.kz/2"}
    assert [c.kind for c in doc.chrome] == ["site"]


def test_entries_separated_by_line_breaks_inside_one_paragraph() -> None:
    html = b"<html><body><p>June 1, Almaty, a fine[1].<br>June 2, Oral, a search[2].<br>and two more detentions</p></body></html>"
    doc = read_bytes(html, name="page.html", period=Period(2024, 6))
    assert [e.text for e in doc.entries] == [
        "June 1, Almaty, a fine[1].",
        "June 2, Oral, a search[2]. and two more detentions",
    ]
