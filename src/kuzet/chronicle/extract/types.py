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
- a *negation* stands right before it ("police did not detain anyone"), or a
  word of *possibility* ("faces up to five years", "if convicted", "may be
  sentenced"); evidence overlapping such a cue goes with it;
- it is *dated* well before the entry ("was wrongly detained in January 2022");
  a type's ``counts`` may keep its cues in any of these cases (torture of 2022
  tried now is torture news);
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
from datetime import date
from functools import cached_property
from pathlib import Path
from typing import Any

from ..errors import DataFileError
from ..knowledge import Knowledge, data_path
from ..model import LegalRef, Mention
from ..prefilter import K, WordKey, key_strength
from ..taxonomy import NO_CODE, LawCue, Pattern, SanctionCue, Taxonomy
from .around import Around
from .context import Context
from .lowered import case_partners, folded, lower_case, pattern_letters, strict_risky_chars

__all__ = ["Evidence", "extract", "is_fallback"]

Span = tuple[int, int]
# a background's words, and whether it is a topic (``scope``): evidence that
# merely runs into a topic ("a report on an administrative offence") still counts
Background = tuple[int, int, bool]
# a pattern's tests before it runs: also_one, also, required_one, required (None: no test)
_Check = tuple[
    frozenset[str] | None, tuple[frozenset[str], ...] | None, str | None, tuple[str, ...] | None
]
_WORD_KEYS = re.compile(rf"(?<![\w-])\w{{1,{K}}}")  # the first letters of every word
_MAX_REQUIRED = 8  # required strings worth testing before running a pattern
_MIN_STRENGTH = (3, -50)  # weaker sets of words ("a", "to") are in almost every entry
_ANY_CHAR = re.compile(r"[\s\S]")  # every text is risky when the patterns' letters are unknown


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
        lambda: _Index.build(taxonomy, language, _around(knowledge, language)),
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


def _around(knowledge: Knowledge, language: str) -> Around:
    """Negation and dating words of the language; none when it has no such file."""
    words: list[Mapping[str, Any]] = []
    for topic in ("types", "dates"):
        try:
            words.append(knowledge.lang(topic))
        except DataFileError:  # a language without the file: cues count as they are
            words.append({})
    return Around.build(words[0], words[1], data_path("lang", language, "types.yaml"))


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
    key_set: frozenset[str]  # the keys of by_key
    # pattern number -> more words it needs: one of each set; a single set apart (most
    # patterns need one), which is tested without building a generator
    also_one: Mapping[int, frozenset[str]]
    also: Mapping[int, tuple[frozenset[str], ...]]
    open_lengths: tuple[int, ...]  # key lengths that may be the start of a longer word
    always: frozenset[int]  # patterns whose start could not be worked out
    required_one: Mapping[int, str]  # pattern number -> a string every match contains
    required: Mapping[int, tuple[str, ...]]  # pattern number -> one of these is in every match
    law: Mapping[str, tuple[tuple[str, LawCue], ...]]  # code -> (type id, cue)
    sanctions: Mapping[str, tuple[tuple[str, SanctionCue], ...]]  # kind -> (type id, cue)
    order: Mapping[str, int]  # type id -> position in the file
    counts: Mapping[str, frozenset[str]]  # type id -> contexts in which its cues still count
    around: Around
    # Characters of a text on which the lower-cased patterns could match elsewhere than
    # the patterns themselves ("ı", "ſ", ...: lowered.py): such a text runs the patterns
    # as written. ``partners`` (None: the letters are unknown) lets the prefilter read
    # it all the same: see ``prefilter_text``.
    risky: re.Pattern[str] = _ANY_CHAR
    partners: Mapping[str, frozenset[str]] | None = None

    @classmethod
    def build(
        cls,
        taxonomy: Taxonomy,
        language: str,
        around: Around | None = None,
    ) -> _Index:
        patterns: list[Pattern] = []
        cue_type: list[str | None] = []
        for t in taxonomy.types:
            for p in t.cues_for(language):
                patterns.append(p)
                cue_type.append(t.id)

        # a background several types share (a fragment such as {report_content}) is
        # numbered once, so an entry runs it once however many types it has
        seen: dict[tuple[str, int], int] = {}

        def number(items: Iterable[Pattern]) -> tuple[int, ...]:
            out = []
            for p in items:
                key = (p.regex.pattern, p.regex.flags)
                if key not in seen:
                    patterns.append(p)
                    cue_type.append(None)
                    seen[key] = len(patterns) - 1
                out.append(seen[key])
            return tuple(out)

        backgrounds = {t.id: number(t.background_for(language)) for t in taxonomy.types}
        shared = number(taxonomy.background_for(language))
        by_key: dict[str, set[int]] = {}
        always: set[int] = set()
        open_lengths: set[int] = set()
        also: dict[int, tuple[frozenset[str], ...]] = {}
        for i, p in enumerate(patterns):
            keys = _index_keys(p)
            if keys is None:
                always.add(i)
            else:
                for key, _ in keys:
                    by_key.setdefault(key, set()).add(i)
            # the other words a match needs: an entry must have one of each set too
            more = [w for w in p.words if w != keys and key_strength(w) >= _MIN_STRENGTH]
            if more:
                also[i] = tuple(frozenset(k for k, _ in w) for w in more)
            for key, is_open in (keys or frozenset()).union(*more):
                if is_open:
                    open_lengths.add(len(key))
        around = around or Around.build({}, {}, Path("types.yaml"))
        letters = _letters(patterns, around)
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
            key_set=frozenset(by_key),
            also_one={i: sets[0] for i, sets in also.items() if len(sets) == 1},
            also={i: sets for i, sets in also.items() if len(sets) > 1},
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
            counts={t.id: t.counts for t in taxonomy.types},
            around=around,
            risky=_ANY_CHAR if letters is None else strict_risky_chars(letters),
            partners=None if letters is None else case_partners(letters),
        )

    def prefilter_text(self, text: str, lowered: str | None) -> str | None:
        """The text as :meth:`active` reads it: ``lowered`` (``text.lower()``, safe for
        the lower-cased patterns) when there is one, else the text folded so that each
        letter stands as the pattern letter ``IGNORECASE`` matches it to ("arreſted"
        reads "arrested"); None when no such copy exists (every pattern must run)."""
        if lowered is not None:
            return lowered
        return None if self.partners is None else folded(text, self.partners)

    def active(self, lowered: str) -> set[int]:
        """Numbers of the patterns that can match the text, cues and backgrounds."""
        keys = set(_WORD_KEYS.findall(lowered))
        for n in self.open_lengths:
            keys.update([k[:n] for k in keys if len(k) > n])
        by_key = self.by_key
        candidates = set(self.always)
        candidates.update(*[by_key[k] for k in keys & self.key_set])
        # set and substring tests are cheaper than running a regex that cannot match;
        # plain loops, not generators: some forty candidates per entry are tested
        checked, checks = self._checks
        out = candidates - checked
        for i in candidates & checked:
            word, more, one, need = checks[i]
            if word is not None and word.isdisjoint(keys):
                continue
            if more is not None and any(m.isdisjoint(keys) for m in more):
                continue
            if one is not None and one not in lowered:
                continue
            if need is not None:
                for r in need:
                    if r in lowered:
                        break
                else:
                    continue
            out.add(i)
        return out

    @cached_property
    def _checks(self) -> tuple[frozenset[int], dict[int, _Check]]:
        """The patterns with tests before they run, and their tests in one tuple each
        (``also_one``, ``also``, ``required_one``, ``required``): one lookup per candidate."""
        numbers = {*self.also_one, *self.also, *self.required_one, *self.required}
        checks = {
            i: (
                self.also_one.get(i),
                self.also.get(i),
                self.required_one.get(i),
                self.required.get(i),
            )
            for i in numbers
        }
        return frozenset(numbers), checks

    def evidence(self, text: str, context: Context) -> list[Evidence]:
        """Every piece of evidence in the entry that counts (``unless`` aside)."""
        # patterns run on the lower-cased text where that finds what they find on the
        # text (lowered.py): several times faster
        lowered = lower_case(text, self.risky)
        keys = self.prefilter_text(text, lowered)
        active = self.active(keys) if keys is not None else set(range(len(self.patterns)))
        finder = _Finder(text, lowered)
        patterns, cue_type = self.patterns, self.cue_type
        # type id -> (start, end, unless, source, codes it needs near it or None)
        found: dict[str, list[tuple[int, int, tuple[str, ...], str, frozenset[str] | None]]] = {}
        for i in sorted(active):
            tid = cue_type[i]
            if tid is None:
                continue  # a background pattern
            pattern = patterns[i]
            for start, end in finder.spans(pattern):
                if end > start:
                    found.setdefault(tid, []).append(
                        (start, end, pattern.unless, "cue", pattern.codes)
                    )
        for ref in context.legal_refs:
            for tid, law_cue in self.law.get(ref.value.code, ()):
                if law_cue.matches(ref.value.code, ref.value.article):
                    found.setdefault(tid, []).append(
                        (ref.start, ref.end, law_cue.unless, "law", None)
                    )
        for sanction in context.sanctions:
            for tid, cue in self.sanctions.get(sanction.value.kind, ()):
                if sanction.value.status in cue.statuses:
                    found.setdefault(tid, []).append(
                        (sanction.start, sanction.end, cue.unless, "sanction", cue.codes)
                    )
        if not found:
            return []
        memo: dict[int, list[Background]] = {}
        shared = self._spans(self.shared, finder, active, memo)
        around = self.around
        reference = _reference(context)
        if reference is not None and not around.any_before(text, reference):
            reference = None  # no date in the entry lies before it: nothing to check
        kept: list[Evidence] = []
        for tid, items in found.items():
            background = shared + self._spans(self.backgrounds[tid], finder, active, memo)
            keep = self.counts[tid]
            dated = None if "dated" in keep else reference
            negated = "negated" not in keep
            possible = "hypothetical" not in keep
            alive = []
            for start, end, unless, source, codes in items:
                if _inside_any((start, end), background):
                    continue
                if codes is not None and _code_near(start, end, context.legal_refs) not in codes:
                    continue
                if source == "cue" and (
                    (negated and around.negated(text, finder.lowered, start))
                    or (possible and around.possible(text, finder.lowered, start))
                    or (dated is not None and around.dated_before(text, start, end, dated))
                ):
                    # what did not happen takes the words it covers with it: "may be
                    # sentenced to 3 years" also cancels "3 years of imprisonment"
                    background.append((start, end, False))
                    continue
                alive.append((start, end, unless, source))
            kept += [
                Evidence(tid, start, end, text[start:end], unless, source)
                for start, end, unless, source in alive
                if not _inside_any((start, end), background)
            ]
        return kept

    def _spans(
        self,
        numbers: Iterable[int],
        finder: _Finder,
        active: set[int],
        memo: dict[int, list[Background]],
    ) -> list[Background]:
        """Background matches of these patterns; ``memo`` keeps each pattern's for the entry."""
        out: list[Background] = []
        for i in numbers:
            if i in active:
                if i not in memo:
                    pattern = self.patterns[i]
                    scoped = "scope" in pattern.regex.groupindex
                    memo[i] = [(start, end, scoped) for start, end in finder.spans(pattern)]
                out += memo[i]
        return out


@dataclass(frozen=True, slots=True)
class _Finder:
    """Runs a pattern on the lower-cased text when it can, else on the text."""

    text: str
    # None when lower-casing changes the length (offsets would move) or the text has a
    # character on which the lower-cased patterns would match differently (``_Index.risky``)
    lowered: str | None

    def spans(self, pattern: Pattern) -> list[Span]:
        """Where the pattern matches; a background's ``scope`` group narrows a match."""
        if pattern.lowered is not None and self.lowered is not None:
            return [pattern.span(m) for m in pattern.lowered.finditer(self.lowered)]
        return [pattern.span(m) for m in pattern.regex.finditer(self.text)]


def _letters(patterns: Iterable[Pattern], around: Around) -> str | None:
    """Every character the patterns name: the cues and backgrounds (which the prefilter
    picks and which run on lower-cased text) and the negation and possibility words;
    None if one cannot be read."""
    regexes = [p.regex for p in patterns]
    regexes += [r for r in (around.negation, around.hypothetical) if r is not None]
    out: set[str] = set()
    for regex in regexes:
        letters = pattern_letters(regex)
        if letters is None:
            return None
        out.update(letters)
    return "".join(sorted(out))


def _index_keys(pattern: Pattern) -> frozenset[WordKey] | None:
    """The keys to index a pattern by: how its matches start, or a word they contain.

    Whichever picks out fewer entries: "(?:the|a) strike" is better found by
    "stri" than by "the" or "a".
    """
    start = _start_keys(pattern.prefixes)
    inner = max(pattern.words, key=key_strength) if pattern.words else None
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


def _code_near(start: int, end: int, refs: Sequence[Mention[LegalRef]]) -> str:
    """The code of the legal reference nearest to the words, or NO_CODE."""
    best, best_distance = NO_CODE, None
    for ref in refs:
        distance = max(ref.start - end, start - ref.end, 0)
        if best_distance is None or distance < best_distance:
            best, best_distance = ref.value.code, distance
    return best


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
