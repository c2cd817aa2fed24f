"""Write a chronicle back out: plain text, Markdown, a standalone HTML page, or Word.

The output follows the chronicles' own style: a title with the period, one
paragraph per entry in the order given, footnote markers renumbered from 1 in
order of citation, then the reference list. Reading what this writes gives back
the same entries, texts (with the new numbers) and references.

Renumbering is per citation: every (entry, footnote) pair gets its own number,
as chronicles do when two entries cite the same article. A footnote whose URL is
unknown keeps its number in the text but is left out of the reference list, as
in the source, so that a checker still reports it missing.
"""

from __future__ import annotations

import html
import io
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date

from .knowledge import Knowledge, default_knowledge
from .model import Document, Entry, Period, Reference

__all__ = ["FORMATS", "Chronicle", "chronicle_title", "render", "renumber"]

FORMATS = ("txt", "md", "html", "docx")

_MARKER = re.compile(r"\[(\d{1,4})\]")
# A marker as the reader takes it: "[3]", "[^3]", "[3, 4]" (kuzet.chronicle.read.text.MARKER_RE).
_MARKER_GROUP = re.compile(r"\[\^?\s*(\d{1,4}(?:\s*[,;]\s*\^?\d{1,4})*)\s*\]")


@dataclass(frozen=True, slots=True)
class Chronicle:
    """A chronicle ready to render: entries with their markers renumbered from 1."""

    title: str
    entries: tuple[Entry, ...]
    references: tuple[Reference, ...]  # numbered 1..N in citation order; unknown URLs left out


def renumber(
    entries: Sequence[Entry], urls: Mapping[tuple[int, int], str], *, title: str
) -> Chronicle:
    """Renumber footnotes from 1 in citation order.

    ``urls`` maps (position of the entry in ``entries``, old footnote number) to
    its URL; a pair without a URL gets its number but no line in the list.
    """
    out_entries: list[Entry] = []
    references: list[Reference] = []
    next_number = 1
    for index, entry in enumerate(entries):
        mapping: dict[int, int] = {}
        for old in entry.refs:
            if old not in mapping:
                new = next_number
                next_number += 1
                mapping[old] = new
                if (index, old) in urls:
                    references.append(Reference(new, urls[(index, old)]))

        def swap(m: re.Match[str], mapping: dict[int, int] = mapping) -> str:
            numbers = [int(x) for x in re.findall(r"\d+", m.group(1))]
            if not all(n in mapping for n in numbers):
                return m.group(0)
            # "[3, 4]" and "[^3]" become "[1][2]" and "[1]": one form, the one this module writes.
            return "".join(f"[{mapping[n]}]" for n in numbers)

        text = _MARKER_GROUP.sub(swap, entry.text)
        out_entries.append(
            Entry(n=index + 1, text=text, refs=tuple(mapping[r] for r in entry.refs))
        )
    return Chronicle(title=title, entries=tuple(out_entries), references=tuple(references))


def from_document(document: Document, *, title: str | None = None) -> Chronicle:
    """A read document, renumbered (the round trip of ``kuzet chronicle``)."""
    urls = document.reference_map()
    pairs = {
        (i, n): urls[n] for i, entry in enumerate(document.entries) for n in entry.refs if n in urls
    }
    if title is None:
        title = document.title or (
            chronicle_title(document.period) if document.period else document.name
        )
    return renumber(document.entries, pairs, title=title)


def chronicle_title(
    period: Period | tuple[date, date], *, knowledge: Knowledge | None = None
) -> str:
    """The title line, e.g. "Chronicle of political persecution in Kazakhstan from June 1 to June 30, 2023".

    The words come from the language pack (``lang/<language>/publish.yaml``).
    """
    knowledge = knowledge or default_knowledge()
    words = knowledge.lang("publish")
    if isinstance(period, Period):
        start = date(period.year, period.month, 1)
        next_month = date(period.year + period.month // 12, period.month % 12 + 1, 1)
        end = date.fromordinal(next_month.toordinal() - 1)
    else:
        start, end = period
    months: list[str] = words["months"]
    fmt: str = words["date_format"]

    short: str = words["date_format_within_year"]

    def show(d: date, pattern: str) -> str:
        return pattern.format(month=months[d.month - 1], day=d.day, year=d.year)

    template: str = words["title"]
    first = show(start, short if start.year == end.year else fmt)
    return template.format(start=first, end=show(end, fmt))


def render(chronicle: Chronicle, fmt: str, *, knowledge: Knowledge | None = None) -> bytes:
    """The chronicle as a file's bytes in ``fmt`` (one of :data:`FORMATS`)."""
    words = (knowledge or default_knowledge()).lang("publish")
    if fmt == "txt":
        return _txt(chronicle).encode("utf-8")
    if fmt == "md":
        return _md(chronicle, words["references"]).encode("utf-8")
    if fmt == "html":
        return _html(chronicle, words["references"], words["html_lang"]).encode("utf-8")
    if fmt == "docx":
        return _docx(chronicle, words["references"])
    raise ValueError(f"unknown format {fmt!r}; choose one of {', '.join(FORMATS)}")


def _reference_line(ref: Reference) -> str:
    return f"[{ref.n}] {ref.url}".rstrip()


def _txt(chronicle: Chronicle) -> str:
    lines = [chronicle.title, ""]
    lines += [entry.text for entry in chronicle.entries]
    lines += ["****"]
    lines += [_reference_line(ref) for ref in chronicle.references]
    return "\n".join(lines) + "\n"


def _md_escape(text: str) -> str:
    # Escape what Markdown would otherwise turn into markup at the start of a line.
    text = re.sub(r"([\\*_`<>])", r"\\\1", text)
    return re.sub(r"^(#|\d+\.|[-+] )", r"\\\1", text)


def _md(chronicle: Chronicle, heading: str) -> str:
    parts = [f"# {_md_escape(chronicle.title)}", ""]
    for entry in chronicle.entries:
        parts += [_md_escape(entry.text), ""]
    parts += [f"## {heading}", ""]
    for ref in chronicle.references:
        url = f"<{ref.url}>" if ref.url else ""
        parts.append(f"[{ref.n}] {url}".rstrip() + "  ")
    return "\n".join(parts).rstrip() + "\n"


def _html(chronicle: Chronicle, heading: str, lang: str) -> str:
    esc = html.escape

    def paragraph(entry: Entry) -> str:
        def link(m: re.Match[str]) -> str:
            n = m.group(1)
            return f'<sup><a href="#ref-{n}" id="cite-{n}">[{n}]</a></sup>'

        return f"<p>{_MARKER.sub(link, esc(entry.text, quote=False))}</p>"

    def reference(ref: Reference) -> str:
        if not ref.url:
            return f'<p id="ref-{ref.n}">[{ref.n}]</p>'
        url = esc(ref.url)
        return f'<p id="ref-{ref.n}">[{ref.n}] <a href="{url}">{url}</a></p>'

    body = "\n".join(paragraph(e) for e in chronicle.entries)
    refs = "\n".join(reference(r) for r in chronicle.references)
    return f"""<!doctype html>
<html lang="{esc(lang)}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{esc(chronicle.title)}</title>
<style>
body {{ font: 17px/1.55 Georgia, "Times New Roman", serif; max-width: 46rem; margin: 2rem auto;
  padding: 0 1rem; color: #1d1d1f; }}
h1 {{ font-size: 1.5rem; line-height: 1.3; }}
sup a {{ text-decoration: none; }}
section.references p {{ font-size: .9rem; margin: .2rem 0; overflow-wrap: anywhere; }}
</style>
</head>
<body>
<article>
<h1>{esc(chronicle.title)}</h1>
{body}
<section class="references">
<h2>{esc(heading)}</h2>
{refs}
</section>
</article>
</body>
</html>
"""


def _docx(chronicle: Chronicle, heading: str) -> bytes:
    from docx import Document as WordDocument
    from docx.shared import Pt

    word = WordDocument()
    style = word.styles["Normal"]
    style.font.name = "Times New Roman"
    style.font.size = Pt(12)
    word.core_properties.title = chronicle.title
    word.add_heading(chronicle.title, level=1)
    for entry in chronicle.entries:
        word.add_paragraph(entry.text)
    word.add_heading(heading, level=2)
    for ref in chronicle.references:
        word.add_paragraph(_reference_line(ref))
    out = io.BytesIO()
    word.save(out)
    return out.getvalue()
