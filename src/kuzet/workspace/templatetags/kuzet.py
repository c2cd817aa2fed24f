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
from typing import Any

from django import template
from django.contrib.humanize.templatetags.humanize import intcomma
from django.urls import get_script_prefix, get_urlconf, reverse
from django.utils import formats
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


# The menu is the same on every page of a section (when no search is carried over to
# the map and the dashboard): rendered once per language, section and address prefix.
_MENUS: dict[tuple[Any, ...], SafeString] = {}


@register.simple_tag(takes_context=True)
def site_nav(context: template.Context) -> SafeString:
    """The header's menu: ``workspace/_site_nav.html`` with the page's section and
    current query, rendered once per process for each language and section while
    there is no query (a dozen links and translations every page would repeat)."""
    values = {"section": context.get("section", ""), "query_string": context.get("query_string", "")}
    if values["query_string"] or not isinstance(values["section"], str):
        return _menu(values)
    key = (get_language(), values["section"], get_script_prefix(), get_urlconf())
    menu = _MENUS.get(key)
    if menu is None:
        if len(_MENUS) >= 256:  # bounded whatever sections a page may pass
            _MENUS.clear()
        menu = _MENUS[key] = _menu(values)
    return menu


def _menu(values: dict[str, Any]) -> SafeString:
    from django.template.loader import get_template

    return mark_safe(get_template("workspace/_site_nav.html").render(values).rstrip("\n"))  # escaped by the template


@register.filter
def entry_date(entry: Any) -> str:
    """An entry's date as precise as it is known: "3 March 2024", "March 2024", "2024"."""
    day = getattr(entry, "date", None)
    if day is None:
        return _("undated")
    precision = getattr(entry, "date_precision", "day")
    if precision == "month":
        return formats.date_format(day, "YEAR_MONTH_FORMAT")
    if precision == "year":
        return str(day.year)
    return formats.date_format(day, "DATE_FORMAT")


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
