"""The batch on a Dask LocalCluster of 2 worker processes gives what the local pool gives."""

from __future__ import annotations

import csv
import shutil
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from cli import main
from extractor.batch.cluster import KILL_ENV, KILL_ONCE_ENV
from extractor.batch.run import run_batch
from extractor.batch.worker import HANG_ENV

FIXTURES = Path(__file__).parent.parent / "fixtures"
PDFS = ["proj-entrusted-2022.pdf", "xj-street-2024.pdf"]


@pytest.fixture
def inputs(tmp_path: Path) -> Path:
    """A dozen corpus texts and two PDFs."""
    folder = tmp_path / "in"
    folder.mkdir()
    for text in sorted((FIXTURES / "corpus").glob("*.txt"))[:12]:
        shutil.copy(text, folder)
    for pdf in PDFS:
        shutil.copy(FIXTURES / "documents" / pdf, folder)
    return folder


def _lines(path: Path) -> list[str]:
    return sorted(path.read_text(encoding="utf-8").splitlines())


def _ends(out: Path) -> list[str]:
    """Every file named by a record or an error row (one entry per line)."""
    flat = [line for line in (out / "flat.jsonl").read_text(encoding="utf-8").splitlines() if line]
    import json

    names = [json.loads(line)["file"] for line in flat]
    with (out / "errors.csv").open(encoding="utf-8-sig") as f:
        names += [row["file"] for row in csv.DictReader(f)]
    return sorted(Path(n).name for n in names)


def test_cluster_run_equals_local_run_and_resume_redoes_nothing(inputs: Path, tmp_path: Path) -> None:
    local = run_batch([str(inputs)], tmp_path / "local", jobs=2, timeout=60)
    cluster = run_batch([str(inputs)], tmp_path / "cluster", timeout=60, cluster="local:2")
    assert (local["this_run"]["processed"], cluster["this_run"]["processed"]) == (14, 14)
    assert cluster["totals"] == local["totals"]
    for name in ("reports.jsonl", "flat.jsonl", "findings.csv", "errors.csv"):
        assert _lines(tmp_path / "cluster" / name) == _lines(tmp_path / "local" / name), name
    assert len(_lines(tmp_path / "cluster" / "findings.csv")) > 14
    again = run_batch([str(inputs)], tmp_path / "cluster", timeout=60, cluster="local:2")
    run = again["this_run"]
    assert (run["processed"], run["reused"], run["failed"]) == (0, 14, 0)
    local_after = run_batch([str(inputs)], tmp_path / "cluster", jobs=2, timeout=60)
    assert local_after["this_run"]["processed"] == 0  # resume across a cluster run and a local run


def test_a_worker_killed_mid_file_costs_a_retry_not_a_record(
    inputs: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    victim = sorted(inputs.glob("*.txt"))[3]
    victim.rename(inputs / f"kill-{victim.name}")
    markers = tmp_path / "markers"
    markers.mkdir()
    monkeypatch.setenv(KILL_ENV, "kill-")
    monkeypatch.setenv(KILL_ONCE_ENV, str(markers))
    summary = run_batch([str(inputs)], tmp_path / "out", timeout=60, cluster="local:2")
    assert (markers / f"kill-{victim.name}.killed").exists()  # a worker did die on it
    assert (summary["this_run"]["processed"], summary["this_run"]["failed"]) == (14, 0)
    ends = _ends(tmp_path / "out")
    assert ends == sorted(p.name for p in inputs.iterdir()) and len(ends) == 14


def test_a_file_that_kills_workers_twice_is_an_error_row(
    inputs: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    for extra in sorted(inputs.glob("*.txt"))[4:]:
        extra.unlink()
    victim = sorted(inputs.glob("*.txt"))[1]
    victim.rename(inputs / f"kill-{victim.name}")
    monkeypatch.setenv(KILL_ENV, "kill-")
    summary = run_batch([str(inputs)], tmp_path / "out", timeout=60, cluster="local:2")
    assert (summary["this_run"]["processed"], summary["this_run"]["failed"]) == (5, 1)
    with (tmp_path / "out" / "errors.csv").open(encoding="utf-8-sig") as f:
        rows = list(csv.DictReader(f))
    assert [(Path(r["file"]).name, r["kind"]) for r in rows] == [(f"kill-{victim.name}", "worker_died")]
    assert rows[0]["message"].startswith("worker died twice")
    assert len(_ends(tmp_path / "out")) == 6


def test_the_time_limit_holds_on_the_cluster(
    inputs: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    for extra in sorted(inputs.glob("*.txt"))[3:]:
        extra.unlink()
    victim = sorted(inputs.glob("*.txt"))[0]
    victim.rename(inputs / f"hang-{victim.name}")
    monkeypatch.setenv(HANG_ENV, "hang-")
    summary = run_batch([str(inputs)], tmp_path / "out", timeout=3, cluster="local:2")
    run = summary["this_run"]
    assert (run["processed"], run["failed"], run["timed_out"]) == (4, 1, 1)
    with (tmp_path / "out" / "errors.csv").open(encoding="utf-8-sig") as f:
        rows = list(csv.DictReader(f))
    assert [(Path(r["file"]).name, r["kind"]) for r in rows] == [(f"hang-{victim.name}", "timeout")]


def test_cli_without_dask_says_how_to_install_and_exits_2(
    inputs: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setitem(sys.modules, "distributed", None)  # import distributed -> ImportError
    result = CliRunner().invoke(
        main, ["batch", str(inputs), "-o", str(tmp_path / "o"), "--cluster", "local:2"]
    )
    assert result.exit_code == 2
    assert "pip install 'jixiao[cluster]'" in result.output
    assert not (tmp_path / "o").exists()


def test_cli_rejects_a_malformed_cluster_address(inputs: Path, tmp_path: Path) -> None:
    result = CliRunner().invoke(
        main, ["batch", str(inputs), "-o", str(tmp_path / "o"), "--cluster", "local:0"]
    )
    assert result.exit_code == 2
    assert "local:N" in result.output
