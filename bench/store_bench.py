"""Store benchmark: ingest rate and search latency on SQLite and PostgreSQL.

    # SQLite (a fresh database in a temporary KUZET_HOME):
    .venv/bin/python bench/store_bench.py --entries 100000
    # PostgreSQL (a throwaway server):
    scripts/with-postgres .venv/bin/python bench/store_bench.py --entries 100000
    # grow an existing benchmark database to a million entries and search again:
    .venv/bin/python bench/store_bench.py --entries 1000000 --home /tmp/kuzet-bench

Entries come from ``kuzet.synthetic`` (fictional chronicles, one document per month
from 1990 on), with their extracted values made from the generator's truth, so the
figure is the *store's* rate: lint, diffing, rows, full-text index, person linking,
one transaction per document.
``--pipeline N`` also times N entries through extraction for the end-to-end rate.

Search latency is measured for ten representative queries (words, a phrase, a
prefix, filters by region, type, article, person, domain and dates, combined), each
run ``--repeat`` times after one warm-up; the median and 95th percentile are reported.
Not a test: nothing here asserts a target.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import random
import statistics
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

# Fictional source domains for the reference lists (the generator writes no URLs).
DOMAINS = ["news.example.org", "court.example.kz", "t.me", "west.example.kz", "media.example.net",
           "rights.example.org", "www.facebook.example.com", "daily.example.kz"]


def _period(k: int) -> tuple[int, int]:
    """Document number → (year, month): one chronicle per month from January 1990."""
    return 1990 + k // 12, k % 12 + 1


def _records(k: int, size: int):  # type: ignore[no-untyped-def]
    """Document ``k``: ``size`` entries of ``kuzet.synthetic`` for its month, and records
    made from the generator's truth (offsets found in the text where the words are)."""
    from kuzet.chronicle import model as cm
    from kuzet.synthetic import generate_entries

    year, month = _period(k)
    period = cm.Period(year, month)
    rng = random.Random(k)
    entries, records, refs = [], [], []
    for text, truth in generate_entries(size, seed=k, period=period):
        n = int(truth["n"])

        def at(words: str, value: object, text: str = text) -> cm.Mention[object]:
            start = text.find(words)
            return cm.Mention(start, start + len(words), words, value) if start >= 0 else cm.Mention(0, 0, "", value)

        place = truth["place"]
        y, mo, d = (int(x) for x in truth["date"].split("-"))
        entries.append(cm.Entry(n=n, text=text, refs=tuple(truth["refs"])))
        refs += [cm.Reference(n=r, url=f"https://{rng.choice(DOMAINS)}/story/{k}-{r}?utm_source=feed")
                 for r in truth["refs"]]
        records.append(cm.Record(
            doc=str(period), n=n, text=text,
            date=at(text.split(",")[0], cm.PartialDate(y, mo, d)),  # type: ignore[arg-type]
            place=at(place["name"], cm.Place(name=place["name"], kind=place["kind"],  # type: ignore[arg-type]
                                              region=place["region"], country=place["country"])),
            persons=tuple(at(p["name"].split()[0], cm.Person(name=p["name"], role=p["role"]))  # type: ignore[misc]
                          for p in truth["persons"]),
            legal_refs=tuple(at(f"Article {r['article']}", cm.LegalRef(r["code"], r["article"], r["part"]))  # type: ignore[misc]
                             for r in truth["legal_refs"]),
            sanctions=tuple(cm.Mention(0, 0, "", cm.Sanction(**s)) for s in truth["sanctions"]),  # type: ignore[misc]
            types=tuple(cm.Mention(0, 0, "", t) for t in truth["types"]),  # type: ignore[misc]
            refs=tuple(truth["refs"]),
        ))
    doc = cm.Document(name=f"synthetic-{period}.txt", format="txt", period=period,
                      entries=tuple(entries), references=tuple(refs))
    return doc, records


def _documents(total: int, size: int, start: int) -> Iterator[tuple[int, int]]:
    """(document number, entries) for documents numbered from ``start``."""
    made, k = 0, start
    while made < total:
        n = min(size, total - made)
        yield k, n
        made += n
        k += 1


class Timed:
    """Wraps a function and adds up the time spent in it."""

    def __init__(self, func):  # type: ignore[no-untyped-def]
        self.func, self.seconds = func, 0.0

    def __call__(self, *args, **kwargs):  # type: ignore[no-untyped-def]
        t0 = time.perf_counter()
        try:
            return self.func(*args, **kwargs)
        finally:
            self.seconds += time.perf_counter() - t0


def ingest(total: int, size: int, link: bool) -> tuple[int, float, float, float]:
    """Add ``total`` entries in documents of ``size``.

    Returns (entries, seconds in all, of which in lint, of which in person linking).
    """
    import kuzet.chronicle.lint as lint_module
    from kuzet.store import models as m
    from kuzet.store import services

    lint = lint_module.lint = Timed(lint_module.lint)  # type: ignore[assignment]
    linker = services.link_persons = Timed(services.link_persons if link else (lambda d: None))  # type: ignore[assignment]

    start = m.Document.objects.filter(name__startswith="synthetic-").count()
    added, seconds, last = 0, 0.0, time.monotonic()
    for k, n in _documents(total, size, start):
        doc, records = _records(k, n)
        t0 = time.perf_counter()
        services.ingest_document(doc, records=records)
        seconds += time.perf_counter() - t0
        added += n
        if time.monotonic() - last > 30:
            print(f"  … {added:,} entries, {added / seconds:,.0f}/s "
                  f"(lint {lint.seconds:,.0f} s, linking {linker.seconds:,.0f} s)", file=sys.stderr, flush=True)
            last = time.monotonic()
    return added, seconds, lint.seconds, linker.seconds


def pipeline(n: int) -> tuple[int, float]:
    """Time ``n`` entries through extraction and storing (the ``kuzet ingest`` path)."""
    from kuzet.store import services

    doc, _ = _records(12 * 200, n)  # a month far from the others: 2190-01
    t0 = time.perf_counter()
    services.ingest_document(doc, force=True)
    return n, time.perf_counter() - t0


def queries() -> list[tuple[str, object]]:
    from kuzet.store.selectors import EntryFilter
    from kuzet.synthetic import generate_entries

    _, truth = next(generate_entries(1, seed=5, period="1990-06"))
    someone = truth["persons"][0]["name"] if truth["persons"] else "Nobody N."
    return [
        ("word: detained", EntryFilter(q="detained")),
        ('phrase: "hunger strike"', EntryFilter(q='"hunger strike"')),
        ("prefix: Zhumar*", EntryFilter(q="Zhumar*")),
        ("region: Karaganda Region", EntryFilter(place="Karaganda Region")),
        ("type + month", EntryFilter(types=("assembly_refusal",), date_from=dt.date(1991, 5, 1),
                                     date_to=dt.date(1991, 5, 31))),
        ("article CAO 488 + region", EntryFilter(article="CAO 488", place="Mangystau Region")),
        (f"person: {someone}", EntryFilter(person=someone)),
        ("words + domain", EntryFilter(q="court sentenced", domain="court.example.kz")),
        ("word + dates", EntryFilter(q="picket", date_from=dt.date(1992, 1, 1), date_to=dt.date(1994, 12, 31))),
        ("word + type + region", EntryFilter(q="imprisonment", types=("criminal_sentence",), place="Abai Region")),
    ]


def measure(repeat: int) -> list[tuple[str, float, float, int]]:
    from kuzet.store.search import search

    out = []
    for label, f in queries():
        search(f)  # warm-up
        times = []
        for _ in range(repeat):
            t0 = time.perf_counter()
            page = search(f)  # type: ignore[arg-type]
            times.append((time.perf_counter() - t0) * 1000)
        times.sort()
        p95 = times[min(len(times) - 1, round(0.95 * (len(times) - 1)))]
        out.append((label, statistics.median(times), p95, page.total))
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--entries", default="100000",
                        help="entries the database should hold; a list (100000,1000000) grows it "
                             "and measures search at each size")
    parser.add_argument("--doc-size", type=int, default=1000, help="entries per document")
    parser.add_argument("--home", help="KUZET_HOME for SQLite (default: a new temporary one)")
    parser.add_argument("--repeat", type=int, default=20)
    parser.add_argument("--pipeline", type=int, default=0, help="also time N entries with extraction")
    parser.add_argument("--no-link", action="store_true",
                        help="skip person linking while filling (it is timed separately otherwise)")
    args = parser.parse_args()

    if not os.environ.get("KUZET_DATABASE_URL"):
        os.environ["KUZET_HOME"] = args.home or tempfile.mkdtemp(prefix="kuzet-bench-")
    sys.path.insert(0, str(ROOT / "src"))
    from django.db import connection

    from kuzet.setup import database_label, ensure_database

    ensure_database()
    print(f"database: {connection.vendor} ({database_label()})")
    for size in [int(x) for x in args.entries.split(",")]:
        grow_and_measure(size, args)


def grow_and_measure(size: int, args: argparse.Namespace) -> None:
    from django.db import connection

    from kuzet.store import models as m

    have = m.Entry.objects.filter(document__name__startswith="synthetic-").count()
    if size > have:
        added, seconds, lint_s, link_s = ingest(size - have, args.doc_size, not args.no_link)
        store_s = seconds - lint_s - link_s
        print(f"ingest: {added:,} entries from {have:,} in {seconds:,.1f} s = {added / seconds:,.0f} entries/s "
              f"(documents of {args.doc_size:,}; records given, extraction not included)")
        print(f"  of which lint {lint_s:,.1f} s, person linking {link_s:,.1f} s"
              f"{' (skipped)' if args.no_link else ''}; the store itself: {store_s:,.1f} s = "
              f"{added / store_s:,.0f} entries/s", flush=True)
    with connection.cursor() as cur:
        cur.execute("ANALYZE" if connection.vendor == "postgresql" else "PRAGMA optimize")
    if args.pipeline:
        n, seconds = pipeline(args.pipeline)
        print(f"pipeline: {n:,} entries extracted and stored in {seconds:,.1f} s = {n / seconds:,.0f} entries/s")
    total = m.Entry.objects.count()
    load = ", ".join(f"{x:.2f}" for x in os.getloadavg())
    print(f"search at {total:,} entries ({args.repeat} runs each, ms; load average {load}):")
    print(f"  {'query':34} {'median':>8} {'p95':>8} {'matches':>9}")
    rows = measure(args.repeat)
    for label, median, p95, matches in rows:
        print(f"  {label:34} {median:8.1f} {p95:8.1f} {matches:>9,}")
    print(f"  {'all queries':34} {statistics.median([r[1] for r in rows]):8.1f} {max(r[2] for r in rows):8.1f}"
          "   (median of medians, worst p95)", flush=True)


if __name__ == "__main__":
    main()
