"""Compiling the interface translations: ``locale/<lang>/LC_MESSAGES/django.po`` → ``.mo``.

The compiled ``.mo`` files are committed, so a user needs no gettext tools. After
editing a ``.po`` file (or running ``makemessages``), compile with::

    python -m kuzet.workspace.i18n          # pure Python (polib); no msgfmt needed

A test fails when a committed ``.mo`` does not match its ``.po``.
"""

from __future__ import annotations

import sys
from pathlib import Path

__all__ = ["LOCALE", "catalogs", "compile_catalogs"]

LOCALE = Path(__file__).parent / "locale"


def catalogs() -> list[Path]:
    return sorted(LOCALE.glob("*/LC_MESSAGES/django.po"))


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
