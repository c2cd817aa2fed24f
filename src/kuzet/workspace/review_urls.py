"""Addresses of recording, review and the audit trail (namespace ``review``)."""

from __future__ import annotations

from django.urls import path, re_path

from .views import editing, review

app_name = "review"

urlpatterns = [
    path("entries/new/", editing.new_entry, name="new_entry"),
    path("entries/<int:pk>/edit/", editing.edit_entry, name="edit_entry"),
    path("entries/<int:pk>/review/", review.move, name="move"),
    path("review/", review.queue, name="queue"),
    path("review/bulk/", review.bulk_move, name="bulk_move"),
    path("upload/", editing.upload, name="upload"),
    path("upload/<str:token>/confirm/", editing.upload_confirm, name="upload_confirm"),
    path("upload/<str:token>/cancel/", editing.upload_cancel, name="upload_cancel"),
    path("persons/<int:pk>/edit/", editing.edit_person, name="edit_person"),
    path("audit/", review.audit, name="audit"),
    re_path(r"^audit/export\.(?P<fmt>csv|jsonl)$", review.audit_export, name="audit_export"),
]
