"""Linguistic and reference knowledge, loaded from data files.

A :class:`Knowledge` names the files to use (the bundled defaults, or an
organisation's own) and loads each one the first time an extractor asks for it.
Extractors keep their compiled patterns in :meth:`Knowledge.compiled`, so that
compiling happens once per knowledge set, not once per entry.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cache, cached_property
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

import yaml

from .errors import DataFileError

if TYPE_CHECKING:
    from .articles import ArticleTable
    from .gazetteer import Gazetteer
    from .taxonomy import Taxonomy

__all__ = ["Knowledge", "data_path", "default_knowledge", "load_yaml"]

T = TypeVar("T")

DATA = resources.files("kuzet.chronicle") / "data"


def data_path(*parts: str) -> Path:
    """Path of a bundled data file."""
    return Path(str(DATA.joinpath(*parts)))


def load_yaml(path: Path) -> Any:
    """Load a YAML data file; a syntax error names the file and line."""
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise DataFileError(path, None, f"cannot read: {exc.strerror or exc}") from None
    try:
        return yaml.safe_load(text)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = mark.line + 1 if mark is not None else None
        problem = getattr(exc, "problem", None) or str(exc).splitlines()[0]
        raise DataFileError(path, line, f"not valid YAML: {problem}") from None


@dataclass(frozen=True, eq=False)
class Knowledge:
    """Which data files to use; loads them lazily and caches what extractors compile."""

    language: str = "en"
    gazetteer_files: tuple[Path, ...] = ()  # extra gazetteers, added to the bundled one
    replace_gazetteer: bool = False  # True: gazetteer_files replace the bundled one
    taxonomy_file: Path | None = None  # None: the bundled default taxonomy
    _compiled: dict[str, Any] = field(default_factory=dict, repr=False)
    _lock: threading.RLock = field(default_factory=threading.RLock, repr=False)

    def lang(self, topic: str) -> dict[str, Any]:
        """The language pack's data for one topic (``dates``, ``law``, ...)."""
        return self.compiled(f"lang:{topic}", lambda: _load_lang(self.language, topic))

    def compiled(self, key: str, factory: Callable[[], T]) -> T:
        """Build ``factory()`` once per knowledge set and keep it under ``key``."""
        try:
            return self._compiled[key]  # type: ignore[no-any-return]
        except KeyError:
            pass
        with self._lock:
            if key not in self._compiled:
                self._compiled[key] = factory()
            return self._compiled[key]  # type: ignore[no-any-return]

    @cached_property
    def gazetteer(self) -> Gazetteer:
        from .gazetteer import load_gazetteer

        return load_gazetteer(self.gazetteer_files, replace=self.replace_gazetteer)

    @cached_property
    def taxonomy(self) -> Taxonomy:
        from .taxonomy import load_taxonomy

        return load_taxonomy(self.taxonomy_file)

    @cached_property
    def articles(self) -> ArticleTable:
        from .articles import load_articles

        return load_articles()


def _load_lang(language: str, topic: str) -> dict[str, Any]:
    path = data_path("lang", language, f"{topic}.yaml")
    if not path.exists():
        raise DataFileError(path, None, f"no {topic} data for language {language!r}")
    data = load_yaml(path)
    if not isinstance(data, dict):
        raise DataFileError(path, 1, "expected a mapping at the top level")
    return data


@cache
def default_knowledge() -> Knowledge:
    """The bundled knowledge, shared by every caller that does not bring its own."""
    return Knowledge()
