"""What an extractor knows besides the entry's text."""

from __future__ import annotations

from dataclasses import dataclass, fields

from ..knowledge import Knowledge, default_knowledge
from ..model import LegalRef, Mention, PartialDate, Period, Person, Place, Sanction

__all__ = ["Context"]


@dataclass(frozen=True)
class Context:
    """The document's period, the knowledge to use, and earlier extractors' results.

    Extractors run in a fixed order (dates, places, persons, law, sanctions,
    types); each later one may read what the earlier ones found here.
    """

    knowledge: Knowledge
    period: Period | None = None
    date: Mention[PartialDate] | None = None
    place: Mention[Place] | None = None
    persons: tuple[Mention[Person], ...] = ()
    legal_refs: tuple[Mention[LegalRef], ...] = ()
    sanctions: tuple[Mention[Sanction], ...] = ()

    @classmethod
    def default(cls, period: Period | None = None) -> Context:
        return cls(knowledge=default_knowledge(), period=period)

    def with_(self, **changes: object) -> Context:
        """A copy with some fields changed (``dataclasses.replace``, without its cost).

        ``extract_entry`` makes five of these per entry; ``replace`` re-runs the
        frozen ``__init__`` field by field, which showed in profiles. Copying the
        instance dictionary gives the same value.
        """
        unknown = changes.keys() - _FIELDS
        if unknown:
            raise TypeError(f"Context has no field {', '.join(sorted(unknown))}")
        new = object.__new__(Context)
        new.__dict__.update(self.__dict__)
        new.__dict__.update(changes)
        return new


_FIELDS = frozenset(f.name for f in fields(Context))
