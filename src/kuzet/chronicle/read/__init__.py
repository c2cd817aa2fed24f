"""Read a chronicle document (text, Markdown, HTML, Word) into entries and footnotes.
(Stub: being written.)"""

from __future__ import annotations

from pathlib import Path

from ..model import Document, Period

__all__ = ["read_document", "read_bytes"]


def read_document(path: str | Path, *, period: Period | None = None) -> Document:
    raise NotImplementedError


def read_bytes(data: bytes, *, name: str, period: Period | None = None) -> Document:
    raise NotImplementedError
