"""The worker side of the batch on a Dask cluster (``cluster.ClusterPool`` is the supervisor's):
``run_chunk`` is the task, handing a chunk's files one at a time to this worker thread's *runner*,
a child process warmed up once (pipeline imported, patterns and jieba's dictionary loaded) that
serves files as a local pool worker does (``worker.worker_main``), within each file's time limit;
a runner that dies or runs over is replaced. Where the OS forks (Linux) the worker process warms
up and forks its runners (``start_spares``: at the worker's start), else a runner is a new
interpreter warming itself up.

Test-only hooks (environment of the worker processes):
  JIXIAO_TEST_KILL_WORKER_ON=<text>  the dask worker running a file whose name contains <text> exits;
  JIXIAO_TEST_KILL_RUNNER_ON=<text>  the runner of such a file is killed while on it;
  JIXIAO_TEST_KILL_ONCE_DIR=<dir>    ... only on the file's first attempt (a marker file in <dir>)
"""

from __future__ import annotations

import multiprocessing as mp
import os
import signal
import socket
import subprocess
import sys
import threading
from multiprocessing.connection import Connection
from pathlib import Path
from typing import Any

from extractor.batch.worker import error
from extractor.errors import MACHINE_ERRNOS, InputError

FORK = sys.platform.startswith("linux") and "fork" in mp.get_all_start_methods()
WARM_UP_LIMIT = 300.0  # seconds for a runner to import the pipeline and load its dictionaries
KILL_ENV, KILL_ONCE_ENV = "JIXIAO_TEST_KILL_WORKER_ON", "JIXIAO_TEST_KILL_ONCE_DIR"
KILL_RUNNER_ENV = "JIXIAO_TEST_KILL_RUNNER_ON"
_RUNNER_MAIN = (
    "import sys; from extractor.batch.cluster_runner import runner_main; "
    "runner_main(int(sys.argv[1]), sys.argv[2])"
)


class RunnerDied(Exception):
    """The runner process died while reading a file."""


_local = threading.local()  # one runner per worker thread
_spare: list[_Runner] = []  # runners started before any task (dask_setup), taken by the first tasks
_spare_lock = threading.Lock()
_spares_started = False
_warm = False  # this worker process has the pipeline loaded: its runners are forked from it
_open_runners: set[int] = set()  # file descriptors of this process's ends of its runners' sockets


def run_chunk(tasks: list[tuple], ocr: str = "auto", last: bool = False) -> list[bytes | dict[str, Any]]:
    """The task: each file of a chunk, ``(file, sha256, source, seconds)``, to its result dict in
    turn, by this thread's runner (reading scans as ``ocr`` says: auto, off or force), each within
    its own time limit. A file whose runner dies gives a retry mark (the supervisor sends it again
    alone) and the chunk goes on with a fresh runner; on its ``last`` try, the error row. A result
    comes as the runner pickled it (bytes): this worker neither unpickles nor pickles it again."""
    return [_run_one(file, sha, source, seconds, ocr, last) for file, sha, source, seconds in tasks]


def _run_one(
    file: str, sha: str, source: tuple, timeout: float, ocr: str, last: bool
) -> bytes | dict[str, Any]:
    _test_kill(file)
    runner = _thread_runner(ocr)
    try:
        outcome, result = runner.run((file, sha, source), timeout)
    except RunnerDied:  # it never warmed up
        outcome = "died"
    if outcome == "ok":
        return result
    _local.runner = None
    code = runner.kill()
    if outcome == "timeout":
        return error(file, sha, "extract", "timeout", f"no result within {timeout:g} s: worker killed")
    if not last:
        return {"retry": True, "ok": False, "file": file, "sha256": sha}
    message = f"worker died twice: worker process died (exit code {code})"
    return error(file, sha, "extract", "worker_died", message)


def _thread_runner(ocr: str) -> _Runner:
    """This worker thread's runner (a spare one warmed up at the worker's start first), reading scans
    as ``ocr`` says."""
    runner = getattr(_local, "runner", None) or _take_spare()
    if runner is not None and runner.ocr != ocr:
        runner.kill()
        runner = None
    _local.runner = runner or _Runner(ocr)
    return _local.runner


def start_spares(worker: Any) -> None:
    """Once per worker process: one runner per thread before any task comes (where the OS forks,
    this process warms the pipeline up and the runners are forked from it, ready at once)."""
    global _spares_started
    with _spare_lock:
        if _spares_started:
            return
        _spares_started = True
        if FORK:
            _warm_this_process()
        threads = int(getattr(worker, "nthreads", 1) or 1)
        _spare.extend(_Runner() for _ in range(threads))


def _warm_this_process() -> None:
    from extractor.batch.pool import freeze_heap as freeze
    from extractor.batch.worker import warm_up

    global _warm
    if not _warm:
        warm_up()
        freeze()
        _warm = True


def warm_runners() -> int:
    """This worker's spare runners once warmed up (``client.run(warm_runners)``: a cluster ready for
    a batch); how many."""
    with _spare_lock:
        spares = list(_spare)
    for runner in spares:
        if not runner.warm:
            runner.wait_warm()
    return len(spares)


def _take_spare() -> _Runner | None:
    with _spare_lock:
        return _spare.pop() if _spare else None


class _Runner:
    """A warmed-up child process serving files one at a time over a socket (``worker_main``); started
    here, waited for (its warm-up) before its first file. Forked from this worker process when it
    has the pipeline loaded (ready at once; a replacement too), else a new interpreter."""

    def __init__(self, ocr: str = "auto") -> None:
        self.ocr = ocr
        parent, child = socket.socketpair()
        if _warm:
            self.proc: Any = _Forked(child.fileno(), ocr, [*_open_runners, parent.fileno()])
        else:
            command = [sys.executable, "-c", _RUNNER_MAIN, str(child.fileno()), ocr]
            self.proc = subprocess.Popen(command, pass_fds=(child.fileno(),), stdin=subprocess.DEVNULL)
        child.close()
        self.conn = Connection(parent.detach())
        _open_runners.add(self.conn.fileno())
        self.warm = False

    def wait_warm(self) -> None:
        if not self.conn.poll(WARM_UP_LIMIT) or self._recv() is not None:
            code = self.kill()
            raise RunnerDied(f"worker process did not start (exit code {code})")
        self.warm = True

    def run(self, task: tuple, timeout: float) -> tuple[str, bytes | None]:
        if not self.warm:
            self.wait_warm()
        try:
            self.conn.send(task)
        except OSError:
            return "died", None
        _test_kill_runner(self.proc, task[0])
        if not self.conn.poll(timeout):
            return "timeout", None
        try:  # the result dict as the runner pickled it: passed on as it is, not unpickled here
            return "ok", self.conn.recv_bytes()
        except (EOFError, OSError):
            return "died", None

    def _recv(self) -> Any:
        try:
            return self.conn.recv()
        except (EOFError, OSError):
            return "died"

    def kill(self) -> int | None:
        _open_runners.discard(self.conn.fileno())
        self.conn.close()
        if self.proc.poll() is None:
            self.proc.kill()
        return self.proc.wait()


class _Forked:
    """A runner forked from this (warm) worker process, with the ``poll``/``kill``/``wait`` of a
    ``Popen`` (a dask worker process is a daemon: multiprocessing would not let it have children).
    The child closes ``inherited`` (this process's ends of the runners' sockets, its own too) and
    serves as a local pool worker forked warm (``worker_main``)."""

    def __init__(self, fd: int, ocr: str, inherited: list[int]) -> None:
        self.code: int | None = None
        self.pid = os.fork()
        if self.pid == 0:
            code = 1
            try:
                from extractor.batch.worker import unfix_malloc, worker_main

                unfix_malloc()  # a dask worker's fixed thresholds: CPU a pool worker does not spend
                worker_main(Connection(fd), ocr, warm=True, inherited=inherited)
                code = 0
            except (BrokenPipeError, ConnectionResetError):  # its worker closed before it was needed
                code = 0
            finally:
                os._exit(code)

    def poll(self) -> int | None:
        if self.code is None:
            pid, status = os.waitpid(self.pid, os.WNOHANG)
            if pid:
                self.code = os.waitstatus_to_exitcode(status)
        return self.code

    def kill(self) -> None:
        if self.code is None:
            os.kill(self.pid, signal.SIGKILL)

    def wait(self) -> int:
        if self.code is None:
            self.code = os.waitstatus_to_exitcode(os.waitpid(self.pid, 0)[1])
        return self.code


def runner_main(fd: int, ocr: str = "auto") -> None:
    """The runner process: a local pool worker whose pipe is the socket ``fd``."""
    from extractor.batch.worker import unfix_malloc, worker_main

    unfix_malloc()
    try:
        worker_main(Connection(fd), ocr)
    except (BrokenPipeError, ConnectionResetError):  # its worker closed before it was needed
        pass


def source_of(file: str, sha: str) -> tuple | dict[str, Any]:
    """The file's bytes (read here, in the supervisor), or its error row as a worker would give it."""
    from extractor.files import file_source

    try:
        return file_source(file)
    except InputError as exc:
        return error(file, sha, exc.stage, "unreadable", exc.reason)
    except OSError as exc:
        if exc.errno in MACHINE_ERRNOS:
            return error(file, sha, "read", "machine", str(exc)) | {"machine": True}
        return error(file, sha, "read", "unreadable", str(exc))


def _test_kill(file: str) -> None:
    if _test_hook(KILL_ENV, file, ".killed"):
        os._exit(70)


def _test_kill_runner(proc: subprocess.Popen, file: str) -> None:
    if _test_hook(KILL_RUNNER_ENV, file, ".runner-killed"):
        proc.kill()


def _test_hook(env: str, file: str, mark: str) -> bool:
    """Does the test hook ``env`` name this file (and, with KILL_ONCE_ENV, is this its first time)?"""
    text = os.environ.get(env)
    if not text or text not in Path(file).name:
        return False
    once = os.environ.get(KILL_ONCE_ENV)
    if once:
        marker = Path(once) / (Path(file).name + mark)
        if marker.exists():
            return False
        marker.touch()
    return True
