"""The Russian interface: the catalogue is complete and its compiled form is current."""

from __future__ import annotations

import gettext
import re

import pytest

from kuzet.workspace.i18n import catalogs

polib = pytest.importorskip("polib")
PLACEHOLDER = re.compile(r"%\(\w+\)[sd]")


def test_there_is_a_russian_catalogue() -> None:
    assert [p.parent.parent.name for p in catalogs()] == ["ru"]


@pytest.mark.parametrize("po_path", catalogs(), ids=lambda p: p.parent.parent.name)
def test_every_message_is_translated_with_the_same_placeholders(po_path: object) -> None:
    po = polib.pofile(str(po_path))
    assert po.percent_translated() == 100, [e.msgid for e in po.untranslated_entries()][:5]
    assert not po.fuzzy_entries()
    for e in po:
        wanted = sorted(PLACEHOLDER.findall(e.msgid))
        got = [
            sorted(PLACEHOLDER.findall(s))
            for s in (e.msgstr_plural.values() if e.msgid_plural else [e.msgstr])
        ]
        for g in got:
            # A plural form may leave out the number ("one" as a word), never add one.
            assert set(g) <= set(wanted) | set(PLACEHOLDER.findall(e.msgid_plural or "")), e.msgid


@pytest.mark.parametrize("po_path", catalogs(), ids=lambda p: p.parent.parent.name)
def test_the_compiled_catalogue_matches_its_source(po_path: object) -> None:
    """Fails when a .po was edited without running ``python -m kuzet.workspace.i18n``."""
    po = polib.pofile(str(po_path))
    with open(po_path.with_suffix(".mo"), "rb") as f:  # type: ignore[attr-defined]
        mo = gettext.GNUTranslations(f)
    for e in po.translated_entries():
        if e.msgid_plural:
            assert mo.ngettext(e.msgid, e.msgid_plural, 5) == e.msgstr_plural[2], e.msgid
        else:
            assert mo.gettext(e.msgid) == e.msgstr, e.msgid


def test_a_page_is_served_in_russian(db: None) -> None:
    from django.test import Client

    html = Client(HTTP_ACCEPT_LANGUAGE="ru").get("/persons/").content.decode()
    assert '<html lang="ru">' in html and ">Люди<" in html
