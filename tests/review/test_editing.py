"""Recording in the browser: a new entry (extraction fills the form, the editor
corrects and saves), correcting an entry, and uploading a chronicle (preview, then
confirm or cancel)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from kuzet.store import models as m
from kuzet.store import review

pytestmark = pytest.mark.db

EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "2024-03.txt"
PARAGRAPH = (
    "14 March, Shymkent. The court fined the activist Dauletov M. 100 MCI under Article 488 "
    "part 6 of the CAO for a picket near the akimat [1]."
)


def _management(prefix: str, total: int) -> dict[str, object]:
    return {f"{prefix}-TOTAL_FORMS": total, f"{prefix}-INITIAL_FORMS": 0,
            f"{prefix}-MIN_NUM_FORMS": 0, f"{prefix}-MAX_NUM_FORMS": 1000}


def _form_values(html: str) -> dict[str, str]:
    """The values a browser would send back (inputs, selected options, checked boxes)."""
    out: dict[str, str] = {}
    for tag in re.findall(r"<input[^>]*>", html):
        name = re.search(r'name="([^"]+)"', tag)
        if not name or "csrfmiddlewaretoken" in tag:
            continue
        if 'type="checkbox"' in tag and "checked" not in tag:
            continue
        value = re.search(r'value="([^"]*)"', tag)
        out[name.group(1)] = value.group(1) if value else ("on" if 'type="checkbox"' in tag else "")
    for name, body in re.findall(r'<select name="([^"]+)"[^>]*>(.*?)</select>', html, re.DOTALL):
        chosen = re.search(r'<option value="([^"]*)" selected', body)
        out[name] = chosen.group(1) if chosen else ""
    return out


def test_a_new_entry_is_extracted_then_corrected_and_saved_as_a_draft(month: dict[int, int], editor: Client) -> None:
    start = {"text": PARAGRAPH, "urls": "https://news.example.org/2024/03/dauletov", "period": "2024-03"}
    shown = editor.post("/entries/new/", {**start, "step": "extract"}).content.decode()
    values = _form_values(shown)
    assert values["date"] == "2024-03-14" and values["place"] == "Shymkent"
    assert values["persons-0-name"] == "Dauletov M." and values["sanctions-0-kind"] == "fine"
    # The editor corrects the sanction (a 10-day arrest, not a fine) and saves.
    values.update({"sanctions-0-kind": "administrative_arrest", "sanctions-0-days": "10",
                   "sanctions-0-amount_kzt": "", "confirm": "date", "why": "court record"})
    r = editor.post("/entries/new/", {**start, **values, "step": "save"})
    assert r.status_code == 302, r.content.decode()[:2000]
    e = m.Entry.objects.get(text=PARAGRAPH)
    assert e.review_status == "draft" and e.document.key == "web-2024-03"
    assert [(s.kind, s.days, s.person_key) for s in e.sanctions.all()] == [("administrative_arrest", 10, "Dauletov M.")]
    assert e.date_confirmed and str(e.place) == "Shymkent"
    assert [c.source.url for c in e.citations.all()] == ["https://news.example.org/2024/03/dauletov"]
    assert set(review.confirmations(e)) == {"sanctions", "date"}
    assert review.history(e).filter(action="create", who="editor").exists()


def test_a_new_entry_form_refuses_what_is_not_a_link_or_a_month(editor: Client, db: None) -> None:
    r = editor.post("/entries/new/", {"text": PARAGRAPH, "urls": "javascript:alert(1)", "period": "March",
                                      "step": "extract"})
    html = r.content.decode()
    assert "is not a web link" in html and "Write the month as YYYY-MM." in html
    assert not m.Entry.objects.exists()


def _edit_values(editor: Client, pk: int) -> dict[str, str]:
    return _form_values(editor.get(f"/entries/{pk}/edit/").content.decode())


def test_correcting_a_person_and_a_sanction_keeps_corrections_and_confirms_the_rest(
    month: dict[int, int], editor: Client
) -> None:
    pk = month[5]
    values = _edit_values(editor, pk)
    assert values["persons-0-name"] == "Baimukhan D." and values["sanctions-0-amount_kzt"] == "150000"
    values.update({"persons-0-name": "Baimukhanova D.", "sanctions-0-person": "Baimukhanova D.",
                   "sanctions-0-amount_kzt": "184600", "why": "surname misspelt; amount from the ruling"})
    r = editor.post(f"/entries/{pk}/edit/", values)
    assert r.status_code == 302
    e = m.Entry.objects.get(pk=pk)
    assert [p.key for p in e.person_mentions.all()] == ["Baimukhanova D."]
    assert [(s.amount_kzt, s.person_key) for s in e.sanctions.all()] == [(184600, "Baimukhanova D.")]
    corrections = {c.field: c for c in m.Correction.objects.filter(entry=e).exclude(field="review_status")}
    assert set(corrections) == {"persons", "sanctions"}
    assert corrections["sanctions"].why == "surname misspelt; amount from the ruling"
    ev = review.history(e).filter(field="persons").first()
    assert ev.old == [{"name": "Baimukhan D.", "role": "subject"}]


def test_a_place_must_come_from_the_gazetteer(month: dict[int, int], editor: Client) -> None:
    values = _edit_values(editor, month[4])
    values["place"] = "Atlantis"
    html = editor.post(f"/entries/{month[4]}/edit/", values).content.decode()
    assert "Not a place Kuzet knows" in html
    values["place"] = "Kaskelen (Almaty Region)"
    assert editor.post(f"/entries/{month[4]}/edit/", values).status_code == 302
    assert m.Entry.objects.get(pk=month[4]).place.name == "Kaskelen"
    assert 'value="Kaskelen (Almaty Region)"' in editor.get(f"/entries/{month[4]}/edit/").content.decode()


def test_linking_a_mention_to_an_existing_person_merges_them(month: dict[int, int], editor: Client) -> None:
    target = m.Person.objects.get(name="Kemelov T.")
    values = _edit_values(editor, month[4])
    values["persons-0-name"] = f"Sarsenbay K. #{target.pk}"
    assert editor.post(f"/entries/{month[4]}/edit/", values).status_code == 302
    mention = m.PersonMention.objects.get(entry_id=month[4])
    assert mention.key == "Sarsenbay K." and mention.person_id == m.PersonMention.objects.get(key="Kemelov T.").person_id


def _upload(client: Client, data: bytes, name: str = "2024-03.txt", **extra: str) -> str:
    f = SimpleUploadedFile(name, data, content_type="text/plain")
    return client.post("/upload/", {"file": f, **extra}).content.decode()


def test_an_upload_is_previewed_then_stored_only_when_confirmed(editor: Client, db: None) -> None:
    html = _upload(editor, EXAMPLE.read_bytes())
    assert "Preview of 2024-03.txt" in html and 'id="preview"' in html
    assert not m.Document.objects.filter(key="2024-03").exists()
    token = re.search(r"/upload/([\w-]+)/confirm/", html).group(1)
    r = editor.post(f"/upload/{token}/confirm/", {"force": "on"})
    assert r.status_code == 302 and r["Location"] == "/documents/2024-03/"
    doc = m.Document.objects.get(key="2024-03")
    assert doc.entries.count() > 10 and set(doc.entries.values_list("review_status", flat=True)) == {"draft"}
    assert m.AuditEvent.objects.filter(action="ingest", who="editor").exists()
    # The held file is gone: confirming twice does nothing.
    assert editor.post(f"/upload/{token}/confirm/").status_code == 404


def test_a_cancelled_upload_stores_nothing(editor: Client, db: None) -> None:
    html = _upload(editor, EXAMPLE.read_bytes())
    token = re.search(r"/upload/([\w-]+)/confirm/", html).group(1)
    editor.post(f"/upload/{token}/cancel/")
    assert not m.Document.objects.exists()
    assert editor.post(f"/upload/{token}/confirm/").status_code == 404


def test_an_upload_held_for_one_editor_cannot_be_confirmed_by_another(
    editor: Client, reviewer: Client, db: None
) -> None:
    html = _upload(editor, EXAMPLE.read_bytes())
    token = re.search(r"/upload/([\w-]+)/confirm/", html).group(1)
    assert reviewer.post(f"/upload/{token}/confirm/").status_code == 404
    assert not m.Document.objects.exists()


def test_an_oversized_upload_is_refused_with_a_message(editor: Client, settings: object, db: None) -> None:
    settings.KUZET_MAX_UPLOAD_MB = 1  # type: ignore[attr-defined]
    html = _upload(editor, b"1 March, Almaty. " + b"x" * (2 * 2**20))
    assert "uploads over 1 MB are refused" in html
    assert not m.Document.objects.exists()


def test_a_file_that_is_not_a_chronicle_is_refused_with_a_message(editor: Client, db: None) -> None:
    html = _upload(editor, b"%PDF-1.4 not really", name="report.pdf")
    assert "is a PDF" in html
    html = _upload(editor, b"a shopping list\nbread\nmilk\n", name="list.txt")
    assert "no dated entries" in html


def test_an_uploaded_file_name_cannot_escape_the_uploads_folder(editor: Client, settings: object, db: None) -> None:
    html = _upload(editor, EXAMPLE.read_bytes(), name="../../2024-03.txt")
    token = re.search(r"/upload/([\w-]+)/confirm/", html).group(1)
    held = Path(settings.KUZET_HOME) / "uploads" / token  # type: ignore[attr-defined]
    assert [p.name for p in held.iterdir()] == ["2024-03.txt"]


SEED = Path(__file__).resolve().parents[2].parent / "shared" / "seeds" / "000_9ae157a45882d29c.txt"


def test_a_chronicle_with_lint_errors_is_stored_only_when_the_editor_insists(editor: Client, db: None) -> None:
    if not SEED.exists():
        pytest.skip("the shared seed chronicle is not here")
    html = _upload(editor, SEED.read_bytes(), name="june.txt", period="2023-06")
    assert re.search(r"The checks found \d+ errors?", html) and 'name="force"' in html
    token = re.search(r"/upload/([\w-]+)/confirm/", html).group(1)
    refused = editor.post(f"/upload/{token}/confirm/", follow=True).content.decode()
    assert "lint error" in refused and not m.Document.objects.exists()
    html = _upload(editor, SEED.read_bytes(), name="june.txt", period="2023-06")
    token = re.search(r"/upload/([\w-]+)/confirm/", html).group(1)
    editor.post(f"/upload/{token}/confirm/", {"force": "on"})
    assert m.Document.objects.get(key="2023-06").entries.count() == 119


def test_an_admin_adds_a_user_changes_the_role_and_turns_the_account_off(admin: Client, db: None) -> None:
    from django.contrib.auth import get_user_model

    from kuzet.accounts.roles import role_of

    html = admin.post("/accounts/users/", {"action": "create", "username": "saule", "role": "editor"}).content.decode()
    password = re.search(r'id="new-password">([^<]+)<', html).group(1)
    saule = get_user_model().objects.get(username="saule")
    assert saule.check_password(password) and role_of(saule) == "editor"
    admin.post("/accounts/users/", {"action": "role", "user": saule.pk, "role": "reviewer"})
    assert role_of(get_user_model().objects.get(pk=saule.pk)) == "reviewer"
    admin.post("/accounts/users/", {"action": "deactivate", "user": saule.pk})
    assert not get_user_model().objects.get(pk=saule.pk).is_active
    assert Client().post("/accounts/login/", {"username": "saule", "password": password}).status_code == 200
    fields = list(m.AuditEvent.objects.filter(object_type="user", object_id=str(saule.pk)).values_list("field", flat=True))
    assert fields == ["role", "role", "is_active"]


def test_the_confirmed_fields_are_named_in_the_readers_language(month: dict[int, int], editor: Client) -> None:
    start = {"text": PARAGRAPH, "urls": "https://news.example.org/2024/03/dauletov", "period": "2024-03"}
    values = _form_values(editor.post("/entries/new/", {**start, "step": "extract"}).content.decode())
    values.update({"confirm": ["date", "types"], "why": "court record"})
    assert editor.post("/entries/new/", {**start, **values, "step": "save"}).status_code == 302
    pk = m.Entry.objects.get(text=PARAGRAPH).pk
    english = editor.get(f"/entries/{pk}/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "✓ event types" in english and "✓ date" in english
    editor.cookies["django_language"] = "ru"
    russian = editor.get(f"/entries/{pk}/", HTTP_ACCEPT_LANGUAGE="ru").content.decode()
    assert "✓ типы событий" in russian and "✓ дата" in russian and "✓ event types" not in russian
