"""Boxes on the page for values read from a PDF's or a scan's prose: ``place_boxes(report, doc)``.

A value read from a table cell carries the cell's box (``Span.bbox``, set by the cell
reader); a value read from the text layer's prose has only offsets. The PDF reader
(and the OCR reader, sharing a box among its characters) keeps where each character of its
text lines stands (``Document.glyph_lines``), so a
span's box is the union of its characters' boxes (spaces left out). A span crossing
lines gets the box of its part on its first page (a wrapped value is one rectangle
over both lines' parts); a span over no located character keeps no box.
"""

from __future__ import annotations

import bisect
from collections.abc import Iterator

from pydantic import BaseModel

from extractor.models import Document, GlyphLine, Report, Span

Box = tuple[float, float, float, float]

__all__ = ["place_boxes", "span_box"]


def place_boxes(report: Report, doc: Document) -> None:
    """Set ``bbox`` (and ``page``) on every span of ``report`` that has no box, where ``doc`` knows
    where its characters stand."""
    if not doc.glyph_lines:
        return
    lines = sorted(doc.glyph_lines, key=lambda g: g.start)
    starts = [g.start for g in lines]
    for span in _spans(report):
        if span.bbox is None:
            found = span_box(lines, starts, span.start, span.end)
            if found is not None:
                span.page, span.bbox = found


def span_box(lines: list[GlyphLine], starts: list[int], start: int, end: int) -> tuple[int, Box] | None:
    """(page, box) of the characters in [start, end) of the text; None when none is located."""
    k = max(0, bisect.bisect_right(starts, start) - 1)
    page, boxes = 0, []
    while k < len(lines) and lines[k].start < end:
        line = lines[k]
        k += 1
        if page and line.page != page:
            break
        lo, hi = max(start, line.start) - line.start, min(end, line.start + len(line.boxes)) - line.start
        found = [b for b in line.boxes[max(lo, 0) : max(hi, 0)] if b is not None]
        if found:
            page = line.page
            boxes += found
    if not boxes:
        return None
    x0 = min(b[0] for b in boxes)
    top = min(b[1] for b in boxes)
    x1 = max(b[2] for b in boxes)
    bottom = max(b[3] for b in boxes)
    return page, (round(x0, 2), round(top, 2), round(x1, 2), round(bottom, 2))


def _spans(node: object) -> Iterator[Span]:
    """Every Span in a model tree (values, facts, sections, quantities …)."""
    if isinstance(node, Span):
        yield node
    elif isinstance(node, BaseModel):
        for name in type(node).model_fields:
            child = getattr(node, name)
            if isinstance(child, (BaseModel, list, tuple)):
                yield from _spans(child)
    elif isinstance(node, (list, tuple)):
        for item in node:
            if isinstance(item, (BaseModel, list, tuple)):
                yield from _spans(item)
