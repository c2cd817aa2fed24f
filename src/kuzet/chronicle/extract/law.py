"""Extract citations of legal articles: ``Mention[LegalRef]``, one per (code, article, part).

A citation is a *chain*: article items joined by commas or "and", each item an
article number with parts before it ("Part 2 of Article 272", "p. 2 art. 405")
or after it ("Article 146, Part 3/4"), glosses in brackets or quotes read past,
and a code named once for the whole chain ("Article 150 (...), Article 262 (...)
of the Criminal Code"). A chain ends at the first word that belongs to none of
these.

An item whose chain names no code is resolved against the whole entry:
    1. the entry names one of CC/CAO/CPC elsewhere -> that code (if it names
       several: the one whose table holds the article, else the nearest one before,
       else the nearest after);
    2. no code anywhere -> the code whose table alone holds the article number;
    3. otherwise the entry's cue words (administrative vs criminal), and CC when
       they do not decide: bare citations in persecution chronicles are mostly
       criminal.
Each (code, article, part) is reported once per entry, and a citation without a
part is dropped when the same article is also cited with a part.

Words come from ``data/lang/<language>/law.yaml``; the structure is here.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..articles import ArticleTable
from ..errors import DataFileError
from ..knowledge import data_path
from ..model import LegalRef, Mention
from .context import Context

__all__ = ["extract"]

_BARE_CODES = ("CC", "CAO", "CPC")  # codes a bare article may be resolved to
_ALL_CODES = (*_BARE_CODES, "OTHER")
_NEW_ARTICLE_MIN = 16  # in a part list, a larger number after a comma is a new article


@dataclass
class _Item:
    """One article of a chain, being assembled."""

    article: str
    start: int
    end: int
    parts: list[str] = field(default_factory=list)
    code: str | None = None
    word: str = ""  # the article word as written, for the not-a-citation check


@dataclass(frozen=True)
class _Patterns:
    anchor: re.Pattern[str]
    token: re.Pattern[str]
    code: re.Pattern[str]
    code_of: dict[str, str]  # folded code name -> code
    exact_code_of: dict[str, str]
    part_numbers: dict[str, int]
    not_citations: frozenset[str]
    bare_abbreviations: frozenset[str]  # article abbreviations as written without a stop
    administrative: re.Pattern[str]
    criminal: re.Pattern[str]


def extract(text: str, *, context: Context) -> list[Mention[LegalRef]]:
    """Every legal article the entry cites, in text order, each (code, article, part) once."""
    knowledge = context.knowledge
    # lang() is read outside the factory: Knowledge.compiled holds a non-reentrant lock
    words = knowledge.lang("law")
    pats = knowledge.compiled(
        "law:patterns", lambda: _compile(words, data_path("lang", knowledge.language, "law.yaml"))
    )
    if not pats.anchor.search(text):
        return []
    items = _scan(text, pats)
    if not items:
        return []
    _resolve_bare(items, text, pats, context)
    return _mentions(items, text)


# --- scanning ---------------------------------------------------------------------------


def _scan(text: str, pats: _Patterns) -> list[_Item]:
    items: list[_Item] = []
    pos = 0
    while True:
        anchor = pats.anchor.search(text, pos)
        if anchor is None:
            return items
        chain, pos = _chain(text, anchor.start(), pats)
        items.extend(chain)
        pos = max(pos, anchor.end())


def _chain(text: str, pos: int, pats: _Patterns) -> tuple[list[_Item], int]:
    """Read one citation chain starting at ``pos``; return its items and where it ended."""
    st = _ChainState()
    while True:
        m = pats.token.match(text, pos)
        if m is None or m.lastgroup is None:
            break
        kind, value = m.lastgroup, m.group()
        if not st.feed(kind, value, m.start(), m.end(), pats):
            break
        pos = m.end()
    st.finish()
    return st.items, pos


class _ChainState:
    """The little state machine of one chain. ``feed`` returns False when the chain ends."""

    def __init__(self) -> None:
        self.items: list[_Item] = []
        self.mode: str | None = None  # "article", "part", "paragraph"
        self.parts: list[str] = []  # part numbers read, not yet attached
        self.parts_start = -1
        self.comma_after_parts = False
        self.prefix: list[str] = []  # parts that precede their article ("Part 2 of Article 272")
        self.prefix_start = -1
        self.uncoded = 0  # index of the first item not yet given a code
        self.joined = False  # a joiner since the last item: a code here is not the chain's
        self.comma = False  # a comma since the last number
        self.preceding_code: str | None = None  # "Criminal Code, Article 174"
        self.article_start = -1
        self.article_word = ""

    def feed(self, kind: str, value: str, start: int, end: int, pats: _Patterns) -> bool:
        if kind == "space" or kind == "filler" or kind == "gloss":
            return True
        if kind == "article":
            self._parts_before_article()
            self.mode, self.comma, self.joined = "article", False, False
            self.article_start = start if self.prefix_start < 0 else self.prefix_start
            self.article_word = value
            return True
        if kind == "part":
            self._flush_parts()
            self.mode, self.parts_start, self.comma = "part", start, False
            return True
        if kind == "paragraph":
            self._flush_parts()
            self.mode = "paragraph"
            return True
        if kind in ("number", "word_number"):
            return self._number(kind, value, start, end, pats)
        if kind == "comma":
            self.comma = True
            if self.parts:
                self.comma_after_parts = True
            return True
        if kind == "joiner":
            self.joined = True
            self.comma = True
            if self.parts:  # "Article 174, Part 1 and Article 274": part 1 is 174's
                self.comma_after_parts = True
            return True
        if kind == "code":
            return self._code(value, pats)
        return False

    def _number(self, kind: str, value: str, start: int, end: int, pats: _Patterns) -> bool:
        if self.mode == "paragraph":
            return True
        if self.mode == "part":
            numbers = _part_numbers(value, kind, pats)
            if numbers is None:
                return False
            big = kind == "number" and self.comma and int(numbers[0]) >= _NEW_ARTICLE_MIN
            if not big:
                self.parts.extend(numbers)
                # "Parts 1, 2 of Article 274": a comma inside the list does not end it
                self.comma = self.comma_after_parts = False
                return True
            self._flush_parts()  # "Article 272 part 1, 274": a new article after the parts
            self.mode = "article"
            self.article_start = start
        if self.mode != "article" or kind != "number":
            return False
        article = re.sub(r"\s*[-‑–]\s*", "-", value)
        item = _Item(article, self.article_start, end, parts=self.prefix, word=self.article_word)
        item.code = self.preceding_code
        self.items.append(item)
        self.prefix, self.prefix_start = [], -1
        self.article_start = start  # the next number of "Articles 258, 405" starts at itself
        self.comma = self.joined = False
        return True

    def _code(self, value: str, pats: _Patterns) -> bool:
        code = _code_of(value, pats)
        if code is None:
            return False
        self._flush_parts()
        pending = self.items[self.uncoded :]
        if pending and not self.joined:
            for item in pending:
                if item.code is None:
                    item.code = code
            self.uncoded = len(self.items)
            self.mode = None
            self.preceding_code = None
            return True
        # a code before its article: "the Criminal Code, Article 174"
        self.preceding_code = code
        self.mode = None
        return True

    def _parts_before_article(self) -> None:
        """Parts just read are a prefix of the coming article ("Part 2 of Article 272"),
        unless a comma or joiner separates them from it: then they close the article
        before them ("Article 174, Part 1 and Article 274, Part 2")."""
        if not self.parts:
            return
        if self.comma_after_parts and self.items:
            self._flush_parts()
            return
        self.prefix, self.prefix_start = self.parts, self.parts_start
        self.parts, self.comma_after_parts = [], False

    def _flush_parts(self) -> None:
        if self.parts and self.items:
            self.items[-1].parts.extend(self.parts)
        self.parts, self.comma_after_parts = [], False

    def finish(self) -> None:
        self._flush_parts()


def _part_numbers(value: str, kind: str, pats: _Patterns) -> list[str] | None:
    if kind == "word_number":
        n = pats.part_numbers.get(value.lower())
        return [str(n)] if n is not None else None
    # "3-4" after "Part" names two parts, not an article "3-4"
    return [p for p in re.split(r"\s*[-‑–]\s*", value) if p]


# --- resolving bare citations -----------------------------------------------------------


def _resolve_bare(items: list[_Item], text: str, pats: _Patterns, context: Context) -> None:
    if all(item.code for item in items):
        return
    named: list[tuple[int, str]] = []
    for m in pats.code.finditer(text):
        code = _code_of(m.group(), pats)
        if code in _BARE_CODES:
            named.append((m.start(), code))
    table = context.knowledge.articles
    for item in items:
        if item.code is None:
            item.code = _bare_code(item, named, text, pats, table)


def _bare_code(
    item: _Item, named: list[tuple[int, str]], text: str, pats: _Patterns, table: ArticleTable
) -> str | None:
    if f"{item.word} {item.article}" in pats.not_citations:
        return None  # "Article 19" with no code: the organisation, not a citation
    if not named and item.word.lower() in pats.bare_abbreviations:
        return None  # "the art 5 exhibition": an abbreviation without its stop needs a code
    in_table = [c for c in table.codes_with(item.article) if c in _BARE_CODES]
    codes = {code for _, code in named}
    if codes:
        holding = [c for c in codes if c in in_table]
        if len(holding) == 1:
            return holding[0]
        if not holding and len(in_table) == 1:
            return in_table[0]  # the named code has no such article; the table's does
        if len(codes) == 1:
            return next(iter(codes))
        before = [code for pos, code in named if pos < item.start]
        return before[-1] if before else named[0][1]
    if len(in_table) == 1:
        return in_table[0]
    administrative = bool(pats.administrative.search(text))
    criminal = bool(pats.criminal.search(text))
    if administrative and not criminal:
        return "CAO"
    return "CC"


def _code_of(value: str, pats: _Patterns) -> str | None:
    spaced = re.sub(r"\s+", " ", value)
    return pats.exact_code_of.get(spaced) or pats.code_of.get(spaced.lower())


# --- output -----------------------------------------------------------------------------


def _mentions(items: list[_Item], text: str) -> list[Mention[LegalRef]]:
    with_part = {(i.code, i.article) for i in items if i.code and i.parts}
    seen: set[tuple[str, str, str | None]] = set()
    out: list[Mention[LegalRef]] = []
    for item in items:
        if item.code is None:
            continue
        if not item.parts and (item.code, item.article) in with_part:
            continue  # the same article is cited with its part elsewhere in the entry
        parts: list[str | None] = [*item.parts] or [None]
        for part in parts:
            key = (item.code, item.article, part)
            if key in seen:
                continue
            seen.add(key)
            ref = LegalRef(code=item.code, article=item.article, part=part)
            out.append(Mention(item.start, item.end, text[item.start : item.end], ref))
    return out


# --- compiling the language data --------------------------------------------------------


def _fold(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip().lower()


def _alternation(words: list[str], *, abbreviation: bool = False) -> str:
    """Longest first, so that "Criminal Procedure Code" wins over shorter names."""
    parts = []
    for w in sorted({str(w) for w in words}, key=len, reverse=True):
        body = r"\s+".join(re.escape(x) for x in w.split())
        # an abbreviation ends with its full stop ("art.405") or at the end of a word
        parts.append(body + (r"(?:\.|(?!\w))" if abbreviation else ""))
    return "|".join(parts) if parts else r"(?!x)x"


def _validate(data: dict[str, Any], path: Path) -> None:
    for key in ("article_words", "part_words", "codes"):
        if not data.get(key):
            raise DataFileError(path, None, f"missing key {key!r}")
    if not isinstance(data["codes"], dict):
        raise DataFileError(
            path, _line_of(path, "codes:"), "codes must be a mapping of code to names"
        )
    for code, spec in data["codes"].items():
        if code not in _ALL_CODES:
            raise DataFileError(path, _line_of(path, f"{code}:"), f"unknown code {code!r}")
        if not isinstance(spec, dict) or not all(
            isinstance(spec.get(k, []), list) for k in ("names", "exact")
        ):
            raise DataFileError(
                path, _line_of(path, f"{code}:"), f"{code}: names and exact must be lists"
            )
    for word, number in (data.get("part_numbers") or {}).items():
        if not isinstance(number, int) or isinstance(number, bool):
            raise DataFileError(
                path, _line_of(path, f"{word}:"), f"part_numbers: {word!r} must be a number"
            )


def _line_of(path: Path, needle: str) -> int | None:
    try:
        for i, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if needle in line:
                return i
    except (OSError, UnicodeDecodeError):
        return None
    return None


def _compile(data: dict[str, Any], path: Path) -> _Patterns:
    _validate(data, path)
    article = _alternation(data["article_words"])
    article_abbr = _alternation(data.get("article_abbreviations", []), abbreviation=True)
    part = _alternation(data["part_words"])
    part_abbr = _alternation(data.get("part_abbreviations", []), abbreviation=True)
    para = _alternation(data.get("paragraph_words", []))
    para_abbr = _alternation(data.get("paragraph_abbreviations", []), abbreviation=True)
    code_of: dict[str, str] = {}
    exact_code_of: dict[str, str] = {}
    for code, spec in data["codes"].items():
        for name in spec.get("names", []):
            code_of[_fold(name)] = str(code)
        for name in spec.get("exact", []):
            exact_code_of[str(name)] = str(code)
    names = _alternation(list(code_of))
    exact = _alternation(list(exact_code_of))
    code_re = rf"(?:\b(?:{names})\b|\b(?-i:{exact})\b)"
    part_numbers = {str(k).lower(): int(v) for k, v in data.get("part_numbers", {}).items()}
    quantity = _alternation(data.get("quantity_words", []))
    fillers = _alternation([str(f) for f in data.get("fillers", [])])
    joiners = _alternation([str(j) for j in data.get("joiners", [])])
    not_quantity = rf"(?!\s*[-‑]?\s*(?:{quantity})(?!\w))"
    # One token at a time; the first alternative that matches wins, so order matters.
    token = re.compile(
        rf"""
        (?P<space>\s+)
        | (?P<gloss>\((?!\s*(?:{part}\b|{part_abbr}))[^()]{{0,300}}\)
                  | [“"«‘][^”"»’\n]{{1,300}}[”"»’]+)
        | (?P<code>{code_re})
        | (?P<article>\b(?:{article})\b|\b(?:{article_abbr}))
        | (?P<part>\b(?:{part})\b|\b(?:{part_abbr}))
        | (?P<paragraph>\b(?:{para})\b|\b(?:{para_abbr}))
        | (?P<number>\d{{1,4}}(?:\s*[-‑–]\s*\d{{1,2}})?(?![\d.,]\d){not_quantity}(?!\w))
        | (?P<word_number>\b(?:{_alternation(list(part_numbers))})\b)
        | (?P<comma>[,/])
        | (?P<joiner>\b(?:{joiners})(?!\w))
        | (?P<filler>\b(?:{fillers})(?!\w)|['’]s\b|[()№])
        """,
        re.IGNORECASE | re.VERBOSE,
    )
    anchor = re.compile(
        rf"\b(?:{article})\b|\b(?:{article_abbr})|\b(?:{part})\s*\d|\b(?:{part_abbr})\s*\d",
        re.IGNORECASE,
    )
    return _Patterns(
        anchor=anchor,
        token=token,
        code=re.compile(code_re, re.IGNORECASE),
        code_of=code_of,
        exact_code_of=exact_code_of,
        part_numbers=part_numbers,
        not_citations=frozenset(str(x) for x in data.get("not_citations", [])),
        bare_abbreviations=frozenset(str(x).lower() for x in data.get("article_abbreviations", [])),
        administrative=re.compile(
            rf"\b(?:{_alternation(data.get('administrative_cues', []))})\b", re.IGNORECASE
        ),
        criminal=re.compile(
            rf"\b(?:{_alternation(data.get('criminal_cues', []))})\b", re.IGNORECASE
        ),
    )
