"""``kuzet export``: every format, names withheld, tables complete, nothing half-written."""

from __future__ import annotations

import csv
import json
import sqlite3
import zipfile
from pathlib import Path

import pytest

from kuzet.cli import main
from kuzet.publish.acled import ACLED_COLUMNS
from kuzet.publish.tables import NOT_EXPORTED, TABLES
from kuzet.store import models as m

pytestmark = pytest.mark.db

SECRET = ("Abdikarimova", "Gulnara", "Beisenov", "Aset")  # a confidential entry; a confidential mention
FORMATS = {"csv": "out", "jsonl": "out.jsonl", "xlsx": "out.xlsx", "geojson": "out.geojson",
           "sqlite": "out.db", "acled": "acled.csv"}


def _export(tmp_path: Path, fmt: str, *extra: str) -> Path:
    out = tmp_path / FORMATS[fmt]
    assert main(["export", "--format", fmt, "-o", str(out), *extra]) == 0
    return out


def _all_text(path: Path, fmt: str) -> str:
    """Everything a file holds, as text, to look for names in."""
    if fmt == "csv":
        return "".join(p.read_text(encoding="utf-8") for p in sorted(path.iterdir()))
    if fmt == "xlsx":
        from openpyxl import load_workbook

        book = load_workbook(path, read_only=True)
        return "\n".join(str(v) for s in book.worksheets for row in s.iter_rows(values_only=True) for v in row)
    if fmt == "sqlite":
        db = sqlite3.connect(path)
        parts = []
        for t in TABLES:
            parts += [repr(row) for row in db.execute(f'SELECT * FROM "{t.name}"')]
        return "\n".join(parts)
    return path.read_text(encoding="utf-8")


@pytest.mark.parametrize("fmt", sorted(FORMATS))
def test_names_in_confidential_entries_are_withheld_in_every_format(may: None, tmp_path: Path, fmt: str) -> None:
    text = _all_text(_export(tmp_path, fmt), fmt)
    assert "Temirova" in text, "other names are there"
    assert not any(s in text for s in SECRET), fmt
    assert "[name withheld]" in text


def test_with_names_keeps_them(may: None, tmp_path: Path) -> None:
    assert "Gulnara Abdikarimova" in _all_text(_export(tmp_path, "jsonl", "--with-names"), "jsonl")


def test_jsonl_has_one_published_entry_a_line_with_everything_nested(may: None, tmp_path: Path) -> None:
    records = [json.loads(line) for line in _export(tmp_path, "jsonl").read_text().splitlines()]
    assert [r["n"] for r in records] == [1, 2, 3, 4, 5, 6, 7, 9, 10]
    second = records[1]
    assert second["date"] == "2025-05-03" and second["place"]["region"] == "Aktobe Region"
    assert second["legal_refs"] == [{"code": "CAO", "article": "488", "part": None,
                                     "title": second["legal_refs"][0]["title"]}]
    assert second["legal_refs"][0]["title"]
    assert second["sanctions"][0] == {"kind": "administrative_arrest", "days": 15, "amount_kzt": None,
                                      "person": "Nurgaliyev B.", "status": "imposed"}
    assert second["sources"][0]["footnote"] == 2 and second["types"] == ["administrative_arrest"]


def test_csv_is_a_directory_of_tables_or_a_zip(may: None, tmp_path: Path) -> None:
    folder = _export(tmp_path, "csv")
    assert sorted(p.name for p in folder.iterdir()) == sorted([f"{t.name}.csv" for t in TABLES] + ["README.txt"])
    entries = list(csv.DictReader((folder / "entries.csv").open(encoding="utf-8")))
    assert len(entries) == 9 and entries[0]["region"] == "Aktobe Region"
    mentions = list(csv.DictReader((folder / "person_mentions.csv").open(encoding="utf-8")))
    assert {r["entry_id"] for r in mentions} <= {r["id"] for r in entries}
    archive = tmp_path / "tables.zip"
    assert main(["export", "--format", "csv", "-o", str(archive)]) == 0
    with zipfile.ZipFile(archive) as z:
        assert z.read("entries.csv").decode() == (folder / "entries.csv").read_text(encoding="utf-8")


def test_sqlite_is_ready_for_datasette(may: None, tmp_path: Path) -> None:
    path = _export(tmp_path, "sqlite")
    db = sqlite3.connect(path)
    keys = {(row[2], row[3]) for row in db.execute("PRAGMA foreign_key_list(entries)")}
    assert keys == {("documents", "document_id"), ("places", "place_id")}
    hits = [row[0] for row in db.execute("SELECT rowid FROM entries_fts WHERE entries_fts MATCH 'akimat'")]
    texts = dict(db.execute("SELECT id, text FROM entries"))
    assert hits and all("akimat" in texts[h] for h in hits)
    create = db.execute("SELECT sql FROM sqlite_master WHERE name = 'entries_fts'").fetchone()[0]
    assert 'content="entries"' in create  # how Datasette finds a table's full-text index
    meta = json.loads((tmp_path / "metadata.json").read_text())
    tables = meta["databases"]["out"]["tables"]
    assert set(tables) == {t.name for t in TABLES} and tables["entries"]["fts_table"] == "entries_fts"
    assert "Sensitive" in meta["description"] and meta["license"]
    assert tables["persons"]["label_column"] == "name"


def test_geojson_puts_entries_at_their_places(may: None, tmp_path: Path) -> None:
    data = json.loads(_export(tmp_path, "geojson").read_text())
    assert data["type"] == "FeatureCollection" and len(data["features"]) == 9
    first = data["features"][0]
    lon, lat = first["geometry"]["coordinates"]
    assert 49 < lat < 52 and 56 < lon < 59, "Aktobe"
    assert first["properties"]["place"]["name"] == "Aktobe"


def test_acled_rows_map_types_actors_and_places(may: None, tmp_path: Path) -> None:
    rows = list(csv.DictReader(_export(tmp_path, "acled").open(encoding="utf-8")))
    assert tuple(rows[0]) == ACLED_COLUMNS and len(rows) == 9
    detention = rows[0]
    assert (detention["event_type"], detention["sub_event_type"]) == ("Strategic developments", "Arrests")
    assert detention["actor1"] == "Police Forces of Kazakhstan" and detention["interaction"] == "17"
    assert (detention["admin1"], detention["location"], detention["geo_precision"]) == ("Aktobe Region", "Aktobe", "1")
    assert detention["event_date"] == "2025-05-02" and detention["time_precision"] == "1"
    assert detention["fatalities"] == "0" and "[1]" not in detention["notes"]
    refusal = rows[2]
    assert refusal["sub_event_type"] == "Other" and refusal["tags"] == "assembly_refusal"


def test_xlsx_has_a_sheet_per_table(may: None, tmp_path: Path) -> None:
    from openpyxl import load_workbook

    book = load_workbook(_export(tmp_path, "xlsx"), read_only=True)
    assert book.sheetnames == ["README"] + [t.name for t in TABLES]
    header = next(book["entries"].iter_rows(values_only=True))
    assert header == tuple(c.name for c in TABLES[2].columns)


def test_every_field_is_exported_or_deliberately_left_out() -> None:
    tables = {t.name: set(t.column_names) for t in TABLES}
    models = {"documents": m.Document, "places": m.Place, "entries": m.Entry, "persons": m.Person,
              "person_mentions": m.PersonMention, "legal_refs": m.LegalRef, "sanctions": m.Sanction,
              "entry_types": m.EntryType, "sources": m.Source, "citations": m.Citation}
    missing = []
    for name, model in models.items():
        for f in model._meta.concrete_fields:
            if f.primary_key or {f.name, f.attname} & tables[name]:
                continue
            if f"{model._meta.model_name}.{f.name}" not in NOT_EXPORTED:
                missing.append(f"{name}: {f.name}")
    assert missing == [], "export these fields, or say in NOT_EXPORTED why not"


def test_an_existing_directory_is_not_overwritten_and_nothing_is_left_behind(
    may: None, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = tmp_path / "out"
    folder.mkdir()
    (folder / "mine.txt").write_text("keep")
    assert main(["export", "--format", "csv", "-o", str(folder)]) != 0
    assert "already exists" in capsys.readouterr().err
    assert [p.name for p in folder.iterdir()] == ["mine.txt"]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out"], "no temporary files left"


def test_an_export_that_fails_leaves_no_file(may: None, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from kuzet.publish import export as export_module

    def broken(record: object) -> None:
        raise RuntimeError("disk on fire")

    monkeypatch.setattr(export_module, "acled_row", broken)
    with pytest.raises(RuntimeError):
        main(["export", "--format", "acled", "-o", str(tmp_path / "a.csv")])
    assert list(tmp_path.iterdir()) == []
