"""Case-insensitive patterns run on lower-cased text, where that finds the same matches.

Python's regular expressions are about twice as slow with ``IGNORECASE`` on
patterns that must be tried at every position. A pattern whose letters are all
lower case finds, run without ``IGNORECASE`` on ``text.lower()``, the same
matches at the same offsets as the case-insensitive pattern on ``text``, except:

- when lower-casing changes the length ("İ" becomes two characters): offsets
  would move;
- when the text holds a character that ``IGNORECASE`` treats as one of the
  pattern's letters but that lower-cases to something else: "ı" (dotless i) and
  "ſ" (long s) match "i" and "s", the Cyrillic "ᲀ" matches "в";
- a capital sigma, which lower-cases by its context (final "ς" or "σ").

:func:`lower_case` returns the lower-cased text only when none of these holds,
so a caller runs the fast pattern on it and otherwise the original pattern on
the text: the results are the same either way.

For whole regular expressions (the event-type cues) the letters are those the
pattern names (:func:`pattern_letters`, ranges included) and the test is
:func:`strict_risky_chars`, which also catches a character that lower-cases to
one letter while ``IGNORECASE`` matches it to another ("I" to both "i" and "ı"
when a pattern names both). :func:`folded` gives a prefilter a lower-cased copy
of a text that failed the test, so it can still tell which words the text has.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from functools import cache
from typing import Any

# The re module's internal parser, as the prefilter imports it (None where there is
# none: then no pattern's letters are known).
from ..prefilter import RE_CONSTANTS as _c
from ..prefilter import RE_PARSER as _sre_parse

__all__ = [
    "case_partners",
    "folded",
    "lower_case",
    "pattern_letters",
    "risky_chars",
    "strict_risky_chars",
]

_SIGMA = "Σ"  # "ΟΔΟΣ".lower() ends in "ς", a lone "Σ".lower() is "σ"


def lower_case(text: str, risky: re.Pattern[str]) -> str | None:
    """``text.lower()`` if a lower-case pattern finds the same matches in it, else None.

    ``risky`` is :func:`risky_chars` of the pattern's letters.
    """
    lowered = text.lower()
    if len(lowered) != len(text) or risky.search(text) is not None:
        return None
    return lowered


@cache
def risky_chars(letters: str) -> re.Pattern[str]:
    """Characters that ``IGNORECASE`` matches to one of ``letters`` but that lower-case
    to none of them (and the capital sigma), as one character class."""
    cased = {c for c in letters if c.lower() != c.upper()}
    risky = {_SIGMA}
    if cased:
        same = re.compile("[" + "".join(re.escape(c) for c in sorted(cased)) + "]", re.IGNORECASE)
        # the case-insensitive partners of letters all lie in the Basic Multilingual Plane
        risky.update(c for c in same.findall(_bmp()) if c.lower() not in cased)
    return re.compile("[" + "".join(re.escape(c) for c in sorted(risky)) + "]")


@cache
def _bmp() -> str:
    return "".join(map(chr, range(0x10000)))


# --------------------------------------------------------------------------- whole patterns


def pattern_letters(pattern: re.Pattern[str]) -> str | None:
    """Every character the pattern names (literals, in classes or not, and every member
    of a range), sorted, once each; None when the pattern cannot be read.

    ``[a-z]`` under ``IGNORECASE`` matches "ı" (its capital is "I"): the members of a
    range count as letters of the pattern, or that would go unseen. More letters than
    these do no harm (a text with one of their partners only takes the slower, exact
    way), so a pattern that writes no character by its code is read from its source:
    every character in it, and every range between the characters around a "-". That
    is ten times faster than parsing the pattern, which is done for the rest.
    """
    source = pattern.pattern
    if _BY_CODE.search(source) is None:
        out = set(source)
        for m in _HYPHEN.finditer(source):
            low, high = source[m.start() - 1], source[m.end()]
            if low < high:
                out.update(map(chr, range(ord(low), ord(high) + 1)))
        return "".join(sorted(out))
    return _parsed_letters(pattern)


# an escape that writes a character by its code or name ("\x41", "\N{...}"), or a range
# with an escape at one end ("\t-z", "a-\x7a"): the source does not show its characters
# ("\b" alone is a word boundary, "\t" alone a tab: neither is a letter)
_BY_CODE = re.compile(r"\\[0-9xuUN]|\\[abfnrtv]-|-\\")
_HYPHEN = re.compile(r"(?<=.)-(?=.)", re.DOTALL)


def _parsed_letters(pattern: re.Pattern[str]) -> str | None:
    """:func:`pattern_letters` from the parsed pattern: exactly the characters it names."""
    if _sre_parse is None:  # pragma: no cover - see the import
        return None
    out: set[str] = set()
    try:
        _collect(list(_sre_parse.parse(pattern.pattern, pattern.flags)), out)
    except (RecursionError, re.error, TypeError, ValueError):  # pragma: no cover - compiled
        return None
    return "".join(sorted(out))


def _collect(items: list[Any], out: set[str]) -> None:
    for op, arg in items:
        if op in (_c.LITERAL, _c.NOT_LITERAL):
            out.add(chr(arg))
        elif op is _c.RANGE:
            out.update(map(chr, range(arg[0], arg[1] + 1)))
        elif op is _c.IN:
            _collect(list(arg), out)
        else:  # groups, branches, repeats, look-arounds: read what they hold
            for part in arg if isinstance(arg, (tuple, list)) else (arg,):
                if isinstance(part, _sre_parse.SubPattern):
                    _collect(list(part), out)
                elif isinstance(part, list):  # a branch's alternatives
                    for sub in part:
                        _collect(list(sub), out)


@cache
def case_partners(letters: str) -> Mapping[str, frozenset[str]]:
    """Characters that ``IGNORECASE`` matches to one of ``letters`` but that lower-case
    to something else than that letter does: character -> every letter (lower-cased) it
    matches. "ı" -> {"i"}, "ſ" -> {"s"}; with "i" and "ı" among the letters, "I" ->
    {"i", "ı"}: it lower-cases to "i", yet matches "ı" too.
    """
    groups: dict[str, set[str]] = {}  # a letter's lower case -> the letters that have it
    for c in letters:
        if c.lower() != c.upper():  # an uncased character matches itself only
            groups.setdefault(c.lower(), set()).add(c)
    scanned = _bmp() if all(c < "\U00010000" for c in letters) else _every_char()
    matched: dict[str, set[str]] = {}  # character -> the lower cases of the letters it matches
    for low, group in groups.items():
        same = re.compile("[" + "".join(map(re.escape, sorted(group))) + "]", re.IGNORECASE)
        for c in set(same.findall(scanned)):
            matched.setdefault(c, set()).add(low)
    return {
        c: frozenset(lows) for c, lows in matched.items() if any(low != c.lower() for low in lows)
    }


@cache
def strict_risky_chars(letters: str) -> re.Pattern[str]:
    """The characters of :func:`case_partners` and the capital sigma, as one class: a
    text without them (whose lower case keeps its length) is one where a pattern with
    ``letters``, lower-cased, matches ``text.lower()`` exactly where the pattern
    matches ``text`` under ``IGNORECASE``. Stricter than :func:`risky_chars`, which lets
    "I" through when the letters hold both "i" and "ı"."""
    risky = {_SIGMA, *case_partners(letters)}
    return re.compile("[" + "".join(re.escape(c) for c in sorted(risky)) + "]")


def folded(text: str, partners: Mapping[str, frozenset[str]]) -> str | None:
    """``text`` lower-cased one character at a time, each of ``partners`` (from
    :func:`case_partners`) written as the letter it matches: as long as the text, and
    a pattern's lower-cased letters stand where its ``IGNORECASE`` matches have them.
    For prefilters (which words does the text have?), not for matching. None when a
    character matches letters that lower-case differently, stands for a letter of
    another kind (a word character for a mark), or lower-cases to several characters.
    """
    out = []
    for c in text:
        if c in partners:
            low = partners[c]
            if len(low) != 1:
                return None
            (stand_in,) = low
            if len(stand_in) != 1 or _wordy(stand_in) != _wordy(c):
                return None
        else:
            stand_in = c.lower()
            if len(stand_in) != 1:
                return None
        out.append(stand_in)
    return "".join(out)


def _wordy(c: str) -> bool:
    return c.isalnum() or c == "_"


@cache
def _every_char() -> str:
    return "".join(map(chr, range(0x110000)))
