"""The jixiao command line: output, files, exit codes and one-line errors."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from decimal import Decimal
from pathlib import Path

import pytest
from click.testing import CliRunner

import cli
from extractor.errors import EXIT_INPUT, EXIT_OK, EXIT_USAGE

ROOT = Path(__file__).resolve().parent.parent


def run(*args: str):
    result = CliRunner().invoke(cli.main, list(args))
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        raise result.exception
    return result


def jixiao_command() -> list[str]:
    """The installed console script next to this Python, else on PATH, else `python -m cli`."""
    sibling = Path(sys.executable).parent / "jixiao"
    if sibling.exists():
        return [str(sibling)]
    found = shutil.which("jixiao")
    return [found] if found else [sys.executable, "-m", "cli"]


def subprocess_run(*args: str) -> subprocess.CompletedProcess:
    env = {**os.environ, "PYTHONIOENCODING": "utf-8"}
    return subprocess.run(
        [*jixiao_command(), *args],
        cwd=ROOT,
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=60,
        env=env,
    )


def loads(text: str):
    return json.loads(text, parse_float=Decimal)


# --------------------------------------------------------------------------- extract


def test_extract_flat_prints_json(seed_path, seed_flat):
    result = run("extract", str(seed_path), "--flat")
    assert result.exit_code == EXIT_OK, result.stderr
    flat = loads(result.stdout)
    assert flat["report.unit_name"] == "乌鲁木齐高新技术产业开发区(乌鲁木齐市新市区)石油新村片区管理委员会"
    assert flat["report.fiscal_year"] == 2024
    assert flat["report.filled_on"] == "2025-03-05"
    assert flat["budget.initial"] == 44060900
    assert flat["budget.execution_rate"] == Decimal("96.41")
    assert flat["indicators.1.score"] == Decimal("19.77")
    assert flat["evaluation.grade"] == "优"
    assert list(flat) == list(seed_flat)
    assert result.stdout.count("\n") == 1  # compact: one line


def test_extract_flat_pretty(seed_path):
    result = run("extract", str(seed_path), "--flat", "--pretty")
    assert result.exit_code == EXIT_OK
    assert result.stdout.startswith("{\n  ")
    assert loads(result.stdout)["staff.actual"] == 104


def test_extract_nested_json(seed_path):
    result = run("extract", str(seed_path))
    assert result.exit_code == EXIT_OK
    data = loads(result.stdout)
    assert data["schema_version"] == "1.0"
    assert data["source"]["encoding"] == "utf-8"
    assert data["source"]["format"] == "text"
    initial = data["budget"]["initial"]
    assert Decimal(str(initial["value"])) == Decimal("44060900")
    assert initial["unit"] == "万元"
    assert initial["span"]["line"] == 41
    assert initial["span"]["text"] == "4406.09 万元"
    assert [i["name"]["value"] for i in data["indicators"]] == [
        "12345热线事件办结率",
        "低保困难群体保障率",
        "受理信访案件数量",
        "解决就业人数",
        "全民免费体检人数",
    ]


def test_output_file(tmp_path, seed_path):
    out = tmp_path / "seed.json"
    result = run("extract", str(seed_path), "--flat", "-o", str(out))
    assert result.exit_code == EXIT_OK
    assert result.stdout == ""
    text = out.read_text(encoding="utf-8")
    assert text.endswith("\n")
    flat = loads(text)
    assert flat["budget.executed"] == 42481100
    assert flat["org.offices_count"] == 8


def test_output_file_long_option(tmp_path, seed_path):
    out = tmp_path / "nested.json"
    result = run("extract", str(seed_path), "--output", str(out), "--pretty")
    assert result.exit_code == EXIT_OK
    assert loads(out.read_text(encoding="utf-8"))["evaluation"]["grade"]["value"] == "优"


def test_fail_on_never_exits_zero(seed_path):
    result = run("extract", str(seed_path), "--flat", "--fail-on", "never")
    assert result.exit_code == EXIT_OK
    assert "budget.initial" in loads(result.stdout)


def test_fail_on_exit_code_follows_findings(seed_path, seed_report):
    """Exit 1 exactly when a finding at or above the threshold exists."""
    rank = {"info": 0, "warning": 1, "error": 2}
    for level in ("warning", "error"):
        result = run("extract", str(seed_path), "--flat", "--fail-on", level)
        expected = 1 if any(rank[f.severity] >= rank[level] for f in seed_report.findings) else 0
        assert result.exit_code == expected, (level, seed_report.findings)


def _bad_inputs(tmp_path: Path) -> dict[str, Path]:
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    binary = tmp_path / "photo.txt"
    binary.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 4)
    legacy = tmp_path / "old.doc"
    legacy.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 100)
    return {
        "empty": empty,
        "binary": binary,
        "missing": tmp_path / "missing.txt",
        "legacy": legacy,
        "folder": tmp_path,
    }


@pytest.mark.parametrize("kind", ["empty", "binary", "missing", "legacy", "folder"])
def test_unreadable_input_exits_3_with_one_line(tmp_path, kind):
    path = _bad_inputs(tmp_path)[kind]
    result = run("extract", str(path))
    assert result.exit_code == EXIT_INPUT
    assert result.stdout == ""
    lines = result.stderr.splitlines()
    assert len(lines) == 1, result.stderr
    assert str(path) in lines[0]
    assert lines[0].startswith("jixiao: ")
    assert "Traceback" not in result.stderr


def test_usage_error_exits_2():
    result = run("extract", "whatever.txt", "--no-such-option")
    assert result.exit_code == EXIT_USAGE
    assert "No such option" in result.stderr


def test_missing_argument_exits_2():
    result = run("extract")
    assert result.exit_code == EXIT_USAGE
    assert "PATH" in result.stderr


def test_bad_fail_on_value_exits_2(seed_path):
    result = run("extract", str(seed_path), "--fail-on", "sometimes")
    assert result.exit_code == EXIT_USAGE


def test_schema_prints_json_schema():
    result = run("schema")
    assert result.exit_code == EXIT_OK
    schema = json.loads(result.stdout)
    assert schema["type"] == "object"
    assert {"source", "report", "budget", "indicators", "findings"} <= set(schema["properties"])
    assert "Value" in schema["$defs"]
    assert "span" in schema["$defs"]["Value"]["properties"]


def test_help_lists_commands():
    result = run("--help")
    assert result.exit_code == EXIT_OK
    assert "extract" in result.stdout and "schema" in result.stdout


# --------------------------------------------------------------------------- real processes


def test_subprocess_extract_flat(seed_path, seed_flat):
    proc = subprocess_run("extract", str(seed_path), "--flat")
    assert proc.returncode == EXIT_OK, proc.stderr
    assert "Traceback" not in proc.stderr
    flat = loads(proc.stdout)
    assert flat["report.unit_name"] == seed_flat["report.unit_name"]
    assert flat["budget.initial"] == 44060900
    assert flat["evaluation.total_score"] == Decimal("92.81")


def test_subprocess_errors(tmp_path):
    bad = _bad_inputs(tmp_path)
    for kind in ("empty", "binary", "missing"):
        proc = subprocess_run("extract", str(bad[kind]))
        assert proc.returncode == EXIT_INPUT, (kind, proc.stderr)
        assert proc.stdout == ""
        lines = proc.stderr.splitlines()
        assert len(lines) == 1, (kind, proc.stderr)
        assert str(bad[kind]) in lines[0]
        assert "Traceback" not in proc.stderr
    proc = subprocess_run("extract", str(bad["empty"]), "--bogus")
    assert proc.returncode == EXIT_USAGE
    assert "Traceback" not in proc.stderr


def test_subprocess_schema():
    proc = subprocess_run("schema")
    assert proc.returncode == EXIT_OK
    assert "properties" in json.loads(proc.stdout)
