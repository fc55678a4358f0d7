"""Characters a PDF draws but clips away (裁剪掉的字符): not on the printed page.

A spreadsheet printed to PDF (LibreOffice Calc, Excel) writes a cell's whole text and clips
it to the cell when the neighbouring cell is filled, and writes the text of a cell cut by
the page's right edge on both pages, clipped to each page's print area. pdfium and
pdfplumber report every character written, so the clipped ones would run into the
neighbouring cell's text (年度目标 read as 年发度放目成标...) or stand left of the page.
A character is hidden when the middle of its box lies outside the clip path of the text
object that draws it (the bounding box of each of the clip's paths, intersected: a curved
clip is taken as its box, so it never hides a character it shows).
"""

from __future__ import annotations

import ctypes
from dataclasses import dataclass, field
from itertools import islice
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from extractor.read.pdf_model import Char

SLACK = 1.0  # points: a glyph's box may stand this far past its clip, or from pdfium's box
BAND = 24.0  # points: characters are compared with those in their band of heights and the next
# font sizes: glyphs overlapping more than this across and down are drawn over one another (a line's
# box holds its ascent and descent: lines set closer than their size overlap a little, legibly)
OVERDRAWN = (0.25, 0.5)

Box = tuple[float, float, float, float]  # left, bottom, right, top (PDF space, bottom-up)


@dataclass(slots=True)
class ClipBoxes:
    """The clip box of each text object of one pdfium text page, looked up once per object."""

    textpage: object  # the raw FPDF_TEXTPAGE
    hidden: list[Char]  # receives the characters clipped away
    boxes: dict[int, Box | None] = field(default_factory=dict)

    def shows(self, index: int, ch: Char, x: float, y: float) -> bool:
        """Whether character ``index`` (``ch``, its box's middle at (x, y) in PDF space) is drawn;
        if not, it goes to ``hidden``."""
        if self.visible(index, x, y):
            return True
        self.hidden.append(ch)
        return False

    def visible(self, index: int, x: float, y: float) -> bool:
        """Whether character ``index``, whose box's middle is (x, y) in PDF space, is drawn."""
        import pypdfium2.raw as c

        obj = c.FPDFText_GetTextObject(self.textpage, index)
        if not obj:
            return True
        key = ctypes.cast(obj, ctypes.c_void_p).value or 0
        if key not in self.boxes:
            self.boxes[key] = clip_box(obj)
        box = self.boxes[key]
        return box is None or (box[0] <= x <= box[2] and box[1] <= y <= box[3])


def clip_box(obj) -> Box | None:
    """The box a page object's clip path leaves visible, or None when it has no clip path."""
    import pypdfium2.raw as c

    clip = c.FPDFPageObj_GetClipPath(obj)
    if not clip:
        return None
    box: Box | None = None
    for path in range(c.FPDFClipPath_CountPaths(clip)):
        points = _points(clip, path)
        if not points:
            continue
        xs, ys = [p[0] for p in points], [p[1] for p in points]
        here = (min(xs), min(ys), max(xs), max(ys))
        box = here if box is None else _intersect(box, here)
    return box


def _points(clip, path: int) -> list[tuple[float, float]]:
    import pypdfium2.raw as c

    x, y = ctypes.c_float(), ctypes.c_float()
    out = []
    for index in range(c.FPDFClipPath_CountPathSegments(clip, path)):
        segment = c.FPDFClipPath_GetPathSegment(clip, path, index)
        if segment and c.FPDFPathSegment_GetPoint(segment, ctypes.byref(x), ctypes.byref(y)):
            out.append((x.value, y.value))
    return out


def _intersect(a: Box, b: Box) -> Box:
    return max(a[0], b[0]), max(a[1], b[1]), min(a[2], b[2]), min(a[3], b[3])


def cuts_text(texts: list) -> bool:
    """Whether some text object of the page (``texts``: their raw handles, ``pdf_objects``)
    reaches beyond its clip box (a cheap test, per object: only then are a ruled page's
    characters looked at one by one)."""
    import pypdfium2.raw as c

    box = [ctypes.c_float() for _ in range(4)]
    for obj in texts:
        clip = clip_box(obj)
        if clip is None or not c.FPDFPageObj_GetBounds(obj, *(ctypes.byref(v) for v in box)):
            continue
        if _beyond(tuple(v.value for v in box), clip):
            return True
    return False


def _beyond(bounds: tuple[float, ...], clip: Box) -> bool:
    low, high = (0, 1), (2, 3)
    return any(bounds[i] < clip[i] - SLACK for i in low) or any(bounds[i] > clip[i] + SLACK for i in high)


def spilled(chars: list[Char]) -> bool:
    """Whether two different glyphs are drawn over one another (overlapping by more than
    ``OVERDRAWN`` font sizes across and down): a spreadsheet printed with rows lower than
    their wrapped text, whose cells spill over the rows above and below. Neither text can be
    read where they meet, on paper as here, and no line of the page is certainly one row.
    (A glyph drawn twice at one place, simulated bold, is dropped before: ``pdf_chars.dedupe``.)"""
    bands: dict[int, list[tuple[float, float, float, float]]] = {}  # ink glyphs by height, BAND points a step
    for ch in chars:
        if ch.text.strip():
            bands.setdefault(int(ch.top // BAND), []).append((ch.x0, ch.x1, ch.top, ch.bottom, ch.size))
    for band, here in bands.items():
        near = here + bands.get(band + 1, [])
        order = sorted(range(len(near)), key=[g[0] for g in near].__getitem__)  # stable, as by x0
        if _overdrawn([near[i] for i in order]):
            return True
    return False


def _overdrawn(glyphs: list[tuple[float, float, float, float, float]]) -> bool:
    """Whether two of the glyphs (x0, x1, top, bottom, size; sorted by x0) overlap as ``spilled`` says."""
    across, down = OVERDRAWN
    for k, (_, x1, top, bottom, size) in enumerate(glyphs):
        limit = x1 - across * size
        for b_x0, _, b_top, b_bottom, b_size in islice(glyphs, k + 1, None):
            if b_x0 >= limit:
                break
            if min(bottom, b_bottom) - max(top, b_top) > down * min(size, b_size):
                return True
    return False
