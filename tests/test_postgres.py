"""`jixiao load OUTDIR --db postgresql://…` against a real server.

.ci/run starts PostgreSQL on 127.0.0.1 and passes its URL in JIXIAO_PG_URL. Without
that variable the test FAILS when CI=true (the server must be there in CI) and is
skipped otherwise (developer machines without PostgreSQL).
"""

from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess
import sys
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import pytest

from extractor.batch.run import run_batch
from extractor.store import load_outdir

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT / "fixtures" / "corpus"
TABLES = ("reports", "budget", "indicators", "findings", "quantities", "files")
PG_URL = os.environ.get("JIXIAO_PG_URL", "")


def require_postgres() -> str:
    if PG_URL:
        return PG_URL
    if os.environ.get("CI", "").lower() == "true":
        pytest.fail("CI=true but JIXIAO_PG_URL is not set: .ci/run must start PostgreSQL for this test")
    pytest.skip("JIXIAO_PG_URL not set: no PostgreSQL server on this machine")


@contextmanager
def fresh_database(url: str) -> Iterator[str]:
    """A new database on the server, dropped afterwards."""
    import psycopg

    name = f"jixiao_test_{uuid.uuid4().hex[:12]}"
    with psycopg.connect(url, autocommit=True) as con:
        con.execute(f"CREATE DATABASE {name}")
    try:
        yield urlunsplit(urlsplit(url)._replace(path=f"/{name}"))
    finally:
        with psycopg.connect(url, autocommit=True) as con:
            con.execute(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")


def dump_pg(url: str) -> dict[str, list[tuple]]:
    import psycopg

    with psycopg.connect(url) as con:
        return {t: sorted(con.execute(f"SELECT * FROM {t}").fetchall(), key=repr) for t in TABLES}


def dump_sqlite(path: Path) -> dict[str, list[tuple]]:
    con = sqlite3.connect(path)
    return {t: sorted(con.execute(f"SELECT * FROM {t}").fetchall(), key=repr) for t in TABLES}


def test_postgres_load_equals_sqlite_and_is_idempotent(tmp_path: Path) -> None:
    url = require_postgres()  # fails under CI=true without a server, skips elsewhere
    with fresh_database(url) as pg_db:
        check_load(pg_db, tmp_path)


def check_load(pg_db: str, tmp_path: Path) -> None:
    src = tmp_path / "in"
    src.mkdir()
    for name in ("a06", "b01", "b14", "xj-street-2024"):
        shutil.copy(CORPUS / f"{name}.txt", src / f"{name}.txt")
    shutil.copy(CORPUS / "b01.txt", src / "b01-again.txt")
    (src / "empty.txt").write_bytes(b"")
    out = tmp_path / "out"
    run_batch([str(src)], out, jobs=1, db=str(tmp_path / "out.sqlite"))

    cmd = [sys.executable, "-m", "cli", "load", str(out), "--db", pg_db]
    r = subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True, timeout=60)
    assert r.returncode == 0, r.stderr
    assert "loaded 4 reports and 6 files" in r.stdout
    first = dump_pg(pg_db)
    assert first == dump_sqlite(tmp_path / "out.sqlite")
    assert len(first["reports"]) == 4 and len(first["files"]) == 6

    assert load_outdir(out, pg_db)["reports"] == 4
    assert dump_pg(pg_db) == first

    import psycopg

    with psycopg.connect(pg_db) as con:
        rate = con.execute(
            "SELECT CAST(b.execution_rate AS NUMERIC) FROM budget b JOIN reports r USING (sha256)"
            " WHERE r.file LIKE %s",
            ("%xj-street-2024.txt",),
        ).fetchone()[0]
        types = con.execute(
            "SELECT data_type FROM information_schema.columns"
            " WHERE table_name = 'budget' AND column_name = 'initial'"
        ).fetchone()[0]
    assert str(rate) == "96.41" and types == "text"
