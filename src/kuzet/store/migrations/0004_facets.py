"""Facet tokens (``kuzet.store.facets``) on entries, indexed beside the text.

SQLite: the FTS5 table gets a second column, ``facets``. PostgreSQL: a generated
``facet_vector`` tsvector with its own GIN index. Existing entries get their facets
computed here, from their types, articles, sources, place, date and status.
"""

from __future__ import annotations

from typing import Any

from django.db import migrations, models
from django.db.backends.base.schema import BaseDatabaseSchemaEditor
from django.db.migrations.state import StateApps

SQLITE_UP = [
    "DROP TABLE IF EXISTS store_entry_fts",
    "CREATE VIRTUAL TABLE store_entry_fts USING fts5("
    "text, facets, content='store_entry', content_rowid='id', "
    "tokenize='unicode61 remove_diacritics 2')",
]
SQLITE_REBUILD = "INSERT INTO store_entry_fts(store_entry_fts) VALUES ('rebuild')"
SQLITE_DOWN = [
    "DROP TABLE IF EXISTS store_entry_fts",
    "CREATE VIRTUAL TABLE store_entry_fts USING fts5("
    "text, content='store_entry', content_rowid='id', "
    "tokenize='unicode61 remove_diacritics 2')",
    SQLITE_REBUILD,
]
POSTGRES_UP = [
    "ALTER TABLE store_entry ADD COLUMN facet_vector tsvector "
    "GENERATED ALWAYS AS (to_tsvector('simple'::regconfig, facets)) STORED",
    "CREATE INDEX store_entry_facets ON store_entry USING GIN (facet_vector)",
]
POSTGRES_DOWN = [
    "DROP INDEX IF EXISTS store_entry_facets",
    "ALTER TABLE store_entry DROP COLUMN IF EXISTS facet_vector",
]


def _backfill(apps: StateApps, schema_editor: BaseDatabaseSchemaEditor) -> None:
    from collections import defaultdict

    from kuzet.store.facets import entry_facets

    Entry = apps.get_model("store", "Entry")
    types: dict[int, list[str]] = defaultdict(list)
    for entry_id, type_id in apps.get_model("store", "EntryType").objects.values_list("entry_id", "type_id"):
        types[entry_id].append(type_id)
    refs: dict[int, list[Any]] = defaultdict(list)
    for entry_id, code, article, part in apps.get_model("store", "LegalRef").objects.values_list(
        "entry_id", "code", "article", "part"
    ):
        refs[entry_id].append((code, article, part or None))
    domains: dict[int, list[str]] = defaultdict(list)
    for entry_id, domain in apps.get_model("store", "Citation").objects.values_list("entry_id", "source__domain"):
        domains[entry_id].append(domain)
    regions = dict(apps.get_model("store", "Place").objects.values_list("id", "region_id"))
    batch = []
    for e in Entry.objects.only(
        "id", "document_id", "place_id", "date", "date_precision", "review_status", "confidential"
    ).iterator(chunk_size=2000):
        places = [p for p in (e.place_id, regions.get(e.place_id)) if p]
        e.facets = entry_facets(
            document_id=e.document_id, types=types[e.id], articles=refs[e.id], domains=domains[e.id],
            place_ids=places, date=e.date, date_precision=e.date_precision,
            status=e.review_status, confidential=e.confidential,
        )
        batch.append(e)
        if len(batch) >= 2000:
            Entry.objects.bulk_update(batch, ["facets"])
            batch = []
    Entry.objects.bulk_update(batch, ["facets"])


def _index(up: bool):  # type: ignore[no-untyped-def]
    def run(apps: StateApps, schema_editor: BaseDatabaseSchemaEditor) -> None:
        vendor = schema_editor.connection.vendor
        if up:
            _backfill(apps, schema_editor)
            statements = {"sqlite": SQLITE_UP + [SQLITE_REBUILD], "postgresql": POSTGRES_UP}
        else:
            statements = {"sqlite": SQLITE_DOWN, "postgresql": POSTGRES_DOWN}
        for sql in statements.get(vendor, []):
            schema_editor.execute(sql)

    return run


class Migration(migrations.Migration):
    dependencies = [("store", "0003_search_indexes")]

    operations = [
        migrations.AddField(
            model_name="entry",
            name="facets",
            field=models.TextField(blank=True, default=""),
        ),
        migrations.RunPython(_index(True), _index(False)),
    ]
