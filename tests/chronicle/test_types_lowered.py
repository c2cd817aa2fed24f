"""Event types on texts with letters that lower-casing and IGNORECASE read differently.

The types extractor runs its case-insensitive patterns on the lower-cased text, and
its prefilter reads the lower-cased words, where that finds the same matches
(``extract/lowered.py``). Here every answer is compared with the plain path: every
pattern run as written, with ``IGNORECASE``, on the text as written. The texts hold
dotless "ı", "İ", long "ſ", the Kelvin sign and capital sigma next to event words.
All wording is our own, about fictional people.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Iterator
from functools import cache
from pathlib import Path

import pytest

from kuzet.chronicle.extract import extract_entry, types
from kuzet.chronicle.extract.context import Context
from kuzet.chronicle.extract.lowered import (
    _parsed_letters,
    case_partners,
    folded,
    lower_case,
    pattern_letters,
    risky_chars,
    strict_risky_chars,
)
from kuzet.chronicle.knowledge import Knowledge, default_knowledge
from kuzet.chronicle.model import Entry, Mention, Period
from kuzet.chronicle.taxonomy import Pattern, Taxonomy
from kuzet.synthetic import generate_entries

PERIOD = Period(2025, 5)
EVAL = Path(__file__).resolve().parents[2] / "eval"


def _plain(p: Pattern) -> Pattern:
    """The pattern with no shortcut: no prefilter keys, no lower-cased copy."""
    return dataclasses.replace(p, prefixes=None, required=None, lowered=None, words=())


@cache
def _plain_index(knowledge: Knowledge) -> tuple[Taxonomy, types._Index]:
    """The taxonomy of ``knowledge`` indexed so that every pattern runs on every text,
    as written and with IGNORECASE: the answer the shortcuts must give."""
    tax = knowledge.taxonomy
    plain_types = tuple(
        dataclasses.replace(
            t,
            cues={lang: tuple(map(_plain, ps)) for lang, ps in t.cues.items()},
            background={lang: tuple(map(_plain, ps)) for lang, ps in t.background.items()},
        )
        for t in tax.types
    )
    plain_tax = dataclasses.replace(
        tax,
        types=plain_types,
        background={lang: tuple(map(_plain, ps)) for lang, ps in tax.background.items()},
    )
    around = types._around(knowledge, knowledge.language)
    around = dataclasses.replace(around, negation_lowered=None, hypothetical_lowered=None)
    return plain_tax, types._Index.build(plain_tax, knowledge.language, around)


def plain_types(text: str, ctx: Context) -> list[Mention[str]]:
    """What ``types.extract`` must give: every pattern run as written on the text."""
    tax, index = _plain_index(ctx.knowledge)
    found = types._resolve(tax, index.evidence(text, ctx))
    if not found:
        return [Mention(0, 0, "", tax.fallback)]
    order = {tid: i for i, tid in enumerate(tax.ids)}
    found.sort(key=lambda ev: (order[ev.type_id], ev.start, ev.end))
    return [Mention(ev.start, ev.end, ev.text, ev.type_id) for ev in found]


def context_of(text: str, knowledge: Knowledge | None = None) -> Context:
    """The context the pipeline gives the types extractor for this entry."""
    knowledge = knowledge or default_knowledge()
    rec = extract_entry(Entry(1, text, ()), doc="2025-05", period=PERIOD, knowledge=knowledge)
    return Context(knowledge=knowledge, period=PERIOD).with_(
        date=rec.date,
        place=rec.place,
        persons=rec.persons,
        legal_refs=rec.legal_refs,
        sanctions=rec.sanctions,
    )


# entry -> types it reports (the plain path must agree; the odd letters are where shown)
EXAMPLES: list[tuple[str, set[str]]] = [
    # dotless i inside the event word: IGNORECASE reads "detaıned" as "detained"
    ("May 3, Aktau, police detaıned the blogger Omarov S. at his home[1].", {"detention"}),
    ("May 3, Aktau, police DETAINED the blogger Qasımov N. at his home[1].", {"detention"}),
    ("May 5, Oral, the court fıned Temirova G. 60 MCI for a post[2].", {"administrative_fine"}),
    # long s
    ("May 6, Taraz, the activist Zhunusov B. was arreſted by police officers[3].", {"detention"}),
    # capital I with a dot: lower-casing makes two characters of it
    ("May 7, Shymkent, officers DETAİNED İlyasov M. outside the akimat[4].", {"detention"}),
    ("May 7, İlyasova K. was sentenced to 12 days of arrest[5].", {"administrative_arrest"}),
    # the Kelvin sign lower-cases to "k", as IGNORECASE reads it: the fast path holds
    ("May 8, Kostanay, police \u212aept the journalist Abenov R. for six hours[6].", None),
    # capital sigma next to an event word
    ("May 9, ΣΟΦΙΑ Nurlanova was detained at the airport[7].", {"detention"}),
    # a negation with a dotless i before the cue: "dıd not" is a negation too
    ("May 10, police dıd not detain anyone at the rally of Bekova T.[8].", None),
    ("May 11, Almaty, a court ſentenced Serikov A. to 5 years of imprisonment[9].", None),
]


@pytest.mark.parametrize(("text", "expected"), EXAMPLES)
def test_odd_letters_give_what_ignorecase_gives(text: str, expected: set[str] | None) -> None:
    ctx = context_of(text)
    got = types.extract(text, context=ctx)
    assert got == plain_types(text, ctx), text
    assert all(text[m.start : m.end] == m.text for m in got), text
    if expected is not None:
        assert {m.value for m in got} == expected, text


def _texts() -> list[str]:
    """Entries of our own annotated chronicles (not the blind ones) and synthetic ones."""
    texts = [t for t, _ in generate_entries(30, seed=5, period=PERIOD)]
    for folder in (EVAL, EVAL / "dev", EVAL / "dev2"):
        for path in sorted(folder.glob("*.txt")):
            lines = [ln for ln in path.read_text(encoding="utf-8").splitlines() if ln.strip()]
            body = lines[: lines.index("****")] if "****" in lines else lines
            texts += body[::6]  # a sample keeps the test fast: every pattern runs on the plain path
    return texts


def _odd_variants(text: str) -> Iterator[str]:
    """The text with letters that lower-casing and IGNORECASE read differently; every
    character keeps its place, so the legal references and sanctions found in the
    original text still point at the same words."""
    yield text.replace("i", "ı")
    yield text.replace("s", "ſ")
    yield text.replace("I", "İ").replace("e", "E")
    yield text.replace("k", "\u212a")
    yield text + " Qasım İlyasov was there."
    yield text + " ΣΟΦΙΑ."


def test_every_variant_of_our_entries_gives_what_ignorecase_gives() -> None:
    texts = _texts()
    assert len(texts) > 80, "too few entries to say anything"
    differing = []
    for text in texts:
        ctx = context_of(text)
        for variant in _odd_variants(text):
            got = types.extract(variant, context=ctx)
            if got != plain_types(variant, ctx):
                differing.append(variant)
    assert not differing, differing[:3]


def test_plain_text_keeps_the_lower_cased_path() -> None:
    # The shortcut is still taken where it is safe: the speed comes from it.
    knowledge = default_knowledge()
    index = knowledge.compiled(
        f"types:index:{knowledge.language}",
        lambda: types._Index.build(knowledge.taxonomy, "en", types._around(knowledge, "en")),
    )
    text = "May 3, Kostanay, police detained the blogger Omarov S.[1]."
    assert lower_case(text, index.risky) == text.lower()
    for odd in ("detaıned", "arreſted", "DETAİNED"):
        assert lower_case(f"police {odd} him", index.risky) is None, odd
        assert index.prefilter_text(f"police {odd} him", None) is not None, odd


def test_a_taxonomy_with_dotless_and_dotted_i_reads_a_capital_i_both_ways(tmp_path: Path) -> None:
    # A Kazakh Latin cue has "ı", an English one "i": IGNORECASE matches a capital "I"
    # to both, but "I".lower() is "i" only, so "USTALDI" must not be read lower-cased.
    path = tmp_path / "ours.yaml"
    path.write_text(
        "fallback: other\n"
        "types:\n"
        "  - id: detention\n"
        "    cues: ['ustaldı', 'detained']\n"
        "  - id: other\n",
        encoding="utf-8",
    )
    knowledge = Knowledge(taxonomy_file=path)
    for text in ("Amanov T. USTALDI[1].", "Amanov T. ustaldı[1].", "Police DETAINED Amanov T."):
        ctx = Context(knowledge=knowledge, period=PERIOD)
        got = types.extract(text, context=ctx)
        assert got == plain_types(text, ctx), text
        assert [m.value for m in got] == ["detention"], text


# --------------------------------------------------------------------------- lowered.py helpers

# (pattern, characters its letters must include)
LETTER_EXAMPLES = [
    (r"detain(?:ed|s)?", "adeinst"),
    (r"[A-C]x", "ABCx"),
    (r"[\t-z]", "AZaz"),  # a range from an escape: the source does not show its members
    (r"a-\x7a", "az"),
    (r"\u0131", "ı"),
    (r"\N{LATIN SMALL LETTER LONG S}", "ſ"),
    (r"[а-яё]+", "аяёж"),
    (r"[^\W\d_]+ (?P<scope>ab)", "ab"),
]


@pytest.mark.parametrize(("regex", "must"), LETTER_EXAMPLES)
def test_pattern_letters_include_every_character_the_pattern_names(regex: str, must: str) -> None:
    pattern = re.compile(regex, re.IGNORECASE)
    letters = pattern_letters(pattern)
    assert letters is not None and set(must) <= set(letters), (regex, letters)
    assert set(_parsed_letters(pattern) or "") <= set(letters), regex


def test_pattern_letters_of_the_default_taxonomy_hold_what_the_parser_finds() -> None:
    knowledge = default_knowledge()
    tax = knowledge.taxonomy
    patterns = [p.regex for t in tax.types for p in t.cues_for("en") + t.background_for("en")]
    assert len(patterns) > 100
    for regex in patterns:
        assert set(_parsed_letters(regex) or "") <= set(pattern_letters(regex) or ""), regex.pattern


def test_case_partners_are_the_characters_lower_casing_misreads() -> None:
    partners = case_partners("abcdefghijklmnopqrstuvwxyz")
    assert partners["ı"] == {"i"} and partners["ſ"] == {"s"} and partners["İ"] == {"i"}
    assert "\u212a" not in partners  # the Kelvin sign lower-cases to "k"
    assert "I" not in partners and "i" not in partners


def test_strict_risky_chars_catch_a_capital_i_that_risky_chars_lets_through() -> None:
    assert risky_chars("iı").search("USTALDI") is None  # the looser rule's blind spot
    assert strict_risky_chars("iı").search("USTALDI")
    latin = strict_risky_chars("abcdefghijklmnopqrstuvwxyz")
    for odd in ("ı", "ſ", "İ", "Σ"):
        assert latin.search(odd), odd
    assert latin.search("Police detained \u212aemelov on 3 May") is None


# text -> its folded copy for the prefilter (None: no such copy)
FOLDED = [
    ("Police detaıned Qasımov", "police detained qasimov"),
    ("ARREſTED", "arrested"),
    ("DETAİNED İlyasov", "detained ilyasov"),  # one character each: offsets hold
    ("ΣΟΦΙΑ", "σοφια"),
]


@pytest.mark.parametrize(("text", "expected"), FOLDED)
def test_folded_keeps_length_and_reads_partners_as_their_letters(text: str, expected: str) -> None:
    got = folded(text, case_partners("abcdefghijklmnopqrstuvwxyz"))
    assert got == expected and len(got) == len(text), text


def test_folded_gives_up_where_a_character_stands_for_two_letters() -> None:
    assert folded("USTALDI", case_partners("iı")) is None
