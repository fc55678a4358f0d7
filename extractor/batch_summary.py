"""Batch bookkeeping: run counters, the progress line, manifest.json, summary.json and its table."""

from __future__ import annotations

import datetime as dt
import json
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TextIO

from extractor.batch_outdir import FINDINGS, FINDINGS_HEADER, MANIFEST, SUMMARY, State, atomic_write, read_csv

SEVERITIES = ("error", "warning", "info")


@dataclass
class RunStats:
    """What this run did (the rest of the summary describes the whole OUTDIR)."""

    inputs: int = 0
    reused: int = 0  # inputs already in OUTDIR with the same bytes: nothing redone
    processed: int = 0  # reports read and extracted in this run
    aliases: int = 0  # inputs recorded as another name of a report
    failed: int = 0  # inputs that became error rows in this run
    timed_out: int = 0
    interrupted: str | None = None  # SIGINT / SIGTERM
    seconds: float = 0.0
    worker_rss_kb: int = 0  # peak resident memory of one worker process
    input_shas: set[str] = field(default_factory=set)
    input_files: set[str] = field(default_factory=set)
    processed_shas: set[str] = field(default_factory=set)
    db: dict[str, int] | None = None


class Progress:
    """Files done, rate and ETA: a \\r line on a terminal, a plain line every few seconds otherwise."""

    def __init__(self, total: int, stream: TextIO | None, stats: RunStats, every: float = 5.0) -> None:
        self.total, self.stream, self.stats = total, stream, stats
        self.tty = bool(stream and stream.isatty())
        self.every = 0.2 if self.tty else every
        self.done, self.start, self.shown = 0, time.monotonic(), 0.0
        if stream:
            todo = f"{stats.inputs} inputs, {stats.reused} already in OUTDIR, {total} to read"
            stream.write(f"jixiao batch: {todo}\n")
            stream.flush()

    def update(self, n: int = 1) -> None:
        self.done += n
        now = time.monotonic()
        if self.stream and (now - self.shown >= self.every or self.done == self.total):
            self.shown = now
            self._show(now)

    def _show(self, now: float) -> None:
        rate = self.done / max(now - self.start, 1e-9)
        eta = (self.total - self.done) / rate if rate else 0.0
        line = f"{self.done}/{self.total} files  {rate:.1f} files/s  ETA {_clock(eta)}"
        self.stream.write(f"\r{line}\033[K" if self.tty else f"jixiao batch: {line}\n")
        self.stream.flush()

    def finish(self) -> None:
        if self.stream and self.tty and self.total:
            self.stream.write("\n")
            self.stream.flush()


def _clock(seconds: float) -> str:
    s = int(seconds + 0.5)
    return f"{s // 3600}:{s // 60 % 60:02d}:{s % 60:02d}"


def write_manifest(outdir: Path, state: State, complete: bool) -> None:
    """manifest.json: every file name in OUTDIR with its SHA-256 and status (rewritten atomically)."""
    files = {f: {"sha256": sha, "status": "ok"} for sha, names in state.files.items() for f in names}
    for f, row in state.errors.items():
        files[f] = {"sha256": row.get("sha256", ""), "status": "error", "kind": row.get("kind", "")}
    data = {
        "version": 1,
        "updated": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
        "complete": complete,
        "files": dict(sorted(files.items())),
    }
    atomic_write(outdir / MANIFEST, json.dumps(data, ensure_ascii=False, indent=1) + "\n")


def write_summary(outdir: Path, state: State, stats: RunStats) -> dict[str, Any]:
    """summary.json from the OUTDIR's contents plus this run's counters; returned as a dict."""
    findings, _ = read_csv(outdir / FINDINGS, FINDINGS_HEADER)
    findings = [r for r in findings if r["sha256"] in state.files]
    summary = {
        "totals": {
            "files": sum(len(v) for v in state.files.values()) + len(state.errors),
            "records": sum(len(v) for v in state.files.values()),
            "reports": len(state.files),
            "errors": len(state.errors),
            "findings": len(findings),
        },
        "reports_by_kind": dict(sorted(Counter(state.kinds.get(s, "unknown") for s in state.files).items())),
        "errors_by_kind": dict(sorted(Counter(r.get("kind", "") for r in state.errors.values()).items())),
        "findings_by_severity": _by_severity(findings),
        "findings_by_rule": _by_rule(findings),
        "most_errors": _most_errors(findings, state),
        "this_run": _run_part(stats, findings, state),
    }
    atomic_write(outdir / SUMMARY, json.dumps(summary, ensure_ascii=False, indent=1) + "\n")
    return summary


def _by_severity(rows: list[dict[str, str]]) -> dict[str, int]:
    counts = Counter(r["severity"] for r in rows)
    return {s: counts.get(s, 0) for s in SEVERITIES}


def _by_rule(rows: list[dict[str, str]]) -> dict[str, dict[str, int]]:
    out: dict[str, dict[str, int]] = {}
    for r in rows:
        sev = out.setdefault(r["rule"], {})
        sev[r["severity"]] = sev.get(r["severity"], 0) + 1
    return dict(sorted(out.items()))


def _most_errors(rows: list[dict[str, str]], state: State, top: int = 10) -> list[dict[str, Any]]:
    counts = Counter(r["sha256"] for r in rows if r["severity"] == "error")
    ranked = sorted(counts.items(), key=lambda kv: (-kv[1], state.files[kv[0]][0]))[:top]
    return [{"file": state.files[sha][0], "sha256": sha, "errors": n} for sha, n in ranked]


def _run_part(stats: RunStats, findings: list[dict[str, str]], state: State) -> dict[str, Any]:
    mine = [r for r in findings if r["sha256"] in stats.input_shas]
    inputs_failed = sum(1 for f in state.errors if f in stats.input_files)
    return {
        "inputs": stats.inputs,
        "reused": stats.reused,
        "processed": stats.processed,
        "aliases": stats.aliases,
        "failed": stats.failed,
        "timed_out": stats.timed_out,
        "inputs_failed": inputs_failed,
        "findings_by_severity": _by_severity(mine),
        "interrupted": stats.interrupted,
        "seconds": round(stats.seconds, 3),
        "reports_per_second": round(stats.processed / stats.seconds, 2) if stats.seconds else 0.0,
        "worker_peak_rss_mb": round(stats.worker_rss_kb / 1024, 1),
        "db": stats.db,
    }


def summary_text(summary: dict[str, Any]) -> str:
    """The summary as a few small plain-text tables."""
    t, run = summary["totals"], summary["this_run"]
    lines = [
        f"files {t['files']}: {t['records']} read into {t['reports']} reports, {t['errors']} failed",
        f"this run: {run['inputs']} inputs, {run['reused']} reused, {run['processed']} processed, "
        f"{run['aliases']} duplicates, {run['failed']} failed ({run['timed_out']} timed out)"
        + (f", interrupted by {run['interrupted']}" if run["interrupted"] else ""),
        "",
        _table(["report kind", "reports"], list(summary["reports_by_kind"].items())),
        _table(["failure kind", "files"], list(summary["errors_by_kind"].items())),
        _table(
            ["rule", *SEVERITIES],
            [(r, *(c.get(s, 0) for s in SEVERITIES)) for r, c in summary["findings_by_rule"].items()],
        ),
        _table(["most errors", "errors"], [(m["file"], m["errors"]) for m in summary["most_errors"]]),
    ]
    return "\n".join(x for x in lines if x is not None).rstrip() + "\n"


def _table(header: list[str], rows: list[tuple]) -> str | None:
    if not rows:
        return None
    cells = [header] + [[str(c) for c in r] for r in rows]
    widths = [max(len(r[i]) for r in cells) for i in range(len(header))]
    fmt = [f"{c:<{widths[i]}}" if i == 0 else f"{c:>{widths[i]}}" for i, c in enumerate(header)]
    out = ["  ".join(fmt), "  ".join("-" * w for w in widths)]
    for r in cells[1:]:
        out.append("  ".join(f"{c:<{widths[i]}}" if i == 0 else f"{c:>{widths[i]}}" for i, c in enumerate(r)))
    return "\n".join(out) + "\n"


def exit_code(summary: dict[str, Any], fail_on: str) -> int:
    """130/143 interrupted; 3 an input of this run failed; 1 a finding at or above fail_on; else 0."""
    run = summary["this_run"]
    if run["interrupted"]:
        return 130 if run["interrupted"] == "SIGINT" else 143
    if run["inputs_failed"]:
        return 3
    if fail_on == "never":
        return 0
    levels = SEVERITIES[: SEVERITIES.index(fail_on) + 1]
    return 1 if any(run["findings_by_severity"][s] for s in levels) else 0


__all__ = ["RunStats", "Progress", "write_manifest", "write_summary", "summary_text", "exit_code"]
