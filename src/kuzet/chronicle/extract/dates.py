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
    regex: re.Pattern[str]  # every form, one branch each
    branches: tuple[str, ...]
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
    ranges = _alternation(words(packs, "range_words"))
    combined = _regex(packs, ranges)
    lead_words = {*words(packs, "lead_words"), *words(packs, "weekdays")}
    lead_words |= set(words(places, "slot_words")) | set(words(places, "kind_joiners"))
    for pack in places:
        for kind_words in (pack.get("kinds") or {}).values():
            lead_words |= {str(w).lower() for w in kind_words}
    gap = rf"^\s*(?:{_DASHES}|(?:{ranges}))\s*$" if ranges else rf"^\s*{_DASHES}\s*$"
    return _Patterns(
        month_words=month_words,
        regex=re.compile(combined),
        branches=("ymd", "iso", "num", "num2", "dm", "md"),
        range_gap=re.compile(gap, re.IGNORECASE),
        lead_words=frozenset(lead_words),
    )


def _regex(packs: tuple[dict[str, Any], ...], ranges: str) -> str:
    """The date forms, one named branch each; group names are prefixed by the branch's name.

    One combined regex scans the text once; at a given position the earlier
    branch wins, so longer forms come first ("2023 жылғы 1 маусым" before "1
    маусым"). A month is matched as any word and looked up afterwards: a
    hundred-way alternation of month names at every word would be slow.
    """
    suffixes = _alternation(words(packs, "ordinal_suffixes"))
    joiners = _alternation(words(packs, "day_month_joiners"))
    year_suffix = _alternation(words(packs, "year_suffixes"))
    year_first = _alternation(words(packs, "year_first_words"))
    ordinal = f"(?i:{suffixes})?" if suffixes else ""
    joiner = f"(?:(?i:{joiners})\\s+)?" if joiners else ""
    suffix = rf"(?:\s*(?i:{year_suffix})\b\.?)?" if year_suffix else ""
    between = rf"\s*(?:{_DASHES}|\s(?i:{ranges})\s)\s*" if ranges else rf"\s*{_DASHES}\s*"
    start = r"(?<![\w.,/-])"

    def day(p: str, name: str = "d") -> str:
        return rf"(?P<{p}_{name}>[0-3]?\d){ordinal}(?!\d)"

    def month_of(p: str) -> str:
        return rf"(?<![^\W\d_])(?P<{p}_m>[^\W\d_]{{3,16}}+\.?)"

    def year(p: str, name: str = "y") -> str:
        return rf"(?P<{p}_{name}>(?:19|20|21)\d{{2}})(?!\d){suffix}"

    def second(p: str) -> str:
        return rf"(?:{between}{day(p, 'd2')})?"

    digit_first = []
    if year_first:
        digit_first.append(
            rf"(?P<ymd>{year('ymd')}\s+(?i:{year_first})\.?\s+{day('ymd')}\s+{month_of('ymd')})"
        )
    digit_first += [
        r"(?P<iso>(?<![\d.,/-])(?P<iso_y>(?:19|20)\d{2})-(?P<iso_m>[01]\d)-(?P<iso_d>[0-3]\d)(?![\d-]))",
        (
            r"(?P<num>(?<![\d.,/])(?P<num_d>[0-3]?\d)(?P<num_s>[./])(?P<num_m>[01]?\d)(?P=num_s)"
            r"(?P<num_y>(?:19|20)\d{2})(?![\d.,]\d))"
        ),
        r"(?P<num2>(?<![\d.,/])(?P<num2_d>[0-3]\d)\.(?P<num2_m>[01]\d)\.(?P<num2_y>\d{2})(?![\d.,]\d))",
        rf"(?P<dm>{start}{day('dm')}{second('dm')}\s+{joiner}{month_of('dm')}(?:,?\s+{year('dm')})?)",
    ]
    # "June 1, 2023", or "June 2023" with month precision
    month_first = (
        rf"(?P<md>{month_of('md')}\s+(?:{start}{day('md')}{second('md')}(?:,?\s+{year('md')})?"
        rf"|{year('md', 'y2')}))"
    )
    # a one-character look-ahead sends each position to the branches that can start there
    return rf"(?=\d)(?:{'|'.join(digit_first)})|(?=[^\W\d_]){month_first}"


def _month_words(packs: tuple[dict[str, Any], ...]) -> dict[str, tuple[int, bool]]:
    out: dict[str, tuple[int, bool]] = {}
    for pack in packs:
        capitalized = bool(pack.get("capitalized", False))
        for number, names in (pack.get("months") or {}).items():
            for name in names:
                out.setdefault(str(name).lower(), (int(number), capitalized))
    return out


def _alternation(items: list[str]) -> str:
    return "|".join(re.escape(w) for w in sorted(items, key=len, reverse=True))


# --- finding ---------------------------------------------------------------


def _find(text: str, patterns: _Patterns) -> list[_Found]:
    found: list[_Found] = []
    pos = 0
    while (m := patterns.regex.search(text, pos)) is not None:
        item = _parse(m, patterns)
        if item is None:  # "Article 405": no month; a date may still start inside it
            pos = m.start() + 1
            continue
        found.append(item)
        pos = m.end()
    return found


def _parse(m: re.Match[str], patterns: _Patterns) -> _Found | None:
    branch = next(name for name in patterns.branches if _has_group(m, name))

    def group(name: str) -> str | None:
        try:
            return m.group(f"{branch}_{name}")
        except IndexError:  # this branch has no such group
            return None

    month_text, year_text, day_text = group("m") or "", group("y") or group("y2"), group("d")
    if branch in ("num", "num2", "iso"):
        month = int(month_text)
    else:
        known = patterns.month_words.get(month_text.lower().rstrip("."))
        if known is None:
            return None
        month, capitalized = known
        if capitalized and not month_text[0].isupper():
            return None
    year = None
    if year_text:
        year = int(year_text) + 2000 if len(year_text) == 2 else int(year_text)
    day = int(day_text) if day_text else None
    if not 1 <= month <= 12 or (day is not None and not _valid_day(day, month, year)):
        return None
    extra = None
    day2 = group("d2")
    if day2 and day is not None and int(day2) > day and _valid_day(int(day2), month, year):
        name = f"{branch}_d2"
        extra = (m.start(name), m.end(name), int(day2))
    return _Found(m.start(), m.end(), day, month, year, extra)


def _has_group(m: re.Match[str], name: str) -> bool:
    try:
        return m.group(name) is not None
    except IndexError:  # "ymd" exists only when the language writes years first
        return False


def _valid_day(day: int, month: int, year: int | None) -> bool:
    # a leap year when the year is unknown, so that "29 February" is not rejected
    return 1 <= day <= calendar.monthrange(year or 2000, month)[1]


def _inherit_years(text: str, found: list[_Found], patterns: _Patterns) -> list[_Found]:
    """ "from May 25 to June 1, 2023": the range's written year is May 25's too."""
    out = list(found)
    for i in range(len(out) - 2, -1, -1):
        here, after = out[i], out[i + 1]
        gap = text[here.end : after.start]
        if here.year is None and after.year is not None and patterns.range_gap.match(gap):
            out[i] = _Found(here.start, here.end, here.day, here.month, after.year, here.extra_day)
    return out


def _mentions(text: str, found: list[_Found], period: Period | None) -> list[Mention[PartialDate]]:
    out: list[Mention[PartialDate]] = []
    for item in found:
        year = item.year if item.year is not None else resolve_year(item.month, period)
        out.append(
            Mention(
                item.start,
                item.end,
                text[item.start : item.end],
                PartialDate(year, item.month, item.day),
            )
        )
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
