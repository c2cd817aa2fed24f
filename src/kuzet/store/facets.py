"""Facet tokens: an entry's filterable values as words in the full-text index.

A filter such as "type assembly_refusal in Almaty Region in May 2023" becomes a
full-text condition on these tokens, so the database intersects posting lists (FTS5
on SQLite, GIN on PostgreSQL) instead of materialising a list of ids per filter.
That keeps searches on a million entries in tens of milliseconds.

Tokens are plain ``[a-z0-9]`` words with a two-letter prefix, so both tokenizers keep
them whole and they cannot be confused with the entry's own words (they live in
their own column / tsvector):

    ty<type>            event type             tyassemblyrefusal
    ar<code><article>   article cited          arcao488, arcc1471 (147-1), arcao488p6 (part 6)
    dm<hash>            a source's domain and each parent domain (example.org for news.example.org)
    pl<id>              the entry's place and the region it lies in
    ym<YYYYMM>          the month of a day- or month-precise date
    st<status>          review status          stinreview
    cf0 / cf1           confidential
    dc<id>              document
    ib<bits>x<id >> bits>  PostgreSQL only: the blocks of 2^12, 2^14, 2^16 and 2^18 ids
                        the entry's id lies in (ib12x244); not in ``Entry.facets``: the
                        database adds them to the search vector itself (migration 0007),
                        so that a search can ask for the newest blocks first

The services recompute an entry's facets whenever one of these values changes.

Beside the tokens, ``Entry.facet_values`` keeps the same related values *as they are
stored* (:func:`entry_values`): the entries page counts its type, article, source and
sanction facets from the matching entries' rows it reads anyway, instead of looking
each match up in four related tables (``kuzet.workspace.facets``). One line per
distinct value, its fields separated by tabs::

    type<TAB>assembly_refusal
    article<TAB>CAO<TAB>488
    domain<TAB>example.org
    sanction<TAB>fine

A backslash, tab or line break inside a value is written ``\\\\``, ``\\t``, ``\\n``
(:func:`value_fields` reads them back), so lines can be counted as they are and only the
distinct ones are parsed.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from collections.abc import Iterable

__all__ = [
    "ID_BLOCK_LEVELS",
    "article_tokens",
    "confidential_token",
    "document_token",
    "domain_token",
    "domain_tokens",
    "entry_facets",
    "entry_values",
    "id_block_token",
    "month_token",
    "months_between",
    "place_token",
    "status_token",
    "type_token",
    "value_fields",
]

_NON_ALNUM = re.compile(r"[^a-z0-9]+")


def _word(text: str) -> str:
    return _NON_ALNUM.sub("", text.lower())


def type_token(type_id: str) -> str:
    return "ty" + _word(type_id)


def article_tokens(code: str, article: str, part: str | None) -> list[str]:
    base = "ar" + _word(code) + _word(article.replace("-", "x").replace(".", "x"))
    return [base, base + "p" + _word(part)] if part else [base]


def domain_token(domain: str) -> str:
    return "dm" + hashlib.sha1(domain.lower().encode("utf-8")).hexdigest()[:16]


def domain_tokens(domain: str) -> list[str]:
    """The domain and every parent with at least two labels: a.b.example.org →
    a.b.example.org, b.example.org, example.org."""
    labels = domain.lower().removeprefix("www.").split(".")
    return [domain_token(".".join(labels[i:])) for i in range(max(1, len(labels) - 1))]


def place_token(place_id: int) -> str:
    return f"pl{place_id}"


def month_token(year: int, month: int) -> str:
    return f"ym{year:04d}{month:02d}"


def months_between(start: dt.date, end: dt.date) -> list[str]:
    out = []
    year, month = start.year, start.month
    while (year, month) <= (end.year, end.month):
        out.append(month_token(year, month))
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return out


# Sizes (in bits) of the id blocks; migration 0007's expression must say the same.
ID_BLOCK_LEVELS = (12, 14, 16, 18)


def id_block_token(entry_id: int, bits: int) -> str:
    """The token of the block of ``2**bits`` ids that ``entry_id`` lies in."""
    return f"ib{bits}x{entry_id >> bits}"


def status_token(status: str) -> str:
    return "st" + _word(status)


def confidential_token(confidential: bool) -> str:
    return "cf1" if confidential else "cf0"


def document_token(document_id: int) -> str:
    return f"dc{document_id}"


def entry_facets(
    *,
    document_id: int,
    types: Iterable[str],
    articles: Iterable[tuple[str, str, str | None]],
    domains: Iterable[str],
    place_ids: Iterable[int],
    date: dt.date | None,
    date_precision: str,
    status: str,
    confidential: bool,
) -> str:
    tokens = [document_token(document_id), status_token(status), confidential_token(confidential)]
    tokens += [type_token(t) for t in types]
    for code, article, part in articles:
        tokens += article_tokens(code, article, part)
    for domain in domains:
        tokens += domain_tokens(domain)
    tokens += [place_token(p) for p in place_ids]
    if date is not None and date_precision in ("day", "month"):
        tokens.append(month_token(date.year, date.month))
    return " ".join(dict.fromkeys(tokens))


_ESCAPE = str.maketrans({"\\": "\\\\", "\t": "\\t", "\n": "\\n"})
_UNESCAPE = re.compile(r"\\(.)", re.DOTALL)
_UNESCAPED = {"t": "\t", "n": "\n"}


def _line(*fields: str) -> str:
    return "\t".join(f.translate(_ESCAPE) for f in fields)


def entry_values(
    *,
    types: Iterable[str],
    articles: Iterable[tuple[str, str]],
    domains: Iterable[str],
    sanctions: Iterable[str],
) -> str:
    """``Entry.facet_values``: the entry's event types, (code, article) pairs, source
    domains and sanction kinds, each distinct value once, in a fixed order."""
    lines = {_line("type", t) for t in types}
    lines |= {_line("article", code, article) for code, article in articles}
    lines |= {_line("domain", d) for d in domains}
    lines |= {_line("sanction", k) for k in sanctions}
    return "\n".join(sorted(lines))


def value_fields(line: str) -> list[str]:
    """One line of ``Entry.facet_values`` back into its fields."""
    if "\\" not in line:
        return line.split("\t")
    return [_UNESCAPE.sub(lambda m: _UNESCAPED.get(m[1], m[1]), f) for f in line.split("\t")]
