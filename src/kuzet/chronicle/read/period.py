"""Which month a chronicle covers.

In order: the ``--period`` option; a title line ("... FROM May 1 to May 31, 2023",
"... с 1 по 31 мая 2023 г."); the file name (``2023-06.txt``,
``chronicle_2023_06.docx``, ``june-2023.html``); the text itself (the month most
entries' lead dates name, and the year the entries mention most). The first that
gives an answer wins; :data:`Document.period_source` records which.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from pathlib import PurePath

from ..errors import PeriodError
from ..model import Period
from .text import LeadDate
from .vocab import Patterns

__all__ = ["period_from_name", "period_from_text", "period_from_title", "resolve_period"]

_YEAR_RE = re.compile(r"(?<![\w#@/])((?:19|20)\d\d)(?!\d)")
_NUMERIC_RE = re.compile(
    r"(?<![0-9A-Za-z])(?:((?:19|20)\d\d)[-_. ]?(0[1-9]|1[0-2])|(0[1-9]|1[0-2])[-_. ]((?:19|20)\d\d))(?![0-9])"
)


def resolve_period(
    *,
    option: Period | None,
    name: str,
    title_lines: Sequence[str],
    leads: Sequence[LeadDate | None],
    texts: Sequence[str],
    pats: Patterns,
) -> tuple[Period, str]:
    """The period and where it came from: "option", "title", "file name" or "text"."""
    if option is not None:
        return option, "option"
    for line in title_lines:
        found = period_from_title(line, pats)
        if found:
            return found, "title"
    found = period_from_name(name, pats)
    if found:
        return found, "file name"
    found = period_from_text(leads, texts)
    if found:
        return found, "text"
    raise PeriodError(
        f"cannot tell which month {name} covers (no title line, no date in the file name, "
        "no clear month in the entries); give it with --period YYYY-MM"
    )


def _period(year: int, month: int) -> Period | None:
    try:
        return Period(year, month)
    except ValueError:
        return None


def period_from_title(line: str, pats: Patterns) -> Period | None:
    """A month and a year in one title line, named or numeric ("2023-06", "06.2023")."""
    years = _YEAR_RE.findall(line)
    months = [
        pats.vocabulary.months[m.group("month").lower()] for m in pats.month_name.finditer(line)
    ]
    if years and months:
        # "from May 1 to May 31, 2023": the month named most; on a tie the first.
        month = Counter(months).most_common(1)[0][0]
        return _period(int(years[0]), month)
    m = _NUMERIC_RE.search(line)
    if m:
        return _period(int(m.group(1) or m.group(4)), int(m.group(2) or m.group(3)))
    return None


def period_from_name(name: str, pats: Patterns) -> Period | None:
    """``2023-06.txt``, ``chronicle_2023_06.docx``, ``06-2023.md``, ``june_2023.html``."""
    stem = PurePath(name).name
    stem = stem.rsplit(".", 1)[0] if "." in stem else stem
    m = _NUMERIC_RE.search(stem)
    if m:
        return _period(int(m.group(1) or m.group(4)), int(m.group(2) or m.group(3)))
    words = re.split(r"[^\w]+|_", stem)
    years = [int(w) for w in words if re.fullmatch(r"(?:19|20)\d\d", w)]
    months = [
        pats.vocabulary.months[w.lower()] for w in words if w.lower() in pats.vocabulary.months
    ]
    if len(years) == 1 and len(set(months)) == 1:
        return _period(years[0], months[0])
    return None


def period_from_text(leads: Sequence[LeadDate | None], texts: Sequence[str]) -> Period | None:
    """The month most lead dates name (more than half of them), with the year the
    lead dates give, else the year the entries mention most (on a tie the latest)."""
    dated = [lead for lead in leads if lead is not None]
    if not dated:
        return None
    month, count = Counter(lead.month for lead in dated).most_common(1)[0]
    if count * 2 <= len(dated):
        return None
    lead_years = Counter(lead.year for lead in dated if lead.year and lead.month == month)
    if lead_years:
        year = max(lead_years.items(), key=lambda kv: (kv[1], kv[0]))[0]
        return _period(year, month)
    mentioned = Counter(int(y) for text in texts for y in _YEAR_RE.findall(text))
    if not mentioned:
        return None
    year = max(mentioned.items(), key=lambda kv: (kv[1], kv[0]))[0]
    return _period(year, month)
