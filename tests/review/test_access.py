"""Who may see and change what, per role, per page and per API endpoint."""

from __future__ import annotations

import json
from collections.abc import Callable

import pytest
from django.test import Client

from kuzet.store import models as m

pytestmark = pytest.mark.db

# (url, expected status per persona: anonymous, viewer, editor, reviewer, admin); a
# private instance sends anonymous visitors to the login page (302).
PAGES = [
    ("/", (302, 200, 200, 200, 200)),
    ("/map/", (302, 200, 200, 200, 200)),
    ("/dashboard/", (302, 200, 200, 200, 200)),
    ("/persons/", (302, 200, 200, 200, 200)),
    ("/documents/", (302, 200, 200, 200, 200)),
    ("/entries/export.csv", (302, 200, 200, 200, 200)),
    ("/entries/new/", (302, 403, 200, 200, 200)),
    ("/upload/", (302, 403, 200, 200, 200)),
    ("/review/", (302, 403, 200, 200, 200)),
    ("/accounts/users/", (302, 403, 403, 403, 200)),
    ("/audit/", (302, 403, 403, 403, 200)),
    ("/audit/export.jsonl", (302, 403, 403, 403, 200)),
    ("/accounts/token/", (302, 200, 200, 200, 200)),
    ("/accounts/two-factor/", (302, 200, 200, 200, 200)),
    ("/accounts/login/", (200, 200, 200, 200, 200)),
]
PERSONAS = ("anonymous", "viewer", "editor", "reviewer", "admin")


@pytest.mark.parametrize(("url", "expected"), PAGES, ids=[u for u, _ in PAGES])
def test_each_role_reaches_the_pages_its_role_allows(
    month: dict[int, int], as_persona: Callable[[str], Client], url: str, expected: tuple[int, ...]
) -> None:
    got = tuple(as_persona(p).get(url).status_code for p in PERSONAS)
    assert got == expected, f"{url}: {dict(zip(PERSONAS, got, strict=True))}"


def test_a_private_instance_sends_anonymous_visitors_to_the_login_page(month: dict[int, int], anonymous: Client) -> None:
    r = anonymous.get(f"/entries/{month[1]}/")
    assert r.status_code == 302 and r["Location"].startswith("/accounts/login/?next=")
    api = anonymous.get("/api/entries")
    assert api.status_code == 401 and "private" in api.json()["detail"]


def _ids(client: Client, **params: object) -> set[int]:
    return {e["id"] for e in client.get("/api/entries", params).json()["results"]}


def test_anonymous_visitors_of_a_public_instance_see_only_published_non_confidential_entries(
    month: dict[int, int], public: None, anonymous: Client
) -> None:
    assert _ids(anonymous) == {month[1], month[2]}
    html = anonymous.get("/").content.decode()
    assert "2 entries" in html
    for n in (3, 4, 5):
        assert anonymous.get(f"/entries/{month[n]}/").status_code == 404
        assert anonymous.get(f"/api/entries/{month[n]}").status_code == 404


def test_viewers_read_internal_entries_but_not_confidential_ones(month: dict[int, int], viewer: Client) -> None:
    assert _ids(viewer) == {month[1], month[2], month[4], month[5]}
    assert viewer.get(f"/entries/{month[3]}/").status_code == 404
    assert viewer.get(f"/entries/{month[4]}/").status_code == 200


@pytest.mark.parametrize("persona", ["editor", "reviewer", "admin"])
def test_editors_and_above_see_every_entry(month: dict[int, int], as_persona: Callable[[str], Client], persona: str) -> None:
    assert _ids(as_persona(persona)) == set(month.values())


def test_the_api_counts_follow_the_role(month: dict[int, int], as_persona: Callable[[str], Client], public: None) -> None:
    counts = {p: as_persona(p).get("/api/stats").json()["entries"] for p in PERSONAS}
    assert counts == {"anonymous": 2, "viewer": 4, "editor": 5, "reviewer": 5, "admin": 5}


# (action, from status, who may) — review moves through the page's form.
MOVES = [
    ("submit", 4, {"editor", "reviewer", "admin"}),
    ("approve", 5, {"reviewer", "admin"}),
]


@pytest.mark.parametrize(("action", "n", "allowed"), MOVES, ids=[a for a, _, _ in MOVES])
@pytest.mark.parametrize("persona", ["viewer", "editor", "reviewer", "admin"])
def test_review_moves_need_their_role_and_refusals_are_logged(
    month: dict[int, int], as_persona: Callable[[str], Client], persona: str,
    action: str, n: int, allowed: set[str],
) -> None:
    before = m.Entry.objects.get(pk=month[n]).review_status
    r = as_persona(persona).post(f"/entries/{month[n]}/review/", {"action": action})
    after = m.Entry.objects.get(pk=month[n]).review_status
    if persona in allowed:
        assert r.status_code == 302 and after != before
    else:
        assert r.status_code == 403 and after == before
        refused = m.AuditEvent.objects.filter(action="refused", who=persona)
        assert refused.exists(), "a refused attempt must be logged"


def test_an_editor_cannot_publish_through_the_api_with_a_token(month: dict[int, int], users: dict[str, object]) -> None:
    from kuzet.accounts.services import issue_token

    token = issue_token(users["editor"], who="test")
    client = Client(HTTP_AUTHORIZATION=f"Bearer {token}")
    m.Entry.objects.filter(pk=month[5]).update(review_status="verified")
    r = client.post(f"/api/entries/{month[5]}/review", json.dumps({"action": "publish"}),
                    content_type="application/json")
    assert r.status_code == 403
    assert m.Entry.objects.get(pk=month[5]).review_status == "verified"
    assert m.AuditEvent.objects.filter(action="refused", who="editor").exists()


def test_api_writes_need_a_token_not_a_session(month: dict[int, int], reviewer: Client) -> None:
    r = reviewer.post(f"/api/entries/{month[5]}/review", json.dumps({"action": "approve"}),
                      content_type="application/json")
    assert r.status_code == 401
    assert m.Entry.objects.get(pk=month[5]).review_status == "in_review"


def test_a_reviewer_token_approves_and_an_editor_token_corrects(month: dict[int, int], users: dict[str, object]) -> None:
    from kuzet.accounts.services import issue_token

    rev = Client(HTTP_AUTHORIZATION=f"Bearer {issue_token(users['reviewer'], who='test')}")
    r = rev.post(f"/api/entries/{month[5]}/review", json.dumps({"action": "approve"}),
                 content_type="application/json")
    assert r.status_code == 200 and r.json()["review_status"] == "verified"
    ed = Client(HTTP_AUTHORIZATION=f"Bearer {issue_token(users['editor'], who='test')}")
    r = ed.post(f"/api/entries/{month[4]}/corrections",
                json.dumps({"field": "date", "value": "2024-02-14", "why": "per the court record"}),
                content_type="application/json")
    assert r.status_code == 200 and r.json()["date"] == "2024-02-14"
    c = m.Correction.objects.get(entry_id=month[4], field="date")
    assert (c.who, c.why, c.value) == ("editor", "per the court record", "2024-02-14")


def test_a_bad_token_is_refused_rather_than_treated_as_anonymous(month: dict[int, int], public: None) -> None:
    r = Client(HTTP_AUTHORIZATION="Bearer kz_not-a-real-token").get("/api/entries")
    assert r.status_code == 401


def test_a_token_reads_what_its_user_may_see(month: dict[int, int], users: dict[str, object]) -> None:
    from kuzet.accounts.services import issue_token

    viewer = Client(HTTP_AUTHORIZATION=f"Bearer {issue_token(users['viewer'], who='test')}")
    assert _ids(viewer) == {month[1], month[2], month[4], month[5]}
    editor = Client(HTTP_AUTHORIZATION=f"Bearer {issue_token(users['editor'], who='test')}")
    assert month[3] in _ids(editor)


def test_a_new_token_replaces_the_old_one(month: dict[int, int], users: dict[str, object]) -> None:
    from kuzet.accounts.services import issue_token

    old = issue_token(users["viewer"], who="test")
    new = issue_token(users["viewer"], who="test")
    assert Client(HTTP_AUTHORIZATION=f"Bearer {old}").get("/api/entries").status_code == 401
    assert Client(HTTP_AUTHORIZATION=f"Bearer {new}").get("/api/entries").status_code == 200


def test_an_inactive_users_session_and_token_stop_working(
    month: dict[int, int], users: dict[str, object], login_as: Callable[..., Client]
) -> None:
    from kuzet.accounts.services import issue_token

    token = issue_token(users["viewer"], who="test")
    client = login_as(users["viewer"])
    users["viewer"].is_active = False  # type: ignore[attr-defined]
    users["viewer"].save()  # type: ignore[attr-defined]
    assert client.get("/").status_code == 302
    assert Client(HTTP_AUTHORIZATION=f"Bearer {token}").get("/api/entries").status_code == 401
