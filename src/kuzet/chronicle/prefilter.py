"""Skip regular expressions that cannot match, by the first letters of their matches.

A taxonomy has a few hundred cue patterns and an entry matches only a handful of
them; running every pattern over every entry is most of the cost of typing it.
For each pattern we work out, from the compiled pattern's own syntax tree, the
lower-case strings (up to :data:`K` characters) that any match must start with:
``(?:detain(?:ed|s)?|apprehend)`` must start with ``"deta"`` or ``"appr"``. An
entry whose words start with none of them cannot match, so the pattern is not
run. When the start of a pattern is not a plain set of letters (``\\w+``, a
class of thousands of characters) we return ``None``: always run it.

:func:`word_key_sets` looks further in: a word every match contains ("strike"
in ``(?:the|a) (?:\\w+ )?strike``), so that a pattern starting with a common word
is found by a rare one, and a pattern needing two words runs only where both
are. :func:`for_lowered_text` compiles a pattern to run without IGNORECASE on
lower-cased text, several times faster.

This is only an optimisation. It never changes what matches: a wrong answer
here could only make a pattern run when it need not. The tests check it on
every annotated chronicle we have.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any

try:  # the parser is internal; without it every pattern simply always runs
    from re import _constants as _c  # type: ignore[attr-defined]
    from re import _parser as _sre_parse  # type: ignore[attr-defined]
except ImportError:  # pragma: no cover - Python < 3.11 or another implementation
    _sre_parse = None
    _c = None

# The same parser for extract/lowered.py: imported in this one place.
RE_PARSER: Any = _sre_parse
RE_CONSTANTS: Any = _c

__all__ = [
    "RE_CONSTANTS",
    "RE_PARSER",
    "K",
    "WordKey",
    "ends_with_wrapper",
    "for_lowered_text",
    "key_strength",
    "match_prefixes",
    "required_substrings",
    "text_prefixes",
    "word_key_sets",
    "word_keys",
]

K = 4  # prefix length: long enough to be selective, short enough to stay small
_MAX_PREFIXES = 4000  # beyond this a pattern is not worth filtering
_MAX_CLASS = 40  # a character class larger than this counts as "any character"
_MIN_REQUIRED = 3  # shorter required strings are in almost every entry
_STARTS = re.compile(rf"(?<![\w-])(?=(.{{1,{K}}}))", re.DOTALL)


class _Unbounded(Exception):
    """The pattern can start with (almost) anything."""


def match_prefixes(pattern: re.Pattern[str]) -> frozenset[str] | None:
    """Lower-case strings one of which starts every match, or None if unknown.

    Assumes the pattern is matched case-insensitively.
    """
    if _sre_parse is None:
        return None
    try:
        partial, done = _extend({""}, _parsed(pattern.pattern, pattern.flags))
    except (_Unbounded, RecursionError, re.error, TypeError, ValueError):
        return None
    result = done | partial
    if "" in result or not result or len(result) > _MAX_PREFIXES:
        return None
    return frozenset(result)


def ends_with_wrapper(pattern: re.Pattern[str]) -> bool:
    """False if the last item of the pattern is not the ``(?![\\w-])`` it was wrapped in.

    An unclosed "[" in a pattern swallows the wrapper instead of failing to
    compile; the caller then compiles the pattern alone to report the mistake.
    Without the regex parser this answers False (compile alone, to be safe).
    """
    if _sre_parse is None:
        return False
    try:
        items = _parsed(pattern.pattern, pattern.flags)
    except (RecursionError, re.error, TypeError, ValueError):
        return False
    if not items:
        return False
    op, arg = items[-1]
    return op is _c.ASSERT_NOT and arg[0] == 1 and _is_word_class(arg[1])


def required_substrings(pattern: re.Pattern[str]) -> frozenset[str] | None:
    """Lower-case strings one of which every match contains, or None if unknown.

    Catches what :func:`match_prefixes` cannot: "15 days of arrest" starts with
    any number, but always contains "arrest".
    """
    if _sre_parse is None:
        return None
    try:
        found = _required(_parsed(pattern.pattern, pattern.flags))
    except (RecursionError, re.error, TypeError, ValueError):
        return None
    return frozenset(found) if found else None


@lru_cache(maxsize=8)
def _parsed_tuple(source: str, flags: int) -> tuple[Any, ...]:
    return tuple(_sre_parse.parse(source, flags))


def _parsed(source: str, flags: int) -> list[Any]:
    """The syntax tree of a pattern, parsed once for the analyses that follow."""
    return list(_parsed_tuple(source, flags))


def _required(items: list[Any]) -> set[str] | None:
    """The best set of required strings for a sequence of items."""
    best: set[str] | None = None
    run = ""

    def better(candidate: set[str] | None) -> None:
        nonlocal best
        if (
            candidate
            and min(map(len, candidate)) >= _MIN_REQUIRED
            and (best is None or min(map(len, candidate)) > min(map(len, best)))
        ):
            best = candidate

    for op, arg in items:
        chars = _chars(op, arg)
        if chars is not None and chars is not _WIDE and len(chars) == 1:
            run += next(iter(chars))
            continue
        better({run} if run else None)
        run = ""
        if op is _c.BRANCH:
            parts = [_required(list(b)) for b in arg[1]]
            if all(parts):
                better(set().union(*parts))  # type: ignore[arg-type]
        elif op is _c.SUBPATTERN:
            better(_required(list(arg[-1])))
        elif op in (_c.MAX_REPEAT, _c.MIN_REPEAT) and arg[0] >= 1:
            better(_required(list(arg[2])))
    better({run} if run else None)
    return best


def for_lowered_text(pattern: re.Pattern[str]) -> re.Pattern[str] | None:
    """The same case-insensitive pattern, compiled to run on lower-cased text.

    Python's regex engine is several times slower with IGNORECASE. Under
    IGNORECASE a capital letter in a pattern means the same as its small letter,
    so the pattern with its letters lowered, run without IGNORECASE on
    ``text.lower()``, matches exactly where the original matches ``text`` (at
    the same offsets, when lowering keeps the length). Escapes keep their case
    (``\\W`` is not ``\\w``). None when the pattern has a case-sensitive part
    (``(?-i:March)``), a range across cases (``[A-z]``) or an escape we do not
    read (``\\u0410``): those keep running on the text as written.
    """
    source = pattern.pattern
    if "(?-i" in source or not pattern.flags & re.IGNORECASE:
        return None
    if re.search(r"[A-Z]-[a-z]|[a-z]-[A-Z]", source):
        return None
    out = []
    i = 0
    while i < len(source):
        ch = source[i]
        if ch == "\\":
            escaped = source[i + 1 : i + 2]
            if escaped in ("N", "u", "U", "x") or escaped.isdigit():
                return None  # a character written by its code
            out.append(source[i : i + 2])
            i += 2
            continue
        if source.startswith("(?P", i):  # a named group keeps its syntax
            out.append("(?P")
            i += 3
            continue
        out.append(ch.lower())
        i += 1
    try:
        return re.compile("".join(out), pattern.flags & ~re.IGNORECASE)
    except re.error:  # pragma: no cover - lowered letters outside escapes keep the syntax
        return None


def text_prefixes(lowered: str) -> set[str]:
    """Every string of 1..K characters that starts after a word boundary.

    ``lowered`` is the entry's text, already lower-cased.
    """
    starts = _STARTS.findall(lowered)
    out = set(starts)
    for i in range(1, K):
        out.update(s[:i] for s in starts)
    return out


_WIDE: frozenset[str] = frozenset()  # marks a position matching too many characters


def _extend(partial: set[str], items: list[Any]) -> tuple[set[str], set[str]]:
    """Feed items to the prefixes still shorter than K.

    Returns (still partial, complete): complete prefixes reached K characters,
    or met something we cannot enumerate (a prefix cut short is still a
    necessary condition, only a weaker one).
    """
    done: set[str] = set()
    for op, arg in items:
        if not partial:
            break
        if op in (_c.AT, _c.ASSERT, _c.ASSERT_NOT):
            continue  # zero width
        chars = _chars(op, arg)
        if chars is _WIDE:
            partial = _cut(partial, done)
        elif chars is not None:
            partial = _append(partial, chars, done)
        elif op is _c.BRANCH:
            merged: set[str] = set()
            for branch in arg[1]:
                p, d = _extend(set(partial), list(branch))
                done |= d
                merged |= p
            partial = merged
        elif op is _c.SUBPATTERN:
            partial, sub_done = _extend(partial, list(arg[-1]))
            done |= sub_done
        elif op in (_c.MAX_REPEAT, _c.MIN_REPEAT):
            partial = _repeat(partial, done, arg)
        else:  # back-references, conditionals: give up enumerating here
            partial = _cut(partial, done)
    return partial, done


def _repeat(partial: set[str], done: set[str], arg: Any) -> set[str]:
    low, high, sub = arg
    once, once_done = _extend(set(partial), list(sub))
    done |= once_done
    if high != 1:  # more repetitions could follow: stop enumerating there
        once = _cut(once, done)
    if low == 0:
        once |= partial
    return once


def _append(partial: set[str], chars: frozenset[str] | set[str], done: set[str]) -> set[str]:
    out: set[str] = set()
    for p in partial:
        for ch in chars:
            s = p + ch
            (done if len(s) >= K else out).add(s)
    if len(out) + len(done) > _MAX_PREFIXES:
        raise _Unbounded
    return out


def _cut(partial: set[str], done: set[str]) -> set[str]:
    """Something we cannot enumerate follows: the prefixes end here."""
    if "" in partial:
        raise _Unbounded
    done |= partial
    return set()


def _chars(op: Any, arg: Any) -> frozenset[str] | None:
    """The lower-case characters one item matches; _WIDE if too many; None if not a character."""
    if op is _c.LITERAL:
        return frozenset(chr(arg).lower())
    if op is _c.IN:
        out: set[str] = set()
        for kind, value in arg:
            if kind is _c.LITERAL:
                out.add(chr(value).lower())
            elif kind is _c.RANGE and value[1] - value[0] < _MAX_CLASS:
                out.update(chr(c).lower() for c in range(value[0], value[1] + 1))
            else:  # a category (\w, \d), a negated class or a wide range
                return _WIDE
        return frozenset(out) if len(out) <= _MAX_CLASS else _WIDE
    if op in (_c.NOT_LITERAL, _c.ANY, _c.CATEGORY):
        return _WIDE
    return None


# -- words a match must contain ------------------------------------------------------------

WordKey = tuple[str, bool]  # (first letters of a word, True if the word may go on)


def word_keys(pattern: re.Pattern[str]) -> frozenset[WordKey] | None:
    """First letters of a word one of which every match contains, or None if unknown.

    Where :func:`match_prefixes` only knows how a match starts, this finds a word
    further in: ``(?:the|a) (?:\\w+ )?strike`` starts with "the" or "a", words
    almost every entry has, but always contains a word starting "stri". A key
    is at most :data:`K` letters, the start of a word of the text (after a
    character that is neither a letter nor a hyphen); a key marked open is
    shorter than K and the word may go on after it. Assumes IGNORECASE.
    The strongest of :func:`word_key_sets`.
    """
    sets = word_key_sets(pattern)
    return max(sets, key=key_strength) if sets else None


def word_key_sets(pattern: re.Pattern[str]) -> tuple[frozenset[WordKey], ...]:
    """Every set of keys (as in :func:`word_keys`) that each match has a word from.

    A match of ``administrative (?:fines?|penalty)`` has a word starting "admi"
    *and* one starting "fine" or "pena": an entry needs both to be worth the try.
    """
    if _sre_parse is None:
        return ()
    try:
        found, _ = _words(_parsed(pattern.pattern, pattern.flags), False)
    except (RecursionError, re.error, TypeError, ValueError):
        return ()
    return tuple(dict.fromkeys(frozenset(keys) for keys in found))


def key_strength(keys: frozenset[WordKey]) -> tuple[int, int]:
    """How well keys pick out the patterns they index: longer, then fewer, is better."""
    return min((len(k) if not is_open else len(k) - 1) for k, is_open in keys), -len(keys)


def _words(items: list[Any], gap: bool) -> tuple[list[set[WordKey]], bool]:
    """(key sets found in the sequence, whether it ends after a non-word character).

    ``gap`` says whether the sequence starts right after a character that is
    not a letter, digit, underscore or hyphen (a place where a word can start).
    """
    found: list[set[WordKey]] = []
    run: str | None = None  # letters since the start of a word

    def end_run(word_ends: bool) -> None:
        nonlocal run
        if run:
            found.append({(run[:K], not word_ends and len(run) < K)})
        run = None

    for op, arg in items:
        kind = _kind(op, arg)
        if kind == "letter":
            ch = next(iter(_chars(op, arg) or ()))
            if run is not None:
                run += ch
            elif gap:
                run = ch
            gap = False
        elif kind == "space":
            end_run(True)
            gap = True
        elif kind == "zero":
            if op is _c.ASSERT_NOT and _is_word_class(arg[1]):
                if arg[0] == 1:
                    end_run(True)  # (?![\w-]): the word ends here
                else:
                    gap = True  # (?<![\w-]): a word starts here
            elif op is _c.ASSERT and arg[0] == -1 and _only_spaces(arg[1]):
                gap = True  # (?<=\s)
        elif op is _c.SUBPATTERN:
            end_run(False)
            inner, gap = _words(list(arg[-1]), gap)
            found += inner
        elif op is _c.BRANCH:
            end_run(False)
            results = [_words(list(b), gap) for b in arg[1]]
            if all(sets for sets, _ in results):
                # whichever branch runs, a word of its sets is there: one set of each
                # branch, joined, is a set for the whole; two choices give two sets
                # ("radio stations": "radi" and "stat", both certain)
                strongest = [
                    max(sets, key=lambda k: key_strength(frozenset(k))) for sets, _ in results
                ]
                found.append(set().union(*strongest))
                found.append(set().union(*(sets[0] for sets, _ in results)))
            gap = all(ends for _, ends in results)
        elif op in (_c.MAX_REPEAT, _c.MIN_REPEAT):
            end_run(False)
            low, _high, sub = arg
            inner, _ = _words(list(sub), gap)
            if low >= 1:
                found += inner  # the first time round is certain
            # after the repeat a word may start only if every way round ends so
            gap = _ends(list(sub), True) and _ends(list(sub), False) and (low >= 1 or gap)
        else:  # a class of several letters, anything, a back-reference: no word known here
            end_run(False)
            gap = False
    end_run(False)
    return found, gap


def _ends(items: list[Any], gap: bool) -> bool:
    """Whether the sequence, started with ``gap``, ends after a non-word character."""
    for op, arg in items:
        kind = _kind(op, arg)
        if kind == "space":
            gap = True
        elif kind == "zero":
            if (
                (op is _c.ASSERT_NOT
                and arg[0] == -1
                and _is_word_class(arg[1]))
                or (op is _c.ASSERT
                and arg[0] == -1
                and _only_spaces(arg[1]))
            ):
                gap = True
        elif op is _c.SUBPATTERN:
            gap = _ends(list(arg[-1]), gap)
        elif op is _c.BRANCH:
            gap = all(_ends(list(b), gap) for b in arg[1])
        elif op in (_c.MAX_REPEAT, _c.MIN_REPEAT):
            sub = list(arg[2])
            gap = _ends(sub, True) and _ends(sub, False) and (arg[0] >= 1 or gap)
        else:
            gap = False
    return gap


def _kind(op: Any, arg: Any) -> str:
    """ "letter" (one known word character), "space" (only characters that are not
    letters, digits, _ or -), "zero" (zero width) or "other"."""
    if op in (_c.AT, _c.ASSERT, _c.ASSERT_NOT):
        return "zero"
    chars = _chars(op, arg)
    if chars is not None and chars is not _WIDE:
        if len(chars) == 1 and _is_word_char(next(iter(chars))):
            return "letter"
        if chars and not any(_is_word_char(ch) or ch == "-" for ch in chars):
            return "space"
        return "other"
    if op is _c.IN and _only_non_word(arg):
        return "space"
    if op in (_c.MAX_REPEAT, _c.MIN_REPEAT) and arg[0] >= 1:
        sub = list(arg[2])
        if len(sub) == 1 and _kind(*sub[0]) == "space":
            return "space"
    return "other"


def _is_word_char(ch: str) -> bool:
    return ch.isalnum() or ch == "_"


def _only_non_word(arg: Any) -> bool:
    """An IN class that matches only characters that are not word characters nor '-'."""
    items = list(arg)
    if items and items[0][0] is _c.NEGATE:
        rest = items[1:]
        has_word = any(k is _c.CATEGORY and v is _c.CATEGORY_WORD for k, v in rest)
        has_hyphen = any(k is _c.LITERAL and v == ord("-") for k, v in rest)
        return has_word and has_hyphen
    return all(
        (k is _c.LITERAL and not _is_word_char(chr(v)) and chr(v) != "-")
        or (k is _c.CATEGORY and v is _c.CATEGORY_SPACE)
        for k, v in items
    )


def _only_spaces(sub: Any) -> bool:
    items = list(sub)
    return len(items) == 1 and items[0][0] is _c.IN and _only_non_word(items[0][1])


def _is_word_class(sub: Any) -> bool:
    """The [\\w-] of the word-boundary wrapper: after it, a word has ended."""
    items = list(sub)
    if len(items) != 1 or items[0][0] is not _c.IN:
        return False
    parts = list(items[0][1])
    return any(k is _c.CATEGORY and v is _c.CATEGORY_WORD for k, v in parts) and any(
        k is _c.LITERAL and v == ord("-") for k, v in parts
    )
