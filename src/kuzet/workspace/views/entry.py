"""One entry: its text with every extracted value marked where it came from, and the
structured fields beside it."""

from __future__ import annotations

from dataclasses import dataclass

from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from ...store import models as m
from ...store.selectors import with_details
from ..access import entry_for, visible_entries
from ..articles import article_title
from ..highlight import Span, pieces
from ..labels import (
    FIELD_LABELS,
    ROLE_LABELS,
    code_label,
    sanction_label,
    sanction_status_label,
    type_label,
)
from ..redaction import withhold_names
from ..templatetags.kuzet import duration, entry_date, tenge
from .common import cached_page, page
from .review import log_confidential_view

__all__ = ["entry"]


@dataclass(frozen=True, slots=True)
class LegalRefView:
    ref: m.LegalRef
    span: str
    title: str | None
    code_name: str

    @property
    def label(self) -> str:
        part = _(", part %(p)s") % {"p": self.ref.part} if self.ref.part else ""
        return f"{self.ref.code} {self.ref.article}{part}"


def _spans(e: m.Entry, refs: list[LegalRefView]) -> list[Span]:
    f = {k: str(v) for k, v in FIELD_LABELS.items()}
    out: list[Span] = []
    if e.date_start is not None and e.date_end is not None:
        out.append(Span(e.date_start, e.date_end, "date", f"{f['date']}: {entry_date(e)}", "d"))
    if e.place_start is not None and e.place_end is not None and e.place:
        out.append(Span(e.place_start, e.place_end, "place", f"{f['place']}: {e.place.name}", "p"))
    for pm in e.person_mentions.all():
        if pm.start is not None and pm.end is not None:
            role = ROLE_LABELS.get(pm.role, pm.role)
            out.append(
                Span(pm.start, pm.end, "person", f"{f['person']}: {pm.key} ({role})", f"m{pm.pk}")
            )
    for r in refs:
        if r.ref.start is not None and r.ref.end is not None:
            title = f" — {r.title}" if r.title else ""
            out.append(
                Span(
                    r.ref.start,
                    r.ref.end,
                    "legal_ref",
                    f"{f['legal_ref']}: {r.label}{title}",
                    r.span,
                )
            )
    for s in e.sanctions.all():
        if s.start is not None and s.end is not None:
            out.append(
                Span(s.start, s.end, "sanction", f"{f['sanction']}: {sanction_text(s)}", f"s{s.pk}")
            )
    for t in e.types.all():
        if t.start is not None and t.end is not None:
            out.append(
                Span(t.start, t.end, "type", f"{f['type']}: {type_label(t.type_id)}", f"t{t.pk}")
            )
    return out


def sanction_text(s: m.Sanction) -> str:
    bits = [sanction_label(s.kind)]
    if s.days:
        bits.append(duration(s.days))
    if s.amount_kzt:
        bits.append(tenge(s.amount_kzt))
    return " · ".join(bits) + f" ({sanction_status_label(s.status)})"


def neighbours(e: m.Entry, user: object) -> tuple[m.Entry | None, m.Entry | None]:
    """The entries before and after this one in its document (among those the user sees)."""
    same_doc = visible_entries(user).filter(document_id=e.document_id)
    before = same_doc.filter(n__lt=e.n).order_by("-n").only("pk", "n", "date", "text").first()
    after = same_doc.filter(n__gt=e.n).order_by("n").only("pk", "n", "date", "text").first()
    return before, after


@require_GET
@cached_page
def entry(request: HttpRequest, pk: int) -> HttpResponse:
    e = entry_for(request.user, pk)
    e = (
        with_details(m.Entry.objects.filter(pk=e.pk))
        .prefetch_related("person_mentions__person")
        .get()
    )
    withhold_names([e], request.user)
    log_confidential_view(request, e)
    refs = [
        LegalRefView(
            r, f"l{r.pk}", article_title(r.code, r.article, r.part or None), code_label(r.code)
        )
        for r in e.legal_refs.all()
    ]
    mentions = list(e.person_mentions.all())
    by_mention = {pm.pk: pm for pm in mentions}
    sanctions = [
        (s, by_mention.get(s.mention_id) if s.mention_id else None) for s in e.sanctions.all()
    ]
    types = list({t.type_id: t for t in e.types.all()}.values())
    citations = list(e.citations.all())
    before, after = neighbours(e, request.user)
    context = {
        "entry": e,
        "pieces": pieces(e.text, _spans(e, refs)),
        "mentions": mentions,
        "refs": refs,
        "sanctions": sanctions,
        "types": types,
        "citations": citations,
        "before": before,
        "after": after,
        "field_labels": [(k, str(v)) for k, v in FIELD_LABELS.items()],
        "findings": [
            f
            for f in (e.document.lint_findings or [])
            if isinstance(f, dict) and f.get("entry") == e.n
        ],
    }
    return page(request, "workspace/entry.html", context, section="entries")
