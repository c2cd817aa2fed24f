"""The dashboard: figures over the current query, as SVG charts, tables and CSV."""

from __future__ import annotations

import csv
import io
from dataclasses import replace
from functools import cached_property

from django.http import Http404, HttpRequest, HttpResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_GET

from ..charts import Bar, Column, Segment, horizontal_bars, stacked_columns
from ..labels import type_colour
from ..params import BadQuery, SearchParams
from ..stats import FIGURES, Dashboard, Figure, dashboard, stacked_by_period, type_colours
from .common import bad_request, cached_page, page, with_params

__all__ = ["dashboard_csv", "dashboard_view"]

ENTRIES = "workspace:entries"


def _href(query: str) -> str:
    return reverse(ENTRIES) + ("?" + query if query else "")


def period_chart(fig: Figure, per: str) -> str:
    columns = [
        Column(
            label,
            tuple(
                Segment(r.keys[1], r.labels[1], r.value, type_colour(r.keys[1]), _href(r.query))
                for r in rows
            ),
        )
        for label, rows in stacked_by_period(fig, per)
    ]
    title = (
        _("Entries per month, by event type")
        if per == "month"
        else _("Entries per week, by event type")
    )
    return stacked_columns(columns, title=title, unit=entries_count, chart_id="chart-per-period")


def entries_count(n: int) -> str:
    return ngettext("%(n)s entry", "%(n)s entries", n) % {"n": n}


def bars_chart(fig: Figure, chart_id: str, title: str, limit: int = 20) -> str:
    if fig.key == "top_articles":
        bars = [Bar(r.labels[0], r.value, _href(r.query), r.labels[1]) for r in fig.rows[:limit]]
    elif fig.key == "refusals":
        bars = [
            Bar(f"{r.labels[0]} · {r.labels[1]}", r.value, _href(r.query)) for r in fig.rows[:limit]
        ]
    else:
        bars = [Bar(r.labels[0], r.value, _href(r.query)) for r in fig.rows[:limit]]
    return horizontal_bars(bars, title=title, unit=entries_count, chart_id=chart_id)


class Charts:
    """The dashboard's SVG charts, drawn only when the template asks for them: a page
    served from the fragment cache never draws them at all."""

    def __init__(self, d: Dashboard, params: SearchParams) -> None:
        self.d = d
        self.params = replace(params, extra=())

    @cached_property
    def period(self) -> str:
        fig = self.d.figures["per_period"]
        return period_chart(fig, self.d.per) if fig.rows else ""

    @cached_property
    def period_legend(self) -> list[tuple[str, str, str, str]]:
        """(type, label, colour, link to the entries of that type within the search)."""
        return [
            (code, label, colour, _href(self.params.with_value("type", code).urlencode()))
            for code, label, colour in type_colours(self.d.figures["per_period"])
        ]

    @cached_property
    def region(self) -> str:
        fig = self.d.figures["by_region"]
        return bars_chart(fig, "chart-region", _("Entries by region")) if fig.rows else ""

    @cached_property
    def articles(self) -> str:
        fig = self.d.figures["top_articles"]
        return bars_chart(fig, "chart-articles", _("Most cited articles")) if fig.rows else ""

    @cached_property
    def refusals(self) -> str:
        fig = self.d.figures["refusals"]
        return (
            bars_chart(fig, "chart-refusals", _("Assembly refusals by place and reason"))
            if fig.rows
            else ""
        )


@require_GET
@cached_page
@with_params("dashboard", extra=("per",))
def dashboard_view(request: HttpRequest, params: SearchParams) -> HttpResponse:
    per = dict(params.extra).get("per", "")
    if per not in ("", "week", "month"):
        return bad_request(request, BadQuery("per", "expected week or month"), section="dashboard")
    d = dashboard(params, request.user)
    figs = d.figures
    context = {
        "params": params,
        "d": d,
        "per": d.per,
        "charts": Charts(d, params),
        "figs": figs,
        "entries_word": _("Entries"),
        "headers": {
            "per_period": [_("Period"), _("Event type")],
            "by_region": [_("Region")],
            "top_articles": [_("Article"), _("Title")],
            "refusals": [_("Place"), _("Reason")],
        },
        "csv_query": params.urlencode(),
        "week_query": replace(params, extra=(("per", "week"),)).urlencode(),
        "month_query": replace(params, extra=(("per", "month"),)).urlencode(),
        "entries_href": _href(params.urlencode()),
    }
    return page(request, "workspace/dashboard.html", context, section="dashboard")


@require_GET
@with_params("dashboard", extra=("per",))
def dashboard_csv(request: HttpRequest, params: SearchParams, figure: str) -> HttpResponse:
    if figure not in FIGURES:
        raise Http404("no such figure")
    d = dashboard(params, request.user)
    fig = d.figures[figure]
    buf = io.StringIO()
    writer = csv.writer(buf)
    as_of = d.as_of.isoformat() if d.as_of else ""
    writer.writerow([*fig.columns, "counts", "as_of", "entries_url"])
    for r in fig.rows:
        keys = list(r.keys)
        if figure == "top_articles":
            keys = [*r.keys, r.labels[1]]
        values = [r.value, *r.extra]
        writer.writerow(
            [
                *keys,
                *values,
                fig.counts,
                as_of,
                request.build_absolute_uri(_href(r.query)) if r.query else "",
            ]
        )
    response = HttpResponse("\ufeff" + buf.getvalue(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="kuzet-{figure}.csv"'
    return response
