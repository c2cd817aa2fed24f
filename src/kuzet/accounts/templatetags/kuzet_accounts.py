"""``{% account_nav %}``: the header's links for the user's role (log in, new entry,
upload, review, users, log out)."""

from __future__ import annotations

from typing import Any

from django import template

from ..models import Role
from ..roles import has_role, role_of

register = template.Library()


@register.inclusion_tag("accounts/_nav.html", takes_context=True)
def account_nav(context: template.Context) -> dict[str, Any]:
    request = context.get("request")
    user = getattr(request, "user", None)
    return {
        "request": request,
        "user": user,
        "csrf_token": context.get("csrf_token"),
        "role": role_of(user),
        "section": context.get("section", ""),
        "can_edit": has_role(user, Role.EDITOR),
        "can_review": has_role(user, Role.REVIEWER),
        "is_admin": has_role(user, Role.ADMIN),
    }


@register.filter
def role_at_least(user: object, role: str) -> bool:
    return has_role(user, role)
