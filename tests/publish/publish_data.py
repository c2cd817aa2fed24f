"""A fictional month stored for publish tests: people, wording and URLs are invented;
place names and article numbers are facts.

Records are built by hand (offsets found in the text) so that these tests do not
depend on the extractors' current quality. Entry 7 is confidential, entry 8 a draft,
the witness named in entry 6 asked not to be named (a confidential mention),
entry 10 is dated before entries 6-9 (so date order differs from document order).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from kuzet.chronicle import model as cm

PERIOD = "2025-05"


@dataclass(frozen=True)
class Spec:
    text: str
    date: str
    place: tuple[str, str, str | None]
    persons: Sequence[tuple[str, str, str]] = ()  # (as written, key, role)
    law: Sequence[tuple[str, str, str]] = ()  # (words, code, article)
    sanctions: Sequence[tuple[str, str, int | None, int | None, str, str]] = ()
    # (words, kind, days, amount_kzt, person key, status)
    types: Sequence[str] = ()
    refs: tuple[int, ...] = ()
    extra: dict[str, object] = field(default_factory=dict)


MAY = [
    Spec("May 2, Aktobe, activist Bolat Nurgaliyev was detained by police outside the regional akimat[1].",
         "2025-05-02", ("Aktobe", "city", "Aktobe Region"),
         persons=[("Bolat Nurgaliyev", "Nurgaliyev B.", "subject")], types=["detention"], refs=(1,)),
    Spec("May 3, Aktobe, a court gave Nurgaliyev B. 15 days of administrative arrest under Article 488 "
         "of the Code of Administrative Offences[2].",
         "2025-05-03", ("Aktobe", "city", "Aktobe Region"),
         persons=[("Nurgaliyev B.", "Nurgaliyev B.", "subject")], law=[("Article 488", "CAO", "488")],
         sanctions=[("15 days", "administrative_arrest", 15, None, "Nurgaliyev B.", "imposed")],
         types=["administrative_arrest"], refs=(2,)),
    Spec("May 6, Oral, the akimat refused Saule Temirova permission to hold a rally, citing repair works "
         "on the square[3].",
         "2025-05-06", ("Oral", "city", "West Kazakhstan Region"),
         persons=[("Saule Temirova", "Temirova S.", "subject")], types=["assembly_refusal"], refs=(3,)),
    Spec("May 8, Oral, the city akimat again refused Temirova S. a picket without giving any reason[4][5].",
         "2025-05-08", ("Oral", "city", "West Kazakhstan Region"),
         persons=[("Temirova S.", "Temirova S.", "subject")], types=["assembly_refusal"], refs=(4, 5)),
    Spec("May 10, Astana, blogger Yerlan Kassymov was charged under Article 274 of the Criminal Code and "
         "placed in pre-trial detention for two months[6].",
         "2025-05-10", ("Astana", "city", None),
         persons=[("Yerlan Kassymov", "Kassymov Y.", "subject")], law=[("Article 274", "CC", "274")],
         sanctions=[("pre-trial detention for two months", "pretrial_detention", 60, None, "Kassymov Y.", "imposed")],
         types=["criminal_case", "pretrial_restraint"], refs=(6,)),
    Spec("May 14, Astana, the court sentenced Kassymov Y. to 4 years of imprisonment under Article 274 of "
         "the Criminal Code; a witness, Aset Beisenov, said he had been pressed to testify[7].",
         "2025-05-14", ("Astana", "city", None),
         persons=[("Kassymov Y.", "Kassymov Y.", "subject"), ("Aset Beisenov", "Beisenov A.", "other")], law=[("Article 274", "CC", "274")],
         sanctions=[("4 years", "imprisonment", 1460, None, "Kassymov Y.", "imposed")],
         types=["criminal_sentence"], refs=(7,)),
    Spec("May 15, Semey, pensioner Gulnara Abdikarimova told monitors that police came to her home twice "
         "after she wrote to the Ombudsman; Abdikarimova asked for her name to be kept out[8].",
         "2025-05-15", ("Semey", "city", "Abai Region"),
         persons=[("Gulnara Abdikarimova", "Abdikarimova G.", "subject")], types=["harassment"], refs=(8,)),
    Spec("May 20, Taraz, teacher Murat Ospanov was fined 39,320 tenge under Article 488 of the Code of "
         "Administrative Offences for a solitary picket[9].",
         "2025-05-20", ("Taraz", "city", "Zhambyl Region"),
         persons=[("Murat Ospanov", "Ospanov M.", "subject")], law=[("Article 488", "CAO", "488")],
         sanctions=[("39,320 tenge", "fine", None, 39320, "Ospanov M.", "imposed")],
         types=["administrative_fine"], refs=(9,)),
    Spec("May 22, Almaty, Nurgaliyev B. was fined 78,640 tenge after his release from the special "
         "detention centre[10].",
         "2025-05-22", ("Almaty", "city", None),
         persons=[("Nurgaliyev B.", "Nurgaliyev B.", "subject")],
         sanctions=[("78,640 tenge", "fine", None, 78640, "Nurgaliyev B.", "imposed")],
         types=["administrative_fine"], refs=(10,)),
    Spec("On 12 May, Kostanay, the regional court upheld the sentence of journalist Aigerim Seitova: "
         "2 years of restriction of liberty[11].",
         "2025-05-12", ("Kostanay", "city", "Kostanay Region"),
         persons=[("Aigerim Seitova", "Seitova A.", "subject")],
         sanctions=[("2 years", "restriction_of_liberty", 730, None, "Seitova A.", "upheld")],
         types=["appeal"], refs=(11,)),
]

URLS = {n: f"https://news.example.org/2025/05/story-{n}" for n in range(1, 12)}
URLS[3] = "https://news.example.org/2025/05/story-3?utm_source=telegram"
# Coordinates of the towns (facts, rounded), as the gazetteer gives them to the extractor.
COORDINATES = {
    "Aktobe": (50.28, 57.21), "Oral": (51.23, 51.37), "Astana": (51.17, 71.45), "Semey": (50.41, 80.23),
    "Taraz": (42.90, 71.37), "Almaty": (43.25, 76.91), "Kostanay": (53.21, 63.62),
}
CONFIDENTIAL = 7
CONFIDENTIAL_MENTION = "Beisenov A."
DRAFT = 8


def _mention(text: str, words: str, value: object) -> cm.Mention[object]:
    start = text.index(words)
    return cm.Mention(start, start + len(words), words, value)


def record(spec: Spec, n: int) -> cm.Record:
    text = spec.text
    name, kind, region = spec.place
    end = text.index(",")
    year, month, day = (int(p) for p in spec.date.split("-"))
    return cm.Record(
        doc=PERIOD,
        n=n,
        text=text,
        date=cm.Mention(0, end, text[:end], cm.PartialDate(year, month, day)),
        place=_mention(text, name, cm.Place(name=name, kind=kind, region=region, lat=COORDINATES[name][0],
                                            lon=COORDINATES[name][1])),  # type: ignore[arg-type]
        persons=tuple(_mention(text, w, cm.Person(name=k, role=r, written=w)) for w, k, r in spec.persons),  # type: ignore[misc]
        legal_refs=tuple(_mention(text, w, cm.LegalRef(code=c, article=a)) for w, c, a in spec.law),  # type: ignore[misc]
        sanctions=tuple(
            _mention(text, w, cm.Sanction(kind=k, days=d, amount_kzt=a, person=p, status=s))
            for w, k, d, a, p, s in spec.sanctions
        ),  # type: ignore[misc]
        types=tuple(cm.Mention(0, 0, "", t) for t in spec.types),  # type: ignore[misc]
        refs=spec.refs,
    )


def document(specs: Sequence[Spec] = MAY) -> tuple[cm.Document, list[cm.Record]]:
    doc = cm.Document(
        name=f"chronicle-{PERIOD}.txt",
        format="txt",
        period=cm.Period.parse(PERIOD),
        entries=tuple(cm.Entry(n=i + 1, text=s.text, refs=s.refs) for i, s in enumerate(specs)),
        references=tuple(cm.Reference(n=k, url=v) for k, v in sorted(URLS.items())),
    )
    return doc, [record(s, i + 1) for i, s in enumerate(specs)]


def store_may() -> None:
    """Ingest the month as published, then make entry 7 confidential, entry 8 a draft and
    the witness in entry 6 confidential."""
    from kuzet.store import models as m
    from kuzet.store import services

    doc, records = document()
    services.ingest_document(doc, records=records, status="published")
    entries = {e.n: e for e in m.Entry.objects.filter(document__key=PERIOD)}
    services.correct_entry(entry=entries[CONFIDENTIAL], field="confidential", value=True, who="test")
    services.correct_entry(entry=entries[DRAFT], field="review_status", value="draft", who="test")
    m.PersonMention.objects.filter(key=CONFIDENTIAL_MENTION).update(confidential=True)


def bulk_entries(n: int, *, batch: int = 5000) -> None:
    """``n`` synthetic published entries (with a person, a type and a source each), inserted
    directly through the ORM: export tests need volume, not realism."""
    import datetime as dt

    from django.utils import timezone

    from kuzet.store import models as m

    now = timezone.now()
    doc = m.Document.objects.create(key="bulk", period="2025-06", name="bulk.txt", format="txt", sha256="0" * 64,
                                    ingested_at=now, updated_at=now)
    place = m.Place.objects.create(key="KZ/Aktobe", name="Aktobe", kind="city", lat=50.28, lon=57.21)
    person = m.Person.objects.create(name="Testov T.")
    source = m.Source.objects.create(url="https://news.example.org/bulk", domain="news.example.org")
    for first in range(0, n, batch):
        rows = [
            m.Entry(document=doc, n=i + 1, text=f"June {i % 30 + 1}, Aktobe, Testov T. was detained at picket {i}[{i + 1}].",
                    date=dt.date(2025, 6, i % 30 + 1), date_precision="day", place=place,
                    review_status="published", confidential=i % 50 == 0, created_at=now, updated_at=now)
            for i in range(first, min(n, first + batch))
        ]
        entries = m.Entry.objects.bulk_create(rows)
        m.PersonMention.objects.bulk_create(
            m.PersonMention(entry=e, person=person, written="Testov T.", key="Testov T.", role="subject",
                            start=e.text.index("Testov"), end=e.text.index("Testov") + 9, text="Testov T.")
            for e in entries
        )
        m.EntryType.objects.bulk_create(m.EntryType(entry=e, type_id="detention") for e in entries)
        m.Citation.objects.bulk_create(
            m.Citation(entry=e, source=source, footnote=e.n, original_url=source.url) for e in entries
        )
