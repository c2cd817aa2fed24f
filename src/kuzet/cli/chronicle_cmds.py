"""``kuzet read`` and ``kuzet lint``: what the reader sees in a chronicle, and what is wrong with it.

Both are thin shells over :mod:`kuzet.chronicle.read` and :mod:`kuzet.chronicle.lint`.
Output is built in full before anything is printed, so a failure never leaves
half a table or half a JSON stream behind.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any, TypeVar

import click

from ..chronicle.lint import CODES, Finding, has_errors, lint
from ..chronicle.model import Document, Entry, Period
from ..chronicle.read import lead_date_of, read_document
from . import cli

F = TypeVar("F", bound=Callable[..., Any])


def _period(ctx: click.Context, param: click.Parameter, value: str | None) -> Period | None:
    if value is None:
        return None
    try:
        return Period.parse(value)
    except ValueError as exc:
        raise click.BadParameter(str(exc)) from None


def chronicle_argument(func: F) -> F:
    """The CHRONICLE argument and ``--period``, shared by the commands that read one."""
    func = click.option(
        "--period",
        callback=_period,
        metavar="YYYY-MM",
        help="The month the chronicle covers (default: from its title, file name or dates).",
    )(func)
    return click.argument("chronicle", metavar="CHRONICLE")(func)


@cli.command("read")
@chronicle_argument
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["table", "jsonl", "json"]),
    default="table",
    show_default=True,
    help="table: for reading; jsonl: one JSON object per entry; json: the whole document.",
)
def read_cmd(chronicle: str, period: Period | None, fmt: str) -> None:
    """Show how Kuzet reads CHRONICLE (.txt, .md, .html or .docx): its period,
    entries and references."""
    document = read_document(chronicle, period=period)
    if fmt == "jsonl":
        click.echo(
            "\n".join(
                json.dumps(_entry_json(document, e), ensure_ascii=False) for e in document.entries
            )
        )
    elif fmt == "json":
        click.echo(json.dumps(_document_json(document), ensure_ascii=False, indent=2))
    else:
        _print_document(document)


@cli.command("lint")
@chronicle_argument
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["table", "json"]),
    default="table",
    show_default=True,
    help="table: for reading; json: for programs.",
)
@click.pass_context
def lint_cmd(ctx: click.Context, chronicle: str, period: Period | None, fmt: str) -> None:
    """Check CHRONICLE: footnotes, source URLs, dates, leftover page text.

    Exit status 1 if any finding is an error, else 0.
    """
    document = read_document(chronicle, period=period)
    findings = lint(document)
    if fmt == "json":
        click.echo(json.dumps(_lint_json(document, findings), ensure_ascii=False, indent=2))
    else:
        _print_findings(document, findings)
    if has_errors(findings):
        ctx.exit(1)


# -- JSON ----------------------------------------------------------------------
def _doc_label(document: Document) -> str:
    return str(document.period) if document.period else document.name


def _entry_json(document: Document, entry: Entry) -> dict[str, Any]:
    listed = document.reference_map()
    return {
        "doc": _doc_label(document),
        "n": entry.n,
        "text": entry.text,
        "refs": list(entry.refs),
        "references": {str(n): listed.get(n) for n in dict.fromkeys(entry.refs)},
        "line": entry.line,
    }


def _document_json(document: Document) -> dict[str, Any]:
    return {
        "name": document.name,
        "format": document.format,
        "period": str(document.period) if document.period else None,
        "period_source": document.period_source,
        "title": document.title,
        "entries": [_entry_json(document, e) for e in document.entries],
        "references": [{"n": r.n, "url": r.url, "line": r.line} for r in document.references],
        "chrome": [{"text": c.text, "line": c.line, "kind": c.kind} for c in document.chrome],
    }


def _lint_json(document: Document, findings: list[Finding]) -> dict[str, Any]:
    counts = {s: sum(1 for f in findings if f.severity == s) for s in ("error", "warning", "info")}
    return {
        "doc": _doc_label(document),
        "name": document.name,
        "findings": [
            {
                "code": f.code,
                "severity": f.severity,
                "entry": f.entry,
                "reference": f.reference,
                "message": f.message,
            }
            for f in findings
        ],
        "counts": counts,
    }


# -- tables --------------------------------------------------------------------
def _console() -> Any:
    from rich.console import Console

    return Console(highlight=False, soft_wrap=False)


def _first_words(text: str, width: int = 42) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1] + "…"


def _print_document(document: Document) -> None:
    from rich.table import Table

    console = _console()
    listed = document.reference_map()
    console.print(f"[bold]{document.name}[/] ({document.format})")
    if document.title:
        console.print(f"title:  {document.title}", markup=False)
    console.print(f"period: {document.period} (from the {document.period_source})")
    console.print(
        f"{len(document.entries)} entries, {len(document.references)} references"
        + (f", {len(document.chrome)} lines skipped" if document.chrome else "")
    )
    entries = Table(header_style="bold")
    entries.add_column("n", justify="right", no_wrap=True, min_width=3)
    entries.add_column("date", no_wrap=True, min_width=7)
    entries.add_column("text", no_wrap=True, overflow="ellipsis")
    entries.add_column("refs", no_wrap=True, min_width=4)
    for entry in document.entries:
        lead = lead_date_of(entry.text)
        refs = " ".join(f"{n}" if n in listed else f"[red]{n}?[/]" for n in entry.refs)
        entries.add_row(
            str(entry.n),
            _escape(lead.text) if lead else "[yellow]—[/]",
            _escape(
                _first_words(entry.text[lead.end :].lstrip(" ,.:;–—-") if lead else entry.text)
            ),
            refs or "[yellow]none[/]",
        )
    console.print(entries)
    if document.references:
        refs_table = Table(header_style="bold")
        refs_table.add_column("n", justify="right", no_wrap=True, min_width=5)
        refs_table.add_column("url", overflow="fold")
        for ref in document.references:
            refs_table.add_row(f"[{ref.n}]".replace("[", r"\["), _escape(ref.url))
        console.print(refs_table)
    missing = sorted({n for e in document.entries for n in e.refs if n not in listed})
    if missing:
        console.print(
            f"[red]missing references:[/] {', '.join(map(str, missing))} (see kuzet lint)"
        )


def _escape(text: str) -> str:
    from rich.markup import escape

    return escape(text)


def _print_findings(document: Document, findings: list[Finding]) -> None:
    # One line per finding, not a table: long messages stay whole and grep works.
    console = _console()
    colour = {"error": "red", "warning": "yellow", "info": "cyan"}
    width = max((len(f.code) for f in findings), default=0)
    for f in findings:
        console.print(
            f"[{colour[f.severity]}]{f.severity:<7}[/] {f.code:<{width}}  {_escape(f.message)}",
            soft_wrap=True,
        )
    counts = {s: sum(1 for f in findings if f.severity == s) for s in ("error", "warning", "info")}
    if not findings:
        console.print(f"{document.name}: no findings ({len(document.entries)} entries checked)")
    else:
        console.print(
            f"{document.name}: {counts['error']} errors, {counts['warning']} warnings, "
            f"{counts['info']} notes ({len(document.entries)} entries checked)"
        )


__all__ = ["CODES", "chronicle_argument", "lint_cmd", "read_cmd"]
