"""Ingest a chronicle document: one transaction per document, idempotent, diffed.

    ingest_files(paths, jobs=N)     what ``kuzet ingest`` runs: read → lint → extract
                                    (in N worker processes) → store, one file while the
                                    next one is being extracted
    ingest_file(path, ...)          one file, all in this process
    ingest_document(document, ...)  store a read Document (records may be given)

A document is known by its ``key`` (its period, ``YYYY-MM``, unless the caller names
another key). Ingesting the same bytes again changes nothing ("unchanged"); a new
version is aligned with the stored one paragraph by paragraph, so that an entry
whose words are the same keeps its row (and everything people did to it), a
paragraph that was edited keeps its row but gets its values re-extracted (then the
people's corrections are replayed over them), and the rest is added or removed.
"""

from __future__ import annotations

import difflib
import hashlib
import time
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import Future
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from django.db import connection, models, transaction
from django.db.models import F
from django.utils import timezone
from rapidfuzz import fuzz

from ..chronicle import model as cm
from ..chronicle.errors import KuzetError
from ..chronicle.knowledge import Knowledge
from ..chronicle.lint import Finding
from ..chronicle.parallel import (
    ExtractionFailed,
    ExtractionPool,
    PendingExtraction,
    document_label,
    extract_chunk,
    read_and_lint,
)
from . import models as m
from . import search
from .facets import entry_facets, entry_values
from .rows import (
    PlaceCache,
    SourceCache,
    canonical_url,
    date_fields,
    place_fields,
    url_domain,
)

__all__ = [
    "FileResult",
    "IngestRefused",
    "IngestReport",
    "IngestTimings",
    "Progress",
    "document_key",
    "ingest_document",
    "ingest_file",
    "ingest_files",
    "settle",
]

# A paragraph edited so much that it is less similar than this to its old words
# is a different entry: the old one is removed and a new one added, so that
# corrections made to the old incident are not replayed onto another.
SAME_ENTRY_SIMILARITY = 60.0

Progress = Callable[[str, int, int], None]  # (stage, done, total)


class IngestRefused(KuzetError):
    """The document has lint errors and ``force`` was not given."""


@dataclass(frozen=True, slots=True)
class IngestReport:
    key: str
    name: str
    outcome: str  # created, updated, unchanged
    entries: int
    added: tuple[int, ...] = ()  # entry numbers in the new version
    changed: tuple[int, ...] = ()
    removed: tuple[int, ...] = ()  # entry numbers in the old version
    findings: tuple[Finding, ...] = ()
    same_as: str = ""  # for "unchanged": the key the same bytes are stored under

    def to_dict(self) -> dict[str, object]:
        return {
            "key": self.key,
            "name": self.name,
            "outcome": self.outcome,
            "entries": self.entries,
            "added": list(self.added),
            "changed": list(self.changed),
            "removed": list(self.removed),
            "lint": {
                s: sum(1 for f in self.findings if f.severity == s)
                for s in ("error", "warning", "info")
            },
        }


def document_key(document: cm.Document) -> str:
    return str(document.period) if document.period else document.name


def ingest_file(
    path: str | Path,
    *,
    period: cm.Period | None = None,
    key: str | None = None,
    status: str = m.ReviewStatus.DRAFT,
    force: bool = False,
    knowledge: Knowledge | None = None,
    who: str = "kuzet ingest",
    progress: Progress | None = None,
) -> IngestReport:
    """Read, lint, extract and store one file, in this process."""
    document, sha256, findings = read_and_lint(Path(path), period)
    checked = _check(document, sha256=sha256, key=key, status=status, force=force, findings=findings)

    def extracted() -> Sequence[cm.Record]:
        return _extract(document, knowledge, progress)

    return _store(checked, extracted, status=status, who=who, progress=progress)


def ingest_document(
    document: cm.Document,
    *,
    sha256: str | None = None,
    records: Sequence[cm.Record] | None = None,
    key: str | None = None,
    status: str = m.ReviewStatus.DRAFT,
    force: bool = False,
    knowledge: Knowledge | None = None,
    who: str = "kuzet ingest",
    progress: Progress | None = None,
) -> IngestReport:
    """Store a document. ``records`` (one per entry, in order) skips extraction.

    ``sha256`` is the hash of the file's bytes; without it, a hash of the entries and
    references stands in.
    """
    checked = _check(document, sha256=sha256, key=key, status=status, force=force)

    def extracted() -> Sequence[cm.Record]:
        return records if records is not None else _extract(document, knowledge, progress)

    return _store(checked, extracted, status=status, who=who, progress=progress)


# --- several files, extraction in worker processes -----------------------------------

# Below this many entries to extract, starting worker processes (about half a second
# of CPU each to load the data files) costs more than it saves.
POOL_MIN_ENTRIES = 1000

FileProgress = Callable[[Path, str, int, int], None]  # (file, stage, done, total)


@dataclass(frozen=True, slots=True)
class FileResult:
    """What became of one file: a report, or the error that stopped it."""

    path: Path
    report: IngestReport | None = None
    error: KuzetError | None = None


@dataclass
class IngestTimings:
    """Seconds spent per phase, added up over a run (for benchmarks). Wall-clock in
    this process, except ``extract_cpu``: CPU time of whoever extracted."""

    read: float = 0.0  # reading, hashing and linting files (waiting for it in a worker)
    extract_wait: float = 0.0  # waiting for extraction (all of it when in-process)
    extract_cpu: float = 0.0
    store: float = 0.0  # the transaction, linking included
    link: float = 0.0  # person linking, inside the transaction
    store_cpu: float = 0.0  # CPU time of this process in the transaction, linking included
    link_cpu: float = 0.0
    settle: float = 0.0  # statistics brought up to date after the last file (see settle)
    documents: int = 0
    entries: int = 0  # entries of the documents stored
    pool: bool = False  # whether worker processes extracted

    def add(self, phase: str, seconds: float) -> None:
        setattr(self, phase, getattr(self, phase) + seconds)


def ingest_files(
    paths: Sequence[str | Path],
    *,
    period: cm.Period | None = None,
    key: str | None = None,
    status: str = m.ReviewStatus.DRAFT,
    force: bool = False,
    knowledge: Knowledge | None = None,
    who: str = "kuzet ingest",
    jobs: int = 1,
    progress: FileProgress | None = None,
    timings: IngestTimings | None = None,
    pool_min_entries: int = POOL_MIN_ENTRIES,
) -> Iterator[FileResult]:
    """Ingest files one after another, each all-or-nothing; yields one result per file,
    in the order given.

    With ``jobs`` > 1, worker processes extract the entries (chunk by chunk, in
    document order: the same records as in-process) while this process stores the
    previous document; the database is written by this process only. The pool starts
    once there are ``pool_min_entries`` entries to extract.
    """
    if jobs < 1:
        raise KuzetError(f"--jobs must be at least 1, not {jobs}")
    if key and len(paths) > 1:
        raise KuzetError("a key names one document; give one file with it")
    run = _Run(
        period=period, key=key, status=status, force=force, knowledge=knowledge, who=who,
        jobs=jobs, progress=progress, timings=timings if timings is not None else IngestTimings(),
        pool_min_entries=pool_min_entries,
    )
    try:
        ahead: _Ready | FileResult | None = None
        run.paths = [Path(p) for p in paths]
        for i, path in enumerate(run.paths):
            item = run.prepare(i, path)  # extraction of this file starts in the workers
            if ahead is not None:
                yield run.complete(ahead)  # ... while the one before is stored
            ahead = item
        if ahead is not None:
            yield run.complete(ahead)
        run.close()
        if run.timings.entries:
            t0 = time.perf_counter()
            settle(run.timings.entries)
            run.timings.add("settle", time.perf_counter() - t0)
    finally:
        run.close()


# After a bulk import, PostgreSQL's planner statistics and the table's visibility map
# lag until autovacuum reaches the table (once about a fifth of it is new); meanwhile a
# search reads every matching row from the table (docs/store.md, "After a large import").
# An import of a tenth of the table, or of this many entries, settles them at once.
SETTLE_SHARE = 0.1
SETTLE_ALWAYS = 10_000


def settle(new_entries: int) -> str:
    """Bring the database's statistics up to date after ``new_entries`` were stored;
    returns what was done: "vacuum", "analyze", "optimize" or "" (nothing needed).

    PostgreSQL: ``VACUUM (ANALYZE)`` of the entries table (merges the full-text index's
    pending list, marks the new pages all-visible, refreshes statistics) when the import
    is large for the table; inside a transaction, where VACUUM cannot run, ``ANALYZE``.
    SQLite: ``PRAGMA optimize`` (runs ANALYZE where SQLite finds it worthwhile)."""
    table = connection.ops.quote_name(m.Entry._meta.db_table)
    with connection.cursor() as cursor:
        if connection.vendor != "postgresql":
            cursor.execute("PRAGMA optimize")
            return "optimize"
        cursor.execute("SELECT reltuples FROM pg_class WHERE oid = %s::regclass", [m.Entry._meta.db_table])
        row = cursor.fetchone()
        rows = max(float(row[0]) if row else 0.0, 0.0)
        if new_entries < SETTLE_ALWAYS and new_entries < SETTLE_SHARE * rows:
            return ""
        if connection.in_atomic_block:
            cursor.execute(f"ANALYZE {table}")
            return "analyze"
        cursor.execute(f"VACUUM (ANALYZE) {table}")
        return "vacuum"


@dataclass(frozen=True, slots=True)
class _Checked:
    """A document that passed lint (or was forced), with what storing it needs."""

    document: cm.Document
    key: str
    sha256: str
    findings: tuple[Finding, ...]
    forced: bool  # stored despite lint errors


@dataclass(frozen=True, slots=True)
class _Ready:
    path: Path
    checked: _Checked
    pending: PendingExtraction | None  # None: extract in this process when storing


@dataclass
class _Run:
    """The state of one ``ingest_files`` run: settings, the pool, the timings."""

    period: cm.Period | None
    key: str | None
    status: str
    force: bool
    knowledge: Knowledge | None
    who: str
    jobs: int
    progress: FileProgress | None
    timings: IngestTimings
    pool_min_entries: int
    pool: ExtractionPool | None = None
    to_extract: int = 0  # entries seen so far that need extracting
    paths: list[Path] = field(default_factory=list)
    reads: dict[int, Future[tuple[cm.Document, str, tuple[Finding, ...]]]] = field(default_factory=dict)

    def prepare(self, i: int, path: Path) -> _Ready | FileResult:
        """Read and lint (in a worker once the pool is on, the next file's reading
        started already); send the entries to the workers when the pool is on."""
        self._tell(path, "reading", 0, 0)
        try:
            t0 = time.perf_counter()
            if self.pool is not None:
                future = self.reads.pop(i, None) or self.pool.submit_read(path, self.period)
                self._read_ahead(i + 1)
                document, sha256, findings = self.pool.read_result(future, path)
            else:
                document, sha256, findings = read_and_lint(path, self.period)
            t1 = time.perf_counter()
            checked = _check(
                document, sha256=sha256, key=self.key, status=self.status, force=self.force, findings=findings
            )
            self.timings.add("read", t1 - t0)
            return _Ready(path, checked, self._submit(checked, i))
        except KuzetError as exc:
            return FileResult(path, error=exc)

    def _read_ahead(self, i: int) -> None:
        if self.pool is not None and i < len(self.paths) and i not in self.reads:
            self.reads[i] = self.pool.submit_read(self.paths[i], self.period)

    def _submit(self, checked: _Checked, i: int) -> PendingExtraction | None:
        if self.jobs == 1 or _same_bytes(checked.key, checked.sha256) is not None:
            return None  # stored already: nothing to extract (checked again when storing)
        self.to_extract += len(checked.document.entries)
        if self.pool is None and self.to_extract >= self.pool_min_entries:
            self.pool = ExtractionPool(self.jobs, self.knowledge)
            self._read_ahead(i + 1)  # from now on the workers read and lint too
        if self.pool is None:
            return None
        self.timings.pool = True
        return self.pool.submit(checked.document)

    def complete(self, item: _Ready | FileResult) -> FileResult:
        """Wait for the records and store them, in one transaction."""
        if isinstance(item, FileResult):
            return item
        path, pending = item.path, item.pending

        def tell(stage: str, done: int, total: int) -> None:
            self._tell(path, "extracting" if stage == "extract" else "storing", done, total)

        def extracted() -> Sequence[cm.Record]:
            t0 = time.perf_counter()
            try:
                if pending is None:
                    c0 = time.process_time()
                    records = _extract(item.checked.document, self.knowledge, tell)
                    self.timings.add("extract_cpu", time.process_time() - c0)
                else:
                    records = pending.records(lambda done, total: tell("extract", done, total))
                    self.timings.add("extract_cpu", pending.cpu_seconds)
            finally:
                self.timings.add("extract_wait", time.perf_counter() - t0)
            return records

        try:
            report = _store(item.checked, extracted, status=self.status, who=self.who,
                            progress=tell, timings=self.timings)
        except KuzetError as exc:
            if pending is not None:
                pending.cancel()
            return FileResult(path, error=exc)
        return FileResult(path, report=report)

    def _tell(self, path: Path, stage: str, done: int, total: int) -> None:
        if self.progress is not None:
            self.progress(path, stage, done, total)

    def close(self) -> None:
        if self.pool is not None:
            self.pool.close()
            self.pool = None


# --- the steps ----------------------------------------------------------------------


def _check(
    document: cm.Document,
    *,
    sha256: str | None,
    key: str | None,
    status: str,
    force: bool,
    findings: tuple[Finding, ...] | None = None,
) -> _Checked:
    """Lint (unless the findings are given); refuse a document with errors unless ``force``."""
    from ..chronicle.lint import lint

    if status not in m.ReviewStatus.values:
        raise KuzetError(f"unknown review status {status!r}; one of: {', '.join(m.ReviewStatus.values)}")
    if findings is None:
        findings = tuple(lint(document))
    errors = [f for f in findings if f.severity == "error"]
    if errors and not force:
        raise IngestRefused(
            f"{document.name}: {len(errors)} lint error(s), first: {_describe(errors[0])}; "
            "fix the document or ingest with --force"
        )
    return _Checked(
        document,
        key or document_key(document),
        sha256 or _content_hash(document),
        findings,
        bool(errors),
    )


def _store(
    checked: _Checked,
    extracted: Callable[[], Sequence[cm.Record]],
    *,
    status: str,
    who: str,
    progress: Progress | None,
    timings: IngestTimings | None = None,
) -> IngestReport:
    """Unless the same bytes are stored already: get the records, write them."""
    document = checked.document
    same = _same_bytes(checked.key, checked.sha256)
    if same is not None:
        return IngestReport(
            checked.key, document.name, "unchanged", same[1], findings=checked.findings, same_as=same[0]
        )
    records = extracted()
    if len(records) != len(document.entries):
        raise ValueError("records must match the document's entries one to one")
    t0, c0 = time.perf_counter(), time.process_time()
    with transaction.atomic():
        report = _Writer(
            document, records, checked.key, checked.sha256, checked.findings, status, who,
            progress, checked.forced, timings,
        ).run()
    if timings is not None:
        timings.add("store", time.perf_counter() - t0)
        timings.add("store_cpu", time.process_time() - c0)
        timings.documents += 1
        timings.entries += len(document.entries)
    return report


def _describe(finding: Finding) -> str:
    where = f"entry {finding.entry}: " if finding.entry is not None else ""
    return f"{where}{finding.message}"


def _content_hash(document: cm.Document) -> str:
    h = hashlib.sha256()
    for entry in document.entries:
        h.update(entry.text.encode("utf-8") + b"\0")
    for ref in document.references:
        h.update(f"{ref.n} {ref.url}\0".encode())
    return h.hexdigest()


def _same_bytes(key: str, sha256: str) -> tuple[str, int] | None:
    """The key and entry count of a stored document with these very bytes: the one
    under ``key``, or, when there is none, the same file stored under another key."""
    doc = m.Document.objects.filter(key=key).first()
    if doc is None:
        doc = m.Document.objects.filter(sha256=sha256).first()
    if doc is None or doc.sha256 != sha256:
        return None
    return doc.key, doc.entries.count()


def _extract(
    document: cm.Document, knowledge: Knowledge | None, progress: Progress | None
) -> list[cm.Record]:
    """Extract in this process (as the workers do: a failure names the entry)."""
    doc = document_label(document)
    out: list[cm.Record] = []
    total = len(document.entries)
    step = 50  # the progress bar need not move after every entry
    for start in range(0, total, step):
        try:
            chunk, _ = extract_chunk(
                document.entries[start : start + step], doc=doc, period=document.period, knowledge=knowledge
            )
        except ExtractionFailed as exc:
            raise ExtractionFailed(f"{document.name}: {exc}") from None
        out += chunk
        if progress is not None:
            progress("extract", len(out), total)
    return out


@dataclass
class _Plan:
    """How the stored entries line up with the new version's."""

    keep: list[tuple[m.Entry, int]] = field(default_factory=list)  # same words
    change: list[tuple[m.Entry, int]] = field(default_factory=list)  # edited
    add: list[int] = field(default_factory=list)  # indexes into the new entries
    remove: list[m.Entry] = field(default_factory=list)


def _align(old: list[m.Entry], new: Sequence[cm.Entry]) -> _Plan:
    plan = _Plan()
    matcher = difflib.SequenceMatcher(
        None, [e.text for e in old], [e.text for e in new], autojunk=False
    )
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op == "equal":
            plan.keep.extend((old[i1 + k], j1 + k) for k in range(i2 - i1))
            continue
        olds, news = list(range(i1, i2)), list(range(j1, j2))
        for i, j in _pair_similar(old, new, olds, news):
            plan.change.append((old[i], j))
            olds.remove(i)
            news.remove(j)
        plan.remove.extend(old[i] for i in olds)
        plan.add.extend(news)
    return plan


def _pair_similar(
    old: list[m.Entry], new: Sequence[cm.Entry], olds: list[int], news: list[int]
) -> list[tuple[int, int]]:
    """Pairs (old, new) within one differing stretch, most similar first."""
    scored = sorted(
        (
            (fuzz.ratio(old[i].text, new[j].text), i, j)
            for i in olds
            for j in news
        ),
        reverse=True,
    )
    pairs: list[tuple[int, int]] = []
    used_old: set[int] = set()
    used_new: set[int] = set()
    for score, i, j in scored:
        if score < SAME_ENTRY_SIMILARITY:
            break
        if i not in used_old and j not in used_new:
            pairs.append((i, j))
            used_old.add(i)
            used_new.add(j)
    return pairs


class _Writer:
    """Writes one document inside the caller's transaction."""

    BATCH = 2000

    def __init__(
        self,
        document: cm.Document,
        records: Sequence[cm.Record],
        key: str,
        sha256: str,
        findings: tuple[Finding, ...],
        status: str,
        who: str,
        progress: Progress | None,
        forced: bool,
        timings: IngestTimings | None = None,
    ) -> None:
        self.document = document
        self.records = records
        self.key = key
        self.sha256 = sha256
        self.findings = findings
        self.status = status
        self.who = who
        self.progress = progress
        self.forced = forced
        self.timings = timings
        self.now = timezone.now()
        self.places = PlaceCache()
        self.sources = SourceCache()
        self.refmap = document.reference_map()
        self._canonical: dict[int, str] = {}

    def run(self) -> IngestReport:
        from . import services

        row, created = self._document_row()
        old = list(m.Entry.objects.filter(document=row).order_by("n"))
        plan = _align(old, self.document.entries)
        self._recited(plan)
        self._remove(plan.remove)
        self._renumber(row, plan.keep + plan.change)
        self._load_sources()
        self._update_changed(plan.change)
        self._create(row, plan.add)
        t0, c0 = time.perf_counter(), time.process_time()
        services.link_persons(row)
        if self.timings is not None:
            self.timings.add("link", time.perf_counter() - t0)
            self.timings.add("link_cpu", time.process_time() - c0)
        report = IngestReport(
            key=self.key,
            name=self.document.name,
            outcome="created" if created else "updated",
            entries=len(self.document.entries),
            added=tuple(sorted(j + 1 for j in plan.add)),
            changed=tuple(sorted(j + 1 for _, j in plan.change)),
            removed=tuple(sorted(e.n for e in plan.remove)),
            findings=self.findings,
        )
        services.audit(
            who=self.who,
            action="ingest",
            obj=row,
            new={k: v for k, v in report.to_dict().items() if k != "lint"},
            why=f"ingested {self.document.name}",
        )
        return report

    def _document_row(self) -> tuple[m.Document, bool]:
        values = dict(
            period=str(self.document.period) if self.document.period else "",
            name=self.document.name,
            title=self.document.title or "",
            format=self.document.format,
            sha256=self.sha256,
            lint_findings=[_finding_dict(f) for f in self.findings],
            forced=self.forced,
            updated_at=self.now,
        )
        row = m.Document.objects.select_for_update().filter(key=self.key).first()
        if row is None:
            return m.Document.objects.create(key=self.key, ingested_at=self.now, **values), True
        for name, value in values.items():
            setattr(row, name, value)
        row.save()
        return row, False

    def _recited(self, plan: _Plan) -> None:
        """Entries with the same words whose footnotes now point elsewhere (a link fixed
        in the new version's references) are changed entries: their citations, sources
        and facets are written again."""
        if not plan.keep:
            return
        cited: dict[int, list[tuple[int, str]]] = {}
        rows = m.Citation.objects.filter(entry_id__in=[e.pk for e, _ in plan.keep]).order_by("entry_id", "position")
        for entry_id, footnote, url in rows.values_list("entry_id", "footnote", "original_url"):
            cited.setdefault(entry_id, []).append((footnote, url))
        keep = []
        for e, j in plan.keep:
            now = [(n, self.refmap[n]) for n in self.document.entries[j].refs if n in self.refmap]
            (keep if cited.get(e.pk, []) == now else plan.change).append((e, j))
        plan.keep = keep

    def _remove(self, entries: list[m.Entry]) -> None:
        from . import services

        if not entries:
            return
        search.unindex_entries((e.pk, e.text, e.facets) for e in entries)
        for e in entries:
            services.audit(
                who=self.who, action="ingest", obj=e, field="text", old=e.text, new=None,
                why=f"removed from {self.document.name}",
            )
        m.Entry.objects.filter(pk__in=[e.pk for e in entries]).delete()

    def _renumber(self, row: m.Document, pairs: list[tuple[m.Entry, int]]) -> None:
        moved = [(e, j + 1) for e, j in pairs if e.n != j + 1]
        if not moved:
            return
        # Two steps, because (document, n) is unique at every moment.
        shift = 1 + max(e.n for e, _ in moved) + len(self.document.entries)
        m.Entry.objects.filter(pk__in=[e.pk for e, _ in moved]).update(n=F("n") + shift)
        for e, n in moved:
            e.n = n
            e.line = self.document.entries[n - 1].line
        m.Entry.objects.bulk_update([e for e, _ in moved], ["n", "line"], batch_size=self.BATCH)

    def _load_sources(self) -> None:
        urls = {
            self.canonical(n)
            for entry in self.document.entries
            for n in entry.refs
            if n in self.refmap
        }
        self.sources.load(urls)

    def _update_changed(self, pairs: list[tuple[m.Entry, int]]) -> None:
        from . import services

        if not pairs:
            return
        entries = [e for e, _ in pairs]
        search.unindex_entries((e.pk, e.text, e.facets) for e in entries)
        ids = [e.pk for e in entries]
        for model in (m.Sanction, m.PersonMention, m.LegalRef, m.EntryType, m.Citation):
            model.objects.filter(entry_id__in=ids).delete()
        for e, j in pairs:
            services.audit(
                who=self.who, action="ingest", obj=e, field="text", old=e.text,
                new=self.document.entries[j].text, why=f"changed in {self.document.name}",
            )
            self._fill(e, j)
            e.updated_at = self.now
            e.save()
        self._children([(e, self.records[j], self.document.entries[j]) for e, j in pairs])
        for e in entries:
            services.replay_corrections(e)  # a person's fix wins over the new extraction
            services.refresh_facets(e)
        search.index_entries((e.pk, e.text, e.facets) for e in entries)

    def _fill(self, e: m.Entry, j: int) -> None:
        record = self.records[j]
        src = self.document.entries[j]
        e.text = src.text
        e.line = src.line
        e.n = j + 1
        for name, value in date_fields(record.date).items():
            setattr(e, name, value)
        for name, value in place_fields(record.place, self.places).items():
            setattr(e, name, value)
        e.date_confirmed = False
        e.place_confirmed = False
        e.facets = self._facets(e, record, src)
        e.facet_values = entry_values(
            types=[t.value for t in record.types],
            articles=[(r.value.code, r.value.article) for r in record.legal_refs],
            domains=[self.sources[self.canonical(n)].domain for n in src.refs if n in self.refmap],
            sanctions=[s.value.kind for s in record.sanctions],
        )

    def _facets(self, e: m.Entry, record: cm.Record, src: cm.Entry) -> str:
        place_ids = [e.place.pk, e.place.region_id] if e.place is not None else []
        return entry_facets(
            document_id=e.document_id,
            types=[t.value for t in record.types],
            articles=[(r.value.code, r.value.article, r.value.part) for r in record.legal_refs],
            domains=[url_domain(self.canonical(n)) for n in src.refs if n in self.refmap],
            place_ids=[p for p in place_ids if p],
            date=e.date,  # type: ignore[arg-type]
            date_precision=e.date_precision,
            status=e.review_status,
            confidential=e.confidential,
        )

    def _create(self, row: m.Document, indexes: list[int]) -> None:
        total = len(indexes)
        for start in range(0, total, self.BATCH):
            batch = indexes[start : start + self.BATCH]
            entries = []
            for j in batch:
                e = m.Entry(
                    document=row,
                    review_status=self.status,
                    created_at=self.now,
                    updated_at=self.now,
                )
                self._fill(e, j)
                entries.append(e)
            _insert_entries(entries)
            self._children(
                [(e, self.records[j], self.document.entries[j]) for e, j in zip(entries, batch, strict=True)]
            )
            search.index_entries((e.pk, e.text, e.facets) for e in entries)
            if self.progress is not None:
                self.progress("store", min(start + self.BATCH, total), total)

    def _children(self, items: list[tuple[m.Entry, cm.Record, cm.Entry]]) -> None:
        """Insert the entries' persons, sanctions, legal references, types and citations:
        the rows of :func:`~kuzet.store.rows.child_rows`, written as plain tuples (model
        instances cost more CPU than the database's work; see docs/benchmarks.md)."""
        persons: list[tuple[Any, ...]] = []
        for entry, record, _ in items:
            persons += [
                (entry.pk, mn.value.written or mn.text, mn.value.name, mn.value.role, mn.start, mn.end, mn.text, False, False)
                for mn in record.persons
            ]
        ids = _insert(m.PersonMention, _PERSON_COLUMNS, persons, returning=True)
        mention = {}
        for pk, row in zip(reversed(ids), reversed(persons), strict=True):
            mention[(row[0], row[2])] = pk  # (entry, key): the first mention wins
        sanctions: list[tuple[Any, ...]] = []
        refs: list[tuple[Any, ...]] = []
        types: list[tuple[Any, ...]] = []
        citations: list[tuple[Any, ...]] = []
        for entry, record, src in items:
            e = entry.pk
            sanctions += [
                (e, mention.get((e, mn.value.person)) if mn.value.person else None, mn.value.person or "",
                 mn.value.kind, mn.value.days, mn.value.amount_kzt, mn.value.status, mn.start, mn.end, mn.text, False)
                for mn in record.sanctions
            ]
            refs += [
                (e, mn.value.code, mn.value.article, mn.value.part or "", mn.start, mn.end, mn.text, False)
                for mn in record.legal_refs
            ]
            types += [(e, mn.value, mn.start, mn.end, mn.text, False) for mn in record.types]
            citations += self._citations(e, src)
        _insert(m.Sanction, _SANCTION_COLUMNS, sanctions)
        _insert(m.LegalRef, _LEGALREF_COLUMNS, refs)
        _insert(m.EntryType, _TYPE_COLUMNS, types)
        _insert(m.Citation, _CITATION_COLUMNS, citations)

    def _citations(self, entry_id: int, src: cm.Entry) -> list[tuple[Any, ...]]:
        out: list[tuple[Any, ...]] = []
        for position, n in enumerate(src.refs):
            url = self.refmap.get(n)
            if url is None:
                continue  # a footnote with no reference: lint reports it
            out.append((entry_id, self.sources[self.canonical(n)].pk, n, url, position))
        return out

    def canonical(self, n: int) -> str:
        """Footnote ``n``'s canonical URL, worked out once per document."""
        url = self._canonical.get(n)
        if url is None:
            url = self._canonical[n] = canonical_url(self.refmap[n])
        return url


_PERSON_COLUMNS = ("entry", "written", "key", "role", "start", "end", "text", "confirmed", "confidential")
_SANCTION_COLUMNS = (
    "entry", "mention", "person_key", "kind", "days", "amount_kzt", "status", "start", "end", "text", "confirmed",
)
_LEGALREF_COLUMNS = ("entry", "code", "article", "part", "start", "end", "text", "confirmed")
_TYPE_COLUMNS = ("entry", "type_id", "start", "end", "text", "confirmed")
_CITATION_COLUMNS = ("entry", "source", "footnote", "original_url", "position")


def _insert_entries(entries: list[m.Entry]) -> None:
    """``bulk_create`` for new entries, at a fraction of its CPU: dates and times go
    through their fields' conversion, every other column as it is."""
    fields = [f for f in m.Entry._meta.concrete_fields if not f.primary_key]
    convert = [isinstance(f, (models.DateField, models.DateTimeField)) for f in fields]
    rows: list[tuple[Any, ...]] = [
        tuple(
            f.get_db_prep_save(getattr(e, f.attname), connection) if c else getattr(e, f.attname)
            for f, c in zip(fields, convert, strict=True)
        )
        for e in entries
    ]
    ids = _insert(m.Entry, [f.name for f in fields], rows, returning=True)
    for e, pk in zip(entries, ids, strict=True):
        e.pk = pk
        e._state.adding = False
        e._state.db = connection.alias


def _insert(
    model: type[models.Model], fields: Sequence[str], rows: Sequence[tuple[Any, ...]], *, returning: bool = False
) -> list[int]:
    """INSERT ``rows`` (values of ``fields``, in order); with ``returning``, the new ids
    in row order. Only for values the driver takes as they are (numbers, strings,
    booleans, None, and dates already converted by their field)."""
    if not rows:
        return []
    qn = connection.ops.quote_name
    meta = model._meta
    columns = ", ".join(qn(meta.get_field(f).column) for f in fields)
    tail = f" RETURNING {qn(meta.pk.column)}" if returning else ""
    ids: list[int] = []
    with connection.cursor() as cur:
        if connection.vendor == "postgresql":
            # One statement whose parameters are one array per column (as Django 5.2's
            # bulk_create does): a short query that psycopg parses once, not a thousand
            # placeholders parsed on every call.
            arrays = ", ".join(f"%s::{meta.get_field(f).db_type(connection)}[]" for f in fields)
            cur.execute(
                f"INSERT INTO {qn(meta.db_table)} ({columns}) SELECT * FROM UNNEST({arrays}){tail}",
                [list(column) for column in zip(*rows, strict=True)],
            )
            return [r[0] for r in cur.fetchall()] if returning else []
        one = "(" + ", ".join(["%s"] * len(fields)) + ")"
        per_statement = max(1, 990 // len(fields))  # SQLite builds may cap parameters at 999
        for i in range(0, len(rows), per_statement):
            chunk = rows[i : i + per_statement]
            sql = f"INSERT INTO {qn(meta.db_table)} ({columns}) VALUES {', '.join([one] * len(chunk))}{tail}"
            cur.execute(sql, [value for row in chunk for value in row])
            if returning:
                ids += [r[0] for r in cur.fetchall()]
    return ids


def _finding_dict(f: Finding) -> dict[str, object]:
    return {
        "code": f.code,
        "severity": f.severity,
        "message": f.message,
        "entry": f.entry,
        "reference": f.reference,
    }
