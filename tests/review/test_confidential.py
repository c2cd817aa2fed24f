"""Confidential entries and withheld names do not leak to those who may not see them:
not through pages, search results or snippets, facet counts, the map, the charts,
exports or the API. Those with the confidential role see them, and their views are logged."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from django.test import Client
from reviewdata import SECRET, SECRET_DOMAIN, SECRET_PLACE, WITHHELD

from kuzet.store import models as m

pytestmark = pytest.mark.db

PLACEHOLDER = "[name withheld]"


def _urls(month: dict[int, int]) -> list[str]:
    """Addresses that name no secret themselves: their answers must not either."""
    return [
        "/", "/?type=criminal_case", "/entries/export.csv", "/entries/export.jsonl", "/persons/",
        "/map/", "/dashboard/", "/dashboard/per_period.csv", "/dashboard/by_region.csv",
        "/dashboard/top_articles.csv", "/dashboard/sanctions.csv", "/places/", "/documents/",
        "/documents/2024-02/", f"/entries/{month[2]}/", f"/entries/{month[1]}/",
        "/api/entries", f"/api/entries/{month[2]}", "/api/persons", "/api/stats", "/api/places",
        "/api/documents",
    ]


def _searches(month: dict[int, int]) -> list[str]:
    """Addresses that ask for a secret (and may echo the question): they must find nothing."""
    secret_person = m.Person.objects.get(name__startswith=SECRET).pk
    withheld_person = m.Person.objects.get(name__startswith=WITHHELD).pk
    return [
        f"/?q={WITHHELD}", f"/?q={SECRET}", f"/?q={WITHHELD[:5]}*", f"/?person={withheld_person}",
        f"/?person={WITHHELD} R.", f"/?person={secret_person}", f"/?domain={SECRET_DOMAIN}",
        f"/entries/export.jsonl?q={WITHHELD}", f"/persons/?q={WITHHELD[:5]}", f"/persons/?q={SECRET[:5]}",
        f"/api/entries?q={WITHHELD}", f"/api/entries?person={withheld_person}",
        f"/api/persons?q={WITHHELD[:5]}", f"/api/stats?q={SECRET}",
    ]


def _body(r: object) -> str:
    return (b"".join(r.streaming_content) if r.streaming else r.content).decode()  # type: ignore[attr-defined]


@pytest.mark.parametrize("persona", ["anonymous", "viewer"])
def test_no_page_or_endpoint_names_a_withheld_or_confidential_person(
    month: dict[int, int], as_persona: Callable[[str], Client], persona: str, public: None
) -> None:
    client = as_persona(persona)
    for url in _urls(month):
        r = client.get(url)
        assert r.status_code == 200, (url, r.status_code)
        body = _body(r)
        for secret in (WITHHELD, SECRET, SECRET_DOMAIN, "hidden-news"):
            assert secret not in body, f"{persona} sees {secret!r} at {url}"


@pytest.mark.parametrize("persona", ["anonymous", "viewer"])
def test_searching_for_a_secret_finds_nothing(
    month: dict[int, int], as_persona: Callable[[str], Client], persona: str, public: None
) -> None:
    client = as_persona(persona)
    for url in _searches(month):
        r = client.get(url)
        assert r.status_code == 200, (url, r.status_code)
        body = _body(r)
        if url.startswith("/api/stats"):
            assert r.json()["entries"] == 0, url
        elif url.startswith("/api/"):
            assert r.json()["results"] == [], url
        elif url.startswith("/persons/"):
            assert "No person has a name like this." in body, url
        elif url.startswith("/entries/export"):
            assert body == "", url
        else:
            assert "0 entries" in body, url
        for n in (2, 3):
            assert f"/entries/{month[n]}/" not in body, f"{persona} finds entry {n} at {url}"


def test_a_withheld_name_is_replaced_by_a_placeholder_in_text_and_values(month: dict[int, int], viewer: Client) -> None:
    entry = viewer.get(f"/api/entries/{month[2]}").json()
    assert PLACEHOLDER in entry["text"] and "Orazbek N." in entry["text"]
    assert [p["name"] for p in entry["persons"]] == ["Orazbek N.", PLACEHOLDER]
    withheld = entry["persons"][1]
    assert withheld["person_id"] is None and withheld["start"] is None
    # The other values still point at their words in the shown text.
    orazbek = entry["persons"][0]
    assert entry["text"][orazbek["start"]:orazbek["end"]] == "Orazbek N."
    page = viewer.get(f"/entries/{month[2]}/").content.decode()
    assert PLACEHOLDER in page and "Orazbek" in page


def test_searching_for_a_withheld_name_finds_nothing_for_a_viewer_but_the_entry_for_an_editor(
    month: dict[int, int], viewer: Client, editor: Client
) -> None:
    assert viewer.get("/api/entries", {"q": WITHHELD}).json()["results"] == []
    assert [e["id"] for e in editor.get("/api/entries", {"q": WITHHELD}).json()["results"]] == [month[2]]
    # The rest of the entry is still found by its other words.
    assert [e["id"] for e in viewer.get("/api/entries", {"q": "Orazbek"}).json()["results"]] == [month[2]]


def test_no_query_tells_which_entries_carry_a_withheld_name(
    month: dict[int, int], viewer: Client, editor: Client
) -> None:
    def found(client: Client, q: str) -> set[int]:
        return {e["id"] for e in client.get("/api/entries", {"q": q}).json()["results"]}

    # Excluding the name: the viewer's entry 2 has no such name, so it stays.
    assert month[2] in found(viewer, f"-{WITHHELD} picket")
    assert month[2] not in found(editor, f"-{WITHHELD} picket")
    assert month[2] not in found(viewer, f'"Orazbek N. and {WITHHELD}"')
    assert month[2] in found(viewer, '"single picket"') and month[2] not in found(viewer, "-picket")
    assert found(viewer, "withheld") == set()  # the placeholder is not a searchable word


def test_facet_counts_leave_out_confidential_entries_and_withheld_names(
    month: dict[int, int], viewer: Client, editor: Client
) -> None:
    seen = viewer.get("/").content.decode()
    assert "4 entries" in seen and "Criminal" not in seen and "criminal case" not in seen
    full = editor.get("/").content.decode()
    assert "5 entries" in full and WITHHELD in full and "criminal case" in full


def test_the_map_and_places_have_no_marker_where_only_a_confidential_entry_happened(
    month: dict[int, int], viewer: Client, editor: Client
) -> None:
    assert SECRET_PLACE not in viewer.get("/map/").content.decode()
    assert SECRET_PLACE not in {p["name"] for p in viewer.get("/api/places").json()}
    assert SECRET_PLACE in {p["name"] for p in editor.get("/api/places").json()}


def test_chart_totals_count_only_what_the_user_may_see(month: dict[int, int], viewer: Client, editor: Client) -> None:
    def articles(client: Client) -> dict[str, int]:
        fig = client.get("/api/stats").json()["figures"]["top_articles"]
        return {" ".join(r["keys"][:2]): r["value"] for r in fig["rows"]}

    assert "CC 274" not in articles(viewer) and articles(editor).get("CC 274") == 1


def test_a_person_named_only_in_withheld_mentions_has_no_page_for_viewers(
    month: dict[int, int], viewer: Client, editor: Client
) -> None:
    for name in (WITHHELD, SECRET):
        pk = m.Person.objects.get(name__startswith=name).pk
        assert viewer.get(f"/persons/{pk}/").status_code == 404
        assert viewer.get(f"/api/persons/{pk}").status_code == 404
        assert editor.get(f"/persons/{pk}/").status_code == 200


def test_a_persons_story_leaves_out_the_mentions_a_viewer_may_not_see(
    month: dict[int, int], viewer: Client, editor: Client
) -> None:
    from kuzet.store import services

    # Orazbek N. is also named in the confidential entry now.
    e3 = m.Entry.objects.get(pk=month[3])
    services.correct_entry(entry=e3, field="persons", who="test",
                           value=[{"name": "Tulegenov A.", "role": "subject"}, {"name": "Orazbek N.", "role": "other"}])
    pk = m.Person.objects.get(name="Orazbek N.").pk
    assert viewer.get(f"/api/persons/{pk}").json()["summary"]["entries"] == 1
    assert editor.get(f"/api/persons/{pk}").json()["summary"]["entries"] == 2
    assert SECRET not in viewer.get(f"/persons/{pk}/").content.decode()


def test_viewing_a_confidential_entry_is_logged(month: dict[int, int], editor: Client, viewer: Client) -> None:
    editor.get(f"/entries/{month[3]}/")
    editor.get(f"/api/entries/{month[2]}")
    editor.get(f"/entries/{month[1]}/")  # not confidential: not logged
    views = m.AuditEvent.objects.filter(action="view")
    assert sorted((v.object_id, v.who, v.why) for v in views) == sorted(
        [(str(month[3]), "editor", "viewed (page)"), (str(month[2]), "editor", "viewed (api)")]
    )
    viewer.get(f"/entries/{month[2]}/")  # the viewer sees the name withheld: nothing to log
    assert views.count() == 2


def test_views_do_not_empty_the_caches_of_everyone_else(month: dict[int, int], editor: Client) -> None:
    from kuzet.workspace.queries import data_version, forget_data_version

    before = data_version().token
    editor.get(f"/entries/{month[3]}/")
    forget_data_version()
    assert data_version().token == before


def test_the_confidential_role_can_be_raised_to_reviewer(
    month: dict[int, int], editor: Client, reviewer: Client, settings: object
) -> None:
    settings.KUZET_CONFIDENTIAL_ROLE = "reviewer"  # type: ignore[attr-defined]
    assert editor.get(f"/entries/{month[3]}/").status_code == 404
    assert WITHHELD not in editor.get(f"/entries/{month[2]}/").content.decode()
    # Editing would show the withheld name in the form: refused.
    assert editor.get(f"/entries/{month[2]}/edit/").status_code == 403
    assert reviewer.get(f"/entries/{month[3]}/").status_code == 200


def test_public_outputs_withhold_names_marked_confidential_after_an_edit(
    month: dict[int, int], anonymous: Client, public: None, users: dict[str, object]
) -> None:
    from kuzet.store import review

    entry = m.Entry.objects.get(pk=month[1])
    review.correct_fields(entry=entry, user=users["reviewer"], why="asked not to be named",
                          values={"persons": [{"name": "Kemelov T.", "role": "subject", "confidential": True}]})
    body = _body(anonymous.get("/entries/export.jsonl"))
    assert "Kemelov" not in body and PLACEHOLDER in body
