"""The taxonomy file: the default loads and is consistent; mistakes name file, line and problem."""

from __future__ import annotations

import re
import textwrap
from pathlib import Path

import pytest

from kuzet.chronicle.errors import DataFileError
from kuzet.chronicle.extract import types as types_module
from kuzet.chronicle.prefilter import (
    for_lowered_text,
    key_strength,
    match_prefixes,
    required_substrings,
    text_prefixes,
    word_keys,
)
from kuzet.chronicle.taxonomy import ANY_LANGUAGE, load_taxonomy
from kuzet.synthetic import generate_entries

ROOT = Path(__file__).resolve().parents[2]
SPEC = ROOT.parent / "shared" / "spec" / "taxonomy.md"
EVAL = ROOT / "eval"
SEED = ROOT.parent / "shared" / "seeds" / "000_9ae157a45882d29c.txt"


@pytest.fixture(scope="module")
def default():  # type: ignore[no-untyped-def]
    return load_taxonomy()


def test_every_type_of_the_spec_is_in_the_default_taxonomy(default) -> None:  # type: ignore[no-untyped-def]
    if not SPEC.exists():
        pytest.skip("../shared/spec/taxonomy.md is not here")
    spec_ids = re.findall(r"^\| `([a-z_]+)` \|", SPEC.read_text(encoding="utf-8"), re.MULTILINE)
    assert len(spec_ids) >= 20, "could not read the type table of spec/taxonomy.md"
    missing = sorted(set(spec_ids) - set(default.ids))
    assert not missing, f"types of spec/taxonomy.md missing from data/taxonomy.yaml: {missing}"


def test_the_default_falls_back_to_a_type_it_defines(default) -> None:  # type: ignore[no-untyped-def]
    assert default.fallback == "statement"
    assert default.fallback in default


def test_every_type_has_an_english_and_a_russian_label_and_a_description(default) -> None:  # type: ignore[no-untyped-def]
    for t in default.types:
        assert t.labels.get("en") and t.labels.get("ru"), t.id
        assert t.description, t.id


def test_every_type_has_evidence_of_some_kind(default) -> None:  # type: ignore[no-untyped-def]
    for t in default.types:
        assert t.cues_for("en") or t.legal_refs or t.sanctions, f"{t.id} can never be found"


def test_resolution_order_puts_each_type_after_the_types_it_yields_to(default) -> None:  # type: ignore[no-untyped-def]
    order = {tid: i for i, tid in enumerate(default.resolution_order)}
    assert sorted(order) == sorted(default.ids)
    for t in default.types:
        for dep in t.depends_on():
            assert order[dep] < order[t.id], f"{t.id} is decided before {dep}"


def test_cues_never_match_inside_a_longer_word_or_a_hyphenated_compound(default) -> None:  # type: ignore[no-untyped-def]
    trial = default.get("trial")
    text = "She was held in pre-trial detention."
    assert not any(p.regex.search(text) for p in trial.cues_for("en")), text
    detention = default.get("detention")
    assert not any(p.regex.search("the undetained crowd") for p in detention.cues_for("en"))


# -- the prefilter is an optimisation: it must never hide a match ---------------------------


def _texts() -> list[str]:
    texts = [t for t, _ in generate_entries(300, seed=11)]
    for path in sorted(EVAL.glob("*.txt")) + sorted(EVAL.glob("*.md")):
        texts += [line for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    if SEED.exists():  # the real chronicle's quirks, when ../shared is here
        texts += [line for line in SEED.read_text(encoding="utf-8").splitlines() if line.strip()]
    return texts


def test_the_prefilter_never_skips_a_pattern_that_matches(default) -> None:  # type: ignore[no-untyped-def]
    patterns = [p for t in default.types for p in t.cues_for("en") + t.background_for("en")]
    patterns += list(default.background_for("en"))
    checked = 0
    for text in _texts():
        lowered = text.lower()
        starts = text_prefixes(lowered)
        for p in patterns:
            if not p.regex.search(text):
                continue
            checked += 1
            assert p.prefixes is None or not p.prefixes.isdisjoint(starts), (p.source, text)
            assert p.required is None or any(r in lowered for r in p.required), (p.source, text)
    assert checked > 500, "too few matches to say anything"


def test_the_index_never_skips_a_pattern_that_matches(default) -> None:  # type: ignore[no-untyped-def]
    index = types_module._Index.build(default, "en")
    checked = 0
    for text in _texts():
        active = index.active(text.lower())
        for i, p in enumerate(index.patterns):
            if p.regex.search(text):
                checked += 1
                assert i in active, (p.source, text)
    assert checked > 500, "too few matches to say anything"


def test_word_keys_are_words_of_every_match(default) -> None:  # type: ignore[no-untyped-def]
    patterns = [p for t in default.types for p in t.cues_for("en") + t.background_for("en")]
    checked = 0
    for text in _texts():
        lowered = text.lower()
        words = set(re.findall(r"(?<![\w-])\w+", lowered))
        for p in patterns:
            for m in p.regex.finditer(text) if p.words else ():
                checked += 1
                inside = set(re.findall(r"(?<![\w-])\w+", lowered[m.start() : m.end()]))
                for keys in p.words:  # a word of every set is in the match
                    assert any(
                        w.startswith(k) if is_open else w == k or (len(k) == 4 and w[:4] == k)
                        for w in inside & words
                        for k, is_open in keys
                    ), (p.source, m.group(), sorted(keys))
    assert checked > 500, "too few matches to say anything"


def test_patterns_run_on_lowered_text_match_where_the_originals_do(default) -> None:  # type: ignore[no-untyped-def]
    patterns = [p for t in default.types for p in t.cues_for("en") + t.background_for("en")]
    patterns += list(default.background_for("en"))
    assert sum(p.lowered is not None for p in patterns) > len(patterns) / 2
    for text in _texts():
        lowered = text.lower()
        for p in patterns:
            if p.lowered is not None:
                want = [m.span() for m in p.regex.finditer(text)]
                got = [m.span() for m in p.lowered.finditer(lowered)]
                assert got == want, (p.source, text)


WORD_KEY_EXAMPLES = [
    (r"(?:an?|the) (?:\w+ )?strike", {("stri", False)}),
    (r"detain(?:ed|s)?", {("deta", False)}),
    (r"hit (?:him|her)", {("hit", False)}),
    (r"(?:held|kept)\W+\w+ at (?:the )?police", {("poli", False)}),
    (r"(?:sent|took) to (?:a|the) cell", {("cell", False)}),
    (r"\d+ days?", {("day", True)}),  # "day" or "days": the word may go on
]


@pytest.mark.parametrize("regex, expected", WORD_KEY_EXAMPLES)
def test_word_keys(regex: str, expected: set[tuple[str, bool]]) -> None:
    found = word_keys(re.compile(rf"(?<![\w-])(?:{regex})(?![\w-])", re.IGNORECASE))
    assert found == expected, (regex, found)


def test_a_longer_word_is_a_stronger_key() -> None:
    assert key_strength(frozenset({("stri", False)})) > key_strength(frozenset({("the", False)}))
    assert key_strength(frozenset({("deta", False)})) > key_strength(
        frozenset({("deta", False), ("appr", False)})
    )


@pytest.mark.parametrize("regex", [r"\w+ed", r"(?:a|\w+)x", r"\d+ \w+"])
def test_word_keys_gives_up_where_no_word_is_certain(regex: str) -> None:
    assert word_keys(re.compile(rf"(?<![\w-])(?:{regex})(?![\w-])", re.IGNORECASE)) is None


LOWERED_EXAMPLES = [
    (r"KNB officers", "knb officers"),
    (r"\Wfined", r"\Wfined"),
    (r"(?P<scope>Article \d+)", r"(?P<scope>article \d+)"),
    (r"(?<![\w-])(?:Detained)(?![\w-])", r"(?<![\w-])(?:detained)(?![\w-])"),
]


@pytest.mark.parametrize("regex, expected", LOWERED_EXAMPLES)
def test_patterns_are_lowered_except_escapes_and_group_names(regex: str, expected: str) -> None:
    lowered = for_lowered_text(re.compile(regex, re.IGNORECASE))
    assert lowered is not None and lowered.pattern == expected
    assert not lowered.flags & re.IGNORECASE


@pytest.mark.parametrize("regex", [r"(?-i:March)", r"[A-z]", r"\u0410"])
def test_case_sensitive_patterns_are_not_lowered(regex: str) -> None:
    assert for_lowered_text(re.compile(regex, re.IGNORECASE)) is None


PREFIX_EXAMPLES = [
    (r"(?<![\w-])(?:detain(?:ed|s)?|apprehend)(?![\w-])", {"deta", "appr"}),
    (r"fined", {"fine"}),
    (r"a(?:b)?c", {"ac", "abc"}),
    (r"x{0,2}yz", {"x", "yz"}),
    (r"[“\"]?On Media", {"“on ", '"on ', "on m"}),
]


@pytest.mark.parametrize("regex, expected", PREFIX_EXAMPLES)
def test_match_prefixes(regex: str, expected: set[str]) -> None:
    assert match_prefixes(re.compile(regex, re.IGNORECASE)) == expected, regex


@pytest.mark.parametrize("regex", [r"\d+ days", r"\w+ arrest", r".*torture", r"(?:a|\w)x"])
def test_match_prefixes_gives_up_where_a_match_can_start_with_anything(regex: str) -> None:
    assert match_prefixes(re.compile(regex, re.IGNORECASE)) is None, regex


def test_required_substrings_finds_the_words_after_a_number() -> None:
    found = required_substrings(
        re.compile(r"\d+ days? of (?:administrative )?arrest", re.IGNORECASE)
    )
    assert found == {" of "} or found == {"arrest"}, found
    assert required_substrings(re.compile(r"\d+ (?:years|months)", re.IGNORECASE)) == {
        "years",
        "months",
    }


# -- malformed taxonomies --------------------------------------------------------------------


def _write(tmp_path: Path, body: str) -> Path:
    path = tmp_path / "org-taxonomy.yaml"
    path.write_text(textwrap.dedent(body).lstrip("\n"), encoding="utf-8")
    return path


GOOD_HEAD = """
fallback: other_event
types:
  - id: other_event
    label: {en: Other}
"""

BAD_TAXONOMIES = [
    # (file body, line of the problem, words the message must contain)
    (GOOD_HEAD + "    colour: red\n", 5, "unknown key 'colour'"),
    (GOOD_HEAD + "    cues:\n      en: ['detain(ed']\n", 6, "bad regular expression"),
    (GOOD_HEAD + "  - label: {en: No id}\n", 5, "type without an 'id'"),
    (GOOD_HEAD + "  - id: other_event\n", 5, "duplicate type id 'other_event' (first at line 3)"),
    (GOOD_HEAD + "    cues: ['{nowhere} words']\n", 5, "unknown fragment {nowhere}"),
    (GOOD_HEAD + "    unless: [ghost]\n", 5, "'unless' names 'ghost'"),
    (GOOD_HEAD + "    legal_refs: ['XYZ 12']\n", 5, "'XYZ 12' is not a code"),
    (GOOD_HEAD + "    sanctions: [flogging]\n", 5, "unknown sanction kind 'flogging'"),
    (
        GOOD_HEAD + "    sanctions: [{kind: fine, status: [maybe]}]\n",
        5,
        "unknown sanction status 'maybe'",
    ),
    (GOOD_HEAD + "  - id: Bad-Id\n", 5, "must be lower_case"),
    (
        GOOD_HEAD + "    cues: [{pattern: fined, codes: [CC, XYZ]}]\n",
        5,
        "unknown code 'XYZ'",
    ),
    (GOOD_HEAD + "    sanctions: [{kind: fine, codes: [civil]}]\n", 5, "unknown code 'civil'"),
    (GOOD_HEAD + "    counts: [negated, forever]\n", 5, "unknown value 'forever' in 'counts'"),
    (
        GOOD_HEAD + "    cues: ['story about (?P<scope>\\w+)']\n",
        5,
        "only background patterns may have a 'scope' group",
    ),
    (GOOD_HEAD.replace("fallback: other_event", "fallback: nothing"), 1, "fallback 'nothing'"),
    (GOOD_HEAD.replace("fallback: other_event\n", ""), 1, "missing 'fallback'"),
    ("types: [\n  - id: x\n", 2, "not valid YAML"),
    ("- just\n- a list\n", 1, "expected a mapping"),
    ("fallback: a\nkinds: []\n", 2, "unknown key 'kinds' in the top level"),
    ("extends: mine\nfallback: a\n", 1, "'extends' can only be 'default'"),
    (
        (
            "fallback: a\ntypes:\n  - id: a\n    unless: [b]\n    cues: [x]\n"
            "  - id: b\n    unless: [a]\n    cues: [y]\n"
        ),
        3,
        "goes round in a circle",
    ),
]


@pytest.mark.parametrize("body, line, words", BAD_TAXONOMIES)
def test_a_malformed_taxonomy_names_file_line_and_problem(
    tmp_path: Path, body: str, line: int, words: str
) -> None:
    path = _write(tmp_path, body)
    with pytest.raises(DataFileError) as caught:
        load_taxonomy(path)
    err = caught.value
    assert err.path == str(path), body
    assert err.line == line, f"{err} (for {body!r})"
    assert words in err.problem, f"{err} (for {body!r})"
    assert str(err).startswith(f"{path}:{line}: "), str(err)


def test_the_line_of_a_bad_pattern_is_the_pattern_own_line(tmp_path: Path) -> None:
    path = _write(
        tmp_path,
        """
        fallback: a
        types:
          - id: a
            cues:
              en:
                - 'fine words'
                - 'more fine words'
                - 'broken [words'
        """,
    )
    with pytest.raises(DataFileError) as caught:
        load_taxonomy(path)
    assert caught.value.line == 8
    assert "cues of type 'a'" in caught.value.problem


def test_a_missing_file_is_a_data_file_error(tmp_path: Path) -> None:
    with pytest.raises(DataFileError, match="cannot read"):
        load_taxonomy(tmp_path / "absent.yaml")


# -- an organisation's own taxonomy ---------------------------------------------------------


def test_an_organisation_taxonomy_replaces_the_default(tmp_path: Path) -> None:
    path = _write(
        tmp_path,
        """
        fallback: unknown
        fragments:
          land: '(?:land|pasture|field)s?'
        types:
          - id: land_dispute
            label: {en: Land dispute, ru: Земельный спор}
            cues: ['seiz\\w*{gap}{land}']
          - id: unknown
            label: Unclassified
        """.replace("{gap}", " (?:the |their )?"),
    )
    taxonomy = load_taxonomy(path)
    assert taxonomy.ids == ("land_dispute", "unknown")
    assert taxonomy.fallback == "unknown"
    cue = taxonomy.get("land_dispute").cues_for("en")[0]
    assert cue.regex.search("officials seized their pastures")
    assert taxonomy.get("land_dispute").label("ru") == "Земельный спор"
    assert taxonomy.get("unknown").label("ru") == "Unclassified"  # falls back to English


def test_extends_default_keeps_the_default_types_and_adds_or_replaces(tmp_path: Path) -> None:
    path = _write(
        tmp_path,
        """
        extends: default
        types:
          - id: hunger_strike
            label: {en: Hunger strike}
            cues: ['refused food']
          - id: deportation
            label: {en: Deportation}
            cues: ['deport\\w*']
        """,
    )
    taxonomy = load_taxonomy(path)
    default = load_taxonomy()
    assert taxonomy.ids[: len(default.ids)] == default.ids
    assert taxonomy.ids[-1] == "deportation"
    sources = [p.source for p in taxonomy.get("hunger_strike").cues_for("en")]
    assert sources == ["refused food"]
    assert taxonomy.fallback == default.fallback


def test_cues_written_as_a_plain_list_apply_to_every_language(tmp_path: Path) -> None:
    path = _write(tmp_path, GOOD_HEAD + "    cues: ['other']\n")
    t = load_taxonomy(path).get("other_event")
    assert [p.source for p in t.cues[ANY_LANGUAGE]] == ["other"]
    assert t.cues_for("ru") == t.cues_for("en")


# -- the documented examples load -----------------------------------------------------------


def test_the_example_taxonomy_of_the_docs_loads(tmp_path: Path) -> None:
    taxonomy = load_taxonomy(ROOT / "docs" / "examples" / "taxonomy-land-rights.yaml")
    assert {"land_seizure", "eviction"} <= set(taxonomy.ids)
    doc = (ROOT / "docs" / "extraction.md").read_text(encoding="utf-8")
    block = re.search(r"```yaml\n(.*?)```", doc, re.DOTALL)
    assert block, "docs/extraction.md has no yaml example"
    path = tmp_path / "from-docs.yaml"
    path.write_text(block.group(1), encoding="utf-8")
    from_docs = load_taxonomy(path)
    assert from_docs.fallback == "unknown"
    assert from_docs.get("land_seizure").cues_for("en")[0].regex.search("they seized the pastures")
