"""``kuzet extract``. (Stub: being written.)"""

from __future__ import annotations

from . import cli  # noqa: F401
