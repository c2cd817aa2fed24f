"""``kuzet chronicle``: the stored entries written back in the chronicles' style."""

from __future__ import annotations

import datetime as dt
import io
import re
from pathlib import Path

import pytest
from publish_data import MAY, URLS

from kuzet.chronicle.model import Period
from kuzet.chronicle.read import read_bytes, read_document
from kuzet.chronicle.write import FORMATS, from_document, render
from kuzet.cli import main
from kuzet.publish.chronicle import build_chronicle
from kuzet.publish.errors import PublishError
from kuzet.publish.selection import Withholding
from kuzet.store import services
from kuzet.store.selectors import EntryFilter

pytestmark = pytest.mark.db

ROOT = Path(__file__).resolve().parents[2]
SEED = ROOT / ".." / "shared" / "seeds" / "000_9ae157a45882d29c.txt"
FIXTURES = sorted((ROOT / "examples").glob("*.txt")) + [
    ROOT / "tests" / "fixtures" / "chronicles" / name
    for name in ("chronicle.docx", "chronicle.md", "chronicle_2023_11.txt", "footnotes.docx",
                 "line_layout.txt", "ru_chronicle.txt", "wordpress_page.html")
]
MAY_FILTER = EntryFilter(date_from=dt.date(2025, 5, 1), date_to=dt.date(2025, 5, 31))
MARKERS = re.compile(r"\[\d+\]")


def _cited(text: str) -> list[int]:
    return [int(n) for n in re.findall(r"\[(\d+)\]", text)]


def test_entries_come_in_date_order_with_footnotes_renumbered_from_one(may: None) -> None:
    built = build_chronicle(MAY_FILTER)
    texts = [e.text for e in built.chronicle.entries]
    assert texts[5].startswith("On 12 May, Kostanay"), "the entry dated 12 May comes before 14 May"
    numbers = [n for t in texts for n in _cited(t)]
    assert numbers == list(range(1, len(numbers) + 1))
    # each new number points at the URL its old footnote had
    by_text = {s.text[:20]: s.refs for s in MAY}
    for entry in built.chronicle.entries:
        old = by_text[entry.text[:20]]
        urls = [r.url for r in built.chronicle.references if r.n in entry.refs]
        assert urls == [URLS[n] for n in old], entry.text


def test_the_title_names_the_period(may: None) -> None:
    built = build_chronicle(MAY_FILTER)
    assert built.chronicle.title.endswith("from May 1 to May 31, 2025")
    assert read_bytes(render(built.chronicle, "txt"), name="x.txt").period == Period(2025, 5)


def test_only_published_entries_unless_other_statuses_are_named(may: None) -> None:
    published = [e.text for e in build_chronicle(MAY_FILTER).chronicle.entries]
    assert len(published) == 9 and not any("Ospanov" in t for t in published)
    drafts = build_chronicle(EntryFilter(statuses=("draft",))).chronicle.entries
    assert [e.text[:20] for e in drafts] == ["May 20, Taraz, teach"]


def test_names_in_a_confidential_entry_are_withheld(may: None) -> None:
    built = build_chronicle(MAY_FILTER)
    text = next(e.text for e in built.chronicle.entries if e.text.startswith("May 15, Semey"))
    assert "Abdikarimova" not in text and "Gulnara" not in text
    assert text.count("[name withheld]") == 2 and built.withheld == 2, "entries 7 and 6 (a witness)"
    named = build_chronicle(MAY_FILTER, withholding=Withholding.default(withhold=False))
    assert any("Gulnara Abdikarimova" in e.text for e in named.chronicle.entries)


def test_a_person_who_asked_not_to_be_named_is_withheld_in_any_entry(may: None) -> None:
    text = next(e.text for e in build_chronicle(MAY_FILTER).chronicle.entries if e.text.startswith("May 14"))
    assert "Beisenov" not in text and "Aset" not in text
    assert "sentenced Kassymov Y. to 4 years" in text and "a witness, [name withheld], said" in text


def test_filters_are_the_stores(may: None) -> None:
    built = build_chronicle(EntryFilter(place="Aktobe Region"))
    assert [e.text[:6] for e in built.chronicle.entries] == ["May 2,", "May 3,"]
    assert [r.n for r in built.chronicle.references] == [1, 2]


def test_nothing_selected_is_a_clear_error(may: None) -> None:
    with pytest.raises(PublishError, match="no entries with review status published"):
        build_chronicle(EntryFilter(date_from=dt.date(2030, 1, 1)))


def test_clean_urls_drops_tracking_parameters(may: None) -> None:
    plain = {r.url for r in build_chronicle(MAY_FILTER).chronicle.references}
    clean = {r.url for r in build_chronicle(MAY_FILTER, clean_urls=True).chronicle.references}
    assert URLS[3] in plain and URLS[3] not in clean
    assert "https://news.example.org/2025/05/story-3" in clean


def test_the_word_document_is_tidy(may: None, tmp_path: Path) -> None:
    from docx import Document as WordDocument

    out = tmp_path / "may.docx"
    assert main(["chronicle", "--from", "2025-05", "--to", "2025-05", "-o", str(out)]) == 0
    word = WordDocument(io.BytesIO(out.read_bytes()))
    styles = [p.style.name for p in word.paragraphs]
    texts = [p.text for p in word.paragraphs]
    assert styles[0] == "Heading 1" and texts[0].endswith("May 31, 2025")
    assert word.core_properties.title == texts[0]
    heading2 = styles.index("Heading 2")
    assert heading2 == 1 + 9, "one paragraph per entry between the title and the references"
    assert texts[heading2 + 1 :] == [f"[{n}] {URLS[o]}" for n, o in enumerate(
        [1, 2, 3, 4, 5, 6, 11, 7, 8, 10], start=1)]


def test_the_html_page_stands_alone(may: None) -> None:
    page = render(build_chronicle(MAY_FILTER).chronicle, "html").decode()
    assert page.startswith("<!doctype html>") and "<script" not in page
    assert not re.search(r'(?:src|href)="(?!#|https://news\.example\.org)', page), "nothing loaded from elsewhere"
    assert '<sup><a href="#ref-1" id="cite-1">[1]</a></sup>' in page


@pytest.mark.parametrize("path", FIXTURES, ids=lambda p: p.name)
def test_a_stored_chronicle_is_written_back_as_it_was_read(db: None, path: Path) -> None:
    document = read_document(path)
    report = services.ingest_file(path, status="published", force=True)
    built = build_chronicle(EntryFilter(document=report.key), order="document")
    expected = from_document(document)
    assert [e.text for e in built.chronicle.entries] == [e.text for e in expected.entries]
    assert built.chronicle.references == expected.references
    for fmt in FORMATS:
        back = read_bytes(render(built.chronicle, fmt), name=f"x.{fmt}")
        assert back.period == document.period, fmt
        assert [e.text for e in back.entries] == [e.text for e in built.chronicle.entries], fmt
        assert [e.refs for e in back.entries] == [e.refs for e in built.chronicle.entries], fmt
        assert back.reference_map() == {r.n: r.url for r in built.chronicle.references if r.url}, fmt


def _content(entries: object, references: dict[int, str]) -> list[tuple[str, tuple[str | None, ...]]]:
    """Each entry as (text without markers, the URLs it cites in order): numbering aside."""
    return sorted(
        (MARKERS.sub("[]", e.text), tuple(references.get(n) for n in e.refs))  # type: ignore[attr-defined]
        for e in entries  # type: ignore[attr-defined]
    )


@pytest.mark.parametrize("path", FIXTURES[:2], ids=lambda p: p.name)
def test_in_date_order_the_same_entries_cite_the_same_sources(db: None, path: Path) -> None:
    document = read_document(path)
    report = services.ingest_file(path, status="published", force=True)
    built = build_chronicle(EntryFilter(document=report.key))
    back = read_bytes(render(built.chronicle, "txt"), name="x.txt")
    assert _content(back.entries, back.reference_map()) == _content(document.entries, document.reference_map())
    dates = [e.date for e in report_entries(report.key)]
    assert dates == sorted(dates)


def report_entries(key: str) -> list[object]:
    from kuzet.publish.selection import selected_entries

    return list(selected_entries(EntryFilter(document=key)))


@pytest.mark.skipif(not SEED.exists(), reason="the shared seed chronicle is not here")
@pytest.mark.parametrize("fmt", FORMATS)
def test_the_seed_survives_ingest_and_a_round_trip(db: None, fmt: str) -> None:
    document = read_document(SEED, period=Period(2023, 6))
    services.ingest_file(SEED, period=Period(2023, 6), status="published", force=True)
    built = build_chronicle(EntryFilter(date_from=dt.date(2023, 6, 1), date_to=dt.date(2023, 6, 30)))
    assert built.entries == 119
    back = read_bytes(render(built.chronicle, fmt), name=f"x.{fmt}")
    assert back.period == Period(2023, 6)
    assert _content(back.entries, back.reference_map()) == _content(document.entries, document.reference_map())
    # the seed runs in date order and numbers its footnotes 1..119: the text comes back as it was
    assert [e.text for e in back.entries] == [e.text for e in document.entries]


def test_the_command_writes_text_to_standard_output(may: None, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["chronicle", "--from", "2025-05-01", "--to", "2025-05-31", "--format", "md"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("# Chronicle of political persecution in Kazakhstan from May 1 to May 31, 2025")
    assert "## References" in out and "Abdikarimova" not in out


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["chronicle", "--format", "docx"], "give a file to write it to with -o FILE"),
        (["chronicle", "--from", "2025-13"], "write a date as YYYY-MM-DD or YYYY-MM"),
        (["chronicle", "--from", "2031-01", "--to", "2031-01"], "no entries with review status published"),
        (["chronicle", "--article", "CC seventy"], "an article is written like"),
    ],
)
def test_bad_requests_get_one_line(
    may: None, tmp_path: Path, capsys: pytest.CaptureFixture[str], args: list[str], message: str
) -> None:
    assert main(args) != 0
    out, err = capsys.readouterr()
    assert out == "" and "Traceback" not in err
    assert message in err.strip().splitlines()[-1], "the last line says what is wrong"
