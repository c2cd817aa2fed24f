"""The README documents every command; the docs it links exist."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from kuzet.cli import _register, cli

ROOT = Path(__file__).resolve().parents[1]
README = (ROOT / "README.md").read_text(encoding="utf-8")


def _commands() -> list[str]:
    _register()
    return sorted(cli.commands)


@pytest.mark.parametrize("name", _commands())
def test_every_command_is_in_the_readme(name: str) -> None:
    assert re.search(rf"`kuzet {re.escape(name)}\b", README), f"README does not mention `kuzet {name}`"


@pytest.mark.parametrize("link", sorted(set(re.findall(r"\]\(([^)#:]+)\)", README))))
def test_every_local_link_in_the_readme_exists(link: str) -> None:
    assert (ROOT / link).exists(), f"README links to {link}, which is not there"


def test_ci_runs_exactly_the_readme_test_command() -> None:
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert "scripts/test" in README and "exec scripts/test" in ci
