"""An index for the entries page's default order on PostgreSQL: newest first, undated last.

``ORDER BY date DESC NULLS LAST, id DESC``: PostgreSQL reads ``entry_date`` (date, id)
backwards as ``DESC NULLS FIRST``, so without this index a search matching the whole
record sorted every entry for its first page (0.15–0.2 s at 100,000 entries). SQLite
sorts NULL first, so it reads ``entry_date`` backwards in this very order and needs no
second index (nor could it have this one: it has no ``NULLS LAST`` in an index).
Written as SQL for PostgreSQL only; the models do not declare it for that reason.
"""

from __future__ import annotations

from typing import Any

from django.db import migrations


def create(apps: Any, schema_editor: Any) -> None:
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(
            "CREATE INDEX IF NOT EXISTS entry_date_desc ON store_entry (date DESC NULLS LAST, id DESC)"
        )


def drop(apps: Any, schema_editor: Any) -> None:
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("DROP INDEX IF EXISTS entry_date_desc")


class Migration(migrations.Migration):

    dependencies = [
        ("store", "0009_entry_facet_values"),
    ]

    operations = [migrations.RunPython(create, drop)]
