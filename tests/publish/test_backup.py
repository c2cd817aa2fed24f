"""``kuzet backup`` / ``kuzet restore``: a fresh instance reaches the identical state."""

from __future__ import annotations

import datetime as dt
import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from kuzet.cli import main
from kuzet.publish.backup import _clear, backed_up_models, backup, restore
from kuzet.publish.errors import PublishError
from kuzet.publish.people_list import recognize, set_status
from kuzet.store import models as m
from kuzet.store import services
from kuzet.store.search import search
from kuzet.store.selectors import EntryFilter

pytestmark = pytest.mark.db


def _state() -> dict[str, list[dict[str, Any]]]:
    """Every row of every backed-up model, many-to-many links included."""
    out: dict[str, list[dict[str, Any]]] = {}
    for model in backed_up_models():
        rows = []
        for obj in model._base_manager.order_by("pk"):
            row = {f.attname: getattr(obj, f.attname) for f in model._meta.concrete_fields}
            for f in model._meta.many_to_many:
                row[f.name] = sorted(getattr(obj, f.name).values_list("pk", flat=True))
            rows.append(row)
        out[model._meta.label_lower] = rows
    return out


@pytest.fixture
def busy(may: None) -> None:
    """The month plus what people did to it: users with roles, a token and a second factor,
    a correction, decisions, audit rows."""
    from django.contrib.auth.models import Group, Permission
    from django_otp.plugins.otp_totp.models import TOTPDevice

    from kuzet.accounts.services import create_user, issue_token

    editors = Group.objects.create(name="editors")
    editors.permissions.add(Permission.objects.get(codename="view_entry"))
    user, _ = create_user("aigul", "editor", who="test")
    create_user("nurlan", "admin", who="test")
    user.groups.add(editors)
    issue_token(user, who="test")
    TOTPDevice.objects.create(user=user, name="phone", confirmed=True)
    entry = m.Entry.objects.get(document__key="2025-05", n=3)
    services.correct_entry(entry=entry, field="review_status", value="verified", who="aigul", user=user)
    person = m.Person.objects.get(name="Kassymov Y.")
    set_status(person=person, status="in-custody", since=dt.date(2025, 5, 14), who="aigul", note="court record")
    recognize(person=person, organisation="Example Rights Bureau", date=dt.date(2025, 5, 28), who="aigul")


def test_backup_then_restore_into_an_empty_database_gives_the_same_records(busy: None, tmp_path: Path) -> None:
    before = _state()
    found = search(EntryFilter(q="akimat"), limit=10).total
    assert before["store.auditevent"] and before["publish.recognition"] and before["auth.user"] and found
    assert before["accounts.profile"] and before["accounts.apitoken"] and before["otp_totp.totpdevice"]
    made = backup(tmp_path / "all.jsonl")
    _clear(backed_up_models())
    assert all(not rows for rows in _state().values())
    restored = restore(tmp_path / "all.jsonl")
    assert _state() == before
    assert restored.counts == made.counts
    # the search index follows the restored entries
    assert search(EntryFilter(q="akimat"), limit=10).total == found


def test_restore_refuses_a_database_with_records_and_changes_nothing(busy: None, tmp_path: Path) -> None:
    backup(tmp_path / "all.jsonl")
    m.Person.objects.filter(name="Temirova S.").update(notes="changed after the backup")
    before = _state()
    with pytest.raises(PublishError, match="already holds records"):
        restore(tmp_path / "all.jsonl")
    assert _state() == before


def test_force_replaces_everything(busy: None, tmp_path: Path) -> None:
    original = _state()
    backup(tmp_path / "all.jsonl.gz")
    services.remove_document(document=m.Document.objects.get(key="2025-05"), who="test")
    restore(tmp_path / "all.jsonl.gz", force=True)
    assert _state() == original


def test_a_backup_from_before_facet_values_restores_with_them(busy: None, tmp_path: Path) -> None:
    """A backup made before migration 0009 has entries without ``facet_values``: restore
    computes them, so the search facets count the restored record."""
    before = _state()
    path = tmp_path / "old.jsonl"
    backup(path)
    lines = []
    for line in path.read_text(encoding="utf-8").splitlines():
        row = json.loads(line)
        if row.get("model") == "store.entry":
            assert row["fields"].pop("facet_values")
            row["fields"]["facets"] = ""
        lines.append(json.dumps(row))
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    _clear(backed_up_models())
    restore(path)
    assert _state() == before
    assert search(EntryFilter(q="akimat"), limit=10).total


@pytest.mark.parametrize("damage", ["cut", "garbage", "count"])
def test_a_damaged_backup_restores_nothing(busy: None, tmp_path: Path, damage: str) -> None:
    path = tmp_path / "all.jsonl"
    backup(path)
    lines = path.read_text(encoding="utf-8").splitlines()
    if damage == "cut":
        lines = lines[: len(lines) // 2]
    elif damage == "garbage":
        lines[len(lines) // 2] = "{not json"
    else:
        trailer = json.loads(lines[-1])
        trailer["counts"]["store.entry"] += 1
        lines[-1] = json.dumps(trailer)
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    _clear(backed_up_models())
    with pytest.raises(PublishError, match="nothing was restored|damaged|differ"):
        restore(path)
    assert all(not rows for rows in _state().values()), "all or nothing"


@pytest.mark.parametrize(
    ("content", "message"),
    [(None, "no such file"), ("hello\n", "not a Kuzet backup"), ('{"kuzet_backup": 99}\n', "backup format 99")],
)
def test_a_file_that_is_not_a_backup_is_a_message(
    db: None, tmp_path: Path, capsys: pytest.CaptureFixture[str], content: str | None, message: str
) -> None:
    path = tmp_path / "x.jsonl"
    if content is not None:
        path.write_text(content)
    assert main(["restore", str(path)]) != 0
    err = capsys.readouterr().err
    assert message in err and err.count("\n") == 1 and "Traceback" not in err


def test_a_backup_restores_into_a_fresh_instance_and_backs_up_the_same(busy: None, tmp_path: Path) -> None:
    first = tmp_path / "first.jsonl"
    backup(first)
    env = {k: v for k, v in os.environ.items() if k != "KUZET_DATABASE_URL"}
    env["KUZET_HOME"] = str(tmp_path / "fresh")
    kuzet = [sys.executable, "-c", "import sys; from kuzet.cli import main; sys.exit(main(sys.argv[1:]))"]
    for args in (["restore", str(first)], ["backup", str(tmp_path / "second.jsonl")]):
        done = subprocess.run(kuzet + args, env=env, capture_output=True, text=True, timeout=120, check=False)
        assert done.returncode == 0, done.stderr
    body = first.read_text(encoding="utf-8").splitlines()[1:]
    again = (tmp_path / "second.jsonl").read_text(encoding="utf-8").splitlines()[1:]
    assert again == body
