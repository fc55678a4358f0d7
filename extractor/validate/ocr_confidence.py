"""Rule ocr.low_confidence: a figure (or a target's comparison operator, ≥ against >) read by OCR
with a confidence below the threshold.

The reader records every OCR'd run with its confidence (``Document.ocr_runs``); the
pipeline keeps the runs below ``LOW_CONFIDENCE`` in ``Report.low_confidence``. Each
extracted number whose span overlaps one of them is still extracted, and named here so
a reviewer checks exactly those figures against the scan.
"""

from __future__ import annotations

from decimal import Decimal

from pydantic import BaseModel

from extractor.models import FactRef, Finding, OcrRun, Report, Value
from extractor.validate.check import finding

# Measured with bench/ocr_accuracy.py on the table scans at 150 dpi (README "OCR"): the misread
# figure ('≤90万元' read '<90万元') had 0.89; 3 of 101 rightly read runs with digits fall below 0.9.
LOW_CONFIDENCE = 0.9
FLAGGED_ROOTS = ("report", "staff", "org", "budget", "indicators", "evaluation", "quantities", "breakdowns")
OPERATOR_KEYS = (".target_op",)  # text values that are checked like figures (≥ read as >)


def low_confidence(report: Report) -> list[Finding]:
    """Every extracted number (and operator) overlapping a low-confidence OCR run, named with where
    it was read."""
    if not report.low_confidence:
        return []
    out = []
    for key, value in _numbers(report):
        run = _overlapping(value, report.low_confidence)
        if run is None:
            continue
        span = value.span
        message = (
            f"第{span.page}页第{span.line}行的「{span.text}」（{key}）由OCR识别，置信度{run.confidence:.2f}"
            f"低于{LOW_CONFIDENCE}，请对照原件核对",
            f"'{span.text}' ({key}) on page {span.page}, line {span.line} was read by OCR with confidence "
            f"{run.confidence:.2f} (below {LOW_CONFIDENCE}): check it against the scan",
        )
        f = finding("ocr.low_confidence", "warning", message, [])
        f.facts = [FactRef(key=key, value=str(value.value), span=span)]
        out.append(f)
    return out


def _overlapping(value: Value, runs: list[OcrRun]) -> OcrRun | None:
    span = value.span
    assert span is not None
    overlapping = [r for r in runs if r.start < span.end and span.start < r.end]
    return min(overlapping, key=lambda r: r.confidence, default=None)


def _numbers(report: Report) -> list[tuple[str, Value]]:
    """The numeric values and operators with a span, by their flat key (the first key a span is
    seen under)."""
    found: dict[tuple[int, int], tuple[str, Value]] = {}
    for root in FLAGGED_ROOTS:
        _walk(getattr(report, root), root, found)
    return list(found.values())


def _walk(node: object, prefix: str, found: dict[tuple[int, int], tuple[str, Value]]) -> None:
    if isinstance(node, Value):
        number = isinstance(node.value, Decimal | int) and not isinstance(node.value, bool)
        if (number or prefix.endswith(OPERATOR_KEYS)) and node.span:
            found.setdefault((node.span.start, node.span.end), (prefix, node))
    elif isinstance(node, list):
        for i, item in enumerate(node, 1):
            _walk(item, f"{prefix}.{i}", found)
    elif isinstance(node, BaseModel):
        for name in type(node).model_fields:
            _walk(getattr(node, name), f"{prefix}.{name}", found)
