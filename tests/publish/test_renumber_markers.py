"""Renumbering markers in every form the reader accepts (a fix in kuzet.chronicle.write)."""

from __future__ import annotations

import pytest

from kuzet.chronicle.model import Entry
from kuzet.chronicle.read import read_bytes
from kuzet.chronicle.write import render, renumber

EXAMPLES = [
    ("April 2, Aktau, a picket was dispersed[3, 4].", (3, 4), "April 2, Aktau, a picket was dispersed[1][2]."),
    ("April 2, Aktau, a picket was dispersed[^7].", (7,), "April 2, Aktau, a picket was dispersed[1]."),
    ("April 2, Aktau, two reports[5; 6] and a third[8]", (5, 6, 8), "April 2, Aktau, two reports[1][2] and a third[3]"),
]
NO_MATCH = [
    # a group with a number nobody cites stays as written
    ("April 2, Aktau, the law of [2015, 16] was cited[9].", (9,), "April 2, Aktau, the law of [2015, 16] was cited[1]."),
]


def _renumbered(text: str, refs: tuple[int, ...]) -> object:
    urls = {(0, n): f"https://news.example.org/{n}" for n in refs}
    return renumber([Entry(1, text, refs)], urls, title="Chronicle from April 1 to April 30, 2024")


@pytest.mark.parametrize(("text", "refs", "expected"), EXAMPLES)
def test_every_marker_form_is_renumbered(text: str, refs: tuple[int, ...], expected: str) -> None:
    chronicle = _renumbered(text, refs)
    assert chronicle.entries[0].text == expected, text  # type: ignore[attr-defined]
    back = read_bytes(render(chronicle, "txt"), name="x.txt")  # type: ignore[arg-type]
    assert back.entries[0].refs == chronicle.entries[0].refs  # type: ignore[attr-defined]


@pytest.mark.parametrize(("text", "refs", "expected"), NO_MATCH)
def test_a_group_with_an_uncited_number_is_left_alone(text: str, refs: tuple[int, ...], expected: str) -> None:
    assert _renumbered(text, refs).entries[0].text == expected, text  # type: ignore[attr-defined]
