"""Review and history panels for the entry, person and document pages.

    {% entry_panel entry %}     for editors and above: confidential marks, which fields
                                a person confirmed, the review moves, the history
    {% history_panel obj %}     for editors and above: the object's audit trail (and,
                                on a person, a link to edit them)
    {{ ev.action|audit_action }}  an audit event's action in the reader's language
    {{ ev|audit_reason }}       its reason: translated when Kuzet wrote it, else as written

Both render nothing for anyone else, so pages cached for anonymous visitors are the
same as before.
"""

from __future__ import annotations

import json
from collections import Counter
from typing import Any

from django import template
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from ...accounts.models import Role
from ...accounts.roles import can_see_audit, has_role
from ...store import models as m
from ...store import review
from ..audit_labels import action_label, reason_shown

register = template.Library()

HISTORY_LIMIT = 200
# The fields a person confirmed, as the entry's panel names them (the correction
# form's words for them).
FIELD_NAMES = {
    "date": _("date"), "place": _("place"), "persons": _("persons"), "legal_refs": _("legal references"),
    "sanctions": _("sanctions"), "types": _("event types"), "confidential": _("confidentiality"),
}

# Every other field an audit event names, as people read it (the stored code stays).
AUDIT_FIELDS = {
    **FIELD_NAMES,
    "review_status": _("review status"), "text": _("text"), "mentions": _("mentions"), "name": _("name"),
    "notes": _("notes"), "role": _("role"), "password": _("password"), "api_token": _("API token"),
    "two_factor": _("two-factor login"), "is_active": _("account active"), "recognition": _("recognition"),
    "situation": _("situation"),
}

# What an audit event is about (its object type, a model name), as people read it.
AUDIT_OBJECTS = {
    "entry": pgettext_lazy("audit object", "entry"), "person": pgettext_lazy("audit object", "person"),
    "document": pgettext_lazy("audit object", "document"), "user": pgettext_lazy("audit object", "user"),
}


def _trail(obj: Any) -> tuple[list[m.AuditEvent], list[tuple[str, int]]]:
    """The object's changes (newest first), and who viewed it how often."""
    events = list(review.history(obj)[:HISTORY_LIMIT])
    views = Counter(ev.who for ev in events if ev.action == "view")
    return [ev for ev in events if ev.action != "view"], sorted(views.items())


@register.inclusion_tag("workspace/edit/_entry_panel.html", takes_context=True)
def entry_panel(context: template.Context, entry: m.Entry) -> dict[str, Any]:
    request = context.get("request")
    user = getattr(request, "user", None)
    if not (has_role(user, Role.EDITOR) and can_see_audit(user)):
        return {"show": False}
    changes, views = _trail(entry)
    confirmed = [
        (FIELD_NAMES.get(field, field), c) for field, c in review.confirmations(entry).items()
        if field in FIELD_NAMES
    ]
    return {
        "show": True,
        "request": request,
        "csrf_token": context.get("csrf_token"),
        "entry": entry,
        "moves": review.moves_for(entry, user),
        "confirmed": confirmed,
        "secret_names": [pm.key for pm in entry.person_mentions.all() if pm.confidential],
        "events": changes,
        "views": views,
    }


@register.inclusion_tag("workspace/edit/_history_panel.html", takes_context=True)
def history_panel(context: template.Context, obj: Any) -> dict[str, Any]:
    request = context.get("request")
    user = getattr(request, "user", None)
    if not can_see_audit(user):
        return {"show": False}
    changes, views = _trail(obj)
    return {
        "show": True,
        "obj": obj,
        "is_person": isinstance(obj, m.Person),
        "can_edit": has_role(user, Role.EDITOR),
        "events": changes,
        "views": views,
    }


@register.filter
def as_json(value: Any) -> str:
    """An audit value as people read it: text as is, anything else as JSON, None as —."""
    if value is None:
        return "—"
    if isinstance(value, str):
        return value
    return json.dumps(value, ensure_ascii=False)


@register.filter
def audit_action(action: str) -> str:
    """An audit action's name as people read it (the stored code stays as it is)."""
    return action_label(action)


@register.filter
def audit_field(field: str) -> str:
    """The field an audit event changed, as people read it (unknown codes as stored)."""
    return str(AUDIT_FIELDS.get(field, field))


@register.filter
def audit_object(object_type: str) -> str:
    """An audit event's object type as people read it (unknown types as stored)."""
    return str(AUDIT_OBJECTS.get(object_type, object_type))


@register.filter
def audit_reason(event: m.AuditEvent) -> str:
    """An audit event's reason: in the reader's language when Kuzet wrote it."""
    return reason_shown(event.action, event.why)
