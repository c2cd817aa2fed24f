"""A user's role and API token. Users themselves are Django's own (``auth.User``)."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import pgettext_lazy

__all__ = ["ApiToken", "Profile", "Role"]


class Role(models.TextChoices):
    """What a user may do; each role may do everything the roles before it may."""

    # The labels are shown in the interface (translated); the values are what the
    # database, the CLI and the audit trail keep.
    VIEWER = "viewer", pgettext_lazy("user role", "viewer")  # reads published and internal entries
    EDITOR = "editor", pgettext_lazy("user role", "editor")  # records entries, uploads chronicles, corrects
    REVIEWER = "reviewer", pgettext_lazy("user role", "reviewer")  # approves, publishes, returns with a comment
    ADMIN = "admin", pgettext_lazy("user role", "admin")  # users, roles, settings, the audit export


class Profile(models.Model):
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="kuzet_profile"
    )
    role = models.CharField(max_length=10, choices=Role.choices, default=Role.VIEWER)

    def __str__(self) -> str:
        return f"{self.user} ({self.role})"


class ApiToken(models.Model):
    """A user's API token. Only its SHA-256 is kept: a stolen database holds no token."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="kuzet_token"
    )
    digest = models.CharField(max_length=64, unique=True)  # sha256 hex of the token
    prefix = models.CharField(max_length=12)  # the first characters, to recognise it
    created_at = models.DateTimeField()
    last_used_at = models.DateTimeField(null=True, blank=True)

    def __str__(self) -> str:
        return f"{self.prefix}… ({self.user})"
