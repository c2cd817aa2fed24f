"""Extract places from an entry's text.

The first mention returned is the **entry's place**: the most specific place
named in the opening slot, the comma-separated words around the lead date
("June 2, Almaty region, Otegen Batyr settlement, ..." -> Otegen Batyr, a
settlement of Almaty Region; "Almaty, December 1, ..." -> Almaty). A slot
segment counts only when it is wholly a place: a name, optionally with kind
words ("Almaty city", "the city of Almaty", "Kerbulak district") and words like
"in"; time words between the date and the place ("(Friday)", "On Monday",
"in the evening", "at 10:00") are skipped. When the slot holds no place, the
entry's first clause may still start with one followed by an institution
("June 30, the Astana city Akimat ..."); failing that, the place is the first
one written as where something happened, later in the entry ("..., in
Aktobe.", "the court in Kostanai", "the Oral specialised court") unless it is
one of a list, Kazakhstan, or a birthplace ("born in Taraz").

Rules the record format asks for:

* Kazakhstan itself is no place ("June 5, in Kazakhstan" -> none).
* Several places of the same rank ("Astana and Almaty", "Almaty, Astana") -> none.
* An institution named after a district of Almaty, Astana or Shymkent
  ("Almaly district court") places the entry in the city, not the district.
* A name the gazetteer lacks is still taken when a kind word stands beside it
  ("Mangistau region, Zhyngyldy village" -> Zhyngyldy, settlement, Mangystau
  Region, ``known=False``); its region is the region named beside it.

When the entry has no place, :func:`extract` returns ``[]`` (the caller takes
the first mention as the entry's place). Otherwise the other places the text
names follow the entry's place, in text order. :func:`mentions` returns every
place named anywhere, and :func:`unknown_places` those the gazetteer lacks
(for lint).

Names are matched through a token trie built once per knowledge set from the
gazetteer's names and aliases, folded by :func:`gazetteer.fold_token`; a name
in running text must start with a capital letter, acronyms ("UK", "VKO") must
match exactly.
"""

from __future__ import annotations

import threading
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any, NamedTuple

from rapidfuzz import fuzz, process

from ..gazetteer import TOKEN_RE, Gazetteer, GazetteerEntry, fold_token
from ..model import Mention, Place
from .context import Context
from .langpack import lang_packs, words

__all__ = ["HOME_COUNTRY", "extract", "mentions", "unknown_places"]

HOME_COUNTRY = "KZ"  # a chronicle located "in Kazakhstan" names no place
_LEVEL = {"country": 0, "region": 1, "district": 2, "city": 3, "settlement": 4}
_FUZZY_CUTOFF = (
    88  # rapidfuzz ratio for a misspelt region or city beside a kind word ("Akmla region")
)
# A city name alone in the place slot ("June 5, Petropavlosk, ...") has no kind word to
# vouch for it: a stricter ratio, a longer name, and a clear lead over any other place.
_BARE_FUZZY_CUTOFF = 88
_BARE_FUZZY_MIN_LETTERS = 6
_BARE_FUZZY_MARGIN = 4
_MAX_NAME_WORDS = 3  # an unknown place's name beside a kind word
_NOT_HERE_WORDS = 5  # how far before "in" a word like "born" or "lives" is looked for
_BOUNDARY = set(",;:()[]")
_SLOT_GAP = 2  # characters between two places of one slot: ", "
_OPEN_QUOTES, _CLOSE_QUOTES = set("«“„"), set("»”")
_STOPS = set(".!?")
_DASHES = set("–—-")
_QUOTES = _OPEN_QUOTES | _CLOSE_QUOTES | {'"'}


@dataclass(frozen=True, slots=True)
class _Target:
    entry: int  # index into the gazetteer
    form: str | None  # the kind word the alias carries ("Almaty Region" -> "region"), or None
    acronym: str | None = None  # "UK": the text must be exactly this


class _Tok(NamedTuple):
    """A word of the entry. A named tuple, not a dataclass: one is built per word of
    every entry, and a tuple is built in half the time of a frozen dataclass."""

    start: int
    end: int
    text: str
    fold: str
    boundary_before: bool  # a comma, colon, bracket or sentence end precedes it
    quoted: bool  # inside quotation marks
    seg_end: int  # index of the first token of the next segment


@dataclass
class _Index:
    gazetteer: Gazetteer
    trie: dict[Any, Any]
    kind_words: dict[str, str]
    slot_words: frozenset[str]
    kind_joiners: frozenset[str]
    and_words: frozenset[str]
    institution_words: frozenset[str]
    opening_words: frozenset[str]  # may stand alone before the lead date: "On", "Monday"
    not_names: frozenset[str]  # capitalised words that never start a place's name: "The"
    suffixes: dict[str, str]
    region_names: frozenset[str]
    surname_endings: tuple[str, ...] = ()  # a lone word ending so is a person, not a place
    locative_words: frozenset[str] = frozenset()  # "in", "at": "..., in Aktobe."
    not_here_words: frozenset[str] = frozenset()  # "born in", "lives in": not the incident's place
    not_place_after: frozenset[str] = frozenset()  # "Almaty time", "Abai street"
    street_words: frozenset[str] = frozenset()  # "street", "avenue": an address, no place
    # kind -> (entry index, name number) -> folded name or alias
    fuzzy: dict[str, dict[tuple[int, int], str]] = field(default_factory=dict)
    # cities by the first letter of their folded names, for a name alone in the slot
    fuzzy_cities: dict[str, dict[tuple[int, int], str]] = field(default_factory=dict)
    # id of a gazetteer entry -> (the entry, its Place): built once, the same places
    # recur in every chronicle (the entry is kept so that its id is never reused)
    places: dict[int, tuple[GazetteerEntry, Place]] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class _Found:
    start: int
    end: int
    place: Place
    entry: GazetteerEntry | None = None


# --- public functions ------------------------------------------------------------


def extract(text: str, *, context: Context) -> list[Mention[Place]]:
    """The entry's place first, then the other places named; ``[]`` when it has none."""
    index = _index(context)
    tokens = _tokens(text, index)
    lead, slot_found = _lead(tokens, index, context)
    if lead is None:
        return []
    others = [f for f in slot_found if f is not lead] + _running(
        tokens, index, lead, skip=slot_found
    )
    others.sort(key=lambda f: f.start)
    return [_mention(text, lead), *(_mention(text, f) for f in others)]


def mentions(text: str, *, context: Context) -> list[Mention[Place]]:
    """Every place named anywhere in ``text`` (Kazakhstan itself aside), in text order."""
    index = _index(context)
    tokens = _tokens(text, index)
    lead, slot_found = _lead(tokens, index, context)
    found = [*slot_found, *_running(tokens, index, lead, skip=slot_found)]
    found = [f for f in found if not _is_home(f.place)]
    found.sort(key=lambda f: f.start)
    return [_mention(text, f) for f in found]


def unknown_places(text: str, *, context: Context) -> list[Mention[Place]]:
    """Places named beside a kind word that the gazetteer lacks (``known=False``)."""
    return [m for m in mentions(text, context=context) if not m.value.known]


# --- the index ---------------------------------------------------------------------


def _index(context: Context) -> _Index:
    knowledge = context.knowledge
    # fetched first: compiled() holds a lock that nested compiled() calls would wait on
    packs = lang_packs(knowledge, "places")
    date_packs = lang_packs(knowledge, "dates")
    gazetteer = knowledge.gazetteer
    return knowledge.compiled("places:index", lambda: _build(gazetteer, packs, date_packs))


def _build(
    gazetteer: Gazetteer, packs: tuple[dict[str, Any], ...], date_packs: tuple[dict[str, Any], ...]
) -> _Index:
    kind_words: dict[str, str] = {}
    for pack in packs:
        for kind, names in (pack.get("kinds") or {}).items():
            for name in names:
                kind_words.setdefault(fold_token(str(name)), str(kind))
    suffixes = {str(k): str(v) for k, v in (packs[0].get("canonical_suffixes") or {}).items()}
    index = _Index(
        gazetteer=gazetteer,
        trie={},
        kind_words=kind_words,
        slot_words=_folded(words(packs, "slot_words")),
        kind_joiners=_folded(words(packs, "kind_joiners")),
        and_words=_folded(words(packs, "and_words")),
        institution_words=_folded(words(packs, "institution_words")),
        opening_words=_folded(
            [
                *words(date_packs, "lead_words"),
                *words(date_packs, "weekdays"),
                *words(date_packs, "day_parts"),
                *words(date_packs, "clock_words"),
            ]
        ),
        not_names=_folded(words(packs, "not_names")),
        suffixes=suffixes,
        region_names=frozenset(e.name for e in gazetteer.regions()),
        surname_endings=tuple(words(packs, "surname_endings")),
        locative_words=_folded(words(packs, "locative_words")),
        not_here_words=_folded(words(packs, "not_here_words")),
        not_place_after=_folded([*words(packs, "not_place_after"), *words(packs, "street_words")]),
        street_words=_folded(words(packs, "street_words")),
    )
    fuzzy: dict[str, dict[tuple[int, int], str]] = {"region": {}, "city": {}, "district": {}}
    for i, entry in enumerate(gazetteer.entries()):
        for n, name in enumerate((entry.name, *entry.aliases)):
            base, form = _split_kind(name, kind_words)
            if not base:
                continue
            acronym = _acronym(name)
            for variant in _variants(base):
                _insert(index.trie, variant, _Target(i, form, acronym))
            if entry.country == HOME_COUNTRY and entry.kind in fuzzy and acronym is None:
                fuzzy[entry.kind][(i, n)] = "".join(fold_token(t) for t in base)
    index.fuzzy = fuzzy
    for key, folded in fuzzy["city"].items():
        index.fuzzy_cities.setdefault(folded[:1], {})[key] = folded
    return index


def _folded(items: Iterable[str]) -> frozenset[str]:
    return frozenset(fold_token(w) for w in items)


def _split_kind(name: str, kind_words: dict[str, str]) -> tuple[list[str], str | None]:
    """ "Almaty Region" -> (["Almaty"], "region"); "область Абай" -> (["Абай"], "region")."""
    raw = TOKEN_RE.findall(name)
    if len(raw) > 1 and fold_token(raw[-1]) in kind_words:
        return raw[:-1], kind_words[fold_token(raw[-1])]
    if len(raw) > 1 and fold_token(raw[0]) in kind_words:
        return raw[1:], kind_words[fold_token(raw[0])]
    return raw, None


def _variants(base: list[str]) -> set[tuple[str, ...]]:
    """The token sequences a name may be written as: "Nur-Sultan", "Nur Sultan", "Nursultan"."""
    joined_words = tuple(fold_token(t) for t in base)
    split = tuple(fold_token(p) for t in base for p in t.split("-") if p)
    out = {joined_words, split, ("".join(joined_words),)}
    return {v for v in out if all(v)}


def _acronym(name: str) -> str | None:
    letters = "".join(c for c in name if c.isalpha())
    if name.replace(".", "").replace(" ", "").isupper() and 2 <= len(letters) <= 5:
        return letters
    return None


def _insert(trie: dict[Any, Any], tokens: tuple[str, ...], target: _Target) -> None:
    node = trie
    for token in tokens:
        node = node.setdefault(token, {})
    bucket = node.setdefault(None, [])
    if target not in bucket:
        bucket.append(target)


# --- tokens ------------------------------------------------------------------------


def _tokens(text: str, index: _Index) -> list[_Tok]:
    out: list[_Tok] = []
    segment: list[tuple[int, int, str, str, bool, bool]] = []  # words of the open segment
    previous_end = 0
    depth = 0  # quotation depth
    fold = fold_token
    new = tuple.__new__  # builds a _Tok without the keyword-argument wrapper
    last_fold: str | None = None
    for m in TOKEN_RE.finditer(text):
        start, end = m.span()
        gap = text[previous_end:start]
        boundary = last_fold is None
        if gap != " ":  # the common case, a single space, is no boundary
            quotes, stop, dot, ends = _gap_facts(gap)
            if quotes:
                depth = _quote_depth(gap, depth)
            # the dot of an abbreviated kind word ("г. Алматы") ends no sentence
            abbreviated = dot and last_fold is not None and last_fold in index.kind_words
            boundary = boundary or stop or (ends and not abbreviated)
            if boundary and segment:  # the open segment ends before this word
                k = len(out) + len(segment)
                out += [new(_Tok, (*r, k)) for r in segment]
                segment = []
        word = m.group()
        # "Almaty's court": the possessive is not part of the name
        bare = word[:-2] if word[-2:] in ("'s", "’s") and len(word) > 3 else word
        last_fold = fold(bare)
        segment.append((start, end, word, last_fold, boundary, depth > 0))
        previous_end = end
    n = len(out) + len(segment)
    out += [new(_Tok, (*r, n)) for r in segment]
    return out


_GAPS: dict[str, tuple[bool, bool, bool, bool]] = {}


def _gap_facts(gap: str) -> tuple[bool, bool, bool, bool]:
    """What the characters between two words say, kept per distinct gap (", ", ". ", ...):
    (holds a quotation mark, a comma, bracket or quote ends the segment, only a dot,
    a sentence ends)."""
    facts = _GAPS.get(gap)
    if facts is None:
        quotes = _has_quote(gap)
        facts = (
            quotes,
            not _BOUNDARY.isdisjoint(gap) or quotes,
            gap.strip() == ".",
            _sentence_end(gap),
        )
        if len(_GAPS) < 10_000:  # gaps are few; a text of odd punctuation must not grow it
            _GAPS[gap] = facts
    return facts


def _quote_depth(gap: str, depth: int) -> int:
    for c in gap:
        if c in _OPEN_QUOTES:
            depth += 1
        elif c in _CLOSE_QUOTES:
            depth = max(0, depth - 1)
        elif c == '"':
            depth = 0 if depth else 1
    return depth


def _has_quote(gap: str) -> bool:
    return not _QUOTES.isdisjoint(gap)


def _sentence_end(gap: str) -> bool:
    # a full stop, or a dash between spaces ("July 12 – Almaty – ...")
    return (not _STOPS.isdisjoint(gap) or not _DASHES.isdisjoint(gap)) and any(
        c.isspace() for c in gap
    )


def _segments(tokens: list[_Tok], start: int, stop: int) -> list[tuple[int, int]]:
    """Token ranges between commas, colons, brackets and sentence ends."""
    out: list[tuple[int, int]] = []
    begin = start
    for i in range(start + 1, stop):
        if tokens[i].boundary_before:
            out.append((begin, i))
            begin = i
    if begin < stop:
        out.append((begin, stop))
    return out


# --- the opening slot ------------------------------------------------------------


def _lead(
    tokens: list[_Tok], index: _Index, context: Context
) -> tuple[_Found | None, list[_Found]]:
    """The entry's place and every place of the opening slot."""
    slot, after_from = _before_date(tokens, index, context)
    # a misspelt city is matched only where the entry's place is written: before the
    # lead date, or the first segment after it
    fuzzy = set(slot)
    first = True
    for seg in _segments(tokens, after_from, len(tokens)):
        if _only_slot_words(tokens, seg, index) or _is_address(tokens, seg, index):
            continue  # "December 8 (Friday), Almaty", "On Monday, in Almaty", "Abai street"
        if first and context.date is not None:
            fuzzy.add(seg)
        first = False
        if tokens[seg[0]].quoted or _parse(tokens, seg, index, {}, fuzzy=seg in fuzzy) is None:
            break
        slot.append(seg)
    found, several = _resolve_slot(tokens, slot, index, fuzzy)
    if several:
        return None, found
    lead = _most_specific(found)
    if lead is None and not found:
        lead = (
            _first_clause(tokens, after_from, index)
            or _where_it_happened(tokens, index)
            or _closing_slot(tokens, index, context)
        )
        found = [lead] if lead else []
    if lead is not None and _is_home(lead.place):
        return None, [f for f in found if not _is_home(f.place)]
    return lead, found


def _closing_slot(tokens: list[_Tok], index: _Index, context: Context) -> _Found | None:
    """The slot written at the end of the entry: "..., Petropavl, 12 September." or
    "..., Akmola region, Kosshy." — last segments that are wholly places, after a segment
    that does not end with one (so not the tail of a list "in Almaty, Astana"), followed
    only by the date, a weekday and footnote numbers."""
    segs = _segments(tokens, 0, len(tokens))
    k = len(segs) - 1
    while k > 0 and _closing_extra(tokens, segs[k], index, context):
        k -= 1
    slot: list[tuple[int, int]] = []
    while k > 0 and _capitalised_place(tokens, segs[k], index):
        slot.insert(0, segs[k])
        k -= 1
        # places of one slot are joined by a comma and a space ("Almaty region, Talgar"),
        # not by "!, " after a name ("the party Alga, Kazakhstan!, Petropavl")
        if tokens[slot[0][0]].start - tokens[segs[k][1] - 1].end > _SLOT_GAP:
            break
    if not slot:
        return None
    found, several = _resolve_slot(tokens, slot, index, set())
    lead = None if several else _most_specific(found)
    if lead is None or _ends_with_place(tokens, segs[k], index, _LEVEL[lead.place.kind]):
        return None
    return _city_of_district(lead, index)


def _capitalised_place(tokens: list[_Tok], seg: tuple[int, int], index: _Index) -> bool:
    first = tokens[seg[0]]
    return (
        not first.quoted and first.text[:1].isupper() and _parse(tokens, seg, index, {}) is not None
    )


def _ends_with_place(tokens: list[_Tok], seg: tuple[int, int], index: _Index, level: int) -> bool:
    """ "police detained activists in Almaty": the segment's last words are a place of
    the given rank (a list with the next), not Kazakhstan ("Alga, Kazakhstan!")."""
    start, end = seg
    for j in range(max(start, end - _MAX_NAME_WORDS - 1), end):
        parsed = _parse(tokens, (j, end), index, {})
        if parsed is not None and any(
            _LEVEL[f.place.kind] == level and not _is_home(f.place) for f in parsed[0]
        ):
            return True
    return False


def _closing_extra(
    tokens: list[_Tok], seg: tuple[int, int], index: _Index, context: Context
) -> bool:
    """A segment after a closing place: footnote numbers, the entry's date, "(Friday)"."""
    date = context.date
    if (
        date is not None
        and date.start <= tokens[seg[0]].start
        and tokens[seg[1] - 1].end <= date.end
    ):
        return True
    return _only_slot_words(tokens, seg, index)


def _before_date(
    tokens: list[_Tok], index: _Index, context: Context
) -> tuple[list[tuple[int, int]], int]:
    """The place segments before the lead date, and the token after it.

    When words other than places stand before the date, the date is not in the
    opening slot (it was found in running text) and the slot starts the entry.
    """
    date = context.date
    if date is None:
        return [], 0
    last_before = next((i for i, t in enumerate(tokens) if t.end > date.start), len(tokens))
    segments = [
        s for s in _segments(tokens, 0, last_before) if not _only_slot_words(tokens, s, index)
    ]
    if any(_parse(tokens, s, index, {}, fuzzy=True) is None for s in segments):
        return [], 0
    return segments, next((i for i, t in enumerate(tokens) if t.start >= date.end), len(tokens))


def _is_address(tokens: list[_Tok], seg: tuple[int, int], index: _Index) -> bool:
    """ "Kurmangazy street", "12 Abai Avenue": a street, no place of its own."""
    return any(tokens[i].fold in index.street_words for i in range(*seg))


def _only_slot_words(tokens: list[_Tok], seg: tuple[int, int], index: _Index) -> bool:
    """Words like "in", "On", "Friday", "in the evening", "at 10:00": no place, no obstacle."""
    allowed = index.slot_words | index.opening_words
    return all(tokens[i].fold in allowed or tokens[i].text.isdigit() for i in range(*seg))


def _resolve_slot(
    tokens: list[_Tok],
    slot: list[tuple[int, int]],
    index: _Index,
    fuzzy: set[tuple[int, int]],
) -> tuple[list[_Found], bool]:
    # two passes: the region written anywhere in the slot picks between homonyms
    first = [_parse(tokens, seg, index, {}, fuzzy=seg in fuzzy) for seg in slot]
    regions = _context_regions(f for parsed in first if parsed for f in parsed[0])
    found: list[_Found] = []
    several = False
    for seg in slot:
        parsed = _parse(tokens, seg, index, regions, fuzzy=seg in fuzzy)
        if parsed is None:
            break
        found.extend(parsed[0])
        several = several or parsed[1]
    return found, several


def _context_regions(found: Iterable[_Found]) -> dict[str, str]:
    """Regions and republican cities the slot names, mapped to their country."""
    return {
        f.place.name: f.place.country
        for f in found
        if f.place.kind == "region"
        or (f.place.kind == "city" and f.place.region is None and f.place.country == HOME_COUNTRY)
    }


def _lead_regions(lead: _Found | None) -> dict[str, str]:
    """The region the entry's place lies in (or is): context for places named later."""
    if lead is None:
        return {}
    name = lead.place.region or (lead.place.name if lead.place.kind in ("region", "city") else None)
    return {name: lead.place.country} if name else {}


def _most_specific(found: list[_Found]) -> _Found | None:
    if not found:
        return None
    top = max(_LEVEL[f.place.kind] for f in found)
    best = [f for f in found if _LEVEL[f.place.kind] == top]
    if len({(f.place.name, f.place.region) for f in best}) > 1:
        return None  # several places of the same rank: the entry has no single place
    return best[-1]


_Parsed = tuple[list[_Found], bool] | None
# the entry's tokens and what _parse found in its segments (each thread its own entry)
_PARSED = threading.local()


def _parse(
    tokens: list[_Tok],
    seg: tuple[int, int],
    index: _Index,
    regions: dict[str, str],
    *,
    fuzzy: bool = False,
) -> _Parsed:
    """``_parse_segment``, once per segment of the entry when no region is given.

    The slot's segments are parsed up to three times (before the date, the slot,
    its two passes); the result depends only on the arguments and is only read.
    """
    if regions:
        return _parse_segment(tokens, seg, index, regions, fuzzy=fuzzy)
    memo: tuple[list[_Tok], dict[tuple[tuple[int, int], bool], _Parsed]] | None
    memo = getattr(_PARSED, "memo", None)
    if memo is None or memo[0] is not tokens:  # another entry (memo keeps its tokens alive)
        memo = (tokens, {})
        _PARSED.memo = memo
    parsed = memo[1]
    key = (seg, fuzzy)
    if key not in parsed:
        parsed[key] = _parse_segment(tokens, seg, index, regions, fuzzy=fuzzy)
    return parsed[key]


def _parse_segment(
    tokens: list[_Tok],
    seg: tuple[int, int],
    index: _Index,
    regions: dict[str, str],
    *,
    fuzzy: bool = False,
) -> _Parsed:
    """A segment that is wholly a place (or "X and Y"): (places, several?); else None.

    With ``fuzzy``, a misspelt city name that is the whole segment is matched too.
    """
    i, end = seg
    while i < end and tokens[i].fold in index.slot_words:
        i += 1
    i, prefix_kind = _kind_prefix(tokens, i, end, index)
    if i >= end:
        return None
    place, j = _place_at(tokens, i, end, index, regions, prefix_kind)
    if place is None and fuzzy:
        place, j = _fuzzy_at(tokens, i, end, index, regions)
    if place is None:
        return None
    if j == end:
        return [place], False
    if tokens[j].fold in index.and_words:
        rest = _parse(tokens, (j + 1, end), index, regions)
        if rest is not None:
            return [place, *rest[0]], True
    return None


def _kind_prefix(tokens: list[_Tok], i: int, end: int, index: _Index) -> tuple[int, str | None]:
    """ "the city of Almaty", "village Kyzylzhar": a kind word before the name.

    A capitalised kind word followed by a name ("City Court") is part of an
    institution's name unless "of" follows it.
    """
    if i + 1 >= end or tokens[i].fold not in index.kind_words:
        return i, None
    kind = index.kind_words[tokens[i].fold]
    joined = tokens[i + 1].fold in index.kind_joiners and i + 2 < end
    if tokens[i].text[0].isupper() and not joined:
        return i, None
    return (i + 2 if joined else i + 1), kind


def _place_at(
    tokens: list[_Tok],
    i: int,
    end: int,
    index: _Index,
    regions: dict[str, str],
    prefix_kind: str | None,
) -> tuple[_Found | None, int]:
    """The place starting at token ``i`` (with a kind word after it), and where it ends."""
    hit = _longest(tokens, i, end, index)
    if hit is not None:
        j, targets = hit
        kind = prefix_kind
        if j < end and tokens[j].fold in index.kind_words:
            kind = index.kind_words[tokens[j].fold]
            j += 1
        written = " ".join(t.text for t in tokens[i : hit[0]])
        place, entry = _choose(targets, kind, index, regions)
        if entry is not None and _elsewhere(entry, kind, regions, index):
            # "Aktobe region, Kyzylzhar village" is no alias of a town elsewhere: a village of that region
            place, entry = _unknown(written, kind or entry.kind, index, regions), None
        return _Found(tokens[i].start, tokens[j - 1].end, place, entry), j
    return _unknown_at(tokens, i, end, index, regions, prefix_kind)


def _unknown_at(
    tokens: list[_Tok],
    i: int,
    end: int,
    index: _Index,
    regions: dict[str, str],
    prefix_kind: str | None,
) -> tuple[_Found | None, int]:
    """ "Zhyngyldy village", "village of Zhyngyldy": a name the gazetteer lacks."""
    j = i
    while j < end and j - i < _MAX_NAME_WORDS and _name_like(tokens[j], index):
        j += 1
    if j == i:
        return None, i
    kind = prefix_kind
    stop = j
    if j < end and tokens[j].fold in index.kind_words:
        kind = index.kind_words[tokens[j].fold]
        stop = j + 1
    if kind is None:
        return None, i
    name_text = " ".join(t.text for t in tokens[i:j])
    entry = _fuzzy(name_text, kind, index)
    if entry is not None:
        place = _place_of(_in_regions([entry], regions)[0], index)
        return _Found(tokens[i].start, tokens[stop - 1].end, place, entry), stop
    return _Found(
        tokens[i].start, tokens[stop - 1].end, _unknown(name_text, kind, index, regions)
    ), stop


def _fuzzy_at(
    tokens: list[_Tok], i: int, end: int, index: _Index, regions: dict[str, str]
) -> tuple[_Found | None, int]:
    """A segment that is only a misspelt city's name: "Petropavlosk" -> Petropavl."""
    if end - i > _MAX_NAME_WORDS or not all(
        _name_like(t, index) and len(t.text) > 2 for t in tokens[i:end]
    ):
        return None, i  # an initial ("Serikbayev T.") makes the words a person's name
    last = tokens[end - 1].text.lower()
    if any(last.endswith(e) and len(last) > len(e) + 3 for e in index.surname_endings):
        return None, i  # "Kostanaev, an activist": a surname, not a misspelt city
    entry = _fuzzy_bare(" ".join(t.text for t in tokens[i:end]), index)
    if entry is None:
        return None, i
    place = _place_of(_in_regions([entry], regions)[0], index)
    return _Found(tokens[i].start, tokens[end - 1].end, place, entry), end


def _name_like(token: _Tok, index: _Index) -> bool:
    if not token.text[0].isupper() or any(c.isdigit() for c in token.text):
        return False
    excluded = (index.kind_words, index.not_names, index.slot_words, index.institution_words)
    return all(token.fold not in words for words in excluded)


def _longest(
    tokens: list[_Tok], i: int, end: int, index: _Index
) -> tuple[int, list[_Target]] | None:
    """The longest gazetteer name starting at token ``i``, with the places it may denote."""
    if not tokens[i].text[0].isupper():
        return None
    node: dict[Any, Any] = index.trie
    best = None
    j = i
    while j < end:
        child = node.get(tokens[j].fold)
        if child is None:
            break
        node = child
        j += 1
        targets = node.get(None)
        if targets:
            written = "".join(c for t in tokens[i:j] for c in t.text if c.isalpha())
            ok = [t for t in targets if t.acronym is None or t.acronym == written]
            if ok:
                best = (j, ok)
    return best


def _choose(
    targets: list[_Target], kind: str | None, index: _Index, regions: dict[str, str]
) -> tuple[Place, GazetteerEntry | None]:
    """The place a matched name denotes, given the kind word beside it."""
    g = index.gazetteer
    if kind is not None:
        exact = [g.entry(t.entry) for t in targets if t.form == kind]
        compatible = [
            g.entry(t.entry)
            for t in targets
            if t.form is None and _compatible(g.entry(t.entry).kind, kind)
        ]
        chosen = exact or compatible
        if chosen:
            entry = _in_regions(chosen, regions)[0]
            return _place_of(entry, index), entry
        # "Talgar district" where only the town Talgar is known: a district of its region
        base = g.entry(targets[0].entry)
        return _derived(base, kind, index), None
    bare = [g.entry(t.entry) for t in targets if t.form is None]
    if not bare:  # "Mangystau", "East Kazakhstan": a region written without its kind word
        bare = sorted(
            (g.entry(t.entry) for t in targets),
            key=lambda e: _LEVEL[e.kind] if e.kind != "region" else -1,
        )
    entry = _in_regions(bare, regions)[0]
    return _place_of(entry, index), entry


def _place_of(entry: GazetteerEntry, index: _Index) -> Place:
    """``entry.place()``, built once per gazetteer entry."""
    known = index.places.get(id(entry))
    if known is None or known[0] is not entry:
        known = index.places[id(entry)] = (entry, entry.place())
    return known[1]


def _elsewhere(
    entry: GazetteerEntry, kind: str | None, regions: dict[str, str], index: _Index
) -> bool:
    """A known place written with another kind word, outside the region named beside it."""
    home_regions = [r for r in regions if r in index.region_names]
    return (
        bool(home_regions)
        and kind is not None
        and kind != entry.kind
        and entry.region is not None
        and entry.region not in home_regions
        and entry.name not in home_regions
    )


def _compatible(entry_kind: str, kind: str) -> bool:
    # chronicles call a town a settlement and a village a town; both are inhabited places
    inhabited = ("city", "settlement")
    return entry_kind == kind or (entry_kind in inhabited and kind in inhabited)


def _in_regions(entries: list[GazetteerEntry], regions: dict[str, str]) -> list[GazetteerEntry]:
    """Entries in a region the slot names first; otherwise gazetteer order."""
    if not regions:
        return entries
    inside = [e for e in entries if e.region in regions or e.name in regions]
    return inside + [e for e in entries if e not in inside]


def _derived(base: GazetteerEntry, kind: str, index: _Index) -> Place:
    region = base.region if base.kind != "region" else base.name
    stem = base.name
    for suffix in index.suffixes.values():
        stem = stem.removesuffix(" " + suffix)
    return Place(
        name=_canonical(stem, kind, index),
        kind=kind,
        region=region,
        country=base.country,
        known=False,
    )


def _unknown(name: str, kind: str, index: _Index, regions: dict[str, str]) -> Place:
    region = None
    country = HOME_COUNTRY
    if kind != "region":
        for name_of_region, region_country in regions.items():
            region, country = name_of_region, region_country
            break
    return Place(
        name=_canonical(name, kind, index), kind=kind, region=region, country=country, known=False
    )


def _canonical(name: str, kind: str, index: _Index) -> str:
    suffix = index.suffixes.get(kind)
    return f"{name} {suffix}" if suffix else name


def _fuzzy(name: str, kind: str, index: _Index) -> GazetteerEntry | None:
    """A misspelt region, district or city beside a kind word ("Akmla region")."""
    kinds = ["city", "settlement"] if kind in ("city", "settlement") else [kind]
    query = "".join(fold_token(t) for t in TOKEN_RE.findall(name))
    for k in kinds:
        choices = index.fuzzy.get(k)
        if not choices or len(query) < 4:
            continue
        hit = process.extractOne(query, choices, scorer=fuzz.ratio, score_cutoff=_FUZZY_CUTOFF)
        if hit is not None and hit[0][:1] == query[:1]:
            return index.gazetteer.entry(hit[2][0])
    return None


def _fuzzy_bare(name: str, index: _Index) -> GazetteerEntry | None:
    """A misspelt city alone in the place slot ("Petropavlosk", "Pavlodr"), or None.

    Conservative: the name must be long, start like the city, come within
    _BARE_FUZZY_CUTOFF of one of its names or aliases, and beat every other place
    by _BARE_FUZZY_MARGIN, so that a surname or an unknown village is left alone.
    """
    query = "".join(fold_token(t) for t in TOKEN_RE.findall(name))
    choices = index.fuzzy_cities.get(query[:1])  # a misspelling keeps the first letter
    if not choices or len(query) < _BARE_FUZZY_MIN_LETTERS:
        return None
    hits = process.extract(query, choices, scorer=fuzz.ratio, limit=10)
    best: dict[int, float] = {}
    for _, score, (entry, _n) in hits:
        best[entry] = max(best.get(entry, 0.0), score)
    ranked = sorted(best.items(), key=lambda kv: kv[1], reverse=True)
    if not ranked or ranked[0][1] < _BARE_FUZZY_CUTOFF:
        return None
    if len(ranked) > 1 and ranked[0][1] - ranked[1][1] < _BARE_FUZZY_MARGIN:
        return None  # two cities are about as close: do not guess
    return index.gazetteer.entry(ranked[0][0])


def _first_clause(tokens: list[_Tok], i: int, index: _Index) -> _Found | None:
    """ "the Astana city Akimat ...": a place opening the first clause, then an institution."""
    if i >= len(tokens):
        return None
    end = tokens[i].seg_end
    while i < end and tokens[i].fold in index.slot_words:
        i += 1
    if i >= end or tokens[i].quoted:
        return None
    hit = _longest(tokens, i, end, index)
    if hit is None:
        return None
    j, targets = hit
    kind = None
    if j < end and tokens[j].fold in index.kind_words:
        kind = index.kind_words[tokens[j].fold]
        j += 1
    following = tokens[j] if j < end else None
    if following is not None and following.fold in index.not_place_after:
        return None  # "Kurmangazy street", "Almaty time"
    if (
        following is not None
        and following.text[0].isupper()
        and following.fold not in index.institution_words
    ):
        return None  # "Abai Kunanbayev, ...": a name, not a place
    place, entry = _choose(targets, kind, index, {})
    if entry is not None and entry.kind == "district" and _is_city_district(entry, index):
        city = index.gazetteer.lookup(entry.region or "", kind="city")
        if city is not None:
            place, entry = city, None
    return _Found(tokens[i].start, tokens[j - 1].end, place, entry)


def _is_city_district(entry: GazetteerEntry, index: _Index) -> bool:
    return any(c.name == entry.region for c in index.gazetteer.republican_cities())


# --- the rest of the text -------------------------------------------------------


def _running(
    tokens: list[_Tok],
    index: _Index,
    lead: _Found | None,
    skip: list[_Found],
    *,
    keep_home: bool = False,
) -> list[_Found]:
    """Places named outside the opening slot (Kazakhstan itself too with ``keep_home``)."""
    taken = [(f.start, f.end) for f in skip]
    regions = _lead_regions(lead)
    out: list[_Found] = []
    i = 0
    n = len(tokens)
    while i < n:
        tok = tokens[i]
        # a place starts with a capital letter or a kind word ("village of ...")
        if (
            (not tok.text[0].isupper() and tok.fold not in index.kind_words)
            or tok.quoted
            or any(s <= tok.start < e for s, e in taken)
        ):
            i += 1
            continue
        found, j = _running_at(tokens, i, index, regions)
        if (
            found is not None
            and (keep_home or not _is_home(found.place))
            and not any(found.start < e and s < found.end for s, e in taken)
        ):
            out.append(found)
        i = max(j, i + 1)
    return out


def _running_at(
    tokens: list[_Tok], i: int, index: _Index, regions: dict[str, str]
) -> tuple[_Found | None, int]:
    end = tokens[i].seg_end
    start, prefix_kind = _kind_prefix(tokens, i, end, index)
    found, j = _place_at(tokens, start, end, index, regions, prefix_kind)
    if found is None and prefix_kind is not None:
        found, j = _place_at(tokens, i, end, index, regions, None)
    # in running text only villages and districts are taken unknown: "Central Asian region" is no place
    if found is None or not (found.place.known or found.place.kind in ("settlement", "district")):
        return None, i + 1
    if _named_after(tokens, start, j, end, index):
        return None, j
    return found, j


def _named_after(tokens: list[_Tok], i: int, j: int, end: int, index: _Index) -> bool:
    """A place's name used for a person or a thing: "activist Makhambet Ismailov",
    "Abenov Nursultan", "the Astana Opera", "Almaty time"."""
    if tokens[j - 1].fold in index.kind_words:
        return False  # "Makhambet district" is a place
    following = tokens[j] if j < end else None
    if following is not None:
        if following.fold in index.not_place_after:
            return True
        if (
            following.text[0].isupper()
            and following.fold not in index.institution_words
            and following.fold not in index.kind_words
            and following.fold not in index.and_words
        ):
            return True
    previous = tokens[i - 1] if i > 0 and not tokens[i].boundary_before else None
    return previous is not None and _surname_like(previous.text, index)


def _surname_like(word: str, index: _Index) -> bool:
    low = word.lower()
    return word[0].isupper() and any(
        low.endswith(e) and len(low) > len(e) + 3 for e in index.surname_endings
    )


def _where_it_happened(tokens: list[_Tok], index: _Index) -> _Found | None:
    """The entry's place when its opening names none: the first place written as where
    something happened, after "in"/"at" ("..., in Aktobe.", "the court in Kostanai") or
    before an institution ("the Kostanay specialised court").

    None when that place is Kazakhstan itself or one of a list ("in Almaty, Astana
    and Oral"), or follows "born in", "lives in" (``not_here_words``).
    """
    found = _running(tokens, index, None, skip=[], keep_home=True)
    starts = {t.start: k for k, t in enumerate(tokens)}
    ends = {t.end: k for k, t in enumerate(tokens)}
    for n, f in enumerate(found):
        first, last = starts[f.start], ends[f.end]
        if not (_after_locative(tokens, first, index) or _before_institution(tokens, last, index)):
            continue
        if _is_home(f.place) or _listed(tokens, found, n, starts, ends, index):
            return None
        region = _qualifier(tokens, found, n, starts, ends)
        if region is not None:  # "near Kyzylzhar, Aktobe region": read it in that region
            again = _running(tokens, index, region, skip=[], keep_home=True)
            f = next((g for g in again if g.start == f.start), f)
        return _city_of_district(f, index)
    return None


def _qualifier(
    tokens: list[_Tok], found: list[_Found], n: int, starts: dict[int, int], ends: dict[int, int]
) -> _Found | None:
    """The region written right after a place ("Kyzylzhar, Aktobe region"), or None."""
    if n + 1 >= len(found) or found[n + 1].place.kind != "region":
        return None
    nxt = starts[found[n + 1].start]
    return found[n + 1] if nxt == ends[found[n].end] + 1 else None


def _after_locative(tokens: list[_Tok], first: int, index: _Index) -> bool:
    """ "in Aktobe", "in the city of Aktobe", "near the village of Kyzylzhar", and
    "the akimat of Aktobe" (an institution "of" the place)."""
    k = first - 1
    skippable = index.kind_words.keys() | index.kind_joiners | {"the"}
    while k >= 0 and first - k <= 4 and not tokens[k + 1].boundary_before:
        word = tokens[k].fold
        if word in index.locative_words:
            return not _after_not_here(tokens, k, index)
        if (
            word in index.kind_joiners
            and k > 0
            and not tokens[k].boundary_before
            and tokens[k - 1].fold in index.institution_words
            and tokens[k - 1].fold not in index.kind_words
        ):
            return True
        if word not in skippable:
            return False
        k -= 1
    return False


def _after_not_here(tokens: list[_Tok], k: int, index: _Index) -> bool:
    """ "born in", "born on 4 May 1979 in", "who lives in": among the few words before."""
    j = k
    while j > 0 and k - j < _NOT_HERE_WORDS and not tokens[j].boundary_before:
        j -= 1
        if tokens[j].fold in index.not_here_words:
            return True
    return False


def _before_institution(tokens: list[_Tok], last: int, index: _Index) -> bool:
    """ "the Kostanay specialised administrative court", "Aktobe city police"."""
    nxt = last + 1
    return (
        nxt < len(tokens)
        and not tokens[nxt].boundary_before
        and tokens[nxt].fold in index.institution_words
        and tokens[nxt].fold not in index.kind_words
    )


def _listed(
    tokens: list[_Tok],
    found: list[_Found],
    n: int,
    starts: dict[int, int],
    ends: dict[int, int],
    index: _Index,
) -> bool:
    """The place is one of a list: "Almaty, Astana and Oral", "Kazakhstan and Kyrgyzstan"."""

    def joined(a: _Found, b: _Found) -> bool:
        if a.place.kind != b.place.kind:
            return False  # "Kyzylzhar, Aktobe region": the region says where the village is
        gap = starts[b.start] - ends[a.end] - 1  # tokens between the two names
        if gap == 0:
            return tokens[starts[b.start]].boundary_before
        return gap == 1 and tokens[ends[a.end] + 1].fold in index.and_words

    return (n > 0 and joined(found[n - 1], found[n])) or (
        n + 1 < len(found) and joined(found[n], found[n + 1])
    )


def _city_of_district(found: _Found, index: _Index) -> _Found:
    """ "the Medeu district court": a district of Almaty, Astana or Shymkent places it in the city."""
    entry = found.entry
    if entry is None or entry.kind != "district" or not _is_city_district(entry, index):
        return found
    city = index.gazetteer.lookup(entry.region or "", kind="city")
    return found if city is None else _Found(found.start, found.end, city, None)


def _is_home(place: Place) -> bool:
    return place.kind == "country" and place.country == HOME_COUNTRY


def _mention(text: str, found: _Found) -> Mention[Place]:
    return Mention(found.start, found.end, text[found.start : found.end], found.place)
