"""Batch runs: one record or error row per input, resume, time limits, interruption."""

from __future__ import annotations

import csv
import json
import os
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from extractor.batch.outdir import ERRORS_HEADER, FINDINGS_HEADER
from extractor.batch.run import run_batch
from extractor.batch.worker import DELAY_ENV, HANG_ENV
from extractor.read import read

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT / "fixtures" / "corpus"
JOURNALS = ("reports.jsonl", "flat.jsonl", "findings.csv", "errors.csv")


def jsonl(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


def csv_rows(path: Path, header: list[str]) -> list[dict[str, str]]:
    with path.open(encoding="utf-8-sig", newline="") as fh:
        reader = csv.DictReader(fh)
        assert reader.fieldnames == header
        return list(reader)


def accounted(out: Path) -> dict[str, str]:
    """file -> 'ok' or the error kind; fails if a file has two records or rows."""
    seen: dict[str, str] = {}
    for rec in jsonl(out / "flat.jsonl"):
        assert rec["file"] not in seen, rec["file"]
        seen[rec["file"]] = "ok"
    for row in csv_rows(out / "errors.csv", ERRORS_HEADER):
        assert row["file"] not in seen, row["file"]
        seen[row["file"]] = row["kind"]
    return seen


@pytest.fixture(scope="module")
def mixed(tmp_path_factory: pytest.TempPathFactory) -> dict:
    """Good fixtures plus a folder of bad inputs, batched once with --timeout 2 and a hanging file."""
    base = tmp_path_factory.mktemp("batch")
    good, bad = base / "good", base / "bad"
    good.mkdir()
    bad.mkdir()
    for name in ("a01", "a02", "b01", "xj-street-2024"):
        shutil.copy(CORPUS / f"{name}.txt", good / f"{name}.txt")
    shutil.copy(CORPUS / "a01.txt", bad / "dup-of-a01.txt")
    shutil.copy(CORPUS / "b03.txt", bad / "hang-me.txt")
    (bad / "empty.txt").write_bytes(b"")
    (bad / "binary.txt").write_bytes(bytes(range(256)) * 8)
    (bad / "corrupt.pdf").write_bytes(b"%PDF-1.7\n1 0 obj <<>> endobj\ntruncated")
    (bad / "table.xyz").write_bytes(b"PK\x03\x04 not really")  # named below: an unsupported input
    (bad / "a01.meta.json").write_text("{}", encoding="utf-8")  # a sidecar found by the walk: skipped
    (bad / "loop").symlink_to(".")  # a symlink loop
    (bad / "up").symlink_to("..")  # reaches good/ again: same files, not new inputs
    inputs = [str(good), str(bad), str(bad / "table.xyz")]
    os.environ[HANG_ENV] = "hang-me"
    try:
        first = run_batch(inputs, base / "out", jobs=2, timeout=2, db=str(base / "out.sqlite"))
        snapshot = {n: (base / "out" / n).read_bytes() for n in JOURNALS}
        started = time.monotonic()
        second = run_batch(inputs, base / "out", jobs=2, timeout=2, db=str(base / "out.sqlite"))
        rerun_seconds = time.monotonic() - started
    finally:
        del os.environ[HANG_ENV]
    return dict(
        base=base, out=base / "out", first=first, second=second, snapshot=snapshot, rerun=rerun_seconds
    )


def test_every_input_is_one_record_or_one_error_row(mixed: dict) -> None:
    base = mixed["base"]
    seen = accounted(mixed["out"])
    expected = {
        f"{base}/good/a01.txt": "ok",
        f"{base}/good/a02.txt": "ok",
        f"{base}/good/b01.txt": "ok",
        f"{base}/good/xj-street-2024.txt": "ok",
        f"{base}/bad/dup-of-a01.txt": "ok",
        f"{base}/bad/hang-me.txt": "timeout",
        f"{base}/bad/empty.txt": "unreadable",
        f"{base}/bad/binary.txt": "unreadable",
        f"{base}/bad/corrupt.pdf": "unreadable",
        f"{base}/bad/table.xyz": "unsupported",
    }
    assert seen == expected


def test_error_rows_name_stage_and_reason(mixed: dict) -> None:
    rows = {Path(r["file"]).name: r for r in csv_rows(mixed["out"] / "errors.csv", ERRORS_HEADER)}
    assert rows["table.xyz"]["stage"] == "discover"
    assert "unsupported file type .xyz" in rows["table.xyz"]["message"]
    assert rows["empty.txt"]["stage"] == "read" and "empty" in rows["empty.txt"]["message"]
    assert rows["hang-me.txt"]["stage"] == "extract" and "2 s" in rows["hang-me.txt"]["message"]
    assert all(len(r["sha256"]) == 64 for r in rows.values())


def test_summary_counts(mixed: dict) -> None:
    s = json.loads((mixed["out"] / "summary.json").read_text(encoding="utf-8"))
    assert s == mixed["second"]
    assert s["totals"] == {
        "files": 10,
        "records": 5,
        "reports": 4,
        "errors": 5,
        "findings": s["totals"]["findings"],
    }
    assert s["reports_by_kind"] == {"department_overall": 3, "project": 1}
    assert s["errors_by_kind"] == {"timeout": 1, "unreadable": 3, "unsupported": 1}
    run = mixed["first"]["this_run"]
    assert (run["inputs"], run["reused"], run["processed"], run["aliases"]) == (10, 0, 4, 1)
    assert (run["failed"], run["timed_out"], run["interrupted"]) == (5, 1, None)
    assert run["skipped"] == [f"{mixed['base']}/bad/a01.meta.json"]


def test_duplicate_read_once_and_both_names_recorded(mixed: dict) -> None:
    base = mixed["base"]
    records = jsonl(mixed["out"] / "reports.jsonl")
    assert len(records) == len({r["sha256"] for r in records}) == 4
    a01 = next(r for r in records if r["files"][0].endswith("a01.txt"))
    assert a01["files"] == [f"{base}/good/a01.txt", f"{base}/bad/dup-of-a01.txt"]
    assert a01["report"]["source"]["sha256"] == a01["sha256"]


def test_texts_hold_the_document_text_spans_point_into(mixed: dict) -> None:
    out, base = mixed["out"], mixed["base"]
    xj = next(r for r in jsonl(out / "reports.jsonl") if "xj-street" in r["files"][0])
    payload = json.loads((out / "texts" / f"{xj['sha256']}.json").read_text(encoding="utf-8"))
    doc = read(base / "good" / "xj-street-2024.txt")
    assert (payload["text"], payload["page_starts"], payload["format"]) == (doc.text, doc.page_starts, "text")
    spans = [ind["name"]["span"] for ind in xj["report"]["indicators"]]
    assert spans and all(payload["text"][s["start"] : s["end"]] == s["text"] for s in spans)


def test_flat_and_findings_files(mixed: dict) -> None:
    out = mixed["out"]
    flat = {Path(r["file"]).name: r for r in jsonl(out / "flat.jsonl")}
    gold = json.loads((CORPUS / "xj-street-2024.gold.json").read_text(encoding="utf-8"))
    assert flat["xj-street-2024.txt"]["budget.initial"] == gold["budget.initial"] == 44060900
    assert flat["dup-of-a01.txt"] | {"file": ""} == flat["a01.txt"] | {"file": ""}
    findings = csv_rows(out / "findings.csv", FINDINGS_HEADER)
    per_report = sum(len(r["report"]["findings"]) for r in jsonl(out / "reports.jsonl"))
    assert len(findings) == per_report == mixed["first"]["totals"]["findings"]


def test_sqlite_matches_the_files(mixed: dict) -> None:
    out = mixed["out"]
    con = sqlite3.connect(mixed["base"] / "out.sqlite")
    count = lambda t: con.execute(f"SELECT count(*) FROM {t}").fetchone()[0]  # noqa: E731
    reports = jsonl(out / "reports.jsonl")
    assert count("reports") == count("budget") == len(reports) == 4
    assert count("findings") == len(csv_rows(out / "findings.csv", FINDINGS_HEADER))
    assert count("indicators") == sum(len(r["report"]["indicators"]) for r in reports)
    assert count("quantities") == sum(len(r["report"]["quantities"]) for r in reports)
    assert count("files") == 10
    assert con.execute("SELECT count(*) FROM files WHERE status = 'error'").fetchone()[0] == 5
    assert con.execute("PRAGMA foreign_key_check").fetchall() == []
    row = con.execute(
        "SELECT b.initial, typeof(b.initial), b.execution_rate FROM budget b JOIN reports r USING (sha256)"
        " WHERE r.file LIKE '%xj-street-2024.txt'"
    ).fetchone()
    assert row == ("44060900", "text", "96.41")


def test_rerun_redoes_nothing_and_changes_nothing(mixed: dict) -> None:
    out = mixed["out"]
    assert {n: (out / n).read_bytes() for n in JOURNALS} == mixed["snapshot"]
    run = mixed["second"]["this_run"]
    assert (run["reused"], run["processed"], run["failed"], run["timed_out"]) == (10, 0, 0, 0)
    assert run["inputs_failed"] == 5
    assert run["db"]["reports"] == 0 and run["db"]["reports_kept"] == 4
    assert mixed["rerun"] < 2  # the hanging file was not tried again
    assert mixed["second"]["totals"] == mixed["first"]["totals"]


def test_changed_bytes_replace_the_old_record_and_force_redoes(tmp_path: Path) -> None:
    src = tmp_path / "in"
    src.mkdir()
    shutil.copy(CORPUS / "a01.txt", src / "r.txt")
    out = tmp_path / "out"
    run_batch([str(src)], out, jobs=1)
    shutil.copy(CORPUS / "b01.txt", src / "r.txt")
    s = run_batch([str(src)], out, jobs=1)
    assert (s["totals"]["records"], s["totals"]["reports"], s["this_run"]["processed"]) == (1, 1, 1)
    assert [r["report"]["report"]["kind"]["value"] for r in jsonl(out / "reports.jsonl")] == ["project"]
    before = {n: (out / n).read_bytes() for n in JOURNALS}
    s = run_batch([str(src / "r.txt")], out, jobs=1, force=True)
    assert (s["this_run"]["processed"], s["this_run"]["reused"], s["totals"]["records"]) == (1, 0, 1)
    assert {n: (out / n).read_bytes() for n in JOURNALS} == before


def test_hard_kill_leftovers_are_dropped_on_resume(tmp_path: Path) -> None:
    src = tmp_path / "in"
    src.mkdir()
    for name in ("a01", "a02"):
        shutil.copy(CORPUS / f"{name}.txt", src / f"{name}.txt")
    out = tmp_path / "out"
    run_batch([str(src / "a01.txt")], out, jobs=1)
    whole = {n: (out / n).read_bytes() for n in JOURNALS}
    # a SIGKILL while writing a02 leaves: its flat line, a cut findings row, half a report line
    with (out / "flat.jsonl").open("a", encoding="utf-8") as fh:
        fh.write(json.dumps({"file": str(src / "a02.txt"), "sha256": "f" * 64}) + "\n")
    with (out / "findings.csv").open("a", encoding="utf-8") as fh:
        fh.write(f'{src}/a02.txt,{"f" * 64},sum.total,error,"半')
    with (out / "reports.jsonl").open("a", encoding="utf-8") as fh:
        fh.write('{"sha256": "' + "f" * 64 + '", "files": [')
    s = run_batch([str(src / "a01.txt")], out, jobs=1)
    assert {n: (out / n).read_bytes() for n in JOURNALS} == whole
    assert s["this_run"]["reused"] == 1
    s = run_batch([str(src)], out, jobs=1)
    assert accounted(out) == {str(src / "a01.txt"): "ok", str(src / "a02.txt"): "ok"}
    assert s["totals"]["reports"] == 2


def _varied_copies(folder: Path, n: int) -> None:
    folder.mkdir()
    sources = sorted(CORPUS.glob("*.txt"))
    for i in range(n):
        text = sources[i % len(sources)].read_text(encoding="utf-8")
        (folder / f"r{i:03d}.txt").write_text(text + f"\n附件编号：{i}\n", encoding="utf-8")


def test_sigterm_keeps_finished_files_and_rerun_completes(tmp_path: Path) -> None:
    src, out, db = tmp_path / "in", tmp_path / "out", tmp_path / "out.sqlite"
    _varied_copies(src, 30)
    cmd = [sys.executable, "-m", "cli", "batch", str(src), "-o", str(out), "--jobs", "2", "--db", str(db)]
    env = {**os.environ, DELAY_ENV: "0.2"}
    proc = subprocess.Popen(cmd, cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline and proc.poll() is None:
        if (out / "reports.jsonl").is_file() and (out / "reports.jsonl").read_bytes().count(b"\n") >= 2:
            break
        time.sleep(0.05)
    proc.send_signal(signal.SIGTERM)
    _, err = proc.communicate(timeout=30)
    assert proc.returncode == 143, err.decode()
    done = jsonl(out / "reports.jsonl")
    assert 2 <= len(done) < 30
    assert len(jsonl(out / "flat.jsonl")) == len(done)
    csv_rows(out / "findings.csv", FINDINGS_HEADER)
    assert csv_rows(out / "errors.csv", ERRORS_HEADER) == []
    summary = json.loads((out / "summary.json").read_text(encoding="utf-8"))
    assert summary["this_run"]["interrupted"] == "SIGTERM"
    assert json.loads((out / "manifest.json").read_text(encoding="utf-8"))["complete"] is False
    con = sqlite3.connect(db)
    assert con.execute("SELECT count(*) FROM reports").fetchone()[0] == len(done)
    con.close()

    rerun = subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True, timeout=60)
    assert rerun.returncode == 0, rerun.stderr
    assert set(accounted(out).values()) == {"ok"} and len(accounted(out)) == 30
    summary = json.loads((out / "summary.json").read_text(encoding="utf-8"))
    assert summary["this_run"]["reused"] == len(done)
    assert summary["this_run"]["processed"] == 30 - len(done)
    assert sqlite3.connect(db).execute("SELECT count(*) FROM reports").fetchone()[0] == 30


def test_cli_prints_summary_and_exit_code(tmp_path: Path) -> None:
    src = tmp_path / "in"
    src.mkdir()
    shutil.copy(CORPUS / "b01.txt", src / "b01.txt")
    (src / "empty.txt").write_bytes(b"")
    cmd = [sys.executable, "-m", "cli", "batch", str(src), "-o", str(tmp_path / "out"), "-j", "1"]
    r = subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True, timeout=60)
    assert r.returncode == 3, r.stderr  # an input failed
    assert "files 2: 1 read into 1 reports, 1 failed" in r.stdout
    assert "jixiao batch: 2 inputs, 0 already in OUTDIR, 2 to read" in r.stderr


def _children(pid: int) -> set[int]:
    found = set()
    for task in Path(f"/proc/{pid}/task").iterdir():
        found |= {int(c) for c in (task / "children").read_text().split()}
    return found


def test_workers_die_with_a_killed_supervisor(tmp_path: Path) -> None:
    """kill -9 of the batch, while a worker is stuck in a file, leaves no worker behind."""
    src = tmp_path / "in"
    src.mkdir()
    shutil.copy(CORPUS / "a01.txt", src / "hang-me.txt")
    cmd = [sys.executable, "-m", "cli", "batch", str(src), "-o", str(tmp_path / "out"), "--jobs", "1"]
    env = {**os.environ, HANG_ENV: "hang-me"}
    proc = subprocess.Popen(cmd, cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    deadline = time.monotonic() + 30
    workers: set[int] = set()
    while time.monotonic() < deadline and not workers:
        workers = _children(proc.pid)
        time.sleep(0.1)
    assert workers, "no worker started"
    time.sleep(1.0)  # the worker is now inside the hanging file
    proc.kill()
    proc.wait(timeout=10)
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline and any(Path(f"/proc/{w}").exists() for w in workers):
        time.sleep(0.1)
    alive = [
        w
        for w in workers
        if Path(f"/proc/{w}/status").exists() and "zombie" not in Path(f"/proc/{w}/status").read_text()
    ]
    assert not alive, f"workers outlived the supervisor: {alive}"
