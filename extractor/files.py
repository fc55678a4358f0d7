"""The file a path names and its bytes, before any reader is imported (so a missing or unreadable
input fails in milliseconds, not after the pipeline's start-up). ``extractor.read`` re-exports these."""

from __future__ import annotations

from pathlib import Path

from extractor.errors import MACHINE_ERRNOS, InputError

Source = tuple[str, str | None, bytes]  # (file, sheet of a workbook or None, the file's bytes)


def file_source(path: str | Path) -> Source:
    """The file a path names, its sheet ('book.xlsx#Sheet2') and its bytes; InputError if unreadable."""
    file, sheet = split_sheet(str(path))
    p = Path(file)
    if not p.exists():
        raise InputError(str(path), "no such file")
    if p.is_dir():
        raise InputError(str(path), "is a folder, not a file")
    try:
        data = p.read_bytes()
    except OSError as exc:
        if exc.errno in MACHINE_ERRNOS:
            raise  # the disk failed, not the file: not an input error (a batch retries it)
        raise InputError(str(path), f"cannot be read ({exc.strerror or exc})") from exc
    return file, sheet, data


def split_sheet(path: str) -> tuple[str, str | None]:
    """'book.xlsx#Sheet2' -> ('book.xlsx', 'Sheet2'); a path that exists as given names no sheet."""
    if "#" not in path or Path(path).exists():
        return path, None
    at = path.find("#")
    while at != -1:
        if Path(path[:at]).is_file():
            return path[:at], path[at + 1 :]
        at = path.find("#", at + 1)
    return path, None
