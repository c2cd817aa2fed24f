"""The dashboard's figures, computed once per query and data version.

Every figure says what it counts (entries, sanctions, persons) and is backed by rows
that link to the entries behind them; the same rows make the CSV downloads and the
API's ``/api/stats``. Figures are computed over the entries matching the current query
(the whole visible record when there is none).
"""

from __future__ import annotations

import datetime as dt
from collections import Counter, defaultdict
from dataclasses import dataclass, replace

from django.db.models import Count, QuerySet, Sum
from django.db.models.functions import Coalesce, TruncMonth, TruncWeek

from ..store import models as m
from ..store.stats import load_refusal_reasons
from .labels import code_label, reason_label, sanction_label, type_colour, type_label
from .params import SearchParams
from .queries import (
    DataVersion,
    cache_key,
    data_version,
    matching_entries,
    once,
    shared_get,
    shared_set,
)

__all__ = ["FIGURES", "Dashboard", "Figure", "Row", "dashboard", "period_of"]

FIGURES = ("per_period", "by_region", "top_articles", "refusals", "sanctions")
ASSEMBLY_REFUSAL = "assembly_refusal"
CACHE_SECONDS = 3600


@dataclass(frozen=True, slots=True)
class Row:
    """One number of a figure, with the entry query that shows where it came from."""

    keys: tuple[str, ...]  # what the number is for: ("2024-03", "detention")
    labels: tuple[str, ...]  # the same, for people
    value: int
    query: str  # entries-page query string for the entries behind it ("" if none)
    extra: tuple[int | None, ...] = ()  # further numbers (days, tenge)


@dataclass(frozen=True, slots=True)
class Figure:
    key: str
    counts: str  # "entries", "sanctions", "persons"
    columns: tuple[str, ...]  # CSV header: key columns, then value columns
    rows: tuple[Row, ...]


@dataclass(frozen=True, slots=True)
class Dashboard:
    as_of: dt.datetime | None
    total_entries: int
    per: str  # "month" or "week"
    figures: dict[str, Figure]
    key: str  # the cache key: also keys the rendered page fragments


def period_of(day: dt.date, per: str) -> tuple[dt.date, dt.date]:
    """The month or ISO week containing ``day``: first and last day."""
    if per == "week":
        start = day - dt.timedelta(days=day.weekday())
        return start, start + dt.timedelta(days=6)
    start = day.replace(day=1)
    nxt = (start + dt.timedelta(days=32)).replace(day=1)
    return start, nxt - dt.timedelta(days=1)


def _as_date(value: dt.date | dt.datetime) -> dt.date:
    return value.date() if isinstance(value, dt.datetime) else value


def _q(p: SearchParams, **changes: object) -> str:
    """The entries-page query for ``p`` narrowed further."""
    q = p
    for name, value in changes.items():
        q = q.with_value(name, str(value))
    return replace(q, extra=()).urlencode()


def choose_per(p: SearchParams, qs: QuerySet[m.Entry]) -> str:
    asked = dict(p.extra).get("per")
    if asked in ("week", "month"):
        return asked
    span = qs.order_by().aggregate(lo=m.models.Min("date"), hi=m.models.Max("date"))
    if span["lo"] and span["hi"] and (span["hi"] - span["lo"]).days <= 120:
        return "week"
    return "month"


def per_period(qs: QuerySet[m.Entry], p: SearchParams, per: str) -> Figure:
    trunc = TruncWeek if per == "week" else TruncMonth
    rows = (
        m.EntryType.objects.filter(entry_id__in=qs.order_by().values("pk"))
        .exclude(entry__date=None)
        .annotate(period=trunc("entry__date"))
        .values("period", "type_id")
        .annotate(n=Count("entry_id", distinct=True))
        .order_by("period", "type_id")
    )
    out = []
    for r in rows:
        start, end = period_of(_as_date(r["period"]), per)
        label = _period_label(start, per)
        out.append(
            Row(
                (label, r["type_id"]),
                (label, type_label(r["type_id"])),
                r["n"],
                _q(
                    p,
                    date_from=max(start, p.date_from or start),
                    date_to=min(end, p.date_to or end),
                    type=r["type_id"],
                ),
            )
        )
    return Figure("per_period", "entries", ("period", "type", "entries"), tuple(out))


def by_region(qs: QuerySet[m.Entry], p: SearchParams) -> Figure:
    rows = (
        qs.order_by()
        .exclude(place=None)
        .exclude(place__kind="country")
        .annotate(top=Coalesce("place__region__name", "place__name"))
        .values("top")
        .annotate(n=Count("pk"))
        .order_by("-n", "top")
    )
    out = tuple(Row((r["top"],), (r["top"],), r["n"], _q(p, region=r["top"])) for r in rows)
    return Figure("by_region", "entries", ("region", "entries"), out)


def top_articles(qs: QuerySet[m.Entry], p: SearchParams, limit: int = 15) -> Figure:
    from .articles import article_title

    rows = (
        m.LegalRef.objects.filter(entry_id__in=qs.order_by().values("pk"))
        .values("code", "article")
        .annotate(n=Count("entry_id", distinct=True))
        .order_by("-n", "code", "article")[:limit]
    )
    out = []
    for r in rows:
        ref = f"{r['code']} {r['article']}"
        title = article_title(r["code"], r["article"]) or ""
        shown = f"{code_label(r['code'])} {r['article']}"  # УК 174 in Russian; the query keeps CC
        out.append(Row((r["code"], r["article"]), (shown, title), r["n"], _q(p, article=ref)))
    return Figure("top_articles", "entries", ("code", "article", "title", "entries"), tuple(out))


def refusals(qs: QuerySet[m.Entry], p: SearchParams) -> Figure:
    """Assembly refusals by place and stated reason, read by the store's reason rules
    (the same as ``kuzet stats``); an entry stating two reasons counts under each."""
    reasons = load_refusal_reasons()
    refused = (
        qs.order_by()
        .filter(pk__in=m.EntryType.objects.filter(type_id=ASSEMBLY_REFUSAL).values("entry_id"))
        .values_list("text", "place__name")
    )
    counts: Counter[tuple[str, str]] = Counter()
    for text, place in refused.iterator(chunk_size=2000):
        for reason in reasons.classify(text):
            counts[(place or "", reason)] += 1
    out = []
    for (place, reason), n in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0])):
        query = _q(p, type=ASSEMBLY_REFUSAL, **({"place": place} if place else {}))
        out.append(
            Row(
                (place, reason),
                (place or "—", reason_label(reason, reasons.label(reason))),
                n,
                query,
            )
        )
    return Figure("refusals", "entries", ("place", "reason", "entries"), tuple(out))


def sanctions(qs: QuerySet[m.Entry], p: SearchParams) -> Figure:
    rows = (
        m.Sanction.objects.filter(entry_id__in=qs.order_by().values("pk"))
        .values("kind", "status")
        .annotate(
            n=Count("pk"),
            persons=Count("mention__person", distinct=True),
            days=Sum("days"),
            amount=Sum("amount_kzt"),
        )
        .order_by("kind", "status")
    )
    out = []
    for r in rows:
        out.append(
            Row(
                (r["kind"], r["status"]),
                (sanction_label(r["kind"]), r["status"]),
                r["n"],
                _q(p, sanction=r["kind"]),
                (r["persons"], r["days"], r["amount"]),
            )
        )
    return Figure(
        "sanctions",
        "sanctions",
        ("kind", "status", "sanctions", "persons", "total_days", "total_kzt"),
        tuple(out),
    )


def dashboard(p: SearchParams, user: object) -> Dashboard:
    """Every figure for the entries matching ``p``; cached until the record changes."""
    version = data_version()
    key = cache_key("dashboard", p, user)  # p.extra (the "per" choice) is part of the query
    hit = shared_get(key)
    if hit is not None:
        return hit  # type: ignore[return-value]
    # One thread computes, the others of this process wait for its result: the whole
    # record's figures take a second or more, and computing them twenty times at once
    # would take twenty times as long for everyone. The other processes of the
    # server find them in the shared cache.
    with once(key):
        hit = shared_get(key)
        if hit is not None:
            return hit  # type: ignore[return-value]
        return _compute(p, user, version, key)


def _compute(p: SearchParams, user: object, version: DataVersion, key: str) -> Dashboard:
    qs = matching_entries(p, user)
    per = choose_per(p, qs)
    figures = {
        "per_period": per_period(qs, p, per),
        "by_region": by_region(qs, p),
        "top_articles": top_articles(qs, p),
        "refusals": refusals(qs, p),
        "sanctions": sanctions(qs, p),
    }
    result = Dashboard(version.as_of, qs.order_by().count(), per, figures, key)
    shared_set(key, result)
    return result


MAX_COLUMNS = 400


def stacked_by_period(fig: Figure, per: str) -> list[tuple[str, list[Row]]]:
    """Rows grouped into columns by period, in time order, with empty columns for the
    periods between that have no entries (a gap in time must look like one)."""
    groups: dict[str, list[Row]] = defaultdict(list)
    for row in fig.rows:
        groups[row.keys[0]].append(row)
    if not groups:
        return []
    labels = sorted(groups)
    day = _label_day(labels[0], per)
    last = _label_day(labels[-1], per)
    while day < last and len(groups) < MAX_COLUMNS:
        groups.setdefault(_period_label(day, per), [])
        day = period_of(day, per)[1] + dt.timedelta(days=1)
    return sorted(groups.items())


def _period_label(start: dt.date, per: str) -> str:
    return start.strftime("%Y-%m") if per == "month" else start.isoformat()


def _label_day(label: str, per: str) -> dt.date:
    return dt.date.fromisoformat(label + "-01" if per == "month" else label)


def type_colours(fig: Figure) -> list[tuple[str, str, str]]:
    """(type, label, colour) of the types in a per-period figure, most frequent first."""
    totals: Counter[str] = Counter()
    for row in fig.rows:
        totals[row.keys[1]] += row.value
    return [(t, type_label(t), type_colour(t)) for t, _ in totals.most_common()]
