"""The review workflow and the edits people make in the browser or through the API.

Review (every move is an ``AuditEvent`` whose action names the move)::

    draft ──submit──▶ in review ──approve──▶ verified ──publish──▶ published
      ▲                   │                     │                     │
      └──────return (with a comment)───────────┴─────────────────────┘
                                     verified ◀──unpublish (comment)──┘

    moves_for(entry, user) -> list[Move]     what this user may do with the entry now
    move_entry(entry=, action=, user=, comment="") -> Entry

Edits (each changed or confirmed field is a ``Correction``, so re-ingest keeps it)::

    correct_fields(entry=, values=, confirm=(), user=, why="") -> list[str]
    record_entry(text=, urls=, period=, user=, record=None) -> Entry
    confirmations(entry) -> dict[str, Correction]   the latest person's word per field

People (each a decision the linking respects, and an ``AuditEvent``)::

    rename_person(person=, name=, user=, why="")    a LinkDecision of kind "name"
    set_person_notes(person=, notes=, user=)
    merge / split: :func:`kuzet.store.people.merge_persons` / ``split_person``

Audit::

    log_view(entry=, user=)             viewing a confidential entry is logged too
    history(obj) / audit_events(...)    the trail of one object / for export
    audit_dict(event), AUDIT_COLUMNS

An editor's change to a verified or published entry sends it back to review: nothing
reaches the public that a reviewer has not seen.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from django.db import transaction
from django.db.models import Max, QuerySet
from django.utils import timezone

from ..accounts.models import Role
from ..accounts.roles import has_role
from ..chronicle import model as cm
from ..chronicle.errors import KuzetError
from . import models as m
from . import search, services
from .rows import PlaceCache, SourceCache, canonical_url, child_rows, date_fields, place_fields

__all__ = [
    "AUDIT_COLUMNS",
    "EDIT_FIELDS",
    "MOVES",
    "Move",
    "ReviewDenied",
    "ReviewError",
    "audit_dict",
    "audit_events",
    "confirmations",
    "correct_fields",
    "history",
    "log_view",
    "move_entry",
    "moves_for",
    "record_entry",
    "rename_person",
    "set_person_notes",
    "web_document_key",
]

S = m.ReviewStatus

# The order corrections are applied in: sanctions name persons, so persons go first.
EDIT_FIELDS = ("date", "place", "persons", "legal_refs", "sanctions", "types", "confidential")


class ReviewError(KuzetError):
    """A move that does not exist from the entry's status, or lacks its comment."""


class ReviewDenied(ReviewError):
    """The user's role does not allow this."""


@dataclass(frozen=True, slots=True)
class Move:
    action: str  # submit, approve, publish, return, unpublish
    source: str
    target: str
    role: Role  # the least role that may make it
    needs_comment: bool


MOVES = (
    Move("submit", S.DRAFT, S.IN_REVIEW, Role.EDITOR, False),
    Move("approve", S.IN_REVIEW, S.VERIFIED, Role.REVIEWER, False),
    Move("publish", S.VERIFIED, S.PUBLISHED, Role.REVIEWER, False),
    Move("return", S.IN_REVIEW, S.DRAFT, Role.REVIEWER, True),
    Move("return", S.VERIFIED, S.DRAFT, Role.REVIEWER, True),
    Move("return", S.PUBLISHED, S.DRAFT, Role.REVIEWER, True),
    Move("unpublish", S.PUBLISHED, S.VERIFIED, Role.REVIEWER, True),
)


def _who(user: Any) -> str:
    return str(user.get_username()) if getattr(user, "is_authenticated", False) else "anonymous"


def _require(user: Any, role: Role, what: str) -> None:
    if not has_role(user, role):
        raise ReviewDenied(f"{what} needs the role {role}")


def moves_for(entry: m.Entry, user: Any) -> list[Move]:
    return [mv for mv in MOVES if mv.source == entry.review_status and has_role(user, mv.role)]


def _set_status(entry: m.Entry, status: str, *, user: Any, why: str) -> None:
    """Write the status and keep the entry's facet tokens and index words in step.

    The status is also kept as a correction, so that a re-ingest that replays older
    corrections of the entry (a status set with ``correct_entry``) ends on this one."""
    m.Correction.objects.create(entry=entry, field="review_status", value=status, who=_who(user),
                                user=user if getattr(user, "is_authenticated", False) else None,
                                at=timezone.now(), why=why)
    indexed = (entry.pk, entry.text, entry.facets)
    entry.review_status = status
    entry.updated_at = timezone.now()
    services.refresh_facets(entry, save=False)
    entry.save(update_fields=["review_status", "updated_at", "facets", "facet_values"])
    if entry.facets != indexed[2]:
        search.unindex_entries([indexed])
        search.index_entries([(entry.pk, entry.text, entry.facets)])


def move_entry(*, entry: m.Entry, action: str, user: Any, comment: str = "") -> m.Entry:
    """Make the review move ``action`` from the entry's current status."""
    comment = comment.strip()
    with transaction.atomic():
        entry = m.Entry.objects.select_for_update().get(pk=entry.pk)
        move = next((mv for mv in MOVES if mv.action == action and mv.source == entry.review_status), None)
        if move is None:
            raise ReviewError(f"cannot {action} an entry that is {S(entry.review_status).label}")
        _require(user, move.role, f"to {action} an entry")
        if move.needs_comment and not comment:
            raise ReviewError(f"say why ({action} needs a comment)")
        old = entry.review_status
        _set_status(entry, move.target, user=user, why=comment)
        services.audit(who=_who(user), user=user, action=action, obj=entry, field="review_status",
                       old=old, new=move.target, why=comment)
    return entry


# ---------------------------------------------------------------------------- edits


def _norm(field: str, value: Any) -> Any:
    """A value in a form that compares equal when it means the same."""
    if field == "place":
        if not value:
            return None
        return (value.get("name"), value.get("kind"), value.get("region") or None, value.get("country") or "KZ")
    if field == "persons":
        return sorted((p["name"], p.get("role", "other"), bool(p.get("confidential"))) for p in value or [])
    if field == "legal_refs":
        return sorted((r["code"], str(r["article"]), str(r.get("part") or "")) for r in value or [])
    if field == "sanctions":
        return sorted(
            (s["kind"], s.get("days"), s.get("amount_kzt"), s.get("person") or "", s.get("status", "imposed"))
            for s in value or []
        )
    if field == "types":
        return sorted(set(value or []))
    return value


def correct_fields(
    *, entry: m.Entry, values: dict[str, Any], confirm: Any = (), user: Any, why: str = ""
) -> list[str]:
    """Correct every field of ``values`` that differs from the entry's, and confirm the
    fields in ``confirm`` as they are. Returns the fields written."""
    _require(user, Role.EDITOR, "correcting an entry")
    confirm = set(confirm)
    written = []
    with transaction.atomic():
        for field in EDIT_FIELDS:
            if field not in values:
                continue
            same = _norm(field, services.current_value(entry, field)) == _norm(field, values[field])
            if same and field not in confirm:
                continue
            services.correct_entry(entry=entry, field=field, value=values[field], who=_who(user),
                                   why=why, user=user)
            written.append(field)
        if written and entry.review_status in (S.VERIFIED, S.PUBLISHED) and not has_role(user, Role.REVIEWER):
            old = entry.review_status
            _set_status(entry, S.IN_REVIEW, user=user, why="changed after review")
            services.audit(who=_who(user), user=user, action="reopen", obj=entry, field="review_status",
                           old=old, new=S.IN_REVIEW, why="changed after review: back to a reviewer")
    return written


def confirmations(entry: m.Entry) -> dict[str, m.Correction]:
    """For each field a person set or confirmed, their latest correction."""
    out: dict[str, m.Correction] = {}
    for c in m.Correction.objects.filter(entry=entry).order_by("at", "id"):
        out[c.field] = c
    return out


def web_document_key(period: cm.Period) -> str:
    """Entries recorded in the browser go to one document per month, apart from the
    chronicles: a re-ingest of a chronicle must never remove them."""
    return f"web-{period}"


_FOOTNOTE = re.compile(r"\[(\d{1,4})\]")


def record_entry(
    *,
    text: str,
    urls: list[str],
    period: cm.Period,
    user: Any,
    record: cm.Record | None = None,
    why: str = "recorded in the browser",
) -> m.Entry:
    """Store a new entry typed or pasted by a monitor, with what extraction found in
    it (``record``; extracted here when not given). Sources are numbered in order: a
    ``[2]`` in the text is the second link."""
    _require(user, Role.EDITOR, "recording an entry")
    text = text.strip()
    if not text:
        raise ReviewError("the entry has no text")
    refs = tuple(range(1, len(urls) + 1))
    if record is None:
        from ..chronicle.extract import extract_entry

        record = extract_entry(cm.Entry(n=1, text=text, refs=refs), doc=str(period), period=period)
    now = timezone.now()
    with transaction.atomic():
        doc = _web_document(period, now)
        # One writer at a time numbers the document's entries.
        m.Document.objects.select_for_update().filter(pk=doc.pk).exists()
        n = (m.Entry.objects.filter(document=doc).aggregate(n=Max("n"))["n"] or 0) + 1
        entry = m.Entry(document=doc, n=n, text=text, review_status=S.DRAFT, created_at=now, updated_at=now)
        for name, value in {**date_fields(record.date), **place_fields(record.place, PlaceCache())}.items():
            setattr(entry, name, value)
        entry.save()
        _children(entry, record)
        _cite(entry, urls)
        services.refresh_facets(entry)
        search.index_entries([(entry.pk, entry.text, entry.facets)])
        services.link_persons(doc)
        services.audit(who=_who(user), user=user, action="create", obj=entry, field="text", old=None,
                       new=text, why=why)
        doc.updated_at = now
        doc.save(update_fields=["updated_at"])
    return entry


def _web_document(period: cm.Period, now: Any) -> m.Document:
    key = web_document_key(period)
    doc, _created = m.Document.objects.get_or_create(
        key=key,
        defaults={
            "period": str(period), "name": "recorded in Kuzet",
            "title": f"Entries recorded in Kuzet, {period}", "format": "web", "sha256": "",
            "ingested_at": now, "updated_at": now,
        },
    )
    return doc


def _children(entry: m.Entry, record: cm.Record) -> None:
    persons, sanctions, refs, types = child_rows(entry, record)
    m.PersonMention.objects.bulk_create(persons)
    by_key = {p.key: p for p in reversed(persons)}
    for s, person in sanctions:
        s.mention = by_key.get(person) if person else None
    m.Sanction.objects.bulk_create([s for s, _ in sanctions])
    m.LegalRef.objects.bulk_create(refs)
    m.EntryType.objects.bulk_create(types)


def _cite(entry: m.Entry, urls: list[str]) -> None:
    sources = SourceCache()
    canonical = [canonical_url(u) for u in urls]
    sources.load(set(canonical))
    m.Citation.objects.bulk_create(
        m.Citation(entry=entry, source=sources[c], footnote=i + 1, original_url=u, position=i)
        for i, (u, c) in enumerate(zip(urls, canonical, strict=True))
    )


# ---------------------------------------------------------------------------- people


def rename_person(*, person: m.Person, name: str, user: Any, why: str = "") -> m.Person:
    """Give the person the name a monitor chose; later relinks keep it."""
    _require(user, Role.EDITOR, "renaming a person")
    name = " ".join(name.split())
    if not name or len(name) > 300:
        raise ReviewError("a name is one to 300 characters")
    with transaction.atomic():
        old = person.name
        m.LinkDecision.objects.filter(kind=m.LinkDecision.Kind.NAME, person=person, active=True).update(active=False)
        m.LinkDecision.objects.create(
            kind=m.LinkDecision.Kind.NAME, person=person, data={"name": name}, user=user,
            who=_who(user), at=timezone.now(), why=why,
        )
        person.name = name
        person.save(update_fields=["name", "updated_at"])
        services.audit(who=_who(user), user=user, action="rename", obj=person, field="name",
                       old=old, new=name, why=why)
    return person


def set_person_notes(*, person: m.Person, notes: str, user: Any) -> m.Person:
    _require(user, Role.EDITOR, "writing notes on a person")
    notes = notes.strip()
    with transaction.atomic():
        old = person.notes
        if old == notes:
            return person
        person.notes = notes
        person.save(update_fields=["notes", "updated_at"])
        services.audit(who=_who(user), user=user, action="notes", obj=person, field="notes",
                       old=old, new=notes)
    return person


# ---------------------------------------------------------------------------- audit


def log_view(*, entry: m.Entry, user: Any, how: str = "page") -> None:
    """Viewing a confidential entry (or one with a confidential name) leaves a trace."""
    services.audit(who=_who(user), user=user, action="view", obj=entry, field="", why=f"viewed ({how})")


def history(obj: Any) -> QuerySet[m.AuditEvent]:
    """The audit trail of one object, newest first."""
    model_name = obj._meta.model_name
    return m.AuditEvent.objects.filter(object_type=model_name, object_id=str(obj.pk)).order_by("-at", "-id")


AUDIT_COLUMNS = ("id", "at", "who", "action", "object_type", "object_id", "field", "old", "new", "why")


def audit_events(
    *, since: Any = None, until: Any = None, object_type: str = "", object_id: str = "", action: str = ""
) -> QuerySet[m.AuditEvent]:
    qs = m.AuditEvent.objects.order_by("at", "id")
    if since is not None:
        qs = qs.filter(at__gte=since)
    if until is not None:
        qs = qs.filter(at__lt=until)
    if object_type:
        qs = qs.filter(object_type=object_type)
    if object_id:
        qs = qs.filter(object_id=object_id)
    if action:
        qs = qs.filter(action=action)
    return qs


def audit_dict(ev: m.AuditEvent) -> dict[str, Any]:
    return {
        "id": ev.pk,
        "at": ev.at.isoformat(),
        "who": ev.who,
        "action": ev.action,
        "object_type": ev.object_type,
        "object_id": ev.object_id,
        "field": ev.field,
        "old": ev.old,
        "new": ev.new,
        "why": ev.why,
    }

