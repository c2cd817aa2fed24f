"""The errors of the chronicle library.

    KuzetError                 -- anything Kuzet reports to a user as a message
    ├── ReadError              -- a document cannot be read (path, encoding, format, size)
    │   └── NotAChronicle      -- it reads, but has no dated entries
    ├── PeriodError            -- the document's month cannot be determined
    └── DataFileError          -- a knowledge file (gazetteer, taxonomy, ...) is malformed

Every error's ``str()`` is a one-line message fit for stderr.
"""

from __future__ import annotations

from pathlib import Path

__all__ = ["DataFileError", "KuzetError", "NotAChronicle", "PeriodError", "ReadError"]


class KuzetError(Exception):
    """Base of every error Kuzet reports to a user as a message."""


class ReadError(KuzetError):
    """A document cannot be read."""


class NotAChronicle(ReadError):
    """The document reads, but holds no dated entries."""


class PeriodError(KuzetError):
    """The document's period (YYYY-MM) cannot be determined."""


class DataFileError(KuzetError):
    """A knowledge file is malformed; the message names the file, line and problem."""

    def __init__(self, path: str | Path, line: int | None, problem: str) -> None:
        self.path = str(path)
        self.line = line
        self.problem = problem
        where = f"{self.path}:{line}" if line is not None else self.path
        super().__init__(f"{where}: {problem}")
