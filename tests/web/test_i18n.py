"""The Russian interface: every app that marks strings for translation has a Russian
catalogue; each catalogue is complete, keeps placeholders and markup, and its compiled
form is current.

That no marked string is *missing* from a catalogue is test_i18n_makemessages.py (it needs
GNU gettext); the pages themselves are test_i18n_pages.py.
"""

from __future__ import annotations

import gettext
import re
from importlib import import_module
from pathlib import Path

import pytest

from kuzet.workspace.i18n import catalogs

polib = pytest.importorskip("polib")
PLACEHOLDER = re.compile(r"%\(\w+\)[-#0 +]*\d*(?:\.\d+)?[sdf]")
TAG = re.compile(r"</?[a-zA-Z][^>]*>")
# What marks a string for translation in a template or in Python code.
MARKER = re.compile(
    r"{%\s*(?:translate|trans|blocktranslate|blocktrans)\b"
    r"|\b(?:gettext|gettext_lazy|ngettext|ngettext_lazy|pgettext|pgettext_lazy)\b"
)


def kuzet_apps() -> dict[str, Path]:
    """Kuzet's installed apps: label -> directory."""
    from django.conf import settings

    names = [a for a in settings.INSTALLED_APPS if a.startswith("kuzet.")]
    return {n.rsplit(".", 1)[1]: Path(import_module(n).__file__).parent for n in names}  # type: ignore[arg-type]


def marks_strings(app_dir: Path) -> bool:
    files = [*app_dir.rglob("*.py"), *app_dir.rglob("*.html"), *app_dir.rglob("*.txt")]
    return any(
        MARKER.search(f.read_text(encoding="utf-8")) for f in files if "locale" not in f.parts
    )


def entry_strings(e: object) -> list[str]:
    """The translations of one catalogue entry (every plural form of a plural one)."""
    return list(e.msgstr_plural.values()) if e.msgid_plural else [e.msgstr]  # type: ignore[attr-defined]


def test_each_app_that_marks_strings_has_one_russian_catalogue() -> None:
    apps = kuzet_apps()
    wanted = sorted(label for label, d in apps.items() if marks_strings(d))
    assert "workspace" in wanted and "accounts" in wanted, wanted  # the scan itself works
    have = sorted(
        label
        for label, d in apps.items()
        if (d / "locale" / "ru" / "LC_MESSAGES" / "django.po").is_file()
    )
    assert have == wanted
    # catalogs() (what ``python -m kuzet.workspace.i18n`` compiles) covers each of them.
    assert [(p.parents[3].name, p.parents[1].name) for p in catalogs()] == [
        (a, "ru") for a in wanted
    ]


@pytest.mark.parametrize(
    "po_path", catalogs(), ids=lambda p: f"{p.parents[3].name}-{p.parents[1].name}"
)
def test_every_message_is_translated_with_the_same_placeholders(po_path: Path) -> None:
    po = polib.pofile(str(po_path))
    assert po.metadata.get("Language") == po_path.parents[1].name
    assert not po.metadata_is_fuzzy, "the catalogue header is still marked fuzzy"
    assert po.percent_translated() == 100, [e.msgid for e in po.untranslated_entries()][:5]
    assert not po.fuzzy_entries(), [e.msgid for e in po.fuzzy_entries()][:5]
    for e in po:
        wanted = set(PLACEHOLDER.findall(e.msgid)) | set(PLACEHOLDER.findall(e.msgid_plural or ""))
        for s in entry_strings(e):
            # A plural form may leave out the number ("one" as a word), never add one.
            assert set(PLACEHOLDER.findall(s)) <= wanted, (e.msgid, s)
            if not e.msgid_plural:
                assert sorted(PLACEHOLDER.findall(s)) == sorted(PLACEHOLDER.findall(e.msgid)), (
                    e.msgid,
                    s,
                )
            assert sorted(TAG.findall(s)) == sorted(TAG.findall(e.msgid)), (e.msgid, s)


@pytest.mark.parametrize(
    "po_path", catalogs(), ids=lambda p: f"{p.parents[3].name}-{p.parents[1].name}"
)
def test_plural_messages_have_every_form_the_language_needs(po_path: Path) -> None:
    po = polib.pofile(str(po_path))
    nplurals = int(re.search(r"nplurals=(\d+)", po.metadata["Plural-Forms"]).group(1))  # type: ignore[union-attr]
    for e in po:
        if e.msgid_plural:
            assert sorted(e.msgstr_plural) == list(range(nplurals)), e.msgid
            assert all(s.strip() for s in e.msgstr_plural.values()), e.msgid


def test_a_message_in_two_catalogues_reads_the_same_in_both() -> None:
    """Django takes a message from the first app that has it, so two catalogues that
    disagree would make one of them silently wrong."""
    seen: dict[tuple[str, str, str], tuple[str, tuple[str, ...]]] = {}
    for po_path in catalogs():
        lang = po_path.parents[1].name
        for e in polib.pofile(str(po_path)):
            key = (lang, e.msgctxt or "", e.msgid)
            got = (po_path.parents[3].name, tuple(entry_strings(e)))
            first = seen.setdefault(key, got)
            assert first[1] == got[1], (
                f"{e.msgid!r}: {first[0]} says {first[1]}, {got[0]} says {got[1]}"
            )


@pytest.mark.parametrize(
    "po_path", catalogs(), ids=lambda p: f"{p.parents[3].name}-{p.parents[1].name}"
)
def test_the_compiled_catalogue_matches_its_source(po_path: Path) -> None:
    """Fails when a .po was edited without running ``python -m kuzet.workspace.i18n``."""
    po = polib.pofile(str(po_path))
    with open(po_path.with_suffix(".mo"), "rb") as f:
        mo = gettext.GNUTranslations(f)
    for e in po.translated_entries():
        # A message with a context (pgettext) is looked up under that context.
        if e.msgid_plural:
            for n in (1, 3, 5):
                got = (
                    mo.npgettext(e.msgctxt, e.msgid, e.msgid_plural, n)
                    if e.msgctxt
                    else mo.ngettext(e.msgid, e.msgid_plural, n)
                )
                assert got == e.msgstr_plural[po_plural(po, n)], e.msgid
        else:
            got = mo.pgettext(e.msgctxt, e.msgid) if e.msgctxt else mo.gettext(e.msgid)
            assert got == e.msgstr, (e.msgctxt, e.msgid)


def po_plural(po: object, n: int) -> int:
    """Which plural form the catalogue's own Plural-Forms rule picks for ``n``."""
    rule = po.metadata["Plural-Forms"].split("plural=", 1)[1].rstrip(";")  # type: ignore[attr-defined]
    return int(gettext.c2py(rule)(n))


@pytest.mark.db
def test_a_page_is_served_in_russian(db: None) -> None:
    from django.test import Client

    html = Client(HTTP_ACCEPT_LANGUAGE="ru").get("/persons/").content.decode()
    assert '<html lang="ru">' in html and ">Люди<" in html
