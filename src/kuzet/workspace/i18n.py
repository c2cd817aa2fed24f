"""Compiling the interface translations: every Kuzet app's ``locale/<lang>/LC_MESSAGES/django.po``
→ ``.mo``.

Each app that shows translatable words keeps its own catalogue beside its code
(``kuzet/workspace/locale/``, ``kuzet/accounts/locale/``); Django finds an installed app's
``locale`` directory by itself. The compiled ``.mo`` files are committed, so a user needs no
gettext tools. After editing a ``.po`` file (or running ``makemessages``), compile with::

    python -m kuzet.workspace.i18n          # pure Python (polib); no msgfmt needed

A test fails when a committed ``.mo`` does not match its ``.po``, and another (which needs
GNU gettext) when a string marked for translation is missing from its catalogue.
"""

from __future__ import annotations

import sys
from pathlib import Path

__all__ = ["KUZET", "LOCALE", "catalogs", "compile_catalogs", "locale_dirs"]

KUZET = Path(__file__).resolve().parent.parent
LOCALE = Path(__file__).parent / "locale"  # the workspace's own catalogues


def locale_dirs() -> list[Path]:
    """The ``locale`` directories of Kuzet's apps (and the project-wide one in
    ``LOCALE_PATHS``, ``kuzet/locale``, should it ever hold a catalogue)."""
    return sorted(p for p in [KUZET / "locale", *KUZET.glob("*/locale")] if p.is_dir())


def catalogs() -> list[Path]:
    """Every ``django.po`` of every app, for every language."""
    return sorted(po for d in locale_dirs() for po in d.glob("*/LC_MESSAGES/django.po"))


def compile_catalogs() -> list[Path]:
    """Write the ``.mo`` beside each ``.po``; returns the files written."""
    import polib

    out = []
    for po_path in catalogs():
        po = polib.pofile(str(po_path))
        mo_path = po_path.with_suffix(".mo")
        po.save_as_mofile(str(mo_path))
        out.append(mo_path)
    return out


if __name__ == "__main__":
    for path in compile_catalogs():
        print(path)
    sys.exit(0)
