"""Benchmark the store's person linking: a full relink, then new documents one by one.

    .venv/bin/python bench/people_bench.py [--mentions 200000] [--per-doc 300] [--last 5] [--alone 0.02]

Uses a throwaway SQLite database in a temporary KUZET_HOME (or KUZET_DATABASE_URL
when set). Entries and mentions are bulk-created from bench/linking_bench.py's
synthetic names (transliteration variants, given names written in full or first,
a few people named very often), bypassing extraction, so that only linking is
timed. All but the last ``--last`` documents are stored and relinked at once; then
each of the last ones is stored and relinked incrementally, as an ingest does
(CPU seconds per document). A full relink at the end must then move, create and
remove nothing: the incremental result is checked against it.
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
    ap.add_argument("--last", type=int, default=5, help="documents relinked one by one at the end")
    ap.add_argument("--alone", type=float, default=0.0, help="share of names written alone")
    args = ap.parse_args()
    from kuzet.setup import ensure_database, setup_django

    setup_django()
    ensure_database()
    from django.db import transaction

    from kuzet.store import models as m
    from kuzet.store import people

    mentions, _ = generate(args.mentions, max(1, args.mentions // args.per_doc), alone=args.alone)
    docs = sorted({x.doc for x in mentions})
    last = set(docs[-args.last:])
    t0 = time.perf_counter()
    _store([x for x in mentions if x.doc not in last], args.per_doc)
    t1 = time.perf_counter()
    full = people.relink()
    t2 = time.perf_counter()
    print(f"stored {len(mentions) - sum(x.doc in last for x in mentions):,} mentions in {t1 - t0:.1f}s")
    print(f"full relink: {full.mentions:,} mentions -> {full.persons:,} people in {t2 - t1:.1f}s")
    for doc in sorted(last):
        with transaction.atomic():  # as an ingest: store and link in one transaction
            _store([x for x in mentions if x.doc == doc], args.per_doc)
            c0 = time.process_time()
            one = people.relink(documents=[m.Document.objects.get(key=doc)])
            c1 = time.process_time()
        print(f"document {doc}: relinked {one.mentions:,} mentions, {one.created} new people, "
              f"{one.moved} moved, in {c1 - c0:.3f} CPU s")
    again = people.relink()
    same = (again.moved, again.created, again.removed) == (0, 0, 0)
    print(f"full relink after: {again.moved} moved, {again.created} created, {again.removed} removed "
          f"-> incremental = full: {'yes' if same else 'NO'}")


if __name__ == "__main__":
    main()
