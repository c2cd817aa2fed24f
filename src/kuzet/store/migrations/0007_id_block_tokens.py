"""PostgreSQL: id-block tokens in the search vector, so that a search can read the
newest matches first instead of every match in the table.

Every entry's ``search_vector`` also holds the blocks of 2^12, 2^14, 2^16 and 2^18
ids its id lies in (``0ib12x244 0ib14x61 0ib16x15 0ib18x3`` for id 1,000,000;
``kuzet.store.facets.id_block_token``). A search for the newest matches asks for
``search_vector @@ <words and filters> AND search_vector @@ '0ib12x244 | 0ib14x60'``,
then for older windows only if it found too few: GIN intersects the two conditions
by skipping, so only the window's part of the word lists and only the window's rows
are read. Several sizes keep a wide window to a few tokens. An id range in SQL
cannot do this: it is applied after GIN has returned every match in the table (see
docs/benchmarks.md, "Search latency").

The id never changes, so the tokens never go stale. SQLite is unchanged: FTS5 walks
its rowids newest first by itself.

The column is re-created (PostgreSQL 15 cannot change a generation expression in
place), which rewrites the table and rebuilds the GIN index: 85 s for a million
entries on the development machine.
"""

from __future__ import annotations

from django.db import migrations, transaction
from django.db.backends.base.schema import BaseDatabaseSchemaEditor
from django.db.migrations.state import StateApps

WORDS_AND_FACETS = (
    "to_tsvector('simple'::regconfig, text) || "
    "to_tsvector('simple'::regconfig, regexp_replace(facets, '(\\S+)', '0\\1', 'g'))"
)
# kuzet.store.facets.ID_BLOCK_LEVELS must name the same sizes.
ID_BLOCKS = "to_tsvector('simple'::regconfig, " + " || ' ' || ".join(
    f"'0ib{bits}x' || (id >> {bits})::text" for bits in (12, 14, 16, 18)
) + ")"


def _vector(expression: str, options: str = "") -> list[str]:
    return [
        "DROP INDEX IF EXISTS store_entry_search",
        "ALTER TABLE store_entry DROP COLUMN IF EXISTS search_vector",
        f"ALTER TABLE store_entry ADD COLUMN search_vector tsvector GENERATED ALWAYS AS ({expression}) STORED",
        # The index build sorts every (lexeme, row) pair: more memory, fewer passes.
        "SET LOCAL maintenance_work_mem = '256MB'",
        # New rows wait in GIN's pending list, which every search reads in full, until
        # it outgrows the limit (4 MB by default: 400 pages, 6-15 ms a search after an
        # ingest) or a vacuum comes; autovacuum waits for a fifth of the table to be
        # new. 128 kB holds about a hundred entries and costs ingest little.
        f"CREATE INDEX store_entry_search ON store_entry USING GIN (search_vector){options}",
    ]


UP = _vector(f"{WORDS_AND_FACETS} || {ID_BLOCKS}", " WITH (gin_pending_list_limit = 128)")
DOWN = _vector(WORDS_AND_FACETS)


def _run(statements: list[str]):  # type: ignore[no-untyped-def]
    def run(apps: StateApps, schema_editor: BaseDatabaseSchemaEditor) -> None:
        if schema_editor.connection.vendor != "postgresql":
            return
        with transaction.atomic(using=schema_editor.connection.alias):
            for sql in statements:
                schema_editor.execute(sql)
        # The rewritten table has no visibility map, so index-only scans (the date
        # range of a search, counting) would visit every row until autovacuum came
        # by, which a table that is only read may wait long for. VACUUM cannot run
        # inside a transaction: hence this migration is not atomic.
        schema_editor.execute("VACUUM ANALYZE store_entry")

    return run


class Migration(migrations.Migration):
    atomic = False
    dependencies = [("store", "0006_one_search_vector")]

    operations = [migrations.RunPython(_run(UP), _run(DOWN))]
