"""Exports stream: memory stays bounded however many entries there are.

The default run uses 5,000 entries; ``-m slow`` runs the same check with 100,000
(``bench/publish_bench.py`` measures time and peak memory for every format).
"""

from __future__ import annotations

import json
import tracemalloc
from pathlib import Path

import pytest

from kuzet.publish.export import export
from kuzet.publish.selection import Withholding
from kuzet.publish.tables import Scope
from kuzet.store.selectors import EntryFilter
from publish_data import bulk_entries

pytestmark = pytest.mark.db

# Peak Python memory an export may use, whatever the number of entries: a chunk of
# 2,000 entries with their relations, the ORM's caches and the writer's buffers.
PEAK_BOUND = 40 * 1024 * 1024


def _peak_of_jsonl_export(n: int, path: Path) -> int:
    bulk_entries(n)
    scope = Scope(EntryFilter(), Withholding.default())
    tracemalloc.start()
    try:
        report = export(scope, "jsonl", path)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert report.rows == {"entries": n}
    return peak


def _check_file(path: Path, n: int) -> None:
    with path.open(encoding="utf-8") as f:
        count = 0
        for count, line in enumerate(f, start=1):
            record = json.loads(line)
            if record["confidential"]:
                assert "Testov" not in line
        assert count == n


def test_a_jsonl_export_of_5000_entries_stays_in_bounded_memory(db: None, tmp_path: Path) -> None:
    peak = _peak_of_jsonl_export(5000, tmp_path / "out.jsonl")
    _check_file(tmp_path / "out.jsonl", 5000)
    assert peak < PEAK_BOUND, f"peak {peak / 2**20:.1f} MiB"


@pytest.mark.slow
def test_a_jsonl_export_of_100000_entries_stays_in_bounded_memory(db: None, tmp_path: Path) -> None:
    peak = _peak_of_jsonl_export(100_000, tmp_path / "out.jsonl")
    _check_file(tmp_path / "out.jsonl", 100_000)
    assert peak < PEAK_BOUND, f"peak {peak / 2**20:.1f} MiB"
