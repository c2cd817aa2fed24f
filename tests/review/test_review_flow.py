"""The review workflow, corrections that survive re-ingest, people's decisions, and
the audit trail (shown on pages, exported by admins and by ``kuzet audit``)."""

from __future__ import annotations

import csv
import io
import json

import pytest
from django.test import Client
from reviewdata import PERIOD, build

from kuzet.store import models as m
from kuzet.store import review, services

pytestmark = pytest.mark.db


def _entry(month: dict[int, int], n: int) -> m.Entry:
    return m.Entry.objects.get(pk=month[n])


def test_an_entry_goes_from_draft_to_published_and_back_with_a_comment(
    month: dict[int, int], users: dict[str, object]
) -> None:
    e = _entry(month, 4)
    review.move_entry(entry=e, action="submit", user=users["editor"])
    review.move_entry(entry=e, action="approve", user=users["reviewer"])
    review.move_entry(entry=e, action="publish", user=users["reviewer"])
    assert _entry(month, 4).review_status == "published"
    with pytest.raises(review.ReviewError, match="comment"):
        review.move_entry(entry=e, action="return", user=users["reviewer"])
    review.move_entry(entry=e, action="return", user=users["reviewer"], comment="the date is wrong")
    assert _entry(month, 4).review_status == "draft"
    trail = [(ev.action, ev.old, ev.new, ev.who, ev.why) for ev in review.history(e).order_by("at", "id")
             if ev.field == "review_status"]
    assert trail == [
        ("submit", "draft", "in_review", "editor", ""),
        ("approve", "in_review", "verified", "reviewer", ""),
        ("publish", "verified", "published", "reviewer", ""),
        ("return", "published", "draft", "reviewer", "the date is wrong"),
    ]


def test_a_move_that_does_not_exist_from_the_status_is_refused(month: dict[int, int], users: dict[str, object]) -> None:
    with pytest.raises(review.ReviewError, match="cannot publish"):
        review.move_entry(entry=_entry(month, 4), action="publish", user=users["admin"])
    with pytest.raises(review.ReviewDenied):
        review.move_entry(entry=_entry(month, 5), action="approve", user=users["editor"])


def test_only_published_entries_reach_the_public_view(month: dict[int, int], users: dict[str, object], settings: object) -> None:
    settings.KUZET_PUBLIC = True  # type: ignore[attr-defined]
    from kuzet.workspace.queries import forget_data_version

    anonymous = Client()
    assert month[5] not in {e["id"] for e in anonymous.get("/api/entries").json()["results"]}
    e = _entry(month, 5)
    review.move_entry(entry=e, action="approve", user=users["reviewer"])
    assert month[5] not in {e["id"] for e in anonymous.get("/api/entries").json()["results"]}
    review.move_entry(entry=e, action="publish", user=users["reviewer"])
    forget_data_version()
    assert month[5] in {e["id"] for e in anonymous.get("/api/entries").json()["results"]}
    assert "Baimukhan" in anonymous.get("/").content.decode()


def test_an_editors_change_to_a_published_entry_sends_it_back_to_review(
    month: dict[int, int], users: dict[str, object]
) -> None:
    e = _entry(month, 1)
    review.correct_fields(entry=e, values={"date": "2024-02-04"}, user=users["editor"], why="typo")
    assert _entry(month, 1).review_status == "in_review"
    assert review.history(e).filter(action="reopen").exists()
    e2 = _entry(month, 2)
    review.correct_fields(entry=e2, values={"date": "2024-02-08"}, user=users["reviewer"])
    assert _entry(month, 2).review_status == "published"


def test_viewers_cannot_correct(month: dict[int, int], users: dict[str, object]) -> None:
    with pytest.raises(review.ReviewDenied):
        review.correct_fields(entry=_entry(month, 4), values={"date": "2024-02-01"}, user=users["viewer"])


def test_corrections_survive_a_re_ingest_of_the_chronicle(month: dict[int, int], users: dict[str, object]) -> None:
    e = _entry(month, 2)
    review.correct_fields(
        entry=e, user=users["editor"], why="per the court decision",
        values={
            "persons": [{"name": "Orazbek N.", "role": "subject"},
                        {"name": "Zhandosova R.", "role": "subject", "confidential": True}],
            "sanctions": [{"kind": "administrative_arrest", "days": 15, "amount_kzt": None,
                           "person": "Orazbek N.", "status": "imposed"}],
        },
    )
    doc, records = build()
    # A new version of the month: the paragraph is edited, so it is extracted again.
    entries = list(doc.entries)
    entries[1] = type(entries[1])(n=2, text=entries[1].text.replace("stood in", "held"), refs=(2,))
    recs = list(records)
    from dataclasses import replace

    recs[1] = replace(recs[1], text=entries[1].text, persons=(), sanctions=())
    services.ingest_document(replace(doc, entries=tuple(entries)), records=recs, force=True, who="test")
    again = _entry(month, 2)
    assert "held a single picket" in again.text
    assert [(s.kind, s.days) for s in again.sanctions.all()] == [("administrative_arrest", 15)]
    assert {(p.key, p.confidential) for p in again.person_mentions.all()} == {
        ("Orazbek N.", False), ("Zhandosova R.", True)}
    assert set(review.confirmations(again)) >= {"persons", "sanctions"}


def test_the_entry_page_shows_confirmed_fields_moves_and_history(
    month: dict[int, int], users: dict[str, object], editor: Client, viewer: Client
) -> None:
    e = _entry(month, 4)
    review.correct_fields(entry=e, values={"types": ["harassment"]}, confirm=["types"], user=users["editor"],
                          why="checked against the source")
    html = editor.get(f"/entries/{e.pk}/").content.decode()
    assert "✓ event types" in html and "checked against the source" in html
    assert 'value="submit"' in html and f"/entries/{e.pk}/edit/" in html
    assert "review-panel" not in viewer.get(f"/entries/{e.pk}/").content.decode()


def test_returning_an_entry_needs_a_comment_in_the_queue_too(
    month: dict[int, int], reviewer: Client
) -> None:
    r = reviewer.post(f"/entries/{month[5]}/review/", {"action": "return", "comment": ""}, follow=True)
    assert "needs a comment" in r.content.decode()
    assert _entry(month, 5).review_status == "in_review"
    reviewer.post(f"/entries/{month[5]}/review/", {"action": "return", "comment": "which court?"})
    assert _entry(month, 5).review_status == "draft"
    queue = reviewer.get("/review/?status=draft").content.decode()
    assert "which court?" in queue


def test_the_queue_lists_entries_with_their_sources_and_values(month: dict[int, int], reviewer: Client) -> None:
    html = reviewer.get("/review/").content.decode()
    assert "Baimukhan D." in html and "https://news.example.org/2024/02/baimukhan" in html
    assert 'value="approve"' in html and "Sarsenbay" not in html  # a draft is not waiting


def test_the_queue_approves_ticked_entries_at_once(month: dict[int, int], reviewer: Client, users: dict[str, object]) -> None:
    review.move_entry(entry=_entry(month, 4), action="submit", user=users["editor"])
    reviewer.post("/review/bulk/", {"action": "approve", "entry": [month[4], month[5]]})
    assert {_entry(month, n).review_status for n in (4, 5)} == {"verified"}


def test_renaming_a_person_is_kept_when_people_are_relinked(month: dict[int, int], editor: Client) -> None:
    from kuzet.store.people import relink

    p = m.Person.objects.get(name="Kemelov T.")
    editor.post(f"/persons/{p.pk}/edit/", {"action": "rename", "name": "Kemelov Timur", "why": "full name"})
    relink()
    assert m.Person.objects.get(pk=p.pk).name == "Kemelov Timur"
    doc, records = build()
    services.ingest_document(doc, records=records, force=True, who="test")  # the same bytes again
    relink()
    assert m.Person.objects.get(pk=p.pk).name == "Kemelov Timur"
    ev = review.history(p).get(action="rename")
    assert (ev.old, ev.new, ev.who, ev.why) == ("Kemelov T.", "Kemelov Timur", "editor", "full name")


def test_notes_merge_and_split_from_the_person_page(month: dict[int, int], editor: Client) -> None:
    a = m.Person.objects.get(name="Kemelov T.")
    b = m.Person.objects.get(name="Baimukhan D.")
    editor.post(f"/persons/{a.pk}/edit/", {"action": "notes", "notes": "lawyer: see file 12"})
    assert m.Person.objects.get(pk=a.pk).notes == "lawyer: see file 12"
    r = editor.post(f"/persons/{a.pk}/edit/", {"action": "merge", "other": f"Baimukhan D. #{b.pk}", "why": "same man"})
    assert r.status_code == 302
    merged = m.PersonMention.objects.get(key="Kemelov T.").person
    assert merged == m.PersonMention.objects.get(key="Baimukhan D.").person
    mention = m.PersonMention.objects.get(key="Baimukhan D.")
    editor.post(f"/persons/{merged.pk}/edit/", {"action": "split", "mention": [mention.pk], "why": "not him"})
    assert m.PersonMention.objects.get(key="Kemelov T.").person != m.PersonMention.objects.get(key="Baimukhan D.").person
    kinds = list(m.LinkDecision.objects.order_by("at").values_list("kind", flat=True))
    assert kinds == ["merge", "split"]
    assert {"merge", "split", "notes"} <= set(m.AuditEvent.objects.values_list("action", flat=True))


def test_the_person_and_document_pages_show_their_history(month: dict[int, int], editor: Client) -> None:
    p = m.Person.objects.get(name="Kemelov T.")
    editor.post(f"/persons/{p.pk}/edit/", {"action": "notes", "notes": "met in 2023"})
    assert "met in 2023" in editor.get(f"/persons/{p.pk}/").content.decode()
    doc = editor.get(f"/documents/{PERIOD}/").content.decode()
    assert "history-panel" in doc and "ingest" in doc


def _admin_export(admin: Client, fmt: str) -> str:
    r = admin.get(f"/audit/export.{fmt}")
    assert r.status_code == 200
    return b"".join(r.streaming_content).decode()


def test_an_admin_exports_the_audit_trail_as_csv_and_jsonl(month: dict[int, int], admin: Client, users: dict[str, object]) -> None:
    review.move_entry(entry=_entry(month, 5), action="approve", user=users["reviewer"])
    lines = [json.loads(x) for x in _admin_export(admin, "jsonl").splitlines()]
    approve = [x for x in lines if x["action"] == "approve"]
    assert approve and approve[0]["old"] == "in_review" and approve[0]["new"] == "verified"
    assert approve[0]["who"] == "reviewer" and approve[0]["object_id"] == str(month[5])
    rows = list(csv.DictReader(io.StringIO(_admin_export(admin, "csv").lstrip("\ufeff"))))
    assert len(rows) == len(lines) and rows[-1]["action"] == "approve"


def test_kuzet_audit_prints_the_trail_as_jsonl(month: dict[int, int], users: dict[str, object], capsys: pytest.CaptureFixture[str]) -> None:
    from kuzet.cli import main

    review.move_entry(entry=_entry(month, 5), action="approve", user=users["reviewer"])
    assert main(["audit", "--format", "jsonl", "--object", f"entry:{month[5]}"]) == 0
    events = [json.loads(x) for x in capsys.readouterr().out.splitlines()]
    assert [e["action"] for e in events][-1] == "approve"
    assert all(e["object_id"] == str(month[5]) for e in events)


def test_the_audit_trail_cannot_be_changed_through_any_page(month: dict[int, int], admin: Client) -> None:
    before = m.AuditEvent.objects.count()
    for method in ("post", "put", "delete"):
        r = getattr(admin, method)("/audit/")
        assert r.status_code == 405
    assert m.AuditEvent.objects.count() == before
