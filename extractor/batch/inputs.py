"""Batch inputs: files, folders (recursive, symlink loops visited once) and globs to a file list."""

from __future__ import annotations

import glob
import hashlib
import os
from dataclasses import dataclass
from pathlib import Path

from extractor.errors import MACHINE_ERRNOS, MachineError
from extractor.read import SUFFIXES, reader_for, report_sheets

HEAD_BYTES = 4096  # the first bytes kept of each input: enough for `reader_for` to tell its format


@dataclass
class Input:
    """One input file: its name as found, its bytes' SHA-256, the reader its name and first bytes
    choose (with the SHA-256 its identity), and why it is skipped (if it is)."""

    file: str
    sha256: str = ""
    skip_stage: str = ""
    reader: str = ""
    head: bytes = b""
    skip_kind: str = ""
    skip_reason: str = ""
    ignored: bool = False  # found by walking a folder or glob, and not a report kind: skipped

    def error_row(self) -> dict[str, str]:
        return {
            "file": self.file,
            "sha256": self.sha256,
            "stage": self.skip_stage,
            "kind": self.skip_kind,
            "message": self.skip_reason,
        }


def discover(args: list[str], exclude: list[str] | None = None) -> list[Input]:
    """Every file named by ``args`` (files, folders, globs), hashed; bad ones marked skipped.

    A file reached twice (overlapping inputs, symlinks) is one input, under the first name found.
    Files in ``exclude`` (folders or files: the OUTDIR, the database) are left out.
    """
    skip = [os.path.realpath(p) for p in exclude or []]
    names: dict[str, str] = {}  # real path -> first name it was found under
    named: set[str] = set()  # real paths named on the command line (not found by a walk or glob)
    missing: list[Input] = []
    for arg in args:
        found = list(_expand(arg))
        if not found:
            missing.append(Input(arg, "", "discover", "missing", "no such file or folder (or no glob match)"))
        for name in found:
            real = os.path.realpath(name)
            if not _excluded(real, skip):
                names.setdefault(real, name)
                if name == os.path.normpath(arg):
                    named.add(real)
    found = [_inspect(name, real not in named) for real, name in names.items()]
    return [part for item in found for part in _sheets(item)] + missing


def _excluded(real: str, skip: list[str]) -> bool:
    return any(real == s or real.startswith(s + os.sep) or real.startswith(s + "-") for s in skip)


def _expand(arg: str) -> list[str]:
    p = Path(arg)
    if p.is_dir():
        return list(_walk(arg))
    if os.path.lexists(arg):
        return [os.path.normpath(arg)]
    if glob.has_magic(arg):
        out: list[str] = []
        for m in sorted(glob.glob(arg, recursive=True)):
            out += list(_walk(m)) if Path(m).is_dir() else [os.path.normpath(m)]
        return out
    return []


def _walk(top: str) -> list[str]:
    """Files under ``top``, sorted; a folder reached twice (symlink loop) is entered once."""
    seen: set[tuple[int, int]] = set()
    out: list[str] = []
    for root, dirs, files in os.walk(top, followlinks=True):
        try:
            st = os.stat(root)
        except OSError:
            dirs[:] = []
            continue
        if (st.st_dev, st.st_ino) in seen:
            dirs[:] = []
            continue
        seen.add((st.st_dev, st.st_ino))
        dirs.sort()
        out += [os.path.normpath(os.path.join(root, f)) for f in sorted(files)]
    return out


def _inspect(name: str, walked: bool = False) -> Input:
    item = Input(name)
    suffix = Path(name).suffix.lower()
    if walked and suffix not in SUFFIXES:
        item.ignored = True
        return item
    try:
        item.sha256, item.head = _sha256(name)
    except OSError as exc:
        if exc.errno in MACHINE_ERRNOS:
            why = f"cannot be read ({exc.strerror}): a fault of the disk, not the file"
            raise MachineError(name, why) from None
        return _skip(item, "read", "unreadable", f"cannot be read ({exc.strerror or exc})")
    item.reader = reader_for(name, item.head)
    if suffix not in SUFFIXES:
        shown = Path(name).suffix or "(none)"
        kinds = ", ".join(sorted(SUFFIXES))
        return _skip(item, "discover", "unsupported", f"unsupported file type {shown}: not one of {kinds}")
    return item


def _skip(item: Input, stage: str, kind: str, reason: str) -> Input:
    item.skip_stage, item.skip_kind, item.skip_reason = stage, kind, reason
    return item


def _sha256(name: str) -> tuple[str, bytes]:
    """The file's SHA-256 and its first bytes (enough to tell its format)."""
    h = hashlib.sha256()
    head = b""
    with open(name, "rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            head = head or block[:HEAD_BYTES]
            h.update(block)
    return h.hexdigest(), head


def _sheets(item: Input) -> list[Input]:
    """A workbook holding several reports (one per sheet) is one input per sheet ('book.xlsx#Sheet2')."""
    if item.skip_kind:
        return [item]
    sheets = report_sheets(item.file)
    return [Input(file, sha, reader=item.reader, head=item.head) for file, sha in sheets] or [item]
