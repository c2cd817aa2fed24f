"""The one schema: documents, entries and everything extracted from them.

The shape follows the HURIDOCS events formats: an *event* (our :class:`Entry`) has
*acts* (:class:`EntryType`, :class:`LegalRef`, :class:`Sanction`), *persons involved*
(:class:`PersonMention` → :class:`Person`) and *sources* (:class:`Citation` →
:class:`Source`).

Invariants
- Every extracted value keeps where it came from: ``start``/``end`` offsets into
  ``Entry.text`` and ``text == entry.text[start:end]`` (``None`` offsets for a value a
  person typed in), plus ``confirmed``: a person checked it.
- Rows are written by :mod:`kuzet.store.services` only (no ``save()`` overrides, no
  signals); every change a person makes is also an :class:`AuditEvent`.
- The full-text index (SQLite FTS5 table / PostgreSQL tsvector column) is not a Django
  model; :mod:`kuzet.store.search` keeps it and reads it.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models.functions import Upper

__all__ = [
    "AuditEvent",
    "Citation",
    "Correction",
    "DatePrecision",
    "Document",
    "Entry",
    "EntryType",
    "LegalRef",
    "LinkDecision",
    "Person",
    "PersonMention",
    "Place",
    "PlacePrecision",
    "ReviewStatus",
    "Sanction",
    "Source",
]


class ReviewStatus(models.TextChoices):
    DRAFT = "draft", "draft"
    IN_REVIEW = "in_review", "in review"
    VERIFIED = "verified", "verified"
    PUBLISHED = "published", "published"


class DatePrecision(models.TextChoices):
    DAY = "day", "day"
    MONTH = "month", "month"
    YEAR = "year", "year"
    UNKNOWN = "unknown", "unknown"


class PlacePrecision(models.TextChoices):
    SETTLEMENT = "settlement", "settlement"  # a city, town or village
    DISTRICT = "district", "district"
    REGION = "region", "region"
    COUNTRY = "country", "country"
    UNKNOWN = "unknown", "unknown"


class Extracted(models.Model):
    """A value found in an entry's text: where it was, and whether a person confirmed it."""

    start = models.PositiveIntegerField(null=True, blank=True)  # None: typed in by a person
    end = models.PositiveIntegerField(null=True, blank=True)
    text = models.TextField(blank=True, default="")  # the words it came from, as written
    confirmed = models.BooleanField(default=False)  # a person checked this value

    class Meta:
        abstract = True


class Document(models.Model):
    """One ingested chronicle file. ``key`` identifies it across versions (the period,
    ``YYYY-MM``, unless the user names another key)."""

    key = models.CharField(max_length=200, unique=True)
    period = models.CharField(max_length=7, blank=True, default="", db_index=True)  # YYYY-MM
    name = models.CharField(max_length=500)  # file name as ingested last
    title = models.TextField(blank=True, default="")
    format = models.CharField(max_length=10)  # txt, md, html, docx
    sha256 = models.CharField(max_length=64, db_index=True)  # of the file's bytes
    lint_findings = models.JSONField(default=list, blank=True)  # [{code, severity, message, entry, reference}]
    forced = models.BooleanField(default=False)  # ingested with --force despite lint errors
    ingested_at = models.DateTimeField()  # first ingest
    updated_at = models.DateTimeField()  # last ingest that changed something

    class Meta:
        ordering = ["key"]

    def __str__(self) -> str:
        return self.key


class Place(models.Model):
    """A gazetteer row. ``key`` is ``country/kind/name[/region]`` so that re-ingest finds it."""

    class Kind(models.TextChoices):
        CITY = "city", "city"
        SETTLEMENT = "settlement", "settlement"
        DISTRICT = "district", "district"
        REGION = "region", "region"
        COUNTRY = "country", "country"

    key = models.CharField(max_length=400, unique=True)
    name = models.CharField(max_length=200, db_index=True)
    kind = models.CharField(max_length=12, choices=Kind.choices)
    region = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="places"
    )  # the region (or city of republican significance) it lies in
    country = models.CharField(max_length=2, default="KZ")
    lat = models.FloatField(null=True, blank=True)
    lon = models.FloatField(null=True, blank=True)
    known = models.BooleanField(default=True)  # False: not in the gazetteer, taken as written

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class Entry(models.Model):
    """One incident paragraph: the HURIDOCS *event*."""

    document = models.ForeignKey(Document, on_delete=models.CASCADE, related_name="entries")
    n = models.PositiveIntegerField()  # 1-based position in the document
    text = models.TextField()  # as written, footnote markers included
    line = models.PositiveIntegerField(null=True, blank=True)

    # The lead date: the day, or the first day of the month/year when less is known.
    date = models.DateField(null=True, blank=True)
    date_precision = models.CharField(
        max_length=8, choices=DatePrecision.choices, default=DatePrecision.UNKNOWN
    )
    date_start = models.PositiveIntegerField(null=True, blank=True)
    date_end = models.PositiveIntegerField(null=True, blank=True)
    date_text = models.TextField(blank=True, default="")
    date_confirmed = models.BooleanField(default=False)

    place = models.ForeignKey(
        Place, null=True, blank=True, on_delete=models.PROTECT, related_name="entries"
    )
    place_precision = models.CharField(
        max_length=10, choices=PlacePrecision.choices, default=PlacePrecision.UNKNOWN
    )
    place_start = models.PositiveIntegerField(null=True, blank=True)
    place_end = models.PositiveIntegerField(null=True, blank=True)
    place_text = models.TextField(blank=True, default="")
    place_confirmed = models.BooleanField(default=False)

    review_status = models.CharField(
        max_length=10, choices=ReviewStatus.choices, default=ReviewStatus.DRAFT
    )
    confidential = models.BooleanField(default=False)
    created_at = models.DateTimeField()
    updated_at = models.DateTimeField()  # for ``updated_since``
    # Filterable values as index words (``kuzet.store.facets``), kept by the services.
    facets = models.TextField(blank=True, default="")
    # The related values the entries page counts (types, articles, source domains,
    # sanction kinds) as stored, one line each (``kuzet.store.facets.entry_values``):
    # a search's matches are counted from their own rows. Kept with ``facets``.
    facet_values = models.TextField(blank=True, default="")

    class Meta:
        ordering = ["document__key", "n"]
        constraints = [
            models.UniqueConstraint(fields=["document", "n"], name="entry_unique_n"),
        ]
        indexes = [
            models.Index(fields=["date", "id"], name="entry_date"),
            # PostgreSQL also has entry_date_desc (migration 0010): see there.
            models.Index(fields=["place", "date"], name="entry_place_date"),
            models.Index(fields=["updated_at"], name="entry_updated"),
            models.Index(fields=["review_status"], name="entry_status"),
        ]

    def __str__(self) -> str:
        return f"{self.document_id}#{self.n}"


class Person(models.Model):
    """A human being, as the linking step (``kuzet.store.people``) clusters mentions."""

    name = models.CharField(max_length=300, db_index=True)  # canonical name
    notes = models.TextField(blank=True, default="")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["name"]
        indexes = [
            models.Index(Upper("name"), name="person_name_upper"),
            # The workspace checks the record's version (MAX(updated_at)) every few
            # seconds per server process: without it, a scan of every person.
            models.Index(fields=["updated_at"], name="person_updated"),
        ]

    def __str__(self) -> str:
        return self.name


class PersonMention(Extracted):
    """A person named in an entry (HURIDOCS *person involved*)."""

    entry = models.ForeignKey(Entry, on_delete=models.CASCADE, related_name="person_mentions")
    person = models.ForeignKey(
        Person, null=True, blank=True, on_delete=models.SET_NULL, related_name="mentions"
    )
    written = models.CharField(max_length=300)  # the name as written
    key = models.CharField(max_length=300, db_index=True)  # "Surname I." (record's name)
    role = models.CharField(max_length=20, default="other")  # subject | other
    # The person asked not to be named: the name is withheld from users below the
    # confidential role and from public outputs (``kuzet.workspace.redaction``).
    confidential = models.BooleanField(default=False)

    class Meta:
        ordering = ["entry_id", "start"]
        indexes = [
            models.Index(fields=["person", "entry"], name="mention_person_entry"),
            # Person filters compare names case-blind: UPPER(key) = UPPER(?).
            models.Index(Upper("key"), name="mention_key_upper"),
        ]

    def __str__(self) -> str:
        return self.key


class LegalRef(Extracted):
    entry = models.ForeignKey(Entry, on_delete=models.CASCADE, related_name="legal_refs")
    code = models.CharField(max_length=10)  # CC, CAO, CPC, OTHER
    article = models.CharField(max_length=20)  # as written: "147-1"
    part = models.CharField(max_length=20, blank=True, default="")

    class Meta:
        ordering = ["entry_id", "start"]
        indexes = [models.Index(fields=["code", "article", "entry"], name="legalref_article")]


class Sanction(Extracted):
    entry = models.ForeignKey(Entry, on_delete=models.CASCADE, related_name="sanctions")
    mention = models.ForeignKey(
        PersonMention, null=True, blank=True, on_delete=models.SET_NULL, related_name="sanctions"
    )
    person_key = models.CharField(max_length=300, blank=True, default="")  # as extracted
    kind = models.CharField(max_length=30)  # imprisonment, administrative_arrest, fine, ...
    days = models.PositiveIntegerField(null=True, blank=True)
    amount_kzt = models.BigIntegerField(null=True, blank=True)
    status = models.CharField(max_length=12, default="imposed")  # imposed, requested, upheld, served

    class Meta:
        ordering = ["entry_id", "start"]
        indexes = [models.Index(fields=["kind", "status"], name="sanction_kind")]


class EntryType(Extracted):
    entry = models.ForeignKey(Entry, on_delete=models.CASCADE, related_name="types")
    type_id = models.CharField(max_length=50)  # taxonomy id: "detention", ...

    class Meta:
        ordering = ["entry_id", "start"]
        indexes = [models.Index(fields=["type_id", "entry"], name="entrytype_type")]


class Source(models.Model):
    """A cited web page, by canonical URL (tracking parameters removed)."""

    url = models.CharField(max_length=2000, unique=True)
    domain = models.CharField(max_length=255, db_index=True)  # "www." removed

    def __str__(self) -> str:
        return self.url


class Citation(models.Model):
    """An entry citing a source through one of its footnotes."""

    entry = models.ForeignKey(Entry, on_delete=models.CASCADE, related_name="citations")
    source = models.ForeignKey(Source, on_delete=models.PROTECT, related_name="citations")
    footnote = models.PositiveIntegerField()  # the [N] in the entry
    original_url = models.TextField()  # as written in the reference list
    position = models.PositiveSmallIntegerField(default=0)  # order within the entry

    class Meta:
        ordering = ["entry_id", "position"]
        indexes = [models.Index(fields=["source", "entry"], name="citation_source")]


class Correction(models.Model):
    """A value a person set on an entry. Re-applied after every re-ingest of the entry.

    ``field`` is a record field (``date``, ``place``, ``persons``, ``legal_refs``,
    ``sanctions``, ``types``) or an entry attribute (``review_status``,
    ``confidential``); ``value`` is in the record format's shape for that field.
    """

    entry = models.ForeignKey(Entry, on_delete=models.CASCADE, related_name="corrections")
    field = models.CharField(max_length=30)
    value = models.JSONField(null=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    who = models.CharField(max_length=150)  # user name or "cli:<login>"
    at = models.DateTimeField()
    why = models.TextField(blank=True, default="")

    class Meta:
        ordering = ["entry_id", "at", "id"]
        indexes = [models.Index(fields=["entry", "field"], name="correction_entry_field")]


class LinkDecision(models.Model):
    """A person's decision that two person mentions/keys are the same human (``merge``)
    or not (``split``). Kept across ingests; the linking step respects it."""

    class Kind(models.TextChoices):
        MERGE = "merge", "merge"
        SPLIT = "split", "split"
        NAME = "name", "name"  # a monitor named the person (``data["name"]``); relinks keep it

    kind = models.CharField(max_length=5, choices=Kind.choices)
    left_key = models.CharField(max_length=300, blank=True, default="")
    right_key = models.CharField(max_length=300, blank=True, default="")
    left_mention = models.ForeignKey(
        PersonMention, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    right_mention = models.ForeignKey(
        PersonMention, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    person = models.ForeignKey(
        Person, null=True, blank=True, on_delete=models.SET_NULL, related_name="link_decisions"
    )  # the person the decision produced or concerns, when there is one
    data = models.JSONField(default=dict, blank=True)  # anything else the linker needs
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    who = models.CharField(max_length=150)
    at = models.DateTimeField()
    why = models.TextField(blank=True, default="")
    active = models.BooleanField(default=True)  # False: undone by a later decision

    class Meta:
        ordering = ["at", "id"]
        indexes = [
            models.Index(fields=["left_key"], name="linkdecision_left"),
            models.Index(fields=["right_key"], name="linkdecision_right"),
        ]


class AuditEvent(models.Model):
    """Append-only history: who changed what, when, from what to what, and why."""

    at = models.DateTimeField(db_index=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    who = models.CharField(max_length=150)  # user name, or "cli:<login>", or "kuzet ingest"
    action = models.CharField(max_length=30)  # ingest, correct, merge, split, review, ...
    object_type = models.CharField(max_length=50)  # "entry", "document", "person", ...
    object_id = models.CharField(max_length=50)
    field = models.CharField(max_length=50, blank=True, default="")
    old = models.JSONField(null=True, blank=True)
    new = models.JSONField(null=True, blank=True)
    why = models.TextField(blank=True, default="")

    class Meta:
        ordering = ["at", "id"]
        indexes = [models.Index(fields=["object_type", "object_id"], name="audit_object")]
