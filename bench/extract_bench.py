"""Benchmark extraction: entries per second on one core, and dates against dateparser.

    .venv/bin/python bench/extract_bench.py [--entries 10000] [--seed 1] [--dateparser 1000]

1. Generates a synthetic chronicle (``kuzet.synthetic``, fictional names, known
   answers), writes it to a temporary file and reads it back (``read_document``).
2. Extracts every entry (``extract_entry``), timing the whole pipeline and each
   extractor, and reports entries per second and accuracy against the truth.
   The headline is CPU time of this process (``time.process_time``) on the one
   core it is pinned to: on a shared machine, wall time also counts the time
   other processes held the core. Wall time is printed too.
3. The same on the seed chronicle (real, longer entries) when ``../shared`` is here.
4. Compares our date extractor with ``dateparser.search_dates`` (optional
   dependency ``bench``) on a sample of the same entries, and on the seed
   chronicle's gold when ``../shared`` is present: accuracy and time.

Not a test: it prints figures for docs/benchmarks.md and never fails on them.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import os
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from datetime import datetime
from pathlib import Path
from typing import Any

from kuzet.chronicle.extract import dates, extract_entry, law, persons, places, sanctions, types
from kuzet.chronicle.extract.context import Context
from kuzet.chronicle.knowledge import default_knowledge
from kuzet.chronicle.model import Entry, Period
from kuzet.chronicle.read import read_document
from kuzet.synthetic import generate_entries, write_chronicle

ROOT = Path(__file__).resolve().parent.parent
SHARED = Path(os.environ.get("KUZET_SHARED", ROOT.parent / "shared"))
SEED = SHARED / "seeds" / "000_9ae157a45882d29c.txt"
SEED_GOLD = SHARED / "gold" / "2023-06.jsonl"
SCORER = SHARED / "tools" / "score.py"
PERIOD = "2024-03"


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--entries", type=int, default=10_000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument(
        "--dateparser",
        type=int,
        default=1000,
        metavar="N",
        help="entries to give dateparser (it is slow); 0 skips it",
    )
    args = parser.parse_args(argv)
    _pin_to_one_core()
    period = Period.parse(PERIOD)
    truths = [t for _, t in generate_entries(args.entries, seed=args.seed, period=period)]

    with tempfile.TemporaryDirectory() as tmp:
        path = write_chronicle(Path(tmp) / "synthetic.txt", args.entries, period, args.seed)
        t0 = time.perf_counter()
        document = read_document(path, period=period)
        read_s = time.perf_counter() - t0
    entries = document.entries
    print(
        f"synthetic chronicle: {len(entries)} entries, read in {read_s:.2f} s "
        f"({len(entries) / read_s:,.0f} entries/s)"
    )

    knowledge = default_knowledge()
    extract_entry(entries[0], doc=PERIOD, period=period, knowledge=knowledge)  # load data once
    cpu0, wall0 = time.process_time(), time.perf_counter()
    records = [extract_entry(e, doc=PERIOD, period=period, knowledge=knowledge) for e in entries]
    cpu_s, wall_s = time.process_time() - cpu0, time.perf_counter() - wall0
    n = len(entries)
    # CPU time is the headline: on a shared machine wall time also counts the
    # time other processes held the core, which says nothing about our code.
    print(
        f"extract_entry: {n / cpu_s:,.0f} entries/s of CPU time on one core "
        f"({cpu_s * 1e3 / n:.3f} ms per entry); wall clock {n / wall_s:,.0f} entries/s "
        f"({wall_s * 1e3 / n:.3f} ms per entry)"
    )
    print("  CPU time per extractor:")
    for name, seconds in _per_extractor(entries, period).items():
        print(f"  {name:<10} {seconds * 1e3 / n:.3f} ms per entry")

    predicted = [r.to_dict() for r in records]
    _print_scores(truths, predicted)
    if SEED.exists():
        _time_seed(knowledge)
    if args.dateparser:
        _compare_dateparser(entries[: args.dateparser], truths[: args.dateparser], period)
    return 0


def _time_seed(knowledge: Any) -> None:
    """The pipeline on the real chronicle, read enough times to time it."""
    period = Period(2023, 6)
    entries = read_document(SEED, period=period).entries
    rounds = max(1, 2000 // max(1, len(entries)))
    cpu0, wall0 = time.process_time(), time.perf_counter()
    for _ in range(rounds):
        for e in entries:
            extract_entry(e, doc="2023-06", period=period, knowledge=knowledge)
    cpu_s, wall_s = time.process_time() - cpu0, time.perf_counter() - wall0
    n = len(entries) * rounds
    print(
        f"seed chronicle ({len(entries)} real entries x {rounds}): {n / cpu_s:,.0f} entries/s "
        f"of CPU time ({cpu_s * 1e3 / n:.3f} ms per entry); wall clock {n / wall_s:,.0f}/s"
    )


def _pin_to_one_core() -> None:
    if hasattr(os, "sched_setaffinity"):
        try:
            os.sched_setaffinity(0, {min(os.sched_getaffinity(0))})
        except OSError:
            pass


def _per_extractor(entries: Sequence[Entry], period: Period) -> dict[str, float]:
    """Time of each extractor, fed forward like extract_entry does."""
    spent = dict.fromkeys(("dates", "places", "persons", "law", "sanctions", "types"), 0.0)
    base = Context.default(period)
    for entry in entries:
        ctx, text = base, entry.text
        found = _timed(spent, "dates", dates.extract, text, ctx)
        ctx = ctx.with_(date=found[0] if found else None)
        found = _timed(spent, "places", places.extract, text, ctx)
        ctx = ctx.with_(place=found[0] if found else None)
        ctx = ctx.with_(persons=tuple(_timed(spent, "persons", persons.extract, text, ctx)))
        ctx = ctx.with_(legal_refs=tuple(_timed(spent, "law", law.extract, text, ctx)))
        ctx = ctx.with_(sanctions=tuple(_timed(spent, "sanctions", sanctions.extract, text, ctx)))
        _timed(spent, "types", types.extract, text, ctx)
    return spent


def _timed(
    spent: dict[str, float], name: str, extract: Callable[..., list[Any]], text: str, ctx: Context
) -> list[Any]:
    t0 = time.process_time()
    out = extract(text, context=ctx)
    spent[name] += time.process_time() - t0
    return out


def _print_scores(gold: Sequence[dict[str, Any]], predicted: Sequence[dict[str, Any]]) -> None:
    scorer = _load_scorer()
    if scorer is None:
        ok = sum(g["date"] == p["date"] for g, p in zip(gold, predicted, strict=True))
        print(
            f"accuracy against the generator's truth: date {ok / len(gold):.3f} "
            f"(../shared/tools/score.py not found for the other fields)"
        )
        return
    def key(records: Sequence[dict[str, Any]]) -> dict[tuple[str, int], dict[str, Any]]:
        return {(r["doc"], r["n"]): r for r in records}

    result = scorer.score(key(gold), key(predicted))
    fields = ("date", "place", "persons", "legal_refs", "sanctions", "types", "overall")
    print(
        "accuracy against the generator's truth: "
        + ", ".join(f"{f} {result[f]:.3f}" for f in fields)
    )


def _load_scorer() -> Any:
    if not SCORER.exists():
        return None
    spec = importlib.util.spec_from_file_location("kuzet_shared_score", SCORER)
    if spec is None or spec.loader is None:
        return None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


# -- dates against dateparser -----------------------------------------------------------------


def _compare_dateparser(
    entries: Sequence[Entry], truths: Sequence[dict[str, Any]], period: Period
) -> None:
    try:
        from dateparser.search import search_dates
    except ImportError:
        print("dateparser is not installed (pip install -e '.[bench]'): comparison skipped")
        return
    gold = [t["date"] for t in truths]
    print(f"\nlead date on {len(entries)} synthetic entries:")
    _compare(entries, gold, period, search_dates)
    if SEED.exists() and SEED_GOLD.exists():
        seed_period = Period(2023, 6)
        document = read_document(SEED, period=seed_period)
        by_n = {}
        for line in SEED_GOLD.read_text(encoding="utf-8").splitlines():
            if line.strip():
                record = json.loads(line)
                by_n[record["n"]] = record["date"]
        seed_entries = [e for e in document.entries if e.n in by_n]
        print(f"lead date on the seed chronicle ({len(seed_entries)} entries, gold dates):")
        _compare(seed_entries, [by_n[e.n] for e in seed_entries], seed_period, search_dates)


def _compare(
    entries: Sequence[Entry], gold: Sequence[str | None], period: Period, search_dates: Any
) -> None:
    ctx = Context.default(period)
    t0 = time.perf_counter()
    ours = []
    for e in entries:
        found = dates.extract(e.text, context=ctx)
        ours.append(found[0].value.iso() if found else None)
    ours_s = time.perf_counter() - t0
    settings = {
        "RELATIVE_BASE": datetime(period.year, period.month, 1),  # noqa: DTZ001  (a calendar day)
        "REQUIRE_PARTS": ["day", "month"],
        "PREFER_DATES_FROM": "current_period",
    }
    t0 = time.perf_counter()
    theirs = []
    for e in entries:
        found = search_dates(e.text, languages=["en"], settings=settings) or []
        theirs.append(found[0][1].date().isoformat() if found else None)
    theirs_s = time.perf_counter() - t0
    n = len(entries)
    for name, got, seconds in (
        ("kuzet dates", ours, ours_s),
        ("dateparser.search_dates", theirs, theirs_s),
    ):
        ok = sum(g == p for g, p in zip(gold, got, strict=True))
        print(
            f"  {name:<24} accuracy {ok / n:.3f} ({ok}/{n}), {seconds * 1e3 / n:.3f} ms per entry"
        )


if __name__ == "__main__":
    sys.exit(main())
