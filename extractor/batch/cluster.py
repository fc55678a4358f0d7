"""The batch on a Dask cluster: ``ClusterPool`` has the interface of ``pool.Pool``.

    pool = ClusterPool("tcp://10.0.0.5:8786", timeout=60)   # or "local:4": a LocalCluster here
    for result in pool.run([(name, sha256), ...]): ...      # one result dict per task, as it finishes

What runs where:
- The supervisor (this process) reads each file's bytes and submits them with the task: the
  workers need no shared filesystem. A task is a *chunk* of files (at most ``CHUNK_FILES`` and
  ``CHUNK_BYTES``, and at most 1/``CHUNK_SHARE`` per thread of the files left, so chunks shrink
  towards the end and the workers finish together): dask's cost per task (a few ms: scheduler,
  messages, the wait for the next task) is shared among its files. At most ``IN_FLIGHT_PER_THREAD``
  chunks per worker thread are in flight; results come back through ``as_completed`` (fetched as
  each chunk ends) and each future is released once its results are yielded, so the supervisor's
  memory stays flat however many files the batch has. The per-file time limit (times the OCR pages
  of a scan, as in the local pool) goes with each file and ``--ocr`` (auto, off, force) with each task.
- On a worker (``cluster_runner``), a task hands its files one at a time to a *runner*: a child
  process of that worker thread, warmed up (pipeline imported, patterns and jieba's dictionary
  loaded) once, serving files exactly as a local pool worker does (``worker.worker_main``). A result
  is passed back as the runner pickled it (the worker does not unpickle it). Where the OS forks
  (Linux) the worker process warms the pipeline up and forks its runners, ready at once (a
  replacement too); else a runner is a new interpreter warming itself up. A runner gives itself the
  malloc thresholds of a pool worker (``worker.unfix_malloc``: a dask nanny starts its workers with
  MALLOC_TRIM_THRESHOLD_ set, which cost a runner 1.5x the CPU per PDF). ``local:N``: this process
  warms up and the worker processes are forked from it (``distributed.worker.multiprocessing-method:
  fork``), so the cluster starts in well under a second; a worker starts its runners as it starts
  (the preload ``dask_setup``) and ignores Ctrl-C, which a terminal sends to every process of the
  job: the supervisor alone stops the run. A ``tcp://`` cluster gets the plugin
  ``cluster_warm.WarmRunners`` (or has it as its workers' preload).
- The time limit per file is held inside the worker: the task waits for the runner at most
  ``timeout`` seconds; past it the runner is killed (the chunk's next file gets a fresh one) and the
  file is a ``timeout`` error row. Python cannot stop a running thread, so a dask task cannot be cut
  short in the worker thread itself; a runner can, without restarting the worker.
- Deaths: a runner that dies mid-file gives that file a retry mark, and the chunk goes on with a
  fresh runner; the supervisor sends the file again alone, on its last try, where a second death is
  the error row "worker died twice". A dask worker process that dies (killed, out of memory) has
  its chunk rescheduled by the scheduler, up to its ``allowed-failures`` (``local:N`` sets 1; start
  a remote scheduler with ``DASK_DISTRIBUTED__SCHEDULER__ALLOWED_FAILURES=1``, dask's default is 3);
  a chunk of several files that killed twice (``KilledWorker``) has its files sent again one by one,
  so the file at fault is found: it kills twice more and is the error row "worker died twice", the
  others are records. Each of those suspects runs with nothing else in flight on the cluster: a
  worker's death charges every task the worker held, so a file beside the one at fault would die
  twice with it and be blamed for it (a fault of a neighbour is not the file's).
- ``stop()`` (a signal handler) makes ``run`` return within ``TICK``; ``close()`` cancels what is
  in flight and closes the client (and a ``local:N`` cluster).
"""

from __future__ import annotations

import logging
import multiprocessing
import os
import pickle
import signal
import threading
import time
import uuid
from collections import deque
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from extractor.batch.cluster_runner import FORK, run_chunk, source_of, start_spares
from extractor.batch.worker import error

IN_FLIGHT_PER_THREAD = 2  # chunks
CHUNK_FILES = 32  # files in one task at most (per-task costs of dask, a few ms, shared among them)
CHUNK_BYTES = 2_000_000  # bytes of files in one task at most (a file larger goes alone)
CHUNK_SHARE = 3  # a chunk holds at most 1/(CHUNK_SHARE x threads) of the files left: the last end together
TICK = 0.005  # seconds between looks at the finished futures (a result waits at most this)
LOST_RESULT_WAIT = 30.0  # seconds to fetch a finished file's result before asking again
INSTALL_HINT = "pip install 'jixiao[cluster]'"
# A local:N worker process that has not started in START_TIMEOUT seconds is killed and the
# LocalCluster start fails (without it the start waits for ever: a process forked while another
# thread held a lock can hang on its first step); the start is tried START_TRIES times in all.
START_TIMEOUT = 60.0
START_TRIES = 2


# Dask settings for the batch's cluster: ``local:N`` sets them, a running cluster's scheduler and
# workers take them from their environment (``environment()``: DASK_DISTRIBUTED__...). The last
# three: an idle cluster of a scheduler and 2 workers spent 125 ms CPU a second (its event loops'
# health check 50 times a second in each process, the nanny's memory look every 100 ms, the
# system monitor every 500 ms), 17 ms with these; that is CPU taken from the runners all batch long.
CLUSTER_CONFIG: dict[str, Any] = {
    "distributed.scheduler.allowed-failures": 1,  # a chunk that killed a worker twice: KilledWorker
    "distributed.scheduler.worker-saturation": 1.0,  # a worker holds only the chunk it is on
    "distributed.worker.profile.enabled": False,  # stack samples every 10 ms: CPU for no use here
    "distributed.admin.tick.interval": "1s",  # only warns of a blocked event loop
    "distributed.worker.memory.monitor-interval": "1s",  # the dask worker's RSS (not its runners')
    "distributed.admin.system-monitor.interval": "5s",  # the dashboard's CPU and memory plots
}


def environment(config: dict[str, Any] = CLUSTER_CONFIG) -> dict[str, str]:
    """``config`` as the environment variables a ``dask scheduler`` / ``dask worker`` reads it from."""
    return {"DASK_" + key.upper().replace(".", "__").replace("-", "_"): str(v) for key, v in config.items()}


class ClusterError(Exception):
    """The cluster cannot be used (dask missing, a bad address, no scheduler, workers without jixiao)."""


def check_address(address: str) -> None:
    """Fail before any work: dask importable and ADDRESS either tcp://HOST:PORT or local:N."""
    _distributed()
    if address.startswith("local:"):
        n = address.removeprefix("local:")
        if not n.isdigit() or int(n) < 1:
            raise ClusterError(f"--cluster {address}: local:N needs a number of workers N >= 1")
    elif "://" not in address:
        raise ClusterError(f"--cluster {address}: expected tcp://HOST:PORT (a scheduler) or local:N")


def _distributed() -> Any:
    try:
        import distributed
    except ImportError:
        raise ClusterError(f"--cluster needs dask distributed: {INSTALL_HINT}") from None
    return distributed


def start_local(workers: int, files: list[str] | None = None) -> Any:
    """A LocalCluster of ``workers`` processes, one thread each, a death allowed once per task.

    Where the OS forks (Linux), this process warms the pipeline up first (``worker.warm_up``, the
    readers of ``files``' formats too) and the worker processes are forked from it: they start with
    the pipeline loaded instead of importing dask and jixiao again, and fork their runners ready."""
    import dask

    distributed = _distributed()
    settings: dict[str, Any] = dict(CLUSTER_CONFIG)
    if FORK:
        from extractor.batch.pool import freeze_heap as freeze
        from extractor.batch.worker import warm_up

        warm_up(files or ())
        freeze()
        settings["distributed.worker.multiprocessing-method"] = "fork"
        # MALLOC_TRIM_THRESHOLD_, OMP_NUM_THREADS...: nothing to a forked worker (malloc and the
        # libraries are loaded), but the nanny would put them in this process's environment
        settings["distributed.nanny.pre-spawn-environ"] = {}
    environ = dict(os.environ)
    try:
        with dask.config.set(settings):
            return distributed.LocalCluster(
                n_workers=workers,
                processes=True,
                threads_per_worker=1,
                dashboard_address="127.0.0.1:0",  # None means :8787, and a warning when that port is taken
                silence_logs=40,  # logging.ERROR
                preload=[__name__],  # dask_setup below, in each worker process
                death_timeout=START_TIMEOUT,  # passed to each nanny: its worker's start, bounded
            )
    finally:  # the nanny sets PYTHONHASHSEED in this process's environment before it forks
        _restore_environ(environ)


def _restore_environ(environ: dict[str, str]) -> None:
    """This process's environment as ``environ`` again, touching only the variables that differ."""
    for name in set(os.environ) - set(environ):
        del os.environ[name]
    os.environ.update({name: value for name, value in environ.items() if os.environ.get(name) != value})


# What a worker logs, with a traceback, when its heartbeat meets a scheduler already closed: the
# batch closing the cluster after a signal, not a fault (a scheduler lost mid-run is the client's error)
HEARTBEAT_LOST = "Failed to communicate with scheduler during heartbeat"


class _HeartbeatLost(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        return not record.getMessage().startswith(HEARTBEAT_LOST)


def quiet_heartbeat() -> None:
    """This worker process drops the heartbeat's log of a closed scheduler (``HEARTBEAT_LOST``)."""
    log = logging.getLogger("distributed.worker")
    if not any(isinstance(f, _HeartbeatLost) for f in log.filters):
        log.addFilter(_HeartbeatLost())


def dask_setup(worker: Any) -> None:
    """A ``local:N`` worker process ignores Ctrl-C, which a terminal sends to every process of the
    job: the supervisor alone stops the run (and then closes the cluster), with no traceback from
    a worker; its runners inherit the ignored SIGINT. SIGTERM does what it does by default (a worker
    forked from the supervisor has the batch's handler). A heartbeat meeting the closed scheduler
    logs nothing (``quiet_heartbeat``). Its runners (one per thread) start now."""
    if threading.current_thread() is threading.main_thread():
        signal.signal(signal.SIGINT, signal.SIG_IGN)
        signal.signal(signal.SIGTERM, signal.SIG_DFL)
    quiet_heartbeat()
    start_spares(worker)


@dataclass
class _Chunk:
    """Files sent as one task: ``last`` is a lone file's second try (one death already spent)."""

    files: list[tuple[str, str]]
    future: Any = None
    last: bool = False
    suspect: bool = False  # a file of a chunk that killed its workers, run with nothing beside it


class ClusterPool:
    def __init__(self, address: str, timeout: float, ocr: str = "auto") -> None:
        self.address, self.timeout, self.ocr = address, timeout, ocr
        self.stopped = False
        self.client: Any = None
        self.cluster: Any = None
        self.in_flight: dict[str, _Chunk] = {}  # future key -> the chunk it computes
        self.retry: deque[tuple[tuple[str, str], bool]] = deque()  # files to send alone, last try?
        self.suspects: deque[tuple[str, str]] = deque()  # files to send alone, with nothing beside
        self.threads = 1

    def stop(self) -> None:
        self.stopped = True

    def run(self, tasks: list[tuple[str, str]]) -> Iterator[dict[str, Any]]:
        """Yield one result dict per task (in finishing order) until done or stopped."""
        todo = deque(tasks)
        if not todo:
            return
        try:
            self._connect([file for file, _ in tasks])
            yield from self._stream(todo)
        finally:
            self.close()

    def _connect(self, files: list[str]) -> None:
        distributed = _distributed()
        try:
            if self.address.startswith("local:"):
                self.cluster = self._start_local(int(self.address.removeprefix("local:")), files)
                self.client = distributed.Client(self.cluster)
            else:
                self.client = distributed.Client(self.address, timeout="20s")
                from extractor.batch.cluster_warm import WarmRunners

                self.client.register_plugin(WarmRunners())
        except (OSError, TimeoutError) as exc:
            raise ClusterError(f"--cluster {self.address}: cannot reach the scheduler ({exc})") from None

    def _start_local(self, workers: int, files: list[str]) -> Any:
        """``start_local``, tried again when its workers do not start (``START_TRIES`` in all)."""
        failure: Exception | None = None
        for _ in range(START_TRIES):
            before = set(multiprocessing.active_children())
            try:
                return start_local(workers, files)
            except Exception as exc:  # distributed raises what its start met: a timeout, an assertion
                failure = exc
                for process in set(multiprocessing.active_children()) - before:
                    process.kill()  # a worker that hung: its nanny gave it up but did not end it
                    process.join(5)
        raise ClusterError(
            f"--cluster {self.address}: the workers did not start ({START_TRIES} tries of "
            f"{START_TIMEOUT:g} s; {type(failure).__name__}: {failure})"
        )

    def _stream(self, todo: deque[tuple[str, str]]) -> Iterator[dict[str, Any]]:
        distributed = _distributed()
        # fetched as they end, on this client's loop (by default as_completed takes the process's
        # default client, which need not be this one: another client's loop thread would then use
        # this client's connections, racing its own)
        done = distributed.as_completed(loop=self.client.loop, with_results=True, raise_errors=False)
        limit, sized = self._limit(), time.monotonic()
        while not self.stopped and (todo or self.retry or self.suspects or not done.is_empty()):
            yield from self._fill(done, todo, limit - done.count())
            if not done.has_ready():
                time.sleep(TICK)
                if time.monotonic() - sized > 5.0:  # workers come and go (adaptive clusters)
                    limit, sized = self._limit(), time.monotonic()
                continue
            for future, fetched in done.next_batch(block=False):
                yield from self._results(done, future, fetched)

    def _limit(self) -> int:
        """More tasks in flight than twice the threads: the scheduler then queues them ("root-ish")
        and hands each worker only the chunk it is on (worker-saturation 1.0), so a worker's death
        is charged to that chunk alone."""
        self.threads = max(1, sum(self.client.nthreads().values()))
        return IN_FLIGHT_PER_THREAD * self.threads + 2

    def _fill(self, done: Any, todo: deque[tuple[str, str]], room: int) -> Iterator[dict[str, Any]]:
        """Send up to ``room`` chunks (their files' bytes with them) in one message to the scheduler;
        a file the supervisor cannot read is yielded as its error row."""
        chunks: list[tuple[_Chunk, list[tuple]]] = []
        if self.suspects or any(c.suspect for c in self.in_flight.values()):
            room = 0 if self.in_flight else 1  # one suspect at a time, once the cluster is empty
        while (todo or self.retry or self.suspects) and len(chunks) < room and not self.stopped:
            if self.suspects:
                chunk, sources = _Chunk([], suspect=True), [self.suspects.popleft()]
            elif self.retry:
                task, last = self.retry.popleft()
                chunk, sources = _Chunk([], last=last), [task]
            else:
                chunk, sources = _Chunk([]), self._take(todo)
            loaded = []
            for file, sha in sources:
                source = source_of(file, sha)
                if isinstance(source, dict):
                    yield source
                    continue
                chunk.files.append((file, sha))
                loaded.append((file, sha, source, self.limit(file)))
            if loaded:
                chunks.append((chunk, loaded))
        if not chunks:
            return
        keys = [f"jixiao-{uuid.uuid4().hex}" for _ in chunks]
        args = [loaded for _, loaded in chunks]
        lasts = [chunk.last for chunk, _ in chunks]
        futures = self.client.map(
            run_chunk, args, [self.ocr] * len(chunks), lasts, key=keys, pure=False, retries=0
        )
        for future, (chunk, _) in zip(futures, chunks, strict=True):
            chunk.future = future
            self.in_flight[future.key] = chunk
            done.add(future)

    def _take(self, todo: deque[tuple[str, str]]) -> list[tuple[str, str]]:
        """The next chunk: at most ``CHUNK_FILES`` files and ``CHUNK_BYTES`` bytes, and a share of
        what is left small enough (``CHUNK_SHARE`` chunks per thread) that the last chunks end together."""
        size = min(CHUNK_FILES, max(1, -(-len(todo) // (CHUNK_SHARE * self.threads))))
        taken, total = [todo.popleft()], 0
        total += _size(taken[0][0])
        while todo and len(taken) < size:
            more = _size(todo[0][0])
            if total + more > CHUNK_BYTES:
                break
            taken.append(todo.popleft())
            total += more
        return taken

    def limit(self, file: str) -> float:
        """Seconds a file may take: the time limit, per OCR page for a scan (as the local pool)."""
        from extractor.files import split_sheet
        from extractor.read.scan_pages import ocr_pages

        return self.timeout * max(1, ocr_pages(split_sheet(file)[0], self.ocr))

    def _results(self, done: Any, future: Any, fetched: Any) -> Iterator[dict[str, Any]]:
        """The result dicts of a finished chunk (``fetched`` by ``as_completed``, or fetched again);
        none when its result was lost with a worker before it reached us (the scheduler computes it
        again: the future goes back to ``done``). A file whose runner died is sent again alone."""
        results = self._fetched(done, future, fetched)
        if results is None:
            return
        del self.in_flight[future.key]
        future.release()
        for item in results:
            result = pickle.loads(item) if isinstance(item, bytes) else item
            if result.get("retry"):
                self.retry.append(((result["file"], result["sha256"]), True))
            else:
                yield result

    def _fetched(self, done: Any, future: Any, fetched: Any) -> list[bytes | dict[str, Any]] | None:
        chunk = self.in_flight[future.key]
        if isinstance(fetched, list):
            return fetched
        if future.status == "finished":
            try:
                result = future.result(timeout=LOST_RESULT_WAIT)
            except Exception:  # noqa: BLE001 - the data died with its worker: see the status again
                result = None
            if isinstance(result, list):
                return result
        if future.status == "cancelled":
            raise ClusterError(f"--cluster {self.address}: the scheduler cancelled the work (lost?)")
        if future.status != "error":
            done.add(future)  # being computed again
            return None
        exc = future.exception()
        name = type(exc).__name__
        if name == "KilledWorker" and len(chunk.files) > 1:
            self.suspects.extend(chunk.files)  # alone, to find the file at fault
            return []
        if name == "KilledWorker":
            message = f"worker died twice: {exc}"
            return [error(file, sha, "extract", "worker_died", message) for file, sha in chunk.files]
        if isinstance(exc, ModuleNotFoundError | ImportError):
            raise ClusterError(f"the cluster's workers cannot run jixiao ({exc}): install it on every worker")
        message = f"{name} on the cluster: {exc}"
        return [error(file, sha, "extract", "crash", message) for file, sha in chunk.files]

    def close(self) -> None:
        client, cluster, self.client, self.cluster = self.client, self.cluster, None, None
        if client is not None:
            try:
                futures = [chunk.future for chunk in self.in_flight.values()]
                if futures:
                    client.cancel(futures)
            finally:
                self.in_flight.clear()
                client.close()
        if cluster is not None:
            cluster.close()


def _size(file: str) -> int:
    from extractor.files import split_sheet

    try:
        return os.stat(split_sheet(file)[0]).st_size
    except OSError:
        return 0
