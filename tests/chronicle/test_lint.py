"""Lint: each finding code on a document built for it, plus the fixtures."""

from __future__ import annotations

from pathlib import Path

import pytest

from kuzet.chronicle.lint import CODES, Finding, has_errors, lint
from kuzet.chronicle.model import Chrome, Document, Entry, Period, Reference
from kuzet.chronicle.read import read_document

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "chronicles"
URL = "https://news.example.kz/a/{}"
MARCH_2024 = Period(2024, 3)


def doc(
    entries: list[str],
    refs: list[tuple[int, str]] | None = None,
    *,
    chrome: tuple[Chrome, ...] = (),
    period: Period = MARCH_2024,
) -> Document:
    from kuzet.chronicle.read.text import cited_numbers

    if refs is None:
        refs = [(n, URL.format(n)) for n in sorted({n for t in entries for n in cited_numbers(t)})]
    return Document(
        name="test.txt",
        format="txt",
        period=period,
        entries=tuple(Entry(i, t, cited_numbers(t), i) for i, t in enumerate(entries, start=1)),
        references=tuple(Reference(n, u, 100 + i) for i, (n, u) in enumerate(refs)),
        chrome=chrome,
    )


def found(document: Document, code: str) -> list[tuple[int | None, int | None]]:
    return [(f.entry, f.reference) for f in lint(document) if f.code == code]


def test_a_clean_document_has_no_findings() -> None:
    clean = doc(["March 1, Almaty, Abenov R. was fined[1].", "March 2, Oral, a search[2]."])
    assert lint(clean) == []
    assert not has_errors(lint(clean))


def test_missing_reference() -> None:
    d = doc(["March 1, Almaty, a fine[1].", "March 2, Oral, a search[2][3]."], [(1, URL.format(1))])
    assert found(d, "missing-reference") == [(2, 2), (2, 3)]
    first = next(f for f in lint(d) if f.code == "missing-reference")
    assert first == Finding(
        "missing-reference", "error", "entry 2 cites [2], but the reference list has no [2]", 2, 2
    )
    assert has_errors(lint(d))


def test_a_number_cited_twice_in_one_entry_is_reported_once() -> None:
    d = doc(["March 1, Almaty, a fine[4] and an appeal[4]."], [])
    assert found(d, "missing-reference") == [(1, 4)]


def test_uncited_reference() -> None:
    d = doc(["March 1, Almaty, a fine[1]."], [(1, URL.format(1)), (2, URL.format(2))])
    assert found(d, "uncited-reference") == [(None, 2)]
    assert not has_errors(lint(d))


def test_duplicate_reference_number_says_whether_the_address_differs() -> None:
    d = doc(
        ["March 1, Almaty, a fine[1].", "March 2, Oral, x[2]."],
        [(1, URL.format(1)), (2, URL.format(2)), (2, URL.format(2)), (2, URL.format(9))],
    )
    dups = [f for f in lint(d) if f.code == "duplicate-reference-number"]
    assert [(f.reference, f.severity) for f in dups] == [(2, "error"), (2, "error")]
    assert "the same address" in dups[0].message and "a different address" in dups[1].message
    assert "listed 3 times" in dups[0].message


def test_out_of_order_reference_in_the_list() -> None:
    d = doc(
        ["March 1, a[1].", "March 2, b[2].", "March 3, c[3]."],
        [(1, URL.format(1)), (3, URL.format(3)), (2, URL.format(2))],
    )
    assert found(d, "out-of-order-reference") == [(None, 2)]


def test_out_of_order_first_citations_are_reported_once_not_in_cascade() -> None:
    d = doc(
        ["March 1, a[1].", "March 2, b[3].", "March 3, c[2].", "March 4, d[4].", "March 5, e[3]."]
    )
    # [2] is cited for the first time after [3]; [4] follows [2] in order again,
    # and [3] cited a second time is no new number.
    assert found(d, "out-of-order-reference") == [(3, 2)]


def test_entry_without_source() -> None:
    d = doc(["March 1, Almaty, a fine[1].", "March 2, Oral, a search without a marker."])
    assert found(d, "entry-without-source") == [(2, None)]


def test_tracking_parameter_shows_the_clean_url() -> None:
    d = doc(["March 1, a[1]."], [(1, "https://news.example.kz/a/1?fbclid=IwAR0xyz&id=7")])
    [finding] = [f for f in lint(d) if f.code == "tracking-parameter"]
    assert finding.reference == 1 and finding.severity == "warning"
    assert finding.message.endswith("clean: https://news.example.kz/a/1?id=7")
    assert "(fbclid)" in finding.message


def test_private_url() -> None:
    d = doc(
        ["March 1, a[1]."], [(1, "https://bureau.example.kz/wp-admin/post.php?post=5&action=edit")]
    )
    assert found(d, "private-url") == [(None, 1)]


@pytest.mark.parametrize("url", ["", "news.example.kz/a", "https://exa mple.kz/", "Ibid., p. 3"])
def test_malformed_url_is_an_error_and_hides_other_url_findings(url: str) -> None:
    d = doc(["March 1, a[1]."], [(1, url)])
    codes = [f.code for f in lint(d)]
    assert codes == ["malformed-url"], url
    assert has_errors(lint(d))


def test_no_date() -> None:
    d = doc(["March 1, Almaty, a fine[1].", "In Kazakhstan, monitors counted detentions[2]."])
    assert found(d, "no-date") == [(2, None)]


@pytest.mark.parametrize(
    "entry",
    [
        "April 2, Almaty, a fine[1].",
        "On 2 March 2021, Almaty, a fine[1].",
        "Almaty, February 27, a fine[1].",
    ],
)
def test_date_outside_period(entry: str) -> None:
    d = doc([entry])
    assert found(d, "date-outside-period") == [(1, None)], entry


@pytest.mark.parametrize(
    "entry",
    [
        "March 2, Almaty, a fine[1].",
        "On 31 March 2024, Oral, a search[1].",
        "Semey, March 9, x[1].",
    ],
)
def test_a_date_inside_the_period_is_fine(entry: str) -> None:
    d = doc([entry])
    assert found(d, "date-outside-period") == [] and found(d, "no-date") == [], entry


def test_site_chrome_and_skipped_text() -> None:
    d = doc(
        ["March 1, a[1]."],
        chrome=(
            Chrome("Log in to comment", 9, "site"),
            Chrome("Prepared by volunteers", 2, "preamble"),
            Chrome("see also our archive", 12, "stray"),
        ),
    )
    findings = [(f.code, f.severity) for f in lint(d)]
    assert findings == [
        ("site-chrome", "info"),
        ("skipped-text", "info"),
        ("skipped-text", "warning"),
    ]
    assert "line 9" in lint(d)[0].message


def test_every_code_has_a_known_severity() -> None:
    assert {sev for sev, _ in CODES.values()} <= {"error", "warning", "info"}
    errors = {code for code, (sev, _) in CODES.items() if sev == "error"}
    assert errors == {"missing-reference", "malformed-url", "duplicate-reference-number"}


def test_findings_come_in_document_order() -> None:
    d = doc(
        ["March 1, a.", "March 2, b[2].", "April 3, c[3]."],
        [(2, URL.format(2) + "?utm_source=x"), (5, URL.format(5))],
    )
    assert [(f.code, f.entry, f.reference) for f in lint(d)] == [
        ("entry-without-source", 1, None),
        ("missing-reference", 3, 3),
        ("date-outside-period", 3, None),
        ("tracking-parameter", None, 2),
        ("uncited-reference", None, 5),
    ]


def test_the_line_layout_fixture() -> None:
    findings = lint(read_document(FIXTURES / "line_layout.txt"))
    assert {(f.code, f.entry, f.reference) for f in findings} == {
        ("date-outside-period", 6, None),
        ("entry-without-source", 7, None),
        ("missing-reference", 9, 9),
        ("no-date", 9, None),
        ("tracking-parameter", None, 1),
        ("tracking-parameter", None, 3),
        ("private-url", None, 8),
        ("tracking-parameter", None, 10),
        ("uncited-reference", None, 11),
        ("site-chrome", None, None),
    }


@pytest.mark.parametrize("name", ["chronicle_2023_11.txt", "wordpress_page.html", "footnotes.docx"])
def test_fixtures_without_errors(name: str) -> None:
    assert not has_errors(lint(read_document(FIXTURES / name))), name
