"""Linking quality on the real seed chronicle: ingest it, list the people, score them.

The gold clusters are read only by the scorer (``shared/tools/score_links.py``), never
by the program. Skipped when ``../shared`` is not beside the project.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from kuzet.chronicle.model import Period
from kuzet.store import people, services

pytestmark = pytest.mark.db

SHARED = Path(__file__).resolve().parents[2].parent / "shared"
SEED = SHARED / "seeds" / "000_9ae157a45882d29c.txt"
GOLD = SHARED / "gold" / "2023-06-persons.jsonl"
SCORER = SHARED / "tools" / "score_links.py"


@pytest.mark.skipif(not (SEED.exists() and GOLD.exists() and SCORER.exists()),
                    reason="../shared (seed, gold persons, scorer) is not present")
def test_seed_people_link_with_pairwise_f1_of_at_least_097(db: None, tmp_path: Path) -> None:
    services.ingest_file(SEED, period=Period(2023, 6), force=True)
    pred = tmp_path / "persons.jsonl"
    pred.write_text(
        "".join(json.dumps(p.to_dict(), ensure_ascii=False) + "\n" for p in people.iter_persons()),
        encoding="utf-8",
    )
    result = subprocess.run(
        [sys.executable, str(SCORER), str(GOLD), str(pred)],
        capture_output=True, text=True, check=True, cwd=SCORER.parent,
    )
    last = result.stdout.strip().splitlines()[-1]
    assert last.startswith("pairwise F1"), result.stdout
    assert float(last.split()[-1]) >= 0.97, result.stdout
