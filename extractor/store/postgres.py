"""PostgreSQL store (psycopg 3): the same DDL, COPY for the rows, one transaction per chunk."""

from __future__ import annotations

from extractor.store.rows import COLUMNS, REPORT_TABLES, Chunk
from extractor.store.sqlite import _statements


class PostgresStore:
    def __init__(self, url: str) -> None:
        from extractor.errors import DatabaseUrlError, MachineError
        from extractor.store import _one_line, mask_url

        self.name = mask_url(url)
        try:
            import psycopg
        except ImportError:
            why = "PostgreSQL needs psycopg: pip install 'jixiao[postgres]'"
            raise MachineError(self.name, why) from None
        from psycopg.conninfo import conninfo_to_dict

        self.errors = (psycopg.Error, OSError)
        try:
            port = str(conninfo_to_dict(url).get("port") or "5432")
            if not all(p.isdigit() for p in port.split(",")):
                raise psycopg.ProgrammingError(f"port {port!r} is not a number")
            self.con = psycopg.connect(url, autocommit=True, connect_timeout=10)
        except psycopg.ProgrammingError as exc:  # a malformed URL (bad option, port, …)
            why = f"not a usable PostgreSQL URL ({_one_line(exc, url)})"
            raise DatabaseUrlError(self.name, why) from None
        except psycopg.Error as exc:
            raise MachineError(self.name, f"cannot connect ({_one_line(exc, url)})") from None
        try:
            self._create()
        except psycopg.Error as exc:
            raise MachineError(self.name, f"cannot create the tables ({_one_line(exc, url)})") from None

    def _create(self) -> None:
        from extractor.store import schema_sql

        with self.con.transaction():
            self.con.execute("SELECT pg_advisory_xact_lock(715300)")  # two loaders creating tables at once
            for stmt in _statements(schema_sql()):
                self.con.execute(stmt)

    def report_shas(self) -> set[str]:
        return {r[0] for r in self.con.execute("SELECT sha256 FROM reports")}

    def file_names(self) -> set[str]:
        return {r[0] for r in self.con.execute("SELECT file FROM files")}

    def write(self, chunk: Chunk) -> None:
        with self.con.transaction():
            self._delete(chunk.shas, chunk.files)
            with self.con.cursor() as cur:
                for table in (*REPORT_TABLES, "files"):
                    rows = chunk.rows[table]
                    if not rows:
                        continue
                    with cur.copy(f"COPY {table} ({', '.join(COLUMNS[table])}) FROM STDIN") as copy:
                        for row in rows:
                            copy.write_row(row)

    def prune(self, shas: set[str], files: set[str]) -> None:
        with self.con.transaction():
            self._delete(sorted(self.report_shas() - shas), sorted(self.file_names() - files))

    def close(self) -> None:
        self.con.close()

    def _delete(self, shas: list[str], files: list[str]) -> None:
        if files:
            self.con.execute("DELETE FROM files WHERE file = ANY(%s)", (files,))
        if shas:
            self.con.execute("DELETE FROM files WHERE report_sha256 = ANY(%s)", (shas,))
            for table in reversed(REPORT_TABLES):
                self.con.execute(f"DELETE FROM {table} WHERE sha256 = ANY(%s)", (shas,))
