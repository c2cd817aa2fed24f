"""The JSON API: every endpoint, filters shared with the entries page, cursor pages,
``updated_since``, stable ids, and 400s (JSON, naming the parameter) for bad input."""

from __future__ import annotations

import datetime as dt

import pytest
from django.test import Client
from django.utils import timezone

from kuzet.store import models as m

pytestmark = pytest.mark.db


def _get(client: Client, url: str, status: int = 200, **params: object) -> dict:
    r = client.get(url, params)
    assert r.status_code == status, f"{url} {params}: {r.status_code} {r.content[:1000]!r}"
    assert r["Content-Type"].startswith("application/json")
    return r.json()


def _all_entries(client: Client, **params: object) -> list[dict]:
    out, cursor = [], None
    for _ in range(100):
        page = _get(client, "/api/entries", **params, **({"cursor": cursor} if cursor else {}))
        out += page["results"]
        cursor = page["next_cursor"]
        if cursor is None:
            return out
    raise AssertionError("pagination does not end")


def test_the_openapi_document_lists_every_endpoint(empty: None, client: Client) -> None:
    doc = _get(client, "/api/openapi.json")
    paths = set(doc["paths"])
    assert {
        "/api/entries",
        "/api/entries/{entry_id}",
        "/api/persons",
        "/api/persons/{person_id}",
        "/api/places",
        "/api/stats",
        "/api/documents",
    } <= paths
    names = {p["name"] for p in doc["paths"]["/api/entries"]["get"]["parameters"]}
    assert {
        "q",
        "date_from",
        "date_to",
        "place",
        "region",
        "type",
        "article",
        "person",
        "domain",
        "updated_since",
        "cursor",
        "limit",
    } <= names


def test_the_api_docs_page_loads_nothing_from_a_cdn(empty: None, client: Client) -> None:
    r = client.get("/api/docs")
    assert r.status_code == 200
    html = r.content.decode()
    assert "cdn." not in html and "/static/ninja/" in html


def test_an_empty_record_gives_empty_lists(empty: None, client: Client) -> None:
    assert _get(client, "/api/entries") == {"results": [], "next_cursor": None, "next": None}
    assert _get(client, "/api/persons")["results"] == []
    assert _get(client, "/api/places") == []
    stats = _get(client, "/api/stats")
    assert stats["entries"] == 0 and stats["as_of"] is None


def test_entries_carry_everything_extracted_with_stable_ids(record: None, client: Client) -> None:
    entries = _all_entries(client)
    assert len(entries) == 9
    assert [e["id"] for e in entries] == sorted(e["id"] for e in entries)
    e = next(x for x in entries if x["document"] == "2024-04" and x["n"] == 2)
    assert e["date"] == "2024-04-04" and e["place"]["name"] == "Almaty"
    assert {(p["name"], p["role"]) for p in e["persons"]} == {
        ("Berikova S.", "subject"),
        ("Aldanov T.", "subject"),
    }
    assert e["legal_refs"][0]["code"] == "CAO" and e["legal_refs"][0]["title"].startswith(
        "Violation"
    )
    assert {(s["kind"], s["days"], s["amount_kzt"]) for s in e["sanctions"]} == {
        ("administrative_arrest", 15, None),
        ("fine", None, 69000),
    }
    assert e["types"] == ["administrative_arrest", "administrative_fine"]
    assert e["text"][e["persons"][1]["start"] : e["persons"][1]["end"]] == "Timur Aldanov"
    one = _get(client, f"/api/entries/{e['id']}")
    assert one == e


@pytest.mark.parametrize(
    "params, expected",
    [
        ({"q": "akimat"}, 3),
        ({"type": ["assembly_refusal", "hunger_strike"]}, 3),
        ({"region": "Jetisu Region"}, 3),
        ({"place": "Taldykorgan", "type": "assembly_refusal"}, 2),
        ({"article": "CC 174"}, 2),
        ({"domain": "news.example.org"}, 3),
        ({"date_from": "2024-05", "date_to": "2024-05-31"}, 3),
        ({"person": "Aldanov T."}, 3),
    ],
)
def test_entries_take_the_entries_page_filters(
    record: None, client: Client, params: dict, expected: int
) -> None:
    assert len(_all_entries(client, **params)) == expected


def test_cursor_pages_visit_every_entry_once(record: None, client: Client) -> None:
    small = _all_entries(client, limit=2)
    assert [e["id"] for e in small] == [e["id"] for e in _all_entries(client, limit=500)]
    first = _get(client, "/api/entries", limit=2)
    assert first["next"].startswith("http://testserver/api/entries?") and "cursor=" in first["next"]


def test_updated_since_returns_what_changed_in_change_order(record: None, client: Client) -> None:
    later = timezone.now() + dt.timedelta(minutes=5)
    e = m.Entry.objects.get(document__key="2024-04", n=3)
    m.Entry.objects.filter(pk=e.pk).update(updated_at=later)
    since = (later - dt.timedelta(seconds=1)).isoformat()
    changed = _all_entries(client, updated_since=since)
    assert [x["id"] for x in changed] == [e.pk]
    assert len(_all_entries(client, updated_since="2000-01-01", limit=3)) == 9


@pytest.mark.parametrize(
    "params, param",
    [
        ({"date_from": "soon"}, "date_from"),
        ({"limit": 0}, "limit"),
        ({"limit": 100000}, "limit"),
        ({"limit": "many"}, "limit"),
        ({"cursor": "not-a-cursor"}, "cursor"),
        ({"cursor": "W10"}, "cursor"),  # a valid encoding of the wrong shape
        ({"updated_since": "last tuesday"}, "updated_since"),
        ({"article": "chapter two"}, "article"),
        ({"sort": "weird"}, "sort"),
        ({"q": "x" * 5000}, "q"),
        ({"type": "DROP TABLE"}, "type"),
    ],
)
def test_bad_parameters_are_400_json_naming_the_parameter(
    record: None, client: Client, params: dict, param: str
) -> None:
    body = _get(client, "/api/entries", status=400, **params)
    assert body["param"] == param and body["detail"]


def test_unknown_ids_are_404_json(record: None, client: Client) -> None:
    assert _get(client, "/api/entries/999999", status=404)["detail"]
    assert _get(client, "/api/persons/999999", status=404)["detail"]
    _get(client, "/api/entries/abc", status=400)


def test_persons_list_and_person_timeline(record: None, client: Client) -> None:
    listing = _get(client, "/api/persons", limit=2)
    assert len(listing["results"]) == 2 and listing["next_cursor"]
    everyone = (
        listing["results"]
        + _get(client, "/api/persons", cursor=listing["next_cursor"], limit=50)["results"]
    )
    by_name = {p["name"]: p for p in everyone}
    assert by_name["Aldanov T."]["entries"] == 3
    assert [p["name"] for p in _get(client, "/api/persons", q="Timur")["results"]] == ["Aldanov T."]
    person = _get(client, f"/api/persons/{by_name['Aldanov T.']['id']}")
    assert [a["date"] for a in person["timeline"]] == ["2024-04-04", "2024-04-10", "2024-05-02"]
    assert person["summary"]["fines_kzt"] == 69000
    assert person["summary"]["prison_terms_days"] == [730]
    assert person["summary"]["latest_measure"]["kind"] == "imprisonment"
    assert person["related"] == [
        {"id": by_name["Berikova S."]["id"], "name": "Berikova S.", "shared_entries": 2}
    ]
    assert "Timur Aldanov" in person["aliases"]


def test_places_roll_regions_up(record: None, client: Client) -> None:
    places = {p["name"]: p for p in _get(client, "/api/places")}
    assert places["Jetisu Region"]["entries_within"] == 3
    assert (
        places["Taldykorgan"]["region"] == "Jetisu Region" and places["Taldykorgan"]["entries"] == 2
    )


def test_stats_match_the_dashboard_and_link_to_entries(record: None, client: Client) -> None:
    stats = _get(client, "/api/stats", region="Jetisu Region")
    assert stats["entries"] == 3 and stats["as_of"]
    regions = stats["figures"]["by_region"]
    assert regions["counts"] == "entries"
    assert [(r["keys"], r["value"]) for r in regions["rows"]] == [(["Jetisu Region"], 3)]
    assert stats["figures"]["sanctions"]["counts"] == "sanctions"
    assert all(r["entries_url"].startswith("http://testserver/?") for r in regions["rows"])
    _get(client, "/api/stats", status=400, per="decade")


def test_documents_list_their_findings(record: None, client: Client) -> None:
    docs = _get(client, "/api/documents")
    assert [(d["key"], d["entries"]) for d in docs] == [("2024-04", 6), ("2024-05", 3)]


@pytest.mark.parametrize(
    "url",
    [
        "/api/entries?q=a%00b",
        "/api/entries?place=x%00",
        "/api/persons?q=%00",
        "/api/stats?domain=%00.kz",
        "/api/entries?updated_since=2024%00",
    ],
)
def test_nul_characters_are_a_400_on_every_database(record: None, client: Client, url: str) -> None:
    r = client.get(url)
    assert r.status_code == 400 and "NUL" in r.json()["detail"]
