"""``kuzet people-list``, ``set-status`` and ``recognize``."""

from __future__ import annotations

import csv
import datetime as dt
import io
from pathlib import Path

import pytest

from kuzet.cli import main
from kuzet.publish import models as pm
from kuzet.publish.people_list import build_people_list, render_people_list
from kuzet.store import models as m
from kuzet.store.selectors import EntryFilter

pytestmark = pytest.mark.db

END = dt.date(2025, 5, 31)


def _situations(as_of: dt.date = END, **kw: object) -> dict[str, tuple[str, str | None, str | None]]:
    pl = build_people_list(as_of, **kw)  # type: ignore[arg-type]
    return {
        r.name: (r.state.label, r.state.since and r.state.since.isoformat(), r.state.until and r.state.until.isoformat())
        for r in pl.people
    }


def test_each_person_gets_a_situation_from_their_timeline(may: None) -> None:
    assert _situations() == {
        "Kassymov Y.": ("in custody (imprisonment)", "2025-05-14", "2029-05-13"),
        "Seitova A.": ("restricted liberty or probation (restriction of liberty)", "2025-05-12", "2027-05-12"),
        "Nurgaliyev B.": ("fined", "2025-05-22", None),
        "Temirova S.": ("free", None, None),
    }


def test_an_earlier_day_gives_the_situation_then(may: None) -> None:
    then = _situations(dt.date(2025, 5, 11))
    assert then["Nurgaliyev B."] == ("in custody (administrative arrest)", "2025-05-03", "2025-05-18")
    assert then["Kassymov Y."] == ("in custody (pre-trial detention)", "2025-05-10", "2025-07-09")
    assert "Seitova A." not in then, "her only entry is dated 12 May"


def test_the_list_can_be_narrowed_to_a_situation(may: None) -> None:
    assert list(_situations(situations=["in-custody"])) == ["Kassymov Y."]


def test_confidential_and_draft_entries_are_left_out_unless_asked(may: None) -> None:
    assert "Abdikarimova G." not in _situations() and "Ospanov M." not in _situations()
    assert "Abdikarimova G." in _situations(include_confidential=True)
    assert "Ospanov M." in _situations(f=EntryFilter(statuses=("draft", "published")))


def test_an_editor_sets_a_situation_and_records_a_recognition(may: None, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["set-status", "Temirova S.", "abroad", "--since", "2025-05-25", "--detail", "left for Georgia",
                 "--note", "told by her lawyer"]) == 0
    assert main(["recognize", "Kassymov Y.", "--by", "Example Rights Bureau", "--date", "2025-05-28",
                 "--criteria", "political prisoner", "--source", "https://rights.example.org/statement/1"]) == 0
    capsys.readouterr()
    pl = build_people_list(END)
    rows = {r.name: r for r in pl.people}
    assert rows["Temirova S."].state.label == "abroad (left for Georgia)"
    assert rows["Temirova S."].state.source == "editor"
    assert rows["Kassymov Y."].recognition == "Example Rights Bureau, 2025-05-28 (political prisoner)"
    # an editor's decisions are in the audit trail
    actions = set(m.AuditEvent.objects.filter(object_type="person").values_list("action", flat=True))
    assert {"set-status", "recognize"} <= actions
    assert pm.PersonStatusOverride.objects.get().person_name == "Temirova S."
    # before the decision, the entries decide
    assert {r.name: r.state.status for r in build_people_list(dt.date(2025, 5, 24)).people}["Temirova S."] == "free"


def test_a_person_nobody_is_named_is_a_message(may: None, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["set-status", "Nobodyov Q.", "free", "--since", "2025-05-01"]) == 1
    assert "nobody is named 'Nobodyov Q.'" in capsys.readouterr().err


@pytest.mark.parametrize("fmt", ["md", "html", "csv", "xlsx"])
def test_every_format_states_its_date_and_definition(may: None, tmp_path: Path, fmt: str) -> None:
    out = tmp_path / f"list.{fmt}"
    assert main(["people-list", "--as-of", "2025-05-31", "-o", str(out)]) == 0
    if fmt == "xlsx":
        from openpyxl import load_workbook

        sheet = load_workbook(out)["People"]
        text = "\n".join(str(c.value) for row in sheet.iter_rows() for c in row if c.value is not None)
    else:
        text = out.read_text(encoding="utf-8")
    if fmt == "csv":
        rows = list(csv.DictReader(io.StringIO(text)))
        assert {r["name"]: r["situation"] for r in rows}["Kassymov Y."] == "in custody (imprisonment)"
        assert {r["name"]: r["expected end"] for r in rows}["Kassymov Y."] == "2029-05-13"
        return
    assert "as of 2025-05-31" in text and "names as the subject" in text
    assert "Kassymov Y." in text and "Abdikarimova" not in text


def test_the_markdown_lists_people_most_restricted_first(may: None) -> None:
    text = render_people_list(build_people_list(END), "md").decode()
    order = [name for name in ("Kassymov", "Seitova", "Nurgaliyev", "Temirova") if name in text]
    assert sorted(order, key=text.index) == order
