"""``kuzet ingest`` end to end: a fictional text chronicle read, linted, extracted, stored."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

pytestmark = pytest.mark.db

KUZET = [sys.executable, "-c", "import sys; from kuzet.cli import main; sys.exit(main())"]

ENTRIES = [
    "March 2, Kaskelen, activist Tolegen Zhaksybekov was detained near the district akimat[1].",
    "March 3, Almaty, the court sentenced Zhaksybekov T. to 10 days of administrative arrest "
    "under Article 488 of the Code of Administrative Offences[2].",
    "March 7, Taldykorgan, the city akimat refused Laura Omarova permission for a rally, "
    "citing repair works on the square[3].",
]
REFS = [
    "[1] https://news.example.org/a/1?utm_source=feed",
    "[2] https://court.example.kz/cases/2",
    "[3] https://t.me/example_channel/3",
]


def _chronicle(path: Path, entries: list[str], refs: list[str]) -> Path:
    path.write_text("\n".join(entries) + "\n****\n" + "\n".join(refs) + "\n", encoding="utf-8")
    return path


def _kuzet(args: list[str], url: str) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("KUZET_")}
    env["KUZET_DATABASE_URL"] = url
    return subprocess.run(KUZET + args, capture_output=True, text=True, env=env, timeout=120, check=False)


@pytest.fixture
def url(transactional_db: None, database_url_for_subprocess: str):  # type: ignore[no-untyped-def]
    from kuzet.store.search import rebuild_index

    yield database_url_for_subprocess
    rebuild_index()


def test_ingest_reports_created_then_unchanged_then_what_changed(url: str, tmp_path: Path) -> None:
    path = _chronicle(tmp_path / "march.txt", ENTRIES, REFS)
    first = _kuzet(["ingest", str(path), "--period", "2023-03", "--status", "in_review"], url)
    assert first.returncode == 0, first.stderr
    assert first.stdout.startswith("2023-03  march.txt: created: 3 entries added")

    again = _kuzet(["ingest", str(path), "--period", "2023-03"], url)
    assert again.returncode == 0, again.stderr
    assert "unchanged: 3 entries" in again.stdout

    edited = [ENTRIES[0].replace("activist", "civic activist"), ENTRIES[2],
              "March 9, Oral, blogger Nurlan Kenzhebay was summoned by the police[4]."]
    path = _chronicle(tmp_path / "march.txt", edited, REFS + ["[4] https://news.example.org/a/4"])
    third = _kuzet(["ingest", str(path), "--period", "2023-03", "--format", "json"], url)
    assert third.returncode == 0, third.stderr
    report = json.loads(third.stdout)
    assert report["outcome"] == "updated"
    assert (report["added"], report["changed"], report["removed"]) == ([3], [1], [2])

    from kuzet.store import models as m

    assert sorted(m.Entry.objects.values_list("review_status", flat=True)) == [
        "draft", "in_review", "in_review"
    ]  # the new entry got the default; kept entries kept theirs
    found = _kuzet(["search", "civic", "--format", "jsonl"], url)
    assert [json.loads(line)["n"] for line in found.stdout.splitlines()] == [1]


def test_a_document_with_lint_errors_is_refused_unless_forced(url: str, tmp_path: Path) -> None:
    # Entry 2 cites [2], which the reference list lacks: a missing-reference error.
    path = _chronicle(tmp_path / "bad.txt", ENTRIES[:2], REFS[:1])
    refused = _kuzet(["ingest", str(path), "--period", "2023-03"], url)
    assert refused.returncode == 1
    assert "Traceback" not in refused.stderr
    assert "lint error" in refused.stderr and "--force" in refused.stderr
    from kuzet.store import models as m

    assert m.Document.objects.count() == 0
    forced = _kuzet(["ingest", str(path), "--period", "2023-03", "--force"], url)
    assert forced.returncode == 0, forced.stderr
    codes = [f["code"] for f in m.Document.objects.get().lint_findings]
    assert "missing-reference" in codes


def test_a_missing_file_is_a_message_and_the_others_still_go_in(url: str, tmp_path: Path) -> None:
    good = _chronicle(tmp_path / "march.txt", ENTRIES, REFS)
    result = _kuzet(["ingest", str(tmp_path / "nope.txt"), str(good), "--period", "2023-03"], url)
    assert result.returncode == 1
    assert "Traceback" not in result.stderr and "nope.txt" in result.stderr
    assert "created: 3 entries" in result.stdout


def test_search_stats_and_check_commands_print_json(url: str, tmp_path: Path) -> None:
    path = _chronicle(tmp_path / "march.txt", ENTRIES, REFS)
    assert _kuzet(["ingest", str(path), "--period", "2023-03"], url).returncode == 0
    stats = _kuzet(["stats", "--format", "json", "--place", "Almaty Region"], url)
    assert stats.returncode == 0, stats.stderr
    figures = json.loads(stats.stdout)
    assert figures["entries"] == 1
    assert all(t["counts"] == "entries" for t in figures["tables"])
    bad = _kuzet(["search", "--article", "Article"], url)
    assert bad.returncode == 2 and "an article is written like" in bad.stderr
    bad_date = _kuzet(["search", "--from", "March"], url)
    assert bad_date.returncode == 2 and "YYYY-MM-DD" in bad_date.stderr
    check = _kuzet(["check", "--format", "jsonl"], url)
    assert check.returncode in (0, 1) and "Traceback" not in check.stderr
