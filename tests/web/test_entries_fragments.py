"""The entries page's cheaper pieces write what they replaced, byte for byte.

- ``{% memo %}`` (layout and page pieces written once per language) renders what its
  content renders, slots filled and escaped; whole pages are the same with it and
  without it, for anonymous visitors and editors, in English and Russian;
- the header's menu with a search carried over (a stand-in replaced by the query);
- the hidden inputs, the active filters, the page links: Python instead of template
  loops, compared with the loops as they were;
- the facet and chip links from pre-encoded parameters (``QueryLinks``) equal
  ``with_value`` / ``without`` + ``urlencode``;
- snippets read only as far as their window, equal to the snippet that read every word;
- the entry dates of a result list, formats looked up once, equal ``entry_date``;
- the entries with a withheld name looked up once per request, on every request.
"""

from __future__ import annotations

import datetime as dt
import random
import re
from typing import Any

import pytest
from django.core.cache import cache
from django.db import connection
from django.template import engines
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import formats, translation
from django.utils.html import escape
from django.utils.safestring import mark_safe

from kuzet.store import models as m
from kuzet.workspace import highlight, redaction
from kuzet.workspace.params import FACET_PARAMS, BadQuery, QueryLinks, SearchParams
from kuzet.workspace.queries import forget_data_version
from kuzet.workspace.templatetags import kuzet as tags
from kuzet.workspace.views import entries as ev

pytestmark = pytest.mark.db

LANGUAGES = ("en", "ru")
ODD = 'a <b> & "c" \'d\''  # a value that needs escaping


def render(source: str, context: dict[str, Any]) -> str:
    return engines["django"].from_string(source).render(context)


# --- {% memo %} ------------------------------------------------------------------------

MEMO_BODY = (
    "{% load i18n %}<p title=\"{% translate 'Entries' %}\">{{ key }}|"
    "<a href=\"/x?{{ q }}\">{% translate 'Search' %}</a><a href=\"/y?{{ q }}\">{{ other }}</a></p>"
)


@pytest.mark.parametrize("language", LANGUAGES)
def test_memo_writes_what_its_content_renders(language: str) -> None:
    memo = "{% load kuzet %}{% memo 'test' key with q other %}" + MEMO_BODY + "{% endmemo %}"
    with translation.override(language):
        for key in ("one", "two", "one"):
            for q in ("", "q=court&region=Almaty", ODD, "kuzetmemoslot1x", "kuzetmemoslot0x"):
                for other in ("", ODD, 3):
                    context = {"key": key, "q": q, "other": other}
                    assert render(memo, context) == render(MEMO_BODY, context), context


def test_memo_keeps_languages_and_keys_apart() -> None:
    memo = "{% load kuzet i18n %}{% memo 'apart' key %}{% translate 'Search' %} {{ key }}{% endmemo %}"
    with translation.override("en"):
        assert render(memo, {"key": "a"}) == "Search a"
        assert render(memo, {"key": "b"}) == "Search b"
    with translation.override("ru"):
        russian = render(memo, {"key": "a"})
    assert russian != "Search a" and russian.endswith(" a")


def test_memo_with_a_value_that_cannot_key_it_renders_every_time() -> None:
    memo = "{% load kuzet %}{% memo 'list' items %}{{ items|length }}{% endmemo %}"
    assert render(memo, {"items": [1, 2]}) == "2"
    assert render(memo, {"items": [1, 2, 3]}) == "3"


@pytest.mark.parametrize(
    "source",
    ["{% load kuzet %}{% memo %}x{% endmemo %}", "{% load kuzet %}{% memo name %}x{% endmemo %}",
     "{% load kuzet %}{% memo 'n' with %}x{% endmemo %}", "{% load kuzet %}{% memo 'n' with a.b %}x{% endmemo %}"],
)
def test_a_memo_without_a_quoted_name_or_with_bad_slots_is_refused(source: str) -> None:
    from django.template import TemplateSyntaxError

    with pytest.raises(TemplateSyntaxError):
        render(source, {})


@pytest.fixture
def editor(db: None, settings: Any) -> object:
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    from kuzet.accounts.services import create_user

    return create_user("memo-redaktor", "editor", who="test")[0]


PAGES = [
    "/",
    "/?q=journalists",
    "/?q=nothingmatchesthisword&region=Almaty+Region",
    "/?region=Jetisu+Region&type=assembly_refusal&sort=place",
    "/?page=2",
    "/?q=%3Cb%3E+%26+%22x%22&status=published",
    "/?q=court&date_from=2024-04&date_to=2024-05-31&sort=date",
    "/persons/",
    "/places/",
    "/documents/",
    "/nowhere/",
]


def test_pages_are_the_same_with_and_without_memo(
    record: None, editor: object, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Small pages, so that the record has several pages of results.
    monkeypatch.setattr(ev, "PAGE_SIZE", 3)
    anonymous, logged_in = Client(), Client()
    logged_in.force_login(editor)  # type: ignore[arg-type]

    def pages() -> dict[tuple[str, str, str], bytes]:
        out = {}
        for language in ("en", "ru", "en"):
            for who, client in (("anonymous", anonymous), ("editor", logged_in)):
                for url in PAGES:
                    cache.clear()
                    response = client.get(url, HTTP_ACCEPT_LANGUAGE=language)
                    body = re.sub(rb'name="csrfmiddlewaretoken" value="[^"]*"', b"", response.content)
                    out[language, who, url] = body
        return out

    tags._MEMOS.clear()
    remembered = pages()  # the first renders fill the memory, the later ones read it
    monkeypatch.setattr(tags.MemoNode, "render", lambda self, context: self.nodelist.render(context))
    assert pages() == remembered
    assert any(b'aria-current="page"' in body for body in remembered.values())


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("query", ["q=court&region=Almaty", ODD, "kuzetquerystringslot"])
def test_the_menu_with_a_search_is_what_the_template_wrote(language: str, query: str) -> None:
    from test_layout_links import PLAIN_MENU

    for section in ("entries", "map", "dashboard"):
        context = {"section": section, "query_string": query}
        with translation.override(language):
            for _ in range(2):
                assert render("{% load kuzet %}{% site_nav %}", context) == render(PLAIN_MENU, context)


# --- the page's loops, written in Python ------------------------------------------------

HIDDEN = """{% for k, v in pairs %}<input type="hidden" name="{{ k }}" value="{{ v }}">{% endfor %}"""
SORT_HIDDEN = """{% for k, v in params.items %}{% if k != "sort" %}<input type="hidden" name="{{ k }}" value="{{ v }}">{% endif %}{% endfor %}"""
CHIPS = """{% load i18n %}{% for c in chips %}<li><a class="chip" href="{{ c.url }}">{{ c.label }} <span class="chip__x" aria-label="{% translate 'remove' %}">×</span></a></li>{% endfor %}"""
PAGER = """{% load i18n %}
      <nav aria-label="{% translate 'Pages' %}">
        <ul class="pagination">
          {% if prev_url %}<li><a href="{{ prev_url }}" rel="prev">{% translate "‹ Previous" %}</a></li>{% endif %}
          {% for n, url in page_links %}
            {% if n %}<li><a href="{{ url }}"{% if n == page_number %} aria-current="page"{% endif %}>{{ n }}</a></li>{% else %}<li><span aria-hidden="true">…</span></li>{% endif %}
          {% endfor %}
          {% if next_url %}<li><a href="{{ next_url }}" rel="next">{% translate "Next ›" %}</a></li>{% endif %}
        </ul>
      </nav>
    """
SEARCHES = [
    SearchParams(),
    SearchParams(q=ODD, region=("Almaty Region",), type=("detention", "protest"), sort="place"),
    SearchParams(
        date_from=dt.date(2024, 1, 1), date_to=dt.date(2024, 3, 31), person=("7",),
        article=("CAO 488",), status=("published", "draft"), document=("2024-03",),
        extra=(("per", "week"),),
    ),
    SearchParams(domain=("example.kz",), sanction=("fine",), place=(ODD,), sort="-doc"),
]


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("params", SEARCHES, ids=lambda p: p.urlencode() or "nothing")
def test_hidden_inputs_and_chips_are_the_markup_the_loops_wrote(
    language: str, params: SearchParams
) -> None:
    with translation.override(language):
        pairs = [(k, v) for k, v in params.items() if k not in ("q", "date_from", "date_to", "sort")]
        assert ev.hidden_inputs(pairs) == render(HIDDEN, {"pairs": pairs})
        assert ev.hidden_inputs([(k, v) for k, v in params.items() if k != "sort"]) == render(
            SORT_HIDDEN, {"params": params}
        )
        chips = ev.active_filters(params, {("person", "7"): ODD})
        assert len(chips) == len(params.items(with_sort=False)) - len(params.extra)
        assert ev.chip_items(chips) == render(CHIPS, {"chips": chips})


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("current,last", [(1, 2), (2, 3), (5, 9), (9, 9), (1, 1200), (1100, 1200)])
def test_the_page_links_are_the_markup_the_loop_wrote(language: str, current: int, last: int) -> None:
    from dataclasses import replace

    params = replace(SEARCHES[1], page=current)
    links = ev._page_links(params, current, last)
    prev_url = f"?{replace(params, page=current - 1).urlencode(with_page=True)}" if current > 1 else ""
    next_url = f"?{replace(params, page=current + 1).urlencode(with_page=True)}" if current < last else ""
    context = {"prev_url": prev_url, "next_url": next_url, "page_links": links, "page_number": current}
    with translation.override(language):
        assert ev.pager(prev_url, links, current, next_url) == render(PAGER, context)


@pytest.mark.parametrize("params", SEARCHES, ids=lambda p: p.urlencode() or "nothing")
def test_facet_links_from_encoded_parameters_equal_urlencode(params: SearchParams) -> None:
    links = QueryLinks(params)
    values = ["Almaty", ODD, "published", "detention", "CC 174", "CAO 488", "405", "7", "2024-03"]
    for name in FACET_PARAMS:
        for value in [*values, *getattr(params, name)]:
            try:
                added = params.with_value(name, value).urlencode()
            except BadQuery as exc:  # a value the parameter refuses: refused alike
                with pytest.raises(type(exc)):
                    links.with_value(name, value)
                continue
            assert links.with_value(name, value) == added, (name, value)
            assert links.without(name, value) == params.without(name, value).urlencode(), (name, value)
        assert links.without(name) == params.without(name).urlencode(), name
    for name in ("q", "date_from", "date_to"):
        assert links.without(name) == params.without(name).urlencode(), name


# --- snippets and dates -------------------------------------------------------------------


def old_snippet(text: str, terms: list[str], words: int = 32) -> str:
    """The snippet as it was written before, reading every word of the text."""
    clean = highlight.FOOTNOTE_RE.sub("", text)
    pattern = highlight._term_pattern(terms)
    tokens = list(re.finditer(r"\S+", clean))
    if not tokens:
        return mark_safe("")
    first = pattern.search(clean) if pattern else None
    start_tok = 0
    if first is not None:
        hit = next(i for i, t in enumerate(tokens) if t.end() > first.start())
        if hit >= words - 4:
            start_tok = max(0, hit - 8)
    end_tok = min(len(tokens), start_tok + words)
    a, b = tokens[start_tok].start(), tokens[end_tok - 1].end()
    window = clean[a:b]
    if pattern is None:
        body = str(escape(window))
    else:
        out, pos = [], 0
        for mt in pattern.finditer(window):
            out.append(str(escape(window[pos : mt.start()])))
            out.append(f"<mark>{escape(mt.group(0))}</mark>")
            pos = mt.end()
        out.append(str(escape(window[pos:])))
        body = "".join(out)
    lead = "… " if start_tok > 0 else ""
    tail = " …" if end_tok < len(tokens) else ""
    return mark_safe(f"{lead}{body}{tail}")


WORDS = ["court", "Courts", "detained", "(court)", "a&b", "<i>", "Testova", "A.", "—", "x[3]",
         "hunger-strike", "Алматы", "суд", "«court»", "o'court"]
SPACES = [" ", "  ", "\n", "\t", "\u00a0", " [12] ", "[4]"]


def _texts(n: int) -> list[str]:
    rng = random.Random(5)
    texts = ["", "   ", "[1][2]", "court", " court ", "[1] court"]
    for _ in range(n):
        size = rng.choice([1, 5, 27, 28, 29, 31, 32, 33, 36, 40, 41, 60, 120])
        texts.append(
            rng.choice(["", " "]) + "".join(rng.choice(WORDS) + rng.choice(SPACES) for _ in range(size))
        )
    # The first match around where the window moves, inside a word ("(court)") or not.
    for k in range(40):
        for word in ("(court)", "court", "«суд»", "x<i>"):
            texts.append(" ".join(["alpha"] * k + [word] + ["beta"] * 40))
            texts.append(" ".join(["alpha"] * k + [word]))
    # The first match far into the text.
    filler = ["alpha", "beta", "гамма", "x[3]", "—", "(a)", "b&c"]
    for _ in range(n // 2):
        words = [rng.choice(filler) for _ in range(rng.choice([30, 40, 70]))]
        words.insert(rng.randrange(len(words) + 1), rng.choice(WORDS))
        texts.append("".join(w + rng.choice(SPACES) for w in words))
    return texts


@pytest.mark.parametrize(
    "terms",
    [[], ["court"], ["Court", "detained"], ["суд"], ["a"], ["hunger-strike", "o'court"], ["<i>", "&"],
     [" court"], [""]],
)
@pytest.mark.parametrize("words", [32, 10, 5])
def test_snippets_equal_the_snippet_that_read_every_word(terms: list[str], words: int) -> None:
    texts = _texts(300)
    new = highlight.snippets(texts, terms, words)
    for text, got in zip(texts, new, strict=True):
        assert got == old_snippet(text, terms, words), (text, terms)
        assert highlight.snippet(text, terms, words) == got


@pytest.mark.parametrize("language", LANGUAGES)
def test_entry_dates_of_a_list_equal_entry_date(language: str) -> None:
    class E:
        def __init__(self, date: dt.date | None, precision: str) -> None:
            self.date, self.date_precision = date, precision

    days = [dt.date(2024, 1, 1), dt.date(2023, 9, 30), dt.date(1999, 12, 5), None]
    with translation.override(language):
        shown = tags.entry_dates()
        for day in days:
            for precision in ("day", "month", "year"):
                e = E(day, precision)
                expected = (
                    tags._("undated") if day is None
                    else formats.date_format(day, "YEAR_MONTH_FORMAT") if precision == "month"
                    else str(day.year) if precision == "year"
                    else formats.date_format(day, "DATE_FORMAT")
                )
                assert shown(e) == tags.entry_date(e) == expected, (day, precision)


# --- entries with a withheld name: once per request, on every request -------------------


def test_entries_with_a_withheld_name_are_looked_up_once_per_request(record: None) -> None:
    from django.utils import timezone

    with CaptureQueriesContext(connection) as outside:
        first = redaction.entries_with_withheld_names()
        assert redaction.entries_with_withheld_names() == first
    assert len(outside) >= 2  # every call outside a request asks
    with redaction.one_look_per_request(), CaptureQueriesContext(connection) as inside:
        assert redaction.entries_with_withheld_names() == first
        assert redaction.entries_with_withheld_names() == first
    assert len(inside) == 1
    # The next request sees a name made confidential since (never a stale answer).
    mention = m.PersonMention.objects.exclude(entry_id__in=first).order_by("id").first()
    assert mention is not None
    m.PersonMention.objects.filter(pk=mention.pk).update(confidential=True)
    m.Entry.objects.filter(pk=mention.entry_id).update(updated_at=timezone.now())
    with redaction.one_look_per_request():
        assert mention.entry_id in redaction.entries_with_withheld_names()


def test_a_search_page_asks_once_which_entries_carry_a_withheld_name(
    record: None, client: Client
) -> None:
    asked = []
    real = redaction._entries_stamp
    import unittest.mock

    with unittest.mock.patch.object(redaction, "_entries_stamp", lambda: asked.append(1) or real()):
        for url in ("/?q=journalists", "/?q=journalists&page=2"):
            cache.clear()
            forget_data_version()
            asked.clear()
            assert client.get(url).status_code == 200
            assert len(asked) == 1, url


@pytest.mark.parametrize("language", LANGUAGES)
def test_numbers_of_a_page_are_written_as_intcomma_and_localize_write_them(language: str) -> None:
    from django.contrib.humanize.templatetags.humanize import intcomma

    with translation.override(language):
        grouped, plain = ev.numbers(grouped=True), ev.numbers(grouped=False)
        for n in (0, 7, 999, 1000, 1575, 25000, 100000, 1234567):
            assert grouped(n) == intcomma(n), n
            assert plain(n) == formats.localize(n), n
