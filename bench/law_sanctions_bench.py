"""Benchmark the law and sanctions extractors: entries per second, each on its own.

usage: .venv/bin/python bench/law_sanctions_bench.py [CHRONICLE.txt] [--repeat N]

Reads the entries of a chronicle (lines before ``****``; default: the seed in
../shared when present, else a built-in set of invented entries). The persons
and legal references each entry's sanctions depend on are extracted first and
not timed; then law.extract and sanctions.extract are timed apart, best of N
passes. The target is at least 5,000 entries/s each on one core. Loading the
word lists and compiling the patterns happen once per knowledge set and are
timed apart.
"""

from __future__ import annotations

import sys
import time
from collections.abc import Callable
from pathlib import Path

from kuzet.chronicle.extract import law, persons, sanctions
from kuzet.chronicle.extract.context import Context
from kuzet.chronicle.knowledge import Knowledge
from kuzet.chronicle.model import Period

SEED = Path(__file__).resolve().parents[2] / "shared" / "seeds" / "000_9ae157a45882d29c.txt"
INVENTED = [
    "June 2, Almaty, Serikbayev T., Article 488, Part 6 of the CAO, 10 days of arrest[2].",
    (
        "June 3, Astana, the court sentenced Kemelova A. and Nurov B. to 5 years of imprisonment "
        "each under Articles 258, 405 of the Criminal Code; the prosecutor had asked for 7 years[3]."
    ),
    "June 4, Aktau, oil workers protested outside the akimat for the third day[4].",
    (
        "June 5, Taraz, Omarova L. was fined 50 MCI (172,500 tenge) under Article 489 of the "
        "Code of Administrative Offences; the appeal court left the decision unchanged[5]."
    ),
]

Extractor = Callable[..., list[object]]


def main(argv: list[str]) -> int:
    repeat = int(argv[argv.index("--repeat") + 1]) if "--repeat" in argv else 5
    files = [a for a in argv if not a.startswith("--") and not a.isdigit()]
    texts = _entries(Path(files[0]) if files else SEED)
    base = Context(knowledge=Knowledge(), period=Period(2023, 6))
    started = time.perf_counter()
    contexts = [_context(text, base) for text in texts]  # also loads and compiles everything
    _run(sanctions.extract, texts, contexts)
    print(f"warm-up (load + compile + persons): {time.perf_counter() - started:.3f} s")
    for name, extractor in (("law", law.extract), ("sanctions", sanctions.extract)):
        best = min(_timed(extractor, texts, contexts) for _ in range(repeat))
        print(
            f"{len(texts)} entries, best of {repeat}: {best * 1e6 / len(texts):.0f} us/entry, "
            f"{len(texts) / best:,.0f} entries/s ({name})"
        )
    return 0


def _context(text: str, base: Context) -> Context:
    ctx = base.with_(persons=tuple(persons.extract(text, context=base)))
    return ctx.with_(legal_refs=tuple(law.extract(text, context=ctx)))


def _entries(path: Path) -> list[str]:
    if not path.exists():
        return INVENTED * 30
    text = path.read_text(encoding="utf-8").split("\n****")[0]
    return [line for line in text.splitlines() if line.strip()]


def _timed(extractor: Extractor, texts: list[str], contexts: list[Context]) -> float:
    started = time.perf_counter()
    _run(extractor, texts, contexts)
    return time.perf_counter() - started


def _run(extractor: Extractor, texts: list[str], contexts: list[Context]) -> None:
    for text, ctx in zip(texts, contexts, strict=True):
        extractor(text, context=ctx)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
