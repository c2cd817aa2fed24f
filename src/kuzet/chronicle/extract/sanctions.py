"""Extract sanctions from an entry's text. (Stub: being written.)"""

from __future__ import annotations

from ..model import Mention
from .context import Context

__all__ = ["extract"]


def extract(text: str, *, context: Context) -> list[Mention[object]]:
    return []
