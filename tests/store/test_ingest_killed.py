"""A process killed in the middle of ingesting leaves the database as it was."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from django.db import connection
from store_builders import march

from kuzet.store import models as m
from kuzet.store import search, services

pytestmark = pytest.mark.db

HERE = Path(__file__).parent

# Builds a 20,000-entry fictional document, ingests it, and says when the first batch of
# entries has been written inside the transaction; the test kills it right then.
SCRIPT = """
import sys
sys.path.insert(0, {here!r})
from kuzet.setup import setup_django
setup_django()
from kuzet.store import services
from store_builders import Spec, document

towns = [("Kaskelen", "city", "Almaty Region"), ("Oral", "city", "West Kazakhstan Region")]
specs = [
    Spec(
        f"May {{i % 28 + 1}}, {{towns[i % 2][0]}}, fictional activist Testov{{i}} was detained[1].",
        date=f"2023-05-{{i % 28 + 1:02d}}",
        place=towns[i % 2],
        persons=[(f"Testov{{i}}", f"Testov{{i}}", "subject")],
        types=["detention"],
        refs=(1,),
    )
    for i in range(20000)
]
doc, records = document(specs, period="2023-05", name="big-may.txt")

def progress(stage, done, total):
    if stage == "store":
        print("WRITING", done, flush=True)

services.ingest_document(doc, records=records, progress=progress)
print("DONE", flush=True)
"""


@pytest.fixture
def clean_index(transactional_db: None) -> Iterator[None]:
    yield
    # Django's flush between transactional tests does not know the FTS table.
    search.rebuild_index()


def _snapshot() -> tuple[list[tuple[int, int, str]], int, int, int]:
    entries = list(m.Entry.objects.order_by("id").values_list("id", "n", "text"))
    fts = -1
    if connection.vendor == "sqlite":
        with connection.cursor() as cur:
            cur.execute("SELECT count(*) FROM store_entry_fts WHERE store_entry_fts MATCH 'Testov*'")
            fts = cur.fetchone()[0]
    return entries, m.Document.objects.count(), m.PersonMention.objects.count(), fts


def test_killing_an_ingest_mid_write_leaves_the_database_as_it_was(
    clean_index: None, database_url_for_subprocess: str
) -> None:
    doc, records = march()
    services.ingest_document(doc, records=records)
    before = _snapshot()
    env = {k: v for k, v in os.environ.items() if not k.startswith("KUZET_")}
    env["KUZET_DATABASE_URL"] = database_url_for_subprocess
    proc = subprocess.Popen(
        [sys.executable, "-c", SCRIPT.format(here=str(HERE))],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
    )
    try:
        first = proc.stdout.readline()  # type: ignore[union-attr]
        assert first.startswith("WRITING"), first + proc.stderr.read()  # type: ignore[union-attr]
        proc.send_signal(signal.SIGKILL)
        rest, _ = proc.communicate(timeout=30)
    finally:
        if proc.poll() is None:
            proc.kill()
    assert proc.returncode == -signal.SIGKILL
    assert "DONE" not in rest  # it really died before committing
    connection.close()  # read afresh, as a new process would
    assert _snapshot() == before
    assert not m.Document.objects.filter(key="2023-05").exists()
