"""The SQL store: one DDL, exact decimal text, idempotent loads that mirror the OUTDIR."""

from __future__ import annotations

import csv
import json
import shutil
import sqlite3
import typing
from decimal import Decimal
from pathlib import Path

import pytest
from pydantic import BaseModel

from extractor.batch.run import run_batch
from extractor.models import Budget, Value
from extractor.store import COLUMNS, load_outdir, schema_sql

CORPUS = Path(__file__).resolve().parents[1] / "fixtures" / "corpus"
TABLES = ("reports", "budget", "indicators", "findings", "quantities", "files")

# The README's example queries (SQLite and PostgreSQL alike).
LOW_EXECUTION = """
SELECT r.unit_name, r.fiscal_year, b.execution_rate
FROM reports r JOIN budget b USING (sha256)
WHERE CAST(b.execution_rate AS NUMERIC) < 90
ORDER BY CAST(b.execution_rate AS NUMERIC)
"""
SUM_ERRORS_BY_UNIT = """
SELECT r.unit_name, f.rule, count(*) AS n
FROM findings f JOIN reports r USING (sha256)
WHERE f.rule LIKE 'sum.%' AND f.severity = 'error'
GROUP BY r.unit_name, f.rule
ORDER BY n DESC
"""


def budget_keys(model: type[BaseModel] = Budget, prefix: str = "") -> list[str]:
    out = []
    for name, f in model.model_fields.items():
        ann = f.annotation
        if ann is Value or Value in typing.get_args(ann):
            out.append(prefix + name)
        elif isinstance(ann, type) and issubclass(ann, BaseModel):
            out += budget_keys(ann, f"{prefix}{name}.")
    return out


@pytest.fixture(scope="module")
def outdir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    base = tmp_path_factory.mktemp("store")
    src = base / "in"
    src.mkdir()
    for name in ("a06", "b01", "b14", "xj-street-2024"):
        shutil.copy(CORPUS / f"{name}.txt", src / f"{name}.txt")
    (src / "empty.txt").write_bytes(b"")
    run_batch([str(src)], base / "out", jobs=1)
    return base / "out"


def dump(con: sqlite3.Connection) -> dict[str, list[tuple]]:
    return {t: sorted(con.execute(f"SELECT * FROM {t}").fetchall(), key=repr) for t in TABLES}


def test_budget_has_one_column_per_budget_key() -> None:
    assert list(COLUMNS["budget"][1:]) == [k.replace(".", "_") for k in budget_keys()]


def test_ddl_matches_the_row_builders(tmp_path: Path) -> None:
    con = sqlite3.connect(tmp_path / "x.sqlite")
    con.executescript(schema_sql())
    for table, cols in COLUMNS.items():
        assert tuple(r[1] for r in con.execute(f"PRAGMA table_info({table})")) == cols
    assert con.execute("PRAGMA foreign_key_list(budget)").fetchall()[0][2] == "reports"


def test_load_is_exact_idempotent_and_mirrors_outdir(outdir: Path, tmp_path: Path) -> None:
    db = tmp_path / "db.sqlite"
    assert load_outdir(outdir, str(db))["reports"] == 4
    con = sqlite3.connect(db)
    first = dump(con)
    assert load_outdir(outdir, f"sqlite:///{db}")["reports"] == 4
    assert dump(con) == first
    assert len(first["files"]) == 5 and len(first["reports"]) == 4
    assert con.execute(
        "SELECT DISTINCT typeof(initial) FROM budget WHERE initial IS NOT NULL"
    ).fetchall() == [("text",)]
    assert con.execute("PRAGMA foreign_key_check").fetchall() == []
    # every budget figure equals the flat view's Decimal exactly
    for line in (outdir / "flat.jsonl").read_text(encoding="utf-8").splitlines():
        flat = json.loads(line, parse_float=Decimal)
        row = con.execute("SELECT * FROM budget WHERE sha256 = ?", (flat["sha256"],)).fetchone()
        for key, value in zip(budget_keys(), row[1:], strict=True):
            expected = flat.get(f"budget.{key}")
            assert (value is None) == (expected is None), key
            if value is not None:
                assert Decimal(value) == Decimal(str(expected)), key


def test_report_gone_from_outdir_is_kept_unless_replace(outdir: Path, tmp_path: Path) -> None:
    copy = tmp_path / "out"
    shutil.copytree(outdir, copy)
    db = str(tmp_path / "db.sqlite")
    load_outdir(copy, db)
    lines = (copy / "reports.jsonl").read_text(encoding="utf-8").splitlines(keepends=True)
    (copy / "reports.jsonl").write_text("".join(lines[1:]), encoding="utf-8")
    con = sqlite3.connect(db)
    assert load_outdir(copy, db)["deleted"] == 0
    assert con.execute("SELECT count(*) FROM reports").fetchone()[0] == 4
    assert load_outdir(copy, db, replace=True)["deleted"] == 1
    assert con.execute("SELECT count(*) FROM reports").fetchone()[0] == 3
    assert con.execute("SELECT count(*) FROM files WHERE status = 'ok'").fetchone()[0] == 3


def test_readme_queries(outdir: Path, tmp_path: Path) -> None:
    db = tmp_path / "db.sqlite"
    load_outdir(outdir, str(db))
    con = sqlite3.connect(db)
    rates = {}
    for line in (outdir / "flat.jsonl").read_text(encoding="utf-8").splitlines():
        flat = json.loads(line, parse_float=Decimal)
        if "budget.execution_rate" in flat:
            rates[flat.get("report.unit_name")] = Decimal(str(flat["budget.execution_rate"]))
    got = con.execute(LOW_EXECUTION).fetchall()
    assert {(u, Decimal(r)) for u, _, r in got} == {(u, r) for u, r in rates.items() if r < 90}
    assert con.execute(LOW_EXECUTION.replace("< 90", "< 97")).fetchall()  # xj-street: 96.41
    units = {}
    for line in (outdir / "flat.jsonl").read_text(encoding="utf-8").splitlines():
        flat = json.loads(line)
        units[flat["sha256"]] = flat.get("report.unit_name")
    expected: dict[tuple, int] = {}
    with (outdir / "findings.csv").open(encoding="utf-8-sig", newline="") as fh:
        for row in csv.DictReader(fh):
            if row["rule"].startswith("sum.") and row["severity"] == "error":
                key = (units[row["sha256"]], row["rule"])
                expected[key] = expected.get(key, 0) + 1
    assert {(u, r): n for u, r, n in con.execute(SUM_ERRORS_BY_UNIT)} == expected
