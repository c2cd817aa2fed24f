"""Kuzet entries as rows of an ACLED-style event table, to compare with that dataset.

ACLED (the Armed Conflict Location & Event Data project) codes one row per event
with a fixed set of columns. Kuzet's entries map onto them as documented field by
field in ``docs/publishing.md``; in short: the event type comes from the entry's
types by a fixed precedence, the actors from who acted (police, courts and
officials; protesters), the location from the gazetteer, and the notes are the
entry's text (names withheld where the entry is confidential).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

__all__ = ["ACLED_COLUMNS", "acled_row", "event_type"]

ACLED_COLUMNS = (
    "event_id_cnty", "event_date", "year", "time_precision", "disorder_type", "event_type",
    "sub_event_type", "actor1", "assoc_actor_1", "inter1", "actor2", "assoc_actor_2", "inter2",
    "interaction", "civilian_targeting", "iso", "region", "country", "admin1", "admin2", "admin3",
    "location", "latitude", "longitude", "geo_precision", "source", "source_scale", "notes",
    "fatalities", "tags", "timestamp",
)

COUNTRY, ISO, REGION = "Kazakhstan", 398, "Caucasus and Central Asia"
POLICE = "Police Forces of Kazakhstan"
GOVERNMENT = "Government of Kazakhstan"
PROTESTERS = "Protesters (Kazakhstan)"
CIVILIANS = "Civilians (Kazakhstan)"
JOURNALISTS = "Journalists (Kazakhstan)"
UNIDENTIFIED = "Unidentified Group (Kazakhstan)"


@dataclass(frozen=True, slots=True)
class EventType:
    disorder: str
    event: str
    sub_event: str
    actor1: str
    actor2: str
    inter1: int  # ACLED's actor-type codes: 1 state forces, 6 protesters, 7 civilians
    inter2: int


_ARREST = EventType("Strategic developments", "Strategic developments", "Arrests", POLICE, CIVILIANS, 1, 7)
_PROTEST = EventType("Demonstrations", "Protests", "Peaceful protest", PROTESTERS, "", 6, 0)
_INTERVENTION = EventType("Demonstrations", "Protests", "Protest with intervention", PROTESTERS, POLICE, 6, 1)
_TORTURE = EventType("Political violence", "Violence against civilians", "Attack", POLICE, CIVILIANS, 1, 7)
# Chronicles often do not say who attacked; ACLED's code 8 is "other".
_ATTACK = EventType("Political violence", "Violence against civilians", "Attack", UNIDENTIFIED, CIVILIANS, 8, 7)
_OTHER = EventType("Strategic developments", "Strategic developments", "Other", GOVERNMENT, CIVILIANS, 1, 7)

# Kuzet types → ACLED type, by precedence: the first that applies wins.
PRECEDENCE: tuple[tuple[str, EventType], ...] = (
    ("remedy", _OTHER),  # an apology or acquittal about past abuse is not the abuse
    ("torture", _TORTURE),
    ("violence", _ATTACK),
    ("detention", _ARREST),
    ("administrative_arrest", _ARREST),
    ("pretrial_restraint", _ARREST),
)
_STATE_ACTS = ("detention", "administrative_arrest", "pretrial_restraint")
_MARKER = re.compile(r"\[\d{1,4}(?:\s*[,;]\s*\d{1,4})*\]")
_PRECISION = {"day": 1, "month": 3, "year": 3}
_GEO = {"city": 1, "settlement": 1, "district": 2, "region": 3, "country": 3}


def event_type(types: Sequence[str]) -> EventType:
    """The ACLED type of an entry with these Kuzet types."""
    if "protest" in types:
        return _INTERVENTION if any(t in types for t in _STATE_ACTS) else _PROTEST
    for kuzet, acled in PRECEDENCE:
        if kuzet in types:
            return acled
    return _OTHER


def _assoc(types: Sequence[str]) -> str:
    if "press_freedom" in types:
        return JOURNALISTS
    return ""


def acled_row(record: dict[str, Any]) -> dict[str, Any] | None:
    """One ACLED-style row from an export record (:func:`kuzet.publish.export.entry_record`);
    ``None`` for an entry without a date, which ACLED cannot hold."""
    date = record["date"]
    if not date or record["date_precision"] not in _PRECISION:
        return None
    types = record["types"]
    kind = event_type(types)
    place = record["place"] or {}
    admin1 = place.get("region") or (place.get("name") if place.get("kind") in ("region", "city") else "")
    event_date = date if len(date) == 10 else f"{date}-01" if len(date) == 7 else f"{date}-01-01"
    # ACLED's interaction: the two actor codes, lower first; one actor alone: its code and 0.
    low, high = sorted((kind.inter1, kind.inter2)) if kind.inter2 else (kind.inter1, 0)
    interaction = int(f"{low}{high}")
    sources = sorted({s["domain"] for s in record["sources"] if s.get("domain")})
    violent = kind.event == "Violence against civilians"
    return {
        "event_id_cnty": f"KUZ-{record['doc']}-{record['n']}",
        "event_date": event_date,
        "year": int(event_date[:4]),
        "time_precision": _PRECISION[record["date_precision"]],
        "disorder_type": kind.disorder,
        "event_type": kind.event,
        "sub_event_type": kind.sub_event,
        "actor1": kind.actor1,
        "assoc_actor_1": _assoc(types) if kind.actor1 == PROTESTERS else "",
        "inter1": kind.inter1,
        "actor2": kind.actor2,
        "assoc_actor_2": _assoc(types) if kind.actor2 == CIVILIANS else "",
        "inter2": kind.inter2 or "",
        "interaction": interaction,
        "civilian_targeting": "Civilian targeting" if violent else "",
        "iso": ISO,
        "region": REGION,
        "country": COUNTRY,
        "admin1": admin1 or "",
        "admin2": place.get("name") if place.get("kind") == "district" else "",
        "admin3": "",
        "location": place.get("name") or "",
        "latitude": place.get("lat") if place.get("lat") is not None else "",
        "longitude": place.get("lon") if place.get("lon") is not None else "",
        "geo_precision": _GEO.get(place.get("kind") or "", "") if place.get("lat") is not None else "",
        "source": "; ".join(sources),
        "source_scale": "",
        "notes": _MARKER.sub("", record["text"]).strip(),
        "fatalities": "" if violent else 0,
        "tags": "; ".join(types),
        "timestamp": "",
    }
