"""A language's data for one topic, with the packs it names under ``also``.

``data/lang/en/dates.yaml`` says ``also: [ru, kk]``: English chronicles quote
Russian and Kazakh dates, so their month names are recognised too. Each pack
keeps its own rules (``capitalized`` ...) for its own words; the extractor
decides how to combine them.
"""

from __future__ import annotations

from typing import Any

from ..errors import DataFileError
from ..knowledge import Knowledge, data_path, load_yaml

__all__ = ["lang_packs", "words"]


def lang_packs(knowledge: Knowledge, topic: str) -> tuple[dict[str, Any], ...]:
    """The knowledge's own pack for ``topic`` first, then those it names under ``also``.

    Call it outside a ``Knowledge.compiled`` factory: that lock is not re-entrant.
    """
    own = knowledge.lang(topic)
    return knowledge.compiled(f"langpacks:{topic}", lambda: _load(own, knowledge.language, topic))


def words(packs: tuple[dict[str, Any], ...], key: str) -> list[str]:
    """Every word listed under ``key`` in any pack, lower-cased, in pack order."""
    out: list[str] = []
    for pack in packs:
        for word in pack.get(key) or ():
            text = str(word).lower()
            if text not in out:
                out.append(text)
    return out


def _load(own: dict[str, Any], language: str, topic: str) -> tuple[dict[str, Any], ...]:
    packs = [own]
    seen = {language}
    queue = list(packs[0].get("also") or ())
    while queue:
        code = str(queue.pop(0))
        if code in seen:
            continue
        seen.add(code)
        path = data_path("lang", code, f"{topic}.yaml")
        if not path.exists():
            raise DataFileError(
                path, None, f"no {topic} data for language {code!r} (named by 'also')"
            )
        data = load_yaml(path)
        if not isinstance(data, dict):
            raise DataFileError(path, 1, "expected a mapping at the top level")
        packs.append(data)
        queue.extend(data.get("also") or ())
    return tuple(packs)
