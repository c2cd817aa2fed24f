"""The export's tables: what each holds, its columns, and its rows streamed from the store.

One :class:`Table` per kind of record (documents, places, entries, persons,
person mentions, legal references, sanctions, entry types, sources, citations),
each a list of :class:`Column` (name, SQL type, description, foreign key) and a
function that yields rows for a :class:`Scope` — the entries a filter selects,
with names withheld in confidential entries. Rows are read with
``values_list(...).iterator(chunk_size=...)``: memory does not grow with the store.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Q, QuerySet

from ..chronicle.knowledge import Knowledge, default_knowledge
from ..store import models as m
from ..store.selectors import EntryFilter
from .redact import NameSpan, redact
from .selection import CHUNK, Withholding, publication_filter, selected_entries

__all__ = ["NOT_EXPORTED", "TABLES", "Column", "Scope", "Table", "partial_date", "table"]

Row = tuple[Any, ...]


@dataclass(frozen=True, slots=True)
class Column:
    name: str
    type: str  # SQLite type: TEXT, INTEGER, REAL
    description: str
    references: tuple[str, str] | None = None  # (table, column)


@dataclass(frozen=True, slots=True)
class Table:
    name: str
    description: str
    columns: tuple[Column, ...]
    rows: Callable[[Scope], Iterator[Row]]
    label: str | None = None  # the column that names a row, for Datasette

    @property
    def column_names(self) -> tuple[str, ...]:
        return tuple(c.name for c in self.columns)


@dataclass
class Scope:
    """The entries an export covers and how names are withheld."""

    f: EntryFilter
    withholding: Withholding
    knowledge: Knowledge = field(default_factory=default_knowledge)

    def __post_init__(self) -> None:
        self.f = publication_filter(self.f)

    def entries(self) -> QuerySet[m.Entry]:
        return selected_entries(self.f, order="document")

    def entry_ids(self) -> QuerySet[m.Entry, dict[str, Any]]:
        return self.entries().order_by().values("pk")

    def withheld_ids(self) -> QuerySet[m.Entry, dict[str, Any]]:
        """Confidential entries: every name in them is withheld."""
        if not self.withholding.withhold:
            return m.Entry.objects.none().values("pk")
        return self.entries().order_by().filter(confidential=True).values("pk")

    def hidden_mentions(self) -> QuerySet[m.PersonMention]:
        """Mentions whose names are withheld: in confidential entries, or confidential themselves."""
        if not self.withholding.withhold:
            return m.PersonMention.objects.none()
        return m.PersonMention.objects.filter(entry__in=self.entry_ids()).filter(
            Q(confidential=True) | Q(entry__in=self.withheld_ids())
        )

    def hidden(self) -> tuple[set[int], set[int]]:
        """(entries with a withheld name, withheld mention ids): few, so kept in memory."""
        rows = list(self.hidden_mentions().values_list("entry_id", "pk"))
        return {e for e, _ in rows}, {p for _, p in rows}

    @property
    def mark(self) -> str:
        return self.withholding.mark


def partial_date(date: dt.date | None, precision: str) -> str:
    """``2024-03-05``, ``2024-03`` or ``2024``, as much as is known."""
    if date is None or precision == "unknown":
        return ""
    iso = date.isoformat()
    return {"month": iso[:7], "year": iso[:4]}.get(precision, iso)


def _stamp(value: dt.datetime | None) -> str | None:
    return value.isoformat() if value else None


def _stream(qs: QuerySet[Any], *fields: str) -> Iterator[Row]:
    return qs.values_list(*fields).order_by("pk").iterator(chunk_size=CHUNK)


# --- documents, places ---------------------------------------------------------------------


def _documents(scope: Scope) -> Iterator[Row]:
    qs = m.Document.objects.filter(pk__in=scope.entries().order_by().values("document_id"))
    for row in _stream(qs, "pk", "key", "period", "name", "title", "format", "sha256", "forced",
                       "ingested_at", "updated_at"):
        yield row[:8] + (_stamp(row[8]), _stamp(row[9]))


def _places(scope: Scope) -> Iterator[Row]:
    used = scope.entries().order_by().exclude(place=None)
    qs = m.Place.objects.filter(Q(pk__in=used.values("place_id")) | Q(pk__in=used.values("place__region_id")))
    yield from _stream(qs, "pk", "key", "name", "kind", "region_id", "country", "lat", "lon", "known")


# --- entries ----------------------------------------------------------------------------------

ENTRY_FIELDS = (
    "pk", "document_id", "document__key", "n", "line", "date", "date_precision", "date_text",
    "date_start", "date_end", "date_confirmed", "place_id", "place__name", "place__region__name",
    "place_precision", "place_text", "place_start", "place_end", "place_confirmed",
    "review_status", "confidential", "created_at", "updated_at", "text",
)


def _names(mention_ids: set[int], entry_id: int) -> list[NameSpan]:
    return [
        NameSpan(s, e, tuple(x for x in (w, k, t) if x))
        for pk, s, e, w, k, t in m.PersonMention.objects.filter(entry_id=entry_id).values_list(
            "pk", "start", "end", "written", "key", "text"
        )
        if pk in mention_ids
    ]


def _entries(scope: Scope) -> Iterator[Row]:
    entries_hidden, mentions_hidden = scope.hidden()
    for row in scope.entries().values_list(*ENTRY_FIELDS).iterator(chunk_size=CHUNK):
        (pk, doc_id, doc, n, line, date, precision, date_text, ds, de, dc, place_id, place, region,
         pprec, ptext, ps, pe, pc, status, confidential, created, updated, text) = row
        if pk in entries_hidden:
            text = redact(text, _names(mentions_hidden, pk), scope.mark)
            # the date and place words stay; their offsets point into the original text
            ds = de = ps = pe = None
        yield (pk, doc_id, doc, n, line, partial_date(date, precision), precision, date_text, ds, de,
               dc, place_id, place, region or place, pprec, ptext, ps, pe, pc, status, confidential,
               _stamp(created), _stamp(updated), text)


# --- persons and their mentions ------------------------------------------------------------


def _persons(scope: Scope) -> Iterator[Row]:
    shown = m.PersonMention.objects.filter(entry__in=scope.entry_ids()).exclude(pk__in=scope.hidden_mentions().values("pk"))
    qs = m.Person.objects.filter(pk__in=shown.values("person_id"))
    for pk, name, created, updated in _stream(qs, "pk", "name", "created_at", "updated_at"):
        yield pk, name, _stamp(created), _stamp(updated)


def _mentions(scope: Scope) -> Iterator[Row]:
    _, hidden = scope.hidden()
    qs = m.PersonMention.objects.filter(entry__in=scope.entry_ids())
    for pk, entry_id, person_id, key, written, role, confidential, start, end, text, confirmed in _stream(
        qs, "pk", "entry_id", "person_id", "key", "written", "role", "confidential", "start", "end", "text",
        "confirmed",
    ):
        if pk in hidden:
            person_id, key, written, start, end, text = None, scope.mark, scope.mark, None, None, scope.mark
        yield pk, entry_id, person_id, key, written, role, confidential, start, end, text, confirmed


def _legal_refs(scope: Scope) -> Iterator[Row]:
    articles = scope.knowledge.articles
    qs = m.LegalRef.objects.filter(entry__in=scope.entry_ids())
    for pk, entry_id, code, article, part, start, end, text, confirmed in _stream(
        qs, "pk", "entry_id", "code", "article", "part", "start", "end", "text", "confirmed"
    ):
        title = articles.title(code, article, part=part or None) or ""
        yield pk, entry_id, code, article, part, title, start, end, text, confirmed


def _sanctions(scope: Scope) -> Iterator[Row]:
    withheld = set(scope.withheld_ids().values_list("pk", flat=True))
    hidden_keys = set(scope.hidden_mentions().values_list("entry_id", "key"))
    _, hidden = scope.hidden()
    qs = m.Sanction.objects.filter(entry__in=scope.entry_ids())
    for row in _stream(qs, "pk", "entry_id", "mention_id", "person_key", "kind", "days", "amount_kzt",
                       "status", "start", "end", "text", "confirmed"):
        if row[3] and (row[1] in withheld or row[2] in hidden or (row[1], row[3]) in hidden_keys):
            row = row[:3] + (scope.mark,) + row[4:]
        yield row


def _types(scope: Scope) -> Iterator[Row]:
    taxonomy = scope.knowledge.taxonomy
    labels = {t: taxonomy.get(t).label() for t in taxonomy.ids}
    qs = m.EntryType.objects.filter(entry__in=scope.entry_ids())
    for pk, entry_id, type_id, start, end, text, confirmed in _stream(
        qs, "pk", "entry_id", "type_id", "start", "end", "text", "confirmed"
    ):
        yield pk, entry_id, type_id, labels.get(type_id, type_id), start, end, text, confirmed


def _sources(scope: Scope) -> Iterator[Row]:
    qs = m.Source.objects.filter(pk__in=m.Citation.objects.filter(entry__in=scope.entry_ids()).values("source_id"))
    yield from _stream(qs, "pk", "url", "domain")


def _citations(scope: Scope) -> Iterator[Row]:
    qs = m.Citation.objects.filter(entry__in=scope.entry_ids())
    yield from _stream(qs, "pk", "entry_id", "source_id", "footnote", "original_url", "position")


def _offsets(what: str) -> tuple[Column, ...]:
    return (
        Column("start", "INTEGER", f"where the {what} starts in the entry's text (empty: typed in by a person)"),
        Column("end", "INTEGER", f"where the {what} ends in the entry's text"),
        Column("text", "TEXT", f"the words the {what} was read from"),
        Column("confirmed", "INTEGER", "1 when a person checked this value"),
    )


def _id(what: str) -> Column:
    return Column("id", "INTEGER", f"the {what}'s id in this Kuzet instance")


def _entry_fk() -> Column:
    return Column("entry_id", "INTEGER", "the entry", ("entries", "id"))


TABLES: tuple[Table, ...] = (
    Table("documents", "Chronicle files as ingested: one per month (or other key).", (
        _id("document"),
        Column("key", "TEXT", "the document's key: its period YYYY-MM unless named otherwise"),
        Column("period", "TEXT", "the month the chronicle covers, YYYY-MM"),
        Column("name", "TEXT", "file name as ingested"),
        Column("title", "TEXT", "title line of the chronicle"),
        Column("format", "TEXT", "txt, md, html or docx"),
        Column("sha256", "TEXT", "SHA-256 of the file's bytes"),
        Column("forced", "INTEGER", "1: stored despite lint errors"),
        Column("ingested_at", "TEXT", "first ingest (ISO 8601)"),
        Column("updated_at", "TEXT", "last ingest that changed something (ISO 8601)"),
    ), _documents, label="key"),
    Table("places", "Places where entries happened, and the regions they lie in (gazetteer rows).", (
        _id("place"),
        Column("key", "TEXT", "unique key country/kind/name[/region]"),
        Column("name", "TEXT", "canonical English name"),
        Column("kind", "TEXT", "city, settlement, district, region or country"),
        Column("region_id", "INTEGER", "the region (or city of republican significance) it lies in", ("places", "id")),
        Column("country", "TEXT", "ISO 3166 country code"),
        Column("lat", "REAL", "latitude (WGS 84), when known"),
        Column("lon", "REAL", "longitude (WGS 84), when known"),
        Column("known", "INTEGER", "0: not in the gazetteer, taken as written"),
    ), _places, label="name"),
    Table("entries", "Incidents: one paragraph of a chronicle each, with its date, place and status.", (
        _id("entry"),
        Column("document_id", "INTEGER", "the chronicle it comes from", ("documents", "id")),
        Column("document", "TEXT", "the chronicle's key"),
        Column("n", "INTEGER", "position in the chronicle, from 1"),
        Column("line", "INTEGER", "line in the source file, when known"),
        Column("date", "TEXT", "the date as precisely as known: YYYY-MM-DD, YYYY-MM or YYYY"),
        Column("date_precision", "TEXT", "day, month, year or unknown"),
        Column("date_text", "TEXT", "the date's words in the text"),
        Column("date_start", "INTEGER", "where the date's words start in the text"),
        Column("date_end", "INTEGER", "where the date's words end in the text"),
        Column("date_confirmed", "INTEGER", "1 when a person checked the date"),
        Column("place_id", "INTEGER", "the place", ("places", "id")),
        Column("place", "TEXT", "the place's name"),
        Column("region", "TEXT", "the region it lies in (or the place itself when it is one)"),
        Column("place_precision", "TEXT", "settlement, district, region, country or unknown"),
        Column("place_text", "TEXT", "the place's words in the text"),
        Column("place_start", "INTEGER", "where the place's words start in the text"),
        Column("place_end", "INTEGER", "where the place's words end in the text"),
        Column("place_confirmed", "INTEGER", "1 when a person checked the place"),
        Column("review_status", "TEXT", "draft, in_review, verified or published"),
        Column("confidential", "INTEGER", "1: every name in this entry is withheld from publications"),
        Column("created_at", "TEXT", "when the entry was first stored (ISO 8601)"),
        Column("updated_at", "TEXT", "when it last changed (ISO 8601)"),
        Column("text", "TEXT", "the paragraph as written, footnote markers included"),
    ), _entries, label="text"),
    Table("persons", "People, as linked across entries and months.", (
        _id("person"),
        Column("name", "TEXT", "canonical name, 'Surname I.'"),
        Column("created_at", "TEXT", "when the person was first linked (ISO 8601)"),
        Column("updated_at", "TEXT", "when the person last changed (ISO 8601)"),
    ), _persons, label="name"),
    Table("person_mentions", "A person named in an entry, with their role.", (
        _id("mention"), _entry_fk(),
        Column("person_id", "INTEGER", "the person this name belongs to", ("persons", "id")),
        Column("key", "TEXT", "the name as a key, 'Surname I.'"),
        Column("written", "TEXT", "the name as written"),
        Column("role", "TEXT", "subject (the entry is about them) or other"),
        Column("confidential", "INTEGER", "1: the person asked not to be named; the name is withheld"),
    ) + _offsets("name"), _mentions, label="key"),
    Table("legal_refs", "Articles of a code an entry cites.", (
        _id("reference"), _entry_fk(),
        Column("code", "TEXT", "CC (Criminal Code), CAO (Code of Administrative Offences), CPC, OTHER"),
        Column("article", "TEXT", "article number as written"),
        Column("part", "TEXT", "part, when given"),
        Column("title", "TEXT", "the article's title, when Kuzet's table has it"),
    ) + _offsets("citation"), _legal_refs),
    Table("sanctions", "Penalties and measures an entry reports.", (
        _id("sanction"), _entry_fk(),
        Column("mention_id", "INTEGER", "the person mention it was given to", ("person_mentions", "id")),
        Column("person_key", "TEXT", "the person's name key as extracted"),
        Column("kind", "TEXT", "imprisonment, restriction_of_liberty, administrative_arrest, fine, ..."),
        Column("days", "INTEGER", "length in days (years x 365, months x 30)"),
        Column("amount_kzt", "INTEGER", "a fine's amount in tenge"),
        Column("status", "TEXT", "imposed, requested (by a prosecutor), upheld (on appeal) or served"),
    ) + _offsets("sanction"), _sanctions),
    Table("entry_types", "The event types of each entry (an entry may have several).", (
        _id("type row"), _entry_fk(),
        Column("type_id", "TEXT", "the taxonomy id: detention, administrative_arrest, ..."),
        Column("label", "TEXT", "the type's name"),
    ) + _offsets("type's evidence"), _types, label="label"),
    Table("sources", "Web pages the entries cite (tracking parameters removed).", (
        _id("source"),
        Column("url", "TEXT", "canonical URL"),
        Column("domain", "TEXT", "the site, without www."),
    ), _sources, label="url"),
    Table("citations", "Which entry cites which source, through which footnote.", (
        _id("citation"), _entry_fk(),
        Column("source_id", "INTEGER", "the source", ("sources", "id")),
        Column("footnote", "INTEGER", "the footnote number in the chronicle"),
        Column("original_url", "TEXT", "the URL as written in the reference list"),
        Column("position", "INTEGER", "order among the entry's footnotes"),
    ), _citations),
)

# Model fields deliberately left out of the export, and why (a test checks that every
# other field of these models is exported, so a new field is not silently dropped).
NOT_EXPORTED = {
    "document.lint_findings": "the checker's findings on the file: working notes, not data",
    "entry.facets": "index words computed from the other columns",
    "entry.facet_values": "the related tables' values, copied for counting search facets",
    "person.notes": "an editor's working notes about a person",
}


def table(name: str) -> Table:
    return next(t for t in TABLES if t.name == name)
