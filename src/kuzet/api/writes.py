"""Changes through the API: corrections and review moves. A token is required.

Writes take ``Authorization: Bearer TOKEN`` (``kuzet token NAME``, or the API token
page) and nothing else: a browser's session cookie does not authorise a write, so no
other site can make a logged-in browser change the record. The token's user needs the
role the change needs (editor to correct, reviewer to approve and publish); a refusal
is a 403 and is logged.
"""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from ninja import Router, Schema, Status
from ninja.security import HttpBearer

from ..accounts.decorators import log_refusal
from ..chronicle.errors import KuzetError
from ..store import models as m
from ..store import review
from ..store.selectors import with_details
from ..workspace.access import entry_for
from ..workspace.redaction import withholds_names
from ..workspace.serialize import entry_dict
from . import schemas as s

__all__ = ["router"]


class ApiToken(HttpBearer):
    """The token was checked by :class:`kuzet.accounts.middleware.ApiTokenAuthentication`;
    this tells ninja (and the OpenAPI document) that these endpoints need one."""

    def authenticate(self, request: HttpRequest, token: str) -> Any:
        if getattr(request, "kuzet_token_user", False):
            return request.user
        return None


router = Router(auth=ApiToken(), tags=["changes"])


class CorrectionIn(Schema):
    field: str  # date, place, persons, legal_refs, sanctions, types, confidential
    value: Any = None  # in the record format's shape for the field
    why: str = ""


class ReviewIn(Schema):
    action: str  # submit, approve, publish, return, unpublish
    comment: str = ""


def _refused(request: HttpRequest, problem: str, needed: str) -> Any:
    log_refusal(request, needed)
    return Status(403, {"detail": problem})


def _out(entry: m.Entry) -> dict[str, Any]:
    return entry_dict(with_details(m.Entry.objects.filter(pk=entry.pk)).get())


@router.post(
    "/entries/{entry_id}/corrections",
    response={200: s.EntryOut, 400: s.Error, 401: s.Error, 403: s.Error, 404: s.Error},
    summary="Correct (or confirm) one field of an entry",
)
def correct(request: HttpRequest, entry_id: int, body: CorrectionIn) -> Any:
    entry = entry_for(request.user, entry_id)
    if body.field not in review.EDIT_FIELDS:
        return Status(400, {"detail": f"field is one of: {', '.join(review.EDIT_FIELDS)}", "param": "field"})
    if withholds_names(request.user) and entry.person_mentions.filter(confidential=True).exists():
        return _refused(request, "this entry has withheld names; correcting it needs the confidential role",
                        "confidential")
    try:
        review.correct_fields(entry=entry, values={body.field: body.value}, confirm=[body.field],
                              user=request.user, why=body.why[:4000])
    except review.ReviewDenied as exc:
        return _refused(request, str(exc), "editor")
    except KuzetError as exc:
        return Status(400, {"detail": str(exc), "param": "value"})
    return _out(entry)


@router.post(
    "/entries/{entry_id}/review",
    response={200: s.EntryOut, 400: s.Error, 401: s.Error, 403: s.Error, 404: s.Error},
    summary="Move an entry through review: submit, approve, publish, return, unpublish",
)
def move(request: HttpRequest, entry_id: int, body: ReviewIn) -> Any:
    entry = entry_for(request.user, entry_id)
    try:
        entry = review.move_entry(entry=entry, action=body.action, user=request.user,
                                  comment=body.comment[:4000])
    except review.ReviewDenied as exc:
        return _refused(request, str(exc), str(exc).rsplit(" ", 1)[-1])
    except review.ReviewError as exc:
        return Status(400, {"detail": str(exc), "param": "action"})
    return _out(entry)

