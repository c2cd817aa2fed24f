"""The review queue, review moves, and the audit trail (shown and exported).

    queue            entries waiting for a reviewer (or returned to their editor),
                     each with its sources and extracted values, approve/return forms
    move             one review move on one entry (POST)
    bulk_move        the same move on the entries ticked in the queue (POST)
    audit            recent history, for admins; audit_export: all of it, CSV or JSONL

``log_confidential_view`` is called by the entry page and the API: viewing a
confidential entry, or one with a confidential name, by someone who sees it whole,
leaves a ``view`` event in the history.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterator

from django.contrib import messages
from django.core.paginator import Paginator
from django.db.models import Count
from django.http import HttpRequest, HttpResponse, StreamingHttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from ...accounts.decorators import role_required
from ...accounts.models import Role
from ...store import models as m
from ...store import review
from ...store.selectors import with_details
from ..access import entry_for, visible_entries
from ..audit_labels import action_label
from ..labels import move_label
from ..redaction import withhold_names, withholds_names
from ..shown_errors import shown

__all__ = ["audit", "audit_export", "bulk_move", "log_confidential_view", "move", "queue"]

QUEUE_PAGE = 25
AUDIT_PAGE = 100
TABS = (
    ("in_review", m.ReviewStatus.IN_REVIEW),
    ("verified", m.ReviewStatus.VERIFIED),
    ("draft", m.ReviewStatus.DRAFT),
    ("published", m.ReviewStatus.PUBLISHED),
)


def log_confidential_view(request: HttpRequest, entry: m.Entry) -> None:
    """Log the view when the user sees a confidential entry or name in full."""
    user = request.user
    if not getattr(user, "is_authenticated", False) or withholds_names(user):
        return
    secret = entry.confidential or any(pm.confidential for pm in entry.person_mentions.all())
    if secret:
        how = "api" if request.path.startswith("/api/") else "page"
        review.log_view(entry=entry, user=user, how=how)


@require_GET
@role_required(Role.EDITOR)
def queue(request: HttpRequest) -> HttpResponse:
    status = request.GET.get("status", "in_review")
    if status not in dict(TABS):
        status = "in_review"
    qs = with_details(visible_entries(request.user).filter(review_status=status)).order_by(
        "document__key", "n"
    )
    doc = request.GET.get("document", "")
    if doc:
        qs = qs.filter(document__key=doc[:200])
    paginator = Paginator(qs, QUEUE_PAGE)
    page = paginator.get_page(request.GET.get("page") or 1)
    entries = withhold_names(page.object_list, request.user)
    returned = {
        ev.object_id: ev
        for ev in m.AuditEvent.objects.filter(
            object_type="entry", object_id__in=[str(e.pk) for e in entries], action__in=("return", "unpublish")
        ).order_by("at", "id")
    }
    items = [(e, review.moves_for(e, request.user), returned.get(str(e.pk))) for e in entries]
    counts = dict(
        visible_entries(request.user).order_by().values_list("review_status").annotate(n=Count("pk"))
    )
    context = {
        "items": items,
        "page_obj": page,
        "status": status,
        "tabs": [(key, counts.get(value, 0)) for key, value in TABS],
        "document": doc,
        "bulk_moves": [mv.action for mv in review.moves_for(_Probe(status), request.user)  # type: ignore[arg-type]
                       if not mv.needs_comment],
        "section": "review",
    }
    return render(request, "workspace/edit/queue.html", context)


class _Probe:
    """An entry-like object with only a status, to ask which moves a user may make."""

    def __init__(self, status: str) -> None:
        self.review_status = status


def _back(request: HttpRequest, fallback: str) -> HttpResponse:
    target = request.POST.get("next", "")
    if target and url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}):
        return redirect(target)
    return redirect(fallback)


@require_POST
@role_required(Role.EDITOR)
def move(request: HttpRequest, pk: int) -> HttpResponse:
    entry = entry_for(request.user, pk)
    action = request.POST.get("action", "")
    try:
        review.move_entry(entry=entry, action=action, user=request.user,
                          comment=request.POST.get("comment", "")[:4000])
    except review.ReviewDenied as exc:
        from ...accounts.decorators import refuse

        return refuse(request, str(exc).rsplit(" ", 1)[-1])
    except review.ReviewError as exc:
        messages.error(request, shown(str(exc)))
    else:
        messages.success(request, _("Entry %(doc)s #%(n)d: %(action)s.") % {
            "doc": entry.document.key, "n": entry.n, "action": move_label(action)})
    return _back(request, reverse("workspace:entry", args=[entry.pk]))


@require_POST
@role_required(Role.EDITOR)
def bulk_move(request: HttpRequest) -> HttpResponse:
    action = request.POST.get("action", "")
    ids = [int(x) for x in request.POST.getlist("entry") if x.isdigit()][:500]
    done = 0
    problems = []
    for entry in visible_entries(request.user).filter(pk__in=ids).select_related("document"):
        try:
            review.move_entry(entry=entry, action=action, user=request.user)
            done += 1
        except review.ReviewDenied as exc:
            from ...accounts.decorators import refuse

            return refuse(request, str(exc).rsplit(" ", 1)[-1])
        except review.ReviewError as exc:
            problems.append(f"{entry.document.key} #{entry.n}: {shown(str(exc))}")
    if done:
        messages.success(request, _("%(action)s: %(n)d entries.") % {"action": capfirst(move_label(action)), "n": done})
    for p in problems[:10]:
        messages.error(request, p)
    return _back(request, reverse("review:queue"))


@require_GET
@role_required(Role.ADMIN)
def audit(request: HttpRequest) -> HttpResponse:
    qs = m.AuditEvent.objects.order_by("-at", "-id")
    action = request.GET.get("action", "")[:30]
    if action:
        qs = qs.filter(action=action)
    page = Paginator(qs, AUDIT_PAGE).get_page(request.GET.get("page") or 1)
    stored = m.AuditEvent.objects.order_by("action").values_list("action", flat=True).distinct()
    # the filter names each stored action in the reader's language, in that order
    actions = sorted(((a, action_label(a)) for a in stored), key=lambda pair: pair[1])
    return render(request, "workspace/edit/audit.html",
                  {"page_obj": page, "action": action, "actions": actions, "section": "users"})


@require_GET
@role_required(Role.ADMIN)
def audit_export(request: HttpRequest, fmt: str) -> StreamingHttpResponse:
    """The whole audit trail, oldest first: CSV or JSON Lines (``kuzet audit`` too)."""
    events = review.audit_events().iterator(chunk_size=2000)
    if fmt == "csv":
        response = StreamingHttpResponse(_csv(events), content_type="text/csv; charset=utf-8")
    else:
        response = StreamingHttpResponse(_jsonl(events), content_type="application/x-ndjson; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="kuzet-audit.{fmt}"'
    return response


def _csv(events: Iterator[m.AuditEvent]) -> Iterator[str]:
    buf = io.StringIO()
    writer = csv.writer(buf)
    writer.writerow(review.AUDIT_COLUMNS)
    yield "\ufeff" + buf.getvalue()
    for ev in events:
        buf.seek(0)
        buf.truncate()
        d = review.audit_dict(ev)
        writer.writerow([
            json.dumps(d[c], ensure_ascii=False) if c in ("old", "new") and d[c] is not None else d[c]
            for c in review.AUDIT_COLUMNS
        ])
        yield buf.getvalue()


def _jsonl(events: Iterator[m.AuditEvent]) -> Iterator[str]:
    for ev in events:
        yield json.dumps(review.audit_dict(ev), ensure_ascii=False) + "\n"
