"""Review buttons and messages say what a move does, in the reader's language."""

from __future__ import annotations

from django.utils import translation

from kuzet.store.review import MOVES
from kuzet.workspace.labels import MOVE_LABELS, move_label


def test_every_review_move_has_a_label() -> None:
    assert {mv.action for mv in MOVES} == set(MOVE_LABELS)


def test_move_labels_are_translated_to_russian() -> None:
    with translation.override("ru"):
        assert move_label("approve") == "одобрить"
        assert move_label("unpublish") == "снять с публикации"
        assert all(move_label(mv.action) != mv.action for mv in MOVES)
    with translation.override("en"):
        assert move_label("submit") == "submit for review"


def test_an_unknown_move_reads_as_its_code() -> None:
    assert move_label("send_back") == "send back"
