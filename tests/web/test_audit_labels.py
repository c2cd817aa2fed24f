"""The audit trail in Russian: action names and the reasons Kuzet writes are translated,
a person's reasons and every stored value stay as they are.

The trail here is made by the real code paths where that is cheap (ingesting, users
and roles, a correction, a review move, a refused request) and by ``services.audit``
with the exact reasons the rest write. The names in it are fictional.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from django.test import Client
from django.utils import translation

from kuzet.store import models as m
from kuzet.store import services
from kuzet.store.review import MOVES
from kuzet.workspace.audit_labels import (
    ACTION_LABELS,
    action_label,
    is_kuzets_reason,
    reason_shown,
)

pytestmark = pytest.mark.db

SRC = Path(__file__).resolve().parents[2] / "src" / "kuzet"

# (action, a reason Kuzet writes for it, the reason in Russian)
KUZETS_REASONS = [
    ("ingest", "ingested 2031-04.txt", "загружено: 2031-04.txt"),
    ("ingest", "removed from 2031-04.txt", "удалена из 2031-04.txt"),
    ("ingest", "changed in 2031-04.txt", "изменена в 2031-04.txt"),
    ("reopen", "changed after review: back to a reviewer", "изменена после проверки: снова на проверку"),
    ("view", "viewed (page)", "просмотр (страница)"),
    ("view", "viewed (api)", "просмотр (API)"),
    ("refused", "POST /upload/: needs the role editor", "POST /upload/: нужна роль «редактор»"),
    ("refused", "GET /audit/: needs the role wizard", "GET /audit/: нужна роль «wizard»"),
    ("user", "user created", "пользователь создан"),
    ("user", "role set", "роль назначена"),
    ("user", "account deactivated", "учётная запись отключена"),
    ("user", "two-factor login set up", "двухфакторный вход включён"),
]
# (action, a reason a person wrote): shown as written, in any language
PEOPLES_REASONS = [
    ("correct", "ingested 2031-04.txt"),  # Kuzet's words, but under a person's action
    ("merge", "same person: Dauletova Zh. and Zhanar Dauletova"),
    ("return", "which court? check the second source"),
    ("ingest", "re-read after the editors fixed the file"),
]


def _actions_in_source() -> set[str]:
    """Every action code the code base writes to the audit trail."""
    found = {mv.action for mv in MOVES}
    for path in SRC.rglob("*.py"):
        text = path.read_text(encoding="utf-8")
        found |= set(re.findall(r'\baudit\((?:[^()]|\([^()]*\))*?\baction="([\w-]+)"', text))
        found |= set(re.findall(r'\b_audit\("([\w-]+)"', text))
    return found


def test_every_action_the_code_writes_has_a_label() -> None:
    written = _actions_in_source()
    assert {"ingest", "correct", "merge", "split", "publish", "refused", "user"} <= written
    assert written <= set(ACTION_LABELS), sorted(written - set(ACTION_LABELS))


def test_action_labels_are_russian_in_russian_and_the_codes_in_english() -> None:
    with translation.override("ru"):
        russian = {code: action_label(code) for code in ACTION_LABELS}
    with translation.override("en"):
        english = {code: action_label(code) for code in ACTION_LABELS}
    assert english == {code: code for code in ACTION_LABELS}  # the English pages are unchanged
    assert russian["ingest"] == "загрузка" and russian["merge"] == "объединение"
    assert not [label for label in russian.values() if re.search("[A-Za-z]", label)], russian
    with translation.override("ru"):
        assert action_label("someday-new") == "someday-new"  # unknown: as stored


@pytest.mark.parametrize(("action", "why", "russian"), KUZETS_REASONS)
def test_kuzets_reasons_are_translated(action: str, why: str, russian: str) -> None:
    assert is_kuzets_reason(action, why)
    with translation.override("ru"):
        assert reason_shown(action, why) == russian
    with translation.override("en"):
        assert reason_shown(action, why) == why


@pytest.mark.parametrize(("action", "why"), PEOPLES_REASONS)
def test_peoples_reasons_are_shown_as_written(action: str, why: str) -> None:
    assert not is_kuzets_reason(action, why)
    with translation.override("ru"):
        assert reason_shown(action, why) == why


@pytest.fixture
def trail(record: None) -> dict[str, object]:
    """An admin, and a trail with every action: real paths where cheap, else the
    store's ``audit`` with the reasons the other paths write."""
    from kuzet.accounts.services import create_user, set_role
    from kuzet.store import review

    admin = create_user("starshaya", "admin", who="test")[0]
    editor = create_user("redaktor", "viewer", who="starshaya")[0]
    set_role(editor, "editor", who="starshaya")  # "role set"
    entry = m.Entry.objects.order_by("id").first()
    person = m.Person.objects.order_by("id").first()
    assert entry is not None and person is not None
    review.correct_fields(
        entry=entry, values={"types": ["harassment"]}, user=editor, why=PEOPLES_REASONS[0][1]
    )
    for action, why, _ in KUZETS_REASONS:
        services.audit(who="kuzet ingest", action=action, obj=entry, why=why)
    for action, why in PEOPLES_REASONS[1:]:
        services.audit(who="starshaya", action=action, obj=person, why=why)
    for action in ACTION_LABELS:  # any action not made above
        if not m.AuditEvent.objects.filter(action=action).exists():
            services.audit(who="starshaya", action=action, obj=person, field="notes")
    return {"admin": admin, "entry": entry}


def _russian_admin(admin: object) -> Client:
    client = Client(HTTP_ACCEPT_LANGUAGE="ru")
    client.force_login(admin)  # type: ignore[arg-type]
    return client


def test_the_audit_page_names_actions_and_kuzets_reasons_in_russian(trail: dict[str, object]) -> None:
    client = _russian_admin(trail["admin"])
    html = "".join(
        client.get("/audit/", {"page": n}).content.decode() for n in (1, 2, 3)
    )  # the trail fills more than one page
    for code in ACTION_LABELS:
        with translation.override("ru"):
            label = action_label(code)
        assert f'data-action="{code}">{label}<' in html, code
        # the filter offers every stored action by its name, and keeps the code as the value
        assert re.search(rf'<option value="{re.escape(code)}"[^>]*>{re.escape(label)}</option>', html), code
    peoples = {why for _, why in PEOPLES_REASONS}
    for _, why, russian in KUZETS_REASONS:
        assert russian in html, why
        assert why in peoples or f"<em>{why}</em>" not in html, why
    for _, why in PEOPLES_REASONS:
        assert why.replace("'", "&#x27;") in html, why
    # what is stored stays as it was: codes and Kuzet's English reasons
    assert m.AuditEvent.objects.filter(action="ingest", why="removed from 2031-04.txt").exists()
    # in the order of their names in the reader's language
    offered = re.findall(r'<option value="([\w-]+)"[^>]*>([^<]+)</option>', html.split("</select>")[0])
    assert [label for _, label in offered] == sorted(label for _, label in offered)
    # the filter still filters by the code
    only = client.get("/audit/", {"action": "merge"}).content.decode()
    assert "объединение" in only and "загружено:" not in only


def test_the_entry_history_shows_the_same_words(trail: dict[str, object]) -> None:
    client = _russian_admin(trail["admin"])
    entry = trail["entry"]
    html = client.get(f"/entries/{entry.pk}/").content.decode()  # type: ignore[attr-defined]
    assert 'data-action="correct">исправление<' in html
    assert "удалена из 2031-04.txt" in html and PEOPLES_REASONS[0][1] in html


def test_the_english_audit_page_reads_as_before(trail: dict[str, object]) -> None:
    client = Client(HTTP_ACCEPT_LANGUAGE="en")
    client.force_login(trail["admin"])  # type: ignore[arg-type]
    html = client.get("/audit/", {"action": "ingest"}).content.decode()
    assert 'data-action="ingest">ingest<' in html and "<em>removed from 2031-04.txt</em>" in html


def test_the_audit_page_in_russian_has_no_english_interface_words(trail: dict[str, object]) -> None:
    """The walk's check (test_i18n_walk) on every page of this fuller trail: only the
    reasons people wrote, and the record's own values, may be English."""
    from test_i18n_walk import english_in, interface_words, record_data

    from kuzet.workspace.templatetags.kuzet_review import as_json

    texts, codes = record_data()
    data = texts + codes
    assert "removed from 2031-04.txt" not in data  # Kuzet's reasons are not data there
    assert "which court? check the second source" in data
    vocabulary = interface_words(texts)
    assert {"ingest", "merge", "unpublish"} <= vocabulary
    # Values shown inside a line of their own: old → new, and a refused request's method
    # and path inside Kuzet's (translated) reason.
    values: list[str] = []
    for ev in m.AuditEvent.objects.all():
        if ev.old is not None or ev.new is not None:
            new = as_json(ev.new)
            values.append(new if ev.old is None else f"{as_json(ev.old)} → {new}")
        if ev.action == "refused":
            values.append(ev.why.split(":")[0])
    values.sort(key=len, reverse=True)
    client = _russian_admin(trail["admin"])
    left = []
    for n in (1, 2, 3):
        html = client.get("/audit/", {"page": n}).content.decode()
        left += english_in(html, data, vocabulary, tuple(values))
    assert not left, left


def test_audit_fields_are_named_in_the_readers_language() -> None:
    from django.utils import translation

    from kuzet.workspace.templatetags.kuzet_review import AUDIT_FIELDS, audit_field

    with translation.override("ru"):
        assert audit_field("review_status") == "статус проверки"
        assert audit_field("types") == "типы событий"
        assert audit_field("something_new") == "something_new"  # unknown codes as stored
        russian = {f: audit_field(f) for f in AUDIT_FIELDS}
    with translation.override("en"):
        english = {f: audit_field(f) for f in AUDIT_FIELDS}
    assert [f for f in AUDIT_FIELDS if russian[f] == english[f]] == []


def test_audit_objects_are_named_in_the_readers_language() -> None:
    from django.utils import translation

    from kuzet.workspace.templatetags.kuzet_review import AUDIT_OBJECTS, audit_object

    with translation.override("ru"):
        assert audit_object("entry") == "запись" and audit_object("widget") == "widget"
        russian = {o: audit_object(o) for o in AUDIT_OBJECTS}
    with translation.override("en"):
        assert {o: audit_object(o) for o in AUDIT_OBJECTS} == {o: o for o in AUDIT_OBJECTS}
    assert all(russian[o] != o for o in AUDIT_OBJECTS)
