"""Every format and encoding the reader accepts, and the inputs it refuses."""

from __future__ import annotations

import io
import os
import zipfile
from pathlib import Path

import pytest

from kuzet.chronicle.errors import NotAChronicle, ReadError
from kuzet.chronicle.model import Document, Period
from kuzet.chronicle.read import MAX_BYTES, detect_format, read_bytes, read_document
from kuzet.chronicle.read import docx as docx_reader
from kuzet.chronicle.read.decode import decode
from kuzet.chronicle.read.html import MAX_DEPTH, html_lines, limit_depth

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "chronicles"


def shape(doc: Document) -> tuple[object, ...]:
    return (
        doc.period,
        [(e.text, e.refs) for e in doc.entries],
        [(r.n, r.url) for r in doc.references],
        [c.text for c in doc.chrome],
    )


# -- encodings and line endings ----------------------------------------------------------
@pytest.mark.parametrize(
    "variant",
    [
        "line_layout_bom.txt",
        "line_layout_utf16.txt",
        "line_layout_crlf.txt",
        "line_layout_cr.txt",
        "line_layout_u2028.txt",
    ],
)
def test_english_variants_read_like_the_utf8_original(variant: str) -> None:
    original = read_document(FIXTURES / "line_layout.txt")
    assert shape(read_document(FIXTURES / "encodings" / variant)) == shape(original), variant


@pytest.mark.parametrize(
    "variant", ["ru_chronicle_cp1251.txt", "ru_chronicle_utf16.txt", "ru_chronicle_utf16be.txt"]
)
def test_russian_variants_read_like_the_utf8_original(variant: str) -> None:
    original = read_document(FIXTURES / "ru_chronicle.txt")
    doc = read_document(FIXTURES / "encodings" / variant)
    assert shape(doc) == shape(original), variant
    assert doc.entries[0].text.startswith("2 февраля, Алматы, Серикбаев Н.")


def test_the_russian_fixture_takes_its_period_from_a_russian_title() -> None:
    doc = read_document(FIXTURES / "ru_chronicle.txt")
    assert (doc.period, doc.period_source) == (Period(2024, 2), "title")
    assert [c.kind for c in doc.chrome] == ["site"]


def test_a_mostly_english_cp1251_file_with_a_few_russian_words_is_decoded() -> None:
    text = "May 1, Almaty, a picket «Свобода» was held[1].\n"
    assert decode(text.encode("cp1251"), name="x") == text


def test_a_file_declaring_its_charset_is_decoded_with_it() -> None:
    text = "<meta charset=windows-1251><p>Алматы</p>"
    assert decode(text.encode("cp1251"), name="x", declared="windows-1251") == text


# -- Markdown ---------------------------------------------------------------------------
def test_markdown_is_read_without_markup() -> None:
    doc = read_document(FIXTURES / "chronicle.md")
    assert doc.format == "md"
    assert (doc.period, doc.period_source) == (Period(2022, 8), "title")
    assert doc.title == "Monitoring report: August 2022"
    assert [e.text for e in doc.entries] == [
        (
            "August 1, Almaty, Kasenov A., Article 488 of the Code of Administrative Offences, "
            "15 days of arrest for a post calling people to a rally[1]."
        ),
        (
            "August 4, Taldykorgan, the city court fined pensioner Lidia Sokolova 10 MCI for a "
            "banner on her balcony [2]."
        ),
        (
            "9 August, Zhanaozen, unknown persons damaged the car of the activist Yesimov K.; the "
            "police refused to open a case[3]. Her lawyer called the refusal [unlawful]."
        ),
        "On August 15, Petropavl, the regional akimat banned a picket of the Jańa Adam group[4].",
    ]


def test_markdown_footnotes_and_marker_links_become_references() -> None:
    doc = read_document(FIXTURES / "chronicle.md")
    assert doc.reference_map() == {
        1: "https://news.example.kz/2022/08/01/kasenov",
        2: "https://media.example.org/2022/08/04/sokolova",
        3: "https://news.example.kz/2022/08/09/yesimov-car?utm_source=fb",
        4: "https://media.example.org/2022/08/15/picket?igshid=abc123",
    }
    assert doc.entries[0].line == 10  # line numbers are the file's, front matter included


# -- HTML -------------------------------------------------------------------------------
def test_a_wordpress_page_gives_the_article_body_only() -> None:
    doc = read_document(FIXTURES / "wordpress_page.html")
    assert doc.format == "html"
    assert doc.title == "Chronicle of political persecution in Kazakhstan from 1 to 31 October 2022"
    assert (doc.period, doc.period_source) == (Period(2022, 10), "title")
    assert [e.text.split(",")[0] for e in doc.entries] == [
        "October 3",
        "October 6",
        "On 11 October",
        "October 20",
    ]
    joined = " ".join(e.text for e in doc.entries)
    for leftover in (
        "Share this",
        "Leave a Reply",
        "Для отправки",
        "not an entry",
        "Home",
        "Posted on",
    ):
        assert leftover not in joined, leftover


def test_html_markers_in_every_form_become_bracketed_numbers() -> None:
    doc = read_document(FIXTURES / "wordpress_page.html")
    assert [e.refs for e in doc.entries] == [(1,), (2,), (3,), (4,)]
    assert doc.entries[0].text.endswith("on her way to a rally[1].")
    assert doc.entries[1].text == (
        "October 6, Kokshetau, the akimat refused to allow a meeting of parents of conscripts; "
        "the reason given was a “cultural event” on the square[2]."
    )
    assert doc.entries[3].text.endswith("unknown device. He filed a complaint with the police[4].")


def test_an_html_footnote_list_gives_urls_from_links_or_text() -> None:
    doc = read_document(FIXTURES / "wordpress_page.html")
    assert doc.reference_map() == {
        1: "https://news.example.kz/2022/10/03/ibraimova",
        2: "https://media.example.org/2022/10/06/kokshetau-refusal",
        3: "https://courtwatch.example.kz/news/2207",
        4: "https://media.example.org/2022/10/20/suleev-telegram",
    }


def test_a_marker_linking_to_its_source_gives_the_reference_when_no_list_has_it() -> None:
    html = (
        "<html><body><article><h1>Chronicle, March 2023</h1>"
        '<p>March 2, Almaty, a fine<a href="https://a.example.kz/1?fbclid=x">[1]</a>.</p>'
        '<p>March 3, Oral, a search<sup><a href="https://a.example.kz/2">2</a></sup>.</p>'
        "</article></body></html>"
    )
    doc = read_bytes(html.encode(), name="page.html")
    assert doc.reference_map() == {
        1: "https://a.example.kz/1?fbclid=x",
        2: "https://a.example.kz/2",
    }
    assert [e.text for e in doc.entries] == [
        "March 2, Almaty, a fine[1].",
        "March 3, Oral, a search[2].",
    ]


def test_a_plain_number_link_is_not_a_marker() -> None:
    html = '<html><body><main><p>March 2, Almaty, see page <a href="/p/2">2</a> of the ruling[1].</p></main></body></html>'
    doc = read_bytes(html.encode(), name="page.html", period=Period(2023, 3))
    assert doc.entries[0].text == "March 2, Almaty, see page 2 of the ruling[1]."
    assert doc.entries[0].refs == (1,)


def test_a_hostile_page_is_read_safely() -> None:
    depth = 60_000
    html = (
        "<html><head><script>while(1){}</script><style>p{}</style></head><body>"
        + '<div class="x">' * depth
        + "<p>March 2, Almaty, a deeply nested entry[1].</p>"
        + "</div>" * depth
        + f'<p title="{"x" * 2_000_000}">March 3, Oral, an entry with a huge attribute[2].</p>'
        + "<!-- March 4, Semey, a comment[3]. -->"
        + "<script>document.write('March 5, Taraz, injected[4].')</script>"
        + "</body></html>"
    )
    doc = read_bytes(html.encode(), name="hostile.html", period=Period(2023, 3))
    assert [e.text for e in doc.entries] == [
        "March 2, Almaty, a deeply nested entry[1].",
        "March 3, Oral, an entry with a huge attribute[2].",
    ]


def test_limit_depth_keeps_text_and_shallow_pages_unchanged() -> None:
    shallow = "<div><p>a</p><div><b>b</b></div></div>"
    assert limit_depth(shallow) == shallow
    deep = "<div>" * (MAX_DEPTH + 50) + "text" + "</div>" * (MAX_DEPTH + 50)
    flattened = limit_depth(deep)
    assert flattened.count("<div>") == MAX_DEPTH
    assert flattened.count("</div>") == MAX_DEPTH
    assert "text" in flattened


def test_a_page_with_no_body_text_has_no_lines() -> None:
    assert html_lines(
        "<html><head><title>t</title></head><body><script>x</script></body></html>"
    ) == ([], "t")


# -- Word ------------------------------------------------------------------------------
def test_a_word_document_with_typed_markers() -> None:
    doc = read_document(FIXTURES / "chronicle.docx")
    assert doc.format == "docx"
    assert (doc.period, doc.period_source) == (Period(2023, 12), "title")
    assert [e.refs for e in doc.entries] == [(1,), (2,), (3,), (4,)]
    # a superscript digit, a hyperlinked marker and a manual line break
    assert doc.entries[1].text.endswith("planned for the same day[2].")
    assert "Free Voice movement" in doc.entries[1].text
    assert doc.entries[2].text.endswith("his phone and laptop were taken[3].")
    assert doc.entries[3].text == (
        "December 19, Kyzylorda, Bekturov S. announced a hunger strike in the colony. "
        "His sister says he has not seen a lawyer for a month[4]."
    )
    assert (
        doc.reference_map()[4]
        == "https://media.example.org/2023/12/19/bekturov?utm_source=newsletter"
    )
    assert [e.line for e in doc.entries] == [2, 3, 4, 5]  # paragraph numbers


def test_word_footnotes_become_the_reference_list() -> None:
    doc = read_document(FIXTURES / "footnotes.docx")
    assert (doc.period, doc.period_source) == (Period(2024, 1), "title")
    assert [e.refs for e in doc.entries] == [(1,), (2,), (3,)]
    assert doc.entries[1].text == (
        "January 9, Oral, the akimat refused a meeting on gas prices requested by Kaliyeva R.[2]."
    )
    assert doc.reference_map() == {
        1: "https://courtwatch.example.kz/news/5101",
        2: "https://media.example.org/2024/01/09/refusal",  # the footnote's hyperlink
        3: "https://news.example.kz/2024/01/16/omarbekova?utm_campaign=share",
    }


def _zip(files: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in files.items():
            archive.writestr(name, data)
    return buffer.getvalue()


def test_a_docx_that_is_not_a_zip_is_refused() -> None:
    with pytest.raises(ReadError, match="not a Word document \\(not a zip archive\\)"):
        read_bytes(b"June 1, Almaty, a fine[1].", name="fake.docx")


def test_a_zip_without_a_word_body_is_refused() -> None:
    with pytest.raises(ReadError, match="zip archive but not a Word document"):
        read_bytes(_zip({"hello.txt": b"hi"}), name="archive.docx")


def test_a_damaged_word_body_is_refused() -> None:
    data = _zip({"[Content_Types].xml": b"<Types/>", "word/document.xml": b"<not xml"})
    with pytest.raises(ReadError, match="not a readable Word document"):
        read_bytes(data, name="broken.docx")


def test_a_zip_bomb_is_refused_before_unpacking(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(docx_reader, "MAX_UNZIPPED_BYTES", 1024 * 1024)
    data = _zip({"word/document.xml": b"\0" * (2 * 1024 * 1024)})
    with pytest.raises(ReadError, match="unpacks to more than 1 MB"):
        read_bytes(data, name="bomb.docx")


def test_an_old_word_file_is_refused_with_advice() -> None:
    with pytest.raises(ReadError, match="save it as .docx"):
        read_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 100, name="old.doc")


# -- bad input ----------------------------------------------------------------------------
def test_format_detection_by_extension_then_content() -> None:
    assert detect_format("a.HTM", b"") == "html"
    assert detect_format("a.markdown", b"") == "md"
    assert detect_format("download", b"PK\x03\x04rest") == "docx"
    assert detect_format("download", b"  <!DOCTYPE html><html>") == "html"
    assert detect_format("download", b"June 1, Almaty") == "txt"


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"", "is empty"),
        (b" \n\t\r\n ", "is empty"),
        (bytes(range(256)) * 40, "binary"),
        (b"\x89PNG\r\n\x1a\n" + b"\0\x01\x02" * 500, "binary"),
        (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n", "is a PDF"),
    ],
)
def test_unreadable_bytes_are_refused(data: bytes, message: str) -> None:
    with pytest.raises(ReadError, match=message):
        read_bytes(data, name="input")


def test_a_missing_file_is_refused(tmp_path: Path) -> None:
    with pytest.raises(ReadError, match="no such file"):
        read_document(tmp_path / "nope.txt")


def test_a_directory_is_refused(tmp_path: Path) -> None:
    with pytest.raises(ReadError, match="is a directory"):
        read_document(tmp_path)


def test_a_special_file_is_refused_without_blocking(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe.txt"
    os.mkfifo(fifo)
    with pytest.raises(ReadError, match="not a regular file"):
        read_document(fifo)


def test_a_file_over_the_limit_is_refused_before_it_is_read(tmp_path: Path) -> None:
    big = tmp_path / "big.txt"
    with big.open("wb") as fh:
        fh.truncate(50 * 1024 * 1024)  # sparse: no 50 MB written to disk
    with pytest.raises(ReadError, match="50.0 MB; chronicles over 20 MB are refused"):
        read_document(big)
    with pytest.raises(ReadError, match="refused"):
        read_bytes(b"x" * (MAX_BYTES + 1), name="big.txt")


def test_a_text_without_dated_entries_is_not_a_chronicle() -> None:
    with pytest.raises(NotAChronicle):
        read_bytes(b"Hello,\nthis is a letter about nothing in particular.\n", name="letter.txt")


def test_utf8_with_a_stray_broken_byte_stays_utf8() -> None:
    line = "2 февраля, Алматы, Серикбаев Н. задержан у здания акимата[1].\n".encode()
    damaged = line[:2] + b"\xff" + line[2:]  # a stray byte between two characters
    text = decode(damaged * 3, name="x")
    assert text.count("\ufffd") == 3
    assert "Алматы, Серикбаев Н." in text
