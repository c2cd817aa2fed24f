"""The entries page's cheaper first visit answers exactly as before: facet counts from
the matching rows read once (and, past ``ID_LIMIT``, from one statement that searches
again) equal counts made entry by entry from the ORM; a page of results picked from
those rows equals the SQL page; result rows read as plain values, the sidebar and the
result list written in Python are the markup the template wrote."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from typing import Any

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.cache import cache
from django.db.models import QuerySet
from django.template import Context, Template
from django.test import Client

from kuzet.store import models as m
from kuzet.workspace import facets as wf
from kuzet.workspace import queries
from kuzet.workspace.labels import type_colour, type_label
from kuzet.workspace.params import SearchParams
from kuzet.workspace.views import entries as ev

pytestmark = pytest.mark.db

PARAMS = [
    SearchParams(),
    SearchParams(q="journalists"),
    SearchParams(q="-journalists"),
    SearchParams(region=("Almaty Region",)),
    SearchParams(region=("Jetisu Region",), type=("assembly_refusal",)),
    SearchParams(type=("detention", "criminal_case")),
    SearchParams(date_from=dt.date(2024, 5, 1)),
    SearchParams(q="nothingmatchesthisword"),
    SearchParams(region=("Nowhere Region",)),
]

Key = tuple[str, str, str | None]


def _truth(qs: QuerySet[m.Entry], *, withhold: bool) -> dict[Key, int]:
    """Every facet value's count, entry by entry through the ORM."""
    entries = list(qs.values_list("pk", "date", "place_id", "review_status"))
    ids = [e[0] for e in entries]
    out: Counter[Key] = Counter()
    for _, _, place, status in entries:
        out["status", status, None] += 1
        if place is not None:
            out["place", str(place), None] += 1
    dates = [e[1] for e in entries if e[1] is not None]
    if entries:
        lo = min(dates).isoformat() if dates else ""
        hi = max(dates).isoformat() if dates else None
        out["span", lo, hi] = len(entries)
        out["undated", "", None] = len(entries) - len(dates)
    for _, type_id in set(m.EntryType.objects.filter(entry_id__in=ids).values_list("entry_id", "type_id")):
        out["type", type_id, None] += 1
    for _, code, article in set(
        m.LegalRef.objects.filter(entry_id__in=ids).values_list("entry_id", "code", "article")
    ):
        out["article", code, article] += 1
    mentions = m.PersonMention.objects.filter(entry_id__in=ids, person__isnull=False)
    if withhold:
        mentions = mentions.filter(confidential=False)
    for _, pid, name in set(mentions.values_list("entry_id", "person_id", "person__name")):
        out["person", str(pid), name] += 1
    for _, domain in set(
        m.Citation.objects.filter(entry_id__in=ids).values_list("entry_id", "source__domain")
    ):
        out["domain", domain, None] += 1
    for _, kind in set(m.Sanction.objects.filter(entry_id__in=ids).values_list("entry_id", "kind")):
        out["sanction", kind, None] += 1
    return dict(out)


def _counts(rows: list[wf.FacetRow]) -> dict[Key, int]:
    counts = {(r.facet, r.key, r.extra): r.count for r in rows}
    assert len(counts) == len(rows), "a facet value came twice"
    return counts


def _undate_one() -> None:
    """The record's entries all have a date: make one undated, to be counted as such."""
    m.Entry.objects.filter(pk=m.Entry.objects.order_by("id").values("pk")[:1]).update(date=None)


def _qs(p: SearchParams) -> QuerySet[m.Entry]:
    return queries.matching_entries(p, AnonymousUser())


@pytest.mark.parametrize("withhold", [False, True])
@pytest.mark.parametrize("p", PARAMS, ids=lambda p: p.urlencode() or "everything")
def test_both_ways_of_counting_equal_the_orms_counts(
    record: None, p: SearchParams, withhold: bool
) -> None:
    _undate_one()
    qs = _qs(p)
    truth = _truth(qs, withhold=withhold)
    matches = wf.match_rows(qs)
    assert matches is not None and len(matches) == len(set(qs.values_list("pk", flat=True)))
    read = wf.entry_facet_rows(matches, 1000) + wf.person_facet_rows(
        [r.id for r in matches], 1000, withhold=withhold
    ) if matches else []
    assert _counts(read) == truth, p
    # The other way: the database searches and counts in one statement.
    searched = wf.facet_rows(qs, 1000, withhold=withhold)
    if not matches:
        assert all(r.count == 0 for r in searched), p
    else:
        assert _counts(searched) == truth, p


def test_the_compared_searches_count_something(record: None) -> None:
    """The comparison above is not between empty answers: some searches match several
    entries with types, places, articles, persons, sources and sanctions."""
    facets = {k[0] for p in PARAMS for k in _truth(_qs(p), withhold=False)}
    assert {"type", "place", "article", "person", "domain", "sanction", "status"} <= facets


@pytest.mark.parametrize("limit", [1, 2, 3])
def test_each_facet_keeps_its_largest_values_in_a_fixed_order(record: None, limit: int) -> None:
    qs = _qs(SearchParams())
    matches = wf.match_rows(qs) or []
    ids = [r.id for r in matches]

    def read(limit: int) -> list[wf.FacetRow]:
        return wf.entry_facet_rows(matches, limit) + wf.person_facet_rows(ids, limit)

    every_row = read(1000)
    for rows in (read(limit), wf.facet_rows(qs, limit)):
        for facet in ("article", "person", "domain"):
            got = [(r.key, r.extra, r.count) for r in rows if r.facet == facet]
            every = {(r.key, r.extra): r.count for r in every_row if r.facet == facet}
            best = sorted(every.items(), key=lambda kv: (-kv[1], kv[0][0]))[:limit]
            assert [c for _, _, c in got] == [c for _, c in best], facet
            assert [k for k, _, _ in got] == [k for (k, _), _ in best], facet
            assert len(got) == min(limit, len(every)), facet


def test_too_many_matches_are_counted_by_the_database(
    record: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    p = SearchParams()
    qs = _qs(p)
    read, matches = queries.search_facets(qs, p)
    assert matches is not None and len(matches) > 2
    monkeypatch.setattr(wf, "ID_LIMIT", 2)
    counted, none = queries.search_facets(qs, p)
    assert none is None and counted == read


@pytest.mark.parametrize("sort", ["-date", "date"])
def test_a_page_picked_from_the_matches_is_the_sql_page(record: None, sort: str) -> None:
    qs = _qs(SearchParams())
    # An undated entry, to see where it goes.
    undated = qs.order_by("id").first()
    assert undated is not None
    m.Entry.objects.filter(pk=undated.pk).update(date=None)
    matches = wf.match_rows(qs)
    assert matches is not None
    every = list(queries.ordered(qs, sort).values_list("pk", flat=True))
    dated = sum(1 for r in matches if r.date is not None)
    assert 0 < dated < len(every) and every.index(undated.pk) >= dated  # undated last
    for offset in range(0, len(every) + 2, 3):
        assert queries.date_page(matches, sort, offset, 3) == every[offset : offset + 3]
    assert queries.date_page(matches, "place", 0, 3) is None


def test_listed_entries_carry_what_model_instances_do(record: None) -> None:
    rows = ev.listing(m.Entry.objects.order_by("id"))
    entries = list(m.Entry.objects.select_related("document", "place__region").order_by("id"))
    assert len(rows) == len(entries) > 0
    # The same rows read by id, as a page picked from the matches is.
    by_id = ev.listed_by_id([r.pk for r in reversed(rows)])
    assert sorted(by_id, key=lambda r: r.pk) == rows
    for row, e in zip(rows, entries, strict=True):
        region = e.place.region if e.place else None
        assert (row.pk, row.n, row.text, row.date, row.date_precision, row.review_status) == (
            e.pk, e.n, e.text, e.date, e.date_precision, e.review_status,
        )
        assert row.document.key == e.document.key
        assert (row.place.name if row.place else None) == (e.place.name if e.place else None)
        assert (row.place.region.name if row.place and row.place.region else None) == (
            region.name if region else None
        )
        assert (row.date_start, row.date_end, row.place_start, row.place_end) == (
            e.date_start, e.date_end, e.place_start, e.place_end,
        )
        stored = list(e.types.values_list("type_id", flat=True))
        # PostgreSQL reads the types with the row; SQLite leaves them to result_rows.
        assert row.types is None or list(row.types) == stored, e.pk
        (shown,) = ev.result_rows([row], [])
        assert shown.types == tuple((type_label(t), type_colour(t)) for t in dict.fromkeys(stored))


URLS = [
    "/",
    "/?q=journalists",
    "/?region=Almaty+Region",
    "/?region=Jetisu+Region&type=assembly_refusal",
    "/?sort=date",
    "/?sort=place",
    "/?sort=-doc&q=court",
    "/?page=2",
    "/?page=3&sort=date",
    "/?page=9",
    "/?q=nothingmatchesthisword",
]


def test_pages_read_from_the_matches_equal_pages_read_by_sql(
    record: None, client: Client, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(ev, "PAGE_SIZE", 4)
    _undate_one()
    cheap = {}
    for url in URLS:
        cache.clear()
        response = client.get(url)
        assert response.status_code == 200, url
        cheap[url] = response.content
    # Every search counted by the database and every page read by SQL.
    monkeypatch.setattr(wf, "ID_LIMIT", 0)
    for url in URLS:
        cache.clear()
        assert client.get(url).content == cheap[url], url


# The template loops the sidebar and the result list replaced, as they were.
SIDEBAR = """{% load i18n humanize %}
  <aside class="facets" aria-label="{% translate 'Narrow the results' %}">
   <details class="facet-panel" open>
    <summary class="facet-panel__toggle">{% translate "Narrow the results" %}{% if chips %} ({{ chips|length }}){% endif %}</summary>
    {% if facets.date_min %}
      <p class="muted">{% blocktranslate with lo=facets.date_min|date:"DATE_FORMAT" hi=facets.date_max|date:"DATE_FORMAT" %}Dates: {{ lo }} – {{ hi }}{% endblocktranslate %}
      {% if facets.undated %}<br>{% blocktranslate count n=facets.undated %}{{ n }} entry undated{% plural %}{{ n }} entries undated{% endblocktranslate %}{% endif %}</p>
    {% endif %}
    {% for g in groups %}
      <details {% if g.open %}open{% endif %} data-facet="{{ g.name }}">
        <summary>{{ g.label }}</summary>
        <ul class="facet-list">
          {% for l in g.links %}
            <li class="{% if l.selected %}is-selected{% endif %}">
              <a href="{{ l.url }}" {% if l.selected %}aria-current="true" title="{% translate 'Remove this filter' %}"{% endif %}>{{ l.label }}</a>
              <span class="count">{{ l.count|intcomma }}</span>
            </li>
          {% endfor %}
        </ul>
      </details>
    {% endfor %}
   </details>
  </aside>
  """
RESULTS = """{% load i18n kuzet %}{% translate 'Event types' as types_word %}{% for r in results %}{% with e=r.entry %}<li class="result">
          <div class="result__meta"><strong>{{ e|entry_date }}</strong>{% if e.place %}<span>{{ e.place.name }}{% if e.place.region %}, {{ e.place.region.name }}{% endif %}</span>{% endif %}<span><a href="{{ r.document_url }}">{{ e.document.key }}</a> #{{ e.n }}</span>{% if e.review_status != "draft" %}<span class="badge badge--status">{{ e.review_status|status_label }}</span>{% endif %}</div>
          <p class="result__text"><a href="{{ r.url }}">{{ r.text }}</a></p>
          {% if r.types %}<ul class="badges" aria-label="{{ types_word }}">{% for label, colour in r.types %}<li><span class="badge" style="background:{{ colour }}">{{ label }}</span></li>{% endfor %}</ul>{% endif %}
        </li>{% endwith %}{% endfor %}"""


def _sidebar_params() -> list[SearchParams]:
    return [
        *PARAMS,
        SearchParams(person=("1",), status=("published",)),
        SearchParams(q='"a <phrase>" & more', region=("Almaty Region",)),
    ]


@pytest.mark.parametrize("language", ["en", "ru"])
def test_the_sidebar_and_results_are_the_markup_the_template_wrote(
    record: None, language: str
) -> None:
    from django.utils import translation

    # An undated entry and a document key that needs escaping.
    _undate_one()
    m.Document.objects.filter(pk=m.Document.objects.order_by("id").values("pk")[:1]).update(
        key="2024-04 <draft> & \"x\""
    )
    with translation.override(language):
        for p in _sidebar_params():
            qs = _qs(p)
            facets = queries.facet_counts(qs, p)
            groups = ev.facet_groups(facets, p)
            chips = ev.active_filters(p, {})
            context: dict[str, Any] = {"facets": facets, "groups": groups, "chips": chips}
            assert ev.sidebar_html(facets, groups, len(chips)) == Template(SIDEBAR).render(
                Context(context)
            ), p
            rows = ev.result_rows(ev.listing(queries.ordered(qs, "-date")), ["court", "<b>"])
            assert ev.result_items(rows) == Template(RESULTS).render(
                Context({"results": rows})
            ), p


def test_a_name_withheld_from_the_visitor_is_withheld_in_the_result_list(
    record: None, client: Client
) -> None:
    from django.utils import timezone

    from kuzet.publish.redact import placeholder

    mention = (
        m.PersonMention.objects.exclude(person=None).exclude(text="").order_by("id").first()
    )
    assert mention is not None
    url = f"/entries/{mention.entry_id}/"

    def shown() -> str:
        cache.clear()
        queries.forget_data_version()
        html = client.get("/").content.decode()
        item = html[html.index(f'<a href="{url}">') :]
        return item[: item.index("</a>")]

    assert mention.text in shown()
    # Made confidential by a correction, which stamps the entry.
    m.PersonMention.objects.filter(pk=mention.pk).update(confidential=True)
    m.Entry.objects.filter(pk=mention.entry_id).update(updated_at=timezone.now())
    text = shown()
    assert mention.text not in text and placeholder() in text
