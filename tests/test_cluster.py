"""The batch on a Dask LocalCluster of 2 worker processes gives what the local pool gives."""

from __future__ import annotations

import csv
import os
import platform
import re
import shutil
import subprocess
import sys
import time
from collections import deque
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from cli import main
from extractor.batch import cluster, cluster_runner
from extractor.batch.cluster import ClusterPool
from extractor.batch.cluster_runner import FORK, KILL_ENV, KILL_ONCE_ENV, KILL_RUNNER_ENV
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
    environ = dict(os.environ)
    cluster = run_batch([str(inputs)], tmp_path / "cluster", timeout=60, cluster="local:2")
    assert dict(os.environ) == environ  # no MALLOC_TRIM_THRESHOLD_, PYTHONHASHSEED from the nanny
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


@pytest.mark.parametrize("share", [4, 1])  # 1: 5 files on 2 threads, chunks of 3 (the hang in one)
def test_the_time_limit_holds_on_the_cluster(
    inputs: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, share: int
) -> None:
    monkeypatch.setattr(cluster, "CHUNK_SHARE", share)
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


# --- interruption: Ctrl-C (the whole foreground process group) and SIGTERM (the batch alone) -----

ROOT = FIXTURES.parent
N_INTERRUPTED = 40


def _descendants(pid: int) -> set[int]:
    """Every process below ``pid`` (dask nannies, their workers, the workers' runners)."""
    found: set[int] = set()
    todo = [pid]
    while todo:
        parent = todo.pop()
        try:
            tasks = list(Path(f"/proc/{parent}/task").iterdir())
        except OSError:
            continue
        for task in tasks:
            try:
                children = {int(c) for c in (task / "children").read_text().split()}
            except OSError:
                continue
            todo += sorted(children - found)
            found |= children
    return found


def _alive(pids: set[int]) -> list[int]:
    alive = []
    for pid in pids:
        try:
            status = Path(f"/proc/{pid}/status").read_text()
        except OSError:
            continue
        if "zombie" not in status:
            alive.append(pid)
    return alive


def _copies(folder: Path, n: int) -> list[str]:
    folder.mkdir()
    sources = sorted((FIXTURES / "corpus").glob("*.txt"))
    for i in range(n):
        text = sources[i % len(sources)].read_text(encoding="utf-8")
        (folder / f"r{i:03d}.txt").write_text(text + f"\n附件编号：{i}\n", encoding="utf-8")
    return sorted(str(p) for p in folder.iterdir())


def _report_files(out: Path) -> list[str]:
    import json

    lines = (out / "reports.jsonl").read_text(encoding="utf-8").splitlines()
    return [name for line in lines for name in json.loads(line)["files"]]


@pytest.mark.parametrize(("signum", "code", "whole_group"), [(2, 130, True), (15, 143, False)])
def test_ctrl_c_and_sigterm_stop_cleanly_and_a_rerun_finishes(
    tmp_path: Path, signum: int, code: int, whole_group: bool
) -> None:
    import json
    import os
    import signal
    import subprocess
    import time

    from extractor.batch.worker import DELAY_ENV

    names = _copies(tmp_path / "in", N_INTERRUPTED)
    out = tmp_path / "out"
    cmd = [sys.executable, "-m", "cli", "batch", str(tmp_path / "in"), "-o", str(out), "--cluster", "local:2"]
    env = {**os.environ, DELAY_ENV: "0.3"}
    proc = subprocess.Popen(
        cmd, cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, start_new_session=True
    )
    family: set[int] = set()
    deadline = time.monotonic() + 120
    reports = out / "reports.jsonl"
    while time.monotonic() < deadline and proc.poll() is None:
        family |= _descendants(proc.pid)
        if reports.is_file() and reports.read_bytes().count(b"\n") >= 3:
            break
        time.sleep(0.05)
    family |= _descendants(proc.pid)
    assert proc.poll() is None, "the batch ended before it was interrupted"
    if whole_group:
        os.killpg(proc.pid, signum)  # Ctrl-C in a terminal: every process of the job gets SIGINT
    else:
        proc.send_signal(signum)
    _, err = proc.communicate(timeout=60)
    assert proc.returncode == code, err.decode()
    assert "Traceback" not in err.decode() and "KeyboardInterrupt" not in err.decode(), err.decode()
    assert len(family) >= 4, family  # 2 dask workers, each with its runner (and nannies)
    end = time.monotonic() + 10
    while time.monotonic() < end and _alive(family):
        time.sleep(0.1)
    assert not _alive(family), f"processes outlived the batch: {_alive(family)}"
    done = _report_files(out)
    assert 3 <= len(done) < N_INTERRUPTED
    assert len(done) == len(set(done)) and set(done) <= set(names)
    assert (out / "errors.csv").read_text(encoding="utf-8-sig").count("\n") == 1  # the header alone
    summary = json.loads((out / "summary.json").read_text(encoding="utf-8"))
    assert summary["this_run"]["interrupted"] == signal.Signals(signum).name
    assert json.loads((out / "manifest.json").read_text(encoding="utf-8"))["complete"] is False

    rerun = subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True, timeout=180)
    assert rerun.returncode == 0, rerun.stderr
    assert sorted(_report_files(out)) == names  # each input exactly once
    summary = json.loads((out / "summary.json").read_text(encoding="utf-8"))
    assert (summary["this_run"]["reused"], summary["this_run"]["processed"]) == (
        len(done),
        N_INTERRUPTED - len(done),
    )
    assert json.loads((out / "manifest.json").read_text(encoding="utf-8"))["complete"] is True


def _first_page(source: Path, target: Path) -> None:
    """The first page of a PDF (OCR takes ~20 s a page here: one page keeps the test short)."""
    import pypdfium2 as pdfium

    pdf, page = pdfium.PdfDocument(source), pdfium.PdfDocument.new()
    page.import_pages(pdf, [0])
    page.save(target)
    page.close()
    pdf.close()


@pytest.mark.parametrize(("ocr", "pdf"), [("off", "scanned/d06s.pdf"), ("force", "proj-entrusted-2022.pdf")])
def test_ocr_mode_on_the_cluster_gives_the_local_pools_result(tmp_path: Path, ocr: str, pdf: str) -> None:
    """off: an image-only PDF is the local pool's error row; force: a text PDF's page read by OCR
    (not its text layer, as auto would) gives the local pool's record and text."""
    import json

    from extractor.read import read

    scan = tmp_path / "in" / "page.pdf"
    scan.parent.mkdir()
    _first_page(FIXTURES / "documents" / pdf, scan)
    local = run_batch([str(scan)], tmp_path / "local", jobs=1, timeout=120, ocr=ocr)
    cluster = run_batch([str(scan)], tmp_path / "cluster", timeout=120, ocr=ocr, cluster="local:1")
    assert cluster["totals"] == local["totals"]
    for name in ("flat.jsonl", "errors.csv"):
        assert _lines(tmp_path / "cluster" / name) == _lines(tmp_path / "local" / name), name
    with (tmp_path / "cluster" / "errors.csv").open(encoding="utf-8-sig") as f:
        rows = list(csv.DictReader(f))
    if ocr == "off":
        assert [(r["kind"], "needs OCR" in r["message"]) for r in rows] == [("unreadable", True)]
        return
    (text,) = (tmp_path / "cluster" / "texts").iterdir()
    assert text.read_bytes() == (tmp_path / "local" / "texts" / text.name).read_bytes()
    read_by_ocr = json.loads(text.read_text(encoding="utf-8"))["text"]
    assert rows == [] and read_by_ocr != read(scan, "auto").text  # not the text layer


# --- several files per task (chunks) -------------------------------------------------------------


def _files(folder: Path, sizes: list[int]) -> deque[tuple[str, str]]:
    folder.mkdir()
    for i, size in enumerate(sizes):
        (folder / f"f{i:03d}.txt").write_bytes(b"x" * size)
    return deque((str(folder / f"f{i:03d}.txt"), f"sha{i}") for i in range(len(sizes)))


def test_chunks_are_bounded_by_count_bytes_and_a_share_of_what_is_left(tmp_path: Path) -> None:
    pool = ClusterPool("local:2", timeout=60)
    pool.threads = 2
    todo = _files(tmp_path / "small", [1000] * 300)
    sizes = []
    while todo:
        sizes.append(len(pool._take(todo)))
    # 32 at most; then ceil(left / (3 chunks x 2 threads)): 172 left -> 29, ..., the last chunks small
    assert sizes[:8] == [32, 32, 32, 32, 29, 24, 20, 17]
    assert sum(sizes) == 300 and sizes[-6:] == [1] * 6 and len(sizes) == 26
    pool.threads = 1  # 20 files: a share of 7, but 2 MB at most (a file larger goes alone)
    big = _files(tmp_path / "big", [900_000, 900_000, 900_000, 3_000_000, 10] * 4)
    taken = [[Path(f).name for f, _ in pool._take(big)] for _ in range(4)]
    assert taken == [
        ["f000.txt", "f001.txt"],
        ["f002.txt"],
        ["f003.txt"],
        ["f004.txt", "f005.txt", "f006.txt"],
    ]


def test_a_file_whose_runner_dies_in_a_chunk_is_retried_alone_and_the_chunk_goes_on(
    inputs: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(cluster, "CHUNK_SHARE", 1)  # 14 files, 2 threads: chunks of 7
    victim = sorted(inputs.glob("*.txt"))[2]
    victim.rename(inputs / f"kill-{victim.name}")
    markers = tmp_path / "markers"
    markers.mkdir()
    monkeypatch.setenv(KILL_RUNNER_ENV, "kill-")
    monkeypatch.setenv(KILL_ONCE_ENV, str(markers))
    summary = run_batch([str(inputs)], tmp_path / "out", timeout=60, cluster="local:2")
    assert [p.name for p in markers.iterdir()] == [f"kill-{victim.name}.runner-killed"]
    assert (summary["this_run"]["processed"], summary["this_run"]["failed"]) == (14, 0)
    assert _ends(tmp_path / "out") == sorted(p.name for p in inputs.iterdir())


def test_a_file_whose_runner_dies_twice_is_an_error_row_beside_its_chunks_records(
    inputs: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(cluster, "CHUNK_SHARE", 1)
    victim = sorted(inputs.glob("*.txt"))[5]
    victim.rename(inputs / f"kill-{victim.name}")
    monkeypatch.setenv(KILL_RUNNER_ENV, "kill-")
    local = run_batch([str(inputs)], tmp_path / "local", jobs=2, timeout=60)
    summary = run_batch([str(inputs)], tmp_path / "out", timeout=60, cluster="local:2")
    assert (summary["this_run"]["processed"], summary["this_run"]["failed"]) == (13, 1)
    with (tmp_path / "out" / "errors.csv").open(encoding="utf-8-sig") as f:
        rows = list(csv.DictReader(f))
    assert [(Path(r["file"]).name, r["kind"]) for r in rows] == [(f"kill-{victim.name}", "worker_died")]
    assert rows[0]["message"].startswith("worker died twice: worker process died (exit code -9)")
    assert local["this_run"]["processed"] == 14  # the hook acts on the cluster's runners alone
    assert len(_ends(tmp_path / "out")) == 14


def test_a_file_that_kills_the_dask_worker_in_a_chunk_is_found_alone(
    inputs: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The chunk dies twice (KilledWorker): its files go again one by one; the guilty one kills
    twice more and is the error row, the others are records."""
    for extra in sorted(inputs.glob("*.txt"))[4:]:
        extra.unlink()
    monkeypatch.setattr(cluster, "CHUNK_SHARE", 1)  # 6 files, 2 threads: chunks of 3
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


def test_a_running_cluster_warms_its_runners_by_the_plugin(
    inputs: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """``--cluster tcp://``: a cluster started without jixiao's preload gets its runners from the
    WarmRunners plugin the batch registers, and gives the local pool's outputs. The test's own client
    is the process's default one: the batch tracks its futures on its own client's loop all the same
    (on the default client's loop thread, the two threads raced on the batch client's connections)."""
    import distributed

    loops: list[object] = []
    tracked = distributed.as_completed

    def as_completed(*args: object, loop: object = None, **kwargs: object) -> object:
        loops.append(loop)
        return tracked(*args, loop=loop, **kwargs)

    monkeypatch.setattr(distributed, "as_completed", as_completed)
    run_batch([str(inputs)], tmp_path / "local", jobs=2, timeout=60)
    with (
        distributed.LocalCluster(
            n_workers=2,
            threads_per_worker=1,
            processes=True,
            dashboard_address="127.0.0.1:0",
            silence_logs=40,
        ) as running,
        distributed.Client(running) as client,
    ):
        assert set(client.run(lambda: cluster_runner._spares_started).values()) == {False}
        summary = run_batch([str(inputs)], tmp_path / "out", timeout=60, cluster=running.scheduler_address)
        assert set(client.run(lambda: cluster_runner._spares_started).values()) == {True}
        assert distributed.default_client() is client
    assert len(loops) == 1 and loops[0] is not None and loops[0] is not client.loop
    assert summary["this_run"]["processed"] == 14
    for name in ("reports.jsonl", "flat.jsonl", "findings.csv", "errors.csv"):
        assert _lines(tmp_path / "out" / name) == _lines(tmp_path / "local" / name), name


_FAULTS = """
import os, resource
from extractor.batch.worker import unfix_malloc

def faults():  # minor page faults of 20 blocks of 8 MiB written and freed in turn
    before = resource.getrusage(resource.RUSAGE_SELF).ru_minflt
    for _ in range(20):
        block = b"x" * (8 * 2**20)
        del block
    return resource.getrusage(resource.RUSAGE_SELF).ru_minflt - before

fixed = faults()
print(fixed, unfix_malloc(), "MALLOC_TRIM_THRESHOLD_" in os.environ, faults())
"""


@pytest.mark.skipif(platform.libc_ver()[0] != "glibc", reason="glibc's malloc thresholds")
def test_a_runner_undoes_the_malloc_thresholds_a_dask_nanny_fixes() -> None:
    """A dask worker starts with MALLOC_TRIM_THRESHOLD_=65536 (the nanny's pre-spawn environment):
    each 8 MiB block is mapped afresh and its 2048 pages fault; once ``unfix_malloc`` ran (as each
    runner does) the heap keeps the block and the next ones reuse it, as in a local pool worker."""
    env = {**os.environ, "MALLOC_TRIM_THRESHOLD_": "65536"}
    out = subprocess.run(
        [sys.executable, "-c", _FAULTS],
        env=env,
        cwd=Path(__file__).parent.parent,
        capture_output=True,
        text=True,
    )
    fixed, changed, left, unfixed = out.stdout.split()
    assert (changed, left) == ("True", "False")
    assert int(fixed) >= 20 * 2000
    assert int(unfixed) < 2 * 2048


def test_the_readme_launch_lines_set_the_cluster_config() -> None:
    """The README's ``export DASK_...`` block for a running cluster is ``cluster.environment()``."""
    readme = (Path(__file__).parent.parent / "README.md").read_text(encoding="utf-8")
    block = readme[readme.index("    export DASK_") : readme.index("    dask scheduler")]
    pairs = re.findall(r"(DASK_\w+)=(\S+)", block)
    assert dict(pairs) == cluster.environment() and len(pairs) == len(cluster.CLUSTER_CONFIG) == 6


class _Recorder:
    """A client that records the chunks sent (each a future of one chunk) and finishes none."""

    def __init__(self) -> None:
        self.sent: list[list[str]] = []

    def map(self, fn: object, args: list, *rest: object, key: list[str], **kw: object) -> list[object]:
        self.sent.append([Path(file).name for chunk in args for file, *_ in chunk])
        return [type("Future", (), {"key": k})() for k in key]


class _Done:
    def add(self, future: object) -> None:
        pass


def test_a_suspect_file_runs_with_nothing_else_in_flight(inputs: Path) -> None:
    """Files of a chunk that killed its workers go one at a time, each once the cluster is empty: a
    worker's death charges every task it held, so a file beside the one at fault would be blamed."""
    files = [(str(p), "") for p in sorted(inputs.glob("*.txt"))]
    pool = ClusterPool("local:2", timeout=60)
    pool.client = _Recorder()
    pool.suspects.extend(files[:2])
    todo = deque(files[2:])
    list(pool._fill(_Done(), todo, room=8))
    assert pool.client.sent == [[Path(files[0][0]).name]]  # one suspect, nothing beside it
    list(pool._fill(_Done(), todo, room=8))
    assert len(pool.client.sent) == 1 and len(todo) == len(files) - 2  # held while it runs
    pool.in_flight.clear()  # it ended
    list(pool._fill(_Done(), todo, room=8))
    assert pool.client.sent[-1] == [Path(files[1][0]).name]
    pool.in_flight.clear()
    list(pool._fill(_Done(), todo, room=8))
    rest = sorted(n for sent in pool.client.sent[2:] for n in sent)
    assert rest == sorted(Path(f).name for f, _ in files[2:])


def test_a_worker_drops_only_the_heartbeat_log_of_a_closed_scheduler() -> None:
    """The batch closing its local cluster after a signal: a worker's heartbeat may meet the closed
    scheduler first and log it with a traceback; that record alone is dropped."""
    import logging

    from extractor.batch.cluster import HEARTBEAT_LOST, quiet_heartbeat

    log = logging.getLogger("distributed.worker")
    before = list(log.filters)
    try:
        quiet_heartbeat()
        quiet_heartbeat()  # once per process, however often the preload runs
        assert len(log.filters) == len(before) + 1
        lost = log.makeRecord(log.name, logging.ERROR, __file__, 1, HEARTBEAT_LOST + ".", (), None)
        other = log.makeRecord(log.name, logging.ERROR, __file__, 1, "Compute Failed", (), None)
        assert not log.filter(lost)
        assert log.filter(other)
    finally:
        log.filters[:] = before


def _hanging_setup(flag: Path, always: bool) -> Callable[[Any], None]:
    """A worker's ``dask_setup`` that never returns (for ever, or only the first time: ``flag``)."""
    setup = cluster.dask_setup

    def hang(worker: Any) -> None:
        if always or not flag.exists():
            flag.touch()
            time.sleep(3600)
        setup(worker)

    return hang


@pytest.mark.skipif(not FORK, reason="the hang is put in the workers by forking them from this process")
def test_a_worker_that_hangs_at_its_start_is_killed_and_the_start_tried_again(
    inputs: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(cluster, "START_TIMEOUT", 5.0)
    monkeypatch.setattr(cluster, "dask_setup", _hanging_setup(tmp_path / "hung", always=False))
    summary = run_batch([str(inputs)], tmp_path / "out", timeout=60, cluster="local:1")
    assert (tmp_path / "hung").exists()  # the first start hung
    assert (summary["this_run"]["processed"], summary["this_run"]["failed"]) == (14, 0)


@pytest.mark.skipif(not FORK, reason="the hang is put in the workers by forking them from this process")
def test_workers_that_never_start_end_the_batch_with_one_line_and_exit_2(
    inputs: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(cluster, "START_TIMEOUT", 3.0)
    monkeypatch.setattr(cluster, "dask_setup", _hanging_setup(tmp_path / "hung", always=True))
    began, before = time.monotonic(), _descendants(os.getpid())
    args = ["batch", str(inputs), "-o", str(tmp_path / "out"), "--cluster", "local:1"]
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 2
    assert result.stderr.splitlines()[-1] == (  # after the batch's first line (inputs counted)
        "jixiao: --cluster local:1: the workers did not start "
        "(2 tries of 3 s; AssertionError: Status.starting)"
    )
    assert time.monotonic() - began < 60
    assert _alive(_descendants(os.getpid()) - before) == []  # the hung workers are gone
