"""``kuzet serve``: the web workspace and JSON API on a production WSGI server.

Gunicorn runs several worker processes (Django is CPU-bound, and one process would use
one core); whitenoise, in the middleware, serves the static files from the installed
packages, so there is no collectstatic step.
"""

from __future__ import annotations

import errno
import ipaddress
import logging
import os
import socket
from typing import Any

import click

from ..chronicle.errors import KuzetError
from . import cli

__all__ = ["serve"]

LOOPBACK_NAMES = ("localhost", "127.0.0.1", "::1", "[::1]")
DEFAULT_THREADS = 8


def default_workers() -> int:
    """One per core (at least 2, at most 8), each with several threads: the threads
    overlap database waits. Measured on 2 cores (docs/benchmarks.md "Web"), 2 workers
    of 8 threads answered first visits with a third of the 95th-percentile latency of
    4 workers of 4 threads, and less CPU per request: fewer processes to schedule,
    and fewer separate caches to warm."""
    return max(2, min(8, os.cpu_count() or 1))


def is_loopback(host: str) -> bool:
    if host in LOOPBACK_NAMES:
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def bind_address(host: str, port: int) -> str:
    return f"[{host.strip('[]')}]:{port}" if ":" in host else f"{host}:{port}"


def check_can_listen(host: str, port: int) -> None:
    """Fail with one line, before starting workers, if the address cannot be used
    (gunicorn would retry for seconds and then print a log, not a message)."""
    try:
        infos = socket.getaddrinfo(host.strip("[]"), port, type=socket.SOCK_STREAM)
    except socket.gaierror:
        raise KuzetError(f"cannot listen on {host}: no such address") from None
    family, kind, proto, _, address = infos[0]
    with socket.socket(family, kind, proto) as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            probe.bind(address)
        except OSError as exc:
            reason = (
                "the port is in use"
                if exc.errno == errno.EADDRINUSE
                else (exc.strerror or str(exc))
            )
            raise KuzetError(f"cannot listen on {bind_address(host, port)}: {reason}") from None


WARM_TEMPLATES = (
    "workspace/entries.html",
    "workspace/entry.html",
    "workspace/person.html",
    "workspace/dashboard.html",
)


def warm_up(worker: object = None) -> None:
    """Load in a new worker what its first request would otherwise wait for: the URL
    patterns (importing every view and the API's schema: most of it), the main
    templates and the translation catalogues — a quarter of a second of CPU, paid
    before the worker takes requests rather than by its first visitor."""
    from django.conf import settings
    from django.template.loader import get_template
    from django.urls import get_resolver
    from django.utils import translation

    try:
        get_resolver().reverse_dict  # noqa: B018  (reading it imports and indexes every view)
        for name in WARM_TEMPLATES:
            get_template(name)
        for code, _ in settings.LANGUAGES:
            translation.activate(code)
    except Exception as exc:  # noqa: BLE001  an optimisation only: requests will say what is wrong
        logging.getLogger("kuzet.serve").warning("warming up a worker failed: %s", exc)
    finally:
        translation.deactivate()


def _gunicorn_app(application: Any, options: dict[str, Any]) -> Any:
    from gunicorn.app.base import BaseApplication

    class KuzetServer(BaseApplication):  # type: ignore[misc]
        """Gunicorn with our options only: it must not read the caller's sys.argv."""

        def load_config(self) -> None:
            for key, value in options.items():
                self.cfg.set(key, value)

        def load(self) -> Any:
            return application

    return KuzetServer()


@cli.command()
@click.option(
    "--host",
    default="127.0.0.1",
    show_default=True,
    help="Address to listen on. Use 0.0.0.0 to serve other machines.",
)
@click.option(
    "--port", default=8000, show_default=True, type=click.IntRange(1, 65535), help="TCP port."
)
@click.option(
    "--workers",
    default=None,
    type=click.IntRange(1, 64),
    help="Worker processes [default: 1 per core, at least 2, at most 8].",
)
@click.option(
    "--threads",
    default=DEFAULT_THREADS,
    show_default=True,
    type=click.IntRange(1, 64),
    help="Threads per worker.",
)
@click.option(
    "--access-log/--no-access-log",
    default=False,
    show_default=True,
    help="Log every request to stderr.",
)
def serve(host: str, port: int, workers: int | None, threads: int, access_log: bool) -> None:
    """Serve the web workspace and the JSON API (/api/).

    Open http://HOST:PORT/ in a browser. Stop with Ctrl-C.
    """
    from django.conf import settings

    from ..setup import ensure_database

    check_can_listen(host, port)
    ensure_database()
    from django.db import connections

    # Workers are forked from this process: they must not share its database socket.
    connections.close_all()
    if not is_loopback(host) and all(is_loopback(h) for h in settings.ALLOWED_HOSTS):
        click.echo(
            "kuzet: note: other machines must reach this server by a name listed in "
            "KUZET_ALLOWED_HOSTS (now only localhost is allowed)",
            err=True,
        )
    from ..wsgi import application

    options: dict[str, Any] = {
        "bind": [bind_address(host, port)],
        "workers": workers or default_workers(),
        "threads": threads,
        "worker_class": "gthread",
        "timeout": 120,
        "graceful_timeout": 10,
        "accesslog": "-" if access_log else None,
        "errorlog": "-",
        "loglevel": "warning",
        "proc_name": "kuzet",
        "post_worker_init": warm_up,
    }
    click.echo(f"Kuzet is serving on http://{bind_address(host, port)}/ (Ctrl-C stops)", err=True)
    _gunicorn_app(application, options).run()
