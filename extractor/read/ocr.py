"""Scanned pages: OCR with RapidOCR (``ocr_engine``), offline.

``read_scanned_pdf`` is called by the PDF reader for the pages without a text layer
(or for every page with ``ocr="force"``); ``read_image`` reads .png/.jpg/.tif files
(every frame of a multi-page .tif). Pages are rendered with pypdfium2 at ``OCR_DPI``.

From the recognized boxes (a quadrilateral, its text and its confidence):
- the page's skew is the median slope of its long rules, else of the wide boxes; box corners
  are turned back by it;
- a page whose boxes stand upright (taller than wide) is turned 90 degrees and read again;
  one whose text lines the angle classifier finds turned 180 degrees is turned and read again;
- ruling lines found on the (deskewed) page image give table grids (``ocr_grid``): the boxes
  whose centre lies in a cell fill it (``grid.Table``, source "ocr", each cell with its box in
  PDF points and the lowest confidence of its boxes), placed on the page as the PDF reader's
  ``TableBlock`` (so a table continued on the next page joins its grid, and ``grid.render``
  writes it into the text in its place);
- the other boxes get back the spaces the recognizer dropped inside them (``ocr_spaces``: a
  row of a table saved without its grid is one box of glued words);
- a table drawn without lines is found among the other boxes (``ocr_boxgrid``): lines of
  several boxes whose x extents cluster into columns give the same grid;
- the other boxes become lines (``ocr_lines``: vertical centres close together), read column
  by column when the page has a gutter, and the PDF reader's paragraph rules join wrapped lines.

Each recognized box's text is an ``OcrRun`` of the Document (offsets and confidence), so a
figure read with low confidence can be flagged (rule ``ocr.low_confidence``).
rapidocr, onnxruntime and OpenCV are imported only when a page is OCRed.
"""

from __future__ import annotations

import io
import math
import statistics

from extractor import grid
from extractor.errors import InputError
from extractor.models import Document, GlyphLine, OcrRun
from extractor.read import ocr_spaces, pdf_continued, pdf_furniture, pdf_model, pdf_text
from extractor.read.ocr_boxgrid import find_box_grids
from extractor.read.ocr_engine import Box, engine, ink_of, kernel, recognize
from extractor.read.ocr_grid import H_LINE_SHARE, CellInk, find_tables
from extractor.read.ocr_lines import OcrLine, char_extents, line_text, reading_lines, scaled_line

OCR_MODES = ("auto", "off", "force")
OCR_DPI = 150  # measured: see README "OCR" (150 dpi reads the test scans as well as 200, faster)
UPRIGHT_SHARE = 0.6  # this share of boxes taller than wide: the page is turned by 90 degrees
UPSIDE_DOWN_SHARE = 0.5  # this share of the text lines classified as turned: the page is turned 180
MIN_SKEW = 0.1  # degrees: below this the page is taken as straight
SKEW_RULE_SHARE = 1 / 4  # a horizontal rule this share of the page wide measures the skew
IMAGE_DPI = 200  # assumed resolution of an image file that states none


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
    page_ink = ink_of(pixels)
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
    blocks: list[pdf_model.Block] = [scaled_line(line, scale) for line in reading_lines(free)]
    ink = CellInk(pixels, page_ink, statistics.median(b.height for b in boxes) if boxes else 0.0)
    blocks += [tables[i].to_table(in_table.get(i, []), scale, page, ink) for i in range(len(tables))]
    return sorted(blocks, key=lambda b: b.top)


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
    rules = cv2.morphologyEx(ink_of(pixels), cv2.MORPH_OPEN, kernel(max(10, int(w * H_LINE_SHARE)), 1))
    count, labels, stats, _ = cv2.connectedComponentsWithStats(rules)
    angles = []
    for i in range(1, count):
        x, y, bw, bh, _ = stats[i]
        if bw >= w * SKEW_RULE_SHARE and bh < bw / 20:  # a long, thin stroke (not a table's frame)
            ys, xs = np.nonzero(labels[y : y + bh, x : x + bw] == i)
            slope = np.polyfit(xs.astype(float), ys.astype(float), 1)[0]
            angles.append(math.degrees(math.atan(-slope)))
    return statistics.median(angles) if angles else None


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
    """Where each character of an OCR line stands (``char_extents`` of its boxes)."""
    out: list[tuple[float, ...] | None] = [None] * len(line.text)
    for box, (a, b, _) in zip(line.boxes, spans, strict=True):
        for i, (ch, (x0, x1)) in enumerate(zip(box.text[: b - a], char_extents(box), strict=False)):
            if not ch.isspace() and a + i < len(out):
                out[a + i] = (float(x0), float(box.top), float(x1), float(box.bottom))
    return out


def _cell_run(cell: grid.Cell) -> OcrRun:
    return OcrRun(start=cell.start, end=cell.end, confidence=cell.confidence or 0.0, page=cell.page)
