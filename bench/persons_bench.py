"""Benchmark the persons extractor: entries per second.

usage: .venv/bin/python bench/persons_bench.py [CHRONICLE.txt] [--repeat N]

Reads the entries of a chronicle (lines before ``****``; default: the seed in
../shared when present, else a built-in set of invented entries), runs
persons.extract on each and prints the best of N timed passes. The target is at
least 5,000 entries/s on one core. Loading the word lists and compiling the
patterns happen once per knowledge set and are timed apart.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

from kuzet.chronicle.extract import persons
from kuzet.chronicle.extract.context import Context
from kuzet.chronicle.knowledge import Knowledge
from kuzet.chronicle.model import Period

SEED = Path(__file__).resolve().parents[2] / "shared" / "seeds" / "000_9ae157a45882d29c.txt"
INVENTED = [
    (
        "June 2, Almaty region, Otegen Batyr settlement, Serikbayev T., Article 488 of the CAO, "
        "10 days of arrest: he declared a hunger strike, his father Serikbayev A. said[2]."
    ),
    (
        "On 12 June, in Astana, police detained activists Kemelova A., B. Nurov and Aigerim "
        "Tleubai near the Esil district court; Judge Amanova S. fined them[3]."
    ),
    (
        "8 June, Mangystau region, Zhanaozen, oil workers of the Burgylau company protested "
        "outside the akimat; the akim of the city met them[4]."
    ),
    (
        "June 20, Semey, the trial of two police officers, Zhunusov A. and Kurmanov E., accused "
        "of the torture of Baizhanov Nurlybek, began; lawyer Kassymov D. said it was late[5]."
    ),
]


def main(argv: list[str]) -> int:
    repeat = int(argv[argv.index("--repeat") + 1]) if "--repeat" in argv else 5
    files = [a for a in argv if not a.startswith("--") and not a.isdigit()]
    entries = _entries(Path(files[0]) if files else SEED)
    ctx = Context(knowledge=Knowledge(), period=Period(2023, 6))
    started = time.perf_counter()
    _run(entries, ctx)  # loads the word lists and the gazetteer, compiles the patterns
    print(f"warm-up (load + compile): {time.perf_counter() - started:.3f} s")
    best = min(_timed(entries, ctx) for _ in range(repeat))
    print(
        f"{len(entries)} entries, best of {repeat}: {best * 1e6 / len(entries):.0f} us/entry, "
        f"{len(entries) / best:,.0f} entries/s (persons)"
    )
    return 0


def _entries(path: Path) -> list[str]:
    if not path.exists():
        return INVENTED * 30
    text = path.read_text(encoding="utf-8").split("\n****")[0]
    return [line for line in text.splitlines() if line.strip()]


def _timed(entries: list[str], ctx: Context) -> float:
    started = time.perf_counter()
    _run(entries, ctx)
    return time.perf_counter() - started


def _run(entries: list[str], ctx: Context) -> None:
    for text in entries:
        persons.extract(text, context=ctx)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
