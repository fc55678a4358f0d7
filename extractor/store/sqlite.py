"""SQLite store (stdlib sqlite3): the schema, one transaction per chunk."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable

from extractor.store.rows import COLUMNS, REPORT_TABLES, Chunk

_IN = 500  # ids per DELETE … IN (…)


class SqliteStore:
    errors: tuple[type[Exception], ...] = (sqlite3.Error, OSError)

    def __init__(self, path: str) -> None:
        from extractor.errors import MachineError
        from extractor.store import schema_sql

        self.name = path
        try:
            self.con = sqlite3.connect(path, isolation_level=None)
            self.con.execute("PRAGMA foreign_keys = ON")
            self.con.execute("PRAGMA journal_mode = WAL")
            with self._transaction():
                for stmt in _statements(schema_sql()):
                    self.con.execute(stmt)
        except self.errors as exc:
            raise MachineError(path, f"cannot open the SQLite database ({exc})") from None

    def report_shas(self) -> set[str]:
        return {r[0] for r in self.con.execute("SELECT sha256 FROM reports")}

    def file_names(self) -> set[str]:
        return {r[0] for r in self.con.execute("SELECT file FROM files")}

    def write(self, chunk: Chunk) -> None:
        with self._transaction():
            self._delete(chunk.shas, chunk.files)
            for table in (*REPORT_TABLES, "files"):
                if chunk.rows[table]:
                    self._insert(table, chunk.rows[table])

    def _insert(self, table: str, rows: list[tuple]) -> None:
        cols = COLUMNS[table]
        marks = ", ".join("?" * len(cols))
        self.con.executemany(f"INSERT INTO {table} ({', '.join(cols)}) VALUES ({marks})", rows)

    def prune(self, shas: set[str], files: set[str]) -> None:
        with self._transaction():
            self._delete(sorted(self.report_shas() - shas), sorted(self.file_names() - files))

    def close(self) -> None:
        self.con.close()

    def _delete(self, shas: list[str], files: list[str]) -> None:
        for part in _parts(files):
            self._exec_in("DELETE FROM files WHERE file IN ({})", part)
        for part in _parts(shas):
            self._exec_in("DELETE FROM files WHERE report_sha256 IN ({})", part)
            for table in reversed(REPORT_TABLES):
                self._exec_in(f"DELETE FROM {table} WHERE sha256 IN ({{}})", part)

    def _exec_in(self, sql: str, ids: list[str]) -> None:
        self.con.execute(sql.format(", ".join("?" * len(ids))), ids)

    def _transaction(self):
        return _Tx(self.con)


class _Tx:
    def __init__(self, con: sqlite3.Connection) -> None:
        self.con = con

    def __enter__(self) -> None:
        self.con.execute("BEGIN IMMEDIATE")

    def __exit__(self, exc_type, *_: object) -> None:
        if exc_type is None:
            self.con.execute("COMMIT")
        elif self.con.in_transaction:
            self.con.execute("ROLLBACK")


def _parts(ids: list[str]) -> Iterable[list[str]]:
    for i in range(0, len(ids), _IN):
        yield list(ids[i : i + _IN])


def _statements(sql: str) -> list[str]:
    """The DDL's statements (split on ';' after dropping -- comments, which never hold one)."""
    body = "\n".join(line.split("--", 1)[0] for line in sql.splitlines())
    return [s.strip() for s in body.split(";") if s.strip()]
