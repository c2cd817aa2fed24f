"""Workspace options from the environment (read when used, so tests can set them).

KUZET_MAP_TILES         a tile URL template ({z}/{x}/{y}) for the map's background;
                        unset (the default): no tiles, only the bundled outlines, so
                        the map works offline and tells no tile server what a monitor
                        is looking at
KUZET_MAP_ATTRIBUTION   the tiles' attribution text (required by most tile providers)
"""

from __future__ import annotations

import os

__all__ = ["map_attribution", "map_tiles"]


def map_tiles() -> str:
    return os.environ.get("KUZET_MAP_TILES", "").strip()


def map_attribution() -> str:
    return os.environ.get("KUZET_MAP_ATTRIBUTION", "").strip()
