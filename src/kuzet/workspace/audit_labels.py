"""The audit trail in the reader's language: action names and the reasons Kuzet writes.

An audit event keeps what happened as data: an action code (``ingest``, ``correct``,
``merge``, a review move...) and a reason (``why``), which a person typed or Kuzet
wrote itself ("removed from 2024-05.txt"). The stored values, the exports and the
command line stay as they are; pages show

- the action through :func:`action_label` (``pgettext`` with the context "audit
  action": the English labels read as the codes, so the English pages are unchanged);
- the reason through :func:`reason_shown`: a reason Kuzet writes for that action, of
  a known pattern, in the reader's language (as :mod:`.shown_errors` does for
  messages); any other reason, a person's words, exactly as written.

    reason_shown("ingest", "removed from 2024-05.txt")  ->  "удалена из 2024-05.txt"
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy, pgettext_lazy

from ..accounts.models import Role

__all__ = ["ACTION_LABELS", "action_label", "is_kuzets_reason", "reason_shown"]

# Every action the store, the review workflow, the accounts and the lists write.
ACTION_LABELS: Mapping[str, Promise] = {
    "ingest": pgettext_lazy("audit action", "ingest"),
    "remove": pgettext_lazy("audit action", "remove"),
    "correct": pgettext_lazy("audit action", "correct"),
    "create": pgettext_lazy("audit action", "create"),
    "merge": pgettext_lazy("audit action", "merge"),
    "split": pgettext_lazy("audit action", "split"),
    "rename": pgettext_lazy("audit action", "rename"),
    "notes": pgettext_lazy("audit action", "notes"),
    "submit": pgettext_lazy("audit action", "submit"),
    "approve": pgettext_lazy("audit action", "approve"),
    "publish": pgettext_lazy("audit action", "publish"),
    "return": pgettext_lazy("audit action", "return"),
    "unpublish": pgettext_lazy("audit action", "unpublish"),
    "reopen": pgettext_lazy("audit action", "reopen"),
    "view": pgettext_lazy("audit action", "view"),
    "refused": pgettext_lazy("audit action", "refused"),
    "user": pgettext_lazy("audit action", "user"),
    "set-status": pgettext_lazy("audit action", "set-status"),
    "recognize": pgettext_lazy("audit action", "recognize"),
}


def action_label(action: str) -> str:
    """The action's name in the active language; an action unknown here, as stored."""
    label = ACTION_LABELS.get(action)
    return action if label is None else str(label)


Template = Callable[[dict[str, str]], str]


def _fixed(text: Promise) -> Template:
    return lambda values: str(text % values)


def _role(values: dict[str, str]) -> dict[str, str]:
    """The role's label ("editor" -> "редактор"); a role unknown here, as written."""
    try:
        return {**values, "role": str(Role(values["role"]).label)}
    except ValueError:
        return values


# action -> (pattern of the whole reason, its template): the reasons Kuzet writes
# (kuzet.store.ingest, kuzet.store.review, kuzet.accounts), in their English words.
_REASONS: Mapping[str, tuple[tuple[str, Template], ...]] = {
    "ingest": (
        (r"ingested (?P<name>.+)", _fixed(gettext_lazy("ingested %(name)s"))),
        (r"removed from (?P<name>.+)", _fixed(gettext_lazy("removed from %(name)s"))),
        (r"changed in (?P<name>.+)", _fixed(gettext_lazy("changed in %(name)s"))),
    ),
    "reopen": (
        (
            r"changed after review: back to a reviewer",
            _fixed(gettext_lazy("changed after review: back to a reviewer")),
        ),
    ),
    "view": (
        (r"viewed \(page\)", _fixed(gettext_lazy("viewed (page)"))),
        (r"viewed \(api\)", _fixed(gettext_lazy("viewed (api)"))),
    ),
    "refused": (
        (
            r"(?P<method>[A-Z]+) (?P<path>.*): needs the role (?P<role>\w+)",
            lambda v: str(gettext_lazy("%(method)s %(path)s: needs the role %(role)s") % _role(v)),
        ),
    ),
    "user": tuple(
        (re.escape(reason), _fixed(text))
        for reason, text in {
            "user created": gettext_lazy("user created"),
            "role set": gettext_lazy("role set"),
            "password reset": gettext_lazy("password reset"),
            "password changed": gettext_lazy("password changed"),
            "API token issued": gettext_lazy("API token issued"),
            "API token revoked": gettext_lazy("API token revoked"),
            "two-factor login set up": gettext_lazy("two-factor login set up"),
            "two-factor login removed": gettext_lazy("two-factor login removed"),
            "account activated": gettext_lazy("account activated"),
            "account deactivated": gettext_lazy("account deactivated"),
        }.items()
    ),
}
_COMPILED = {
    action: tuple((re.compile(p, re.DOTALL), t) for p, t in kinds)
    for action, kinds in _REASONS.items()
}


def _kuzets(action: str, why: str) -> tuple[re.Match[str], Template] | None:
    for pattern, template in _COMPILED.get(action, ()):
        m = pattern.fullmatch(why)
        if m:
            return m, template
    return None


def is_kuzets_reason(action: str, why: str) -> bool:
    """Whether Kuzet wrote this reason (a known pattern of the action), not a person."""
    return _kuzets(action, why) is not None


def reason_shown(action: str, why: str) -> str:
    """The reason in the active language when Kuzet wrote it, else exactly as written."""
    found = _kuzets(action, why)
    if found is None:
        return why
    m, template = found
    return template(m.groupdict())
