"""The newest-first walk behind counting and ranking gives what sorting every match would.

On PostgreSQL a search looks for the newest ``COUNT_LIMIT + 1`` matches window by
window of id blocks (``kuzet.store.search._pg_newest``, migration 0007); SQLite walks
its FTS5 rowids. Here entries are stored with ids on both sides of the block
boundaries, with empty stretches of ids between them, and every answer is compared
with the plain SQL filters sorted by id.
"""

from __future__ import annotations

import datetime as dt
import itertools
import random

import pytest
from django.db import connection
from store_builders import Spec, document

from kuzet.store import models as m
from kuzet.store import services
from kuzet.store.facets import ID_BLOCK_LEVELS, id_block_token
from kuzet.store.search import _window_tokens, matching_entries, search
from kuzet.store.selectors import EntryFilter, filtered_entries

# The first id of a block of each size; a month of entries is stored across each.
BOUNDARIES = [1 << bits for bits in ID_BLOCK_LEVELS]
MONTHS = ["2021-01", "2021-02", "2021-03", "2021-04"]
NAMES = ["Aigerim Sadykova", "Bolat Nurmaganov", "Galym Ospanov", "Dinara Kassymova"]


def _specs(period: str) -> list[Spec]:
    year, month = period.split("-")
    out = []
    for i, name in enumerate(NAMES):
        day = 3 + 7 * i
        hunger = " and began a hunger strike" if i % 2 == 0 else ""
        town, region = (
            ("Oral", "West Kazakhstan Region") if i % 2 else ("Kaskelen", "Almaty Region")
        )
        out.append(
            Spec(
                f"{day}.{month}.{year}, {town}, the activist {name} was fined after a picket{hunger}[1].",
                date=f"{period}-{day:02d}",
                place=(town, "city", region),
                persons=[(name, f"{name.split()[1]} {name[0]}.", "subject")],
                types=["protest", "detention"] if i == 1 else ["protest"],
                refs=(1,),
            )
        )
    return out


def _next_ids_from(first: int) -> None:
    """The next entry stored gets id ``first``."""
    with connection.cursor() as cur:
        if connection.vendor == "postgresql":
            cur.execute(
                "SELECT setval(pg_get_serial_sequence('store_entry', 'id'), %s)", [first - 1]
            )
        else:
            cur.execute("DELETE FROM sqlite_sequence WHERE name = 'store_entry'")
            cur.execute(
                "INSERT INTO sqlite_sequence(name, seq) VALUES ('store_entry', %s)", [first - 1]
            )


@pytest.fixture
def across_blocks(db: None) -> list[int]:
    """Four months of four entries; each month's ids straddle a block boundary
    (two before it, two after), and a fifth month follows the last directly."""
    for period, boundary in zip(MONTHS, BOUNDARIES, strict=True):
        _next_ids_from(boundary - 2)
        doc, records = document(_specs(period), period=period, name=f"chronicle-{period}.txt")
        services.ingest_document(doc, records=records)
    doc, records = document(_specs("2021-05"), period="2021-05", name="chronicle-2021-05.txt")
    services.ingest_document(doc, records=records)
    return sorted(m.Entry.objects.values_list("pk", flat=True))


def _expected(f: EntryFilter) -> list[int]:
    """The matches of ``f``, newest stored first, by SQL filters alone (no facet tokens)."""
    qs = filtered_entries(f.without_query())
    if f.q:
        qs = matching_entries(qs, f.q)
        assert qs is not None
    return list(qs.order_by("-id").values_list("pk", flat=True))


def _label(f: EntryFilter) -> str:
    return ",".join(
        f"{k}={getattr(f, k)}" for k in f.__slots__ if getattr(f, k) not in ("", (), None)
    )


FILTERS = [
    EntryFilter(q="picket"),
    EntryFilter(q="hunger"),
    EntryFilter(q='"hunger strike"'),
    EntryFilter(q="Nurmag*"),
    EntryFilter(q="picket", types=("detention",)),
    EntryFilter(q="fined -hunger", place="West Kazakhstan Region"),
    EntryFilter(types=("protest",), place="Almaty Region"),
    EntryFilter(domain="news.example.org"),
    # date ranges whose entries lie in several windows, or in one
    EntryFilter(q="picket", date_from=dt.date(2021, 2, 5), date_to=dt.date(2021, 4, 20)),
    EntryFilter(q="hunger", date_from=dt.date(2021, 1, 1), date_to=dt.date(2021, 5, 31)),
    EntryFilter(types=("protest",), date_from=dt.date(2021, 3, 1), date_to=dt.date(2021, 3, 31)),
    EntryFilter(
        q="picket", date_from=dt.date(2021, 1, 10), date_to=dt.date(2021, 1, 12)
    ),  # none that day
    EntryFilter(q="nothingofthekind"),
]


@pytest.mark.db
@pytest.mark.parametrize("f", FILTERS, ids=_label)
def test_the_newest_matches_are_those_sorting_would_give(
    across_blocks: list[int], f: EntryFilter, monkeypatch: pytest.MonkeyPatch
) -> None:
    expected = _expected(f)
    for limit in (1, 3, 7, 1000):
        # Counting stops after ``limit`` and ranking sees the newest ``limit``.
        monkeypatch.setattr("kuzet.store.search.COUNT_LIMIT", limit)
        monkeypatch.setattr("kuzet.store.search.RANK_WINDOW", limit)
        page = search(f, limit=100)
        assert (page.total, page.exact) == (
            min(len(expected), limit + 1),
            len(expected) <= limit,
        ), (f, limit)
        found = [e.pk for e in page.entries]
        if f.q:  # ranked: the newest ``limit`` matches, in some order of relevance
            assert sorted(found) == sorted(expected[:limit]), (f, limit)
        else:  # newest first by date
            by_date = m.Entry.objects.filter(pk__in=expected).order_by("-date", "-id")
            assert found == list(by_date.values_list("pk", flat=True)[:100]), (f, limit)


@pytest.mark.db
def test_the_ids_straddle_every_block_boundary(across_blocks: list[int]) -> None:
    for boundary in BOUNDARIES:
        assert {boundary - 1, boundary} <= set(across_blocks)


@pytest.mark.db
def test_postgresql_indexes_each_entrys_id_blocks(across_blocks: list[int]) -> None:
    if connection.vendor != "postgresql":
        pytest.skip("the id-block tokens are PostgreSQL's (SQLite walks FTS5 rowids)")
    for bits in ID_BLOCK_LEVELS:
        for boundary in BOUNDARIES:
            token = "0" + id_block_token(boundary, bits)
            found = set(
                m.Entry.objects.filter(text__kuzet_tsmatch=token).values_list("pk", flat=True)
            )
            assert found == {i for i in across_blocks if i >> bits == boundary >> bits}, token


def _ids(token: str) -> range:
    bits, block = (int(x) for x in token.removeprefix("ib").split("x"))
    return range(block << bits, (block + 1) << bits)


CASES = [
    (0, 0),
    (0, 4095),
    (4096, 4096),
    (0, 1_000_000),
    (4096 * 3, 65535),
    (262144, 262144 + 70000),
]
rng = random.Random(7)
CASES += [
    (lo << 12, (lo << 12) + rng.randrange(1, 2_000_000))
    for lo in (rng.randrange(0, 300) for _ in range(40))
]


@pytest.mark.parametrize(("lower", "upper"), CASES)
def test_window_tokens_cover_the_window_once(lower: int, upper: int) -> None:
    tokens = _window_tokens(lower, upper)
    covered = sorted((r.start, r.stop) for r in map(_ids, tokens))
    for (_, stop), (start, _) in itertools.pairwise(covered):
        assert stop == start, (lower, upper, tokens)  # no gap, no overlap
    assert covered[0][0] == lower, (lower, upper, tokens)
    assert covered[-1][1] == ((upper >> 12) + 1) << 12, (
        lower,
        upper,
        tokens,
    )  # upper's smallest block
    assert len(tokens) <= 3 * len(ID_BLOCK_LEVELS) + upper // (1 << ID_BLOCK_LEVELS[-1]), tokens
