"""``kuzet extract``: the structured record of every entry of a chronicle.

A thin shell over :func:`kuzet.chronicle.extract.extract_document`. The output is
built in full before anything is printed, so an error never leaves half a file.

    --format jsonl   one JSON object per entry, the shape of spec/record-format.md
    --format table   a readable table (rich)
    --format csv     one row per entry, lists joined with "; "
    --explain        each value with the words of the entry it came from
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import click

from ..chronicle.extract import extract_document
from ..chronicle.knowledge import Knowledge
from ..chronicle.model import (
    LegalRef,
    Mention,
    PartialDate,
    Period,
    Person,
    Place,
    Record,
    Sanction,
)
from ..chronicle.read import read_document
from . import cli
from .chronicle_cmds import chronicle_argument

__all__ = ["CSV_COLUMNS", "explain_items", "extract_cmd", "record_csv_rows"]

CSV_COLUMNS = (
    "doc", "n", "date", "place", "place_kind", "region", "country",
    "persons", "legal_refs", "sanctions", "types", "refs", "text",
)  # fmt: skip
LIST_SEPARATOR = "; "
# One colour per field, used both for the highlighted text and for the legend.
FIELD_STYLES = {
    "date": "bold cyan",
    "place": "bold green",
    "person": "bold magenta",
    "law": "bold yellow",
    "sanction": "bold red",
    "type": "bold blue",
}


@cli.command("extract")
@chronicle_argument
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["table", "jsonl", "csv"]),
    default="table",
    show_default=True,
    help="table: for reading; jsonl: one record per line (spec shape); csv: for spreadsheets.",
)
@click.option(
    "--explain",
    is_flag=True,
    help="Show, for each value, the words of the entry it came from (table or jsonl).",
)
@click.option(
    "--taxonomy",
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    metavar="FILE",
    help="Use this event taxonomy (YAML) instead of the bundled one; see docs/extraction.md.",
)
@click.option(
    "--gazetteer",
    "gazetteers",
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    multiple=True,
    metavar="FILE",
    help="Add the places in this gazetteer (CSV). Repeatable.",
)
@click.option(
    "--replace-gazetteer",
    is_flag=True,
    help="Use only the --gazetteer files, not the bundled places.",
)
def extract_cmd(
    chronicle: str,
    period: Period | None,
    fmt: str,
    explain: bool,
    taxonomy: Path | None,
    gazetteers: tuple[Path, ...],
    replace_gazetteer: bool,
) -> None:
    """Extract date, place, persons, legal references, sanctions and event types
    from every entry of CHRONICLE."""
    if replace_gazetteer and not gazetteers:
        raise click.UsageError("--replace-gazetteer needs at least one --gazetteer FILE")
    if explain and fmt == "csv":
        raise click.UsageError("--explain works with --format table or jsonl, not csv")
    knowledge = Knowledge(
        gazetteer_files=gazetteers, replace_gazetteer=replace_gazetteer, taxonomy_file=taxonomy
    )
    # Load the organisation's files first: a mistake in them is reported before
    # any work is done on the chronicle.
    knowledge.taxonomy  # noqa: B018
    knowledge.gazetteer  # noqa: B018
    document = read_document(chronicle, period=period, knowledge=knowledge)
    records = extract_document(document, knowledge=knowledge)
    if fmt == "jsonl":
        click.echo(_jsonl(records, explain), nl=False)
    elif fmt == "csv":
        click.echo(_csv(records), nl=False)
    else:
        _print_table(records, knowledge, explain)


# -- what each value came from -----------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class ExplainItem:
    field: str  # date, place, person, law, sanction, type
    value: str  # the value, as shown to a reader
    start: int
    end: int
    text: str  # the words of the entry: text[start:end]


def explain_items(record: Record) -> list[ExplainItem]:
    """Every extracted value of a record with the words it came from, in field order."""
    items: list[ExplainItem] = []

    def add(field: str, mention: Mention[Any], value: str) -> None:
        items.append(ExplainItem(field, value, mention.start, mention.end, mention.text))

    if record.date:
        add("date", record.date, _date_text(record.date.value))
    if record.place:
        add("place", record.place, _place_text(record.place.value))
    for person in record.persons:
        add("person", person, _person_text(person.value))
    for ref in record.legal_refs:
        add("law", ref, _law_text(ref.value))
    for sanction in record.sanctions:
        add("sanction", sanction, _sanction_text(sanction.value))
    for event_type in record.types:
        add("type", event_type, event_type.value)
    return items


def _date_text(d: PartialDate) -> str:
    return d.iso() or "-".join(f"{p:02d}" for p in (d.year, d.month, d.day) if p is not None)


def _place_text(p: Place) -> str:
    where = ", ".join(x for x in (p.region, p.country) if x)
    return f"{p.name} ({p.kind}{', ' + where if where else ''})"


def _person_text(p: Person) -> str:
    return f"{p.name} ({p.role})"


def _law_text(ref: LegalRef) -> str:
    return f"{ref.code} {ref.article}" + (f" part {ref.part}" if ref.part else "")


def _sanction_text(s: Sanction) -> str:
    parts = [s.kind]
    if s.days is not None:
        parts.append(f"{s.days} days")
    if s.amount_kzt is not None:
        parts.append(f"{s.amount_kzt} KZT")
    if s.person:
        parts.append(s.person)
    parts.append(s.status)
    return " ".join(parts)


def _sanction_short(s: Sanction) -> str:
    """Without the person, who is in the persons column of the table."""
    amount = f" {s.days} days" if s.days is not None else ""
    amount += f" {s.amount_kzt} KZT" if s.amount_kzt is not None else ""
    status = "" if s.status == "imposed" else f" ({s.status})"
    return f"{s.kind.replace('_', ' ')}{amount}{status}"


# -- jsonl and csv ---------------------------------------------------------------------------


def _jsonl(records: Sequence[Record], explain: bool) -> str:
    lines = []
    for record in records:
        data = record.to_dict()
        if explain:
            data["evidence"] = [
                {"field": i.field, "value": i.value, "text": i.text, "start": i.start, "end": i.end}
                # a type without words is the fallback: nothing was recognised
                | ({"fallback": True} if i.field == "type" and i.start == i.end else {})
                for i in explain_items(record)
            ]
        lines.append(json.dumps(data, ensure_ascii=False) + "\n")
    return "".join(lines)


def record_csv_rows(records: Sequence[Record]) -> Iterator[list[str]]:
    """One flat row per record, in :data:`CSV_COLUMNS` order; lists joined with "; "."""
    for record in records:
        data = record.to_dict()
        place: dict[str, Any] = data["place"] or {}  # type: ignore[assignment]
        yield [
            str(data["doc"]),
            str(data["n"]),
            str(data["date"] or ""),
            str(place.get("name") or ""),
            str(place.get("kind") or ""),
            str(place.get("region") or ""),
            str(place.get("country") or ""),
            LIST_SEPARATOR.join(_person_text(m.value) for m in record.persons),
            LIST_SEPARATOR.join(_law_text(m.value) for m in record.legal_refs),
            LIST_SEPARATOR.join(_sanction_text(m.value) for m in record.sanctions),
            LIST_SEPARATOR.join(data["types"]),  # type: ignore[arg-type]
            LIST_SEPARATOR.join(str(n) for n in record.refs),
            record.text,
        ]


def _csv(records: Sequence[Record]) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(CSV_COLUMNS)
    writer.writerows(record_csv_rows(records))
    return out.getvalue()


# -- table ----------------------------------------------------------------------------------


def _print_table(records: Sequence[Record], knowledge: Knowledge, explain: bool) -> None:
    from rich.console import Console

    console = Console(highlight=False)
    if explain:
        _print_legend(console)
        for record in records:
            _print_explained(console, record)
    else:
        console.print(_summary_table(records, knowledge))
    console.print(f"{len(records)} entries")


def _summary_table(records: Sequence[Record], knowledge: Knowledge) -> Any:
    from rich.table import Table

    table = Table(header_style="bold", show_lines=True)
    table.add_column("n", justify="right", no_wrap=True)
    table.add_column("date", no_wrap=True)
    for name in ("place", "persons", "law", "sanctions", "types"):
        table.add_column(name, overflow="fold")
    language = knowledge.language
    taxonomy = knowledge.taxonomy
    for record in records:
        type_ids = list(dict.fromkeys(m.value for m in record.types))
        labels = [taxonomy.get(t).label(language) if t in taxonomy else t for t in type_ids]
        table.add_row(
            str(record.n),
            _date_text(record.date.value) if record.date else "—",
            record.place.value.name if record.place else "—",
            "\n".join(_person_text(m.value) for m in record.persons),
            "\n".join(_law_text(m.value) for m in record.legal_refs),
            "\n".join(_sanction_short(m.value) for m in record.sanctions),
            "\n".join(labels),
        )
    return table


def _print_legend(console: Any) -> None:
    from rich.text import Text

    legend = Text("legend: ")
    for field, style in FIELD_STYLES.items():
        legend.append(field, style=style)
        legend.append("  ")
    console.print(legend)


def _print_explained(console: Any, record: Record) -> None:
    from rich.text import Text

    items = explain_items(record)
    console.print(Text(f"\n#{record.n}", style="bold"))
    text = Text(record.text)
    # Longer spans first, so a short span inside a long one keeps its own colour.
    for item in sorted(items, key=lambda i: i.start - i.end):
        if item.end > item.start:
            text.stylize(FIELD_STYLES[item.field], item.start, item.end)
    console.print(text)
    for item in items:
        line = Text("  ")
        line.append(f"{item.field:<9}", style=FIELD_STYLES[item.field])
        line.append(f"{item.value:<40} ")
        if item.end > item.start:
            line.append(f"{item.text!r}  [{item.start}:{item.end}]", style="dim")
        else:
            # the fallback type: nothing was recognised, so a reviewer should look
            line.append("(no words: nothing else matched)", style="dim")
            line.append("  fallback, check this entry", style="bold yellow")
        console.print(line, soft_wrap=True)
