"""The real June 2023 chronicle in ../shared (skipped where it is absent).

Its quirks are real: no title, a file name without a date, three footnotes cited
but missing from the list, tracking parameters, a WordPress admin link, and a
"log in to comment" line in Russian after the list.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from kuzet.chronicle.lint import lint
from kuzet.chronicle.model import Document, Period
from kuzet.chronicle.read import read_document

SEED = Path(__file__).resolve().parents[2] / ".." / "shared" / "seeds" / "000_9ae157a45882d29c.txt"


@pytest.fixture(scope="module")
def seed() -> Document:
    if not SEED.exists():
        pytest.skip(f"seed chronicle not found at {SEED}")
    return read_document(SEED)


def test_it_has_119_entries_each_citing_its_own_number(seed: Document) -> None:
    assert len(seed.entries) == 119
    assert [e.n for e in seed.entries] == list(range(1, 120))
    assert [e.refs for e in seed.entries] == [(n,) for n in range(1, 120)]


def test_entries_are_the_lines_before_the_rule(seed: Document) -> None:
    assert [e.line for e in seed.entries] == list(range(1, 120))
    lines = SEED.read_text(encoding="utf-8").split("\n")
    assert all(e.text == lines[e.n - 1].strip() for e in seed.entries)


def test_its_period_comes_from_the_text(seed: Document) -> None:
    assert (seed.period, seed.period_source) == (Period(2023, 6), "text")
    assert seed.title is None


def test_three_references_are_missing(seed: Document) -> None:
    listed = seed.reference_map()
    assert sorted(set(range(1, 120)) - set(listed)) == [69, 118, 119]
    assert len(seed.references) == 116
    missing = [(f.entry, f.reference) for f in lint(seed) if f.code == "missing-reference"]
    assert missing == [(69, 69), (118, 118), (119, 119)]


def test_references_without_a_space_after_the_bracket_are_read(seed: Document) -> None:
    listed = seed.reference_map()
    for n in (7, 8, 23, 36, 39, 48, 57, 58, 75, 76, 95):
        assert listed[n].startswith("https://"), n


def test_tracking_parameters_are_found(seed: Document) -> None:
    found = {f.reference for f in lint(seed) if f.code == "tracking-parameter"}
    assert {42, 43, 48, 72, 73, 101} <= found  # fbclid and utm_*
    assert {52, 54, 82, 95} <= found  # ref=share, ab_channel, idorvanity
    messages = {f.reference: f.message for f in lint(seed) if f.code == "tracking-parameter"}
    assert "fbclid" in messages[42] and "fbclid" not in messages[42].split("clean: ")[1]
    assert "s, t, fbclid" in messages[101]


def test_the_wordpress_admin_link_is_private(seed: Document) -> None:
    private = [f.reference for f in lint(seed) if f.code == "private-url"]
    assert private == [2]


def test_the_russian_log_in_line_is_chrome_not_an_entry(seed: Document) -> None:
    assert [(c.kind, c.line) for c in seed.chrome] == [("site", 237)]
    assert all("комментария" not in e.text for e in seed.entries)
    assert [f.code for f in lint(seed) if f.code == "site-chrome"] == ["site-chrome"]


def test_no_reference_is_malformed_duplicated_or_uncited(seed: Document) -> None:
    codes = {f.code for f in lint(seed)}
    assert not codes & {
        "malformed-url",
        "duplicate-reference-number",
        "uncited-reference",
        "out-of-order-reference",
        "entry-without-source",
    }
