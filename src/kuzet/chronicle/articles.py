"""The table of legal articles: titles (English, Russian) and part-level sanction limits.

The bundled table, ``data/legal_articles.csv``, covers the articles that
persecution chronicles cite most: Criminal Code (``CC``), Code of Administrative
Offences (``CAO``) and a few of the Criminal Procedure Code (``CPC``). One row is
an article (``part`` empty) or one part of it. Columns::

    code, article, part, title_en, title_ru,
    max_fine_mci, max_arrest_days, max_term_years, uncertain, source

``max_*`` are the upper limits for a natural person, where the source gives them
(empty when unknown): a fine in monthly calculation indices, an arrest in days,
a term of imprisonment or restriction of liberty in years. ``uncertain`` is
``yes`` for rows taken from memory or marked unverified at their source.

The table is not the whole of any code: :meth:`ArticleTable.exists` answers
"is it in our table", which is what ``kuzet check`` uses to ask an editor to
look twice at a citation, not proof that an article does not exist.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from .errors import DataFileError
from .knowledge import data_path

__all__ = ["CODES", "Article", "ArticleTable", "load_articles"]

CODES = ("CC", "CAO", "CPC", "OTHER")
COLUMNS = (
    "code",
    "article",
    "part",
    "title_en",
    "title_ru",
    "max_fine_mci",
    "max_arrest_days",
    "max_term_years",
    "uncertain",
    "source",
)
_ARTICLE_RE = re.compile(r"\d{1,4}(?:-\d{1,2})?")
_PART_RE = re.compile(r"\d{1,2}")
_LIMITS = ("max_fine_mci", "max_arrest_days", "max_term_years")


@dataclass(frozen=True, slots=True)
class Article:
    """One row of the table: an article, or one part of it (``part`` set)."""

    code: str
    article: str
    part: str | None
    title_en: str
    title_ru: str | None = None
    max_fine_mci: int | None = None
    max_arrest_days: int | None = None
    max_term_years: int | None = None
    uncertain: bool = False
    source: str = ""


class ArticleTable:
    """Look up titles and limits by (code, article[, part])."""

    def __init__(self, rows: list[Article]) -> None:
        self._rows = {(r.code, r.article, r.part): r for r in rows}
        self._parts: dict[tuple[str, str], list[Article]] = {}
        for r in rows:
            self._parts.setdefault((r.code, r.article), []).append(r)

    def __len__(self) -> int:
        return len(self._rows)

    def __iter__(self) -> Iterator[Article]:
        return iter(self._rows.values())

    def get(self, code: str, article: str, part: str | None = None) -> Article | None:
        """The row for exactly this article (and part), or ``None``."""
        return self._rows.get((code, article, part))

    def exists(self, code: str, article: str) -> bool:
        """Whether the table knows the article (any of its rows)."""
        return (code, article) in self._parts

    def codes_with(self, article: str) -> tuple[str, ...]:
        """The codes whose table holds this article number, in ``CODES`` order."""
        return tuple(c for c in CODES if (c, article) in self._parts)

    def title(
        self, code: str, article: str, lang: str = "en", part: str | None = None
    ) -> str | None:
        """The article's title in ``lang`` (``en`` or ``ru``); a part's own title if known.

        Falls back from the part's row to the article's row, and from a missing
        Russian title to ``None`` (never to another language silently).
        """
        if lang not in ("en", "ru"):
            raise ValueError(f"no titles in language {lang!r}; the table has 'en' and 'ru'")
        for key in ((code, article, part), (code, article, None)):
            row = self._rows.get(key)
            if row is not None:
                text = row.title_en if lang == "en" else row.title_ru
                if text:
                    return text
        return None

    def max_fine_mci(self, code: str, article: str, part: str | None = None) -> int | None:
        """The largest fine (in MCI) the article, or the given part, allows a person."""
        return self._limit("max_fine_mci", code, article, part)

    def max_arrest_days(self, code: str, article: str, part: str | None = None) -> int | None:
        """The longest arrest (days) the article, or the given part, allows."""
        return self._limit("max_arrest_days", code, article, part)

    def max_term_years(self, code: str, article: str, part: str | None = None) -> int | None:
        """The longest imprisonment or restriction of liberty (years)."""
        return self._limit("max_term_years", code, article, part)

    def _limit(self, column: str, code: str, article: str, part: str | None) -> int | None:
        # A part's own limit when the part is known; otherwise the largest limit of
        # any row of the article, because an unknown part may be the harshest one.
        if part is not None:
            row = self._rows.get((code, article, part))
            if row is not None and getattr(row, column) is not None:
                return getattr(row, column)  # type: ignore[no-any-return]
        values = [getattr(r, column) for r in self._parts.get((code, article), [])]
        known = [v for v in values if v is not None]
        return max(known) if known else None


def load_articles(path: Path | None = None) -> ArticleTable:
    """Load and validate an article table (the bundled one by default)."""
    path = path or data_path("legal_articles.csv")
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise DataFileError(path, None, f"cannot read: {exc.strerror or exc}") from None
    except UnicodeDecodeError:
        raise DataFileError(path, None, "not UTF-8 text") from None
    reader = csv.reader(text.splitlines(keepends=True), strict=True)
    rows: list[Article] = []
    seen: dict[tuple[str, str, str | None], int] = {}
    try:
        header = next(reader, None)
        if header is None or tuple(h.strip() for h in header) != COLUMNS:
            raise DataFileError(path, 1, "the header must be: " + ",".join(COLUMNS))
        for fields in reader:
            line = reader.line_num
            if not any(f.strip() for f in fields):
                continue
            row = _parse_row(path, line, fields)
            key = (row.code, row.article, row.part)
            if key in seen:
                raise DataFileError(path, line, f"duplicate of line {seen[key]}: {_label(key)}")
            seen[key] = line
            rows.append(row)
    except csv.Error as exc:
        raise DataFileError(path, reader.line_num, f"not valid CSV: {exc}") from None
    return ArticleTable(rows)


def _parse_row(path: Path, line: int, fields: list[str]) -> Article:
    if len(fields) != len(COLUMNS):
        raise DataFileError(path, line, f"expected {len(COLUMNS)} columns, found {len(fields)}")
    f = dict(zip(COLUMNS, (v.strip() for v in fields), strict=True))
    if f["code"] not in CODES:
        raise DataFileError(
            path, line, f"code must be one of {', '.join(CODES)}, not {f['code']!r}"
        )
    if not _ARTICLE_RE.fullmatch(f["article"]):
        raise DataFileError(
            path, line, f"article must look like 488 or 147-1, not {f['article']!r}"
        )
    if f["part"] and not _PART_RE.fullmatch(f["part"]):
        raise DataFileError(path, line, f"part must be a number or empty, not {f['part']!r}")
    if not f["title_en"]:
        raise DataFileError(path, line, "title_en is empty")
    if f["uncertain"] not in ("", "yes", "no"):
        raise DataFileError(
            path, line, f"uncertain must be yes, no or empty, not {f['uncertain']!r}"
        )
    limits = {name: _limit_value(path, line, name, f[name]) for name in _LIMITS}
    return Article(
        code=f["code"],
        article=f["article"],
        part=f["part"] or None,
        title_en=f["title_en"],
        title_ru=f["title_ru"] or None,
        uncertain=f["uncertain"] == "yes",
        source=f["source"],
        **limits,
    )


def _limit_value(path: Path, line: int, name: str, value: str) -> int | None:
    if not value:
        return None
    if not value.isdigit() or int(value) == 0:
        raise DataFileError(path, line, f"{name} must be a positive whole number, not {value!r}")
    return int(value)


def _label(key: tuple[str, str, str | None]) -> str:
    code, article, part = key
    return f"{code} {article}" + (f" part {part}" if part else "")
