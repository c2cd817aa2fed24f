"""Facet tokens: filterable values as index words that both tokenizers keep whole."""

from __future__ import annotations

import datetime as dt
import re

from kuzet.store.facets import (
    article_tokens,
    domain_tokens,
    entry_facets,
    months_between,
    type_token,
)

WORD = re.compile(r"^[a-z0-9]+$")


def test_every_token_is_one_plain_word() -> None:
    facets = entry_facets(
        document_id=3,
        types=["assembly_refusal", "hunger_strike"],
        articles=[("CC", "147-1", "2"), ("CAO", "488", None)],
        domains=["news.example.org", "t.me"],
        place_ids=[12, 4],
        date=dt.date(2023, 6, 2),
        date_precision="day",
        status="in_review",
        confidential=False,
    )
    tokens = facets.split()
    assert all(WORD.match(t) for t in tokens), facets
    assert {"dc3", "stinreview", "cf0", "tyassemblyrefusal", "pl12", "pl4", "ym202306"} <= set(tokens)
    assert {"arcc147x1", "arcc147x1p2", "arcao488"} <= set(tokens)


def test_a_subdomain_carries_its_parents_but_not_the_bare_suffix() -> None:
    sub = domain_tokens("www.a.news.example.org")
    assert sub == domain_tokens("a.news.example.org")
    assert domain_tokens("example.org")[0] in sub
    assert len(sub) == 3  # a.news.example.org, news.example.org, example.org — not "org"


def test_dates_known_only_to_the_year_get_no_month() -> None:
    facets = entry_facets(
        document_id=1, types=[], articles=[], domains=[], place_ids=[],
        date=dt.date(2023, 1, 1), date_precision="year", status="draft", confidential=True,
    )
    assert "ym" not in facets and "cf1" in facets.split()


def test_month_ranges_cross_years() -> None:
    assert months_between(dt.date(2022, 11, 20), dt.date(2023, 2, 1)) == [
        "ym202211", "ym202212", "ym202301", "ym202302"
    ]
    assert months_between(dt.date(2023, 3, 1), dt.date(2023, 2, 1)) == []


def test_distinct_values_give_distinct_tokens() -> None:
    assert type_token("detention") != type_token("administrative_arrest")
    assert article_tokens("CC", "174", None) != article_tokens("CAO", "174", None)
    assert article_tokens("CC", "174", "1")[-1] != article_tokens("CC", "17", "41")[-1]
