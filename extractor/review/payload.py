"""The data the review page shows: one overview row and one report payload per report.

Everything here is plain JSON-able data; the page's JavaScript builds the DOM
from it (with ``textContent`` only), so no report text is ever parsed as HTML.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ValidationError

from extractor.errors import InputError
from extractor.flat import FLAT_ROOTS, flatten, plain
from extractor.models import Document, Report, Span, Value
from extractor.validate import missing_keys, required_keys

_DECIMAL = re.compile(r"-?\d+\.\d+")
SHEET_FORMATS = ("xlsx", "xls", "et", "ods")  # drawn as a grid on the page

INDICATOR_COLUMNS = (
    "level1",
    "level2",
    "name",
    "target",
    "midyear",
    "actual",
    "completion_rate",
    "weight",
    "score",
    "met",
)


@dataclass
class Entry:
    """One report with the text its spans point into."""

    report: Report
    text: str = ""
    page_starts: list[int] = field(default_factory=lambda: [0])
    format: str = "text"
    files: list[str] = field(default_factory=list)
    sha256: str = ""
    text_missing: bool = False
    pages: list[dict[str, Any]] = field(default_factory=list)  # page images: page, image, width, height
    tables: list[dict[str, Any]] = field(default_factory=list)  # a workbook's grids (grid.Table as JSON)


# --------------------------------------------------------------------------- loading


def load_outdir(outdir: Path) -> tuple[list[Entry], list[dict[str, str]]]:
    """Read a batch OUTDIR: reports.jsonl, texts/<sha256>.json and errors.csv."""
    path = outdir / "reports.jsonl"
    if not path.is_file():
        raise InputError(str(outdir), "not a batch output folder (no reports.jsonl)", stage="review")
    from extractor.batch.outdir import ERRORS_HEADER, complete_lines, read_csv

    entries: list[Entry] = []
    errors: list[dict[str, str]] = []
    # a torn last line (a write cut short) is dropped; a line not UTF-8 is a load error
    for n, line in enumerate(complete_lines(path), 1):
        if line is not None and not line.strip():
            continue
        try:
            if line is None:
                raise ValueError("not UTF-8 (a damaged line)")
            obj = json.loads(line)
            report = Report.model_validate(obj["report"])
        except (ValueError, KeyError, TypeError, ValidationError) as exc:
            reason = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
            errors.append(
                {"file": f"reports.jsonl:{n}", "stage": "review", "kind": "load", "message": reason}
            )
            continue
        sha = obj.get("sha256") or report.source.sha256
        entry = Entry(report=report, files=list(obj.get("files") or [report.source.path]), sha256=sha)
        _attach_text(entry, outdir / "texts" / f"{sha}.json")
        entries.append(entry)
    rows, _ = read_csv(outdir / "errors.csv", ERRORS_HEADER)
    errors += [{k: str(row.get(k) or "") for k in ERRORS_HEADER} for row in rows]
    return entries, errors


def _attach_text(entry: Entry, path: Path) -> None:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        entry.text = str(data.get("text") or "")
        entry.page_starts = [int(p) for p in data.get("page_starts") or [0]]
        entry.format = str(data.get("format") or entry.report.source.format)
        entry.pages = [dict(p) for p in data.get("pages") or [] if isinstance(p, dict)]
        entry.tables = [dict(t) for t in data.get("tables") or [] if isinstance(t, dict)]
    except (OSError, ValueError, TypeError, AttributeError):
        entry.text_missing = True
        entry.format = entry.report.source.format


def single_entry(report: Report, document: Document | None = None) -> Entry:
    """The entry for one extracted report; reads its source again when no Document is given."""
    entry = Entry(report=report, files=[report.source.path], sha256=report.source.sha256)
    if document is None:
        try:
            from extractor.read import read

            document = read(report.source.path)
        except InputError:
            entry.text_missing = True
            entry.format = report.source.format
            return entry
    entry.text, entry.page_starts, entry.format = document.text, list(document.page_starts), document.format
    if document.format in SHEET_FORMATS:
        entry.tables = [t.model_dump(mode="json", exclude_defaults=True) for t in document.tables]
    return entry


# --------------------------------------------------------------------------- values and spans


def value_list(report: Report) -> list[tuple[str, Value]]:
    """(flat key, Value) for every extracted value, walking the report as flat.py does."""
    out: list[tuple[str, Value]] = []
    if report.title is not None:
        out.append(("title", report.title))
    for root in FLAT_ROOTS:
        _walk(getattr(report, root), root, out)
    return out


def _walk(node: Any, prefix: str, out: list[tuple[str, Value]]) -> None:
    if node is None:
        return
    if isinstance(node, Value):
        out.append((prefix, node))
    elif isinstance(node, list):
        for i, item in enumerate(node, 1):
            _walk(item, f"{prefix}.{i}", out)
    elif isinstance(node, BaseModel):
        for name in type(node).model_fields:
            child = getattr(node, name)
            if isinstance(child, (Value, BaseModel, list)):
                _walk(child, f"{prefix}.{name}", out)


def display(value: Any) -> str:
    """A value as short text for the page."""
    if isinstance(value, str) and _DECIMAL.fullmatch(value):
        value = Decimal(value)  # numbers come back from reports.jsonl as strings
    v = plain(value)
    if isinstance(v, bool):
        return "true" if v else "false"
    if isinstance(v, list):
        return "、".join(display(x) for x in v)
    if isinstance(v, Decimal):
        return format(v, "f")
    if isinstance(v, dt.date):
        return v.isoformat()
    return "" if v is None else str(v)


class _Marks:
    """Distinct source spans (start, end) with every key read there; index = position in the list."""

    def __init__(self, text_len: int) -> None:
        self.text_len = text_len
        self.items: list[dict[str, Any]] = []
        self.index: dict[tuple[int, int], int] = {}

    def add(self, span: Span | None, key: str, *, fact: bool = False) -> int | None:
        if span is None or span.end <= span.start or span.start < 0 or span.end > self.text_len:
            return None
        k = (span.start, span.end)
        i = self.index.get(k)
        if i is None:
            i = self.index[k] = len(self.items)
            self.items.append({"s": span.start, "e": span.end, "keys": [], "value": False, "fact": False})
        item = self.items[i]
        if span.bbox is not None and "box" not in item:  # where it stands on the page image
            item["box"] = [span.page, *(round(x, 2) for x in span.bbox)]
        if span.address and "cell" not in item:  # the sheet cell: 自评表!D9
            item["cell"] = span.address
        if key not in item["keys"]:
            item["keys"].append(key)
        item["fact" if fact else "value"] = True
        return i


# --------------------------------------------------------------------------- payloads


def _num(v: Value | None) -> float | None:
    if v is None or isinstance(v.value, bool):
        return None
    try:
        return float(Decimal(str(v.value)))
    except (InvalidOperation, ValueError):
        return None


def _text(v: Value | None) -> str:
    return "" if v is None else display(v.value)


def _short(s: str, places: int = 4) -> str:
    """A decimal string cut to a few places, with an ellipsis when digits were dropped."""
    if "." in s:
        whole, frac = s.split(".", 1)
        if len(frac) > places:
            return f"{whole}.{frac[:places]}…"
    return s


def _interval(iv: tuple[str, str] | None) -> str:
    if not iv:
        return ""
    lo, hi = iv
    return _short(lo) if lo == hi else f"[{_short(lo)}, {_short(hi)}]"


def _middle(iv: tuple[str, str] | None) -> str:
    """The middle of an interval, cut to a few decimal places (96.4144… for a computed ratio)."""
    if not iv:
        return ""
    try:
        mid = (Decimal(iv[0]) + Decimal(iv[1])) / 2
    except (InvalidOperation, ValueError):
        return iv[0]
    mid = mid.normalize()
    text = format(mid, "f")
    return _short(text)


def _verdict(computed: tuple[str, str] | None, reported: tuple[str, str] | None) -> bool | None:
    if not computed or not reported:
        return None
    try:
        c_lo, c_hi = Decimal(computed[0]), Decimal(computed[1])
        r_lo, r_hi = Decimal(reported[0]), Decimal(reported[1])
    except (InvalidOperation, ValueError):
        return None
    return c_lo <= r_hi and r_lo <= c_hi


def build(entry: Entry, index: int) -> tuple[dict[str, Any], dict[str, Any]]:
    """The overview row and the report payload of one entry."""
    r = entry.report
    flat = flatten(r)
    marks = _Marks(len(entry.text))
    values = []
    for key, v in value_list(r):
        m = marks.add(v.span, key)
        values.append(
            {
                "key": key,
                "value": display(v.value),
                "raw": v.raw,
                "m": m,
                "line": v.span.line if v.span else None,
                "page": v.span.page if v.span else None,
                "cell": v.span.address if v.span else "",
            }
        )
    findings = []
    for f in r.findings:
        facts = []
        for fact in f.facts:
            facts.append(
                {
                    "key": fact.key,
                    "value": fact.value,
                    "interval": _interval(fact.interval),
                    "m": marks.add(fact.span, fact.key, fact=True),
                    "line": fact.span.line if fact.span else None,
                    "page": fact.span.page if fact.span else None,
                    "cell": fact.span.address if fact.span else "",
                    "text": fact.span.text if fact.span else "",
                }
            )
        findings.append(
            {
                "rule": f.rule,
                "severity": f.severity,
                "zh": f.message_zh,
                "en": f.message_en,
                "facts": facts,
                "computed": _middle(f.computed),
                "reported": _middle(f.reported),
                "intervals": " · ".join(
                    f"{name} {_interval(iv)}"
                    for name, iv in (("computed", f.computed), ("stated", f.reported))
                    if iv
                ),
                "ok": _verdict(f.computed, f.reported),
            }
        )
    indicators = []
    for n, ind in enumerate(r.indicators, 1):
        row: dict[str, Any] = {"n": n}
        for col in INDICATOR_COLUMNS:
            v = getattr(ind, col)
            text = _text(v)
            if col == "target" and v is not None:
                op = _text(ind.target_op)
                unit = _text(ind.unit)
                text = " ".join(x for x in (op if op != "text" else "", text + unit) if x)
            row[col] = [text, marks.index.get((v.span.start, v.span.end)) if v and v.span else None]
        indicators.append(row)

    info = r.report
    kind = _text(info.kind) or "unknown"
    req = required_keys(r, flat)
    missing = missing_keys(r, flat)
    counts = {s: sum(1 for f in r.findings if f.severity == s) for s in ("error", "warning", "info")}
    name = entry.files[0] if entry.files else r.source.path
    file_name = Path(name).name or name
    row = {
        "i": index,
        "file": file_name,
        "path": name,
        "unit": _text(info.unit_name),
        "project": _text(info.project_name),
        "year": _text(info.fiscal_year),
        "kind": kind,
        "rate": _num(r.budget.execution_rate),
        "score": _num(r.evaluation.total_score),
        "grade": _text(r.evaluation.grade),
        "errors": counts["error"],
        "warnings": counts["warning"],
        "infos": counts["info"],
        "rules": sorted({f.rule for f in r.findings}),
        "found": len(req) - len(missing),
        "required": len(req),
    }
    payload = {
        "i": index,
        "file": file_name,
        "files": entry.files,
        "sha256": entry.sha256,
        "format": entry.format,
        "title": _text(r.title),
        "text": entry.text,
        "text_missing": entry.text_missing,
        "page_starts": entry.page_starts or [0],
        "pages": [_page(p) for p in entry.pages],
        "grids": [_grid(t) for t in entry.tables],
        "marks": marks.items,
        "values": values,
        "findings": findings,
        "indicators": indicators,
        "missing": missing,
        "notes": list(r.notes),
    }
    return row, payload


def _page(page: dict[str, Any]) -> dict[str, Any]:
    """A page image as the page draws it: its source (relative to the HTML file) and size in points."""
    return {
        "page": int(page.get("page") or 1),
        "src": str(page.get("src") or page.get("image") or ""),
        "width": float(page.get("width") or 0),
        "height": float(page.get("height") or 0),
    }


def _grid(table: dict[str, Any]) -> dict[str, Any]:
    """A sheet's table for the page: its name, size and cells as [row, col, rowspan, colspan,
    text, address, start, end] (covered positions of a merge hold no cell)."""
    cells = [
        [
            int(c.get("row", 0)),
            int(c.get("col", 0)),
            int(c.get("rowspan", 1)),
            int(c.get("colspan", 1)),
            str(c.get("text", "")),
            str(c.get("address", "")),
            int(c.get("start", -1)),
            int(c.get("end", -1)),
        ]
        for c in table.get("cells") or []
    ]
    return {
        "sheet": str(table.get("sheet", "")),
        "rows": int(table.get("n_rows", 0)),
        "cols": int(table.get("n_cols", 0)),
        "cells": cells,
    }


def rule_catalog() -> dict[str, dict[str, str]]:
    """Rule id -> descriptions, when the validator provides a catalog."""
    try:
        from extractor.validate import RULES  # type: ignore[attr-defined]
    except Exception:  # the validator is optional while it is being built
        return {}
    out = {}
    for rule in RULES:
        try:
            out[str(rule.id)] = {
                "zh": str(getattr(rule, "description_zh", "")),
                "en": str(getattr(rule, "description_en", "")),
            }
        except AttributeError:
            continue
    return out
