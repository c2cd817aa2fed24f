"""Database commands: ingest, persons, search, stats, check. (Stub: being written.)"""

from __future__ import annotations

from . import cli  # noqa: F401
