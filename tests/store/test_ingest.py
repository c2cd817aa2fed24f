"""Ingest: one transaction per document, idempotent, diffed, corrections kept."""

from __future__ import annotations

import dataclasses

import pytest
from django.db import connection
from store_builders import MARCH, MARCH_REFERENCES, Spec, document, march

from kuzet.chronicle.lint import Finding
from kuzet.store import models as m
from kuzet.store import services

pytestmark = pytest.mark.db


def _ingest(doc_records: tuple, **kwargs: object) -> services.IngestReport:
    doc, records = doc_records
    return services.ingest_document(doc, records=records, **kwargs)  # type: ignore[arg-type]


def _fts_rows() -> int:
    if connection.vendor != "sqlite":
        return -1
    with connection.cursor() as cur:
        cur.execute("SELECT count(*) FROM store_entry_fts")
        return int(cur.fetchone()[0])


def test_a_new_document_is_stored_with_everything_extracted(db: None) -> None:
    report = _ingest(march())
    assert report.outcome == "created"
    assert report.added == tuple(range(1, len(MARCH) + 1))
    doc = m.Document.objects.get(key="2023-03")
    assert doc.entries.count() == len(MARCH)
    e = doc.entries.get(n=2)
    assert e.date.isoformat() == "2023-03-03" and e.date_precision == "day"
    assert e.place.name == "Almaty" and e.place_precision == "settlement"
    assert [(r.code, r.article) for r in e.legal_refs.all()] == [("CAO", "488")]
    s = e.sanctions.get()
    assert (s.kind, s.days, s.mention.key) == ("administrative_arrest", 10, "Zhaksybekov T.")
    assert e.text[s.start : s.end] == s.text == "10 days"
    kaskelen = m.Entry.objects.get(document=doc, n=1).place
    assert kaskelen.region.name == "Almaty Region"
    # Footnote URLs lose their tracking parameters; the original is kept as written.
    c = m.Entry.objects.get(document=doc, n=1).citations.get()
    assert c.source.url == "https://www.news.example.org/a/1?id=1"
    assert c.source.domain == "news.example.org"
    assert c.original_url == MARCH_REFERENCES[1]
    assert e.review_status == "draft"


def test_ingesting_the_same_document_twice_changes_nothing(db: None) -> None:
    _ingest(march())
    before = list(m.Entry.objects.values_list("id", "n", "text", "updated_at"))
    audit_before = m.AuditEvent.objects.count()
    again = _ingest(march())
    assert again.outcome == "unchanged"
    assert list(m.Entry.objects.values_list("id", "n", "text", "updated_at")) == before
    assert m.AuditEvent.objects.count() == audit_before
    if connection.vendor == "sqlite":
        assert _fts_rows() == len(MARCH)


def test_same_bytes_under_another_name_are_recognised(db: None) -> None:
    _ingest(march(), sha256="a" * 64)
    doc, records = march(name="copy-of-march.txt", period="2023-04")
    report = services.ingest_document(doc, records=records, sha256="a" * 64)
    assert report.outcome == "unchanged" and report.same_as == "2023-03"
    assert m.Document.objects.count() == 1


def test_a_corrected_version_reports_added_changed_and_removed_entries(db: None) -> None:
    _ingest(march())
    kept = m.Entry.objects.get(n=4)
    edited = list(MARCH)
    # Entry 2 edited (a word changed), entry 5 dropped, a new entry inserted first.
    edited[1] = dataclasses.replace(
        MARCH[1], text=MARCH[1].text.replace("sentenced", "has sentenced")
    )
    del edited[4]
    new = Spec(
        "March 1, Semey, pensioner Galym Abenov was summoned to the police[9].",
        date="2023-03-01",
        place=("Semey", "city", "Abai Region"),
        persons=[("Galym Abenov", "Abenov G.", "subject")],
        types=["harassment"],
        refs=(9,),
    )
    edited.insert(0, new)
    refs = {**MARCH_REFERENCES, 9: "https://news.example.org/a/9"}
    report = _ingest(document(edited, references=refs))
    assert report.outcome == "updated"
    assert report.added == (1,)
    assert report.changed == (3,)  # the old entry 2 is now entry 3
    assert report.removed == (5,)
    assert m.Entry.objects.count() == len(edited)
    # An unchanged paragraph keeps its row, only renumbered.
    assert m.Entry.objects.get(pk=kept.pk).n == 5
    changed = m.Entry.objects.get(n=3)
    assert "has sentenced" in changed.text and changed.sanctions.count() == 1
    assert list(m.Entry.objects.order_by("n").values_list("text", flat=True)) == [
        s.text for s in edited
    ]
    if connection.vendor == "sqlite":
        assert _fts_rows() == len(edited)


def test_a_rewritten_paragraph_is_a_new_entry_not_a_change(db: None) -> None:
    _ingest(march())
    edited = list(MARCH)
    edited[3] = Spec("March 7, Aktobe, nothing of the kind was said about anybody here.")
    report = _ingest(document(edited, references=MARCH_REFERENCES))
    assert (report.added, report.changed, report.removed) == ((4,), (), (4,))


def test_corrections_survive_reingest_of_a_changed_entry(db: None) -> None:
    _ingest(march())
    entry = m.Entry.objects.get(n=2)
    services.correct_entry(entry=entry, field="date", value="2023-03-01", who="editor")
    services.correct_entry(
        entry=entry,
        field="sanctions",
        value=[{"kind": "administrative_arrest", "days": 12, "person": "Zhaksybekov T.", "status": "imposed"}],
        who="editor",
        why="the court record says 12",
    )
    edited = list(MARCH)
    edited[1] = dataclasses.replace(MARCH[1], text=MARCH[1].text.replace("the court", "a court"))
    report = _ingest(document(edited, references=MARCH_REFERENCES))
    assert report.changed == (2,)
    entry.refresh_from_db()
    assert entry.text.startswith("March 3, Almaty, a court")
    assert entry.date.isoformat() == "2023-03-01" and entry.date_confirmed
    assert [(s.days, s.confirmed) for s in entry.sanctions.all()] == [(12, True)]
    events = m.AuditEvent.objects.filter(object_type="entry", object_id=str(entry.pk))
    assert {"correct", "ingest"} <= set(events.values_list("action", flat=True))
    assert events.get(field="sanctions").why == "the court record says 12"


def test_a_correction_equal_to_the_extracted_value_keeps_its_offsets(db: None) -> None:
    _ingest(march())
    entry = m.Entry.objects.get(n=6)
    refs = [{"code": "CC", "article": "174", "part": None}]
    services.correct_entry(entry=entry, field="legal_refs", value=refs, who="editor")
    ref = entry.legal_refs.get()
    assert ref.confirmed and entry.text[ref.start : ref.end] == "Article 174"


def test_an_unknown_correction_field_is_refused(db: None) -> None:
    _ingest(march())
    with pytest.raises(services.CorrectionError, match="cannot correct 'colour'"):
        services.correct_entry(entry=m.Entry.objects.first(), field="colour", value=1, who="x")


def test_status_option_sets_the_review_status_of_new_entries(db: None) -> None:
    _ingest(march(), status="in_review")
    assert set(m.Entry.objects.values_list("review_status", flat=True)) == {"in_review"}


def test_documents_with_lint_errors_are_refused_unless_forced(
    db: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    bad = Finding("missing-reference", "error", "footnote [9] is not in the reference list", entry=3)
    monkeypatch.setattr("kuzet.chronicle.lint.lint", lambda document: [bad])
    with pytest.raises(services.IngestRefused, match=r"1 lint error.*entry 3.*--force"):
        _ingest(march())
    assert m.Document.objects.count() == 0
    report = _ingest(march(), force=True)
    assert report.outcome == "created"
    doc = m.Document.objects.get()
    assert doc.forced and doc.lint_findings[0]["code"] == "missing-reference"


def test_an_error_in_the_middle_of_a_document_leaves_the_database_as_it_was(
    db: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    _ingest(march())
    before = list(m.Entry.objects.order_by("id").values_list("id", "n", "text"))
    monkeypatch.setattr("kuzet.store.ingest._Writer.BATCH", 2)
    specs = [Spec(f"March {d}, Almaty, fictional event number {d} happened.") for d in range(1, 9)]
    calls = []

    def explode(stage: str, done: int, total: int) -> None:
        calls.append(done)
        if done >= 4:
            raise RuntimeError("disk on fire")

    with pytest.raises(RuntimeError, match="disk on fire"):
        _ingest(document(specs, period="2023-04", name="april.txt"), progress=explode)
    assert calls == [2, 4]  # rows were written before the failure
    assert not m.Document.objects.filter(key="2023-04").exists()
    assert list(m.Entry.objects.order_by("id").values_list("id", "n", "text")) == before
    if connection.vendor == "sqlite":
        assert _fts_rows() == len(MARCH)


def test_a_footnote_link_fixed_in_a_new_version_moves_the_entrys_citation(db: None) -> None:
    _ingest(march())
    fixed = {**MARCH_REFERENCES, 5: "https://t.me/another_channel/5"}
    report = _ingest(document(MARCH, references=fixed))
    assert report.changed == (5,)  # same words, but its footnote points elsewhere now
    entry = m.Entry.objects.get(n=5)
    assert [c.original_url for c in entry.citations.all()] == [fixed[5]]
    # An entry citing an unchanged footnote keeps its rows (and ids) as they were.
    assert m.Entry.objects.get(n=4).citations.get().original_url == MARCH_REFERENCES[4]
    # No citation of entry 5 keeps the old link.
    assert not m.Citation.objects.filter(entry=entry, original_url=MARCH_REFERENCES[5]).exists()
