"""Publishing commands: chronicle, report, people-list, recognize, set-status, export,
backup, restore.

A thin shell over :mod:`kuzet.publish`. The entry filters are the store's shared
options (``--from``, ``--to``, ``--place``, ``--type``, ...), so a chronicle, a report
and a search given the same options cover the same entries. Publications show
published entries only unless ``--status`` names others, and withhold names in
confidential entries unless ``--with-names`` is given.

Output goes to ``-o FILE`` (written whole or not at all) or, for text formats, to
standard output; the format follows the file's extension unless ``--format`` says.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path
from typing import Any

import click

from . import cli
from .store_cmds import _database, _filter, _validated, filter_options

__all__ = ["backup", "chronicle", "export", "people_list", "recognize", "report", "restore", "set_status"]

BINARY = ("docx", "xlsx")
SUFFIXES = {".txt": "txt", ".md": "md", ".markdown": "md", ".html": "html", ".htm": "html",
            ".docx": "docx", ".xlsx": "xlsx", ".csv": "csv"}


def _day(ctx: click.Context, param: click.Parameter, value: str | None) -> dt.date | None:
    if value is None:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise click.BadParameter(f"write a date as YYYY-MM-DD, not {value!r}") from None


def _format(fmt: str | None, output: Path | None, allowed: tuple[str, ...], default: str) -> str:
    if fmt:
        return fmt
    if output is not None:
        guessed = SUFFIXES.get(output.suffix.lower())
        if guessed in allowed:
            return guessed
    return default


def _emit(data: bytes, fmt: str, output: Path | None) -> None:
    """Write to ``output`` whole, or print text to standard output."""
    from ..publish.files import write_bytes

    if output is None:
        if fmt in BINARY:
            raise click.ClickException(f"{fmt} is not text; give a file to write it to with -o FILE")
        click.echo(data.decode("utf-8"), nl=False)
        return
    _writing(output, lambda: write_bytes(output, data))


def _writing(output: Path, write: Callable[[], Any]) -> Any:
    try:
        return write()
    except IsADirectoryError:
        raise click.ClickException(f"cannot write {output}: it is a directory") from None
    except OSError as exc:
        raise click.ClickException(f"cannot write {output}: {exc.strerror or exc}") from None


def _say(message: str) -> None:
    click.echo(message, err=True)


def _with_names_option(func: Callable[..., Any]) -> Callable[..., Any]:
    return click.option(
        "--with-names", is_flag=True,
        help="Keep the names in confidential entries (for internal use; never for publication).",
    )(func)


def _output_option(func: Callable[..., Any]) -> Callable[..., Any]:
    return click.option("-o", "--output", type=click.Path(path_type=Path, dir_okay=False),
                        help="Write to FILE (its extension chooses the format).")(func)


# --- chronicle --------------------------------------------------------------------------


@cli.command()
@click.argument("query", required=False, default="")
@filter_options
@click.option("--format", "fmt", type=click.Choice(["txt", "md", "html", "docx"]), help="Default: from -o's extension, else txt.")
@_output_option
@click.option("--order", type=click.Choice(["date", "document"]), default="date", show_default=True,
              help="By date, or as the source chronicles ran.")
@click.option("--title", default=None, help="Title line (default: the chronicle's title with the period).")
@click.option("--clean-urls", is_flag=True, help="Drop tracking parameters (utm_*, fbclid, ...) from source URLs.")
@_with_names_option
def chronicle(query: str, fmt: str | None, output: Path | None, order: str, title: str | None,
              clean_urls: bool, with_names: bool, **filters: Any) -> None:
    """Write the chronicle of a period: the entries in date order in the chronicles' own style
    (date, place, text), footnotes renumbered from 1, then the reference list.

    Only published entries, unless --status names others; names in confidential entries are
    replaced by a placeholder. Example: kuzet chronicle --from 2024-03 --to 2024-03 -o march.docx
    """
    fmt = _format(fmt, output, ("txt", "md", "html", "docx"), "txt")
    if output is None and fmt in BINARY:
        raise click.ClickException(f"{fmt} is not text; give a file to write it to with -o FILE")
    _database()
    _validated(filters)
    from ..publish.chronicle import build_chronicle, write_chronicle
    from ..publish.selection import Withholding

    built = build_chronicle(
        _filter(query, **filters), order=order, clean_urls=clean_urls, title=title,
        withholding=Withholding.default(withhold=not with_names),
    )
    for warning in built.warnings:
        _say(f"warning: {warning}")
    _emit(write_chronicle(built, fmt), fmt, output)
    if output is not None:
        withheld = f", names withheld in {built.withheld}" if built.withheld else ""
        _say(f"{output}: {built.entries} entries, {len(built.chronicle.references)} references{withheld}")


# --- report -----------------------------------------------------------------------------


@cli.command()
@click.argument("query", required=False, default="")
@filter_options
@click.option("--format", "fmt", type=click.Choice(["html", "md", "xlsx"]), help="Default: from -o's extension, else html.")
@_output_option
@click.option("--title", default=None, help="Title of the report.")
def report(query: str, fmt: str | None, output: Path | None, title: str | None, **filters: Any) -> None:
    """The figures monitors cite, for a period: entries by type, region and month; people
    detained, fined, arrested, charged, sentenced; assembly refusals by place, organiser and
    reason; sanction totals; the most cited articles; the people with the most entries.

    Example: kuzet report --from 2024-03 --to 2024-03 -o march-figures.html
    """
    fmt = _format(fmt, output, ("html", "md", "xlsx"), "html")
    if output is None and fmt in BINARY:
        raise click.ClickException(f"{fmt} is not text; give a file to write it to with -o FILE")
    _database()
    _validated(filters)
    from ..publish.report import build_report
    from ..publish.report_render import render_report

    result = build_report(_filter(query, **filters), title=title)
    _emit(render_report(result, fmt), fmt, output)
    if output is not None:
        _say(f"{output}: {len(result.figures)} figures from {result.entries} entries, {result.period}")


# --- people ---------------------------------------------------------------------------


def _person(query: str) -> Any:
    from ..store.people import find_persons

    found = find_persons(query)
    if not found:
        raise click.ClickException(f"nobody is named {query!r}; 'kuzet persons' lists everyone")
    if len(found) > 1:
        some = ", ".join(f"{p.pk} ({p.name})" for p in found[:8])
        raise click.ClickException(f"{query!r} could be {len(found)} people: {some}; give the id of the one you mean")
    return found[0]


SITUATION_CHOICES = ("in-custody", "house-arrest", "restricted", "charged", "fined", "free", "abroad")


@cli.command("people-list")
@click.option("--as-of", "as_of", callback=_day, metavar="DATE", help="The day the situations are for (default: today).")
@click.option("--status", "situations", multiple=True, type=click.Choice(SITUATION_CHOICES),
              help="Only people in this situation (repeatable).")
@click.option("--review-status", "statuses", multiple=True,
              type=click.Choice(["draft", "in_review", "verified", "published"]),
              help="Use entries with this review status (repeatable; default: published).")
@click.option("--include-confidential", is_flag=True, help="Use confidential entries too (for internal lists).")
@click.option("--format", "fmt", type=click.Choice(["md", "html", "csv", "xlsx"]), help="Default: from -o's extension, else md.")
@_output_option
def people_list(as_of: dt.date | None, situations: tuple[str, ...], statuses: tuple[str, ...],
                include_confidential: bool, fmt: str | None, output: Path | None) -> None:
    """List persecuted people and their situation on a day: in custody (with the expected end
    where the sanction gives one), house arrest, restricted liberty, charged, fined, free, abroad;
    with region, articles, sanction, recognition and the last entry about them."""
    fmt = _format(fmt, output, ("md", "html", "csv", "xlsx"), "md")
    if output is None and fmt in BINARY:
        raise click.ClickException(f"{fmt} is not text; give a file to write it to with -o FILE")
    _database()
    from django.utils import timezone

    from ..publish.people_list import build_people_list, render_people_list
    from ..store.selectors import EntryFilter

    day = as_of or timezone.localdate()
    result = build_people_list(day, situations=situations, f=EntryFilter(statuses=statuses),
                               include_confidential=include_confidential)
    _emit(render_people_list(result, fmt), fmt, output)
    if output is not None:
        _say(f"{output}: {len(result.people)} people as of {day.isoformat()}")


@cli.command()
@click.argument("person")
@click.option("--by", "organisation", required=True, help="The organisation that recognised the person.")
@click.option("--date", "date", required=True, callback=_day, metavar="DATE", help="When (YYYY-MM-DD).")
@click.option("--criteria", default="", help="On what criteria, e.g. 'political prisoner'.")
@click.option("--source", default="", metavar="URL", help="Where it was said.")
@click.option("--note", default="", help="Anything else worth keeping.")
def recognize(person: str, organisation: str, date: dt.date, criteria: str, source: str, note: str) -> None:
    """Record that an organisation recognised PERSON (a name or an id), e.g. as a political prisoner."""
    _database()
    from ..publish.people_list import recognize as record
    from ..store.services import cli_user

    who = _person(person)
    row = record(person=who, organisation=organisation, date=date, criteria=criteria, source=source,
                 note=note, who=cli_user())
    click.echo(f"{who.name} (id {who.pk}): recognised by {row.organisation} on {row.date.isoformat()}")


@cli.command("set-status")
@click.argument("person")
@click.argument("status", type=click.Choice(SITUATION_CHOICES + ("auto",)))
@click.option("--since", required=True, callback=_day, metavar="DATE", help="From when (YYYY-MM-DD).")
@click.option("--until", callback=_day, metavar="DATE", help="Expected end, when known.")
@click.option("--detail", default="", help="What exactly, e.g. 'imprisonment' or 'left for Georgia'.")
@click.option("--note", default="", help="Why, or the source.")
def set_status(person: str, status: str, since: dt.date, until: dt.date | None, detail: str, note: str) -> None:
    """Confirm or set PERSON's situation from a day on (STATUS 'auto' gives it back to the entries).

    A later entry about the person takes precedence again."""
    _database()
    from ..publish.people_list import set_status as record
    from ..store.services import cli_user

    who = _person(person)
    record(person=who, status=status, since=since, until=until, detail=detail, note=note, who=cli_user())
    click.echo(f"{who.name} (id {who.pk}): {status} since {since.isoformat()}")


# --- export, backup, restore -------------------------------------------------------------


@cli.command()
@click.argument("query", required=False, default="")
@filter_options
@click.option("--format", "fmt", required=True,
              type=click.Choice(["csv", "jsonl", "xlsx", "geojson", "sqlite", "acled"]))
@click.option("-o", "--output", required=True, type=click.Path(path_type=Path),
              help="File (csv: a new directory, or a .zip).")
@_with_names_option
@click.option("--licence", default=None, help="Licence note for the SQLite export's metadata.json.")
@click.option("--licence-url", default="", help="Link to the licence.")
def export(query: str, fmt: str, output: Path, with_names: bool, licence: str | None, licence_url: str,
           **filters: Any) -> None:
    """Export the selected records: entries with every field, persons, mentions, articles,
    sanctions, types, sources and citations, as separate tables where the format allows.

    csv: a directory (or .zip) of CSV files; jsonl: one entry per line, everything nested;
    xlsx: a sheet per table; geojson: entries as points; sqlite: ready for Datasette (full-text
    search, foreign keys, metadata.json beside it); acled: the ACLED dataset's columns.
    Published entries only unless --status names others; names in confidential entries withheld
    unless --with-names."""
    _database()
    _validated(filters)
    from ..publish.export import DEFAULT_LICENCE
    from ..publish.export import export as run
    from ..publish.selection import Withholding
    from ..publish.tables import Scope

    scope = Scope(_filter(query, **filters), Withholding.default(withhold=not with_names))
    result = _writing(output, lambda: run(scope, fmt, output, licence=licence or DEFAULT_LICENCE,
                                          licence_url=licence_url))
    counts = ", ".join(f"{n:,} {name.replace('_', ' ')}" for name, n in result.rows.items())
    _say(f"{output}: {counts}")


@cli.command()
@click.argument("file", type=click.Path(path_type=Path, dir_okay=False))
def backup(file: Path) -> None:
    """Write every record (entries, people, corrections, decisions, audit trail, users) to FILE
    (JSON lines; gzipped when FILE ends in .gz). 'kuzet restore FILE' brings it back."""
    _database()
    from ..publish.backup import backup as run

    result = _writing(file, lambda: run(file))
    _say(f"{file}: {result.rows:,} rows ({result.counts.get('store.entry', 0):,} entries)")


@cli.command()
@click.argument("file", type=click.Path(path_type=Path, dir_okay=False))
@click.option("--force", is_flag=True, help="Replace everything in a database that already holds records.")
def restore(file: Path, force: bool) -> None:
    """Bring an empty instance to the state recorded in FILE, all or nothing."""
    _database()
    from ..publish.backup import restore as run

    result = run(file, force=force)
    _say(f"restored {result.rows:,} rows ({result.counts.get('store.entry', 0):,} entries) from {file}")
