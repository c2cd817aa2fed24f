"""End-to-end ingest benchmark: `kuzet ingest`'s path from files to a linked store.

    # SQLite (a fresh KUZET_HOME), then PostgreSQL when KUZET_DATABASE_URL is set:
    flock /tmp/kuzet-bench.lock .venv/bin/python bench/ingest_bench.py --entries 100000
    KUZET_PG_PORT=54341 scripts/with-postgres flock /tmp/kuzet-bench.lock \\
        .venv/bin/python bench/ingest_bench.py --entries 100000
    # options: --jobs N (default: the CPUs), --no-link, --databases sqlite|postgresql,
    #          --doc-size 1000, --step 10000, --home DIR (keep and grow a SQLite database)

1. Writes synthetic chronicles with ``kuzet.synthetic`` (the generator of the other
   benchmarks; fictional people): one file per month from January 1990, ``--doc-size``
   entries each, named ``YYYY-MM.txt``.
2. Ingests them with ``kuzet.store.services.ingest_files`` — the function ``kuzet
   ingest`` calls: read, lint, extract (in ``--jobs`` worker processes), store, link
   persons, one transaction per file — into a fresh database, once per database (each
   in its own process, since Django holds one database per process).
3. Prints entries/s overall and for each ``--step`` entries (so that growth shows),
   and the time per phase: reading + lint, waiting for extraction, storing, of which
   person linking; and the CPU seconds of extraction (in the workers) and of this
   process.

Wall-clock rates on a shared machine count the time other jobs held the cores; the
load average is printed before and after. Not a test: nothing here asserts a target.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def _period(k: int) -> str:
    """File number → its month: one chronicle per month from January 1990."""
    return f"{1990 + k // 12:04d}-{k % 12 + 1:02d}"


def write_files(directory: Path, entries: int, size: int, start: int) -> list[Path]:
    """Chronicles for ``entries`` entries in files of ``size``, numbered from ``start``."""
    from kuzet.synthetic import write_chronicle

    paths, made, k = [], 0, start
    while made < entries:
        n = min(size, entries - made)
        paths.append(write_chronicle(directory / f"{_period(k)}.txt", n, period=_period(k), seed=k))
        made += n
        k += 1
    return paths


def _load() -> str:
    return "load average " + ", ".join(f"{x:.2f}" for x in os.getloadavg())


def run_one(args: argparse.Namespace) -> None:
    """In a child process: ingest the files into one database and print the figures."""
    from kuzet.setup import database_label, ensure_database

    ensure_database()
    from kuzet.store import models as m
    from kuzet.store import services

    if args.no_link:
        services.link_persons = lambda document: None  # type: ignore[assignment]
    before_docs = m.Document.objects.count()
    before_entries = m.Entry.objects.count()
    with tempfile.TemporaryDirectory(prefix="kuzet-ingest-bench-") as tmp:
        paths = write_files(Path(tmp), args.entries, args.doc_size, before_docs)
        print(f"database: {database_label()}, holding {before_entries:,} entries; "
              f"{len(paths)} files of {args.doc_size:,} written; jobs {args.jobs}; "
              f"linking {'off' if args.no_link else 'on'}; {_load()}", flush=True)
        _ingest(paths, args, before_entries)


def _ingest(paths: list[Path], args: argparse.Namespace, start: int) -> None:
    from kuzet.store import services

    t = services.IngestTimings() if hasattr(services, "IngestTimings") else _OldTimings()
    rows: list[dict[str, float]] = []
    keys = ("link", "store", "extract_wait", "link_cpu", "store_cpu", "extract_cpu")
    mark = {"entries": 0, "wall": 0.0, "cpu": 0.0, **dict.fromkeys(keys, 0.0)}
    t0, c0 = time.perf_counter(), time.process_time()
    failed = 0
    for result in _results(paths, args, t):
        if result.error is not None:
            failed += 1
            print(f"  {result.path.name}: {result.error}", file=sys.stderr)
        wall, cpu = time.perf_counter() - t0, time.process_time() - c0
        if t.entries - mark["entries"] >= args.step or result.path == paths[-1]:
            n = t.entries - mark["entries"]
            d = {k: getattr(t, k) - mark[k] for k in keys}
            rows.append({"from": start + mark["entries"], "to": start + t.entries,
                         "rate": n / (wall - mark["wall"]), "wall": wall - mark["wall"],
                         "cpu": cpu - mark["cpu"], **d})
            print(f"  {start + mark['entries']:>9,} → {start + t.entries:>9,}: {rows[-1]['rate']:>6,.0f} entries/s "
                  f"({rows[-1]['wall']:.1f} s: storing {d['store']:.1f} s of which linking {d['link']:.1f} s, "
                  f"waiting for extraction {d['extract_wait']:.1f} s | CPU ms/entry: this process "
                  f"{1000 * rows[-1]['cpu'] / n:.2f}, of which linking {1000 * d['link_cpu'] / n:.2f}; "
                  f"extraction {1000 * d['extract_cpu'] / n:.2f}); {_load()}", flush=True)
            mark = {"entries": t.entries, "wall": wall, "cpu": cpu, **{k: getattr(t, k) for k in keys}}
    wall, cpu = time.perf_counter() - t0, time.process_time() - c0
    print(f"overall: {t.entries:,} entries in {wall:,.1f} s = {t.entries / wall:,.0f} entries/s end to end"
          f"{f'; {failed} file(s) failed' if failed else ''}")
    print(f"  phases (wall, this process): read + lint {t.read:.1f} s (in the workers once they run), "
          f"waiting for extraction {t.extract_wait:.1f} s, storing {t.store - t.link:.1f} s, "
          f"linking {t.link:.1f} s ({100 * t.link / wall:.0f}% of the run)")
    print(f"  CPU of this process: {cpu:.1f} s = {1000 * cpu / max(t.entries, 1):.2f} ms/entry, of which "
          f"linking {t.link_cpu:.1f} s ({100 * t.link_cpu / max(cpu, 1e-9):.0f}%), storing without linking "
          f"{t.store_cpu - t.link_cpu:.1f} s")
    if t.extract_cpu:
        print(f"  CPU of extraction: {t.extract_cpu:.1f} s ({'worker processes' if t.pool else 'in this process'}, "
              f"{t.entries / t.extract_cpu:,.0f} entries/s of CPU); {_load()}")
    print("json: " + json.dumps({"entries": t.entries, "seconds": wall, "rate": t.entries / wall,
                                  "cpu_main": cpu, "timings": vars(t), "steps": rows}), flush=True)


class _OldTimings:
    """Zeros for a Kuzet without ``IngestTimings`` (only entries are counted)."""

    read = extract_wait = extract_cpu = store = link = store_cpu = link_cpu = 0.0
    entries = documents = 0
    pool = False


def _results(paths: list[Path], args: argparse.Namespace, t: object):  # type: ignore[no-untyped-def]
    """``ingest_files`` (what ``kuzet ingest`` calls); for a Kuzet from before it existed
    (``PYTHONPATH=old/src``, to measure "before"), the loop ``kuzet ingest`` ran then:
    ``ingest_file`` per file, in this process, counting entries only."""
    from kuzet.store import services

    if hasattr(services, "ingest_files"):
        yield from services.ingest_files(paths, jobs=args.jobs, timings=t)
        return
    from types import SimpleNamespace

    for path in paths:
        try:
            report = services.ingest_file(path)
        except services.KuzetError as exc:
            yield SimpleNamespace(path=path, error=exc, report=None)
            continue
        t.entries += report.entries  # type: ignore[attr-defined]
        yield SimpleNamespace(path=path, error=None, report=report)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--entries", type=int, default=100_000, help="entries to add (default 100,000)")
    parser.add_argument("--doc-size", type=int, default=1000, help="entries per file (default 1,000)")
    parser.add_argument("--step", type=int, default=10_000, help="report the rate every N entries")
    parser.add_argument("--jobs", type=int, default=len(os.sched_getaffinity(0)),
                        help="extraction processes (default: the CPUs; 1: in-process)")
    parser.add_argument("--no-link", action="store_true", help="skip person linking")
    parser.add_argument("--home", help="KUZET_HOME for SQLite (default: a new temporary one); "
                                       "an existing database grows (files continue its months)")
    parser.add_argument("--databases", default="sqlite,postgresql",
                        help="which to run: sqlite, postgresql (needs KUZET_DATABASE_URL), or both")
    parser.add_argument("--child", choices=["sqlite", "postgresql"], help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        run_one(args)
        return
    url = os.environ.get("KUZET_DATABASE_URL", "")
    for which in args.databases.split(","):
        env = dict(os.environ)
        scratch = ""  # a home made here is removed afterwards (the database is large)
        if which == "sqlite":
            env.pop("KUZET_DATABASE_URL", None)
            if not args.home:
                scratch = tempfile.mkdtemp(prefix="kuzet-ingest-bench-")
            env["KUZET_HOME"] = args.home or scratch
        elif not url:
            print("postgresql: skipped (set KUZET_DATABASE_URL, e.g. with scripts/with-postgres)")
            continue
        print(f"== {which}", flush=True)
        child = [sys.executable, __file__, "--child", which, *sys.argv[1:]]
        try:
            subprocess.run(child, env=env, check=True)
        finally:
            if scratch:
                shutil.rmtree(scratch, ignore_errors=True)


if __name__ == "__main__":
    main()
