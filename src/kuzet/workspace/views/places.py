"""Places and regions (regions roll up their towns), and the map of a search."""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass

from django.core.cache import cache
from django.db.models import Count, QuerySet
from django.http import HttpRequest, HttpResponse
from django.templatetags.static import static
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_GET

from ...store import models as m
from ...store.selectors import places_within, with_details
from ..access import place_for, visible_entries
from ..conf import map_attribution, map_tiles
from ..geo import outline_names, region_key
from ..labels import type_colour, type_label
from ..params import SearchParams
from ..queries import cache_key, matching_entries, once
from ..redaction import withhold_names
from .common import cached_page, page, with_params

__all__ = ["map_view", "place", "places"]

MAP_CACHE_SECONDS = 3600


@dataclass(frozen=True, slots=True)
class PlaceCount:
    place: m.Place
    own: int  # entries at the place itself
    total: int  # with the places within it
    children: tuple[PlaceCount, ...] = ()


def _counts_by_place(qs: QuerySet[m.Entry]) -> Counter[int]:
    return Counter(
        dict(qs.order_by().exclude(place=None).values_list("place_id").annotate(n=Count("pk")))
    )


def place_tree(qs: QuerySet[m.Entry]) -> list[PlaceCount]:
    """Top-level places (regions, cities of republican significance, countries) with the
    entries at them and at every place within them, largest first."""
    counts = _counts_by_place(qs)
    rows = m.Place.objects.filter(pk__in=list(counts)).select_related("region")
    children: dict[int, list[PlaceCount]] = defaultdict(list)
    tops: dict[int, m.Place] = {}
    for p in rows:
        if p.region_id:
            children[p.region_id].append(PlaceCount(p, counts[p.pk], counts[p.pk]))
            tops.setdefault(p.region_id, p.region)  # type: ignore[arg-type]
        else:
            tops[p.pk] = p
    out = []
    for pk, top in tops.items():
        kids = sorted(children.get(pk, []), key=lambda c: (-c.total, c.place.name))
        out.append(
            PlaceCount(
                top, counts.get(pk, 0), counts.get(pk, 0) + sum(c.total for c in kids), tuple(kids)
            )
        )
    return sorted(out, key=lambda c: (c.place.kind == "country", -c.total, c.place.name))


@require_GET
@cached_page
def places(request: HttpRequest) -> HttpResponse:
    tree = place_tree(visible_entries(request.user))
    return page(request, "workspace/places.html", {"tree": tree}, section="places")


@require_GET
@cached_page
def place(request: HttpRequest, pk: int) -> HttpResponse:
    p = place_for(request.user, pk)
    top_level = p.region_id is None
    qs = visible_entries(request.user).filter(place__in=places_within(p.name).values("pk"))
    if not top_level:
        # A town's name may also be a region's; a town page counts the town only.
        qs = visible_entries(request.user).filter(place=p)
    children = []
    if top_level:
        counts = _counts_by_place(qs)
        children = sorted(
            ((c, counts[c.pk]) for c in m.Place.objects.filter(region=p, pk__in=list(counts))),
            key=lambda t: (-t[1], t[0].name),
        )
    types = (
        m.EntryType.objects.filter(entry_id__in=qs.order_by().values("pk"))
        .values("type_id")
        .annotate(n=Count("entry_id", distinct=True))
        .order_by("-n", "type_id")
    )
    query = f"region={p.name}" if top_level else f"place={p.name}"
    context = {
        "place": p,
        "top_level": top_level,
        "total": qs.count(),
        "children": children,
        "types": [(t["type_id"], t["n"]) for t in types],
        "latest": withhold_names(with_details(qs.order_by("-date", "-id"))[:15], request.user),
        "entries_query": SearchParams()
        .with_value("region" if top_level else "place", p.name)
        .urlencode(),
        "query": query,
    }
    return page(request, "workspace/place.html", context, section="places")


def map_data(qs: QuerySet[m.Entry], params: SearchParams) -> dict[str, object]:
    """Markers (places with coordinates, sized by entries, coloured by dominant type),
    links for the region outlines, and the places that cannot be drawn."""
    counts = _counts_by_place(qs)
    dominant: dict[int, Counter[str]] = defaultdict(Counter)
    for place_id, type_id, n in (
        m.EntryType.objects.filter(entry_id__in=qs.order_by().values("pk"))
        .exclude(entry__place=None)
        .values_list("entry__place_id", "type_id")
        .annotate(n=Count("entry_id", distinct=True))
    ):
        dominant[place_id][type_id] = n
    markers, unmapped = [], []
    for p in m.Place.objects.filter(pk__in=list(counts)).select_related("region"):
        n = counts[p.pk]
        top = dominant[p.pk].most_common(1)[0][0] if dominant[p.pk] else ""
        href = reverse("workspace:entries") + "?" + params.with_value("place", p.name).urlencode()
        if p.lat is None or p.lon is None:
            unmapped.append({"name": p.name, "count": n, "href": href})
            continue
        markers.append(
            {
                "name": p.name,
                "lat": p.lat,
                "lon": p.lon,
                "count": n,
                "count_label": ngettext("%(n)d entry", "%(n)d entries", n) % {"n": n},
                "type": top,
                "type_label": type_label(top) if top else "",
                "colour": type_colour(top) if top else "#4a5560",
                "href": href,
            }
        )
    markers.sort(key=lambda d: -d["count"])  # type: ignore[operator]
    tree = place_tree(qs)
    by_key = {region_key(t.place.name): t for t in tree if t.place.kind != "country"}
    region_links = {}
    for name in outline_names():
        t = by_key.get(region_key(name))
        if t is not None:
            region_links[name] = {
                "name": t.place.name,
                "count": ngettext("%(n)d entry", "%(n)d entries", t.total) % {"n": t.total},
                "href": reverse("workspace:entries")
                + "?"
                + params.with_value("region", t.place.name).urlencode(),
            }
    legend = sorted(
        {(mk["type"], mk["type_label"], mk["colour"]) for mk in markers if mk["type"]},
        key=lambda x: x[1],
    )
    return {"places": markers, "region_links": region_links, "unmapped": unmapped, "legend": legend}


@require_GET
@cached_page
@with_params("map")
def map_view(request: HttpRequest, params: SearchParams) -> HttpResponse:
    key = cache_key("map", params, request.user)
    data = cache.get(key)
    if data is None:
        with once(key):
            data = cache.get(key)
            if data is None:
                data = map_data(matching_entries(params, request.user), params)
                cache.set(key, data, MAP_CACHE_SECONDS)
    client = {
        "places": data["places"],
        "region_links": data["region_links"],
        "outlines": static("workspace/kz-outlines.geojson"),
        "tiles": map_tiles(),
        "tiles_attribution": map_attribution(),
        "open_label": _("Show these entries"),
    }
    context = {
        "params": params,
        "map_json": client,
        "markers": data["places"],
        "unmapped": data["unmapped"],
        "legend": data["legend"],
        "total": sum(mk["count"] for mk in data["places"])
        + sum(u["count"] for u in data["unmapped"]),
    }
    return page(request, "workspace/map.html", context, section="map")
