"""Exports stream: memory stays bounded however many entries there are.

Entries are read in chunks; a chunk's rows are freed before the next is read. The
test exports 5,000 entries in chunks of 500 (ten chunks) under tracemalloc, which
slows Python several times over: 100,000 entries would take minutes, so
``bench/publish_bench.py`` measures time and peak memory of every format on 100,000.
"""

from __future__ import annotations

import json
import tracemalloc
from pathlib import Path

import pytest
from publish_data import bulk_entries

from kuzet.publish import selection
from kuzet.publish.export import export
from kuzet.publish.selection import Withholding
from kuzet.publish.tables import Scope
from kuzet.store.selectors import EntryFilter

pytestmark = pytest.mark.db


def _traced_export(n: int, path: Path) -> tuple[int, int]:
    bulk_entries(n)
    scope = Scope(EntryFilter(), Withholding.default())
    tracemalloc.start()
    try:
        report = export(scope, "jsonl", path)
        current, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert report.rows == {"entries": n}
    return peak, current


def _check_file(path: Path, n: int) -> None:
    count = 0
    with path.open(encoding="utf-8") as f:
        for count, line in enumerate(f, start=1):
            if json.loads(line)["confidential"]:
                assert "Testov" not in line
    assert count == n


def test_a_jsonl_export_holds_one_chunk_at_a_time(
    db: None, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(selection, "CHUNK", 500)
    peak, left = _traced_export(5000, tmp_path / "out.jsonl")
    _check_file(tmp_path / "out.jsonl", 5000)
    # one chunk of 500 entries with their relations is about 8 MiB; ten chunks kept would be 80
    assert peak < 16 * 2**20, f"peak {peak / 2**20:.1f} MiB"
    assert left < 2 * 2**20, f"{left / 2**20:.1f} MiB still held after the export"
