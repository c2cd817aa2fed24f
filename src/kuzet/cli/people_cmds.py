"""People commands: persons, person, merge, split.

A thin shell over :mod:`kuzet.store.people`: find the person a monitor means, call
the service or selector, print a table, a story or JSON. A name that matches nobody,
or several people, is a message and exit status 1 (with the candidates listed).
"""

from __future__ import annotations

import json
from typing import Any

import click
from rich.console import Console
from rich.table import Table

from . import cli

__all__ = ["merge", "person", "persons", "split"]


def _database() -> None:
    from ..setup import ensure_database

    ensure_database()


def _fail(message: str) -> None:
    click.echo(f"kuzet: {message}", err=True)
    raise click.exceptions.Exit(1)


def _resolve(query: str) -> Any:
    """The one person ``query`` (an id or a name) means; otherwise a message and exit 1."""
    from ..store import people

    found = people.find_persons(query)
    if not found:
        what = f"there is no person {query}" if query.strip().isdigit() else f"nobody is named {query!r}"
        _fail(f"{what}; 'kuzet persons' lists everyone")
    if len(found) > 1:
        lines = [f"{query!r} could be {len(found)} people; give the id of the one you mean:"]
        for p in found[:30]:
            count = p.mentions.count()
            lines.append(f"  {p.pk:>6}  {p.name}  ({count} mention{'s' if count != 1 else ''})")
        if len(found) > 30:
            lines.append(f"  ... and {len(found) - 30} more")
        lines.append(f"for example: kuzet person {found[0].pk}")
        click.echo("\n".join(lines), err=True)
        raise click.exceptions.Exit(1)
    return found[0]


# --- persons ------------------------------------------------------------------------


@cli.command()
@click.option("--format", "fmt", type=click.Choice(["table", "jsonl"]), default="table",
              show_default=True, help="A table to read, or one JSON object per person.")
@click.option("--relink", is_flag=True,
              help="Link every mention again first (after changing linking rules).")
def persons(fmt: str, relink: bool) -> None:
    """List the people named in the stored chronicles, with their mentions.

    jsonl prints {"id", "name", "aliases", "mentions": [{"doc", "n", "name"}]} per line.
    """
    _database()
    from ..store import people

    if relink:
        report = people.relink()
        click.echo(f"relinked {report.mentions} mentions into {report.persons} people "
                   f"({report.created} new, {report.removed} removed)", err=True)
    listing = people.iter_persons()
    if fmt == "jsonl":
        for p in listing:
            click.echo(json.dumps(p.to_dict(), ensure_ascii=False))
        return
    table = Table(box=None, pad_edge=False)
    for column in ("id", "name", "mentions", "first", "last", "also written"):
        table.add_column(column, justify="right" if column in ("id", "mentions") else "left")
    count = 0
    for p in listing:
        count += 1
        first, last = p.mentions[0], p.mentions[-1]
        table.add_row(str(p.id), p.name, str(len(p.mentions)), f"{first[0]} #{first[1]}",
                      f"{last[0]} #{last[1]}", ", ".join(p.aliases))
    if not count:
        click.echo("no people yet: ingest a chronicle with 'kuzet ingest FILE'")
        return
    Console(highlight=False, soft_wrap=True).print(table)


# --- person -------------------------------------------------------------------------


@cli.command()
@click.argument("name")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text",
              show_default=True)
def person(name: str, fmt: str) -> None:
    """One person's story: every entry in date order, and a summary.

    NAME is a name in any spelling ("Mukhamedkarim", "Duman Mukhametkarim") or a
    person id from 'kuzet persons'.
    """
    _database()
    from ..store import people

    story = people.person_story(_resolve(name))
    if fmt == "json":
        click.echo(json.dumps(_story_dict(story), ensure_ascii=False, indent=2))
    else:
        click.echo(_story_text(story))


def _when(a: Any) -> str:
    if a.date is None:
        return "date unknown"
    if a.date_precision == "month":
        return a.date.strftime("%Y-%m")
    if a.date_precision == "year":
        return a.date.strftime("%Y")
    return a.date.isoformat()


def _story_text(story: Any) -> str:
    p, s = story.person, story.summary
    lines = [f"{p.name}  (person {p.pk})"]
    if story.aliases:
        lines.append(f"also written: {', '.join(story.aliases)}")
    lines.append("")
    for a in story.appearances:
        where = f", {a.place}" if a.place else ""
        lines.append(f"{_when(a)}{where} — {a.doc} #{a.n} ({a.role}, written {a.written!r})")
        for ref in a.articles:
            lines.append(f"    article: {ref}")
        for sanction in a.sanctions:
            lines.append(f"    sanction: {sanction}")
        if a.types:
            lines.append(f"    types: {', '.join(a.types)}")
    lines += ["", "Summary"]
    lines.append(f"  entries: {s.entries} ({', '.join(f'{k} {v}' for k, v in s.roles.items())})")
    if s.first is not None:
        lines.append(f"  first appearance: {_when(s.first)} ({s.first.doc} #{s.first.n})")
        lines.append(f"  last appearance: {_when(s.last)} ({s.last.doc} #{s.last.n})")
    if s.arrests:
        lines.append(f"  administrative arrest: {s.arrest_days} days in total "
                     f"({s.arrests} arrest{'s' if s.arrests != 1 else ''})")
    if s.fines_kzt:
        lines.append(f"  fines: {s.fines_kzt:,} tenge in total".replace(",", " "))
    if s.current_measure is not None:
        measure, where = s.current_measure
        lines.append(f"  latest known measure: {measure}, reported {_when(where)} "
                     f"({where.doc} #{where.n})")
    if s.articles:
        lines.append("  articles: " + ", ".join(
            f"{ref} ×{count}" if count > 1 else ref for ref, count in s.articles))
    return "\n".join(lines)


def _story_dict(story: Any) -> dict[str, Any]:
    s = story.summary

    def appearance(a: Any) -> dict[str, Any]:
        return {
            "doc": a.doc, "n": a.n, "date": a.date.isoformat() if a.date else None,
            "date_precision": a.date_precision, "place": a.place, "written": a.written,
            "role": a.role,
            "articles": [{"code": r.code, "article": r.article, "part": r.part or None,
                          "title": r.title} for r in a.articles],
            "sanctions": [{"kind": x.kind, "days": x.days, "amount_kzt": x.amount_kzt,
                           "status": x.status} for x in a.sanctions],
            "types": list(a.types),
        }

    measure = None
    if s.current_measure is not None:
        fact, where = s.current_measure
        measure = {"kind": fact.kind, "days": fact.days, "status": fact.status,
                   "doc": where.doc, "n": where.n}
    return {
        "id": story.person.pk,
        "name": story.person.name,
        "aliases": list(story.aliases),
        "appearances": [appearance(a) for a in story.appearances],
        "summary": {
            "entries": s.entries,
            "roles": s.roles,
            "first": {"doc": s.first.doc, "n": s.first.n} if s.first else None,
            "last": {"doc": s.last.doc, "n": s.last.n} if s.last else None,
            "administrative_arrest_days": s.arrest_days,
            "administrative_arrests": s.arrests,
            "fines_kzt": s.fines_kzt,
            "latest_measure": measure,
            "articles": [{"article": ref, "entries": count} for ref, count in s.articles],
        },
    }


# --- merge / split ------------------------------------------------------------------


def _who() -> str:
    from ..store.services import cli_user

    return cli_user()


@cli.command()
@click.argument("people_", metavar="PERSON PERSON...", nargs=-1, required=True)
@click.option("--why", default="", help="The reason, kept with the decision.")
def merge(people_: tuple[str, ...], why: str) -> None:
    """Say that two or more people are one. Later ingests keep them together.

    Each PERSON is an id or a name that means exactly one person.
    """
    if len(people_) < 2:
        _fail("name at least two people to merge, e.g. kuzet merge 12 40")
    _database()
    from ..store import people

    chosen = [_resolve(q) for q in people_]
    if len({p.pk for p in chosen}) < 2:
        _fail("those are all the same person already")
    merged = people.merge_persons(persons=chosen, who=_who(), why=why)
    click.echo(f"merged into person {merged.pk}: {merged.name} "
               f"({merged.mentions.count()} mentions)")


def _parse_mention(spec: str) -> tuple[str, int, str]:
    parts = spec.split(":", 2)
    if len(parts) < 2 or not parts[0] or not parts[1].strip().isdigit():
        raise click.BadParameter(
            f"write a mention as DOC:N or DOC:N:NAME (e.g. 2023-06:97), not {spec!r}",
            param_hint="--mention",
        )
    return parts[0], int(parts[1]), parts[2] if len(parts) == 3 else ""


@cli.command()
@click.argument("person_", metavar="PERSON")
@click.option("--mention", "mentions", multiple=True, metavar="DOC:N[:NAME]",
              help="A mention to split off: document key and entry number (repeatable).")
@click.option("--alias", "aliases", multiple=True, metavar="NAME",
              help="Split off every mention written or keyed exactly NAME (repeatable).")
@click.option("--why", default="", help="The reason, kept with the decision.")
def split(person_: str, mentions: tuple[str, ...], aliases: tuple[str, ...], why: str) -> None:
    """Say that some of a person's mentions are somebody else.

    The mentions chosen with --mention and --alias become a person of their own;
    later ingests keep them apart from the rest.
    """
    if not mentions and not aliases:
        _fail("say which mentions to split off with --mention DOC:N or --alias NAME")
    wanted = [_parse_mention(s) for s in mentions]
    _database()
    from ..store import people

    who = _resolve(person_)
    own = list(who.mentions.select_related("entry__document"))
    chosen = []
    for doc, n, key in wanted:
        hits = [mn for mn in own if mn.entry.document.key == doc and mn.entry.n == n
                and (not key or key in (mn.key, mn.written))]
        if not hits:
            _fail(f"person {who.pk} ({who.name}) has no mention in {doc} #{n}"
                  + (f" named {key!r}" if key else ""))
        chosen += hits
    for alias in aliases:
        hits = [mn for mn in own if alias in (mn.key, mn.written)]
        if not hits:
            _fail(f"person {who.pk} ({who.name}) is never written {alias!r}")
        chosen += hits
    apart, rest = people.split_person(person=who, mentions=chosen, who=_who(), why=why)
    click.echo(f"split: person {apart.pk} {apart.name} ({apart.mentions.count()} mentions) "
               f"and person {rest.pk} {rest.name} ({rest.mentions.count()} mentions)")
