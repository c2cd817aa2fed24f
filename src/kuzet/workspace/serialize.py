"""Entries as plain data: the API's JSON, the JSON Lines and CSV exports.

The shape extends the extraction record (``persons``, ``legal_refs``, ``sanctions``,
``types`` as in ``spec/record-format.md``) with stable ids and what the store adds
(linked persons, canonical sources, review status, timestamps). Callers fetch with
:func:`kuzet.store.selectors.with_details` so no entry costs extra queries.
"""

from __future__ import annotations

from typing import Any

from django.urls import reverse

from ..store import models as m

__all__ = ["ENTRY_CSV_COLUMNS", "entry_dict", "entry_row", "place_dict"]

ENTRY_CSV_COLUMNS = (
    "id",
    "document",
    "n",
    "date",
    "date_precision",
    "place",
    "region",
    "types",
    "persons",
    "legal_refs",
    "sanctions",
    "sources",
    "review_status",
    "text",
    "url",
)


def place_dict(place: m.Place | None) -> dict[str, Any] | None:
    if place is None:
        return None
    return {
        "id": place.pk,
        "name": place.name,
        "kind": place.kind,
        "region": place.region.name if place.region_id and place.region else None,
        "country": place.country,
        "lat": place.lat,
        "lon": place.lon,
    }


def entry_dict(e: m.Entry) -> dict[str, Any]:
    """One entry with everything extracted from it (prefetched by ``with_details``)."""
    mentions = list(e.person_mentions.all())
    by_mention = {pm.pk: pm for pm in mentions}
    return {
        "id": e.pk,
        "url": reverse("workspace:entry", args=[e.pk]),
        "document": e.document.key,
        "n": e.n,
        "date": e.date.isoformat() if e.date else None,
        "date_precision": e.date_precision,
        "place": place_dict(e.place),
        "text": e.text,
        "persons": [
            {
                "name": pm.key,
                "written": pm.written,
                "role": pm.role,
                "person_id": pm.person_id,
                "start": pm.start,
                "end": pm.end,
            }
            for pm in mentions
        ],
        "legal_refs": [
            {
                "code": r.code,
                "article": r.article,
                "part": r.part or None,
                "start": r.start,
                "end": r.end,
            }
            for r in e.legal_refs.all()
        ],
        "sanctions": [
            {
                "kind": s.kind,
                "days": s.days,
                "amount_kzt": s.amount_kzt,
                "person": s.person_key
                or (by_mention[s.mention_id].key if s.mention_id in by_mention else None),
                "person_id": by_mention[s.mention_id].person_id
                if s.mention_id in by_mention
                else None,
                "status": s.status,
                "start": s.start,
                "end": s.end,
            }
            for s in e.sanctions.all()
        ],
        "types": list(dict.fromkeys(t.type_id for t in e.types.all())),
        "sources": [
            {
                "footnote": c.footnote,
                "url": c.source.url,
                "original_url": c.original_url,
                "domain": c.source.domain,
            }
            for c in e.citations.all()
        ],
        "review_status": e.review_status,
        "created_at": e.created_at.isoformat(),
        "updated_at": e.updated_at.isoformat(),
    }


def entry_row(e: m.Entry) -> list[str | int]:
    """One CSV line: lists joined with "; " so that a spreadsheet keeps one entry per row."""
    d = entry_dict(e)
    place = d["place"] or {}
    return [
        d["id"],
        d["document"],
        d["n"],
        d["date"] or "",
        d["date_precision"],
        place.get("name") or "",
        place.get("region") or "",
        "; ".join(d["types"]),
        "; ".join(f"{p['name']} ({p['role']})" for p in d["persons"]),
        "; ".join(
            " ".join(
                x for x in (r["code"], r["article"], f"part {r['part']}" if r["part"] else "") if x
            )
            for r in d["legal_refs"]
        ),
        "; ".join(_sanction_text(s) for s in d["sanctions"]),
        "; ".join(s["url"] for s in d["sources"]),
        d["review_status"],
        d["text"],
        d["url"],
    ]


def _sanction_text(s: dict[str, Any]) -> str:
    bits = [s["kind"]]
    if s["days"]:
        bits.append(f"{s['days']} days")
    if s["amount_kzt"]:
        bits.append(f"{s['amount_kzt']} KZT")
    if s["person"]:
        bits.append(f"({s['person']})")
    bits.append(s["status"])
    return " ".join(bits)
