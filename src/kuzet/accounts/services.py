"""Writes for accounts: users, roles, passwords, API tokens. Every change is audited.

    create_user(name, role, *, who, email="") -> (User, password)
    set_role(user, role, *, who)
    reset_password(user, *, who) -> password
    ensure_user(name, role, *, who, reset_password) -> (User, password | None, created)
    issue_token(user, *, who) -> token          (replaces the user's previous token)
    revoke_token(user, *, who) -> bool
    user_for_token(token) -> User | None
    remove_two_factor(user, *, who) -> int      devices removed
    unlock(user) -> None                        forget failed logins (django-axes)
"""

from __future__ import annotations

import hashlib
import secrets

from django.contrib.auth import get_user_model
from django.contrib.auth.models import AbstractBaseUser
from django.db import transaction
from django.utils import timezone

from ..chronicle.errors import KuzetError
from ..store.services import audit
from .models import ApiToken, Profile
from .roles import parse_role

__all__ = [
    "AccountError",
    "create_user",
    "ensure_user",
    "find_user",
    "generate_password",
    "issue_token",
    "remove_two_factor",
    "reset_password",
    "revoke_token",
    "set_role",
    "unlock",
    "user_for_token",
]

TOKEN_PREFIX = "kz_"
# Words of a generated password: long and random, so that it needs no rules.
PASSWORD_BYTES = 15


class AccountError(KuzetError):
    """A user that does not exist, already exists, or a name Kuzet cannot use."""


def generate_password() -> str:
    return secrets.token_urlsafe(PASSWORD_BYTES)


def _check_name(name: str) -> str:
    name = name.strip()
    if not name or len(name) > 150 or any(c.isspace() for c in name):
        raise AccountError(f"{name!r} is not a user name (one word, at most 150 characters)")
    return name


def find_user(name: str) -> AbstractBaseUser:
    User = get_user_model()
    try:
        return User.objects.get(username=name)
    except User.DoesNotExist:
        raise AccountError(f"there is no user {name!r}; 'kuzet createuser' makes one") from None


def _forget_role(user: object) -> None:
    if hasattr(user, "_kuzet_role"):
        del user._kuzet_role


def create_user(name: str, role: str, *, who: str, email: str = "", actor: object = None) -> tuple[AbstractBaseUser, str]:
    """A new user with ``role`` and a generated password (returned, shown once)."""
    name = _check_name(name)
    role = parse_role(role)
    User = get_user_model()
    password = generate_password()
    with transaction.atomic():
        if User.objects.filter(username=name).exists():
            raise AccountError(f"user {name!r} exists already; use --reset-password, or kuzet setrole")
        user = User.objects.create_user(username=name, email=email, password=password)
        Profile.objects.create(user=user, role=role)
        audit(who=who, user=_actor(actor), action="user", obj=user, field="role", old=None, new=str(role),
              why="user created")
    return user, password


def set_role(user: AbstractBaseUser, role: str, *, who: str, actor: object = None) -> None:
    role = parse_role(role)
    with transaction.atomic():
        profile, _ = Profile.objects.get_or_create(user=user, defaults={"role": role})
        old = profile.role
        if old != role:
            profile.role = role
            profile.save(update_fields=["role"])
        audit(who=who, user=_actor(actor), action="user", obj=user, field="role", old=str(old),
              new=str(role), why="role set")
    _forget_role(user)


def reset_password(user: AbstractBaseUser, *, who: str, actor: object = None) -> str:
    """A new generated password; the user's sessions end (Django ties them to the hash)."""
    password = generate_password()
    with transaction.atomic():
        user.set_password(password)
        user.save(update_fields=["password"])
        audit(who=who, user=_actor(actor), action="user", obj=user, field="password", why="password reset")
    return password


def ensure_user(
    name: str, role: str, *, who: str, reset: bool, email: str = ""
) -> tuple[AbstractBaseUser, str | None, bool]:
    """Make the user, or with ``reset`` give an existing one ``role`` and a new
    password: the same command can run on every start of a demo."""
    User = get_user_model()
    existing = User.objects.filter(username=_check_name(name)).first()
    if existing is None:
        user, password = create_user(name, role, who=who, email=email)
        return user, password, True
    if not reset:
        raise AccountError(f"user {name!r} exists already; use --reset-password, or kuzet setrole")
    set_role(existing, role, who=who)
    if not existing.is_active:
        existing.is_active = True
        existing.save(update_fields=["is_active"])
    unlock(existing)
    return existing, reset_password(existing, who=who), False


def _digest(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def issue_token(user: AbstractBaseUser, *, who: str, actor: object = None) -> str:
    """A new API token for ``user``; the previous one stops working."""
    token = TOKEN_PREFIX + secrets.token_urlsafe(32)
    with transaction.atomic():
        ApiToken.objects.filter(user=user).delete()
        ApiToken.objects.create(
            user=user, digest=_digest(token), prefix=token[:10], created_at=timezone.now()
        )
        audit(who=who, user=_actor(actor), action="user", obj=user, field="api_token", why="API token issued")
    return token


def revoke_token(user: AbstractBaseUser, *, who: str, actor: object = None) -> bool:
    with transaction.atomic():
        deleted, _ = ApiToken.objects.filter(user=user).delete()
        if deleted:
            audit(who=who, user=_actor(actor), action="user", obj=user, field="api_token", why="API token revoked")
    return bool(deleted)


def user_for_token(token: str) -> AbstractBaseUser | None:
    """The active user whose token this is, or None."""
    if not token.startswith(TOKEN_PREFIX) or len(token) > 200:
        return None
    row = ApiToken.objects.select_related("user").filter(digest=_digest(token)).first()
    if row is None or not row.user.is_active:
        return None
    now = timezone.now()
    # Written at most once a minute: a busy client should not turn reads into writes.
    if row.last_used_at is None or (now - row.last_used_at).total_seconds() > 60:
        ApiToken.objects.filter(pk=row.pk).update(last_used_at=now)
    return row.user


def remove_two_factor(user: AbstractBaseUser, *, who: str, actor: object = None) -> int:
    from django_otp.plugins.otp_totp.models import TOTPDevice

    with transaction.atomic():
        removed, _ = TOTPDevice.objects.filter(user=user).delete()
        if removed:
            audit(who=who, user=_actor(actor), action="user", obj=user, field="two_factor",
                  old=True, new=False, why="two-factor login removed")
    return removed


def unlock(user: AbstractBaseUser) -> None:
    """Forget the user's failed logins, so a locked-out user can log in again."""
    from axes.utils import reset

    reset(username=user.get_username())


def _actor(actor: object) -> object:
    return actor if getattr(actor, "is_authenticated", False) else None
