"""The core splitter: lines of text -> entries, references, title and leftovers.

Every reader (plain text, Markdown, HTML, Word) reduces its document to
:class:`Line` values and hands them here, so the rules below hold for every format.

Rules (docs/reading.md explains them for users):

* A line ``[N] URL`` (or ``[N]URL``, ``[^N]: URL``) is a reference wherever it stands.
  After the reference section starts (a ``****`` rule or a "References" heading
  with no dated entry after it) a ``N. URL`` line is one too.
* A line that *starts like an entry* -- a lead date at its start, optionally after
  "On" or a place ("Almaty, December 1, ...") -- always starts a new entry.
* Other lines are joined to the entry before them, or start an entry of their
  own, by layout:
    - *paragraph layout* (entries separated by blank lines): the lines of one
      block are one paragraph;
    - *line layout* (one entry per line, blank lines rare): a line continues the
      entry above when it starts in lower case or with closing punctuation, or
      when the line above ends mid-sentence; when the line above ends with a
      footnote marker the line starts a new (undated) entry. When the line above
      ends a sentence without a marker, the line continues it if most entries of
      the document carry markers (that entry is not finished) and starts a new
      one otherwise.
* Short lines with site phrases ("log in to comment") are chrome, never entries.
* Before the first entry (the first line with a lead date or a footnote marker)
  each line is a paragraph of its own unless it starts in lower case: the first
  is the title, the rest preamble.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass, field

from ..model import Chrome, Entry, Reference
from .vocab import Patterns

__all__ = [
    "LeadDate",
    "Line",
    "Parsed",
    "cited_numbers",
    "find_url",
    "lead_date",
    "lines_of",
    "split_lines",
]

# A footnote marker: [12], [^12], [1, 2]. Four digits at most: a longer number is not a footnote.
MARKER_RE = re.compile(r"\[\^?\s*(\d{1,4}(?:\s*[,;]\s*\^?\d{1,4})*)\s*\]")
_MARKER_AT_END_RE = re.compile(
    r"(?:\[\^?\s*\d{1,4}(?:\s*[,;]\s*\^?\d{1,4})*\s*\][\s.,;:!?…»”\"')]*)$"
)
_REF_BRACKET_RE = re.compile(r"^\s*\[\^?\s*(\d{1,4})\s*\]\s*[:.)\-–—]?\s*(.*)$")
_REF_NUMBERED_RE = re.compile(r"^\s*(\d{1,4})\s*[.)]\s+(.*)$")
_URL_RE = re.compile(r"(?:https?://|ftp://|www\.)[^\s<>\"«»]+", re.IGNORECASE)
_SEPARATOR_RE = re.compile(r"^\s*(?:[*_=~#\-–—]\s*){3,}$")
_SENTENCE_END_RE = re.compile(r"[.!?…»”\"')\]]\s*$")
_CONTINUES_RE = re.compile(r"^\s*[a-zа-яёәіңғүұқөһ,;:)»”’\-–—.]")
_MAX_CHROME_LEN = 160


@dataclass(frozen=True, slots=True)
class Line:
    """One line of a document, with the links a rich format attached to it.

    ``marker_urls`` holds ``(n, url)`` for footnote markers that link straight to
    their source (an HTML ``<a href="https://...">[3]</a>``); ``links`` holds the
    other link targets of the line, in order (used for reference lines whose
    text is a title, not the URL).
    """

    text: str
    number: int | None = None
    links: tuple[str, ...] = ()
    marker_urls: tuple[tuple[int, str], ...] = ()


@dataclass(frozen=True, slots=True)
class LeadDate:
    """The date an entry starts with; ``text[start:end]`` of the line."""

    start: int
    end: int
    text: str
    day: int | None
    month: int
    year: int | None


@dataclass(frozen=True)
class Parsed:
    entries: tuple[Entry, ...]
    references: tuple[Reference, ...]
    chrome: tuple[Chrome, ...]
    title: str | None
    preamble: tuple[str, ...]
    lead_dates: tuple[LeadDate | None, ...]  # one per entry
    layout: str  # "line" or "paragraph"


@dataclass
class _Para:
    lines: list[Line] = field(default_factory=list)

    @property
    def text(self) -> str:
        return " ".join(ln.text.strip() for ln in self.lines)


def lines_of(text: str) -> list[Line]:
    """Plain text (line endings already normalised to ``\\n``) as numbered lines."""
    return [Line(t, i) for i, t in enumerate(text.split("\n"), start=1)]


def cited_numbers(text: str) -> tuple[int, ...]:
    """Footnote numbers cited in ``text``, in order (``[1][2]`` and ``[1, 2]`` alike)."""
    out: list[int] = []
    for m in MARKER_RE.finditer(text):
        out.extend(int(x) for x in re.findall(r"\d+", m.group(1)))
    return tuple(out)


def find_url(text: str) -> str | None:
    """The first URL-like token of ``text``, without trailing punctuation."""
    m = _URL_RE.search(text)
    if not m:
        return None
    url = m.group(0)
    while url and url[-1] in ".,;:!?'’”»":
        url = url[:-1]
    # A closing bracket belongs to the URL only if it opens one inside it.
    while url.endswith(")") and url.count("(") < url.count(")"):
        url = url[:-1]
    while url.endswith("]") and url.count("[") < url.count("]"):
        url = url[:-1]
    return url


def lead_date(text: str, pats: Patterns) -> LeadDate | None:
    """The date a paragraph starts with ("June 1", "8 June", "On 1 June 2021",
    "Almaty, December 1"), or ``None`` if it does not start like an entry."""
    m = pats.lead_date.match(text)
    if not m:
        return None
    place = m.group("place")
    if place and not place[0].isupper():
        return None
    g = m.groupdict()
    months = pats.vocabulary.months
    try:
        if g["md_month"] or g["dm_month"]:
            p = "md_" if g["md_month"] else "dm_"
            month = months[g[f"{p}month"].lower()]
            day, year = g[f"{p}day"], g[f"{p}year"]
        elif g["nmonth"]:
            month, day, year = int(g["nmonth"]), g["nday"], g["nyear"]
        else:
            month, day, year = int(g["imonth"]), g["iday"], g["iyear"]
    except KeyError:
        return None
    if not 1 <= month <= 12 or not 1 <= int(day) <= 31:
        return None
    # "May 1 to May 31, 2023 ..." is a period heading, not an entry.
    if pats.range_after.match(text, m.end()) and not MARKER_RE.search(text):
        return None
    start, end = m.start("date"), m.end("date")
    return LeadDate(start, end, text[start:end], int(day), month, int(year) if year else None)


def _normal(text: str) -> str:
    text = unicodedata.normalize("NFKC", text).lower()
    return re.sub(r"\s+", " ", text).strip(" \t.:!·|•-–—*#_")


def is_chrome(text: str, pats: Patterns) -> bool:
    """Is this line page leftovers ("log in to comment", "Share")?"""
    if len(text) > _MAX_CHROME_LEN or MARKER_RE.search(text):
        return False
    norm = _normal(text)
    if not norm:
        return False
    vocab = pats.vocabulary
    if norm in vocab.chrome_lines or norm.rstrip(".") in vocab.chrome_lines:
        return True
    return any(phrase in norm for phrase in vocab.chrome_phrases)


def _reference(line: Line, match: re.Match[str]) -> Reference:
    rest = match.group(2).strip()
    url = find_url(rest)
    if url is None and line.links:
        url = line.links[0]
    return Reference(int(match.group(1)), url if url is not None else rest, line.number)


def _is_boundary(text: str, pats: Patterns) -> bool:
    return bool(_SEPARATOR_RE.match(text) or pats.heading.match(text))


def split_lines(
    lines: Sequence[Line],
    pats: Patterns,
    *,
    extra_references: Sequence[Reference] = (),
    title: str | None = None,
) -> Parsed:
    """Split a document's lines into entries, references, chrome and title.

    ``extra_references`` are footnotes found outside the text (Word's own
    footnotes); ``title`` is a title the format gave (an HTML ``<h1>``).
    """
    boundary = _reference_boundary(lines, pats)
    references: list[Reference] = []
    chrome: list[Chrome] = []
    body: list[Line | None] = []  # None: a paragraph break
    for i, line in enumerate(lines):
        text = line.text
        if not text.strip() or _is_boundary(text, pats):
            body.append(None)  # a rule or a "Sources" heading is never an entry
            continue
        ref = _REF_BRACKET_RE.match(text)
        if ref and (find_url(ref.group(2)) or line.links or i >= boundary or not ref.group(2)):
            references.append(_reference(line, ref))
            body.append(None)
            continue
        if i >= boundary:
            numbered = _REF_NUMBERED_RE.match(text)
            if numbered:
                references.append(_reference(line, numbered))
            elif pats.heading.match(text):
                pass
            else:
                kind = "site" if is_chrome(text, pats) else "stray"
                chrome.append(Chrome(text.strip(), line.number, kind))
            continue
        if is_chrome(text, pats) and not lead_date(text, pats):
            chrome.append(Chrome(text.strip(), line.number, "site"))
            body.append(None)
            continue
        body.append(line)
    paras, layout = _paragraphs(body, pats)
    entries, leads, found_title, preamble = _entries(paras, pats, title)
    for pre in preamble:
        chrome.append(Chrome(pre.text, pre.lines[0].number, "preamble"))
    chrome.sort(key=lambda c: c.line if c.line is not None else 0)
    known = {r.n for r in references}
    for extra in [*extra_references, *_marker_references(paras)]:
        if extra.n not in known:
            _insert_in_order(references, extra)
            known.add(extra.n)
    return Parsed(
        entries=tuple(entries),
        references=tuple(references),
        chrome=tuple(chrome),
        title=found_title,
        preamble=tuple(p.text for p in preamble),
        lead_dates=tuple(leads),
        layout=layout,
    )


def _reference_boundary(lines: Sequence[Line], pats: Patterns) -> int:
    """Index of the first line of the reference section (``len(lines)`` if none).

    The section starts after the last rule or heading that no dated entry follows,
    so a decorative ``***`` between the title and the entries does not end them.
    """
    last_dated = -1
    for i, line in enumerate(lines):
        if line.text.strip() and lead_date(line.text, pats) and not _is_url_line(line.text):
            last_dated = i
    for i in range(len(lines) - 1, last_dated, -1):
        if _is_boundary(lines[i].text, pats):
            return i + 1
    # No rule or heading: the list starts at the first "[N] URL" line after the
    # last entry, so that what follows the list is not read as entries.
    for i in range(last_dated + 1, len(lines)):
        ref = _REF_BRACKET_RE.match(lines[i].text) or _REF_NUMBERED_RE.match(lines[i].text)
        if ref and (_starts_with_url(ref.group(2)) or lines[i].links):
            return i
    return len(lines)


def _starts_with_url(text: str) -> bool:
    url = find_url(text)
    return url is not None and text.lstrip().startswith(url)


def _is_url_line(text: str) -> bool:
    """A numbered line holding a URL: a reference, even if it starts with a date."""
    m = _REF_NUMBERED_RE.match(text) or _REF_BRACKET_RE.match(text)
    return bool(m and find_url(m.group(2)))


def _paragraphs(body: list[Line | None], pats: Patterns) -> tuple[list[_Para], str]:
    blocks: list[list[Line]] = [[]]
    for line in body:
        if line is None:
            if blocks[-1]:
                blocks.append([])
        else:
            blocks[-1].append(line)
    blocks = [b for b in blocks if b]
    counts = [sum(1 for ln in b if lead_date(ln.text, pats)) for b in blocks]
    dated_blocks = sum(1 for c in counts if c)
    multi = sum(1 for c in counts if c >= 2)
    layout = "paragraph" if dated_blocks and multi / dated_blocks < 0.2 else "line"
    if not dated_blocks:
        layout = "paragraph"
    marked = _mostly_marked(blocks, pats)
    paras: list[_Para] = []
    started = False  # has the first entry begun?
    for block in blocks:
        current: _Para | None = None
        for line in block:
            dated = lead_date(line.text, pats) is not None
            started = started or dated or bool(MARKER_RE.search(line.text))
            if current is None or dated:
                starts_new = True
            elif not started:
                # Title and preamble: a line of its own unless it plainly continues.
                starts_new = not _CONTINUES_RE.match(line.text)
            elif layout == "paragraph":
                starts_new = False
            else:
                starts_new = not _continues(current.lines[-1].text, line.text, marked)
            if starts_new or current is None:
                current = _Para([line])
                paras.append(current)
            else:
                current.lines.append(line)
    return paras, layout


def _mostly_marked(blocks: list[list[Line]], pats: Patterns) -> bool:
    """Do most dated lines of the document end with a footnote marker?"""
    dated = [ln.text for b in blocks for ln in b if lead_date(ln.text, pats)]
    if not dated:
        return False
    return sum(1 for t in dated if _MARKER_AT_END_RE.search(t.rstrip())) * 2 >= len(dated)


def _continues(previous: str, text: str, mostly_marked: bool) -> bool:
    """In line layout: does ``text`` (not starting with a date) continue ``previous``?"""
    if _CONTINUES_RE.match(text):
        return True
    if _MARKER_AT_END_RE.search(previous.rstrip()):
        return False
    if _SENTENCE_END_RE.search(previous):
        return mostly_marked
    return True


def _entries(
    paras: list[_Para], pats: Patterns, title: str | None
) -> tuple[list[Entry], list[LeadDate | None], str | None, list[_Para]]:
    entries: list[Entry] = []
    leads: list[LeadDate | None] = []
    preamble: list[_Para] = []
    found_title = title
    for para in paras:
        text = para.text
        lead = lead_date(text, pats)
        if not entries and lead is None and not MARKER_RE.search(text):
            # Before the first entry: the title, then preamble.
            if found_title is None:
                found_title = text
            elif text != found_title:
                preamble.append(para)
            continue
        entries.append(Entry(len(entries) + 1, text, cited_numbers(text), para.lines[0].number))
        leads.append(lead)
    return entries, leads, found_title, preamble


def _insert_in_order(references: list[Reference], ref: Reference) -> None:
    """Put a reference known from outside the list where its number belongs, so
    that it does not look out of order."""
    at = len(references)
    while at > 0 and references[at - 1].n > ref.n:
        at -= 1
    references.insert(at, ref)


def _marker_references(paras: list[_Para]) -> list[Reference]:
    """References known only from markers that link to their source."""
    out: list[Reference] = []
    for para in paras:
        for line in para.lines:
            out.extend(Reference(n, url, line.number) for n, url in line.marker_urls)
    return out
