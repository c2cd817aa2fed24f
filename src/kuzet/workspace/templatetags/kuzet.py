"""Template filters for the record's values: dates at their precision, durations,
amounts in tenge, labels and colours of codes; the workspace's own links.

    {% link 'workspace:entries' %}          reverse() of a name, once per process
    {{ entry_id|link_to:'workspace:entry' }}  of a name taking one id
    {% site_nav %}                           the header's menu (workspace/_site_nav.html)

Every page has a dozen links in its header and a link per row in its lists: at about
16 µs a ``{% url %}`` they cost more than any other tag, so the address is worked out
once (per script prefix and URL configuration) and the id put into it.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable
from typing import Any

from django import template
from django.contrib.humanize.templatetags.humanize import intcomma
from django.urls import get_script_prefix, get_urlconf, reverse
from django.utils import dateformat, formats, timezone
from django.utils.html import conditional_escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language, ngettext
from django.utils.translation import gettext as _

from .. import labels

register = template.Library()


# Label lookups used as filters, registered under their own names.
for _name in (
    "type_label",
    "type_colour",
    "status_label",
    "sanction_label",
    "sanction_status_label",
    "code_label",
    "code_short",
    "kind_label",
    "move_label",
    "severity_label",
):
    register.filter(_name, getattr(labels, _name))


@register.filter
def shown(message: str) -> str:
    """A message of the library (a linter's finding) in the interface language."""
    from ..shown_errors import shown as in_language

    return in_language(str(message))


@register.filter
def law_title(ref: Any) -> str:
    """A legal reference's title in the interface language (its own English title when
    the table has no Russian one)."""
    from ..articles import article_title

    code, article = getattr(ref, "code", ""), getattr(ref, "article", "")
    return article_title(code, article, getattr(ref, "part", None) or None) or getattr(ref, "title", "") or ""


_SLOT = 987654321  # stands for the id while the address is worked out


@functools.lru_cache(maxsize=256)
def _address(name: str, prefix: str, urlconf: Any, with_id: bool) -> tuple[str, str]:
    """The address of ``name`` (before and after its id): ``prefix`` and ``urlconf``
    are what :func:`reverse` depends on besides the name, so they key the cache."""
    if not with_id:
        return reverse(name, urlconf=urlconf), ""
    head, tail = reverse(name, args=[_SLOT], urlconf=urlconf).rsplit(str(_SLOT), 1)
    return head, tail


@register.simple_tag
def link(name: str) -> str:
    """``{% url name %}`` for a name without arguments."""
    return _address(name, get_script_prefix(), get_urlconf(), False)[0]


@register.filter
def link_to(pk: Any, name: str) -> str:
    """``{% url name pk %}`` for a name taking one integer id."""
    if type(pk) is not int:  # anything else (a key, a string) goes the usual way
        return reverse(name, args=[pk])
    head, tail = _address(name, get_script_prefix(), get_urlconf(), True)
    return f"{head}{pk}{tail}"


# The menu is the same on every page of a section but for the search it carries over to
# the map and the dashboard: rendered once per language, section and address prefix,
# with a stand-in where the search goes, which is then put in (escaped, as the
# template would).
_MENUS: dict[tuple[Any, ...], SafeString] = {}
_QUERY_SLOT = "kuzetquerystringslot"  # letters only: the template writes it unchanged


@register.simple_tag(takes_context=True)
def site_nav(context: template.Context) -> SafeString:
    """The header's menu: ``workspace/_site_nav.html`` with the page's section and
    current query, rendered once per process for each language and section (a dozen
    links and translations every page would repeat)."""
    section, query = context.get("section", ""), context.get("query_string", "")
    if not isinstance(section, str) or not isinstance(query, str):
        return _menu({"section": section, "query_string": query})
    key = (get_language(), section, bool(query), get_script_prefix(), get_urlconf())
    menu = _MENUS.get(key)
    if menu is None:
        if len(_MENUS) >= 256:  # bounded whatever sections a page may pass
            _MENUS.clear()
        menu = _MENUS[key] = _menu(
            {"section": section, "query_string": _QUERY_SLOT if query else ""}
        )
    if not query:
        return menu
    return mark_safe(menu.replace(_QUERY_SLOT, conditional_escape(query)))  # escaped as {{ }} does


def _menu(values: dict[str, Any]) -> SafeString:
    from django.template.loader import get_template

    return mark_safe(get_template("workspace/_site_nav.html").render(values).rstrip("\n"))  # escaped by the template


# Pieces of a page that depend on nothing but the language (and a value or two),
# written once per process rather than on every page: {% memo "name" value... %}.
_MEMOS: dict[tuple[Any, ...], tuple[str | int, ...]] = {}
_MEMO_BASE = object()  # the render context's key for the part of a key every memo shares
_SLOT_RE = re.compile(r"kuzetmemoslot(\d+)x")  # letters and digits: escaping keeps it


class MemoNode(template.Node):
    def __init__(
        self,
        name: tuple[str, str],
        values: list[Any],
        slots: tuple[str, ...],
        nodelist: template.NodeList,
    ) -> None:
        self.name, self.values, self.slots, self.nodelist = name, values, slots, nodelist

    def render(self, context: template.Context) -> str:
        shared = context.render_context.get(_MEMO_BASE)
        if shared is None:  # once per page: what the address and the words depend on
            shared = context.render_context[_MEMO_BASE] = (
                get_language(),
                get_script_prefix(),
                get_urlconf(),
                timezone.get_current_timezone_name(),
                context.autoescape,
            )
        key = (self.name, shared, *(v.resolve(context) for v in self.values))
        try:
            parts = _MEMOS.get(key)
        except TypeError:  # a value that cannot key a dict: written every time
            return self.nodelist.render(context)
        if parts is None:
            if len(_MEMOS) >= 1024:  # bounded whatever values the keys take
                _MEMOS.clear()
            with context.push({name: f"kuzetmemoslot{i}x" for i, name in enumerate(self.slots)}):
                markup = self.nodelist.render(context)
            # Literal markup at even places, slot numbers at odd ones.
            pieces = _SLOT_RE.split(markup) if self.slots else [markup]
            parts = _MEMOS[key] = tuple(p if i % 2 == 0 else int(p) for i, p in enumerate(pieces))
        if len(parts) == 1:
            return parts[0]  # type: ignore[return-value]
        values = [conditional_escape(context.get(name, "")) for name in self.slots]
        # Escaped as {{ name }} writes it; filled in one pass, so a value that looks like
        # a stand-in stays as it is.
        return mark_safe("".join(p if type(p) is str else values[p] for p in parts))  # type: ignore[index]


@register.tag
def memo(parser: template.base.Parser, token: template.base.Token) -> MemoNode:
    """``{% memo "name" value ... [with slot ...] %}…{% endmemo %}``: the enclosed
    markup rendered once per process for each language, address prefix, time zone and
    combination of the values named (hashable ones: a string, a date), then written
    from memory. Only for markup that depends on nothing else — not on the record,
    the search or the visitor (tests/web/test_layout_links.py compares each use with
    the plain render). A *slot* is a variable that varies (the query of the page's
    links): the markup is written with a stand-in for it, replaced on each use by the
    value, escaped; inside the block a slot may only be written as ``{{ slot }}``."""
    bits = token.split_contents()
    if len(bits) < 2 or bits[1][0] not in "'\"" or bits[1][0] != bits[1][-1]:
        raise template.TemplateSyntaxError("{% memo %} takes a quoted name, then values")
    values, slots = bits[2:], []
    if "with" in values:
        values, slots = values[: values.index("with")], values[values.index("with") + 1 :]
        if not slots or not all(s.isidentifier() for s in slots):
            raise template.TemplateSyntaxError("{% memo ... with %} takes variable names")
    nodelist = parser.parse(("endmemo",))
    parser.delete_first_token()
    name = (str(getattr(parser.origin, "name", "")), bits[1][1:-1])
    return MemoNode(name, [parser.compile_filter(b) for b in values], tuple(slots), nodelist)


@register.filter
def entry_date(entry: Any) -> str:
    """An entry's date as precise as it is known: "3 March 2024", "March 2024", "2024"."""
    return entry_dates()(entry)


def entry_dates() -> Callable[[Any], str]:
    """:func:`entry_date` for many entries (a page's): the language's formats looked up
    once, and each date written once (entries listed by date often share one)."""
    day_format = formats.get_format("DATE_FORMAT")
    month_format = formats.get_format("YEAR_MONTH_FORMAT")
    undated = _("undated")
    written: dict[tuple[Any, str], str] = {}

    def shown(entry: Any) -> str:
        day = getattr(entry, "date", None)
        if day is None:
            return undated
        precision = getattr(entry, "date_precision", "day")
        text = written.get((day, precision))
        if text is None:
            if precision == "month":
                text = dateformat.format(day, month_format)
            elif precision == "year":
                text = str(day.year)
            else:
                text = dateformat.format(day, day_format)
            written[day, precision] = text
        return text

    return shown


@register.filter
def duration(days: int | None) -> str:
    """Days as years, months and days, the way sentences are written (365 / 30 days)."""
    if not days:
        return ""
    years, rest = divmod(int(days), 365)
    months, rest = divmod(rest, 30)
    bits = []
    if years:
        bits.append(ngettext("%(n)d year", "%(n)d years", years) % {"n": years})
    if months:
        bits.append(ngettext("%(n)d month", "%(n)d months", months) % {"n": months})
    if rest:
        bits.append(ngettext("%(n)d day", "%(n)d days", rest) % {"n": rest})
    return " ".join(bits)


@register.filter
def tenge(amount: int | None) -> str:
    if amount is None:
        return ""
    return f"{intcomma(int(amount))} ₸"


@register.filter
def role_label(code: str) -> str:
    return str(labels.ROLE_LABELS.get(code, code))


@register.filter
def severity_class(severity: str) -> str:
    return f"severity-{severity}" if severity in ("error", "warning", "info") else ""


@register.simple_tag
def entry_types(entry: Any) -> list[str]:
    """The entry's distinct type codes, in their order (types are prefetched)."""
    return list(dict.fromkeys(t.type_id for t in entry.types.all()))


@register.filter
def safe_url(url: str) -> str:
    """Only web links become links: a ``javascript:`` or ``data:`` URL from a chronicle's
    reference list must not run in a monitor's browser."""
    text = (url or "").strip()
    return text if text.lower().startswith(("http://", "https://")) else ""


@register.filter
def get_item(mapping: Any, key: Any) -> Any:
    return mapping.get(key) if isinstance(mapping, dict) else None
