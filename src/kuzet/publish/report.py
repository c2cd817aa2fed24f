"""The statistics report: the figures monitors cite, for a period.

    build_report(filter, knowledge=) -> Report      figures, each saying what it counts
    (render_report in :mod:`kuzet.publish.report_render`: html, md, xlsx)

Counts of entries by type, region and month, of assembly refusals by place and
stated reason, and sanction totals come from :func:`kuzet.store.stats.compute_stats`
(the same numbers as ``kuzet stats``). This module adds what a report needs on top:
people by what happened to them (and whether it was the first time on record),
refusals by organiser, the most cited articles with their titles, and the people
with the most entries. Names from confidential entries are never shown.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass

from django.db.models import QuerySet
from django.utils.translation import get_language, gettext, gettext_noop, pgettext, pgettext_lazy

from ..chronicle.knowledge import Knowledge, default_knowledge
from ..store import models as m
from ..store.selectors import EntryFilter
from ..store.stats import REFUSAL_TYPE, compute_stats
from .errors import PublishError
from .redact import placeholder
from .selection import publication_filter, selected_entries

__all__ = ["CAVEAT", "PERSON_OUTCOMES", "Figure", "Report", "build_report"]

CAVEAT = gettext_noop(
    "These figures count what monitors documented and published in their chronicles, "
    "not everything that happened: many cases are never reported, and one case may be "
    "reported several times."
)

# The report speaks the language active when it is built: English on the command line
# (Django's LANGUAGE_CODE), the reader's language in the web workspace. Its words carry
# the context "report", so that they never clash with the workspace's own.
# The store's words for its tables (kuzet.store.stats), the refusal rules' labels and the
# sanction totals, listed here so that makemessages finds them; _w() translates them.
_STORE_WORDS = (
    pgettext_lazy("report", "Entries by event type"),
    pgettext_lazy("report", "Entries by region"),
    pgettext_lazy("report", "Entries by month"),
    pgettext_lazy("report", "Assembly refusals by place"),
    pgettext_lazy("report", "Assembly refusals by stated reason (an entry may state several)"),
    pgettext_lazy("report", "entries"),
    pgettext_lazy("report", "(no place)"),
    pgettext_lazy("report", "(no date)"),
    pgettext_lazy("report", "another event planned at the place or time"),
    pgettext_lazy("report", "repairs or improvement works"),
    pgettext_lazy("report", "place not designated for assemblies"),
    pgettext_lazy("report", "notification incomplete, wrongly filed or late"),
    pgettext_lazy("report", "quarantine or epidemic restrictions"),
    pgettext_lazy("report", "threat to public order or safety"),
    pgettext_lazy("report", "no reason given"),
    pgettext_lazy("report", "Administrative arrest"),
    pgettext_lazy("report", "Imprisonment"),
    pgettext_lazy("report", "Restriction of liberty"),
    pgettext_lazy("report", "Fines"),
    pgettext_lazy("report", "days"),
    pgettext_lazy("report", "years"),
    pgettext_lazy("report", "tenge"),
    pgettext_lazy("report", "detained"),
    pgettext_lazy("report", "fined (administrative)"),
    pgettext_lazy("report", "arrested (administrative arrest)"),
    pgettext_lazy("report", "charged (criminal case)"),
    pgettext_lazy("report", "sentenced (criminal court)"),
    pgettext_lazy("report", "CC"),
    pgettext_lazy("report", "CAO"),
    pgettext_lazy("report", "CPC"),
)


def _w(words: str) -> str:
    """Words of the store or of this module's tables in the active language (as they are
    when the catalogue does not know them)."""
    return pgettext("report", words)


def _language() -> str:
    """The language of titles from the data files (the law table, the taxonomy)."""
    return "ru" if (get_language() or "en").startswith("ru") else "en"


# What happened to a person, by the event types that report it (taxonomy ids).
PERSON_OUTCOMES: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("detained", ("detention",)),
    ("fined (administrative)", ("administrative_fine",)),
    ("arrested (administrative arrest)", ("administrative_arrest",)),
    ("charged (criminal case)", ("criminal_case",)),
    ("sentenced (criminal court)", ("criminal_sentence",)),
)
TOP_ARTICLES = 15
TOP_PEOPLE = 10


@dataclass(frozen=True, slots=True)
class Figure:
    """One table of the report; ``columns[0]`` labels the rows, ``value`` is the charted column."""

    key: str
    title: str
    counts: str  # what each number counts, said in words
    columns: tuple[str, ...]
    rows: tuple[tuple[str | int | float, ...], ...]
    note: str = ""
    chart: bool = False  # worth a bar chart
    value: int = 1  # index of the column a chart shows


@dataclass(frozen=True, slots=True)
class Report:
    title: str
    start: dt.date
    end: dt.date
    statuses: tuple[str, ...]
    entries: int
    figures: tuple[Figure, ...]
    caveat: str = CAVEAT

    @property
    def period(self) -> str:
        return pgettext("report", "%(start)s to %(end)s") % {
            "start": self.start.isoformat(),
            "end": self.end.isoformat(),
        }

    def figure(self, key: str) -> Figure:
        return next(f for f in self.figures if f.key == key)


def _identity(person_id: int | None, key: str) -> str:
    return f"person:{person_id}" if person_id else f"key:{key}"


def _subjects(entries: QuerySet[m.Entry], types: Iterable[str] | None = None) -> QuerySet[m.PersonMention]:
    mentions = m.PersonMention.objects.filter(role="subject", entry__in=entries.values("pk"))
    if types is not None:
        mentions = mentions.filter(entry__types__type_id__in=list(types))
    return mentions


def _person_outcomes(qs: QuerySet[m.Entry], f: EntryFilter) -> Figure:
    rows = []
    for label, types in PERSON_OUTCOMES:
        now = {_identity(p, k) for p, k in _subjects(qs, types).values_list("person_id", "key")}
        before = m.Entry.objects.filter(review_status__in=f.statuses)
        before = before.filter(date__lt=f.date_from) if f.date_from else before.none()
        earlier = {_identity(p, k) for p, k in _subjects(before, types).values_list("person_id", "key")}
        rows.append((_w(label), len(now), len(now - earlier)))
    return Figure(
        "persons",
        pgettext("report", "People by what happened to them"),
        pgettext(
            "report",
            "persons: each person once per row, however many entries report it; "
            "'first time on record' is a person with no earlier entry of the same kind",
        ),
        (
            pgettext("report", "what happened"),
            pgettext("report", "persons"),
            pgettext("report", "first time on record"),
        ),
        tuple(rows),
        note=pgettext("report", "A person is counted when an entry names them as its subject."),
        chart=True,
    )


def _named_counts(mentions: QuerySet[m.PersonMention], withheld: str) -> Counter[str]:
    names = dict(m.Person.objects.filter(pk__in=mentions.values("person_id")).values_list("pk", "name"))
    counter: Counter[str] = Counter()
    seen: set[tuple[int, str]] = set()
    for entry_id, pid, key, in_confidential_entry, confidential in mentions.values_list(
        "entry_id", "person_id", "key", "entry__confidential", "confidential"
    ):
        label = withheld if in_confidential_entry or confidential else (names.get(pid) or key)
        if (entry_id, label) not in seen:  # an entry counts once per person
            seen.add((entry_id, label))
            counter[label] += 1
    return counter


def _ranked(counter: Counter[str], limit: int | None = None) -> list[tuple[str, int]]:
    rows = sorted(counter.items(), key=lambda kv: (-kv[1], kv[0]))
    return rows[:limit] if limit else rows


def _organisers(qs: QuerySet[m.Entry], withheld: str) -> Figure:
    counter = _named_counts(_subjects(qs, [REFUSAL_TYPE]), withheld)
    return Figure(
        "refusal_organiser",
        pgettext("report", "Assembly refusals by organiser"),
        pgettext("report", "entries reporting a refusal to the organiser"),
        (pgettext("report", "organiser"), pgettext("report", "entries")),
        tuple(_ranked(counter)),
        note=pgettext(
            "report",
            "Organisers are the people a refusal entry names as its subject; names from "
            "confidential entries are withheld.",
        ),
    )


def _top_people(qs: QuerySet[m.Entry], withheld: str) -> Figure:
    counter = _named_counts(_subjects(qs), withheld)
    counter.pop(withheld, None)
    return Figure(
        "people",
        pgettext("report", "People with the most entries (top %(n)s)") % {"n": TOP_PEOPLE},
        pgettext("report", "entries naming the person as their subject"),
        (pgettext("report", "person"), pgettext("report", "entries")),
        tuple(_ranked(counter, TOP_PEOPLE)),
        note=pgettext(
            "report",
            "Names withheld in the publications (confidential entries, people who asked not to be "
            "named) are left out.",
        ),
        chart=True,
    )


def _articles(stats_rows: tuple[tuple[str, int], ...], knowledge: Knowledge) -> Figure:
    table = knowledge.articles
    lang = _language()
    rows = []
    for label, n in stats_rows[:TOP_ARTICLES]:
        code, _, article = label.partition(" ")
        shown = f"{pgettext('report', code)} {article}" if code in ("CC", "CAO", "CPC") else label
        rows.append((shown, table.title(code, article, lang) or table.title(code, article) or "", n))
    return Figure(
        "article",
        pgettext("report", "Most cited articles (top %(n)s)") % {"n": TOP_ARTICLES},
        pgettext("report", "entries citing the article (an entry citing it twice counts once)"),
        (pgettext("report", "article"), pgettext("report", "title"), pgettext("report", "entries")),
        tuple(rows),
        note=pgettext(
            "report", "CC: Criminal Code; CAO: Code of Administrative Offences; CPC: Criminal Procedure Code."
        ),
        chart=True,
        value=2,
    )


def _from_stats(key: str, stats: object, label: str, chart: bool, relabel: dict[str, str] | None = None) -> Figure:
    t = stats.table(key)  # type: ignore[attr-defined]
    rows = tuple(((relabel or {}).get(k) or _w(k), n) for k, n in t.rows)
    return Figure(key, _w(t.title), _w(t.unit), (label, _w(t.unit)), rows, chart=chart)


def _sanctions(stats: object) -> Figure:
    rows = []
    for s in stats.sanctions:  # type: ignore[attr-defined]
        rows.append((_w(s.title), s.sanctions, s.persons, s.total, _w(s.unit)))
    return Figure(
        "sanctions",
        pgettext("report", "Sanctions imposed"),
        pgettext(
            "report",
            "sanctions a court or official imposed (not those a prosecutor asked for, nor an appeal "
            "upholding one already counted); persons: the people they were imposed on; total: their "
            "summed size",
        ),
        (
            pgettext("report", "sanction"),
            pgettext("report", "sanctions"),
            pgettext("report", "persons"),
            pgettext("report", "total"),
            pgettext("report", "unit"),
        ),
        tuple(rows),
        note=pgettext("report", "Imprisonment and restriction of liberty are summed in years (365 days a year)."),
    )


def build_report(f: EntryFilter, *, knowledge: Knowledge | None = None, title: str | None = None) -> Report:
    """Every figure for the entries ``f`` selects (published only unless ``f`` names statuses)."""
    from .chronicle import period_of

    knowledge = knowledge or default_knowledge()
    f = publication_filter(f)
    qs = selected_entries(f).order_by()
    dates = list(qs.exclude(date=None).values_list("date", flat=True).order_by("date")[:1]) + list(
        qs.exclude(date=None).values_list("date", flat=True).order_by("-date")[:1]
    )
    if not dates and f.date_from is None:
        raise PublishError("no entries match; widen the dates or filters, or name other statuses with --status")
    start, end = period_of(f, dates)
    f = dataclasses.replace(f, date_from=f.date_from or start, date_to=f.date_to or end)
    stats = compute_stats(f, knowledge=knowledge)
    withheld = placeholder(knowledge)
    taxonomy = knowledge.taxonomy
    type_labels = {t: taxonomy.get(t).label(_language()) for t in taxonomy.ids}
    figures = (
        _from_stats("type", stats, pgettext("report", "event type"), True, type_labels),
        _from_stats("region", stats, pgettext("report", "region"), True),
        _from_stats("month", stats, pgettext("report", "month"), True),
        _person_outcomes(qs, f),
        _from_stats("refusal_city", stats, pgettext("report", "place"), True),
        _organisers(qs, withheld),
        _from_stats("refusal_reason", stats, pgettext("report", "stated reason"), True),
        _sanctions(stats),
        _articles(stats.table("article").rows, knowledge),
        _top_people(qs, withheld),
    )
    return Report(
        title=title
        or pgettext("report", "Persecution in Kazakhstan in figures, %(start)s to %(end)s")
        % {"start": start.isoformat(), "end": end.isoformat()},
        start=start,
        end=end,
        statuses=f.statuses,
        entries=stats.entries,
        figures=figures,
        caveat=gettext(CAVEAT),
    )
