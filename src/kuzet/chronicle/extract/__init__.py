"""Turn entries into records: one module per field, each with the same contract.

    extract(text: str, *, context: Context) -> list[Mention[T]]

An extractor never returns ``None`` and never raises on odd text: no match is
an empty list. Extractors run in order (dates, places, persons, law, sanctions,
types) and later ones read earlier results from the :class:`Context`.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from ..knowledge import Knowledge, default_knowledge
from ..model import Document, Entry, Period, Record
from . import dates, law, persons, places, sanctions, types
from .context import Context

__all__ = ["Context", "extract_document", "extract_entries", "extract_entry"]


def extract_entry(
    entry: Entry, *, doc: str, period: Period | None, knowledge: Knowledge | None = None
) -> Record:
    """Extract every field of one entry."""
    ctx = Context(knowledge=knowledge or default_knowledge(), period=period)
    text = entry.text
    found_dates = dates.extract(text, context=ctx)
    ctx = ctx.with_(date=found_dates[0] if found_dates else None)
    found_places = places.extract(text, context=ctx)
    ctx = ctx.with_(place=found_places[0] if found_places else None)
    ctx = ctx.with_(persons=tuple(persons.extract(text, context=ctx)))
    ctx = ctx.with_(legal_refs=tuple(law.extract(text, context=ctx)))
    ctx = ctx.with_(sanctions=tuple(sanctions.extract(text, context=ctx)))
    found_types = types.extract(text, context=ctx)
    return Record(
        doc=doc,
        n=entry.n,
        text=text,
        date=ctx.date,
        place=ctx.place,
        persons=ctx.persons,
        legal_refs=ctx.legal_refs,
        sanctions=ctx.sanctions,
        types=tuple(found_types),
        refs=entry.refs,
        extra_places=tuple(found_places[1:]),
    )


def extract_entries(
    entries: Iterable[Entry], *, doc: str, period: Period | None, knowledge: Knowledge | None = None
) -> Iterator[Record]:
    knowledge = knowledge or default_knowledge()
    for entry in entries:
        yield extract_entry(entry, doc=doc, period=period, knowledge=knowledge)


def extract_document(document: Document, *, knowledge: Knowledge | None = None) -> list[Record]:
    """Extract every entry of a document, in document order."""
    doc = str(document.period) if document.period else document.name
    return list(
        extract_entries(document.entries, doc=doc, period=document.period, knowledge=knowledge)
    )
