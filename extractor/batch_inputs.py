"""Batch inputs: files, folders (recursive, symlink loops visited once) and globs to a file list."""

from __future__ import annotations

import glob
import hashlib
import os
from dataclasses import dataclass
from pathlib import Path

from extractor.errors import MACHINE_ERRNOS, MachineError
from extractor.read import LEGACY, reader_for

SUPPORTED = (".txt", ".pdf", ".docx")


@dataclass
class Input:
    """One input file: its name as found, its bytes' SHA-256, the reader its name and first bytes
    choose (with the SHA-256 its identity), and why it is skipped (if it is)."""

    file: str
    sha256: str = ""
    reader: str = ""
    head: bytes = b""
    skip_stage: str = ""
    skip_kind: str = ""
    skip_reason: str = ""

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
    missing: list[Input] = []
    for arg in args:
        found = list(_expand(arg))
        if not found:
            missing.append(Input(arg, "", "discover", "missing", "no such file or folder (or no glob match)"))
        for name in found:
            real = os.path.realpath(name)
            if not _excluded(real, skip):
                names.setdefault(real, name)
    return [_inspect(name) for name in names.values()] + missing


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


def _inspect(name: str) -> Input:
    item = Input(name)
    try:
        item.sha256, item.head = _sha256(name)
    except OSError as exc:
        if exc.errno in MACHINE_ERRNOS:
            why = f"cannot be read ({exc.strerror}): a fault of the disk, not the file"
            raise MachineError(name, why) from None
        return _skip(item, "read", "unreadable", f"cannot be read ({exc.strerror or exc})")
    item.reader = reader_for(name, item.head)
    suffix = Path(name).suffix.lower()
    if suffix in LEGACY:
        return _skip(item, "discover", "unsupported", f"unsupported format: {LEGACY[suffix]}")
    if suffix not in SUPPORTED:
        shown = Path(name).suffix or "(none)"
        return _skip(
            item, "discover", "unsupported", f"unsupported file type {shown}: not .txt, .pdf or .docx"
        )
    return item


def _skip(item: Input, stage: str, kind: str, reason: str) -> Input:
    item.skip_stage, item.skip_kind, item.skip_reason = stage, kind, reason
    return item


def _sha256(name: str) -> tuple[str, bytes]:
    """The file's SHA-256 and its first bytes."""
    h = hashlib.sha256()
    head = b""
    with open(name, "rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            head = head or block[:8]
            h.update(block)
    return h.hexdigest(), head
