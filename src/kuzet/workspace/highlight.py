"""Marking up entry text: where each extracted value came from, and search matches.

Offsets are stored with every extracted value (``text[start:end]``); here they become
pieces of text that each know which fields cover them, so the template can wrap them
in ``<mark>`` with the field's colour and a tooltip. Footnote markers ``[12]`` become
links to the entry's sources.
"""

from __future__ import annotations

import functools
import html
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from itertools import pairwise

from django.utils.safestring import SafeString, mark_safe

__all__ = ["FOOTNOTE_RE", "Piece", "Span", "pieces", "query_terms", "snippet", "snippets"]

FOOTNOTE_RE = re.compile(r"\[(\d{1,4})\]")
_TERM_RE = re.compile(r"[^\W_][\w'’-]*", re.UNICODE)
_WORD_RE = re.compile(r"\S+")
_NON_SPACE = re.compile(r"\S")
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


def _term_pattern(terms: Sequence[str]) -> re.Pattern[str] | None:
    if not terms:
        return None
    # A prefix match, because the full-text index matches word forms ("detain" finds
    # "detained"); longest first so that one term does not cut another short.
    alts = "|".join(re.escape(t) for t in sorted(terms, key=len, reverse=True))
    return re.compile(rf"(?<!\w)(?:{alts})\w*", re.IGNORECASE | re.UNICODE)


def snippet(text: str, terms: list[str], words: int = 32) -> SafeString:
    """The first ``words`` words, or a window around the first match, matches marked."""
    return _snippet(text, _term_pattern(terms), words)


def snippets(texts: Iterable[str], terms: list[str], words: int = 32) -> list[SafeString]:
    """:func:`snippet` of each text (the terms' pattern made once)."""
    pattern = _term_pattern(terms)
    return [_snippet(text, pattern, words) for text in texts]


def _snippet(text: str, pattern: re.Pattern[str] | None, words: int) -> SafeString:
    clean = FOOTNOTE_RE.sub("", text)
    first = pattern.search(clean) if pattern else None
    if words > 0 and (first is None or _words_before(clean, first.start()) < words - 4):
        # The window is the first words: found by one pattern, not word by word.
        window = _first_words(words).search(clean)
        if window is None:
            return mark_safe("")
        tail = " …" if _NON_SPACE.search(clean, window.end()) else ""
        return mark_safe(f"{_mark(window.group(), pattern)}{tail}")
    # The words are read only as far as the window (and one more, to know whether the
    # text goes on): an entry is often much longer than its snippet.
    tokens: list[re.Match[str]] = []
    start_tok = 0
    placed = first is None  # whether the window's first word is known
    for token in _WORD_RE.finditer(clean):
        tokens.append(token)
        if not placed and token.end() > first.start():  # type: ignore[union-attr]
            placed = True
            hit = len(tokens) - 1
            if hit >= words - 4:
                start_tok = max(0, hit - 8)
        if placed and len(tokens) > start_tok + words:
            break
    if not tokens:
        return mark_safe("")
    end_tok = min(len(tokens), start_tok + words)
    a, b = tokens[start_tok].start(), tokens[end_tok - 1].end()
    window = clean[a:b]
    body = _mark(window, pattern)
    lead = "… " if start_tok > 0 else ""
    tail = " …" if end_tok < len(tokens) else ""
    return mark_safe(f"{lead}{body}{tail}")


def _words_before(text: str, at: int) -> int:
    """How many words of ``text`` end at or before ``at``: the index of the first word
    that ends after it."""
    before = len(text[:at].split())
    inside = 0 < at < len(text) and not text[at - 1].isspace() and not text[at].isspace()
    return before - 1 if inside else before  # the last one goes on past ``at``


@functools.lru_cache(maxsize=8)
def _first_words(words: int) -> re.Pattern[str]:
    """The first ``words`` words of a text (fewer if it has fewer), spaces between."""
    return re.compile(rf"\S+(?:\s+\S+){{0,{words - 1}}}")


def _mark(window: str, pattern: re.Pattern[str] | None) -> str:
    if pattern is None:
        return html.escape(window)
    out, pos = [], 0
    for m in pattern.finditer(window):
        out.append(html.escape(window[pos : m.start()]))
        out.append(f"<mark>{html.escape(m.group(0))}</mark>")
        pos = m.end()
    out.append(html.escape(window[pos:]))
    return "".join(out)
