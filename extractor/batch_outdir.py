"""The batch OUTDIR: its files, loading what a previous run left, appending, compacting.

Journals: ``reports.jsonl`` (one line per report, the commit point of a report)
and ``errors.csv`` (one row per failed file). ``flat.jsonl`` and ``findings.csv``
are written *before* the report's line, so after a hard kill any of their rows
whose report has no line in ``reports.jsonl`` is dropped when the OUTDIR is
loaded again. Appends are one ``write`` + ``flush`` per finished file; whole-file
rewrites go to a temporary file and ``os.replace``.
"""

from __future__ import annotations

import csv
import io
import json
import os
from collections.abc import Iterator
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any

from extractor.flat import dumps

REPORTS, FLAT, FINDINGS, ERRORS = "reports.jsonl", "flat.jsonl", "findings.csv", "errors.csv"
SUMMARY, MANIFEST, TEXTS = "summary.json", "manifest.json", "texts"
FINDINGS_HEADER = ["file", "sha256", "rule", "severity", "message_zh", "message_en", "values", "locations"]
ERRORS_HEADER = ["file", "sha256", "stage", "kind", "message"]
_REPORT_KEY = ', "report": '


def atomic_write(path: Path, text: str, sync: bool = True) -> None:
    """Write ``text`` to a temporary file next to ``path`` and move it into place (fsync'd if ``sync``)."""
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    with tmp.open("w", encoding="utf-8", newline="") as fh:
        fh.write(text)
        fh.flush()
        if sync:
            os.fsync(fh.fileno())
    os.replace(tmp, path)


def report_line(sha: str, files: list[str], report_json: str) -> str:
    head = f'{{"sha256": {json.dumps(sha)}, "files": {json.dumps(files, ensure_ascii=False)}'
    return f"{head}{_REPORT_KEY}{report_json}}}\n"


def relabel_line(line: str, sha: str, files: list[str]) -> str:
    """The same reports.jsonl line with another list of file names (the report text untouched)."""
    return report_line(sha, files, line[line.index(_REPORT_KEY) + len(_REPORT_KEY) : -2])


def flat_line(file: str, sha: str, flat: dict[str, Any]) -> str:
    return dumps({"file": file, "sha256": sha, **flat}) + "\n"


def csv_text(rows: list[list[Any]]) -> str:
    buf = io.StringIO()
    csv.writer(buf, lineterminator="\n").writerows(rows)
    return buf.getvalue()


def finding_rows(file: str, sha: str, report: dict[str, Any]) -> list[list[str]]:
    """findings.csv rows of one report (from its JSON form)."""
    out = []
    for f in report.get("findings") or []:
        facts = f.get("facts") or []
        values = "; ".join(f"{x.get('key')}={x.get('value')}" for x in facts)
        locations = "; ".join(_where(x["span"]) for x in facts if x.get("span"))
        out.append([file, sha, f["rule"], f["severity"], f["message_zh"], f["message_en"], values, locations])
    return out


def _where(span: dict[str, Any]) -> str:
    return f"p{span.get('page')} l{span.get('line')} [{span.get('start')}:{span.get('end')}]"


# --------------------------------------------------------------------------- reading


def iter_report_lines(outdir: Path) -> Iterator[tuple[str, list[str], dict[str, Any], str]]:
    """(sha256, files, report JSON, raw line) for every complete, parseable line of reports.jsonl."""
    path = outdir / REPORTS
    if not path.is_file():
        return
    with path.open(encoding="utf-8", newline="\n") as fh:
        for line in fh:
            obj = _json_line(line)
            if obj and isinstance(obj.get("sha256"), str) and isinstance(obj.get("report"), dict):
                yield obj["sha256"], [str(f) for f in obj.get("files") or []], obj["report"], line


def iter_flat(outdir: Path) -> Iterator[tuple[str, str, dict[str, Any]]]:
    """(file, sha256, flat view) for every complete line of flat.jsonl; decimals stay Decimal."""
    path = outdir / FLAT
    if not path.is_file():
        return
    with path.open(encoding="utf-8", newline="\n") as fh:
        for line in fh:
            obj = _json_line(line)
            if obj and isinstance(obj.get("file"), str) and isinstance(obj.get("sha256"), str):
                file, sha = obj.pop("file"), obj.pop("sha256")
                yield file, sha, obj


def read_csv(path: Path, header: list[str]) -> tuple[list[dict[str, str]], bool]:
    """The complete rows of a CSV file, and whether it was clean (no partial or malformed row)."""
    if not path.is_file():
        return [], True
    with path.open(encoding="utf-8", newline="") as fh:
        data = fh.read()
    clean = data == "" or data.endswith("\n")
    try:
        rows = list(csv.reader(io.StringIO(data)))
    except csv.Error:
        return [], False
    if rows and rows[0] != header:
        return [], False
    body = rows[1:]
    good = [dict(zip(header, r, strict=True)) for r in body if len(r) == len(header)]
    return good, clean and len(good) == len(body)


def _json_line(line: str) -> dict[str, Any] | None:
    if not line.endswith("\n"):
        return None
    try:
        obj = json.loads(line, parse_float=Decimal)
    except ValueError:
        return None
    return obj if isinstance(obj, dict) else None


# --------------------------------------------------------------------------- state


@dataclass
class State:
    """What an OUTDIR already holds, keyed by SHA-256 of the input bytes."""

    files: dict[str, list[str]] = field(default_factory=dict)  # report sha -> file names
    kinds: dict[str, str] = field(default_factory=dict)  # report sha -> report.kind
    flat: dict[str, dict[str, Any]] = field(default_factory=dict)  # report sha -> flat view
    errors: dict[str, dict[str, str]] = field(default_factory=dict)  # file -> errors.csv row
    dirty: bool = False  # a previous run was killed mid-write: rewrite before appending

    def names(self) -> dict[str, str]:
        """file -> report sha for every file read into a report."""
        return {f: sha for sha, files in self.files.items() for f in files}


def load_state(outdir: Path) -> State:
    """Load OUTDIR's journals; ``dirty`` when something must be dropped or rebuilt."""
    st = State()
    counts: dict[str, int] = {}
    lines = 0
    for sha, files, report, _ in iter_report_lines(outdir):
        lines += 1
        if sha not in st.files:
            st.files[sha] = list(dict.fromkeys(files))
            counts[sha] = len(report.get("findings") or [])
    st.dirty = lines != _count_lines(outdir / REPORTS)
    _load_flat(outdir, st)
    _check_findings(outdir, st, counts)
    _load_errors(outdir, st)
    return st


def _count_lines(path: Path) -> int:
    if not path.is_file():
        return 0
    with path.open("rb") as fh:
        return sum(1 for _ in fh)


def _load_flat(outdir: Path, st: State) -> None:
    seen: set[tuple[str, str]] = set()
    for file, sha, flat in iter_flat(outdir):
        if sha not in st.files or file not in st.files[sha] or (file, sha) in seen:
            st.dirty = True
            continue
        seen.add((file, sha))
        st.flat.setdefault(sha, flat)
        st.kinds.setdefault(sha, str(flat.get("report.kind", "unknown")))
    expected = {(f, sha) for sha, files in st.files.items() for f in files}
    if seen != expected or _count_lines(outdir / FLAT) != len(seen):
        st.dirty = True


def _check_findings(outdir: Path, st: State, counts: dict[str, int]) -> None:
    rows, clean = read_csv(outdir / FINDINGS, FINDINGS_HEADER)
    got: dict[str, int] = {}
    for r in rows:
        got[r["sha256"]] = got.get(r["sha256"], 0) + 1
    if not clean or got != {s: n for s, n in counts.items() if n}:
        st.dirty = True


def _load_errors(outdir: Path, st: State) -> None:
    rows, clean = read_csv(outdir / ERRORS, ERRORS_HEADER)
    names = st.names()
    for r in rows:
        if r["file"] in names or r["file"] in st.errors:
            clean = False
            continue
        st.errors[r["file"]] = r
    st.dirty = st.dirty or not clean


# --------------------------------------------------------------------------- writing


class Writer:
    """Appends finished files to OUTDIR; ``close`` rewrites reports.jsonl if names were added."""

    def __init__(self, outdir: Path, state: State) -> None:
        self.outdir, self.state = outdir, state
        (outdir / TEXTS).mkdir(parents=True, exist_ok=True)
        if state.dirty or not (outdir / REPORTS).is_file():
            rewrite(outdir, state)
        self.relabel = False
        self._reports = (outdir / REPORTS).open("a", encoding="utf-8", newline="\n")
        self._flat = (outdir / FLAT).open("a", encoding="utf-8", newline="\n")
        self._findings = (outdir / FINDINGS).open("a", encoding="utf-8", newline="")
        self._errors = (outdir / ERRORS).open("a", encoding="utf-8", newline="")

    def report(
        self, sha: str, files: list[str], report_json: str, flat: dict[str, Any], findings: list[list[str]]
    ) -> None:
        """Commit one report read from ``files`` (findings and flat rows first, the report line last)."""
        _append(self._findings, csv_text(findings))
        _append(self._flat, "".join(flat_line(f, sha, flat) for f in files))
        _append(self._reports, report_line(sha, files, report_json))
        self.state.files[sha], self.state.flat[sha] = list(files), flat
        self.state.kinds[sha] = str(flat.get("report.kind", "unknown"))

    def alias(self, sha: str, file: str) -> None:
        """Record another file name for a report already in OUTDIR."""
        _append(self._flat, flat_line(file, sha, self.state.flat[sha]))
        self.state.files[sha].append(file)
        self.relabel = True

    def error(self, row: dict[str, str]) -> None:
        _append(self._errors, csv_text([[row.get(k, "") for k in ERRORS_HEADER]]))
        self.state.errors[row["file"]] = row

    def close(self) -> None:
        for fh in (self._reports, self._flat, self._findings, self._errors):
            fh.close()
        if self.relabel:
            _rewrite_reports(self.outdir, self.state)


def _append(fh: io.TextIOBase, text: str) -> None:
    if text:
        fh.write(text)
        fh.flush()


def forget(state: State, shas: set[str], files: set[str]) -> None:
    """Drop reports and error rows (for --force, or files whose bytes changed); rewrite needed."""
    for sha in shas & state.files.keys():
        del state.files[sha]
    for sha, names in list(state.files.items()):
        kept = [f for f in names if f not in files]
        if kept:
            state.files[sha] = kept
        else:
            del state.files[sha]
    for key in [f for f, r in state.errors.items() if f in files or r.get("sha256") in shas]:
        del state.errors[key]
    state.dirty = True


def rewrite(outdir: Path, state: State) -> None:
    """Rewrite every file from ``state``: drops partial rows and rows of forgotten reports."""
    outdir.mkdir(parents=True, exist_ok=True)
    finds: list[list[str]] = [FINDINGS_HEADER]
    for sha, _, report, _ in iter_report_lines(outdir):
        if sha in state.files:
            finds += finding_rows(state.files[sha][0], sha, report)
    _rewrite_reports(outdir, state)
    flat = "".join(flat_line(f, sha, state.flat.get(sha, {})) for sha, fs in state.files.items() for f in fs)
    atomic_write(outdir / FLAT, flat)
    atomic_write(outdir / FINDINGS, csv_text(finds))
    errors = [ERRORS_HEADER] + [[r.get(k, "") for k in ERRORS_HEADER] for r in state.errors.values()]
    atomic_write(outdir / ERRORS, csv_text(errors))
    state.dirty = False


def _rewrite_reports(outdir: Path, state: State) -> None:
    out, done = [], set()
    for sha, _, _, line in iter_report_lines(outdir):
        if sha in state.files and sha not in done:
            done.add(sha)
            out.append(relabel_line(line, sha, state.files[sha]))
    atomic_write(outdir / REPORTS, "".join(out))
