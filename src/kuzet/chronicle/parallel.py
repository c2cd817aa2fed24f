"""Extract entries in a pool of worker processes, in document order.

    with ExtractionPool(jobs=2) as pool:
        pending = pool.submit(document)      # returns at once; workers start on it
        ...                                  # (the caller stores the previous document)
        records = pending.records()          # in document order, as extract_document

Pure library: no Django, no database. The workers are started with the
``forkserver`` method, so they do not inherit the caller's open database
connections or threads (a forked SQLite or PostgreSQL connection used or closed by
a child corrupts the parent's); each worker builds its :class:`Knowledge` once,
when it starts, and keeps it for every chunk it extracts.

Extraction of an entry depends only on the entry, the document's label and period,
and the knowledge, so splitting a document into chunks gives the very records the
serial :func:`~kuzet.chronicle.extract.extract_document` gives.
"""

from __future__ import annotations

import contextlib
import multiprocessing
import os
import threading
import time
from collections.abc import Callable, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass
from pathlib import Path
from types import TracebackType

from .errors import KuzetError
from .knowledge import Knowledge, default_knowledge
from .lint import Finding
from .model import Document, Entry, Period, Record

__all__ = [
    "ExtractionFailed",
    "ExtractionPool",
    "PendingExtraction",
    "chunk_size",
    "default_jobs",
    "extract_chunk",
    "read_and_lint",
]

# Chunks small enough that two workers share a document evenly and the first
# results come back soon; large enough that sending them costs little.
MIN_CHUNK = 25
MAX_CHUNK = 250

Progress = Callable[[int, int], None]  # (entries done, total)


class ExtractionFailed(KuzetError):
    """Extraction of an entry failed, or a worker process stopped."""


def default_jobs() -> int:
    """The CPUs this process may run on."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not on Linux
        return max(1, os.cpu_count() or 1)


def chunk_size(entries: int, jobs: int) -> int:
    """About four chunks per worker for one document, within bounds."""
    return max(MIN_CHUNK, min(MAX_CHUNK, -(-entries // (4 * max(jobs, 1)))))


@dataclass(frozen=True, slots=True)
class _KnowledgeSpec:
    """What a worker needs to build the same knowledge (a Knowledge holds a lock and
    caches, which do not cross processes)."""

    default: bool
    language: str = "en"
    gazetteer_files: tuple[Path, ...] = ()
    replace_gazetteer: bool = False
    taxonomy_file: Path | None = None

    @classmethod
    def of(cls, knowledge: Knowledge | None) -> _KnowledgeSpec:
        if knowledge is None or knowledge is default_knowledge():
            return cls(default=True)
        return cls(
            False,
            knowledge.language,
            knowledge.gazetteer_files,
            knowledge.replace_gazetteer,
            knowledge.taxonomy_file,
        )

    def build(self) -> Knowledge:
        if self.default:
            return default_knowledge()
        return Knowledge(
            language=self.language,
            gazetteer_files=self.gazetteer_files,
            replace_gazetteer=self.replace_gazetteer,
            taxonomy_file=self.taxonomy_file,
        )


# The worker's knowledge, built once by _start_worker.
_worker_knowledge: Knowledge | None = None


def _start_worker(spec: _KnowledgeSpec, parent: int) -> None:
    """Build the knowledge and load every data file now, not on the first chunk; and
    leave when the process that started the pool is gone."""
    global _worker_knowledge
    threading.Thread(target=_watch, args=(parent,), name="kuzet-parent-watch", daemon=True).start()
    _worker_knowledge = spec.build()
    with contextlib.suppress(Exception):  # a bad data file: the first chunk reports it clearly
        _warm_up(_worker_knowledge)


def _watch(parent: int) -> None:
    """Exit when ``parent`` has died (killed, say): a worker of a dead pool would wait
    for work forever, since the pool's queue never reports end-of-file to it."""
    while True:
        time.sleep(1.0)
        try:
            os.kill(parent, 0)
        except ProcessLookupError:
            os._exit(1)
        except PermissionError:  # the id went to another user's process: ours is gone
            os._exit(1)


def _warm_up(knowledge: Knowledge) -> None:
    from .extract import extract_entry

    # A fictional entry that touches every extractor (and so every data file).
    text = "On 3 May, Almaty, the court fined activist Testov T. under Article 488 of the Code of Administrative Offences[1]."
    extract_entry(Entry(n=1, text=text, refs=(1,)), doc="warm-up", period=Period(2020, 5), knowledge=knowledge)


def extract_chunk(
    entries: Sequence[Entry], *, doc: str, period: Period | None, knowledge: Knowledge | None
) -> tuple[list[Record], float]:
    """Extract ``entries`` in order; returns the records and the CPU seconds spent.

    A failure names the entry; an error already meant for a user (a malformed data
    file) keeps its own message.
    """
    from .extract import extract_entry

    knowledge = knowledge or default_knowledge()
    started = time.process_time()
    out: list[Record] = []
    for entry in entries:
        try:
            out.append(extract_entry(entry, doc=doc, period=period, knowledge=knowledge))
        except KuzetError as exc:
            raise ExtractionFailed(str(exc)) from None
        except Exception as exc:  # noqa: BLE001 - a bug on odd text must still name the entry
            raise ExtractionFailed(
                f"entry {entry.n}: extraction failed ({type(exc).__name__}: {exc})"
            ) from None
    return out, time.process_time() - started


def _work(entries: tuple[Entry, ...], doc: str, period: Period | None) -> tuple[list[Record], float]:
    return extract_chunk(entries, doc=doc, period=period, knowledge=_worker_knowledge)


class _Carried(Exception):
    """A user-facing error on its way out of a worker: its class and message (some
    errors' constructors take more than a message, so they do not pickle as they are)."""

    def __init__(self, kind: type[KuzetError], message: str) -> None:
        super().__init__(kind, message)
        self.kind, self.message = kind, message

    def restore(self) -> KuzetError:
        try:
            return self.kind(self.message)
        except Exception:  # noqa: BLE001 - a constructor wanting more than a message
            return KuzetError(self.message)


def read_and_lint(path: Path, period: Period | None) -> tuple[Document, str, tuple[Finding, ...]]:
    """Read a file, hash its bytes (SHA-256) and lint it."""
    import hashlib

    from .lint import lint
    from .read import read_document

    try:
        data = path.read_bytes()
    except OSError as exc:
        raise KuzetError(f"{path}: cannot read: {exc.strerror or exc}") from None
    document = read_document(path, period=period)
    return document, hashlib.sha256(data).hexdigest(), tuple(lint(document))


def _read_work(path: Path, period: Period | None) -> tuple[Document, str, tuple[Finding, ...]]:
    try:
        return read_and_lint(path, period)
    except KuzetError as exc:
        raise _Carried(type(exc), str(exc)) from None


def document_label(document: Document) -> str:
    """The ``doc`` field of a document's records (as :func:`extract_document`)."""
    return str(document.period) if document.period else document.name


class PendingExtraction:
    """The chunks of one document on their way through the pool."""

    def __init__(self, document: Document, futures: list[Future[tuple[list[Record], float]]]) -> None:
        self.document = document
        self._futures = futures
        self.cpu_seconds = 0.0  # spent by the workers on this document

    def records(self, progress: Progress | None = None) -> list[Record]:
        """Wait for every chunk; the records in document order."""
        total = len(self.document.entries)
        out: list[Record] = []
        try:
            for future in self._futures:
                chunk, seconds = future.result()
                out += chunk
                self.cpu_seconds += seconds
                if progress is not None:
                    progress(len(out), total)
        except BrokenProcessPool:
            raise ExtractionFailed(
                f"{self.document.name}: an extraction worker stopped unexpectedly "
                "(out of memory or killed?); nothing was stored for this document"
            ) from None
        except ExtractionFailed as exc:
            self.cancel()
            raise ExtractionFailed(f"{self.document.name}: {exc}") from None
        return out

    def cancel(self) -> None:
        """Drop chunks not started yet (the document will not be stored)."""
        for future in self._futures:
            future.cancel()


class ExtractionPool:
    """A process pool that extracts documents chunk by chunk (see the module docs)."""

    def __init__(self, jobs: int, knowledge: Knowledge | None = None) -> None:
        if jobs < 1:
            raise ValueError("jobs must be at least 1")
        self.jobs = jobs
        self._spec = _KnowledgeSpec.of(knowledge)
        self._executor = self._start()

    def _start(self) -> ProcessPoolExecutor:
        context = multiprocessing.get_context("forkserver")
        # The server imports this module (and so the extractors) once; each worker
        # forks from it and only has to load the data files.
        context.set_forkserver_preload([__name__, "kuzet.chronicle.extract"])
        return ProcessPoolExecutor(
            max_workers=self.jobs,
            mp_context=context,
            initializer=_start_worker,
            initargs=(self._spec, os.getpid()),
        )

    def submit(self, document: Document) -> PendingExtraction:
        """Send the document's chunks to the workers. After a worker died (the
        documents then in flight fail with a message), a fresh pool takes over."""
        try:
            return self._submit(document)
        except BrokenProcessPool:
            self._executor.shutdown(wait=False, cancel_futures=True)
            self._executor = self._start()
            return self._submit(document)

    def _submit(self, document: Document) -> PendingExtraction:
        entries = document.entries
        size = chunk_size(len(entries), self.jobs)
        doc, period = document_label(document), document.period
        futures = [
            self._executor.submit(_work, entries[i : i + size], doc, period)
            for i in range(0, len(entries), size)
        ]
        return PendingExtraction(document, futures)

    def submit_read(self, path: Path, period: Period | None) -> Future[tuple[Document, str, tuple[Finding, ...]]]:
        """Read, hash and lint a file in a worker (see :func:`read_and_lint`)."""
        try:
            return self._executor.submit(_read_work, path, period)
        except BrokenProcessPool:
            self._executor.shutdown(wait=False, cancel_futures=True)
            self._executor = self._start()
            return self._executor.submit(_read_work, path, period)

    @staticmethod
    def read_result(
        future: Future[tuple[Document, str, tuple[Finding, ...]]], path: Path
    ) -> tuple[Document, str, tuple[Finding, ...]]:
        """What :meth:`submit_read` gave, or its error as raised in this process."""
        try:
            return future.result()
        except _Carried as exc:
            raise exc.restore() from None
        except BrokenProcessPool:
            raise ExtractionFailed(
                f"{path.name}: a worker stopped unexpectedly while reading it (out of memory or "
                "killed?); nothing was stored for this document"
            ) from None

    def worker_pids(self) -> list[int]:
        """The workers' process ids (for diagnostics; empty before the first submit)."""
        return [p.pid for p in (self._executor._processes or {}).values() if p.pid is not None]

    def close(self) -> None:
        self._executor.shutdown(wait=True, cancel_futures=True)

    def __enter__(self) -> ExtractionPool:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()
