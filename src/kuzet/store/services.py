"""Everything that writes to the store: ingest, corrections, person linking, audit.

    ingest_files / ingest_file / ingest_document   (from :mod:`kuzet.store.ingest`)
    correct_entry(entry=, field=, value=, who=)   a person's fix, audited, kept
    replay_corrections(entry)       re-apply an entry's corrections after re-extraction
    link_persons(document)          attach person mentions to Person rows
    audit(...)                      append one AuditEvent
    remove_document(document=, who=)

Views, the API and the CLI call these; none of them writes rows directly.
"""

from __future__ import annotations

import datetime as dt
import getpass
from collections.abc import Callable
from typing import Any

from django.db import transaction
from django.db.models import Model
from django.utils import timezone

from ..chronicle import model as cm
from ..chronicle.errors import KuzetError
from . import models as m
from . import search
from .facets import entry_facets, entry_values
from .ingest import (
    FileResult,
    IngestRefused,
    IngestReport,
    IngestTimings,
    document_key,
    ingest_document,
    ingest_file,
    ingest_files,
)
from .rows import PlaceCache

__all__ = [
    "CORRECTABLE_FIELDS",
    "CorrectionError",
    "FileResult",
    "IngestRefused",
    "IngestReport",
    "IngestTimings",
    "audit",
    "cli_user",
    "correct_entry",
    "current_value",
    "document_key",
    "ingest_document",
    "ingest_file",
    "ingest_files",
    "link_persons",
    "refresh_all_facets",
    "refresh_facets",
    "remove_document",
    "replay_corrections",
]


class CorrectionError(KuzetError):
    """A correction names an unknown field or carries a value of the wrong shape."""


def cli_user() -> str:
    """Who is at the terminal, for audit rows written by CLI commands."""
    try:
        return f"cli:{getpass.getuser()}"
    except (OSError, KeyError):
        return "cli"


def audit(
    *,
    who: str,
    action: str,
    obj: Model,
    field: str = "",
    old: Any = None,
    new: Any = None,
    why: str = "",
    user: Any = None,
) -> m.AuditEvent:
    """Append one history row. Values must be JSON-serialisable."""
    return m.AuditEvent.objects.create(
        at=timezone.now(),
        user=user,
        who=who,
        action=action,
        object_type=obj._meta.model_name or type(obj).__name__.lower(),
        object_id=str(obj.pk),
        field=field,
        old=old,
        new=new,
        why=why,
    )


def link_persons(document: m.Document) -> None:
    """Link the document's person mentions into people (``kuzet.store.people.relink``),
    keeping the monitors' merge and split decisions. Runs inside the ingest's transaction."""
    from .people import relink

    relink(documents=[document])


def remove_document(*, document: m.Document, who: str, why: str = "") -> None:
    """Delete a document and its entries (and their full-text rows)."""
    with transaction.atomic():
        entries = list(m.Entry.objects.filter(document=document).values_list("pk", "text", "facets"))
        search.unindex_entries(entries)
        audit(who=who, action="remove", obj=document, old=document.key, why=why)
        document.delete()
        from .people import relink

        relink(documents=[])  # the people who lost mentions (kuzet.store.people hears of each)


# --- corrections ----------------------------------------------------------------


def correct_entry(
    *, entry: m.Entry, field: str, value: Any, who: str, why: str = "", user: Any = None
) -> m.Correction:
    """Set ``field`` of ``entry`` to ``value`` as a person decided; it survives re-ingest.

    ``value`` has the record format's shape for the field (``date``: ``"2023-06-02"``,
    ``"2023-06"`` or ``None``; ``place``: ``{"name", "kind", "region", "country"}``;
    ``persons``: ``[{"name", "role"}]``; ...). Values equal to what was extracted
    keep their offsets and become confirmed.
    """
    apply = _APPLY.get(field)
    if apply is None:
        raise CorrectionError(
            f"cannot correct {field!r}; one of: {', '.join(sorted(_APPLY))}"
        )
    with transaction.atomic():
        old = _CURRENT[field](entry)
        indexed = (entry.pk, entry.text, entry.facets)
        apply(entry, value)
        entry.updated_at = timezone.now()
        refresh_facets(entry, save=False)
        entry.save()
        if entry.facets != indexed[2]:
            search.unindex_entries([indexed])
            search.index_entries([(entry.pk, entry.text, entry.facets)])
        correction = m.Correction.objects.create(
            entry=entry, field=field, value=value, user=user, who=who, at=timezone.now(), why=why
        )
        audit(who=who, user=user, action="correct", obj=entry, field=field, old=old, new=value, why=why)
    return correction


def refresh_facets(entry: m.Entry, *, save: bool = True) -> None:
    """Recompute the entry's facet tokens from its stored values. The caller puts the
    entry back in the full-text index (it must unindex the old tokens first)."""
    place_ids = []
    if entry.place_id:
        region = m.Place.objects.filter(pk=entry.place_id).values_list("region_id", flat=True).first()
        place_ids = [p for p in (entry.place_id, region) if p]
    types = list(entry.types.values_list("type_id", flat=True))
    refs = list(entry.legal_refs.values_list("code", "article", "part"))
    domains = list(entry.citations.values_list("source__domain", flat=True))
    entry.facets = entry_facets(
        document_id=entry.document_id,
        types=types,
        articles=[(c, a, p or None) for c, a, p in refs],
        domains=domains,
        place_ids=place_ids,
        date=entry.date,
        date_precision=entry.date_precision,
        status=entry.review_status,
        confidential=entry.confidential,
    )
    entry.facet_values = entry_values(
        types=types,
        articles=[(c, a) for c, a, _ in refs],
        domains=domains,
        sanctions=entry.sanctions.values_list("kind", flat=True),
    )
    if save:
        m.Entry.objects.filter(pk=entry.pk).update(facets=entry.facets, facet_values=entry.facet_values)


def refresh_all_facets() -> int:
    """Recompute every entry's facets (tokens and values) in bulk and rebuild the index
    (``kuzet reindex``). Returns the number of entries whose facets changed."""
    from collections import defaultdict

    types: dict[int, list[str]] = defaultdict(list)
    for entry_id, type_id in m.EntryType.objects.values_list("entry_id", "type_id").iterator(chunk_size=10000):
        types[entry_id].append(type_id)
    refs: dict[int, list[tuple[str, str, str | None]]] = defaultdict(list)
    for entry_id, code, article, part in m.LegalRef.objects.values_list(
        "entry_id", "code", "article", "part"
    ).iterator(chunk_size=10000):
        refs[entry_id].append((code, article, part or None))
    domains: dict[int, list[str]] = defaultdict(list)
    for entry_id, domain in m.Citation.objects.values_list("entry_id", "source__domain").iterator(chunk_size=10000):
        domains[entry_id].append(domain)
    kinds: dict[int, list[str]] = defaultdict(list)
    for entry_id, kind in m.Sanction.objects.values_list("entry_id", "kind").iterator(chunk_size=10000):
        kinds[entry_id].append(kind)
    regions = dict(m.Place.objects.values_list("id", "region_id"))
    changed: list[m.Entry] = []
    n = 0
    for e in m.Entry.objects.only(
        "id", "document_id", "place_id", "date", "date_precision", "review_status", "confidential", "facets",
        "facet_values",
    ).iterator(chunk_size=5000):
        facets = entry_facets(
            document_id=e.document_id,
            types=types.get(e.pk, ()),
            articles=refs.get(e.pk, ()),
            domains=domains.get(e.pk, ()),
            place_ids=[p for p in (e.place_id, regions.get(e.place_id)) if p],
            date=e.date,
            date_precision=e.date_precision,
            status=e.review_status,
            confidential=e.confidential,
        )
        values = entry_values(
            types=types.get(e.pk, ()),
            articles=[(c, a) for c, a, _ in refs.get(e.pk, ())],
            domains=domains.get(e.pk, ()),
            sanctions=kinds.get(e.pk, ()),
        )
        if facets != e.facets or values != e.facet_values:
            e.facets, e.facet_values = facets, values
            changed.append(e)
        if len(changed) >= 5000:
            m.Entry.objects.bulk_update(changed, ["facets", "facet_values"])
            n += len(changed)
            changed = []
    m.Entry.objects.bulk_update(changed, ["facets", "facet_values"])
    search.rebuild_index()
    return n + len(changed)


def replay_corrections(entry: m.Entry) -> None:
    """Apply the entry's corrections again, oldest first (the latest per field wins)."""
    corrections = list(m.Correction.objects.filter(entry=entry).order_by("at", "id"))
    if not corrections:
        return
    for c in corrections:
        _APPLY[c.field](entry, c.value)
    entry.save()


def _parse_date(value: Any) -> tuple[dt.date | None, str]:
    if value is None:
        return None, m.DatePrecision.UNKNOWN
    if not isinstance(value, str):
        raise CorrectionError(f"a date is written YYYY-MM-DD, YYYY-MM or YYYY, not {value!r}")
    parts = value.split("-")
    try:
        numbers = [int(p) for p in parts]
        if len(numbers) == 3:
            return dt.date(*numbers), m.DatePrecision.DAY
        if len(numbers) == 2:
            return dt.date(numbers[0], numbers[1], 1), m.DatePrecision.MONTH
        if len(numbers) == 1:
            return dt.date(numbers[0], 1, 1), m.DatePrecision.YEAR
    except ValueError:
        pass
    raise CorrectionError(f"a date is written YYYY-MM-DD, YYYY-MM or YYYY, not {value!r}")


def _date_value(entry: m.Entry) -> str | None:
    if entry.date is None:
        return None
    iso = entry.date.isoformat()
    return {"day": iso, "month": iso[:7], "year": iso[:4]}.get(entry.date_precision, iso)


def _apply_date(entry: m.Entry, value: Any) -> None:
    date, precision = _parse_date(value)
    if (date, precision) != (entry.date, entry.date_precision):
        entry.date, entry.date_precision = date, precision
        entry.date_start = entry.date_end = None
        entry.date_text = ""
    entry.date_confirmed = True


def _place_value(entry: m.Entry) -> dict[str, Any] | None:
    p = entry.place
    if p is None:
        return None
    return {
        "name": p.name,
        "kind": p.kind,
        "region": p.region.name if p.region_id else None,
        "country": p.country,
    }


def _apply_place(entry: m.Entry, value: Any) -> None:
    if value is None:
        place = None
    else:
        if not isinstance(value, dict) or not value.get("name") or not value.get("kind"):
            raise CorrectionError("a place is {'name': ..., 'kind': ..., 'region': ..., 'country': ...}")
        place = PlaceCache().get(
            cm.Place(
                name=str(value["name"]),
                kind=str(value["kind"]),
                region=value.get("region") or None,
                country=str(value.get("country") or "KZ"),
                known=bool(value.get("known", True)),
            )
        )
    if (place.pk if place else None) != entry.place_id:
        entry.place = place
        entry.place_precision = _precision_of(place)
        entry.place_start = entry.place_end = None
        entry.place_text = ""
    entry.place_confirmed = True


def _precision_of(place: m.Place | None) -> str:
    if place is None:
        return m.PlacePrecision.UNKNOWN
    kind = "settlement" if place.kind in ("city", "settlement") else place.kind
    return kind if kind in m.PlacePrecision.values else m.PlacePrecision.UNKNOWN


def _list_of_dicts(value: Any, what: str) -> list[dict[str, Any]]:
    if not isinstance(value, list) or not all(isinstance(v, dict) for v in value):
        raise CorrectionError(f"{what} must be a list of objects")
    return value


def _replace_children(
    rows: list[Any],
    wanted: list[Any],
    identity: Callable[[Any], tuple[Any, ...]],
    make: Callable[[Any], Any],
) -> list[Any]:
    """Keep rows whose identity is wanted (confirmed, offsets kept), delete the rest,
    and make rows for wanted values that were not extracted. Returns the new rows."""
    remaining = list(rows)
    kept, new = [], []
    for value in wanted:
        match = next((r for r in remaining if identity(r) == identity(value)), None)
        if match is not None:
            remaining.remove(match)
            kept.append(match)
        else:
            new.append(make(value))
    for r in remaining:
        r.delete()
    for r in kept:
        r.confirmed = True
        r.save(update_fields=["confirmed"])
    for r in new:
        r.confirmed = True
        r.save()
    return kept + new


def _persons_value(entry: m.Entry) -> list[dict[str, Any]]:
    return [
        {"name": p.key, "role": p.role, **({"confidential": True} if p.confidential else {})}
        for p in entry.person_mentions.order_by("id")
    ]


def _apply_persons(entry: m.Entry, value: Any) -> None:
    wanted = _list_of_dicts(value, "persons")
    rows = list(entry.person_mentions.all())
    kept_roles = {}
    secret = {}  # name -> withheld (the person asked not to be named)
    for v in wanted:
        if not v.get("name"):
            raise CorrectionError("every person needs a 'name'")
        if not isinstance(v.get("confidential", False), bool):
            raise CorrectionError("a person's 'confidential' is true or false")
        kept_roles[v["name"]] = v.get("role", "other")
        secret[v["name"]] = v.get("confidential", False)
    result = _replace_children(
        rows,
        [v["name"] for v in wanted],
        lambda x: (x if isinstance(x, str) else x.key,),
        lambda name: m.PersonMention(entry=entry, key=name, written=name),
    )
    for r in result:
        if (r.role, r.confidential) != (kept_roles[r.key], secret[r.key]):
            r.role, r.confidential = kept_roles[r.key], secret[r.key]
            r.save(update_fields=["role", "confidential"])
    link_persons(entry.document)


def _refs_value(entry: m.Entry) -> list[dict[str, Any]]:
    return [
        {"code": r.code, "article": r.article, "part": r.part or None}
        for r in entry.legal_refs.order_by("id")
    ]


def _apply_refs(entry: m.Entry, value: Any) -> None:
    wanted = _list_of_dicts(value, "legal_refs")
    for v in wanted:
        if not v.get("code") or not v.get("article"):
            raise CorrectionError("every legal reference needs 'code' and 'article'")

    def ident(x: Any) -> tuple[Any, ...]:
        if isinstance(x, dict):
            return (x["code"], str(x["article"]), str(x.get("part") or ""))
        return (x.code, x.article, x.part)

    _replace_children(
        list(entry.legal_refs.all()),
        wanted,
        ident,
        lambda v: m.LegalRef(
            entry=entry, code=v["code"], article=str(v["article"]), part=str(v.get("part") or "")
        ),
    )


def _sanctions_value(entry: m.Entry) -> list[dict[str, Any]]:
    return [
        {
            "kind": s.kind,
            "days": s.days,
            "amount_kzt": s.amount_kzt,
            "person": s.person_key or None,
            "status": s.status,
        }
        for s in entry.sanctions.order_by("id")
    ]


def _apply_sanctions(entry: m.Entry, value: Any) -> None:
    wanted = _list_of_dicts(value, "sanctions")
    for v in wanted:
        if not v.get("kind"):
            raise CorrectionError("every sanction needs a 'kind'")

    def ident(x: Any) -> tuple[Any, ...]:
        if isinstance(x, dict):
            return (x["kind"], x.get("days"), x.get("amount_kzt"), x.get("person") or "",
                    x.get("status", "imposed"))
        return (x.kind, x.days, x.amount_kzt, x.person_key, x.status)

    mentions = {p.key: p for p in entry.person_mentions.all()}
    _replace_children(
        list(entry.sanctions.all()),
        wanted,
        ident,
        lambda v: m.Sanction(
            entry=entry,
            kind=v["kind"],
            days=v.get("days"),
            amount_kzt=v.get("amount_kzt"),
            person_key=v.get("person") or "",
            mention=mentions.get(v.get("person") or ""),
            status=v.get("status", "imposed"),
        ),
    )


def _types_value(entry: m.Entry) -> list[str]:
    return list(dict.fromkeys(t.type_id for t in entry.types.order_by("id")))


def _apply_types(entry: m.Entry, value: Any) -> None:
    if not isinstance(value, list) or not all(isinstance(v, str) and v for v in value):
        raise CorrectionError("types must be a list of type ids")
    rows = list(entry.types.all())
    wanted = list(dict.fromkeys(value))
    # Every extracted mention of a wanted type stays (with its offsets).
    keep = [r for r in rows if r.type_id in wanted]
    for r in rows:
        if r.type_id not in wanted:
            r.delete()
    for r in keep:
        r.confirmed = True
        r.save(update_fields=["confirmed"])
    have = {r.type_id for r in keep}
    for t in wanted:
        if t not in have:
            m.EntryType.objects.create(entry=entry, type_id=t, confirmed=True)


def _apply_status(entry: m.Entry, value: Any) -> None:
    if value not in m.ReviewStatus.values:
        raise CorrectionError(f"review status is one of {', '.join(m.ReviewStatus.values)}")
    entry.review_status = value


def _apply_confidential(entry: m.Entry, value: Any) -> None:
    if not isinstance(value, bool):
        raise CorrectionError("confidential is true or false")
    entry.confidential = value


_APPLY: dict[str, Callable[[m.Entry, Any], None]] = {
    "date": _apply_date,
    "place": _apply_place,
    "persons": _apply_persons,
    "legal_refs": _apply_refs,
    "sanctions": _apply_sanctions,
    "types": _apply_types,
    "review_status": _apply_status,
    "confidential": _apply_confidential,
}
_CURRENT: dict[str, Callable[[m.Entry], Any]] = {
    "date": _date_value,
    "place": _place_value,
    "persons": _persons_value,
    "legal_refs": _refs_value,
    "sanctions": _sanctions_value,
    "types": _types_value,
    "review_status": lambda e: e.review_status,
    "confidential": lambda e: e.confidential,
}
CORRECTABLE_FIELDS = tuple(sorted(_APPLY))


def current_value(entry: m.Entry, field: str) -> Any:
    """The entry's value of a correctable ``field``, in the shape ``correct_entry`` takes."""
    if field not in _CURRENT:
        raise CorrectionError(f"cannot correct {field!r}; one of: {', '.join(CORRECTABLE_FIELDS)}")
    return _CURRENT[field](entry)
