"""Person linking (kuzet.linking): which name mentions are one person.

Tables in the price-parser style. Each case is a list of mentions, one per entry
("written" form, optionally "written|key" when the key differs from the written
form), entry numbers counting from 1. All names are fictional.
"""

from __future__ import annotations

import random

import pytest

from kuzet.linking import (
    Decision,
    MentionRef,
    NameMention,
    NameRules,
    block_keys,
    default_rules,
    link,
    name_matches,
    swap_keys,
)

DOC = "2031-04"


def _mention(n: int, spec: str, doc: str = DOC) -> NameMention:
    written, _, key = spec.partition("|")
    return NameMention(doc, n, written, key or written)


def _people(mentions: list[NameMention], decisions: tuple[Decision, ...] = ()) -> set[frozenset[tuple[int, str]]]:
    return {frozenset((m.n, m.key) for m in c.mentions) for c in link(mentions, decisions)}


def _one_person(specs: list[str]) -> list[NameMention]:
    return [_mention(n, s) for n, s in enumerate(specs, 1)]


# Spellings of one person in different entries: all must come out as one cluster.
SAME_PERSON = [
    ("-yev / -ev", ["Kurmanbayev T.", "Kurmanbaev T."]),
    ("-iyeva / -ieva", ["Seitkaliyeva G.", "Seitkalieva G."]),
    ("-met / -med", ["Mukhametov A.", "Mukhamedov A."]),
    ("-met / -med before -kar", ["Mukhametkaliyev A.", "Mukhamedkaliev A."]),
    ("d/t inside a long name", ["Akhmetbekov R.", "Akhmedbekov R."]),
    ("y / i in a given name", ["Nurova Aygerim|Nurova A.", "Nurova Aigerim|Nurova A."]),
    ("dzh / zh / j", ["Dzhaksybekov R.", "Zhaksybekov R.", "Jaksybekov R."]),
    ("ye / e", ["Yelemesov K.", "Elemesov K."]),
    ("double letters", ["Kassymov B.", "Kasymov B."]),
    ("q / k", ["Qaliev E.", "Kaliev E."]),
    ("kh / h", ["Khamitov S.", "Hamitov S."]),
    ("o / u (Kazakh o-umlaut)", ["Tolegenov M.", "Tulegenov M."]),
    ("initial and full given name", ["Ospanov D.", "Ospanov Dauren|Ospanov D."]),
    ("given name first", ["Ospanov D.", "Dauren Ospanov|Ospanov D."]),
    ("given name first, key taken the other way round",
     ["Ospanov D.", "Ospanov D.", "Dauren Ospanov|Dauren O."]),
    ("initial without its stop", ["Sagyndykova Zh.", "Sagyndykova Zh"]),
    ("two initials", ["Temirov K.M.", "Temirov K."]),
    ("hyphen in the surname", ["Sand-Bekov S.", "Sandbekov S."]),
    ("full stop variants and case", ["Abenov  K.", "Abenov K."]),
    ("a vowel left out of a long name", ["Abdurakhmanov A.", "Abdrakhmanov A."]),
    ("surname alone next to the named person", ["Baizhanov N.", "Baizhanov"]),
    ("same given name twice", ["Omarov Serik|Omarov S.", "Serik Omarov|Omarov S."]),
]

# Groups of mentions that must each stay their own person.
DIFFERENT_PEOPLE = [
    ("masculine and feminine surname", ["Orlov P.", "Orlova P."]),
    ("same stem, other initial and gender", ["Bekov D.", "Bekova A."]),
    ("same surname, other initials", ["Sadykov A.", "Sadykov B."]),
    ("one letter apart but not a spelling variant", ["Nurmanov A.", "Nugmanov A."]),
    ("-ov / -ev is a different surname", ["Abishov K.", "Abishev K."]),
    ("-ova / -ina", ["Kulova D.", "Kulina D."]),
    ("first letter differs", ["Kaliev E.", "Galiev E."]),
    ("a vowel swap that is no spelling variant", ["Baratov K.", "Biratov K."]),
    ("short names one letter apart", ["Adam M.", "Adim M."]),
    ("two different given names with one initial",
     ["Ospanov Dauren|Ospanov D.", "Ospanov Daulet|Ospanov D."]),
    ("-skaya / -sky", ["Vetrinskaya O.", "Vetrinsky O."]),
]


@pytest.mark.parametrize("label,specs", SAME_PERSON, ids=[c[0] for c in SAME_PERSON])
def test_it_links_spellings_of_one_person(label: str, specs: list[str]) -> None:
    people = _people(_one_person(specs))
    assert len(people) == 1, f"{label}: {specs} gave {sorted(map(sorted, people))}"


@pytest.mark.parametrize("label,specs", DIFFERENT_PEOPLE, ids=[c[0] for c in DIFFERENT_PEOPLE])
def test_it_keeps_different_people_apart(label: str, specs: list[str]) -> None:
    people = _people(_one_person(specs))
    assert len(people) == len(specs), f"{label}: {specs} gave {sorted(map(sorted, people))}"


def test_a_bare_initial_between_two_full_names_stays_on_its_own() -> None:
    mentions = _one_person(
        ["Ospanov Dauren|Ospanov D.", "Ospanov Daulet|Ospanov D.", "Ospanov D."]
    )
    people = _people(mentions)
    assert len(people) == 3, people


def test_a_surname_alone_joins_the_neighbour_not_the_distant_namesake() -> None:
    mentions = [
        _mention(2, "Baizhanov N."),
        _mention(30, "Baizhanov K."),
        _mention(31, "Baizhanov"),
    ]
    people = _people(mentions)
    assert frozenset({(30, "Baizhanov K."), (31, "Baizhanov")}) in people, people
    assert frozenset({(2, "Baizhanov N.")}) in people, people


def test_a_surname_alone_joins_the_only_namesake_however_far() -> None:
    mentions = [_mention(2, "Serikbayev A."), _mention(90, "Serikbayev", "2031-09")]
    assert len(_people(mentions)) == 1


def test_a_surname_alone_between_two_near_namesakes_stays_on_its_own() -> None:
    mentions = [_mention(4, "Baizhanov N."), _mention(6, "Baizhanov K."), _mention(5, "Baizhanov")]
    people = _people(mentions)
    assert frozenset({(5, "Baizhanov")}) in people, people
    assert len(people) == 3


def test_a_given_name_alone_joins_the_spouse_named_elsewhere() -> None:
    # "Petrov Ilya and Maria": Maria is the Petrova M. of an earlier entry, not
    # Petrov I. (named in the same entry, so another person).
    mentions = [
        _mention(3, "Petrov I."),
        _mention(3, "Petrova M."),
        _mention(40, "Petrov Ilya|Petrov I."),
        _mention(40, "Maria"),
    ]
    people = _people(mentions)
    assert frozenset({(3, "Petrova M."), (40, "Maria")}) in people, people
    assert frozenset({(3, "Petrov I."), (40, "Petrov I.")}) in people, people


def test_a_given_name_alone_with_no_fitting_person_stays_on_its_own() -> None:
    mentions = [_mention(3, "Petrov I."), _mention(3, "Petrova M."), _mention(3, "Ruslan")]
    people = _people(mentions)
    assert frozenset({(3, "Ruslan")}) in people, people


def test_a_given_name_alone_is_not_one_person_across_documents() -> None:
    mentions = [_mention(3, "Ruslan", "2031-04"), _mention(8, "Ruslan", "2031-05")]
    assert len(link(mentions)) == 2


def test_a_full_given_name_alone_joins_the_neighbour_who_wrote_it_in_full() -> None:
    mentions = [_mention(7, "Ermekova Saule|Ermekova S."), _mention(8, "Saule")]
    assert len(_people(mentions)) == 1


def test_merge_decision_joins_different_surnames() -> None:
    mentions = _one_person(["Kenzhebek A.", "Kenzhebekuly A."])
    assert len(_people(mentions)) == 2
    merge = Decision("merge", ((mentions[0].ref,), (mentions[1].ref,)))
    assert len(_people(mentions, (merge,))) == 1


def test_split_decision_holds_when_new_mentions_arrive() -> None:
    old = _one_person(["Sadykov A.", "Sadykov A.", "Sadykov A."])
    split = Decision("split", ((old[2].ref,), (old[0].ref, old[1].ref)))
    new = old + [_mention(9, "Sadykov A.", "2031-05")]
    people = _people(new, (split,))
    assert frozenset({(3, "Sadykov A.")}) in people, people
    assert len(people) == 2, people  # the newcomer joins one side, not a third person


def test_a_newer_merge_undoes_an_older_split() -> None:
    ms = _one_person(["Sadykov A.", "Sadykov A."])
    split = Decision("split", ((ms[0].ref,), (ms[1].ref,)))
    merge = Decision("merge", ((ms[0].ref,), (ms[1].ref,)))
    assert len(_people(ms, (split,))) == 2
    assert len(_people(ms, (split, merge))) == 1
    assert len(_people(ms, (merge, split))) == 2


def test_a_decision_finds_a_mention_whose_key_was_respelled() -> None:
    ms = _one_person(["Sadykov A.", "Sadykov A."])
    split = Decision("split", ((MentionRef(DOC, 1, "Saddykov A."),), (ms[1].ref,)))
    assert len(_people(ms, (split,))) == 2


def test_decisions_about_missing_mentions_are_ignored() -> None:
    ms = _one_person(["Sadykov A.", "Sadykov A."])
    split = Decision("split", ((MentionRef("1999-01", 1, "Nobody X."),), (ms[1].ref,)))
    assert len(_people(ms, (split,))) == 1


def test_output_does_not_depend_on_input_order() -> None:
    ms = _one_person(
        ["Kurmanbayev T.", "Kurmanbaev T.", "Orlov P.", "Orlova P.", "Baizhanov", "Baizhanov N."]
    )
    shuffled = ms[:]
    random.Random(7).shuffle(shuffled)
    assert link(ms) == link(shuffled)


def test_the_name_is_the_most_frequent_spelling_and_the_rest_are_aliases() -> None:
    ms = _one_person(["Kurmanbaev T.", "Kurmanbayev T.", "Kurmanbayev Timur|Kurmanbayev T."])
    (person,) = link(ms)
    assert person.name == "Kurmanbayev T."
    assert person.aliases == ("Kurmanbaev T.", "Kurmanbayev Timur")


def test_rules_load_and_fold_the_documented_variants() -> None:
    rules = default_rules()
    assert rules.fold("Zhylanbayev") == rules.fold("Zhylanbaev")
    assert rules.fold("Imangaliyeva") == rules.fold("Imangalieva")
    assert rules.gender("Tarasova") == "f" and rules.gender("Tarasov") == "m"
    assert rules.gender("Sembay") == ""
    assert rules.other_gender("Tarasov") == "tarasova"


def test_a_broken_rules_file_names_the_problem(tmp_path: pytest.TempPathFactory) -> None:
    from kuzet.chronicle.errors import DataFileError
    from kuzet.chronicle.knowledge import data_path

    bundled = data_path("names.yaml").read_text(encoding="utf-8")
    path = tmp_path / "names.yaml"  # type: ignore[operator]
    path.write_text(bundled.replace("- [dzh, j]", "- [dzh]"), encoding="utf-8")
    with pytest.raises(DataFileError, match="fold"):
        NameRules.load(path)


# What a monitor types (query) against a written name: does it mean that person?
QUERIES = [
    ("Kurmanbaev", "Kurmanbayev T.", True),
    ("kurmanbayev t", "Kurmanbayev T.", True),
    ("Timur Kurmanbayev", "Kurmanbayev T.", True),
    ("Timur", "Kurmanbayev Timur", True),
    ("Mukhamedov", "Mukhametov A.", True),
    ("Kuzmenkov", "Kuzmenkova V.", False),
    ("Kuzmenkov", "Kuzmenkova Valeria", False),
    ("Kuzmenkov V.", "Kuzmenkov S.", False),
    ("Aleksandr", "Ivanova Aleksandra", False),
]


@pytest.mark.parametrize("query,name,expected", QUERIES)
def test_name_matches(query: str, name: str, expected: bool) -> None:
    assert name_matches(query, name) is expected, f"{query!r} ~ {name!r}"


def test_block_keys_put_both_genders_and_both_orders_in_reach() -> None:
    assert block_keys("Kuzmenkov V.") & block_keys("Kuzmenkova V.")
    assert swap_keys("Dauren O.", "Dauren Ospanov") & block_keys("Ospanov D.")
    assert not block_keys("Kuzmenkov V.") & block_keys("Ospanov D.")
    assert not swap_keys("Ospanov D.")


def test_the_linker_is_pure() -> None:
    import subprocess
    import sys

    code = (
        "import sys\n"
        "from kuzet.linking import NameMention, link\n"
        "link([NameMention('2031-04', 1, 'Testov A.', 'Testov A.')])\n"
        "print(','.join(m for m in ('django', 'sqlite3', 'psycopg') if m in sys.modules))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "", f"kuzet.linking pulled in: {out.stdout}"


# --- what the store's incremental relink reads of the linker -------------------------

from kuzet.linking import cluster_name, name_info, same_surname  # noqa: E402


@pytest.mark.parametrize(
    "a,b",
    [
        # Two edits in a long name: the edit operations found depend on the order.
        ("Ismashbekova D.", "Samashbekova D."),
        ("Mukhametkarim D.", "Mukhamedkarim D."),
        ("Tolegenov M.", "Tulegenov M."),
        ("Doltanov R.", "Tultanov R."),
        ("Abishov K.", "Abishev K."),
    ],
)
def test_same_surname_answers_as_link_does_in_either_order(a: str, b: str) -> None:
    fa, fb = name_info(a, a).form, name_info(b, b).form
    linked = len(link([_mention(1, a), _mention(2, b)])) == 1
    assert same_surname(fa, fb) is same_surname(fb, fa) is linked, (a, b)


def test_name_info_reads_a_name_as_link_does() -> None:
    plain = name_info("Tarasova V.", "Tarasova Vera")
    assert (plain.gender, plain.initial, plain.given, plain.bare) == ("f", "v", "vera", False)
    assert plain.other == name_info("Tarasov V.").form
    assert name_info("Vera", "Vera").bare and name_info("Vera", "Vera").known is None
    assert name_info("Tarasov V.").known == ("tarasov", "v")
    # Keyed the wrong way round by an extractor: the other reading is Ospanov D.
    swapped = name_info("Dauren O.", "Dauren Ospanov")
    assert swapped.alt == ("ospanov", "m", "d")


def test_cluster_name_is_the_most_frequent_key_earliest_first() -> None:
    assert cluster_name(["Kurmanbaev T.", "Kurmanbayev T.", "Kurmanbayev T."]) == "Kurmanbayev T."
    assert cluster_name(["Kurmanbaev T.", "Kurmanbayev T."]) == "Kurmanbaev T."
