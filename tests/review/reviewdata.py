"""A small fictional month for the review and access tests.

Every person, wording and URL is invented; place names and article numbers are facts.
The records are written by hand (offsets found in the text), so these tests depend on
the store and the web layer, not on the extractors.

    1  published                      Kemelov T.
    2  published, a withheld name     Orazbek N. and Zhandosova R. (confidential mention)
    3  published, confidential entry  Tulegenov A., the only entry at Oral
    4  draft                          Sarsenbay K.
    5  in review                      Baimukhan D.
"""

from __future__ import annotations

from dataclasses import dataclass

from kuzet.chronicle import model as cm

PERIOD = "2024-02"
WITHHELD = "Zhandosova"  # a person who asked not to be named
SECRET = "Tulegenov"  # named only in the confidential entry
SECRET_PLACE = "Oral"  # only the confidential entry happened there
SECRET_DOMAIN = "hidden-news.example.net"  # cited only by the confidential entry

PLACES = {
    "Almaty": cm.Place("Almaty", "city", None, "KZ", True, 43.25, 76.92),
    "Kaskelen": cm.Place("Kaskelen", "city", "Almaty Region", "KZ", True, 43.20, 76.62),
    "Oral": cm.Place("Oral", "city", "West Kazakhstan Region", "KZ", True, 51.23, 51.37),
    "Astana": cm.Place("Astana", "city", None, "KZ", True, 51.17, 71.45),
}


@dataclass(frozen=True)
class Spec:
    text: str
    place: str
    day: int
    persons: tuple[tuple[str, str], ...]  # (as written = key, role)
    law: tuple[tuple[str, str, str, str | None], ...] = ()
    sanctions: tuple[tuple[str, str, int | None, int | None, str | None], ...] = ()
    types: tuple[tuple[str, str], ...] = ()


SPECS = (
    Spec(
        "3 February, Almaty. Police detained the activist Kemelov T. near the akimat; the court "
        "fined him under Article 488 part 6 of the CAO [1].",
        "Almaty", 3, (("Kemelov T.", "subject"),),
        law=(("Article 488 part 6 of the CAO", "CAO", "488", "6"),),
        sanctions=(("fined", "fine", None, None, "Kemelov T."),),
        types=(("detained", "detention"),),
    ),
    Spec(
        "7 February, Kaskelen. Orazbek N. and Zhandosova R. stood in a single picket; "
        "the court gave Orazbek N. 10 days of administrative arrest [2].",
        "Kaskelen", 7, (("Orazbek N.", "subject"), ("Zhandosova R.", "subject")),
        sanctions=(("10 days of administrative arrest", "administrative_arrest", 10, None, "Orazbek N."),),
        types=(("single picket", "protest"),),
    ),
    Spec(
        "12 February, Oral. The blogger Tulegenov A. was charged under Article 274 of the CC "
        "over a post about a local official [3].",
        "Oral", 12, (("Tulegenov A.", "subject"),),
        law=(("Article 274 of the CC", "CC", "274", None),),
        types=(("charged", "criminal_case"),),
    ),
    Spec(
        "15 February, Astana. Sarsenbay K. said officers searched the office of a civic group [4].",
        "Astana", 15, (("Sarsenbay K.", "other"),),
        types=(("searched", "harassment"),),
    ),
    Spec(
        "20 February, Almaty. The journalist Baimukhan D. was fined 150000 tenge under "
        "Article 456-2 of the CAO [5].",
        "Almaty", 20, (("Baimukhan D.", "subject"),),
        law=(("Article 456-2 of the CAO", "CAO", "456-2", None),),
        sanctions=(("fined 150000 tenge", "fine", None, 150000, "Baimukhan D."),),
        types=(("fined", "administrative_fine"),),
    ),
)

REFS = {
    1: "https://news.example.org/2024/02/kemelov",
    2: "https://t.me/example_channel/211",
    3: f"https://{SECRET_DOMAIN}/tulegenov-charged",
    4: "https://civic.example.com/search",
    5: "https://news.example.org/2024/02/baimukhan",
}

STATUSES = {1: "published", 2: "published", 3: "published", 4: "draft", 5: "in_review"}
CONFIDENTIAL_ENTRY = 3
WITHHELD_ENTRY = 2


def _m(text: str, words: str, value: object) -> cm.Mention[object]:
    start = text.index(words)
    return cm.Mention(start, start + len(words), words, value)


def build() -> tuple[cm.Document, list[cm.Record]]:
    records = []
    entries = []
    for i, s in enumerate(SPECS, start=1):
        text = s.text
        head = text.split(",", 1)[0]
        records.append(cm.Record(
            doc=PERIOD, n=i, text=text,
            date=_m(text, head, cm.PartialDate(2024, 2, s.day)),  # type: ignore[arg-type]
            place=_m(text, s.place, PLACES[s.place]),  # type: ignore[arg-type]
            persons=tuple(_m(text, k, cm.Person(k, r, k)) for k, r in s.persons),  # type: ignore[misc]
            legal_refs=tuple(_m(text, w, cm.LegalRef(c, a, p)) for w, c, a, p in s.law),  # type: ignore[misc]
            sanctions=tuple(_m(text, w, cm.Sanction(k, d, a, p, "imposed")) for w, k, d, a, p in s.sanctions),  # type: ignore[misc]
            types=tuple(_m(text, w, t) for w, t in s.types),  # type: ignore[misc]
            refs=(i,),
        ))
        entries.append(cm.Entry(n=i, text=text, refs=(i,)))
    doc = cm.Document(
        name=f"chronicle-{PERIOD}.txt", format="txt", period=cm.Period.parse(PERIOD),
        entries=tuple(entries), references=tuple(cm.Reference(n, u) for n, u in REFS.items()),
    )
    return doc, records


def load() -> dict[int, int]:
    """Ingest the month, set statuses and confidentiality; returns entry number -> id."""
    from kuzet.store import models as m
    from kuzet.store import services
    from kuzet.workspace.queries import forget_data_version

    doc, records = build()
    services.ingest_document(doc, records=records, force=True, who="test")
    ids = dict(m.Entry.objects.filter(document__key=PERIOD).values_list("n", "pk"))
    for n, status in STATUSES.items():
        if status != "draft":
            services.correct_entry(entry=m.Entry.objects.get(pk=ids[n]), field="review_status",
                                   value=status, who="test")
    services.correct_entry(entry=m.Entry.objects.get(pk=ids[CONFIDENTIAL_ENTRY]), field="confidential",
                           value=True, who="test")
    services.correct_entry(
        entry=m.Entry.objects.get(pk=ids[WITHHELD_ENTRY]), field="persons",
        value=[{"name": "Orazbek N.", "role": "subject"},
               {"name": "Zhandosova R.", "role": "subject", "confidential": True}],
        who="test",
    )
    forget_data_version()
    return ids
