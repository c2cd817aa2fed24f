"""The context sanctions tests give the extractor: the persons named in the example
(so the tests do not depend on the persons extractor) and the legal references found."""

from __future__ import annotations

from kuzet.chronicle.extract import law
from kuzet.chronicle.extract.context import Context
from kuzet.chronicle.model import Mention, Period, Person


def sanction_context(text: str, persons: list[object]) -> Context:
    """``persons``: names as written, or (key, as written) pairs."""
    mentions = []
    for p in persons:
        key, written = (p, p) if isinstance(p, str) else p  # type: ignore[misc]
        i = text.index(written)
        mentions.append(Mention(i, i + len(written), written, Person(key, "subject", written)))
    ctx = Context.default(Period(2023, 6)).with_(persons=tuple(mentions))
    return ctx.with_(legal_refs=tuple(law.extract(text, context=ctx)))
