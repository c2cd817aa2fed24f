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

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from ..model import Mention
from ..prefilter import text_prefixes
from ..taxonomy import LawCue, Pattern, SanctionCue, Taxonomy
from .context import Context

__all__ = ["Evidence", "extract"]

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
    found = _resolve(taxonomy, index.evidence(text, context))
    if not found:
        return [Mention(0, 0, "", taxonomy.fallback)]
    order = {tid: i for i, tid in enumerate(taxonomy.ids)}
    found.sort(key=lambda ev: (order[ev.type_id], ev.start, ev.end))
    return [Mention(ev.start, ev.end, ev.text, ev.type_id) for ev in found]


@dataclass(frozen=True)
class _Index:
    """The taxonomy laid out for speed, built once per taxonomy and language.

    Patterns are numbered; ``by_prefix`` finds the few that can match an entry
    from the letters its words start with (see ``prefilter``), so an entry runs
    a dozen patterns, not hundreds.
    """

    cues: tuple[tuple[str, Pattern], ...]  # pattern number -> (type id, pattern), cues only
    backgrounds: dict[str, tuple[tuple[int, Pattern], ...]]  # type id -> its background
    shared: tuple[tuple[int, Pattern], ...]  # the taxonomy-wide background
    by_prefix: dict[str, tuple[int, ...]]  # word-start prefix -> pattern numbers
    always: frozenset[int]  # patterns whose start could not be worked out
    required: dict[int, frozenset[str]]  # pattern number -> strings one of which it needs
    law: dict[str, tuple[tuple[str, LawCue], ...]]  # code -> (type id, cue)
    sanctions: dict[str, tuple[tuple[str, SanctionCue], ...]]  # kind -> (type id, cue)

    @classmethod
    def build(cls, taxonomy: Taxonomy, language: str) -> _Index:
        cues = [(t.id, p) for t in taxonomy.types for p in t.cues_for(language)]
        numbered: list[Pattern] = [p for _, p in cues]

        def number(patterns: Iterable[Pattern]) -> tuple[tuple[int, Pattern], ...]:
            out = []
            for p in patterns:
                numbered.append(p)
                out.append((len(numbered) - 1, p))
            return tuple(out)

        backgrounds = {t.id: number(t.background_for(language)) for t in taxonomy.types}
        shared = number(taxonomy.background_for(language))
        by_prefix: dict[str, list[int]] = {}
        for i, p in enumerate(numbered):
            for prefix in p.prefixes or ():
                by_prefix.setdefault(prefix, []).append(i)
        law: dict[str, list[tuple[str, LawCue]]] = {}
        kinds: dict[str, list[tuple[str, SanctionCue]]] = {}
        for t in taxonomy.types:
            for law_cue in t.legal_refs:
                law.setdefault(law_cue.code, []).append((t.id, law_cue))
            for sanction_cue in t.sanctions:
                kinds.setdefault(sanction_cue.kind, []).append((t.id, sanction_cue))
        return cls(
            cues=tuple(cues),
            backgrounds=backgrounds,
            shared=shared,
            by_prefix={k: tuple(v) for k, v in by_prefix.items()},
            always=frozenset(i for i, p in enumerate(numbered) if p.prefixes is None),
            required={i: p.required for i, p in enumerate(numbered) if p.required},
            law={k: tuple(v) for k, v in law.items()},
            sanctions={k: tuple(v) for k, v in kinds.items()},
        )

    def active(self, text: str) -> set[int]:
        """Numbers of the patterns that can match ``text``."""
        lowered = text.lower()
        candidates = set(self.always)
        by_prefix = self.by_prefix
        for prefix in text_prefixes(lowered).intersection(by_prefix):
            candidates.update(by_prefix[prefix])
        required = self.required
        return {
            i for i in candidates if i not in required or any(r in lowered for r in required[i])
        }

    def evidence(self, text: str, context: Context) -> list[Evidence]:
        """Every piece of evidence in the entry that no background covers."""
        active = self.active(text)
        by_type: dict[str, list[Evidence]] = {}
        n_cues = len(self.cues)
        for i in sorted(active):
            if i >= n_cues:
                continue  # a background pattern
            tid, pattern = self.cues[i]
            for m in pattern.regex.finditer(text):
                if m.end() > m.start():
                    ev = Evidence(tid, m.start(), m.end(), m.group(), pattern.unless, "cue")
                    by_type.setdefault(tid, []).append(ev)
        for ref in context.legal_refs:
            for tid, law_cue in self.law.get(ref.value.code, ()):
                if law_cue.matches(ref.value.code, ref.value.article):
                    ev = Evidence(tid, ref.start, ref.end, ref.text, law_cue.unless, "law")
                    by_type.setdefault(tid, []).append(ev)
        for s in context.sanctions:
            for tid, sanction_cue in self.sanctions.get(s.value.kind, ()):
                if s.value.status in sanction_cue.statuses:
                    ev = Evidence(tid, s.start, s.end, s.text, sanction_cue.unless, "sanction")
                    by_type.setdefault(tid, []).append(ev)
        if not by_type:
            return []
        shared = _spans(self.shared, text, active)
        kept: list[Evidence] = []
        for tid, found in by_type.items():
            background = shared + _spans(self.backgrounds[tid], text, active)
            kept += [ev for ev in found if not _inside_any((ev.start, ev.end), background)]
        return kept


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


def _spans(patterns: Iterable[tuple[int, Pattern]], text: str, active: set[int]) -> list[Span]:
    return [m.span() for i, p in patterns if i in active for m in p.regex.finditer(text)]


def _inside_any(span: Span, background: Sequence[Span]) -> bool:
    """True if the evidence overlaps a background match."""
    start, end = span
    if start == end:  # a zero-width span (a value without words) overlaps nothing
        return False
    return any(b_start < end and start < b_end for b_start, b_end in background)
