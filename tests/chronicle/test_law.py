"""Legal references: tables of entries (fictional people, our own wording) and what they cite."""

from __future__ import annotations

import json
import random
from pathlib import Path

import pytest

from kuzet.chronicle.extract import law
from kuzet.chronicle.extract.context import Context
from kuzet.chronicle.model import Period

Ref = tuple[str, str, "str | None"]

# (entry text, the references it cites, in text order)
EXAMPLES: list[tuple[str, list[Ref]]] = [
    # one article, code after it
    (
        "May 3, Taraz, Omarova L., Article 174 of the Criminal Code of the RK, 4 years.",
        [("CC", "174", None)],
    ),
    (
        "charged under Article 405, Part 2 of the Criminal Code of the Republic of Kazakhstan",
        [("CC", "405", "2")],
    ),
    (
        "fined under Article 488, Part 6 of the Code of Administrative Offences of the RK",
        [("CAO", "488", "6")],
    ),
    ("a case under Article 488 of the Administrative Offences Code", [("CAO", "488", None)]),
    ("a protocol under article 434 of the CAO RK", [("CAO", "434", None)]),
    ("under Art. 489 of the CoAO", [("CAO", "489", None)]),
    ("summoned under Article 137 of the Criminal Procedure Code", [("CPC", "137", None)]),
    ("under Article 155 of the Code of Criminal Procedure", [("CPC", "155", None)]),
    ("the court cited Art. 918 of the Civil Code", [("OTHER", "918", None)]),
    ("contrary to Article 32 of the Constitution", [("OTHER", "32", None)]),
    ("under Article 73-3 of the Code on Administrative Offenses", [("CAO", "73-3", None)]),
    ("under Article 147-1 of the Code of Administrative Offences", [("CAO", "147-1", None)]),
    ("under Article 147–1 of the CAO", [("CAO", "147-1", None)]),  # en dash
    # several articles, code named once
    (
        "Articles 258, 405 of the Criminal Code of the RK",
        [("CC", "258", None), ("CC", "405", None)],
    ),
    (
        "Articles 378, 272 and 274 of the Criminal Code",
        [("CC", "378", None), ("CC", "272", None), ("CC", "274", None)],
    ),
    (
        "fined under Articles 488 and 489 of the Code of Administrative Offences",
        [("CAO", "488", None), ("CAO", "489", None)],
    ),
    (
        (
            "under Article 179 («Calls for seizure of power»), Article 262 (“Organised group”) "
            'and Article 150 ("Obstruction of elections") of the Kazakh Criminal Code'
        ),
        [("CC", "179", None), ("CC", "262", None), ("CC", "150", None)],
    ),
    (
        "Article 274, Part 2, Article 145, Part 5 of the Criminal Code",
        [("CC", "274", "2"), ("CC", "145", "5")],
    ),
    (
        "article 380, Part 1, Article 293, Part 3 of the Criminal Code of the RK",
        [("CC", "380", "1"), ("CC", "293", "3")],
    ),
    # parts written every way
    ("Article 146, Part 3/4 of the Criminal Code", [("CC", "146", "3"), ("CC", "146", "4")]),
    ("Article 405 Part 1/2 of the CC", [("CC", "405", "1"), ("CC", "405", "2")]),
    ("Article 405, Parts 1 and 2 of the Criminal Code", [("CC", "405", "1"), ("CC", "405", "2")]),
    ("Part 2 of Article 272 of the Criminal Code", [("CC", "272", "2")]),
    (
        "Part 2 of Article 272 and Part 1 of Article 274 of the Criminal Code",
        [("CC", "272", "2"), ("CC", "274", "1")],
    ),
    ("p. 2 art. 405 of the Criminal Code", [("CC", "405", "2")]),
    ("Article 174, Part Two of the Criminal Code", [("CC", "174", "2")]),
    ("paragraph 3 of Part 2 of Article 174 of the Criminal Code", [("CC", "174", "2")]),
    ("article 405 (part 2) of the Criminal Code", [("CC", "405", "2")]),
    # typos and abbreviations
    ("Kuanov B., Aricle 194, Part 2 of the Criminal Code of the RK", [("CC", "194", "2")]),
    ("Art 190 of the Criminal Code", [("CC", "190", None)]),
    # glosses, in brackets or quotes, before or after the code
    (
        "under Article 405, Part 2 of the Criminal Code of the RK (“participation in a banned group”)",
        [("CC", "405", "2")],
    ),
    (
        "under Article 258, Part 1 of the Criminal Code “Financing of extremism”",
        [("CC", "258", "1")],
    ),
    (
        "under Article 147-1 of the Code of Administrative Offences ‘Damage to property”’",
        [("CAO", "147-1", None)],
    ),
    # the code named elsewhere in the entry
    (
        "Serikova A. was detained under article 272. The Criminal Code provides up to 8 years.",
        [("CC", "272", None)],
    ),
    (
        "Under Article 405 of the Criminal Code of the RK; the court also cited Article 72.",
        [("CC", "405", None), ("CC", "72", None)],
    ),
    # the same reference twice, or with and without its part
    (
        "Article 258, Part 1 of the CC; the main case is under Article 258, Part 1 of the CC",
        [("CC", "258", "1")],
    ),
    ("Article 405 of the CC; later Article 405, Part 2 of the CC", [("CC", "405", "2")]),
    # two codes in one entry
    (
        "Article 488 of the CAO and Article 174 of the Criminal Code",
        [("CAO", "488", None), ("CC", "174", None)],
    ),
    # numbers after the citation are not articles
    (
        "Mamyrov T., Article 405 of the Criminal Code of the RK, 3 years of imprisonment",
        [("CC", "405", None)],
    ),
    ("Dauletova R., Article 488 of the CAO, 10 days of arrest", [("CAO", "488", None)]),
    ("Bekov S., Article 405, 2 years of restricted freedom", [("CC", "405", None)]),
    # bare articles, no code anywhere: the article table, then the entry's words
    ("Omarov N. was given 15 days under article 488", [("CAO", "488", None)]),
    ("Kairatov D. is suspected under Article 405", [("CC", "405", None)]),
    (
        "a protocol under Article 44 was drawn up; administrative court next week",
        [("CAO", "44", None)],
    ),
    ("the criminal case under Article 44 was opened", [("CC", "44", None)]),
    (
        "under Articles 272 part 2 and 274 part 1 of the CC",
        [("CC", "272", "2"), ("CC", "274", "1")],
    ),
    (
        "under Part 1 of Article 380 and Article 293 of the Criminal Code",
        [("CC", "380", "1"), ("CC", "293", None)],
    ),
    ("art. 405 part 2 CC RK", [("CC", "405", "2")]),
    ("p.2 art.405 CC", [("CC", "405", "2")]),
    ("under art 405 of the CC", [("CC", "405", None)]),
    ("article 405 (p. 2) of the Criminal Code", [("CC", "405", "2")]),
    ("CC RK Art. 174 was cited", [("CC", "174", None)]),
    ("Article 174 of the RK Criminal Code", [("CC", "174", None)]),
    (
        "under Article 488 of the Code of the Republic of Kazakhstan on Administrative Offences",
        [("CAO", "488", None)],
    ),
    ("Article 20 of the Law on Peaceful Assemblies", [("OTHER", "20", None)]),
    ("under KoAP RK, Article 488", [("CAO", "488", None)]),
    # a bare article the named code lacks but another code's table holds
    (
        "Article 174 of the Criminal Code and Article 488",
        [("CC", "174", None), ("CAO", "488", None)],
    ),
    (
        "fined under Article 488 of the CAO. He is also suspected under Article 405.",
        [("CAO", "488", None), ("CC", "405", None)],
    ),
    # "Article A, Part x and Article B, Part y": each part stays with the article before it
    (
        "charged under Article 179, Part 2 and Article 182, Part 1 of the Criminal Code",
        [("CC", "179", "2"), ("CC", "182", "1")],
    ),
    (
        "Art. 272 part 3 and art. 274 part 2 CC RK",
        [("CC", "272", "3"), ("CC", "274", "2")],
    ),
    (
        "fined under Article 488, Part 6 or Article 489, Part 1 of the CAO",
        [("CAO", "488", "6"), ("CAO", "489", "1")],
    ),
    (
        "Article 190, Part 4 as well as Article 217, Part 3 of the Criminal Code",
        [("CC", "190", "4"), ("CC", "217", "3")],
    ),
    (
        "under Article 174, Part 1, and Article 274, Part 2 of the Criminal Code",
        [("CC", "174", "1"), ("CC", "274", "2")],
    ),
    (
        "Article 174, Part 1 and Part 2 of Article 274 of the Criminal Code",
        [("CC", "174", "1"), ("CC", "274", "2")],
    ),
    (
        "Article 405, Part 1 and Article 174 of the Criminal Code",
        [("CC", "405", "1"), ("CC", "174", None)],
    ),
    # a part list before its article is not the previous article's
    (
        "Article 174 and Parts 1, 2 of Article 274 of the CC",
        [("CC", "174", None), ("CC", "274", "1"), ("CC", "274", "2")],
    ),
    # a bare article no table holds takes the code the entry names
    (
        "under Article 341 of the Criminal Code; then Article 342",
        [("CC", "341", None), ("CC", "342", None)],
    ),
]

NO_MATCH = [
    "June 5, Almaty, Zhakenov A. was detained at a rally.",
    "He published an article about the trial.",
    "Article 19 called for the release of the journalist.",
    "the Criminal Code was amended in 2023",
    "37 articles were published in 3 years",
    "Part of the crowd was dispersed by 5 p.m.",
    "the art 5 exhibition was closed",
    "see p. 12 of the report",
    "",
]

XFAIL = [
    (
        "Article 174.1 of the Criminal Code",
        [("CC", "174", "1")],
        "a dot between article and part is ambiguous (some codes number articles 174-1)",
    ),
]


def _refs(text: str) -> list[Ref]:
    return [(m.value.code, m.value.article, m.value.part) for m in law.extract(text, context=CTX)]


CTX = Context.default(Period(2023, 6))


@pytest.mark.parametrize(("text", "expected"), EXAMPLES)
def test_example(text: str, expected: list[Ref]) -> None:
    assert _refs(text) == expected, text


@pytest.mark.parametrize("text", NO_MATCH)
def test_no_match(text: str) -> None:
    assert _refs(text) == [], text


@pytest.mark.parametrize(("text", "expected", "reason"), XFAIL)
def test_xfail(text: str, expected: list[Ref], reason: str) -> None:
    if _refs(text) != expected:
        pytest.xfail(reason)
    pytest.fail(f"now passes, move it to EXAMPLES: {text}")


@pytest.mark.parametrize(("text", "_"), EXAMPLES)
def test_mentions_point_at_their_words(text: str, _: object) -> None:
    for m in law.extract(text, context=CTX):
        assert text[m.start : m.end] == m.text, text
        digits = m.value.article.split("-")[0]
        assert digits in m.text, text


def test_odd_input_gives_nothing_not_an_error() -> None:
    for text in (
        "Article",
        "Article ,,, of the",
        "Part 2 of",
        "((((Article 5",
        "Article " + "1" * 50,
        "“Article 5",
        "Articles 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13 of the",
    ):
        law.extract(text, context=CTX)  # no exception


_SOUP_TEXT = (
    "Article Articles Aricle art. p. Part Parts 2 405 147-1 3/4 , and of the Criminal Code CAO "
    "CC RK ( ) “ ” Republic Kazakhstan paragraph 19 years tenge Law Constitution ; . Two"
)
_SOUP = _SOUP_TEXT.split()


def test_random_word_soup_never_raises_and_mentions_point_at_their_words() -> None:
    rng = random.Random(20230601)
    for _ in range(300):
        text = " ".join(rng.choice(_SOUP) for _ in range(rng.randint(0, 40)))
        for m in law.extract(text, context=CTX):
            assert text[m.start : m.end] == m.text, text
            assert m.value.code in ("CC", "CAO", "CPC", "OTHER"), text


def test_a_malformed_law_pack_names_the_file_and_line(tmp_path: Path) -> None:
    import yaml

    from kuzet.chronicle.errors import DataFileError
    from kuzet.chronicle.knowledge import data_path

    text = data_path("lang", "en", "law.yaml").read_text(encoding="utf-8")
    broken = text.replace("  CPC:\n", "  XYZ:\n")
    path = tmp_path / "law.yaml"
    path.write_text(broken, encoding="utf-8")
    with pytest.raises(DataFileError) as err:
        law._compile(yaml.safe_load(broken), path)
    assert err.value.path == str(path)
    assert err.value.line is not None and "XYZ" in broken.splitlines()[err.value.line - 1]
    with pytest.raises(DataFileError, match="missing key 'codes'"):
        law._compile({"article_words": ["article"], "part_words": ["part"]}, path)


SEED = Path(__file__).resolve().parents[3] / "shared"


def test_seed_legal_refs_match_gold() -> None:
    seed, gold = SEED / "seeds" / "000_9ae157a45882d29c.txt", SEED / "gold" / "2023-06.jsonl"
    if not seed.exists() or not gold.exists():
        pytest.skip("the shared seed and gold are not here")
    lines = [l for l in seed.read_text(encoding="utf-8").split("****")[0].splitlines() if l.strip()]
    wrong = []
    for line in gold.read_text(encoding="utf-8").splitlines():
        rec = json.loads(line)
        want = sorted((r["code"], r["article"], r["part"] or "") for r in rec["legal_refs"])
        got = sorted((c, a, p or "") for c, a, p in _refs(lines[rec["n"] - 1]))
        if want != got:
            wrong.append((rec["n"], want, got))
    assert not wrong
