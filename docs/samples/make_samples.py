"""Make the samples in docs/samples/ from the fictional example chronicles.

    .venv/bin/python docs/samples/make_samples.py

Works in a throwaway KUZET_HOME: ingests examples/2024-03.txt and 2024-04.txt as
published, marks one entry confidential and one person as asking not to be named
(to show names withheld), records an editor's decisions, then runs every publishing
command. Every person in the examples is invented.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]


def kuzet(*args: str) -> None:
    code = "import sys; from kuzet.cli import main; sys.exit(main(sys.argv[1:]))"
    subprocess.run([sys.executable, "-c", code, *args], check=True)


def mark_confidential() -> None:
    from kuzet.setup import setup_django

    setup_django()
    from kuzet.store import models as m
    from kuzet.store import services

    # An entry whose people asked not to be named, and one person in another entry.
    entry = m.Entry.objects.get(document__key="2024-03", n=2)
    services.correct_entry(entry=entry, field="confidential", value=True, who="samples",
                           why="the organisers asked not to be named")
    m.PersonMention.objects.filter(entry__document__key="2024-04", key="Kuanyshbekova D.").update(confidential=True)


def main() -> None:
    home = Path(tempfile.mkdtemp(prefix="kuzet-samples-"))
    os.environ["KUZET_HOME"] = str(home)
    os.environ.pop("KUZET_DATABASE_URL", None)
    out = HERE
    for old in out.iterdir():
        if old.name not in ("make_samples.py", "README.md"):
            shutil.rmtree(old) if old.is_dir() else old.unlink()
    try:
        kuzet("ingest", "--status", "published", str(ROOT / "examples" / "2024-03.txt"),
              str(ROOT / "examples" / "2024-04.txt"))
        mark_confidential()
        kuzet("set-status", "Abenov R.", "abroad", "--since", "2024-04-29", "--detail", "left the country",
              "--note", "told by his lawyer")
        kuzet("recognize", "Sultanbayev A.", "--by", "Example Human Rights Bureau", "--date", "2024-04-25",
              "--criteria", "politically persecuted", "--source", "https://rights.example.org/statements/42")
        for fmt in ("txt", "md", "html", "docx"):
            kuzet("chronicle", "--from", "2024-03", "--to", "2024-03", "-o", str(out / f"chronicle-2024-03.{fmt}"))
        for fmt in ("html", "md", "xlsx"):
            kuzet("report", "--from", "2024-03", "--to", "2024-04", "-o", str(out / f"report-2024-03-to-04.{fmt}"))
        for fmt in ("md", "html", "csv", "xlsx"):
            kuzet("people-list", "--as-of", "2024-04-30", "-o", str(out / f"people-2024-04-30.{fmt}"))
        kuzet("people-list", "--as-of", "2024-04-30", "--status", "in-custody", "-o", str(out / "in-custody-2024-04-30.md"))
        exports = out / "export"
        exports.mkdir()
        kuzet("export", "--format", "csv", "-o", str(exports / "csv"))
        kuzet("export", "--format", "jsonl", "-o", str(exports / "entries.jsonl"))
        kuzet("export", "--format", "xlsx", "-o", str(exports / "kuzet.xlsx"))
        kuzet("export", "--format", "geojson", "-o", str(exports / "entries.geojson"))
        kuzet("export", "--format", "sqlite", "-o", str(exports / "kuzet.db"))
        kuzet("export", "--format", "acled", "-o", str(exports / "acled.csv"))
        kuzet("backup", str(out / "backup.jsonl.gz"))
    finally:
        shutil.rmtree(home, ignore_errors=True)


if __name__ == "__main__":
    main()
