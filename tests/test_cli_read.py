"""``kuzet read`` and ``kuzet lint`` as a user runs them."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from kuzet.cli import main

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "chronicles"
LINE = str(FIXTURES / "line_layout.txt")


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def test_read_shows_period_entries_and_references(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "read", LINE)
    assert (code, err) == (0, "")
    assert "period: 2024-05 (from the title)" in out
    assert "10 entries, 10 references, 1 lines skipped" in out
    assert "│ 7 May 2021 │" in out  # the date column holds the lead date as written
    assert "9?" in out  # [9] is cited but missing
    assert "missing references: 9" in out


def test_read_jsonl_gives_one_object_per_entry(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "read", LINE, "--format", "jsonl")
    rows = [json.loads(line) for line in out.splitlines()]
    assert code == 0 and len(rows) == 10
    assert rows[0] == {
        "doc": "2024-05",
        "n": 1,
        "text": rows[0]["text"],
        "refs": [1],
        "references": {
            "1": "https://news.example.kz/ru/news/piket-u-akimata?fbclid=IwAR0abcDEF123"
        },
        "line": 2,
    }
    assert rows[4]["refs"] == [5, 6] and set(rows[4]["references"]) == {"5", "6"}
    assert rows[8]["references"] == {"9": None}
    assert rows[6]["refs"] == [] and rows[6]["references"] == {}


def test_read_json_gives_the_whole_document(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "read", str(FIXTURES / "wordpress_page.html"), "--format", "json")
    data = json.loads(out)
    assert code == 0
    assert (data["format"], data["period"], data["period_source"]) == ("html", "2022-10", "title")
    assert len(data["entries"]) == 4 and len(data["references"]) == 4


def test_read_with_period_option(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(
        capsys, "read", str(FIXTURES / "no_year.txt"), "--period", "2021-03", "--format", "jsonl"
    )
    assert code == 0
    assert {json.loads(line)["doc"] for line in out.splitlines()} == {"2021-03"}


def test_a_bad_period_option_is_a_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "read", LINE, "--period", "June 2023")
    assert code == 2 and out == ""
    assert "period must look like 2023-06" in err


def test_lint_exits_1_on_errors_and_lists_each_finding(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "lint", LINE)
    assert code == 1
    lines = out.splitlines()
    assert any(l.startswith("error") and "missing-reference" in l and "[9]" in l for l in lines)
    assert any(
        "tracking-parameter" in l and "clean: https://news.example.kz/ru/news/piket-u-akimata" in l
        for l in lines
    )
    assert lines[-1] == "line_layout.txt: 1 errors, 8 warnings, 1 notes (10 entries checked)"


def test_lint_exits_0_with_only_warnings(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "lint", str(FIXTURES / "chronicle.docx"))
    assert code == 0
    assert "tracking-parameter" in out and "error" not in out.replace("0 errors", "")


def test_lint_of_a_clean_chronicle(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "lint", str(FIXTURES / "chronicle_2023_11.txt"))
    assert code == 0
    assert out.strip() == "chronicle_2023_11.txt: no findings (4 entries checked)"


def test_lint_json(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "lint", LINE, "--format", "json")
    data = json.loads(out)
    assert code == 1
    assert data["doc"] == "2024-05"
    assert data["counts"] == {"error": 1, "warning": 8, "info": 1}
    assert data["findings"][0].keys() == {"code", "severity", "entry", "reference", "message"}
    assert {
        "code": "missing-reference",
        "severity": "error",
        "entry": 9,
        "reference": 9,
        "message": "entry 9 cites [9], but the reference list has no [9]",
    } in data["findings"]


def test_the_bundled_example_reads_and_lints_without_errors(
    capsys: pytest.CaptureFixture[str],
) -> None:
    examples = Path(__file__).resolve().parents[1] / "examples"
    for month in ("2024-03", "2024-04"):
        code, out, err = run(capsys, "lint", str(examples / f"{month}.txt"))
        assert code == 0, out + err
        assert "warnings" in out, month  # the example keeps some things for lint to show
        code, out, _ = run(capsys, "read", str(examples / f"{month}.txt"), "--format", "jsonl")
        assert code == 0 and {json.loads(l)["doc"] for l in out.splitlines()} == {month}
