"""Publications made from the store: chronicles, reports, lists of people, exports, backups.

    selection.py      which entries a publication shows (published only by default),
                      and names withheld in confidential entries (redact.py)
    chronicle.py      the chronicle of a period, written by kuzet.chronicle.write
    report.py         the statistics report's figures; report_render.py: html, md, xlsx
                      (svg.py: bar charts drawn as SVG)
    situation.py      a person's situation on a date, from their timeline (pure)
    people_list.py    lists of persecuted people; an editor's overrides and recognitions
    tables.py         the export's tables; export.py: csv, jsonl, xlsx, geojson, sqlite, acled
                      (acled.py: the mapping to ACLED's columns)
    backup.py         a full backup of the instance, and its restore
    models.py         PersonStatusOverride, Recognition (Django app "publish")

The command-line shell is :mod:`kuzet.cli.publish_cmds`.
"""
