"""Check a chronicle document and report findings. (Stub: being written.)"""

from __future__ import annotations

from dataclasses import dataclass

from .model import Document

__all__ = ["Finding", "lint"]


@dataclass(frozen=True, slots=True)
class Finding:
    code: str  # "missing-reference", ...
    severity: str  # "error", "warning", "info"
    message: str  # one line
    entry: int | None = None  # the entry's n
    reference: int | None = None  # the footnote's number


def lint(document: Document) -> list[Finding]:
    return []
