"""Event types of an entry (multi-label), driven entirely by the taxonomy file.

Evidence for a type is any of:

- a *cue* pattern matching words of the entry;
- a legal reference found by the law extractor (``CC 146`` -> torture);
- a sanction found by the sanctions extractor (an imposed fine -> administrative_fine).

Evidence whose words lie inside a *background* match (the type's own, or the
taxonomy-wide ones) does not count: "after 25 days of arrest" recalls an arrest,
it does not report one. Evidence with ``unless`` does not count when one of the
named types is present (a "defendant" is trial news unless a verdict is
reported). Types are resolved in an order where every type comes after the
types its ``unless`` names, so the result does not depend on file order.

Every type found is returned as ``Mention(start, end, text, type_id)`` for each
piece of evidence, so a reviewer sees which words triggered it. An entry with no
evidence at all gets the taxonomy's fallback type with an empty span at 0.

This extractor runs last: it reads ``context.legal_refs`` and ``context.sanctions``.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass

from ..model import Mention
from ..prefilter import text_prefixes
from ..taxonomy import EventType, Pattern, Taxonomy
from .context import Context

__all__ = ["extract", "Evidence"]

Span = tuple[int, int]


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
    index = knowledge.compiled(f"types:index:{language}", lambda: _Index.build(taxonomy, language))
    active = index.active(text)
    found = _resolve(taxonomy, list(_evidence(text, taxonomy, language, context, active)))
    if not found:
        return [Mention(0, 0, "", taxonomy.fallback)]
    order = {tid: i for i, tid in enumerate(taxonomy.ids)}
    found.sort(key=lambda ev: (order[ev.type_id], ev.start, ev.end))
    return [Mention(ev.start, ev.end, ev.text, ev.type_id) for ev in found]


@dataclass(frozen=True)
class _Index:
    """Which patterns can possibly match an entry, by the entry's first letters.

    Built once per taxonomy and language (see ``prefilter``): an entry runs only
    the few patterns whose required starts and words it contains.
    """

    by_prefix: dict[str, tuple[int, ...]]  # word-start prefix -> ids of patterns
    always: frozenset[int]  # patterns whose start could not be worked out
    required: dict[int, frozenset[str]]  # pattern id -> strings one of which it needs

    @classmethod
    def build(cls, taxonomy: Taxonomy, language: str) -> _Index:
        patterns: list[Pattern] = list(taxonomy.background_for(language))
        for event_type in taxonomy.types:
            patterns += event_type.cues_for(language) + event_type.background_for(language)
        by_prefix: dict[str, list[int]] = {}
        always = set()
        for p in patterns:
            if p.prefixes is None:
                always.add(id(p))
            else:
                for prefix in p.prefixes:
                    by_prefix.setdefault(prefix, []).append(id(p))
        required = {id(p): p.required for p in patterns if p.required}
        return cls({k: tuple(v) for k, v in by_prefix.items()}, frozenset(always), required)

    def active(self, text: str) -> set[int]:
        lowered = text.lower()
        candidates = set(self.always)
        for prefix in text_prefixes(lowered).intersection(self.by_prefix):
            candidates.update(self.by_prefix[prefix])
        required = self.required
        return {
            pid
            for pid in candidates
            if pid not in required or any(r in lowered for r in required[pid])
        }


def _evidence(
    text: str, taxonomy: Taxonomy, language: str, context: Context, active: set[int]
) -> Iterator[Evidence]:
    shared_background: list[Span] | None = None
    for event_type in taxonomy.types:
        evidence = list(_type_evidence(event_type, text, language, context, active))
        if not evidence:
            continue
        if shared_background is None:
            shared_background = _spans(taxonomy.background_for(language), text, active)
        background = shared_background + _spans(event_type.background_for(language), text, active)
        for ev in evidence:
            if not _inside_any((ev.start, ev.end), background):
                yield ev


def _type_evidence(
    event_type: EventType, text: str, language: str, context: Context, active: set[int]
) -> Iterator[Evidence]:
    tid = event_type.id
    for pattern in event_type.cues_for(language):
        if id(pattern) not in active:
            continue
        for m in pattern.regex.finditer(text):
            if m.end() > m.start():
                yield Evidence(tid, m.start(), m.end(), m.group(), pattern.unless, "cue")
    for law_cue in event_type.legal_refs:
        for ref in context.legal_refs:
            if law_cue.matches(ref.value.code, ref.value.article):
                yield Evidence(tid, ref.start, ref.end, ref.text, law_cue.unless, "law")
    for sanction_cue in event_type.sanctions:
        for s in context.sanctions:
            if s.value.kind == sanction_cue.kind and s.value.status in sanction_cue.statuses:
                yield Evidence(tid, s.start, s.end, s.text, sanction_cue.unless, "sanction")


def _resolve(taxonomy: Taxonomy, evidence: Sequence[Evidence]) -> list[Evidence]:
    """Keep evidence whose ``unless`` types are absent, deciding types in dependency order."""
    by_type: dict[str, list[Evidence]] = {}
    for ev in evidence:
        by_type.setdefault(ev.type_id, []).append(ev)
    present: set[str] = set()
    kept: list[Evidence] = []
    for tid in taxonomy.resolution_order:
        alive = [ev for ev in by_type.get(tid, ()) if not present.intersection(ev.unless)]
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


def _spans(patterns: Iterable[Pattern], text: str, active: set[int]) -> list[Span]:
    return [m.span() for p in patterns if id(p) in active for m in p.regex.finditer(text)]


def _inside_any(span: Span, background: Sequence[Span]) -> bool:
    """True if the evidence overlaps a background match."""
    start, end = span
    if start == end:  # a zero-width span (a value without words) overlaps nothing
        return False
    return any(b_start < end and start < b_end for b_start, b_end in background)
