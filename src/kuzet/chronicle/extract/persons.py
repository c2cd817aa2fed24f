"""Extract the named individuals of an entry, each once, keyed "Surname I.".

Chronicles name people in many shapes: ``Zhaksenov A.``, ``A. Zhaksenov``,
``Oralov K. M.``, ``Kara-Akhmet S.K.``, ``Seitkarim D`` (no period),
``Seitkarim Dauren``, ``Aruzhan Kurmash`` (given name first),
``Baimukhanov Muratbay Alievich`` (with patronymic), ``Zhylkybayev M.’s``
(possessive), in lists (``K. Kulmanova, B. Akhmedov``) and after titles
(``Judge Kemelova B.``). The extractor works in three steps:

1. **Candidates.** Capitalised words and initials are grouped into runs of
   adjacent tokens; each run is parsed left to right into name shapes
   (surname + initials, initials + surname, two or three words, one word).
   Knowledge from ``data/lang/<lang>/persons.yaml`` decides which words can be
   names at all (``not_names``), which word of a pair is the surname (given-name
   lists, surname and patronymic endings), and which following nouns make the
   words name a thing (``Kalashnikov rifles``, ``Abai avenue``).
2. **Persons.** Mentions of the same person (same folded surname, compatible
   initial) are merged; the key is the surname as first written plus the first
   initial found (``Seitkarim Dauren`` then ``Seitkarim D.`` →
   ``Seitkarim D.``).
3. **Roles.** Each mention is scored from cue words in its clause — official
   titles (``judge``, ``Akim of``, ``President of Kazakhstan``), lawyers speaking
   for a client, relatives, slogans, victims of killing, defendants in a
   killing case, verbs of persecution and of speech, the entry's opening slot —
   and a person is ``subject`` when the total is not negative, ``other`` when an
   official title or a negative total says so. See ``docs/persons.md``.

Regular expressions are built once per :class:`Knowledge` through
``knowledge.compiled``; words come from data, structure lives here.

The helpers :func:`split_name` and :func:`name_key` expose the same naming
rules for a single written name (used when linking people across entries).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from functools import lru_cache
from itertools import pairwise
from typing import TYPE_CHECKING, Any

from ..errors import DataFileError
from ..knowledge import Knowledge, data_path, default_knowledge
from ..model import Mention, Person
from .context import Context

if TYPE_CHECKING:
    from ..gazetteer import Gazetteer

__all__ = ["extract", "fold_name", "name_key", "split_name"]

SUBJECT = "subject"
OTHER = "other"

# Opening and closing quotation marks; a straight double quote counts as both.
_OPEN_QUOTES = "“«„‘"
_CLOSE_QUOTES = "”»‛’"
_SLOGAN_MAX_WORDS = 30  # a quotation this short is a slogan or poster, not a report
_WINDOW = 90  # characters of context searched for cue words on each side
_CACHE_LIMIT = 100_000  # per-word caches are cleared past this many words

# A token: a word starting with an upper-case letter (Latin, Latin-1,
# Latin Extended-A, Cyrillic incl. Kazakh letters), hyphenated parts kept,
# with the period that may follow it. The test that no letter or digit precedes it
# comes after its capital ("(?<![^\W_].)"), not before: a pattern that starts with a
# character class lets the engine skip to the next capital, 40% faster.
_TOKEN_RE = re.compile(
    r"(?P<w>[A-ZÀ-ÖØ-ÞĀ-ſА-ЯЁӘҒҚҢӨҰҮҺІ](?<![^\W_].)[^\W\d_]*(?:[-‐][^\W\d_]+)*)(?P<dot>\.)?"
)
_SENTENCE_END_RE = re.compile(r"[.!?;]+(?=[\s\[\]”»\"’)]*(?:$|\s+[^\W\d_“«\"]))")
_WORD_RE = re.compile(r"[^\W\d_]+")
# a past-tense or present verb form inside an "of" phrase: the phrase has ended before it
_VERB_RE = re.compile(r"\b[a-z]{3,}ed\b(?!\s+(?:of|by)\b)")
_COORD_RE = re.compile(r"\s*(?:,\s*)?(?:and|&)\s+")
_COORD_BEFORE_RE = re.compile(r"(?:\s*,\s*(?:and\s+)?|\s+and\s+|\s*&\s*)$")


# --------------------------------------------------------------------------- lexicon


@dataclass(frozen=True, slots=True)
class _Cue:
    """A pattern whose every match starts at one of a few words (``keys``).

    ``re.search`` with a long alternation tries every phrase at every position
    of the window, which dominated the extractor's time; trying the pattern
    only where a key word starts finds the same leftmost match far faster.
    """

    pattern: re.Pattern[str]
    keys: frozenset[str]

    def search(self, text: str, start: int = 0) -> re.Match[str] | None:
        for word, pos in _word_positions(text):
            if pos >= start and word in self.keys:
                m = self.pattern.match(text, pos)
                if m is not None:
                    return m
        return None


@lru_cache(maxsize=4096)
def _word_positions(text: str) -> tuple[tuple[str, int], ...]:
    return tuple((m.group().lower(), m.start()) for m in _WORD_RE.finditer(text))


def _first_words(phrases: Iterable[str]) -> frozenset[str]:
    keys: set[str] = set()
    for phrase in phrases:
        m = _WORD_RE.search(phrase.lower())
        if m:
            keys.update((m.group(), m.group() + "s", m.group() + "es"))  # plurals too
    return frozenset(keys)


@dataclass(frozen=True, slots=True)
class _Lexicon:
    """The language pack's words, folded and compiled for fast lookup."""

    given: dict[str, str]  # folded given name -> "m", "f" or "" (either)
    not_names: frozenset[str]
    thing_nouns: frozenset[str]
    group_nouns: frozenset[str]
    digraphs: frozenset[str]
    male_endings: tuple[str, ...]
    female_endings: tuple[str, ...]
    min_stem: int
    weak_endings: tuple[str, ...]
    weak_min_stem: int
    patronymic_endings: tuple[str, ...]
    officials: dict[str, tuple[str, ...]]  # heads of state: folded surname -> folded given names
    word_surnames: frozenset[str]  # surnames that are also English words ("Ten", "An")
    header_words: frozenset[str]
    attributive: frozenset[str]
    pronouns: dict[str, str]  # pronoun -> "m"/"f"
    title_before: _Cue
    title_after: re.Pattern[str]
    body_before: re.Pattern[str]
    official_titles: frozenset[str]
    ambiguous_titles: frozenset[str]
    descriptor_titles: frozenset[str]
    lawyer_titles: frozenset[str]
    kinship_titles: frozenset[str]
    civil_bodies: re.Pattern[str]
    state_bodies: re.Pattern[str]
    kin_before: _Cue
    kin_after: re.Pattern[str]
    associate_before: re.Pattern[str]
    persecuted_before: _Cue
    persecuted_after: re.Pattern[str]
    term_after: re.Pattern[str]  # " to 4 years" right after a name: that person's sentence
    speaking_before: _Cue
    speaking_after: re.Pattern[str]
    # "told a press conference": a public statement, the entry's own (a relative making it is
    # a subject, as the seed's notes have it); None when the language pack has no such words
    public_speech: re.Pattern[str] | None
    other_before: _Cue
    other_after: re.Pattern[str]
    client_before: _Cue
    supported_before: re.Pattern[str]  # "a picket ... in support of X": the protest's cause
    supported_keys: tuple[str, ...]  # a word each support phrase holds: a cheap test first
    lawyer_acting_after: re.Pattern[str]
    list_gap: re.Pattern[str]  # between two names of one list
    client_after: re.Pattern[str]
    client_mentioned: re.Pattern[str]  # an unnamed client the lawyer may speak for
    victim_before: _Cue
    victim_after: re.Pattern[str]
    trial_before: _Cue
    trial_after: re.Pattern[str]
    trial_any: re.Pattern[str]  # a trial word anywhere in the clause
    harm_case: re.Pattern[str]  # the entry is about torture or a killing
    group_victim: _Cue
    no_stop_before: re.Pattern[str]
    reporting_after: re.Pattern[str]
    derived_endings: tuple[str, ...]
    header_next: re.Pattern[str]
    common_given: frozenset[str]  # folded given names seldom a surname's stem ("Bolat")
    organisation_nouns: frozenset[str]  # "the movement Zhana Dauir": an organisation's name
    title_body_verbs: frozenset[str]  # "the judge of the X court placed <Name>": not the judge
    title_body_objects: frozenset[str]  # "officers of the KNB searched the home of <Name>"
    # Per-word results, filled as words are met: the same names recur in every entry.
    kinds: dict[str, str] = field(default_factory=dict)
    morphs: dict[str, str] = field(default_factory=dict)


def _lexicon(knowledge: Knowledge) -> _Lexicon:
    data = knowledge.lang("persons")  # cached by the knowledge set itself
    return knowledge.compiled("persons:lexicon", lambda: _build_lexicon(data))


def _words(data: dict[str, Any], *path: str) -> list[str]:
    """A list of strings from the data, or a DataFileError naming the key."""
    node: Any = data
    for key in path:
        if not isinstance(node, dict) or key not in node:
            raise _data_error(f"missing key {'.'.join(path)}")
        node = node[key]
    if not isinstance(node, list) or not all(isinstance(x, str) for x in node):
        raise _data_error(f"{'.'.join(path)} must be a list of strings")
    return node


def _data_error(problem: str) -> DataFileError:
    return DataFileError(data_path("lang", "en", "persons.yaml"), None, problem)


def _alternation(phrases: Iterable[str]) -> str:
    """Regex alternation of phrases, longest first, spaces matching any blank run."""
    uniq = sorted({p.strip().lower() for p in phrases if p.strip()}, key=len, reverse=True)
    return "|".join(re.escape(p).replace(r"\ ", r"\s+") for p in uniq)


def _before_re(phrases: Sequence[str], filler: int) -> _Cue:
    """Phrase ending at most ``filler`` words before the end of the window."""
    pattern = re.compile(
        rf"(?:^|(?<=[\W]))(?:{_alternation(phrases)})(?![^\W_])\W*(?:\w+\W+){{0,{filler}}}$",
        re.IGNORECASE,
    )
    return _Cue(pattern, _first_words(phrases))


def _after_re(phrases: Iterable[str], filler: int) -> re.Pattern[str]:
    """Phrase starting at most ``filler`` words after the start of the window."""
    return re.compile(
        rf"^\W*?(?:\w+\W+){{0,{filler}}}?(?<!\w)(?P<cue>{_alternation(phrases)})(?![^\W_])",
        re.IGNORECASE,
    )


def _supported_re(data: dict[str, Any]) -> re.Pattern[str]:
    """ "held a picket outside the court in support of the detained blogger " before a name."""
    protests, words = _words(data, "protests"), _words(data, "words")
    if not protests or not words:
        return re.compile(r"(?!x)x")
    return re.compile(
        # "court No. 2": a dot before a number does not end the clause
        rf"\b(?:{_alternation(protests)})\b(?:[^.;:!?]|\.(?=\s*\d)){{0,60}}?\b(?:{_alternation(words)})"
        rf"\s+(?:[^\W\d_]+\s+){{0,4}}$",
        re.IGNORECASE,
    )


def _term_after_re(data: dict[str, Any]) -> re.Pattern[str]:
    """ "<name> to 4 years", "<name> — 15 days", "<name> to a fine": a penalty right after a name."""
    lead, units = _words(data, "lead"), _words(data, "units")
    if not lead or not units:
        return re.compile(r"(?!x)x")
    number = rf"(?:\d+(?:[.,]\d+)?|{_alternation(_words(data, 'numbers'))})"
    term = rf"{number}[\s-]+(?:{_alternation(units)})"
    if "penalties" in data:  # "his wife Kamila to a fine of 30 MCI", "X — a warning"
        term = rf"(?:{term}|{_alternation(_words(data, 'penalties'))})"
    return re.compile(rf"^\s*,?\s*(?:{_alternation(lead)})\s*{term}\b", re.IGNORECASE)


def _build_lexicon(data: dict[str, Any]) -> _Lexicon:
    given: dict[str, str] = {}
    for sex, key in (("m", "male"), ("f", "female")):
        for name in _words(data, "given_names", key):
            folded = fold_name(name)
            given[folded] = sex if given.get(folded, sex) == sex else ""
    endings = data.get("surname_endings") or {}
    weak = endings.get("weak") or {}
    titles = data.get("titles") or {}
    title_words = [
        t
        for k in ("official", "ambiguous", "descriptor", "lawyer", "kinship")
        for t in _words(titles, k)
    ]
    former = _alternation(_words(titles, "former"))
    title_alt = _alternation(title_words)
    kin = _alternation(_words(titles, "kinship"))
    state_alt = _alternation(_words(data, "bodies", "state"))
    cues = data.get("cues") or {}
    victim_alt = _alternation(_words(cues, "victim_before"))
    return _Lexicon(
        given=given,
        not_names=frozenset(w.lower() for w in _words(data, "not_names")),
        thing_nouns=frozenset(w.lower() for w in _words(data, "thing_nouns")),
        group_nouns=frozenset(w.lower() for w in _words(data, "group_nouns")),
        digraphs=frozenset(_words(data, "initial_digraphs")),
        male_endings=tuple(_words(endings, "male")),
        female_endings=tuple(_words(endings, "female")),
        min_stem=int(endings.get("min_stem", 3)),
        weak_endings=tuple(weak.get("endings") or ()),
        weak_min_stem=int(weak.get("min_stem", 5)),
        patronymic_endings=tuple(_words(data, "patronymic_endings")),
        officials=_officials(_words(data, "public_officials")),
        word_surnames=frozenset(_words(data, "word_surnames")),
        header_words=frozenset(w.lower() for w in _words(data, "header_words")),
        attributive=frozenset(w.lower() for w in _words(data, "attributive_articles")),
        pronouns={
            **{p.lower(): "m" for p in _words(data, "pronouns", "male")},
            **{p.lower(): "f" for p in _words(data, "pronouns", "female")},
        },
        # "... the President of Kazakhstan " / "... police officers " right before a name.
        title_before=_Cue(
            re.compile(
                rf"(?:^|(?<=\W))(?P<former>(?:{former})[\s-]*)?(?P<title>{title_alt})(?:e?s)?\.?"
                # The body after "of" stops at "and": "residents of X and the akim of Y".
                rf"(?P<of>\s+(?:of|in|at|for)\s+(?:(?!\band\b)[^,;:!?]){{1,70}}?)?\s*,?\s*$",
                re.IGNORECASE,
            ),
            _first_words(title_words + _words(titles, "former")),
        ),
        # "the maslikhat secretary X": a state body right before an ambiguous title
        body_before=re.compile(rf"\b(?:{state_alt})\s+$", re.IGNORECASE),
        # ", Deputy Head of the Anti-Corruption Service," right after a name.
        title_after=re.compile(
            rf"^\s*,\s*(?:(?:the|a|an|his|her|their)\s+)?(?P<former>(?:{former})[\s-]*)?"
            rf"(?P<title>{title_alt})(?:e?s)?(?![^\W_])(?P<of>[^,;:!?]{{0,80}})",
            re.IGNORECASE,
        ),
        official_titles=_lowered(_words(titles, "official")),
        ambiguous_titles=_lowered(_words(titles, "ambiguous")),
        descriptor_titles=_lowered(_words(titles, "descriptor")),
        lawyer_titles=_lowered(_words(titles, "lawyer")),
        kinship_titles=_lowered(_words(titles, "kinship")),
        civil_bodies=re.compile(
            rf"\b(?:{_alternation(_words(data, 'bodies', 'civil'))})\b", re.IGNORECASE
        ),
        state_bodies=re.compile(
            rf"\b(?:{_alternation(_words(data, 'bodies', 'state'))})\b", re.IGNORECASE
        ),
        kin_before=_Cue(
            re.compile(
                rf"(?:^|(?<=\W))(?:his|her|their|our|my|the|(?<=[’'])s)\s+(?:{kin})\s*$",
                re.IGNORECASE,
            ),
            _first_words(["his", "her", "their", "our", "my", "the", "’s"]),
        ),
        # ", the wife of ...", ", whose son ...": X is someone's relative
        kin_after=re.compile(
            rf"^\s*,\s*(?:the|his|her|their|a|whose)\s+(?:{kin})\b", re.IGNORECASE
        ),
        # "according to her editor X": someone's associate speaks about that someone
        associate_before=re.compile(
            rf"(?:^|(?<=\W))(?:his|her|their)\s+(?:{_alternation(_words(cues, 'associates'))})\s*$",
            re.IGNORECASE,
        ),
        persecuted_before=_before_re(_words(cues, "persecuted_before"), 3),
        persecuted_after=_after_re(_words(cues, "persecuted_after"), 5),
        term_after=_term_after_re(cues.get("term_after") or {}),
        speaking_before=_before_re(_words(cues, "speaking_before"), 2),
        speaking_after=_after_re(_words(cues, "speaking_after"), 4),
        public_speech=(
            re.compile(
                rf"^\W*(?:\w+\W+){{0,3}}?(?:{_alternation(_words(cues, 'public_speech'))})\b", re.I
            )
            if "public_speech" in cues
            else None
        ),
        other_before=_before_re(_words(cues, "other_before"), 2),
        other_after=_after_re(_words(cues, "other_after"), 0),
        client_before=_before_re(_words(cues, "client_before"), 3),
        client_after=_after_re(_words(cues, "client_after"), 0),
        supported_before=_supported_re(cues.get("supported") or {}),
        supported_keys=tuple(
            max(w.split(), key=len) for w in _words(cues.get("supported") or {}, "words")
        ),
        client_mentioned=re.compile(
            rf"\b(?:{_alternation(_words(cues, 'client_mentioned'))})\b", re.IGNORECASE
        ),
        lawyer_acting_after=_after_re(_words(cues, "lawyer_acting_after"), 2),
        # "A., B. and C.", and a role noun before the next name: "X and his son Y",
        # "the activist X and the blogger Y"
        list_gap=re.compile(
            rf"\s*(?:,\s*(?:and\s+)?|and\s+|&\s+)"
            rf"(?:(?:the|his|her|their)\s+(?:(?:{former})[\s-]*)?(?:{title_alt})\s+)?",
            re.IGNORECASE,
        ),
        victim_before=_before_re(_words(cues, "victim_before"), 2),
        victim_after=_after_re(_words(cues, "victim_after"), 2),
        trial_before=_before_re(_words(cues, "trial_before"), 4),
        trial_after=_after_re(_words(cues, "trial_after"), 3),
        trial_any=re.compile(
            rf"\b(?:{_alternation(_words(cues, 'trial_before') + _words(cues, 'trial_after'))})\b",
            re.IGNORECASE,
        ),
        harm_case=re.compile(rf"\b(?:{_alternation(_words(cues, 'harm_case'))})\b", re.IGNORECASE),
        no_stop_before=re.compile(
            rf"(?:^|(?<=[\s.]))(?:[^\W\d_]|{_alternation(_words(data, 'initial_digraphs') + _words(data, 'abbreviations'))})$",
            re.IGNORECASE,
        ),
        reporting_after=_after_re(_words(cues, "reporting_after"), 2),
        derived_endings=tuple(_words(data, "surname_endings", "derived")),
        common_given=_common_given(data),
        organisation_nouns=_optional_words(data, "organisation_nouns"),
        title_body_verbs=_optional_words(data, "title_body_stop"),
        title_body_objects=_optional_words(data, "title_body_object"),
        header_next=re.compile(
            rf"\s*(?:[:;]|,\s*(?:(?:an?|the)\s+)?(?:{_alternation(_words(data, 'header_next') + title_words)})(?![^\W_]))",
            re.IGNORECASE,
        ),
        group_victim=_Cue(
            re.compile(
                rf"(?:{victim_alt})\s+(?:the\s+)?[^\W\d_]+\s+(?:{_alternation(_words(data, 'group_nouns'))})\b",
                re.IGNORECASE,
            ),
            _first_words(_words(cues, "victim_before")),
        ),
    )


def _optional_words(data: dict[str, Any], key: str) -> frozenset[str]:
    """A lower-cased word list that a language pack may leave out."""
    return frozenset(w.lower() for w in _words(data, key)) if key in data else frozenset()


def _common_given(data: dict[str, Any]) -> frozenset[str]:
    """``given_names.common``, folded; optional: without it the surname-first default holds."""
    if "common" not in data["given_names"]:
        return frozenset()
    return frozenset(fold_name(w) for w in _words(data, "given_names", "common"))


def _officials(written: list[str]) -> dict[str, tuple[str, ...]]:
    """Folded surname -> the folded given names it is listed with ("Tokayev Kassym-Jomart")."""
    out: dict[str, tuple[str, ...]] = {}
    for name in written:
        surname, _, given = name.partition(" ")
        out[fold_name(surname)] = (*out.get(fold_name(surname), ()), fold_name(given))
    return out


def _lowered(words: Sequence[str]) -> frozenset[str]:
    return frozenset(" ".join(w.lower().split()) for w in words)


# --------------------------------------------------------------------------- folding


_FOLDS = (
    ("dzh", "j"),
    ("zh", "j"),
    ("kh", "h"),
    ("yev", "ev"),
    ("iev", "ev"),
    ("ye", "e"),
    ("yu", "iu"),
    ("ya", "ia"),
    ("y", "i"),
    ("q", "k"),
    ("gh", "g"),
    ("w", "v"),
)
_DOUBLE_RE = re.compile(r"(.)\1")


@lru_cache(maxsize=65536)
def fold_name(word: str) -> str:
    """Fold a name for comparison: lower case, ASCII, transliteration variants merged.

    ``Zhylkybayev`` and ``Zhylkybaev``, ``Yerlan`` and ``Erlan``, ``Aygerim`` and
    ``Aigerim`` fold alike.
    """
    text = unicodedata.normalize("NFKD", word).encode("ascii", "ignore").decode().lower()
    text = re.sub(r"[^a-z]", "", text)
    for a, b in _FOLDS:
        text = text.replace(a, b)
    return _DOUBLE_RE.sub(r"\1", text)


# --------------------------------------------------------------------------- tokens


@dataclass(frozen=True, slots=True)
class _Tok:
    start: int
    end: int  # after the period, if any
    word: str
    dot: bool
    kind: str  # "N" name-capable word, "I" initial, "X" capitalised non-name


def _tokens(text: str, lex: _Lexicon) -> list[_Tok]:
    out: list[_Tok] = []
    for m in _TOKEN_RE.finditer(text):
        word, dot = m.group("w"), m.group("dot") is not None
        out.append(_Tok(m.start(), m.end(), word, dot, _kind(word, lex)))
    return out


def _kind(word: str, lex: _Lexicon) -> str:
    kind = lex.kinds.get(word)
    if kind is None:
        if len(lex.kinds) > _CACHE_LIMIT:
            lex.kinds.clear()
        kind = lex.kinds[word] = _classify(word, lex)
    return kind


def _classify(word: str, lex: _Lexicon) -> str:
    """ "I" initial, "N" a word that may be a name, "X" a capitalised non-name."""
    if (len(word) == 1 and word.isupper()) or word in lex.digraphs:
        return "I"
    parts = word.split("-")
    if len(word) < 2 or not all(p[:1].isupper() or p.islower() for p in parts):
        return "X"
    if not all(p[1:].islower() for p in parts if len(p) > 1):
        if len(word) >= 4 and word.isupper() and word.lower() not in lex.not_names:
            return "U"  # "ZHAKSENOV A.": a surname in capitals, only before an initial
        return "X"  # "KazMunayGas", "DCK", "NeMolchy"
    if word.lower() in lex.not_names and word in lex.word_surnames:
        return "W"  # "Ten": a surname next to a name, else the number word
    if word.lower() in lex.not_names or (parts[0].lower() in lex.not_names and len(parts) > 1):
        return "X"
    return "N"


def _word_surnames(run: list[_Tok], lex: _Lexicon) -> list[_Tok]:
    """Decide each "W" token of a run: a surname ("N") right before an initial or a known
    given name ("Ten Vladislav", "Ten A.") or right after a given name ("Vladislav
    Ten"); otherwise the English word ("X": "Ten activists")."""
    out = []
    for i, tok in enumerate(run):
        if tok.kind == "W":
            nxt = run[i + 1] if i + 1 < len(run) and not tok.dot else None
            prev = run[i - 1] if i > 0 and not run[i - 1].dot else None
            named = (nxt is not None and (nxt.kind == "I" or _given_token(nxt, lex))) or (
                prev is not None and _given_token(prev, lex)
            )
            tok = _Tok(tok.start, tok.end, tok.word, tok.dot, "N" if named else "X")
        out.append(tok)
    return out


def _given_token(tok: _Tok, lex: _Lexicon) -> bool:
    return tok.kind == "N" and _is_given(tok.word, lex)


def _runs(tokens: list[_Tok], text: str) -> list[list[_Tok]]:
    """Adjacent capitalised tokens separated by one blank (or nothing, for "S.K.")."""
    runs: list[list[_Tok]] = []
    cur: list[_Tok] = []
    for tok in tokens:
        if cur:
            prev = cur[-1]
            gap = text[prev.end : tok.start]
            joined = gap in ("", " ", "\u00a0") and not (prev.dot and prev.kind != "I")
            if gap == "" and not prev.dot:
                joined = False
            if not joined:
                runs.append(cur)
                cur = []
        cur.append(tok)
    if cur:
        runs.append(cur)
    return runs


# --------------------------------------------------------------------------- candidates


@dataclass(frozen=True, slots=True)
class _Cand:
    start: int
    end: int
    surname: str
    initial: str  # first initial as written ("A", "Zh"), "" when none
    given: str = ""  # the given name when written in full
    lone_given: bool = False  # only a given name is written ("Valentina")


def _is_given(word: str, lex: _Lexicon) -> bool:
    return fold_name(word) in lex.given


def _morph(word: str, lex: _Lexicon) -> str:
    """'m' / 'f' when the word ends like a surname, else ''."""
    sex = lex.morphs.get(word)
    if sex is None:
        if len(lex.morphs) > _CACHE_LIMIT:
            lex.morphs.clear()
        sex = lex.morphs[word] = _surname_ending(word, lex)
    return sex


def _surname_ending(word: str, lex: _Lexicon) -> str:
    low = word.lower().split("-")[-1]
    for ending in lex.female_endings:
        if low.endswith(ending) and len(low) - len(ending) >= lex.min_stem:
            return "f"
    for ending in lex.male_endings:
        if low.endswith(ending) and len(low) - len(ending) >= lex.min_stem:
            return "m"
    for ending in lex.weak_endings:
        if low.endswith(ending) and len(low) - len(ending) >= lex.weak_min_stem:
            return "m"
    return ""


def _weak_only(word: str, lex: _Lexicon) -> bool:
    """Whether the word ends like a surname only by a weak ending ("-in", "-yn")."""
    low = word.lower().split("-")[-1]
    strong = (*lex.female_endings, *lex.male_endings)
    return not any(low.endswith(e) and len(low) - len(e) >= lex.min_stem for e in strong)


def _is_patronymic(word: str, lex: _Lexicon) -> bool:
    low = word.lower()
    return any(low.endswith(e) and len(low) > len(e) + 2 for e in lex.patronymic_endings)


def _initials(run: list[_Tok], i: int, text: str) -> int:
    """How many initial tokens start at ``run[i]`` (dotted, or one bare initial at the end)."""
    n = 0
    while i + n < len(run) and run[i + n].kind == "I":
        tok = run[i + n]
        if not tok.dot:
            # A bare initial ("Seitkarim D") ends the name: nothing may follow it but
            # punctuation, a footnote or a lower-case word.
            nxt = text[tok.end : tok.end + 2]
            if i + n + 1 < len(run) or (nxt and not re.match(r"[\s,;:)\[\]]|$", nxt)):
                break
            if nxt.startswith(" ") and text[tok.end + 1 : tok.end + 2].isupper():
                break
            n += 1
            break
        n += 1
    return n


def _parse_run(run: list[_Tok], text: str, lex: _Lexicon, ctx: _EntryInfo) -> list[_Cand]:
    """Name shapes in one run of capitalised tokens, left to right."""
    out: list[_Cand] = []
    i = 0
    while i < len(run):
        tok = run[i]
        if tok.kind in "NU":
            n_init = _initials(run, i + 1, text)
            if n_init and (tok.kind == "N" or run[i + n_init].dot):
                last = run[i + n_init]
                surname = tok.word if tok.kind == "N" else _title_case(tok.word)
                cand = _Cand(tok.start, last.end, surname, run[i + 1].word)
                if not _blocked(cand, text, lex, ctx, followed=False):
                    out.append(cand)
                i += 1 + n_init
                continue
            if tok.kind == "U":
                i += 1
                continue
            words = _word_group(run, i, lex)
            if len(words) >= 2 and not (
                i + len(words) < len(run) and run[i + len(words)].kind == "I"
            ):
                judged = _judge_words(words, run, i, text, lex, ctx)
                if judged is not None:
                    out.append(judged)
                    i += len(words)
                    continue
            single = _single(run, i, text, lex, ctx)
            if single is not None:
                out.append(single)
            i += 1
            continue
        if tok.kind == "I":
            n_init = _initials(run, i, text)
            j = i + n_init
            if (
                n_init
                and all(run[k].dot for k in range(i, j))
                and j < len(run)
                and run[j].kind == "N"
            ):
                sur = run[j]
                end = sur.end - 1 if sur.dot else sur.end
                cand = _Cand(tok.start, end, sur.word, tok.word)
                if not _blocked(cand, text, lex, ctx, followed=j + 1 < len(run) and not sur.dot):
                    out.append(cand)
                i = j + 1
                continue
            i += max(n_init, 1)
            continue
        i += 1
    return out


def _title_case(word: str) -> str:
    return "-".join(part[:1] + part[1:].lower() for part in word.split("-"))


def _word_group(run: list[_Tok], i: int, lex: _Lexicon) -> list[_Tok]:
    """Up to three name-capable words from ``run[i]``; a third only when it is a patronymic."""
    words = [run[i]]
    for k in (i + 1, i + 2):
        if k >= len(run) or run[k].kind != "N" or run[k - 1].dot:
            break
        if len(words) == 2 and not any(_is_patronymic(t.word, lex) for t in (words[1], run[k])):
            break
        words.append(run[k])
    return words


def _judge_words(
    words: list[_Tok], run: list[_Tok], i: int, text: str, lex: _Lexicon, ctx: _EntryInfo
) -> _Cand | None:
    """A two- or three-word name ("Tarasenko Vladimir", "Aruzhan Kurmash"), or None."""
    names = [t for t in words if not _is_patronymic(t.word, lex)]
    if len(names) != 2:
        return None
    a, b = names[0].word, names[1].word
    ga, gb = _is_given(a, lex), _is_given(b, lex)
    ma, mb = bool(_morph(a, lex)), bool(_morph(b, lex))
    start, last = words[0].start, words[-1]
    end = last.end - 1 if last.dot else last.end
    followed = i + len(words) < len(run)
    if ctx.sentence_start(start) and not (ga or ma):
        return None  # a capitalised English word may start the sentence ("Later Smagulova")
    if not (ga or gb or ma or mb or ctx.person_context(start, end) or ctx.coordinated(start)):
        return None
    sur, giv = (a, b) if _surname_first(a, b, lex) else (b, a)
    cand = _Cand(start, end, sur, giv[0], given=giv)
    return None if _blocked(cand, text, lex, ctx, followed=followed) else cand


def _surname_first(a: str, b: str, lex: _Lexicon) -> bool:
    """Whether ``a`` is the surname of the pair ``a b``.

    A word with a surname ending that is not a known given name wins; then a
    word that is not a known given name; then, between two given names, a
    woman's given name is not the surname (her surname comes from a man's
    name), a frequent given name (``given_names.common``) is not the surname, and
    a name ending like a father's-name surname ("-bek") is; else the chronicles'
    usual surname-first order.
    """
    ga, gb = _is_given(a, lex), _is_given(b, lex)
    sa, sb = bool(_morph(a, lex)) and not ga, bool(_morph(b, lex)) and not gb
    if sa != sb:
        return sa
    if sa and sb:  # "Serikbolsyn Tokhtarov": a full ending (-ov) beats a weak one (-yn)
        wa, wb = _weak_only(a, lex), _weak_only(b, lex)
        if wa != wb:
            return wb
    if ga != gb:
        return gb
    xa, xb = lex.given.get(fold_name(a), ""), lex.given.get(fold_name(b), "")
    if {xa, xb} == {"m", "f"}:
        return xa == "m"
    # "Bolat Sagyndyk", "Seitkali Aibek": a frequent given name beside a rarer one that
    # is also an ancestor's name (the stem of a suffixless Kazakh surname) is the given name
    ca, cb = fold_name(a) in lex.common_given, fold_name(b) in lex.common_given
    if ca != cb:
        return cb
    da = a.lower().endswith(lex.derived_endings)
    db = b.lower().endswith(lex.derived_endings)
    if da != db:
        return da
    return True


def _single(run: list[_Tok], i: int, text: str, lex: _Lexicon, ctx: _EntryInfo) -> _Cand | None:
    """A name written as one word: a known surname alone, or a given name in context."""
    tok = run[i]
    end = tok.end - 1 if tok.dot else tok.end
    followed = i + 1 < len(run) and not tok.dot
    cand = _Cand(tok.start, end, tok.word, "")
    if _blocked(cand, text, lex, ctx, followed=followed):
        return None
    return cand  # kept provisionally; _keep_singles decides with the whole entry in view


def _blocked(cand: _Cand, text: str, lex: _Lexicon, ctx: _EntryInfo, *, followed: bool) -> bool:
    """True when the words name a thing, a place, a title in quotes, or run into more capitals."""
    ends_with_initial = text[cand.end - 1 : cand.end] == "." and not cand.given
    if followed and not ends_with_initial:
        return True  # "Adil Soz Legal Review", "Nazarbayev University"
    nxt = _WORD_RE.match(text, _skip_blank(text, cand.end))
    if (
        nxt
        and nxt.group().lower() in lex.thing_nouns
        and text[cand.end : nxt.start()].strip() == ""
    ):
        return True
    if (
        not ends_with_initial
        and not _morph(cand.surname, lex)
        and (
            _after_organisation_noun(cand.start, text, lex)
            or _before_organisation_noun(cand.start, cand.end, text, lex)
        )
    ):
        return True  # "the monitoring group Erkin Alan" names the group; "... Aidos Nurov" a man
    if not ends_with_initial and _quote_adjacent(cand, text):
        # “Adal Azamat”, «Shyndyk»: names of things, unless a title or kinship word
        # says a person is meant ("our son Grigory”).
        title = lex.title_before.search(text[max(0, cand.start - 40) : cand.start])
        if not title or title.group("of"):
            return True
    if not ends_with_initial and ctx.is_place_name(text[cand.start : cand.end]):
        return (
            True  # "Otegen Batyr", "Satpayev", "Kurchatov": places, when no initial says otherwise
        )
    return ctx.in_place(cand.start, cand.end)


# a lower-case noun, or an acronym ("the NGO Adilet Zholy")
_WORD_BEFORE = re.compile(r"(?<![\w-])([a-z]+|[A-Z]{2,6}s?) $")
# "the Adilet Zholy monitoring group": up to three lower-case words, then the noun
_WORDS_AFTER = re.compile(r" ((?:[a-z][\w-]* ){0,3})([a-z]+)\b")
_THE_BEFORE = re.compile(r"(?<![\w-])the $", re.IGNORECASE)


def _after_organisation_noun(start: int, text: str, lex: _Lexicon) -> bool:
    """A lower-case organisation noun (or an acronym of one) and one space right before ``start``."""
    m = _WORD_BEFORE.search(text, max(0, start - 16), start)
    return m is not None and m.group(1).lower() in lex.organisation_nouns


def _before_organisation_noun(start: int, end: int, text: str, lex: _Lexicon) -> bool:
    """ "the <Name> [lower-case words] <organisation noun>": the words name the organisation."""
    if not _THE_BEFORE.search(text, max(0, start - 4), start):
        return False
    m = _WORDS_AFTER.match(text, end)
    if m is None:
        return False
    words = [*m.group(1).split(), m.group(2)]
    return any(w in lex.organisation_nouns for w in words)


def _quote_adjacent(cand: _Cand, text: str) -> bool:
    before = text[cand.start - 1 : cand.start] if cand.start else ""
    after = text[cand.end : cand.end + 2]
    if after[:1] in "’'" and after[1:] == "s":
        after = ""  # a possessive, not a closing quote
    return bool(before and before in _OPEN_QUOTES + '"') or bool(
        after and after[0] in _CLOSE_QUOTES + '"'
    )


def _skip_blank(text: str, pos: int) -> int:
    while pos < len(text) and text[pos] in " \u00a0":
        pos += 1
    return pos


# --------------------------------------------------------------------------- entry info


@dataclass
class _EntryInfo:
    """Facts about the entry that several steps consult (sentence starts, quotes, place)."""

    text: str
    lex: _Lexicon
    place_span: tuple[int, int] | None
    sentence_starts: list[int] = field(default_factory=list)
    quotes: list[tuple[int, int, int]] = field(default_factory=list)  # start, end, words
    name_ends: set[int] = field(default_factory=set)  # ends of names found so far
    gazetteer: Gazetteer | None = None

    def sentence_start(self, pos: int) -> bool:
        before = self.text[:pos].rstrip(' \u00a0“«"‘(')
        if not before:
            return True
        return pos in self.sentence_starts or before[-1] in "!?"

    def sentence_bounds(self, start: int, end: int) -> tuple[int, int]:
        lo = max((s for s in self.sentence_starts if s <= start), default=0)
        hi = min((s for s in self.sentence_starts if s > end), default=len(self.text))
        return lo, hi

    def person_context(self, start: int, end: int) -> bool:
        """A title or description right before, or the entry's opening slot.

        The opening slot counts only in the header form ("Date, Place, Name,
        Article ..." or "Name, an activist, ..."), so that an unknown pair of
        words opening an entry ("June 3, Almaty, Erkindik Qanaty published") is
        not taken for a name.
        """
        before = self.text[max(0, start - _WINDOW) : start]
        m = self.lex.title_before.search(before)
        if m and not m.group("of"):
            return True
        if not self.lex.header_next.match(self.text, end):
            return False
        return _header_slot(self.text, start, self.lex, self.place_span)

    def coordinated(self, pos: int) -> bool:
        """The words follow a name in a list: "Alnar Kussainov, ... and Inga Tulepbai"."""
        m = _COORD_BEFORE_RE.search(self.text, max(0, pos - 8), pos)
        return m is not None and m.start() in self.name_ends

    def is_place_name(self, name: str) -> bool:
        return self.gazetteer is not None and bool(self.gazetteer.candidates(name))

    def in_place(self, start: int, end: int) -> bool:
        return (
            self.place_span is not None and start < self.place_span[1] and self.place_span[0] < end
        )

    def quote_at(self, pos: int) -> tuple[int, int, int] | None:
        for q in self.quotes:
            if q[0] <= pos < q[1]:
                return q
        return None


def _sentence_starts(text: str, lex: _Lexicon) -> list[int]:
    starts = []
    for m in _SENTENCE_END_RE.finditer(text):
        # A period after an initial ("A. Zhaksenov") or an abbreviation ("Mr.") does
        # not end the sentence.
        if m.group().startswith(".") and lex.no_stop_before.search(
            text, max(0, m.start() - 6), m.start()
        ):
            continue
        starts.append(_skip_blank(text, m.end()))
    return starts


_QUOTE_CHAR_RE = re.compile(r"[“«„”»\"]")


def _quote_spans(text: str) -> list[tuple[int, int, int]]:
    """Quoted stretches (start, end, word count); an unclosed quote runs to the end."""
    spans: list[tuple[int, int, int]] = []
    open_at: int | None = None
    for m in _QUOTE_CHAR_RE.finditer(text):
        ch, pos = m.group(), m.start()
        if open_at is None:
            if ch in '“«„"':
                open_at = pos
        elif ch in '”»"':
            spans.append((open_at, pos + 1, len(text[open_at:pos].split())))
            open_at = None
    if open_at is not None:
        spans.append((open_at, len(text), len(text[open_at:].split())))
    return spans


def _header_slot(text: str, pos: int, lex: _Lexicon, place_span: tuple[int, int] | None) -> bool:
    """The name stands in the opening "Date, Place, Name, ..." slot of the entry."""
    prefix = text[:pos]
    if place_span is not None and place_span[1] <= pos:
        between = text[place_span[1] : pos]
        if re.fullmatch(r"[\s,]*(?:[a-z]+\s+){0,2}", between) and _descriptor_only(between, lex):
            return True
    segments = prefix.split(",")
    if not 2 <= len(segments) <= 6 or not re.search(r"\d", segments[0]):
        return False
    for seg in segments[1:-1]:
        words = _WORD_RE.findall(seg)
        if not words or len(words) > 5:
            return False
        if any(w.islower() and w not in lex.header_words for w in words):
            return False
    return _descriptor_only(segments[-1], lex)


def _descriptor_only(segment: str, lex: _Lexicon) -> bool:
    words = segment.strip(" ,").lower()
    if not words:
        return True
    words = re.sub(r"^(?:an?|the)\s+", "", words)
    return " ".join(words.split()) in lex.descriptor_titles


# --------------------------------------------------------------------------- persons


@dataclass
class _Found:
    """One person of the entry, with every mention of them."""

    surname: str
    initial: str
    given: str
    mentions: list[_Cand]
    lone_given: bool = False

    @property
    def key(self) -> str:
        if self.lone_given:
            return self.surname
        return _key(self.surname, self.initial, self.given)

    def matches(self, cand: _Cand) -> bool:
        if self.lone_given or cand.lone_given:
            return False
        if fold_name(self.surname) != fold_name(cand.surname):
            return False
        if not self.initial or not cand.initial:
            return True
        return bool(_initial_classes(self.initial) & _initial_classes(cand.initial))


def _initial_classes(initial: str) -> frozenset[str]:
    """What an initial or given name is compared by: its first letter and the first
    letter of its folded form ("Zh." and "Zhanar" -> {"z", "j"}; "Z." -> {"z"};
    "Yerlan" -> {"i", "e"}), so a two-letter initial meets the name it stands for."""
    return frozenset(x for x in (fold_name(initial[:1]), fold_name(initial)[:1]) if x)


def _group(cands: list[_Cand]) -> list[_Found]:
    found: list[_Found] = []
    for cand in cands:
        hit = next((f for f in found if f.matches(cand)), None)
        if hit is None:
            found.append(_Found(cand.surname, cand.initial, cand.given, [cand], cand.lone_given))
        else:
            hit.mentions.append(cand)
            if not hit.initial and cand.initial:
                hit.initial = cand.initial
                hit.given = hit.given or cand.given
    return found


def _keep_singles(cands: list[_Cand], text: str, lex: _Lexicon, info: _EntryInfo) -> list[_Cand]:
    """Decide one-word candidates now that the entry's full names are known."""
    full = [c for c in cands if c.initial]
    surnames = {fold_name(c.surname) for c in full}
    kept: list[_Cand] = []
    for n, cand in enumerate(cands):
        if cand.initial:
            kept.append(cand)
            continue
        word = cand.surname
        folded = fold_name(word)
        if folded in surnames or folded in lex.officials:
            kept.append(cand)  # "Abenov" after "Abenov K."; "President Tokayev"
        elif _is_given(word, lex):
            following = cands[n + 1] if n + 1 < len(cands) else None
            if _lone_given_context(cand, kept, following, text, lex):
                kept.append(_Cand(cand.start, cand.end, word, "", given=word, lone_given=True))
        elif (
            _morph(word, lex) and (not info.sentence_start(cand.start) or not _weak_only(word, lex))
        ) or _title_right_before(cand.start, text, lex):
            # A surname alone: by its ending (at a sentence start only a full one, -ov or
            # -eva: English openers end in "-in" at most), or after a title ("Judge
            # Kemelova", "Mr. Amanov").
            kept.append(cand)
    return kept


def _title_right_before(pos: int, text: str, lex: _Lexicon) -> bool:
    m = lex.title_before.search(text[max(0, pos - _WINDOW) : pos])
    return bool(m and not m.group("of") and m.group("title").lower() not in lex.kinship_titles)


def _lone_given_context(
    cand: _Cand, kept: list[_Cand], following: _Cand | None, text: str, lex: _Lexicon
) -> bool:
    """A given name alone names a person after a kinship word ("our son Grigory") or
    next to a full name in a pair ("Tarasenko Vladimir and Valentina", "Aliya and
    Timur Sadykov")."""
    if lex.kin_before.search(text[max(0, cand.start - 40) : cand.start]):
        return True
    if kept and kept[-1].given and _COORD_RE.fullmatch(text[kept[-1].end : cand.start]):
        return True
    return (
        following is not None
        and bool(following.given)
        and following.start > cand.end
        and _COORD_RE.fullmatch(text[cand.end : following.start]) is not None
    )


# --------------------------------------------------------------------------- roles


@dataclass(frozen=True, slots=True)
class _Evidence:
    official: bool = False
    victim: bool = False
    score: int = 0
    acting_lawyer: bool = False
    partners: frozenset[int] = frozenset()  # persons named in one list with this one
    reporting_lawyer: bool = False  # a lawyer speaking ("lawyer X said")
    lawyer: bool = False
    client: bool = False


def _role_evidence(
    found: list[_Found], text: str, lex: _Lexicon, info: _EntryInfo
) -> dict[int, _Evidence]:
    """Evidence per person (index into ``found``)."""
    order = sorted(
        ((m, idx) for idx, f in enumerate(found) for m in f.mentions), key=lambda x: x[0].start
    )
    groups = _list_groups(order, text, lex)
    spans = [(m.start, m.end) for m, _ in order]
    windows = [_windows(m, groups, spans, text, info) for m, _ in order]
    victims = {idx for (m, idx), w in zip(order, windows, strict=True) if _victim_cue(m, w, lex, info)}
    victim_mode = bool(victims) or bool(lex.group_victim.search(_unquoted(text, info)))
    evidence: dict[int, _Evidence] = {}
    for (mention, idx), w in zip(order, windows, strict=True):
        ev = evidence.get(idx, _Evidence())
        got = _mention_score(mention, w, groups, text, lex, info, victim_mode, idx in victims)
        evidence[idx] = _Evidence(
            ev.official or got.official,
            ev.victim or idx in victims,
            ev.score + got.score,
            ev.acting_lawyer or got.acting_lawyer,
            reporting_lawyer=ev.reporting_lawyer or got.reporting_lawyer,
            lawyer=ev.lawyer or got.lawyer,
            client=ev.client or got.client,
        )
    for idx, f in enumerate(found):
        ev = evidence.get(idx, _Evidence())
        if _head_of_state(f, lex):
            ev = replace(ev, official=True)
        if ev.acting_lawyer:
            lists = {groups.get(m.start) for m in f.mentions} - {None}
            partners = frozenset(o for m, o in order if o != idx and groups.get(m.start) in lists)
            ev = replace(ev, partners=partners)
        evidence[idx] = ev
    return evidence


def _head_of_state(person: _Found, lex: _Lexicon) -> bool:
    """The surname of a listed head of state, and no given name or initial that differs
    ("Zhaparov Samat" the activist is not "Zhaparov Sadyr" the president)."""
    given_names = lex.officials.get(fold_name(person.surname))
    if given_names is None or person.lone_given:
        return False
    if person.given:
        return fold_name(person.given) in given_names
    return not person.initial or any(
        _initial_classes(person.initial) & _initial_classes(g) for g in given_names
    )


def _unquoted(text: str, info: _EntryInfo) -> str:
    out, pos = [], 0
    for start, end, _ in info.quotes:
        out.append(text[pos:start])
        pos = end
    out.append(text[pos:])
    return " ".join(out)


def _list_groups(
    order: list[tuple[_Cand, int]], text: str, lex: _Lexicon
) -> dict[int, tuple[int, int]]:
    """Mention start -> (first start, last end) of the list it belongs to ("A., B. and C.",
    "A. and his son B.")."""
    spans: dict[int, tuple[int, int]] = {}
    members: list[_Cand] = []
    for mention, _ in order:
        if members and lex.list_gap.fullmatch(text, members[-1].end, mention.start):
            members.append(mention)
            continue
        _close_group(members, spans)
        members = [mention]
    _close_group(members, spans)
    return spans


def _close_group(members: list[_Cand], spans: dict[int, tuple[int, int]]) -> None:
    if members:
        span = (members[0].start, members[-1].end)
        for m in members:
            spans[m.start] = span


@dataclass(frozen=True, slots=True)
class _Windows:
    """Clause text around a mention: around its whole list, and around itself alone."""

    before: str
    after: str
    own_before: str
    own_after: str
    far_after: str  # the clause after the list, not clipped at the next name


def _windows(
    m: _Cand,
    groups: dict[int, tuple[int, int]],
    spans: list[tuple[int, int]],
    text: str,
    info: _EntryInfo,
) -> _Windows:
    """Windows clipped to the sentence, to _WINDOW characters and to neighbouring names.

    Clipping at neighbouring names keeps one person's title ("the President of
    Russia X") from being read as another's.
    """
    g_start, g_end = groups.get(m.start, (m.start, m.end))
    lo, hi = info.sentence_bounds(g_start, g_end)
    prev_end = max((e for s, e in spans if e <= m.start), default=0)
    next_start = min((s for s, e in spans if s >= m.end), default=len(text))
    g_prev = max((e for s, e in spans if e <= g_start), default=0)
    g_next = min((s for s, e in spans if s >= g_end), default=len(text))
    return _Windows(
        before=text[max(lo, g_prev, g_start - _WINDOW) : g_start],
        after=text[g_end : min(hi, g_next, g_end + _WINDOW)],
        own_before=text[max(lo, prev_end, m.start - _WINDOW) : m.start],
        own_after=text[m.end : min(hi, next_start, m.end + _WINDOW)],
        far_after=text[g_end : min(hi, g_end + 2 * _WINDOW)],
    )


def _victim_cue(m: _Cand, w: _Windows, lex: _Lexicon, info: _EntryInfo) -> bool:
    if info.quote_at(m.start):
        return False
    return bool(
        lex.victim_before.search(w.before)
        or lex.victim_after.search(w.own_after)
        or lex.victim_after.search(w.after)
    )


def _title_before(window: str, lex: _Lexicon) -> re.Match[str] | None:
    """The title that describes the name right after ``window``.

    In "the lawyers of activist <Name>" the name is the activist, not the
    lawyer: when the "of" phrase itself ends in a title and no comma sets the
    name apart, that inner title is the name's. With a comma ("the wife of the
    detained activist, <Name>") the outer title is.
    """
    match = lex.title_before.search(window)
    if match is None or not match.group("of") or window.rstrip().endswith(","):
        return match
    words = match.group("of").lower().split()
    if words[-1] in lex.title_body_verbs:
        return None  # "the judge of the district court placed <Name>": the court acts on him
    if any(
        w in lex.title_body_verbs and nxt in lex.title_body_objects for w, nxt in pairwise(words)
    ):
        return None  # "officers of the KNB searched the home of <Name>": the verb has its object
    inner = lex.title_before.search(window, match.start("of") + 1)
    if inner is not None and inner.group("of") and _VERB_RE.search(match.group("of")):
        # "guards of a shopping centre pushed the journalist of the portal X": a verb in
        # the outer "of" phrase ends it; the title nearest the name is the name's
        return _title_before(window[inner.start() :], lex) or inner
    return inner if inner is not None and not inner.group("of") else match


def _former_official(match: re.Match[str] | None, lex: _Lexicon) -> bool:
    """ "the former police officer", "the former head of the investigation department"."""
    if match is None or not match.group("former"):
        return False
    title = " ".join(match.group("title").lower().split())
    if title in lex.official_titles:
        return True
    if title not in lex.ambiguous_titles:
        return False
    body = match.group("of") or ""
    state = bool(lex.state_bodies.search(body) and not lex.civil_bodies.search(body))
    return state or _body_right_before(match, lex)


def _body_right_before(match: re.Match[str], lex: _Lexicon) -> bool:
    """A state body named right before the title: "the akimat spokesman", "police chief"."""
    start = match.start("title")
    body = lex.body_before.search(match.string, max(0, start - 40), start)
    if body is None:
        return False
    # "the strike committee member X": a civil word before the body makes it civil
    return lex.civil_bodies.search(match.string, max(0, body.start() - 20), body.end()) is None


def _title_role(match: re.Match[str] | None, lex: _Lexicon) -> str:
    """ "official", "lawyer", "kin", "descriptor" or "" for a matched title."""
    if match is None:
        return ""
    title = " ".join(match.group("title").lower().split())
    if match.group("former"):
        return "descriptor"
    if title in lex.official_titles:
        return "official"
    if title in lex.kinship_titles:
        return "kin"
    if title in lex.lawyer_titles:
        return "lawyer"
    if title in lex.ambiguous_titles:
        if _body_right_before(match, lex):
            return "official"  # "the akimat spokesman X"
        body = match.group("of") or ""
        if body and not lex.civil_bodies.search(body) and lex.state_bodies.search(body):
            return "official"
        return "descriptor" if title in lex.descriptor_titles else ""
    return "descriptor" if title in lex.descriptor_titles else ""


@dataclass(frozen=True, slots=True)
class _Score:
    """What one mention says about its person."""

    official: bool = False
    score: int = 0
    acting_lawyer: bool = False  # a lawyer filing or speaking, not persecuted
    reporting_lawyer: bool = False  # a lawyer speaking: for a client, if the entry names one
    lawyer: bool = False  # named with a lawyer's title
    client: bool = False  # named as someone's client ("her client X")


def _mention_score(
    m: _Cand,
    w: _Windows,
    groups: dict[int, tuple[int, int]],
    text: str,
    lex: _Lexicon,
    info: _EntryInfo,
    victim_mode: bool,
    is_victim: bool,
) -> _Score:
    """Official?, score (positive favours "subject") and acting lawyer? for one mention."""
    before, after, own_before, own_after = w.before, w.after, w.own_before, w.own_after
    title = _title_before(before, lex)
    apposition = lex.title_after.match(own_after)
    if apposition is not None and before == own_before and _plural_title(apposition):
        apposition = None  # "according to X, police officers visited ...": a new clause
    roles = {_title_role(title, lex), _title_role(apposition, lex)}
    if before != own_before:  # a list: the title before its first name applies to all
        roles.add(_title_role(_title_before(own_before, lex), lex))
    if after != own_after:
        roles.add(_title_role(lex.title_after.match(after), lex))
    if title is not None and title.group("of"):
        # Cue words inside "the wife of the detained activist, X" describe someone else.
        before = before[: title.start("of")]
    after = _past_apposition(after, w.far_after, lex)
    if "official" in roles:
        return _Score(official=True)
    if is_victim:
        return _Score(score=10)
    if (
        (_former_official(title, lex) or _former_official(apposition, lex))
        and lex.trial_any.search(w.before + after)
        and lex.harm_case.search(text)  # the entry is about torture or a killing
    ):
        # "the defendants, among them the former head of the police department X";
        # "sentenced X, former deputy head of the detention facility, for beating ..."
        return _Score(score=-5)
    speech = lex.speaking_after.search(after)
    speaks = bool(speech or lex.speaking_before.search(before))
    persecution = lex.persecuted_after.search(after)
    associate = speaks and lex.associate_before.search(own_before) is not None
    kin = "kin" in roles or bool(
        lex.kin_after.match(own_after) or lex.kin_before.search(own_before) or associate
    )
    public = (
        speech is not None
        and lex.public_speech is not None
        and lex.public_speech.match(after[speech.end() :]) is not None
    )
    if speech is not None and _reports_on_another(m, after[speech.end() :], lex):
        if kin and not public:
            return _Score(score=-4)  # "X, the wife of Y, said that he was beaten": other
        if persecution is not None and persecution.start("cue") >= speech.end():
            persecution = None  # what X reports about someone else is not X's
    lawyer = "lawyer" in roles
    acting = (lawyer and lex.lawyer_acting_after.search(after)) or None
    if (
        acting is not None
        and persecution is not None
        and acting.start("cue") <= persecution.start("cue")
    ):
        persecution = None  # "the lawyer X appealed": acting for a client, not persecuted
    persecuted = bool(
        persecution or lex.persecuted_before.search(before) or lex.term_after.match(own_after)
    )
    score = 0
    if victim_mode:
        score -= 2  # in a killing or torture case, the others are accused, officials or kin
        if lex.trial_before.search(before) or lex.trial_after.search(after):
            return _Score(score=-5)
    elif _header_slot(text, groups.get(m.start, (m.start, m.end))[0], lex, info.place_span):
        score += 2
    if lawyer and (lex.reporting_after.search(after) or lex.speaking_before.search(before)):
        return _Score(score=-4, reporting_lawyer=True)  # a lawyer reporting for a client
    score += 3 * persecuted + speaks + ("descriptor" in roles) + 3 * public
    if kin:
        score -= 2
    if associate and not persecuted:
        score -= 2  # "according to her editor X, ...": speaks about the one X works with
    if lex.other_before.search(before) or lex.other_after.search(own_after):
        score -= 2
    client = bool(lex.client_before.search(own_before) or lex.client_after.search(own_after))
    if client:
        score -= 1
    quote = info.quote_at(m.start)
    if quote and quote[2] <= _SLOGAN_MAX_WORDS:
        score -= 2
    if not m.initial and not m.lone_given and _attributive(own_before, lex):
        score -= 2
    if any(k in before for k in lex.supported_keys) and lex.supported_before.search(before):
        score -= 5  # "a picket in support of the arrested journalist X": the protest's cause
    return _Score(
        score=score,
        acting_lawyer=lawyer and not persecuted and (bool(acting) or speaks),
        lawyer=lawyer,
        client=client,
    )


def _plural_title(match: re.Match[str]) -> bool:
    """Whether an apposition's title is plural ("police officers"): it cannot describe one
    person named alone."""
    word = match.string[match.start("title") : match.start("of")].strip().lower()
    return word.endswith(("s", "men")) and not word.endswith("ss")


def _reports_on_another(m: _Cand, reported: str, lex: _Lexicon) -> bool:
    """Whether the words after a speech verb are about someone else: a pronoun of the
    other sex ("Aigul said that he ...") or a relative ("... that her son ...")."""
    words = [w.lower() for w in _WORD_RE.findall(reported)][:6]
    for i, word in enumerate(words):
        sex = lex.pronouns.get(word)
        if sex is None:
            continue
        if i + 1 < len(words) and words[i + 1] in lex.kinship_titles:
            return True
        own = lex.given.get(fold_name(m.given), "") if m.given else _morph(m.surname, lex)
        return bool(own) and own != sex
    return False


_WHOSE_CLAUSE = re.compile(r"\s*,\s*whose\b[^,;.]{1,120},")


def _past_apposition(after: str, far_after: str, lex: _Lexicon) -> str:
    """The clause after a name, past an apposition: in "X, the wife of the prisoner Y,
    said ..." what X does is "said ...", though Y is named in between."""
    apposition = lex.title_after.match(far_after)
    if apposition is None:
        # "X, whose son Y was shot dead in January, told ...": past the relative clause
        whose = _WHOSE_CLAUSE.match(far_after)
        return far_after[whose.end() :] if whose else after
    rest = far_after[apposition.end() :]
    comma = rest.find(",")
    return rest[comma + 1 :] if comma >= 0 else after[len(far_after) - len(rest) :]


def _attributive(before: str, lex: _Lexicon) -> bool:
    words = before.split()
    return bool(words) and words[-1].lower() in lex.attributive


def _pronoun_followups(
    found: list[_Found], text: str, lex: _Lexicon, info: _EntryInfo
) -> dict[int, int]:
    """Extra score from sentences that begin with a pronoun ("She was detained")."""
    extra: dict[int, int] = {}
    mentions = sorted(((m.start, idx) for idx, f in enumerate(found) for m in f.mentions))
    for start in info.sentence_starts:
        m = _WORD_RE.match(text, start)
        if not m or m.group().lower() not in lex.pronouns:
            continue
        sex = lex.pronouns[m.group().lower()]
        prior = [idx for pos, idx in mentions if pos < start and _sex(found[idx], lex) in (sex, "")]
        if not prior:
            continue
        clause = text[m.end() : m.end() + _WINDOW]
        if lex.persecuted_after.search(clause):
            extra[prior[-1]] = extra.get(prior[-1], 0) + 3
    return extra


def _sex(person: _Found, lex: _Lexicon) -> str:
    if person.given:
        sex = lex.given.get(fold_name(person.given), "")
        if sex:
            return sex
    return _morph(person.surname, lex)


# --------------------------------------------------------------------------- API


def extract(text: str, *, context: Context) -> list[Mention[Person]]:
    """Every named individual of the entry, once each, in order of first mention."""
    lex = _lexicon(context.knowledge)
    place = context.place
    info = _EntryInfo(
        text=text,
        lex=lex,
        place_span=(place.start, place.end) if place is not None else None,
        gazetteer=context.knowledge.gazetteer,
    )
    info.sentence_starts = _sentence_starts(text, lex)
    info.quotes = _quote_spans(text)
    cands: list[_Cand] = []
    tokens = _tokens(text, lex)
    has_word_surnames = any(t.kind == "W" for t in tokens)
    for run in _runs(tokens, text):
        if has_word_surnames:
            run = _word_surnames(run, lex)
        if any(t.kind != "X" for t in run):
            found_here = _parse_run(run, text, lex, info)
            info.name_ends.update(c.end for c in found_here if c.initial)
            cands.extend(found_here)
    cands = _keep_singles(cands, text, lex, info)
    found = _group(cands)
    if not found:
        return []
    evidence = _role_evidence(found, text, lex, info)
    extra = _pronoun_followups(found, text, lex, info)
    # a lawyer speaking alone (no client named or mentioned) makes the statement reported
    alone = (
        len(found) == 1
        and evidence.get(0, _Evidence()).reporting_lawyer
        and not lex.client_mentioned.search(text)
    )
    roles = [
        _role(evidence.get(idx, _Evidence()), extra.get(idx, 0), alone) for idx in range(len(found))
    ]
    if any(ev.acting_lawyer for ev in evidence.values()):
        _lawyers_for_clients(roles, evidence)
    if any(ev.client for ev in evidence.values()):
        _clients_of_lawyers(roles, evidence)
    out: list[Mention[Person]] = []
    for idx, person in enumerate(found):
        role = roles[idx]
        first = person.mentions[0]
        written = text[first.start : first.end]
        out.append(Mention(first.start, first.end, written, Person(person.key, role, written)))
    return out


def _lawyers_for_clients(roles: list[str], evidence: dict[int, _Evidence]) -> None:
    """A lawyer who files or speaks acts for the client when the entry has one (another
    subject, not named in one list with the lawyer): other. A lawyer acting alone, or
    together with others ("X and the lawyer Y presented a report"), stays a subject."""
    clients = {
        idx
        for idx, role in enumerate(roles)
        if role == SUBJECT and not evidence.get(idx, _Evidence()).acting_lawyer
    }
    for idx in range(len(roles)):
        ev = evidence.get(idx, _Evidence())
        if ev.acting_lawyer and clients - {idx} - ev.partners:
            roles[idx] = OTHER


def _clients_of_lawyers(roles: list[str], evidence: dict[int, _Evidence]) -> None:
    """An entry about a lawyer (a lawyer who is the subject: obstructed, summoned, suing)
    names the client only as background: the client is other, unless a named victim."""
    lawyers = [
        idx
        for idx, role in enumerate(roles)
        if role == SUBJECT
        and evidence.get(idx, _Evidence()).lawyer
        and not evidence.get(idx, _Evidence()).client
    ]
    if not lawyers:
        return
    for idx, ev in evidence.items():
        if ev.client and not ev.victim and not ev.lawyer:
            roles[idx] = OTHER


def _role(ev: _Evidence, extra: int, alone: bool = False) -> str:
    if alone and ev.reporting_lawyer and not ev.official:
        return SUBJECT  # "Lawyer X considers the draft cosmetic": nobody else to speak for
    if ev.victim:
        return SUBJECT
    if ev.official:
        return OTHER
    return SUBJECT if ev.score + extra >= 0 else OTHER


def _split(written: str, lex: _Lexicon) -> tuple[str, list[str], str]:
    """(surname, initials as written, given name) of one written name."""
    text = " ".join(written.replace("’s", "").replace("'s", "").split())
    tokens = list(_TOKEN_RE.finditer(text))
    initials = [t.group() for t in tokens if _kind(t.group("w"), lex) == "I"]
    words = [t.group("w") for t in tokens if _kind(t.group("w"), lex) != "I"]
    words = [w for w in words if not _is_patronymic(w, lex)] or words
    if not words:
        return text, [], ""
    if initials:
        return words[0], initials, ""
    if len(words) == 1:
        return ("", [], words[0]) if _is_given(words[0], lex) else (words[0], [], "")
    a, b = words[0], words[1]
    return (a, [], b) if _surname_first(a, b, lex) else (b, [], a)


def split_name(written: str, knowledge: Knowledge | None = None) -> tuple[str, str]:
    """``(surname, given name or initials)`` of one written name.

    >>> split_name("A. Zhaksenov")
    ('Zhaksenov', 'A.')
    >>> split_name("Aruzhan Kurmash")
    ('Kurmash', 'Aruzhan')
    >>> split_name("Baimukhanov Muratbay Alievich")
    ('Baimukhanov', 'Muratbay')
    >>> split_name("Oralov K. M.")
    ('Oralov', 'K.M.')

    Initials come back joined without spaces; a patronymic is dropped. A single
    word is a surname (``("Abenov", "")``) unless it is a known given name
    (``("", "Valentina")``).
    """
    surname, initials, given = _split(written, _lexicon(knowledge or default_knowledge()))
    return surname, "".join(initials) if initials else given


def name_key(written: str, knowledge: Knowledge | None = None) -> str:
    """The "Surname I." key of one written name, as :func:`extract` gives it.

    >>> name_key("Seitkarim Dauren")
    'Seitkarim D.'
    >>> name_key("Zhylkybayev M.’s")
    'Zhylkybayev M.'
    >>> name_key("Kara-Akhmet S.K.")
    'Kara-Akhmet S.'
    >>> name_key("Abenov")
    'Abenov'

    The key takes the first letter of the given name or initial, so a two-letter
    initial and the name it stands for meet: "Kurmetaev Zh." and "Zhenis Kurmetaev"
    both give "Kurmetaev Z."; compare keys folded (:func:`fold_name`).
    """
    surname, initials, given = _split(written, _lexicon(knowledge or default_knowledge()))
    return _key(surname, initials[0].rstrip(".") if initials else "", given)


def _key(surname: str, initial: str, given: str) -> str:
    """ "Surname I.", keyed on the first letter of the given name or initial, so that
    "Orazalinova Zh." and "Orazalinova Zhanar" give one key, "Orazalinova Z."."""
    if not surname:
        return given
    letter = (initial or given)[:1].upper()
    return f"{surname} {letter}." if letter else surname
