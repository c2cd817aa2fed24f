"""``kuzet extract``: every format and option, on our own fictional chronicles."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest

from kuzet.chronicle.extract import extract_document
from kuzet.chronicle.model import Period
from kuzet.chronicle.read import read_document
from kuzet.cli import main
from kuzet.cli.extract_cmds import CSV_COLUMNS

ROOT = Path(__file__).resolve().parent.parent
EVAL_TXT = ROOT / "eval" / "2024-02.txt"
EVAL_MD = ROOT / "eval" / "2022-11.md"
SEED = ROOT.parent / "shared" / "seeds" / "000_9ae157a45882d29c.txt"
SPEC_KEYS = {"doc", "n", "date", "place", "persons", "legal_refs", "sanctions", "types", "refs"}

SMALL = """\
March 2, Almaty, police detained the activist Temirov Askhat outside the akimat[1].
March 3, Zhyngyldy, residents held a picket against the closure of the clinic[2].
March 4, a day without news[3].
****
[1] https://example.org/a
[2] https://example.org/b
[3] https://example.org/c
"""


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(["extract", *args])
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def small(tmp_path: Path) -> Path:
    path = tmp_path / "2024-03.txt"
    path.write_text(SMALL, encoding="utf-8")
    return path


def _jsonl(out: str) -> list[dict[str, object]]:
    return [json.loads(line) for line in out.splitlines() if line.strip()]


def test_jsonl_prints_one_record_per_entry_exactly_as_record_to_dict(capsys) -> None:  # type: ignore[no-untyped-def]
    code, out, err = run(capsys, str(EVAL_TXT), "--period", "2024-02", "--format", "jsonl")
    assert code == 0, err
    records = _jsonl(out)
    expected = [
        r.to_dict() for r in extract_document(read_document(EVAL_TXT, period=Period(2024, 2)))
    ]
    assert records == expected
    assert len(records) == 58
    for r in records:
        assert SPEC_KEYS <= set(r), r
        assert r["doc"] == "2024-02" and r["types"], r


def test_period_option_is_passed_to_the_reader(capsys, small: Path) -> None:  # type: ignore[no-untyped-def]
    code, out, _ = run(capsys, str(small), "--period", "2021-03", "--format", "jsonl")
    assert code == 0
    assert {r["doc"] for r in _jsonl(out)} == {"2021-03"}
    assert _jsonl(out)[0]["date"] == "2021-03-02"


def test_an_entry_with_nothing_recognisable_gets_an_empty_record(capsys, small: Path) -> None:  # type: ignore[no-untyped-def]
    code, out, err = run(capsys, str(small), "--format", "jsonl")
    assert code == 0, err
    empty = _jsonl(out)[2]
    assert empty["date"] == "2024-03-04"
    assert empty["place"] is None
    assert empty["persons"] == empty["legal_refs"] == empty["sanctions"] == []
    assert empty["types"] == ["statement"]


def test_csv_has_one_row_per_entry_and_joins_lists_with_semicolons(capsys) -> None:  # type: ignore[no-untyped-def]
    code, out, err = run(capsys, str(EVAL_TXT), "--format", "csv")
    assert code == 0, err
    rows = list(csv.reader(io.StringIO(out)))
    assert tuple(rows[0]) == CSV_COLUMNS
    assert len(rows) == 1 + 58
    by_n = {int(r[1]): dict(zip(CSV_COLUMNS, r, strict=True)) for r in rows[1:]}
    records = {r["n"]: r for r in _jsonl(run(capsys, str(EVAL_TXT), "--format", "jsonl")[1])}
    for n, row in by_n.items():
        assert row["types"] == "; ".join(records[n]["types"])  # type: ignore[arg-type]
        assert row["date"] == (records[n]["date"] or "")
    multi = [row for row in by_n.values() if "; " in row["types"]]
    assert multi, "the fixture should have entries of several types"


def test_table_shows_the_entries_readably(capsys, small: Path) -> None:  # type: ignore[no-untyped-def]
    code, out, err = run(capsys, str(small))
    assert code == 0, err
    assert "Almaty" in out and "Detention" in out and "Temirov A." in out
    assert out.rstrip().endswith("3 entries")


def test_explain_table_shows_the_words_each_value_came_from(capsys, small: Path) -> None:  # type: ignore[no-untyped-def]
    code, out, err = run(capsys, str(small), "--explain")
    assert code == 0, err
    assert "legend:" in out
    assert "'March 2'  [0:7]" in out
    assert "'detained'" in out
    assert "(no words: nothing else matched)" in out  # the third entry's fallback type
    assert "fallback, check this entry" in out  # ... flagged for a reviewer


def test_explain_jsonl_adds_evidence_whose_offsets_point_into_the_entry(capsys) -> None:  # type: ignore[no-untyped-def]
    code, out, err = run(capsys, str(EVAL_TXT), "--format", "jsonl", "--explain")
    assert code == 0, err
    document = read_document(EVAL_TXT)
    texts = {e.n: e.text for e in document.entries}
    fields = set()
    for record in _jsonl(out):
        text = texts[record["n"]]  # type: ignore[index]
        for item in record["evidence"]:  # type: ignore[union-attr]
            fields.add(item["field"])
            assert text[item["start"] : item["end"]] == item["text"], item
    assert fields == {"date", "place", "person", "law", "sanction", "type"}


def test_explain_jsonl_flags_the_fallback_type(capsys, small: Path) -> None:  # type: ignore[no-untyped-def]
    code, out, err = run(capsys, str(small), "--format", "jsonl", "--explain")
    assert code == 0, err
    flagged = {
        r["n"]: [i.get("fallback") for i in r["evidence"] if i["field"] == "type"]  # type: ignore[union-attr,index]
        for r in _jsonl(out)
    }
    assert flagged[3] == [True]  # "a day without news": nothing recognised
    assert flagged[1] and not any(flagged[1])


def test_explain_with_csv_is_a_usage_error(capsys, small: Path) -> None:  # type: ignore[no-untyped-def]
    code, out, err = run(capsys, str(small), "--format", "csv", "--explain")
    assert code == 2 and out == ""
    assert "--explain works with --format table or jsonl" in err
    assert "Traceback" not in err


def test_taxonomy_option_replaces_the_event_types(capsys, small: Path, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    taxonomy = tmp_path / "ours.yaml"
    taxonomy.write_text(
        "fallback: unclassified\n"
        "types:\n"
        "  - id: street_action\n"
        "    cues: ['picket\\w*', 'rall(?:y|ies)']\n"
        "  - id: unclassified\n",
        encoding="utf-8",
    )
    code, out, err = run(capsys, str(small), "--format", "jsonl", "--taxonomy", str(taxonomy))
    assert code == 0, err
    assert [r["types"] for r in _jsonl(out)] == [
        ["unclassified"],
        ["street_action"],
        ["unclassified"],
    ]


def test_a_malformed_taxonomy_stops_with_file_line_and_problem(
    capsys, small: Path, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    taxonomy = tmp_path / "broken.yaml"
    taxonomy.write_text(
        "fallback: a\ntypes:\n  - id: a\n    cues: ['(unclosed']\n", encoding="utf-8"
    )
    code, out, err = run(capsys, str(small), "--taxonomy", str(taxonomy))
    assert code == 2 and out == ""
    assert err.startswith(f"kuzet: {taxonomy}:4: bad regular expression")
    assert len(err.strip().splitlines()) == 1 and "Traceback" not in err


def test_a_missing_taxonomy_file_is_refused(capsys, small: Path, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    code, out, err = run(capsys, str(small), "--taxonomy", str(tmp_path / "nope.yaml"))
    assert code == 2 and out == ""
    assert "does not exist" in err


GAZETTEER = (
    "name,kind,region,country,lat,lon,aliases\n"
    "Mangystau Region,region,,KZ,43.66,51.17,Mangistau Region\n"
    "Zhyngyldy,settlement,Mangystau Region,KZ,43.60,52.10,Zhyngyldi\n"
)


def test_gazetteer_option_adds_places(capsys, small: Path, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    code, out, _ = run(capsys, str(small), "--format", "jsonl")
    assert (_jsonl(out)[1]["place"] or {}).get("known") is not True  # type: ignore[union-attr]
    gazetteer = tmp_path / "ours.csv"
    gazetteer.write_text(GAZETTEER, encoding="utf-8")
    code, out, err = run(capsys, str(small), "--format", "jsonl", "--gazetteer", str(gazetteer))
    assert code == 0, err
    records = _jsonl(out)
    assert records[1]["place"]["name"] == "Zhyngyldy"  # type: ignore[index]
    assert records[1]["place"]["region"] == "Mangystau Region"  # type: ignore[index]
    assert records[0]["place"]["name"] == "Almaty"  # type: ignore[index]  # bundled places stay


def test_replace_gazetteer_uses_only_the_given_places(capsys, small: Path, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    gazetteer = tmp_path / "ours.csv"
    gazetteer.write_text(GAZETTEER, encoding="utf-8")
    code, out, err = run(
        capsys,
        str(small),
        "--format",
        "jsonl",
        "--gazetteer",
        str(gazetteer),
        "--replace-gazetteer",
    )
    assert code == 0, err
    records = _jsonl(out)
    assert records[1]["place"]["name"] == "Zhyngyldy"  # type: ignore[index]
    assert (records[0]["place"] or {}).get("known") is not True  # type: ignore[union-attr]


def test_replace_gazetteer_without_a_gazetteer_is_a_usage_error(capsys, small: Path) -> None:  # type: ignore[no-untyped-def]
    code, out, err = run(capsys, str(small), "--replace-gazetteer")
    assert code == 2 and out == ""
    assert "--replace-gazetteer needs at least one --gazetteer FILE" in err


def test_a_malformed_gazetteer_is_one_line_and_no_output(
    capsys, small: Path, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    gazetteer = tmp_path / "bad.csv"
    gazetteer.write_text("name,kind\nNowhere,planet\n", encoding="utf-8")
    code, out, err = run(capsys, str(small), "--gazetteer", str(gazetteer))
    assert code == 2 and out == ""
    assert err.startswith(f"kuzet: {gazetteer}") and "Traceback" not in err


def test_markdown_chronicles_are_extracted_too(capsys) -> None:  # type: ignore[no-untyped-def]
    code, out, err = run(capsys, str(EVAL_MD), "--format", "jsonl")
    assert code == 0, err
    records = _jsonl(out)
    assert len(records) == 33 and {r["doc"] for r in records} == {"2022-11"}


def test_the_seed_chronicle_gives_119_spec_shaped_records(capsys) -> None:  # type: ignore[no-untyped-def]
    if not SEED.exists():
        pytest.skip("../shared/seeds is not here")
    code, out, err = run(capsys, str(SEED), "--period", "2023-06", "--format", "jsonl")
    assert code == 0, err
    records = _jsonl(out)
    assert len(records) == 119
    assert [r["n"] for r in records] == list(range(1, 120))
    for r in records:
        assert SPEC_KEYS <= set(r), r
        assert r["doc"] == "2023-06" and r["types"] and isinstance(r["refs"], list)
        if r["place"] is not None:
            assert {"name", "kind", "region", "country"} <= set(r["place"])  # type: ignore[arg-type]
        for p in r["persons"]:  # type: ignore[union-attr]
            assert set(p) >= {"name", "role"} and p["role"] in ("subject", "other")
        for s in r["sanctions"]:  # type: ignore[union-attr]
            assert set(s) >= {"kind", "days", "amount_kzt", "person", "status"}
        for ref in r["legal_refs"]:  # type: ignore[union-attr]
            assert set(ref) >= {"code", "article", "part"}


def test_every_option_of_extract_is_documented() -> None:
    from kuzet.cli import _register, cli

    _register()
    command = cli.commands["extract"]
    doc = (ROOT / "docs" / "extraction.md").read_text(encoding="utf-8")
    options = [o for p in command.params for o in getattr(p, "opts", []) if o.startswith("--")]
    assert options
    missing = [o for o in options if o not in doc and o != "--help"]
    assert not missing, f"options of kuzet extract not in docs/extraction.md: {missing}"
