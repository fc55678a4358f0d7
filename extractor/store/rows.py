"""Rows for the SQL tables, built from one batch record (nested report JSON + flat view).

Every figure becomes a TEXT decimal string (see schema.sql); nothing passes through float.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

BUDGET_KEYS = (
    "initial adjusted executed execution_rate adjustment adjustment_rate execution_weight execution_score "
    "source.superior source.own source.other "
    "funds.current.initial funds.current.adjusted funds.current.executed "
    "funds.carryover.initial funds.carryover.adjusted funds.carryover.executed "
    "funds.other.initial funds.other.adjusted funds.other.executed "
    "fiscal.initial fiscal.annual fiscal.final "
    "basic.budget basic.executed basic.execution_rate basic.personnel basic.public "
    "project.count project.budget project.executed "
    "project.superior.count project.superior.budget project.superior.executed "
    "project.own.count project.own.budget project.own.executed"
).split()
INDICATOR_KEYS = (
    "name level1 level2 target_op target unit midyear actual completion_rate weight score met "
    "deviation_reason improvement"
).split()

COLUMNS: dict[str, tuple[str, ...]] = {
    "reports": (
        "sha256 file format encoding pages kind fiscal_year unit_name department project_name filled_on "
        "title total_score grade total_weight staff_authorized staff_actual indicators_count errors_count "
        "warnings_count infos_count"
    ).split(),
    "budget": ("sha256", *(k.replace(".", "_") for k in BUDGET_KEYS)),
    "indicators": ("sha256", "idx", *INDICATOR_KEYS, "page", "line", "span_start", "span_end"),
    "findings": (
        "sha256 idx rule severity message_zh message_en facts computed_low computed_high "
        "reported_low reported_high"
    ).split(),
    "quantities": "sha256 idx label value unit kind raw section page line span_start span_end".split(),
    "files": "file sha256 report_sha256 status stage error_kind message".split(),
}
COLUMNS = {k: tuple(v) for k, v in COLUMNS.items()}
REPORT_TABLES = ("reports", "budget", "indicators", "findings", "quantities")  # parent first


@dataclass
class Chunk:
    """Rows of several reports and files, written in one transaction."""

    shas: list[str] = field(default_factory=list)
    files: list[str] = field(default_factory=list)
    rows: dict[str, list[tuple]] = field(default_factory=lambda: {t: [] for t in COLUMNS})

    def __len__(self) -> int:
        return len(self.shas) + len(self.files)


def text(v: Any) -> str | None:
    """A value as exact text: Decimal in positional notation, bools as true/false, lists as JSON."""
    if v is None:
        return None
    if isinstance(v, bool):
        return "true" if v else "false"
    if isinstance(v, Decimal):
        return format(v, "f")
    if isinstance(v, (list, dict)):
        return json.dumps(v, ensure_ascii=False, default=str)
    return str(v)


def _int(v: Any) -> int | None:
    try:
        return int(v) if v is not None else None
    except (TypeError, ValueError):
        return None


def _value(node: Any) -> Any:
    return node.get("value") if isinstance(node, dict) else None


def _span(node: Any) -> tuple[int | None, ...]:
    s = node.get("span") if isinstance(node, dict) else None
    if not isinstance(s, dict):
        return (None, None, None, None)
    return (_int(s.get("page")), _int(s.get("line")), _int(s.get("start")), _int(s.get("end")))


def add_report(chunk: Chunk, sha: str, files: list[str], report: dict, flat: dict[str, Any]) -> None:
    """Add one report's rows (reports, budget, indicators, findings, quantities) to the chunk."""
    chunk.shas.append(sha)
    rows = chunk.rows
    rows["reports"].append(_report_row(sha, files, report, flat))
    rows["budget"].append((sha, *(text(flat.get(f"budget.{k}")) for k in BUDGET_KEYS)))
    for i, ind in enumerate(report.get("indicators") or [], 1):
        values = (text(flat.get(f"indicators.{i}.{k}")) for k in INDICATOR_KEYS)
        rows["indicators"].append((sha, i, *values, *_span(ind)))
    for i, f in enumerate(report.get("findings") or [], 1):
        rows["findings"].append(_finding_row(sha, i, f))
    for i, q in enumerate(report.get("quantities") or [], 1):
        v = q.get("value") or {}
        row = (sha, i, q.get("label"), text(v.get("value")), v.get("unit"), v.get("kind"), v.get("raw"))
        rows["quantities"].append((*row, q.get("section"), *_span(v)))


def add_file(chunk: Chunk, file: str, sha: str, error: dict[str, str] | None = None) -> None:
    """Add one input file: ok (its report is ``sha``) or an error row from errors.csv."""
    chunk.files.append(file)
    if error is None:
        chunk.rows["files"].append((file, sha, sha, "ok", None, None, None))
    else:
        row = (file, sha or None, None, "error", error.get("stage"), error.get("kind"), error.get("message"))
        chunk.rows["files"].append(row)


def _report_row(sha: str, files: list[str], report: dict, flat: dict[str, Any]) -> tuple:
    src = report.get("source") or {}
    sev = [f.get("severity") for f in report.get("findings") or []]
    g = flat.get
    return (
        sha,
        files[0] if files else src.get("path", ""),
        src.get("format", ""),
        src.get("encoding"),
        _int(src.get("pages")),
        text(g("report.kind")),
        _int(g("report.fiscal_year")),
        text(g("report.unit_name")),
        text(g("report.department")),
        text(g("report.project_name")),
        text(g("report.filled_on")),
        text(_value(report.get("title"))),
        text(g("evaluation.total_score")),
        text(g("evaluation.grade")),
        text(g("evaluation.total_weight")),
        text(g("staff.authorized")),
        text(g("staff.actual")),
        len(report.get("indicators") or []),
        sev.count("error"),
        sev.count("warning"),
        sev.count("info"),
    )


def _finding_row(sha: str, i: int, f: dict) -> tuple:
    computed = f.get("computed") or (None, None)
    reported = f.get("reported") or (None, None)
    facts = text(f.get("facts") or [])
    head = (sha, i, f.get("rule"), f.get("severity"), f.get("message_zh"), f.get("message_en"), facts)
    return (*head, text(computed[0]), text(computed[1]), text(reported[0]), text(reported[1]))
