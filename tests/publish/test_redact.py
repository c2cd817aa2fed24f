"""Withholding names in a confidential entry's text."""

from __future__ import annotations

import pytest

from kuzet.publish.redact import NameSpan, name_words, redact

MARK = "[name withheld]"


def _span(text: str, words: str, *forms: str) -> NameSpan:
    start = text.index(words)
    return NameSpan(start, start + len(words), (words,) + forms)


# (text, names as (words found at their offsets, other forms), expected)
EXAMPLES = [
    (
        "April 3, Kokshetau, Timur Baizhanov was questioned[2].",
        [("Timur Baizhanov", "Baizhanov T.")],
        "April 3, Kokshetau, [name withheld] was questioned[2].",
    ),
    (  # the same person again, in a form the extractor did not mark
        "April 3, Kokshetau, Baizhanov T. was questioned; Baizhanov's lawyer was not let in[2].",
        [("Baizhanov T.", "Baizhanov T.")],
        "April 3, Kokshetau, [name withheld] was questioned; [name withheld]'s lawyer was not let in[2].",
    ),
    (  # initials before the surname go with it
        "On 9 April, Taraz, relatives of A. Zh. Omarbekova said she was fined[5][6].",
        [("Omarbekova", "Omarbekova A.")],
        "On 9 April, Taraz, relatives of [name withheld] said she was fined[5][6].",
    ),
    (  # two people, adjacent
        "April 11, Atyrau, Dinara Sarsenova and Kuat Ilyasov were detained[7].",
        [("Dinara Sarsenova", "Sarsenova D."), ("Kuat Ilyasov", "Ilyasov K.")],
        "April 11, Atyrau, [name withheld] and [name withheld] were detained[7].",
    ),
]

BUGS_CAUGHT = [
    (  # a footnote marker right after a name stays a marker
        "April 12, Aktau, the court fined Serik Amanov[3].",
        [("Serik Amanov", "Amanov S.")],
        "April 12, Aktau, the court fined [name withheld][3].",
    ),
]


@pytest.mark.parametrize(("text", "names", "expected"), EXAMPLES + BUGS_CAUGHT)
def test_names_are_replaced_wherever_they_stand(text: str, names: list[tuple[str, ...]], expected: str) -> None:
    spans = [_span(text, words, *forms) for words, *forms in names]
    assert redact(text, spans, MARK) == expected, text


def test_a_name_typed_in_by_a_person_is_found_by_its_words() -> None:
    text = "April 14, Shymkent, Ainur Kaliyeva reported threats[9]."
    assert redact(text, [NameSpan(None, None, ("Kaliyeva A.",))], MARK) == (
        "April 14, Shymkent, Ainur [name withheld] reported threats[9]."
    )


def test_offsets_outside_the_text_are_ignored_not_fatal() -> None:
    text = "April 15, Oral, a picket[1]."
    assert redact(text, [NameSpan(5, 500, ())], MARK) == text


def test_initials_alone_are_not_name_words() -> None:
    assert name_words(["Abenov R.", "Zh. Abenova"]) == ["Abenova", "Abenov"]


def test_an_entry_without_names_is_unchanged() -> None:
    text = "April 16, Astana, the akimat refused a rally[4]."
    assert redact(text, [], MARK) == text
