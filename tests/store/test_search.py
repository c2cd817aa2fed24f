"""Search: full text on both databases, every filter, one EntryFilter for all callers."""

from __future__ import annotations

import datetime as dt

import pytest
from store_builders import march

from kuzet.store import models as m
from kuzet.store import services
from kuzet.store.search import fts5_query, search, snippet
from kuzet.store.selectors import EntryFilter, FilterError, parse_article

pytestmark = pytest.mark.db


@pytest.fixture
def stored(db: None) -> None:
    doc, records = march()
    services.ingest_document(doc, records=records)


def _found(f: EntryFilter, **kwargs: object) -> list[int]:
    return sorted(e.n for e in search(f, **kwargs).entries)  # type: ignore[arg-type]


def test_words_find_entries_and_prefixes_match_other_forms(stored: None) -> None:
    assert _found(EntryFilter(q="detained")) == [1]
    assert _found(EntryFilter(q="DETAINED")) == [1]
    assert _found(EntryFilter(q="fines")) == []  # no stemming: the index is language-neutral
    assert _found(EntryFilter(q="fine*")) == [6, 8]  # "fined" in both
    assert _found(EntryFilter(q="akimat picket")) == [5]


def test_phrases_exclusions_and_prefixes(stored: None) -> None:
    assert _found(EntryFilter(q='"administrative arrest"')) == [2]
    assert _found(EntryFilter(q="arrest -relatives")) == [2]
    assert _found(EntryFilter(q="Zhaksy*")) == [1, 2, 3]


def test_a_query_of_punctuation_only_finds_nothing(stored: None) -> None:
    page = search(EntryFilter(q='"" -- ***'))
    assert page.entries == [] and page.total == 0


def test_relevance_puts_the_entry_about_the_words_first(db: None) -> None:
    from store_builders import Spec, document

    specs = [
        Spec("May 1, Oral, a picket, then another picket, then a third picket by Kenzhebay N."),
        Spec("May 2, Oral, residents complained about roads, prices, schools, heating and a picket."),
        Spec("May 3, Oral, nothing was held that day at the square near the akimat."),
    ]
    doc, records = document(specs, period="2023-05")
    services.ingest_document(doc, records=records)
    page = search(EntryFilter(q="picket"))
    assert [e.n for e in page.entries] == [1, 2]
    assert [e.n for e in search(EntryFilter(q="picket"), order="date").entries] == [2, 1]


def test_a_region_includes_its_towns(stored: None) -> None:
    assert _found(EntryFilter(place="Almaty Region")) == [1, 8]
    assert _found(EntryFilter(place="almaty region")) == [1, 8]
    assert _found(EntryFilter(place="Kaskelen")) == [1, 8]
    assert _found(EntryFilter(place="Almaty")) == [2, 3]  # the city, not the region
    assert _found(EntryFilter(place="Zhetysu Region", q="rally")) == [4]


def test_date_range_is_inclusive(stored: None) -> None:
    f = EntryFilter(date_from=dt.date(2023, 3, 4), date_to=dt.date(2023, 3, 9))
    assert _found(f) == [3, 4, 5]


def test_type_article_person_and_domain_filters(stored: None) -> None:
    assert _found(EntryFilter(types=("assembly_refusal",))) == [4, 5]
    assert _found(EntryFilter(types=("assembly_refusal", "detention"))) == [1, 4, 5]
    assert _found(EntryFilter(article="CAO 488")) == [2]
    assert _found(EntryFilter(article="174")) == [6]
    assert _found(EntryFilter(article="CAO 174")) == []
    assert _found(EntryFilter(person="Omarova L.")) == [4, 5]
    assert _found(EntryFilter(domain="news.example.org")) == [1, 3, 7]  # www. and no www.
    assert _found(EntryFilter(domain="example.kz")) == [2, 6]  # subdomains included
    assert _found(EntryFilter(domain="t.me", q="picket")) == [5]


def test_status_and_document_filters(stored: None) -> None:
    entry = m.Entry.objects.get(n=3)
    services.correct_entry(entry=entry, field="review_status", value="verified", who="editor")
    assert _found(EntryFilter(statuses=("verified",))) == [3]
    assert _found(EntryFilter(document="2023-03", statuses=("draft",))) == [1, 2, 4, 5, 6, 7, 8]
    assert _found(EntryFilter(document="2024-01")) == []


def test_totals_and_paging(stored: None) -> None:
    page = search(EntryFilter(), limit=3)
    assert page.total == 8 and page.exact
    assert [e.n for e in page.entries] == [8, 7, 6]  # newest first
    second = search(EntryFilter(), limit=3, offset=3)
    assert [e.n for e in second.entries] == [5, 4, 3]


def test_updated_since_finds_corrected_entries(stored: None) -> None:
    later = m.Entry.objects.get(n=1).updated_at + dt.timedelta(seconds=1)
    m.Entry.objects.filter(n=6).update(updated_at=later)
    assert _found(EntryFilter(updated_since=later)) == [6]


def test_changed_text_is_searchable_and_old_words_are_gone(stored: None) -> None:
    import dataclasses

    from store_builders import MARCH, MARCH_REFERENCES, document

    edited = list(MARCH)
    edited[0] = dataclasses.replace(MARCH[0], text=MARCH[0].text.replace("detained", "apprehended"))
    doc, records = document(edited, references=MARCH_REFERENCES)
    services.ingest_document(doc, records=records)
    assert _found(EntryFilter(q="apprehended")) == [1]
    assert _found(EntryFilter(q="detained")) == []


ARTICLES = [
    ("CC 174", ("CC", "174", "")),
    ("cao 488 part 6", ("CAO", "488", "6")),
    ("405", ("", "405", "")),
    ("CC 147-1", ("CC", "147-1", "")),
]


@pytest.mark.parametrize(("text", "expected"), ARTICLES)
def test_article_filters_parse(text: str, expected: tuple[str, str, str]) -> None:
    assert parse_article(text) == expected, text


@pytest.mark.parametrize("text", ["Article", "XX 12", "12 part"])
def test_bad_article_filters_are_refused(text: str) -> None:
    with pytest.raises(FilterError):
        parse_article(text)


def test_user_queries_become_safe_fts5_expressions() -> None:
    assert fts5_query('tax "hunger strike" -police abai*') == (
        '"tax" AND "hunger strike" AND "abai"* NOT "police"'
    )
    # Punctuation inside a word joins its parts as a phrase: 147-1 is "147 1".
    assert fts5_query('a"b OR NEAR(') == '"a b" AND "NEAR"'
    assert fts5_query("CC 147-1") == '"CC" AND "147 1"'
    assert fts5_query("-only") == ""


def test_snippet_shows_the_words_found() -> None:
    text = "x " * 200 + "the picket was dispersed " + "y " * 200
    piece = snippet(text, "picket", width=60)
    assert "picket" in piece and piece.startswith("…") and piece.endswith("…")


def test_whole_months_and_open_ended_ranges(stored: None) -> None:
    march_f = EntryFilter(date_from=dt.date(2023, 3, 1), date_to=dt.date(2023, 3, 31))
    assert _found(march_f) == list(range(1, 9))
    assert _found(EntryFilter(date_from=dt.date(2023, 4, 1), date_to=dt.date(2023, 4, 30))) == []
    assert _found(EntryFilter(date_from=dt.date(2023, 3, 12))) == [6, 7, 8]
    assert _found(EntryFilter(date_to=dt.date(2023, 3, 2))) == [1]
    assert _found(EntryFilter(date_from=dt.date(2023, 3, 9), date_to=dt.date(2023, 3, 1))) == []


def test_text_with_sql_only_filters_ranks_within_them(stored: None) -> None:
    assert _found(EntryFilter(q="days", person="zhaksybekov t.")) == [2, 3]
    later = dt.datetime(2030, 1, 1, tzinfo=dt.UTC)
    m.Entry.objects.filter(n=3).update(updated_at=later)
    assert _found(EntryFilter(q="days", updated_since=later)) == [3]


def test_large_match_sets_are_paged_newest_first(
    stored: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Pretend 3 is "many": counting stops there and the newest-first walk takes over.
    monkeypatch.setattr("kuzet.store.search.COUNT_LIMIT", 3)
    page = search(EntryFilter(q="March"), order="date", limit=2)
    assert not page.exact and page.total == 4
    assert [e.n for e in page.entries] == [8, 7]
    page = search(EntryFilter(q="March", types=("assembly_refusal", "detention")), order="date", limit=5)
    assert [e.n for e in page.entries] == [5, 4, 1]


def test_corrections_move_an_entry_between_filters(stored: None) -> None:
    entry = m.Entry.objects.get(n=7)
    services.correct_entry(entry=entry, field="types", value=["assembly_refusal"], who="editor")
    assert _found(EntryFilter(types=("assembly_refusal",))) == [4, 5, 7]
    services.correct_entry(
        entry=entry,
        field="place",
        value={"name": "Kaskelen", "kind": "city", "region": "Almaty Region", "country": "KZ"},
        who="editor",
    )
    assert _found(EntryFilter(place="Almaty Region")) == [1, 7, 8]
    assert _found(EntryFilter(place="Astana")) == []
    services.correct_entry(entry=entry, field="confidential", value=True, who="editor")
    assert _found(EntryFilter(confidential=True)) == [7]
    assert 7 not in _found(EntryFilter(confidential=False))


def test_reindex_repairs_an_index_edited_behind_the_stores_back(stored: None) -> None:
    m.Entry.objects.filter(n=4).update(facets="")  # as if someone edited the database by hand
    assert services.refresh_all_facets() == 1
    assert "tyassemblyrefusal" in m.Entry.objects.get(n=4).facets
    assert _found(EntryFilter(types=("assembly_refusal",))) == [4, 5]
