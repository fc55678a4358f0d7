"""Load a batch OUTDIR into SQLite or PostgreSQL, with the tables of ``schema.sql``.

    from extractor.store import load_outdir
    load_outdir("out/", "out.sqlite")                      # or sqlite:///out.sqlite
    load_outdir("out/", "postgresql://user@host/db")       # psycopg 3, COPY for the rows

One transaction per chunk of reports; a report is replaced by sha256 (delete,
then insert), so loading again gives the same tables. Reports and files no longer
in OUTDIR are deleted at the end, so the database mirrors the OUTDIR.
"""

from __future__ import annotations

from collections.abc import Iterator
from importlib import resources
from pathlib import Path
from typing import Any, Protocol

from extractor.store.rows import COLUMNS, Chunk, add_file, add_report

__all__ = ["load_outdir", "open_store", "schema_sql", "COLUMNS"]

CHUNK_REPORTS = 200


class Store(Protocol):
    def report_shas(self) -> set[str]: ...
    def file_names(self) -> set[str]: ...
    def write(self, chunk: Chunk) -> None: ...
    def prune(self, shas: set[str], files: set[str]) -> None: ...
    def close(self) -> None: ...


def schema_sql() -> str:
    """The DDL (one file for both databases)."""
    return resources.files("extractor.store").joinpath("schema.sql").read_text(encoding="utf-8")


def open_store(url: str) -> Store:
    """A store for a PostgreSQL URL (postgresql://…), an SQLite URL (sqlite:///path) or a path."""
    if url.startswith(("postgresql://", "postgres://")):
        from extractor.store.postgres import PostgresStore

        return PostgresStore(url)
    from extractor.store.sqlite import SqliteStore

    return SqliteStore(url.removeprefix("sqlite:///") if url.startswith("sqlite:///") else url)


def load_outdir(
    outdir: str | Path,
    url: str,
    *,
    only_missing: bool = False,
    replace: set[str] | frozenset[str] = frozenset(),
) -> dict[str, int]:
    """Load OUTDIR into the database; ``only_missing`` skips reports already there unless in ``replace``."""
    out = Path(outdir)
    store = open_store(url)
    try:
        skip = store.report_shas() - set(replace) if only_missing else set()
        counts = {"reports": 0, "reports_kept": 0, "files": 0}
        all_shas: set[str] = set()
        all_files: set[str] = set()
        for chunk, kept in _chunks(out, skip, all_shas, all_files):
            store.write(chunk)
            counts["reports"] += len(chunk.shas)
            counts["reports_kept"] += kept
            counts["files"] += len(chunk.files)
        store.prune(all_shas, all_files)
        return counts
    finally:
        store.close()


def _chunks(out: Path, skip: set[str], shas: set[str], files: set[str]) -> Iterator[tuple[Chunk, int]]:
    from extractor.batch_outdir import ERRORS, ERRORS_HEADER, iter_flat, iter_report_lines, read_csv

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
