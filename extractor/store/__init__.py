"""Load a batch OUTDIR into SQLite or PostgreSQL, with the tables of ``schema.sql``.

    from extractor.store import load_outdir
    load_outdir("out/", "out.sqlite")                      # or sqlite:///out.sqlite
    load_outdir("out/", "postgresql://user@host/db")       # psycopg 3, COPY for the rows

One transaction per chunk of reports; a report is added, or replaced by sha256
(delete, then insert), and a file row replaced by its name, so loading again
gives the same tables. Nothing else is deleted: only ``replace=True`` (``load
--replace``) also deletes the reports and files no longer in OUTDIR, so the
database mirrors it. A folder that is not a batch OUTDIR is an ``InputError``;
a URL that names no database a ``DatabaseUrlError``; a database that cannot be
reached or written (psycopg missing, server down, disk full) a ``MachineError``.
Every message shows the URL with its password masked.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from importlib import resources
from pathlib import Path
from typing import Any, Protocol
from urllib.parse import urlsplit

from extractor.errors import DatabaseUrlError, InputError, MachineError
from extractor.store.rows import COLUMNS, Chunk, add_file, add_report

__all__ = ["load_outdir", "open_store", "schema_sql", "mask_url", "COLUMNS"]
_SCHEME = re.compile(r"^([A-Za-z][A-Za-z0-9+.-]*)://")

CHUNK_REPORTS = 200


class Store(Protocol):
    name: str  # the database as shown to the user (password masked)
    errors: tuple[type[Exception], ...]  # what the driver raises when the database fails

    def report_shas(self) -> set[str]: ...
    def file_names(self) -> set[str]: ...
    def write(self, chunk: Chunk) -> None: ...
    def prune(self, shas: set[str], files: set[str]) -> None: ...
    def close(self) -> None: ...


def schema_sql() -> str:
    """The DDL (one file for both databases)."""
    return resources.files("extractor.store").joinpath("schema.sql").read_text(encoding="utf-8")


def mask_url(url: str) -> str:
    """The URL with its password as ***: what every message shows."""
    password = _password(url)
    return url.replace(f":{password}@", ":***@", 1).replace(password, "***") if password else url


def _password(url: str) -> str | None:
    try:
        return urlsplit(url).password
    except ValueError:  # not even a URL (a bad IPv6 host, …): user:password@ as written
        m = re.search(r"://[^:/@]*:([^@]*)@", url)
        return m[1] if m else None


def open_store(url: str) -> Store:
    """A store for a PostgreSQL URL (postgresql://…), an SQLite URL (sqlite:///path) or a path."""
    m = _SCHEME.match(url)
    scheme = m[1].lower() if m else ""
    if scheme in ("postgresql", "postgres"):
        from extractor.store.postgres import PostgresStore

        return PostgresStore(url)
    if scheme not in ("", "sqlite") or (scheme == "sqlite" and not url.startswith("sqlite:///")):
        raise DatabaseUrlError(
            mask_url(url), "not a database URL jixiao knows: use a path, sqlite:///path or postgresql://…"
        )
    from extractor.store.sqlite import SqliteStore

    return SqliteStore(url.removeprefix("sqlite:///"))


def load_outdir(
    outdir: str | Path,
    url: str,
    *,
    only_missing: bool = False,
    rewrite: set[str] | frozenset[str] = frozenset(),
    replace: bool = False,
) -> dict[str, int]:
    """Load OUTDIR into the database: add its reports, replace those there (by sha256) unless
    ``only_missing`` (then only those in ``rewrite`` are replaced). ``replace`` also deletes what
    OUTDIR does not hold. Counts: reports written, reports kept, files, deleted (reports)."""
    from extractor.batch.outdir import REPORTS

    out = Path(outdir)
    if not (out / REPORTS).is_file():
        raise InputError(str(out), f"not a batch output folder (no {REPORTS}): nothing loaded", stage="load")
    store = open_store(url)
    try:
        return _load(out, store, only_missing, set(rewrite), replace)
    except store.errors as exc:
        raise MachineError(store.name, f"database error: {_one_line(exc, url)}") from None
    finally:
        try:
            store.close()
        except store.errors:
            pass


def _load(out: Path, store: Store, only_missing: bool, rewrite: set[str], replace: bool) -> dict[str, int]:
    skip = store.report_shas() - rewrite if only_missing else set()
    counts = {"reports": 0, "reports_kept": 0, "files": 0, "deleted": 0}
    all_shas: set[str] = set()
    all_files: set[str] = set()
    for chunk, kept in _chunks(out, skip, all_shas, all_files):
        store.write(chunk)
        counts["reports"] += len(chunk.shas)
        counts["reports_kept"] += kept
        counts["files"] += len(chunk.files)
    if replace:
        counts["deleted"] = len(store.report_shas() - all_shas)
        store.prune(all_shas, all_files)
    return counts


def _one_line(exc: Exception, url: str) -> str:
    """A driver's message on one line, the password masked."""
    text = " ".join(str(exc).split()) or type(exc).__name__
    password = _password(url)
    return text.replace(password, "***") if password else text


def _chunks(out: Path, skip: set[str], shas: set[str], files: set[str]) -> Iterator[tuple[Chunk, int]]:
    from extractor.batch.outdir import ERRORS, ERRORS_HEADER, iter_flat, iter_report_lines, read_csv

    flat: dict[str, dict[str, Any]] = {}
    for _, sha, view in iter_flat(out):
        flat.setdefault(sha, view)
    chunk, kept = Chunk(), 0
    for sha, names, report, _ in iter_report_lines(out):
        if sha in shas:
            continue
        shas.add(sha)
        files.update(names)
        if sha in skip:
            kept += 1
        else:
            add_report(chunk, sha, names, report, flat.get(sha, {}))
        for name in names:
            add_file(chunk, name, sha)
        if len(chunk.shas) >= CHUNK_REPORTS:
            yield chunk, kept
            chunk, kept = Chunk(), 0
    errors, _ = read_csv(out / ERRORS, ERRORS_HEADER)
    for row in errors:
        if row["file"] not in files:
            files.add(row["file"])
            add_file(chunk, row["file"], row["sha256"], row)
    yield chunk, kept
