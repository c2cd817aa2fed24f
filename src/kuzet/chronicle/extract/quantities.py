"""Terms ("3 years, 2 months and 20 days") and money ("172 500 tenge", "30 MCI") in text.

Used by the sanctions extractor. The arithmetic is the record format's:
years x 365, months x 30, weeks x 7, plus days; the fraction of a year counts as
months of 30 days ("1.5 years" = 365 + 180 = 545, "2.2 years" = 730 + 72 = 802).
Amounts are taken as written ("172500 thousand tenge" = 172 500 000); amounts in
monthly calculation indices (MCI) are converted with the index of the period.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

__all__ = ["QuantityPatterns", "Term", "amount_of", "compile_quantities", "mci_for", "term_of"]

_DAYS_PER = {"year": 365, "month": 30, "week": 7, "day": 1}


@dataclass(frozen=True, slots=True)
class Term:
    """A duration as written: its length in days and the units it used."""

    days: int
    units: frozenset[str]  # "year", "month", "week", "day"


@dataclass(frozen=True)
class QuantityPatterns:
    term: re.Pattern[str]  # one whole term, components joined by "," / "and"
    component: re.Pattern[str]  # one "<number> <unit>" inside a term
    amount: re.Pattern[str]
    number: re.Pattern[str]  # one number, in digits or words
    number_pattern: str
    numbers: dict[str, int]
    unit_of: dict[str, str]  # folded unit word -> year/month/week/day
    multipliers: dict[str, int]
    mci_words: frozenset[str]
    mci_table: tuple[tuple[tuple[int, int], int], ...]  # ((year, month), tenge), ascending


def term_of(text: str, pats: QuantityPatterns) -> Term | None:
    """The length of a term matched by ``pats.term``; ``None`` if it has no component."""
    total = 0.0
    units: set[str] = set()
    for m in pats.component.finditer(text):
        unit = pats.unit_of.get(_fold(m.group("unit") or m.group("unit_h")))
        if unit is None:
            # IGNORECASE matched a letter that folds to none of the unit words' (a
            # dotted capital İ for "i"): no length is known.
            continue
        if m.group("half_before"):
            value = 0.5  # "half a year"
        else:
            number = _number(m.group("num"), pats)
            if number is None:
                continue
            value = number + (0.5 if m.group("half_after") or m.group("half_tail") else 0.0)
        total += _days(value, unit)
        units.add(unit)
    return Term(round(total), frozenset(units)) if units else None


def _days(value: float, unit: str) -> float:
    whole = int(value)
    frac = value - whole
    if unit == "year":  # the fraction of a year is months of 30 days
        return whole * 365 + round(frac * 12 * 30)
    return whole * _DAYS_PER[unit] + round(frac * _DAYS_PER[unit])


def amount_of(m: re.Match[str], pats: QuantityPatterns, mci: int | None) -> int | None:
    """Tenge of an amount matched by ``pats.amount``; ``None`` when MCI cannot be converted."""
    raw = m.group("num") or m.group("num2")
    mult_word = m.group("mult")
    multiplier = pats.multipliers.get(mult_word.lower().rstrip(".")) if mult_word else None
    value = _money_number(raw, pats, has_multiplier=multiplier is not None)
    if value is None:
        return None
    if m.group("half"):
        value += 0.5
    value *= multiplier or 1
    currency = m.group("cur") or m.group("cur2") or ""
    if _fold(currency) in pats.mci_words:
        if mci is None:
            return None
        value *= mci
    return round(value)


def mci_for(year: int, month: int, pats: QuantityPatterns) -> int | None:
    """The MCI in force in a month, or ``None`` before the first known value."""
    value = None
    for start, tenge in pats.mci_table:
        if start <= (year, month):
            value = tenge
    return value


def _number(text: str, pats: QuantityPatterns) -> float | None:
    text = text.strip().lower()
    if text[0].isdigit():
        return float(text.replace(",", "."))
    total = 0
    parts = re.split(r"[\s-]+", text)
    if len(parts) > 1 and pats.numbers.get(parts[0]) == 1 and parts[0] != "one":
        parts = parts[1:]  # "a fifteen-day arrest": the article is no number
    for word in parts:
        n = pats.numbers.get(word)
        if n is None:
            return None
        total = total * n if n == 100 and total else total + n
    return float(total)


def _money_number(text: str, pats: QuantityPatterns, *, has_multiplier: bool) -> float | None:
    text = text.strip()
    if not text[0].isdigit():
        return _number(text, pats)
    compact = re.sub(r"[\s\u00a0\u202f]", "", text)
    if re.fullmatch(r"\d{1,3}(?:,\d{3})+(?:\.\d+)?", compact):
        return float(compact.replace(",", ""))  # "72,450": a thousands separator
    if re.fullmatch(r"\d{1,3}(?:\.\d{3})+", compact) and not has_multiplier:
        return float(compact.replace(".", ""))  # "172.500 tenge"
    if re.fullmatch(r"\d+(?:[.,]\d+)?", compact):
        return float(compact.replace(",", "."))  # "1.5 million", "1,5 million"
    return None


def _fold(text: str) -> str:
    # casefold, not lower: IGNORECASE matches "ſ" (long s) for "s", and so does casefold.
    return re.sub(r"\s+", " ", text).strip().casefold()


def _alt(words: Any, space: str = r"\s+") -> str:
    """An alternation of phrases, longest first; ``space`` is what may stand between words."""
    items = sorted({str(w) for w in words}, key=len, reverse=True)
    return "|".join(space.join(re.escape(p) for p in w.split()) for w in items) or r"(?!x)x"


def compile_quantities(data: dict[str, Any]) -> QuantityPatterns:
    """Build the term and amount patterns from a language pack's ``sanctions`` data."""
    numbers = {str(k).lower(): int(v) for k, v in data["numbers"].items()}
    unit_of = {_fold(str(w)): unit for unit, words in data["units"].items() for w in words}
    word_num = rf"(?:{_alt(numbers)})(?:[\s-]+(?:{_alt(numbers)}))?"
    num = rf"(?:\d+(?:[.,]\d+)?|{word_num})"
    unit = rf"(?:{_alt(unit_of)})"
    half = _alt(data.get("half", []))
    and_half = _alt(data.get("and_a_half", []), r"[\s-]+")  # "one-and-a-half-year"
    not_after = _alt(data.get("not_a_term_after", []))
    sep = r"[\s-]+"
    # "3 years", "two-month", "a year and a half", "two and a half years", "half a year"
    component = (
        rf"(?:(?P<half_before>\b(?:{half}){sep}(?:a|an){sep})(?P<unit_h>{unit})"
        rf"|\b(?P<num>{num}){sep}(?:(?P<half_after>(?:{and_half})){sep})?(?P<unit>{unit})"
        rf"(?:{sep}(?P<half_tail>{and_half}))?)"
        rf"(?:['’]s?)?(?![\w])"
    )
    component_re = re.compile(component, re.IGNORECASE)
    term = re.compile(
        # "3 years, 2 months and 20 days", "5 years 2 months"
        rf"{_strip_names(component)}(?:\s*(?:,\s*(?:and\s+)?|and\s+|(?<=\s)){_strip_names(component)})*"
        rf"(?!{sep}(?:{not_after})\b)",
        re.IGNORECASE,
    )
    multipliers = {str(k).lower(): int(v) for k, v in data["multipliers"].items()}
    currency = data["currency"]
    cur = _alt(list(currency["tenge"]) + list(currency["mci"]))
    money_num = (
        rf"(?<![\w.,])(?:\d{{1,3}}(?:[\s\u00a0\u202f,]\d{{3}})+(?:\.\d+)?|\d{{1,3}}(?:\.\d{{3}})+"
        rf"|\d+(?:[.,]\d+)?|{word_num})"
    )
    amount = re.compile(
        # "one and a half million tenge": the half belongs to the number
        rf"(?P<num>{money_num})(?P<half>{sep}(?:{and_half}))?"
        rf"\s*(?:(?P<mult>{_alt(multipliers)})\.?\s*)?(?P<cur>{cur})(?!\w)"
        rf"|(?P<cur2>KZT|₸)\s*(?P<num2>{money_num})",
        re.IGNORECASE,
    )
    table = []
    for row in data.get("mci", []):
        year, month = (int(x) for x in str(row["from"]).split("-"))
        table.append(((year, month), int(row["tenge"])))
    return QuantityPatterns(
        term=term,
        component=component_re,
        amount=amount,
        number=re.compile(rf"\b{num}\b", re.IGNORECASE),
        number_pattern=num,
        numbers=numbers,
        unit_of=unit_of,
        multipliers=multipliers,
        mci_words=frozenset(_fold(str(w)) for w in currency["mci"]),
        mci_table=tuple(sorted(table)),
    )


def _strip_names(pattern: str) -> str:
    """The same pattern without named groups, so that it can repeat inside another."""
    return re.sub(r"\(\?P<\w+>", "(?:", pattern)
