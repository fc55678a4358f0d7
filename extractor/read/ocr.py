"""Scanned pages: OCR with RapidOCR (PP-OCRv4 models inside the rapidocr-onnxruntime wheel), offline.

``read_scanned_pdf`` is called by the PDF reader for the pages without a text layer
(or for every page with ``ocr="force"``); ``read_image`` reads .png/.jpg/.tif files
(every frame of a multi-page .tif). Pages are rendered with pypdfium2 at ``OCR_DPI``.

From the recognized boxes (a quadrilateral, its text and its confidence):
- the page's skew is the median slope of the wide boxes; box corners are turned back by it;
- a page whose boxes stand upright (taller than wide) is turned 90 degrees and read again;
  one whose text lines the angle classifier finds turned 180 degrees is turned and read again;
- ruling lines found on the (deskewed) page image by OpenCV morphology give table grids;
  the boxes whose centre lies in a cell fill it (``grid.Table``, source "ocr", each cell
  with its box in PDF points and the lowest confidence of its boxes), placed on the page as
  the PDF reader's ``TableBlock`` (so a table continued on the next page joins its grid, and
  ``grid.render`` writes it into the text in its place);
- the other boxes get back the spaces the recognizer dropped inside them (``ocr_spaces``: a
  row of a table saved without its grid is one box of glued words);
- a table drawn without lines is found among the other boxes: lines of several boxes whose
  x extents cluster into columns give the same ``grid.Table`` (rows split between the lines);
- the other boxes become lines (vertical centres close together), read column by column
  when the page has a gutter, and the PDF reader's paragraph rules join wrapped lines.

Each recognized box's text is an ``OcrRun`` of the Document (offsets and confidence), so a
figure read with low confidence can be flagged (rule ``ocr.low_confidence``).
rapidocr, onnxruntime and OpenCV are imported only when a page is OCRed.
"""

from __future__ import annotations

import io
import math
import statistics
import unicodedata
from dataclasses import dataclass, field
from functools import lru_cache

import patterns
from extractor import grid
from extractor.errors import InputError
from extractor.models import Document, GlyphLine, OcrRun
from extractor.read import (
    ocr_cells,
    ocr_rules,
    ocr_spaces,
    pdf_continued,
    pdf_furniture,
    pdf_lines,
    pdf_model,
    pdf_text,
)
from extractor.validate.ocr_confidence import LOW_CONFIDENCE

OCR_MODES = ("auto", "off", "force")
OCR_DPI = 150  # measured: see README "OCR" (150 dpi reads the test scans as well as 200, faster)
MIN_TEXT_SCORE = 0.0  # keep every recognized box; low confidence is flagged, not dropped
UPRIGHT_SHARE = 0.6  # this share of boxes taller than wide: the page is turned by 90 degrees
UPSIDE_DOWN_SHARE = 0.5  # this share of the text lines classified as turned: the page is turned 180
MIN_SKEW = 0.1  # degrees: below this the page is taken as straight
# Ruling lines: a horizontal line is at least this share of the page width, a vertical one
# this share of the page height; a table needs at least two of each.
H_LINE_SHARE, V_LINE_SHARE = 1 / 25, 1 / 60
SKEW_RULE_SHARE = 1 / 4  # a horizontal rule this share of the page wide measures the skew
SEGMENT_COVER = 0.5  # a cell border is drawn when this share of it is ink
LINE_MERGE = 6  # pixels: ruling positions closer than this are one line
SAME_LINE = 0.5  # box centres within this share of the box height: one line
IMAGE_DPI = 200  # assumed resolution of an image file that states none
# A table cell's ink that no recognized box covers is a lost character (PP-OCRv4's detector
# misses a lone ＝ or boxes one of its strokes): a spot of at least LOST_INK_AREA pixels
# (page image at OCR_DPI) at least CELL_MARGIN pixels inside the cell's borders. A one-line
# cell with lost ink is recognized again as a whole (its ink cropped, REREAD_PAD white pixels
# around); a cell still short of ink gets confidence LOST_INK_CONFIDENCE (flagged).
LOST_INK_AREA = 6
CELL_MARGIN = 3
REREAD_PAD = 4
ONE_LINE = 1.3  # a cell's ink at most this many box heights tall (and its boxes one line) is one line
LOST_INK_CONFIDENCE = 0.0
# A table drawn without ruling lines: consecutive lines of two or more boxes, at least
# GRID_MIN_ROWS of them with GRID_MIN_COLS boxes or more, whose x extents fall into at least
# GRID_MIN_COLS columns (gaps of GRID_GAP box heights no box crosses), with a box in at least
# GRID_FILL of the grid's positions (prose lines are one box, or two where a gap splits one).
GRID_MIN_ROWS, GRID_MIN_COLS = 3, 3
GRID_GAP = 0.8
GRID_FILL = 0.6
_P = patterns.load("ocr")
LONE_SYMBOLS: dict[str, str] = _P["lone_symbols"]
BRACKETS: dict[str, str] = _P["brackets"]
CLOSING = set(BRACKETS.values())


@dataclass(slots=True)
class Box:
    """One recognized text box on a page, in PDF points (top-down)."""

    text: str
    confidence: float
    x0: float
    top: float
    x1: float
    bottom: float
    centres: tuple[tuple[float, float], ...] = ()  # (x, y) of each character, where the recognizer gives them

    @property
    def mid(self) -> float:
        return (self.top + self.bottom) / 2

    @property
    def cx(self) -> float:
        return (self.x0 + self.x1) / 2

    @property
    def height(self) -> float:
        return self.bottom - self.top


@dataclass(slots=True)
class OcrLine(pdf_model.Line):
    """A line of OCR text: a pdf Line (so the PDF reader's paragraph rules apply) with its boxes."""

    boxes: list[Box] = field(default_factory=list)


# --------------------------------------------------------------------------- entry points


def read_scanned_pdf(path: str, data: bytes, pages: list[pdf_model.Page], scan: list[int]) -> Document:
    """The PDF's text with the pages at the indexes in ``scan`` read by OCR (the others keep
    the blocks their text layer gave)."""
    import pypdfium2 as pdfium

    pdf = pdfium.PdfDocument(data)
    try:
        for index in scan:
            page = pdf[index]
            try:
                image = page.render(scale=OCR_DPI / 72, grayscale=True).to_pil()
                width = page.get_width()
            finally:
                page.close()
            blocks = page_blocks(image, OCR_DPI / 72, index + 1)
            pages[index] = pdf_model.Page(blocks=blocks, has_chars=True, width=width)
    finally:
        pdf.close()
    return _document(path, "pdf", pages)


def read_image(path: str, data: bytes) -> Document:
    """An image file (.png, .jpg, .tif; every frame of a multi-page .tif) read by OCR."""
    from PIL import Image, ImageSequence, UnidentifiedImageError

    try:
        image = Image.open(io.BytesIO(data))
        frames = [f.copy() for f in ImageSequence.Iterator(image)]
    except UnidentifiedImageError as exc:
        raise InputError(path, "not a readable image (unknown or damaged image data)") from exc
    except (OSError, ValueError) as exc:
        raise InputError(path, f"not a readable image ({exc})") from exc
    pages = []
    for number, frame in enumerate(frames, start=1):
        dpi = frame.info.get("dpi", (IMAGE_DPI, IMAGE_DPI))[0] or IMAGE_DPI
        scale = float(dpi) / 72
        if dpi > OCR_DPI * 1.2:  # large scans are read at the measured resolution
            frame = frame.resize((round(frame.width * OCR_DPI / dpi), round(frame.height * OCR_DPI / dpi)))
            scale = OCR_DPI / 72
        blocks = page_blocks(frame, scale, number)
        pages.append(pdf_model.Page(blocks=blocks, has_chars=True, width=frame.width / scale))
    return _document(path, "image", pages)


# --------------------------------------------------------------------------- one page


@lru_cache(maxsize=1)
def engine():
    """The OCR engine, loaded once per process (models from the installed wheel)."""
    from rapidocr_onnxruntime import RapidOCR

    return RapidOCR()


def page_blocks(image, scale: float, page: int = 1) -> list[pdf_model.Block]:
    """Lines and tables of one page image (1-based ``page``); ``scale`` is pixels per point."""
    import numpy as np

    pixels = np.asarray(image.convert("L"))
    boxes, quads = recognize(pixels)
    if quads and _upright(quads):
        pixels, boxes, quads = _turn_upright(pixels)
    elif boxes and _upside_down(pixels, boxes):  # kept turned only if it then reads better
        turned = np.ascontiguousarray(np.rot90(pixels, 2))
        turned_boxes, turned_quads = recognize(turned)
        if _reading_score(turned_boxes) > _reading_score(boxes):
            pixels, boxes, quads = turned, turned_boxes, turned_quads
    angle = rule_skew(pixels)
    angle = skew(quads) if angle is None else angle
    if abs(angle) >= MIN_SKEW:  # the image is turned straight for the ruling lines, the boxes with it
        pixels, matrix = _rotate(pixels, angle)
        boxes = [_turned(b, q, matrix) for b, q in zip(boxes, quads, strict=True)]
    tables = find_tables(pixels)
    page_ink = _ink(pixels)
    in_table: dict[int, list[Box]] = {}
    free: list[Box] = []
    for box in boxes:
        k = next((i for i, t in enumerate(tables) if _inside(box, t.bbox)), None)
        (in_table.setdefault(k, []) if k is not None else free).append(box)
    free = ocr_spaces.spaced(free, page_ink)
    for box_grid, members, cut_from in find_box_grids(free):  # tables drawn without ruling lines
        in_table[len(tables)] = members
        tables.append(box_grid)
        free = [b for b in free if not any(b is m for m in cut_from)]
    blocks: list[pdf_model.Block] = [_scaled_line(line, scale) for line in reading_lines(free)]
    ink = CellInk(pixels, page_ink, statistics.median(b.height for b in boxes) if boxes else 0.0)
    blocks += [tables[i].to_table(in_table.get(i, []), scale, page, ink) for i in range(len(tables))]
    return sorted(blocks, key=lambda b: b.top)


def recognize(pixels) -> tuple[list[Box], list[list[list[float]]]]:
    """The page's text boxes (pixels) and their quadrilaterals; each box with the centre of each
    of its characters (the recognizer's column for it: ``return_word_box``)."""
    import numpy as np

    rgb = np.stack([pixels] * 3, axis=-1)
    result, _ = engine()(rgb, use_cls=False, text_score=MIN_TEXT_SCORE, return_word_box=True)
    boxes, quads = [], []
    for quad, text, score, *chars in result or []:
        xs, ys = [p[0] for p in quad], [p[1] for p in quad]
        if text.strip():
            box = Box(text.strip(), float(score), min(xs), min(ys), max(xs), max(ys))
            box.centres = _centres(text, chars)
            boxes.append(box)
            quads.append(quad)
    return boxes, quads


def _centres(text: str, chars: list) -> tuple[tuple[float, float], ...]:
    """The (x, y) centre of each character of the stripped text, from the recognizer's character
    boxes; none when they do not match the text one for one."""
    if len(chars) < 2 or len(chars[0]) != len(text) or list(chars[1]) != list(text):
        return ()
    lead = len(text) - len(text.lstrip())
    quads = chars[0][lead : lead + len(text.strip())]
    return tuple((sum(p[0] for p in q) / 4, sum(p[1] for p in q) / 4) for q in quads)


def skew(quads: list[list[list[float]]]) -> float:
    """The page's skew in degrees (positive: text rising to the right), from the wide boxes' top edges."""
    angles = []
    for q in quads:
        dx, dy = q[1][0] - q[0][0], q[1][1] - q[0][1]
        height = math.dist(q[0], q[3])
        if dx > 4 * height > 0:
            angles.append(math.degrees(math.atan2(-dy, dx)))
    return statistics.median(angles) if angles else 0.0


def rule_skew(pixels) -> float | None:
    """The page's skew in degrees from its long horizontal ruling lines (a straight line fitted
    through each one's ink), or None when the page has none. Rules measure it better than text
    boxes, which the detector often returns axis-aligned."""
    import cv2
    import numpy as np

    h, w = pixels.shape[:2]
    rules = cv2.morphologyEx(_ink(pixels), cv2.MORPH_OPEN, _kernel(max(10, int(w * H_LINE_SHARE)), 1))
    count, labels, stats, _ = cv2.connectedComponentsWithStats(rules)
    angles = []
    for i in range(1, count):
        x, y, bw, bh, _ = stats[i]
        if bw >= w * SKEW_RULE_SHARE and bh < bw / 20:  # a long, thin stroke (not a table's frame)
            ys, xs = np.nonzero(labels[y : y + bh, x : x + bw] == i)
            slope = np.polyfit(xs.astype(float), ys.astype(float), 1)[0]
            angles.append(math.degrees(math.atan(-slope)))
    return statistics.median(angles) if angles else None


def _ink(pixels):
    import cv2

    return cv2.adaptiveThreshold(pixels, 255, cv2.ADAPTIVE_THRESH_MEAN_C, cv2.THRESH_BINARY_INV, 25, 15)


def _kernel(width: int, height: int):
    import cv2

    return cv2.getStructuringElement(cv2.MORPH_RECT, (width, height))


def _upright(quads: list[list[list[float]]]) -> bool:
    """Whether most boxes that are not square (a line of text, not one character) stand upright."""
    tall = sum(1 for q in quads if math.dist(q[0], q[3]) > 2 * math.dist(q[0], q[1]))
    wide = sum(1 for q in quads if math.dist(q[0], q[1]) > 1.5 * math.dist(q[0], q[3]))
    return tall > 0 and tall >= UPRIGHT_SHARE * (tall + wide)


def _turn_upright(pixels):
    """A page scanned lying on its side, turned the way that reads with the higher confidence:
    the turned image, its boxes and their quadrilaterals."""
    import numpy as np

    best, best_score = (pixels, [], []), -1.0
    for k in (1, 3):
        turned = np.ascontiguousarray(np.rot90(pixels, k))
        boxes, quads = recognize(turned)
        score = _reading_score(boxes)
        if score > best_score:
            best, best_score = (turned, boxes, quads), score
    return best


def _reading_score(boxes: list[Box]) -> float:
    """How well a page read: its characters weighted by their confidence."""
    return sum(b.confidence * len(b.text) for b in boxes)


def _upside_down(pixels, boxes: list[Box]) -> bool:
    """Whether the page stands on its head: at least UPSIDE_DOWN_SHARE of its wide boxes (lines of
    text) are turned by 180 degrees by the angle classifier that ships with the models."""
    import numpy as np

    wide = [b for b in boxes if b.x1 - b.x0 > 2 * b.height]
    if not wide:
        return False
    crops = [pixels[int(b.top) : int(b.bottom) + 1, int(b.x0) : int(b.x1) + 1] for b in wide]
    classifier = engine().text_cls
    _, labels, _ = classifier([np.stack([c] * 3, axis=-1) for c in crops])
    turned = sum(1 for label, score in labels if "180" in label and score >= classifier.cls_thresh)
    return turned >= UPSIDE_DOWN_SHARE * len(wide)


def _rotate(pixels, angle: float):
    """The image turned by -angle degrees about its centre, and the matrix that did it."""
    import cv2

    h, w = pixels.shape[:2]
    matrix = cv2.getRotationMatrix2D((w / 2, h / 2), -angle, 1.0)
    return cv2.warpAffine(pixels, matrix, (w, h), flags=cv2.INTER_LINEAR, borderValue=255), matrix


def _turned(box: Box, quad: list[list[float]], matrix) -> Box:
    """A box's corners (and its characters' centres) moved by the rotation matrix, and the box
    around them."""
    xs, ys = _moved(quad, matrix)
    turned = Box(box.text, box.confidence, min(xs), min(ys), max(xs), max(ys))
    turned.centres = tuple(zip(*_moved(box.centres, matrix), strict=True)) if box.centres else ()
    return turned


def _moved(points, matrix) -> tuple[list[float], list[float]]:
    xs = [matrix[0][0] * x + matrix[0][1] * y + matrix[0][2] for x, y in points]
    ys = [matrix[1][0] * x + matrix[1][1] * y + matrix[1][2] for x, y in points]
    return xs, ys


# --------------------------------------------------------------------------- lines and reading order


def reading_lines(boxes: list[Box]) -> list[list[Box]]:
    """Boxes grouped into lines, in reading order: column by column where the page has a
    gutter (a vertical strip no box crosses, with text on both sides); a box spanning the
    gutter (a title) closes the columns above it."""
    lines = _group_lines(boxes)
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


def _group_lines(boxes: list[Box]) -> list[list[Box]]:
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


def _scaled_line(line: list[Box], scale: float) -> OcrLine:
    s = scale
    boxes = [Box(b.text, b.confidence, b.x0 / s, b.top / s, b.x1 / s, b.bottom / s) for b in line]
    text, _ = line_text(boxes)
    size = statistics.median(b.height for b in boxes) / 1.15  # a box is a little taller than the font
    lead = (boxes[0].x1 - boxes[0].x0) / max(1, len(boxes[0].text))
    top, bottom = min(b.top for b in boxes), max(b.bottom for b in boxes)
    return OcrLine(text, boxes[0].x0, boxes[-1].x1, top, bottom, size, lead, boxes=boxes)


# --------------------------------------------------------------------------- tables from ruling lines


@dataclass(slots=True)
class RuledGrid:
    """A table's ruling lines on the page image (pixels) and which cell borders are drawn; for a
    table drawn without lines (``h_mask``/``v_mask`` None) the gaps between its columns and rows
    of boxes, every border taken as drawn (no merged cells)."""

    xs: list[int]
    ys: list[int]
    bbox: tuple[int, int, int, int]
    h_mask: object
    v_mask: object

    def to_table(
        self, boxes: list[Box], scale: float, page: int, ink: CellInk | None = None
    ) -> pdf_model.TableBlock:
        cells = self._cells()
        if self.v_mask is not None:
            boxes = ocr_cells.cut_at_rules(boxes, self.xs[1:-1], self.v_mask)
        rules = self.rules if ink is not None else None
        rows: list[list[grid.Cell]] = []
        for r0, c0, r1, c1 in cells:
            x0, top, x1, bottom = self.xs[c0], self.ys[r0], self.xs[c1 + 1], self.ys[r1 + 1]
            inside = [b for b in boxes if x0 <= b.cx <= x1 and top <= b.mid <= bottom]
            text = _cell_text(inside)
            conf = min((b.confidence for b in inside), default=None)
            if ink is not None:
                text, conf = ink.checked(text, conf, inside, (x0, top, x1, bottom), rules)
            bbox = (x0 / scale, top / scale, x1 / scale, bottom / scale)
            spans = {"rowspan": r1 - r0 + 1, "colspan": c1 - c0 + 1}
            cell = grid.Cell(row=r0, col=c0, **spans, text=text, page=page, bbox=bbox, confidence=conf)
            if not rows or rows[-1][0].row != r0:
                rows.append([])
            rows[-1].append(cell)
        table = grid.build_table(rows, "ocr", page=page)
        columns = tuple(x / scale for x in self.xs[:-1])
        return pdf_model.TableBlock(
            table, self.ys[0] / scale, self.ys[-1] / scale, columns, range(table.n_rows)
        )

    @property
    def rules(self):
        """The ruling lines' pixels (not a cell's ink); None for a grid without lines."""
        import cv2

        if self.h_mask is None or self.v_mask is None:
            return None

        return cv2.bitwise_or(self.h_mask, self.v_mask)

    def _cells(self) -> list[tuple[int, int, int, int]]:
        """Origin cells (first row, first col, last row, last col) where borders are missing."""
        n_rows, n_cols = len(self.ys) - 1, len(self.xs) - 1
        owner = [[-1] * n_cols for _ in range(n_rows)]
        cells: list[tuple[int, int, int, int]] = []
        for r in range(n_rows):
            for c in range(n_cols):
                if owner[r][c] >= 0:
                    continue
                c1 = c
                while c1 + 1 < n_cols and owner[r][c1 + 1] < 0 and not self._v_border(r, c1 + 1):
                    c1 += 1
                r1 = r
                while r1 + 1 < n_rows and not any(self._h_border(r1 + 1, k) for k in range(c, c1 + 1)):
                    r1 += 1
                for rr in range(r, r1 + 1):
                    for cc in range(c, c1 + 1):
                        owner[rr][cc] = len(cells)
                cells.append((r, c, r1, c1))
        return sorted(cells)

    def _v_border(self, r: int, c: int) -> bool:
        """Whether the vertical line left of column c is drawn in row r."""
        if self.v_mask is None:
            return True
        x, top, bottom = self.xs[c], self.ys[r], self.ys[r + 1]
        strip = self.v_mask[top + 2 : bottom - 1, max(0, x - 3) : x + 4]
        return strip.size > 0 and strip.max(axis=1).mean() >= SEGMENT_COVER * 255

    def _h_border(self, r: int, c: int) -> bool:
        """Whether the horizontal line above row r is drawn in column c."""
        if self.h_mask is None:
            return True
        y, x0, x1 = self.ys[r], self.xs[c], self.xs[c + 1]
        strip = self.h_mask[max(0, y - 3) : y + 4, x0 + 2 : x1 - 1]
        return strip.size > 0 and strip.max(axis=0).mean() >= SEGMENT_COVER * 255


def find_tables(pixels) -> list[RuledGrid]:
    """Ruled tables on a page image: long horizontal and vertical strokes (morphological
    opening of the inked pixels), grouped by their connected regions."""
    import cv2

    h, w = pixels.shape[:2]
    ink = _ink(pixels)
    h_len, v_len = max(10, int(w * H_LINE_SHARE)), max(10, int(h * V_LINE_SHARE))
    h_mask = cv2.morphologyEx(ink, cv2.MORPH_OPEN, cv2.getStructuringElement(cv2.MORPH_RECT, (h_len, 1)))
    v_mask = cv2.morphologyEx(ink, cv2.MORPH_OPEN, cv2.getStructuringElement(cv2.MORPH_RECT, (1, v_len)))
    h_mask = cv2.dilate(h_mask, cv2.getStructuringElement(cv2.MORPH_RECT, (5, 3)))
    v_mask = cv2.dilate(v_mask, cv2.getStructuringElement(cv2.MORPH_RECT, (3, 5)))
    frame = cv2.bitwise_or(h_mask, v_mask)
    count, _, stats, _ = cv2.connectedComponentsWithStats(frame)
    found = []
    for i in range(1, count):
        x, y, bw, bh, _ = stats[i]
        if bw < w / 5 or bh < 20:
            continue
        x, bw = ocr_rules.with_side_rules(stats, i, w / 5)
        ys = _positions(h_mask[y : y + bh, x : x + bw].max(axis=1), y, bw * 0.3, axis_len=bw)
        ys = ocr_rules.open_ends([p for p in ys if _row_ruled(h_mask, p, x, x + bw)], y, y + bh - 1)
        rules = ocr_rules.drawn_between_rules(v_mask, ys, (x, y, x + bw, y + bh))
        xs = _positions(rules[y : y + bh, x : x + bw].max(axis=0), x, 0, axis_len=bh)
        xs = [p for p in xs if _column_ruled(rules, p, y, y + bh)]
        if len(xs) >= 3 and len(ys) >= 3:
            found.append(RuledGrid(xs, ys, (x, y, x + bw, y + bh), h_mask, rules))
    return sorted(found, key=lambda g: g.bbox[1])


def find_box_grids(boxes: list[Box]) -> list[tuple[RuledGrid, list[Box], list[Box]]]:
    """Tables drawn without ruling lines among the boxes (see GRID_MIN_ROWS): each grid, the boxes
    in it cut at its column gaps, and the boxes they were cut from. A box the recognizer ran over
    two cells ('一级指标 二级指标', '≥500人次562人次') is cut at its spaces and at the gaps most lines
    leave open, its text in proportion to its characters' widths."""
    found: list[tuple[RuledGrid, list[Box], list[Box]]] = []
    run: list[list[Box]] = []
    for line in [*_group_lines(boxes), []]:
        if len(line) >= 2 or (line and " " in line[0].text):
            run.append(line)
            continue
        if sum(len(ln) >= GRID_MIN_COLS for ln in run) >= GRID_MIN_ROWS:
            grid_and_parts = _clustered_grid(run)
            if grid_and_parts is not None:
                found.append((*grid_and_parts, [b for ln in run for b in ln]))
        run = []
    return found


def _clustered_grid(lines: list[list[Box]]) -> tuple[RuledGrid, list[Box]] | None:
    """The grid of lines of boxes whose x extents cluster into columns (and the boxes cut at its
    gaps), or None."""
    lines = [[p for b in ln for p in _cut_at_spaces(b)] for ln in lines]
    height = statistics.median(b.height for ln in lines for b in ln)
    gaps = _open_gaps(lines, GRID_GAP * height)
    lines = [[p for b in ln for p in _cut_at_gaps(b, gaps)] for ln in lines]
    columns = _columns(lines, gaps)
    if len(columns) < GRID_MIN_COLS:
        return None
    filled = sum(len({_column(b, columns) for b in ln}) for ln in lines)
    if filled < GRID_FILL * len(lines) * len(columns):
        return None
    pad = GRID_GAP * height / 2
    xs = [columns[0][0] - pad]
    xs += [(a[1] + b[0]) / 2 for a, b in zip(columns, columns[1:], strict=False)]
    xs.append(columns[-1][1] + pad)
    tops, bottoms = [min(b.top for b in ln) for ln in lines], [max(b.bottom for b in ln) for ln in lines]
    ys = [tops[0] - pad] + [(b + t) / 2 for b, t in zip(bottoms, tops[1:], strict=False)]
    ys.append(bottoms[-1] + pad)
    xs, ys = [round(x) for x in xs], [round(y) for y in ys]
    return RuledGrid(xs, ys, (xs[0], ys[0], xs[-1], ys[-1]), None, None), [b for ln in lines for b in ln]


def _open_gaps(lines: list[list[Box]], min_width: float) -> list[tuple[float, float]]:
    """Stretches of x at least min_width wide that most lines (GRID_FILL of them) leave uncovered."""
    left, right = min(b.x0 for ln in lines for b in ln), max(b.x1 for ln in lines for b in ln)
    step = max(min_width / 4, 1.0)
    xs = [left + i * step for i in range(int((right - left) / step) + 1)]
    open_at = [
        sum(not any(b.x0 <= x <= b.x1 for b in ln) for ln in lines) >= GRID_FILL * len(lines) for x in xs
    ]
    gaps, start = [], None
    for x, is_open in zip([*xs, right + step], [*open_at, False], strict=True):
        if is_open and start is None:
            start = x
        elif not is_open and start is not None:
            if x - start >= min_width:
                gaps.append((start, x - step))
            start = None
    return gaps


def _columns(lines: list[list[Box]], gaps: list[tuple[float, float]]) -> list[list[float]]:
    """The x extent of each column between the gaps, from the boxes in it."""
    bounds = [float("-inf"), *(g for gap in gaps for g in gap), float("inf")]
    columns = []
    for a, b in zip(bounds[::2], bounds[1::2], strict=True):
        inside = [bx for ln in lines for bx in ln if a <= bx.cx <= b]
        if inside:
            columns.append([min(bx.x0 for bx in inside), max(bx.x1 for bx in inside)])
    return columns


def _width(ch: str) -> float:
    return 1.0 if unicodedata.east_asian_width(ch) in "WFA" else 0.5


def _char_extents(box: Box) -> list[tuple[float, float]]:
    """(x0, x1) of each character of the box's text: its extent shared out in proportion to the
    characters' widths (the recognizer gives a box per run of text, not per character)."""
    total = sum(_width(c) for c in box.text) or 1.0
    out, x = [], box.x0
    for ch in box.text:
        w = (box.x1 - box.x0) * _width(ch) / total
        out.append((x, x + w))
        x += w
    return out


def _cut(box: Box, cuts: list[int]) -> list[Box]:
    """The box cut before each character index in cuts, x extents in proportion to widths."""
    xs = _char_extents(box)
    out, prev = [], 0
    for k in [*cuts, len(box.text)]:
        piece = box.text[prev:k]
        if piece.strip():
            out.append(Box(piece.strip(), box.confidence, xs[prev][0], box.top, xs[k - 1][1], box.bottom))
        prev = k
    return out or [box]


def _cut_at_spaces(box: Box) -> list[Box]:
    cuts = [i for i, ch in enumerate(box.text) if ch == " "]
    return _cut(box, cuts) if cuts else [box]


def _cut_at_gaps(box: Box, gaps: list[tuple[float, float]]) -> list[Box]:
    """A box over an open gap is cut at the character nearest the gap's middle."""
    centres = [(x0 + x1) / 2 for x0, x1 in _char_extents(box)]
    cuts = set()
    for a, b in gaps:
        mid = (a + b) / 2
        k = sum(c < mid for c in centres)  # the characters left of the gap
        if box.x0 < mid < box.x1 and 0 < k < len(box.text):
            cuts.add(k)
    return _cut(box, sorted(cuts)) if cuts else [box]


def _column(box: Box, columns: list[list[float]]) -> int:
    return next(i for i, (x0, x1) in enumerate(columns) if x0 <= box.cx <= x1)


def _positions(profile, origin: int, _min: float, axis_len: int) -> list[int]:
    """Centres of the runs of inked positions along one axis, runs closer than LINE_MERGE joined."""
    out: list[list[int]] = []
    for i, v in enumerate(profile):
        if not v:
            continue
        if out and i - out[-1][-1] <= LINE_MERGE:
            out[-1].append(i)
        else:
            out.append([i])
    return [origin + (run[0] + run[-1]) // 2 for run in out]


def _column_ruled(v_mask, x: int, top: int, bottom: int) -> bool:
    """A vertical rule runs at x for at least a row's height."""
    return (v_mask[top:bottom, max(0, x - 3) : x + 4].max(axis=1) > 0).sum() >= 15


def _row_ruled(h_mask, y: int, left: int, right: int) -> bool:
    return (h_mask[max(0, y - 3) : y + 4, left:right].max(axis=0) > 0).sum() >= 0.2 * (right - left)


@dataclass(slots=True)
class CellInk:
    """A page image's ink, to check that a table cell's recognized boxes cover all of it."""

    pixels: object
    ink: object  # the page's inked pixels (_ink)
    text_height: float  # median height of the page's boxes (pixels)

    def checked(
        self, text: str, conf: float | None, boxes: list[Box], rect: tuple[int, int, int, int], rules
    ) -> tuple[str, float | None]:
        """The cell's text and confidence; a one-line cell is recognized again as a whole when
        its boxes left ink uncovered (see LOST_INK_AREA) or were read with low confidence. Two
        readings that agree keep the first one's confidence; that disagree, the likelier text with
        the lower confidence (flagged); a cell no box was read in, the new reading; a cell still
        missing ink, confidence LOST_INK_CONFIDENCE (flagged)."""
        spots = self._spots(rect, rules)
        lost = [s for s in spots if not any(_covers(b, s) for b in boxes)]
        doubtful = conf is not None and conf < LOW_CONFIDENCE
        if not (lost or doubtful) or not spots:
            return text, conf
        x0, y0 = min(s[0] for s in spots), min(s[1] for s in spots)
        x1, y1 = max(s[2] for s in spots), max(s[3] for s in spots)
        one_line = len(_group_lines(boxes)) <= 1 and y1 - y0 <= ONE_LINE * self.text_height
        if self.text_height and one_line:
            again, again_conf = self._reread(x0, y0, x1, y1)
            if again and (conf is None or not boxes):
                return again, again_conf
            if again == text:  # two readings of the same ink agree: no more certain than one
                return text, conf
            if again and again_conf > conf:  # they disagree: the likelier kept, flagged
                return again, min(conf, again_conf)
        return text, LOST_INK_CONFIDENCE if lost else conf

    def _spots(self, rect: tuple[int, int, int, int], rules) -> list[tuple[int, int, int, int]]:
        """Inked spots inside the cell (rules taken out): x0, top, x1, bottom in page pixels."""
        import cv2
        import numpy as np

        x0, top, x1, bottom = (int(v) for v in rect)
        m = CELL_MARGIN
        if x1 - x0 <= 2 * m or bottom - top <= 2 * m:
            return []
        window = (slice(top + m, bottom - m), slice(x0 + m, x1 - m))
        ink = np.ascontiguousarray(self.ink[window])
        if rules is not None:
            ink = cv2.bitwise_and(ink, cv2.bitwise_not(np.ascontiguousarray(rules[window])))
        count, _, stats, _ = cv2.connectedComponentsWithStats(ink)
        out = []
        for i in range(1, count):
            x, y, w, h, area = stats[i]
            if area >= LOST_INK_AREA:
                out.append((x0 + m + x, top + m + y, x0 + m + x + w, top + m + y + h))
        return out

    def _reread(self, x0: int, y0: int, x1: int, y1: int) -> tuple[str, float]:
        """The text of one line's ink, recognized alone (no detection)."""
        import numpy as np

        crop = self.pixels[max(0, y0 - 2) : y1 + 2, max(0, x0 - 2) : x1 + 2]
        crop = np.pad(crop, REREAD_PAD, constant_values=255)
        result, _ = engine()(np.stack([crop] * 3, axis=-1), use_det=False, use_cls=False, use_rec=True)
        text, score = result[0] if result else ("", 0.0)
        return corrected(" ".join(str(text).split())), float(score)


def _covers(box: Box, spot: tuple[int, int, int, int]) -> bool:
    """Whether the spot's centre lies in the box (2 pixels of slack)."""
    cx, cy = (spot[0] + spot[2]) / 2, (spot[1] + spot[3]) / 2
    return box.x0 - 2 <= cx <= box.x1 + 2 and box.top - 2 <= cy <= box.bottom + 2


def _cell_text(boxes: list[Box]) -> str:
    out = ""
    for line in _group_lines(boxes):
        text, _ = line_text(line)
        out = pdf_lines.join_text(out, text) if out else text
    return corrected(" ".join(out.split()))


def corrected(text: str) -> str:
    """A cell's recognized text with the misreadings of patterns/ocr.toml put right: a lone
    symbol read as its look-alike, a closing bracket lost at the cell's edge."""
    text = LONE_SYMBOLS.get(text, text)
    opened = [c for c in text if c in BRACKETS or c in CLOSING]
    unclosed = sum(c in BRACKETS for c in opened) - sum(c in CLOSING for c in opened)
    if unclosed > 0 and not text.endswith(tuple(BRACKETS)):  # OCR mixes the widths: （30分) is closed
        last_open = next(c for c in reversed(opened) if c in BRACKETS)
        text += BRACKETS[last_open]
    return text


def _inside(box: Box, bbox: tuple[int, int, int, int]) -> bool:
    return bbox[0] <= box.cx <= bbox[2] and bbox[1] <= box.mid <= bbox[3]


# --------------------------------------------------------------------------- the document


def _document(path: str, fmt: str, pages: list[pdf_model.Page]) -> Document:
    """Text, page starts, tables and OCR runs of pages whose blocks are text-layer or OCR blocks."""
    pdf_furniture.strip_furniture(pages)
    pdf_continued.join_continued_tables(pages)
    lines = [b for p in pages for b in p.blocks if isinstance(b, pdf_model.Line)]
    left, right = pdf_text.margins([pdf_model.Page(blocks=lines)])
    indented = pdf_text.indents_paragraphs(pages, left, right)
    parts: list[str] = []
    length, starts = 0, []
    runs: list[OcrRun] = []
    glyphs: list[GlyphLine] = []
    prev = None
    column = pdf_text.Column(left, right)
    for number, page in enumerate(pages, start=1):
        start = None
        here = pdf_text.Column(left, right, page.width - left if page.width else 0.0, indented)
        for block in page.blocks:
            line = block.text if isinstance(block, pdf_model.Line) else ""
            glue = pdf_text.glue_between(prev, block, start is None, column, parts[-1] if parts else "", line)
            at = length + len(glue)
            start = at if start is None else start
            if isinstance(block, pdf_model.TableBlock):
                line = pdf_text.table_text(block, at)
            elif isinstance(block, OcrLine):
                _, spans = line_text(block.boxes)
                runs += [OcrRun(start=at + a, end=at + b, confidence=c, page=number) for a, b, c in spans]
                glyphs.append(
                    GlyphLine.model_construct(start=at, page=number, boxes=_char_boxes(block, spans))
                )
            parts += [glue, line]
            length = at + len(line)
            prev, column = block, here
        starts.append(length if start is None else start)
    text = "".join(parts) + "\n"
    if not text.strip():
        raise InputError(path, "a scan on which OCR found no legible text (blank or unreadable image)")
    tables = list(
        {
            id(b.table): b.table for p in pages for b in p.blocks if isinstance(b, pdf_model.TableBlock)
        }.values()
    )
    runs += [_cell_run(c) for t in tables for c in t.cells if c.text and c.confidence is not None]
    runs.sort(key=lambda r: r.start)
    doc = Document(path=path, format=fmt, text=text, page_starts=starts, tables=tables, ocr_runs=runs)
    doc.glyph_lines = glyphs
    return doc


def _char_boxes(line: OcrLine, spans: list[tuple[int, int, float]]) -> list[tuple[float, ...] | None]:
    """Where each character of an OCR line stands (``_char_extents`` of its boxes)."""
    out: list[tuple[float, ...] | None] = [None] * len(line.text)
    for box, (a, b, _) in zip(line.boxes, spans, strict=True):
        for i, (ch, (x0, x1)) in enumerate(zip(box.text[: b - a], _char_extents(box), strict=False)):
            if not ch.isspace() and a + i < len(out):
                out[a + i] = (float(x0), float(box.top), float(x1), float(box.bottom))
    return out


def _cell_run(cell: grid.Cell) -> OcrRun:
    return OcrRun(start=cell.start, end=cell.end, confidence=cell.confidence or 0.0, page=cell.page)
