"""``Entry.facet_values``: the related values the entries page counts, kept with each
entry on every path that writes them (ingest, re-ingest, corrections, review, entries
recorded in the workspace, ``kuzet reindex``, migration 0009), and read back exactly."""

from __future__ import annotations

import dataclasses
import importlib

import pytest
from django.apps import apps as django_apps
from hypothesis import given
from hypothesis import strategies as st
from store_builders import MARCH, MARCH_REFERENCES, Spec, document, march

from kuzet.chronicle import model as cm
from kuzet.store import models as m
from kuzet.store import review, services
from kuzet.store.facets import entry_values, value_fields

# Any text a value could hold (PostgreSQL text has no NUL), escapes and separators included.
VALUE = st.text(st.characters(blacklist_characters="\x00", blacklist_categories=("Cs",)), max_size=12)


@given(
    types=st.lists(VALUE, max_size=4),
    articles=st.lists(st.tuples(VALUE, VALUE), max_size=4),
    domains=st.lists(VALUE, max_size=4),
    sanctions=st.lists(VALUE, max_size=4),
)
def test_values_read_back_as_written(
    types: list[str], articles: list[tuple[str, str]], domains: list[str], sanctions: list[str]
) -> None:
    text = entry_values(types=types, articles=articles, domains=domains, sanctions=sanctions)
    lines = text.split("\n") if text else []
    assert len(lines) == len(set(lines))  # each distinct value once: lines can be counted
    read = {tuple(value_fields(line)) for line in lines}
    assert read == (
        {("type", t) for t in types}
        | {("article", c, a) for c, a in articles}
        | {("domain", d) for d in domains}
        | {("sanction", k) for k in sanctions}
    )


def test_the_same_values_in_another_order_give_the_same_text() -> None:
    one = entry_values(types=["b", "a"], articles=[("CC", "174"), ("CAO", "488")], domains=["x.org"], sanctions=[])
    two = entry_values(types=["a", "b", "a"], articles=[("CAO", "488"), ("CC", "174")], domains=["x.org", "x.org"],
                       sanctions=[])
    assert one == two
    assert entry_values(types=[], articles=[], domains=[], sanctions=[]) == ""


def _truth(entry_id: int) -> str:
    """The entry's values read from its related rows."""
    return entry_values(
        types=m.EntryType.objects.filter(entry_id=entry_id).values_list("type_id", flat=True),
        articles=m.LegalRef.objects.filter(entry_id=entry_id).values_list("code", "article"),
        domains=m.Citation.objects.filter(entry_id=entry_id).values_list("source__domain", flat=True),
        sanctions=m.Sanction.objects.filter(entry_id=entry_id).values_list("kind", flat=True),
    )


def _assert_kept() -> None:
    stored = dict(m.Entry.objects.values_list("pk", "facet_values"))
    assert stored, "no entries"
    for pk, values in stored.items():
        assert values == _truth(pk), m.Entry.objects.get(pk=pk).text


def _ingest(doc_records: tuple[cm.Document, list[cm.Record]]) -> services.IngestReport:
    doc, records = doc_records
    return services.ingest_document(doc, records=records)


@pytest.mark.db
def test_values_are_kept_on_every_path_that_writes_them(db: None) -> None:
    _ingest(march())
    _assert_kept()
    assert m.Entry.objects.exclude(facet_values="").count() == len(MARCH)
    assert "sanction\tfine" in m.Entry.objects.get(n=8).facet_values.split("\n")

    # Corrections of each related field.
    two, six = m.Entry.objects.get(n=2), m.Entry.objects.get(n=6)
    services.correct_entry(entry=two, field="types", value=["administrative_arrest", "torture"], who="editor")
    services.correct_entry(
        entry=two, field="legal_refs", value=[{"code": "CC", "article": "405", "part": "2"}], who="editor"
    )
    services.correct_entry(
        entry=six, field="sanctions",
        value=[{"kind": "probation", "days": 365, "person": "Kenzhebay N.", "status": "imposed"}], who="editor",
    )
    services.correct_entry(entry=six, field="review_status", value="verified", who="editor")
    _assert_kept()
    assert "article\tCC\t405" in m.Entry.objects.get(pk=two.pk).facet_values.split("\n")

    # Re-ingest: one entry's words change, another's footnote now points elsewhere;
    # the corrections are replayed over the new extraction.
    edited = list(MARCH)
    edited[1] = dataclasses.replace(MARCH[1], text=MARCH[1].text.replace("the court", "a court"))
    moved = {**MARCH_REFERENCES, 4: "https://other.example.net/4"}
    report = _ingest(document(edited, references=moved))
    assert set(report.changed) == {2, 4}
    _assert_kept()
    assert "domain\tother.example.net" in m.Entry.objects.get(n=4).facet_values.split("\n")
    assert "type\ttorture" in m.Entry.objects.get(n=2).facet_values.split("\n")  # the correction won


@pytest.mark.db
def test_an_entry_recorded_in_the_workspace_carries_its_values(db: None) -> None:
    from kuzet.accounts.services import create_user

    editor = create_user("ed", "editor", who="test")[0]
    entry = review.record_entry(
        text="May 3, Aktobe, the court fined blogger Marat Ospanov under Article 174 of the Criminal Code.",
        urls=["https://news.example.org/x/1", "https://t.me/somechannel/2"],
        period=cm.Period.parse("2024-05"),
        user=editor,
    )
    assert entry.facet_values == _truth(entry.pk)
    assert {"domain\tnews.example.org", "domain\tt.me"} <= set(entry.facet_values.split("\n"))
    review.move_entry(entry=entry, action="submit", user=editor)
    _assert_kept()


@pytest.mark.db
def test_reindex_and_the_migration_restore_lost_values(db: None) -> None:
    _ingest(march())
    kept = dict(m.Entry.objects.values_list("pk", "facet_values"))
    m.Entry.objects.update(facet_values="")
    assert services.refresh_all_facets() == len(MARCH)
    assert dict(m.Entry.objects.values_list("pk", "facet_values")) == kept
    m.Entry.objects.update(facet_values="")
    migration = importlib.import_module("kuzet.store.migrations.0009_entry_facet_values")
    migration.fill(django_apps, None)
    assert dict(m.Entry.objects.values_list("pk", "facet_values")) == kept


@pytest.mark.db
def test_an_entry_with_nothing_related_has_no_values(db: None) -> None:
    _ingest(document([Spec("March 1, Almaty, a quiet day.", date="2023-03-01")]))
    assert m.Entry.objects.get().facet_values == ""
