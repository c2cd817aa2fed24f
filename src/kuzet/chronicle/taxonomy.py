"""Event types and the patterns that signal them. (Stub: being written.)"""

from __future__ import annotations

from pathlib import Path

__all__ = ["Taxonomy", "load_taxonomy"]


class Taxonomy:
    pass


def load_taxonomy(path: Path | None = None) -> Taxonomy:
    return Taxonomy()
