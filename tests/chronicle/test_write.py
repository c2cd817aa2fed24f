"""Writing a chronicle back out, and reading it again (the round trip)."""

from __future__ import annotations

from pathlib import Path

import pytest

from kuzet.chronicle.model import Entry, Period
from kuzet.chronicle.read import read_bytes, read_document
from kuzet.chronicle.write import FORMATS, chronicle_title, from_document, render, renumber

SHARED = Path(__file__).resolve().parents[2] / ".." / "shared"
SEED = SHARED / "seeds" / "000_9ae157a45882d29c.txt"
EXAMPLES = sorted((Path(__file__).resolve().parents[2] / "examples").glob("*.txt"))

ENTRIES = [
    Entry(1, "March 3, Aktobe, Serikbaev T. was detained at a picket[4].", (4,)),
    Entry(2, "4 March, Oral, the court fined Omarova L. 36,920 tenge [9][10].", (9, 10)),
    Entry(3, "On March 5, Astana, a statement by <Tokenov> & co. about 'rights'[11]", (11,)),
]
URLS = {(0, 4): "https://news.example.kz/a?id=1", (1, 9): "https://example.org/b", (2, 11): "https://c.kz/x"}


def test_renumbering_starts_at_one_and_follows_citation_order() -> None:
    chronicle = renumber(ENTRIES, URLS, title="T")
    assert [e.refs for e in chronicle.entries] == [(1,), (2, 3), (4,)]
    assert chronicle.entries[1].text.endswith("[2][3].")
    assert [(r.n, r.url) for r in chronicle.references] == [
        (1, "https://news.example.kz/a?id=1"),
        (2, "https://example.org/b"),
        # footnote 10 had no URL: it keeps number 3 in the text, and no line in the list
        (4, "https://c.kz/x"),
    ]


def test_a_number_in_brackets_that_is_not_a_cited_footnote_is_left_alone() -> None:
    entry = Entry(1, "March 3, Aktobe, he quoted [2019] report[7].", (7,))
    chronicle = renumber([entry], {(0, 7): "https://x.kz"}, title="T")
    assert chronicle.entries[0].text == "March 3, Aktobe, he quoted [2019] report[1]."


def test_the_title_names_the_whole_month() -> None:
    assert chronicle_title(Period(2024, 2)).endswith("from February 1 to February 29, 2024")


@pytest.mark.parametrize("fmt", FORMATS)
def test_reading_what_was_written_gives_the_same_entries_and_references(fmt: str) -> None:
    chronicle = renumber(ENTRIES, URLS, title=chronicle_title(Period(2024, 3)))
    data = render(chronicle, fmt)
    back = read_bytes(data, name=f"out.{fmt}")
    assert back.period == Period(2024, 3), "the title carries the period"
    assert [e.text for e in back.entries] == [e.text for e in chronicle.entries]
    assert [e.refs for e in back.entries] == [e.refs for e in chronicle.entries]
    assert back.reference_map() == {r.n: r.url for r in chronicle.references if r.url}


def test_html_output_escapes_markup_in_entry_text() -> None:
    chronicle = renumber(ENTRIES, URLS, title="T <b>")
    page = render(chronicle, "html").decode()
    assert "<Tokenov>" not in page and "&lt;Tokenov&gt;" in page
    assert "<title>T &lt;b&gt;</title>" in page


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.name)
@pytest.mark.parametrize("fmt", FORMATS)
def test_the_bundled_examples_survive_a_round_trip(path: Path, fmt: str) -> None:
    document = read_document(path)
    chronicle = from_document(document)
    back = read_bytes(render(chronicle, fmt), name=f"x.{fmt}", period=document.period)
    assert len(back.entries) == len(document.entries)
    assert [e.text for e in back.entries] == [e.text for e in chronicle.entries]
    assert back.reference_map() == {r.n: r.url for r in chronicle.references if r.url}


@pytest.mark.skipif(not SEED.exists(), reason="the shared seed chronicle is not here")
@pytest.mark.parametrize("fmt", FORMATS)
def test_the_seed_survives_a_round_trip(fmt: str) -> None:
    document = read_document(SEED, period=Period(2023, 6))
    chronicle = from_document(document)
    back = read_bytes(render(chronicle, fmt), name=f"x.{fmt}")
    assert back.period == Period(2023, 6)
    assert len(back.entries) == len(document.entries) == 119
    assert [e.text for e in back.entries] == [e.text for e in chronicle.entries]
    assert [e.refs for e in back.entries] == [e.refs for e in chronicle.entries]
    assert back.reference_map() == {r.n: r.url for r in chronicle.references if r.url}
    # the seed's own numbering is 1..119, so renumbering keeps every text as it was
    assert [e.text for e in back.entries] == [e.text for e in document.entries]
