"""Extract dates from an entry's text.

Forms read (words from ``data/lang/<lang>/dates.yaml``, structure here):

    June 1 | June 1st | Jun. 3 | June 1, 2023 | June 8 and 9, 2023 | June 1-2
    1 June | 1st of June | 1-2 June 2021 | 1 июня 2023 года | 2023 жылғы 1 маусым
    01.06.2023 | 1.06.2023 | 01/06/2023 | 01.06.23 | 2023-06-01
    June 2023 (month precision)

The first mention returned is the entry's **lead date**: the date in the
opening slot, either at the very start ("June 8, Astana", "On 22 June, in
Almaty") or after the place ("Almaty, December 1, ..."). The other dates of
the text follow in text order. An entry without an opening date leads with its
first full date inside the period, else its first full date.

The year is the written one, else the one nearest the document's period
(``context.period``): a date whose month is more than six months after the
period's month belongs to the year before (a January chronicle's "December
30" is the previous December), more than six months before it to the year
after. Without a period the year stays unknown; it is never taken from today.
In a range or list ("from May 25 to June 1, 2023", "June 8 and 9, 2023") the
written year applies to every date of it.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from typing import Any

from ..gazetteer import TOKEN_RE
from ..model import Mention, PartialDate, Period
from .context import Context
from .langpack import lang_packs, words

__all__ = ["extract", "resolve_year"]

_DASHES = r"[-–—]"
_LEAD_PREFIX_CHARS = 100  # the opening slot before a date is a place or two, never a sentence
_LEAD_SEGMENT_WORDS = 5


@dataclass(frozen=True, slots=True)
class _Found:
    """A date as matched, before its year is resolved."""

    start: int
    end: int
    day: int | None
    month: int
    year: int | None  # as written
    extra_day: tuple[int, int, int] | None = None  # (start, end, day) of "9" in "June 8 and 9"


@dataclass(frozen=True)
class _Patterns:
    month_words: dict[str, tuple[int, bool]]  # lower-case word -> (month, must be capitalised)
    regexes: tuple[tuple[str, re.Pattern[str]], ...]
    range_gap: re.Pattern[str]
    lead_words: frozenset[str]  # lower-case words allowed before the lead date


def extract(text: str, *, context: Context) -> list[Mention[PartialDate]]:
    """Every date of ``text``; the first is the entry's lead date."""
    knowledge = context.knowledge
    # the packs are fetched first: compiled() holds a lock that a nested call would wait on
    packs, places = lang_packs(knowledge, "dates"), lang_packs(knowledge, "places")
    patterns = knowledge.compiled("dates:patterns", lambda: _compile(packs, places))
    found = _find(text, patterns)
    if not found:
        return []
    found = _inherit_years(text, found, patterns)
    mentions = _mentions(text, found, context.period)
    if not mentions:
        return []
    lead = _lead_index(text, mentions, patterns, context.period)
    return [mentions[lead], *mentions[:lead], *mentions[lead + 1 :]]


def resolve_year(month: int, period: Period | None) -> int | None:
    """The year of a date written without one: the one nearest the period."""
    if period is None:
        return None
    delta = month - period.month
    if delta > 6:
        return period.year - 1
    if delta < -6:
        return period.year + 1
    return period.year


# --- compiling the patterns -------------------------------------------------


def _compile(packs: tuple[dict[str, Any], ...], places: tuple[dict[str, Any], ...]) -> _Patterns:
    month_words = _month_words(packs)
    month = _alternation(sorted(month_words, key=len, reverse=True), abbreviation_dot=True)
    suffixes = _alternation(words(packs, "ordinal_suffixes"))
    day = r"(?P<{name}>[0-3]?\d)(?:" + suffixes + r")?" if suffixes else r"(?P<{name}>[0-3]?\d)"
    d1, d2 = day.format(name="d"), day.format(name="d2")
    ranges = _alternation(words(packs, "range_words"))
    joiners = _alternation(words(packs, "day_month_joiners"))
    year_suffix = _alternation(words(packs, "year_suffixes"))
    year = r"(?P<y>(?:19|20|21)\d{2})(?!\d)" + (
        rf"(?:\s*(?:{year_suffix})\b\.?)?" if year_suffix else ""
    )
    between = rf"\s*(?:{_DASHES}|\s(?:{ranges})\s)\s*" if ranges else rf"\s*{_DASHES}\s*"
    second = rf"(?:{between}{d2}(?!\d))?"
    month_group = rf"(?<![^\W\d_])(?P<m>{month})(?![^\W\d_])"
    start = r"(?<![\w.,/-])"
    regexes = [
        ("md", rf"{month_group}\s+{start}{d1}(?!\d){second}(?:,?\s+{year})?"),
        ("dm", rf"{start}{d1}(?!\d){second}\s+(?:(?:{joiners})\s+)?{month_group}(?:,?\s+{year})?"
            if joiners else rf"{start}{d1}(?!\d){second}\s+{month_group}(?:,?\s+{year})?"),
        ("num", r"(?<![\d.,/])(?P<d>[0-3]?\d)([./])(?P<m>[01]?\d)\2(?P<y>(?:19|20)\d{2})(?![\d.,]\d)"),
        ("num2", r"(?<![\d.,/])(?P<d>[0-3]\d)\.(?P<m>[01]\d)\.(?P<y>\d{2})(?![\d.,]\d)"),
        ("iso", r"(?<![\d.,/-])(?P<y>(?:19|20)\d{2})-(?P<m>[01]\d)-(?P<d>[0-3]\d)(?![\d-])"),
        ("my", rf"{month_group}\s+{year}"),
    ]
    year_first = _alternation(words(packs, "year_first_words"))
    if year_first:
        regexes.append(
            ("ymd", rf"(?<!\d)(?P<y>(?:19|20)\d{{2}})\s+(?:{year_first})\.?\s+{d1}\s+{month_group}")
        )
    lead_words = {*words(packs, "lead_words"), *words(packs, "weekdays")}
    lead_words |= set(words(places, "slot_words")) | set(words(places, "kind_joiners"))
    for pack in places:
        for kind_words in (pack.get("kinds") or {}).values():
            lead_words |= {str(w).lower() for w in kind_words}
    return _Patterns(
        month_words=month_words,
        regexes=tuple((name, re.compile(rx, re.IGNORECASE)) for name, rx in regexes),
        range_gap=re.compile(rf"^\s*(?:{_DASHES}|(?:{ranges}))\s*$" if ranges else rf"^\s*{_DASHES}\s*$",
                             re.IGNORECASE),
        lead_words=frozenset(lead_words),
    )


def _month_words(packs: tuple[dict[str, Any], ...]) -> dict[str, tuple[int, bool]]:
    out: dict[str, tuple[int, bool]] = {}
    for pack in packs:
        capitalized = bool(pack.get("capitalized", False))
        for number, names in (pack.get("months") or {}).items():
            for name in names:
                out.setdefault(str(name).lower(), (int(number), capitalized))
    return out


def _alternation(items: list[str], *, abbreviation_dot: bool = False) -> str:
    escaped = [re.escape(w) for w in sorted(items, key=len, reverse=True)]
    body = "|".join(escaped)
    # "Jun." and "Sept.": a dot may close any month word; full names never take one in practice
    return f"(?:{body})\\.?" if abbreviation_dot and body else body


# --- finding ---------------------------------------------------------------


def _find(text: str, patterns: _Patterns) -> list[_Found]:
    found: list[_Found] = []
    for name, regex in patterns.regexes:
        for m in regex.finditer(text):
            item = _parse(name, m, patterns)
            if item is not None:
                found.append(item)
    # overlapping matches: keep the longest (a "June 2023" inside "June 1, 2023" goes)
    found.sort(key=lambda f: (f.start, -(f.end - f.start)))
    kept: list[_Found] = []
    for item in found:
        if kept and item.start < kept[-1].end:
            continue
        kept.append(item)
    return kept


def _parse(name: str, m: re.Match[str], patterns: _Patterns) -> _Found | None:
    groups = m.groupdict()
    if name in ("num", "num2", "iso"):
        month = int(groups["m"])
        year_text = groups["y"]
        year = int(year_text) + 2000 if len(year_text) == 2 else int(year_text)
    else:
        word = groups["m"]
        known = patterns.month_words.get(word.lower().rstrip("."))
        if known is None:
            return None
        month, capitalized = known
        if capitalized and not word[0].isupper():
            return None
        year = int(groups["y"]) if groups.get("y") else None
    day = int(groups["d"]) if groups.get("d") else None
    if not 1 <= month <= 12 or (day is not None and not _valid_day(day, month, year)):
        return None
    extra = None
    if groups.get("d2"):
        day2 = int(groups["d2"])
        if _valid_day(day2, month, year) and day is not None and day2 > day:
            extra = (m.start("d2"), m.end("d2"), day2)
    return _Found(m.start(), m.end(), day, month, year, extra)


def _valid_day(day: int, month: int, year: int | None) -> bool:
    # a leap year when the year is unknown, so that "29 February" is not rejected
    return 1 <= day <= calendar.monthrange(year or 2000, month)[1]


def _inherit_years(text: str, found: list[_Found], patterns: _Patterns) -> list[_Found]:
    """ "from May 25 to June 1, 2023": the range's written year is May 25's too."""
    out = list(found)
    for i in range(len(out) - 2, -1, -1):
        here, after = out[i], out[i + 1]
        if here.year is None and after.year is not None:
            if patterns.range_gap.match(text[here.end : after.start]):
                out[i] = _Found(here.start, here.end, here.day, here.month, after.year, here.extra_day)
    return out


def _mentions(text: str, found: list[_Found], period: Period | None) -> list[Mention[PartialDate]]:
    out: list[Mention[PartialDate]] = []
    for item in found:
        year = item.year if item.year is not None else resolve_year(item.month, period)
        out.append(Mention(item.start, item.end, text[item.start : item.end],
                           PartialDate(year, item.month, item.day)))
        if item.extra_day is not None:
            start, end, day = item.extra_day
            out.append(Mention(start, end, text[start:end], PartialDate(year, item.month, day)))
    return out


# --- the lead date -------------------------------------------------------------


def _lead_index(
    text: str, mentions: list[Mention[PartialDate]], patterns: _Patterns, period: Period | None
) -> int:
    if _in_opening_slot(text[: mentions[0].start], patterns):
        return 0
    full = [i for i, m in enumerate(mentions) if m.value.precision == "day"]
    if period is not None:
        for i in full:
            if (mentions[i].value.year, mentions[i].value.month) == (period.year, period.month):
                return i
    return full[0] if full else 0


def _in_opening_slot(prefix: str, patterns: _Patterns) -> bool:
    """True when only a place or two (and words like "On") stand before the date."""
    if len(prefix) > _LEAD_PREFIX_CHARS or re.search(r"[.:;!?\"«»“”]\s|\d", prefix):
        return False
    for segment in prefix.split(","):
        tokens = TOKEN_RE.findall(segment)
        if len(tokens) > _LEAD_SEGMENT_WORDS:
            return False
        for token in tokens:
            if not token[0].isupper() and token.lower() not in patterns.lead_words:
                return False
    return True
