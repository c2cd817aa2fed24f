"""``Entry.facet_values``: the related values the entries page counts, kept with the entry.

The column is filled for the entries already stored, a block of ids at a time (so a
database of a million entries is filled in bounded memory).
"""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from django.db import migrations, models

from kuzet.store.facets import entry_values

BLOCK = 20000


def fill(apps: Any, schema_editor: Any) -> None:
    Entry = apps.get_model("store", "Entry")
    related = {
        "types": (apps.get_model("store", "EntryType"), ("type_id",)),
        "articles": (apps.get_model("store", "LegalRef"), ("code", "article")),
        "domains": (apps.get_model("store", "Citation"), ("source__domain",)),
        "sanctions": (apps.get_model("store", "Sanction"), ("kind",)),
    }
    ids = Entry.objects.order_by("pk").values_list("pk", flat=True)
    last = 0
    while True:
        block = list(ids.filter(pk__gt=last)[:BLOCK])
        if not block:
            return
        lo, hi = block[0], block[-1]
        values: dict[str, dict[int, list[Any]]] = {}
        for name, (model, columns) in related.items():
            found: dict[int, list[Any]] = defaultdict(list)
            for row in model.objects.filter(entry_id__gte=lo, entry_id__lte=hi).values_list("entry_id", *columns):
                found[row[0]].append(row[1:] if len(columns) > 1 else row[1])
            values[name] = found
        changed = []
        for e in Entry.objects.filter(pk__gte=lo, pk__lte=hi).only("pk"):
            e.facet_values = entry_values(**{name: found.get(e.pk, ()) for name, found in values.items()})
            if e.facet_values:
                changed.append(e)
        Entry.objects.bulk_update(changed, ["facet_values"], batch_size=2000)
        last = hi


class Migration(migrations.Migration):

    dependencies = [
        ("store", "0008_person_updated_index"),
    ]

    operations = [
        migrations.AddField(
            model_name="entry",
            name="facet_values",
            field=models.TextField(blank=True, default=""),
        ),
        migrations.RunPython(fill, migrations.RunPython.noop, elidable=True),
    ]
