"""Titles of legal articles in the interface language, from the law table
(:class:`kuzet.chronicle.articles.ArticleTable`, loaded once per process)."""

from __future__ import annotations

from functools import cache

from django.utils.translation import get_language

from ..chronicle.articles import ArticleTable, load_articles

__all__ = ["article_title", "table"]


@cache
def table() -> ArticleTable:
    return load_articles()


def article_title(code: str, article: str, part: str | None = None) -> str | None:
    """The title in the current language; the English one when no Russian title is known."""
    lang = "ru" if (get_language() or "en").startswith("ru") else "en"
    t = table()
    return t.title(code, article, lang, part or None) or (
        t.title(code, article, "en", part or None) if lang != "en" else None
    )
