"""Lists of persecuted people: each person's situation on an as-of date.

    build_people_list(as_of, situations=, filter=, include_confidential=) -> PeopleList
    render_people_list(people_list, fmt)                      md, html, csv, xlsx
    set_status(...), recognize(...)                           an editor's decisions (audited)

The timeline of a person is every dated entry (published, unless the filter names
other statuses) that names them as its subject, with the sanctions given to them
there; :mod:`kuzet.publish.situation` turns it into a situation. Confidential
entries are left out unless asked for: a published list must not tie a person to
an entry whose names are withheld.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from html import escape
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import get_language, gettext, ngettext, pgettext, pgettext_lazy

from ..chronicle.knowledge import Knowledge, default_knowledge
from ..store import models as m
from ..store.selectors import EntryFilter
from ..store.services import audit
from . import models as pm
from .errors import PublishError
from .selection import publication_filter, selected_entries
from .situation import (
    _DETAIL,
    DETENTION_DAYS,
    LABELS,
    SITUATIONS,
    Event,
    Measure,
    Override,
    State,
    derive,
    with_override,
)

__all__ = [
    "LIST_FORMATS",
    "ListedPerson",
    "PeopleList",
    "build_people_list",
    "recognize",
    "render_people_list",
    "set_status",
]

LIST_FORMATS = ("md", "html", "csv", "xlsx")
# The list speaks the language active when it is rendered: English on the command line
# (Django's LANGUAGE_CODE), the reader's language in the web workspace.
COLUMNS = (
    pgettext_lazy("people list column", "name"),
    pgettext_lazy("people list column", "region"),
    pgettext_lazy("people list column", "articles"),
    pgettext_lazy("people list column", "sanction"),
    pgettext_lazy("people list column", "sanction date"),
    pgettext_lazy("people list column", "expected end"),
    pgettext_lazy("people list column", "situation"),
    pgettext_lazy("people list column", "since"),
    pgettext_lazy("people list column", "decided by"),
    pgettext_lazy("people list column", "recognition"),
    pgettext_lazy("people list column", "last entry"),
    pgettext_lazy("people list column", "last entry date"),
)
SITUATION_LABELS = {
    "in-custody": pgettext_lazy("situation", "in custody"),
    "house-arrest": pgettext_lazy("situation", "under house arrest"),
    "restricted": pgettext_lazy("situation", "restricted liberty or probation"),
    "charged": pgettext_lazy("situation", "charged"),
    "fined": pgettext_lazy("situation", "fined"),
    "free": pgettext_lazy("situation", "free"),
    "abroad": pgettext_lazy("situation", "abroad"),
}
# What a measure in force is called (situation.py's details); an editor's own detail
# is shown as written.
MEASURE_WORDS = {
    "imprisonment": pgettext_lazy("measure", "imprisonment"),
    "pretrial_detention": pgettext_lazy("measure", "pre-trial detention"),
    "administrative_arrest": pgettext_lazy("measure", "administrative arrest"),
    "house_arrest": pgettext_lazy("measure", "house arrest"),
    "restriction_of_liberty": pgettext_lazy("measure", "restriction of liberty"),
    "probation": pgettext_lazy("measure", "probation"),
    "conditional_sentence": pgettext_lazy("measure", "conditional sentence"),
    "fine": pgettext_lazy("measure", "fine"),
}
_DETAIL_KINDS = {w: k for k, w in _DETAIL.items()}
DECIDED_BY = {
    "entries": pgettext_lazy("decided by", "entries"),
    "editor": pgettext_lazy("decided by", "editor"),
    "confirmed": pgettext_lazy("decided by", "entries, confirmed by an editor"),
}
# Review statuses, as the workspace names them.
REVIEW_STATUSES = {
    "draft": pgettext_lazy("review status", "draft"),
    "in_review": pgettext_lazy("review status", "in review"),
    "verified": pgettext_lazy("review status", "verified"),
    "published": pgettext_lazy("review status", "published"),
}


CODE_WORDS = {
    "CC": pgettext_lazy("legal code abbreviation", "CC"),
    "CAO": pgettext_lazy("legal code abbreviation", "CAO"),
    "CPC": pgettext_lazy("legal code abbreviation", "CPC"),
}


def article_words(article: str) -> str:
    """``CC 174`` in the active language (``УК 174``)."""
    code, _, rest = article.partition(" ")
    return f"{CODE_WORDS[code]} {rest}" if code in CODE_WORDS and rest else article


def _title_language() -> str:
    return "ru" if (get_language() or "en").startswith("ru") else "en"


def columns() -> tuple[str, ...]:
    """The column names in the active language."""
    return tuple(str(c) for c in COLUMNS)


def situation_label(status: str) -> str:
    return str(SITUATION_LABELS.get(status, status))


def state_label(state: State) -> str:
    """``State.label`` in the active language (the same words in English)."""
    text = situation_label(state.status)
    if not state.detail or state.detail in LABELS.get(state.status, state.status) or state.detail in ("fine", "charged"):
        return text
    kind = _DETAIL_KINDS.get(state.detail)
    return f"{text} ({MEASURE_WORDS[kind] if kind else state.detail})"


def duration_words(days: int) -> str:
    """``situation.duration`` in the active language: 1 year 2 months 3 days."""
    years, rest = divmod(days, 365)
    months, d = divmod(rest, 30)
    parts = [
        word % {"n": n}
        for n, word in (
            (years, ngettext("%(n)s year", "%(n)s years", years)),
            (months, ngettext("%(n)s month", "%(n)s months", months)),
            (d, ngettext("%(n)s day", "%(n)s days", d)),
        )
        if n
    ]
    return " ".join(parts) or ngettext("%(n)s day", "%(n)s days", 0) % {"n": 0}


def measure_words(measure: Measure) -> str:
    """``Measure.describe`` in the active language: "fine, 69,000 tenge"."""
    words = str(MEASURE_WORDS.get(measure.kind, measure.kind.replace("_", " ")))
    if measure.days:
        words += f", {duration_words(measure.days)}"
    if measure.amount_kzt:
        amount = f"{measure.amount_kzt:,}".replace(",", pgettext("thousands separator", ","))
        words += ", " + gettext("%(amount)s tenge") % {"amount": amount}
    return words


@dataclass(frozen=True, slots=True)
class ListedPerson:
    id: int
    name: str
    region: str
    articles: tuple[str, ...]  # "CC 274", most cited first
    state: State
    sanction: Measure | None  # the one behind the situation, else the latest given
    sanction_date: dt.date | None
    sanction_until: dt.date | None
    recognition: str
    recognition_source: str
    last_entry: str
    last_date: dt.date | None

    def cells(self) -> tuple[str, ...]:
        return (
            self.name,
            self.region,
            ", ".join(article_words(a) for a in self.articles),
            measure_words(self.sanction) if self.sanction else "",
            _iso(self.sanction_date),
            _iso(self.sanction_until),
            state_label(self.state),
            _iso(self.state.since),
            str(DECIDED_BY[self.state.source]) + (f" ({self.state.note})" if self.state.note else ""),
            self.recognition + (f" {self.recognition_source}" if self.recognition_source else ""),
            self.last_entry,
            _iso(self.last_date),
        )


@dataclass(frozen=True, slots=True)
class PeopleList:
    as_of: dt.date
    situations: tuple[str, ...]  # the ones asked for; empty: all
    statuses: tuple[str, ...]  # review statuses of the entries used
    include_confidential: bool
    people: tuple[ListedPerson, ...]
    article_titles: dict[str, str]

    @property
    def title(self) -> str:
        which = (
            ", ".join(situation_label(s) for s in self.situations)
            if self.situations
            else gettext("all situations")
        )
        return gettext("People persecuted in Kazakhstan as of %(date)s (%(which)s)") % {
            "date": self.as_of.isoformat(),
            "which": which,
        }

    @property
    def definition(self) -> str:
        values = {
            "date": self.as_of.isoformat(),
            "statuses": ", ".join(str(REVIEW_STATUSES.get(s, s)) for s in self.statuses),
            "days": DETENTION_DAYS,
        }
        # Two whole sentences rather than a word put in: the grammar differs by language.
        if self.include_confidential:
            who = gettext(
                "Everyone an entry dated on or before %(date)s names as the subject of an event "
                "(entries with review status %(statuses)s; confidential entries, and people who "
                "asked not to be named, included)."
            )
        else:
            who = gettext(
                "Everyone an entry dated on or before %(date)s names as the subject of an event "
                "(entries with review status %(statuses)s; confidential entries, and people who "
                "asked not to be named, left out)."
            )
        how = gettext(
            "The situation on %(date)s is derived from those entries: a custodial or restrictive "
            "sanction counts from the entry's date, and where it has a length its expected end is "
            "that date plus its length; a sentence ends pre-trial measures; a sanction reported as "
            "served, or a release, acquittal or dropped charge, ends what came before; a detention "
            "without a court's decision counts as custody for %(days)s days; a criminal case or "
            "trial means charged; a fine stays the latest known outcome. An editor's decision "
            "replaces the derived situation until a later entry tells of something new. The list "
            "covers what was documented, not everyone who is persecuted."
        )
        return f"{who % values} {how % values}"


def _iso(d: dt.date | None) -> str:
    return d.isoformat() if d else ""


# --- building ---------------------------------------------------------------------------


@dataclass
class _Person:
    events: dict[int, Event]
    places: list[tuple[dt.date, str]]
    articles: Counter[str]


def _timelines(qs: Any, include_confidential: bool) -> dict[int, _Person]:
    chosen = m.PersonMention.objects.filter(role="subject", person__isnull=False, entry__in=qs.values("pk"))
    if not include_confidential:
        chosen = chosen.filter(confidential=False)
    mentions = list(chosen.values_list("pk", "person_id", "key", "entry_id"))
    entry_ids = {e for _, _, _, e in mentions}
    entries = {
        row[0]: row
        for row in m.Entry.objects.filter(pk__in=entry_ids).values_list(
            "pk", "document__key", "n", "date", "place__name", "place__region__name"
        )
    }
    types: dict[int, list[str]] = defaultdict(list)
    for eid, t in m.EntryType.objects.filter(entry_id__in=entry_ids).values_list("entry_id", "type_id"):
        types[eid].append(t)
    sanctions: dict[int, list[tuple[Any, ...]]] = defaultdict(list)
    for row in m.Sanction.objects.filter(entry_id__in=entry_ids).values_list(
        "entry_id", "mention_id", "person_key", "kind", "days", "amount_kzt", "status"
    ):
        sanctions[row[0]].append(row)
    articles: dict[int, set[str]] = defaultdict(set)
    for eid, code, article in m.LegalRef.objects.filter(entry_id__in=entry_ids).values_list("entry_id", "code", "article"):
        articles[eid].add(f"{code} {article}")
    subjects = Counter(
        m.PersonMention.objects.filter(role="subject", entry_id__in=entry_ids).values_list("entry_id", flat=True)
    )
    people: dict[int, _Person] = {}
    for mid, pid, key, eid in mentions:
        _, doc, n, date, place, region = entries[eid]
        given = tuple(
            Measure(kind, days, amount, status)
            for _, smid, skey, kind, days, amount, status in sanctions.get(eid, [])
            if smid == mid or (smid is None and skey == key) or (smid is None and not skey and subjects[eid] == 1)
        )
        person = people.setdefault(pid, _Person({}, [], Counter()))
        old = person.events.get(eid)
        merged = tuple(dict.fromkeys((old.sanctions if old else ()) + given))
        person.events[eid] = Event(date, f"{doc}#{n}", tuple(types.get(eid, ())), merged)
        if old is None:
            person.articles.update(articles.get(eid, ()))
            if place:
                person.places.append((date, region or place))
    return people


def _sanction_of(state: State, events: Sequence[Event]) -> tuple[Measure | None, dt.date | None, dt.date | None]:
    if state.measure is not None and state.source != "editor":
        return state.measure, state.since, state.until
    given = [(e.date, s) for e in events for s in e.sanctions if s.status in ("imposed", "upheld")]
    if not given:
        return None, None, None
    date, s = max(given, key=lambda x: x[0])
    until = date + dt.timedelta(days=s.days) if s.days and s.kind != "fine" else None
    return s, date, until


def _overrides(as_of: dt.date) -> dict[int, list[Override]]:
    out: dict[int, list[Override]] = defaultdict(list)
    for o in pm.PersonStatusOverride.objects.filter(person__isnull=False, since__lte=as_of).order_by("since", "at", "pk"):
        person_id: int = o.person_id  # type: ignore[attr-defined]
        out[person_id].append(Override(o.status, o.since, o.detail, o.until, o.note))
    return out


def _recognitions(as_of: dt.date) -> dict[int, tuple[str, str]]:
    out: dict[int, tuple[str, str]] = {}
    for r in pm.Recognition.objects.filter(person__isnull=False, date__lte=as_of).order_by("date", "at", "pk"):
        words = f"{r.organisation}, {r.date.isoformat()}" + (f" ({r.criteria})" if r.criteria else "")
        out[r.person_id] = (words, r.source)  # type: ignore[attr-defined]  # the latest wins
    return out


def build_people_list(
    as_of: dt.date,
    *,
    situations: Sequence[str] = (),
    f: EntryFilter | None = None,
    include_confidential: bool = False,
    knowledge: Knowledge | None = None,
) -> PeopleList:
    unknown = [s for s in situations if s not in SITUATIONS]
    if unknown:
        raise PublishError(f"unknown situation {unknown[0]!r}; one of {', '.join(SITUATIONS)}")
    f = publication_filter(f or EntryFilter())
    qs = selected_entries(f).order_by().filter(date__isnull=False, date__lte=as_of)
    if not include_confidential:
        qs = qs.filter(confidential=False)
    people = _timelines(qs, include_confidential)
    names = dict(m.Person.objects.filter(pk__in=people).values_list("pk", "name"))
    overrides, recognitions = _overrides(as_of), _recognitions(as_of)
    table = (knowledge or default_knowledge()).articles
    rows: list[ListedPerson] = []
    for pid, person in people.items():
        events = sorted(person.events.values(), key=lambda e: (e.date, e.ref))
        state = with_override(derive(events, as_of), overrides.get(pid, []), events, as_of)
        if situations and state.status not in situations:
            continue
        sanction, s_date, s_until = _sanction_of(state, events)
        recognition, source = recognitions.get(pid, ("", ""))
        last = events[-1]
        rows.append(
            ListedPerson(
                id=pid,
                name=names.get(pid, ""),
                region=max(person.places)[1] if person.places else "",
                articles=tuple(a for a, _ in sorted(person.articles.items(), key=lambda kv: (-kv[1], kv[0]))),
                state=state,
                sanction=sanction,
                sanction_date=s_date,
                sanction_until=s_until,
                recognition=recognition,
                recognition_source=source,
                last_entry=last.ref,
                last_date=last.date,
            )
        )
    order = {s: i for i, s in enumerate(SITUATIONS)}
    rows.sort(key=lambda r: (order[r.state.status], r.name.casefold(), r.id))
    used = {a for r in rows for a in r.articles}
    lang = _title_language()  # Russian titles when the list is made for a Russian page
    titles = {}
    for a in sorted(used):
        code, _, number = a.partition(" ")
        titles[a] = table.title(code, number, lang) or table.title(code, number) or ""
    return PeopleList(as_of, tuple(situations), f.statuses, include_confidential, tuple(rows), titles)


# --- rendering --------------------------------------------------------------------------


def render_people_list(pl: PeopleList, fmt: str) -> bytes:
    if fmt == "csv":
        out = io.StringIO()
        writer = csv.writer(out, lineterminator="\n")
        writer.writerow((pgettext("people list column", "person id"),) + columns())
        for r in pl.people:
            writer.writerow((r.id,) + r.cells())
        return out.getvalue().encode("utf-8")
    if fmt == "md":
        return _md(pl).encode("utf-8")
    if fmt == "html":
        return _html(pl).encode("utf-8")
    if fmt == "xlsx":
        return _xlsx(pl)
    raise ValueError(f"unknown format {fmt!r}; choose one of {', '.join(LIST_FORMATS)}")


def _as_of(pl: PeopleList) -> str:
    n = len(pl.people)
    return ngettext("As of %(date)s: %(n)s person.", "As of %(date)s: %(n)s people.", n) % {
        "date": pl.as_of.isoformat(),
        "n": n,
    }


def _md_cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def _md(pl: PeopleList) -> str:
    lines = [f"# {_md_cell(pl.title)}", "", _as_of(pl), "", f"*{_md_cell(pl.definition)}*", ""]
    lines.append("| " + " | ".join(columns()) + " |")
    lines.append("|" + "---|" * len(COLUMNS))
    for r in pl.people:
        lines.append("| " + " | ".join(_md_cell(c) for c in r.cells()) + " |")
    if pl.article_titles:
        lines += ["", gettext("Articles:"), ""]
        lines += [f"- {article_words(a)}: {_md_cell(t)}" for a, t in pl.article_titles.items()]
    return "\n".join(lines) + "\n"


def _html(pl: PeopleList) -> str:
    head = "".join(f'<th scope="col">{escape(c)}</th>' for c in columns())
    body = "\n".join(
        f'<tr class="{escape(r.state.status)}">' + "".join(f"<td>{escape(c)}</td>" for c in r.cells()) + "</tr>"
        for r in pl.people
    )
    legend = "".join(f"<li><b>{escape(article_words(a))}</b>: {escape(t)}</li>" for a, t in pl.article_titles.items())
    return f"""<!doctype html>
<html lang="{escape(get_language() or "en")}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{escape(pl.title)}</title>
<style>
body {{ font: 14px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; margin: 1.5rem; color: #1d1d1f; }}
h1 {{ font-size: 1.4rem; }}
.definition {{ max-width: 60rem; color: #444; }}
table {{ border-collapse: collapse; }}
th, td {{ border-bottom: 1px solid #ddd; padding: .3rem .5rem; text-align: left; vertical-align: top; }}
thead th {{ position: sticky; top: 0; background: #f4f4f6; }}
tr.in-custody td:nth-child(7) {{ font-weight: 600; color: #8a1c1c; }}
td:nth-child(5), td:nth-child(6), td:nth-child(8), td:nth-child(11), td:nth-child(12) {{ white-space: nowrap; }}
@media print {{ thead th {{ position: static; }} body {{ margin: 0; }} }}
</style>
</head>
<body>
<h1>{escape(pl.title)}</h1>
<p>{escape(_as_of(pl))}</p>
<p class="definition">{escape(pl.definition)}</p>
<table><thead><tr>{head}</tr></thead>
<tbody>
{body}
</tbody></table>
<h2>{escape(gettext("Articles"))}</h2>
<ul>{legend}</ul>
</body>
</html>
"""


def _xlsx(pl: PeopleList) -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font

    book = Workbook()
    sheet = book.active
    sheet.title = pgettext("sheet", "People")
    sheet.append([pl.title])
    sheet["A1"].font = Font(bold=True, size=13)
    sheet.append([pl.definition])
    sheet["A2"].alignment = Alignment(wrap_text=False)
    sheet.append([])
    sheet.append((pgettext("people list column", "person id"),) + columns())
    for cell in sheet[4]:
        cell.font = Font(bold=True)
    for r in pl.people:
        sheet.append((r.id,) + r.cells())
    sheet.freeze_panes = "B5"
    for col, width in zip("ABCDEFGHIJKLM", (9, 26, 22, 18, 34, 13, 13, 36, 12, 22, 40, 14, 14), strict=True):
        sheet.column_dimensions[col].width = width
    articles = book.create_sheet(pgettext("sheet", "Articles"))
    articles.append([pgettext("people list column", "article"), pgettext("people list column", "title")])
    for a, t in pl.article_titles.items():
        articles.append([article_words(a), t])
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


# --- an editor's decisions --------------------------------------------------------------


def set_status(
    *,
    person: m.Person,
    status: str,
    since: dt.date,
    who: str,
    detail: str = "",
    until: dt.date | None = None,
    note: str = "",
) -> pm.PersonStatusOverride:
    """Record an editor's decision on a person's situation (``auto``: back to the entries)."""
    if status not in SITUATIONS + (pm.PersonStatusOverride.AUTO,):
        raise PublishError(f"unknown situation {status!r}; one of {', '.join(SITUATIONS)}, auto")
    if until is not None and until < since:
        raise PublishError(f"the end {until} comes before the start {since}")
    with transaction.atomic():
        row = pm.PersonStatusOverride.objects.create(
            person=person, person_name=person.name, status=status, detail=detail, since=since,
            until=until, note=note, who=who, at=timezone.now(),
        )
        new = {"status": status, "detail": detail, "since": since.isoformat(),
               "until": _iso(until) or None, "note": note}
        audit(who=who, action="set-status", obj=person, field="situation", new=new, why=note)
    return row


def recognize(
    *,
    person: m.Person,
    organisation: str,
    date: dt.date,
    who: str,
    criteria: str = "",
    source: str = "",
    note: str = "",
) -> pm.Recognition:
    """Record that ``organisation`` recognised the person (political prisoner, persecuted, ...)."""
    if not organisation.strip():
        raise PublishError("name the organisation that recognised the person (--by)")
    with transaction.atomic():
        row = pm.Recognition.objects.create(
            person=person, person_name=person.name, organisation=organisation.strip(), date=date,
            criteria=criteria, source=source, note=note, who=who, at=timezone.now(),
        )
        new = {"organisation": row.organisation, "date": date.isoformat(), "criteria": criteria, "source": source}
        audit(who=who, action="recognize", obj=person, field="recognition", new=new, why=note)
    return row


