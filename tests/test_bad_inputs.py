"""What people actually submit, through the real command: every bad file gets exit 3 and one
line naming it and the reason; in a batch every input is a record or an error row."""

from __future__ import annotations

import csv
import json
import os
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
DOCS = ROOT / "fixtures" / "documents"
SEED = ROOT / "fixtures" / "corpus" / "xj-street-2024.txt"

# name -> (how to make it, words the one-line reason must contain)
BAD = {
    "empty.txt": (lambda p: p.write_bytes(b""), "empty"),
    "photo renamed.txt": (
        lambda p: p.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 4),
        "binary",
    ),
    "truncated.pdf": (lambda p: shutil.copy(DOCS / "bad-truncated.pdf", p), "truncated or corrupt PDF"),
    "encrypted.pdf": (lambda p: shutil.copy(DOCS / "bad-encrypted.pdf", p), "encrypted PDF"),
    "zero-pages.pdf": (lambda p: shutil.copy(DOCS / "bad-zero-pages.pdf", p), "no pages"),
    "scanned.pdf": (lambda p: shutil.copy(DOCS / "bad-image-only.pdf", p), "no legible text"),
    "zip-of-images.docx": (lambda p: _zip(p), "no word/document.xml"),
    "old.doc": (lambda p: p.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(100)), "convert"),
    "archive.txt": (lambda p: p.write_bytes(SEED.read_bytes() * 2100), "too large for one report"),
}


def _zip(path: Path) -> None:
    with zipfile.ZipFile(path, "w") as z:
        z.writestr("image1.png", b"\x89PNG")


def jixiao(*args: str) -> subprocess.CompletedProcess[str]:
    cmd = [sys.executable, "-c", "import cli; cli.main()", *args]
    return subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True, timeout=120)


@pytest.mark.parametrize("name", sorted(BAD))
def test_bad_file_exits_3_with_one_line(tmp_path: Path, name: str) -> None:
    path = tmp_path / name
    make, reason = BAD[name]
    make(path)
    result = jixiao("extract", str(path), "--flat")
    assert result.returncode == 3, result.stderr
    assert result.stdout == ""
    (line,) = result.stderr.splitlines()
    assert line.startswith(f"jixiao: {path}: ") and reason in line, line


def test_unreadable_permissions(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "locked.txt"
    shutil.copy(SEED, path)
    if os.geteuid() != 0:
        path.chmod(0)
        result = jixiao("extract", str(path))
        (line,) = result.stderr.splitlines()
        assert result.returncode == 3 and str(path) in line and "cannot be read" in line
        return
    # root reads any file: make the read itself fail as it would for another user
    from click.testing import CliRunner

    from cli import main

    def denied(self: Path) -> bytes:
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(Path, "read_bytes", denied)
    result = CliRunner().invoke(main, ["extract", str(path)])
    assert result.exit_code == 3
    assert f"{path}: cannot be read (Permission denied)" in result.output


def test_a_path_with_spaces_and_chinese_characters(tmp_path: Path) -> None:
    folder = tmp_path / "财政局 2025 报送"
    folder.mkdir()
    path = folder / "石油新村 自评报告.txt"
    shutil.copy(SEED, path)
    result = jixiao("extract", str(path), "--flat")
    assert result.returncode == 0, result.stderr
    flat = json.loads(result.stdout)
    assert flat["budget.executed"] == 42481100 and flat["report.fiscal_year"] == 2024


def test_a_batch_of_bad_files_gives_one_row_each(tmp_path: Path) -> None:
    src = tmp_path / "送审 材料"
    src.mkdir()
    for name, (make, _) in BAD.items():
        make(src / name)
    shutil.copy(SEED, src / "good.txt")
    (src / "loop").symlink_to(".")  # a symlink loop: the folder is walked once
    out = tmp_path / "out"
    result = jixiao("batch", str(src), "-o", str(out), "--jobs", "2")
    assert result.returncode == 3, result.stderr  # an input failed
    with (out / "errors.csv").open(encoding="utf-8-sig") as f:
        errors = {Path(r["file"]).name: r for r in csv.DictReader(f)}
    skipped_or_failed = set(errors)
    assert skipped_or_failed == set(BAD), skipped_or_failed ^ set(BAD)
    for name, (_, reason) in BAD.items():
        assert reason in errors[name]["message"], (name, errors[name]["message"])
    records = [json.loads(line) for line in (out / "reports.jsonl").read_text(encoding="utf-8").splitlines()]
    assert [Path(f).name for r in records for f in r["files"]] == ["good.txt"]
