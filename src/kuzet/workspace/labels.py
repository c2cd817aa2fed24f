"""Human labels (translatable) and colours for the record's codes.

The record stores stable codes (``administrative_arrest``, ``CAO``, ``in_review``);
people read labels. An organisation's own event types, unknown here, fall back to
their code with the underscores turned into spaces.
"""

from __future__ import annotations

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

__all__ = [
    "CODE_LABELS",
    "FIELD_LABELS",
    "MOVE_LABELS",
    "ROLE_LABELS",
    "SANCTION_LABELS",
    "STATUS_LABELS",
    "TYPE_LABELS",
    "code_label",
    "move_label",
    "sanction_label",
    "status_label",
    "type_colour",
    "type_label",
]

TYPE_LABELS: dict[str, Promise] = {
    "detention": _("detention"),
    "administrative_case": _("administrative case"),
    "administrative_arrest": _("administrative arrest"),
    "administrative_fine": _("administrative fine"),
    "criminal_case": _("criminal case"),
    "pretrial_restraint": _("pre-trial restraint"),
    "criminal_sentence": _("criminal sentence"),
    "appeal": _("appeal"),
    "trial": _("trial"),
    "assembly_refusal": _("assembly refusal"),
    "protest": _("protest"),
    "hunger_strike": _("hunger strike"),
    "torture": _("torture"),
    "violence": _("violence"),
    "press_freedom": _("press freedom"),
    "legislation": _("legislation"),
    "statement": _("statement"),
    "publication": _("publication"),
    "lawsuit": _("lawsuit"),
    "harassment": _("harassment"),
    "remedy": _("remedy"),
    "political_prisoner": _("political prisoner"),
}

# Colour-blind-aware categorical colours (Okabe-Ito and Tableau tones), dark enough for
# white text on badges (contrast >= 4.5:1) and distinct as map markers.
_TYPE_COLOURS: dict[str, str] = {
    "detention": "#b3361b",
    "administrative_case": "#8a5a00",
    "administrative_arrest": "#c0392b",
    "administrative_fine": "#9a6700",
    "criminal_case": "#5b3f9e",
    "pretrial_restraint": "#7b2e8c",
    "criminal_sentence": "#3d2b7a",
    "appeal": "#3c5a99",
    "trial": "#2f6f9f",
    "assembly_refusal": "#0b6e4f",
    "protest": "#1d7a3a",
    "hunger_strike": "#8c3b3b",
    "torture": "#6b1020",
    "violence": "#a3123f",
    "press_freedom": "#00607a",
    "legislation": "#4a5560",
    "statement": "#2c6e6a",
    "publication": "#55606e",
    "lawsuit": "#35628c",
    "harassment": "#8e3f72",
    "remedy": "#2e7d32",
    "political_prisoner": "#5d1d5b",
}
_FALLBACK_COLOURS = ("#4a5560", "#6a4c93", "#1f6f8b", "#8a4f1d", "#2f6b3b", "#7a3b5a")

SANCTION_LABELS: dict[str, Promise] = {
    "imprisonment": _("imprisonment"),
    "restriction_of_liberty": _("restriction of liberty"),
    "probation": _("probation"),
    "conditional_sentence": _("conditional sentence"),
    "administrative_arrest": _("administrative arrest"),
    "fine": _("fine"),
    "warning": _("warning"),
    "pretrial_detention": _("pre-trial detention"),
    "house_arrest": _("house arrest"),
    "other": _("other measure"),
}

SANCTION_STATUS_LABELS: dict[str, Promise] = {
    "imposed": _("imposed"),
    "requested": _("requested"),
    "upheld": _("upheld"),
    "served": _("served"),
}

CODE_LABELS: dict[str, Promise] = {
    "CC": _("Criminal Code"),
    "CAO": _("Code of Administrative Offences"),
    "CPC": _("Criminal Procedure Code"),
    "OTHER": _("other law"),
}

CODE_SHORT: dict[str, Promise] = {
    "CC": _("CC"),
    "CAO": _("CAO"),
    "CPC": _("CPC"),
    "OTHER": _("other"),
}

STATUS_LABELS: dict[str, Promise] = {
    "draft": _("draft"),
    "in_review": _("in review"),
    "verified": _("verified"),
    "published": _("published"),
}

FIELD_LABELS: dict[str, Promise] = {
    "date": _("date"),
    "place": _("place"),
    "person": _("person"),
    "legal_ref": _("legal reference"),
    "sanction": _("sanction"),
    "type": _("event type"),
}

ROLE_LABELS: dict[str, Promise] = {
    "subject": _("subject"),
    "other": _("mentioned"),
}

KIND_LABELS: dict[str, Promise] = {
    "city": _("city"),
    "settlement": _("settlement"),
    "district": _("district"),
    "region": _("region"),
    "country": _("country"),
}


def _plain(code: str) -> str:
    return code.replace("_", " ")


def type_label(code: str) -> str:
    return str(TYPE_LABELS.get(code, _plain(code)))


def type_colour(code: str) -> str:
    if code in _TYPE_COLOURS:
        return _TYPE_COLOURS[code]
    # Stable across runs (unlike hash()), so a custom type keeps its colour.
    return _FALLBACK_COLOURS[sum(map(ord, code)) % len(_FALLBACK_COLOURS)]


def sanction_label(kind: str) -> str:
    return str(SANCTION_LABELS.get(kind, _plain(kind)))


def code_label(code: str) -> str:
    return str(CODE_LABELS.get(code, code))


def code_short(code: str) -> str:
    return str(CODE_SHORT.get(code, code))


# How bad a linter's finding is (kuzet.chronicle.lint.SEVERITIES).
SEVERITY_LABELS: dict[str, Promise] = {
    "error": pgettext_lazy("lint severity", "error"),
    "warning": pgettext_lazy("lint severity", "warning"),
    "info": pgettext_lazy("lint severity", "info"),
}


def severity_label(severity: str) -> str:
    return str(SEVERITY_LABELS.get(severity, severity))


# Review moves (kuzet.store.review.MOVES): what the buttons and messages say.
MOVE_LABELS: dict[str, Promise] = {
    "submit": _("submit for review"),
    "approve": _("approve"),
    "publish": _("publish"),
    "return": _("return"),
    "unpublish": _("unpublish"),
}


def move_label(action: str) -> str:
    return str(MOVE_LABELS.get(action, _plain(action)))


def status_label(status: str) -> str:
    return str(STATUS_LABELS.get(status, _plain(status)))


def sanction_status_label(status: str) -> str:
    return str(SANCTION_STATUS_LABELS.get(status, _plain(status)))


def kind_label(kind: str) -> str:
    return str(KIND_LABELS.get(kind, _plain(kind)))


# Labels for the reason ids of the store's refusal rules (``lang/<language>/refusals.yaml``);
# an id not listed here shows the rules' own label.
REASON_LABELS: dict[str, Promise] = {
    "other_event": _("another event planned at the place or time"),
    "works": _("repairs or improvement works"),
    "not_designated": _("place not designated for assemblies"),
    "procedure": _("notification incomplete, wrongly filed or late"),
    "epidemic": _("quarantine or epidemic restrictions"),
    "security": _("threat to public order or safety"),
    "no_reason": _("no reason given"),
}


def reason_label(code: str, fallback: str) -> str:
    return str(REASON_LABELS.get(code, fallback))
