"""``kuzet serve``: the production server answers pages, the API and static files
(from the installed packages, through whitenoise), and bad options are one-line errors."""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

KUZET = str(Path(sys.executable).parent / "kuzet")


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _get(url: str) -> tuple[int, dict[str, str], bytes]:
    with urllib.request.urlopen(url, timeout=10) as r:
        return r.status, dict(r.headers), r.read()


def _wait(url: str, proc: subprocess.Popen[bytes], seconds: float = 30) -> None:
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        if proc.poll() is not None:
            raise AssertionError(
                f"kuzet serve exited: {proc.stderr.read().decode() if proc.stderr else ''}"
            )
        try:
            _get(url)
            return
        except OSError:
            time.sleep(0.2)
    raise AssertionError("kuzet serve did not answer in time")


@pytest.fixture
def server(transactional_db: None, database_url_for_subprocess: str) -> Iterator[str]:
    from webdata import ingest_all

    ingest_all()
    port = _free_port()
    env = {**os.environ, "KUZET_DATABASE_URL": database_url_for_subprocess, "KUZET_PUBLIC": "true"}
    proc = subprocess.Popen(
        [KUZET, "serve", "--port", str(port), "--workers", "1", "--threads", "2"],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        _wait(base + "/api/openapi.json", proc)
        yield base
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=15)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()


@pytest.mark.db
def test_kuzet_serve_answers_pages_api_and_static_files(server: str) -> None:
    status, _, body = _get(server + "/")
    assert status == 200 and b"9 entries" in body
    status, _, body = _get(server + "/api/entries?limit=2")
    assert status == 200 and len(json.loads(body)["results"]) == 2
    for path in (
        "/static/leaflet/leaflet.js",
        "/static/workspace/kuzet.css",
        "/static/workspace/kz-outlines.geojson",
        "/static/ninja/swagger-ui-bundle.js",
    ):
        status, headers, body = _get(server + path)
        assert status == 200 and body, path
    status, headers, _ = _get(server + "/static/workspace/kuzet.css")
    assert "text/css" in headers["Content-Type"]


@pytest.mark.parametrize(
    "args, message",
    [
        (["--port", "0"], "Invalid value for '--port'"),
        (["--port", "http"], "Invalid value for '--port'"),
        (["--host", "no-such-host.invalid"], "no such address"),
    ],
)
def test_bad_serve_options_are_one_line_errors(
    args: list[str], message: str, tmp_path: Path
) -> None:
    env = {**os.environ, "KUZET_HOME": str(tmp_path)}
    env.pop("KUZET_DATABASE_URL", None)
    r = subprocess.run(
        [KUZET, "serve", *args], env=env, capture_output=True, text=True, timeout=60, check=False
    )
    assert r.returncode != 0
    assert message in r.stderr and "Traceback" not in r.stderr


def test_a_port_in_use_is_a_one_line_error(tmp_path: Path) -> None:
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        port = busy.getsockname()[1]
        env = {**os.environ, "KUZET_HOME": str(tmp_path)}
        env.pop("KUZET_DATABASE_URL", None)
        r = subprocess.run(
            [KUZET, "serve", "--port", str(port)],
            env=env,
            capture_output=True,
            text=True,
            timeout=60,
            check=False,
        )
    assert r.returncode == 2
    assert r.stderr.strip() == f"kuzet: cannot listen on 127.0.0.1:{port}: the port is in use"
