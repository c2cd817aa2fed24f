"""``kuzet report``: the figures, what each counts, and its three formats."""

from __future__ import annotations

import datetime as dt
import io
import zipfile
from pathlib import Path

import pytest
from publish_data import Spec, document

from kuzet.cli import main
from kuzet.publish.report import CAVEAT, build_report
from kuzet.publish.report_render import render_report
from kuzet.store import services
from kuzet.store.selectors import EntryFilter
from kuzet.store.stats import load_refusal_reasons

pytestmark = pytest.mark.db

MAY = EntryFilter(date_from=dt.date(2025, 5, 1), date_to=dt.date(2025, 5, 31))


def _rows(report: object, key: str) -> dict[str, object]:
    figure = report.figure(key)  # type: ignore[attr-defined]
    return {row[0]: row[1:] if len(row) > 2 else row[1] for row in figure.rows}


def test_entries_by_type_region_and_month_count_published_entries(may: None) -> None:
    report = build_report(MAY)
    assert report.entries == 9, "the draft is left out"
    types = _rows(report, "type")
    assert types["Assembly refused"] == 2 and types["Detention"] == 1
    assert "Administrative fine or warning" in types
    assert _rows(report, "region") == {
        "Aktobe Region": 2, "West Kazakhstan Region": 2, "Astana": 2, "Abai Region": 1, "Almaty": 1,
        "Kostanay Region": 1,
    }
    assert _rows(report, "month") == {"2025-05": 9}


def test_people_are_counted_once_by_what_happened_to_them(may: None) -> None:
    persons = _rows(build_report(MAY), "persons")
    assert persons["detained"] == (1, 1)
    assert persons["arrested (administrative arrest)"] == (1, 1)
    assert persons["fined (administrative)"] == (1, 1), "the draft's fine is left out"
    assert persons["charged (criminal case)"] == (1, 1)
    assert persons["sentenced (criminal court)"] == (1, 1)


def test_a_person_detained_before_the_period_is_not_new(may: None) -> None:
    earlier = Spec("April 28, Aktobe, police detained Bolat Nurgaliyev at the bazaar[1].", "2025-04-28",
                   ("Aktobe", "city", "Aktobe Region"), persons=[("Bolat Nurgaliyev", "Nurgaliyev B.", "subject")],
                   types=["detention"], refs=(1,))
    doc, records = document([earlier])
    services.ingest_document(doc, records=records, key="2025-04", status="published")
    assert _rows(build_report(MAY), "persons")["detained"] == (1, 0)


def test_refusals_by_place_organiser_and_stated_reason(may: None) -> None:
    report = build_report(MAY)
    assert _rows(report, "refusal_city") == {"Oral": 2}
    assert _rows(report, "refusal_organiser") == {"Temirova S.": 2}
    reasons = load_refusal_reasons()
    assert _rows(report, "refusal_reason")[reasons.label("works")] == 1
    assert sum(_rows(report, "refusal_reason").values()) == 2  # type: ignore[arg-type]


def test_sanction_totals_count_what_was_imposed(may: None) -> None:
    sanctions = {row[0]: row[1:] for row in build_report(MAY).figure("sanctions").rows}
    assert sanctions["Administrative arrest"] == (1, 1, 15, "days")
    assert sanctions["Imprisonment"] == (1, 1, 4.0, "years")
    assert sanctions["Restriction of liberty"][0] == 0, "upheld on appeal: counted when imposed"
    assert sanctions["Fines"] == (1, 1, 78640, "tenge")


def test_articles_have_their_titles_and_people_leave_out_confidential_entries(may: None) -> None:
    report = build_report(MAY)
    articles = {row[0]: row[1:] for row in report.figure("article").rows}
    assert articles["CC 274"] == ("Dissemination of knowingly false information", 2)
    assert articles["CAO 488"][1] == 1
    people = _rows(report, "people")
    assert people["Nurgaliyev B."] == 3 and people["Kassymov Y."] == 2
    assert "Abdikarimova G." not in people and "[name withheld]" not in people


def test_the_page_has_charts_the_period_and_the_caveat_for_every_figure(may: None) -> None:
    report = build_report(MAY)
    page = render_report(report, "html").decode()
    assert page.count("<svg") >= 4 and "<script" not in page and 'src="' not in page
    assert page.count("Period: 2025-05-01 to 2025-05-31") == len(report.figures) + 1
    assert CAVEAT in page
    for figure in report.figures:
        assert f"Counts {figure.counts}" in page.replace("&#x27;", "'"), figure.key


def test_markdown_states_what_each_table_counts(may: None) -> None:
    text = render_report(build_report(MAY), "md").decode()
    assert text.startswith("# Persecution in Kazakhstan in figures, 2025-05-01 to 2025-05-31")
    assert "| Nurgaliyev B. | 3 |" in text and "*Counts entries. Period: 2025-05-01 to 2025-05-31" in text


def test_the_workbook_has_a_sheet_per_figure_with_charts(may: None, tmp_path: Path) -> None:
    from openpyxl import load_workbook

    out = tmp_path / "figures.xlsx"
    assert main(["report", "--from", "2025-05", "--to", "2025-05", "-o", str(out)]) == 0
    book = load_workbook(out)
    report = build_report(MAY)
    assert len(book.sheetnames) == 1 + len(report.figures)
    assert CAVEAT in [c.value for c in book["About"]["A"]]
    charts = [n for n in zipfile.ZipFile(io.BytesIO(out.read_bytes())).namelist() if n.startswith("xl/charts/")]
    assert len(charts) >= 4


def test_no_entries_is_a_message_not_an_empty_report(db: None, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["report", "--format", "md"]) != 0
    assert "no entries match" in capsys.readouterr().err

