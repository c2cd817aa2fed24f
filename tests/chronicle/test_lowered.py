"""Case-insensitive patterns run on lower-cased text only where the matches are the same."""

from __future__ import annotations

import pytest

from kuzet.chronicle.extract.lowered import lower_case, risky_chars
from kuzet.chronicle.extract.sanction_words import PhraseTable

LATIN = risky_chars("abcdefghijklmnopqrstuvwxyz")

# text -> lower-cased text usable for a lower-case pattern of Latin letters
EXAMPLES = [
    ("Fined 50 MCI", "fined 50 mci"),
    ("ARRESTED for 10 DAYS", "arrested for 10 days"),
    ("Ақмола облысы, «Ержан» — арест", "ақмола облысы, «ержан» — арест"),
    ("Kelvin sign K stays", "kelvin sign k stays"),  # lower-cases to "k", as IGNORECASE reads it
]
# texts where IGNORECASE and lower-casing disagree: the caller must use the original pattern
NO_MATCH = [
    "İstanbul court",  # lower-casing makes two characters: offsets would move
    "Qazaqstan Respýblıkasy",  # dotless i: IGNORECASE matches it to "i", lower() keeps it
    "ſentenced",  # long s: IGNORECASE matches it to "s"
    "ΟΔΟΣ",  # capital sigma lower-cases by its context
]


@pytest.mark.parametrize(("text", "expected"), EXAMPLES)
def test_lower_case(text: str, expected: str) -> None:
    assert lower_case(text, LATIN) == expected, text


@pytest.mark.parametrize("text", NO_MATCH)
def test_lower_case_refuses(text: str) -> None:
    assert lower_case(text, LATIN) is None, text


def test_risky_chars_of_cyrillic_letters() -> None:
    # old Cyrillic letter forms that IGNORECASE reads as "в" and "о"
    risky = risky_chars("во")
    assert risky.search("\u1c80") and risky.search("\u1c82"), risky.pattern
    assert risky.search("вод ВОД") is None


def test_risky_chars_ignores_uncased_letters() -> None:
    assert risky_chars("-1").search("ı") is None  # no letters: only sigma is risky
    assert risky_chars("-1").search("Σ")


PHRASES = {
    "fine": "fine",
    "fined": "fine",
    "arrest": "arrest",
    "administrative arrest": "arrest",
    "restriction of liberty": "restriction",
    "штраф": "fine",
}
# text -> the phrases found, in order
TEXTS = [
    (
        "Court FINED him and ordered Administrative Arrest; a Restriction of Liberty followed.",
        ["fined", "administrative arrest", "restriction of liberty"],
    ),
    # dotless i: the scan matches "fıned" to "fined" but no phrase is listed as "fıned"
    ("The court fıned him", []),
    ("İ. Amanov was ARRESTED, then fined", ["fined"]),  # lower-casing changes the length
    ("ſuch a fine; ΣΟΦΙΑ got a ШТРАФ", ["fine", "штраф"]),
    ("no sanction words at all", []),
]


def _ignorecase_only(table: PhraseTable, text: str) -> list[tuple[int, int, str]]:
    """The phrases the case-insensitive scan alone finds (the table before lowered scans)."""
    out: list[tuple[int, int, str]] = []
    last_end = -1
    for m in table._first.finditer(text):
        options = table._by_first.get(m.group().lower())
        if not options or m.start() < last_end:
            continue
        for rest_re, _cls, phrase in options:
            r = rest_re.match(text, m.end())
            if r is not None:
                out.append((m.start(), r.end(), phrase))
                last_end = r.end()
                break
    return out


@pytest.mark.parametrize(("text", "phrases"), TEXTS)
def test_phrase_table_finds_what_ignorecase_finds(text: str, phrases: list[str]) -> None:
    table = PhraseTable(PHRASES)
    got = [(s.start, s.end, s.phrase) for s in table.find(text)]
    assert got == _ignorecase_only(table, text), text
    assert [p for _, _, p in got] == phrases, text
    assert all(text[start:end].lower() in PHRASES for start, end, _ in got), text
