"""The reader's words, loaded from ``data/lang/*/reading.yaml``, and the patterns built on them.

The reader merges the file of every bundled language: a document's language is
not known before it is read, and real chronicles mix languages (an English
chronicle saved from a Russian site ends with a Russian "log in" line). Adding a
language is adding its ``reading.yaml``; the regex *structure* stays here.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..errors import DataFileError
from ..knowledge import Knowledge, data_path, default_knowledge, load_yaml

__all__ = ["Patterns", "Vocabulary", "load_vocabulary", "patterns"]

_LIST_KEYS = (
    "lead_words",
    "ordinal_suffixes",
    "day_month_joiners",
    "year_words",
    "range_words",
    "reference_headings",
    "chrome_phrases",
    "chrome_lines",
)


@dataclass(frozen=True)
class Vocabulary:
    """Every bundled language's reading words, merged; all lower case."""

    months: dict[str, int]
    lead_words: tuple[str, ...] = ()
    ordinal_suffixes: tuple[str, ...] = ()
    day_month_joiners: tuple[str, ...] = ()
    year_words: tuple[str, ...] = ()
    range_words: tuple[str, ...] = ()
    reference_headings: tuple[str, ...] = ()
    chrome_phrases: tuple[str, ...] = ()
    chrome_lines: tuple[str, ...] = ()


def load_vocabulary(files: list[Path] | None = None) -> Vocabulary:
    """Merge the given ``reading.yaml`` files (default: every bundled language's)."""
    if files is None:
        lang_dir = data_path("lang")
        files = sorted(
            p / "reading.yaml" for p in lang_dir.iterdir() if (p / "reading.yaml").exists()
        )
    months: dict[str, int] = {}
    lists: dict[str, list[str]] = {key: [] for key in _LIST_KEYS}
    for path in files:
        data = load_yaml(path)
        if not isinstance(data, dict):
            raise DataFileError(path, 1, "expected a mapping at the top level")
        months.update(_months(path, data.get("months") or {}))
        for key in _LIST_KEYS:
            lists[key].extend(_words(path, key, data.get(key) or []))
    if not months:
        raise DataFileError(files[0] if files else data_path("lang"), None, "no month names")
    return Vocabulary(months=months, **{k: tuple(dict.fromkeys(v)) for k, v in lists.items()})


def _months(path: Path, raw: Any) -> dict[str, int]:
    if not isinstance(raw, dict):
        raise DataFileError(path, None, "'months' must map names to month numbers")
    out: dict[str, int] = {}
    for name, number in raw.items():
        if not isinstance(name, str) or not isinstance(number, int) or not 1 <= number <= 12:
            raise DataFileError(
                path, None, f"month {name!r}: expected a number 1-12, not {number!r}"
            )
        out[name.lower()] = number
    return out


def _words(path: Path, key: str, raw: Any) -> list[str]:
    if not isinstance(raw, list) or not all(isinstance(w, str) and w.strip() for w in raw):
        raise DataFileError(path, None, f"'{key}' must be a list of non-empty strings")
    return [w.strip().lower() for w in raw]


def _alternation(words: tuple[str, ...] | list[str]) -> str:
    # Longest first, so that "june" wins over "jun".
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


@dataclass(frozen=True)
class Patterns:
    """Compiled patterns of one vocabulary; built once per knowledge set."""

    vocabulary: Vocabulary
    lead_date: re.Pattern[str]
    range_after: re.Pattern[str]
    month_name: re.Pattern[str]
    heading: re.Pattern[str]


def _build(vocab: Vocabulary) -> Patterns:
    months = _alternation(list(vocab.months))
    suffix = rf"(?:-?(?:{_alternation(vocab.ordinal_suffixes)}))?" if vocab.ordinal_suffixes else ""
    year_word = rf"(?:\s*(?:{_alternation(vocab.year_words)})\b\.?)?" if vocab.year_words else ""
    joiner = (
        rf"(?:(?:{_alternation(vocab.day_month_joiners)})\s+)?" if vocab.day_month_joiners else ""
    )

    def parts(p: str) -> tuple[str, str, str]:
        # Python's re forbids a group name twice, even in different branches.
        month = rf"(?P<{p}month>{months})\.?"
        day = rf"(?P<{p}day>[0-3]?\d){suffix}(?:\s*[-–—]\s*[0-3]?\d{suffix})?(?!\d)"
        year = rf"(?P<{p}year>(?:19|20)\d\d)(?!\d){year_word}"
        return month, day, year

    md_month, md_day, md_year = parts("md_")
    dm_month, dm_day, dm_year = parts("dm_")
    month_day = rf"{md_month}\s+{md_day}(?:\s*,?\s*{md_year})?"
    day_month = rf"{dm_day}\s+{joiner}{dm_month}(?:\s*,?\s*{dm_year})?"
    numeric = (
        r"(?P<nday>[0-3]?\d)[./](?P<nmonth>[01]?\d)[./](?P<nyear>(?:19|20)\d\d)(?!\d)"
        r"|(?P<iyear>(?:19|20)\d\d)-(?P<imonth>[01]\d)-(?P<iday>[0-3]\d)"
    )
    date = rf"(?P<date>{month_day}|{day_month}|{numeric})"
    lead = rf"(?:(?:{_alternation(vocab.lead_words)})\s+)?" if vocab.lead_words else ""
    # A place before the date ("Almaty, December 1, ..."): one or two comma-separated
    # groups of up to four words of two or more letters, no digits.
    word = r"[^\W\d_]{2,}(?:[-’'][^\W\d_]+)*"
    place = rf"(?P<place>{word}(?:\s+{word}){{0,3}},\s+(?:{word}(?:\s+{word}){{0,3}},\s+)?)"
    # Leading list numbering or a bullet is not part of the date: "1. June 1, ...".
    bullet = r"(?:(?:\d{1,3}[.)]|[-–•*])\s+)?"
    lead_date = re.compile(
        rf"^\s*{bullet}{lead}(?:{place}{lead})?{date}(?=[\s,.:;)–—-]|$)", re.IGNORECASE
    )
    rng = _alternation(vocab.range_words) if vocab.range_words else r"(?!x)x"
    r1_month, r1_day, _ = parts("r1")
    r2_month, r2_day, _ = parts("r2")
    range_after = re.compile(
        rf"\s*(?:[-–—]|(?:{rng})\b)\s*(?:{r1_month}\s+{r1_day}|{r2_day}\s+{joiner}{r2_month})",
        re.IGNORECASE,
    )
    month_name = re.compile(rf"(?<!\w)(?P<month>{months})(?!\w)", re.IGNORECASE)
    heading = re.compile(
        rf"^[\s#*_]*(?:{_alternation(vocab.reference_headings)})[\s*_]*:?[\s*_]*$", re.IGNORECASE
    )
    return Patterns(vocab, lead_date, range_after, month_name, heading)


def patterns(knowledge: Knowledge | None = None) -> Patterns:
    """The reader's compiled patterns for a knowledge set (built on first use)."""
    knowledge = knowledge or default_knowledge()
    return knowledge.compiled("read:patterns", lambda: _build(load_vocabulary()))
