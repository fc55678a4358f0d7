"""Comparison operators read by OCR (扫描件的比较符): PP-OCRv4 reads a scanned ≥ as > (and ≤ as <)
when the glyph's lower bar is faint, so an OCR'd > or < in front of a target is uncertain.

It is settled by the indicator's own figures only: a target met exactly (实际完成值 equal to the
指标值) with full marks (得分 equal to 分值) was met, which a strict > could not be, so the
operator is ≥ (≤). Otherwise nothing tells the glyphs apart and target_op is left out: a wrong
operator is worse than none. Operators read from a text layer are never touched.
"""

from __future__ import annotations

from decimal import Decimal

from extractor.models import Document, Indicator, Report, Value

WITH_EQUAL = {">": ">=", "<": "<="}


def settle(report: Report, doc: Document) -> None:
    """Each indicator's OCR'd strict operator made ≥/≤ on its figures' evidence, or left out."""
    if not doc.ocr_runs:
        return
    for ind in report.indicators:
        op = ind.target_op
        if op is None or op.value not in WITH_EQUAL or not _ocr_read(op, ind, doc):
            continue
        if _met_exactly(ind):
            ind.target_op = op.model_copy(update={"value": WITH_EQUAL[op.value]})
        else:
            ind.target_op = None


def _ocr_read(op: Value, ind: Indicator, doc: Document) -> bool:
    span = op.span or (ind.target.span if ind.target is not None else None)
    if span is None:
        return False
    return any(r.start <= span.start < r.end for r in doc.ocr_runs)


def _met_exactly(ind: Indicator) -> bool:
    """The actual equals the target and the score is the full weight."""
    figures = [getattr(ind, k) for k in ("target", "actual", "weight", "score")]
    if any(v is None or not isinstance(v.value, Decimal) for v in figures):
        return False
    target, actual, weight, score = (v.value for v in figures)
    return actual == target and score == weight
