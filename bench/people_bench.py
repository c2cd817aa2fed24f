"""Benchmark the store's person linking: a full relink, then one new document's.

    .venv/bin/python bench/people_bench.py [--mentions 200000] [--per-doc 300]

Uses a throwaway SQLite database in a temporary KUZET_HOME (or KUZET_DATABASE_URL
when set). Entries and mentions are bulk-created from bench/linking_bench.py's
synthetic names, bypassing extraction, so that only linking is timed.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
os.environ.setdefault("KUZET_HOME", tempfile.mkdtemp(prefix="kuzet-bench-"))

from linking_bench import generate


def _store(mentions: list, per_doc: int) -> None:
    from django.utils import timezone

    from kuzet.store import models as m

    now = timezone.now()
    docs = sorted({x.doc for x in mentions})
    rows = {d: m.Document.objects.create(key=d, name=d, format="txt", sha256="0" * 64,
                                         ingested_at=now, updated_at=now) for d in docs}
    entries = {}
    for x in mentions:
        entries.setdefault((x.doc, x.n), None)
    made = m.Entry.objects.bulk_create(
        [m.Entry(document=rows[d], n=n, text="", created_at=now, updated_at=now) for d, n in entries],
        batch_size=5000,
    )
    ids = {(e.document.key, e.n): e for e in made}
    m.PersonMention.objects.bulk_create(
        [m.PersonMention(entry=ids[(x.doc, x.n)], written=x.written, key=x.key) for x in mentions],
        batch_size=5000,
    )


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--mentions", type=int, default=200_000)
    ap.add_argument("--per-doc", type=int, default=300)
    args = ap.parse_args()
    from kuzet.setup import ensure_database, setup_django

    setup_django()
    ensure_database()
    from kuzet.store import models as m
    from kuzet.store import people

    mentions, _ = generate(args.mentions, max(1, args.mentions // args.per_doc))
    last = max(x.doc for x in mentions)
    t0 = time.perf_counter()
    _store([x for x in mentions if x.doc != last], args.per_doc)
    t1 = time.perf_counter()
    full = people.relink()
    t2 = time.perf_counter()
    _store([x for x in mentions if x.doc == last], args.per_doc)
    t3 = time.perf_counter()
    one = people.relink(documents=[m.Document.objects.get(key=last)])
    t4 = time.perf_counter()
    print(f"stored {args.mentions:,} mentions in {t1 - t0:.1f}s")
    print(f"full relink: {full.mentions:,} mentions -> {full.persons:,} people in {t2 - t1:.1f}s")
    print(f"one new document ({t3 - t2:.1f}s to store): relinked {one.mentions:,} mentions, "
          f"{one.created} new people, {one.moved} moved, in {t4 - t3:.1f}s")


if __name__ == "__main__":
    main()
