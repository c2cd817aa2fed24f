"""``kuzet createuser``, ``setrole``, ``token`` and ``audit``: the first-run set-up."""

from __future__ import annotations

import json

import pytest
from django.contrib.auth import get_user_model
from django.test import Client

from kuzet.accounts.roles import role_of
from kuzet.cli import main

pytestmark = pytest.mark.db


def _run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def test_createuser_prints_a_password_that_logs_in(db: None, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = _run(capsys, "createuser", "aigerim", "--role", "editor")
    password = out.strip()
    assert code == 0 and len(password) >= 16 and "created aigerim (editor)" in err
    user = get_user_model().objects.get(username="aigerim")
    assert role_of(user) == "editor" and user.check_password(password)
    r = Client().post("/accounts/login/", {"username": "aigerim", "password": password})
    assert r.status_code == 302


def test_createuser_again_is_refused_unless_the_password_is_reset(db: None, capsys: pytest.CaptureFixture[str]) -> None:
    _run(capsys, "createuser", "admin", "--role", "admin")
    code, out, err = _run(capsys, "createuser", "admin", "--role", "admin")
    assert code == 2 and out == "" and "exists already" in err
    code, first, _ = _run(capsys, "createuser", "admin", "--role", "admin", "--reset-password")
    code2, second, _ = _run(capsys, "createuser", "admin", "--role", "admin", "--reset-password")
    assert code == code2 == 0 and first != second
    user = get_user_model().objects.get(username="admin")
    assert user.check_password(second.strip()) and not user.check_password(first.strip())


def test_setrole_changes_what_the_user_may_do(db: None, capsys: pytest.CaptureFixture[str]) -> None:
    _run(capsys, "createuser", "erlan", "--role", "viewer")
    assert _run(capsys, "setrole", "erlan", "reviewer")[0] == 0
    assert role_of(get_user_model().objects.get(username="erlan")) == "reviewer"
    code, _, err = _run(capsys, "setrole", "nobody", "admin")
    assert code == 2 and "no user 'nobody'" in err
    code, _, err = _run(capsys, "setrole", "erlan", "owner")
    assert code == 2 and "owner" in err


def test_token_prints_a_token_the_api_accepts(db: None, capsys: pytest.CaptureFixture[str], settings: object) -> None:
    _run(capsys, "createuser", "gulnar", "--role", "viewer")
    code, out, _ = _run(capsys, "token", "gulnar")
    token = out.strip()
    assert code == 0 and token.startswith("kz_")
    assert Client(HTTP_AUTHORIZATION=f"Bearer {token}").get("/api/entries").status_code == 200
    _run(capsys, "token", "gulnar", "--revoke")
    assert Client(HTTP_AUTHORIZATION=f"Bearer {token}").get("/api/entries").status_code == 401


def test_audit_lists_account_changes_with_who_and_why(db: None, capsys: pytest.CaptureFixture[str], tmp_path: object) -> None:
    _run(capsys, "createuser", "marat", "--role", "viewer")
    _run(capsys, "setrole", "marat", "editor")
    code, out, _ = _run(capsys, "audit", "--format", "jsonl", "--action", "user")
    events = [json.loads(line) for line in out.splitlines()]
    assert code == 0 and [(e["field"], e["old"], e["new"]) for e in events] == [
        ("role", None, "viewer"), ("role", "viewer", "editor")]
    assert all(e["who"].startswith("cli") for e in events)
    target = tmp_path / "audit.csv"  # type: ignore[operator]
    assert _run(capsys, "audit", "--format", "csv", "-o", str(target))[0] == 0
    assert target.read_text().splitlines()[0].startswith("id,at,who,action")
    code, _, err = _run(capsys, "audit", "--object", "entry")
    assert code == 2 and "TYPE:ID" in err
