"""Check a chronicle document and report findings.

Each finding has a code, a severity, a one-line message, and the entry and/or
footnote it concerns. Severities (see docs/reading.md for the reasons):

    error    the document is wrong in a way a reader of the chronicle would hit:
             missing-reference, duplicate-reference-number, malformed-url
    warning  worth fixing before publication: uncited-reference,
             out-of-order-reference, entry-without-source, tracking-parameter,
             private-url, no-date, date-outside-period, skipped-text (a stray
             line in the reference list)
    info     the reader already dealt with it: site-chrome, skipped-text
             (preamble before the first entry)

Dates come from :func:`kuzet.chronicle.extract.dates.extract`; its first
mention is the entry's lead date.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass

from .knowledge import Knowledge, default_knowledge
from .model import Document, Entry
from .urls import canonical_url, is_private_url, tracking_params, url_problem

__all__ = ["CODES", "SEVERITIES", "Finding", "has_errors", "lint"]

SEVERITIES = ("error", "warning", "info")

# code -> (severity, what it means); docs/reading.md has the same table.
CODES: dict[str, tuple[str, str]] = {
    "missing-reference": ("error", "an entry cites [N] but the reference list has no [N]"),
    "duplicate-reference-number": ("error", "the reference list has [N] twice"),
    "malformed-url": ("error", "a reference's address is not a usable web address"),
    "uncited-reference": ("warning", "a reference no entry cites"),
    "out-of-order-reference": ("warning", "footnote numbers are not in ascending order"),
    "entry-without-source": ("warning", "an entry cites no footnote"),
    "tracking-parameter": ("warning", "a URL carries tracking parameters (fbclid, utm_*...)"),
    "private-url": ("warning", "a URL only the site's staff can open (wp-admin...)"),
    "no-date": ("warning", "an entry has no date"),
    "date-outside-period": ("warning", "an entry's date is outside the document's month"),
    "site-chrome": ("info", "leftover page text, ignored by the reader"),
    "skipped-text": ("warning", "text that is neither an entry nor a reference"),
}


@dataclass(frozen=True, slots=True)
class Finding:
    code: str  # "missing-reference", ...
    severity: str  # "error", "warning", "info"
    message: str  # one line
    entry: int | None = None  # the entry's n
    reference: int | None = None  # the footnote's number


def _finding(
    code: str,
    message: str,
    *,
    entry: int | None = None,
    reference: int | None = None,
    severity: str | None = None,
) -> Finding:
    return Finding(code, severity or CODES[code][0], message, entry, reference)


def has_errors(findings: list[Finding]) -> bool:
    return any(f.severity == "error" for f in findings)


def lint(document: Document, *, knowledge: Knowledge | None = None) -> list[Finding]:
    """Every finding for ``document``, in document order (entries, then the list)."""
    findings = [
        *_citations(document),
        *_reference_list(document),
        *_urls(document),
        *_dates(document, knowledge or default_knowledge()),
        *_chrome(document),
    ]
    inf = float("inf")
    order = {code: i for i, code in enumerate(CODES)}
    return sorted(
        findings,
        key=lambda f: (
            f.entry if f.entry is not None else inf,
            f.reference if f.reference is not None else inf,
            order[f.code],
        ),
    )


def _short(text: str, width: int = 60) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1] + "…"


def _citations(document: Document) -> Iterator[Finding]:
    listed = document.reference_map()
    seen: set[int] = set()
    previous_new: int | None = None
    for entry in document.entries:
        if not entry.refs:
            yield _finding(
                "entry-without-source",
                f"entry {entry.n} cites no source: {_short(entry.text)!r}",
                entry=entry.n,
            )
        for n in dict.fromkeys(entry.refs):
            if n not in listed:
                yield _finding(
                    "missing-reference",
                    f"entry {entry.n} cites [{n}], but the reference list has no [{n}]",
                    entry=entry.n,
                    reference=n,
                )
            if n in seen:
                continue
            seen.add(n)
            # A footnote is numbered when first cited, so first citations ascend.
            if previous_new is not None and n < previous_new:
                yield _finding(
                    "out-of-order-reference",
                    f"entry {entry.n} cites [{n}] for the first time after [{previous_new}]",
                    entry=entry.n,
                    reference=n,
                )
            previous_new = n


def _reference_list(document: Document) -> Iterator[Finding]:
    cited = {n for entry in document.entries for n in entry.refs}
    counts = Counter(ref.n for ref in document.references)
    first_url: dict[int, str] = {}
    previous: int | None = None
    for ref in document.references:
        if ref.n in first_url:
            same = "the same address" if ref.url == first_url[ref.n] else "a different address"
            yield _finding(
                "duplicate-reference-number",
                f"[{ref.n}] is listed {counts[ref.n]} times; this one has {same}: {ref.url}",
                reference=ref.n,
            )
        else:
            first_url[ref.n] = ref.url
            if previous is not None and ref.n < previous:
                yield _finding(
                    "out-of-order-reference",
                    f"[{ref.n}] is listed after [{previous}] in the reference list",
                    reference=ref.n,
                )
            if ref.n not in cited:
                yield _finding(
                    "uncited-reference",
                    f"[{ref.n}] is in the reference list but no entry cites it",
                    reference=ref.n,
                )
        previous = ref.n


def _urls(document: Document) -> Iterator[Finding]:
    for ref in document.references:
        problem = url_problem(ref.url)
        if problem:
            yield _finding(
                "malformed-url", f"[{ref.n}] {problem}: {_short(ref.url, 80)!r}", reference=ref.n
            )
            continue
        if is_private_url(ref.url):
            yield _finding(
                "private-url",
                f"[{ref.n}] can be opened only by the site's staff (an admin or draft link); "
                f"cite the public page instead: {ref.url}",
                reference=ref.n,
            )
        params = tracking_params(ref.url)
        if params:
            yield _finding(
                "tracking-parameter",
                f"[{ref.n}] carries tracking parameters ({', '.join(params)}); "
                f"clean: {canonical_url(ref.url)}",
                reference=ref.n,
            )


def _dates(document: Document, knowledge: Knowledge) -> Iterator[Finding]:
    from .extract import dates
    from .extract.context import Context

    context = Context(knowledge=knowledge, period=document.period)
    for entry in document.entries:
        found = dates.extract(entry.text, context=context)
        if not found:
            yield _finding(
                "no-date", f"entry {entry.n} has no date: {_short(entry.text)!r}", entry=entry.n
            )
            continue
        yield from _outside(document, entry, found[0])


def _outside(document: Document, entry: Entry, mention: object) -> Iterator[Finding]:
    period = document.period
    value = getattr(mention, "value", None)
    if period is None or value is None:
        return
    year, month = getattr(value, "year", None), getattr(value, "month", None)
    if (year is not None and year != period.year) or (month is not None and month != period.month):
        written = getattr(mention, "text", "")
        yield _finding(
            "date-outside-period",
            f"entry {entry.n} is dated {written!r}, outside the document's month {period}",
            entry=entry.n,
        )


def _chrome(document: Document) -> Iterator[Finding]:
    for chrome in document.chrome:
        where = f"line {chrome.line}" if chrome.line is not None else "a line"
        if chrome.kind == "site":
            yield _finding(
                "site-chrome",
                f"{where} is leftover page text, not an entry: {_short(chrome.text)!r}",
            )
        elif chrome.kind == "preamble":
            yield _finding(
                "skipped-text",
                f"{where}, before the first entry, is not an entry: {_short(chrome.text)!r}",
                severity="info",
            )
        else:
            yield _finding(
                "skipped-text",
                f"{where} in the reference list is not a reference: {_short(chrome.text)!r}",
            )
