"""Benchmark: exports of many entries — time and peak memory, per format.

    .venv/bin/python bench/publish_bench.py [--entries 100000] [--formats jsonl,csv,sqlite]

Makes a throwaway SQLite database in a temporary KUZET_HOME, inserts N synthetic
published entries straight through the ORM (one person mention, type and citation
each; every 50th confidential), then runs each export in a child process and
reports wall time and the child's peak resident memory (ru_maxrss). Memory that
stays flat as N grows is the point: exports stream in chunks.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
FORMATS = ("jsonl", "csv", "sqlite", "geojson", "acled", "xlsx")
SUFFIX = {"csv": ".zip", "sqlite": ".db", "xlsx": ".xlsx", "geojson": ".geojson", "acled": ".csv", "jsonl": ".jsonl"}


def _fill(n: int) -> None:
    sys.path.insert(0, str(ROOT / "tests" / "publish"))
    from kuzet.setup import ensure_database

    ensure_database()
    from publish_data import bulk_entries  # the test suite's synthetic rows

    bulk_entries(n)


def _export(fmt: str, out: Path) -> tuple[float, float]:
    code = (
        "import sys, resource, time\n"
        "from kuzet.cli import main\n"
        "t = time.perf_counter()\n"
        f"status = main(['export', '--format', {fmt!r}, '-o', {str(out)!r}])\n"
        "print(time.perf_counter() - t, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)\n"
        "sys.exit(status)\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    seconds, rss_kib = done.stdout.split()
    return float(seconds), int(rss_kib) / 1024


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--entries", type=int, default=100_000)
    parser.add_argument("--formats", default=",".join(FORMATS))
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as home:
        os.environ["KUZET_HOME"] = home
        os.environ.pop("KUZET_DATABASE_URL", None)
        started = time.perf_counter()
        _fill(args.entries)
        print(f"inserted {args.entries:,} entries in {time.perf_counter() - started:.1f} s")
        print(f"{'format':<8} {'seconds':>8} {'peak RSS MiB':>13} {'file MiB':>9}")
        for fmt in args.formats.split(","):
            out = Path(home) / f"export{SUFFIX[fmt]}"
            seconds, rss = _export(fmt, out)
            size = out.stat().st_size / 2**20
            print(f"{fmt:<8} {seconds:>8.1f} {rss:>13.0f} {size:>9.1f}")


if __name__ == "__main__":
    main()
