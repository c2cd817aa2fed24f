"""Turn extracted values (``kuzet.chronicle.model``) into unsaved model rows.

Pure mapping, plus the two lookups that need the database: places and sources,
each cached for the length of one ingest.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from ..chronicle import model as cm
from ..chronicle.urls import canonical_url
from ..chronicle.urls import domain as url_domain
from . import models as m

__all__ = [
    "PlaceCache",
    "SourceCache",
    "canonical_url",
    "child_rows",
    "date_fields",
    "place_fields",
    "place_key",
    "url_domain",
]

_PRECISION_OF_KIND = {
    "city": m.PlacePrecision.SETTLEMENT,
    "settlement": m.PlacePrecision.SETTLEMENT,
    "district": m.PlacePrecision.DISTRICT,
    "region": m.PlacePrecision.REGION,
    "country": m.PlacePrecision.COUNTRY,
}


def place_key(name: str, kind: str, region: str | None, country: str) -> str:
    """A place's identity. Top-level places (regions, cities of republican significance,
    countries) are known by name alone, because a chronicle's ``region`` field names them
    without saying which kind they are."""
    if not region:
        return f"{country}/{name}"
    return f"{country}/{region}/{kind}/{name}"


class PlaceCache:
    """Finds or creates :class:`~kuzet.store.models.Place` rows for extracted places."""

    def __init__(self) -> None:
        self._rows: dict[str, m.Place] = {}

    def get(self, place: cm.Place) -> m.Place:
        region = self._top_level(place.region, "region", place.country) if place.region else None
        if region is None:
            return self._top_level(place.name, place.kind, place.country, place)
        key = place_key(place.name, place.kind, place.region, place.country)
        row = self._rows.get(key)
        if row is None:
            row, _ = m.Place.objects.get_or_create(
                key=key,
                defaults=dict(
                    name=place.name,
                    kind=place.kind,
                    region=region,
                    country=place.country,
                    lat=place.lat,
                    lon=place.lon,
                    known=place.known,
                ),
            )
            self._rows[key] = row
        return row

    def _top_level(
        self, name: str, kind: str, country: str, place: cm.Place | None = None
    ) -> m.Place:
        key = place_key(name, kind, None, country)
        row = self._rows.get(key)
        if row is None:
            row, created = m.Place.objects.get_or_create(
                key=key,
                defaults=dict(
                    name=name,
                    kind=kind,
                    country=country,
                    lat=place.lat if place else None,
                    lon=place.lon if place else None,
                    known=place.known if place else True,
                ),
            )
            if not created and place is not None and row.kind != kind:
                # First seen as some entry's region; now we learn what it is.
                row.kind = kind
                row.lat = row.lat if row.lat is not None else place.lat
                row.lon = row.lon if row.lon is not None else place.lon
                row.save(update_fields=["kind", "lat", "lon"])
            self._rows[key] = row
        return row


class SourceCache:
    """Finds or creates :class:`~kuzet.store.models.Source` rows, in bulk."""

    def __init__(self) -> None:
        self._rows: dict[str, m.Source] = {}

    def load(self, urls: Iterable[str]) -> None:
        wanted = {u for u in urls if u not in self._rows}
        if not wanted:
            return
        missing = wanted - self._fetch(wanted)
        if missing:
            # ignore_conflicts: a concurrent ingest may have added the same source.
            m.Source.objects.bulk_create(
                [m.Source(url=u, domain=url_domain(u)) for u in sorted(missing)],
                ignore_conflicts=True,
                batch_size=500,
            )
            self._fetch(missing)

    def _fetch(self, urls: set[str]) -> set[str]:
        found: set[str] = set()
        ordered = sorted(urls)
        for i in range(0, len(ordered), 500):  # SQLite limits query parameters
            for row in m.Source.objects.filter(url__in=ordered[i : i + 500]):
                self._rows[row.url] = row
                found.add(row.url)
        return found

    def __getitem__(self, url: str) -> m.Source:
        return self._rows[url]


def date_fields(date: cm.Mention[cm.PartialDate] | None) -> dict[str, object]:
    """The entry's ``date*`` columns for an extracted date."""
    if date is None or date.value.year is None:
        return dict(
            date=None,
            date_precision=m.DatePrecision.UNKNOWN,
            date_start=date.start if date else None,
            date_end=date.end if date else None,
            date_text=date.text if date else "",
        )
    value = date.value
    return dict(
        date=_safe_date(value.year, value.month or 1, value.day or 1),  # type: ignore[arg-type]
        date_precision=value.precision,
        date_start=date.start,
        date_end=date.end,
        date_text=date.text,
    )


def _safe_date(year: int, month: int, day: int) -> dt.date | None:
    try:
        return dt.date(year, month, day)
    except ValueError:  # "31 June" as written: keep the month
        try:
            return dt.date(year, month, 1)
        except ValueError:
            return None


def place_fields(place: cm.Mention[cm.Place] | None, places: PlaceCache) -> dict[str, object]:
    """The entry's ``place*`` columns for an extracted place."""
    if place is None:
        return dict(
            place=None,
            place_precision=m.PlacePrecision.UNKNOWN,
            place_start=None,
            place_end=None,
            place_text="",
        )
    return dict(
        place=places.get(place.value),
        place_precision=_PRECISION_OF_KIND.get(place.value.kind, m.PlacePrecision.UNKNOWN),
        place_start=place.start,
        place_end=place.end,
        place_text=place.text,
    )


def child_rows(
    entry: m.Entry, record: cm.Record
) -> tuple[list[m.PersonMention], list[tuple[m.Sanction, str | None]], list[m.LegalRef], list[m.EntryType]]:
    """Unsaved rows for one entry's persons, sanctions (with the person key they name),
    legal references and types."""
    persons = [
        m.PersonMention(
            entry=entry,
            written=mn.value.written or mn.text,
            key=mn.value.name,
            role=mn.value.role,
            start=mn.start,
            end=mn.end,
            text=mn.text,
        )
        for mn in record.persons
    ]
    sanctions = [
        (
            m.Sanction(
                entry=entry,
                person_key=mn.value.person or "",
                kind=mn.value.kind,
                days=mn.value.days,
                amount_kzt=mn.value.amount_kzt,
                status=mn.value.status,
                start=mn.start,
                end=mn.end,
                text=mn.text,
            ),
            mn.value.person,
        )
        for mn in record.sanctions
    ]
    refs = [
        m.LegalRef(
            entry=entry,
            code=mn.value.code,
            article=mn.value.article,
            part=mn.value.part or "",
            start=mn.start,
            end=mn.end,
            text=mn.text,
        )
        for mn in record.legal_refs
    ]
    types = [
        m.EntryType(entry=entry, type_id=mn.value, start=mn.start, end=mn.end, text=mn.text)
        for mn in record.types
    ]
    return persons, sanctions, refs, types
