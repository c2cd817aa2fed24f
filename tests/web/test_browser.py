"""The workspace in a real browser (Debian's Chromium driven by Playwright) against a
live server: searching and narrowing, an entry and its person, the map, a chart, the
Russian interface, a phone-sized screen. The same run saves the screenshots in
``docs/screenshots/`` that the README shows.

Every request the page makes to anywhere but the live server is blocked and recorded:
the workspace must work offline and tell no third party what a monitor looks at.
"""

from __future__ import annotations

import os
import re
import shutil
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlsplit

import pytest

pytestmark = [pytest.mark.browser, pytest.mark.db]

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
SCREENSHOTS = Path(__file__).resolve().parents[2] / "docs" / "screenshots"


@pytest.fixture(scope="module")
def browser() -> Iterator[object]:
    if not os.path.exists(CHROMIUM):
        pytest.skip("Chromium is not installed (scripts/setup-system installs it)")
    playwright_api = pytest.importorskip("playwright.sync_api")
    # Playwright runs an event loop in this thread; Django's guard against database
    # calls from async code would otherwise fire in fixtures that run meanwhile.
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    with playwright_api.sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield b
        b.close()
    os.environ.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)


@pytest.fixture
def site(transactional_db: None, live_server: object) -> str:
    """The live server's address, serving the fictional record."""
    from django.core.cache import cache
    from webdata import ingest_all

    cache.clear()
    ingest_all()
    return str(live_server.url)  # type: ignore[attr-defined]


class Page:
    """A browser tab that blocks (and remembers) every request leaving the live server."""

    def __init__(self, browser: object, site: str, **context: object) -> None:
        self.site = site
        self.outside: list[str] = []
        self.context = browser.new_context(**context)  # type: ignore[attr-defined]
        host = urlsplit(site).netloc
        self.context.route("**/*", self._route(host))
        self.page = self.context.new_page()
        self.errors: list[str] = []
        self.page.on("pageerror", lambda exc: self.errors.append(str(exc)))

    def _route(self, host: str):  # type: ignore[no-untyped-def]
        def handle(route: object) -> None:
            url = route.request.url  # type: ignore[attr-defined]
            if urlsplit(url).netloc == host:
                route.continue_()  # type: ignore[attr-defined]
            else:
                self.outside.append(url)
                route.abort()  # type: ignore[attr-defined]

        return handle

    def goto(self, path: str) -> object:
        self.page.goto(self.site + path)
        return self.page

    def shot(self, name: str) -> None:
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        self.page.screenshot(path=str(SCREENSHOTS / name), full_page=True)

    def close(self) -> None:
        self.context.close()
        assert not self.outside, f"the page tried to reach outside the server: {self.outside}"
        assert not self.errors, f"JavaScript errors: {self.errors}"


@pytest.fixture
def tab(browser: object, site: str) -> Iterator[Page]:
    t = Page(browser, site, viewport={"width": 1280, "height": 900}, locale="en-GB")
    yield t
    t.close()


def _count(page: object) -> int:
    text = page.locator("#results-title").inner_text()  # type: ignore[attr-defined]
    return int(re.match(r"([\d,]+)", text.strip()).group(1).replace(",", ""))  # type: ignore[union-attr]


def test_search_then_narrow_by_facets(tab: Page) -> None:
    page = tab.goto("/")
    assert _count(page) == 9
    page.fill("#q", "akimat")
    page.click("button:has-text('Search')")
    page.wait_for_url("**/?q=akimat*")
    assert _count(page) == 3
    page.click("[data-facet=region] a:has-text('Jetisu Region')")
    page.wait_for_url(re.compile(r"region=Jetisu"))
    assert _count(page) == 2
    assert "q=akimat" in page.url
    # The active filters show as chips; removing one widens the search again.
    page.click(".chip:has-text('region: Jetisu Region')")
    page.wait_for_load_state()
    assert _count(page) == 3
    page.click("[data-facet=type] a:has-text('assembly refusal')")
    page.wait_for_load_state()
    assert _count(page) == 2
    assert page.locator("mark").first.inner_text().lower().startswith("akimat")
    tab.shot("entries.png")


def test_open_an_entry_and_follow_a_person(tab: Page) -> None:
    page = tab.goto("/?q=fined")
    page.click(".result__text a")
    page.wait_for_url(re.compile(r"/entries/\d+/"))
    assert page.locator(".entry-text mark.f-person").count() == 2
    # Pointing at a person beside the text outlines the words it came from.
    item = page.locator("#persons [data-span]").nth(1)
    item.hover()
    ref = item.get_attribute("data-span")
    assert page.locator(f'mark[data-refs~="{ref}"].is-active').count() >= 1
    tab.shot("entry.png")
    page.click("#persons a:has-text('Aldanov T.')")
    page.wait_for_url(re.compile(r"/persons/\d+/"))
    assert page.locator("h1").inner_text() == "Aldanov T."
    assert page.locator(".timeline > li").count() == 3
    tab.shot("person.png")


def test_the_map_shows_markers_and_outlines_without_the_internet(tab: Page) -> None:
    from kuzet.store import models as m

    mapped = m.Place.objects.filter(entries__isnull=False, lat__isnull=False).distinct().count()
    assert mapped >= 5
    page = tab.goto("/map/")
    page.wait_for_selector("#map[data-markers][data-outlines=loaded]")
    assert page.locator("#map").get_attribute("data-markers") == str(mapped)
    assert page.locator("path.place-marker").count() == mapped
    # The outlines: the country plus the twenty first-level units.
    assert page.locator(".leaflet-overlay-pane path").count() >= 21 + mapped
    page.locator("path.place-marker").first.click(force=True)
    popup = page.locator(".leaflet-popup-content a")
    popup.wait_for()
    assert "place=" in popup.get_attribute("href")
    tab.shot("map.png")


def test_a_chart_renders_and_leads_to_its_entries(tab: Page) -> None:
    page = tab.goto("/dashboard/?per=month")
    chart = page.locator("svg#chart-per-period")
    chart.wait_for()
    assert chart.locator("rect").count() >= 9
    box = chart.bounding_box()
    assert box and box["width"] > 100 and box["height"] > 100
    tab.shot("dashboard.png")
    page.locator("svg#chart-region a.chart-link").first.click()
    page.wait_for_url(re.compile(r"region="))
    assert _count(page) == 3


def test_the_interface_switches_to_russian(tab: Page) -> None:
    page = tab.goto("/")
    assert page.locator("html").get_attribute("lang") == "en"
    page.select_option("#lang-select", "ru")
    page.wait_for_function("document.documentElement.lang === 'ru'")
    assert page.locator(".site-nav").inner_text().split()[:2] == ["Записи", "Карта"]
    assert "записей" in page.locator("#results-title").inner_text()
    tab.shot("entries-ru.png")
    page.goto(tab.site + "/dashboard/")
    assert page.locator("h1").first.inner_text() == "Сводка"


def test_a_russian_browser_gets_the_russian_interface(browser: object, site: str) -> None:
    t = Page(
        browser, site, locale="ru-RU", extra_http_headers={"Accept-Language": "ru-RU,ru;q=0.9"}
    )
    page = t.goto("/persons/")
    assert page.locator("h1").inner_text() == "Люди"
    t.close()


def test_on_a_phone_the_layout_fits_the_screen(browser: object, site: str) -> None:
    t = Page(
        browser, site, viewport={"width": 390, "height": 844}, device_scale_factor=2, is_mobile=True
    )
    for path in ("/", "/entries/2/", "/dashboard/", "/persons/1/"):
        page = t.goto(path)
        overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
        assert overflow <= 1, f"{path} scrolls sideways by {overflow}px"
    page = t.goto("/")
    assert page.locator(".facet-panel").get_attribute("open") is None  # folded: results first
    page.screenshot(path=str(SCREENSHOTS / "entries-phone.png"))
    t.close()


def test_the_keyboard_reaches_the_content_first(tab: Page) -> None:
    page = tab.goto("/")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.className") == "skip-link"
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "main"
