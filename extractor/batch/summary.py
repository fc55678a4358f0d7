"""Batch bookkeeping: run counters, the progress line, manifest.json, summary.json and its table."""

from __future__ import annotations

import datetime as dt
import json
import time
import unicodedata
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TextIO

import patterns
from extractor.batch.outdir import (
    ERRORS,
    FINDINGS,
    FINDINGS_HEADER,
    FLAT,
    MANIFEST,
    REPORTS,
    SUMMARY,
    State,
    atomic_write,
    read_csv,
)
from extractor.flat import dumps

SEVERITIES = ("error", "warning", "info")
SHOWN_FAILURES = 10  # failed files named in the summary text; the rest are in errors.csv
_WORDS = patterns.load("interface")["summary"]


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
    skipped: list[str] = field(default_factory=list)  # found by a walk, not a report kind
    outputs: dict[str, str] = field(default_factory=dict)  # db, xlsx: written beside OUTDIR's files


class Progress:
    """Files done, rate and ETA: a \\r line on a terminal, a plain line every few seconds otherwise.
    With OCR pages to read (``pages``, 页), the line shows the pages done too and the ETA counts pages
    (a scan takes seconds per page, a text report a fraction of one)."""

    def __init__(
        self, total: int, stream: TextIO | None, stats: RunStats, every: float = 5.0, pages: int = 0
    ) -> None:
        self.total, self.stream, self.stats = total, stream, stats
        self.tty = bool(stream and stream.isatty())
        self.every = 0.2 if self.tty else every
        self.done, self.start, self.shown = 0, time.monotonic(), 0.0
        self.pages, self.pages_done = pages, 0
        if stream:
            todo = f"{stats.inputs} inputs, {stats.reused} already in OUTDIR, {total} to read"
            stream.write(f"jixiao batch: {todo}\n")
            stream.flush()

    def update(self, n: int = 1, pages: int = 0) -> None:
        """``n`` files done, ``pages`` OCR pages read in them."""
        self.done += n
        self.pages_done += pages
        now = time.monotonic()
        if self.stream and (now - self.shown >= self.every or self.done == self.total):
            self.shown = now
            self._show(now)

    def _show(self, now: float) -> None:
        elapsed = max(now - self.start, 1e-9)
        rate = self.done / elapsed
        eta = (self.total - self.done) / rate if rate else 0.0
        line = f"{self.done}/{self.total} files  {rate:.1f} files/s"
        if self.pages:
            page_rate = self.pages_done / elapsed
            eta = (self.pages - self.pages_done) / page_rate if page_rate else eta
            line += f"  {self.pages_done}/{self.pages} OCR pages"
        line += f"  ETA {_clock(eta)}"
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
    # json.dumps(data, ensure_ascii=False, indent=1), without its pure-Python indenting encoder
    atomic_write(outdir / MANIFEST, dumps(data, pretty=True, indent=" ") + "\n")


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
        "outputs": _outputs(outdir, stats),
    }
    atomic_write(outdir / SUMMARY, json.dumps(summary, ensure_ascii=False, indent=1) + "\n")
    return summary


def _outputs(outdir: Path, stats: RunStats) -> dict[str, str]:
    files = {"reports": REPORTS, "flat": FLAT, "findings": FINDINGS, "errors": ERRORS, "summary": SUMMARY}
    return {k: str(outdir / v) for k, v in files.items()} | stats.outputs


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
        "failed_files": [
            {"file": f, "kind": r.get("kind", ""), "message": r.get("message", "")}
            for f, r in state.errors.items()
            if f in stats.input_files
        ],
        "skipped": sorted(stats.skipped),
        "findings_by_severity": _by_severity(mine),
        "interrupted": stats.interrupted,
        "seconds": round(stats.seconds, 3),
        "reports_per_second": round(stats.processed / stats.seconds, 2) if stats.seconds else 0.0,
        "worker_peak_rss_mb": round(stats.worker_rss_kb / 1024, 1),
        "db": stats.db,
    }


def summary_text(summary: dict[str, Any], lang: str = "en") -> str:
    """The summary as a few small plain-text tables (``lang`` zh or en), ending with where outputs are."""
    t, run = summary["totals"], summary["this_run"]
    col = _WORDS["columns"][lang]
    stopped = run["interrupted"] and _say("interrupted", lang, signal=run["interrupted"])
    lines = [
        _say("totals", lang, **t),
        _say("run", lang, **run) + (stopped or ""),
        _skipped_line(run.get("skipped") or [], lang),
        "",
        _table([col["kind"], col["reports"]], list(summary["reports_by_kind"].items())),
        _table([col["failure"], col["files"]], list(summary["errors_by_kind"].items())),
        _table(
            [col["rule"], *(col[s] for s in SEVERITIES)],
            [(r, *(c.get(s, 0) for s in SEVERITIES)) for r, c in summary["findings_by_rule"].items()],
        ),
        _table([col["most"], col["errors"]], [(m["file"], m["errors"]) for m in summary["most_errors"]]),
        _failed_lines(run.get("failed_files") or [], summary.get("outputs") or {}, lang),
        _outputs_lines(summary.get("outputs") or {}, lang),
    ]
    return "\n".join(x for x in lines if x is not None).rstrip() + "\n"


def _say(key: str, lang: str, **values: Any) -> str:
    return _WORDS[key][lang].format(**values)


def _skipped_line(skipped: list[str], lang: str) -> str | None:
    if not skipped:
        return None
    kinds = Counter(Path(f).suffix.lower() or "(none)" for f in skipped)
    shown = ", ".join(f"{k} {n}" for k, n in sorted(kinds.items(), key=lambda kv: (-kv[1], kv[0])))
    return _say("skipped", lang, count=len(skipped), kinds=shown)


def _failed_lines(failed: list[dict[str, str]], outputs: dict[str, str], lang: str) -> str | None:
    if not failed:
        return None
    lines = [_say("failed", lang, count=len(failed))]
    lines += [f"  {r['file']}: {r['kind']}: {r['message']}" for r in failed[:SHOWN_FAILURES]]
    if len(failed) > SHOWN_FAILURES:
        path = outputs.get("errors", ERRORS)
        lines.append("  " + _say("more_failed", lang, more=len(failed) - SHOWN_FAILURES, path=path))
    return "\n".join(lines) + "\n"


def _outputs_lines(outputs: dict[str, str], lang: str) -> str | None:
    if not outputs:
        return None
    names = _WORDS["output_names"][lang]
    width = max(_width(names.get(k, k)) for k in outputs)
    rows = [f"  {_pad(names.get(k, k), width)}  {v}" for k, v in outputs.items()]
    return "\n".join([_say("outputs", lang), *rows]) + "\n"


def _table(header: list[str], rows: list[tuple]) -> str | None:
    if not rows:
        return None
    cells = [header] + [[str(c) for c in r] for r in rows]
    widths = [max(_width(r[i]) for r in cells) for i in range(len(header))]
    out = []
    for n, r in enumerate(cells):
        out.append("  ".join(_pad(c, widths[i], right=i > 0) for i, c in enumerate(r)))
        if n == 0:
            out.append("  ".join("-" * w for w in widths))
    return "\n".join(out) + "\n"


def _width(text: str) -> int:
    """Columns a terminal gives ``text``: wide (CJK) characters take two."""
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def _pad(text: str, width: int, right: bool = False) -> str:
    fill = " " * max(0, width - _width(text))
    return fill + text if right else text + fill


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
