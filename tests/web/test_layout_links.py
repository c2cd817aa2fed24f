"""The layout's cheaper links and menu write what ``{% url %}`` and the template did.

``{% link %}`` and ``|link_to`` work an address out once per process; ``{% site_nav %}``
renders the header's menu once per language and section. Their output must not differ
from the plain template's, whatever the language, section, query or script prefix.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from django.template import engines
from django.urls import clear_script_prefix, reverse, set_script_prefix
from django.utils import translation

import kuzet.workspace

SECTIONS = ("entries", "map", "dashboard", "persons", "places", "people_list", "documents", "", "other")
NAMES = ("workspace:entries", "workspace:map", "workspace:persons", "workspace:documents", "set_language")
# The menu as base.html wrote it before it became {% site_nav %}: every link by {% url %}.
PLAIN_MENU = (
    "{% load i18n %}"
    + (Path(kuzet.workspace.__file__).parent / "templates" / "workspace" / "_site_nav.html")
    .read_text(encoding="utf-8")
    .replace("{% load i18n kuzet %}", "")
    .replace("{% link ", "{% url ")
    .rstrip("\n")
)


def render(source: str, context: dict[str, object]) -> str:
    return engines["django"].from_string(source).render(context)


@pytest.fixture(params=["", "/kuzet/"])
def prefix(request: pytest.FixtureRequest) -> Iterator[str]:
    if request.param:
        set_script_prefix(request.param)
    yield request.param
    clear_script_prefix()


@pytest.mark.parametrize("name", NAMES)
def test_link_is_reverse(prefix: str, name: str) -> None:
    assert render(f"{{% load kuzet %}}{{% link '{name}' %}}", {}) == reverse(name)
    assert reverse(name).startswith(prefix or "/")


@pytest.mark.parametrize("pk", [1, 7, 10, 987654321, 2**62])
def test_link_to_is_reverse_with_the_id(prefix: str, pk: int) -> None:
    for name in ("workspace:entry", "workspace:person", "workspace:place"):
        assert render("{% load kuzet %}{{ pk|link_to:name }}", {"pk": pk, "name": name}) == reverse(
            name, args=[pk]
        )


def test_link_to_takes_other_values_the_usual_way() -> None:
    assert render("{% load kuzet %}{{ key|link_to:'workspace:document' }}", {"key": "2024-04 a&b"}) == (
        reverse("workspace:document", args=["2024-04 a&b"]).replace("&", "&amp;")
    )


@pytest.mark.parametrize("language", ["en", "ru"])
@pytest.mark.parametrize("section", SECTIONS)
@pytest.mark.parametrize("query_string", ["", "q=court&amp;region=Almaty"])
def test_the_menu_is_what_the_template_wrote(
    prefix: str, language: str, section: str, query_string: str
) -> None:
    context = {"section": section, "query_string": query_string}
    with translation.override(language):
        for _ in range(2):  # the second time from the process's memory
            menu = render("{% load kuzet %}{% site_nav %}", context)
            assert menu == render(PLAIN_MENU, context), (language, section, query_string)
        if section:
            assert 'aria-current="page"' in menu or section == "other"


def test_the_menu_follows_the_language() -> None:
    with translation.override("en"):
        english = render("{% load kuzet %}{% site_nav %}", {"section": "entries"})
    with translation.override("ru"):
        russian = render("{% load kuzet %}{% site_nav %}", {"section": "entries"})
    assert english != russian
