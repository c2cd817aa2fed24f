"""Benchmark person linking (kuzet.linking.link) on synthetic name mentions.

    .venv/bin/python bench/linking_bench.py [--mentions 1000000] [--docs 1000]

Fictional surnames are built from syllables; each person is written in a few
transliteration variants (-yev/-ev, d/t, y/i, zh/dzh, given name or initial, given
name first), as chronicles write them. Prints the time per stage and the pairwise
precision/recall of the result against the generator's truth.
"""

from __future__ import annotations

import argparse
import random
import time
from collections import defaultdict

from kuzet.linking import NameMention, default_rules, link

ONSETS = ["Zh", "K", "T", "S", "B", "N", "M", "A", "E", "Dzh", "Kh", "Ye", "O", "U", "I", "Sh"]
MIDDLES = ["ylan", "urman", "aken", "emir", "ulat", "ayr", "asym", "eyit", "anat", "ulan",
           "ukhamet", "ergen", "olat", "ibek", "argyn", "ilyas", "aydar", "unus", "abyl"]
LINKS = ["ba", "be", "ka", "ke", "ta", "zhan", "gali", "kar", "mur", "sa", "de", "ra"]
ENDINGS_M = ["yev", "ov", "in", ""]
GIVEN = ["Duman", "Aygerim", "Serik", "Dauren", "Daulet", "Aliya", "Marat", "Saule", "Yerlan",
         "Nurlan", "Gulnara", "Timur", "Aizhan", "Bolat", "Zhanna", "Ruslan", "Asel", "Kairat"]


def _variants(surname: str) -> list[str]:
    out = {surname}
    out.add(surname.replace("yev", "ev"))
    out.add(surname.replace("met", "med"))
    out.add(surname.replace("y", "i", 1))
    out.add(surname.replace("Zh", "Dzh", 1))
    return sorted(out)


def _people(count: int, rng: random.Random) -> list[tuple[list[str], str, bool]]:
    people = []
    for _ in range(count):
        stem = rng.choice(ONSETS) + rng.choice(MIDDLES) + rng.choice(LINKS)
        ending = rng.choice(ENDINGS_M)
        feminine = ending != "" and rng.random() < 0.4
        surname = stem + ending + ("a" if feminine else "")
        people.append((_variants(surname), rng.choice(GIVEN), feminine))
    return people


def generate(
    n_mentions: int, n_docs: int, seed: int = 1, alone: float = 0.0
) -> tuple[list[NameMention], list[int]]:
    """``alone``: the share of mentions written as a surname or a given name alone."""
    rng = random.Random(seed)
    people = _people(max(1, n_mentions // 6), rng)
    mentions, truth = [], []
    per_doc = max(1, n_mentions // n_docs)
    for i in range(n_mentions):
        doc = f"{2000 + (i // per_doc) // 12:04d}-{(i // per_doc) % 12 + 1:02d}-{i // per_doc}"
        n = rng.randint(1, 150)
        p = min(int(rng.paretovariate(1.2)) - 1, len(people) - 1) if rng.random() < 0.3 else rng.randrange(len(people))
        spellings, given, _ = people[p]
        surname = rng.choice(spellings)
        form = rng.random()
        if form < 0.7:
            written = key = f"{surname} {given[0]}."
        elif form < 0.85:
            written, key = f"{surname} {given}", f"{surname} {given[0]}."
        else:
            written, key = f"{given} {surname}", f"{surname} {given[0]}."
        if alone and rng.random() < alone:
            written = key = surname if rng.random() < 0.5 else given
        mentions.append(NameMention(doc, n, written, key, id=i))
        truth.append(p)
    return mentions, truth


def score(mentions: list[NameMention], truth: list[int], clusters: list) -> tuple[float, float]:
    pred = {m.id: c_id for c_id, c in enumerate(clusters) for m in c.mentions}
    # pair counts through contingency tables: no all-pairs loop
    both: dict[tuple[int, int], int] = defaultdict(int)
    gold: dict[int, int] = defaultdict(int)
    mine: dict[int, int] = defaultdict(int)
    for i, t in enumerate(truth):
        both[(t, pred[i])] += 1
        gold[t] += 1
        mine[pred[i]] += 1

    def pairs(k: int) -> int:
        return k * (k - 1) // 2

    tp = sum(pairs(v) for v in both.values())
    return tp / max(1, sum(pairs(v) for v in mine.values())), tp / max(1, sum(pairs(v) for v in gold.values()))


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--mentions", type=int, default=1_000_000)
    ap.add_argument("--docs", type=int, default=1000)
    args = ap.parse_args()
    t0 = time.perf_counter()
    mentions, truth = generate(args.mentions, args.docs)
    t1 = time.perf_counter()
    default_rules()
    clusters = link(mentions)
    t2 = time.perf_counter()
    precision, recall = score(mentions, truth, clusters)
    print(f"mentions {len(mentions):,}  people {len(set(truth)):,}  clusters {len(clusters):,}")
    print(f"generate {t1 - t0:.1f}s  link {t2 - t1:.1f}s  ({(t2 - t1) / len(mentions) * 1e6:.1f} us/mention)")
    print(f"pairwise precision {precision:.3f} recall {recall:.3f}")


if __name__ == "__main__":
    main()
