"""Store benchmark: ingest rate and search latency on SQLite and PostgreSQL.

    # SQLite (a fresh database in a temporary KUZET_HOME):
    .venv/bin/python bench/store_bench.py --entries 100000
    # PostgreSQL (a throwaway server):
    scripts/with-postgres .venv/bin/python bench/store_bench.py --entries 100000
    # grow an existing benchmark database to a million entries and search again:
    .venv/bin/python bench/store_bench.py --entries 1000000 --home /tmp/kuzet-bench

Entries are fictional (invented names, real place names and article numbers) and
come with their extracted values already made, so the figure is the *store's* rate:
diffing, rows, full-text index, person linking, one transaction per document.
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

# Real places (facts) with their regions; people are invented from syllables.
TOWNS = [
    ("Almaty", "city", None), ("Astana", "city", None), ("Shymkent", "city", None),
    ("Kaskelen", "city", "Almaty Region"), ("Konaev", "city", "Almaty Region"),
    ("Taldykorgan", "city", "Zhetysu Region"), ("Oral", "city", "West Kazakhstan Region"),
    ("Aktobe", "city", "Aktobe Region"), ("Atyrau", "city", "Atyrau Region"),
    ("Zhanaozen", "city", "Mangystau Region"), ("Aktau", "city", "Mangystau Region"),
    ("Karaganda", "city", "Karaganda Region"), ("Kostanay", "city", "Kostanay Region"),
    ("Petropavl", "city", "North Kazakhstan Region"), ("Kokshetau", "city", "Akmola Region"),
    ("Semey", "city", "Abai Region"), ("Oskemen", "city", "East Kazakhstan Region"),
    ("Taraz", "city", "Zhambyl Region"), ("Kyzylorda", "city", "Kyzylorda Region"),
    ("Pavlodar", "city", "Pavlodar Region"), ("Otegen Batyr", "settlement", "Almaty Region"),
]
SYLLABLES = ["ka", "zhan", "bek", "nur", "ay", "ser", "tol", "gul", "mar", "dos", "yer", "as",
             "lan", "ba", "tan", "mu", "rat", "ken", "sa", "da", "ul", "zha", "ras", "ym"]
DOMAINS = ["news.example.org", "court.example.kz", "t.me", "west.example.kz", "media.example.net",
           "rights.example.org", "www.facebook.example.com", "daily.example.kz"]
ARTICLES = [("CAO", "488", "6"), ("CAO", "488", "7"), ("CAO", "434", None), ("CAO", "667", None),
            ("CC", "174", "1"), ("CC", "405", "2"), ("CC", "274", "2"), ("CC", "272", None),
            ("CC", "380", None), ("CC", "146", None)]


def _surname(rng: random.Random) -> str:
    s = "".join(rng.choice(SYLLABLES) for _ in range(rng.randint(2, 3)))
    return s.capitalize() + rng.choice(["ov", "ev", "ova", "eva", "uly", "", "bayev", "kyzy"])


class Synthetic:
    """A seeded stream of fictional entries with their records."""

    def __init__(self, seed: int = 7, people: int = 20000) -> None:
        self.rng = random.Random(seed)
        self.people = [(_surname(self.rng), self.rng.choice("ABDEGKLMNRSTZ")) for _ in range(people)]

    def entry(self, year: int, month: int) -> tuple[str, dict[str, object]]:
        rng = self.rng
        day = rng.randint(1, 28)
        town, kind, region = rng.choice(TOWNS)
        surname, initial = rng.choice(self.people)
        person = f"{surname} {initial}."
        code, article, part = rng.choice(ARTICLES)
        code_words = "the Code of Administrative Offences" if code == "CAO" else "the Criminal Code"
        part_words = f", Part {part}" if part else ""
        shape = rng.randrange(6)
        sanction = None
        if shape == 0:
            days = rng.choice([5, 10, 15, 20, 25])
            body = f"the court sentenced {person} to {days} days of administrative arrest for a picket"
            sanction, types = ("administrative_arrest", days, None, f"{days} days"), ["administrative_arrest"]
        elif shape == 1:
            mci = rng.choice([5, 10, 20, 30, 50])
            amount = mci * 3450
            body = f"activist {person} was fined {amount} tenge after a solitary protest near the akimat"
            sanction, types = ("fine", None, amount, f"fined {amount} tenge"), ["administrative_fine", "protest"]
        elif shape == 2:
            body = (f"the akimat did not allow {person} to hold a rally, "
                    f"citing {rng.choice(['repair works', 'another event', 'no reason at all'])}")
            types = ["assembly_refusal"]
        elif shape == 3:
            years = rng.randint(1, 9)
            body = f"the court sentenced blogger {person} to {years} years of imprisonment"
            sanction, types = ("imprisonment", years * 365, None, f"{years} years"), ["criminal_sentence"]
        elif shape == 4:
            body = f"police detained {person} on the way to a meeting with journalists and held him for hours"
            types = ["detention"]
        else:
            body = f"{person} declared a hunger strike in the detention centre demanding a lawyer"
            types = ["hunger_strike"]
        text = (f"{['January','February','March','April','May','June','July','August','September','October','November','December'][month - 1]} "
                f"{day}, {town}, {body} under Article {article}{part_words} of {code_words}[1].")
        facts = dict(date=(year, month, day), place=(town, kind, region), person=person,
                     law=(code, article, part), sanction=sanction, types=types,
                     url=f"https://{rng.choice(DOMAINS)}/story/{rng.randrange(10**7)}?utm_source=x")
        return text, facts


def _records(gen: Synthetic, year: int, month: int, size: int, name: str):  # type: ignore[no-untyped-def]
    from kuzet.chronicle import model as cm

    entries, records, refs = [], [], []
    for i in range(size):
        text, f = gen.entry(year, month)
        n = i + 1
        text = text.replace("[1]", f"[{n}]")
        refs.append(cm.Reference(n=n, url=str(f["url"])))
        town, kind, region = f["place"]  # type: ignore[misc]
        y, mo, d = f["date"]  # type: ignore[misc]
        person = str(f["person"])
        code, article, part = f["law"]  # type: ignore[misc]

        def at(words: str, value: object) -> cm.Mention[object]:
            start = text.find(words)
            return cm.Mention(start, start + len(words), words, value)

        sanctions = ()
        if f["sanction"]:
            kind_, days, amount, words = f["sanction"]  # type: ignore[misc]
            sanctions = (at(words, cm.Sanction(kind=kind_, days=days, amount_kzt=amount, person=person)),)
        entries.append(cm.Entry(n=n, text=text, refs=(n,)))
        records.append(cm.Record(
            doc=name, n=n, text=text,
            date=at(text.split(",")[0], cm.PartialDate(y, mo, d)),  # type: ignore[arg-type]
            place=at(town, cm.Place(name=town, kind=kind, region=region)),  # type: ignore[arg-type]
            persons=(at(person, cm.Person(name=person, role="subject", written=person)),),  # type: ignore[arg-type]
            legal_refs=(at(f"Article {article}", cm.LegalRef(code=code, article=article, part=part)),),  # type: ignore[arg-type]
            sanctions=sanctions,  # type: ignore[arg-type]
            types=tuple(cm.Mention(0, 0, "", t) for t in f["types"]),  # type: ignore[attr-defined]
            refs=(n,),
        ))
    doc = cm.Document(name=f"{name}.txt", format="txt", period=None, entries=tuple(entries),
                      references=tuple(refs))
    return doc, records


def _documents(total: int, size: int, start: int) -> Iterator[tuple[str, int, int, int]]:
    """(key, year, month, entries) for documents numbered from ``start``."""
    made, k = 0, start
    while made < total:
        n = min(size, total - made)
        year, month = 2000 + (k // 12) % 60, k % 12 + 1
        yield f"bench-{k:06d}", year, month, n
        made += n
        k += 1


def ingest(total: int, size: int) -> tuple[int, float]:
    """Add ``total`` entries in documents of ``size``; returns (entries, seconds)."""
    from kuzet.store import models as m
    from kuzet.store import services

    start = m.Document.objects.filter(key__startswith="bench-").count()
    gen = Synthetic(seed=7 + start)
    added, seconds, last = 0, 0.0, time.monotonic()
    for key, year, month, n in _documents(total, size, start):
        doc, records = _records(gen, year, month, n, key)
        t0 = time.perf_counter()
        services.ingest_document(doc, records=records, key=key, sha256=key)
        seconds += time.perf_counter() - t0
        added += n
        if time.monotonic() - last > 30:
            print(f"  … {added:,} entries, {added / seconds:,.0f}/s", file=sys.stderr, flush=True)
            last = time.monotonic()
    return added, seconds


def pipeline(n: int) -> tuple[int, float]:
    """Time ``n`` entries through extraction and storing (the ``kuzet ingest`` path)."""
    from kuzet.chronicle import model as cm
    from kuzet.store import services

    gen = Synthetic(seed=99)
    doc, _ = _records(gen, 2099, 1, n, "bench-pipeline")
    doc = cm.Document(name=doc.name, format="txt", period=cm.Period(2099, 1), entries=doc.entries,
                      references=doc.references)
    t0 = time.perf_counter()
    services.ingest_document(doc, key="bench-pipeline", force=True)
    return n, time.perf_counter() - t0


def queries(gen_people: list[tuple[str, str]]) -> list[tuple[str, object]]:
    from kuzet.store.selectors import EntryFilter

    someone = f"{gen_people[3][0]} {gen_people[3][1]}."
    rare = gen_people[11][0][:6] + "*"
    month = (dt.date(2003, 5, 1), dt.date(2003, 5, 31))
    return [
        ("word: detained", EntryFilter(q="detained")),
        ('phrase: "hunger strike"', EntryFilter(q='"hunger strike"')),
        (f"prefix: {rare}", EntryFilter(q=rare)),
        ("region: Almaty Region", EntryFilter(place="Almaty Region")),
        ("type + month", EntryFilter(types=("assembly_refusal",), date_from=month[0], date_to=month[1])),
        ("article CAO 488 + region", EntryFilter(article="CAO 488", place="Mangystau Region")),
        (f"person: {someone}", EntryFilter(person=someone)),
        ("words + domain", EntryFilter(q="court sentenced", domain="court.example.kz")),
        ("word + dates", EntryFilter(q="picket", date_from=dt.date(2010, 1, 1), date_to=dt.date(2012, 12, 31))),
        ("word + type + region", EntryFilter(q="imprisonment", types=("criminal_sentence",), place="Abai Region")),
    ]


def measure(repeat: int) -> list[tuple[str, float, float, int]]:
    from kuzet.store.search import search

    out = []
    for label, f in queries(Synthetic(seed=7).people):
        search(f)  # warm-up
        times = []
        for _ in range(repeat):
            t0 = time.perf_counter()
            page = search(f)  # type: ignore[arg-type]
            times.append((time.perf_counter() - t0) * 1000)
        times.sort()
        p95 = times[min(len(times) - 1, int(round(0.95 * (len(times) - 1))))]
        out.append((label, statistics.median(times), p95, page.total))
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--entries", type=int, default=100_000, help="entries the database should hold")
    parser.add_argument("--doc-size", type=int, default=1000, help="entries per document")
    parser.add_argument("--home", help="KUZET_HOME for SQLite (default: a new temporary one)")
    parser.add_argument("--repeat", type=int, default=20)
    parser.add_argument("--pipeline", type=int, default=0, help="also time N entries with extraction")
    args = parser.parse_args()

    if not os.environ.get("KUZET_DATABASE_URL"):
        os.environ["KUZET_HOME"] = args.home or tempfile.mkdtemp(prefix="kuzet-bench-")
    sys.path.insert(0, str(ROOT / "src"))
    from django.db import connection

    from kuzet.setup import database_label, ensure_database

    ensure_database()
    from kuzet.store import models as m

    print(f"database: {connection.vendor} ({database_label()})")
    have = m.Entry.objects.count()
    if args.entries > have:
        added, seconds = ingest(args.entries - have, args.doc_size)
        print(f"ingest: {added:,} entries in {seconds:,.1f} s = {added / seconds:,.0f} entries/s "
              f"(documents of {args.doc_size:,}; records given, extraction not included)")
    if connection.vendor == "postgresql":
        with connection.cursor() as cur:
            cur.execute("ANALYZE")
    else:
        with connection.cursor() as cur:
            cur.execute("PRAGMA optimize")
    if args.pipeline:
        n, seconds = pipeline(args.pipeline)
        print(f"pipeline: {n:,} entries extracted and stored in {seconds:,.1f} s = {n / seconds:,.0f} entries/s")
    total = m.Entry.objects.count()
    print(f"search at {total:,} entries ({args.repeat} runs each, ms):")
    print(f"  {'query':34} {'median':>8} {'p95':>8} {'matches':>9}")
    rows = measure(args.repeat)
    for label, median, p95, matches in rows:
        print(f"  {label:34} {median:8.1f} {p95:8.1f} {matches:>9,}")
    print(f"  {'worst p95':34} {'':8} {max(r[2] for r in rows):8.1f}")


if __name__ == "__main__":
    main()
