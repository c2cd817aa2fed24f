"""The gazetteer: places, their kinds, regions, coordinates and aliases. (Stub: being written.)"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

__all__ = ["Gazetteer", "load_gazetteer"]


class Gazetteer:
    pass


def load_gazetteer(files: Sequence[Path] = (), *, replace: bool = False) -> Gazetteer:
    return Gazetteer()
