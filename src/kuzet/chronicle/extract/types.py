"""Event types of an entry (multi-label), driven by the taxonomy file.

Evidence for a type is any of:

- a *cue* pattern matching words of the entry;
- a legal reference found by the law extractor (``CC 146`` -> torture);
- a sanction found by the sanctions extractor (an imposed fine -> administrative_fine).

Evidence does not count when:

- its words lie inside a *background* match (the type's own, or the
  taxonomy-wide ones): "after 25 days of arrest" recalls an arrest, it does not
  report one; a background's ``scope`` group limits the background to those words
  ("a story about *the beating of a conscript*");
- a *negation* stands right before it ("police did not detain anyone");
- it is *dated* before the chronicle's month ("was wrongly detained in January 2022");
- it has a ``codes`` condition and the legal reference nearest to it is of
  another code (a fine under the Criminal Code is a criminal sentence);
- it has ``unless`` and one of the named types is present (a "defendant" is
  trial news unless a verdict is reported). Types are resolved in an order where
  every type comes after the types its ``unless`` names, so the result does not
  depend on file order.

The words for negation and dating are the language's (``data/lang/<language>/types.yaml``);
the taxonomy holds the cues. Every type found is returned as ``Mention(start,
end, text, type_id)`` for each piece of evidence, so a reviewer sees which words
triggered it. An entry with no evidence at all gets the taxonomy's fallback type
with an empty span at 0 (:func:`is_fallback` tells it apart).

This extractor runs last: it reads ``context.legal_refs``, ``context.sanctions``
and the period (or the entry's date) from the context.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from ..errors import DataFileError
from ..knowledge import data_path
from ..model import LegalRef, Mention
from ..prefilter import K, WordKey, key_strength
from ..taxonomy import NO_CODE, LawCue, Pattern, SanctionCue, Taxonomy
from .context import Context

__all__ = ["Evidence", "extract", "is_fallback"]

Span = tuple[int, int]
# a background's words, and whether it is a topic (``scope``): evidence that
# merely runs into a topic ("a report on an administrative offence") still counts
Background = tuple[int, int, bool]
_WORD_KEYS = re.compile(rf"(?<![\w-])\w{{1,{K}}}")  # the first letters of every word
_CLAUSE_END = re.compile(r"[.;:!?()\[\]]")
# how far from the entry's own date a dated event still belongs to its story
_SLACK = timedelta(days=14)
_MAX_REQUIRED = 8  # required strings worth testing before running a pattern


@dataclass(frozen=True, slots=True)
class Evidence:
    type_id: str
    start: int
    end: int
    text: str
    unless: tuple[str, ...]
    source: str  # "cue", "law" or "sanction": where the evidence came from


def extract(text: str, *, context: Context) -> list[Mention[str]]:
    knowledge = context.knowledge
    taxonomy = knowledge.taxonomy
    language = knowledge.language
    index = knowledge.compiled(
        f"types:index:{language}",
        lambda: _Index.build(taxonomy, language, _lang_words(knowledge, language)),
    )
    found = _resolve(taxonomy, index.evidence(text, context))
    if not found:
        return [Mention(0, 0, "", taxonomy.fallback)]
    order = index.order
    found.sort(key=lambda ev: (order[ev.type_id], ev.start, ev.end))
    return [Mention(ev.start, ev.end, ev.text, ev.type_id) for ev in found]


def is_fallback(mentions: Sequence[Mention[str]]) -> bool:
    """True if the types are only the fallback: nothing in the entry was recognised."""
    return len(mentions) == 1 and mentions[0].start == mentions[0].end == 0 and not mentions[0].text


def _lang_words(knowledge: Any, language: str) -> tuple[Mapping[str, Any], Mapping[str, Any]]:
    """(types words, dates words) of the language; empty when the language has none."""
    out = []
    for topic in ("types", "dates"):
        try:
            out.append(knowledge.lang(topic))
        except DataFileError:
            out.append({})
    return out[0], out[1]


# --------------------------------------------------------------------------- the index


@dataclass(frozen=True)
class _Index:
    """The taxonomy laid out for speed, built once per taxonomy and language.

    Patterns (cues and backgrounds) are numbered. ``by_key`` finds the few that
    can match an entry from the first letters of its words (see ``prefilter``),
    so an entry runs a dozen patterns, not hundreds.
    """

    patterns: tuple[Pattern, ...]  # pattern number -> pattern
    cue_type: tuple[str | None, ...]  # pattern number -> its type, None for a background
    backgrounds: Mapping[str, tuple[int, ...]]  # type id -> its background patterns
    shared: tuple[int, ...]  # the taxonomy-wide background patterns
    by_key: Mapping[str, frozenset[int]]  # first letters of a word -> pattern numbers
    open_lengths: tuple[int, ...]  # key lengths that may be the start of a longer word
    always: frozenset[int]  # patterns whose start could not be worked out
    required_one: Mapping[int, str]  # pattern number -> a string every match contains
    required: Mapping[int, tuple[str, ...]]  # pattern number -> one of these is in every match
    law: Mapping[str, tuple[tuple[str, LawCue], ...]]  # code -> (type id, cue)
    sanctions: Mapping[str, tuple[tuple[str, SanctionCue], ...]]  # kind -> (type id, cue)
    order: Mapping[str, int]  # type id -> position in the file
    undated: frozenset[str]  # types whose cues count whatever date they carry
    around: _Around

    @classmethod
    def build(
        cls,
        taxonomy: Taxonomy,
        language: str,
        words: tuple[Mapping[str, Any], Mapping[str, Any]] = ({}, {}),
    ) -> _Index:
        patterns: list[Pattern] = []
        cue_type: list[str | None] = []
        for t in taxonomy.types:
            for p in t.cues_for(language):
                patterns.append(p)
                cue_type.append(t.id)

        def number(items: Iterable[Pattern]) -> tuple[int, ...]:
            out = []
            for p in items:
                patterns.append(p)
                cue_type.append(None)
                out.append(len(patterns) - 1)
            return tuple(out)

        backgrounds = {t.id: number(t.background_for(language)) for t in taxonomy.types}
        shared = number(taxonomy.background_for(language))
        by_key: dict[str, set[int]] = {}
        always: set[int] = set()
        open_lengths: set[int] = set()
        for i, p in enumerate(patterns):
            keys = _index_keys(p)
            if keys is None:
                always.add(i)
                continue
            for key, is_open in keys:
                by_key.setdefault(key, set()).add(i)
                if is_open:
                    open_lengths.add(len(key))
        law: dict[str, list[tuple[str, LawCue]]] = {}
        kinds: dict[str, list[tuple[str, SanctionCue]]] = {}
        for t in taxonomy.types:
            for law_cue in t.legal_refs:
                law.setdefault(law_cue.code, []).append((t.id, law_cue))
            for sanction_cue in t.sanctions:
                kinds.setdefault(sanction_cue.kind, []).append((t.id, sanction_cue))
        return cls(
            patterns=tuple(patterns),
            cue_type=tuple(cue_type),
            backgrounds=backgrounds,
            shared=shared,
            by_key={k: frozenset(v) for k, v in by_key.items()},
            open_lengths=tuple(sorted(open_lengths)),
            always=frozenset(always),
            required_one={
                i: next(iter(p.required))
                for i, p in enumerate(patterns)
                if p.required and len(p.required) == 1
            },
            # beyond a few alternatives the test costs about what the regex does
            required={
                i: tuple(sorted(p.required))
                for i, p in enumerate(patterns)
                if p.required and 1 < len(p.required) <= _MAX_REQUIRED
            },
            law={k: tuple(v) for k, v in law.items()},
            sanctions={k: tuple(v) for k, v in kinds.items()},
            order={tid: i for i, tid in enumerate(taxonomy.ids)},
            undated=frozenset(t.id for t in taxonomy.types if not t.dated),
            around=_Around.build(*words),
        )

    def active(self, lowered: str) -> set[int]:
        """Numbers of the patterns that can match the text, cues and backgrounds."""
        keys = set(_WORD_KEYS.findall(lowered))
        for n in self.open_lengths:
            keys.update([k[:n] for k in keys if len(k) > n])
        by_key = self.by_key
        candidates = set(self.always)
        candidates.update(*[by_key[k] for k in keys.intersection(by_key)])
        # a substring test is cheaper than running a regex that cannot match
        one, several = self.required_one, self.required
        return {
            i
            for i in candidates
            if ((r := one.get(i)) is None or r in lowered)
            and ((need := several.get(i)) is None or any(r in lowered for r in need))
        }

    def evidence(self, text: str, context: Context) -> list[Evidence]:
        """Every piece of evidence in the entry that counts (``unless`` aside)."""
        lowered = text.lower()
        active = self.active(lowered)
        # patterns run on the lower-cased text where they can: several times faster
        finder = _Finder(text, lowered if len(lowered) == len(text) else None)
        patterns, cue_type = self.patterns, self.cue_type
        # each piece of evidence with the codes it needs near it (None: any)
        by_type: dict[str, list[tuple[Evidence, frozenset[str] | None]]] = {}
        for i in sorted(active):
            tid = cue_type[i]
            if tid is None:
                continue  # a background pattern
            pattern = patterns[i]
            for start, end in finder.spans(pattern):
                if end > start:
                    ev = Evidence(tid, start, end, text[start:end], pattern.unless, "cue")
                    by_type.setdefault(tid, []).append((ev, pattern.codes))
        for ref in context.legal_refs:
            for tid, law_cue in self.law.get(ref.value.code, ()):
                if law_cue.matches(ref.value.code, ref.value.article):
                    ev = Evidence(tid, ref.start, ref.end, ref.text, law_cue.unless, "law")
                    by_type.setdefault(tid, []).append((ev, None))
        for s in context.sanctions:
            for tid, sanction_cue in self.sanctions.get(s.value.kind, ()):
                if s.value.status in sanction_cue.statuses:
                    ev = Evidence(tid, s.start, s.end, s.text, sanction_cue.unless, "sanction")
                    by_type.setdefault(tid, []).append((ev, sanction_cue.codes))
        if not by_type:
            return []
        shared = self._spans(self.shared, finder, active)
        reference = _reference(context)
        if reference is not None and not self.around.any_past(text, reference):
            reference = None  # no date in the entry lies before it: nothing to check
        kept: list[Evidence] = []
        for tid, found in by_type.items():
            background = shared + self._spans(self.backgrounds[tid], finder, active)
            for ev, codes in found:
                if _inside_any((ev.start, ev.end), background):
                    continue
                if codes is not None and _code_near(ev, context.legal_refs) not in codes:
                    continue
                if ev.source == "cue" and not self.around.reports(
                    text, ev, None if tid in self.undated else reference
                ):
                    continue
                kept.append(ev)
        return kept

    def _spans(self, numbers: Iterable[int], finder: _Finder, active: set[int]) -> list[Background]:
        out: list[Background] = []
        for i in numbers:
            if i in active:
                pattern = self.patterns[i]
                scoped = "scope" in pattern.regex.groupindex
                out += [(start, end, scoped) for start, end in finder.spans(pattern)]
        return out


@dataclass(frozen=True, slots=True)
class _Finder:
    """Runs a pattern on the lower-cased text when it can, else on the text."""

    text: str
    lowered: str | None  # None when lower-casing changed the length (offsets would move)

    def spans(self, pattern: Pattern) -> list[Span]:
        """Where the pattern matches; a background's ``scope`` group narrows a match."""
        if pattern.lowered is not None and self.lowered is not None:
            return [pattern.span(m) for m in pattern.lowered.finditer(self.lowered)]
        return [pattern.span(m) for m in pattern.regex.finditer(self.text)]


def _index_keys(pattern: Pattern) -> frozenset[WordKey] | None:
    """The keys to index a pattern by: how its matches start, or a word they contain.

    Whichever picks out fewer entries: "(?:the|a) strike" is better found by
    "stri" than by "the" or "a".
    """
    start = _start_keys(pattern.prefixes)
    inner = pattern.words
    if start is None or (inner is not None and key_strength(inner) > key_strength(start)):
        return inner
    return start


def _start_keys(prefixes: frozenset[str] | None) -> frozenset[WordKey] | None:
    """(key, open) for each match prefix: the word letters it starts with.

    A prefix that is all letters and shorter than K was cut where the pattern
    could go on with more letters: the word in the text may be longer ("open").
    None when some prefix does not start with a letter: the pattern always runs.
    """
    if prefixes is None:
        return None
    out = set()
    for prefix in prefixes:
        m = re.match(r"\w+", prefix)
        if m is None:
            return None
        key = m.group()
        out.add((key, key == prefix and len(key) < K))
    return frozenset(out)


def _reference(context: Context) -> date | None:
    """The day the entry reports on: its own date, else the first day of the period."""
    lead = context.date.value if context.date is not None else None
    if lead is not None and lead.year and lead.month and lead.day:
        try:
            return date(lead.year, lead.month, lead.day)
        except ValueError:
            pass
    if context.period is not None:
        return date(context.period.year, context.period.month, 1)
    return None


def _code_near(ev: Evidence, refs: Sequence[Mention[LegalRef]]) -> str:
    """The code of the legal reference nearest to the evidence, or NO_CODE."""
    best, best_distance = NO_CODE, None
    for ref in refs:
        distance = max(ref.start - ev.end, ev.start - ref.end, 0)
        if best_distance is None or distance < best_distance:
            best, best_distance = ref.value.code, distance
    return best


# --------------------------------------------------------------------------- around a cue


@dataclass(frozen=True)
class _Around:
    """Negation and dating: the words around a cue that say it did not happen now."""

    negation: re.Pattern[str] | None  # matches a negation ending where a cue starts
    when: re.Pattern[str] | None  # any date expression (or word for "in the past")
    date_after: re.Pattern[str] | None  # a date right after a cue (within the window)
    date_before: re.Pattern[str] | None  # a date right before a cue
    months: Mapping[str, int]  # month name (lower case) -> number

    @classmethod
    def build(cls, words: Mapping[str, Any], dates: Mapping[str, Any]) -> _Around:
        negation = words.get("negation") or {}
        neg_words = _alternation(negation.get("words", ()))
        gap = _alternation(negation.get("gap", ()))
        negation_re = None
        if neg_words:
            gap_part = rf"(?:\s+(?:{gap})){{0,3}}" if gap else ""
            negation_re = re.compile(
                rf"(?<![\w-])(?:{neg_words}){gap_part}[\s,]*\Z", re.IGNORECASE
            )
        when, date_after, date_before, months = cls._dating(words.get("dating") or {}, dates)
        return cls(negation_re, when, date_after, date_before, months)

    @staticmethod
    def _dating(
        dating: Mapping[str, Any], dates: Mapping[str, Any]
    ) -> tuple[
        re.Pattern[str] | None, re.Pattern[str] | None, re.Pattern[str] | None, dict[str, int]
    ]:
        months: dict[str, int] = {}
        for number, names in (dates.get("months") or {}).items():
            for name in names or ():
                months[str(name).lower()] = int(number)
        preps = _alternation(dating.get("prepositions", ()))
        if not preps or not months:
            return None, None, None, months
        # month names as the language writes them ("May" the month, not "may")
        names = sorted({str(n) for ns in (dates.get("months") or {}).values() for n in ns or ()})
        month = "(?-i:" + "|".join(re.escape(n) for n in sorted(names, key=len, reverse=True)) + ")"
        quals = _alternation(dating.get("qualifiers", ()))
        qual = rf"(?:(?:{quals})[\s-]+)?" if quals else ""
        day = r"\d{1,2}(?:st|nd|rd|th)?"
        year = r"(?:1[89]|20)\d\d"
        # "in 2023", "in January 2022", "on 5 January 2022", "on January 5, 2022",
        # "on May 12", "in June", and the words that mean "in the past"
        when = (
            rf"(?:{preps})\s+{qual}(?:"
            rf"(?:(?P<d1>{day})\s+(?:of\s+)?)?(?P<m>{month})\.?(?:\s+(?P<d2>{day}))?"
            rf"(?:,?\s+(?P<y>{year}))?|(?P<y2>{year})"
            r")(?![\w-])"
        )
        past = _alternation(dating.get("past", ()))
        if past:
            when = rf"(?:{when}|(?P<past>{past})(?![\w-]))"
        window = int(dating.get("window", 4))
        stop = _alternation(dating.get("stop", ()))
        endings = "|".join(re.escape(e) for e in dating.get("verb_endings", ()) or ())
        word = r"[\w’'-]+"
        if stop or endings:
            bans = [rf"(?:{stop})(?![\w’'-])"] if stop else []
            bans += [rf"\w+(?:{endings})(?![\w’'-])"] if endings else []
            word = rf"(?!{'|'.join(bans)}){word}"
        after = re.compile(rf"(?:\s+{word}){{0,{window}}}?\s+{when}", re.IGNORECASE)
        # a date before the cue must open its clause ("In 2022, police detained ..."),
        # else it belongs to something else ("after his arrest in 2022, stated ...")
        opener = r"(?:\A|(?<=[,;:.!?(\]]))\s*"
        if stop:
            opener = rf"(?:{opener}|(?<![\w-])(?:{stop})\s+)"
        before = re.compile(rf"{opener}{when},?(?:\s+{word}){{0,{window}}}\s+\Z", re.IGNORECASE)
        return re.compile(rf"(?<![\w-]){when}", re.IGNORECASE), after, before, months

    def any_past(self, text: str, reference: date) -> bool:
        """True if some date in the text lies before ``reference`` (a quick first test)."""
        if self.when is None:
            return False
        return any(self._past(m, reference) for m in self.when.finditer(text))

    def reports(self, text: str, ev: Evidence, reference: date | None) -> bool:
        """False if the cue is negated, or dated before ``reference`` (None: not checked)."""
        lo = max(0, ev.start - 80)
        if self.negation is not None and self.negation.search(text, lo, ev.start):
            return False
        if reference is None or self.date_after is None:
            return True
        clause_end = _CLAUSE_END.search(text, ev.end)
        hi = clause_end.start() if clause_end else len(text)
        m = self.date_after.match(text, ev.end, hi)
        if m is not None and self._past(m, reference):
            return False
        clause_start = max((m.end() for m in _CLAUSE_END.finditer(text, lo, ev.start)), default=lo)
        assert self.date_before is not None
        m = self.date_before.search(text, clause_start, ev.start)
        return not (m is not None and self._past(m, reference))

    def _past(self, m: re.Match[str], reference: date) -> bool:
        """True if the date matched lies before the entry's time (see types.yaml)."""
        if "past" in m.re.groupindex and m.group("past"):
            return True
        year_text = m.group("y") or m.group("y2")
        month_text = m.group("m")
        month = self.months.get(month_text.lower()) if month_text else None
        day_text = m.group("d1") or m.group("d2")
        if month is None:  # a year alone
            return year_text is not None and int(year_text) < reference.year
        year = int(year_text) if year_text else reference.year
        if not day_text:  # a month: this month is now, any other is not
            return (year, month) != (reference.year, reference.month) and (
                year_text is None or (year, month) < (reference.year, reference.month)
            )
        try:
            when = date(year, month, int(re.sub(r"\D", "", day_text)))
        except ValueError:
            return False
        if year_text is None and when > reference + _SLACK:
            return True  # "on November 20" in a March entry: last November
        return when < reference - _SLACK


def _alternation(items: Iterable[object]) -> str:
    """A regex alternation of plain words, longest first.

    A space matches any run of spaces, and an apostrophe either apostrophe.
    """
    for w in items:
        if not isinstance(w, str):  # YAML reads an unquoted no/on as false/true
            raise DataFileError(
                data_path("lang", "*", "types.yaml"),
                None,
                f"{w!r} is not a word: write words in quotes (\"no\", \"on\")",
            )
    words = sorted({w for w in items if w.strip()}, key=len, reverse=True)
    return "|".join(
        re.sub("['’]", "['’]", re.escape(w).replace(r"\ ", r"\s+")) for w in words
    )


# --------------------------------------------------------------------------- resolving


def _resolve(taxonomy: Taxonomy, evidence: Sequence[Evidence]) -> list[Evidence]:
    """Keep evidence whose ``unless`` types are absent, deciding types in dependency order."""
    by_type: dict[str, list[Evidence]] = {}
    for ev in evidence:
        by_type.setdefault(ev.type_id, []).append(ev)
    present: set[str] = set()
    kept: list[Evidence] = []
    for tid in taxonomy.resolution_order:
        if tid not in by_type:
            continue
        alive = [ev for ev in by_type[tid] if not present.intersection(ev.unless)]
        if alive:
            present.add(tid)
            kept.extend(_dedupe(alive))
    return kept


def _dedupe(evidence: Iterable[Evidence]) -> list[Evidence]:
    seen: set[Span] = set()
    out = []
    for ev in evidence:
        if (ev.start, ev.end) not in seen:
            seen.add((ev.start, ev.end))
            out.append(ev)
    return out


def _inside_any(span: Span, background: Sequence[Background]) -> bool:
    """True if the evidence overlaps a background match (starts inside a topic)."""
    start, end = span
    if start == end:  # a zero-width span (a value without words) overlaps nothing
        return False
    return any(
        (b_start <= start < b_end) if scoped else (b_start < end and start < b_end)
        for b_start, b_end, scoped in background
    )
