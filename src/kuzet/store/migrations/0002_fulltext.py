"""The full-text index over entry text, which is not a Django model.

SQLite: an FTS5 table with external content (``store_entry``), kept in step by
``kuzet.store.search`` (called by the services that write entries), not by triggers,
so that every write path is visible in Python. PostgreSQL: a stored generated
``tsvector`` column with a GIN index; the database computes it from the row itself,
so it cannot drift.

Neither stems words: the index is language-neutral (chronicles may be in English,
Russian or Kazakh, and most searches are for names); ``detain*`` finds "detained"
and "detention".
"""

from __future__ import annotations

from django.db import migrations
from django.db.backends.base.schema import BaseDatabaseSchemaEditor
from django.db.migrations.state import StateApps

SQLITE_UP = [
    "CREATE VIRTUAL TABLE store_entry_fts USING fts5("
    "text, content='store_entry', content_rowid='id', "
    "tokenize='unicode61 remove_diacritics 2')",
    # Entries that exist already (none on a new database) enter the index.
    "INSERT INTO store_entry_fts(store_entry_fts) VALUES ('rebuild')",
]
SQLITE_DOWN = ["DROP TABLE IF EXISTS store_entry_fts"]
POSTGRES_UP = [
    "ALTER TABLE store_entry ADD COLUMN search_vector tsvector "
    "GENERATED ALWAYS AS (to_tsvector('simple'::regconfig, text)) STORED",
    "CREATE INDEX store_entry_search ON store_entry USING GIN (search_vector)",
]
POSTGRES_DOWN = [
    "DROP INDEX IF EXISTS store_entry_search",
    "ALTER TABLE store_entry DROP COLUMN IF EXISTS search_vector",
]


def _run(statements: dict[str, list[str]]):  # type: ignore[no-untyped-def]
    def run(apps: StateApps, schema_editor: BaseDatabaseSchemaEditor) -> None:
        for sql in statements.get(schema_editor.connection.vendor, []):
            schema_editor.execute(sql)

    return run


class Migration(migrations.Migration):
    dependencies = [("store", "0001_initial")]

    operations = [
        migrations.RunPython(
            _run({"sqlite": SQLITE_UP, "postgresql": POSTGRES_UP}),
            _run({"sqlite": SQLITE_DOWN, "postgresql": POSTGRES_DOWN}),
        ),
    ]
