"""A full backup of a Kuzet instance, and its restore into an empty one.

    backup(path) -> BackupReport      stream every record to a JSON-lines file (.gz: gzipped)
    restore(path, force=) -> BackupReport

The file is one header line (format version, Kuzet version, the migrations the
database had, the models in order), then one line per row in Django's
serialisation (users and groups by natural keys, so permissions survive a new
instance's ids), then a trailer with the count of rows per model. A file without
its trailer (cut short) is refused.

Restore is one transaction: it lands whole or not at all. It refuses a database
that holds records unless ``force``, in which case those records are deleted in
the same transaction. Rows keep their ids and timestamps (they are saved raw, as
``loaddata`` does); afterwards the id sequences are reset (PostgreSQL), the
full-text index is rebuilt (SQLite), and the counts are checked against the
trailer. The entries' derived columns (``facets``, ``facet_values``) are computed again
from the restored rows. Nothing is written to the audit trail, so that it is the backed-up one.
"""

from __future__ import annotations

import datetime as dt
import gzip
import json
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

from django.apps import apps
from django.core import serializers
from django.core.management.color import no_style
from django.core.serializers.base import DeserializationError
from django.core.serializers.json import DjangoJSONEncoder
from django.db import DatabaseError, IntegrityError, connection, transaction
from django.db.migrations.recorder import MigrationRecorder
from django.db.models import Model

from .. import __version__
from .errors import PublishError
from .files import atomic_file as _atomic_file

__all__ = ["BackupReport", "backed_up_models", "backup", "backup_apps", "restore"]

FORMAT = 1
# Kuzet's own apps with models (store, publish, accounts, ...) are found at run time,
# so that a new app's rows are never silently left out of a backup. Login throttling
# records (axes) and sessions are not kept: they are about this server, not the data.
CHUNK = 2000


@dataclass(frozen=True, slots=True)
class BackupReport:
    path: Path
    counts: dict[str, int]  # model label → rows

    @property
    def rows(self) -> int:
        return sum(self.counts.values())


def backed_up_models() -> list[type[Model]]:
    """Users and groups first (others refer to them by natural key), then the apps' models."""
    from django.contrib.auth.models import Group

    user = apps.get_model("auth", "User") if apps.is_installed("django.contrib.auth") else None
    models: list[type[Model]] = [Group] + ([user] if user else [])
    for label in backup_apps():
        models += list(apps.get_app_config(label).get_models())
    return models


def backup_apps() -> tuple[str, ...]:
    """Kuzet's apps with models, and the two-factor devices users log in with."""
    return tuple(
        config.label
        for config in apps.get_app_configs()
        if config.name.startswith(("kuzet.", "django_otp.plugins.")) and list(config.get_models())
    )


class _Encoder(DjangoJSONEncoder):
    """Django's encoder cuts times to milliseconds; a backup keeps them whole."""

    def default(self, o: Any) -> Any:
        if isinstance(o, dt.datetime):
            return o.isoformat()
        if isinstance(o, dt.time):
            return o.isoformat()
        return super().default(o)


def _label(model: type[Model]) -> str:
    return model._meta.label_lower


def _migrations() -> dict[str, list[str]]:
    recorder = MigrationRecorder(connection)
    out: dict[str, list[str]] = {}
    for app, name in sorted(recorder.applied_migrations()):
        if app in backup_apps() or app in ("auth", "contenttypes"):
            out.setdefault(app, []).append(name)
    return out


def _open(path: Path, mode: str, *, gz: bool | None = None) -> IO[str]:
    if gz if gz is not None else path.suffix == ".gz":
        return gzip.open(path, mode + "t", encoding="utf-8")  # type: ignore[return-value]
    return open(path, mode, encoding="utf-8")


def _rows(model: type[Model]) -> Iterator[dict[str, Any]]:
    qs = model._base_manager.order_by("pk")
    batch: list[Model] = []
    for obj in qs.iterator(chunk_size=CHUNK):
        batch.append(obj)
        if len(batch) == CHUNK:
            yield from serializers.serialize("python", batch, use_natural_foreign_keys=True)
            batch = []
    if batch:
        yield from serializers.serialize("python", batch, use_natural_foreign_keys=True)


def backup(path: Path) -> BackupReport:
    """Write every record to ``path`` (one consistent snapshot: read in one transaction)."""
    models = backed_up_models()
    counts: dict[str, int] = {}
    with _atomic_file(path) as tmp, _open(tmp, "w", gz=path.suffix == ".gz") as out, transaction.atomic():
        header = {
            "kuzet_backup": FORMAT,
            "kuzet_version": __version__,
            "created": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
            "database": connection.vendor,
            "migrations": _migrations(),
            "models": [_label(mdl) for mdl in models],
        }
        out.write(json.dumps(header) + "\n")
        for model in models:
            n = 0
            for row in _rows(model):
                out.write(json.dumps(row, cls=_Encoder, ensure_ascii=False) + "\n")
                n += 1
            counts[_label(model)] = n
        out.write(json.dumps({"kuzet_backup_end": True, "counts": counts}) + "\n")
    return BackupReport(path, counts)


# --- restore ----------------------------------------------------------------------------


def _header(path: Path) -> dict[str, Any]:
    try:
        with _open(path, "r") as f:
            first = f.readline()
        header = json.loads(first)
    except FileNotFoundError:
        raise PublishError(f"{path}: no such file") from None
    except (OSError, ValueError, EOFError, UnicodeDecodeError):
        raise PublishError(f"{path}: not a Kuzet backup (its first line is not a backup header)") from None
    if not isinstance(header, dict) or "kuzet_backup" not in header:
        raise PublishError(f"{path}: not a Kuzet backup (its first line is not a backup header)")
    if header["kuzet_backup"] != FORMAT:
        raise PublishError(f"{path}: backup format {header['kuzet_backup']} is not one this Kuzet reads ({FORMAT})")
    return header


def _check_schema(path: Path, header: dict[str, Any]) -> None:
    here = _migrations()
    for app, names in (header.get("migrations") or {}).items():
        unknown = sorted(set(names) - set(here.get(app, [])))
        if unknown:
            raise PublishError(
                f"{path} was made by a newer Kuzet (its database had migration {app}.{unknown[0]}); "
                "upgrade Kuzet, or run 'kuzet migrate' first"
            )


def _holds_records(models: list[type[Model]]) -> str | None:
    for model in models:
        if model._base_manager.exists():
            return _label(model)
    return None


def _clear(models: list[type[Model]]) -> None:
    """Delete every row of ``models`` (and their many-to-many links), without the ORM's cascade."""
    for model in reversed(models):
        for f in model._meta.local_many_to_many:
            f.remote_field.through._base_manager.all()._raw_delete(connection.alias)  # type: ignore[union-attr]
        model._base_manager.all()._raw_delete(connection.alias)


def _lines(path: Path) -> Iterator[tuple[int, dict[str, Any]]]:
    with _open(path, "r") as f:
        f.readline()
        for number, line in enumerate(f, start=2):
            if line.strip():
                try:
                    yield number, json.loads(line)
                except ValueError:
                    raise PublishError(f"{path}, line {number}: not JSON; the backup is damaged") from None


@contextmanager
def _failing_as(path: Path) -> Iterator[None]:
    try:
        yield
    except (DeserializationError, IntegrityError, DatabaseError, LookupError, ValueError, TypeError, EOFError,
            OSError) as exc:
        first = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
        raise PublishError(f"{path}: cannot restore, nothing was changed: {first}") from None


def restore(path: Path, *, force: bool = False) -> BackupReport:
    """Bring this (empty) instance to the state the backup at ``path`` records."""
    from ..store.services import refresh_all_facets

    header = _header(path)
    _check_schema(path, header)
    models = backed_up_models()
    by_label = {_label(mdl): mdl for mdl in models}
    missing = [label for label in header.get("models", []) if label not in by_label]
    if missing:
        raise PublishError(f"{path} holds {missing[0]} rows, which this Kuzet does not know")
    counts: dict[str, int] = {}
    trailer: dict[str, Any] | None = None
    with _failing_as(path), transaction.atomic():
        holder = _holds_records(models)
        if holder and not force:
            raise PublishError(
                f"the database already holds records ({holder}); restore into an empty one, "
                "or give --force to replace everything in it"
            )
        if holder:
            _clear(models)
        for number, row in _lines(path):
            if trailer is not None:
                raise PublishError(f"{path}, line {number}: rows after the end marker; the backup is damaged")
            if row.get("kuzet_backup_end"):
                trailer = row
                continue
            for obj in serializers.deserialize("python", [row], handle_forward_references=True):
                obj.save()
            counts[row["model"]] = counts.get(row["model"], 0) + 1
        if trailer is None:
            raise PublishError(f"{path} ends before its end marker: the backup is incomplete; nothing was restored")
        expected = {k: v for k, v in trailer.get("counts", {}).items() if v}
        if expected != counts:
            raise PublishError(f"{path}: the rows read ({counts}) differ from the counts the backup records")
        with connection.cursor() as cursor:
            for sql in connection.ops.sequence_reset_sql(no_style(), models):
                cursor.execute(sql)
        # The entries' derived columns (facet tokens and values) are computed again, so a
        # backup made before a column existed, or by another version, is counted right;
        # then the full-text index is rebuilt from them.
        refresh_all_facets()
    return BackupReport(path, {label: counts.get(label, 0) for label in header.get("models", [])})
