"""PostgreSQL: one tsvector for words and facet tokens, so that one GIN index scan
intersects a query's words and filters.

With two vectors (0002, 0004) the planner combined two GIN bitmaps, or filtered
one of them row by row, and visited the table for every entry matching either side.
Facet tokens enter the vector with a "0" in front ("0tydetention"): no word of a
chronicle starts so, so a search for words never meets a filter's token. SQLite is
unchanged (FTS5 keeps the two columns apart and intersects them itself).
"""

from __future__ import annotations

from django.db import migrations
from django.db.backends.base.schema import BaseDatabaseSchemaEditor
from django.db.migrations.state import StateApps

VECTOR = (
    "to_tsvector('simple'::regconfig, text) || "
    "to_tsvector('simple'::regconfig, regexp_replace(facets, '(\\S+)', '0\\1', 'g'))"
)
UP = [
    "DROP INDEX IF EXISTS store_entry_facets",
    "ALTER TABLE store_entry DROP COLUMN IF EXISTS facet_vector",
    "DROP INDEX IF EXISTS store_entry_search",
    "ALTER TABLE store_entry DROP COLUMN IF EXISTS search_vector",
    f"ALTER TABLE store_entry ADD COLUMN search_vector tsvector GENERATED ALWAYS AS ({VECTOR}) STORED",
    "CREATE INDEX store_entry_search ON store_entry USING GIN (search_vector)",
]
DOWN = [
    "DROP INDEX IF EXISTS store_entry_search",
    "ALTER TABLE store_entry DROP COLUMN IF EXISTS search_vector",
    "ALTER TABLE store_entry ADD COLUMN search_vector tsvector "
    "GENERATED ALWAYS AS (to_tsvector('simple'::regconfig, text)) STORED",
    "CREATE INDEX store_entry_search ON store_entry USING GIN (search_vector)",
    "ALTER TABLE store_entry ADD COLUMN facet_vector tsvector "
    "GENERATED ALWAYS AS (to_tsvector('simple'::regconfig, facets)) STORED",
    "CREATE INDEX store_entry_facets ON store_entry USING GIN (facet_vector)",
]


def _run(statements: list[str]):  # type: ignore[no-untyped-def]
    def run(apps: StateApps, schema_editor: BaseDatabaseSchemaEditor) -> None:
        if schema_editor.connection.vendor == "postgresql":
            for sql in statements:
                schema_editor.execute(sql)

    return run


class Migration(migrations.Migration):
    dependencies = [("store", "0005_confidential_mentions")]

    operations = [migrations.RunPython(_run(UP), _run(DOWN))]
