"""Account commands: createuser, setrole, token, users; and audit (the history export).

    kuzet createuser NAME --role ROLE [--reset-password]   prints a generated password
    kuzet setrole NAME ROLE
    kuzet token NAME [--revoke]                            prints a new API token
    kuzet users
    kuzet audit [--format jsonl|csv|table] [--since DATE] [--object TYPE:ID] [--action A] [-o FILE]

A thin shell over :mod:`kuzet.accounts.services` and :mod:`kuzet.store.review`.
Passwords and tokens go to standard output alone on their line, so a script can
capture them; everything else goes to standard error.
"""

from __future__ import annotations

import csv
import datetime as dt
import json
import sys
from pathlib import Path
from typing import IO, Any

import click

from . import cli

__all__ = ["audit", "createuser", "setrole", "token", "users"]

ROLES = ("viewer", "editor", "reviewer", "admin")


def _database() -> None:
    from ..setup import ensure_database

    ensure_database()


def _who() -> str:
    from ..store.services import cli_user

    return cli_user()


@cli.command()
@click.argument("name")
@click.option("--role", type=click.Choice(ROLES), required=True, help="What the user may do.")
@click.option("--email", default="", help="The user's email address (optional).")
@click.option("--reset-password", "reset", is_flag=True,
              help="If the user exists, give them this role, a new password, unlock them, and "
                   "print the password (so the command can run again safely).")
@click.option("--reset-2fa", "reset_2fa", is_flag=True,
              help="Also remove the user's two-factor devices (a lost phone).")
def createuser(name: str, role: str, email: str, reset: bool, reset_2fa: bool) -> None:
    """Make a user with ROLE and print their generated password.

    Roles: viewer (reads published and internal entries), editor (records and
    corrects), reviewer (approves and publishes), admin (users, roles, settings)."""
    _database()
    from ..accounts import services

    user, password, created = services.ensure_user(name, role, who=_who(), reset=reset, email=email)
    if reset_2fa:
        services.remove_two_factor(user, who=_who())
    click.echo(f"{'created' if created else 'reset'} {user.get_username()} ({role}); password:", err=True)
    click.echo(password)


@cli.command()
@click.argument("name")
@click.argument("role", type=click.Choice(ROLES))
def setrole(name: str, role: str) -> None:
    """Give the user NAME the role ROLE."""
    _database()
    from ..accounts import services

    services.set_role(services.find_user(name), role, who=_who())
    click.echo(f"{name} is now {role}", err=True)


@cli.command()
@click.argument("name")
@click.option("--revoke", is_flag=True, help="Remove the user's token instead of making one.")
def token(name: str, revoke: bool) -> None:
    """Print a new API token for NAME (the previous one stops working).

    Programs send it as: Authorization: Bearer TOKEN"""
    _database()
    from ..accounts import services

    user = services.find_user(name)
    if revoke:
        removed = services.revoke_token(user, who=_who())
        click.echo(f"{name}: {'token revoked' if removed else 'had no token'}", err=True)
        return
    click.echo(services.issue_token(user, who=_who()))


@cli.command()
def users() -> None:
    """List the users, their roles and whether they use two-factor login."""
    _database()
    from django.contrib.auth import get_user_model
    from django_otp.plugins.otp_totp.models import TOTPDevice
    from rich.console import Console
    from rich.table import Table

    from ..accounts.roles import role_of

    table = Table(title="Users", title_justify="left")
    for col in ("user", "role", "two-factor", "active", "last login"):
        table.add_column(col)
    for u in get_user_model().objects.order_by("username"):
        table.add_row(
            u.username, str(role_of(u) or "—"),
            "on" if TOTPDevice.objects.filter(user=u, confirmed=True).exists() else "off",
            "yes" if u.is_active else "no",
            u.last_login.isoformat(timespec="minutes") if u.last_login else "—",
        )
    Console().print(table)


def _since(value: str | None) -> dt.datetime | None:
    if not value:
        return None
    from django.utils import timezone
    from django.utils.dateparse import parse_datetime

    parsed = parse_datetime(value)
    if parsed is None:
        try:
            parsed = dt.datetime.combine(dt.date.fromisoformat(value), dt.time())
        except ValueError:
            raise click.BadParameter("a date (2024-05-01) or date-time (2024-05-01T09:00)") from None
    return timezone.make_aware(parsed) if timezone.is_naive(parsed) else parsed


@cli.command()
@click.option("--format", "fmt", type=click.Choice(["jsonl", "csv", "table"]), default="jsonl",
              show_default=True, help="One JSON object per event, CSV, or a table to read.")
@click.option("--since", help="Only events at or after this date or date-time.")
@click.option("--object", "obj", help="Only events about one object: entry:12, person:5, document:2024-05 (the id).")
@click.option("--action", default="", help="Only one kind of event (correct, submit, publish, view, ...).")
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path), help="Write to this file.")
def audit(fmt: str, since: str | None, obj: str | None, action: str, output: Path | None) -> None:
    """Export the audit trail: every change (who, when, what field, old -> new, why),
    views of confidential entries and refused attempts, oldest first."""
    object_type, _, object_id = (obj or "").partition(":")
    if obj and not object_id:
        raise click.BadParameter("TYPE:ID, for example entry:12", param_hint="--object")
    _database()
    from ..store import review

    events = review.audit_events(since=_since(since), object_type=object_type, object_id=object_id,
                                 action=action)
    if output is None:
        _write(events, fmt, sys.stdout)
        return
    tmp = output.with_name(output.name + ".part")
    try:
        with tmp.open("w", encoding="utf-8", newline="") as fh:
            _write(events, fmt, fh)
        tmp.replace(output)  # nothing half-written under the real name
    except OSError as exc:
        tmp.unlink(missing_ok=True)
        raise click.ClickException(f"cannot write {output}: {exc.strerror or exc}") from None
    click.echo(f"wrote {output}", err=True)


def _write(events: Any, fmt: str, out: IO[str]) -> None:
    from ..store import review

    if fmt == "jsonl":
        for ev in events.iterator(chunk_size=2000):
            out.write(json.dumps(review.audit_dict(ev), ensure_ascii=False) + "\n")
    elif fmt == "csv":
        writer = csv.writer(out)
        writer.writerow(review.AUDIT_COLUMNS)
        for ev in events.iterator(chunk_size=2000):
            d = review.audit_dict(ev)
            writer.writerow([json.dumps(d[c], ensure_ascii=False) if c in ("old", "new") and d[c] is not None
                             else d[c] for c in review.AUDIT_COLUMNS])
    else:
        from rich.console import Console
        from rich.table import Table

        table = Table(title="Audit trail", title_justify="left")
        for col in ("at", "who", "action", "object", "field", "old → new", "why"):
            table.add_column(col, overflow="fold")
        for ev in events.iterator(chunk_size=2000):
            change = "" if ev.old is None and ev.new is None else f"{_short(ev.old)} → {_short(ev.new)}"
            table.add_row(ev.at.isoformat(timespec="seconds"), ev.who, ev.action,
                          f"{ev.object_type}:{ev.object_id}", ev.field, change, ev.why)
        Console(file=out).print(table)


def _short(value: Any) -> str:
    text = json.dumps(value, ensure_ascii=False) if value is not None else "—"
    return text if len(text) <= 80 else text[:77] + "..."
