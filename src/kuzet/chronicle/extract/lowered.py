"""Case-insensitive patterns run on lower-cased text, where that finds the same matches.

Python's regular expressions are about twice as slow with ``IGNORECASE`` on
patterns that must be tried at every position. A pattern whose letters are all
lower case finds, run without ``IGNORECASE`` on ``text.lower()``, the same
matches at the same offsets as the case-insensitive pattern on ``text``, except:

- when lower-casing changes the length ("İ" becomes two characters): offsets
  would move;
- when the text holds a character that ``IGNORECASE`` treats as one of the
  pattern's letters but that lower-cases to something else: "ı" (dotless i) and
  "ſ" (long s) match "i" and "s", the Cyrillic "ᲀ" matches "в";
- a capital sigma, which lower-cases by its context (final "ς" or "σ").

:func:`lower_case` returns the lower-cased text only when none of these holds,
so a caller runs the fast pattern on it and otherwise the original pattern on
the text: the results are the same either way.
"""

from __future__ import annotations

import re
from functools import cache

__all__ = ["lower_case", "risky_chars"]

_SIGMA = "Σ"  # "ΟΔΟΣ".lower() ends in "ς", a lone "Σ".lower() is "σ"


def lower_case(text: str, risky: re.Pattern[str]) -> str | None:
    """``text.lower()`` if a lower-case pattern finds the same matches in it, else None.

    ``risky`` is :func:`risky_chars` of the pattern's letters.
    """
    lowered = text.lower()
    if len(lowered) != len(text) or risky.search(text) is not None:
        return None
    return lowered


@cache
def risky_chars(letters: str) -> re.Pattern[str]:
    """Characters that ``IGNORECASE`` matches to one of ``letters`` but that lower-case
    to none of them (and the capital sigma), as one character class."""
    cased = {c for c in letters if c.lower() != c.upper()}
    risky = {_SIGMA}
    if cased:
        same = re.compile("[" + "".join(re.escape(c) for c in sorted(cased)) + "]", re.IGNORECASE)
        # the case-insensitive partners of letters all lie in the Basic Multilingual Plane
        risky.update(c for c in same.findall(_bmp()) if c.lower() not in cased)
    return re.compile("[" + "".join(re.escape(c) for c in sorted(risky)) + "]")


@cache
def _bmp() -> str:
    return "".join(map(chr, range(0x10000)))
