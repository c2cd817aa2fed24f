"""``kuzet read`` and ``kuzet lint``. (Stub: being written.)"""

from __future__ import annotations

from . import cli  # noqa: F401
