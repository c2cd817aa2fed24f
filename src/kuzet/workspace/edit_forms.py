"""Forms for recording and correcting entries (Django forms and formsets).

An entry's fields map to the store's correction values (``kuzet.store.services``):
``date`` "YYYY-MM-DD" / "YYYY-MM" / "YYYY"; ``place`` a gazetteer place, written
"Name (Region)" as the autocomplete offers it; ``persons``, ``legal_refs`` and
``sanctions`` one formset row each; ``types`` taxonomy ids; ``confidential``.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any

from django import forms
from django.forms import formset_factory
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from ..chronicle import model as cm
from ..chronicle.knowledge import default_knowledge
from ..store import models as m
from .labels import CODE_LABELS, ROLE_LABELS, SANCTION_LABELS, SANCTION_STATUS_LABELS, type_label

__all__ = [
    "EntryFieldsForm",
    "LegalRefFormSet",
    "NewEntryForm",
    "PersonFormSet",
    "SanctionFormSet",
    "UploadForm",
    "entry_values",
    "initial_for",
    "place_label",
    "place_options",
]

_DATE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")
_PERIOD = re.compile(r"^\d{4}-\d{2}$")
_LINK = re.compile(r"#(\d{1,18})\s*\)?\s*$")
MAX_TEXT = 20_000
MAX_URLS = 50


def place_label(name: str, region: str | None, kind: str) -> str:
    """How a place is written in the form: "Kaskelen (Almaty Region)"."""
    return f"{name} ({region})" if region else (name if kind != "country" else f"{name} (country)")


@lru_cache(maxsize=1)
def _gazetteer_places() -> dict[str, dict[str, Any]]:
    out: dict[str, dict[str, Any]] = {}
    for g in default_knowledge().gazetteer.entries():
        out[place_label(g.name, g.region, g.kind)] = {
            "name": g.name, "kind": g.kind, "region": g.region, "country": g.country,
        }
    return out


def place_options() -> list[str]:
    """What the place field's autocomplete offers: the gazetteer's places."""
    return sorted(_gazetteer_places())


def _place_value(text: str) -> dict[str, Any] | None:
    """The place a label names: a gazetteer place, or one already in the store."""
    text = " ".join(text.split())
    if not text:
        return None
    places = _gazetteer_places()
    if text in places:
        return places[text]
    by_name = [v for v in places.values() if v["name"].lower() == text.lower()]
    if len(by_name) == 1:
        return by_name[0]
    for p in m.Place.objects.select_related("region").filter(name__iexact=text.split(" (")[0])[:5]:
        if place_label(p.name, p.region.name if p.region else None, p.kind).lower() == text.lower():
            return {"name": p.name, "kind": p.kind, "region": p.region.name if p.region else None,
                    "country": p.country, "known": p.known}
    if by_name:
        raise forms.ValidationError(_("Several places have this name; choose one from the list."))
    raise forms.ValidationError(_("Not a place Kuzet knows; choose one from the list."))


class EntryFieldsForm(forms.Form):
    date = forms.CharField(
        label=_("Date"), required=False, max_length=10,
        help_text=_("YYYY-MM-DD, or YYYY-MM when only the month is known"),
    )
    place = forms.CharField(label=_("Place"), required=False, max_length=300,
                            widget=forms.TextInput(attrs={"list": "gazetteer", "autocomplete": "off"}))
    types = forms.MultipleChoiceField(label=_("Event types"), required=False,
                                      widget=forms.CheckboxSelectMultiple)
    confidential = forms.BooleanField(
        label=_("Confidential: only the confidential role and above may see this entry"), required=False
    )
    confirm = forms.MultipleChoiceField(required=False, widget=forms.CheckboxSelectMultiple, choices=[
        ("date", _("date")), ("place", _("place")), ("persons", _("persons")),
        ("legal_refs", _("legal references")), ("sanctions", _("sanctions")), ("types", _("event types")),
    ])
    why = forms.CharField(label=_("Why (kept in the history)"), required=False, max_length=2000,
                          widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        ids = list(default_knowledge().taxonomy.ids)
        # An organisation's own types on an entry stay choosable (and so survive a save).
        posted = self.data.getlist("types") if hasattr(self.data, "getlist") else []
        ids += [t for t in [*(self.initial.get("types") or []), *posted] if t not in ids and t]
        self.fields["types"].choices = [(t, type_label(t)) for t in dict.fromkeys(ids)]  # type: ignore[attr-defined]

    def clean_date(self) -> str | None:
        value = self.cleaned_data["date"].strip()
        if not value:
            return None
        if not _DATE.match(value):
            raise forms.ValidationError(_("Write the date as YYYY-MM-DD, YYYY-MM or YYYY."))
        from ..store.services import CorrectionError, _parse_date

        try:
            _parse_date(value)
        except CorrectionError:
            raise forms.ValidationError(_("There is no such day.")) from None
        return value

    def clean_place(self) -> dict[str, Any] | None:
        return _place_value(self.cleaned_data["place"])


class PersonForm(forms.Form):
    name = forms.CharField(label=_("Name (Surname I.)"), max_length=300, required=False,
                           widget=forms.TextInput(attrs={"list": "people", "autocomplete": "off"}))
    role = forms.ChoiceField(label=_("Role"), choices=list(ROLE_LABELS.items()), initial="subject")
    confidential = forms.BooleanField(label=_("Withhold name"), required=False)

    def clean_name(self) -> str:
        return " ".join(self.cleaned_data["name"].split())


class LegalRefForm(forms.Form):
    code = forms.ChoiceField(label=pgettext_lazy("legal code", "Code"), choices=list(CODE_LABELS.items()))
    article = forms.RegexField(label=_("Article"), max_length=20, required=False,
                               regex=r"^\d+(?:[-.]\d+)*$",
                               error_messages={"invalid": _("An article number, like 174 or 147-1.")})
    part = forms.RegexField(label=_("Part"), max_length=20, required=False, regex=r"^[\w.-]+$")


class SanctionForm(forms.Form):
    kind = forms.ChoiceField(label=_("Sanction"), choices=[("", "—"), *SANCTION_LABELS.items()],
                             required=False)
    days = forms.IntegerField(label=_("Days"), required=False, min_value=0, max_value=100 * 366)
    amount_kzt = forms.IntegerField(label=_("Tenge"), required=False, min_value=0, max_value=10**12)
    person = forms.CharField(label=_("Person"), max_length=300, required=False,
                             widget=forms.TextInput(attrs={"list": "entry-persons", "autocomplete": "off"}))
    status = forms.ChoiceField(label=_("Status"), choices=list(SANCTION_STATUS_LABELS.items()),
                               initial="imposed")

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # A kind or status the extractor knows but the menu does not must survive a save.
        for name in ("kind", "status"):
            value = (self.initial or {}).get(name) or (self.data.get(self.add_prefix(name)) if self.data else None)
            field = self.fields[name]
            if value and value not in dict(field.choices):  # type: ignore[attr-defined]
                field.choices = [*field.choices, (value, str(value).replace("_", " "))]  # type: ignore[attr-defined]


PersonFormSet = formset_factory(PersonForm, extra=2, can_delete=True, max_num=200)
LegalRefFormSet = formset_factory(LegalRefForm, extra=2, can_delete=True, max_num=100)
SanctionFormSet = formset_factory(SanctionForm, extra=2, can_delete=True, max_num=100)


def _rows(formset: Any, keep: Any) -> list[dict[str, Any]]:
    return [
        f.cleaned_data
        for f in formset.forms
        if f.cleaned_data and not f.cleaned_data.get("DELETE") and keep(f.cleaned_data)
    ]


def entry_values(fields: EntryFieldsForm, persons: Any, refs: Any, sanctions: Any) -> dict[str, Any]:
    """Correction values from valid forms (blank rows and deleted rows left out)."""
    d = fields.cleaned_data
    people = []
    for p in _rows(persons, lambda r: r.get("name")):
        name = _LINK.sub("", p["name"]).strip()
        people.append({"name": name, "role": p["role"], **({"confidential": True} if p["confidential"] else {})})
    return {
        "date": d["date"],
        "place": d["place"],
        "persons": people,
        "legal_refs": [
            {"code": r["code"], "article": r["article"], "part": r["part"] or None}
            for r in _rows(refs, lambda r: r.get("article"))
        ],
        "sanctions": [
            {
                "kind": s["kind"], "days": s["days"], "amount_kzt": s["amount_kzt"],
                "person": _LINK.sub("", s["person"]).strip() or None, "status": s["status"],
            }
            for s in _rows(sanctions, lambda r: r.get("kind"))
        ],
        "types": list(d["types"]),
        "confidential": bool(d["confidential"]),
    }


def person_links(persons: Any) -> dict[str, int]:
    """Rows whose name was picked from the people list ("Name #12"): name -> person id."""
    out = {}
    for p in _rows(persons, lambda r: r.get("name")):
        match = _LINK.search(p["name"])
        if match:
            out[_LINK.sub("", p["name"]).strip()] = int(match.group(1))
    return out


def initial_for(entry: m.Entry) -> tuple[dict[str, Any], list[dict[str, Any]], list[dict[str, Any]], list[dict[str, Any]]]:
    """The forms' initial values from a stored entry."""
    from ..store.services import current_value

    place = entry.place
    fields = {
        "date": current_value(entry, "date") or "",
        "place": place_label(place.name, place.region.name if place.region else None, place.kind) if place else "",
        "types": current_value(entry, "types"),
        "confidential": entry.confidential,
    }
    persons = [
        {"name": p.key, "role": p.role, "confidential": p.confidential}
        for p in entry.person_mentions.order_by("id")
    ]
    refs = [{"code": r["code"], "article": r["article"], "part": r["part"] or ""}
            for r in current_value(entry, "legal_refs")]
    sanctions = [{**s, "person": s["person"] or ""} for s in current_value(entry, "sanctions")]
    return fields, persons, refs, sanctions


def initial_from_record(record: cm.Record) -> tuple[dict[str, Any], list[dict[str, Any]], list[dict[str, Any]], list[dict[str, Any]]]:
    """The forms' initial values from what extraction found in a new paragraph."""
    d = record.to_dict()
    place = d.get("place") or None
    fields = {
        "date": d.get("date") or "",
        "place": place_label(place["name"], place.get("region"), place["kind"]) if place else "",
        "types": list(d.get("types") or []),
        "confidential": False,
    }
    persons = [{"name": p["name"], "role": p.get("role", "other"), "confidential": False}
               for p in d.get("persons") or []]
    refs = [{"code": r["code"], "article": r["article"], "part": r.get("part") or ""}
            for r in d.get("legal_refs") or []]
    sanctions = [{"kind": s["kind"], "days": s.get("days"), "amount_kzt": s.get("amount_kzt"),
                  "person": s.get("person") or "", "status": s.get("status", "imposed")}
                 for s in d.get("sanctions") or []]
    return fields, persons, refs, sanctions


class NewEntryForm(forms.Form):
    """The paragraph and its sources, before extraction."""

    text = forms.CharField(label=_("The entry, as it will read in the chronicle"), max_length=MAX_TEXT,
                           widget=forms.Textarea(attrs={"rows": 8}))
    urls = forms.CharField(label=_("Sources, one link per line ([1] in the text is the first)"),
                           required=False, max_length=MAX_URLS * 2100, widget=forms.Textarea(attrs={"rows": 3}))
    period = forms.CharField(label=_("Month (YYYY-MM)"), max_length=7)

    def clean_urls(self) -> list[str]:
        lines = [u.strip() for u in self.cleaned_data["urls"].splitlines() if u.strip()]
        if len(lines) > MAX_URLS:
            raise forms.ValidationError(_("At most %(n)d sources.") % {"n": MAX_URLS})
        for u in lines:
            if len(u) > 2000 or not re.match(r"^https?://\S+$", u, re.IGNORECASE):
                raise forms.ValidationError(
                    _("“%(u)s” is not a web link (http:// or https://).") % {"u": u[:80]}
                )
        return lines

    def clean_period(self) -> cm.Period:
        value = self.cleaned_data["period"].strip()
        try:
            if not _PERIOD.match(value):
                raise ValueError(value)
            return cm.Period.parse(value)
        except ValueError:
            raise forms.ValidationError(_("Write the month as YYYY-MM.")) from None


class UploadForm(forms.Form):
    file = forms.FileField(label=_("Chronicle file (.txt, .md, .html or .docx)"))
    period = forms.CharField(label=_("Month (YYYY-MM), if the file does not say"), required=False, max_length=7)

    def __init__(self, *args: Any, max_bytes: int, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.max_bytes = max_bytes

    def clean_file(self) -> Any:
        f = self.cleaned_data["file"]
        if f.size > self.max_bytes:
            raise forms.ValidationError(
                _("The file is %(size).1f MB; uploads over %(max)d MB are refused.")
                % {"size": f.size / 2**20, "max": self.max_bytes // 2**20}
            )
        return f

    def clean_period(self) -> cm.Period | None:
        value = self.cleaned_data["period"].strip()
        if not value:
            return None
        try:
            if not _PERIOD.match(value):
                raise ValueError(value)
            return cm.Period.parse(value)
        except ValueError:
            raise forms.ValidationError(_("Write the month as YYYY-MM.")) from None
