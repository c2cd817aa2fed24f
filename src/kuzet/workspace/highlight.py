"""Marking up entry text: where each extracted value came from, and search matches.

Offsets are stored with every extracted value (``text[start:end]``); here they become
pieces of text that each know which fields cover them, so the template can wrap them
in ``<mark>`` with the field's colour and a tooltip. Footnote markers ``[12]`` become
links to the entry's sources.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from itertools import pairwise

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

__all__ = ["FOOTNOTE_RE", "Piece", "Span", "pieces", "query_terms", "snippet"]

FOOTNOTE_RE = re.compile(r"\[(\d{1,4})\]")
_TERM_RE = re.compile(r"[^\W_][\w'’-]*", re.UNICODE)
_STOP = frozenset({"and", "or", "not", "near"})


@dataclass(frozen=True, slots=True)
class Span:
    """An extracted value's place in the text."""

    start: int
    end: int
    field: str  # date, place, person, legal_ref, sanction, type
    label: str  # what a reader sees on hover: "person: Testova A. (subject)"
    ref: str  # id of the structured item beside the text, for cross-highlighting


@dataclass(frozen=True, slots=True)
class Piece:
    text: str
    spans: tuple[Span, ...] = ()
    footnote: int | None = None

    @property
    def fields(self) -> str:
        return " ".join(dict.fromkeys(s.field for s in self.spans))

    @property
    def primary(self) -> Span | None:
        """The narrowest span: the most specific value these characters belong to."""
        return min(self.spans, key=lambda s: s.end - s.start) if self.spans else None

    @property
    def title(self) -> str:
        return "\n".join(s.label for s in self.spans)

    @property
    def refs(self) -> str:
        return " ".join(s.ref for s in self.spans)


def _valid(span: Span, length: int) -> bool:
    return 0 <= span.start < span.end <= length


def pieces(text: str, spans: list[Span]) -> list[Piece]:
    """Split ``text`` at every span and footnote boundary.

    Spans whose offsets do not fit the text (a value typed in by a person, or an entry
    edited after extraction) are left out rather than mark the wrong words.
    """
    good = [s for s in spans if _valid(s, len(text))]
    notes = {m.start(): (m.end(), int(m.group(1))) for m in FOOTNOTE_RE.finditer(text)}
    cuts = {0, len(text)}
    for s in good:
        cuts.update((s.start, s.end))
    for start, (end, _) in notes.items():
        cuts.update((start, end))
    bounds = sorted(cuts)
    out: list[Piece] = []
    for a, b in pairwise(bounds):
        covering = tuple(s for s in good if s.start <= a and b <= s.end)
        note = notes[a][1] if a in notes and notes[a][0] == b else None
        out.append(Piece(text[a:b], covering, note))
    return out


def query_terms(q: str) -> list[str]:
    """The words of a search query worth highlighting (no operators, no one-letter words)."""
    terms = [t for t in _TERM_RE.findall(q) if len(t) > 1 and t.lower() not in _STOP]
    return list(dict.fromkeys(terms))[:20]


def _term_pattern(terms: list[str]) -> re.Pattern[str] | None:
    if not terms:
        return None
    # A prefix match, because the full-text index matches word forms ("detain" finds
    # "detained"); longest first so that one term does not cut another short.
    alts = "|".join(re.escape(t) for t in sorted(terms, key=len, reverse=True))
    return re.compile(rf"(?<!\w)(?:{alts})\w*", re.IGNORECASE | re.UNICODE)


def snippet(text: str, terms: list[str], words: int = 32) -> SafeString:
    """The first ``words`` words, or a window around the first match, matches marked."""
    clean = FOOTNOTE_RE.sub("", text)
    pattern = _term_pattern(terms)
    tokens = list(re.finditer(r"\S+", clean))
    if not tokens:
        return mark_safe("")
    first = pattern.search(clean) if pattern else None
    start_tok = 0
    if first is not None:
        hit = next(i for i, t in enumerate(tokens) if t.end() > first.start())
        if hit >= words - 4:
            start_tok = max(0, hit - 8)
    end_tok = min(len(tokens), start_tok + words)
    a, b = tokens[start_tok].start(), tokens[end_tok - 1].end()
    window = clean[a:b]
    body = _mark(window, pattern)
    lead = "… " if start_tok > 0 else ""
    tail = " …" if end_tok < len(tokens) else ""
    return mark_safe(f"{lead}{body}{tail}")


def _mark(window: str, pattern: re.Pattern[str] | None) -> str:
    if pattern is None:
        return str(escape(window))
    out, pos = [], 0
    for m in pattern.finditer(window):
        out.append(str(escape(window[pos : m.start()])))
        out.append(f"<mark>{escape(m.group(0))}</mark>")
        pos = m.end()
    out.append(str(escape(window[pos:])))
    return "".join(out)
