"""Extract sanctions: ``Mention[Sanction]``, one per person sanctioned.

A sanction is found from a *quantity* and a *kind* next to it:
    term then kind        "3 years of imprisonment", "25 days of arrest", "a 2-year ban"
    kind then term        "arrest for 25 days", "restricted freedom for 3 years",
                          "sentenced Ivanov A. to 5 years", "banned from ... for 3 years"
    kind and amount       "fined 172500 tenge", "a fine of 100 MCI", "30 MCI fine"
    kind until a date     "arrest until 2 August", "house arrest until 5 May" (days null)
    a measure without a quantity: after a placing verb ("transferred to house
    arrest"), a warning given as a penalty, "was fined" (for a named person only).
Some kinds depend on the term: an "arrest" of days is administrative, of months
pre-trial detention; a bare "sentenced to 5 years" is imprisonment (see
``data/lang/en/sanctions.yaml``). Imprisonment followed by "suspended" or
"conditional" in the sentence or the next one, or cited with CC 63, is a
conditional sentence. "X — to 6 years" after a sanction takes that sanction's kind.

Not sanctions: ranges and bounds ("2 to 16 years", "up to 7 years"), hypotheticals
("faces 10 years"), ages and times ("37-year-old", "3 years ago"), and money
that is not a fine (moral damages, bail, assistance).

Who a sanction is for: see :mod:`.sanction_persons`. Status: ``requested`` when a
prosecutor asks for it, ``upheld`` when its sentence or the next one says an
appeal left it unchanged, ``served`` after "after"/"served", else ``imposed``.
The same (kind, days, amount, person) is reported once per entry.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass, field

from ..knowledge import data_path
from ..model import LegalRef, Mention, Sanction
from .context import Context
from .quantities import Term, amount_of, mci_for, term_of
from .sanction_persons import occurrences, who
from .sanction_words import (
    ACTIVITY,
    CANCEL,
    CHANGE,
    MONEY,
    REMEDY,
    REQUEST,
    RESPECTIVELY,
    SERVED,
    UNIT,
    SanctionWords,
    Span,
    compile_sanction_words,
)

__all__ = ["extract", "mci_tenge"]

_AFTER_REACH = 60  # characters between a quantity and a kind word after it
_BEFORE_REACH = 60  # ... and a kind word before it
_NAME_REACH = 100  # ... a kind word that reaches over a name ("sentenced Ivanov A. to")
_LIST_REACH = 180  # ... a fine word over a described list of names to "50 MCI each"
_GENERIC_AFTER_KIND = re.compile(r"\s*,?\s*(?:for|with|of|to)\s+(?:(?:a|an|the)\s+)?", re.I)
# measures of restraint (and bail): changing one is a new measure, not an appeal
_MEASURES = frozenset({"house_arrest", "pretrial_detention", "other"})
# between an amount and the same amount in other money: "50 MCI (172,500 tenge)", "50 MCI, or ..."
_RESTATING = frozenset({"(", ", or", "or", ", i.e.", "i.e.", "(i.e.", "(or", "—", "–"})
_TERM_FOLLOWS = 40  # characters from a bare measure to the term that states it again
_ADMIN_ARREST_MAX_DAYS = 45  # the CAO's longest arrest; a longer "prison" term of days is not one
_UNTIL_CLASSES = frozenset(
    {"arrest", "house_arrest", "pretrial_detention", "detention", "absentia"}
)
# what a measure or penalty may be replaced with ("replaced his detention with house arrest")
_REPLACEMENT_CLASSES = frozenset(
    {
        "house_arrest",
        "pretrial_detention",
        "facility",
        "detention",
        "warning",
        "fine",
        "restriction_of_liberty",
        "probation",
        "conditional_sentence",
        "prison",
        "labour",
        "other",
        "bail",
    }
)
_PLACED_CLASSES = frozenset({"house_arrest", "pretrial_detention", "facility"})
# main penalties and measures: a change replaces one of them ("reduced it to 10 days")
_MAIN_KINDS = frozenset(
    {
        "imprisonment",
        "restriction_of_liberty",
        "conditional_sentence",
        "probation",
        "administrative_arrest",
        "fine",
        "pretrial_detention",
        "house_arrest",
    }
)
_EXTENDED_CLASSES = frozenset({"house_arrest", "pretrial_detention", "arrest", "detention"})
# kinds a court can be said to have "sentenced to" without a term ("sentenced to restricted freedom")
_SENTENCED_CLASSES = frozenset(
    {
        "prison",
        "restriction_of_liberty",
        "probation",
        "conditional_sentence",
        "fine",
        "warning",
        "administrative_arrest",
        "house_arrest",
        "other",
        "expulsion",
    }
)
_NOT_KINDS = frozenset({UNIT, MONEY, SERVED, REMEDY, ACTIVITY, CHANGE, RESPECTIVELY, CANCEL})


@dataclass
class _Found:
    """A sanction found in the text, before it is given to persons."""

    start: int
    end: int
    kind: str
    days: int | None = None
    amount: int | None = None
    source: str = "term"  # term, amount, until, trigger
    needs_name: bool = False  # amount-less triggers count only for a named person
    term: Term | None = None
    slot: tuple[int, int] | None = None  # "5 and 7 years respectively": (place, of how many)
    qstart: int = -1  # where its quantity starts (-1: at ``start``)
    changed: bool = False  # the new term or kind of a change ("reduced it to 3 years")

    @property
    def at(self) -> int:
        """The start of the quantity, where a change verb before it is looked for."""
        return self.start if self.qstart < 0 else self.qstart


@dataclass
class _Entry:
    """One entry's text with what is computed once for it."""

    text: str
    words: SanctionWords
    sentences: list[tuple[int, int]]
    kinds: list[Span]  # kind phrases, in text order
    kind_starts: list[int] = field(default_factory=list)
    remedy: bool = False  # the entry names a compensation or rehabilitation
    changed: bool = False  # the entry has a verb of change ("reduced", "extended")
    respectively: bool = False  # the entry says "respectively"
    activities: list[Span] = field(default_factory=list)  # "hunger strike", "picketing"
    cancelled: bool = False  # the entry has a word of cancellation or acquittal

    def sentence(self, pos: int) -> int:
        for i, (start, end) in enumerate(self.sentences):
            if start <= pos < end:
                return i
        return len(self.sentences) - 1


def extract(text: str, *, context: Context) -> list[Mention[Sanction]]:
    """Every sanction the entry reports, one per person, in text order."""
    words = _words(context)
    spans = words.phrases.find(text)
    kinds = [s for s in spans if s.cls not in _NOT_KINDS]
    classes = {s.cls for s in spans}
    if not kinds and SERVED not in classes:
        return []  # no kind word, and no "served his 10 days" that names a kind by its term
    entry = _Entry(text, words, _sentences(text, words), kinds, [s.start for s in kinds])
    entry.remedy = REMEDY in classes
    entry.changed = CHANGE in classes
    entry.respectively = RESPECTIVELY in classes
    entry.activities = [s for s in spans if s.cls == ACTIVITY]
    entry.cancelled = CANCEL in classes
    regime = _regime(context.legal_refs)
    found: list[_Found] = []
    if UNIT in classes:
        found += _find_terms(entry, regime)
    if MONEY in classes:
        found += _find_amounts(entry, mci_tenge(context))
    found += _find_until(entry, regime) + _find_triggers(entry)
    found = [
        f
        for f in _without_overlaps(found, entry)
        if not _background(f, entry)
        and not _overturned(f, entry)
        and not _earlier_year(f, entry, context)
    ]
    found = _replaced_by_change(found, entry)
    for i, f in enumerate(found):
        # "X to 5 years of imprisonment, Y to a suspended sentence": only up to the next one
        stop = found[i + 1].start if i + 1 < len(found) else len(entry.text)
        if f.kind == "imprisonment" and _is_conditional(f, entry, context, stop):
            f.kind = "conditional_sentence"
    return _mentions(entry, found, context)


def mci_tenge(context: Context) -> int | None:
    """The MCI (tenge) of the entry's period, or of its date's year; ``None`` if unknown."""
    q = _words(context).q
    if context.period is not None:
        return mci_for(context.period.year, context.period.month, q)
    date = context.date.value if context.date else None
    if date is not None and date.year is not None:
        return mci_for(date.year, date.month or 1, q)
    return None


def _words(context: Context) -> SanctionWords:
    knowledge = context.knowledge
    # lang() is read outside the factory: Knowledge.compiled holds a non-reentrant lock
    data = knowledge.lang("sanctions")
    return knowledge.compiled(
        "sanctions:words",
        lambda: compile_sanction_words(
            data, data_path("lang", knowledge.language, "sanctions.yaml")
        ),
    )


# --- finding ----------------------------------------------------------------------------


def _find_terms(entry: _Entry, regime: str | None) -> list[_Found]:
    text, words = entry.text, entry.words
    out: list[_Found] = []
    pending: list[_Found] = []  # bare terms that a later term of the list may give a kind
    for m in words.q.term.finditer(text):
        s_start, s_end = entry.sentences[entry.sentence(m.start())]
        listed = _respectively(entry, m.start(), m.end(), m.group(), s_end)
        if listed:
            out += _listed_terms(entry, listed, m.end(), regime)
            continue
        if _not_a_sanction(entry, m.start(), m.end(), s_start):
            continue
        term = term_of(m.group(), words.q)
        if term is None:
            continue
        cue = _kind_cue(entry, m.start(), m.end())
        if cue is None:
            # "X was sentenced to 8 years of imprisonment, Y — to 6 years": the kind before
            if _continues_list(entry, out, m.start(), s_start) or _changed_to(
                entry, out, m.start(), s_start
            ):
                # "..., Y — to 6 years"; "15 days of arrest, but the court reduced it to 10 days"
                out.append(_Found(m.start(), m.end(), out[-1].kind, days=term.days, term=term))
            elif words.served_term.search(text, max(s_start, m.start() - 40), m.start()):
                # "who had served his 10 days": a sentence served, named by its term
                kind = _kind("sentence", term, regime)
                if kind is not None:
                    out.append(_Found(m.start(), m.end(), kind, days=term.days, term=term))
            else:
                pending.append(_Found(m.start(), m.end(), "", days=term.days, term=term))
            continue
        if cue.cls == REQUEST and not words.prosecutor.search(text, s_start, s_end):
            continue  # "asked for two weeks": only a prosecutor's request is a sanction
        if cue.cls in ("facility", "special_facility") and not _placed(entry, cue):
            continue  # "not allowed to meet him in the detention centre for a week"
        if _trial_period(entry, out, cue, m.start()):
            continue  # "6 years of imprisonment, suspended for 3 years": the trial period
        kind = _kind(cue.cls, term, regime)
        if kind is not None:
            start, end = min(cue.start, m.start()), max(cue.end, m.end())
            out.append(_Found(start, end, kind, days=term.days, term=term, qstart=m.start()))
    out += _elliptic_numbers(entry, out)
    if pending and out:
        out = sorted(out + _listed_before(entry, pending, out), key=lambda f: f.start)
    return [_replaced(entry, f, regime) for f in out]


def _listed_before(entry: _Entry, pending: list[_Found], found: list[_Found]) -> list[_Found]:
    """ "X — 7 years, Y — 5 years, Z — 3 years of imprisonment": bare terms before a term
    with a kind, joined to it by names, dashes and commas only, take its kind."""
    out: list[_Found] = []
    for f in reversed(pending):
        nxt = min(
            (g for g in [*out, *found] if g.start >= f.end), key=lambda g: g.start, default=None
        )
        if nxt is None or entry.sentence(nxt.start) != entry.sentence(f.start):
            continue
        gap = entry.text[f.end : nxt.start]
        if any(ch.isupper() or ch in "—–" for ch in gap) and entry.words.elliptic.fullmatch(gap):
            out.append(_Found(f.start, f.end, nxt.kind, days=f.days, term=f.term))
    return out


def _trial_period(entry: _Entry, found: list[_Found], cue: Span, start: int) -> bool:
    """A term after "suspended" that follows a prison term: the probation period."""
    if cue.cls != "conditional_sentence" or cue.end > start or not found:
        return False
    last = found[-1]
    gap = entry.text[last.end : cue.start]
    return last.kind in ("imprisonment", "restriction_of_liberty") and bool(
        len(gap) <= 12 and not any(ch.isalnum() for ch in gap.replace("and", ""))
    )


def _elliptic_numbers(entry: _Entry, found: list[_Found]) -> list[_Found]:
    """ "X was sentenced to 5 years, Y to 3": a bare number after a name takes the unit
    and kind of the term before it in the sentence."""
    out: list[_Found] = []
    for f in found:
        if f.term is None or len(f.term.units) != 1:
            continue
        s_end = entry.sentences[entry.sentence(f.start)][1]
        m = entry.words.elliptic_number.match(entry.text, f.end, s_end)
        if m is None or any(f.end < g.start < m.end() for g in found):
            continue
        (unit,) = f.term.units
        term = term_of(f"{m.group('num')} {unit}s", entry.words.q)
        if term is not None:
            out.append(_Found(m.start("num"), m.end("num"), f.kind, days=term.days, term=term))
    return out


def _respectively(
    entry: _Entry, start: int, end: int, written: str, s_end: int
) -> list[tuple[int, int, Term]] | None:
    """ "10 and 15 days ... respectively": (start, end, term) of each number, else None."""
    if not entry.respectively:
        return None
    words = entry.words
    numbers = words.listed_numbers.search(entry.text, max(0, start - 40), start)
    if not numbers or not words.respectively.match(entry.text, end, min(s_end, end + 100)):
        return None
    unit = words.q.component.fullmatch(written)
    if unit is None or not unit.group("unit"):
        return None
    out = []
    for n in words.q.number.finditer(entry.text, numbers.start(), start):
        term = term_of(f"{n.group()} {unit.group('unit')}", words.q)
        if term is not None:
            out.append((n.start(), n.end(), term))
    last = term_of(written, words.q)
    return out + [(start, end, last)] if out and last is not None else None


def _listed_terms(
    entry: _Entry, listed: list[tuple[int, int, Term]], end: int, regime: str | None
) -> list[_Found]:
    cue = _kind_cue(entry, listed[0][0], end)
    if cue is None or cue.cls in (REQUEST, "facility"):
        return []
    out = []
    for i, (start, number_end, term) in enumerate(listed):
        kind = _kind(cue.cls, term, regime)
        if kind is not None:
            # the last number carries the unit and the kind; the others are their number
            found_end = max(cue.end, end) if i == len(listed) - 1 else number_end
            out.append(
                _Found(start, found_end, kind, days=term.days, term=term, slot=(i, len(listed)))
            )
    return out


def _continues_list(entry: _Entry, found: list[_Found], start: int, s_start: int) -> bool:
    """Whether a bare quantity continues the list of the sanction before it in its sentence."""
    if not found or found[-1].end <= s_start or found[-1].end > start:
        return False
    gap = entry.text[found[-1].end : start]
    if entry.words.remaining_gap.fullmatch(gap):
        return True  # "sentenced X to 5 years, and the others to 3 years each"
    # a name or a dash must stand between: "5 years and 3 months" is one term, not a list
    listed = any(ch.isupper() or ch in "—–" for ch in gap)
    return listed and bool(entry.words.elliptic.fullmatch(gap))


def _changed_to(entry: _Entry, found: list[_Found], start: int, s_start: int) -> bool:
    """A bare term that a change verb gives a sanction before it: in the sentence, or in one
    of the two before ("X got 4 years. In May the court lowered it to 2 years")."""
    if not entry.changed or not found or found[-1].end > start:
        return False
    text, words = entry.text, entry.words
    if found[-1].end > s_start:
        return bool(words.changed_to_before.search(text, max(s_start, start - 80), start))
    if entry.sentence(start) - entry.sentence(found[-1].start) > _REVISED_REACH:
        return False
    return bool(words.revised_to_before.search(text, max(s_start, start - 80), start))


def _replaced_by_change(found: list[_Found], entry: _Entry) -> list[_Found]:
    """Drop a sentence's main penalty that a change replaced: in "reduced to 3 years of
    restricted freedom the sentence of X, who had been given 5 years", only the new one.

    An additional penalty (a ban: kind "other") and a prosecutor's request stay.
    """
    text, words = entry.text, entry.words
    if not entry.changed:
        return found
    targets: dict[int, list[_Found]] = {}
    for f in found:
        s_start = entry.sentences[entry.sentence(f.start)][0]
        if f.kind in _MAIN_KINDS and (
            words.changed_to_before.search(text, max(s_start, f.at - 80), f.at)
            or words.replaced_with_before.search(text, max(s_start, f.at - 90), f.at)
        ):
            targets.setdefault(entry.sentence(f.start), []).append(f)
            # a revision, not an extension: it replaces a sanction of an earlier sentence too
            f.changed = f.changed or bool(
                words.revised_to_before.search(text, max(s_start, f.at - 80), f.at)
                or words.replaced_with_before.search(text, max(s_start, f.at - 90), f.at)
            )
    if not targets:
        return found
    return [
        f
        for f in found
        if f.kind not in _MAIN_KINDS
        or entry.sentence(f.start) not in targets
        or f in targets[entry.sentence(f.start)]
        or _status(f, entry) == "requested"
    ]


def _placed(entry: _Entry, span: Span) -> bool:
    """A placing verb leads to the measure: "placed under", "transferred to"; not when it
    is refused ("refused to change the measure of restraint to house arrest")."""
    text, words = entry.text, entry.words
    m = words.placing_before.search(text, max(0, span.start - 80), span.start)
    return m is not None and not words.refused_before.search(
        text, max(0, m.start() - 40), m.start()
    )


def _replaced(entry: _Entry, f: _Found, regime: str | None) -> _Found:
    """ "replaced his 3-year prison term with restriction of liberty": the new kind, same term."""
    if not entry.changed:
        return f  # no verb of change (replacing verbs are among them) in the entry
    text, words = entry.text, entry.words
    with_ = words.replaced_with.match(text, f.end)
    if not with_ or not words.replaced_before.search(text, max(0, f.start - 60), f.start):
        return f
    new = entry.kinds[_index_at(entry, with_.end()) : _index_at(entry, with_.end() + 1)]
    kind = _kind(new[0].cls, f.term, regime) if new else None
    if kind is None:
        return f
    return _Found(f.start, new[0].end, kind, days=f.days, term=f.term)


def _find_amounts(entry: _Entry, mci: int | None) -> list[_Found]:
    text, words = entry.text, entry.words
    out: list[_Found] = []
    previous_end = -1
    for m in words.q.amount.finditer(text):
        # "30 MCI (103,500 tenge)": the bracketed amount restates the one before, as written
        restates = previous_end >= 0 and text[previous_end : m.start()].strip() in _RESTATING
        previous_end = m.end()
        if restates and out and out[-1].end <= m.start():
            out[-1].amount = amount_of(m, words.q, mci) or out[-1].amount
            out[-1].end = m.end()
            continue
        s_start, s_end = entry.sentences[entry.sentence(m.start())]
        listed = _respective_amounts(entry, m, s_end, mci)
        if listed:
            out += listed  # "fined X and Y 30 and 20 MCI respectively"
            continue
        if _not_a_sanction(entry, m.start(), m.end(), s_start):
            continue
        cue = _kind_cue(entry, m.start(), m.end())
        if cue is None and words.distributive_after.match(text, m.end()):
            cue = _fine_over_list(entry, m.start(), s_start)  # "fined ..., X and Y, 50 MCI each"
        if cue is None and _continues_list(entry, out, m.start(), s_start):
            out.append(
                _Found(
                    m.start(), m.end(), "fine", amount=amount_of(m, words.q, mci), source="amount"
                )
            )
            continue  # "fined X 40 MCI and Y 20 MCI"
        if cue is not None and cue.cls == REQUEST and _requested_fine(entry, s_start, s_end):
            # "the prosecutor had asked for 150 MCI": the request is a fine's
            amount = amount_of(m, words.q, mci)
            out.append(_Found(cue.start, m.end(), "fine", amount=amount, source="amount"))
            continue
        if cue is None or cue.cls != "fine":
            continue  # damages, bail, assistance: money that is not a fine
        if _law_rate(entry, cue, s_start, s_end):
            continue  # "amendments that raise the fine for ... to 200 MCI"
        start, end = min(cue.start, m.start()), max(cue.end, m.end())
        out.append(_Found(start, end, "fine", amount=amount_of(m, words.q, mci), source="amount"))
    return out


def _requested_fine(entry: _Entry, s_start: int, s_end: int) -> bool:
    """Money a prosecutor asks for is a fine, in an entry that names a fine and no
    compensation or damages (which are asked for too)."""
    if entry.remedy or not entry.words.prosecutor.search(entry.text, s_start, s_end):
        return False
    return any(k.cls == "fine" for k in entry.kinds)


def _fine_over_list(entry: _Entry, start: int, s_start: int) -> Span | None:
    """The fine word of an amount given to each of a described list of names: "fined three
    members of the community, X, Y and Z, 50 MCI each" (farther than a name's reach)."""
    before = entry.kinds[_index_at(entry, start - _LIST_REACH) : _index_at(entry, start)]
    before = [s for s in before if s_start <= s.start and s.end <= start]
    if not before or before[-1].cls != "fine":
        return None
    last = before[-1]
    return last if entry.words.fine_over_list.fullmatch(entry.text, last.end, start) else None


def _law_rate(entry: _Entry, cue: Span, s_start: int, s_end: int) -> bool:
    """A fine set by a law, not given to anyone: a verb of change right before the fine
    word ("raise the fine for ...") in a sentence about legislation ("amendments")."""
    words = entry.words
    if not words.law_change_before.search(entry.text, max(s_start, cue.start - 40), cue.start):
        return False
    return words.law_words.search(entry.text, s_start, s_end) is not None


def _respective_amounts(
    entry: _Entry, m: re.Match[str], s_end: int, mci: int | None
) -> list[_Found]:
    """ "30 and 20 MCI ... respectively": one fine per number, in the order of the names."""
    if not entry.respectively:
        return []
    text, words = entry.text, entry.words
    numbers = words.listed_numbers.search(text, max(0, m.start() - 40), m.start())
    if not numbers or not words.respectively.match(text, m.end(), min(s_end, m.end() + 100)):
        return []
    cue = _kind_cue(entry, numbers.start(), m.end())
    if cue is None or cue.cls != "fine":
        return []
    tail = text[m.end("num") : m.end()]  # " MCI", " thousand tenge": shared by every number
    values = []
    for n in words.q.number.finditer(text, numbers.start(), m.start()):
        same = words.q.amount.fullmatch(n.group() + tail)
        values.append((n.start(), n.end(), amount_of(same, words.q, mci) if same else None))
    values.append((m.start(), m.end(), amount_of(m, words.q, mci)))
    if len(values) < 2 or any(v is None for _, _, v in values):
        return []
    return [
        _Found(start, end, "fine", amount=value, source="amount", slot=(i, len(values)))
        for i, (start, end, value) in enumerate(values)
    ]


def _find_until(entry: _Entry, regime: str | None) -> list[_Found]:
    out = []
    for span in entry.kinds:
        if span.cls in _UNTIL_CLASSES:
            m = entry.words.until_after.match(entry.text, span.end)
            kind = _kind(span.cls, None, regime) if m else None
            if m and kind:
                out.append(_Found(span.start, m.end(), kind, source="until"))
    return out


def _find_triggers(entry: _Entry) -> list[_Found]:
    """Measures named without a quantity: placed in one, sentenced to one, warned, fined."""
    text, words = entry.text, entry.words
    out = []
    for span in entry.kinds:
        before = max(0, span.start - 80)
        replacement = _replacement_kind(entry, span)
        if replacement is not None:
            # "replaced his pre-trial detention with house arrest", "... the fine with a warning"
            out.append(_Found(span.start, span.end, replacement, source="trigger", changed=True))
        elif span.cls == "bail":
            s_start = entry.sentences[entry.sentence(span.start)][0]
            if not words.bail_refused.search(text, max(s_start, span.start - 50), span.start):
                out.append(_Found(span.start, span.end, "other", source="trigger", needs_name=True))
        elif span.cls == "absentia":
            out.append(
                _Found(
                    span.start, span.end, "pretrial_detention", source="trigger", needs_name=True
                )
            )
        elif span.cls == "labour":
            if _decided(entry, span):
                out.append(_Found(span.start, span.end, "other", source="trigger", needs_name=True))
        elif span.cls in _PLACED_CLASSES and _placed(entry, span):
            kind = "pretrial_detention" if span.cls == "facility" else span.cls
            out.append(_Found(span.start, span.end, kind, source="trigger"))
        elif span.cls in _EXTENDED_CLASSES and _extended(entry, span):
            prolonged = _kind(span.cls, None, None)  # an arrest prolonged: pre-trial detention
            if prolonged is not None:
                out.append(_Found(span.start, span.end, prolonged, source="trigger"))
        elif span.cls == "expulsion":
            if _expelled(entry, span):
                out.append(_Found(span.start, span.end, "other", source="trigger", needs_name=True))
        elif span.cls == "other" and _restraint_ban(entry, span, before):
            out.append(_Found(span.start, span.end, "other", source="trigger", needs_name=True))
        elif span.cls in _SENTENCED_CLASSES and words.sentenced_before.search(
            text, before, span.start
        ):
            sentenced = "fine" if span.cls == "fine" else _kind(span.cls, None, None)
            if sentenced is not None:
                out.append(
                    _Found(span.start, span.end, sentenced, source="trigger", needs_name=True)
                )
        elif span.phrase in words.warned_verbs:
            if _court_warned(entry, span):  # "the court warned X under Article 488"
                out.append(
                    _Found(span.start, span.end, "warning", source="trigger", needs_name=True)
                )
        elif span.cls == "warning" and not words.not_penalty_after.match(text, span.end):
            given = words.warning_after.match(text, span.end)  # "a warning was issued to X"
            if words.not_penalty_later.match(text, given.end() if given else span.end):
                continue  # "a warning to X about the inadmissibility of ...": a notice
            # "X — a warning", "a fine for X and a warning for Y"
            listed = bool(words.dash_before.search(text, before, span.start))
            listed = listed or _warning_in_penalty_list(entry, span)
            if given or listed or words.warning_before.search(text, before, span.start):
                end = given.end() if given else span.end
                out.append(_Found(span.start, end, "warning", source="trigger", needs_name=True))
        elif span.phrase in words.fined_verbs:
            out.append(_Found(span.start, span.end, "fine", source="trigger", needs_name=True))
    return out


def _restraint_ban(entry: _Entry, span: Span, before: int) -> bool:
    """ "the investigator banned X from leaving the country": a measure of restraint."""
    words, text = entry.words, entry.text
    if words.restraint_by is None or words.restraint_ban_after is None:
        return False
    return bool(
        words.restraint_by.search(text, before, span.start)
        and words.restraint_ban_after.match(text, span.end)
    )


def _warning_in_penalty_list(entry: _Entry, span: Span) -> bool:
    """ "a fine of 20 MCI for X and a warning for Y": a warning for a name, listed after
    another penalty of its sentence."""
    text, words = entry.text, entry.words
    s_start = entry.sentences[entry.sentence(span.start)][0]
    if not words.listed_warning_before.search(text, max(s_start, span.start - 8), span.start):
        return False
    if not words.warning_to_name.match(text, span.end):
        return False
    return any(
        s_start <= k.start < span.start and k.cls in _SENTENCED_CLASSES | {"arrest"}
        for k in entry.kinds
    )


def _court_warned(entry: _Entry, span: Span) -> bool:
    """A court or judge warned someone, and nothing after says it was a notice."""
    words = entry.words
    s_start, s_end = entry.sentences[entry.sentence(span.start)]
    if not words.warned_by.search(entry.text, s_start, span.start):
        return False  # "police warned residents": no penalty
    return not words.warned_notice.search(entry.text, span.end, s_end)


def _replacement_kind(entry: _Entry, span: Span) -> str | None:
    """The kind a measure or penalty was replaced with: "replaced the fine with a warning"."""
    if span.cls not in _REPLACEMENT_CLASSES or not entry.changed:
        return None
    s_start = entry.sentences[entry.sentence(span.start)][0]
    words = entry.words
    m = words.replaced_with_before.search(entry.text, max(s_start, span.start - 90), span.start)
    if m is None or words.modal_before.search(entry.text, max(s_start, m.start() - 30), m.start()):
        return None  # "her sentence could be replaced with imprisonment": a threat
    if words.refused_before.search(entry.text, max(s_start, m.start() - 40), m.start()):
        return None  # "refused to replace his detention with house arrest"
    if span.cls in ("facility", "detention"):
        return "pretrial_detention"
    if span.cls in ("labour", "bail"):
        return "other"
    if span.cls in ("warning", "fine"):
        return span.cls
    return _kind(span.cls, None, None)


def _decided(entry: _Entry, span: Span) -> bool:
    """A labour penalty given, not feared: "sentenced to 200 hours of community service"."""
    text, words = entry.text, entry.words
    s_start = entry.sentences[entry.sentence(span.start)][0]
    if words.hypothetical.search(text, s_start, span.start):
        return False
    if words.not_term_before.search(text, max(s_start, span.start - 40), span.start):
        return False
    window = text[max(s_start, span.start - 80) : span.start]
    return bool(words.labour_given.search(window))


def _overturned(f: _Found, entry: _Entry) -> bool:
    """A sanction a court cancelled: "overturned the 10-day arrest of X", "... was annulled"."""
    if not entry.cancelled:
        return False
    text, words = entry.text, entry.words
    s_start, s_end = entry.sentences[entry.sentence(f.start)]
    if words.overturned_before.search(text, max(s_start, f.start - 60), f.start):
        return True
    acquittal = words.acquitted.search(text, s_start, s_end)
    if acquittal and _status(f, entry) != "requested":
        # "... who had been sentenced to 3 years, and acquitted him"; but "acquitted of
        # one charge and sentenced to 2 years on the other" is a new sentence
        return not (
            acquittal.end() <= f.start
            and words.and_sentenced.search(text, acquittal.end(), f.start) is not None
        )
    return bool(words.overturned_after.match(text, f.end))


def _extended(entry: _Entry, span: Span) -> bool:
    """A measure prolonged: "extended the house arrest of X", "X's detention was extended"."""
    if not entry.changed:
        return False
    text, words = entry.text, entry.words
    if words.extended_before.search(text, max(0, span.start - 80), span.start):
        return True
    return bool(words.extended_after.match(text, span.end))


def _expelled(entry: _Entry, span: Span) -> bool:
    """An expulsion decided or done, not feared: "ordered his expulsion", "was deported"."""
    text, words = entry.text, entry.words
    s_start = entry.sentences[entry.sentence(span.start)][0]
    if words.hypothetical.search(text, s_start, span.start):
        return False  # "faces deportation"
    if span.phrase in words.expulsion_done:
        return True
    return bool(words.expulsion_decided.search(text, max(s_start, span.start - 60), span.start))


def _not_a_sanction(entry: _Entry, start: int, end: int, s_start: int) -> bool:
    """A bound, a range or a hypothetical: "up to 7 years", "2 to 16 years", "faces 10 years"."""
    text, words = entry.text, entry.words
    window = max(0, start - 40)
    if words.not_term_before.search(text, window, start):
        return True
    in_range = words.range_before.search(text, window, start) or words.range_after.match(text, end)
    if in_range and not words.changed_before.search(text, max(0, start - 160), start):
        return True  # "from 2 to 16 years"; but "reduced from 6 to 4.5 years" is the new term
    if words.hypothetical.search(text, s_start, start):
        return True
    # "on hunger strike for 12 days" measures the strike, unless a kind word comes between
    return any(
        s_start <= a.start
        and start - 80 <= a.start
        and a.end <= start
        and words.activity_gap.fullmatch(text, a.end, start)
        and not any(a.start <= k.start < start for k in entry.kinds)
        for a in entry.activities
    )


def _kind_cue(entry: _Entry, start: int, end: int) -> Span | None:
    """The kind phrase that belongs to the quantity at [start, end), if any."""
    text, words = entry.text, entry.words
    after = entry.kinds[_index_at(entry, end) : _index_at(entry, end + _AFTER_REACH)]
    if after and words.after_gap.fullmatch(text, end, after[0].start):
        if (
            after[0].cls == "sentence"
            and len(after) > 1
            and _GENERIC_AFTER_KIND.fullmatch(text, after[0].end, after[1].start)
        ):
            return after[1]  # "an eighteen-month term of restricted freedom": the kind named
        return after[0]
    before = entry.kinds[_index_at(entry, start - _NAME_REACH) : _index_at(entry, start)]
    before = [s for s in before if s.end <= start]
    near = before and start - before[-1].end <= _BEFORE_REACH
    if near and words.before_gap.fullmatch(text, before[-1].end, start):
        # "restriction of freedom for a term of 2 years": the generic word defers to the kind
        if (
            len(before) > 1
            and before[-1].cls == "sentence"
            and _GENERIC_AFTER_KIND.fullmatch(text, before[-2].end, before[-1].start)
        ):
            return before[-2]
        return before[-1]
    for span in reversed(before):
        reach = words.reach.get(span.cls)
        if reach is not None and reach.fullmatch(text, span.end, start):
            return span
    return None


def _index_at(entry: _Entry, pos: int) -> int:
    return bisect_left(entry.kind_starts, pos)


def _kind(cls: str, term: Term | None, regime: str | None) -> str | None:
    """The sanction kind of a kind class, given the term it came with."""
    days_only = term is not None and term.units <= {"day", "week"}
    if cls == "prison":
        short = days_only and term is not None and term.days <= _ADMIN_ARREST_MAX_DAYS
        return "administrative_arrest" if short else "imprisonment"
    if cls == "arrest":
        if term is None:
            return "administrative_arrest" if regime == "CAO" else "pretrial_detention"
        return "administrative_arrest" if days_only else "pretrial_detention"
    if cls == "detention":
        if term is None or not days_only:
            return (
                "imprisonment"
                if term is not None and "year" in term.units
                else "pretrial_detention"
            )
        # pre-trial detention runs in months; a few days is an arrest unless the case is criminal
        return "pretrial_detention" if regime == "CC" else "administrative_arrest"
    if cls in ("sentence", REQUEST):
        if term is None or "week" in term.units:
            return None
        return "administrative_arrest" if days_only else "imprisonment"
    if cls in ("facility", "absentia"):
        return "pretrial_detention"
    if cls == "special_facility":
        days_only = term is not None and term.units <= {"day", "week"}
        return "administrative_arrest" if days_only else None
    if cls == "labour":
        return "other"
    if cls == "expulsion":
        return "other"
    if cls in ("not_a_sanction", "fine", "warning", "holding_facility", "bail"):
        return None  # a trial period, or a fine or warning with a term: not a sanction
    return cls


def _without_overlaps(found: list[_Found], entry: _Entry) -> list[_Found]:
    """Drop a finding that overlaps a better one (a quantity beats a bare trigger)."""
    rank = {"term": 0, "amount": 0, "until": 1, "trigger": 2}
    kept: list[_Found] = []
    for f in sorted(found, key=lambda f: (rank[f.source], f.start)):
        if any(f.start < k.end and k.start < f.end for k in kept):
            if not _new_term_of(f, kept, entry):
                continue
            f.start = f.at  # "X's 15-day arrest was reduced to 7 days": the kind is shared
        if f.source == "trigger" and f.kind == "fine" and any(k.kind == "fine" for k in kept):
            continue  # "was fined ... 30 MCI": the fine already has its amount
        if f.source == "trigger" and any(
            k.kind == f.kind and f.end <= k.start <= f.end + _TERM_FOLLOWS for k in kept
        ):
            continue  # "sentenced to imprisonment for a term of 5 years": one sanction
        kept.append(f)
    return sorted(kept, key=lambda f: f.start)


def _new_term_of(f: _Found, kept: list[_Found], entry: _Entry) -> bool:
    """Whether ``f`` is a changed term that reached its kind word through an earlier
    sanction ("15-day arrest was reduced to 7 days"): its quantity stands after it."""
    if f.source != "term" or f.qstart < 0 or not entry.changed:
        return False
    if any(f.qstart < k.end and k.start < f.end for k in kept):
        return False
    s_start = entry.sentences[entry.sentence(f.qstart)][0]
    window = max(s_start, f.qstart - 80)
    return bool(entry.words.changed_to_before.search(entry.text, window, f.qstart))


def _background(f: _Found, entry: _Entry) -> bool:
    """Custody that a compensation or rehabilitation is about: "compensation for the 4
    months he spent in custody", "unlawfully held ... in a case that was later closed"."""
    text, words = entry.text, entry.words
    if not entry.remedy:
        return False
    s_start, s_end = entry.sentences[entry.sentence(f.start)]
    before = words.background_before.search(text, max(s_start, f.start - 80), f.start)
    # "illegally detained and sentenced to 10 days": a sentence between is a new act
    if before and not any(before.end("marker") <= k.start < f.start for k in entry.kinds):
        return True
    return bool(words.background_after.search(text, f.end, s_end))


def _earlier_year(f: _Found, entry: _Entry, context: Context) -> bool:
    """A penalty without term or amount dated in a year before the chronicle's: other,
    past proceedings ("she had been fined in 2019 for a similar post")."""
    if f.days is not None or f.amount is not None or context.period is None:
        return False
    m = entry.words.earlier_year.match(entry.text, f.end)
    return m is not None and int(m.group(1)) < context.period.year


def _is_conditional(f: _Found, entry: _Entry, context: Context, stop: int) -> bool:
    i = entry.sentence(f.start)
    s_start, s_end = entry.sentences[i]
    next_end = entry.sentences[i + 1][1] if i + 1 < len(entry.sentences) else s_end
    next_end = max(f.end, min(next_end, stop))
    if entry.words.conditional_after.search(entry.text, f.end, next_end):
        return True
    if entry.words.conditional_before.search(entry.text, max(s_start, f.start - 100), f.start):
        return True  # "conditionally sentenced X to 2 years", "a suspended 4-year term"
    return any(
        (m.value.code, m.value.article) in entry.words.conditional_articles
        and s_start <= m.start < s_end
        for m in context.legal_refs
    )


# --- persons and status -----------------------------------------------------------------


def _mentions(entry: _Entry, found: list[_Found], context: Context) -> list[Mention[Sanction]]:
    text = entry.text
    named = occurrences(text, context.persons)
    out: list[Mention[Sanction]] = []
    seen: set[tuple[str, int | None, int | None, str | None]] = set()
    sanctioned: list[str] = []
    meta: list[tuple[int, bool]] = []  # per mention: its sentence, whether it is a revision
    for f in found:
        sentence = entry.sentences[entry.sentence(f.start)]
        names = who(f.start, f.end, sentence, text, named, sanctioned, entry.words,
                    needs_name=f.needs_name)  # fmt: skip
        if names is None:
            continue
        status = _status(f, entry)
        if f.slot is not None:  # "X and Y ... 5 and 7 years respectively": the name in its place
            names = [names[f.slot[0]]] if len(names) == f.slot[1] else []
        persons: list[str | None] = [*names] or [None]
        i = entry.sentence(f.start)
        if f.changed and f.kind in _MAIN_KINDS and status != "requested":
            _drop_revised(out, meta, persons, i)
        for name in persons:
            key = (f.kind, f.days, f.amount, name)
            if key in seen:
                continue
            seen.add(key)
            if name is not None and name not in sanctioned:
                sanctioned.append(name)
            value = Sanction(f.kind, days=f.days, amount_kzt=f.amount, person=name, status=status)
            out.append(Mention(f.start, f.end, text[f.start : f.end], value))
            meta.append((i, f.changed))
    return out


_REVISED_REACH = 2  # sentences back that "the appeal court reduced the term to 9 years" reaches


def _drop_revised(
    out: list[Mention[Sanction]],
    meta: list[tuple[int, bool]],
    persons: list[str | None],
    sentence: int,
) -> None:
    """Drop, per person, the latest main penalty of an earlier sentence that a revision
    replaces ("X got 12 years. The appeal court reduced the term to 9 years")."""
    for name in persons:
        for j in range(len(out) - 1, -1, -1):
            value, (at, changed) = out[j].value, meta[j]
            if at >= sentence:
                continue
            if sentence - at > _REVISED_REACH:
                break
            if value.person == name and value.kind in _MAIN_KINDS and not changed:
                if value.status != "requested":
                    del out[j], meta[j]
                break


def _status(f: _Found, entry: _Entry) -> str:
    text, words = entry.text, entry.words
    i = entry.sentence(f.start)
    s_start, s_end = entry.sentences[i]
    request = words.request_before.search(text, max(s_start, f.start - 80), f.end)
    request = request or words.requested_after.match(text, f.end, s_end)
    if request and words.prosecutor.search(text, s_start, s_end):
        return "requested"
    if f.changed and entry.cancelled and f.kind not in _MEASURES:
        if words.overturned_word.search(text, s_start, f.start):
            return "upheld"  # "overturned the arrest ... and replaced it with a warning"
    next_end = entry.sentences[i + 1][1] if i + 1 < len(entry.sentences) else s_end
    if words.upheld.search(text, s_start, next_end) or _appellate(entry, s_start, s_end):
        return "upheld"
    if words.served_before.search(text, max(s_start, f.start - 40), f.start):
        return "served"
    return "imposed"


def _appellate(entry: _Entry, start: int, end: int) -> bool:
    """A higher court acts in the sentence: "the Supreme Court replaced...", not "appealed to"."""
    words = entry.words
    for m in words.appellate.finditer(entry.text, start, end):
        if not words.appellate_blocked.search(entry.text, max(start, m.start() - 12), m.start()):
            return True
    return False


# --- sentences and regime ---------------------------------------------------------------


def _sentences(text: str, words: SanctionWords) -> list[tuple[int, int]]:
    """(start, end) of each sentence. After an initial ("Amanov K.") a sentence ends
    only if a usual first word follows ("Amanov K. They were..."), not a surname."""
    out, start = [], 0
    for m in words.sentence_end.finditer(text):
        if words.initial_before.search(text, max(0, m.start() - 4), m.start() + 1):
            first = text[m.end() : m.end() + 30].split(maxsplit=1)
            if not first or first[0].strip('“"«(') not in words.sentence_starters:
                continue
        out.append((start, m.end()))
        start = m.end()
    out.append((start, len(text)))
    return out


def _regime(refs: tuple[Mention[LegalRef], ...]) -> str | None:
    """CC when the entry cites the Criminal Code, CAO when it cites only the CAO, else None."""
    codes = {m.value.code for m in refs}
    if "CC" in codes:
        return "CC"
    return "CAO" if "CAO" in codes else None
