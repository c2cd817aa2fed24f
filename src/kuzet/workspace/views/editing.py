"""Recording and correcting: the entry form, a new entry, a chronicle upload, a person.

Every view here needs the editor role (:func:`kuzet.accounts.decorators.role_required`)
and writes through the store's services (:mod:`kuzet.store.review`,
:mod:`kuzet.store.people`), so each change is a ``Correction`` or a decision the next
ingest respects, and an ``AuditEvent``.

An upload is held between its preview and the editor's confirmation as a file under
``KUZET_HOME/uploads/<token>/``, the token kept in the editor's session; nothing is
stored in the record until it is confirmed.
"""

from __future__ import annotations

import re
import secrets
import shutil
import time
from pathlib import Path
from typing import Any

from django.conf import settings
from django.contrib import messages
from django.db import transaction
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from ...accounts.decorators import refuse, role_required
from ...accounts.models import Role
from ...accounts.roles import confidential_role
from ...chronicle import model as cm
from ...chronicle.errors import KuzetError
from ...store import models as m
from ...store import people, review, services
from ..access import entry_for, person_for, visible_mentions
from ..edit_forms import (
    EntryFieldsForm,
    LegalRefFormSet,
    NewEntryForm,
    PersonFormSet,
    SanctionFormSet,
    UploadForm,
    entry_values,
    initial_for,
    initial_from_record,
    person_links,
    place_options,
)
from ..redaction import withholds_names
from ..shown_errors import shown

__all__ = ["edit_entry", "edit_person", "new_entry", "upload", "upload_cancel", "upload_confirm"]

UPLOADS = "kuzet_uploads"
UPLOAD_HOURS = 24  # an upload not confirmed within a day is thrown away


def _forms(data: Any = None, initial: tuple[Any, ...] | None = None) -> dict[str, Any]:
    fields, persons, refs, sanctions = initial or ({}, [], [], [])
    return {
        "fields": EntryFieldsForm(data, initial=fields),
        "persons": PersonFormSet(data, initial=persons, prefix="persons"),
        "refs": LegalRefFormSet(data, initial=refs, prefix="refs"),
        "sanctions": SanctionFormSet(data, initial=sanctions, prefix="sanctions"),
    }


def _valid(forms: dict[str, Any]) -> bool:
    return all(f.is_valid() for f in forms.values())


def _people_options() -> list[str]:
    """Existing people for the persons field's autocomplete: "Name #id"."""
    return [f"{name} #{pk}" for pk, name in m.Person.objects.order_by("name").values_list("pk", "name")[:5000]]


def _form_context(forms: dict[str, Any], **extra: Any) -> dict[str, Any]:
    persons = [f.initial.get("name") or "" for f in forms["persons"].forms if f.initial]
    return {
        **forms,
        "place_options": place_options(),
        "people_options": _people_options(),
        "entry_persons": [p for p in persons if p],
        **extra,
    }


def _save(request: HttpRequest, entry: m.Entry, forms: dict[str, Any]) -> list[str]:
    """Apply the forms to ``entry``; link rows picked from the people list."""
    values = entry_values(forms["fields"], forms["persons"], forms["refs"], forms["sanctions"])
    confirm = forms["fields"].cleaned_data["confirm"]
    why = forms["fields"].cleaned_data["why"]
    with transaction.atomic():
        written = review.correct_fields(entry=entry, values=values, confirm=confirm, user=request.user, why=why)
        _link_chosen(request, entry, person_links(forms["persons"]), why)
    return written


def _link_chosen(request: HttpRequest, entry: m.Entry, links: dict[str, int], why: str) -> None:
    """A person row picked from the list is that person: merge if the linking disagrees."""
    for key, person_id in links.items():
        mention = entry.person_mentions.filter(key=key).select_related("person").first()
        target = m.Person.objects.filter(pk=person_id).first()
        if mention is None or target is None or mention.person_id == target.pk or mention.person is None:
            continue
        people.merge_persons(persons=[target, mention.person], who=request.user.get_username(),
                             why=why or "linked in the entry form")


@role_required(Role.EDITOR)
@require_http_methods(["GET", "POST"])
def edit_entry(request: HttpRequest, pk: int) -> HttpResponse:
    entry = entry_for(request.user, pk)
    if withholds_names(request.user) and entry.person_mentions.filter(confidential=True).exists():
        # The form would show the withheld names: only the confidential role edits this.
        return refuse(request, str(confidential_role()))
    if request.method == "POST":
        forms = _forms(request.POST)
        if _valid(forms):
            try:
                written = _save(request, entry, forms)
            except KuzetError as exc:
                forms["fields"].add_error(None, shown(str(exc)))
            else:
                messages.success(request, _("Saved: %(fields)s.") % {"fields": ", ".join(written)}
                                 if written else _("Nothing changed."))
                return redirect("workspace:entry", pk=entry.pk)
    else:
        forms = _forms(initial=initial_for(entry))
    context = _form_context(forms, entry=entry, section="entries")
    return render(request, "workspace/edit/entry_form.html", context)


@role_required(Role.EDITOR)
@require_http_methods(["GET", "POST"])
def new_entry(request: HttpRequest) -> HttpResponse:
    """Type or paste a paragraph and its links; extraction fills in the fields; the
    editor corrects them and saves."""
    step = request.POST.get("step", "") if request.method == "POST" else ""
    start = NewEntryForm(request.POST or None, initial={"period": timezone.localdate().strftime("%Y-%m")})
    if not step or not start.is_valid():
        return render(request, "workspace/edit/new_entry.html", {"start": start, "section": "new"})
    text, urls, period = start.cleaned_data["text"], start.cleaned_data["urls"], start.cleaned_data["period"]
    record = _extract(text, urls, period)
    if step == "extract":
        forms = _forms(initial=initial_from_record(record))
    else:
        forms = _forms(request.POST)
        if _valid(forms):
            try:
                with transaction.atomic():
                    entry = review.record_entry(text=text, urls=urls, period=period, user=request.user,
                                                record=record)
                    _save(request, entry, forms)
            except KuzetError as exc:
                forms["fields"].add_error(None, shown(str(exc)))
            else:
                messages.success(request, _("The entry is recorded as a draft."))
                return redirect("workspace:entry", pk=entry.pk)
    context = _form_context(forms, start=start, record=record, section="new")
    return render(request, "workspace/edit/new_entry.html", context)


def _extract(text: str, urls: list[str], period: cm.Period) -> cm.Record:
    from ...chronicle.extract import extract_entry

    refs = tuple(range(1, len(urls) + 1))
    return extract_entry(cm.Entry(n=1, text=text.strip(), refs=refs), doc=str(period), period=period)


# ---------------------------------------------------------------------------- uploads


def _uploads_dir() -> Path:
    return Path(settings.KUZET_HOME) / "uploads"


def _clean_old_uploads() -> None:
    root = _uploads_dir()
    if not root.is_dir():
        return
    cutoff = time.time() - UPLOAD_HOURS * 3600
    for d in root.iterdir():
        try:
            if d.is_dir() and d.stat().st_mtime < cutoff:
                shutil.rmtree(d, ignore_errors=True)
        except OSError:
            continue


def _safe_name(name: str) -> str:
    base = Path(name.replace("\\", "/")).name
    stem, dot, ext = base.rpartition(".")
    stem = re.sub(r"[^\w.-]+", "_", stem if dot else base)[:100] or "chronicle"
    ext = re.sub(r"[^\w]+", "", ext)[:8] if dot else ""
    return f"{stem}.{ext}" if ext else stem


def _held(request: HttpRequest, token: str) -> dict[str, Any]:
    held = request.session.get(UPLOADS, {}).get(token)
    if not held or not re.fullmatch(r"[\w-]{10,64}", token):
        raise Http404("no such upload")
    path = _uploads_dir() / token / held["name"]
    if not path.is_file():
        raise Http404("no such upload")
    return {**held, "path": path}


def _forget(request: HttpRequest, token: str) -> None:
    uploads = request.session.get(UPLOADS, {})
    uploads.pop(token, None)
    request.session[UPLOADS] = uploads
    if re.fullmatch(r"[\w-]{10,64}", token):
        shutil.rmtree(_uploads_dir() / token, ignore_errors=True)


@role_required(Role.EDITOR)
@require_http_methods(["GET", "POST"])
def upload(request: HttpRequest) -> HttpResponse:
    """A chronicle file: read, lint and extract it, and show what would be stored."""
    max_bytes = settings.KUZET_MAX_UPLOAD_MB * 2**20
    form = UploadForm(request.POST or None, request.FILES or None, max_bytes=max_bytes)
    if request.method == "POST" and form.is_valid():
        _clean_old_uploads()
        token = secrets.token_urlsafe(16)
        name = _safe_name(form.cleaned_data["file"].name)
        folder = _uploads_dir() / token
        folder.mkdir(parents=True, exist_ok=True)
        with (folder / name).open("wb") as out:
            for chunk in form.cleaned_data["file"].chunks():
                out.write(chunk)
        period = form.cleaned_data["period"]
        try:
            preview = _preview(folder / name, period)
        except KuzetError as exc:
            shutil.rmtree(folder, ignore_errors=True)
            form.add_error("file", shown(str(exc)))
        else:
            uploads = request.session.get(UPLOADS, {})
            uploads[token] = {"name": name, "period": str(period) if period else "", "at": time.time()}
            request.session[UPLOADS] = uploads
            return render(request, "workspace/edit/upload_preview.html",
                          {**preview, "token": token, "section": "upload"})
    return render(request, "workspace/edit/upload.html",
                  {"form": form, "max_mb": settings.KUZET_MAX_UPLOAD_MB, "section": "upload"})


def _preview(path: Path, period: cm.Period | None) -> dict[str, Any]:
    from ...chronicle.extract import extract_document
    from ...chronicle.lint import lint
    from ...chronicle.read import read_document

    document = read_document(path, period=period)
    findings = list(lint(document))
    records = extract_document(document)
    key = services.document_key(document)
    stored = m.Document.objects.filter(key=key).first()
    return {
        "document": document,
        "key": key,
        "stored": stored,
        "stored_entries": stored.entries.count() if stored else 0,
        "findings": findings,
        "errors": sum(1 for f in findings if f.severity == "error"),
        "records": [r.to_dict() for r in records],
    }


@role_required(Role.EDITOR)
@require_POST
def upload_confirm(request: HttpRequest, token: str) -> HttpResponse:
    held = _held(request, token)
    period = cm.Period.parse(held["period"]) if held["period"] else None
    force = request.POST.get("force") == "on"
    try:
        report = services.ingest_file(held["path"], period=period, status=m.ReviewStatus.DRAFT, force=force,
                                      who=request.user.get_username())
    except KuzetError as exc:
        messages.error(request, shown(str(exc)))
        return redirect("review:upload")
    _forget(request, token)
    messages.success(request, _("%(name)s: %(outcome)s, %(n)d entries (%(added)d added, %(changed)d changed, "
                                "%(removed)d removed).") % {
        "name": report.name, "outcome": report.outcome, "n": report.entries, "added": len(report.added),
        "changed": len(report.changed), "removed": len(report.removed)})
    return redirect(reverse("workspace:document", args=[report.key]))


@role_required(Role.EDITOR)
@require_POST
def upload_cancel(request: HttpRequest, token: str) -> HttpResponse:
    _forget(request, token)
    messages.info(request, _("The upload is cancelled; nothing was stored."))
    return redirect("review:upload")


# ---------------------------------------------------------------------------- people


@role_required(Role.EDITOR)
@require_http_methods(["GET", "POST"])
def edit_person(request: HttpRequest, pk: int) -> HttpResponse:
    """Rename a person, write notes, merge with another person, split mentions off."""
    person = person_for(request.user, pk)
    if request.method == "POST":
        try:
            target = _person_action(request, person)
        except KuzetError as exc:
            messages.error(request, shown(str(exc)))
        else:
            return redirect("workspace:person", pk=target.pk)
    mentions = (
        visible_mentions(request.user).filter(person=person)
        .select_related("entry__document").order_by("entry__document__key", "entry__n")
    )
    context = {"person": person, "mentions": mentions, "people_options": _people_options(),
               "section": "persons"}
    return render(request, "workspace/edit/person_form.html", context)


def _person_action(request: HttpRequest, person: m.Person) -> m.Person:
    action = request.POST.get("action", "")
    why = request.POST.get("why", "").strip()[:2000]
    who = request.user.get_username()
    if action == "rename":
        return review.rename_person(person=person, name=request.POST.get("name", ""), user=request.user, why=why)
    if action == "notes":
        return review.set_person_notes(person=person, notes=request.POST.get("notes", "")[:20000],
                                       user=request.user)
    if action == "merge":
        other = _person_named(request, request.POST.get("other", ""))
        return people.merge_persons(persons=[person, other], who=who, why=why)
    if action == "split":
        ids = [int(x) for x in request.POST.getlist("mention") if x.isdigit()]
        chosen = list(visible_mentions(request.user).filter(person=person, pk__in=ids))
        new, _kept = people.split_person(person=person, mentions=chosen, who=who, why=why)
        return new
    raise review.ReviewError("unknown action")


def _person_named(request: HttpRequest, value: str) -> m.Person:
    match = re.search(r"#(\d{1,18})\s*$", value.strip())
    if match is None:
        found = [p for p in people.find_persons(value) if p.pk]
        if len(found) != 1:
            raise review.ReviewError(
                _("choose the person to merge with from the list") if found else _("nobody has that name")
            )
        return person_for(request.user, found[0].pk)
    return person_for(request.user, int(match.group(1)))
