"""Batch runs: many report files to one OUTDIR (and optionally a database), resumably.

    from extractor.batch import run_batch
    summary = run_batch(["reports/", "more/*.pdf"], "out/", jobs=4, timeout=60, db="out.sqlite")

Files are keyed by the SHA-256 of their bytes: what OUTDIR already holds is
reused (``force`` redoes it), the same bytes under two names are read once and
both names recorded. Every input ends as exactly one record (a line of
flat.jsonl; its report in reports.jsonl) or one row of errors.csv. Work runs in
worker processes (``batch_pool``) with a time limit per file; SIGINT and SIGTERM
stop the run after the files already finished are written. The OUTDIR layout
is in ``batch_outdir``; the summary in ``batch_summary``.
"""

from __future__ import annotations

import os
import signal
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TextIO

from extractor.batch_inputs import Input, discover
from extractor.batch_outdir import TEXTS, State, Writer, forget, load_state
from extractor.batch_pool import Pool
from extractor.batch_summary import Progress, RunStats, write_manifest, write_summary
from extractor.batch_worker import analyze

__all__ = ["run_batch", "analyze", "Plan"]


@dataclass
class Plan:
    """What to do with each input, given what OUTDIR holds."""

    todo: dict[str, list[str]] = field(default_factory=dict)  # sha -> names to read (first is read)
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
    progress: TextIO | None = None,
    ocr: str = "auto",
) -> dict[str, Any]:
    """Run a batch and return its summary (also written to OUTDIR/summary.json)."""
    out = Path(outdir)
    out.mkdir(parents=True, exist_ok=True)
    started = time.monotonic()
    items = discover(inputs, exclude=[str(out)] + ([db.removeprefix("sqlite:///")] if db else []))
    state = load_state(out)
    plan = make_plan(items, state, force)
    stats = RunStats(
        len(items), len(plan.reused), input_shas=plan.input_shas, input_files={i.file for i in items}
    )
    writer = Writer(out, state)
    try:
        _write_known(writer, plan, stats)
        _process(writer, plan, stats, jobs or os.cpu_count() or 1, timeout, progress, ocr)
    finally:
        writer.close()
        stats.seconds = time.monotonic() - started
        write_manifest(out, state, complete=not stats.interrupted)
    if db:
        from extractor.store import load_outdir

        stats.db = load_outdir(out, db, only_missing=True, replace=stats.processed_shas)
    return write_summary(out, state, stats)


def make_plan(items: list[Input], state: State, force: bool) -> Plan:
    """Sort inputs into reused, aliases of known reports, error rows and files to read."""
    names = state.names()
    stale = {i.file for i in items if _stale(i, state, names, force)}
    if stale or force:
        forget(state, {i.sha256 for i in items} if force else set(), stale)
        names = state.names()
    known_errors = {
        r["sha256"]: r for r in state.errors.values() if r.get("sha256") and r["stage"] != "discover"
    }
    plan = Plan(input_shas={i.sha256 for i in items if i.sha256})
    for item in items:
        _place(item, state, names, known_errors, plan)
    return plan


def _stale(item: Input, state: State, names: dict[str, str], force: bool) -> bool:
    """Is something recorded under this name that must go (other bytes, or --force)?"""
    old = names.get(item.file) or (state.errors.get(item.file) or {}).get("sha256")
    recorded = item.file in names or item.file in state.errors
    return recorded and (force or old != item.sha256)


def _place(item: Input, state: State, names: dict[str, str], known: dict[str, dict], plan: Plan) -> None:
    if names.get(item.file) == item.sha256 or item.file in state.errors:
        plan.reused.append(item.file)
    elif item.skip_kind:
        plan.errors.append(item.error_row())
    elif item.sha256 in state.files:
        plan.aliases.append((item.sha256, item.file))
    elif item.sha256 in known:
        plan.errors.append({**known[item.sha256], "file": item.file})
    else:
        plan.todo.setdefault(item.sha256, []).append(item.file)


def _write_known(writer: Writer, plan: Plan, stats: RunStats) -> None:
    for sha, name in plan.aliases:
        writer.alias(sha, name)
    for row in plan.errors:
        writer.error(row)
    stats.aliases, stats.failed = len(plan.aliases), len(plan.errors)


def _process(
    writer: Writer, plan: Plan, stats: RunStats, jobs: int, timeout: float, stream: TextIO | None, ocr: str
):
    tasks = [(names[0], sha) for sha, names in plan.todo.items()]
    total = sum(len(n) for n in plan.todo.values())
    bar = Progress(total, stream, stats)
    pool = Pool(min(jobs, max(1, len(tasks))), timeout, str(writer.outdir / TEXTS), ocr)
    last_manifest = time.monotonic()
    with _stop_on_signals(pool.stop, stats):
        for result in pool.run(tasks):
            names = plan.todo[result["sha256"]]
            _record(writer, result, names, stats)
            bar.update(len(names))
            if time.monotonic() - last_manifest > 2.0:
                write_manifest(writer.outdir, writer.state, complete=False)
                last_manifest = time.monotonic()
    bar.finish()


def _record(writer: Writer, result: dict[str, Any], names: list[str], stats: RunStats) -> None:
    stats.worker_rss_kb = max(stats.worker_rss_kb, int(result.get("rss_kb") or 0))
    if result["ok"]:
        writer.report(result["sha256"], names, result["report_json"], result["flat"], result["findings"])
        stats.processed_shas.add(result["sha256"])
        stats.processed += 1
        stats.aliases += len(names) - 1
        return
    for name in names:
        writer.error({**result["error"], "file": name})
    stats.failed += len(names)
    stats.timed_out += len(names) if result["error"]["kind"] == "timeout" else 0


@contextmanager
def _stop_on_signals(stop: Callable[[], None], stats: RunStats) -> Iterator[None]:
    """SIGINT / SIGTERM: note it and stop the pool; the files already finished stay written."""

    def handler(signum: int, _frame: Any) -> None:
        stats.interrupted = signal.Signals(signum).name
        stop()

    try:
        saved = {s: signal.signal(s, handler) for s in (signal.SIGINT, signal.SIGTERM)}
    except ValueError:  # not the main thread: no signal handling
        saved = {}
    try:
        yield
    finally:
        for s, h in saved.items():
            signal.signal(s, h)
