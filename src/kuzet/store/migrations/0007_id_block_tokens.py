"""PostgreSQL: an id-block token in the search vector, so a search can look at the
newest entries first without reading whole posting lists.

Every entry's ``search_vector`` also holds the blocks of 2^12, 2^14, 2^16 and 2^18
ids its id lies in (``0ib12x244 0ib14x61 0ib16x15 0ib18x3`` for id 1,000,000;
``kuzet.store.facets.id_block_token``). A search for the newest matches asks for
``words & filters & (0ib12x244 | 0ib14x60)``, then for older, wider windows only if
it found too few: GIN intersects the block lists with the word lists by skipping,
and visits only the rows of the blocks asked for; several sizes let a wide window
be a few tokens, and let GIN start from whichever list is shortest. Without the token an id range is SQL applied *after* GIN has
returned every match in the table (see docs/benchmarks.md, "Search latency").

The id never changes, so the token never goes stale. SQLite is unchanged: FTS5 walks
its rowids newest first by itself.

The column is re-created (PostgreSQL 15 cannot change a generation expression in
place), which rewrites the table and rebuilds the GIN index: minutes at a million
entries.
"""

from __future__ import annotations

from django.db import migrations
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


def _vector(expression: str) -> list[str]:
    return [
        "DROP INDEX IF EXISTS store_entry_search",
        "ALTER TABLE store_entry DROP COLUMN IF EXISTS search_vector",
        f"ALTER TABLE store_entry ADD COLUMN search_vector tsvector GENERATED ALWAYS AS ({expression}) STORED",
        # The index build sorts every (lexeme, row) pair: more memory, fewer passes.
        "SET LOCAL maintenance_work_mem = '256MB'",
        "CREATE INDEX store_entry_search ON store_entry USING GIN (search_vector)",
        "ANALYZE store_entry",
    ]


UP = _vector(f"{WORDS_AND_FACETS} || {ID_BLOCKS}")
DOWN = _vector(WORDS_AND_FACETS)


def _run(statements: list[str]):  # type: ignore[no-untyped-def]
    def run(apps: StateApps, schema_editor: BaseDatabaseSchemaEditor) -> None:
        if schema_editor.connection.vendor == "postgresql":
            for sql in statements:
                schema_editor.execute(sql)

    return run


class Migration(migrations.Migration):
    dependencies = [("store", "0006_one_search_vector")]

    operations = [migrations.RunPython(_run(UP), _run(DOWN))]
