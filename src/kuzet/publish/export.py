"""Exports: every selected record, streamed, in csv, jsonl, xlsx, geojson, sqlite or acled.

    export(scope, fmt, path) -> ExportReport

- ``csv``: one CSV per table (see :mod:`kuzet.publish.tables`) and a README, in a new
  directory, or in a ``.zip`` when the path ends so;
- ``jsonl``: one entry per line with everything about it nested (persons, articles,
  sanctions, types, sources);
- ``xlsx``: one sheet per table (written in openpyxl's streaming mode; a table longer
  than a sheet goes on in a second sheet);
- ``geojson``: one feature per entry at its place (``null`` geometry when unplaced);
- ``sqlite``: the tables with their foreign keys, an FTS5 index on the entries'
  text, and a Datasette ``metadata.json`` beside the file;
- ``acled``: one CSV row per dated entry in the ACLED dataset's columns.

Everything is written to a temporary name beside the target and renamed into place
at the end: a failed export leaves nothing half-written.
"""

from __future__ import annotations

import csv
import io
import json
import sqlite3
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TextIO

from .. import __version__
from ..store import models as m
from .acled import ACLED_COLUMNS, acled_row
from .errors import PublishError
from .files import atomic_dir as _atomic_dir
from .files import atomic_file as _atomic_file
from .report import CAVEAT
from .selection import iterate, shown_text
from .tables import TABLES, Scope, Table, partial_date

__all__ = ["EXPORT_FORMATS", "SENSITIVITY", "ExportReport", "entry_record", "export"]

EXPORT_FORMATS = ("csv", "jsonl", "xlsx", "geojson", "sqlite", "acled")
XLSX_ROWS = 1_048_575  # a sheet's rows, less the header
SENSITIVITY = (
    "Sensitive data: these records name people persecuted for political reasons, and "
    "publishing or combining them can put those people at risk. Names in confidential "
    "entries are withheld unless the export was made with --with-names; check before you "
    "share this file further. " + CAVEAT
)
DEFAULT_LICENCE = (
    "The records' licence is set by the organisation that published the chronicles; "
    "ask it before reuse. Kuzet, the software, is AGPL-3.0-or-later."
)


@dataclass(frozen=True, slots=True)
class ExportReport:
    path: Path
    format: str
    rows: dict[str, int]  # table (or "entries") → rows written


# --- nested records (jsonl, geojson, acled) ------------------------------------------------


def _place(place: m.Place | None) -> dict[str, Any] | None:
    if place is None:
        return None
    region = place.region
    lat, lon = place.lat, place.lon
    if lat is None and region is not None:  # an unplaced town: its region's point
        lat, lon = region.lat, region.lon
    return {
        "id": place.pk,
        "name": place.name,
        "kind": place.kind,
        "region": region.name if region else (place.name if place.kind == "region" else None),
        "country": place.country,
        "lat": lat,
        "lon": lon,
    }


def entry_record(e: m.Entry, scope: Scope) -> dict[str, Any]:
    """Everything about one entry (its relations prefetched), names withheld as the scope says."""
    withholding, mark = scope.withholding, scope.mark
    articles = scope.knowledge.articles
    mentions = list(e.person_mentions.all())
    hidden = {p.pk for p in mentions if withholding.hides(e, p)}
    hidden_keys = {p.key for p in mentions if p.pk in hidden}
    persons = [
        {"name": mark, "role": p.role} if p.pk in hidden
        else {"name": p.key, "written": p.written, "role": p.role, "person_id": p.person_id}
        for p in mentions
    ]

    def sanctioned(s: m.Sanction) -> str | None:
        if s.person_key and (s.mention_id in hidden or s.person_key in hidden_keys or (withholding.withhold and e.confidential)):
            return mark
        return s.person_key or None

    return {
        "id": e.pk,
        "doc": e.document.key,
        "n": e.n,
        "date": partial_date(e.date, e.date_precision) or None,
        "date_precision": e.date_precision,
        "date_text": e.date_text,
        "place": _place(e.place),
        "place_precision": e.place_precision,
        "persons": persons,
        "legal_refs": [
            {"code": r.code, "article": r.article, "part": r.part or None,
             "title": articles.title(r.code, r.article, part=r.part or None)}
            for r in e.legal_refs.all()
        ],
        "sanctions": [
            {"kind": s.kind, "days": s.days, "amount_kzt": s.amount_kzt,
             "person": sanctioned(s), "status": s.status}
            for s in e.sanctions.all()
        ],
        "types": list(dict.fromkeys(t.type_id for t in e.types.all())),
        "sources": [
            {"footnote": c.footnote, "url": c.source.url, "domain": c.source.domain, "original_url": c.original_url}
            for c in e.citations.all()
        ],
        "review_status": e.review_status,
        "confidential": e.confidential,
        "created_at": e.created_at.isoformat(),
        "updated_at": e.updated_at.isoformat(),
        "text": shown_text(e, scope.withholding),
    }


def entry_records(scope: Scope) -> Iterator[dict[str, Any]]:
    qs = scope.entries().select_related("document", "place", "place__region").defer("document__lint_findings")
    for e in iterate(qs, "types", "person_mentions", "legal_refs", "sanctions", "citations__source"):
        yield entry_record(e, scope)


def _jsonl(scope: Scope, out: TextIO) -> dict[str, int]:
    n = 0
    for record in entry_records(scope):
        out.write(json.dumps(record, ensure_ascii=False) + "\n")
        n += 1
    return {"entries": n}


def _geojson(scope: Scope, out: TextIO) -> dict[str, int]:
    out.write('{"type": "FeatureCollection", "features": [\n')
    n = 0
    for record in entry_records(scope):
        place = record["place"] or {}
        geometry = (
            {"type": "Point", "coordinates": [place["lon"], place["lat"]]}
            if place.get("lat") is not None and place.get("lon") is not None
            else None
        )
        feature = {"type": "Feature", "id": record["id"], "geometry": geometry, "properties": record}
        out.write(("" if n == 0 else ",\n") + json.dumps(feature, ensure_ascii=False))
        n += 1
    out.write("\n]}\n")
    return {"entries": n}


def _acled(scope: Scope, out: TextIO) -> dict[str, int]:
    writer = csv.DictWriter(out, fieldnames=ACLED_COLUMNS, lineterminator="\n")
    writer.writeheader()
    n = skipped = 0
    for record in entry_records(scope):
        row = acled_row(record)
        if row is None:
            skipped += 1
            continue
        writer.writerow(row)
        n += 1
    return {"events": n, "undated entries left out": skipped}


# --- tables (csv, xlsx, sqlite) ---------------------------------------------------------------


def _readme(scope: Scope) -> str:
    lines = ["Kuzet export", "", SENSITIVITY, "", f"Made by Kuzet {__version__}. {DEFAULT_LICENCE}", ""]
    lines.append(f"Entries with review status: {', '.join(scope.f.statuses)}.")
    for t in TABLES:
        lines += ["", f"{t.name}.csv: {t.description}"]
        for c in t.columns:
            ref = f" (-> {c.references[0]}.{c.references[1]})" if c.references else ""
            lines.append(f"  {c.name}: {c.description}{ref}")
    return "\n".join(lines) + "\n"


def _csv_table(t: Table, scope: Scope, out: TextIO) -> int:
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(t.column_names)
    n = 0
    for row in t.rows(scope):
        writer.writerow(row)
        n += 1
    return n


def _csv(scope: Scope, path: Path) -> dict[str, int]:
    counts: dict[str, int] = {}
    if path.suffix.lower() == ".zip":
        with _atomic_file(path) as tmp, zipfile.ZipFile(tmp, "w", zipfile.ZIP_DEFLATED) as archive:
            archive.writestr("README.txt", _readme(scope))
            for t in TABLES:
                with (
                    archive.open(f"{t.name}.csv", "w", force_zip64=True) as raw,
                    io.TextIOWrapper(raw, encoding="utf-8", newline="") as out,
                ):
                    counts[t.name] = _csv_table(t, scope, out)
        return counts
    with _atomic_dir(path) as tmp:
        (tmp / "README.txt").write_text(_readme(scope), encoding="utf-8")
        for t in TABLES:
            with open(tmp / f"{t.name}.csv", "w", encoding="utf-8", newline="") as out:
                counts[t.name] = _csv_table(t, scope, out)
    return counts


def _xlsx(scope: Scope, path: Path) -> dict[str, int]:
    from openpyxl import Workbook

    counts: dict[str, int] = {}
    with _atomic_file(path) as tmp:
        book = Workbook(write_only=True)
        about = book.create_sheet("README")
        for line in _readme(scope).splitlines():
            about.append([line])
        for t in TABLES:
            sheet, part, in_sheet, n = book.create_sheet(t.name), 1, 0, 0
            sheet.append(list(t.column_names))
            for row in t.rows(scope):
                if in_sheet == XLSX_ROWS:  # a sheet is full: go on in the next one
                    part += 1
                    sheet, in_sheet = book.create_sheet(f"{t.name} ({part})"), 0
                    sheet.append(list(t.column_names))
                sheet.append(list(row))
                in_sheet += 1
                n += 1
            counts[t.name] = n
        book.save(tmp)
    return counts


def _quote(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def _create(t: Table) -> str:
    cols = []
    for c in t.columns:
        sql = f"{_quote(c.name)} {c.type}"
        if c.name == "id":
            sql += " PRIMARY KEY"
        if c.references:
            sql += f" REFERENCES {_quote(c.references[0])}({_quote(c.references[1])})"
        cols.append(sql)
    return f"CREATE TABLE {_quote(t.name)} (\n  " + ",\n  ".join(cols) + "\n)"


def _metadata(scope: Scope, path: Path, licence: str, licence_url: str) -> dict[str, Any]:
    tables: dict[str, Any] = {}
    for t in TABLES:
        spec: dict[str, Any] = {"description": t.description, "columns": {c.name: c.description for c in t.columns}}
        if t.label:
            spec["label_column"] = t.label
        tables[t.name] = spec
    tables["entries"]["fts_table"] = "entries_fts"
    tables["entries"]["fts_pk"] = "id"
    meta: dict[str, Any] = {
        "title": "Kuzet: chronicles of political persecution in Kazakhstan",
        "description": f"{SENSITIVITY} Entries with review status: {', '.join(scope.f.statuses)}.",
        "license": licence,
        "source": f"Kuzet {__version__}",
        "databases": {path.stem: {"description": SENSITIVITY, "tables": tables}},
    }
    if licence_url:
        meta["license_url"] = licence_url
    return meta


def _sqlite(scope: Scope, path: Path, licence: str, licence_url: str) -> dict[str, int]:
    counts: dict[str, int] = {}
    with _atomic_file(path) as tmp:
        db = sqlite3.connect(tmp)
        try:
            db.execute("PRAGMA journal_mode=OFF")
            db.execute("PRAGMA synchronous=OFF")
            for t in TABLES:
                db.execute(_create(t))
                insert = f"INSERT INTO {_quote(t.name)} VALUES ({', '.join('?' * len(t.columns))})"
                batch: list[tuple[Any, ...]] = []
                n = 0
                for row in t.rows(scope):
                    batch.append(row)
                    if len(batch) >= 5000:
                        db.executemany(insert, batch)
                        n, batch = n + len(batch), []
                db.executemany(insert, batch)
                counts[t.name] = n + len(batch)
                for c in t.columns:
                    if c.references:
                        db.execute(f"CREATE INDEX {_quote(f'{t.name}_{c.name}')} ON {_quote(t.name)}({_quote(c.name)})")
            # Datasette finds the index by its content="entries" and offers search on the table.
            db.execute(
                'CREATE VIRTUAL TABLE "entries_fts" USING FTS5 (text, place, region, '
                'content="entries", content_rowid="id")'
            )
            db.execute("INSERT INTO entries_fts (entries_fts) VALUES ('rebuild')")
            db.commit()
        finally:
            db.close()
    meta_path = path.parent / "metadata.json"
    with _atomic_file(meta_path) as tmp:
        tmp.write_text(json.dumps(_metadata(scope, path, licence, licence_url), indent=2, ensure_ascii=False) + "\n",
                       encoding="utf-8")
    return counts


def _text_file(path: Path, write: Any, scope: Scope) -> dict[str, int]:
    with _atomic_file(path) as tmp, open(tmp, "w", encoding="utf-8", newline="") as out:
        return dict(write(scope, out))


def export(
    scope: Scope, fmt: str, path: Path, *, licence: str = DEFAULT_LICENCE, licence_url: str = ""
) -> ExportReport:
    """Write the records ``scope`` selects to ``path`` in ``fmt``."""
    if fmt == "csv":
        rows = _csv(scope, path)
    elif fmt == "jsonl":
        rows = _text_file(path, _jsonl, scope)
    elif fmt == "geojson":
        rows = _text_file(path, _geojson, scope)
    elif fmt == "acled":
        rows = _text_file(path, _acled, scope)
    elif fmt == "xlsx":
        rows = _xlsx(scope, path)
    elif fmt == "sqlite":
        rows = _sqlite(scope, path, licence, licence_url)
    else:
        raise PublishError(f"unknown export format {fmt!r}; one of {', '.join(EXPORT_FORMATS)}")
    return ExportReport(path, fmt, rows)
