"""Which entries a publication shows, in what order, with which names withheld.

Every publication (chronicle, report, list, export) starts here, from the store's
:class:`~kuzet.store.selectors.EntryFilter`, so the CLI, the web and every format agree:

- only entries whose review status the caller allows, **published** by default;
- names are withheld — every person's in a confidential entry, and a confidential
  person mention's (someone who asked not to be named) in any entry — replaced by a
  placeholder using the stored offsets and the names' written forms, unless the
  caller asks for the names.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass

from django.db.models import F, QuerySet

from ..chronicle.knowledge import Knowledge
from ..store import models as m
from ..store.search import matching_entries
from ..store.selectors import EntryFilter, filtered_entries
from .redact import NameSpan, placeholder, redact

__all__ = [
    "ORDERS",
    "PUBLISHED",
    "Withholding",
    "name_span",
    "publication_filter",
    "selected_entries",
    "shown_text",
    "withheld_mentions",
]

PUBLISHED = (m.ReviewStatus.PUBLISHED.value,)
ORDERS = ("date", "document")
CHUNK = 2000  # rows fetched at a time when streaming


def publication_filter(f: EntryFilter) -> EntryFilter:
    """``f``, limited to published entries unless it names review statuses itself."""
    return f if f.statuses else dataclasses.replace(f, statuses=PUBLISHED)


def selected_entries(f: EntryFilter, *, order: str = "date") -> QuerySet[m.Entry]:
    """The entries ``f`` selects (its text query included), in ``order``.

    ``date``: by date, undated entries last, ties in document order; ``document``: by
    document key, then position, as the chronicles were written.
    """
    if order not in ORDERS:
        raise ValueError(f"order is one of {', '.join(ORDERS)}")
    qs = filtered_entries(f)
    if f.q.strip():
        narrowed = matching_entries(qs, f.q)
        qs = narrowed if narrowed is not None else qs.none()
    if order == "date":
        return qs.order_by(F("date").asc(nulls_last=True), "document__key", "n", "pk")
    return qs.order_by("document__key", "n", "pk")


def name_span(mention: m.PersonMention) -> NameSpan:
    return NameSpan(mention.start, mention.end, tuple(x for x in (mention.written, mention.key, mention.text) if x))


def withheld_mentions(entry: m.Entry) -> list[m.PersonMention]:
    """The mentions whose names a publication withholds (``person_mentions`` prefetched):
    all of a confidential entry's, else the confidential ones."""
    mentions = list(entry.person_mentions.all())
    return mentions if entry.confidential else [p for p in mentions if p.confidential]


@dataclass(frozen=True, slots=True)
class Withholding:
    """Whether and how names in confidential entries are withheld."""

    withhold: bool = True
    mark: str = ""  # the placeholder; from the language pack when empty

    @classmethod
    def default(cls, knowledge: Knowledge | None = None, *, withhold: bool = True) -> Withholding:
        return cls(withhold=withhold, mark=placeholder(knowledge))

    def applies(self, entry: m.Entry) -> bool:
        """Whether any name in ``entry`` is withheld (its ``person_mentions`` prefetched)."""
        return self.withhold and bool(withheld_mentions(entry))

    def hides(self, entry: m.Entry, mention: m.PersonMention) -> bool:
        return self.withhold and (entry.confidential or mention.confidential)


def shown_text(entry: m.Entry, withholding: Withholding) -> str:
    """The entry's text as a publication shows it."""
    if not withholding.withhold:
        return entry.text
    hidden = withheld_mentions(entry)
    if not hidden:
        return entry.text
    return redact(str(entry.text), [name_span(p) for p in hidden], withholding.mark or placeholder())


def iterate(qs: QuerySet[m.Entry], *related: str) -> Iterator[m.Entry]:
    """Stream ``qs`` in chunks, with ``related`` prefetched per chunk (bounded memory)."""
    if related:
        qs = qs.prefetch_related(*related)
    for entry in qs.iterator(chunk_size=CHUNK):
        yield entry
        # A prefetched child points back at its entry: a reference cycle that only the
        # cyclic collector would free, so memory would grow with the export. Break it.
        entry._prefetched_objects_cache = {}  # type: ignore[attr-defined]
        entry._state.fields_cache = {}


def last_day(d: dt.date) -> dt.date:
    following = dt.date(d.year + d.month // 12, d.month % 12 + 1, 1)
    return following - dt.timedelta(days=1)
