"""Tables of a scanned page from its ruling lines: the long strokes of the page image (OpenCV
morphology) give a ``RuledGrid`` (its rules and which cell borders are drawn, so merged cells
are found), the recognized boxes fill its cells (``grid.Table``, source "ocr"), and ``CellInk``
checks that a cell's boxes cover all of its ink (a lost ＝ is recognized again)."""

from __future__ import annotations

from dataclasses import dataclass

from extractor import grid
from extractor.read import ocr_cells, ocr_rules, pdf_model
from extractor.read.ocr_engine import Box, corrected, engine, ink_of
from extractor.read.ocr_lines import cell_text, group_lines
from extractor.validate.ocr_confidence import LOW_CONFIDENCE

# Ruling lines: a horizontal line is at least this share of the page width, a vertical one
# this share of the page height; a table needs at least two of each.
H_LINE_SHARE, V_LINE_SHARE = 1 / 25, 1 / 60
SEGMENT_COVER = 0.5  # a cell border is drawn when this share of it is ink
LINE_MERGE = 6  # pixels: ruling positions closer than this are one line
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
            text = cell_text(inside)
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
    ink = ink_of(pixels)
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
        ys = [p for p in ys if _row_ruled(h_mask, p, x, x + bw)]
        rules = ocr_rules.drawn_between_rules(v_mask, ys, (x, y, x + bw, y + bh), ink)
        ys = ocr_rules.open_ends(ys, *ocr_rules.rules_extent(rules, (x, y, x + bw, y + bh)))
        xs = _positions(rules[y : y + bh, x : x + bw].max(axis=0), x, 0, axis_len=bh)
        xs = [p for p in xs if _column_ruled(rules, p, y, y + bh)]
        if len(xs) >= 3 and len(ys) >= 3:
            # the rows' extent: a line touching the first or last rule (a heading) is not the table's
            found.append(RuledGrid(xs, ys, (x, ys[0], x + bw, ys[-1]), h_mask, rules))
    return sorted(found, key=lambda g: g.bbox[1])


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
    ink: object  # the page's inked pixels (ink_of)
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
        one_line = len(group_lines(boxes)) <= 1 and y1 - y0 <= ONE_LINE * self.text_height
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
