"""Which persons a sanction found in an entry applies to.

The persons come from ``context.persons`` (the persons extractor); this module
finds every place each one is named and picks, for one sanction:
    1. "all of them", "both are"       -> everyone sanctioned earlier in the entry;
       "the two others", "the rest"    -> the names before it with no sanction yet;
    2. a name inside the sanction      -> "sentenced Ivanov A. to 5 years";
    3. a name after "to/for"           -> "a warning to pensioners X and Y";
    4. the nearest name before it in the sentence ("X, Article 488, 10 days of arrest");
    5. the first name after it in the sentence;
    6. the nearest name in an earlier sentence (for "they": the nearest list of names);
    7. with a pronoun and no name before, the first name of the next sentence.
A name is taken with the names listed with it ("X, Y and Z"). Names right after
"lawyer", "judge", "said"... are passed over. An unnamed group ("20 participants
were fined") gets no sanction.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..model import Mention, Person
from .sanction_words import SanctionWords

__all__ = ["Occurrence", "occurrences", "who"]


@dataclass(frozen=True, slots=True)
class Occurrence:
    start: int
    end: int
    name: str  # Person.name


_INITIALS_BEFORE = re.compile(r"(?:\b[A-Z][a-z]?\.\s*)+$")
_INITIALS_AFTER = re.compile(r"(?:\s*\b[A-Z][a-z]?\.(?!\w)){1,2}|\s+[A-Z](?![\w.])")
_INITIAL = re.compile(r"[A-Z][a-z]?\.")


def who(
    start: int,
    end: int,
    sentence: tuple[int, int],
    text: str,
    found: list[Occurrence],
    sanctioned: list[str],
    words: SanctionWords,
    *,
    needs_name: bool = False,
) -> list[str] | None:
    """The names a sanction at [start, end) applies to; ``[]`` for nobody named, ``None`` to drop it."""
    s_start, s_end = sentence
    if sanctioned and words.collective.search(text, s_start, start):
        return list(sanctioned)
    usable = [
        o
        for o in found
        if not words.role_before.search(text, max(0, o.start - 40), o.start)
        and not (
            words.victim_before and words.victim_before.search(text, max(0, o.start - 50), o.start)
        )
    ]
    found = usable  # a lawyer listed with a client is not sanctioned with them
    if sanctioned and words.remaining_before.search(text, max(s_start, start - 60), start):
        # "X got 5 years, the two others 3 years each"; with nobody else named, an unnamed group
        return _remaining(text, found, words, sanctioned, start) or None
    inside = [o for o in usable if start <= o.start and o.end <= end]
    if sanctioned and not inside and words.remaining_within.search(text, start, end):
        return (
            _remaining(text, found, words, sanctioned, start) or None
        )  # "fined the two others 20 MCI"
    if inside:
        return _group(text, found, words, inside[0])
    before = [o for o in usable if s_start <= o.start and o.end <= start]
    if words.group_subject.search(text, before[-1].end if before else s_start, start):
        return None  # "X said that 12 activists were sentenced", "ten of them were fined"
    after = [o for o in usable if end <= o.start < s_end]
    if after and words.person_after.fullmatch(text, end, after[0].start):
        return _group(text, found, words, after[0])
    if before:
        return _group(text, found, words, before[-1])
    if after:
        return _group(text, found, words, after[0])
    if needs_name or words.group.search(text, s_start, start):
        return None  # "20 participants were fined": an unnamed group
    plural = bool(words.plural.search(text, s_start, min(s_end, end + 12)))
    earlier = [o for o in usable if o.end <= s_start]
    for o in reversed(earlier):
        names = _group(text, found, words, o)
        if not plural or len(names) > 1:
            return names
    if not earlier and words.pronoun.search(text, s_start, s_end):
        # "The court sentenced him to 3 years. Tokhtarbek Y. pleaded not guilty": nobody
        # named before, so the pronoun looks ahead to the first name of the next sentence
        later = [o for o in usable if o.start >= s_end]
        if later and text.count(".", s_end, later[0].start) <= 1:
            names = _group(text, found, words, later[0])
            if not plural or len(names) > 1:
                return names
    return None if plural else []


def _remaining(
    text: str, found: list[Occurrence], words: SanctionWords, sanctioned: list[str], start: int
) -> list[str]:
    """The names before ``start`` with no sanction yet: those listed with a sanctioned
    person ("X, Y and Z were convicted") if any, else every one named before."""
    before = [o for o in found if o.end <= start]
    for o in before:
        if o.name in sanctioned:
            rest = [n for n in _group(text, found, words, o) if n not in sanctioned]
            if rest:
                return rest
    rest = []
    for o in before:
        if o.name not in sanctioned and o.name not in rest:
            rest.append(o.name)
    return rest


def _group(
    text: str, found: list[Occurrence], words: SanctionWords, anchor: Occurrence
) -> list[str]:
    """The anchor's name and the names listed with it ("X, Y and Z")."""
    lo = hi = found.index(anchor)
    while lo > 0 and words.list_gap.fullmatch(text, found[lo - 1].end, found[lo].start):
        lo -= 1
    while hi + 1 < len(found) and words.list_gap.fullmatch(
        text, found[hi].end, found[hi + 1].start
    ):
        hi += 1
    names: list[str] = []
    for o in found[lo : hi + 1]:
        if o.name not in names:
            names.append(o.name)
    return names


def occurrences(text: str, persons: tuple[Mention[Person], ...]) -> list[Occurrence]:
    """Every place a person of the entry is named, widened over adjacent initials."""
    spans: dict[tuple[int, int], str] = {}
    # names as written first, then bare surnames: "Ospanov T. and Ospanov R." are two
    for m in persons:
        if 0 <= m.start < m.end <= len(text):
            spans.setdefault((m.start, m.end), m.value.name)
        for start in _find_all(text, m.value.written.strip()):
            spans.setdefault(
                _widen(text, start, start + len(m.value.written.strip())), m.value.name
            )
    for m in persons:
        surname = _surname(m.value.name)
        for start in _find_all(text, surname) if surname else ():
            span = _widen(text, start, start + len(surname))
            if _initials_agree(text[span[0] : span[1]], m.value.name):
                spans.setdefault(span, m.value.name)
    merged: list[Occurrence] = []
    for (start, end), name in sorted(_without_shadowed(spans).items()):
        last = merged[-1] if merged else None
        if last is not None and start < last.end and last.name == name:
            merged[-1] = Occurrence(last.start, max(last.end, end), name)
        else:
            merged.append(Occurrence(start, end, name))
    return merged


def _without_shadowed(spans: dict[tuple[int, int], str]) -> dict[tuple[int, int], str]:
    """Drop a span inside a longer span of another person.

    Relatives share a surname ("Mukanov Berik and his son Mukanov Arman"): the bare
    surname of the first found inside the second's full name is the second person.
    """
    out = {}
    for (start, end), name in spans.items():
        shadowed = any(
            s <= start and end <= e and (s, e) != (start, end) and other != name
            for (s, e), other in spans.items()
        )
        if not shadowed:
            out[(start, end)] = name
    return out


def _initials_agree(written: str, key: str) -> bool:
    """Whether the initials written around a surname fit the person's key ("Ospanov R."
    is not "Ospanov T.")."""
    written_initials: list[str] = _INITIAL.findall(written)
    key_initials: list[str] = _INITIAL.findall(key)
    if not written_initials or not key_initials:
        return True
    return written_initials[0][:1] == key_initials[0][:1]


def _find_all(text: str, form: str) -> list[int]:
    """Starts of ``form`` as a whole word (str.find: no regex compiled per name)."""
    out, i = [], text.find(form)
    while i >= 0:
        before = text[i - 1] if i > 0 else " "
        after = text[i + len(form)] if i + len(form) < len(text) else " "
        if not before.isalnum() and not after.isalnum():
            out.append(i)
        i = text.find(form, i + 1)
    return out


def _widen(text: str, start: int, end: int) -> tuple[int, int]:
    before = _INITIALS_BEFORE.search(text, max(0, start - 10), start)
    after = _INITIALS_AFTER.match(text, end)
    return (before.start() if before else start, after.end() if after else end)


def _surname(key: str) -> str:
    """The first word of a person key: "Zvereva" of "Zvereva S."."""
    parts = key.split()
    return "" if not parts or _INITIAL.fullmatch(parts[0]) else parts[0]
