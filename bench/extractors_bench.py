"""Time each extractor on its own, on a real chronicle: microseconds and entries per second.

usage: .venv/bin/python bench/extractors_bench.py [CHRONICLE] [--period YYYY-MM] [--repeat N]
                                                 [--only dates,places,...]

Reads CHRONICLE with Kuzet's reader (default: the seed in ../shared when present,
else a small built-in set of invented entries). Each extractor is timed with the
context the pipeline gives it (``extract_entry`` runs dates, places, persons, law,
sanctions, types in that order, each reading what the earlier ones found): the
contexts are built once, untimed, then every extractor runs over all entries,
best of N passes. Loading the data files and compiling the patterns happen in the
warm-up and are timed apart.

The whole pipeline, on synthetic and real entries, with accuracy and a dateparser
comparison, is ``bench/extract_bench.py``; this script is for working on one
extractor (target: at least 5,000 entries/s each on one core).
"""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from kuzet.chronicle.extract import dates, law, persons, places, sanctions, types
from kuzet.chronicle.extract.context import Context
from kuzet.chronicle.knowledge import Knowledge
from kuzet.chronicle.model import Period
from kuzet.chronicle.read import read_document

SEED = Path(__file__).resolve().parents[2] / "shared" / "seeds" / "000_9ae157a45882d29c.txt"
# Invented entries (fictional people), used when the seed is not at hand.
INVENTED = [
    "June 2, Almaty region, Otegen Batyr settlement, Serikbayev T., Article 488 of the CAO, "
    "10 days of arrest: he declared a hunger strike, his brother Serikbayev A. said[1].",
    "On 12 June, in Astana, police detained activists Kemelova A., B. Nurov and Aigerim "
    "Tleubai near the Esil district court; Judge Amanova S. fined them 50 MCI each[2].",
    "8 June, Mangistau region, Zhyngyldy village, residents blocked the road demanding water; "
    "the akim of Karakiya district promised to meet them on June 15[3].",
    "June 20, the Shymkent city akimat refused to approve a rally planned for July 2, 2023, "
    "citing repairs in the only place allowed for assemblies[4].",
    "June 23, Taraz, the court sentenced Omarova L. and Zhunusov E. to 5 years of imprisonment "
    "each under Article 405 of the Criminal Code; the prosecutor had asked for 7 years[5].",
]
ORDER = ("dates", "places", "persons", "law", "sanctions", "types")
EXTRACTORS: dict[str, Callable[..., list[Any]]] = {
    "dates": dates.extract,
    "places": places.extract,
    "persons": persons.extract,
    "law": law.extract,
    "sanctions": sanctions.extract,
    "types": types.extract,
}


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("chronicle", nargs="?", type=Path, default=SEED)
    parser.add_argument("--period", default="2023-06", help="the chronicle's month (YYYY-MM)")
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--only", default=",".join(ORDER), help="comma-separated extractors")
    args = parser.parse_args(argv)
    only = [name.strip() for name in args.only.split(",") if name.strip()]
    unknown = sorted(set(only) - set(ORDER))
    if unknown:
        parser.error(f"unknown extractor {', '.join(unknown)}; choose from {', '.join(ORDER)}")
    texts = _texts(args.chronicle)
    period = Period.parse(args.period)

    started = time.perf_counter()
    base = Context(knowledge=Knowledge(), period=period)
    contexts = [_contexts(text, base) for text in texts]
    print(f"{len(texts)} entries; warm-up (load, compile, contexts): {time.perf_counter() - started:.3f} s")
    for name in only:
        best = min(_timed(EXTRACTORS[name], texts, [c[name] for c in contexts]) for _ in range(args.repeat))
        print(
            f"{name:10} best of {args.repeat}: {best * 1e6 / len(texts):6.0f} us/entry, "
            f"{len(texts) / best:9,.0f} entries/s"
        )
    return 0


def _texts(path: Path) -> list[str]:
    if not path.exists():
        print(f"{path} not found: timing {len(INVENTED)} invented entries x 40", file=sys.stderr)
        return INVENTED * 40
    return [entry.text for entry in read_document(path).entries]


def _contexts(text: str, ctx: Context) -> dict[str, Context]:
    """The context each extractor sees in ``extract_entry``, by extractor name."""
    seen = {"dates": ctx}
    found = dates.extract(text, context=ctx)
    ctx = seen["places"] = ctx.with_(date=found[0] if found else None)
    found = places.extract(text, context=ctx)
    ctx = seen["persons"] = ctx.with_(place=found[0] if found else None)
    ctx = seen["law"] = ctx.with_(persons=tuple(persons.extract(text, context=ctx)))
    ctx = seen["sanctions"] = ctx.with_(legal_refs=tuple(law.extract(text, context=ctx)))
    seen["types"] = ctx.with_(sanctions=tuple(sanctions.extract(text, context=ctx)))
    return seen


def _timed(extractor: Callable[..., list[Any]], texts: list[str], contexts: list[Context]) -> float:
    started = time.perf_counter()
    for text, ctx in zip(texts, contexts, strict=True):
        extractor(text, context=ctx)
    return time.perf_counter() - started


if __name__ == "__main__":
    sys.exit(main())
