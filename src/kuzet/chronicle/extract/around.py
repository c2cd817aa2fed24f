"""The words around a cue that say it did not happen now: negation and dating.

A cue for an event type matches words ("detained", "acquitted"); the words
around it may say that the event did not happen ("police did *not* detain
anyone") or happened long before the entry ("was wrongly detained *in January
2022*"). Then the cue does not count. The regex structure is here; the words
(negations, prepositions, month names...) are the language's, in
``data/lang/<language>/types.yaml`` and ``dates.yaml``.

Used by ``types``: :meth:`Around.negated` and :meth:`Around.dated_before`.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from ..errors import DataFileError
from ..prefilter import for_lowered_text

__all__ = ["Around"]

# the full stop of an initial does not end a clause when a lower-case word or another
# initial follows ("the detention of Amirov K. in 2022", "Amirova K. Zh. was"); before a
# capitalised word it may end a sentence ("... detained Amirov K. In 2022 he ...")
_INITIAL_GOES_ON = r"\s+(?:[a-z]|[A-Z][a-z]?\.)"
_CLAUSE_END = re.compile(
    r"[;:!?()\[\]]|\."
    rf"(?!(?<=(?<![\w-])[A-Z]\.){_INITIAL_GOES_ON})"
    rf"(?!(?<=(?<![\w-])[A-Z][a-z]\.){_INITIAL_GOES_ON})"
)
_LOOK_BACK = 80  # characters before a cue searched for its negation or its date
# how far from the entry's own date a dated event still belongs to its story
_SLACK = timedelta(days=14)
# a day-and-month this far after the entry's date is last year's, not a plan
_AHEAD = timedelta(days=183)
_YEAR = r"(?:1[89]|20)\d\d"
_DAY = r"\d{1,2}(?:st|nd|rd|th)?"


@dataclass(frozen=True)
class Around:
    """Negation and dating for one language."""

    # a negation, a word of possibility ("may", "if"), ending where a cue starts;
    # each also compiled for the lower-cased text (None: case-sensitive parts)
    negation: re.Pattern[str] | None
    negation_lowered: re.Pattern[str] | None
    hypothetical: re.Pattern[str] | None
    hypothetical_lowered: re.Pattern[str] | None
    when: re.Pattern[str] | None  # any date (or word meaning "in the past")
    after: re.Pattern[str] | None  # a date right after a cue, in its clause
    before: re.Pattern[str] | None  # a date opening the clause of a cue
    months: Mapping[str, int]  # month name (lower case) -> number

    @classmethod
    def build(cls, words: Mapping[str, Any], dates: Mapping[str, Any], source: Path) -> Around:
        """From the language's types words and dates words; ``source`` names the file."""
        negation = _marker(words.get("negation") or {}, source)
        hypothetical = _marker(words.get("hypothetical") or {}, source)
        when, after, before, months = _dating(words.get("dating") or {}, dates, source)
        return cls(
            negation,
            for_lowered_text(negation) if negation is not None else None,
            hypothetical,
            for_lowered_text(hypothetical) if hypothetical is not None else None,
            when,
            after,
            before,
            months,
        )

    def negated(self, text: str, lowered: str | None, start: int) -> bool:
        """True if a negation stands right before the cue at ``start``.

        ``lowered`` is ``text.lower()`` when it has the same length, else None.
        """
        return _right_before(self.negation, self.negation_lowered, text, lowered, start)

    def possible(self, text: str, lowered: str | None, start: int) -> bool:
        """True if a word of possibility ("may be", "if", "faces") stands right before."""
        return _right_before(self.hypothetical, self.hypothetical_lowered, text, lowered, start)

    def any_before(self, text: str, reference: date) -> bool:
        """True if some date in the text lies before ``reference``: a quick first test."""
        if self.when is None:
            return False
        return any(self._before(m, reference) for m in self.when.finditer(text))

    def dated_before(self, text: str, start: int, end: int, reference: date) -> bool:
        """True if the cue at ``start:end`` is dated before ``reference``.

        The date follows the cue in its clause, within the window of words, or
        opens the clause the cue is in.
        """
        if self.after is None or self.before is None:
            return False
        clause_end = _CLAUSE_END.search(text, end)
        m = self.after.match(text, end, clause_end.start() if clause_end else len(text))
        if m is not None and self._before(m, reference):
            return True
        lo = max(0, start - _LOOK_BACK)
        clause_start = max((c.end() for c in _CLAUSE_END.finditer(text, lo, start)), default=lo)
        m = self.before.search(text, clause_start, start)
        return m is not None and self._before(m, reference)

    def _before(self, m: re.Match[str], reference: date) -> bool:
        """True if the date matched lies before the entry's time (see types.yaml)."""
        if m.group("past"):
            return True
        year_text = m.group("y") or m.group("y2")
        month = self.months.get(m.group("m").lower()) if m.group("m") else None
        day_text = m.group("d1") or m.group("d2")
        if month is None:  # a year alone
            return year_text is not None and int(year_text) < reference.year
        year = int(year_text) if year_text else reference.year
        if not day_text:  # a month: this month is now, an earlier one is not
            if year_text is None:
                return month != reference.month
            return (year, month) < (reference.year, reference.month)
        try:
            when = date(year, month, int(re.sub(r"\D", "", day_text)))
        except ValueError:
            return False
        if year_text is None and when > reference + _AHEAD:
            return True  # "on November 20" in a March entry: last November
        return when < reference - _SLACK


def _marker(section: Mapping[str, Any], source: Path) -> re.Pattern[str] | None:
    """A word of ``section["words"]``, then up to 3 of its ``gap`` words, at the end."""
    marker = _alternation(section.get("words", ()), source)
    if not marker:
        return None
    gap = _alternation(section.get("gap", ()), source)
    gaps = rf"(?:\s+(?:{gap})){{0,3}}" if gap else ""
    return re.compile(rf"(?<![\w-])(?:{marker}){gaps}[\s,]*\Z", re.IGNORECASE)


def _right_before(
    regex: re.Pattern[str] | None,
    lowered_regex: re.Pattern[str] | None,
    text: str,
    lowered: str | None,
    start: int,
) -> bool:
    lo = max(0, start - _LOOK_BACK)
    if lowered_regex is not None and lowered is not None:
        return lowered_regex.search(lowered, lo, start) is not None
    return regex is not None and regex.search(text, lo, start) is not None


def _dating(
    dating: Mapping[str, Any], dates: Mapping[str, Any], source: Path
) -> tuple[re.Pattern[str] | None, re.Pattern[str] | None, re.Pattern[str] | None, dict[str, int]]:
    """(any date, a date after a cue, a date before a cue, month numbers)."""
    months: dict[str, int] = {}
    names: list[str] = []
    for number, written in (dates.get("months") or {}).items():
        for name in written or ():
            months[str(name).lower()] = int(number)
            names.append(str(name))
    prepositions = _alternation(dating.get("prepositions", ()), source)
    if not prepositions or not months:
        return None, None, None, months
    # month names as written ("May" the month, not "may" the verb)
    month = "(?-i:" + "|".join(re.escape(n) for n in sorted(names, key=len, reverse=True)) + ")"
    qualifiers = _alternation(dating.get("qualifiers", ()), source)
    qualifier = rf"(?:(?:{qualifiers})[\s-]+)?" if qualifiers else ""
    # "in 2023", "in January 2022", "on 5 January 2022", "on January 5, 2022",
    # "on May 12", "in June"; and the words that mean "in the past"
    when = (
        rf"(?:{prepositions})\s+{qualifier}(?:"
        rf"(?:(?P<d1>{_DAY})\s+(?:of\s+)?)?(?P<m>{month})\.?(?:\s+(?P<d2>{_DAY}))?"
        rf"(?:,?\s+(?P<y>{_YEAR}))?|(?P<y2>{_YEAR})"
        r")(?![\w-])"
    )
    past = _alternation(dating.get("past", ()), source) or r"(?!)"
    when = rf"(?:{when}|(?P<past>{past})(?![\w-]))"
    window = int(dating.get("window", 4))
    word = _window_word(dating, source)
    after = re.compile(rf"(?:\s+{word}){{0,{window}}}?\s+{when}", re.IGNORECASE)
    # a date before the cue must open its clause ("In 2022, police detained ..."),
    # else it belongs to something else ("after his arrest in 2022, stated ...")
    opener = r"(?:\A|(?<=[,;:.!?(\]]))\s*"
    stop = _alternation(dating.get("stop", ()), source)
    if stop:
        opener = rf"(?:{opener}|(?<![\w-])(?:{stop})\s+)"
    before = re.compile(rf"{opener}{when},?(?:\s+{word}){{0,{window}}}\s+\Z", re.IGNORECASE)
    return re.compile(rf"(?<![\w-]){when}", re.IGNORECASE), after, before, months


def _window_word(dating: Mapping[str, Any], source: Path) -> str:
    """A word that may stand between a cue and its date: not a stop word, not a verb."""
    stop = _alternation(dating.get("stop", ()), source)
    endings = "|".join(re.escape(e) for e in _words(dating.get("verb_endings", ()), source))
    bans = [rf"(?:{stop})(?![\w’'-])"] if stop else []
    bans += [rf"\w+(?:{endings})(?![\w’'-])"] if endings else []
    # an initial with its full stop is a word too ("the detention of Amirov K. in 2022")
    word = r"(?:(?-i:[A-Z][a-z]?)\.|[\w’'-]+)"
    return rf"(?!{'|'.join(bans)}){word}" if bans else word


def _words(items: Iterable[object], source: Path) -> list[str]:
    out = []
    for item in items or ():
        if not isinstance(item, str):  # YAML reads an unquoted no/on as false/true
            raise DataFileError(
                source, None, f'{item!r} is not a word: write words in quotes ("no", "on")'
            )
        if item.strip():
            out.append(item)
    return out


def _alternation(items: Iterable[object], source: Path) -> str:
    """A regex alternation of plain words, longest first.

    A space matches any run of spaces, and an apostrophe either apostrophe.
    """
    words = sorted(set(_words(items, source)), key=len, reverse=True)
    return "|".join(re.sub("['’]", "['’]", re.escape(w).replace(r"\ ", r"\s+")) for w in words)
