"""Event types and the evidence that signals them, loaded from a taxonomy file.

The bundled default is ``data/taxonomy.yaml``; an organisation may replace it with
its own file (``kuzet extract --taxonomy FILE``) or extend it (``extends: default``).
The format is documented in ``docs/extraction.md``. In short::

    fallback: statement            # the type an entry gets when nothing matched
    fragments:                     # named regex pieces, used as {name} in patterns
      gap: '(?:\\W+\\w+){0,6}?\\W+'
    background: [...]              # patterns whose words are never evidence, for any type
    types:
      - id: torture
        label: {en: Torture, ru: Пытки}
        description: torture or ill-treatment alleged, investigated or tried
        cues:                      # regex fragments (case-insensitive, whole words)
          en: ['tortur\\w*', 'ill-treat\\w*']
        background:                # a cue inside one of these matches does not count
          en: ['day (?:in support )?of victims of torture']
        legal_refs: ['CC 146']     # citing this article signals the type
        sanctions: []              # e.g. [fine, {kind: warning, status: [imposed]}]
        unless: []                 # types whose presence cancels this type's evidence
        counts: [dated]            # its cues count even when dated long before the entry

A cue or a sanction may carry ``codes: [CC]`` (it counts only near an article of
that code; ``none``: no article cited), and a background pattern a group
``(?P<scope>...)`` (only those words are background: the topic of a story).
Negation, possibility and dating words are the language's (``extract/around.py``).

Every problem in a taxonomy file is a :class:`DataFileError` naming the file, the
line and the problem, so that an editor can fix it without reading Python.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from types import MappingProxyType

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from .errors import DataFileError
from .prefilter import (
    ends_with_wrapper,
    for_lowered_text,
    match_prefixes,
    required_substrings,
    word_key_sets,
)

__all__ = [
    "ANY_LANGUAGE",
    "EventType",
    "LawCue",
    "Pattern",
    "SanctionCue",
    "Taxonomy",
    "default_taxonomy_path",
    "load_taxonomy",
]

ANY_LANGUAGE = "*"  # key for cues written as a plain list: they apply in every language
LEGAL_CODES = frozenset({"CC", "CAO", "CPC", "OTHER"})
SANCTION_KINDS = frozenset(
    {
        "imprisonment",
        "restriction_of_liberty",
        "probation",
        "conditional_sentence",
        "administrative_arrest",
        "fine",
        "warning",
        "pretrial_detention",
        "house_arrest",
        "other",
    }
)
SANCTION_STATUSES = frozenset({"imposed", "requested", "upheld", "served"})
# what makes a cue not count, unless a type's `counts` keeps it (see extract/around.py)
CUE_CONTEXTS = frozenset({"negated", "hypothetical", "dated"})
NO_CODE = "none"  # in a `codes` condition: the entry cites no article at all
DEFAULT_STATUSES = frozenset({"imposed", "upheld"})

_ID_RE = re.compile(r"^[a-z][a-z0-9_]*$")
_FRAGMENT_REF_RE = re.compile(r"\{([A-Za-z_][A-Za-z0-9_]*)\}")
_LAW_REF_RE = re.compile(r"^\s*([A-Za-z]+)(?:\s+(\d+(?:-\d+)?))?\s*$")
_FLAGS = re.IGNORECASE

_TOP_KEYS = ("version", "extends", "fallback", "fragments", "background", "types")
_TYPE_KEYS = (
    "id",
    "label",
    "description",
    "cues",
    "background",
    "legal_refs",
    "sanctions",
    "unless",
    "counts",
)


@dataclass(frozen=True, slots=True)
class Pattern:
    """One compiled cue or background pattern, with where it was written."""

    source: str  # as written in the file, before fragments were expanded
    regex: re.Pattern[str]
    line: int | None
    unless: tuple[str, ...] = ()
    # lower-case strings one of which starts every match (None: unknown); lets
    # the extractor skip patterns whose first letters the entry does not have
    prefixes: frozenset[str] | None = None
    required: frozenset[str] | None = None  # one of these is in every match
    # counts only if the legal reference nearest to the match is of one of these
    # codes (NO_CODE: the entry cites none); None: whatever is cited
    codes: frozenset[str] | None = None
    # the same pattern for lower-cased text (faster); None: run ``regex`` on the text
    lowered: re.Pattern[str] | None = None
    # sets of first letters of words: every match has a word from each set
    words: tuple[frozenset[tuple[str, bool]], ...] = ()

    def span(self, m: re.Match[str]) -> tuple[int, int]:
        """The words a match covers; a background's ``scope`` group narrows it."""
        if "scope" in m.re.groupindex and m.start("scope") >= 0:
            return m.span("scope")
        return m.span()


@dataclass(frozen=True, slots=True)
class LawCue:
    """Citing ``code`` (and ``article``, if given; any part) signals the type."""

    code: str
    article: str | None
    line: int | None
    unless: tuple[str, ...] = ()

    def matches(self, code: str, article: str) -> bool:
        return code == self.code and (self.article is None or article == self.article)


@dataclass(frozen=True, slots=True)
class SanctionCue:
    """A sanction of ``kind`` with one of ``statuses`` signals the type."""

    kind: str
    statuses: frozenset[str]
    line: int | None
    unless: tuple[str, ...] = ()
    codes: frozenset[str] | None = None  # as Pattern.codes


@dataclass(frozen=True, slots=True)
class EventType:
    id: str
    labels: Mapping[str, str]  # language -> label
    description: str
    cues: Mapping[str, tuple[Pattern, ...]]  # language (or ANY_LANGUAGE) -> patterns
    background: Mapping[str, tuple[Pattern, ...]]
    legal_refs: tuple[LawCue, ...] = ()
    sanctions: tuple[SanctionCue, ...] = ()
    unless: tuple[str, ...] = ()
    line: int | None = None
    # cues of this type count even so (CUE_CONTEXTS): "tortured in 2022" is still
    # torture news when tried now ("dated"); a bill "if adopted" is still a bill
    counts: frozenset[str] = frozenset()

    def label(self, language: str = "en") -> str:
        return self.labels.get(language) or self.labels.get("en") or self.id

    def cues_for(self, language: str) -> tuple[Pattern, ...]:
        return self.cues.get(language, ()) + self.cues.get(ANY_LANGUAGE, ())

    def background_for(self, language: str) -> tuple[Pattern, ...]:
        return self.background.get(language, ()) + self.background.get(ANY_LANGUAGE, ())

    def depends_on(self) -> set[str]:
        """Types whose presence this type's evidence looks at (``unless``)."""
        out = set(self.unless)
        for items in (self.cues.values(), self.background.values()):
            for patterns in items:
                for p in patterns:
                    out.update(p.unless)
        for law_cue in self.legal_refs:
            out.update(law_cue.unless)
        for sanction_cue in self.sanctions:
            out.update(sanction_cue.unless)
        return out


@dataclass(frozen=True, slots=True)
class Taxonomy:
    """The event types, in file order, and the type used when nothing matched."""

    types: tuple[EventType, ...]
    fallback: str
    background: Mapping[str, tuple[Pattern, ...]] = field(
        default_factory=lambda: MappingProxyType({})
    )
    path: Path | None = None
    # type ids in an order where every type comes after those its ``unless`` names
    resolution_order: tuple[str, ...] = ()

    @property
    def ids(self) -> tuple[str, ...]:
        return tuple(t.id for t in self.types)

    def get(self, type_id: str) -> EventType:
        for t in self.types:
            if t.id == type_id:
                return t
        raise KeyError(type_id)

    def __contains__(self, type_id: object) -> bool:
        return any(t.id == type_id for t in self.types)

    def background_for(self, language: str) -> tuple[Pattern, ...]:
        return self.background.get(language, ()) + self.background.get(ANY_LANGUAGE, ())


def default_taxonomy_path() -> Path:
    from .knowledge import data_path

    return data_path("taxonomy.yaml")


def load_taxonomy(path: Path | str | None = None) -> Taxonomy:
    """Load and validate a taxonomy file; ``None`` loads the bundled default."""
    file = Path(path) if path is not None else default_taxonomy_path()
    return _Loader(file).load()


# --------------------------------------------------------------------------- loading


class _Loader:
    """Walks the YAML node tree (not the plain data) so every error has a line."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.fragments: dict[str, str] = {}
        # every 'unless' list read, kept to check its names once all types are known
        self._unless_nodes: list[tuple[tuple[str, ...], Node]] = []

    def fail(self, node: Node | None, problem: str) -> DataFileError:
        line = node.start_mark.line + 1 if node is not None else None
        return DataFileError(self.path, line, problem)

    def load(self) -> Taxonomy:
        root = self._compose()
        if not isinstance(root, MappingNode):
            raise self.fail(root, "expected a mapping with a 'types' list at the top level")
        top = self._mapping(root, _TOP_KEYS, "the top level")
        base = self._base(top.get("extends"))
        self.fragments = dict(base.fragments) if base else {}
        if "fragments" in top:
            self._read_fragments(top["fragments"][1])
        if "types" not in top and base is None:
            raise self.fail(root, "missing 'types' (a list of event types)")
        types = self._read_types(top["types"][1]) if "types" in top else []
        if base is not None:
            types = _merge(base.taxonomy.types, types)
        background = (
            self._read_patterns(top["background"][1], "background") if "background" in top else {}
        )
        if base is not None:
            background = _merge_patterns(base.taxonomy.background, background)
        fallback = self._read_fallback(top, types, base)
        order = self._resolution_order(types)
        return Taxonomy(
            types=tuple(types),
            fallback=fallback,
            background=MappingProxyType(background),
            path=self.path,
            resolution_order=order,
        )

    # -- structure

    def _compose(self) -> Node | None:
        try:
            text = self.path.read_text(encoding="utf-8")
        except OSError as exc:
            raise DataFileError(self.path, None, f"cannot read: {exc.strerror or exc}") from None
        except UnicodeDecodeError:
            raise DataFileError(self.path, None, "not UTF-8 text") from None
        try:
            return yaml.compose(text, Loader=yaml.SafeLoader)
        except yaml.YAMLError as exc:
            mark = getattr(exc, "problem_mark", None)
            line = mark.line + 1 if mark is not None else None
            problem = getattr(exc, "problem", None) or str(exc).splitlines()[0]
            raise DataFileError(self.path, line, f"not valid YAML: {problem}") from None

    def _mapping(
        self, node: MappingNode, allowed: Iterable[str], where: str
    ) -> dict[str, tuple[Node, Node]]:
        allowed = tuple(allowed)
        out: dict[str, tuple[Node, Node]] = {}
        for key_node, value_node in node.value:
            key = self._scalar(key_node, "a key")
            if key not in allowed:
                raise self.fail(
                    key_node, f"unknown key {key!r} in {where} (allowed: {', '.join(allowed)})"
                )
            if key in out:
                raise self.fail(key_node, f"key {key!r} is given twice in {where}")
            out[key] = (key_node, value_node)
        return out

    def _scalar(self, node: Node, what: str) -> str:
        if not isinstance(node, ScalarNode):
            raise self.fail(node, f"{what} must be a single value, not a list or mapping")
        return str(node.value)

    def _string_list(self, node: Node, what: str) -> list[tuple[str, Node]]:
        if isinstance(node, ScalarNode) and node.value in ("", "~", "null"):
            return []
        if not isinstance(node, SequenceNode):
            raise self.fail(node, f"{what} must be a list")
        return [(self._scalar(item, f"each item of {what}"), item) for item in node.value]

    # -- extends

    def _base(self, entry: tuple[Node, Node] | None) -> _Base | None:
        if entry is None:
            return None
        value = self._scalar(entry[1], "'extends'")
        if value != "default":
            raise self.fail(entry[1], f"'extends' can only be 'default', not {value!r}")
        default = default_taxonomy_path()
        if default.resolve() == self.path.resolve():
            raise self.fail(entry[1], "the default taxonomy cannot extend itself")
        loader = _Loader(default)
        taxonomy = loader.load()
        return _Base(taxonomy, loader.fragments)

    # -- fragments and patterns

    def _read_fragments(self, node: Node) -> None:
        if not isinstance(node, MappingNode):
            raise self.fail(node, "'fragments' must be a mapping of name: regex")
        for key_node, value_node in node.value:
            name = self._scalar(key_node, "a fragment name")
            if not re.fullmatch(r"[A-Za-z_][A-Za-z0-9_]*", name):
                raise self.fail(key_node, f"fragment name {name!r} must be letters, digits, _")
            source = self._scalar(value_node, f"fragment {name!r}")
            expanded = self._expand(source, value_node)
            self._compile(expanded, value_node, f"fragment {name!r}")
            self.fragments[name] = expanded

    def _expand(self, source: str, node: Node) -> str:
        def sub(m: re.Match[str]) -> str:
            name = m.group(1)
            if name not in self.fragments:
                raise self.fail(node, f"unknown fragment {{{name}}} (define it under 'fragments')")
            return f"(?:{self.fragments[name]})"

        return _FRAGMENT_REF_RE.sub(sub, source)

    def _compile(self, regex: str, node: Node, what: str) -> re.Pattern[str]:
        try:
            return re.compile(regex, _FLAGS)
        except re.error as exc:
            raise self.fail(node, f"bad regular expression in {what}: {exc.msg}") from None

    def _pattern(self, node: Node, what: str, unless: tuple[str, ...] | None) -> Pattern:
        """``unless`` is None where the pattern is background (no 'unless' allowed)."""
        codes: frozenset[str] | None = None
        if isinstance(node, MappingNode):
            keys = ("pattern",) if unless is None else ("pattern", "unless", "codes")
            fields = self._mapping(node, keys, what)
            if "pattern" not in fields:
                raise self.fail(node, f"{what}: missing 'pattern'")
            node_p = fields["pattern"][1]
            source = self._scalar(node_p, f"'pattern' in {what}")
            if "unless" in fields:
                unless = tuple(s for s, _ in self._string_list(fields["unless"][1], "'unless'"))
                self._unless_nodes.append((unless, fields["unless"][1]))
            if "codes" in fields:
                codes = self._read_codes(fields["codes"][1], what)
        else:
            node_p = node
            source = self._scalar(node, f"each pattern of {what} (quote it with single quotes)")
        if not source.strip():
            raise self.fail(node_p, f"empty pattern in {what}")
        body = self._expand(source, node_p)
        # Whole words only: a cue never matches inside a longer word, nor inside
        # a hyphenated compound ("trial" is not in "pre-trial").
        try:
            regex = re.compile(rf"(?<![\w-])(?:{body})(?![\w-])", _FLAGS)
        except re.error:
            regex = None
        if regex is None or not ends_with_wrapper(regex):
            # compiled alone for the message: wrapped, an unclosed "[" swallows the wrapper
            self._compile(body, node_p, what)
            regex = self._compile(rf"(?<![\w-])(?:{body})(?![\w-])", node_p, what)
        if unless is not None and "scope" in regex.groupindex:
            raise self.fail(node_p, f"{what}: only background patterns may have a 'scope' group")
        line = node_p.start_mark.line + 1
        return Pattern(
            source,
            regex,
            line,
            unless or (),
            match_prefixes(regex),
            required_substrings(regex),
            codes,
            for_lowered_text(regex),
            word_key_sets(regex),
        )

    def _read_codes(self, node: Node, what: str) -> frozenset[str]:
        allowed = sorted(LEGAL_CODES) + [NO_CODE]
        out = set()
        for code, code_node in self._string_list(node, f"'codes' in {what}"):
            if code.upper() in LEGAL_CODES:
                out.add(code.upper())
            elif code == NO_CODE:
                out.add(NO_CODE)
            else:
                raise self.fail(
                    code_node, f"unknown code {code!r} in {what} (one of: {', '.join(allowed)})"
                )
        return frozenset(out)

    def _read_patterns(
        self, node: Node, what: str, unless: tuple[str, ...] | None = None
    ) -> dict[str, tuple[Pattern, ...]]:
        """A list (any language) or a mapping language -> list."""
        if isinstance(node, ScalarNode) and node.value in ("", "~", "null"):
            return {}
        if isinstance(node, SequenceNode):
            return {ANY_LANGUAGE: tuple(self._pattern(i, what, unless) for i in node.value)}
        if isinstance(node, MappingNode):
            out: dict[str, tuple[Pattern, ...]] = {}
            for key_node, value_node in node.value:
                lang = self._scalar(key_node, "a language code")
                if not re.fullmatch(r"[a-z]{2,3}", lang):
                    raise self.fail(key_node, f"{lang!r} is not a language code (like en, ru)")
                if not isinstance(value_node, SequenceNode):
                    raise self.fail(value_node, f"{what} for {lang!r} must be a list")
                out[lang] = tuple(self._pattern(i, what, unless) for i in value_node.value)
            return out
        raise self.fail(node, f"{what} must be a list, or a mapping of language: list")

    # -- types

    def _read_types(self, node: Node) -> list[EventType]:
        if not isinstance(node, SequenceNode):
            raise self.fail(node, "'types' must be a list of event types")
        types: list[EventType] = []
        seen: dict[str, int] = {}
        for item in node.value:
            t = self._read_type(item)
            if t.id in seen:
                raise self.fail(item, f"duplicate type id {t.id!r} (first at line {seen[t.id]})")
            seen[t.id] = item.start_mark.line + 1
            types.append(t)
        return types

    def _read_type(self, node: Node) -> EventType:
        if not isinstance(node, MappingNode):
            raise self.fail(node, "each type must be a mapping with at least an 'id'")
        f = self._mapping(node, _TYPE_KEYS, "a type")
        if "id" not in f:
            raise self.fail(node, "type without an 'id'")
        type_id = self._scalar(f["id"][1], "'id'")
        if not _ID_RE.match(type_id):
            raise self.fail(
                f["id"][1], f"type id {type_id!r} must be lower_case letters, digits, _"
            )
        where = f"type {type_id!r}"
        unless: tuple[str, ...] = ()
        if "unless" in f:
            unless = tuple(s for s, _ in self._string_list(f["unless"][1], "'unless'"))
            self._unless_nodes.append((unless, f["unless"][1]))
        cues = self._read_patterns(f["cues"][1], f"cues of {where}", unless) if "cues" in f else {}
        background = (
            self._read_patterns(f["background"][1], f"background of {where}")
            if "background" in f
            else {}
        )
        law = self._read_law(f["legal_refs"][1], where, unless) if "legal_refs" in f else ()
        sanctions = (
            self._read_sanctions(f["sanctions"][1], where, unless) if "sanctions" in f else ()
        )
        return EventType(
            id=type_id,
            labels=MappingProxyType(self._read_labels(f.get("label"), type_id)),
            description=self._scalar(f["description"][1], "'description'")
            if "description" in f
            else "",
            cues=MappingProxyType(cues),
            background=MappingProxyType(background),
            legal_refs=law,
            sanctions=sanctions,
            unless=unless,
            line=node.start_mark.line + 1,
            counts=self._read_counts(f["counts"][1]) if "counts" in f else frozenset(),
        )

    def _read_counts(self, node: Node) -> frozenset[str]:
        out = set()
        for value, value_node in self._string_list(node, "'counts'"):
            if value not in CUE_CONTEXTS:
                raise self.fail(
                    value_node,
                    f"unknown value {value!r} in 'counts' (one of: {', '.join(sorted(CUE_CONTEXTS))})",
                )
            out.add(value)
        return frozenset(out)

    def _read_labels(self, entry: tuple[Node, Node] | None, type_id: str) -> dict[str, str]:
        if entry is None:
            return {"en": type_id.replace("_", " ").capitalize()}
        node = entry[1]
        if isinstance(node, ScalarNode):
            return {"en": str(node.value)}
        if not isinstance(node, MappingNode):
            raise self.fail(node, "'label' must be text or a mapping of language: text")
        return {
            self._scalar(k, "a language code"): self._scalar(v, "a label") for k, v in node.value
        }

    def _cue_item(
        self, node: Node, what: str, keys: tuple[str, ...], unless: tuple[str, ...]
    ) -> tuple[dict[str, tuple[Node, Node]] | None, str | None, tuple[str, ...]]:
        """A cue item is a plain value or a mapping with ``unless``."""
        if isinstance(node, ScalarNode):
            return None, str(node.value), unless
        if not isinstance(node, MappingNode):
            raise self.fail(node, f"each item of {what} must be a value or a mapping")
        fields = self._mapping(node, keys + ("unless",), what)
        if "unless" in fields:
            unless = tuple(s for s, _ in self._string_list(fields["unless"][1], "'unless'"))
            self._unless_nodes.append((unless, fields["unless"][1]))
        return fields, None, unless

    def _read_law(self, node: Node, where: str, unless: tuple[str, ...]) -> tuple[LawCue, ...]:
        what = f"legal_refs of {where}"
        if not isinstance(node, SequenceNode):
            raise self.fail(node, f"{what} must be a list like ['CC 146', CAO]")
        out = []
        for item in node.value:
            fields, text, item_unless = self._cue_item(item, what, ("ref",), unless)
            ref_node = item
            if fields is not None:
                if "ref" not in fields:
                    raise self.fail(item, f"{what}: missing 'ref' (like 'CC 146')")
                ref_node = fields["ref"][1]
                text = self._scalar(ref_node, "'ref'")
            m = _LAW_REF_RE.match(text or "")
            if not m or m.group(1).upper() not in LEGAL_CODES:
                raise self.fail(
                    ref_node,
                    f"{what}: {text!r} is not a code and optional article "
                    f"(codes: {', '.join(sorted(LEGAL_CODES))}; e.g. 'CC 146')",
                )
            out.append(
                LawCue(m.group(1).upper(), m.group(2), ref_node.start_mark.line + 1, item_unless)
            )
        return tuple(out)

    def _read_sanctions(
        self, node: Node, where: str, unless: tuple[str, ...]
    ) -> tuple[SanctionCue, ...]:
        what = f"sanctions of {where}"
        if not isinstance(node, SequenceNode):
            raise self.fail(node, f"{what} must be a list of sanction kinds")
        out = []
        for item in node.value:
            fields, kind, item_unless = self._cue_item(
                item, what, ("kind", "status", "codes"), unless
            )
            kind_node = item
            statuses = DEFAULT_STATUSES
            codes: frozenset[str] | None = None
            if fields is not None:
                if "codes" in fields:
                    codes = self._read_codes(fields["codes"][1], what)
                if "kind" not in fields:
                    raise self.fail(item, f"{what}: missing 'kind'")
                kind_node = fields["kind"][1]
                kind = self._scalar(kind_node, "'kind'")
                if "status" in fields:
                    listed = self._string_list(fields["status"][1], "'status'")
                    for status, status_node in listed:
                        if status not in SANCTION_STATUSES:
                            raise self.fail(
                                status_node,
                                f"unknown sanction status {status!r} "
                                f"(one of: {', '.join(sorted(SANCTION_STATUSES))})",
                            )
                    statuses = frozenset(s for s, _ in listed)
            if kind not in SANCTION_KINDS:
                raise self.fail(
                    kind_node,
                    f"unknown sanction kind {kind!r} (one of: {', '.join(sorted(SANCTION_KINDS))})",
                )
            out.append(
                SanctionCue(kind, statuses, kind_node.start_mark.line + 1, item_unless, codes)
            )
        return tuple(out)

    # -- whole-file checks

    def _read_fallback(
        self, top: dict[str, tuple[Node, Node]], types: list[EventType], base: _Base | None
    ) -> str:
        ids = {t.id for t in types}
        if "fallback" in top:
            node = top["fallback"][1]
            fallback = self._scalar(node, "'fallback'")
            if fallback not in ids:
                raise self.fail(node, f"fallback {fallback!r} is not one of the types defined")
            return fallback
        if base is not None:
            return base.taxonomy.fallback
        raise DataFileError(
            self.path, 1, "missing 'fallback' (the type given when no evidence matched)"
        )

    def _resolution_order(self, types: list[EventType]) -> tuple[str, ...]:
        ids = {t.id for t in types}
        for unless, node in self._unless_nodes:
            for name in unless:
                if name not in ids:
                    raise self.fail(node, f"'unless' names {name!r}, which is not a type defined")
        deps = {t.id: t.depends_on() & ids for t in types}
        for t in types:
            bad = [d for d in deps[t.id] if d not in ids]
            if bad:  # only reachable through a base taxonomy edited by hand
                raise self.fail(None, f"type {t.id!r}: 'unless' names unknown {bad[0]!r}")
        order: list[str] = []
        state: dict[str, int] = {}  # 1 = visiting, 2 = done

        def visit(tid: str, chain: list[str]) -> None:
            if state.get(tid) == 2:
                return
            if state.get(tid) == 1:
                cycle = " -> ".join(chain[chain.index(tid) :] + [tid])
                line = next((t.line for t in types if t.id == tid), None)
                raise DataFileError(self.path, line, f"'unless' goes round in a circle: {cycle}")
            state[tid] = 1
            for dep in sorted(deps[tid]):
                visit(dep, chain + [tid])
            state[tid] = 2
            order.append(tid)

        for t in types:
            visit(t.id, [])
        return tuple(order)


@dataclass(frozen=True)
class _Base:
    taxonomy: Taxonomy
    fragments: Mapping[str, str]


def _merge(base: Iterable[EventType], own: list[EventType]) -> list[EventType]:
    """The base types, with same-id types replaced by the file's own, then new ones."""
    own_by_id = {t.id: t for t in own}
    merged = [own_by_id.pop(t.id, t) for t in base]
    return merged + [t for t in own if t.id in own_by_id]


def _merge_patterns(
    base: Mapping[str, tuple[Pattern, ...]], own: Mapping[str, tuple[Pattern, ...]]
) -> dict[str, tuple[Pattern, ...]]:
    out = dict(base)
    for lang, patterns in own.items():
        out[lang] = out.get(lang, ()) + patterns
    return out
