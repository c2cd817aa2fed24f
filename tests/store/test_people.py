"""People in the store: linking on ingest, merges and splits that last, stories, the CLI.

Every person and wording here is fictional; places and article numbers are facts.
"""

from __future__ import annotations

import json
import random

import pytest
from store_builders import Spec, document

from kuzet.chronicle.knowledge import default_knowledge
from kuzet.cli import main
from kuzet.store import models as m
from kuzet.store import people, services

pytestmark = pytest.mark.db


@pytest.fixture(autouse=True)
def _fresh_names_index(monkeypatch: pytest.MonkeyPatch) -> None:
    """Each test starts without the spellings earlier tests left in the process's
    index (harmless there, but they make the relink cautious: fewer direct attachments)."""
    monkeypatch.setattr(people, "_INDEX", None)

ALMATY = ("Almaty", "city", None)
KASKELEN = ("Kaskelen", "city", "Almaty Region")


def _april() -> list[Spec]:
    return [
        Spec(
            "April 3, Almaty, blogger Kurmanbayev Timur was detained at a picket[1].",
            date="2031-04-03", place=ALMATY,
            persons=[("Kurmanbayev Timur", "Kurmanbayev T.", "subject")],
            types=["detention"], refs=(1,),
        ),
        Spec(
            "April 4, Almaty, the court gave Kurmanbaev T. 10 days of administrative arrest "
            "under Article 488 of the Code of Administrative Offences[2].",
            date="2031-04-04", place=ALMATY,
            persons=[("Kurmanbaev T.", "Kurmanbaev T.", "subject")],
            law=[("Article 488", "CAO", "488", None)],
            sanctions=[("10 days", "administrative_arrest", 10, None, "Kurmanbaev T.", "imposed")],
            types=["administrative_arrest"], refs=(2,),
        ),
        Spec(
            "April 9, Kaskelen, spouses Orlov Pavel and Orlova Polina were warned by the police[3].",
            date="2031-04-09", place=KASKELEN,
            persons=[("Orlov Pavel", "Orlov P.", "subject"), ("Orlova Polina", "Orlova P.", "subject")],
            types=["harassment"], refs=(3,),
        ),
        Spec(
            "April 12, Almaty, supporters met Kurmanbayev T. after his 10 days of arrest[4].",
            date="2031-04-12", place=ALMATY,
            persons=[("Kurmanbayev T.", "Kurmanbayev T.", "subject")],
            sanctions=[("10 days", "administrative_arrest", 10, None, "Kurmanbayev T.", "served")],
            types=["detention"], refs=(4,),
        ),
        Spec(
            "April 20, Almaty, activist Sadykov A. was fined 34500 tenge under Article 488[5].",
            date="2031-04-20", place=ALMATY,
            persons=[("Sadykov A.", "Sadykov A.", "subject")],
            law=[("Article 488", "CAO", "488", None)],
            sanctions=[("34500 tenge", "fine", None, 34500, "Sadykov A.", "imposed")],
            types=["administrative_fine"], refs=(5,),
        ),
    ]


def _may() -> list[Spec]:
    return [
        Spec(
            "May 2, Almaty, Kurmanbayev T. was again given 15 days of arrest under Article 488[1].",
            date="2031-05-02", place=ALMATY,
            persons=[("Kurmanbayev T.", "Kurmanbayev T.", "subject")],
            law=[("Article 488", "CAO", "488", None)],
            sanctions=[("15 days", "administrative_arrest", 15, None, "Kurmanbayev T.", "imposed")],
            types=["administrative_arrest"], refs=(1,),
        ),
        Spec(
            "May 6, Kaskelen, Sadykov A. and Kenzhebekuly Arman were questioned by the police[2].",
            date="2031-05-06", place=KASKELEN,
            persons=[("Sadykov A.", "Sadykov A.", "subject"),
                     ("Kenzhebekuly Arman", "Kenzhebekuly A.", "subject")],
            types=["harassment"], refs=(2,),
        ),
    ]


def _ingest(specs: list[Spec], period: str) -> m.Document:
    doc, records = document(specs, period=period, name=f"chronicle-{period}.txt")
    services.ingest_document(doc, records=records)
    return m.Document.objects.get(key=period)


def _person_of(doc: str, n: int, key: str) -> m.Person:
    mention = m.PersonMention.objects.get(entry__document__key=doc, entry__n=n, key=key)
    assert mention.person is not None, f"{doc} #{n} {key} has no person"
    return mention.person


def _run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


# --- linking on ingest ---------------------------------------------------------------


def test_ingest_links_spellings_of_one_person_and_keeps_genders_apart(db: None) -> None:
    _ingest(_april(), "2031-04")
    timur = _person_of("2031-04", 1, "Kurmanbayev T.")
    assert _person_of("2031-04", 2, "Kurmanbaev T.") == timur
    assert _person_of("2031-04", 4, "Kurmanbayev T.") == timur
    assert timur.name == "Kurmanbayev T."
    assert _person_of("2031-04", 3, "Orlov P.") != _person_of("2031-04", 3, "Orlova P.")
    assert m.Person.objects.count() == 4


def test_a_new_document_attaches_to_existing_people_without_renumbering(db: None) -> None:
    _ingest(_april(), "2031-04")
    before = {p.name: p.pk for p in m.Person.objects.all()}
    _ingest(_may(), "2031-05")
    assert _person_of("2031-05", 1, "Kurmanbayev T.").pk == before["Kurmanbayev T."]
    assert _person_of("2031-05", 2, "Sadykov A.").pk == before["Sadykov A."]
    assert {p.name: p.pk for p in m.Person.objects.all() if p.name in before} == before
    assert m.Person.objects.count() == len(before) + 1  # Kenzhebekuly A. is new


def test_a_full_relink_keeps_person_ids(db: None) -> None:
    _ingest(_april(), "2031-04")
    _ingest(_may(), "2031-05")
    before = sorted(m.PersonMention.objects.values_list("id", "person_id"))
    report = people.relink()
    assert report.moved == 0 and report.created == 0
    assert sorted(m.PersonMention.objects.values_list("id", "person_id")) == before


# --- merge and split -----------------------------------------------------------------


def test_a_merge_lasts_through_a_reingest_that_recreates_the_mentions(db: None) -> None:
    _ingest(_april(), "2031-04")
    _ingest(_may(), "2031-05")
    sadykov = _person_of("2031-05", 2, "Sadykov A.")
    arman = _person_of("2031-05", 2, "Kenzhebekuly A.")
    merged = people.merge_persons(persons=[sadykov, arman], who="test", why="one man")
    assert _person_of("2031-04", 5, "Sadykov A.") == merged == _person_of("2031-05", 2, "Kenzhebekuly A.")
    assert m.LinkDecision.objects.get().kind == "merge"
    # An edited paragraph gets its mentions re-extracted: new rows, same decision.
    may = _may()
    may[1] = Spec(may[1].text.replace("were questioned", "were questioned again"), **{
        k: getattr(may[1], k) for k in ("date", "place", "persons", "types", "refs")})
    old_ids = set(m.PersonMention.objects.filter(entry__document__key="2031-05").values_list("id", flat=True))
    _ingest(may, "2031-05")
    assert not old_ids >= set(m.PersonMention.objects.filter(entry__document__key="2031-05").values_list("id", flat=True))
    assert _person_of("2031-05", 2, "Kenzhebekuly A.") == _person_of("2031-04", 5, "Sadykov A.")


def test_a_split_lasts_when_new_documents_name_the_person_again(db: None) -> None:
    _ingest(_april(), "2031-04")
    timur = _person_of("2031-04", 1, "Kurmanbayev T.")
    late = m.PersonMention.objects.get(entry__document__key="2031-04", entry__n=4)
    apart, rest = people.split_person(person=timur, mentions=[late], who="test", why="namesake")
    assert apart != rest and rest.pk == timur.pk  # the larger side keeps the id
    _ingest(_may(), "2031-05")
    assert _person_of("2031-04", 4, "Kurmanbayev T.") == apart
    assert _person_of("2031-04", 1, "Kurmanbayev T.") == rest
    assert _person_of("2031-05", 1, "Kurmanbayev T.") in (apart, rest)
    people.relink()
    assert _person_of("2031-04", 4, "Kurmanbayev T.") != _person_of("2031-04", 2, "Kurmanbaev T.")


def test_merge_refuses_a_single_person(db: None) -> None:
    _ingest(_april(), "2031-04")
    timur = _person_of("2031-04", 1, "Kurmanbayev T.")
    with pytest.raises(people.PeopleError, match="two different people"):
        people.merge_persons(persons=[timur, timur], who="test")


def test_split_refuses_every_mention(db: None) -> None:
    _ingest(_april(), "2031-04")
    timur = _person_of("2031-04", 1, "Kurmanbayev T.")
    with pytest.raises(people.PeopleError, match="every mention"):
        people.split_person(person=timur, mentions=list(timur.mentions.all()), who="test")


# --- finding and stories -------------------------------------------------------------


@pytest.mark.parametrize(
    "query,expected",
    [
        ("Kurmanbaev", ["Kurmanbayev T."]),
        ("Timur Kurmanbayev", ["Kurmanbayev T."]),
        ("kurmanbayev t.", ["Kurmanbayev T."]),
        ("Orlov", ["Orlov P."]),  # not Orlova
        ("Orlova Polina", ["Orlova P."]),
        ("Nobody", []),
    ],
)
def test_find_persons_by_any_spelling(db: None, query: str, expected: list[str]) -> None:
    _ingest(_april(), "2031-04")
    assert [p.name for p in people.find_persons(query)] == expected, query


def test_a_story_lists_entries_by_date_and_sums_each_arrest_once(db: None) -> None:
    _ingest(_may(), "2031-05")  # stored first, told last
    _ingest(_april(), "2031-04")
    story = people.person_story(_person_of("2031-04", 1, "Kurmanbayev T."))
    assert [(a.doc, a.n) for a in story.appearances] == [
        ("2031-04", 1), ("2031-04", 2), ("2031-04", 4), ("2031-05", 1)]
    assert story.aliases == ("Kurmanbaev T.", "Kurmanbayev Timur")
    s = story.summary
    # 10 days imposed on 4 April and reported served on 12 April are one arrest.
    assert (s.arrests, s.arrest_days) == (2, 25)
    assert (s.first.n, s.last.doc) == (1, "2031-05")  # type: ignore[union-attr]
    assert s.current_measure is not None and s.current_measure[0].days == 15
    assert s.articles == (("CAO 488", 2),)
    article = story.appearances[1].articles[0]
    assert article.title == default_knowledge().articles.title("CAO", "488")


def test_a_sanction_naming_nobody_goes_to_the_only_subject(db: None) -> None:
    spec = Spec(
        "June 1, Almaty, Iskakova Dana was fined 50000 tenge by the court[1].",
        date="2031-06-01", place=ALMATY,
        persons=[("Iskakova Dana", "Iskakova D.", "subject")],
        sanctions=[("50000 tenge", "fine", None, 50000, None, "imposed")],
        refs=(1,),
    )
    _ingest([spec], "2031-06")
    story = people.person_story(_person_of("2031-06", 1, "Iskakova D."))
    assert story.summary.fines_kzt == 50000


# --- the commands --------------------------------------------------------------------


def test_persons_jsonl_prints_one_person_per_line(db: None, capsys: pytest.CaptureFixture[str]) -> None:
    _ingest(_april(), "2031-04")
    code, out, _ = _run(capsys, "persons", "--format", "jsonl")
    assert code == 0
    lines = [json.loads(line) for line in out.splitlines()]
    timur = next(p for p in lines if p["name"] == "Kurmanbayev T.")
    assert set(timur) == {"id", "name", "aliases", "mentions"}
    assert timur["mentions"] == [
        {"doc": "2031-04", "n": 1, "name": "Kurmanbayev T."},
        {"doc": "2031-04", "n": 2, "name": "Kurmanbaev T."},
        {"doc": "2031-04", "n": 4, "name": "Kurmanbayev T."},
    ]
    assert "Kurmanbaev T." in timur["aliases"]
    assert len(lines) == 4


def test_persons_table_lists_names(db: None, capsys: pytest.CaptureFixture[str]) -> None:
    _ingest(_april(), "2031-04")
    code, out, _ = _run(capsys, "persons")
    assert code == 0 and "Kurmanbayev T." in out and "Orlova P." in out


def test_person_tells_the_story(db: None, capsys: pytest.CaptureFixture[str]) -> None:
    _ingest(_april(), "2031-04")
    code, out, _ = _run(capsys, "person", "Kurmanbaev")
    assert code == 0
    assert "2031-04-04, Almaty — 2031-04 #2" in out
    assert "administrative arrest: 10 days in total (1 arrest)" in out
    assert "CAO 488" in out


def test_person_by_id_and_as_json(db: None, capsys: pytest.CaptureFixture[str]) -> None:
    _ingest(_april(), "2031-04")
    pid = _person_of("2031-04", 5, "Sadykov A.").pk
    code, out, _ = _run(capsys, "person", str(pid), "--format", "json")
    assert code == 0
    data = json.loads(out)
    assert data["name"] == "Sadykov A." and data["summary"]["fines_kzt"] == 34500


def test_person_matching_nobody_exits_1_with_a_message(db: None, capsys: pytest.CaptureFixture[str]) -> None:
    _ingest(_april(), "2031-04")
    code, out, err = _run(capsys, "person", "Zzyzx")
    assert code == 1 and out == ""
    assert "nobody is named 'Zzyzx'" in err


def test_person_matching_several_lists_candidates_and_exits_1(
    db: None, capsys: pytest.CaptureFixture[str]
) -> None:
    _ingest(_april(), "2031-04")
    _ingest([Spec("May 1, Almaty, Sadykov B. was detained[1].", date="2031-05-01", place=ALMATY,
                  persons=[("Sadykov B.", "Sadykov B.", "subject")], refs=(1,))], "2031-05")
    code, _, err = _run(capsys, "person", "Sadykov")
    assert code == 1
    for p in m.Person.objects.filter(name__startswith="Sadykov"):
        assert f"{p.pk}  {p.name}" in err
    assert "give the id" in err


def test_merge_and_split_commands(db: None, capsys: pytest.CaptureFixture[str]) -> None:
    _ingest(_april(), "2031-04")
    _ingest(_may(), "2031-05")
    code, out, _ = _run(capsys, "merge", "Sadykov A.", "Kenzhebekuly", "--why", "same man")
    assert code == 0 and "merged into person" in out
    merged = _person_of("2031-05", 2, "Kenzhebekuly A.")
    assert merged == _person_of("2031-04", 5, "Sadykov A.")
    code, out, _ = _run(capsys, "split", str(merged.pk), "--alias", "Kenzhebekuly Arman")
    assert code == 0, out
    assert _person_of("2031-05", 2, "Kenzhebekuly A.") != _person_of("2031-04", 5, "Sadykov A.")
    code, out, _ = _run(capsys, "split", "Kurmanbayev", "--mention", "2031-04:4")
    assert code == 0
    assert _person_of("2031-04", 4, "Kurmanbayev T.") != _person_of("2031-04", 1, "Kurmanbayev T.")
    assert m.LinkDecision.objects.filter(kind="split").count() == 2
    assert m.AuditEvent.objects.filter(action__in=["merge", "split"]).count() == 3


@pytest.mark.parametrize(
    "args,message",
    [
        (["split", "Sadykov", "--mention", "2031-04"], "DOC:N"),
        (["split", "Sadykov", "--mention", "2031-04:99"], "no mention in 2031-04 #99"),
        (["split", "Sadykov"], "--mention DOC:N or --alias NAME"),
        (["split", "Sadykov", "--alias", "Nobody"], "never written 'Nobody'"),
        (["merge", "Sadykov"], "at least two people"),
        (["merge", "Sadykov", "Sadykov A."], "the same person"),
    ],
)
def test_bad_merge_and_split_requests_are_one_line_messages(
    db: None, capsys: pytest.CaptureFixture[str], args: list[str], message: str
) -> None:
    _ingest(_april(), "2031-04")
    code, _, err = _run(capsys, *args)
    assert code != 0
    assert message in err and "Traceback" not in err


# --- incremental relink equals a full one --------------------------------------------


def _named(day: int, month: str, *names: tuple[str, str]) -> Spec:
    """An entry naming these fictional people (as written, key), all subjects."""
    text = f"On day {day}, Almaty, " + " and ".join(w for w, _ in names) + " were summoned by the police."
    return Spec(text, date=f"{month}-{day:02d}", place=ALMATY,
                persons=[(w, k, "subject") for w, k in names], types=["harassment"])


def _state() -> tuple[dict[int, int | None], dict[int, str]]:
    """Each mention's person, and each person's name."""
    owners = dict(m.PersonMention.objects.values_list("id", "person_id"))
    return owners, dict(m.Person.objects.values_list("pk", "name"))


def _assert_same_as_full_relink() -> None:
    owners, names = _state()
    report = people.relink()
    after, _ = _state()
    moved = [
        (mn.entry.document.key, mn.entry.n, mn.written, owners[mn.pk], after[mn.pk])
        for mn in m.PersonMention.objects.select_related("entry__document")
        if owners[mn.pk] != after[mn.pk]
    ]
    assert (report.moved, report.created, report.removed) == (0, 0, 0), (report, moved)
    assert _state() == (owners, names)


def test_incremental_relinks_after_several_documents_equal_a_full_relink(db: None) -> None:
    _ingest([
        _named(1, "2032-01", ("Zhaksylykov Erlan", "Zhaksylykov E."), ("Bekova Aigerim", "Bekova A.")),
        _named(2, "2032-01", ("Zhaksylykov E.", "Zhaksylykov E."), ("Bekov Nurlan", "Bekov N.")),
        _named(3, "2032-01", ("Bekov N.", "Bekov N."), ("Saule", "Saule")),
        _named(5, "2032-01", ("Omarov Daniyar", "Omarov D."), ("Omarov Dauren", "Omarov D.")),
        _named(9, "2032-01", ("Tarasov Pavel", "Tarasov P."), ("Valentina", "Valentina")),
    ], "2032-01")
    _assert_same_as_full_relink()
    _ingest([
        _named(1, "2032-02", ("Zhaksylykov E.", "Zhaksylykov E."), ("Bekov Nurlan", "Bekov N.")),
        _named(4, "2032-02", ("Erlan Zhaksylykov", "Erlan Z."), ("Omarov", "Omarov")),
        _named(6, "2032-02", ("Bekova Saule", "Bekova S."), ("Kaliyev Marat", "Kaliyev M.")),
        _named(8, "2032-02", ("Tarasova V.", "Tarasova V."),),
    ], "2032-02")
    _assert_same_as_full_relink()
    # A given name alone, unresolved in its own month, is read through a family
    # that a later document names: that older entry is relinked too.
    assert _person_of("2032-01", 5, "Valentina") == _person_of("2032-02", 4, "Tarasova V.")
    # A monitor's decisions: a merge across surnames, a split, and a chosen name.
    bekov = _person_of("2032-01", 2, "Bekov N.")
    kaliyev = _person_of("2032-02", 3, "Kaliyev M.")
    people.merge_persons(persons=[bekov, kaliyev], who="test", why="one man, two surnames")
    erlan = _person_of("2032-01", 1, "Zhaksylykov E.")
    late = m.PersonMention.objects.get(entry__document__key="2032-02", entry__n=1, key="Zhaksylykov E.")
    people.split_person(person=erlan, mentions=[late], who="test", why="a namesake")
    renamed = _person_of("2032-01", 1, "Bekova A.")
    m.LinkDecision.objects.create(kind=m.LinkDecision.Kind.NAME, person=renamed,
                                  data={"name": "Bekova Aigerim"}, who="test", at=renamed.updated_at)
    renamed.name = "Bekova Aigerim"  # as kuzet.store.review.rename_person does
    renamed.save(update_fields=["name"])
    _assert_same_as_full_relink()
    # Later documents name the same people again, in other spellings.
    _ingest([
        _named(2, "2032-03", ("Kaliev M.", "Kaliev M."), ("Bekova A.", "Bekova A.")),
        _named(3, "2032-03", ("Zhaksylykov E.", "Zhaksylykov E."), ("Omarov D.", "Omarov D.")),
        _named(7, "2032-03", ("Bekov N.", "Bekov N."), ("Aigerim", "Aigerim")),
    ], "2032-03")
    _assert_same_as_full_relink()
    assert _person_of("2032-03", 1, "Kaliev M.") == _person_of("2032-01", 2, "Bekov N.")
    assert _person_of("2032-03", 1, "Bekova A.").name == "Bekova Aigerim"
    # Re-ingesting an edited document recreates its mentions; still the same as full.
    _ingest([
        _named(1, "2032-02", ("Zhaksylykov E.", "Zhaksylykov E."), ("Bekov N.", "Bekov N.")),
        _named(4, "2032-02", ("Omarov Dauren", "Omarov D."),),
    ], "2032-02")
    _assert_same_as_full_relink()


# Fictional people who are easy to confuse: each a list of (as written, key) spellings.
_CAST: list[list[tuple[str, str]]] = [
    # One family, two genders, one initial; given names written alone.
    [("Tarasov Viktor", "Tarasov V."), ("Tarasov V.", "Tarasov V."), ("Viktor Tarasov", "Tarasov V.")],
    [("Tarasova Vera", "Tarasova V."), ("Tarasova V.", "Tarasova V."), ("Vera", "Vera")],
    [("Tarasova Valentina", "Tarasova V."), ("Valentina", "Valentina")],
    # Transliteration variants; a surname written alone; a newcomer with another initial.
    [("Kurmanbayev Timur", "Kurmanbayev T."), ("Kurmanbaev T.", "Kurmanbaev T."), ("Kurmanbayev", "Kurmanbayev")],
    [("Kurmanbaev Askar", "Kurmanbaev A."), ("Kurmanbayev A.", "Kurmanbayev A.")],
    [("Kurmanbayeva Togzhan", "Kurmanbayeva T."), ("Kurmanbaeva T.", "Kurmanbaeva T.")],
    [("Mukhametkarim Duman", "Mukhametkarim D."), ("Mukhamedkarim D.", "Mukhamedkarim D.")],
    # Two given names with one initial, an initial alone between them.
    [("Ospanov Dauren", "Ospanov D."), ("Ospanov D.", "Ospanov D.")],
    [("Ospanov Daulet", "Ospanov D."), ("Ospanov", "Ospanov")],
    [("Ospanova Dina", "Ospanova D."), ("Dina", "Dina")],
    # Names written given name first, one keyed the other way round by the extractor.
    [("Marat Kaliyev", "Kaliyev M."), ("Kaliev M.", "Kaliev M."), ("Marat Kaliev", "Marat K.")],
    # Three spellings one letter apart in a chain: the middle one joins two families.
    [("Doltanov Ruslan", "Doltanov R."), ("Doltanov", "Doltanov")],
    [("Tultanov Kanat", "Tultanov K."), ("Tultanov K.", "Tultanov K.")],
    [("Dultanov R.", "Dultanov R.")],
    # Zh / Dzh and Ye / E spellings; given names alone.
    [("Zhaksylykov Erlan", "Zhaksylykov E."), ("Dzhaksylykov E.", "Dzhaksylykov E."), ("Erlan", "Erlan")],
    [("Yelemesova Saule", "Yelemesova S."), ("Elemesova S.", "Elemesova S."), ("Saule", "Saule")],
    [("Yelemesov Marat", "Yelemesov M."), ("Elemesov M.", "Elemesov M.")],
    # Plain people, often repeated: most new mentions of them attach without relinking.
    [("Sadykov Arman", "Sadykov A."), ("Sadykov A.", "Sadykov A."), ("A. Sadykov", "Sadykov A.")],
    [("Sadykov Bolat", "Sadykov B."), ("Sadykov B.", "Sadykov B.")],
    [("Nurova Aigerim", "Nurova A."), ("Nurova Aygerim", "Nurova A."), ("Nurova A.", "Nurova A.")],
    [("Seitkali Nurlan", "Seitkali N."), ("Seitkali N.", "Seitkali N.")],
]
# Couples named together, so that a given name alone has someone to be read through.
_COUPLES = [(0, 1), (0, 2), (16, 15), (7, 9), (8, 9), (3, 5), (11, 12)]


def _random_month(rng: random.Random, month: str) -> list[Spec]:
    entries = []
    for day in range(1, rng.randint(3, 7) + 1):
        if rng.random() < 0.3:
            who = list(rng.choice(_COUPLES))
        else:
            who = rng.sample(range(len(_CAST)), rng.randint(1, 3))
        names = list(dict.fromkeys(rng.choice(_CAST[p]) for p in who))  # one spelling each, no repeats
        entries.append(_named(day, month, *names))
    return entries


@pytest.mark.parametrize("seed,full_min", [(0, 1000), (1, 1000), (2, 1000), (3, 1000), (4, 1000), (5, 1000), (6, 0)])
def test_incremental_relinks_equal_a_full_relink_in_any_order_of_ingest(
    db: None, seed: int, full_min: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Months ingested in a random order (older ones after newer ones), some of them
    # again with edits, one removed; after every step the incremental state must be
    # exactly what a full relink gives.
    monkeypatch.setattr(people, "_FULL_MIN", full_min)  # 0: a big closure falls back to a full relink
    attached: list[int] = []
    real = people._attach_group
    monkeypatch.setattr(people, "_attach_group", lambda *a: attached.append(1) or real(*a))
    scopes: list[object] = []
    closure = people._closure
    monkeypatch.setattr(people, "_closure", lambda *a, **k: scopes.append(closure(*a, **k)) or scopes[-1])
    rng = random.Random(seed)
    months = [f"2033-{k:02d}" for k in range(1, 11)]
    plan = {month: _random_month(rng, month) for month in months}
    order = months[:]
    rng.shuffle(order)
    for month in order:
        _ingest(plan[month], month)
        _assert_same_as_full_relink()
    for month in rng.sample(months, 2):  # a corrected month: entries changed and dropped
        edited = _random_month(rng, month)[:-1] or plan[month][:1]
        _ingest(edited, month)
        _assert_same_as_full_relink()
    services.remove_document(document=m.Document.objects.get(key=rng.choice(months)), who="test")
    _assert_same_as_full_relink()
    assert attached, "no new mention was attached directly: the fast path went untested"
    assert any(s is not None for s in scopes), "no family was relinked: the closure went untested"
    if full_min == 0:
        assert None in scopes, "no relink fell back to a full one"


def test_removing_a_document_relinks_the_people_it_named(db: None) -> None:
    _ingest([_named(1, "2034-01", ("Ospanov Dauren", "Ospanov D."))], "2034-01")
    _ingest([_named(1, "2034-02", ("Ospanov Daulet", "Ospanov D."))], "2034-02")
    _ingest([_named(1, "2034-03", ("Ospanov D.", "Ospanov D."))], "2034-03")
    # Two given names with one initial: the bare initial is nobody's yet.
    unsure = _person_of("2034-03", 1, "Ospanov D.")
    assert unsure != _person_of("2034-01", 1, "Ospanov D.")
    daulet = _person_of("2034-02", 1, "Ospanov D.")
    services.remove_document(document=m.Document.objects.get(key="2034-02"), who="test")
    # Without Daulet the initial can only be Dauren; Daulet, left with nobody, is gone.
    assert _person_of("2034-03", 1, "Ospanov D.") == _person_of("2034-01", 1, "Ospanov D.")
    assert not m.Person.objects.filter(pk=daulet.pk).exists()
    _assert_same_as_full_relink()


def test_a_new_spelling_that_joins_two_families_relinks_a_surname_written_alone(db: None) -> None:
    # Doltanov and Tultanov are two surnames; Dultanov is one letter from each, so
    # once it is written they are one family, and "Doltanov" alone, near both a
    # Doltanov R. and a Tultanov K., no longer tells which one is meant.
    _ingest([
        _named(1, "2035-01", ("Doltanov Ruslan", "Doltanov R.")),
        _named(2, "2035-01", ("Doltanov", "Doltanov")),
        _named(3, "2035-01", ("Tultanov Kanat", "Tultanov K.")),
    ], "2035-01")
    assert _person_of("2035-01", 2, "Doltanov") == _person_of("2035-01", 1, "Doltanov R.")
    _ingest([_named(1, "2035-02", ("Dultanov R.", "Dultanov R."))], "2035-02")
    assert _person_of("2035-02", 1, "Dultanov R.") == _person_of("2035-01", 1, "Doltanov R.")
    assert _person_of("2035-01", 2, "Doltanov") != _person_of("2035-01", 1, "Doltanov R.")
    _assert_same_as_full_relink()


def test_an_initial_without_a_given_name_lets_a_given_name_alone_find_its_person(db: None) -> None:
    # "Vera" beside Tarasov Viktor fits no Tarasova while the only one is written
    # Valentina; a later "Tarasova V." of that person (no given name) fits "Vera".
    _ingest([_named(1, "2036-01", ("Tarasova Valentina", "Tarasova V."))], "2036-01")
    _ingest([_named(1, "2036-02", ("Tarasov Viktor", "Tarasov V."), ("Vera", "Vera"))], "2036-02")
    vera = _person_of("2036-02", 1, "Vera")
    assert vera != _person_of("2036-01", 1, "Tarasova V.")
    _ingest([_named(1, "2036-03", ("Tarasova V.", "Tarasova V."))], "2036-03")
    assert _person_of("2036-02", 1, "Vera") == _person_of("2036-01", 1, "Tarasova V.")
    _assert_same_as_full_relink()


def test_spellings_stored_behind_the_index_back_are_found(db: None) -> None:
    # Another process links a document whose mention ids fall below the highest id
    # this process has seen (its transaction committed late): the mention count
    # tells this process's index that it missed something.
    _ingest([_named(1, "2037-01", ("Ospanov Dauren", "Ospanov D."))], "2037-01")
    mine = people._INDEX
    assert mine is not None
    people._INDEX = None  # the other process, with an index of its own
    _ingest([_named(1, "2037-02", ("Ospanov Daulet", "Ospanov D."))], "2037-02")
    mine.watermark = m.PersonMention.objects.order_by("-id").values_list("id", flat=True)[0] + 100
    people._INDEX = mine
    _ingest([_named(1, "2037-03", ("Ospanov D.", "Ospanov D."))], "2037-03")
    # Dauren and Daulet share an initial: the initial alone is neither of them.
    assert _person_of("2037-03", 1, "Ospanov D.") not in (
        _person_of("2037-01", 1, "Ospanov D."), _person_of("2037-02", 1, "Ospanov D."))
    _assert_same_as_full_relink()


def test_new_mentions_join_one_of_two_namesakes_with_one_initial_without_a_relink(
    db: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Beisenov Dauren and Beisenov Daulet share an initial: the linker makes a person
    # of each given name, and one of "Beisenov D." written without a given name.
    # Later mentions of each join theirs directly — nothing is relinked — exactly
    # where a full relink puts them; a third given name is a new person.
    _ingest([
        _named(1, "2038-01", ("Beisenov Dauren", "Beisenov D.")),
        _named(2, "2038-01", ("Beisenov Daulet", "Beisenov D.")),
        _named(3, "2038-01", ("Beisenov D.", "Beisenov D.")),
    ], "2038-01")
    dauren, daulet, unsure = (_person_of("2038-01", n, "Beisenov D.") for n in (1, 2, 3))
    assert len({dauren, daulet, unsure}) == 3
    relinked: list[object] = []
    closure = people._closure
    monkeypatch.setattr(people, "_closure", lambda seeds, *a, **k: relinked.extend(seeds) or closure(seeds, *a, **k))
    _ingest([
        _named(1, "2038-02", ("Beisenov Daulet", "Beisenov D.")),
        _named(2, "2038-02", ("Beisenov Dauren", "Beisenov D.")),
        _named(3, "2038-02", ("Beisenov D.", "Beisenov D.")),
    ], "2038-02")
    assert relinked == []
    assert [_person_of("2038-02", n, "Beisenov D.") for n in (1, 2, 3)] == [daulet, dauren, unsure]
    _assert_same_as_full_relink()
    _ingest([_named(1, "2038-03", ("Beisenov Dias", "Beisenov D."))], "2038-03")
    assert relinked == []
    assert _person_of("2038-03", 1, "Beisenov D.") not in (dauren, daulet, unsure)
    _assert_same_as_full_relink()


def test_a_new_given_name_that_regroups_an_initial_relinks_its_family(
    db: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    # One Beisenova D., written once as Dana and once as D.: one person. A Dilnaz
    # with that initial makes "Beisenova D." nobody's in particular, so the earlier
    # mentions split, and the family is relinked rather than attached to.
    _ingest([
        _named(1, "2039-01", ("Beisenova Dana", "Beisenova D.")),
        _named(2, "2039-01", ("Beisenova D.", "Beisenova D.")),
    ], "2039-01")
    assert _person_of("2039-01", 1, "Beisenova D.") == _person_of("2039-01", 2, "Beisenova D.")
    relinked: list[object] = []
    closure = people._closure
    monkeypatch.setattr(people, "_closure", lambda seeds, *a, **k: relinked.extend(seeds) or closure(seeds, *a, **k))
    _ingest([_named(1, "2039-02", ("Beisenova Dilnaz", "Beisenova D."))], "2039-02")
    assert relinked, "the family was not relinked"
    assert len({_person_of("2039-01", 1, "Beisenova D."), _person_of("2039-01", 2, "Beisenova D."),
                _person_of("2039-02", 1, "Beisenova D.")}) == 3
    _assert_same_as_full_relink()
