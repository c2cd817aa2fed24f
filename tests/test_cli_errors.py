"""Bad input to ``kuzet read`` / ``kuzet lint``: a one-line message, a non-zero exit, no traceback."""

from __future__ import annotations

import io
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from kuzet.cli import main

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "chronicles"


def _zip(files: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, data in files.items():
            archive.writestr(name, data)
    return buffer.getvalue()


BAD_FILES: dict[str, tuple[bytes, str]] = {
    "empty.txt": (b"", "is empty"),
    "blank.txt": (b"\n \n\t\n", "is empty"),
    "binary.txt": (bytes(range(256)) * 64, "binary"),
    "image.png": (b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 8, "binary"),
    "report.pdf": (b"%PDF-1.4\n1 0 obj\n", "is a PDF"),
    "fake.docx": (b"June 1, Almaty, not a zip[1].", "not a Word document"),
    "other.docx": (_zip({"notes.txt": b"x"}), "not a Word document"),
    "old.doc": (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(64), "old Word .doc"),
    "letter.txt": (b"Dear colleagues,\nthe meeting moves to Friday.\n", "no dated entries"),
    "dateless.txt": (b"March 1, Almaty, a fine[1].\n", "give it with --period YYYY-MM"),
}


def _check(code: int, out: str, err: str, expected: str) -> None:
    assert code != 0
    assert out == ""
    assert err.startswith("kuzet: ") and err.endswith("\n") and err.count("\n") == 1, err
    assert expected in err, err
    assert "Traceback" not in err


@pytest.mark.parametrize("command", ["read", "lint"])
@pytest.mark.parametrize("name", sorted(BAD_FILES))
def test_bad_files_give_one_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], command: str, name: str
) -> None:
    data, expected = BAD_FILES[name]
    path = tmp_path / name
    path.write_bytes(data)
    code = main([command, str(path)])
    out, err = capsys.readouterr()
    _check(code, out, err, expected)


def test_a_missing_path(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code = main(["read", str(tmp_path / "nowhere" / "2024-03.txt")])
    _check(code, *capsys.readouterr(), "no such file")


def test_a_directory(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code = main(["lint", str(tmp_path)])
    _check(code, *capsys.readouterr(), "is a directory")


def test_a_file_over_the_size_limit(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    big = tmp_path / "2024-03.txt"
    with big.open("wb") as fh:
        fh.truncate(50 * 1024 * 1024)
    code = main(["read", str(big)])
    _check(code, *capsys.readouterr(), "chronicles over 20 MB are refused")


def test_an_unreadable_file(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "2024-03.txt"
    path.write_text("March 1, Almaty, a fine[1].\n")
    real_open = Path.open

    def denied(self: Path, *args: object, **kwargs: object) -> object:
        # Simulated, because the test may run as root, who can read any file.
        if self == path:
            raise PermissionError(13, "Permission denied", str(self))
        return real_open(self, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(Path, "open", denied)
    code = main(["read", str(path)])
    _check(code, *capsys.readouterr(), "cannot read it (Permission denied)")


def test_a_real_process_exits_2_with_one_line(tmp_path: Path) -> None:
    path = tmp_path / "fake.docx"
    path.write_bytes(b"not a zip")
    result = subprocess.run(
        [
            sys.executable,
            "-c",
            "import sys; from kuzet.cli import main; sys.exit(main())",
            "read",
            str(path),
        ],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert result.returncode == 2
    assert result.stdout == ""
    assert result.stderr == "kuzet: fake.docx is not a Word document (not a zip archive)\n"


def test_lint_exit_status_1_is_findings_not_failure(capsys: pytest.CaptureFixture[str]) -> None:
    # Exit 1 means "errors found"; 2 means "could not check" - scripts can tell them apart.
    code = main(["lint", str(FIXTURES / "line_layout.txt")])
    _out, err = capsys.readouterr()
    assert (code, err) == (1, "")
