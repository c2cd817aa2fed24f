"""The monthly cycle in a real browser (Debian's Chromium, Playwright, a live server):
an editor uploads a chronicle, corrects a person and a sanction and submits the
entry; a reviewer approves and publishes it; the public view shows it; the history
shows every step. Reuses the web tests' browser and page helpers (tests/web)."""

from __future__ import annotations

import re
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "web"))
from test_browser import Page, browser  # noqa: F401  (browser: a fixture)

pytestmark = [pytest.mark.browser, pytest.mark.db]

EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "2024-03.txt"


@pytest.fixture
def site(transactional_db: None, live_server: object, settings: object) -> str:
    from django.core.cache import cache

    from kuzet.accounts.services import create_user

    settings.KUZET_PUBLIC = True  # type: ignore[attr-defined]
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]  # type: ignore[attr-defined]
    cache.clear()
    for name, role in (("editor", "editor"), ("reviewer", "reviewer")):
        user, _ = create_user(name, role, who="test")
        user.set_password(f"{name}-password-1")
        user.save()
    return str(live_server.url)  # type: ignore[attr-defined]


@pytest.fixture
def tab(browser: object, site: str) -> Iterator[Page]:  # noqa: F811
    t = Page(browser, site, viewport={"width": 1280, "height": 900}, locale="en-GB")
    yield t
    t.close()


def _log_in(tab: Page, name: str) -> object:
    page = tab.goto("/accounts/login/")
    page.fill("#id_username", name)  # type: ignore[attr-defined]
    page.fill("#id_password", f"{name}-password-1")  # type: ignore[attr-defined]
    page.click("button:has-text('Log in')")  # type: ignore[attr-defined]
    page.wait_for_url(re.compile(r"/$"))  # type: ignore[attr-defined]
    return page


def _log_out(page: object) -> None:
    page.click(".account-nav__me summary")  # type: ignore[attr-defined]
    page.click("button:has-text('Log out')")  # type: ignore[attr-defined]
    page.wait_for_url(re.compile(r"/accounts/login/"))  # type: ignore[attr-defined]


def test_record_correct_review_publish_in_the_browser(tab: Page) -> None:
    from kuzet.store import models as m

    page = _log_in(tab, "editor")
    # Upload: the checks and the extracted records are shown before anything is stored.
    page.click("nav.account-nav a:has-text('Upload')")  # type: ignore[attr-defined]
    page.set_input_files("#id_file", str(EXAMPLE))  # type: ignore[attr-defined]
    page.click("button:has-text('Check and preview')")  # type: ignore[attr-defined]
    page.wait_for_selector("#preview")  # type: ignore[attr-defined]
    assert "uncited-reference" in page.inner_text("#findings")  # type: ignore[attr-defined]
    assert page.locator("#preview tbody tr").count() == 28  # type: ignore[attr-defined]
    assert not m.Document.objects.filter(key="2024-03").exists()
    page.click("button:has-text('Store these entries')")  # type: ignore[attr-defined]
    page.wait_for_url(re.compile(r"/documents/2024-03/"))  # type: ignore[attr-defined]
    entry = m.Entry.objects.get(document__key="2024-03", n=1)

    # Correct a person's name and the sanction's length, then submit for review.
    tab.goto(f"/entries/{entry.pk}/")
    page.click("text=Correct this entry")  # type: ignore[attr-defined]
    page.fill("#id_persons-0-name", "Abenov Ruslan")  # type: ignore[attr-defined]
    page.fill("#id_sanctions-0-person", "Abenov Ruslan")  # type: ignore[attr-defined]
    page.fill("#id_sanctions-0-days", "15")  # type: ignore[attr-defined]
    page.fill("#id_why", "full name; 15 days per the appeal ruling")  # type: ignore[attr-defined]
    page.click("button:has-text('Save corrections')")  # type: ignore[attr-defined]
    page.wait_for_url(re.compile(rf"/entries/{entry.pk}/$"))  # type: ignore[attr-defined]
    assert "✓ persons" in page.inner_text("#confirmed-fields")  # type: ignore[attr-defined]
    page.click("#review-panel button[value=submit]")  # type: ignore[attr-defined]
    page.wait_for_load_state()  # type: ignore[attr-defined]
    assert m.Entry.objects.get(pk=entry.pk).review_status == "in_review"
    _log_out(page)

    # The reviewer approves it in the queue, then publishes it.
    page = _log_in(tab, "reviewer")
    page.click("nav.account-nav a:has-text('Review')")  # type: ignore[attr-defined]
    item = page.locator(f"#entry-{entry.pk}")  # type: ignore[attr-defined]
    assert "Abenov Ruslan" in item.inner_text() and "15 days" in item.inner_text()
    item.locator("button[value=approve]").click()
    page.wait_for_load_state()  # type: ignore[attr-defined]
    tab.goto("/review/?status=verified")
    page.locator(f"#entry-{entry.pk} button[value=publish]").click()  # type: ignore[attr-defined]
    page.wait_for_load_state()  # type: ignore[attr-defined]
    assert m.Entry.objects.get(pk=entry.pk).review_status == "published"

    # Every step is in the entry's history, with who and why.
    tab.goto(f"/entries/{entry.pk}/")
    history = page.inner_text("#history")  # type: ignore[attr-defined]
    for step in ("publish", "approve", "submit", "correct", "full name; 15 days per the appeal ruling"):
        assert step in history, step
    assert "reviewer" in history and "editor" in history
    tab.shot("review-entry.png")
    _log_out(page)

    # The public view shows the published, corrected entry (and no draft).
    public = tab.goto(f"/entries/{entry.pk}/")
    text = public.inner_text("main")  # type: ignore[attr-defined]
    assert "15 days" in text and "History" not in text and "Correct this entry" not in text
    persons = public.evaluate(  # type: ignore[attr-defined]
        f"fetch('/api/entries/{entry.pk}').then(r => r.json()).then(e => e.persons.map(p => p.name))"
    )
    assert persons == ["Abenov Ruslan"]
    draft = m.Entry.objects.get(document__key="2024-03", n=2)
    response = tab.page.goto(f"{tab.site}/entries/{draft.pk}/")  # type: ignore[attr-defined]
    assert response.status == 404
