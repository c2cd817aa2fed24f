"""Synthetic chronicles with known answers, for benchmarks and load tests.

    generate_entries(n, seed=0, period="2024-03") -> Iterator[(text, truth)]
    write_chronicle(path, n, period="2024-03", seed=0) -> Path

Each entry is one paragraph in the style of a monthly chronicle (lead date,
place, people, legal article, sanction, what happened, a footnote marker), made
from templates with several phrasings each, so that extraction is exercised on
varied wording. ``truth`` is the record the entry should give, in the shape of
``spec/record-format.md`` (``doc``, ``n``, ``date``, ``place``, ``persons``,
``legal_refs``, ``sanctions``, ``types``, ``refs``).

Everything is fictional: surnames are built from syllables, and every sentence
is generated here. The same ``seed`` always gives the same text. Generation
streams (one entry at a time, constant memory) and is fast enough for a million
entries (a few seconds per 100,000 on one core).
"""

from __future__ import annotations

import random
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .chronicle.model import Period

__all__ = ["Truth", "generate_entries", "write_chronicle"]

Truth = dict[str, Any]

MONTHS = (
    "January", "February", "March", "April", "May", "June",
    "July", "August", "September", "October", "November", "December",
)  # fmt: skip

# (as written, canonical name, kind, region, country)
PLACES: tuple[tuple[str, str, str, str | None, str], ...] = (
    ("Almaty", "Almaty", "city", None, "KZ"),
    ("Astana", "Astana", "city", None, "KZ"),
    ("Shymkent", "Shymkent", "city", None, "KZ"),
    ("Karaganda", "Karaganda", "city", "Karaganda Region", "KZ"),
    ("Aktobe", "Aktobe", "city", "Aktobe Region", "KZ"),
    ("Taraz", "Taraz", "city", "Zhambyl Region", "KZ"),
    ("Pavlodar", "Pavlodar", "city", "Pavlodar Region", "KZ"),
    ("Semey", "Semey", "city", "Abai Region", "KZ"),
    ("Atyrau", "Atyrau", "city", "Atyrau Region", "KZ"),
    ("Kostanay", "Kostanay", "city", "Kostanay Region", "KZ"),
    ("Kyzylorda", "Kyzylorda", "city", "Kyzylorda Region", "KZ"),
    ("Uralsk", "Oral", "city", "West Kazakhstan Region", "KZ"),
    ("Oral", "Oral", "city", "West Kazakhstan Region", "KZ"),
    ("Petropavlovsk", "Petropavl", "city", "North Kazakhstan Region", "KZ"),
    ("Ust-Kamenogorsk", "Oskemen", "city", "East Kazakhstan Region", "KZ"),
    ("Aktau", "Aktau", "city", "Mangystau Region", "KZ"),
    ("Kokshetau", "Kokshetau", "city", "Akmola Region", "KZ"),
    ("Taldykorgan", "Taldykorgan", "city", "Zhetysu Region", "KZ"),
    ("Turkistan", "Turkistan", "city", "Turkistan Region", "KZ"),
    ("Mangystau region, Zhanaozen", "Zhanaozen", "city", "Mangystau Region", "KZ"),
    ("Karaganda region, Temirtau", "Temirtau", "city", "Karaganda Region", "KZ"),
    ("Akmola region, Stepnogorsk", "Stepnogorsk", "city", "Akmola Region", "KZ"),
    ("Almaty region, Kaskelen", "Kaskelen", "city", "Almaty Region", "KZ"),
    ("Pavlodar region, Ekibastuz", "Ekibastuz", "city", "Pavlodar Region", "KZ"),
    ("Akmola region, Bestobe settlement", "Bestobe", "settlement", "Akmola Region", "KZ"),
)

_SURNAME_STARTS = (
    "Ab", "Al", "Ar", "Ba", "Be", "Da", "Du", "Er", "Ga", "Is", "Ka", "Ku", "Ma", "Mu",
    "Nu", "Or", "Sa", "Se", "Ta", "Tu", "Ye", "Zha", "Zhu", "Kha", "Shy", "Tle", "Ora",
)  # fmt: skip
_SURNAME_MIDDLES = (
    "dil", "gal", "kar", "lim", "mar", "ryn", "sat", "tay", "zhan", "bek", "dyr", "mash",
    "nur", "ras", "syl", "tol", "ken", "mur", "bol", "dau",
)  # fmt: skip
_SURNAME_ENDS_M = ("ov", "ev", "bayev", "bekov", "uly", "in")
_GIVEN_M = (
    "Arman",
    "Bauyrzhan",
    "Dias",
    "Yerbol",
    "Madi",
    "Nurbol",
    "Olzhas",
    "Rakhat",
    "Sanzhar",
    "Temirlan",
    "Yerkin",
    "Azamat",
    "Galymzhan",
    "Zhandos",
)
_GIVEN_F = (
    "Aigerim",
    "Botagoz",
    "Dana",
    "Gulnara",
    "Kamila",
    "Madina",
    "Saule",
    "Togzhan",
    "Zarina",
    "Assel",
    "Dinara",
    "Meruyert",
    "Zhuldyz",
    "Aruzhan",
)
_ROLES = (
    "activist",
    "civic activist",
    "blogger",
    "human rights defender",
    "pensioner",
    "member of an initiative group",
    "journalist",
    "trade union leader",
)
_REASONS = (
    "taking part in an unauthorised rally",
    "a post calling residents to a meeting",
    "organising a picket without notifying the akimat",
    "a solitary picket outside the akimat",
    "participating in an unregistered movement",
)
_ISSUES = (
    "rising utility tariffs",
    "the demolition of houses",
    "unpaid wages",
    "the closure of a local hospital",
    "air pollution",
    "the lack of gas supply",
)

_CC_ARTICLES = ("174", "274", "405", "272", "378", "380", "258", "179")
_CAO_ARTICLES = ("488", "489", "434", "453", "667")


@dataclass(frozen=True, slots=True)
class _Person:
    written: str
    key: str
    female: bool

    @property
    def he(self) -> str:
        return "she" if self.female else "he"

    @property
    def his(self) -> str:
        return "her" if self.female else "his"

    @property
    def him(self) -> str:
        return "her" if self.female else "him"


class _Writer:
    """One entry's text and truth, built together so they never disagree."""

    def __init__(self, rng: random.Random) -> None:
        self.rng = rng
        self.persons: list[dict[str, str]] = []
        self.legal: list[dict[str, str | None]] = []
        self.sanctions: list[dict[str, Any]] = []
        self.types: list[str] = []

    def pick(self, options: tuple[str, ...] | list[str]) -> str:
        return options[self.rng.randrange(len(options))]

    def person(self, role: str = "subject") -> _Person:
        rng = self.rng
        female = rng.random() < 0.4
        stem = self.pick(_SURNAME_STARTS) + self.pick(_SURNAME_MIDDLES)
        end = self.pick(_SURNAME_ENDS_M)
        if female and end in ("ov", "ev", "bayev", "bekov", "in"):
            end += "a"
        elif female and end == "uly":
            end = "kyzy"
        surname = stem + end
        given = self.pick(_GIVEN_F if female else _GIVEN_M)
        key = f"{surname} {given[0]}."
        form = rng.random()
        if form < 0.45:
            written = key
        elif form < 0.7:
            written = f"{surname} {given}"
        elif form < 0.85:
            written = f"{given[0]}. {surname}"
        else:
            written = f"{given} {surname}"
        self.persons.append({"name": key, "role": role})
        return _Person(written, key, female)

    def cc(self) -> str:
        article = self.pick(_CC_ARTICLES)
        part = self.rng.choice(("1", "2", "3", None, None))
        self.legal.append({"code": "CC", "article": article, "part": part})
        code = self.pick(
            (
                "of the Criminal Code of the RK",
                "of the Criminal Code of the Republic of Kazakhstan",
                "of the Criminal Code",
            )
        )
        return f"Article {article}, Part {part} {code}" if part else f"Article {article} {code}"

    def cao(self) -> str:
        article = self.pick(_CAO_ARTICLES)
        part = self.rng.choice(("1", "3", "6", "7", None))
        self.legal.append({"code": "CAO", "article": article, "part": part})
        code = self.pick(
            (
                "of the Code of Administrative Offences of the RK",
                "of the Code of Administrative Offences",
            )
        )
        return f"Article {article}, Part {part} {code}" if part else f"Article {article} {code}"

    def sanction(
        self,
        kind: str,
        person: _Person | None,
        *,
        days: int | None = None,
        amount: int | None = None,
        status: str = "imposed",
    ) -> None:
        self.sanctions.append(
            {
                "kind": kind,
                "days": days,
                "amount_kzt": amount,
                "person": person.key if person else None,
                "status": status,
            }
        )


# -- templates: each writes the words after "DATE, PLACE, " and records the truth ------------


def _admin_arrest(w: _Writer) -> str:
    p = w.person()
    days = w.pick(("3", "5", "7", "10", "15", "20", "25"))
    w.sanction("administrative_arrest", p, days=int(days))
    w.types.append("administrative_arrest")
    art = w.cao()
    return w.pick(
        (
            f"the specialised administrative court sentenced {w.pick(_ROLES)} {p.written} to {days} days of administrative arrest under {art} for {w.pick(_REASONS)}",
            f"{p.written}, {art}, {days} days of arrest for {w.pick(_REASONS)}",
            f"the court arrested {p.written} for {days} days under {art}; {p.he} was accused of {w.pick(_REASONS)}",
        )
    )


def _admin_fine(w: _Writer) -> str:
    p = w.person()
    amount = w.pick(("34500", "69000", "103500", "172500", "51750"))
    w.sanction("fine", p, amount=int(amount))
    w.types.append("administrative_fine")
    art = w.cao()
    shown = f"{int(amount):,}" if w.rng.random() < 0.5 else amount
    return w.pick(
        (
            f"{p.written}, {art}, was fined {shown} tenge for {w.pick(_REASONS)}",
            f"the administrative court fined {w.pick(_ROLES)} {p.written} {shown} tenge under {art}",
        )
    )


def _detention(w: _Writer) -> str:
    p = w.person()
    w.types.append("detention")
    hours = w.pick(("two", "three", "five", "seven", "ten"))
    return w.pick(
        (
            f"police officers detained {w.pick(_ROLES)} {p.written} near {p.his} home. {p.he.capitalize()} was held at the police station for {hours} hours",
            f"{w.pick(_ROLES)} {p.written} was detained on the way to a meeting with voters and taken to the police department",
            f"unknown people in civilian clothes detained {p.written} and took {p.him} to the city police department",
        )
    )


def _criminal_sentence(w: _Writer) -> str:
    p = w.person()
    years = w.rng.randint(2, 9)
    kind, words = w.rng.choice(
        (
            ("imprisonment", "of imprisonment"),
            ("restriction_of_liberty", "of restriction of liberty"),
        )
    )
    w.sanction(kind, p, days=years * 365)
    w.types.append("criminal_sentence")
    art = w.cc()
    return w.pick(
        (
            f"{p.written}, {art}, {years} years {words}: the court announced the verdict",
            f"the city court sentenced {w.pick(_ROLES)} {p.written} to {years} years {words} under {art}",
        )
    )


def _criminal_case(w: _Writer) -> str:
    p = w.person()
    w.types.append("criminal_case")
    art = w.cc()
    return w.pick(
        (
            f"{w.pick(_ROLES)} {p.written} is suspected under {art}; investigators searched {p.his} flat",
            f"the police opened a criminal case against {p.written} under {art}",
            f"{p.written} was questioned as a witness in a criminal case under {art}",
        )
    )


def _pretrial(w: _Writer) -> str:
    p = w.person()
    w.types.append("pretrial_restraint")
    art = w.cc()
    if w.rng.random() < 0.5:
        months = w.rng.randint(1, 3)
        w.sanction("pretrial_detention", p, days=months * 30)
        return f"the investigating judge placed {p.written}, suspected under {art}, in pre-trial detention for {months} months"
    w.sanction("house_arrest", p)
    return (
        f"{p.written}, {art}, was transferred to house arrest for the period of the investigation"
    )


def _assembly_refusal(w: _Writer) -> str:
    p = w.person()
    w.types.append("assembly_refusal")
    return w.pick(
        (
            f"the city akimat did not give permission to {p.written} to hold a peaceful rally against {w.pick(_ISSUES)}",
            f"the akimat refused to agree on a picket that {w.pick(_ROLES)} {p.written} had planned against {w.pick(_ISSUES)}",
        )
    )


def _protest(w: _Writer) -> str:
    w.types.append("protest")
    return w.pick(
        (
            f"residents held a picket outside the akimat against {w.pick(_ISSUES)}",
            f"about a hundred workers went on strike over {w.pick(_ISSUES)}",
            f"local residents gathered outside the city akimat to protest against {w.pick(_ISSUES)}",
        )
    )


def _statement(w: _Writer) -> str:
    p = w.person()
    w.types.append("statement")
    return w.pick(
        (
            f"{w.pick(_ROLES)} {p.written} stated that the authorities ignore complaints about {w.pick(_ISSUES)}",
            f"at a press conference {p.written} said that {p.he} considers {p.his} prosecution politically motivated",
        )
    )


def _appeal(w: _Writer) -> str:
    p = w.person()
    years = w.rng.randint(2, 7)
    w.sanction("imprisonment", p, days=years * 365, status="upheld")
    w.types += ["appeal", "criminal_sentence"]
    art = w.cc()
    return f"the court of appeal upheld the sentence of {p.written}, {art}, {years} years of imprisonment"


def _hunger_strike(w: _Writer) -> str:
    p = w.person()
    w.types.append("hunger_strike")
    return f"{p.written}, who is serving {p.his} sentence in a colony, declared a hunger strike"


def _publication(w: _Writer) -> str:
    w.types.append("publication")
    return w.pick(
        (
            f"human rights defenders published a report on {w.pick(_ISSUES)} and freedom of assembly",
            "overview of the situation with freedom of expression for the past week",
        )
    )


def _legislation(w: _Writer) -> str:
    w.types.append("legislation")
    return w.pick(
        (
            "the Majilis approved a draft law on peaceful assemblies in the first reading",
            "the Senate passed amendments to the law on mass media",
        )
    )


def _lawsuit(w: _Writer) -> str:
    p = w.person()
    w.types.append("lawsuit")
    return f"{w.pick(_ROLES)} {p.written} filed a lawsuit against the akimat over {w.pick(_ISSUES)}"


def _press_freedom(w: _Writer) -> str:
    p = w.person()
    w.types.append("press_freedom")
    return f"police officers did not allow journalist {p.written} to film a meeting of the city council"


def _torture(w: _Writer) -> str:
    p = w.person()
    w.types += ["torture", "statement"]
    return f"{p.written} stated that {p.he} was tortured at the police station during questioning"


def _harassment(w: _Writer) -> str:
    p = w.person()
    w.types.append("harassment")
    return w.pick(
        (
            f"{w.pick(_ROLES)} {p.written} was dismissed from {p.his} job after speaking about {w.pick(_ISSUES)}",
            f"police officers visited the home of {p.written} and warned {p.him} not to go to the rally",
        )
    )


def _political_prisoner(w: _Writer) -> str:
    p = w.person()
    w.types.append("political_prisoner")
    return f"human rights defenders added {p.written} to the list of political prisoners"


_TEMPLATES: tuple[tuple[Callable[[_Writer], str], int], ...] = (
    (_admin_arrest, 6),
    (_admin_fine, 5),
    (_detention, 8),
    (_criminal_sentence, 5),
    (_criminal_case, 5),
    (_pretrial, 3),
    (_assembly_refusal, 5),
    (_protest, 4),
    (_statement, 6),
    (_appeal, 2),
    (_hunger_strike, 1),
    (_publication, 2),
    (_legislation, 1),
    (_lawsuit, 2),
    (_press_freedom, 2),
    (_torture, 1),
    (_harassment, 2),
    (_political_prisoner, 1),
)  # (template, weight)
_WEIGHTED = tuple(t for t, weight in _TEMPLATES for _ in range(weight))


def _lead_date(rng: random.Random, month: str, day: int) -> str:
    form = rng.random()
    if form < 0.6:
        return f"{month} {day}"
    if form < 0.8:
        return f"{day} {month}"
    if form < 0.9:
        return f"On {month} {day}"
    return f"On {day} {month}"


def generate_entries(
    n: int, *, seed: int = 0, period: str | Period = "2024-03"
) -> Iterator[tuple[str, Truth]]:
    """``n`` entries of one month, in date order, with the record each should give."""
    period = Period.parse(period) if isinstance(period, str) else period
    rng = random.Random(seed)
    month = MONTHS[period.month - 1]
    days_in_month = 28  # every month has them; keeps the dates valid without a calendar
    for i in range(n):
        day = 1 + i * days_in_month // max(n, 1)
        writer = _Writer(rng)
        written, name, kind, region, country = PLACES[rng.randrange(len(PLACES))]
        body = rng.choice(_WEIGHTED)(writer)
        ref = i + 1
        text = f"{_lead_date(rng, month, day)}, {written}, {body}[{ref}]."
        truth: Truth = {
            "doc": str(period),
            "n": i + 1,
            "date": f"{period.year:04d}-{period.month:02d}-{day:02d}",
            "place": {"name": name, "kind": kind, "region": region, "country": country},
            "persons": writer.persons,
            "legal_refs": writer.legal,
            "sanctions": writer.sanctions,
            "types": writer.types,
            "refs": [ref],
        }
        yield text, truth


def write_chronicle(
    path: str | Path, n: int, period: str | Period = "2024-03", seed: int = 0
) -> Path:
    """Write an ``n``-entry chronicle (entries, ``****``, references) to ``path``.

    Streams to disk; the truth is not written (regenerate it with the same seed).
    """
    path = Path(path)
    with path.open("w", encoding="utf-8") as out:
        for text, _ in generate_entries(n, seed=seed, period=period):
            out.write(text + "\n")
        out.write("****\n")
        for k in range(1, n + 1):
            out.write(f"[{k}] https://example.org/chronicle/{seed}/{k}\n")
    return path
