"""Benchmark the reader and lint on large synthetic chronicles, and on hostile pages.

    .venv/bin/python bench/read_bench.py [--entries 40000]

Builds, in memory, one chronicle per format (text, Markdown, HTML, Word) with
``--entries`` fictional entries and their references, plus three hostile inputs
(deeply nested HTML, a run of unclosed tags, a Markdown line of unclosed
emphasis), and prints the seconds each read (and lint) takes.
"""

from __future__ import annotations

import argparse
import io
import time
from collections.abc import Callable

from kuzet.chronicle.errors import KuzetError
from kuzet.chronicle.lint import lint
from kuzet.chronicle.model import Document, Period
from kuzet.chronicle.read import MAX_BYTES, read_bytes

PERIOD = Period(2024, 3)
PLACES = ["Almaty", "Astana", "Shymkent", "Aktobe", "Oral", "Semey", "Taraz", "Atyrau"]


def _entry(i: int) -> str:
    return (
        f"March {i % 28 + 1}, {PLACES[i % len(PLACES)]}, Testov{i} A., Article 488, Part 6 of the "
        "Code of Administrative Offences of the RK, 10 days of arrest: the activist was detained "
        f"after a single picket near the akimat and taken to the police station[{i}]."
    )


def text_chronicle(n: int) -> bytes:
    lines = [_entry(i) for i in range(1, n + 1)] + ["****"]
    lines += [f"[{i}] https://news.example.kz/2024/03/{i}?fbclid=IwAR{i}" for i in range(1, n + 1)]
    return "\n".join(lines).encode()


def markdown_chronicle(n: int) -> bytes:
    lines = [f"- **{_entry(i).replace(f'[{i}]', f'[^{i}]')}**" for i in range(1, n + 1)]
    lines += ["", "## Sources", ""] + [
        f"[^{i}]: https://news.example.kz/{i}" for i in range(1, n + 1)
    ]
    return "\n".join(lines).encode()


def html_chronicle(n: int) -> bytes:
    body = "".join(
        f"<p>{_entry(i).replace(f'[{i}]', f'<sup><a href=#fn{i}>{i}</a></sup>')}</p>"
        for i in range(1, n + 1)
    )
    notes = "".join(
        f"<li><a href='https://news.example.kz/{i}'>source</a></li>" for i in range(1, n + 1)
    )
    page = f"<html><body><nav>menu</nav><article><h1>March 2024</h1>{body}<ol>{notes}</ol></article></body></html>"
    return page.encode()


def docx_chronicle(n: int) -> bytes:
    import docx

    document = docx.Document()
    for i in range(1, n + 1):
        document.add_paragraph(_entry(i))
    document.add_paragraph("****")
    for i in range(1, n + 1):
        document.add_paragraph(f"[{i}] https://news.example.kz/{i}")
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def hostile() -> dict[str, bytes]:
    depth = 200_000
    return {
        "nested.html": (
            "<html><body>" + "<div>" * depth + "<p>March 2, Almaty, deep[1].</p>" + "</div>" * depth
        ).encode(),
        "unclosed.html": b"<a" * 5_000_000,
        "emphasis.md": ("March 1, Almaty, " + "**a " * 500_000 + "[1].\n").encode(),
    }


def _time(label: str, size: int, action: Callable[[], Document | None]) -> Document | None:
    start = time.perf_counter()
    try:
        result = action()
        note = f"{len(result.entries)} entries" if result else ""
    except KuzetError as exc:
        result, note = None, f"refused: {exc}"
    print(f"{label:<28} {size / 2**20:7.2f} MB {time.perf_counter() - start:8.2f} s  {note}")
    return result


def _read(data: bytes, name: str) -> Document:
    return read_bytes(data, name=name, period=PERIOD)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--entries", type=int, default=20_000)
    args = parser.parse_args()
    n = args.entries
    builders = {
        "chronicle.txt": text_chronicle,
        "chronicle.md": markdown_chronicle,
        "chronicle.html": html_chronicle,
        "chronicle.docx": docx_chronicle,
    }
    print(f"limit {MAX_BYTES / 2**20:.0f} MB; {n} entries per chronicle")
    for name, build in builders.items():
        data = build(n)
        doc = _time(f"read {name}", len(data), lambda d=data, f=name: _read(d, f))
        if doc is not None:
            _time(f"lint {name}", len(data), lambda d=doc: (lint(d), d)[1])
    for name, data in hostile().items():
        _time(f"read {name}", len(data), lambda d=data, f=name: _read(d, f))


if __name__ == "__main__":
    main()
