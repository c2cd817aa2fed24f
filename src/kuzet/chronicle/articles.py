"""The table of legal articles and their titles. (Stub: being written.)"""

from __future__ import annotations

__all__ = ["ArticleTable", "load_articles"]


class ArticleTable:
    pass


def load_articles() -> ArticleTable:
    return ArticleTable()
