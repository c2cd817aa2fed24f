"""Read a chronicle document (text, Markdown, HTML, Word) into entries and footnotes.

    read_document(path, *, period=None) -> Document
    read_bytes(data, *, name, period=None, format=None) -> Document

Each format is reduced to lines (``markdown.py``, ``html.py``, ``docx.py``; plain
text is decoded by ``decode.py``) and split by one core (``text.py``); the period
comes from ``period.py``. Errors are :class:`ReadError` (the file cannot be read),
:class:`NotAChronicle` (it reads, but has no dated entry) and :class:`PeriodError`
(its month cannot be told). Files over :data:`MAX_BYTES` are refused unread.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

from ..errors import NotAChronicle, ReadError
from ..knowledge import Knowledge
from ..model import Document, Period, Reference
from . import decode as _decode
from .period import resolve_period
from .text import LeadDate, Line, lead_date, lines_of, split_lines
from .vocab import patterns

__all__ = ["FORMATS", "MAX_BYTES", "detect_format", "lead_date_of", "read_bytes", "read_document"]

MAX_BYTES = 20 * 1024 * 1024  # larger files are refused before they are read
FORMATS = ("txt", "md", "html", "docx")
_EXTENSIONS = {
    ".txt": "txt",
    ".text": "txt",
    ".md": "md",
    ".markdown": "md",
    ".mdown": "md",
    ".html": "html",
    ".htm": "html",
    ".xhtml": "html",
    ".docx": "docx",
}


def read_document(
    path: str | Path, *, period: Period | None = None, knowledge: Knowledge | None = None
) -> Document:
    """Read the chronicle at ``path``."""
    path = Path(path)
    name = path.name or str(path)
    try:
        info = path.stat()
    except FileNotFoundError:
        raise ReadError(f"{path}: no such file") from None
    except OSError as exc:
        raise ReadError(f"{path}: cannot read it ({exc.strerror or exc})") from None
    if stat.S_ISDIR(info.st_mode):
        raise ReadError(f"{path} is a directory, not a chronicle file")
    if not stat.S_ISREG(info.st_mode):
        raise ReadError(f"{path} is not a regular file")
    _check_size(info.st_size, name)
    try:
        with path.open("rb") as fh:
            # Read one byte past the limit: a file that grew after stat() is still refused.
            data = fh.read(MAX_BYTES + 1)
    except OSError as exc:
        raise ReadError(f"{path}: cannot read it ({exc.strerror or exc})") from None
    return read_bytes(data, name=name, period=period, knowledge=knowledge)


def read_bytes(
    data: bytes,
    *,
    name: str,
    period: Period | None = None,
    format: str | None = None,
    knowledge: Knowledge | None = None,
) -> Document:
    """Read a chronicle from bytes; ``name`` labels it (and may carry its period)."""
    _check_size(len(data), name)
    if not data.strip():
        raise ReadError(f"{name} is empty")
    fmt = format or detect_format(name, data)
    if fmt not in FORMATS:
        raise ReadError(f"unknown format {fmt!r}; expected one of {', '.join(FORMATS)}")
    pats = patterns(knowledge)
    lines, extra, title = _lines(data, name, fmt)
    parsed = split_lines(lines, pats, extra_references=extra, title=title)
    if not any(parsed.lead_dates):
        raise NotAChronicle(f"{name} has no dated entries; is it a chronicle?")
    found, source = resolve_period(
        option=period,
        name=name,
        title_lines=[t for t in (parsed.title, *parsed.preamble) if t],
        leads=parsed.lead_dates,
        texts=[e.text for e in parsed.entries],
        pats=pats,
    )
    return Document(
        name=name,
        format=fmt,
        period=found,
        entries=parsed.entries,
        references=parsed.references,
        title=parsed.title,
        chrome=parsed.chrome,
        period_source=source,
    )


def lead_date_of(text: str, knowledge: Knowledge | None = None) -> LeadDate | None:
    """The date an entry's text starts with, as the reader sees it (for display)."""
    return lead_date(text, patterns(knowledge))


def detect_format(name: str, data: bytes) -> str:
    """The format by file extension, else by content."""
    ext = os.path.splitext(name)[1].lower()
    if ext in _EXTENSIONS:
        return _EXTENSIONS[ext]
    if ext == ".doc":
        raise ReadError(f"{name} is an old Word .doc file; save it as .docx")
    if ext == ".pdf" or data.startswith(b"%PDF"):
        raise ReadError(f"{name} is a PDF; save the chronicle as .docx, .html or .txt")
    if data.startswith(b"PK\x03\x04"):
        return "docx"
    head = data[:2048].lstrip().lower()
    if head.startswith((b"<!doctype html", b"<html")) or b"<body" in head:
        return "html"
    return "txt"


def _check_size(size: int, name: str) -> None:
    if size > MAX_BYTES:
        raise ReadError(
            f"{name} is {size / 2**20:.1f} MB; chronicles over {MAX_BYTES // 2**20} MB are refused"
        )


def _lines(data: bytes, name: str, fmt: str) -> tuple[list[Line], list[Reference], str | None]:
    if fmt == "docx":
        from .docx import docx_lines

        lines, notes = docx_lines(data, name=name)
        return lines, notes, None
    if fmt == "html":
        from .html import declared_charset, html_lines

        text = _decode.decode(data, name=name, declared=declared_charset(data))
        lines, title = html_lines(text)
        return lines, [], title
    text = _decode.decode(data, name=name)
    if fmt == "md":
        from .markdown import markdown_lines

        lines, title = markdown_lines(text)
        return lines, [], title
    return lines_of(text), [], None
