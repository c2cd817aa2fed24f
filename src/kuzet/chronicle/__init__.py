"""The chronicle library: reading, checking and extracting chronicles.

Pure: no Django, no database, no network, no clock. Knowledge (places, articles,
month names, event types) comes from data files under ``kuzet/chronicle/data``,
replaceable by an organisation's own.
"""

from __future__ import annotations

from .errors import DataFileError, KuzetError, NotAChronicle, PeriodError, ReadError
from .model import (
    Chrome,
    Document,
    Entry,
    LegalRef,
    Mention,
    PartialDate,
    Period,
    Person,
    Place,
    Record,
    Reference,
    Sanction,
)

__all__ = [
    "Chrome",
    "DataFileError",
    "Document",
    "Entry",
    "KuzetError",
    "LegalRef",
    "Mention",
    "NotAChronicle",
    "PartialDate",
    "Period",
    "PeriodError",
    "Person",
    "Place",
    "ReadError",
    "Record",
    "Reference",
    "Sanction",
]
