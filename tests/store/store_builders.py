"""Build fictional chronicle documents and their records for store tests.

Every person, wording and URL here is invented; place names and article numbers are facts.
Records are built by hand (offsets found in the text), so store tests do not depend
on the extractors' current quality.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from kuzet.chronicle import model as cm


@dataclass(frozen=True)
class Spec:
    """One fictional entry and what an extractor would find in it."""

    text: str
    date: str | None = None  # "2023-03-04" or "2023-03"
    place: tuple[str, str, str | None] | None = None  # (name, kind, region); found by name
    persons: Sequence[tuple[str, str, str]] = ()  # (as written, key, role)
    law: Sequence[tuple[str, str, str, str | None]] = ()  # (words, code, article, part)
    sanctions: Sequence[tuple[str, str, int | None, int | None, str | None, str]] = ()
    # (words, kind, days, amount_kzt, person key, status)
    types: Sequence[str] = ()
    refs: tuple[int, ...] = ()
    extra: dict[str, object] = field(default_factory=dict)


def _mention(text: str, words: str, value: object) -> cm.Mention[object]:
    start = text.find(words)
    assert start >= 0, f"{words!r} not in {text!r}"
    return cm.Mention(start, start + len(words), words, value)


def _date(text: str, iso: str | None) -> cm.Mention[cm.PartialDate] | None:
    if iso is None:
        return None
    parts = [int(p) for p in iso.split("-")]
    value = cm.PartialDate(*parts)
    # The date's words are the entry's first words up to the first comma.
    end = text.find(",") if "," in text else len(text)
    return cm.Mention(0, end, text[:end], value)  # type: ignore[arg-type]


def record(spec: Spec, n: int, doc: str) -> cm.Record:
    text = spec.text
    place = None
    if spec.place:
        name, kind, region = spec.place
        place = _mention(text, name, cm.Place(name=name, kind=kind, region=region))
    return cm.Record(
        doc=doc,
        n=n,
        text=text,
        date=_date(text, spec.date),
        place=place,  # type: ignore[arg-type]
        persons=tuple(
            _mention(text, w, cm.Person(name=k, role=r, written=w)) for w, k, r in spec.persons
        ),  # type: ignore[arg-type]
        legal_refs=tuple(
            _mention(text, w, cm.LegalRef(code=c, article=a, part=p)) for w, c, a, p in spec.law
        ),  # type: ignore[arg-type]
        sanctions=tuple(
            _mention(text, w, cm.Sanction(kind=k, days=d, amount_kzt=a, person=p, status=s))
            for w, k, d, a, p, s in spec.sanctions
        ),  # type: ignore[arg-type]
        types=tuple(cm.Mention(0, 0, "", t) for t in spec.types),  # type: ignore[arg-type]
        refs=spec.refs,
    )


def document(
    specs: Sequence[Spec],
    *,
    period: str = "2023-03",
    name: str = "chronicle-2023-03.txt",
    references: dict[int, str] | None = None,
) -> tuple[cm.Document, list[cm.Record]]:
    """A document and its records. Footnotes default to one fictional URL per number cited."""
    p = cm.Period.parse(period)
    cited = sorted({n for s in specs for n in s.refs})
    refs = references if references is not None else {
        n: f"https://news.example.org/story/{n}?utm_source=feed" for n in cited
    }
    doc = cm.Document(
        name=name,
        format="txt",
        period=p,
        entries=tuple(cm.Entry(n=i + 1, text=s.text, refs=s.refs) for i, s in enumerate(specs)),
        references=tuple(cm.Reference(n=k, url=v) for k, v in sorted(refs.items())),
    )
    return doc, [record(s, i + 1, period) for i, s in enumerate(specs)]


# A small fictional month. Regions and towns are real places; people are not.
MARCH = [
    Spec(
        "March 2, Kaskelen, activist Tolegen Zhaksybekov was detained near the district akimat[1].",
        date="2023-03-02",
        place=("Kaskelen", "city", "Almaty Region"),
        persons=[("Tolegen Zhaksybekov", "Zhaksybekov T.", "subject")],
        types=["detention"],
        refs=(1,),
    ),
    Spec(
        "March 3, Almaty, the court sentenced Zhaksybekov T. to 10 days of administrative arrest "
        "under Article 488 of the Code of Administrative Offences[2].",
        date="2023-03-03",
        place=("Almaty", "city", None),
        persons=[("Zhaksybekov T.", "Zhaksybekov T.", "subject")],
        law=[("Article 488", "CAO", "488", None)],
        sanctions=[("10 days", "administrative_arrest", 10, None, "Zhaksybekov T.", "imposed")],
        types=["administrative_arrest"],
        refs=(2,),
    ),
    Spec(
        "March 4, Almaty, relatives said that Zhaksybekov T. received 15 days of arrest "
        "for the picket of March 2[3].",
        date="2023-03-04",
        place=("Almaty", "city", None),
        persons=[("Zhaksybekov T.", "Zhaksybekov T.", "subject")],
        sanctions=[("15 days", "administrative_arrest", 15, None, "Zhaksybekov T.", "imposed")],
        types=["administrative_arrest"],
        refs=(3,),
    ),
    Spec(
        "March 7, Taldykorgan, the city akimat refused Laura Omarova permission for a rally, "
        "citing repair works on the square[4].",
        date="2023-03-07",
        place=("Taldykorgan", "city", "Zhetysu Region"),
        persons=[("Laura Omarova", "Omarova L.", "subject")],
        types=["assembly_refusal"],
        refs=(4,),
    ),
    Spec(
        "March 9, Taldykorgan, the akimat again did not allow Omarova L. to hold a picket, "
        "because another event was planned at the same place[5].",
        date="2023-03-09",
        place=("Taldykorgan", "city", "Zhetysu Region"),
        persons=[("Omarova L.", "Omarova L.", "subject")],
        types=["assembly_refusal"],
        refs=(5,),
    ),
    Spec(
        "March 12, Oral, blogger Nurlan Kenzhebay was fined 100000 tenge under Article 174 "
        "of the Criminal Code and given 2 years of restriction of liberty[6].",
        date="2023-03-12",
        place=("Oral", "city", "West Kazakhstan Region"),
        persons=[("Nurlan Kenzhebay", "Kenzhebay N.", "subject")],
        law=[("Article 174", "CC", "174", None)],
        sanctions=[
            ("fined 100000 tenge", "fine", None, 100000, "Kenzhebay N.", "imposed"),
            ("2 years", "restriction_of_liberty", 730, None, "Kenzhebay N.", "imposed"),
        ],
        types=["criminal_sentence"],
        refs=(6,),
    ),
    Spec(
        "March 15, Astana, journalist Dana Serikbayeva was sentenced to 5 years of imprisonment "
        "under Article 999 of the Criminal Code[7].",
        date="2023-03-15",
        place=("Astana", "city", None),
        persons=[("Dana Serikbayeva", "Serikbayeva D.", "subject")],
        law=[("Article 999", "CC", "999", None)],
        sanctions=[("5 years", "imprisonment", 1825, None, "Serikbayeva D.", "imposed")],
        types=["criminal_sentence", "press_freedom"],
        refs=(7, 1),
    ),
    Spec(
        "March 20, Kaskelen, Arman Tulegenov was fined 34500 tenge for a solitary picket[8].",
        date="2023-03-20",
        place=("Kaskelen", "city", "Almaty Region"),
        persons=[("Arman Tulegenov", "Tulegenov A.", "subject")],
        sanctions=[("fined 34500 tenge", "fine", None, 34500, "Tulegenov A.", "imposed")],
        types=["administrative_fine", "protest"],
        refs=(8,),
    ),
]

MARCH_REFERENCES = {
    1: "https://www.news.example.org/a/1?utm_source=fb&id=1",
    2: "https://court.example.kz/cases/2",
    3: "https://news.example.org/a/3",
    4: "https://t.me/example_channel/4",
    5: "https://t.me/example_channel/5",
    6: "https://west.example.kz/6?fbclid=XYZ",
    7: "https://news.example.org/a/7",
    8: "https://www.facebook.example.com/post/8",
}


def march(**kwargs: object) -> tuple[cm.Document, list[cm.Record]]:
    return document(MARCH, references=MARCH_REFERENCES, **kwargs)  # type: ignore[arg-type]
