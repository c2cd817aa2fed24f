"""The sanctions extractor's language data, compiled once per knowledge set.

Words come from ``data/lang/<language>/sanctions.yaml``; this module turns them
into a phrase table (kind words found by whole tokens, which is much faster than
one large regular expression) and the small patterns the extractor applies
around each phrase. In phrase lists, "..." stands for a few words of one clause.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..errors import DataFileError
from .lowered import lower_case, risky_chars
from .quantities import QuantityPatterns, compile_quantities

__all__ = [
    "ACTIVITY",
    "CANCEL",
    "CHANGE",
    "CLAUSE",
    "MONEY",
    "REMEDY",
    "REQUEST",
    "RESPECTIVELY",
    "SERVED",
    "UNIT",
    "PhraseTable",
    "SanctionWords",
    "Span",
    "compile_sanction_words",
]

# The dot of an initial ("A.", "Zh.") does not end a clause; CLAUSE is one character of a clause.
INITIAL_DOT = r"(?-i:(?:(?<=\b[A-Z])|(?<=\b[A-Z][a-z]))\.)"
CLAUSE = rf"(?:[^.;!?]|{INITIAL_DOT})"
_NAME_CHAR = rf"(?:[^.;:!?\d]|{INITIAL_DOT})"  # reaching over a name, never over a number

UNIT = "_unit"  # phrase classes that are not kinds
MONEY = "_money"
SERVED = "_served"  # "had served": a bare term after it may be a sanction
REMEDY = "_remedy"  # "compensation": custody in the entry may be its background
ACTIVITY = "_activity"  # "hunger strike": a term after "... for" measures it
CHANGE = "_change"  # "reduced", "extended": a sanction changed or a measure prolonged
RESPECTIVELY = "_respectively"  # "5 and 7 years respectively"
CANCEL = "_cancel"  # "overturned", "acquitted": a sanction in the entry may be cancelled
REQUEST = "request"

_TOKEN = re.compile(r"[^\W\d_]+(?:[-'’][^\W\d_]+)*|[^\w\s]")

_REQUIRED = (
    "numbers", "units", "multipliers", "currency", "mci", "kinds", "between_term_and_kind",
    "between_kind_and_term", "reach_over_names", "until", "placing_verbs", "warning_verbs",
    "not_a_penalty_warning_after", "fined_verbs", "conditional", "elliptic_to", "changed_verbs",
    "placing_prepositions", "sentenced_to", "replaced_verbs", "replaced_with", "respectively", "warning_given", "appellate_courts", "appellate_not_after",
    "sentence_starters", "collective", "plural", "group_nouns", "group_verbs",
    "not_sanctioned_roles", "person_after", "descriptors_stop", "prosecutor_words",
    "request_verbs", "requested_after", "upheld", "served", "served_owners",
)  # fmt: skip


@dataclass(frozen=True, slots=True)
class Span:
    """A phrase of the table found in a text."""

    start: int
    end: int
    cls: str  # a kind class ("prison", "arrest", "fine"...), REQUEST, UNIT or MONEY
    phrase: str  # as listed, lower case


class PhraseTable:
    """Finds listed phrases by whole words, longest first.

    Each word of the text is looked up by its first word; only then is the rest
    of a phrase tried. This is much faster than one alternation of every phrase.
    """

    def __init__(self, phrases: dict[str, str]) -> None:
        self._by_first: dict[str, list[tuple[re.Pattern[str], str, str]]] = {}
        for phrase, cls in sorted(phrases.items(), key=lambda p: len(p[0]), reverse=True):
            words = _TOKEN.findall(phrase)
            if not words:
                continue
            rest = "".join(
                (r"\s*" if not w[0].isalnum() or not words[i][-1].isalnum() else r"\s+")
                + re.escape(w)
                for i, w in enumerate(words[1:])
            )
            rest_re = re.compile(rest + r"(?![^\W\d_])", re.IGNORECASE)
            self._by_first.setdefault(words[0].lower(), []).append((rest_re, cls, phrase))
        # one pattern for every first word, as a trie, so that the scan skips other words fast
        first = r"(?<![^\W\d_])(?:" + _trie(list(self._by_first)) + r")(?![^\W\d_])"
        self._first = re.compile(first, re.IGNORECASE)
        # the first words are lower case: on lower-cased text the scan needs no IGNORECASE
        # and runs twice as fast (lowered.py says when that finds the same words)
        self._first_lowered = re.compile(first)
        self._risky = risky_chars("".join(self._by_first))

    def find(self, text: str) -> list[Span]:
        out: list[Span] = []
        last_end = -1
        lowered = lower_case(text, self._risky)
        scan = (
            self._first.finditer(text) if lowered is None else self._first_lowered.finditer(lowered)
        )
        for m in scan:
            options = self._by_first.get(m.group().lower())
            if not options or m.start() < last_end:
                continue
            for rest_re, cls, phrase in options:
                r = rest_re.match(text, m.end())
                if r is not None:
                    out.append(Span(m.start(), r.end(), cls, phrase))
                    last_end = r.end()
                    break
        return out


def _trie(words: list[str]) -> str:
    """A regular expression matching exactly ``words``, factored by common prefixes."""
    tree: dict[str, Any] = {}
    for word in words:
        node = tree
        for ch in word:
            node = node.setdefault(ch, {})
        node[""] = {}
    return _trie_node(tree)


def _trie_node(node: dict[str, Any]) -> str:
    ends = "" in node
    branches = [re.escape(ch) + _trie_node(child) for ch, child in sorted(node.items()) if ch]
    if not branches:
        return ""
    body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
    return f"(?:{body})?" if ends else body


@dataclass(frozen=True)
class SanctionWords:
    """Everything the sanctions extractor compiles from its language data."""

    q: QuantityPatterns
    phrases: PhraseTable
    fined_verbs: frozenset[str]
    after_gap: re.Pattern[str]  # between a term and the kind after it
    before_gap: re.Pattern[str]  # between a kind and the term after it
    reach: dict[str, re.Pattern[str]]  # per class: from a kind over a name to its term
    not_term_before: re.Pattern[str]
    range_before: re.Pattern[str]
    changed_before: re.Pattern[str]
    changed_to_before: re.Pattern[str]  # "reduced it to " right before the new term
    revised_to_before: re.Pattern[str]  # the same without extensions ("extended to")
    range_after: re.Pattern[str]
    hypothetical: re.Pattern[str]
    until_after: re.Pattern[str]
    placing_before: re.Pattern[str]
    warning_before: re.Pattern[str]
    warning_after: re.Pattern[str]
    sentenced_before: re.Pattern[str]
    replaced_before: re.Pattern[str]
    replaced_with: re.Pattern[str]
    not_penalty_after: re.Pattern[str]
    not_penalty_later: re.Pattern[str]  # " to X about the inadmissibility": a notice
    overturned_before: re.Pattern[str]  # "overturned the " right before a sanction
    overturned_after: re.Pattern[str]  # " of X was overturned" right after it
    replaced_with_before: re.Pattern[str]  # "replaced his detention with " before a kind
    modal_before: re.Pattern[str]  # "could be" before "replaced": not a decision
    labour_given: re.Pattern[str]
    acquitted: re.Pattern[str]
    overturned_word: re.Pattern[str]  # a cancelling verb anywhere before a replacement
    and_sentenced: re.Pattern[str]  # "... and sentenced": a new sanction after an acquittal
    bail_refused: re.Pattern[str]
    refused_before: re.Pattern[str]  # "refused to " right before a placing verb
    dash_before: re.Pattern[
        str
    ]  # "X — a warning": a penalty listed after a name  # "sentenced to 200 hours of" before a labour penalty
    conditional_after: re.Pattern[str]
    conditional_articles: frozenset[tuple[str, str]]
    elliptic: re.Pattern[str]
    elliptic_number: re.Pattern[str]  # ", Y to 3": a bare number after the next name
    listed_numbers: re.Pattern[str]
    respectively: re.Pattern[str]
    sentence_end: re.Pattern[str]
    initial_before: re.Pattern[str]
    sentence_starters: frozenset[str]
    collective: re.Pattern[str]
    plural: re.Pattern[str]
    pronoun: re.Pattern[str]  # "him", "she", "they": the sanction's person is named elsewhere
    group: re.Pattern[str]
    group_subject: re.Pattern[str]
    role_before: re.Pattern[str]
    list_gap: re.Pattern[str]  # between two names of one list
    person_after: re.Pattern[str]
    prosecutor: re.Pattern[str]
    request_before: re.Pattern[str]
    requested_after: re.Pattern[str]
    upheld: re.Pattern[str]
    appellate: re.Pattern[str]
    appellate_blocked: re.Pattern[str]
    served_before: re.Pattern[str]
    served_term: re.Pattern[str]  # "who had served his " right before a bare term
    conditional_before: re.Pattern[str]
    extended_before: re.Pattern[str]  # "extended the " right before a measure
    extended_after: re.Pattern[str]  # " of X was extended" right after a measure
    expulsion_decided: re.Pattern[str]
    expulsion_done: frozenset[str]
    activity_gap: re.Pattern[str]  # from an activity to its term: " in the colony for "
    background_before: re.Pattern[str]
    background_after: re.Pattern[str]
    # "fined three members of X, A, B and C, 50 MCI (145,850 tenge) each": a fine verb
    # reaching over a described list of names to an amount given to each of them
    fine_over_list: re.Pattern[str]
    distributive_after: re.Pattern[str]
    remaining_before: re.Pattern[str]  # "the two others 3 years": the names not yet sanctioned
    remaining_gap: re.Pattern[str]  # ", and the others to ": a list goes on with the rest
    warned_verbs: frozenset[str]  # "the court warned X": a warning given by a verb
    warned_by: re.Pattern[str]
    warned_notice: re.Pattern[str]
    listed_warning_before: re.Pattern[str]  # "..., and a warning": after another penalty
    warning_to_name: re.Pattern[str]  # "a warning for Y", "a warning to the pensioner Y"
    law_change_before: re.Pattern[str]  # "raise the fine for X to 200 MCI": a rate in a law
    law_words: re.Pattern[str]  # "amendments", "bill": the sentence is about legislation
    victim_before: re.Pattern[str] | None  # "for beating detainee X": X is not sanctioned
    restraint_by: re.Pattern[str] | None  # "the investigator banned ...": a measure of restraint
    restraint_ban_after: re.Pattern[str] | None  # "... X from leaving the country"
    remaining_within: re.Pattern[str]  # "fined the two others 20 MCI each": the group inside
    earlier_year: re.Pattern[str]  # "fined in 2019": the year of a penalty named after it


def _fold(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip().lower()


def _alt(words: Any) -> str:
    """An alternation of phrases, longest first; "..." stands for a few words of one clause."""
    items = sorted({str(w) for w in words}, key=len, reverse=True)
    out = []
    for w in items:
        pieces = [r"\s+".join(re.escape(p) for p in chunk.split()) for chunk in w.split("...")]
        out.append(rf"\b{CLAUSE}{{0,80}}?\b".join(pieces))
    return "(?:" + ("|".join(out) or r"(?!x)x") + ")"


def compile_sanction_words(data: dict[str, Any], path: Path) -> SanctionWords:
    """Compile a language pack's ``sanctions`` data; a malformed pack raises DataFileError."""
    _validate(data, path)
    phrases: dict[str, str] = {}
    for cls, words in data["kinds"].items():
        for phrase in words:
            phrases[_fold(str(phrase))] = str(cls)
    for phrase in data["request_verbs"]:
        phrases.setdefault(_fold(str(phrase)), REQUEST)
    for words in data["units"].values():
        for phrase in words:
            phrases.setdefault(_fold(str(phrase)), UNIT)
    for words in data["currency"].values():
        for phrase in words:
            phrases.setdefault(_fold(str(phrase)), MONEY)
    # found with the kinds in one pass, far cheaper than a search of the whole entry each
    for phrase in data.get("served_term") or []:
        # its last word only ("served" of "had served"): "had" would be tried everywhere
        phrases.setdefault(_fold(str(phrase)).split()[-1], SERVED)
    for phrase in data.get("remedy_words") or []:
        phrases.setdefault(_fold(str(phrase)), REMEDY)
    for phrase in data.get("activities") or []:
        phrases.setdefault(_fold(str(phrase)), ACTIVITY)
    for phrase in [
        *data["changed_verbs"],
        *(data.get("extension_verbs") or []),
        *data["replaced_verbs"],
    ]:
        phrases.setdefault(_fold(str(phrase)), CHANGE)
    for phrase in data["respectively"]:
        phrases.setdefault(_fold(str(phrase)), RESPECTIVELY)
    for phrase in [*(data.get("overturned_before") or []), *(data.get("acquitted") or [])]:
        # found in the same pass; "found ... not guilty" by its last words
        phrases.setdefault(_fold(str(phrase).split("...")[-1]), CANCEL)
    ci = re.IGNORECASE

    def alt(key: str) -> str:
        return _alt(data.get(key) or [])

    def folded(key: str) -> frozenset[str]:
        return frozenset(_fold(str(w)) for w in data.get(key) or [])

    q = compile_quantities(data)
    number = q.number_pattern
    unit = _alt([w for words in data["units"].values() for w in words])
    reach = {}
    for cls, endings in data["reach_over_names"].items():
        ending = rf"\b{_alt(endings)}" if endings else ""
        # "reduced the sentence of X from 7 to 5 years": the old term may stand before "to"
        # "were fined: X and Y 30 MCI each": a colon may open the list of names
        reach[str(cls)] = re.compile(
            rf"(?::\s+)?\b{_NAME_CHAR}{{0,80}}?(?:\bfrom\s+{number}(?:\s+{unit})?\s+)?{ending}\s*",
            ci,
        )
    date = (
        r"(?-i:\d{1,2}(?:st|nd|rd|th)?\s+(?:of\s+)?[A-Z][a-z]+|[A-Z][a-z]+\s+\d{1,2}(?:st|nd|rd|th)?\b"
        r"|\d{1,2}[./]\d{1,2}(?:[./]\d{2,4})?)"
    )
    stop = alt("descriptors_stop")
    ext = alt("extension_verbs")
    extending = folded("extension_verbs")
    revising = [w for w in data["changed_verbs"] if _fold(str(w)) not in extending]
    to = _alt(data["reach_over_names"]["sentence"])
    roles = rf"(?:(?:the|his|her|their)\s+)?(?:{alt('list_role_adjectives')}\s*)?{alt('list_role_nouns')}s?"
    return SanctionWords(
        q=q,
        phrases=PhraseTable(phrases),
        fined_verbs=folded("fined_verbs"),
        warned_verbs=folded("warned_verbs"),
        warned_by=re.compile(rf"\b{alt('warned_by')}\b", ci),
        warned_notice=re.compile(rf"\b{alt('warned_notice')}\b", ci),
        listed_warning_before=re.compile(
            rf"(?:,|;|\b{alt('penalty_list_joiners')})\s+(?:an?\s+)?$", ci
        ),
        warning_to_name=re.compile(
            rf"\s+{alt('warning_for')}\s+(?:[a-z]+\s+){{0,2}}(?-i:[A-Z])", ci
        ),
        # words may be joined by hyphens: "6 years in a medium-security colony"
        after_gap=re.compile(
            rf"\s*(?:{alt('between_term_and_kind')}(?:-[^\W\d_]+)?\s+){{0,4}}",
            ci,
        ),
        before_gap=re.compile(rf"\s*(?:{alt('between_kind_and_term')}\s*){{0,2}}", ci),
        reach=reach,
        not_term_before=re.compile(rf"\b{alt('not_a_term_before')}\s*$", ci),
        range_before=re.compile(
            rf"(?:(?<![\d.,])\d{{1,2}}(?:[.,]\d+)?|\b{_alt(data['numbers'])})\s*(?:-|–|—|to|and|or)\s*$",
            ci,
        ),
        # "reduced the sentence of X, convicted under Article 174, from 7 to 5 years"
        changed_before=re.compile(rf"\b{alt('changed_verbs')}\b{CLAUSE}{{0,150}}$", ci),
        changed_to_before=re.compile(
            rf"\b{alt('changed_verbs')}\b{CLAUSE}{{0,60}}?\bto\s+(?:(?:a|an|the)\s+)?$", ci
        ),
        revised_to_before=re.compile(
            rf"\b{_alt(revising)}\b{CLAUSE}{{0,60}}?\bto\s+(?:(?:a|an|the)\s+)?$", ci
        ),
        range_after=re.compile(r"\s*(?:-|–|—|to|or)\s*\d", ci),
        hypothetical=re.compile(rf"\b{alt('hypothetical')}\b", ci),
        until_after=re.compile(rf"(?:\s+[a-z]+){{0,3}}?\s+{alt('until')}\s+(?:the\s+)?{date}", ci),
        placing_before=re.compile(
            rf"\b{alt('placing_verbs')}\b{_NAME_CHAR}{{0,45}}?\b{alt('placing_prepositions')}\s+"
            rf"(?:(?:a|an|the)\s+)?$",
            ci,
        ),
        sentenced_before=re.compile(
            # the first "to" after the verb: "sentenced X to restricted freedom", not a later one
            rf"\b{alt('sentenced_to')}\b(?:(?!\b{to}\b){_NAME_CHAR}){{0,60}}\b{to}"
            rf"\s+(?:(?:a|an|the)\s+)?$",
            ci,
        ),
        replaced_before=re.compile(rf"\b{alt('replaced_verbs')}\b{CLAUSE}{{0,60}}$", ci),
        # "replaced the 5-year sentence of X with a suspended one": the name may stand between
        replaced_with=re.compile(
            rf"(?:\s+(?:of|for|against|on)\s+{_NAME_CHAR}{{0,50}}?)?"
            rf"\s+{alt('replaced_with')}\s+(?:(?:a|an|the)\s+)?",
            ci,
        ),
        warning_before=re.compile(rf"\b{alt('warning_verbs')}\b{_NAME_CHAR}{{0,30}}?$", ci),
        warning_after=re.compile(rf"\s+{alt('warning_given')}\b", ci),
        not_penalty_after=re.compile(rf"\s+{alt('not_a_penalty_warning_after')}\b", ci),
        not_penalty_later=re.compile(
            rf"\s+(?:to|for)\s+{_NAME_CHAR}{{0,60}}?\s{alt('not_a_penalty_warning_later')}\b", ci
        ),
        overturned_before=re.compile(
            rf"\b{alt('overturned_before')}\b(?:(?!\b{alt('overturn_blockers')}\b){CLAUSE}){{0,50}}$",
            ci,
        ),
        overturned_after=re.compile(
            rf"(?:\s+(?:of|for|on|imposed\s+on|given\s+to)\s+{_NAME_CHAR}{{0,50}}?)?"
            rf"\s+{alt('overturned_after')}\b",
            ci,
        ),
        modal_before=re.compile(rf"\b{alt('modal')}\b", ci),
        acquitted=re.compile(rf"\b{alt('acquitted')}\b", ci),
        overturned_word=re.compile(rf"\b{alt('overturned_before')}\b", ci),
        and_sentenced=re.compile(
            # a name may stand between, but no comma ("and Y, who had been sentenced" is old)
            rf"\b(?:and|but|while|whereas)\s+(?:(?:[^,.;:!?\d]|{INITIAL_DOT}){{0,40}}?\s)?"
            rf"(?:(?:was|were|has\s+been)\s+)?{alt('sentenced_to')}\b",
            ci,
        ),
        bail_refused=re.compile(rf"\b{alt('bail_refused')}\b{CLAUSE}{{0,40}}$", ci),
        # up to three words between: "refused to change the", "rejected the motion to"
        refused_before=re.compile(rf"\b{alt('refused')}\s+(?:[^\W\d]+\s+){{0,3}}$", ci),
        dash_before=re.compile(
            rf"(?-i:[A-Z][\w’'-]+|{INITIAL_DOT})\s*[—–]\s*(?:(?:a|an)\s+)?$", ci
        ),
        labour_given=re.compile(rf"\b{alt('labour_given')}\b", ci),
        replaced_with_before=re.compile(
            rf"\b{alt('replaced_verbs')}\b{CLAUSE}{{0,70}}?\b{alt('replaced_with')}\s+"
            rf"(?:(?:a|an|the)\s+)?$",
            ci,
        ),
        conditional_after=re.compile(
            rf"\b{alt('conditional')}\b(?!\s+{alt('not_conditional_after')})", ci
        ),
        conditional_articles=frozenset(
            _code_article(path, str(a)) for a in data.get("conditional_articles") or []
        ),
        # between two sanctions of one list: separators, names and "to" only
        # ("..., Orazov K. and Tleuov M. — to 6 years", "fined X 40 MCI and Y 20 MCI")
        elliptic=re.compile(
            rf"(?:\s|,|\band\b|[—–-]|\b{alt('elliptic_to')}\b|(?-i:[A-Z][\w’'-]*)|{INITIAL_DOT}"
            rf"|(?i:\b{roles}\b)){{1,80}}"
        ),
        elliptic_number=re.compile(
            rf"\s*(?:,\s*(?:and\s+)?|\s+and\s+)(?i:{roles}\s+)?"
            rf"(?:(?-i:[A-Z][\w’'-]*)\.?\s*){{1,4}}?\s*(?:[—–-]\s*(?:to\s+)?|to\s+|for\s+)"
            rf"(?P<num>\d+(?:[.,]\d+)?|{_alt(data['numbers'])})(?=\s*(?:[.,;)]|\band\b|$))",
        ),
        listed_numbers=re.compile(
            rf"(?:{q.number_pattern}\s*,\s*)*{q.number_pattern}\s*,?\s*(?:and|&)\s*$", ci
        ),
        respectively=re.compile(rf"{CLAUSE}*?\b{alt('respectively')}\b", ci),
        sentence_end=re.compile(r"[.!?]+[”\"»’)\]]*(?:\[\d+\])?\.?\s+(?=[A-Z0-9“\"«(#])"),
        initial_before=re.compile(r"\b(?:[A-Z][a-z]?|Art|No|p|St)\.$"),
        sentence_starters=frozenset(str(w) for w in data["sentence_starters"]),
        collective=re.compile(rf"\b{alt('collective')}\b", ci),
        plural=re.compile(rf"\b{alt('plural')}\b", ci),
        pronoun=re.compile(rf"\b{alt('pronouns')}\b", ci),
        group=re.compile(rf"\b{alt('group_nouns')}\b", ci),
        group_subject=re.compile(
            rf"\b{alt('group_nouns')}\b{CLAUSE}{{0,60}}?\b{alt('group_verbs')}\b", ci
        ),
        role_before=re.compile(
            rf"(?i:\b{alt('not_sanctioned_roles')})\W*(?:[A-Z][\w-]*\s+){{0,2}}$"
        ),
        list_gap=re.compile(
            # a given name may follow a surname ("Tarasov Vladimir and Valentina"); a role
            # noun may precede the next name ("... and the blogger Y", "..., his son Y")
            rf"(?:\s+[A-Z][a-z]+)?(?:\s*,\s*(?:and\s+)?|\s+and\s+|\s*&\s*)"
            rf"(?i:(?:(?:the|his|her|their|a|an)\s+)?(?:{alt('list_role_adjectives')}\s*)?"
            rf"{alt('list_role_nouns')}s?\s+)?|\s+"
        ),
        person_after=re.compile(
            rf"\s*,?\s*(?:each\s+)?{alt('person_after')}\s+(?:(?:the|a|an)\s+)?"
            rf"(?:(?!{stop}\b)[a-z][\w-]*\s+){{0,2}}"
        ),
        prosecutor=re.compile(rf"\b{alt('prosecutor_words')}", ci),
        request_before=re.compile(rf"\b{alt('request_verbs')}\b{CLAUSE}{{0,80}}$", ci),
        requested_after=re.compile(rf"(?:{CLAUSE}{{0,40}}?\s)?{alt('requested_after')}\b", ci),
        upheld=re.compile(rf"\b{alt('upheld')}\b", ci),
        appellate=re.compile(rf"\b{alt('appellate_courts')}\b", ci),
        appellate_blocked=re.compile(rf"\b{alt('appellate_not_after')}\s+(?:the\s+)?$", ci),
        served_before=re.compile(rf"\b{alt('served')}\s+(?:{alt('served_owners')}\s+)?$", ci),
        served_term=re.compile(rf"\b{alt('served_term')}\s+(?:{alt('served_owners')}\s+)?$", ci),
        conditional_before=re.compile(
            rf"\b{alt('conditional')}\b(?!\s+{alt('not_conditional_after')})"
            rf"(?:(?!\b{alt('not_conditional_between')}\b){CLAUSE}){{0,80}}$",
            ci,
        ),
        extended_before=re.compile(
            rf"\b{ext}\s+(?:(?:the|his|her|their|a|an)\s+)?(?:(?:term|period)\s+of\s+(?:the\s+)?)?"
            rf"(?:{_NAME_CHAR}{{0,40}}?['’]s\s+)?$",
            ci,
        ),
        extended_after=re.compile(
            rf"(?:\s+(?:of|for)\s+{_NAME_CHAR}{{0,50}}?)?(?:\s*\([^()]{{0,80}}\))?"
            rf"\s+(?:{alt('extension_passive')}\s+)?{ext}\b",
            ci,
        ),
        expulsion_decided=re.compile(rf"\b{alt('expulsion_decided')}\b{_NAME_CHAR}{{0,25}}?$", ci),
        expulsion_done=folded("expulsion_done"),
        activity_gap=re.compile(
            rf"{CLAUSE}{{0,40}}?\bfor\s+(?:(?:the|last|past|already|over|another|a\s+further)\s+)*",
            ci,
        ),
        background_before=re.compile(
            rf"(?P<marker>\b{alt('background_before')}\b){CLAUSE}{{0,60}}$", ci
        ),
        background_after=re.compile(rf"\b{alt('background_after')}\b", ci),
        fine_over_list=re.compile(rf"(?::\s+)?\b{_NAME_CHAR}{{0,170}}?\s*", ci),
        # the amount may be restated in brackets first: "50 MCI (145,850 tenge) each"
        distributive_after=re.compile(
            rf"\s*(?:\([^()]{{0,40}}\)\s*)?,?\s*{alt('distributive')}\b", ci
        ),
        remaining_before=re.compile(
            rf"\b{alt('remaining')}\b(?!\s+of\b){_NAME_CHAR}{{0,40}}?$", ci
        ),
        remaining_gap=re.compile(
            rf"[\s,;]*(?:and\s+)?{alt('remaining')}(?!\s+of\b)"
            rf"(?:\s|,|[—–-]|\b{alt('elliptic_to')}\b|\b{alt('remaining_verbs')}\b)*",
            ci,
        ),
        law_change_before=re.compile(
            rf"\b{alt('law_change_verbs')}\s+(?:(?:the|a|an|their|its)\s+)?"
            rf"(?:{alt('law_fine_adjectives')}\s+)?$",
            ci,
        ),
        law_words=re.compile(rf"\b{alt('law_words')}\b", ci),
        victim_before=(
            re.compile(
                rf"(?i:\b{alt('victim_before')})\s+(?:(?i:the|a|an|his|her|their)\s+)?"
                rf"(?:[a-z][\w-]*\s+){{0,2}}(?:[A-Z][\w-]*\s+){{0,2}}$"
            )
            if data.get("victim_before")
            else None
        ),
        restraint_by=(
            re.compile(rf"\b{alt('restraint_by')}\b{CLAUSE}{{0,40}}$", ci)
            if data.get("restraint_by")
            else None
        ),
        restraint_ban_after=(
            re.compile(rf"{_NAME_CHAR}{{0,60}}?\b{alt('restraint_ban_after')}\b", ci)
            if data.get("restraint_ban_after")
            else None
        ),
        remaining_within=re.compile(rf"\b{alt('remaining')}\b(?!\s+of\b)", ci),
        earlier_year=re.compile(
            rf"(?:[^.,;!?(]|{INITIAL_DOT}){{0,25}}?\b{alt('earlier_year_before')}\s+((?:19|20)\d\d)\b",
            ci,
        ),
    )


def _code_article(path: Path, text: str) -> tuple[str, str]:
    parts = text.split()
    if len(parts) != 2:
        raise DataFileError(
            path, _line_of(path, text), f"conditional_articles: {text!r} is not 'CODE ARTICLE'"
        )
    return parts[0], parts[1]


def _validate(data: dict[str, Any], path: Path) -> None:
    for key in _REQUIRED:
        if key not in data:
            raise DataFileError(path, None, f"missing key {key!r}")
    for key in ("numbers", "multipliers"):
        if not isinstance(data[key], dict):
            raise DataFileError(path, _line_of(path, f"{key}:"), f"{key} must be a mapping")
        for word, value in data[key].items():
            if not isinstance(value, int) or isinstance(value, bool):
                raise DataFileError(
                    path, _line_of(path, f"{word}:"), f"{key}: {word!r} must be a whole number"
                )
    for row in data["mci"] or []:
        ok = isinstance(row, dict) and isinstance(row.get("tenge"), int)
        if not ok or not re.fullmatch(r"\d{4}-(?:0[1-9]|1[0-2])", str(row.get("from", ""))):
            raise DataFileError(
                path,
                _line_of(path, str(row.get("from", row)) if isinstance(row, dict) else str(row)),
                f"mci: each row needs from: YYYY-MM and tenge: <number>, not {row!r}",
            )
    for key in ("kinds", "units", "currency", "reach_over_names"):
        if not isinstance(data[key], dict):
            raise DataFileError(path, _line_of(path, f"{key}:"), f"{key} must be a mapping")
        for name, words in data[key].items():
            if not isinstance(words, list):
                raise DataFileError(
                    path, _line_of(path, f"{name}:"), f"{key}: {name} must be a list"
                )


def _line_of(path: Path, needle: str) -> int | None:
    """The first line of the file that holds ``needle``, to point an error message at it."""
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError):
        return None
    for i, line in enumerate(lines, 1):
        if needle and needle in line:
            return i
    return None
