"""Ingest with extraction in worker processes: the same records and rows as in-process,
failures that name the problem and leave the database as it was."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from kuzet.chronicle.errors import KuzetError
from kuzet.chronicle.extract import extract_document
from kuzet.chronicle.knowledge import Knowledge
from kuzet.chronicle.model import Document, Entry, Period
from kuzet.chronicle.parallel import ExtractionPool, chunk_size
from kuzet.store import models as m
from kuzet.store import services
from kuzet.synthetic import generate_entries, write_chronicle

KUZET = [sys.executable, "-c", "import sys; from kuzet.cli import main; sys.exit(main())"]


def _document(n: int, period: str = "2022-04", seed: int = 3) -> Document:
    entries = tuple(
        Entry(n=i + 1, text=text, refs=(i + 1,))
        for i, (text, _) in enumerate(generate_entries(n, seed=seed, period=period))
    )
    return Document(name=f"{period}.txt", format="txt", period=Period.parse(period), entries=entries)


@pytest.mark.parametrize(
    ("entries", "jobs", "size"),
    [(1, 2, 25), (100, 2, 25), (1000, 2, 125), (5000, 2, 250), (5000, 8, 157)],
)
def test_chunks_share_a_document_between_workers(entries: int, jobs: int, size: int) -> None:
    assert chunk_size(entries, jobs) == size, (entries, jobs)


def test_the_pool_gives_the_records_of_the_serial_path_in_document_order() -> None:
    doc = _document(130)  # several chunks of 25 for two workers
    with ExtractionPool(jobs=2) as pool:
        pending = pool.submit(doc)
        seen: list[tuple[int, int]] = []
        parallel = pending.records(lambda done, total: seen.append((done, total)))
        assert len(set(pool.worker_pids())) == 2
    assert parallel == extract_document(doc)
    assert [r.n for r in parallel] == list(range(1, 131))
    assert seen[-1] == (130, 130) and len(seen) == 6  # one progress call per chunk
    assert pending.cpu_seconds > 0


def test_the_pool_refuses_no_workers() -> None:
    with pytest.raises(ValueError, match="at least 1"):
        ExtractionPool(jobs=0)


def _rows() -> list[tuple[object, ...]]:
    """Everything ingest stores for the entries, without row ids."""
    out: list[tuple[object, ...]] = []
    for e in m.Entry.objects.order_by("document__key", "n"):
        out.append((
            e.document.key, e.n, e.text, e.date, e.date_precision, e.date_start, e.date_end,
            e.place.key if e.place else None, e.place_precision, e.place_start, e.facets.split()[1:],  # without the document token
            tuple(e.person_mentions.values_list("key", "written", "role", "start", "end")),
            tuple(e.legal_refs.values_list("code", "article", "part", "start", "end")),
            tuple(e.sanctions.values_list("kind", "days", "amount_kzt", "status", "person_key", "mention__key")),
            tuple(e.types.values_list("type_id", "start", "end")),
            tuple(e.citations.values_list("footnote", "source__url", "position")),
        ))
    return out


@pytest.mark.db
def test_ingest_with_workers_stores_what_ingest_in_process_stores(db: None, tmp_path: Path) -> None:
    paths = [
        write_chronicle(tmp_path / f"2021-0{k}.txt", 60, period=f"2021-0{k}", seed=k) for k in (1, 2)
    ]
    serial = list(services.ingest_files(paths, jobs=1))
    assert [r.report.outcome for r in serial if r.report] == ["created", "created"]
    before = _rows()
    for doc in m.Document.objects.all():
        services.remove_document(document=doc, who="test")
    timings = services.IngestTimings()
    parallel = list(services.ingest_files(paths, jobs=2, pool_min_entries=0, timings=timings))
    assert timings.pool and timings.entries == 120 and timings.extract_cpu > 0
    assert [(r.path, r.report.outcome, r.report.added) for r in parallel if r.report] == [
        (r.path, "created", tuple(range(1, 61))) for r in serial
    ]
    assert _rows() == before
    # Again: stored already, so nothing is sent to the workers at all.
    again = services.IngestTimings()
    outcomes = [r.report.outcome for r in services.ingest_files(paths, jobs=2, pool_min_entries=0, timings=again) if r.report]
    assert outcomes == ["unchanged", "unchanged"] and not again.pool


@pytest.mark.db
def test_results_come_in_the_order_given_with_errors_in_their_place(db: None, tmp_path: Path) -> None:
    good = write_chronicle(tmp_path / "2021-05.txt", 30, period="2021-05", seed=5)
    empty = tmp_path / "2021-06.txt"
    empty.write_text("nothing dated here\n", encoding="utf-8")
    other = write_chronicle(tmp_path / "2021-07.txt", 30, period="2021-07", seed=7)
    results = list(services.ingest_files([good, tmp_path / "missing.txt", empty, other], jobs=2, pool_min_entries=0))
    assert [r.path.name for r in results] == ["2021-05.txt", "missing.txt", "2021-06.txt", "2021-07.txt"]
    assert [r.report is not None for r in results] == [True, False, False, True]
    assert "cannot read" in str(results[1].error)
    assert sorted(m.Document.objects.values_list("key", flat=True)) == ["2021-05", "2021-07"]


@pytest.mark.db
def test_a_killed_worker_gives_a_message_and_stores_nothing(
    db: None, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = write_chronicle(tmp_path / "2021-03.txt", 200, period="2021-03", seed=2)
    submit = ExtractionPool.submit

    def submit_then_kill(self: ExtractionPool, document: Document):  # type: ignore[no-untyped-def]
        pending = submit(self, document)
        for pid in self.worker_pids():  # our own pool's workers, by id
            os.kill(pid, signal.SIGKILL)
        return pending

    monkeypatch.setattr(ExtractionPool, "submit", submit_then_kill)
    [result] = services.ingest_files([path], jobs=2, pool_min_entries=0)
    assert result.report is None
    assert str(result.error) == (
        "2021-03.txt: an extraction worker stopped unexpectedly (out of memory or killed?); "
        "nothing was stored for this document"
    )
    assert not m.Document.objects.exists() and not m.Entry.objects.exists()
    monkeypatch.setattr(ExtractionPool, "submit", submit)
    [retry] = services.ingest_files([path], jobs=2, pool_min_entries=0)
    assert retry.report is not None and retry.report.outcome == "created"


@pytest.mark.db
def test_a_broken_data_file_in_the_workers_is_one_line_and_stores_nothing(db: None, tmp_path: Path) -> None:
    taxonomy = tmp_path / "taxonomy.yaml"
    taxonomy.write_text("types: [unclosed\n", encoding="utf-8")
    path = write_chronicle(tmp_path / "2021-04.txt", 40, period="2021-04", seed=4)
    knowledge = Knowledge(taxonomy_file=taxonomy)
    for jobs in (1, 2):
        [result] = services.ingest_files([path], jobs=jobs, knowledge=knowledge, pool_min_entries=0)
        message = str(result.error)
        assert message.startswith(f"2021-04.txt: {taxonomy}:") and "\n" not in message, (jobs, message)
        assert not m.Entry.objects.exists()


@pytest.mark.db
def test_jobs_must_be_positive(db: None, tmp_path: Path) -> None:
    with pytest.raises(KuzetError, match="at least 1"):
        list(services.ingest_files([tmp_path / "x.txt"], jobs=0))


@pytest.mark.parametrize("value", ["0", "-2", "many"])
def test_the_jobs_option_is_checked_before_anything_is_read(value: str, tmp_path: Path) -> None:
    env = {k: v for k, v in os.environ.items() if k != "KUZET_DATABASE_URL"}
    env["KUZET_HOME"] = str(tmp_path / "home")
    done = subprocess.run(
        [*KUZET, "ingest", "--jobs", value, str(tmp_path / "2020-01.txt")],
        capture_output=True, text=True, env=env, timeout=60, check=False,
    )
    assert done.returncode == 2, done.stderr
    assert "--jobs" in done.stderr and "Traceback" not in done.stderr
    assert not (tmp_path / "home").exists()  # refused before a database was made


def _session(sid: int) -> list[tuple[int, str]]:
    """(pid, state) of the live processes in session ``sid`` (ours: we started it)."""
    out = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[3]) == sid and fields[0] != "Z":  # fields: state, ppid, pgrp, session
            out.append((int(entry.name), fields[0]))
    return out


@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="reads /proc")
def test_workers_leave_when_the_ingest_is_killed(tmp_path: Path) -> None:
    import time

    paths = [str(write_chronicle(tmp_path / f"2019-0{k}.txt", 1000, period=f"2019-0{k}", seed=k)) for k in (1, 2, 3)]
    env = {k: v for k, v in os.environ.items() if k != "KUZET_DATABASE_URL"}
    env["KUZET_HOME"] = str(tmp_path / "home")
    main = subprocess.Popen([*KUZET, "ingest", "--jobs", "2", *paths], env=env, start_new_session=True,
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        deadline = time.monotonic() + 60
        while len(_session(main.pid)) < 4 and main.poll() is None and time.monotonic() < deadline:
            time.sleep(0.1)  # the command, the fork server and two workers
        assert len(_session(main.pid)) >= 4, "the pool did not start"
    finally:
        main.kill()
        main.wait()
    deadline = time.monotonic() + 15
    while _session(main.pid) and time.monotonic() < deadline:
        time.sleep(0.2)
    assert _session(main.pid) == []
