"""Case-insensitive patterns run on lower-cased text only where the matches are the same."""

from __future__ import annotations

import re

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
TEXTS = [
    "Court FINED him and ordered Administrative Arrest; a Restriction of Liberty followed.",
    "The court fıned him",  # dotless i: only IGNORECASE reads "fıned" as "fined"
    "İ. Amanov was ARRESTED, then fined",  # lower-casing changes the length
    "ſuch a fine; ΣΟΦΙΑ got a ШТРАФ",
    "no sanction words at all",
]


@pytest.mark.parametrize("text", TEXTS)
def test_phrase_table_finds_what_ignorecase_finds(text: str) -> None:
    table = PhraseTable(PHRASES)
    # the phrases found by the case-insensitive scan alone, as before lowered scans
    expected = []
    last_end = -1
    for m in table._first.finditer(text):
        options = table._by_first.get(m.group().lower())
        if not options or m.start() < last_end:
            continue
        for rest_re, _cls, phrase in options:
            r = rest_re.match(text, m.end())
            if r is not None:
                expected.append((m.start(), r.end(), phrase))
                last_end = r.end()
                break
    got = [(s.start, s.end, s.phrase) for s in table.find(text)]
    assert got == expected, text
    assert any(p == "fine" for _, _, p in got) == bool(re.search("fine", text, re.I)), text
