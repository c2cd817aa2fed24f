"""Architectural invariants that code review alone would not keep."""

from __future__ import annotations

import subprocess
import sys

FORBIDDEN = ("django", "psycopg", "sqlite3", "socket", "urllib.request", "http.client", "requests")


def test_the_chronicle_library_imports_no_django_database_or_network_module() -> None:
    code = (
        "import sys\n"
        "import kuzet.chronicle, kuzet.chronicle.read, kuzet.chronicle.lint\n"
        "import kuzet.chronicle.extract\n"
        "from kuzet.chronicle.extract import extract_entry\n"
        "from kuzet.chronicle.model import Entry, Period\n"
        "extract_entry(Entry(1, 'June 1, Almaty, Testov A. was detained[1].', (1,)),"
        " doc='2023-06', period=Period(2023, 6))\n"
        f"bad = [m for m in {FORBIDDEN!r} if m in sys.modules]\n"
        "print(','.join(bad))\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    ).stdout.strip()
    assert out == "", f"kuzet.chronicle pulled in: {out}"
