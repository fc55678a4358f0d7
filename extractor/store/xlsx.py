"""The Excel workbook of a batch OUTDIR (xlsxwriter): sheets 报告, 指标, 问题, 失败.

    from extractor.store.xlsx import write_workbook
    counts = write_workbook("out/", "out/jixiao.xlsx")

Read from OUTDIR's files (reports.jsonl, flat.jsonl, errors.csv), never by
extracting again. Amounts are numbers in 万元 (the Decimal 元 value divided by
10000 as a Decimal, then stored as the cell's number, shown with two decimals);
rates are fractions shown as percentages. Every text cell is written with
``write_string``, so a name such as ``=HYPERLINK(...)`` stays text, never a formula.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

import patterns
from extractor.batch.outdir import ERRORS, ERRORS_HEADER, finding_rows, iter_flat, iter_report_lines, read_csv

__all__ = ["write_workbook", "SHEETS"]

_UI = patterns.load("interface")
SHEETS: dict[str, dict[str, Any]] = _UI["sheets"]
WAN = Decimal(10000)
HUNDRED = Decimal(100)
MAX_CELL_CHARS = 32767  # Excel's limit for one cell's text
AMOUNTS = {"initial", "adjusted", "executed"}
PERCENTS = {"execution_rate", "completion_rate"}  # percent as printed (96.41 -> 96.41%)
FRACTIONS = {"completeness"}  # already a fraction (0.75 -> 75.00%)
WIDE = {"file": 40, "unit": 30, "message_zh": 60, "message_en": 60, "values": 40, "locations": 30}
WIDE |= {"name": 30, "level1": 14, "level2": 16, "deviation_reason": 40, "message": 60, "sha256": 20}


@dataclass
class Sheet:
    """One worksheet being filled: its column ids and the next row."""

    ws: Any
    columns: list[str]
    row: int = 1


def write_workbook(outdir: str | Path, path: str | Path) -> dict[str, int]:
    """Write the workbook of OUTDIR to ``path``; returns the rows written per sheet."""
    import xlsxwriter

    out = Path(outdir)
    target = Path(path)
    target.parent.mkdir(parents=True, exist_ok=True)
    wb = xlsxwriter.Workbook(str(target), {"strings_to_numbers": False, "strings_to_formulas": False})
    formats = {
        "head": wb.add_format({"bold": True, "bg_color": "#DDEBF7", "border": 1, "text_wrap": True}),
        "amount": wb.add_format({"num_format": "#,##0.00"}),
        "percent": wb.add_format({"num_format": "0.00%"}),
        "number": wb.add_format({"num_format": "General"}),
    }
    sheets = {key: _open_sheet(wb, key, formats["head"]) for key in SHEETS}
    try:
        for row_sets in _report_rows(out):
            for key, rows in row_sets.items():
                for row in rows:
                    _put(sheets[key], row, formats)
        errors, _ = read_csv(out / ERRORS, ERRORS_HEADER)
        for err in errors:
            _put(sheets["errors"], err, formats)
        for sheet in sheets.values():
            sheet.ws.autofilter(0, 0, max(sheet.row - 1, 0), len(sheet.columns) - 1)
    finally:
        wb.close()
    return {key: sheet.row - 1 for key, sheet in sheets.items()}


def _open_sheet(wb: Any, key: str, head: Any) -> Sheet:
    spec = SHEETS[key]
    ws = wb.add_worksheet(spec["name"])
    columns = [c[0] for c in spec["columns"]]
    for col, (cid, title) in enumerate(spec["columns"]):
        ws.write_string(0, col, title, head)
        ws.set_column(col, col, WIDE.get(cid, max(10, 2 * len(title) + 2)))
    ws.freeze_panes(1, 0)
    return Sheet(ws, columns)


def _put(sheet: Sheet, row: dict[str, Any], formats: dict[str, Any]) -> None:
    for col, cid in enumerate(sheet.columns):
        _cell(sheet.ws, sheet.row, col, cid, row.get(cid), formats)
    sheet.row += 1


def _cell(ws: Any, r: int, c: int, cid: str, value: Any, formats: dict[str, Any]) -> None:
    if value is None or value == "":
        return
    number = _decimal(value) if not isinstance(value, str) else None
    if number is None:
        ws.write_string(r, c, str(value)[:MAX_CELL_CHARS])
    elif cid in AMOUNTS:
        ws.write_number(r, c, float(number / WAN), formats["amount"])
    elif cid in PERCENTS:
        ws.write_number(r, c, float(number / HUNDRED), formats["percent"])
    elif cid in FRACTIONS:
        ws.write_number(r, c, float(number), formats["percent"])
    else:
        ws.write_number(r, c, float(number), formats["number"])


def _decimal(value: Any) -> Decimal | None:
    """A number cell's exact value: Decimal and int as is; bools and anything else are not numbers."""
    if isinstance(value, bool) or not isinstance(value, int | Decimal):
        return None
    try:
        return Decimal(value)
    except InvalidOperation:
        return None


# --------------------------------------------------------------------------- rows


def _report_rows(out: Path) -> Iterator[dict[str, list[dict[str, Any]]]]:
    """Per report: its 报告 row, its 指标 rows and its 问题 rows."""
    flats: dict[str, dict[str, Any]] = {}
    for _, sha, view in iter_flat(out):
        flats.setdefault(sha, view)
    seen: set[str] = set()
    for sha, files, report, _ in iter_report_lines(out):
        if sha in seen:
            continue
        seen.add(sha)
        flat = flats.get(sha, {})
        file = files[0] if files else str((report.get("source") or {}).get("path", ""))
        yield {
            "reports": [_report_row(file, sha, report, flat)],
            "indicators": list(_indicator_rows(file, report, flat)),
            "findings": list(_finding_rows(file, sha, report)),
        }


def _report_row(file: str, sha: str, report: dict[str, Any], flat: dict[str, Any]) -> dict[str, Any]:
    sev = [f.get("severity") for f in report.get("findings") or []]
    kind = str(flat.get("report.kind") or "unknown")
    return {
        "file": file,
        "sha256": sha,
        "unit": flat.get("report.unit_name") or flat.get("report.department"),
        "year": flat.get("report.fiscal_year"),
        "kind": _word("kinds", kind),
        "initial": flat.get("budget.initial"),
        "adjusted": flat.get("budget.adjusted"),
        "executed": flat.get("budget.executed"),
        "execution_rate": flat.get("budget.execution_rate"),
        "total_score": flat.get("evaluation.total_score"),
        "grade": flat.get("evaluation.grade"),
        "errors": sev.count("error"),
        "warnings": sev.count("warning"),
        "completeness": completeness(report, flat),
    }


def completeness(report: dict[str, Any], flat: dict[str, Any]) -> Decimal | None:
    """Share of the required entries stated (the list missing.required and the review page use)."""
    from extractor.models import Report
    from extractor.validate import missing_keys, required_keys

    try:
        model = Report.model_validate(report)
    except ValueError:
        return None
    required = required_keys(model, flat)
    if not required:
        return None
    found = len(required) - len(missing_keys(model, flat))
    return Decimal(found) / Decimal(len(required))


def _indicator_rows(file: str, report: dict[str, Any], flat: dict[str, Any]) -> Iterator[dict[str, Any]]:
    columns = [c[0] for c in SHEETS["indicators"]["columns"]]
    for n in range(1, len(report.get("indicators") or []) + 1):
        row: dict[str, Any] = {"file": file, "n": n}
        for cid in columns[2:]:
            row[cid] = flat.get(f"indicators.{n}.{cid}")
        if isinstance(row.get("met"), bool):
            row["met"] = _word("words", "yes" if row["met"] else "no")
        yield row


def _finding_rows(file: str, sha: str, report: dict[str, Any]) -> Iterator[dict[str, Any]]:
    header = ["file", "sha256", "rule", "severity", "message_zh", "message_en", "values", "locations"]
    for cells in finding_rows(file, sha, report):
        row = dict(zip(header, cells, strict=True))
        row["severity"] = _word("severities", row["severity"])
        yield row


def _word(table: str, key: str, lang: str = "zh") -> str:
    entry = _UI[table].get(key)
    return entry[lang] if entry else key
