"""docs/publishing.md documents every publishing command and every option they take."""

from __future__ import annotations

from pathlib import Path

import click
import pytest

from kuzet.cli import _register, cli

DOC = (Path(__file__).resolve().parents[2] / "docs" / "publishing.md").read_text(encoding="utf-8")
COMMANDS = ("chronicle", "report", "people-list", "recognize", "set-status", "export", "backup", "restore")


def _command(name: str) -> click.Command:
    _register()
    return cli.commands[name]


@pytest.mark.parametrize("name", COMMANDS)
def test_every_command_and_option_is_documented(name: str) -> None:
    assert f"kuzet {name}" in DOC, name
    for param in _command(name).params:
        if isinstance(param, click.Option) and not param.hidden and "--help" not in param.opts:
            assert any(opt in DOC for opt in param.opts), f"kuzet {name} {param.opts[0]} is not in the docs"
