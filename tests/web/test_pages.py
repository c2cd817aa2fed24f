"""Every page of the workspace through Django's test client: content, empty record,
bad parameters (a 400 naming the parameter, never a 500), very long queries."""

from __future__ import annotations

import csv
import io
import json
import re

import pytest
from django.test import Client

from kuzet.store import models as m

pytestmark = pytest.mark.db

PAGES = ["/", "/persons/", "/places/", "/map/", "/dashboard/", "/documents/"]


def _html(client: Client, url: str, status: int = 200) -> str:
    r = client.get(url)
    assert r.status_code == status, f"{url}: {r.status_code}\n{r.content[:2000]!r}"
    return r.content.decode()


def _entry(doc: str, n: int) -> m.Entry:
    return m.Entry.objects.get(document__key=doc, n=n)


def _results(html: str) -> str:
    """The list of results only (dates also appear in the sidebar)."""
    return html[html.index('<ol class="results"') :]


def _result_count(html: str) -> int:
    match = re.search(r'<h1 id="results-title">\s*([\d,]+) entr', html)
    assert match, "no result count on the page"
    return int(match.group(1).replace(",", ""))


@pytest.mark.parametrize("url", PAGES)
def test_every_page_answers_on_an_empty_record(empty: None, client: Client, url: str) -> None:
    html = _html(client, url)
    assert "<main" in html and "Kuzet" in html


def test_the_empty_entries_page_says_how_to_add_chronicles(empty: None, client: Client) -> None:
    html = _html(client, "/")
    assert "kuzet ingest FILE" in html and _result_count(html) == 0


@pytest.mark.parametrize("url", PAGES)
def test_every_page_answers_with_the_record(record: None, client: Client, url: str) -> None:
    _html(client, url)


def test_entries_are_listed_newest_first_with_date_place_and_type_badges(
    record: None, client: Client
) -> None:
    html = _html(client, "/")
    assert _result_count(html) == 9
    results = _results(html)
    assert (
        results.index("May 20, 2024")
        < results.index("May 2, 2024")
        < results.index("April 3, 2024")
    )
    assert "Taldykorgan, Jetisu Region" in html
    assert ">hunger strike</span>" in html


def test_a_text_search_finds_matching_entries_and_marks_the_words(
    record: None, client: Client
) -> None:
    html = _html(client, "/?q=hunger")
    assert _result_count(html) == 1
    assert "<mark>hunger</mark>" in html


def test_a_search_for_a_word_nobody_wrote_finds_nothing(record: None, client: Client) -> None:
    html = _html(client, "/?q=zeppelin")
    assert _result_count(html) == 0 and 'id="no-results"' in html


@pytest.mark.parametrize(
    "query, expected",
    [
        ("type=assembly_refusal", 2),
        ("type=assembly_refusal&type=hunger_strike", 3),  # values of one facet: any of them
        ("region=Jetisu+Region", 3),  # a region rolls up its towns
        ("place=Taldykorgan", 2),
        ("region=Jetisu+Region&type=protest", 1),  # facets narrow each other
        ("article=CC+174", 2),
        ("article=CAO+488", 1),
        ("date_from=2024-05&date_to=2024-05", 3),
        ("date_from=2024-04-04&date_to=2024-04-08", 2),
        ("domain=news.example.org", 3),
        ("sanction=fine", 1),
        ("document=2024-05", 3),
        ("q=akimat&region=Jetisu+Region", 2),
        ("status=published", 9),
        ("status=draft", 0),
    ],
)
def test_facets_narrow_the_results(record: None, client: Client, query: str, expected: int) -> None:
    assert _result_count(_html(client, "/?" + query)) == expected, query


def test_a_person_facet_takes_the_person_id(record: None, client: Client) -> None:
    person = m.Person.objects.get(name="Aldanov T.")
    assert _result_count(_html(client, f"/?person={person.pk}")) == 3


def test_facet_counts_describe_the_current_results(record: None, client: Client) -> None:
    html = _html(client, "/?region=Jetisu+Region")
    facet = html[html.index('data-facet="type"') :]
    facet = facet[: facet.index("</details>")]
    counts = dict(re.findall(r">([a-z ]+)</a>\s*<span class=\"count\">(\d+)</span>", facet))
    assert counts == {"assembly refusal": "2", "protest": "1"}


def test_facet_links_carry_the_whole_query_so_a_search_can_be_bookmarked(
    record: None, client: Client
) -> None:
    html = _html(client, "/?q=akimat&sort=date")
    links = re.findall(r'href="(\?[^"]*type=assembly_refusal[^"]*)"', html)
    assert links, "no facet link for assembly_refusal"
    link = links[0].replace("&amp;", "&")
    assert "q=akimat" in link and "sort=date" in link
    assert _result_count(_html(client, "/" + link)) == 2


def test_results_can_be_sorted_oldest_first(record: None, client: Client) -> None:
    results = _results(_html(client, "/?sort=date"))
    assert results.index("April 3, 2024") < results.index("May 20, 2024")


def test_results_are_paginated_without_a_cap(
    record: None, client: Client, monkeypatch: pytest.MonkeyPatch
) -> None:
    from kuzet.workspace.views import entries

    monkeypatch.setattr(entries, "PAGE_SIZE", 4)
    first, third = _html(client, "/"), _html(client, "/?page=3")
    assert 'rel="next"' in first and "page=2" in first
    assert third.count('class="result"') == 1  # 9 entries, 4 per page
    beyond = _html(client, "/?page=99")
    assert "There is no page 99" in beyond


@pytest.mark.parametrize(
    "query, param",
    [
        ("date_from=yesterday", "date_from"),
        ("date_from=2024-02-30", "date_from"),
        ("date_from=2024-05-01&date_to=2024-04-01", "date_from"),
        ("sort=sideways", "sort"),
        ("page=0", "page"),
        ("page=-3", "page"),
        ("page=abc", "page"),
        ("article=Article+of+faith", "article"),
        ("article=XYZ+12", "article"),
        ("status=secret", "status"),
        ("type=Not+A+Type!", "type"),
        ("domain=not%20a%20domain", "domain"),
        ("q=a&q=b", "q"),
        ("place=" + "x" * 400, "place"),
    ],
)
def test_a_bad_parameter_is_a_400_that_names_it(
    record: None, client: Client, query: str, param: str
) -> None:
    html = _html(client, "/?" + query, status=400)
    assert f"<code>{param}</code>" in html


@pytest.mark.parametrize(
    "url",
    [
        "/map/?date_from=nope",
        "/dashboard/?sort=x",
        "/dashboard/?per=year",
        "/persons/?q=a%00",
        "/entries/export.csv?page=x",
        "/persons/?page=x",
    ],
)
def test_other_pages_reject_bad_parameters_with_400(record: None, client: Client, url: str) -> None:
    _html(client, url, status=400)


def test_a_very_long_query_is_a_clear_400_not_an_error(record: None, client: Client) -> None:
    html = _html(client, "/?q=" + "persecution+" * 200, status=400)
    assert "<code>q</code>" in html and "longer than 500" in html


def test_a_long_query_within_the_limit_runs(record: None, client: Client) -> None:
    words = " ".join(["akimat"] * 60)
    assert _result_count(_html(client, "/?q=" + words.replace(" ", "+"))) >= 1


@pytest.mark.parametrize(
    "q", ['"unbalanced', "a OR", "NEAR(", "-", "*", "'; DROP TABLE store_entry; --", "%_%", "\\"]
)
def test_query_syntax_that_a_full_text_engine_chokes_on_is_handled(
    record: None, client: Client, q: str
) -> None:
    r = client.get("/", {"q": q})
    assert r.status_code == 200, q


def test_the_entry_page_marks_each_extracted_value_where_it_came_from(
    record: None, client: Client
) -> None:
    e = _entry("2024-04", 2)
    html = _html(client, f"/entries/{e.pk}/")
    assert re.search(r'<mark class="f-date"[^>]*title="date: April 4, 2024">April 4</mark>', html)
    assert re.search(
        r'<mark class="f-person"[^>]*title="person: Aldanov T. \(subject\)">Timur Aldanov</mark>',
        html,
    )
    assert re.search(r'<mark class="f-legal_ref"[^>]*>Article 488</mark>', html)
    assert 'class="f-sanction"' in html and 'class="f-type"' in html
    # Every field in the legend, the footnote linked to its source.
    for label in ("date", "place", "person", "legal reference", "sanction", "event type"):
        assert f"</span>{label}</li>" in html
    assert 'href="#fn-2"' in html and 'id="fn-2"' in html


def test_the_entry_page_shows_fields_titles_sources_and_neighbours(
    record: None, client: Client
) -> None:
    e = _entry("2024-04", 2)
    html = _html(client, f"/entries/{e.pk}/")
    aldanov = m.Person.objects.get(name="Aldanov T.")
    assert f'href="/persons/{aldanov.pk}/"' in html
    assert "Violation of the legislation of the Republic of Kazakhstan on the procedure" in html
    assert "15 days" in html and "69,000 ₸" in html
    # Canonical source and the link as written (tracking parameter kept there only).
    assert "https://news.example.org/2024/04/aldanov-fine" in html or "news.example.org" in html
    assert f'href="/entries/{_entry("2024-04", 1).pk}/" rel="prev"' in html
    assert f'href="/entries/{_entry("2024-04", 3).pk}/" rel="next"' in html
    assert 'href="/documents/2024-04/"' in html


def test_a_hostile_source_url_is_shown_but_never_linked(record: None, client: Client) -> None:
    html = _html(client, f"/entries/{_entry('2024-05', 3).pk}/")
    assert "javascript:alert(1)" in html
    assert 'href="javascript:' not in html


def test_an_unknown_entry_person_place_or_document_is_a_404(record: None, client: Client) -> None:
    for url in (
        "/entries/999999/",
        "/persons/999999/",
        "/places/999999/",
        "/documents/1999-01/",
        "/nowhere/",
        "/entries/99999999999999999999999/",
        "/documents/a%00b/",
    ):
        html = _html(client, url, status=404)
        assert "Not found" in html


def test_the_person_page_tells_the_whole_story(record: None, client: Client) -> None:
    aldanov = m.Person.objects.get(name="Aldanov T.")
    html = _html(client, f"/persons/{aldanov.pk}/")
    assert "Timur Aldanov" in html  # the other name used
    timeline = html[html.index('<ol class="timeline">') :]
    assert (
        timeline.index("April 4, 2024")
        < timeline.index("April 10, 2024")
        < timeline.index("May 2, 2024")
    )
    assert "69,000 ₸" in html  # fines
    assert "2 years" in html  # prison term, and the latest measure
    assert "imprisonment" in html
    berikova = m.Person.objects.get(name="Berikova S.")
    assert f'href="/persons/{berikova.pk}/"' in html  # related: the same entries


def test_the_persons_list_finds_any_spelling(record: None, client: Client) -> None:
    html = _html(client, "/persons/?q=Timur")
    assert "Aldanov T." in html and "Berikova S." not in html


def test_a_region_rolls_up_its_towns(record: None, client: Client) -> None:
    html = _html(client, "/places/")
    row = html[html.index(">Jetisu Region</a>") :]
    row = row[: row.index("</tr>")]
    assert ">3</a>" in row and "Taldykorgan" in row and "Karabulak" in row
    region = m.Place.objects.get(name="Jetisu Region")
    page = _html(client, f"/places/{region.pk}/")
    assert "3 entries" in page and "Taldykorgan" in page


def test_the_map_gets_markers_for_places_with_coordinates(record: None, client: Client) -> None:
    html = _html(client, "/map/?type=assembly_refusal")
    data = json.loads(
        re.search(
            r'<script id="map-data" type="application/json">(.*?)</script>', html, re.DOTALL
        ).group(1)
    )
    assert [(p["name"], p["count"], p["type"]) for p in data["places"]] == [
        ("Taldykorgan", 2, "assembly_refusal")
    ]
    assert (
        "type=assembly_refusal" in data["places"][0]["href"]
        and "place=Taldykorgan" in data["places"][0]["href"]
    )
    assert data["outlines"].endswith("kz-outlines.geojson")
    assert data["tiles"] == ""  # offline by default: no tile server is asked
    # The outline is named "Jetisu Region" there; the link goes to the gazetteer's region.
    assert "region=Jetisu+Region" in data["region_links"]["Jetisu Region"]["href"]


def test_a_place_without_coordinates_is_listed_under_the_map(record: None, client: Client) -> None:
    html = _html(client, "/map/")
    assert "Karabulak" in html and "no coordinates" in html


def test_the_dashboard_says_what_it_counts_and_as_of_when(record: None, client: Client) -> None:
    html = _html(client, "/dashboard/")
    assert "Figures over 9 entries" in html and "As of" in html
    assert 'id="chart-per-period"' in html and "<svg" in html
    assert "Counts entries." in html and "Counts sanctions" in html
    # Bars link to the entries behind them.
    assert re.search(r'<a href="/\?[^"]*type=assembly_refusal[^"]*" class="chart-link">', html)


def test_the_dashboard_follows_the_search(record: None, client: Client) -> None:
    html = _html(client, "/dashboard/?region=Jetisu+Region")
    assert "Figures over 3 entries" in html


def test_dashboard_figures_download_as_csv(record: None, client: Client) -> None:
    r = client.get("/dashboard/refusals.csv")
    assert r.status_code == 200 and r["Content-Type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(r.content.decode("utf-8-sig"))))
    assert rows[0][:3] == ["place", "reason", "entries"] and rows[0][3] == "counts"
    assert {(row[0], row[2]) for row in rows[1:]} == {("Taldykorgan", "1")}
    assert all(row[3] == "entries" and row[4] for row in rows[1:])
    assert client.get("/dashboard/nonsense.csv").status_code == 404


def test_an_export_holds_every_matching_entry(
    record: None, client: Client, monkeypatch: pytest.MonkeyPatch
) -> None:
    from kuzet.workspace.views import entries

    monkeypatch.setattr(entries, "PAGE_SIZE", 2)  # pages are small; the export is not
    r = client.get("/entries/export.csv?region=Jetisu+Region")
    rows = list(csv.reader(io.StringIO(b"".join(r.streaming_content).decode("utf-8-sig"))))
    assert len(rows) == 1 + 3 and rows[0][0] == "id"
    r = client.get("/entries/export.jsonl")
    lines = b"".join(r.streaming_content).decode().splitlines()
    assert len(lines) == 9
    first = json.loads(lines[0])
    assert {"id", "date", "place", "persons", "legal_refs", "sanctions", "types", "sources"} <= set(
        first
    )


def test_documents_show_their_lint_findings(record: None, client: Client) -> None:
    doc = m.Document.objects.get(key="2024-04")
    doc.lint_findings = [
        {
            "code": "footnote-missing",
            "severity": "warning",
            "message": "footnote 9 is not listed",
            "entry": 2,
            "reference": 9,
        }
    ]
    doc.save(update_fields=["lint_findings"])
    html = _html(client, "/documents/2024-04/")
    assert "footnote 9 is not listed" in html and "footnote-missing" in html
    assert f'href="/entries/{_entry("2024-04", 2).pk}/"' in html
    listing = _html(client, "/documents/")
    assert "chronicle-2024-04.txt" in listing


def test_pages_escape_what_chronicles_contain(record: None, client: Client) -> None:
    e = _entry("2024-04", 5)
    m.Entry.objects.filter(pk=e.pk).update(text='<script>alert("x")</script> April 12, Karabulak')
    from kuzet.workspace.queries import forget_data_version

    forget_data_version()
    html = _html(client, f"/entries/{e.pk}/")
    assert '<script>alert("x")</script>' not in html and "&lt;script&gt;" in html


def test_pages_are_served_from_the_cache_until_the_record_changes(
    record: None, client: Client
) -> None:
    from kuzet.store import services
    from kuzet.workspace.queries import forget_data_version

    first, again = client.get("/?type=protest"), client.get("/?type=protest")
    assert (first["X-Kuzet-Cache"], again["X-Kuzet-Cache"]) == ("miss", "hit")
    assert first.content == again.content and _result_count(again.content.decode()) == 1
    # A correction changes the record: the next visitor gets a fresh page.
    entry = _entry("2024-05", 3)
    services.correct_entry(entry=entry, field="types", value=["protest"], who="test", why="test")
    forget_data_version()
    fresh = client.get("/?type=protest")
    assert fresh["X-Kuzet-Cache"] == "miss" and _result_count(fresh.content.decode()) == 2


def test_each_language_has_its_own_cached_page(record: None) -> None:
    english = Client(HTTP_ACCEPT_LANGUAGE="en").get("/dashboard/").content.decode()
    russian = Client(HTTP_ACCEPT_LANGUAGE="ru").get("/dashboard/").content.decode()
    assert ">Dashboard<" in english and ">Сводка<" in russian


def test_pages_hold_nothing_per_visitor_and_the_language_switch_needs_no_token(
    record: None,
) -> None:
    visitor = Client(enforce_csrf_checks=True)
    r = visitor.get("/")
    assert "csrfmiddlewaretoken" not in r.content.decode() and not r.cookies
    switched = visitor.post("/i18n/setlang/", {"language": "ru", "next": "/persons/"})
    assert switched.status_code == 302 and switched["Location"] == "/persons/"
    assert ">Люди<" in visitor.get("/persons/").content.decode()
