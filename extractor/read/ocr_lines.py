"""OCR boxes made lines: grouped by their vertical centres, in reading order (column by column
where the page has a gutter), joined into a line's text with the spaces the recognizer's boxes
imply; a box's text shared out over its extent in proportion to the characters' widths, so a box
can be cut between characters."""

from __future__ import annotations

import statistics
import unicodedata
from dataclasses import dataclass, field

from extractor.read import pdf_lines, pdf_model
from extractor.read.ocr_engine import Box, corrected

SAME_LINE = 0.5  # box centres within this share of the box height: one line


@dataclass(slots=True)
class OcrLine(pdf_model.Line):
    """A line of OCR text: a pdf Line (so the PDF reader's paragraph rules apply) with its boxes."""

    boxes: list[Box] = field(default_factory=list)


def reading_lines(boxes: list[Box]) -> list[list[Box]]:
    """Boxes grouped into lines, in reading order: column by column where the page has a
    gutter (a vertical strip no box crosses, with text on both sides); a box spanning the
    gutter (a title) closes the columns above it."""
    lines = group_lines(boxes)
    gutter = _gutter(boxes)
    if gutter is None:
        return lines
    out: list[list[Box]] = []
    left: list[list[Box]] = []
    right: list[list[Box]] = []
    for line in lines:
        if any(b.x0 < gutter < b.x1 for b in line):
            out += left + right + [line]
            left, right = [], []
            continue
        lo = [b for b in line if b.cx < gutter]
        hi = [b for b in line if b.cx >= gutter]
        if lo:
            left.append(lo)
        if hi:
            right.append(hi)
    return out + left + right


def group_lines(boxes: list[Box]) -> list[list[Box]]:
    lines: list[list[Box]] = []
    for box in sorted(boxes, key=lambda b: (b.mid, b.x0)):
        line = next((ln for ln in reversed(lines[-3:]) if _same_line(box, ln)), None)
        if line is None:
            lines.append([box])
        else:
            line.append(box)
    for line in lines:
        line.sort(key=lambda b: b.x0)
    return sorted(lines, key=_mid)


def _same_line(box: Box, line: list[Box]) -> bool:
    return abs(box.mid - _mid(line)) <= SAME_LINE * min(box.height, _h(line))


def _mid(line: list[Box]) -> float:
    return statistics.median(b.mid for b in line)


def _h(line: list[Box]) -> float:
    return statistics.median(b.height for b in line)


def _gutter(boxes: list[Box]) -> float | None:
    """The x of a column gutter in the middle third of the text, or None."""
    if len(boxes) < 8:
        return None
    x0, x1 = min(b.x0 for b in boxes), max(b.x1 for b in boxes)
    width = x1 - x0
    spanning = [b for b in boxes if b.x1 - b.x0 > 0.6 * width]
    narrow = [b for b in boxes if b not in spanning]
    step = max(1.0, width / 200)
    best = None
    x = x0 + width / 3
    while x < x0 + 2 * width / 3:
        if not any(b.x0 - step < x < b.x1 + step for b in narrow):
            lo = sum(1 for b in narrow if b.x1 <= x)
            hi = sum(1 for b in narrow if b.x0 >= x)
            if lo >= 4 and hi >= 4 and len(spanning) < lo:
                best = x if best is None else best
        x += step
    return best


def line_text(line: list[Box]) -> tuple[str, list[tuple[int, int, float]]]:
    """A line's text (boxes joined: a space only between Latin letters or digits, or across a
    wide gap) and each box's (start, end, confidence) in it."""
    text, runs = "", []
    prev: Box | None = None
    for box in line:
        if prev is not None and _needs_space(prev, box, text):
            text += " "
        runs.append((len(text), len(text) + len(box.text), box.confidence))
        text += box.text
        prev = box
    return text, runs


def _needs_space(prev: Box, box: Box, text: str) -> bool:
    gap = box.x0 - prev.x1
    size = max(prev.height, box.height)
    if gap > pdf_lines.COLUMN_GAP * size:
        return True
    latin = pdf_lines.LATIN_END.search(text) or text[-1:].isdigit()
    return bool(latin) and (box.text[:1].isascii() and box.text[:1].isalnum()) and gap > 0.3 * size


def scaled_line(line: list[Box], scale: float) -> OcrLine:
    s = scale
    boxes = [Box(b.text, b.confidence, b.x0 / s, b.top / s, b.x1 / s, b.bottom / s) for b in line]
    text, _ = line_text(boxes)
    size = statistics.median(b.height for b in boxes) / 1.15  # a box is a little taller than the font
    lead = (boxes[0].x1 - boxes[0].x0) / max(1, len(boxes[0].text))
    top, bottom = min(b.top for b in boxes), max(b.bottom for b in boxes)
    return OcrLine(text, boxes[0].x0, boxes[-1].x1, top, bottom, size, lead, boxes=boxes)


def _width(ch: str) -> float:
    return 1.0 if unicodedata.east_asian_width(ch) in "WFA" else 0.5


def char_extents(box: Box) -> list[tuple[float, float]]:
    """(x0, x1) of each character of the box's text: its extent shared out in proportion to the
    characters' widths (the recognizer gives a box per run of text, not per character)."""
    total = sum(_width(c) for c in box.text) or 1.0
    out, x = [], box.x0
    for ch in box.text:
        w = (box.x1 - box.x0) * _width(ch) / total
        out.append((x, x + w))
        x += w
    return out


def cut(box: Box, cuts: list[int]) -> list[Box]:
    """The box cut before each character index in cuts, x extents in proportion to widths."""
    xs = char_extents(box)
    out, prev = [], 0
    for k in [*cuts, len(box.text)]:
        piece = box.text[prev:k]
        if piece.strip():
            out.append(Box(piece.strip(), box.confidence, xs[prev][0], box.top, xs[k - 1][1], box.bottom))
        prev = k
    return out or [box]


def cut_at_spaces(box: Box) -> list[Box]:
    cuts = [i for i, ch in enumerate(box.text) if ch == " "]
    return cut(box, cuts) if cuts else [box]


def cell_text(boxes: list[Box]) -> str:
    out = ""
    for line in group_lines(boxes):
        text, _ = line_text(line)
        out = pdf_lines.join_text(out, text) if out else text
    return corrected(" ".join(out.split()))
