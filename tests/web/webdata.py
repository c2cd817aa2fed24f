"""A small fictional record for the web tests: two months of entries.

Every person, wording and URL is invented; place names, coordinates and article numbers
are facts. Records are written by hand with their offsets (found in the text), so the
web tests depend on the store, not on the extractors' current quality.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from kuzet.chronicle import model as cm

# name -> (kind, region, lat, lon); None coordinates: a village the gazetteer cannot place.
PLACES: dict[str, tuple[str, str | None, float | None, float | None]] = {
    "Almaty": ("city", None, 43.25, 76.92),
    "Astana": ("city", None, 51.17, 71.45),
    "Kaskelen": ("city", "Almaty Region", 43.20, 76.62),
    "Taldykorgan": ("city", "Jetisu Region", 45.02, 78.37),
    "Oral": ("city", "West Kazakhstan Region", 51.23, 51.37),
    "Karabulak": ("settlement", "Jetisu Region", None, None),
    "Almaty Region": ("region", None, 45.0, 78.0),
}


@dataclass(frozen=True)
class Spec:
    text: str
    date: str | None
    place: str | None
    persons: Sequence[tuple[str, str, str]] = ()  # (as written, key, role)
    law: Sequence[tuple[str, str, str, str | None]] = ()  # (words, code, article, part)
    sanctions: Sequence[tuple[str, str, int | None, int | None, str | None, str]] = ()
    types: Sequence[tuple[str, str]] = ()  # (words, type id)
    refs: tuple[int, ...] = ()


def _mention(text: str, words: str, value: object) -> cm.Mention[object]:
    start = text.find(words)
    assert start >= 0, f"{words!r} not in {text!r}"
    return cm.Mention(start, start + len(words), words, value)


def _place(name: str) -> cm.Place:
    kind, region, lat, lon = PLACES[name]
    return cm.Place(name=name, kind=kind, region=region, lat=lat, lon=lon, known=lat is not None)


def record(spec: Spec, n: int, doc: str) -> cm.Record:
    text = spec.text
    date = None
    if spec.date:
        parts = [int(p) for p in spec.date.split("-")]
        words = text.split(",", 1)[0]
        date = cm.Mention(0, len(words), words, cm.PartialDate(*parts))
    return cm.Record(
        doc=doc,
        n=n,
        text=text,
        date=date,  # type: ignore[arg-type]
        place=_mention(text, spec.place, _place(spec.place)) if spec.place else None,  # type: ignore[arg-type]
        persons=tuple(_mention(text, w, cm.Person(k, r, w)) for w, k, r in spec.persons),  # type: ignore[arg-type]
        legal_refs=tuple(_mention(text, w, cm.LegalRef(c, a, p)) for w, c, a, p in spec.law),  # type: ignore[arg-type]
        sanctions=tuple(
            _mention(text, w, cm.Sanction(k, d, a, p, s)) for w, k, d, a, p, s in spec.sanctions
        ),  # type: ignore[arg-type]
        types=tuple(_mention(text, w, t) for w, t in spec.types),  # type: ignore[arg-type]
        refs=spec.refs,
    )


def document(
    period: str, specs: Sequence[Spec], refs: dict[int, str]
) -> tuple[cm.Document, list[cm.Record]]:
    doc = cm.Document(
        name=f"chronicle-{period}.txt",
        format="txt",
        period=cm.Period.parse(period),
        entries=tuple(cm.Entry(n=i + 1, text=s.text, refs=s.refs) for i, s in enumerate(specs)),
        references=tuple(cm.Reference(n=k, url=v) for k, v in sorted(refs.items())),
        title=f"Chronicle of persecution, {period}",
    )
    return doc, [record(s, i + 1, period) for i, s in enumerate(specs)]


APRIL = [
    Spec(
        "April 3, Almaty, police detained the activist Saule Berikova near the akimat building[1].",
        "2024-04-03",
        "Almaty",
        persons=[("Saule Berikova", "Berikova S.", "subject")],
        types=[("detained", "detention")],
        refs=(1,),
    ),
    Spec(
        "April 4, Almaty, a court gave Berikova S. 15 days of administrative arrest under "
        "Article 488 of the Code of Administrative Offences; her colleague Timur Aldanov was "
        "fined 69000 tenge[2].",
        "2024-04-04",
        "Almaty",
        persons=[
            ("Berikova S.", "Berikova S.", "subject"),
            ("Timur Aldanov", "Aldanov T.", "subject"),
        ],
        law=[("Article 488", "CAO", "488", None)],
        sanctions=[
            (
                "15 days of administrative arrest",
                "administrative_arrest",
                15,
                None,
                "Berikova S.",
                "imposed",
            ),
            ("fined 69000 tenge", "fine", None, 69000, "Aldanov T.", "imposed"),
        ],
        types=[
            ("administrative arrest", "administrative_arrest"),
            ("fined", "administrative_fine"),
        ],
        refs=(2, 3),
    ),
    Spec(
        "April 8, Taldykorgan, the city akimat refused to allow a picket by Dauren Sapar. "
        "Reason for refusal: repair work on the square[4].",
        "2024-04-08",
        "Taldykorgan",
        persons=[("Dauren Sapar", "Sapar D.", "subject")],
        types=[("refused to allow a picket", "assembly_refusal")],
        refs=(4,),
    ),
    Spec(
        "April 10, Kaskelen, the investigator charged Aldanov T. under Article 174 of the "
        "Criminal Code for a post about the local akim[5].",
        "2024-04-10",
        "Kaskelen",
        persons=[("Aldanov T.", "Aldanov T.", "subject")],
        law=[("Article 174", "CC", "174", None)],
        types=[("charged", "criminal_case")],
        refs=(5,),
    ),
    Spec(
        "April 12, Karabulak, villagers held a gathering against the closure of the school[6].",
        "2024-04-12",
        "Karabulak",
        types=[("held a gathering", "protest")],
        refs=(6,),
    ),
    Spec(
        "In April, Almaty Region, monitors published a review of pressure on journalists[6].",
        "2024-04",
        "Almaty Region",
        types=[("published a review", "publication")],
        refs=(6,),
    ),
]
APRIL_REFS = {
    1: "https://news.example.org/2024/04/berikova?utm_source=tg",
    2: "https://court.example.kz/decisions/488-berikova",
    3: "https://www.news.example.org/2024/04/aldanov-fine",
    4: "https://t.me/example_monitor/401",
    5: "https://west.example.kz/aldanov-174",
    6: "https://monitor.example.net/review-april",
}

MAY = [
    Spec(
        "May 2, Astana, the court sentenced Timur Aldanov to 2 years of imprisonment under "
        "Article 174 of the Criminal Code; Berikova S. attended the hearing[1].",
        "2024-05-02",
        "Astana",
        persons=[
            ("Timur Aldanov", "Aldanov T.", "subject"),
            ("Berikova S.", "Berikova S.", "other"),
        ],
        law=[("Article 174", "CC", "174", None)],
        sanctions=[("2 years of imprisonment", "imprisonment", 730, None, "Aldanov T.", "imposed")],
        types=[("sentenced", "criminal_sentence")],
        refs=(1,),
    ),
    Spec(
        "May 6, Taldykorgan, the akimat again refused a rally of Sapar D.; the reason for "
        "refusal: another event already approved for that day[2].",
        "2024-05-06",
        "Taldykorgan",
        persons=[("Sapar D.", "Sapar D.", "subject")],
        types=[("refused a rally", "assembly_refusal")],
        refs=(2,),
    ),
    Spec(
        "May 20, Oral, the blogger Nurgul Temirova declared a hunger strike in the pre-trial "
        "detention centre[3].",
        "2024-05-20",
        "Oral",
        persons=[("Nurgul Temirova", "Temirova N.", "subject")],
        types=[("declared a hunger strike", "hunger_strike")],
        refs=(3,),
    ),
]
MAY_REFS = {
    1: "https://news.example.org/2024/05/aldanov-verdict",
    2: "https://t.me/example_monitor/502",
    3: "javascript:alert(1)",  # a hostile reference: must never become a clickable link
}


def ingest_all() -> None:
    """Ingest both months (what the web tests look at), as published entries: what an
    anonymous visitor of a public instance may read."""
    from kuzet.store import services
    from kuzet.workspace.queries import forget_data_version

    for period, specs, refs in (("2024-04", APRIL, APRIL_REFS), ("2024-05", MAY, MAY_REFS)):
        doc, records = document(period, specs, refs)
        services.ingest_document(doc, records=records, force=True, status="published")
    forget_data_version()
