"""The API's response shapes (they make the OpenAPI document and are validated)."""

from __future__ import annotations

from ninja import Schema

__all__ = [
    "Appearance",
    "DocumentOut",
    "EntryOut",
    "EntryPage",
    "Error",
    "FigureOut",
    "FigureRow",
    "LegalRef",
    "PersonListItem",
    "PersonOut",
    "PersonPage",
    "PersonRef",
    "PersonSummary",
    "Place",
    "PlaceCount",
    "Related",
    "SanctionOut",
    "Source",
    "StatsOut",
]


class Error(Schema):
    detail: str
    param: str | None = None


class Place(Schema):
    id: int
    name: str
    kind: str
    region: str | None
    country: str
    lat: float | None
    lon: float | None


class PersonRef(Schema):
    name: str  # the record's key, "Surname I."
    written: str
    role: str
    person_id: int | None
    start: int | None
    end: int | None


class LegalRef(Schema):
    code: str
    article: str
    part: str | None
    title: str | None = None
    start: int | None
    end: int | None


class SanctionOut(Schema):
    kind: str
    days: int | None
    amount_kzt: int | None
    person: str | None
    person_id: int | None
    status: str
    start: int | None
    end: int | None


class Source(Schema):
    footnote: int
    url: str
    original_url: str
    domain: str


class EntryOut(Schema):
    id: int
    url: str
    document: str
    n: int
    date: str | None
    date_precision: str
    place: Place | None
    text: str
    persons: list[PersonRef]
    legal_refs: list[LegalRef]
    sanctions: list[SanctionOut]
    types: list[str]
    sources: list[Source]
    review_status: str
    created_at: str
    updated_at: str


class EntryPage(Schema):
    results: list[EntryOut]
    next_cursor: str | None
    next: str | None  # the URL of the next page, or null on the last one


class PersonListItem(Schema):
    id: int
    name: str
    entries: int
    url: str


class PersonPage(Schema):
    results: list[PersonListItem]
    next_cursor: str | None
    next: str | None


class Appearance(Schema):
    entry_id: int
    document: str
    n: int
    date: str | None
    date_precision: str
    place: str | None
    written: str
    role: str
    types: list[str]
    articles: list[LegalRef]
    sanctions: list[SanctionOut]


class PersonSummary(Schema):
    entries: int
    first_date: str | None
    last_date: str | None
    arrest_days: int
    arrests: int
    fines_kzt: int
    prison_terms_days: list[int]
    latest_measure: SanctionOut | None
    latest_measure_entry_id: int | None


class Related(Schema):
    id: int
    name: str
    shared_entries: int


class PersonOut(Schema):
    id: int
    name: str
    aliases: list[str]
    url: str
    summary: PersonSummary
    timeline: list[Appearance]
    related: list[Related]


class PlaceCount(Schema):
    id: int
    name: str
    kind: str
    region: str | None
    lat: float | None
    lon: float | None
    entries: int  # entries at this place itself
    entries_within: int  # with the places within it (a region's towns)


class FigureRow(Schema):
    keys: list[str]
    value: int
    extra: list[int | None]
    entries_url: str | None


class FigureOut(Schema):
    counts: str  # what the numbers count: entries, sanctions
    columns: list[str]
    rows: list[FigureRow]


class StatsOut(Schema):
    as_of: str | None
    entries: int
    per: str
    figures: dict[str, FigureOut]


class DocumentOut(Schema):
    key: str
    period: str
    name: str
    title: str
    format: str
    entries: int
    lint_findings: list[dict[str, object]]
    ingested_at: str
    updated_at: str
