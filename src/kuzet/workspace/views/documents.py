"""The ingested chronicles and what the linter found in them."""

from __future__ import annotations

from collections import Counter

from django.db.models import Count, Max, Min, Q
from django.http import HttpRequest, HttpResponse
from django.views.decorators.http import require_GET

from ...store.selectors import with_details
from ..access import document_for, visible_documents, visible_entries
from ..labels import severity_label
from ..redaction import withhold_names
from ..shown_errors import shown
from .common import cached_page, page

__all__ = ["document", "documents"]

SEVERITIES = ("error", "warning", "info")


def _severity_counts(findings: object) -> dict[str, int]:
    counts: Counter[str] = Counter()
    for f in findings if isinstance(findings, list) else []:
        if isinstance(f, dict):
            counts[str(f.get("severity", "info"))] += 1
    return {s: counts.get(s, 0) for s in SEVERITIES}


@require_GET
@cached_page
def documents(request: HttpRequest) -> HttpResponse:
    visible = visible_entries(request.user).values("pk")
    docs = (
        visible_documents(request.user)
        .annotate(
            n_entries=Count("entries", filter=Q(entries__in=visible)),
            first=Min("entries__date"),
            last=Max("entries__date"),
        )
        .order_by("-period", "key")
    )
    rows = [(d, _severity_counts(d.lint_findings)) for d in docs]
    return page(request, "workspace/documents.html", {"rows": rows}, section="documents")


@require_GET
@cached_page
def document(request: HttpRequest, key: str) -> HttpResponse:
    doc = document_for(request.user, key)
    entries = withhold_names(
        with_details(visible_entries(request.user).filter(document=doc).order_by("n")), request.user
    )
    # The linter's messages are English (as ``kuzet lint`` prints them): shown in the
    # reader's language here.
    findings = [
        {
            **f,
            "severity_shown": severity_label(str(f.get("severity"))),
            "message": shown(str(f.get("message", ""))),
        }
        for f in (doc.lint_findings or [])
        if isinstance(f, dict)
    ]
    findings.sort(
        key=lambda f: (
            SEVERITIES.index(f.get("severity", "info")) if f.get("severity") in SEVERITIES else 3,
            f.get("entry") or 0,
        )
    )
    context = {
        "doc": doc,
        "entries": entries,
        "findings": findings,
        "counts": _severity_counts(findings),
        "entry_ids": {e.n: e.pk for e in entries},
    }
    return page(request, "workspace/document.html", context, section="documents")
