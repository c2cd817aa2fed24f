"""Extract dates from an entry's text.

Forms read (words from ``data/lang/<lang>/dates.yaml``, structure here):

    June 1 | June 1st | Jun. 3 | June 1, 2023 | June 8 and 9, 2023 | June 1-2
    1 June | 1st of June | 1-2 June 2021 | 1 июня 2023 года | 2023 жылғы 1 маусым
    01.06.2023 | 1.06.2023 | 01/06/2023 | 01.06.23 | 2023-06-01
    June 2023 (month precision)
    On the 3rd | The 17th | detained on the 9th, (the period's month)
    In mid-August, ... | Mid-November: ... | In late May 2024, ... (month precision, at the start)

The first mention returned is the entry's **lead date**: the date in the
opening slot, either at the very start ("June 8, Astana", "On 22 June, in
Almaty") or after the place ("Almaty, December 1, ..."). The other dates of
the text follow in text order. An entry without an opening date leads with its
first full date inside the period, else its first full date in the month
before or after; a date after a cue such as "born", "scheduled for", "since"
(``not_lead_cues``) is skipped, and when nothing is left the entry has no date
(``[]``): its dates are a birthday, a hearing to come or an earlier event.

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
_PERIOD_MONTH = 0  # "On the 3rd": the month is the chronicle's, known only with its period
_CUE_WORDS = 3  # how far before a date "born", "scheduled for" ... are looked for
# a date found in running text, further than this from the chronicle's month, is background
_MAX_MONTHS_AWAY = 1


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
    range_gap: re.Pattern[str]
    lead_words: frozenset[str]  # lower-case words allowed before the lead date
    weekdays: frozenset[str]
    ordinal: re.Pattern[str]  # "3rd" at a position
    articles: frozenset[str]  # "the": "On the 3rd"
    ordinal_after: frozenset[str]  # "on": "detained on the 9th"
    # "In mid-August, Atyrau, ...": a month without a day opening the entry
    opening_month: re.Pattern[str] | None
    month_only_words: frozenset[str]  # "in", "mid", "late", "end", "of" before that month
    ordinal_followers: frozenset[str]  # "On the 3rd in Almaty": words that may follow "the 3rd"
    not_lead_cues: tuple[tuple[str, ...], ...]  # "born on", "scheduled for": not the entry's date


def extract(text: str, *, context: Context) -> list[Mention[PartialDate]]:
    """Every date of ``text``; the first is the entry's lead date."""
    knowledge = context.knowledge
    # the packs are fetched first: compiled() holds a lock that a nested call would wait on
    packs, places = lang_packs(knowledge, "dates"), lang_packs(knowledge, "places")
    patterns = knowledge.compiled("dates:patterns", lambda: _compile(packs, places))
    found = _find(text, patterns)
    opening = _opening_month(text, patterns)
    if opening is not None:  # it covers "June 2023" of "In early June 2023, ..."
        found = [opening, *(f for f in found if f.start >= opening.end)]
    if not found:
        return []
    found = _inherit_years(text, found, patterns)
    mentions = _mentions(text, found, context.period)
    if not mentions:
        return []
    lead = _lead_index(text, mentions, patterns, context.period)
    if lead is None:  # only a birthday, a hearing to come, an earlier event: no date of its own
        return []
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
    lead_words = {
        *words(packs, "lead_words"),
        *words(packs, "weekdays"),
        *words(packs, "day_parts"),
    }
    lead_words |= set(words(places, "slot_words")) | set(words(places, "kind_joiners"))
    for pack in places:
        for kind_words in (pack.get("kinds") or {}).values():
            lead_words |= {str(w).lower() for w in kind_words}
    gap = rf"^\s*(?:{_DASHES}|(?:{ranges}))\s*$" if ranges else rf"^\s*{_DASHES}\s*$"
    month_only = words(packs, "month_only_words")
    return _Patterns(
        month_words=month_words,
        regex=re.compile(combined),
        articles=frozenset(words(packs, "ordinal_articles")),
        ordinal=re.compile(
            _ORDINAL.format(suffixes=_alternation(words(packs, "ordinal_suffixes")))
        ),
        range_gap=re.compile(gap, re.IGNORECASE),
        lead_words=frozenset(lead_words),
        weekdays=frozenset(words(packs, "weekdays")),
        ordinal_after=frozenset(words(packs, "lead_words")),
        opening_month=re.compile(_OPENING_MONTH) if month_only else None,
        month_only_words=frozenset(month_only),
        ordinal_followers=frozenset(words(packs, "ordinal_followers")),
        not_lead_cues=tuple(tuple(c.split()) for c in words(packs, "not_lead_cues")),
    )


# a day alone with its ordinal suffix: "3rd", "17th"
_ORDINAL = r"[0-3]?\d(?i:{suffixes})(?!\w)"

# "In mid-August, Atyrau, ...", "Mid-November, Almaty: ...", "In late May 2024, ...": a
# month without a day at the very start, closed by punctuation (so "In June the court ..."
# stays no date). The words before the month are checked against the language data.
_OPENING_MONTH = (
    r"^\s*(?P<pre>(?:[^\W\d_]+(?:\s+|-)){0,5}?)(?P<m>[^\W\d_]{3,16}+)\.?"
    r"(?:,?\s+(?P<y>(?:19|20)\d{2})(?!\d))?(?=\s*[,:;(–—]|\s+-\s)"
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
    if words(packs, "ordinal_articles") and suffixes:
        # "On the 3rd, in Pavlodar": a day of the chronicle's month; "the" and the
        # words around it are checked in _ordinal (a branch at digits only costs nothing
        # where there are no digits)
        digit_first.append(rf"(?P<ord>(?<=\s){_ORDINAL.format(suffixes=suffixes)})")
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
    # every branch is one named group wrapping its own: the outer group closes last
    branch = m.lastgroup or ""
    names = m.re.groupindex

    def group(name: str) -> str | None:
        key = f"{branch}_{name}"
        # a test, not ``except IndexError``: raising costs more than the whole lookup
        return m.group(key) if key in names else None  # None: this branch has no such group

    if branch == "ord":
        return _ordinal(m.string, m.start(), m.end(), patterns)
    month_text, year_text, day_text = group("m") or "", group("y") or group("y2"), group("d")
    if branch in ("num", "num2", "iso"):
        month = int(month_text)
    else:
        known = patterns.month_words.get(month_text.lower().rstrip("."))
        if known is None:
            # "the 21st Shymkent police": no month follows, but the day may stand alone
            alone = patterns.ordinal.match(m.string, m.start()) if branch == "dm" else None
            return _ordinal(m.string, m.start(), alone.end(), patterns) if alone else None
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


def _ordinal(text: str, day_start: int, day_end: int, patterns: _Patterns) -> _Found | None:
    """ "On the 3rd, in Pavlodar", "The 17th: Ridder": a day of the chronicle's own month.

    Taken only where a date is written: at the entry's start (after "On" or a
    weekday) or after "on" in running text; and only when punctuation or a word
    like "in" follows, so "the 5th floor", "on the 2nd day" and "the 3rd Congress"
    are no dates.
    """
    article = re.search(r"([^\W\d_]+)\s+$", text[max(0, day_start - 12) : day_start])
    if article is None or article.group(1).lower() not in patterns.articles:
        return None
    start = day_start - len(article.group())
    before = text[:start]
    words_before = re.findall(r"[^\W\d_]+", before[-40:])
    at_start = _only_opening_words(before, patterns)
    after_on = bool(words_before) and words_before[-1].lower() in patterns.ordinal_after
    if not (at_start or after_on):
        return None
    after = text[day_end:]
    if after.strip() and not re.match(r"\s*[,.;:)\[–—]|\s+-\s", after):
        word = re.match(r"\s+([^\W\d_]+)", after)
        if word is None:
            return None
        following = word.group(1)
        if following.lower() in patterns.month_words:
            return None  # "the 5th June": read by the day-month branch
        # a capitalised word may be a name's ("the 5th Congress"): only listed words
        if following.lower() not in patterns.ordinal_followers:
            return None
    day = int("".join(c for c in text[day_start:day_end] if c.isdigit()))
    return _Found(start, day_end, day, _PERIOD_MONTH, None)


def _only_opening_words(prefix: str, patterns: _Patterns) -> bool:
    """Only "On", a weekday and punctuation stand before: the very start of the entry."""
    if len(prefix) > _LEAD_PREFIX_CHARS or any(c.isdigit() for c in prefix):
        return False
    allowed = patterns.lead_words | patterns.weekdays
    return all(w.lower() in allowed for w in re.findall(r"[^\W\d_]+", prefix))


def _opening_month(text: str, patterns: _Patterns) -> _Found | None:
    """ "In mid-August, Atyrau, ...": a month without a day opening the entry (month precision)."""
    if patterns.opening_month is None:
        return None
    m = patterns.opening_month.match(text)
    if m is None:
        return None
    known = patterns.month_words.get(m.group("m").lower())
    if known is None or (known[1] and not m.group("m")[0].isupper()):
        return None
    pre = [(w.start(), w.group().lower()) for w in re.finditer(r"[^\W\d_]+", m.group("pre"))]
    allowed = patterns.month_only_words | patterns.lead_words
    if len(pre) > 5 or any(w not in allowed for _, w in pre):
        return None
    # the mention starts at the first word that says which part of the month ("mid", "late")
    start = next(
        (m.start("pre") + i for i, w in pre if w in patterns.month_only_words), m.start("m")
    )
    year = int(m.group("y")) if m.group("y") else None
    return _Found(start, m.end(), None, known[0], year)


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
        if item.month == _PERIOD_MONTH:  # "On the 3rd": the chronicle's month
            if period is None or not _valid_day(item.day or 0, period.month, period.year):
                continue
            item = _Found(item.start, item.end, item.day, period.month, period.year)
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
) -> int | None:
    """The opening date; else the first full date in the period, else the first full date
    in the month before or after it.

    Outside the opening slot a date after "born", "scheduled for", "earlier" ...
    (``not_lead_cues``) is a birthday, a hearing to come or an earlier event, and
    a date further from the period is an earlier event recalled ("detained on 5
    January 2022"): neither is the day of the incident. ``None`` when the entry
    has no other date.
    """
    if _in_opening_slot(text[: mentions[0].start], patterns):
        return 0
    usable = [i for i, m in enumerate(mentions) if not _cued(text, m.start, patterns)]
    full = [i for i in usable if mentions[i].value.precision == "day"]
    if period is None:
        return full[0] if full else (usable[0] if usable else None)
    for distance in range(_MAX_MONTHS_AWAY + 1):
        for i in full:
            if _months_away(mentions[i].value, period) == distance:
                return i
    return None


def _months_away(value: PartialDate, period: Period) -> int:
    if value.year is None or value.month is None:
        return _MAX_MONTHS_AWAY + 1
    return abs((value.year - period.year) * 12 + value.month - period.month)


def _cued(text: str, start: int, patterns: _Patterns) -> bool:
    """A cue word ("born", "scheduled for") among the few words before the date."""
    clause = re.split(r"[.;:!?()\[\]]", text[max(0, start - 50) : start])[-1]
    before = [w.lower() for w in re.findall(r"[^\W\d_]+", clause)][-_CUE_WORDS:]
    for cue in patterns.not_lead_cues:
        n = len(cue)
        if any(tuple(before[k : k + n]) == cue for k in range(len(before) - n + 1)):
            return True
    return False


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
