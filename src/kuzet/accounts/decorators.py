"""``role_required``: the check every view that changes something starts with.

An anonymous visitor is sent to the login page. A logged-in user below the role gets
a 403 page, and the attempt is logged (``AuditEvent`` action ``refused``): a viewer
posting to an editor's form is someone to know about.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any

from django.conf import settings
from django.contrib.auth.views import redirect_to_login
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from .models import Role
from .roles import RANKS, has_role, role_of

__all__ = ["log_refusal", "refuse", "role_required"]

View = Callable[..., HttpResponse]


def log_refusal(request: HttpRequest, needed: str) -> None:
    from ..store.services import audit

    user = request.user
    audit(
        who=user.get_username() if user.is_authenticated else "anonymous",
        user=user if user.is_authenticated else None,
        action="refused",
        obj=_RequestObject(request.path[:50]),
        field=request.method or "",
        new={"needed": needed, "role": str(role_of(user) or "")},
        why=f"{request.method} {request.path[:300]}: needs the role {needed}",
    )


def refuse(request: HttpRequest, needed: str) -> HttpResponse:
    log_refusal(request, needed)
    role = role_of(request.user)
    # The page names roles by their (translated) labels; the audit keeps the values.
    shown = Role(needed).label if needed in Role.values else needed
    return render(
        request,
        "accounts/forbidden.html",
        {"needed": shown, "role": role.label if role else None, "section": ""},
        status=403,
    )


def role_required(role: Role) -> Callable[[View], View]:
    def decorate(view: View) -> View:
        @wraps(view)
        def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
            user = request.user
            if not user.is_authenticated:
                return redirect_to_login(request.get_full_path())
            if not has_role(user, role):
                return refuse(request, str(role))
            if _needs_second_factor(request, role):
                return redirect("accounts:two_factor")
            return view(request, *args, **kwargs)

        return wrapped

    return decorate


def _needs_second_factor(request: HttpRequest, role: Role) -> bool:
    """With KUZET_REQUIRE_2FA, editors and above must have logged in with a code."""
    if not getattr(settings, "KUZET_REQUIRE_2FA", False) or RANKS[role] < RANKS[Role.EDITOR]:
        return False
    verified = getattr(request.user, "is_verified", None)
    return not (callable(verified) and verified())


class _RequestObject:
    """Stands in for a model instance in an audit row about a request, not a record."""

    class _meta:
        model_name = "request"

    def __init__(self, path: str) -> None:
        self.pk = path
