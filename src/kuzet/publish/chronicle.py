"""The chronicle as the store knows it: selected entries, written in the chronicles' style.

    build_chronicle(filter, order=, clean_urls=, ...) -> ChronicleBuild
    write_chronicle(build, fmt) -> bytes        (kuzet.chronicle.write.render)

Entries come from :mod:`kuzet.publish.selection` (published only unless asked,
names withheld in confidential entries). Footnotes are renumbered from 1 in the
order the chosen entries cite them, each entry's number pointing at the URL its
footnote had; the title names the period.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from ..chronicle.knowledge import Knowledge
from ..chronicle.model import Entry
from ..chronicle.read.text import cited_numbers
from ..chronicle.urls import canonical_url, is_private_url
from ..chronicle.write import Chronicle, chronicle_title, render, renumber
from ..store import models as m
from ..store.selectors import EntryFilter
from .errors import PublishError
from .selection import (
    Withholding,
    iterate,
    last_day,
    publication_filter,
    selected_entries,
    shown_text,
)

__all__ = ["ChronicleBuild", "build_chronicle", "period_of", "write_chronicle"]


@dataclass(frozen=True, slots=True)
class ChronicleBuild:
    chronicle: Chronicle
    start: dt.date
    end: dt.date
    entries: int
    withheld: int  # confidential entries whose names were withheld
    warnings: tuple[str, ...]


def period_of(f: EntryFilter, dates: list[dt.date]) -> tuple[dt.date, dt.date]:
    """The period a publication covers: the filter's dates, else the document's month,
    else the first and last dates of the entries."""
    start, end = f.date_from, f.date_to
    if (start is None or end is None) and f.document:
        period = m.Document.objects.filter(key=f.document).values_list("period", flat=True).first()
        if period:
            first = dt.date(int(period[:4]), int(period[5:7]), 1)
            start, end = start or first, end or last_day(first)
    if start is None:
        start = min(dates) if dates else end
    if end is None:
        end = max(dates) if dates else start
    if start is None or end is None:
        raise PublishError("no dated entries to say which period this covers; give --from and --to")
    return start, end


def build_chronicle(
    f: EntryFilter,
    *,
    order: str = "date",
    clean_urls: bool = False,
    title: str | None = None,
    withholding: Withholding | None = None,
    knowledge: Knowledge | None = None,
) -> ChronicleBuild:
    """The chronicle of the entries ``f`` selects (published only, unless ``f`` names statuses)."""
    f = publication_filter(f)
    withholding = withholding or Withholding.default(knowledge)
    entries: list[Entry] = []
    urls: dict[tuple[int, int], str] = {}
    dates: list[dt.date] = []
    warnings: list[str] = []
    withheld = 0
    for e in iterate(selected_entries(f, order=order).select_related("document"),
                     "person_mentions", "citations__source"):
        index = len(entries)
        text = shown_text(e, withholding)
        withheld += text != e.text
        refs = cited_numbers(text)
        entries.append(Entry(n=index + 1, text=text, refs=refs))
        if e.date is not None:
            dates.append(e.date)
        where = f"{e.document.key}#{e.n}"
        for c in e.citations.all():
            url = canonical_url(c.original_url) if clean_urls else c.original_url
            urls[(index, c.footnote)] = url
            if is_private_url(c.original_url):
                warnings.append(f"{where} footnote [{c.footnote}] cites a private address: {c.original_url}")
        for n in dict.fromkeys(refs):
            if (index, n) not in urls:
                warnings.append(f"{where} footnote [{n}] has no reference")
    if not entries:
        statuses = ", ".join(f.statuses)
        raise PublishError(f"no entries with review status {statuses} match; "
                           "widen the dates or filters, or name other statuses with --status")
    start, end = period_of(f, dates)
    title = title or chronicle_title((start, end), knowledge=knowledge)
    chronicle = renumber(entries, urls, title=title)
    return ChronicleBuild(chronicle, start, end, len(entries), withheld, tuple(warnings))


def write_chronicle(build: ChronicleBuild, fmt: str, *, knowledge: Knowledge | None = None) -> bytes:
    return render(build.chronicle, fmt, knowledge=knowledge)
