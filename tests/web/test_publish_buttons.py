"""The publishing buttons: the chronicle, the export, the report and the people list of the
current search, as downloads from the browser.

The record is ``webdata``'s two fictional months (published), with one confidential entry
(the only one naming Temirova, the only one at Oral) and one person who asked not to be
named in both entries about her (Sapar). Neither name may reach an anonymous visitor or a
viewer through any download; what the downloads hold comes from the visible entries.
"""

from __future__ import annotations

import io
import json
import zipfile
from collections.abc import Iterator

import pytest
from django.core.cache import cache
from django.test import Client
from openpyxl import load_workbook

from kuzet.store import models as m

pytestmark = pytest.mark.db

SECRET = "Temirova"  # named only in the confidential entry
SECRET_PLACE = "Oral"  # only the confidential entry happened there
WITHHELD = "Sapar"  # asked not to be named
PLACEHOLDER = "[name withheld]"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


@pytest.fixture
def marked(record: None) -> None:
    """The record, with the confidential entry and the withheld name."""
    from kuzet.store import services
    from kuzet.workspace.queries import forget_data_version

    secret = m.Entry.objects.get(text__contains=SECRET)
    services.correct_entry(entry=secret, field="confidential", value=True, who="test")
    for e in m.Entry.objects.filter(text__contains=WITHHELD):
        persons = [
            {"name": p.key, "role": p.role, "confidential": WITHHELD in p.key}
            for p in e.person_mentions.all()
        ]
        services.correct_entry(entry=e, field="persons", value=persons, who="test")
    cache.clear()
    forget_data_version()


@pytest.fixture
def users(db: None) -> dict[str, object]:
    from kuzet.accounts.services import create_user

    return {role: create_user(role, role, who="test")[0] for role in ("viewer", "editor")}


def as_persona(persona: str, users: dict[str, object]) -> Client:
    client = Client()
    if persona != "anonymous":
        client.force_login(users[persona])  # type: ignore[arg-type]
    return client


def body(r: object) -> bytes:
    return b"".join(r.streaming_content) if r.streaming else r.content  # type: ignore[attr-defined]


def readable(data: bytes, content_type: str) -> str:
    """The text a download holds, whatever its container."""
    if content_type == "application/zip":
        with zipfile.ZipFile(io.BytesIO(data)) as z:
            return "\n".join(z.read(n).decode() for n in z.namelist())
    if content_type == DOCX:
        with zipfile.ZipFile(io.BytesIO(data)) as z:
            return z.read("word/document.xml").decode()
    if content_type == XLSX:
        book = load_workbook(io.BytesIO(data), read_only=True)
        return "\n".join(
            str(cell) for sheet in book.worksheets for row in sheet.iter_rows(values_only=True)
            for cell in row if cell is not None
        )
    return data.decode()


def download(client: Client, url: str) -> tuple[str, str]:
    r = client.get(url)
    assert r.status_code == 200, (url, r.status_code, body(r)[:300])
    assert "attachment" in r["Content-Disposition"], url
    content_type = r["Content-Type"].split(";")[0]
    return content_type, readable(body(r), content_type)


CHRONICLES = [("txt", "text/plain"), ("md", "text/markdown"), ("html", "text/html"), ("docx", DOCX)]
EXPORTS = [
    ("csv", "application/zip"),
    ("jsonl", "application/x-ndjson"),
    ("xlsx", XLSX),
    ("geojson", "application/geo+json"),
    ("acled", "text/csv"),
]


def downloads() -> Iterator[tuple[str, str]]:
    for fmt, ct in CHRONICLES:
        yield f"/entries/chronicle.{fmt}", ct
    for fmt, ct in EXPORTS:
        yield f"/entries/records/{fmt}", ct
    yield "/report.md", "text/markdown"
    yield "/report.xlsx", XLSX
    for fmt, ct in (("csv", "text/csv"), ("xlsx", XLSX), ("md", "text/markdown")):
        yield f"/people-list.{fmt}?as_of=2024-06-01", ct


@pytest.mark.parametrize("persona", ["anonymous", "viewer"])
def test_no_download_names_a_confidential_or_withheld_person(
    marked: None, users: dict[str, object], persona: str
) -> None:
    client = as_persona(persona, users)
    for url, expected in downloads():
        content_type, text = download(client, url)
        assert content_type == expected, url
        for secret in (SECRET, WITHHELD):
            assert secret not in text, f"{persona} gets {secret!r} from {url}"


@pytest.mark.parametrize(("fmt", "content_type"), CHRONICLES)
def test_the_chronicle_covers_the_search_with_names_withheld(
    marked: None, fmt: str, content_type: str
) -> None:
    got, text = download(Client(), f"/entries/chronicle.{fmt}?type=assembly_refusal")
    assert got == content_type
    assert "Taldykorgan" in text  # both refusals, the organiser's name withheld
    assert "name withheld" in text
    assert "Kaskelen" not in text and "Berikova" not in text  # not refusals: not in the search


def test_an_editor_s_chronicle_has_the_confidential_entry_without_its_names(
    marked: None, users: dict[str, object]
) -> None:
    _, text = download(as_persona("editor", users), "/entries/chronicle.txt")
    assert SECRET_PLACE in text and SECRET not in text
    _, text = download(Client(), "/entries/chronicle.txt")
    assert SECRET_PLACE not in text  # the anonymous visitor never sees the entry at all


def test_the_jsonl_export_holds_exactly_the_visible_entries_of_the_search(marked: None) -> None:
    _, text = download(Client(), "/entries/records/jsonl?date_from=2024-04&date_to=2024-04")
    records = [json.loads(line) for line in text.splitlines()]
    expected = set(
        m.Entry.objects.filter(document__key="2024-04", confidential=False).values_list("pk", flat=True)
    )
    assert {r["id"] for r in records} == expected
    assert all(r["doc"] == "2024-04" for r in records)


def test_a_text_search_for_a_withheld_name_exports_nothing_about_it(
    marked: None, users: dict[str, object]
) -> None:
    r = as_persona("viewer", users).get(f"/entries/records/jsonl?q={WITHHELD}")
    assert r.status_code == 200
    assert body(r) == b""


def test_the_report_page_is_the_publish_report_with_its_styles_allowed(marked: None) -> None:
    r = Client().get("/report/?date_from=2024-04&date_to=2024-05")
    assert r.status_code == 200
    assert r["Content-Type"].startswith("text/html")
    text = r.content.decode()
    assert "2024-04-01 to 2024-05-31" in text
    assert "Aldanov" in text and SECRET not in text and WITHHELD not in text
    assert "'sha256-" in r["Content-Security-Policy"]  # the page's own <style>, nothing else
    assert "unsafe-inline' " not in r["Content-Security-Policy"].split("style-src ")[1].split(";")[0]


def test_the_people_list_page_shows_who_is_in_custody(marked: None) -> None:
    r = Client().get("/people-list/?as_of=2024-06-01&status=in-custody")
    assert r.status_code == 200
    text = r.content.decode()
    assert "Aldanov" in text  # sentenced to imprisonment in May
    assert "Berikova" not in text  # her arrest ended in April
    assert 'href="/people-list.csv?as_of=2024-06-01&amp;status=in-custody"' in text
    _, csv_text = download(Client(), "/people-list.csv?as_of=2024-06-01&status=in-custody")
    assert "Aldanov" in csv_text and "Berikova" not in csv_text


def test_the_entries_page_offers_the_buttons_for_its_search(marked: None) -> None:
    text = Client().get("/?type=detention").content.decode()
    assert 'href="/entries/chronicle.docx?type=detention"' in text
    assert 'href="/entries/records/geojson?type=detention"' in text
    assert 'href="/report/?type=detention"' in text
    assert 'href="/people-list/"' in text  # in the navigation


BAD = [
    "/entries/chronicle.txt?date_from=not-a-date",
    "/entries/records/jsonl?type=NO%20SUCH",
    "/entries/chronicle.md?q=nothingmatchesthisword",  # nothing to publish
    "/report.md?date_from=2024-05&date_to=2024-04",
    "/people-list/?as_of=2024-13-01",
    "/people-list.csv?status=jailed",
    "/people-list/?as_of=%00",
]


@pytest.mark.parametrize("url", BAD)
def test_a_bad_parameter_is_a_400_that_says_why(marked: None, url: str) -> None:
    r = Client().get(url)
    assert r.status_code == 400, (url, r.status_code)
    assert "cannot use" in r.content.decode()


@pytest.mark.parametrize("url", [u for u, _ in downloads()] + ["/report/", "/people-list/"])
def test_a_private_instance_sends_anonymous_visitors_to_log_in(
    marked: None, settings: object, url: str
) -> None:
    settings.KUZET_PUBLIC = False  # type: ignore[attr-defined]
    r = Client().get(url)
    assert r.status_code == 302 and "/accounts/login/" in r["Location"], url
