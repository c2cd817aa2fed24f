"""No string marked for translation is missing from its app's Russian catalogue.

For each Kuzet app, Django's ``makemessages -l ru`` runs on a temporary copy of the app
(the repository is left untouched) and the merged catalogue must have no untranslated and
no fuzzy message: a new ``{% translate %}`` or ``_()`` without a translation fails here,
named, instead of showing English in the Russian interface. An app that marks strings but
has no catalogue fails the same way.

``makemessages`` needs GNU gettext (``xgettext``, ``msgmerge``; the Debian package
``gettext``, installed by ``scripts/setup-system``). Without it the test is skipped on a
developer's machine and fails in CI (``CI`` set), so it cannot silently stop running.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
from test_i18n import kuzet_apps

polib = pytest.importorskip("polib")
LANGUAGE = "ru"
TOOLS = ("xgettext", "msguniq", "msgmerge", "msgattrib")


def gettext_tools() -> None:
    missing = [t for t in TOOLS if shutil.which(t) is None]
    if not missing:
        return
    message = (
        f"GNU gettext is not installed ({', '.join(missing)} missing): apt-get install gettext"
    )
    if os.environ.get("CI"):
        pytest.fail(message)
    pytest.skip(message)


def merged_catalogue(app_dir: Path, work: Path) -> polib.POFile | None:
    """What ``makemessages`` makes of the app's catalogue, on a copy; None when the app
    marks no string for translation."""
    from django.core.management import call_command
    from django.test import override_settings

    copy = work / app_dir.name
    shutil.copytree(app_dir, copy, ignore=shutil.ignore_patterns("__pycache__", "*.mo"))
    # makemessages writes to the first of LOCALE_PATHS unless the app has a locale
    # directory: give it one, and no LOCALE_PATHS, so nothing lands in the repository.
    (copy / "locale").mkdir(exist_ok=True)
    cwd = Path.cwd()
    try:
        os.chdir(copy)
        with override_settings(LOCALE_PATHS=[]):
            call_command(
                "makemessages",
                locale=[LANGUAGE],
                verbosity=0,
                no_obsolete=True,
                add_location="file",
            )
    finally:
        os.chdir(cwd)
    po_path = copy / "locale" / LANGUAGE / "LC_MESSAGES" / "django.po"
    return polib.pofile(str(po_path)) if po_path.is_file() else None


def describe(e: object) -> str:
    where = ", ".join(f for f, _ in e.occurrences)  # type: ignore[attr-defined]
    return f"{e.msgid!r} ({where})"  # type: ignore[attr-defined]


@pytest.mark.parametrize("label", sorted(kuzet_apps()))
def test_every_marked_string_is_in_the_catalogue_and_translated(label: str, tmp_path: Path) -> None:
    gettext_tools()
    app_dir = kuzet_apps()[label]
    had_catalogue = (app_dir / "locale" / LANGUAGE / "LC_MESSAGES" / "django.po").is_file()
    po = merged_catalogue(app_dir, tmp_path)
    if po is None or not len(po):
        assert not had_catalogue, (
            f"{label} has a {LANGUAGE} catalogue but marks no string for translation"
        )
        return
    assert had_catalogue, (
        f"{label} marks {len(po)} strings for translation but has no {LANGUAGE} catalogue; "
        f"see 'Translations' in docs/web.md"
    )
    missing = [describe(e) for e in po.untranslated_entries()]
    fuzzy = [describe(e) for e in po.fuzzy_entries()]
    assert not missing and not fuzzy, (
        f"{label}: {len(missing)} strings without a translation, {len(fuzzy)} fuzzy "
        f"(run makemessages, translate, then python -m kuzet.workspace.i18n; see docs/web.md):\n"
        + "\n".join([*(f"  new:   {m}" for m in missing), *(f"  fuzzy: {f}" for f in fuzzy)])
    )
