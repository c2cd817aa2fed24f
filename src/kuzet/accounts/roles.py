"""Roles: the one place that decides what a user's role is and what it allows.

    viewer < editor < reviewer < admin      each may do what the ones before it may

Anonymous visitors have no role. They see published, non-confidential entries when
the instance is public (``KUZET_PUBLIC=true``) and nothing otherwise (the default).
Confidential entries and names are for users with at least the confidential role
(``KUZET_CONFIDENTIAL_ROLE``, default ``editor``).
"""

from __future__ import annotations

from django.conf import settings

from .models import Role

__all__ = [
    "RANKS",
    "Role",
    "can_see_audit",
    "can_see_confidential",
    "confidential_role",
    "has_role",
    "is_public",
    "parse_role",
    "role_of",
]

RANKS: dict[str, int] = {Role.VIEWER: 1, Role.EDITOR: 2, Role.REVIEWER: 3, Role.ADMIN: 4}


def parse_role(value: str) -> Role:
    """The role named ``value``; a one-line error for anything else."""
    from ..chronicle.errors import KuzetError

    try:
        return Role(value.strip().lower())
    except ValueError:
        raise KuzetError(
            f"unknown role {value!r}; one of: {', '.join(Role.values)}"
        ) from None


def is_public() -> bool:
    """Whether anonymous visitors may read published entries (``KUZET_PUBLIC``)."""
    return bool(getattr(settings, "KUZET_PUBLIC", False))


def confidential_role() -> Role:
    return Role(getattr(settings, "KUZET_CONFIDENTIAL_ROLE", Role.EDITOR))


def role_of(user: object) -> Role | None:
    """The user's role; ``None`` for anonymous visitors, inactive users and users
    without a role. Superusers are admins. Looked up once per request."""
    if user is None or not getattr(user, "is_authenticated", False):
        return None
    if not getattr(user, "is_active", False):
        return None
    cached = getattr(user, "_kuzet_role", False)
    if cached is not False:
        return cached  # type: ignore[return-value]
    role: Role | None
    if getattr(user, "is_superuser", False):
        role = Role.ADMIN
    else:
        from .models import Profile

        value = Profile.objects.filter(user_id=user.pk).values_list("role", flat=True).first()  # type: ignore[attr-defined]
        role = Role(value) if value in Role.values else None
    try:
        user._kuzet_role = role  # type: ignore[attr-defined]
    except AttributeError:
        pass
    return role


def has_role(user: object, role: Role | str) -> bool:
    """Whether ``user``'s role is ``role`` or above."""
    mine = role_of(user)
    return mine is not None and RANKS[mine] >= RANKS[Role(role)]


def can_see_confidential(user: object) -> bool:
    return has_role(user, confidential_role())


def can_see_audit(user: object) -> bool:
    """The audit trail holds old values, confidential names among them: it is shown to
    editors and above who may also see confidential data."""
    return has_role(user, Role.EDITOR) and can_see_confidential(user)
