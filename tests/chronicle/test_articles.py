"""The table of legal articles: the bundled data loads, lookups work, bad files are named."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest
import yaml

from kuzet.chronicle.articles import COLUMNS, ArticleTable, load_articles
from kuzet.chronicle.errors import DataFileError
from kuzet.chronicle.extract.sanction_words import compile_sanction_words
from kuzet.chronicle.knowledge import Knowledge, data_path

SHARED = Path(__file__).resolve().parents[3] / "shared"
HEADER = ",".join(COLUMNS)


@pytest.fixture(scope="module")
def table() -> ArticleTable:
    return load_articles()


def test_the_bundled_table_loads_with_titles_for_both_main_codes(table: ArticleTable) -> None:
    codes = {row.code for row in table}
    assert {"CC", "CAO", "CPC"} <= codes
    assert all(row.title_en for row in table)
    assert Knowledge().articles.exists("CC", "405")


@pytest.mark.parametrize(
    ("code", "article", "part", "lang", "title"),
    [
        ("CC", "146", None, "en", "Torture"),
        (
            "CC",
            "405",
            "2",
            "en",
            "Participation in the activities of such an association or organisation",
        ),
        (
            "CC",
            "405",
            "9",
            "en",
            "Organisation of and participation in the activities of a public",
        ),  # falls back
        ("CAO", "488", None, "ru", "Нарушение законодательства Республики Казахстан о порядке"),
        ("CAO", "434", "2", "en", "Repeat within a year"),
    ],
)
def test_title(
    table: ArticleTable, code: str, article: str, part: str | None, lang: str, title: str
) -> None:
    found = table.title(code, article, lang=lang, part=part)
    assert found is not None and found.startswith(title), (code, article, part)


def test_unknown_articles_have_no_title_and_do_not_exist(table: ArticleTable) -> None:
    assert table.title("CC", "9999") is None
    assert not table.exists("CAO", "147-1")  # cited in a real chronicle; not in the code's snapshot
    assert not table.exists("OTHER", "918")


def test_a_language_without_titles_is_refused(table: ArticleTable) -> None:
    with pytest.raises(ValueError, match="kk"):
        table.title("CC", "405", lang="kk")


def test_codes_with_tells_which_codes_hold_a_number(table: ArticleTable) -> None:
    assert table.codes_with("488") == ("CAO",)
    assert table.codes_with("405") == ("CC",)
    assert set(table.codes_with("44")) == {"CC", "CAO"}


def test_max_fine_uses_the_part_or_the_harshest_part(table: ArticleTable) -> None:
    assert table.max_fine_mci("CAO", "488", "6") == 30
    assert table.max_fine_mci("CAO", "488") == 70  # any part may apply: the largest
    assert table.max_fine_mci("CAO", "488", "99") == 70  # unknown part: the article's largest
    assert table.max_fine_mci("CC", "405", "1") == 6000
    assert table.max_fine_mci("CC", "146", "2") == 5000
    assert table.max_fine_mci("CC", "256") is None  # no limit in the data
    assert table.max_arrest_days("CAO", "488", "12") == 25
    assert table.max_term_years("CC", "272", "2") == 8


def test_rows_from_memory_are_marked_uncertain(table: ArticleTable) -> None:
    row = table.get("CC", "175")
    assert row is not None and row.uncertain and "memory" in row.source


def test_every_shared_fact_is_in_the_table_with_its_source() -> None:
    shared = SHARED / "data" / "kz-legal-articles.csv"
    if not shared.exists():
        pytest.skip("the shared reference data is not here")
    table = load_articles()
    with shared.open(encoding="utf-8") as f:
        for row in csv.DictReader(f):
            ours = table.get(row["code"], row["article"], row["part"] or None)
            assert ours is not None, row
            assert ours.title_en == row["title_en"], row
            assert row["notes"] in ours.source, row


# --- malformed files --------------------------------------------------------------------

GOOD = "CC,405,,Some title,Заголовок,,,,,a source"


@pytest.mark.parametrize(
    ("lines", "line", "problem"),
    [
        (["code,article,title"], 1, "header"),
        ([HEADER, GOOD, "XX,405,,Title,,,,,,src"], 3, "code must be one of"),
        ([HEADER, "CC,four,,Title,,,,,,src"], 2, "article must look like"),
        ([HEADER, "CC,405,two,Title,,,,,,src"], 2, "part must be a number"),
        ([HEADER, "CC,405,,,,,,,,src"], 2, "title_en is empty"),
        ([HEADER, "CC,405,1,Title,,0,,,,src"], 2, "max_fine_mci must be a positive"),
        ([HEADER, "CC,405,1,Title,,,ten,,,src"], 2, "max_arrest_days must be a positive"),
        ([HEADER, "CC,405,,Title,,,,,maybe,src"], 2, "uncertain must be"),
        ([HEADER, "CC,405,,Title"], 2, "expected 10 columns"),
        ([HEADER, GOOD, GOOD], 3, "duplicate of line 2"),
        ([HEADER, 'CC,405,,"Title,,,,,,src'], 2, "not valid CSV"),
    ],
)
def test_a_malformed_table_names_file_line_and_problem(
    tmp_path: Path, lines: list[str], line: int, problem: str
) -> None:
    path = tmp_path / "articles.csv"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    with pytest.raises(DataFileError) as err:
        load_articles(path)
    assert err.value.path == str(path)
    assert err.value.line == line, str(err.value)
    assert problem in err.value.problem
    assert str(err.value).startswith(f"{path}:{line}: ")


def test_a_missing_or_binary_table_is_a_data_file_error(tmp_path: Path) -> None:
    with pytest.raises(DataFileError, match="cannot read"):
        load_articles(tmp_path / "absent.csv")
    binary = tmp_path / "binary.csv"
    binary.write_bytes(b"\xff\xfe\x00code")
    with pytest.raises(DataFileError, match="not UTF-8"):
        load_articles(binary)


def test_blank_lines_are_skipped(tmp_path: Path) -> None:
    path = tmp_path / "articles.csv"
    path.write_text(f"{HEADER}\n\n{GOOD}\n\n", encoding="utf-8")
    assert len(load_articles(path)) == 1


# --- the sanctions language data is validated the same way ----------------------------


def _sanctions_data() -> dict[str, object]:
    return yaml.safe_load(data_path("lang", "en", "sanctions.yaml").read_text(encoding="utf-8"))


def test_the_bundled_sanction_words_compile() -> None:
    words = compile_sanction_words(_sanctions_data(), data_path("lang", "en", "sanctions.yaml"))
    assert words.q.mci_table[0][0] == (2015, 1)


def test_a_bad_mci_row_names_its_line(tmp_path: Path) -> None:
    text = data_path("lang", "en", "sanctions.yaml").read_text(encoding="utf-8")
    broken = text.replace('{from: "2023-01", tenge: 3450}', '{from: "2023-13", tenge: 3450}')
    path = tmp_path / "sanctions.yaml"
    path.write_text(broken, encoding="utf-8")
    with pytest.raises(DataFileError) as err:
        compile_sanction_words(yaml.safe_load(broken), path)
    assert err.value.line is not None and "2023-13" in broken.splitlines()[err.value.line - 1]


def test_a_missing_key_is_named(tmp_path: Path) -> None:
    data = _sanctions_data()
    del data["kinds"]
    with pytest.raises(DataFileError, match="missing key 'kinds'"):
        compile_sanction_words(data, tmp_path / "sanctions.yaml")


def test_a_number_that_is_not_a_number_is_named(tmp_path: Path) -> None:
    data = _sanctions_data()
    data["numbers"]["seven"] = "7"  # type: ignore[index]
    with pytest.raises(DataFileError, match="seven"):
        compile_sanction_words(data, tmp_path / "sanctions.yaml")
