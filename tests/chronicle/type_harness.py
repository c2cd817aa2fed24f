"""The event types extraction gives one entry, for the tables of wording families
(``test_types_families.py``, ``test_types_dev3.py``, ``test_types_dev4.py``). The whole
pipeline runs, because some families depend on the legal references and sanctions
found in the entry."""

from __future__ import annotations

from kuzet.chronicle.extract import extract_entry
from kuzet.chronicle.model import Entry, Period


def types_of(text: str, period: Period) -> set[str]:
    """The types of ``text`` as entry 1 of a chronicle of ``period``."""
    record = extract_entry(Entry(n=1, text=text, refs=(1,)), doc=str(period), period=period)
    return {m.value for m in record.types}
