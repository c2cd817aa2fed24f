"""The ``kuzet`` command: a thin shell over the chronicle library and the store.

Each topic's commands live in their own module and register on :data:`cli`.
Errors Kuzet knows about become a one-line message and a non-zero exit status.
"""

from __future__ import annotations

import sys

import click

from .. import __version__
from ..chronicle.errors import KuzetError

__all__ = ["cli", "main"]


@click.group(context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100})
@click.version_option(__version__, prog_name="kuzet")
def cli() -> None:
    """Kuzet: chronicles of political persecution as a structured, searchable record."""


def _register() -> None:
    # Imported for their side effect of adding commands to ``cli``.
    from . import (  # noqa: F401
        account_cmds,
        chronicle_cmds,
        extract_cmds,
        people_cmds,
        publish_cmds,
        store_cmds,
        web_cmds,
    )


def main(argv: list[str] | None = None) -> int:
    _register()
    try:
        status = cli.main(args=argv, prog_name="kuzet", standalone_mode=False)
        if isinstance(status, int) and status:  # click returns Exit(n)'s n in this mode
            return status
    except click.exceptions.Abort:
        click.echo("Aborted.", err=True)
        return 130
    except click.ClickException as exc:
        exc.show()
        return exc.exit_code
    except click.exceptions.Exit as exc:
        return exc.exit_code
    except KuzetError as exc:
        click.echo(f"kuzet: {exc}", err=True)
        return 2
    except BrokenPipeError:
        sys.stderr.close()
        return 1
    except KeyboardInterrupt:
        click.echo("Interrupted.", err=True)
        return 130
    return 0


if __name__ == "__main__":
    sys.exit(main())
