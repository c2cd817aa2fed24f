"""Bytes -> text: detect the encoding, refuse binary data, normalise line endings.

Order of tries: a byte-order mark (UTF-8, UTF-16, UTF-32); UTF-16 without a mark
(recognised by its zero bytes); strict UTF-8; UTF-8 with a few broken bytes
(replaced by U+FFFD); Windows-1251 when the result reads as Cyrillic text; then
charset-normalizer's best guess. Whatever is left is binary.
"""

from __future__ import annotations

import codecs
import re

from ..errors import ReadError

__all__ = ["decode", "looks_binary", "normalise_newlines"]

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
# Every line ending a file may use: CRLF, CR, LF, NEL, LS, PS, and form feed and
# vertical tab, which some word processors write between paragraphs.
_NEWLINES_RE = re.compile(r"\r\n|[\r\x0b\x0c\x85\u2028\u2029]")
# Control characters that never appear in text (tab, newlines and ESC aside).
_CONTROL_RE = re.compile(r"[\x00-\x08\x0e-\x1a\x1c-\x1f\x7f]")
_PLAUSIBLE_1251 = re.compile(
    r"[\u0400-\u04ff«»–—“”„‘’…№•\u00a0\u00b0\u00a7\u00a9\u00ae\u00b1\u00b5\u00b6\u00b7]"
)


def decode(data: bytes, *, name: str, declared: str | None = None) -> str:
    """Decode a text document; raise :class:`ReadError` for binary data.

    ``declared`` is the encoding the document names itself (an HTML page's
    ``<meta charset>``); it is used when no byte-order mark says otherwise and
    the bytes decode with it.
    """
    text = _declared(data, declared) if declared else None
    if text is None:
        text = _decode(data, name)
    if looks_binary(text):
        raise ReadError(f"{name} looks like a binary file, not text")
    return normalise_newlines(text)


def _declared(data: bytes, encoding: str) -> str | None:
    if any(data.startswith(bom) for bom, _ in _BOMS):
        return None
    try:
        return data.decode(encoding)
    except (UnicodeDecodeError, LookupError):
        return None


def _decode(data: bytes, name: str) -> str:
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return data[len(bom) :].decode(encoding)
            except UnicodeDecodeError:
                raise ReadError(
                    f"{name} says it is {encoding} but is not valid {encoding}"
                ) from None
    utf16 = _utf16_without_bom(data)
    if utf16 is not None:
        return utf16
    if b"\x00" in data:
        raise ReadError(f"{name} looks like a binary file, not text")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    damaged = _mostly_utf8(data)
    if damaged is not None:
        return damaged
    cyrillic = _cp1251(data)
    if cyrillic is not None:
        return cyrillic
    return _guess(data, name)


def _utf16_without_bom(data: bytes) -> str | None:
    """UTF-16 text of mostly Latin or Cyrillic letters has a zero in every other byte."""
    sample = data[:4096]
    if len(sample) < 4:
        return None
    even, odd = sample[0::2], sample[1::2]
    zeros_even = even.count(0) / len(even)
    zeros_odd = odd.count(0) / max(1, len(odd))
    # ASCII-heavy UTF-16 has about half its bytes zero; Cyrillic has 0x04 instead.
    high_even = sum(1 for b in even if b in (0, 4)) / len(even)
    high_odd = sum(1 for b in odd if b in (0, 4)) / max(1, len(odd))
    for encoding, high, zeros in (
        ("utf-16-le", high_odd, zeros_odd),
        ("utf-16-be", high_even, zeros_even),
    ):
        if high > 0.9 and zeros > 0.2:
            try:
                return data.decode(encoding)
            except UnicodeDecodeError:
                return None
    return None


def _mostly_utf8(data: bytes) -> str | None:
    """UTF-8 with a stray broken byte or two (a bad copy-paste) is still UTF-8:
    read as Windows-1251 its Cyrillic would turn into plausible-looking nonsense."""
    text = data.decode("utf-8", errors="replace")
    broken = text.count("\ufffd")
    multibyte = sum(1 for c in text if ord(c) > 127) - broken
    return text if multibyte >= 20 * broken else None


def _cp1251(data: bytes) -> str | None:
    """Windows-1251, if the non-ASCII characters it gives read as Cyrillic text."""
    try:
        text = data.decode("cp1251")
    except UnicodeDecodeError:
        return None
    non_ascii = [c for c in text if ord(c) > 127]
    if not non_ascii:
        return text
    plausible = sum(1 for c in non_ascii if _PLAUSIBLE_1251.match(c))
    return text if plausible / len(non_ascii) >= 0.95 else None


def _guess(data: bytes, name: str) -> str:
    from charset_normalizer import from_bytes

    best = from_bytes(data[: 1 << 20]).best()
    if best is None or best.encoding is None:
        raise ReadError(f"{name} looks like a binary file, not text")
    try:
        return data.decode(best.encoding)
    except (UnicodeDecodeError, LookupError):
        raise ReadError(f"{name}: cannot tell its text encoding; save it as UTF-8") from None


def looks_binary(text: str) -> bool:
    """Too many control characters for text."""
    sample = text[:65536]
    if not sample:
        return False
    return len(_CONTROL_RE.findall(sample)) / len(sample) > 0.01 or "\x00" in sample


def normalise_newlines(text: str) -> str:
    """Every kind of line ending becomes ``\\n``."""
    return _NEWLINES_RE.sub("\n", text)
