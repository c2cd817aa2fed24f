"""Markdown -> lines of plain text, for the core splitter.

Markup is removed so that an entry's text is what the monitor sees rendered:
emphasis, headings' ``#``, block quotes, images, HTML comments, backslash escapes.
A link keeps its text and remembers its target; a footnote marker written as a
link (``[[3]](https://...)``) remembers its source. Footnotes (``[^3]`` and
``[^3]: URL``) become ``[3]``; line numbers stay those of the file.
"""

from __future__ import annotations

import re

from .text import Line

__all__ = ["markdown_lines"]

_RULE_RE = re.compile(r"^\s*(?:[*_\-]\s*){3,}$")
_COMMENT_RE = re.compile(r"<!--.*?-->", re.DOTALL)
_FRONT_MATTER_RE = re.compile(r"\A---\n(.*?)\n(?:---|\.\.\.)\n", re.DOTALL)
_IMAGE_RE = re.compile(r"!\[[^\]\n]*\]\([^)\n]*\)")
_MARKER_LINK_RE = re.compile(r"\[\\?\[?\^?(\d{1,4})\\?\]?\]\((\S+?)(?:\s+\"[^\"\n]{0,300}\")?\)")
_LINK_RE = re.compile(r"\[([^\]\n]{0,2000})\]\((\S+?)(?:\s+\"[^\"\n]{0,300}\")?\)")
_AUTOLINK_RE = re.compile(r"<((?:https?|ftp)://[^>\s]+)>")
_FOOTNOTE_RE = re.compile(r"\[\^(\d{1,4})\]")
_HEADING_RE = re.compile(r"^\s{0,3}#{1,6}\s+(.*?)(?:\s+#+\s*)?$")
_QUOTE_RE = re.compile(r"^\s{0,3}(?:>\s?)+")
_BULLET_RE = re.compile(r"^\s{0,3}[-+*]\s+(?=\S)")
# Bounded spans: an unclosed "**" must not make a long line cost its square.
_STRONG_RE = re.compile(r"(\*\*|__)(?=\S)(.{1,300}?)(?<=\S)\1")
_EM_RE = re.compile(
    r"(?<![\w*])\*(?=\S)([^*\n]+?)(?<=\S)\*(?![\w*])|(?<!\w)_(?=\S)([^_\n]+?)(?<=\S)_(?!\w)"
)
_STRIKE_RE = re.compile(r"~~(.{1,300}?)~~")
_CODE_RE = re.compile(r"`([^`\n]*)`")
_ESCAPE_RE = re.compile(r"\\([\\`*_{}\[\]()#+\-.!<>|~^])")
_TITLE_KEY_RE = re.compile(r"^title\s*:\s*(.+?)\s*$", re.MULTILINE | re.IGNORECASE)


def markdown_lines(text: str) -> tuple[list[Line], str | None]:
    """The document's lines without markup, and a front-matter title if any."""
    title: str | None = None
    front = _FRONT_MATTER_RE.match(text)
    offset = 0
    if front:
        found = _TITLE_KEY_RE.search(front.group(1))
        title = found.group(1).strip("'\"") if found else None
        offset = front.group(0).count("\n")
        text = text[front.end() :]
    # Blank out comments but keep their newlines, so line numbers stay right.
    text = _COMMENT_RE.sub(lambda m: "\n" * m.group(0).count("\n"), text)
    lines = []
    for number, raw in enumerate(text.split("\n"), start=1 + offset):
        lines.append(_line(raw, number))
    return lines, title


def _line(raw: str, number: int) -> Line:
    if _RULE_RE.match(raw):
        return Line(raw.strip(), number)
    text = _QUOTE_RE.sub("", raw.rstrip())
    heading = _HEADING_RE.match(text)
    if heading:
        text = heading.group(1)
    text = _BULLET_RE.sub("", text)
    text = _IMAGE_RE.sub("", text)
    markers: list[tuple[int, str]] = []
    links: list[str] = []

    def marker(m: re.Match[str]) -> str:
        if _is_web(m.group(2)):
            markers.append((int(m.group(1)), m.group(2)))
        return f"[{m.group(1)}]"

    def link(m: re.Match[str]) -> str:
        if _is_web(m.group(2)):
            links.append(m.group(2))
        label = m.group(1)
        # A bare link ([https://x](https://x)) keeps its URL as its text.
        return label if label.strip() else m.group(2)

    text = _MARKER_LINK_RE.sub(marker, text)
    text = _LINK_RE.sub(link, text)
    text = _AUTOLINK_RE.sub(lambda m: m.group(1), text)
    text = _FOOTNOTE_RE.sub(lambda m: f"[{m.group(1)}]", text)
    text = _CODE_RE.sub(lambda m: m.group(1), text)
    text = _STRONG_RE.sub(lambda m: m.group(2), text)
    text = _EM_RE.sub(lambda m: m.group(1) or m.group(2), text)
    text = _STRIKE_RE.sub(lambda m: m.group(1), text)
    text = _ESCAPE_RE.sub(lambda m: m.group(1), text)
    return Line(text, number, tuple(links), tuple(markers))


def _is_web(url: str) -> bool:
    return url.lower().startswith(("http://", "https://", "www."))
