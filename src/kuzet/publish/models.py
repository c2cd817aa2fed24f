"""What editors decide about a person beyond the entries: their situation and recognitions.

Both tables are append-only histories, like :class:`~kuzet.store.models.AuditEvent`:
a new decision is a new row, so that who said what, when, stays visible.

A row points at a :class:`~kuzet.store.models.Person` and also keeps the person's name
as it was when the row was written. Relinking may remove a person whose mentions
moved to another one; the row then keeps its name (``person`` becomes ``NULL``)
instead of disappearing with the decision in it.
"""

from __future__ import annotations

from django.db import models

__all__ = ["PersonStatusOverride", "Recognition", "Situation"]


class Situation(models.TextChoices):
    """A person's current situation, most restrictive first."""

    IN_CUSTODY = "in-custody", "in custody"
    HOUSE_ARREST = "house-arrest", "under house arrest"
    RESTRICTED = "restricted", "restricted liberty or probation"
    CHARGED = "charged", "charged"
    FINED = "fined", "fined"
    FREE = "free", "free"
    ABROAD = "abroad", "abroad"


class PersonStatusOverride(models.Model):
    """An editor confirms or sets a person's situation from ``since`` on.

    ``status`` ``auto`` hands the decision back to the entries' timeline.
    """

    AUTO = "auto"

    person = models.ForeignKey(
        "store.Person", null=True, blank=True, on_delete=models.SET_NULL, related_name="status_overrides"
    )
    person_name = models.CharField(max_length=300)  # the name when the row was written
    status = models.CharField(max_length=20)  # a Situation value, or "auto"
    detail = models.CharField(max_length=100, blank=True, default="")  # "imprisonment", "emigrated", ...
    since = models.DateField()
    until = models.DateField(null=True, blank=True)  # expected end, when known
    note = models.TextField(blank=True, default="")
    who = models.CharField(max_length=150)
    at = models.DateTimeField()

    class Meta:
        ordering = ["since", "at", "id"]
        indexes = [models.Index(fields=["person", "since"], name="override_person_since")]

    def __str__(self) -> str:
        return f"{self.person_name}: {self.status} since {self.since}"


class Recognition(models.Model):
    """An organisation recognised the person as a political prisoner, persecuted, etc."""

    person = models.ForeignKey(
        "store.Person", null=True, blank=True, on_delete=models.SET_NULL, related_name="recognitions"
    )
    person_name = models.CharField(max_length=300)
    organisation = models.CharField(max_length=300)
    date = models.DateField()
    criteria = models.TextField(blank=True, default="")  # "political prisoner (PACE criteria)", ...
    source = models.CharField(max_length=2000, blank=True, default="")  # URL of the statement
    note = models.TextField(blank=True, default="")
    who = models.CharField(max_length=150)
    at = models.DateTimeField()

    class Meta:
        ordering = ["date", "at", "id"]
        indexes = [models.Index(fields=["person", "date"], name="recognition_person_date")]

    def __str__(self) -> str:
        return f"{self.person_name}: {self.organisation} ({self.date})"
