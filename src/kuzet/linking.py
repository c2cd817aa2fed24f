"""Person linking: which names in which entries are the same human being.

Pure (no Django, no database): :func:`link` takes the name mentions of any number of
documents plus the monitors' decisions and returns clusters, one per person::

    link([NameMention("2023-06", 9, "Mukhametkarim D.", "Mukhametkarim D."), ...],
         [Decision("split", ((ref_a,), (ref_b, ref_c)))])  ->  [Cluster(...), ...]

How mentions become people, in order (each step a union that a monitor's "split"
can veto):

1. Decisions first, newest first: a later decision wins over an earlier one it
   contradicts. ``merge`` joins its groups; ``split`` keeps its first group together
   and apart from the rest.
2. Surnames are folded (``names.yaml``: Zhylanbayev = Zhylanbaev, Imangaliyeva =
   Imangalieva) and joined into *families* when they differ only by a known letter
   variant (Mukhametkarim = Mukhamedkarim) or a vowel in a long name. Candidates
   are found by blocking on a consonant skeleton, never by comparing all pairs, and
   the edit is checked with rapidfuzz's edit operations. A masculine and a feminine
   surname are never one family (Tarasov / Tarasova).
3. Mentions with an initial or a given name join the others of their family with a
   compatible initial. Two different full given names with one initial are two
   people; a bare initial that could be either of them stays on its own.
4. A name written without an initial joins the person of its family that the same
   entry, the neighbouring entries, or the whole record makes unambiguous. A given
   name written alone ("and Valentina", after "Tarasov Vladimir") joins the person
   of a surname named in the same entry (or its other gender form) whose initial
   fits, when there is exactly one.

Output is deterministic: mentions are sorted first, every choice is made in that
order, and a cluster's :attr:`Cluster.key` is its first mention.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any, Literal

from rapidfuzz.distance import Levenshtein

from .chronicle.errors import DataFileError
from .chronicle.knowledge import data_path, load_yaml

__all__ = [
    "Cluster",
    "Decision",
    "MentionRef",
    "NameInfo",
    "NameMention",
    "NameRules",
    "block_keys",
    "block_of",
    "cluster_name",
    "default_rules",
    "link",
    "name_info",
    "name_matches",
    "same_given",
    "same_surname",
    "sort_key",
    "split_by_given",
    "swap_keys",
]

DecisionKind = Literal["merge", "split"]


@dataclass(frozen=True, order=True, slots=True)
class MentionRef:
    """Where a name was written: document key, entry number, and the name's key.

    The key ("Surname I.") tells apart two people named in one entry; it is how
    decisions point at mentions so that they survive a re-ingest.
    """

    doc: str
    n: int
    key: str

    def __str__(self) -> str:
        return f"{self.doc}:{self.n}:{self.key}"


@dataclass(frozen=True, slots=True)
class NameMention:
    """One person named in one entry, as the extractor found them."""

    doc: str
    n: int
    written: str  # as in the text: "Mukhametkarim Duman", "Valentina"
    key: str  # "Surname I." or a single word
    role: str = "other"
    id: int | None = None  # the caller's handle (a database id); carried through

    @property
    def ref(self) -> MentionRef:
        return MentionRef(self.doc, self.n, self.key)


@dataclass(frozen=True, slots=True)
class Decision:
    """A monitor's correction of the linker.

    ``merge``: every mention in every group is one person.
    ``split``: the mentions of ``groups[0]`` are one person, and not the same person
    as any mention in the later groups.
    """

    kind: DecisionKind
    groups: tuple[tuple[MentionRef, ...], ...]


@dataclass(frozen=True, slots=True)
class Cluster:
    """One person: their mentions in document order, a display name and other spellings."""

    name: str
    aliases: tuple[str, ...]
    mentions: tuple[NameMention, ...]

    @property
    def key(self) -> MentionRef:
        """A stable handle: the cluster's first mention."""
        return self.mentions[0].ref


# ---------------------------------------------------------------------------- rules


@dataclass(frozen=True, eq=False)
class NameRules:
    """Transliteration and gender knowledge from ``names.yaml``."""

    fold_pairs: tuple[tuple[str, str], ...]
    variant_class: dict[str, str]  # letter -> representative of its variant pair
    feminine: tuple[str, ...]  # endings, longest first
    masculine: tuple[str, ...]
    family_endings: tuple[tuple[str, str], ...]  # (masculine, feminine), longest first
    initial_classes: tuple[tuple[str, str], ...]  # (prefix, class), longest first
    initial_digraphs: frozenset[str]
    _fold_cache: dict[str, str] = field(default_factory=dict, repr=False)
    # (key, written) -> _Parsed: a store relinks the same spellings after every document.
    _parse_cache: dict[tuple[str, str], Any] = field(default_factory=dict, repr=False)
    # Surname endings and the other gender's form, per surname: names repeat.
    _word_cache: dict[tuple[str, str], Any] = field(default_factory=dict, repr=False)

    @classmethod
    def load(cls, path: Path | None = None) -> NameRules:
        path = path or data_path("names.yaml")
        data = load_yaml(path)
        if not isinstance(data, dict):
            raise DataFileError(path, 1, "expected a mapping at the top level")

        def pairs(name: str) -> tuple[tuple[str, str], ...]:
            value = data.get(name)
            if not isinstance(value, list) or not all(
                isinstance(p, list) and len(p) == 2 and all(isinstance(x, str) and x for x in p)
                for p in value
            ):
                raise DataFileError(path, None, f"{name!r} must be a list of [from, to] pairs")
            return tuple((a.lower(), b.lower()) for a, b in value)

        def words(value: Any, name: str) -> tuple[str, ...]:
            if not isinstance(value, list) or not all(isinstance(x, str) and x for x in value):
                raise DataFileError(path, None, f"{name!r} must be a list of words")
            return tuple(sorted((x.lower() for x in value), key=lambda w: (-len(w), w)))

        endings = data.get("surname_endings")
        if not isinstance(endings, dict):
            raise DataFileError(path, None, "'surname_endings' must map feminine/masculine to lists")
        classes = data.get("initial_classes")
        if not isinstance(classes, dict) or not all(
            isinstance(k, str) and isinstance(v, str) for k, v in classes.items()
        ):
            raise DataFileError(path, None, "'initial_classes' must map prefixes to letters")
        variant: dict[str, str] = {}
        for a, b in pairs("variant_letters"):
            if len(a) != 1 or len(b) != 1:
                raise DataFileError(path, None, f"variant letters must be single letters: {a}/{b}")
            rep = variant.get(a, a)
            variant[a] = variant[b] = rep
        return cls(
            fold_pairs=pairs("fold"),
            variant_class=variant,
            feminine=words(endings.get("feminine"), "surname_endings.feminine"),
            masculine=words(endings.get("masculine"), "surname_endings.masculine"),
            family_endings=tuple(sorted(pairs("family_endings"), key=lambda p: -len(p[1]))),
            initial_classes=tuple(
                sorted(((k.lower(), v.lower()) for k, v in classes.items()), key=lambda p: -len(p[0]))
            ),
            initial_digraphs=frozenset(words(data.get("initial_digraphs"), "initial_digraphs")),
        )

    def fold(self, text: str) -> str:
        """Lower-case ASCII letters with transliteration variants merged."""
        cached = self._fold_cache.get(text)
        if cached is not None:
            return cached
        out = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().lower()
        out = re.sub(r"[^a-z]", "", out)
        for a, b in self.fold_pairs:
            out = out.replace(a, b)
        out = re.sub(r"(.)\1+", r"\1", out)
        if len(self._fold_cache) < 1_000_000:  # names repeat; the cache stays bounded
            self._fold_cache[text] = out
        return out

    def _cached(self, kind: str, word: str, compute: Any) -> Any:
        found = self._word_cache.get((kind, word), self._word_cache)
        if found is self._word_cache:
            found = compute(word)
            if len(self._word_cache) < 1_000_000:  # bounded, as the fold cache
                self._word_cache[(kind, word)] = found
        return found

    def gender(self, surname: str) -> str:
        """``"f"``, ``"m"`` or ``""`` (a form that does not tell, like Sembay or Kasymbek)."""
        return str(self._cached("gender", surname, self._gender))

    def _gender(self, surname: str) -> str:
        s = surname.lower()
        for ending in self.feminine:  # longest first; feminine before "-in" can claim "-ina"
            if s.endswith(ending) and len(s) > len(ending) + 1:
                return "f"
        for ending in self.masculine:
            if s.endswith(ending) and len(s) > len(ending) + 1:
                return "m"
        return ""

    def other_gender(self, surname: str) -> str | None:
        """The same family's surname in the other gender: Tarasov <-> Tarasova."""
        found: str | None = self._cached("other", surname, self._other_gender)
        return found

    def _other_gender(self, surname: str) -> str | None:
        s = surname.lower()
        for masc, fem in self.family_endings:
            if s.endswith(fem) and len(s) > len(fem) + 1:
                return s[: -len(fem)] + masc
        for masc, fem in sorted(self.family_endings, key=lambda p: -len(p[0])):
            if s.endswith(masc) and len(s) > len(masc) + 1:
                return s[: -len(masc)] + fem
        return None

    def initial_class(self, word: str) -> str:
        """What a written initial or given name is compared by: "Zh." and "Zhenis" -> "z"."""
        return str(self._cached("initial", word, self._initial_class))

    def _initial_class(self, word: str) -> str:
        w = re.sub(r"[^a-z]", "", unicodedata.normalize("NFKD", word).encode("ascii", "ignore").decode().lower())
        for prefix, cls in self.initial_classes:
            if w.startswith(prefix):
                return cls
        return w[:1]

    def skeleton(self, folded: str) -> str:
        """The block a folded surname is compared within: consonants, variants merged."""
        return "".join(self.variant_class.get(c, c) for c in folded if c not in "aeiou")


@cache
def default_rules() -> NameRules:
    return NameRules.load()


# ---------------------------------------------------------------------------- parsing


@dataclass(frozen=True, slots=True)
class _Parsed:
    surname: str  # as written
    sfold: str
    gender: str
    initial: str  # initial class, "" when none is written
    given: str  # folded full given name, "" when only an initial (or nothing) is written
    bare: bool  # one word and nothing else: a surname alone, or a given name alone


_WORD = re.compile(r"[^\W\d_][\w’'`\-]*\.?|[^\W\d_]\.", re.UNICODE)


def _is_initial(token: str, rules: NameRules) -> bool:
    core = token.rstrip(".")
    if not core or not core[0].isupper():
        return False
    if "." in core:  # "S.K"
        return all(len(p) <= 3 for p in core.split(".") if p)
    if len(core) == 1:
        return True
    return core.lower() in rules.initial_digraphs and (token.endswith(".") or len(core) <= 3)


def _parse(mention: NameMention, rules: NameRules) -> _Parsed:
    """What linking compares of a name; computed once per spelling and rules."""
    cached = rules._parse_cache.get((mention.key, mention.written))
    if cached is None:
        cached = _parse_name(mention, rules)
        if len(rules._parse_cache) < 1_000_000:  # bounded, as the fold cache
            rules._parse_cache[(mention.key, mention.written)] = cached
    return cached


def _parse_name(mention: NameMention, rules: NameRules) -> _Parsed:
    key_tokens = _WORD.findall(mention.key) or [mention.key]
    initials = [t for t in key_tokens if _is_initial(t, rules)]
    words = [t.rstrip(".") for t in key_tokens if not _is_initial(t, rules)]
    if not words:  # only initials: nothing to link on but the letters themselves
        words = [mention.key]
    surname = words[0]
    sfold = rules.fold(surname)
    given = ""
    if len(words) > 1:  # the key carries a full given name after all
        given = words[1]
    else:
        given = _given_from_written(mention.written, sfold, rules)
    initial = rules.initial_class(initials[0]) if initials else (
        rules.initial_class(given) if given else ""
    )
    if given and initials and rules.initial_class(given) != initial:
        given = ""  # the written words do not belong to this key's initial
    bare = not initials and not given
    return _Parsed(surname, sfold, rules.gender(surname), initial, rules.fold(given), bare)


def _given_from_written(written: str, sfold: str, rules: NameRules) -> str:
    """The first full word of ``written`` that is not the surname: the given name."""
    if not written:
        return ""
    tokens = _WORD.findall(written)
    others = [
        t for t in tokens
        if t[0].isupper() and not _is_initial(t, rules) and rules.fold(t) != sfold
    ]
    if len(others) == len(tokens):  # the surname is not among the words: not this person's
        return ""
    return others[0].rstrip(".") if others else ""


def _resolve_order(
    mentions: Sequence[NameMention], parsed: list[_Parsed], rules: NameRules
) -> list[_Parsed]:
    """Read "Duman Mukhametkarim" surname-last when only that reading meets other mentions.

    A name written as two full words could be either way round; the extractor's key
    takes one reading. The other one wins when its surname (with that initial) is
    known from mentions written with an initial, and the extractor's is not.
    """
    known: set[tuple[str, str]] = set()
    for p in parsed:
        if not p.bare and not p.given:
            known.add((p.sfold, p.initial))
    out = []
    for m, p in zip(mentions, parsed, strict=True):
        if p.given and (p.sfold, p.initial) not in known:
            alt_surname = _word_matching(m.written, p.given, rules)
            if alt_surname:
                alt_initial = rules.initial_class(p.surname)
                if (rules.fold(alt_surname), alt_initial) in known:
                    p = _Parsed(
                        alt_surname, rules.fold(alt_surname), rules.gender(alt_surname),
                        alt_initial, p.sfold, False,
                    )
        out.append(p)
    return out


def _word_matching(written: str, folded: str, rules: NameRules) -> str:
    for token in _WORD.findall(written):
        if rules.fold(token) == folded:
            return str(token).rstrip(".")
    return ""


# ---------------------------------------------------------------------------- families


def _families(parsed: Sequence[_Parsed], rules: NameRules) -> list[int]:
    """A family number for each mention: surnames that are spellings of one surname."""
    names = sorted({(p.sfold, p.gender, p.surname.lower()) for p in parsed})
    forms = sorted({(f, g) for f, g, _ in names})
    index = {form: i for i, form in enumerate(forms)}
    uf = _UnionFind(len(forms))
    blocks: dict[tuple[str, str], list[int]] = defaultdict(list)
    for i, (folded, gender) in enumerate(forms):
        blocks[(gender, rules.skeleton(folded))].append(i)
    for members in blocks.values():
        for x in range(len(members)):
            for y in range(x + 1, len(members)):
                a, b = members[x], members[y]
                if _same_surname(forms[a][0], forms[b][0], forms[a][1], rules):
                    uf.union(a, b)
    return [uf.find(index[(p.sfold, p.gender)]) for p in parsed]


def _same_surname(a: str, b: str, gender: str, rules: NameRules) -> bool:
    """Two folded surnames of one gender block: spellings of one name?

    Allowed: swaps of variant letters and, in long names, a vowel written or left
    out; at most one edit (two in names of 12 letters or more), none in a gendered
    ending, where -ov and -ev or -ova and -ina make different names.
    """
    if a == b:
        return True
    shorter = min(len(a), len(b))
    if shorter < 5:
        return False
    budget = 2 if shorter >= 12 else 1
    if Levenshtein.distance(a, b, score_cutoff=budget) > budget:
        return False
    protected = _ending_length(a, gender, rules)
    for op in Levenshtein.editops(a, b):
        if op.src_pos >= len(a) - protected or op.dest_pos >= len(b) - protected:
            return False
        if op.tag == "replace":
            ca, cb = a[op.src_pos], b[op.dest_pos]
            if rules.variant_class.get(ca, ca) != rules.variant_class.get(cb, cb):
                return False
        else:  # a letter only one spelling writes: allowed for a vowel in a long name
            letter = b[op.dest_pos] if op.tag == "insert" else a[op.src_pos]
            if shorter < 8 or letter not in "aeiou":
                return False
    return True


def _ending_length(folded: str, gender: str, rules: NameRules) -> int:
    """How many final letters of a folded surname are its gendered ending."""
    if not gender:
        return 0
    return int(rules._cached("ending" + gender, folded, lambda f: max(
        (len(e) for e in map(rules.fold, rules.feminine if gender == "f" else rules.masculine)
         if e and f.endswith(e)), default=2)))


def _same_given(a: str, b: str) -> bool:
    """Folded full given names: one name despite spelling (Aykorkem / Aikorkem)?"""
    if a == b:
        return True
    # The ends must agree: Aleksandr / Aleksandra, Valentin / Valentina are two names.
    return (
        a[:1] == b[:1] and a[-1:] == b[-1:] and Levenshtein.normalized_similarity(a, b) >= 0.85
    )


# ---------------------------------------------------------------------------- grouping


class _UnionFind:
    def __init__(self, size: int) -> None:
        self.parent = list(range(size))

    def find(self, x: int) -> int:
        parent = self.parent
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    def union(self, a: int, b: int) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            self.parent[max(ra, rb)] = min(ra, rb)  # the smaller index stays root: determinism


class _Groups(_UnionFind):
    """Union-find whose unions a "cannot be the same person" constraint can refuse."""

    def __init__(self, size: int) -> None:
        super().__init__(size)
        self.apart: dict[int, list[int]] = {}  # root -> mentions it must stay apart from

    def join(self, a: int, b: int) -> bool:
        ra, rb = self.find(a), self.find(b)
        if ra == rb:
            return True
        if any(self.find(x) == rb for x in self.apart.get(ra, ())) or any(
            self.find(x) == ra for x in self.apart.get(rb, ())
        ):
            return False
        root, child = min(ra, rb), max(ra, rb)
        self.parent[child] = root
        if child in self.apart:
            self.apart.setdefault(root, []).extend(self.apart.pop(child))
        return True

    def keep_apart(self, a: int, b: int) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:  # already one person by a newer decision: that one wins
            self.apart.setdefault(ra, []).append(b)
            self.apart.setdefault(rb, []).append(a)

    def join_all(self, members: Iterable[int]) -> None:
        """Join members into as few people as the constraints allow, in order."""
        anchors: list[int] = []
        for m in members:
            if not any(self.join(a, m) for a in anchors):
                anchors.append(m)

    def roots(self, members: Iterable[int]) -> list[int]:
        return sorted({self.find(m) for m in members})


def _apply_decisions(
    groups: _Groups, mentions: Sequence[NameMention], parsed: Sequence[_Parsed],
    decisions: Sequence[Decision], rules: NameRules,
) -> None:
    if not decisions:
        return
    exact = {m.ref: i for i, m in enumerate(mentions)}
    loose: dict[tuple[str, int, str], list[int]] = defaultdict(list)
    for i, (m, p) in enumerate(zip(mentions, parsed, strict=True)):
        loose[(m.doc, m.n, p.sfold)].append(i)

    def resolve(ref: MentionRef) -> int | None:
        if ref in exact:
            return exact[ref]
        # Re-extraction may have respelled the key ("Mukhamedkarim D." -> "Mukhametkarim D.")
        words = [t for t in _WORD.findall(ref.key) if not _is_initial(t, rules)]
        found = loose.get((ref.doc, ref.n, rules.fold(words[0] if words else ref.key)), [])
        return found[0] if len(found) == 1 else None

    for decision in reversed(decisions):  # newest first: it constrains the older ones
        resolved = [[i for i in map(resolve, g) if i is not None] for g in decision.groups]
        if decision.kind == "merge":
            groups.join_all(i for g in resolved for i in g)
        elif resolved:
            groups.join_all(resolved[0])
            for a in resolved[0]:
                for rest in resolved[1:]:
                    for b in rest:
                        groups.keep_apart(a, b)


def _link_named(groups: _Groups, parsed: Sequence[_Parsed], family: Sequence[int]) -> None:
    by_initial: dict[tuple[int, str], list[int]] = defaultdict(list)
    for i, p in enumerate(parsed):
        if not p.bare:
            by_initial[(family[i], p.initial)].append(i)
    for members in by_initial.values():
        for person in _split_by_given(members, parsed):
            groups.join_all(person)


def _split_by_given(members: list[int], parsed: Sequence[_Parsed]) -> list[list[int]]:
    """One family, one initial: one person, unless two different given names are written."""
    return [[members[k] for k in person] for person in split_by_given([parsed[i].given for i in members])]


def split_by_given(givens: Sequence[str]) -> list[list[int]]:
    """How :func:`link` splits one family's named mentions of one initial into people.

    ``givens`` are their folded full given names ("" where only the initial is
    written), in :func:`sort_key` order; the result holds positions in it, one list
    per person. One person, unless two different given names are written; then one
    per given name (a spelling joins the first name it matches) and one for the
    mentions without a given name ("Surname D." when a Duman and a Daulet are both
    written), whom neither can claim.
    """
    names: list[str] = []
    for g in givens:
        if g and not any(_same_given(g, n) for n in names):
            names.append(g)
    if len(names) <= 1:
        return [list(range(len(givens)))]
    people: list[list[int]] = [[] for _ in names]
    unsure: list[int] = []
    for i, g in enumerate(givens):
        if not g:
            unsure.append(i)
            continue
        people[next(k for k, n in enumerate(names) if _same_given(g, n))].append(i)
    return [p for p in people if p] + ([unsure] if unsure else [])


@dataclass
class _Index:
    """Where the named (non-bare) mentions of each family are."""

    by_family: dict[int, list[int]] = field(default_factory=lambda: defaultdict(list))
    by_entry: dict[tuple[str, int], list[int]] = field(default_factory=lambda: defaultdict(list))
    by_fold: dict[tuple[str, str], int] = field(default_factory=dict)  # (sfold, gender) -> family


def _link_bare(
    groups: _Groups, mentions: Sequence[NameMention], parsed: Sequence[_Parsed],
    family: Sequence[int], rules: NameRules, window: int,
) -> None:
    index = _Index()
    for i, p in enumerate(parsed):
        index.by_entry[(mentions[i].doc, mentions[i].n)].append(i)
        index.by_fold[(p.sfold, p.gender)] = family[i]
        if not p.bare:
            index.by_family[family[i]].append(i)
    leftovers: dict[tuple[int, str], list[int]] = defaultdict(list)
    for i, p in enumerate(parsed):
        if not p.bare:
            continue
        m = mentions[i]
        target = _surname_alone(i, m, family[i], index, groups, mentions, window)
        if target is None and not index.by_family.get(family[i]):
            target = _given_alone(i, m, p, index, groups, mentions, parsed, rules, window)
        if target is None or not groups.join(target, i):
            # Unresolved: the same word alone is one person within one document only,
            # because a lone word may be a given name many people share.
            scope = "" if index.by_family.get(family[i]) else m.doc
            leftovers[(family[i], scope)].append(i)
    for members in leftovers.values():
        groups.join_all(members)


def _near(i: int, m: NameMention, candidates: list[int], mentions: Sequence[NameMention],
          window: int) -> list[int]:
    return [c for c in candidates
            if mentions[c].doc == m.doc and abs(mentions[c].n - m.n) <= window and c != i]


def _surname_alone(
    i: int, m: NameMention, fam: int, index: _Index, groups: _Groups,
    mentions: Sequence[NameMention], window: int,
) -> int | None:
    """The one person a surname written alone refers to: same entry, near, or anywhere."""
    candidates = index.by_family.get(fam, [])
    if not candidates:
        return None
    for pool in (
        [c for c in candidates if mentions[c].doc == m.doc and mentions[c].n == m.n],
        _near(i, m, candidates, mentions, window),
        candidates,
    ):
        roots = groups.roots(pool)
        if len(roots) == 1:
            return roots[0]
        if len(roots) > 1:
            return None  # ambiguous at the closest distance that has anyone
    return None


def _given_alone(
    i: int, m: NameMention, p: _Parsed, index: _Index, groups: _Groups,
    mentions: Sequence[NameMention], parsed: Sequence[_Parsed], rules: NameRules, window: int,
) -> int | None:
    """The one person a given name written alone refers to.

    First through a surname named in the same entry ("Tarasov Vladimir and
    Valentina": the Tarasov or Tarasova family), then through a full given name
    written in a neighbouring entry.
    """
    name_class = rules.initial_class(p.surname)
    in_entry = index.by_entry[(m.doc, m.n)]
    here = {groups.find(c) for c in in_entry}
    families: set[int] = set()
    for c in in_entry:
        if c == i or parsed[c].bare:
            continue
        families.add(index.by_fold.get((parsed[c].sfold, parsed[c].gender), -1))
        other = rules.other_gender(parsed[c].surname)
        if other:
            families.add(index.by_fold.get((rules.fold(other), rules.gender(other)), -1))

    def fits(c: int) -> bool:
        q = parsed[c]
        return q.initial == name_class and (not q.given or _same_given(q.given, p.sfold))

    hinted = [c for f in sorted(families) for c in index.by_family.get(f, []) if fits(c)]
    for pool in ([c for c in hinted if mentions[c].doc == m.doc], hinted):
        roots = [r for r in groups.roots(pool) if r not in here]
        if len(roots) == 1:
            return roots[0]
        if len(roots) > 1:
            return None
    written_near = [
        c for e in range(m.n - window, m.n + window + 1)
        for c in index.by_entry.get((m.doc, e), [])
        if c != i and parsed[c].given and _same_given(parsed[c].given, p.sfold)
    ]
    roots = [r for r in groups.roots(written_near) if r not in here]
    return roots[0] if len(roots) == 1 else None


# ---------------------------------------------------------------------------- output


def _cluster(members: list[int], mentions: Sequence[NameMention], parsed: Sequence[_Parsed]) -> Cluster:
    ms = [mentions[i] for i in members]
    named = [mentions[i].key for i in members if parsed[i].initial] or [m.key for m in ms]
    name = cluster_name(named)
    aliases = sorted({m.key for m in ms} | {m.written for m in ms if m.written} - {name, ""})
    return Cluster(name=name, aliases=tuple(a for a in aliases if a != name), mentions=tuple(ms))


def cluster_name(keys: Sequence[str]) -> str:
    """A person's name: the most frequent of its named mentions' keys, given in
    mention order (earliest first on ties)."""
    counts = Counter(keys)
    first_seen = {k: pos for pos, k in reversed(list(enumerate(keys)))}
    return min(counts, key=lambda k: (-counts[k], first_seen[k]))


def sort_key(m: NameMention) -> tuple[str, int, str, str, str]:
    """The order :func:`link` reads mentions in, which every tie follows."""
    return (m.doc, m.n, m.key, m.written, m.role)


def link(
    mentions: Iterable[NameMention],
    decisions: Sequence[Decision] = (),
    *,
    rules: NameRules | None = None,
    window: int = 3,
) -> list[Cluster]:
    """Cluster name mentions into people.

    ``decisions`` are in the order they were made (oldest first); a newer one wins
    where two disagree. ``window`` is how many entries before and after count as
    "neighbouring" for a name written without its initial. The clusters come back
    sorted by name, then by first mention.
    """
    rules = rules or default_rules()
    ms = sorted(mentions, key=sort_key)
    seen: dict[tuple[str, str], _Parsed] = {}  # names repeat: parse each spelling once
    first = []
    for m in ms:
        p = seen.get((m.key, m.written))
        if p is None:
            p = seen[(m.key, m.written)] = _parse(m, rules)
        first.append(p)
    parsed = _resolve_order(ms, first, rules)
    family = _families(parsed, rules)
    groups = _Groups(len(ms))
    _apply_decisions(groups, ms, parsed, decisions, rules)
    _link_named(groups, parsed, family)
    _link_bare(groups, ms, parsed, family, rules, window)
    members: dict[int, list[int]] = defaultdict(list)
    for i in range(len(ms)):
        members[groups.find(i)].append(i)
    clusters = [_cluster(group, ms, parsed) for group in members.values()]
    return sorted(clusters, key=lambda c: (c.name, c.key))


# ---------------------------------------------------------------------------- helpers


@dataclass(frozen=True, slots=True)
class NameInfo:
    """What :func:`link` reads of one spelling, for a store that relinks incrementally.

    ``form`` (folded surname, gender) is what families are made of: two forms are one
    family when :func:`same_surname` joins them, directly or through other forms of
    the same ``block`` (gender, consonant skeleton). A name written as two full
    words may be read the other way round (``alt``) when that reading's surname and
    initial are written elsewhere with an initial only (``known``).
    """

    sfold: str
    gender: str
    initial: str  # "" for a name written alone
    given: str  # folded full given name, "" when none is written
    bare: bool  # one word: a surname alone, or a given name alone
    word_class: str  # the initial class of the surname word (a lone given name's letter)
    other: tuple[str, str] | None  # the other gender's form: Tarasov -> Tarasova
    alt: tuple[str, str, str] | None  # the other reading: (folded surname, gender, initial)

    @property
    def form(self) -> tuple[str, str]:
        return (self.sfold, self.gender)

    @property
    def known(self) -> tuple[str, str] | None:
        """What this name adds to the readings known with an initial only."""
        return None if self.bare or self.given else (self.sfold, self.initial)


def name_info(key: str, written: str = "", *, rules: NameRules | None = None) -> NameInfo:
    """How :func:`link` reads one spelling (before other mentions can swap its order)."""
    rules = rules or default_rules()
    p = _parse(NameMention("", 0, written, key), rules)
    other_surname = rules.other_gender(p.surname)
    other = (rules.fold(other_surname), rules.gender(other_surname)) if other_surname else None
    alt = None
    if p.given:
        alt_surname = _word_matching(written, p.given, rules)
        if alt_surname:
            alt = (rules.fold(alt_surname), rules.gender(alt_surname), rules.initial_class(p.surname))
    return NameInfo(p.sfold, p.gender, p.initial, p.given, p.bare, rules.initial_class(p.surname), other, alt)


def block_of(form: tuple[str, str], *, rules: NameRules | None = None) -> tuple[str, str]:
    """The block (gender, consonant skeleton) a family's forms are compared within."""
    rules = rules or default_rules()
    return (form[1], rules.skeleton(form[0]))


def same_given(a: str, b: str) -> bool:
    """Whether :func:`link` takes two folded given names for one (Aykorkem / Aikorkem)."""
    return _same_given(a, b)


def same_surname(a: tuple[str, str], b: tuple[str, str], *, rules: NameRules | None = None) -> bool:
    """Whether :func:`link` joins two forms of one block into one family directly.

    Asked in the order :func:`link` asks it (the edit operations, and so the answer,
    can depend on which spelling comes first)."""
    rules = rules or default_rules()
    a, b = min(a, b), max(a, b)
    return a[1] == b[1] and _same_surname(a[0], b[0], a[1], rules)



def _readings(text: str, rules: NameRules) -> list[_Parsed]:
    """A name typed or written somewhere, read both ways round when it could be."""
    p = _parse(NameMention("", 0, text, text), rules)
    out = [p]
    words = [t.rstrip(".") for t in _WORD.findall(text) if not _is_initial(t, rules)]
    if len(words) == 2 and p.given:
        surname, given = words[1], words[0]
        out.append(_Parsed(surname, rules.fold(surname), rules.gender(surname),
                           rules.initial_class(given), rules.fold(given), False))
    return out


def block_keys(key: str, written: str = "", *, rules: NameRules | None = None) -> set[str]:
    """The comparison blocks a mention's surname falls in: its skeleton and its other
    gender form's. The linker only ever joins surnames within one block, so these
    say where to look for what a new mention could link to.
    """
    rules = rules or default_rules()
    p = _parse(NameMention("", 0, written, key), rules)
    out = {rules.skeleton(p.sfold)}
    other = rules.other_gender(p.surname)
    if other:
        out.add(rules.skeleton(rules.fold(other)))
    return out


def swap_keys(key: str, written: str = "", *, rules: NameRules | None = None) -> set[str]:
    """The blocks of the other reading of a name written as two full words
    ("Dauren Ospanov" keyed "Dauren O." may be read as Ospanov D.)."""
    rules = rules or default_rules()
    p = _parse(NameMention("", 0, written, key), rules)
    if not p.given:
        return set()
    return {rules.skeleton(p.given)} - block_keys(key, written, rules=rules)


def name_matches(query: str, name: str, *, rules: NameRules | None = None) -> bool:
    """Whether a name someone typed can mean a written name.

    "Mukhamedkarim" matches "Mukhametkarim D."; "Tarasov" does not match
    "Tarasova V."; "Duman Mukhametkarim" matches "Mukhametkarim D."; a single word
    also matches as a given name ("Duman" matches "Mukhametkarim Duman").
    """
    rules = rules or default_rules()
    for q in _readings(query, rules):
        for c in _readings(name, rules):
            if q.bare and c.given and _same_given(q.sfold, c.given):
                return True
            if q.gender != c.gender or not (
                q.sfold == c.sfold or _same_surname(q.sfold, c.sfold, q.gender, rules)
            ):
                continue
            if q.initial and c.initial and q.initial != c.initial:
                continue
            if q.given and c.given and not _same_given(q.given, c.given):
                continue
            return True
    return False
