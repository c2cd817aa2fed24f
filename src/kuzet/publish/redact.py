"""Withholding names: what a published text shows of a confidential entry.

Pure string work. The store keeps, for each person named in an entry, where the
name stands (``start``/``end`` offsets) and how it was written; :func:`redact`
replaces those spans with a placeholder, then every other whole-word use of the
same names in the entry (the extractor may have found "Abenov R." but not the
later "Abenov's"), with the initials standing next to them.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from ..chronicle.knowledge import Knowledge, default_knowledge

__all__ = ["NameSpan", "name_words", "placeholder", "redact"]

DEFAULT_PLACEHOLDER = "[name withheld]"

# A word that is only an initial ("R.", "Zh.") names nobody by itself.
_INITIAL = re.compile(r"^[^\W\d_][^\W\d_]?\.?$")
_WORD = re.compile(r"[^\W\d_][\w'’-]*")


@dataclass(frozen=True, slots=True)
class NameSpan:
    """A person's name in an entry: its offsets (None when a person typed it in) and forms."""

    start: int | None
    end: int | None
    forms: tuple[str, ...]  # as written, the key ("Surname I."), ...


def placeholder(knowledge: Knowledge | None = None) -> str:
    """The words that stand for a withheld name (``name_withheld`` in ``publish.yaml``)."""
    words = (knowledge or default_knowledge()).lang("publish")
    return str(words.get("name_withheld") or DEFAULT_PLACEHOLDER)


def name_words(forms: Iterable[str]) -> list[str]:
    """The words of the names that identify someone: surnames and given names, not initials."""
    out: list[str] = []
    for form in forms:
        for word in _WORD.findall(form):
            word = word.rstrip("'’-")
            if len(word) >= 3 and word[0].isupper() and not _INITIAL.match(word) and word not in out:
                out.append(word)
    return sorted(out, key=len, reverse=True)  # longest first: "Abenova" before "Abenov"


def _merge(spans: Iterable[tuple[int, int]]) -> list[tuple[int, int]]:
    merged: list[tuple[int, int]] = []
    for start, end in sorted(spans):
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged


def redact(text: str, names: Sequence[NameSpan], mark: str = DEFAULT_PLACEHOLDER) -> str:
    """``text`` with every name in ``names`` replaced by ``mark``."""
    spans = [
        (n.start, n.end)
        for n in names
        if n.start is not None and n.end is not None and 0 <= n.start < n.end <= len(text)
    ]
    out = text
    for start, end in reversed(_merge(spans)):
        out = out[:start] + mark + out[end:]
    words = name_words(f for n in names for f in n.forms)
    if words:
        initial = r"(?:[^\W\d_]{1,2}\.\s?)"
        alternatives = "|".join(re.escape(w) for w in words)
        pattern = re.compile(
            rf"(?<![\w\[]){initial}{{0,2}}(?:{alternatives})(?![\w])(?:\s{initial}{{1,2}}(?=[\s,;:)]|$))?"
        )
        out = pattern.sub(mark, out)
    # Initials standing next to a withheld name would still point at the person.
    initials = r"(?:[^\W\d_]{1,2}\.\s?){1,2}"
    out = re.sub(rf"(?<![\w.]){initials}{re.escape(mark)}", mark, out)
    out = re.sub(rf"{re.escape(mark)}(?:\s[^\W\d_]{{1,2}}\.){{1,2}}(?=\s|$)", mark, out)
    # "[name withheld] [name withheld]" says no more than one.
    return re.sub(rf"{re.escape(mark)}(?:\s*{re.escape(mark)})+", mark, out)
