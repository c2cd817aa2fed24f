"""Database commands: migrate, ingest, search, stats, check, reindex.

A thin shell: each command sets Django up (``kuzet.setup``), builds an
:class:`~kuzet.store.selectors.EntryFilter` from the shared filter options, calls the
store's services/selectors, and prints a rich table or JSON.
"""

from __future__ import annotations

import datetime as dt
import functools
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

import click
from rich.console import Console
from rich.table import Table

from ..chronicle.errors import KuzetError
from ..chronicle.model import Period
from . import cli

F = TypeVar("F", bound=Callable[..., Any])

REVIEW_STATUSES = ("draft", "in_review", "verified", "published")


def _database() -> None:
    from ..setup import ensure_database

    ensure_database()


def database_errors(func: F) -> F:
    """A database failure mid-command (locked, server gone) becomes a one-line message."""

    @functools.wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        from django.db import Error as DatabaseError

        try:
            return func(*args, **kwargs)
        except DatabaseError as exc:
            first = (str(exc).strip().splitlines() or [type(exc).__name__])[0]
            raise KuzetError(f"database error: {first}") from None

    return wrapper  # type: ignore[return-value]


def _console(err: bool = False) -> Console:
    return Console(stderr=err, highlight=False, soft_wrap=False)


def _date(ctx: click.Context, param: click.Parameter, value: str | None) -> dt.date | None:
    if not value:
        return None
    try:
        parts = [int(p) for p in value.split("-")]
        if len(parts) == 3:
            return dt.date(*parts)
        if len(parts) == 2:  # a month: its first day for --from, its last for --to
            first = dt.date(parts[0], parts[1], 1)
            if param.name == "date_to":
                following = dt.date(first.year + first.month // 12, first.month % 12 + 1, 1)
                return following - dt.timedelta(days=1)
            return first
    except ValueError:
        pass
    raise click.BadParameter(f"write a date as YYYY-MM-DD or YYYY-MM, not {value!r}")


def filter_options(func: F) -> F:
    """The filters shared by search, stats and check (one EntryFilter)."""
    options = [
        click.option("--from", "date_from", callback=_date, metavar="DATE", help="Entries on or after DATE (YYYY-MM-DD or YYYY-MM)."),
        click.option("--to", "date_to", callback=_date, metavar="DATE", help="Entries on or before DATE."),
        click.option("--place", default="", help="A place; a region includes its towns and villages."),
        click.option("--type", "types", multiple=True, metavar="TYPE", help="Event type (repeat for any of several)."),
        click.option("--article", default="", help="Article cited: 'CC 174', 'CAO 488 part 6', '405'."),
        click.option("--person", default="", help="Person: 'Surname I.' as in the records."),
        click.option("--domain", default="", help="Source domain, e.g. example.org (subdomains included)."),
        click.option("--document", default="", metavar="KEY", help="Only this document (its key, e.g. 2023-06)."),
        click.option("--status", "statuses", multiple=True, type=click.Choice(REVIEW_STATUSES), help="Review status (repeatable)."),
    ]
    for option in reversed(options):
        func = option(func)
    return func


def _filter(q: str = "", **kw: Any) -> Any:
    from ..store.selectors import EntryFilter

    return EntryFilter(
        q=q,
        date_from=kw.get("date_from"),
        date_to=kw.get("date_to"),
        place=kw.get("place") or "",
        types=tuple(kw.get("types") or ()),
        article=kw.get("article") or "",
        person=kw.get("person") or "",
        domain=kw.get("domain") or "",
        document=kw.get("document") or "",
        statuses=tuple(kw.get("statuses") or ()),
    )


def _validated(kw: dict[str, Any]) -> None:
    if kw.get("article"):
        from ..store.selectors import parse_article

        parse_article(kw["article"])  # a bad article is a message before any query


# --- migrate ------------------------------------------------------------------------


@cli.command()
@database_errors
def migrate() -> None:
    """Create the database, or bring an older one up to this version's schema.

    Back the database up first when it holds records. Other commands create a new,
    empty database by themselves but never upgrade an existing one.
    """
    from ..setup import database_label, setup_django
    from ..setup import migrate as run_migrations

    setup_django()
    before = run_migrations()
    where = database_label()
    if before.current:
        click.echo(f"{where}: the schema is up to date")
    else:
        click.echo(f"{where}: applied {len(before.pending)} migration(s); the schema is up to date")


# --- ingest -------------------------------------------------------------------------


def _period(ctx: click.Context, param: click.Parameter, value: str | None) -> Period | None:
    if not value:
        return None
    try:
        return Period.parse(value)
    except ValueError as exc:
        raise click.BadParameter(str(exc)) from None


def _summary(report: Any) -> str:
    if report.outcome == "unchanged":
        same = f" (already stored as {report.same_as})" if report.same_as != report.key else ""
        return f"unchanged{same}: {report.entries} entries"
    if report.outcome == "created":
        return f"created: {report.entries} entries added"
    return (
        f"updated: {len(report.added)} added, {len(report.changed)} changed, "
        f"{len(report.removed)} removed, {report.entries} entries now"
    )


def _numbers(label: str, ns: tuple[int, ...]) -> str:
    shown = ", ".join(map(str, ns[:20])) + (", …" if len(ns) > 20 else "")
    return f"  {label}: {shown}"


@cli.command()
@click.argument("files", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("--period", callback=_period, metavar="YYYY-MM", help="The month the document covers, when the file does not say.")
@click.option("--key", default=None, help="Store under this key instead of the period (one file only).")
@click.option("--status", default="draft", show_default=True, type=click.Choice(REVIEW_STATUSES), help="Review status of the entries added.")
@click.option("--force", is_flag=True, help="Ingest even when lint finds errors (the findings are stored).")
@click.option("--jobs", type=click.IntRange(min=1, max=256), default=None, metavar="N",
              help="Processes extracting entries (default: the number of CPUs; 1: all in this process).")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
@database_errors
def ingest(
    files: tuple[Path, ...], period: Period | None, key: str | None, status: str, force: bool,
    jobs: int | None, fmt: str,
) -> None:
    """Read, check, extract and store chronicle FILES, each all-or-nothing.

    Ingesting a file again reports "unchanged"; a new version of a document reports
    the entries added, changed and removed. Corrections made by people are kept.
    Worker processes extract the entries of the next file while this one is stored.
    """
    if key and len(files) > 1:
        raise click.UsageError("--key names one document; give one file with it")
    _database()
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

    from ..chronicle.parallel import default_jobs
    from ..store import services

    err = _console(err=True)
    failed = 0
    who = services.cli_user()
    with Progress(
        TextColumn("{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        console=err,
        transient=True,
        disable=not err.is_terminal,
    ) as bar:
        tasks: dict[Path, Any] = {}

        def progress(path: Path, stage: str, done: int, total: int) -> None:
            if path not in tasks:
                tasks[path] = bar.add_task(f"{path.name}: {stage}", total=None)
            bar.update(tasks[path], description=f"{path.name}: {stage}", completed=done, total=total or None)

        results = services.ingest_files(
            files, period=period, key=key, status=status, force=force, who=who,
            jobs=jobs or default_jobs(), progress=progress,
        )
        for result in results:
            if result.path in tasks:
                bar.remove_task(tasks.pop(result.path))
            if result.error is not None:
                failed += 1
                err.print(f"kuzet: {result.error}", markup=False)
                continue
            _print_report(result.report, fmt)
    if failed:
        raise click.exceptions.Exit(1)


def _print_report(report: Any, fmt: str) -> None:
    if fmt == "json":
        click.echo(json.dumps(report.to_dict(), ensure_ascii=False))
        return
    click.echo(f"{report.key}  {report.name}: {_summary(report)}")
    if report.outcome == "updated":
        for label, ns in (("added", report.added), ("changed", report.changed), ("removed (old numbers)", report.removed)):
            if ns:
                click.echo(_numbers(label, ns))
    lint = report.to_dict()["lint"]
    if any(lint.values()) and report.outcome != "unchanged":
        click.echo(f"  lint: {lint['error']} error(s), {lint['warning']} warning(s) stored with the document")


# --- search -------------------------------------------------------------------------


@cli.command()
@click.argument("query", required=False, default="")
@filter_options
@click.option("--limit", default=20, show_default=True, type=click.IntRange(1, 10_000))
@click.option("--offset", default=0, type=click.IntRange(0))
@click.option("--order", type=click.Choice(["relevance", "date"]), default="relevance", show_default=True, help="With a QUERY: best matches first, or newest first.")
@click.option("--format", "fmt", type=click.Choice(["table", "jsonl"]), default="table", show_default=True)
@database_errors
def search(query: str, limit: int, offset: int, order: str, fmt: str, **filters: Any) -> None:
    """Find entries by words (QUERY: words, "a phrase", -excluded, prefix*) and filters."""
    _database()
    _validated(filters)
    from ..store.search import search as run_search
    from ..store.search import snippet

    f = _filter(query, **filters)
    page = run_search(f, limit=limit, offset=offset, order=order)
    if fmt == "jsonl":
        for e in page.entries:
            click.echo(json.dumps(_entry_json(e), ensure_ascii=False))
        return
    out = _console()
    total = f"{page.total:,}" if page.exact else f"more than {page.total - 1:,}"
    table = Table(title=f"{total} entries", title_justify="left", show_lines=False, expand=False)
    for name in ("entry", "date", "place", "types", "text"):
        table.add_column(name, overflow="fold")
    for e in page.entries:
        table.add_row(
            f"{e.document.key}#{e.n}",
            _date_text(e),
            e.place.name if e.place else "",
            ", ".join(dict.fromkeys(t.type_id for t in e.types.all())),
            snippet(e.text, query, width=140),
        )
    out.print(table)


def _date_text(e: Any) -> str:
    if e.date is None:
        return ""
    iso = e.date.isoformat()
    return {"month": iso[:7], "year": iso[:4]}.get(e.date_precision, iso)


def _entry_json(e: Any) -> dict[str, Any]:
    return {
        "id": e.pk,
        "doc": e.document.key,
        "n": e.n,
        "date": _date_text(e) or None,
        "date_precision": e.date_precision,
        "place": (
            {"name": e.place.name, "kind": e.place.kind, "region": e.place.region.name if e.place.region_id else None, "country": e.place.country}
            if e.place
            else None
        ),
        "persons": [{"name": p.key, "role": p.role, "person_id": p.person_id} for p in e.person_mentions.all()],
        "legal_refs": [{"code": r.code, "article": r.article, "part": r.part or None} for r in e.legal_refs.all()],
        "sanctions": [
            {"kind": s.kind, "days": s.days, "amount_kzt": s.amount_kzt, "person": s.person_key or None, "status": s.status}
            for s in e.sanctions.all()
        ],
        "types": list(dict.fromkeys(t.type_id for t in e.types.all())),
        "sources": [c.source.url for c in e.citations.all()],
        "review_status": e.review_status,
        "confidential": e.confidential,
        "text": e.text,
    }


# --- stats --------------------------------------------------------------------------


@cli.command()
@click.argument("query", required=False, default="")
@filter_options
@click.option("--format", "fmt", type=click.Choice(["table", "json"]), default="table", show_default=True)
@database_errors
def stats(query: str, fmt: str, **filters: Any) -> None:
    """Counts by type, region, month and article; assembly refusals by place and stated
    reason; sanction totals. Each figure says whether it counts entries, persons or sanctions."""
    _database()
    _validated(filters)
    from ..store.stats import COUNTED_STATUS, compute_stats

    result = compute_stats(_filter(query, **filters))
    if fmt == "json":
        click.echo(json.dumps(result.to_dict(), ensure_ascii=False, indent=2))
        return
    out = _console()
    out.print(f"{result.entries:,} entries")
    for t in result.tables:
        table = Table(title=f"{t.title} (counts {t.unit})", title_justify="left")
        table.add_column(t.key)
        table.add_column(t.unit, justify="right")
        for label, n in t.rows:
            table.add_row(label, f"{n:,}")
        if not t.rows:
            table.add_row("(none)", "0")
        out.print(table)
    table = Table(title=f"Sanctions with status '{COUNTED_STATUS}'", title_justify="left")
    for name in ("sanction", "sanctions", "persons", "total"):
        table.add_column(name, justify="left" if name == "sanction" else "right")
    for s in result.sanctions:
        total = f"{s.total:,.1f}" if isinstance(s.total, float) else f"{s.total:,}"
        table.add_row(s.title, f"{s.sanctions:,}", f"{s.persons:,}", f"{total} {s.unit}")
    out.print(table)


# --- check --------------------------------------------------------------------------


@cli.command()
@filter_options
@click.option("--format", "fmt", type=click.Choice(["table", "jsonl"]), default="table", show_default=True)
@database_errors
def check(fmt: str, **filters: Any) -> None:
    """Find contradictions and implausible values: one person's sanction given differently in
    neighbouring entries, fines that are not a whole number of the year's MCI or above the
    article's maximum, articles not in the code table. Exit status 1 when anything is found."""
    _database()
    _validated(filters)
    from ..store.checks import check_entries

    issues = check_entries(_filter("", **filters))
    if fmt == "jsonl":
        for issue in issues:
            click.echo(json.dumps(issue.to_dict(), ensure_ascii=False))
    else:
        out = _console()
        if not issues:
            out.print("no issues found")
        else:
            table = Table(title=f"{len(issues)} issue(s)", title_justify="left")
            table.add_column("check")
            table.add_column("entries")
            table.add_column("what", overflow="fold")
            for issue in issues:
                table.add_row(issue.code, " ".join(issue.entries), issue.message)
            out.print(table)
    if issues:
        raise click.exceptions.Exit(1)


# --- reindex ------------------------------------------------------------------------


@cli.command()
@database_errors
def reindex() -> None:
    """Recompute every entry's filter tokens and rebuild the SQLite full-text index.

    Both are kept in step by every write; this is for recovery after editing the
    database by hand. PostgreSQL computes its own index; the tokens are refreshed there too.
    """
    _database()
    from django.db import transaction

    from ..store.services import refresh_all_facets

    with transaction.atomic():
        changed = refresh_all_facets()
    click.echo(f"full-text index rebuilt; {changed:,} entries had stale filter tokens")
