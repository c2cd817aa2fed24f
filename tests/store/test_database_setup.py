"""The database as a user meets it: made automatically, never upgraded behind their back,
and every problem a one-line message with a non-zero exit status."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

KUZET = [sys.executable, "-c", "import sys; from kuzet.cli import main; sys.exit(main())"]


def _run(args: list[str], **env: str) -> subprocess.CompletedProcess[str]:
    environment = {k: v for k, v in os.environ.items() if not k.startswith("KUZET_")}
    environment.update(env)
    return subprocess.run(
        KUZET + args, capture_output=True, text=True, env=environment, timeout=60, check=False
    )


def _one_clean_line(result: subprocess.CompletedProcess[str]) -> str:
    assert "Traceback" not in result.stderr, result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    return lines[0]


def test_a_new_home_gets_a_database_without_being_asked(tmp_path: Path) -> None:
    result = _run(["search", "--format", "jsonl"], KUZET_HOME=str(tmp_path / "home"))
    assert result.returncode == 0, result.stderr
    assert result.stdout == ""
    db = tmp_path / "home" / "kuzet.sqlite3"
    assert result.stderr == f"kuzet: created a new database: {db}\n"
    again = _run(["search", "--format", "jsonl"], KUZET_HOME=str(tmp_path / "home"))
    assert again.returncode == 0 and again.stderr == ""
    assert db.exists()
    with sqlite3.connect(db) as con:
        assert con.execute("PRAGMA journal_mode").fetchone()[0] == "wal"


def test_a_home_that_cannot_be_created_is_a_message(tmp_path: Path) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("not a directory")
    result = _run(["search"], KUZET_HOME=str(blocker / "home"))
    assert result.returncode == 2
    line = _one_clean_line(result)
    assert line.startswith("kuzet: cannot create the data directory") and "KUZET_HOME" in line


@pytest.mark.skipif(os.geteuid() == 0, reason="root may write anywhere")
def test_a_read_only_home_is_a_message(tmp_path: Path) -> None:
    home = tmp_path / "ro"
    home.mkdir()
    home.chmod(0o500)
    try:
        result = _run(["search"], KUZET_HOME=str(home))
    finally:
        home.chmod(0o700)
    assert result.returncode == 2
    assert "is not writable" in _one_clean_line(result)


def test_a_postgres_server_that_does_not_answer_is_a_message() -> None:
    # Port 9 on loopback: nothing listens there, so the connection is refused at once.
    result = _run(["search"], KUZET_DATABASE_URL="postgres://kuzet@127.0.0.1:9/kuzet")
    assert result.returncode == 2
    line = _one_clean_line(result)
    assert line.startswith("kuzet: cannot open the PostgreSQL database kuzet on 127.0.0.1:9")


def test_a_database_url_of_another_kind_is_a_message() -> None:
    result = _run(["search"], KUZET_DATABASE_URL="mysql://someone@localhost/kuzet")
    assert result.returncode == 2
    assert "must name a PostgreSQL database" in _one_clean_line(result)


def _downgrade(home: Path, target: str) -> None:
    code = (
        "from kuzet.setup import setup_django; setup_django()\n"
        "from django.core.management import call_command\n"
        f"call_command('migrate', 'store', {target!r}, verbosity=0)\n"
    )
    env = {k: v for k, v in os.environ.items() if not k.startswith("KUZET_")}
    env["KUZET_HOME"] = str(home)
    subprocess.run([sys.executable, "-c", code], env=env, check=True, timeout=60)


def test_an_older_schema_asks_for_kuzet_migrate_and_migrate_fixes_it(tmp_path: Path) -> None:
    home = tmp_path / "old"
    _downgrade(home, "0001")
    result = _run(["search"], KUZET_HOME=str(home))
    assert result.returncode == 2
    line = _one_clean_line(result)
    assert "older version of Kuzet" in line and "kuzet migrate" in line
    migrated = _run(["migrate"], KUZET_HOME=str(home))
    assert migrated.returncode == 0, migrated.stderr
    assert "migration(s); the schema is up to date" in migrated.stdout
    assert _run(["search"], KUZET_HOME=str(home)).returncode == 0
    again = _run(["migrate"], KUZET_HOME=str(home))
    assert "up to date" in again.stdout


def test_a_schema_from_a_newer_version_is_a_message(tmp_path: Path) -> None:
    home = tmp_path / "new"
    assert _run(["migrate"], KUZET_HOME=str(home)).returncode == 0
    with sqlite3.connect(home / "kuzet.sqlite3") as con:
        con.execute(
            "INSERT INTO django_migrations(app, name, applied) "
            "VALUES ('store', '0999_from_the_future', '2030-01-01')"
        )
    result = _run(["search"], KUZET_HOME=str(home))
    assert result.returncode == 2
    assert "newer version of Kuzet" in _one_clean_line(result)


def test_a_database_locked_by_another_writer_is_a_message(tmp_path: Path) -> None:
    home = tmp_path / "busy"
    assert _run(["migrate"], KUZET_HOME=str(home)).returncode == 0
    chronicle = tmp_path / "march.txt"
    chronicle.write_text(
        "March 2, Oral, fictional activist Tolegen Zhaksybekov was detained[1].\n"
        "****\n[1] https://news.example.org/a/1\n",
        encoding="utf-8",
    )
    holder = sqlite3.connect(home / "kuzet.sqlite3", isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")  # another process is writing
    try:
        result = _run(
            ["ingest", str(chronicle), "--period", "2023-03"],
            KUZET_HOME=str(home),
            KUZET_SQLITE_TIMEOUT="1",
        )
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    assert result.returncode == 2
    assert _one_clean_line(result) == "kuzet: database error: database is locked"
