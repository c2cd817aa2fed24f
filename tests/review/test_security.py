"""Hostile input and the defences around it: escaping, CSRF, forged posts, headers,
passwords (Argon2), login throttling, two-factor login, sessions."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from django.test import Client

from kuzet.store import models as m
from kuzet.store import review, services

pytestmark = pytest.mark.db

SCRIPT = "<script>alert('x')</script>"
IMG = '<img src=x onerror="alert(1)">'


@pytest.fixture
def hostile(month: dict[int, int], users: dict[str, object]) -> int:
    """Entry 4 with script in its text, a person's name, a sanction's person and a source."""
    pk = month[4]
    m.Entry.objects.filter(pk=pk).update(text=f"15 February, Astana. {SCRIPT} happened [4].")
    e = m.Entry.objects.get(pk=pk)
    services.correct_entry(entry=e, field="persons", value=[{"name": IMG, "role": "subject"}], who="test")
    services.correct_entry(entry=e, field="sanctions", who="test",
                           value=[{"kind": "fine", "person": IMG, "amount_kzt": 1000, "status": "imposed"}])
    src = m.Citation.objects.filter(entry_id=pk).first().source
    m.Source.objects.filter(pk=src.pk).update(url='javascript:alert("src")')
    review.move_entry(entry=e, action="submit", user=users["editor"])
    return pk


@pytest.mark.parametrize("url", ["/entries/{pk}/", "/entries/{pk}/edit/", "/review/", "/persons/", "/?q=happened"])
def test_html_and_script_in_text_names_and_urls_are_shown_escaped(hostile: int, editor: Client, url: str) -> None:
    html = editor.get(url.format(pk=hostile)).content.decode()
    assert SCRIPT not in html and IMG not in html and 'href="javascript:' not in html
    assert "&lt;script&gt;" in html or "&lt;img" in html


def test_a_post_without_a_csrf_token_is_refused(
    month: dict[int, int], users: dict[str, object], login_as: Callable[..., Client]
) -> None:
    careful = login_as(users["editor"], enforce_csrf_checks=True)
    r = careful.post(f"/entries/{month[4]}/review/", {"action": "submit"})
    assert r.status_code == 403
    assert m.Entry.objects.get(pk=month[4]).review_status == "draft"
    page = careful.get(f"/entries/{month[4]}/edit/")
    token = page.cookies["csrftoken"].value
    r = careful.post(f"/entries/{month[4]}/review/", {"action": "submit", "csrfmiddlewaretoken": token})
    assert r.status_code == 302 and m.Entry.objects.get(pk=month[4]).review_status == "in_review"


@pytest.mark.parametrize("path", ["/entries/{pk}/edit/", "/entries/{pk}/review/", "/entries/new/", "/upload/",
                                  "/review/bulk/", "/accounts/users/"])
def test_a_viewers_forged_post_to_an_editors_form_is_refused_and_logged(
    month: dict[int, int], viewer: Client, path: str
) -> None:
    url = path.format(pk=month[4])
    before = m.Correction.objects.count()
    r = viewer.post(url, {"action": "submit", "date": "2024-01-01", "text": "x", "entry": [month[4]],
                          "username": "intruder", "role": "admin"})
    assert r.status_code == 403
    assert m.Correction.objects.count() == before and m.Entry.objects.get(pk=month[4]).review_status == "draft"
    refused = m.AuditEvent.objects.get(action="refused")
    assert refused.who == "viewer" and url in refused.why


def test_pages_carry_a_content_security_policy_and_security_headers(month: dict[int, int], viewer: Client) -> None:
    r = viewer.get("/")
    csp = r["Content-Security-Policy"]
    assert "script-src 'self'" in csp and "unsafe-inline" not in csp.split("script-src")[1].split(";")[0]
    assert "frame-ancestors 'none'" in csp and "object-src 'none'" in csp
    assert r["X-Frame-Options"] == "DENY" and r["X-Content-Type-Options"] == "nosniff"
    assert r["Referrer-Policy"] == "same-origin" and "camera=()" in r["Permissions-Policy"]
    assert "no-store" in r["Cache-Control"]  # a logged-in user's page may hold confidential data


def test_pages_have_no_inline_script_the_policy_would_block(month: dict[int, int], editor: Client) -> None:
    import re

    for url in ("/", f"/entries/{month[1]}/", "/review/", "/entries/new/", "/map/", "/dashboard/"):
        html = editor.get(url).content.decode()
        assert not re.search(r"<script(?![^>]*\bsrc=)(?![^>]*application/json)[^>]*>", html), url
        assert not re.search(r"\son[a-z]+=", html), url


def test_passwords_are_hashed_with_argon2(db: None, settings: object) -> None:
    from kuzet import settings as kuzet_settings

    settings.PASSWORD_HASHERS = kuzet_settings.PASSWORD_HASHERS  # type: ignore[attr-defined]
    from kuzet.accounts.services import create_user

    user, password = create_user("hashed", "viewer", who="test")
    assert user.password.startswith("argon2$") and password not in user.password
    assert user.check_password(password)


def _login(client: Client, name: str, password: str, **extra: str) -> object:
    return client.post("/accounts/login/", {"username": name, "password": password, **extra})


def test_logging_in_with_the_right_password_goes_where_the_user_was_going(db: None) -> None:
    from kuzet.accounts.services import create_user

    _, password = create_user("amina", "viewer", who="test")
    client = Client()
    r = _login(client, "amina", password, next="/persons/")
    assert r.status_code == 302 and r["Location"] == "/persons/"
    assert _login(Client(), "amina", password, next="https://evil.example/").get("Location") == "/"


def test_five_wrong_passwords_lock_the_account_for_a_while(db: None) -> None:
    from kuzet.accounts.services import create_user, ensure_user

    _, password = create_user("bolat", "editor", who="test")
    client = Client(REMOTE_ADDR="10.0.0.7")
    for _ in range(4):
        assert _login(client, "bolat", "wrong-password").status_code == 200
    assert _login(client, "bolat", "wrong-password").status_code == 429  # the fifth
    locked = _login(client, "bolat", password)  # now even the right password
    assert locked.status_code == 429 and "Too many attempts" in locked.content.decode()
    # An admin's reset unlocks the account.
    _, password, _created = ensure_user("bolat", "editor", who="test", reset=True)
    assert _login(client, "bolat", password).status_code == 302


def test_two_factor_login_asks_for_a_code_after_the_password(db: None, settings: object) -> None:
    from django_otp.oath import totp

    settings.OTP_TOTP_THROTTLE_FACTOR = 0  # type: ignore[attr-defined]  # no waiting after a wrong code
    from django_otp.plugins.otp_totp.models import TOTPDevice

    from kuzet.accounts.services import create_user

    _, password = create_user("dana", "editor", who="test")
    client = Client()
    _login(client, "dana", password)
    page = client.get("/accounts/two-factor/").content.decode()
    assert "<svg" in page and "Turn two-factor login on" in page
    device = TOTPDevice.objects.get(user__username="dana")
    wrong = "000000" if totp(device.bin_key) != 0 else "111111"
    assert "not right" in client.post("/accounts/two-factor/", {"code": wrong}).content.decode()
    client.post("/accounts/two-factor/", {"code": f"{totp(device.bin_key):06d}"})
    assert TOTPDevice.objects.get(pk=device.pk).confirmed
    client.post("/accounts/logout/")

    fresh = Client()
    r = _login(fresh, "dana", password)
    assert r.status_code == 302 and r["Location"] == "/accounts/login/code/"
    assert fresh.get("/").status_code == 302  # not logged in yet
    wrong = fresh.post("/accounts/login/code/", {"code": "12345x"})
    assert "digits" in wrong.content.decode()
    device.refresh_from_db()
    # A code is good once: the next time step's code, which the device's tolerance accepts.
    r = fresh.post("/accounts/login/code/", {"code": f"{totp(device.bin_key, drift=1):06d}"})
    assert r.status_code == 302
    assert fresh.get("/").status_code == 200


def test_sessions_expire_and_logging_out_needs_a_post(
    db: None, users: dict[str, object], login_as: Callable[..., Client]
) -> None:
    from django.conf import settings

    assert settings.SESSION_EXPIRE_AT_BROWSER_CLOSE and 0 < settings.SESSION_COOKIE_AGE <= 24 * 3600
    client = login_as(users["viewer"])
    assert client.get("/accounts/logout/").status_code == 405
    client.post("/accounts/logout/")
    assert client.get("/").status_code == 302


def test_the_instance_is_private_unless_said_otherwise(monkeypatch: pytest.MonkeyPatch) -> None:
    import importlib

    import kuzet.settings as kuzet_settings

    monkeypatch.delenv("KUZET_PUBLIC", raising=False)
    assert importlib.reload(kuzet_settings).KUZET_PUBLIC is False
    monkeypatch.setenv("KUZET_PUBLIC", "true")
    assert importlib.reload(kuzet_settings).KUZET_PUBLIC is True
    from kuzet.chronicle.errors import KuzetError

    monkeypatch.setenv("KUZET_PUBLIC", "perhaps")
    with pytest.raises(KuzetError, match="KUZET_PUBLIC must be true or false"):
        importlib.reload(kuzet_settings)
    monkeypatch.delenv("KUZET_PUBLIC")
    importlib.reload(kuzet_settings)


def test_with_2fa_required_editors_must_set_it_up_before_changing_anything(
    month: dict[int, int], editor: Client, viewer: Client, settings: object
) -> None:
    settings.KUZET_REQUIRE_2FA = True  # type: ignore[attr-defined]
    r = editor.get("/entries/new/")
    assert r.status_code == 302 and r["Location"] == "/accounts/two-factor/"
    assert editor.post(f"/entries/{month[4]}/review/", {"action": "submit"}).status_code == 302
    assert m.Entry.objects.get(pk=month[4]).review_status == "draft"
    assert viewer.get("/").status_code == 200 and editor.get("/accounts/two-factor/").status_code == 200


def test_the_login_page_says_how_to_make_the_first_account(db: None, anonymous: Client) -> None:
    assert "kuzet createuser admin --role admin" in anonymous.get("/accounts/login/").content.decode()
    from kuzet.accounts.services import create_user

    create_user("first", "admin", who="test")
    assert "createuser" not in anonymous.get("/accounts/login/").content.decode()
