"""Batch runs: many report files to one OUTDIR (and optionally a database), resumably.

    from extractor.batch.run import run_batch
    summary = run_batch(["reports/", "more/*.pdf"], "out/", jobs=4, timeout=60, db="out.sqlite")

Files are keyed by the SHA-256 of their bytes plus the reader their name picks:
what OUTDIR already holds is reused (``force`` redoes it), the same bytes under
two names are read once and both names recorded (x.docx and y.txt with the same
bytes are two readings: each name is read by its own format). Every input ends
as exactly one record (a line of flat.jsonl; its report in reports.jsonl) or one
row of errors.csv. Work runs in
worker processes (``pool``) with a time limit per file; SIGINT and SIGTERM
stop the run after the files already finished are written, also during the
database load (the manifest then says not complete). One run at a time holds
OUTDIR (``OutdirBusy`` for a second). A failed write of the machine (disk full,
I/O error, no permission) stops the run with ``MachineError``, records nothing
against the input, and leaves no torn record: the next run redoes that file.
The OUTDIR layout is in ``outdir``; the summary in ``summary``.
"""

from __future__ import annotations

import os
import signal
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import closing, contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TextIO

from extractor.batch.inputs import Input, discover
from extractor.batch.outdir import State, Writer, forget, load_state, lock, pages_missing
from extractor.batch.pool import Pool
from extractor.batch.summary import Progress, RunStats, write_manifest, write_summary
from extractor.batch.worker import analyze
from extractor.errors import MachineError
from extractor.read import reader_for
from extractor.read.scan_pages import ocr_pages

__all__ = ["run_batch", "analyze", "Plan"]


@dataclass
class Plan:
    """What to do with each input, given what OUTDIR holds."""

    todo: dict[tuple[str, str], list[str]] = field(default_factory=dict)  # (sha, reader) -> names
    aliases: list[tuple[str, str]] = field(default_factory=list)  # (sha, name) of reports in OUTDIR
    errors: list[dict[str, str]] = field(default_factory=list)  # error rows to add now
    reused: list[str] = field(default_factory=list)  # names already in OUTDIR with these bytes
    input_shas: set[str] = field(default_factory=set)


def run_batch(
    inputs: list[str],
    outdir: str | Path,
    *,
    jobs: int | None = None,
    timeout: float = 60.0,
    force: bool = False,
    db: str | None = None,
    xlsx: str | Path | None = None,
    progress: TextIO | None = None,
    ocr: str = "auto",
    cluster: str | None = None,
) -> dict[str, Any]:
    """Run a batch and return its summary (also written to OUTDIR/summary.json).

    ``xlsx``: also write the Excel workbook of OUTDIR there (``extractor.store.xlsx``).
    ``cluster``: run the files on Dask (``tcp://HOST:8786`` or ``local:N``; ``cluster``)."""
    out = Path(outdir)
    try:
        out.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise MachineError.from_os(exc, str(out)) from None
    with lock(out), _conversion_cache():
        jobs = jobs or os.cpu_count() or 1
        return _run_locked(inputs, out, jobs, timeout, force, db, xlsx, progress, ocr, cluster)


def _run_locked(
    inputs: list[str],
    out: Path,
    jobs: int,
    timeout: float,
    force: bool,
    db: str | None,
    xlsx: str | Path | None,
    progress: TextIO | None,
    ocr: str,
    cluster: str | None = None,
) -> dict[str, Any]:
    started = time.monotonic()
    if db:
        _check_db(db)
    extra = [db.removeprefix("sqlite:///")] if db else []
    found = discover(inputs, exclude=[str(out)] + extra + ([str(xlsx)] if xlsx else []))
    items = [i for i in found if not i.ignored]
    skipped = [i.file for i in found if i.ignored]
    state = load_state(out)
    _forget_skipped(state, skipped)
    redo = set() if force else pages_missing(out, state, {i.sha256 for i in items})
    if redo:  # a report whose page images are gone is read again (its images are an output)
        forget(state, redo, set())
    plan = make_plan(items, state, force)
    stats = RunStats(
        len(items), len(plan.reused), input_shas=plan.input_shas, input_files={i.file for i in items}
    )
    stats.skipped = skipped
    writer = Writer(out, state)
    try:
        _write_known(writer, plan, stats)
        _process(writer, plan, stats, jobs, timeout, progress, ocr, cluster)
    except BaseException:
        _abandon(writer, out, state)
        raise
    writer.close()
    stats.seconds = time.monotonic() - started
    write_manifest(out, state, complete=not stats.interrupted and not db)
    if db:
        _load_db(out, db, stats)
        write_manifest(out, state, complete=not stats.interrupted)
        stats.outputs["db"] = _masked(db)
    if xlsx:
        from extractor.store.xlsx import write_workbook

        write_workbook(out, xlsx)
        stats.outputs["xlsx"] = str(xlsx)
    return write_summary(out, state, stats)


@contextmanager
def _conversion_cache() -> Iterator[None]:
    """A folder for this run's LibreOffice conversions (``read.office``), named in the environment the
    workers inherit: a multi-report .ods is converted once when its sheets are listed, not per sheet."""
    from extractor.read.office import CACHE_ENV

    if os.environ.get(CACHE_ENV):
        yield
        return
    with tempfile.TemporaryDirectory(prefix="jixiao-convert-") as folder:
        os.environ[CACHE_ENV] = folder
        try:
            yield
        finally:
            del os.environ[CACHE_ENV]


def _forget_skipped(state: State, skipped: list[str]) -> None:
    """Drop error rows an older run wrote for files now skipped (sidecars once counted as failed)."""
    stale = {f for f in skipped if (state.errors.get(f) or {}).get("stage") == "discover"}
    if stale:
        forget(state, set(), stale)


def _abandon(writer: Writer, out: Path, state: State) -> None:
    """A run stopped by a fault: close the journals, and say (if the disk lets us) it is not complete."""
    writer.close(relabel=False)
    try:
        write_manifest(out, state, complete=False)
    except MachineError:
        pass


def _check_db(db: str) -> None:
    """Before the work: a --db that cannot be opened fails now, not after the batch."""
    from extractor.store import open_store

    store = open_store(db)
    store.close()


def _load_db(out: Path, db: str, stats: RunStats) -> None:
    """Load the new reports into the database; Ctrl-C / SIGTERM keep the chunks already committed."""
    from extractor.store import load_outdir

    try:
        with _raise_on_signals(stats):
            stats.db = load_outdir(out, db, only_missing=True, rewrite=stats.processed_shas)
    except KeyboardInterrupt:
        stats.interrupted = stats.interrupted or "SIGINT"


def make_plan(items: list[Input], state: State, force: bool) -> Plan:
    """Sort inputs into reused, aliases of known reports, error rows and files to read."""
    names = state.names()
    stale = {i.file for i in items if _stale(i, state, names, force)}
    if stale or force:
        forget(state, {i.sha256 for i in items} if force else set(), stale)
        names = state.names()
    known_errors: dict[str, list[dict[str, str]]] = {}
    for r in state.errors.values():
        if r.get("sha256") and r["stage"] != "discover":
            known_errors.setdefault(r["sha256"], []).append(r)
    plan = Plan(input_shas={i.sha256 for i in items if i.sha256})
    for item in items:
        _place(item, state, names, known_errors, plan)
    return plan


def _stale(item: Input, state: State, names: dict[str, str], force: bool) -> bool:
    """Is something recorded under this name that must go (other bytes, or --force)?"""
    old = names.get(item.file) or (state.errors.get(item.file) or {}).get("sha256")
    recorded = item.file in names or item.file in state.errors
    return recorded and (force or old != item.sha256)


def _place(
    item: Input, state: State, names: dict[str, str], known: dict[str, list[dict]], plan: Plan
) -> None:
    """Identity is (bytes, reader): a known report or error row is reused only for the same reader."""
    same_error = next(
        (r for r in known.get(item.sha256, []) if reader_for(r["file"], item.head) == item.reader), None
    )
    if names.get(item.file) == item.sha256 or item.file in state.errors:
        plan.reused.append(item.file)
    elif item.skip_kind:
        plan.errors.append(item.error_row())
    elif item.sha256 in state.files and state.formats.get(item.sha256) == item.reader:
        plan.aliases.append((item.sha256, item.file))
    elif same_error:
        plan.errors.append({**same_error, "file": item.file})
    else:
        plan.todo.setdefault((item.sha256, item.reader), []).append(item.file)


def _write_known(writer: Writer, plan: Plan, stats: RunStats) -> None:
    for sha, name in plan.aliases:
        writer.alias(sha, name)
    for row in plan.errors:
        writer.error(row)
    stats.aliases, stats.failed = len(plan.aliases), len(plan.errors)


def _process(
    writer: Writer,
    plan: Plan,
    stats: RunStats,
    jobs: int,
    timeout: float,
    stream: TextIO | None,
    ocr: str = "auto",
    cluster: str | None = None,
):
    tasks = [(names[0], sha) for (sha, _), names in plan.todo.items()]
    groups = {names[0]: names for names in plan.todo.values()}
    total = sum(len(n) for n in plan.todo.values())
    pages = {file: ocr_pages(file, ocr) for file, _ in tasks} if stream else {}
    bar = Progress(total, stream, stats, pages=sum(pages.values()))
    pool = _pool(min(jobs, max(1, len(tasks))), timeout, ocr, cluster)
    last_manifest = time.monotonic()
    with _stop_on_signals(pool.stop, stats), closing(pool.run(tasks)) as results:
        for result in results:
            names = groups[result["file"]]
            _record(writer, result, names, stats)
            bar.update(len(names), pages.get(result["file"], 0))
            if time.monotonic() - last_manifest > 2.0:
                write_manifest(writer.outdir, writer.state, complete=False)
                last_manifest = time.monotonic()
    bar.finish()


def _pool(jobs: int, timeout: float, ocr: str, cluster: str | None) -> Any:
    """The local process pool, or the same interface on a Dask cluster."""
    if cluster:
        from extractor.batch.cluster import ClusterPool

        return ClusterPool(cluster, timeout, ocr)
    return Pool(jobs, timeout, ocr)


def _record(writer: Writer, result: dict[str, Any], names: list[str], stats: RunStats) -> None:
    stats.worker_rss_kb = max(stats.worker_rss_kb, int(result.get("rss_kb") or 0))
    if result.get("machine"):
        msg = result["error"]["message"]
        raise MachineError(result["file"], f"{msg}: a fault of the machine, not the file (not recorded)")
    if result["ok"] and result["sha256"] in writer.state.files:  # the same bytes read by another reader
        for name in names:
            writer.alias(result["sha256"], name)
        stats.aliases += len(names)
        return
    if result["ok"]:
        body = (result["report_json"], result["flat"], result["findings"], result["text"], result["reader"])
        writer.report(result["sha256"], names, *body, pages=result.get("pages"))
        stats.processed_shas.add(result["sha256"])
        stats.processed += 1
        stats.aliases += len(names) - 1
        return
    for name in names:
        writer.error({**result["error"], "file": name})
    stats.failed += len(names)
    stats.timed_out += len(names) if result["error"]["kind"] == "timeout" else 0


@contextmanager
def _raise_on_signals(stats: RunStats) -> Iterator[None]:
    """SIGINT / SIGTERM: note it and raise KeyboardInterrupt where the work is (a transaction rolls back)."""

    def handler(signum: int, _frame: Any) -> None:
        stats.interrupted = signal.Signals(signum).name
        raise KeyboardInterrupt

    with _handling(handler):
        yield


@contextmanager
def _handling(handler: Callable[[int, Any], None]) -> Iterator[None]:
    try:
        saved = {s: signal.signal(s, handler) for s in (signal.SIGINT, signal.SIGTERM)}
    except ValueError:  # not the main thread: no signal handling
        saved = {}
    try:
        yield
    finally:
        for s, h in saved.items():
            signal.signal(s, h)


@contextmanager
def _stop_on_signals(stop: Callable[[], None], stats: RunStats) -> Iterator[None]:
    """SIGINT / SIGTERM: note it and stop the pool; the files already finished stay written."""

    def handler(signum: int, _frame: Any) -> None:
        stats.interrupted = signal.Signals(signum).name
        stop()

    with _handling(handler):
        yield


def _masked(db: str) -> str:
    from extractor.store import mask_url

    return mask_url(db)
