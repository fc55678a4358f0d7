"""A small supervisor of worker processes with a time limit per file.

Workers are forked from a warmed supervisor where the OS allows it (Linux): the
supervisor imports the pipeline, compiles the patterns, opens jieba's dictionary
and runs one report through it once (``worker.warm_up``), and every worker (a
replacement too) starts from that copy, ready in milliseconds. Elsewhere workers
are spawned and warm up themselves.

Each worker has its own pipe and works on one file at a time. When a file
overruns its deadline the worker is killed and replaced, and the file becomes an
error row; a worker that dies is replaced the same way. ``stop()`` (from a
signal handler) makes ``run`` return at the next wake-up, at most ``TICK`` later.
"""

from __future__ import annotations

import gc
import multiprocessing as mp
import sys
import time
from collections import deque
from collections.abc import Iterator
from dataclasses import dataclass
from multiprocessing.connection import Connection, wait
from typing import Any

from extractor.batch.worker import error, warm_up, worker_main

TICK = 0.25
FORK = sys.platform.startswith("linux") and "fork" in mp.get_all_start_methods()


@dataclass
class _Worker:
    proc: Any
    conn: Connection
    ready: bool = False
    task: tuple[str, str] | None = None
    deadline: float = 0.0


class Pool:
    def __init__(self, jobs: int, timeout: float, ocr: str = "auto") -> None:
        self.jobs, self.timeout, self.ocr = max(1, jobs), timeout, ocr
        self.ctx = mp.get_context("fork" if FORK else "spawn")
        self.workers: list[_Worker] = []
        self.stopped = False
        self.warm = False

    def stop(self) -> None:
        self.stopped = True

    def run(self, tasks: list[tuple[str, str]]) -> Iterator[dict[str, Any]]:
        """Yield one result dict per task (in finishing order) until done or stopped."""
        todo = deque(tasks)
        if FORK and todo and not self.warm:
            warm_up(file for file, _ in tasks)
            freeze_heap()
            self.warm = True
        self.workers = []
        for _ in range(min(self.jobs, len(todo))):
            self.workers.append(self._start())
        try:
            while not self.stopped and (todo or any(w.task for w in self.workers)):
                self._dispatch(todo)
                results = list(self._collect())
                self._dispatch(todo)  # the next files first: workers read while the results are written
                yield from results
        finally:
            self.close()

    def limit(self, file: str) -> float:
        """Seconds a file may take: the time limit, per OCR page for a scan."""
        from extractor.read.scan_pages import ocr_pages

        return self.timeout * max(1, ocr_pages(file, self.ocr))

    def _start(self) -> _Worker:
        parent, child = self.ctx.Pipe()
        inherited = [w.conn.fileno() for w in self.workers if not w.conn.closed] if FORK else []
        args = (child, self.ocr, self.warm, inherited)
        proc = self.ctx.Process(target=worker_main, args=args, daemon=True)
        proc.start()
        child.close()
        return _Worker(proc, parent)

    def _dispatch(self, todo: deque[tuple[str, str]]) -> None:
        for w in self.workers:
            if w.ready and w.task is None and todo:
                w.task = todo.popleft()
                w.deadline = time.monotonic() + self.limit(w.task[0])
                try:
                    w.conn.send(w.task)
                except OSError:  # the worker died while idle: give the file to its replacement
                    todo.appendleft(w.task)
                    w.task = None
                    _kill(w)
                    self.workers[self.workers.index(w)] = self._start()

    def _collect(self) -> Iterator[dict[str, Any]]:
        now = time.monotonic()
        busy = [w.deadline - now for w in self.workers if w.task]
        wait_for = max(0.0, min([TICK, *busy]))
        ready = wait([w.conn for w in self.workers] + [w.proc.sentinel for w in self.workers], wait_for)
        for i, w in enumerate(self.workers):
            if w.conn in ready:
                result = self._receive(i, w)
                if result is not None:
                    yield result
            elif w.task and (time.monotonic() > w.deadline or not w.proc.is_alive()):
                yield self._replace(i, w)

    def _receive(self, i: int, w: _Worker) -> dict[str, Any] | None:
        try:
            msg = w.conn.recv()
        except (EOFError, OSError):
            if w.task:
                return self._replace(i, w)
            self.workers[i] = self._start()  # died while warming up
            return None
        if msg is None:
            w.ready = True
            return None
        w.task = None
        return msg

    def _replace(self, i: int, w: _Worker) -> dict[str, Any]:
        file, sha = w.task or ("", "")
        alive = w.proc.is_alive()
        _kill(w)
        self.workers[i] = self._start()
        if alive:
            return error(
                file, sha, "extract", "timeout", f"no result within {self.limit(file):g} s: worker killed"
            )
        return error(
            file, sha, "extract", "worker_died", f"worker process died (exit code {w.proc.exitcode})"
        )

    def close(self) -> None:
        for w in self.workers:
            if w.task is None and w.proc.is_alive():
                try:
                    w.conn.send(None)
                except OSError:
                    pass
        deadline = time.monotonic() + 1.0
        for w in self.workers:
            if w.task is None:
                w.proc.join(max(0.0, deadline - time.monotonic()))
            _kill(w)
        self.workers = []


def freeze_heap() -> None:
    """Once per process, before the first fork: the warmed objects the workers inherit are left
    out of their garbage collections, which would otherwise touch (and so copy) their pages."""
    if gc.get_freeze_count() == 0:
        gc.collect()
        gc.freeze()


def _kill(w: _Worker) -> None:
    if w.proc.is_alive():
        w.proc.terminate()
        w.proc.join(1.0)
    if w.proc.is_alive():
        w.proc.kill()
        w.proc.join()
    w.conn.close()
