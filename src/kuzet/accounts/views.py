"""Logging in and out, two-factor set-up, the API token, and (for admins) users.

Login is two steps when the user has set up two-factor login: the password first,
then a code from their authenticator app; only then is the session logged in. Both
steps count towards django-axes's lock-out.
"""

from __future__ import annotations

import re
import time
from typing import Any

import segno
from django.contrib import messages
from django.contrib.auth import get_user_model, login, logout
from django.contrib.auth import views as auth_views
from django.contrib.auth.forms import AuthenticationForm
from django.contrib.auth.signals import user_login_failed
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse, reverse_lazy
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_protect
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_http_methods, require_POST
from django_otp import login as otp_login
from django_otp import match_token, user_has_device
from django_otp.plugins.otp_totp.models import TOTPDevice

from . import services
from .decorators import role_required
from .forms import CodeForm, NewUserForm, RoleForm
from .models import ApiToken, Role
from .roles import role_of

__all__ = [
    "api_token",
    "login_view",
    "logout_view",
    "password_change",
    "two_factor",
    "users",
    "verify_view",
]

PENDING = "kuzet_2fa_pending"
PENDING_SECONDS = 300  # the code must follow the password within five minutes


def _render(request: HttpRequest, template: str, context: dict[str, Any], status: int = 200) -> HttpResponse:
    return render(request, template, {"section": "account", **context}, status=status)


def _next_url(request: HttpRequest, value: str | None) -> str:
    if value and url_has_allowed_host_and_scheme(
        value, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return value
    return reverse("workspace:entries")


@sensitive_post_parameters("password")
@csrf_protect
@never_cache
@require_http_methods(["GET", "POST"])
def login_view(request: HttpRequest) -> HttpResponse:
    next_url = request.POST.get("next") or request.GET.get("next") or ""
    form = AuthenticationForm(request, data=request.POST or None)
    if request.method == "POST" and form.is_valid():
        user = form.get_user()
        if user_has_device(user):
            request.session[PENDING] = {
                "user": user.pk,
                "backend": user.backend,  # type: ignore[attr-defined]
                "next": next_url,
                "at": time.time(),
            }
            return redirect("accounts:verify")
        login(request, user)
        return redirect(_next_url(request, next_url))
    first_run = not get_user_model().objects.exists()
    return _render(request, "accounts/login.html", {"form": form, "next": next_url, "first_run": first_run})


@csrf_protect
@never_cache
@require_http_methods(["GET", "POST"])
def verify_view(request: HttpRequest) -> HttpResponse:
    pending = request.session.get(PENDING)
    if not pending or time.time() - float(pending.get("at", 0)) > PENDING_SECONDS:
        request.session.pop(PENDING, None)
        messages.info(request, _("Please log in again."))
        return redirect("accounts:login")
    user = get_object_or_404(get_user_model(), pk=pending["user"], is_active=True)
    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        device = match_token(user, form.cleaned_data["code"])
        if device is not None:
            del request.session[PENDING]
            login(request, user, backend=pending["backend"])
            otp_login(request, device)
            return redirect(_next_url(request, pending.get("next")))
        # A wrong code counts as a failed login towards the lock-out.
        user_login_failed.send(
            sender=__name__, credentials={"username": user.get_username()}, request=request
        )
        form.add_error("code", _("That code is not right, or has expired."))
    return _render(request, "accounts/verify.html", {"form": form})


@require_POST
def logout_view(request: HttpRequest) -> HttpResponse:
    logout(request)
    return redirect("accounts:login")


@never_cache
@role_required(Role.VIEWER)
@require_http_methods(["GET", "POST"])
def two_factor(request: HttpRequest) -> HttpResponse:
    """Set up (or turn off) two-factor login with an authenticator app (TOTP)."""
    user = request.user
    confirmed = TOTPDevice.objects.filter(user=user, confirmed=True).first()
    form = CodeForm(request.POST or None)
    if confirmed is not None:
        if request.method == "POST" and form.is_valid():
            if confirmed.verify_token(form.cleaned_data["code"]):
                services.remove_two_factor(user, who=user.get_username(), actor=user)
                messages.success(request, _("Two-factor login is off."))
                return redirect("accounts:two_factor")
            form.add_error("code", _("That code is not right, or has expired."))
        return _render(request, "accounts/two_factor.html", {"enabled": True, "form": form})
    device = TOTPDevice.objects.filter(user=user, confirmed=False).first()
    if device is None:
        device = TOTPDevice.objects.create(user=user, name="authenticator", confirmed=False)
    if request.method == "POST" and form.is_valid():
        if device.verify_token(form.cleaned_data["code"]):
            device.confirmed = True
            device.save(update_fields=["confirmed"])
            from ..store.services import audit

            audit(who=user.get_username(), user=user, action="user", obj=user, field="two_factor",
                  old=False, new=True, why="two-factor login set up")
            otp_login(request, device)
            messages.success(request, _("Two-factor login is on: you will be asked for a code after your password."))
            return redirect("accounts:two_factor")
        form.add_error("code", _("That code is not right, or has expired."))
    qr = segno.make(device.config_url, error="m")
    context = {
        "enabled": False,
        "form": form,
        "qr_svg": qr.svg_inline(scale=4, dark="#1d2733"),
        "secret": _spaced(device.config_url),
    }
    return _render(request, "accounts/two_factor.html", context)


def _spaced(config_url: str) -> str:
    """The base32 secret from an otpauth:// URL, in groups of four for typing."""
    from urllib.parse import parse_qs, urlsplit

    secret = parse_qs(urlsplit(config_url).query).get("secret", [""])[0]
    return " ".join(secret[i : i + 4] for i in range(0, len(secret), 4))


@never_cache
@role_required(Role.VIEWER)
@require_http_methods(["GET", "POST"])
def api_token(request: HttpRequest) -> HttpResponse:
    user = request.user
    token = None
    if request.method == "POST":
        if request.POST.get("action") == "revoke":
            services.revoke_token(user, who=user.get_username(), actor=user)
            messages.success(request, _("Your API token no longer works."))
            return redirect("accounts:token")
        token = services.issue_token(user, who=user.get_username(), actor=user)
    current = ApiToken.objects.filter(user=user).first()
    return _render(request, "accounts/token.html", {"token": token, "current": current})


class PasswordChange(auth_views.PasswordChangeView):
    template_name = "accounts/password.html"
    success_url = reverse_lazy("workspace:entries")
    extra_context = {"section": "account"}  # noqa: RUF012 - Django's own attribute

    def form_valid(self, form: Any) -> HttpResponse:
        response = super().form_valid(form)
        from ..store.services import audit

        user = self.request.user
        audit(who=user.get_username(), user=user, action="user", obj=user, field="password",
              why="password changed")
        messages.success(self.request, _("Your password is changed."))
        return response


password_change = role_required(Role.VIEWER)(PasswordChange.as_view())


@never_cache
@role_required(Role.ADMIN)
@require_http_methods(["GET", "POST"])
def users(request: HttpRequest) -> HttpResponse:
    """Admins: add users, change roles, reset passwords, turn accounts off and on."""
    User = get_user_model()
    new_form = NewUserForm(request.POST if request.POST.get("action") == "create" else None)
    shown_password: tuple[str, str] | None = None
    me = request.user.get_username()
    if request.method == "POST":
        action = request.POST.get("action", "")
        if action == "create" and new_form.is_valid():
            try:
                user, password = services.create_user(
                    new_form.cleaned_data["username"], new_form.cleaned_data["role"],
                    who=me, email=new_form.cleaned_data["email"], actor=request.user,
                )
            except services.AccountError as exc:
                new_form.add_error("username", _account_error(exc))
            else:
                shown_password = (user.get_username(), password)
                new_form = NewUserForm()
        elif action in ("role", "reset", "deactivate", "activate", "remove_2fa"):
            target = get_object_or_404(User, pk=request.POST.get("user", "0") or 0)
            outcome = _user_action(request, target, action)
            if isinstance(outcome, tuple):
                shown_password = outcome
            else:
                return outcome
    rows = [
        (u, role_of(u), TOTPDevice.objects.filter(user=u, confirmed=True).exists())
        for u in User.objects.order_by("username")
    ]
    context = {
        "rows": rows,
        "new_form": new_form,
        "roles": Role.choices,
        "shown_password": shown_password,
    }
    return _render(request, "accounts/users.html", context)


def _account_error(exc: Exception) -> str:
    """A service's English message (the CLI's words) for the admin's form, in the
    reader's language when it is of a known kind."""
    message = str(exc)
    exists = re.fullmatch(r"user (?P<name>.+) exists already; .*", message)
    if exists:
        return _("User %(name)s exists already.") % {"name": exists["name"]}
    not_a_name = re.fullmatch(r"(?P<name>.+) is not a user name \(.*\)", message)
    if not_a_name:
        return _("%(name)s is not a user name (one word, at most 150 characters).") % {"name": not_a_name["name"]}
    return message


def _user_action(request: HttpRequest, target: Any, action: str) -> HttpResponse | tuple[str, str]:
    me = request.user.get_username()
    if target.pk == request.user.pk and action in ("role", "deactivate"):
        messages.error(request, _("Ask another admin to change your own role or account."))
        return redirect("accounts:users")
    if action == "role":
        form = RoleForm(request.POST)
        if form.is_valid():
            services.set_role(target, form.cleaned_data["role"], who=me, actor=request.user)
            messages.success(request, _("%(user)s is now %(role)s.") % {
                "user": target.get_username(), "role": Role(form.cleaned_data["role"]).label})
    elif action == "reset":
        password = services.reset_password(target, who=me, actor=request.user)
        services.unlock(target)
        return (target.get_username(), password)
    elif action in ("deactivate", "activate"):
        target.is_active = action == "activate"
        target.save(update_fields=["is_active"])
        from ..store.services import audit

        audit(who=me, user=request.user, action="user", obj=target, field="is_active",
              old=not target.is_active, new=target.is_active, why=f"account {action}d")
    elif action == "remove_2fa":
        services.remove_two_factor(target, who=me, actor=request.user)
    return redirect("accounts:users")
