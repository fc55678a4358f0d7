"""Vertical ruling lines of a scanned table told from glyph strokes (used by ``ocr_grid.find_tables``).

The morphological opening that finds vertical rules keeps every stroke at least a few text
lines tall, and a bold title's strokes (区级部门预算项目支出绩效自评表 at 16 pt: 20-30 pixels at
150 dpi) are that tall too. Read as rules they split the title row into columns and, merged with
a real rule a few pixels off, move it off its ink, so the borders of the rows below are not
found and their cells run together (全年执行数 | 分值 read as one cell). A ruling line runs
over a whole row, from the rule above it to the rule below; a glyph stroke stands inside its
cell, clear of both.
"""

from __future__ import annotations

OPEN_END = 15  # pixels: the rules running on this far past the last horizontal one close a row
SIDE_RULE = 0.5  # a lone vertical stroke this share of a table's height beside it is its rule
SIDE_GAP = 0.3  # ... when no farther from the table (or its last such rule) than this share of its width
RULE_END = 4  # pixels: a vertical rule reaches this close to the centre of a horizontal one


def with_side_rules(stats, k: int, min_width: float) -> tuple[int, int]:
    """The x and width of the frame component k (cv2 stats rows: x, y, width, height, area)
    widened over the lone vertical rules beside it: a table continued from the last page whose
    first columns are one merged cell each (一级指标 | 二级指标 cut by the page break) has no
    horizontal rule across them, so their rules are strokes of their own, apart from the frame."""
    x, y, bw, bh = (int(v) for v in stats[k][:4])
    left, right = x, x + bw
    beside = [
        (int(sx), int(sx + sw))
        for sx, sy, sw, sh, _ in stats[1:]
        if sw < min_width and sh >= SIDE_RULE * bh and sy >= y - RULE_END and sy + sh <= y + bh + RULE_END
    ]
    for a, b in sorted(beside, key=lambda r: -r[0]):  # leftwards
        if b <= left and left - b <= SIDE_GAP * bw:
            left = a
    for a, b in sorted(beside):
        if a >= right and a - right <= SIDE_GAP * bw:
            right = b
    return left, right - left


def open_ends(ys: list[int], top: int, bottom: int) -> list[int]:
    """The horizontal rules' positions with the table's frame ends added where its vertical rules
    run on past the first or last of them (OPEN_END): a row cut by the page's end (continued on
    the next page) has no rule under it, and one continued from the last page none above."""
    if not ys:
        return ys
    head = [top] if ys[0] - top >= OPEN_END else []
    tail = [bottom] if bottom - ys[-1] >= OPEN_END else []
    return [*head, *ys, *tail]


def drawn_between_rules(v_mask, ys: list[int], bbox: tuple[int, int, int, int], ink=None):
    """v_mask (a page's vertical strokes, 0/255) with the strokes inside ``bbox`` that run over
    no whole row (between consecutive horizontal rules at ``ys``) taken out; a copy. With the
    page's ``ink``, a stroke over one row only must also be inked up to both rules: in a row
    hardly taller than its text a glyph's stroke spans the row too, but clear of its rules."""
    import cv2

    x0, y0, x1, y1 = bbox
    out = v_mask.copy()
    window = out[y0:y1, x0:x1]
    count, labels, stats, _ = cv2.connectedComponentsWithStats(window)
    for i in range(1, count):
        left, top, width, height = (int(v) for v in stats[i][:4])
        rows = _rows_spanned(top + y0, top + y0 + height - 1, ys)
        if len(rows) == 1 and ink is not None:
            rows = [r for r in rows if _inked(ink, r, left + x0, left + x0 + width)]
        if not rows:
            window[labels == i] = 0
    return out


def rules_extent(rules, bbox: tuple[int, int, int, int]) -> tuple[int, int]:
    """The top and bottom of the vertical rules kept inside ``bbox`` (the bbox's own where none)."""
    x0, y0, x1, y1 = bbox
    inked = rules[y0:y1, x0:x1].max(axis=1).nonzero()[0]
    return (y0 + int(inked[0]), y0 + int(inked[-1])) if inked.size else (y0, y1 - 1)


def _rows_spanned(top: int, bottom: int, ys: list[int]) -> list[tuple[int, int]]:
    """The rows (consecutive horizontal rules) the stroke runs over whole, from top rule to bottom one."""
    rows = zip(ys, ys[1:], strict=False)
    return [(a, b) for a, b in rows if top <= a + RULE_END and bottom >= b - RULE_END]


def _inked(ink, row: tuple[int, int], left: int, right: int) -> bool:
    """Whether every pixel line from the rule above to the rule below has ink between left and right."""
    a, b = row
    return bool(ink[a : b + 1, max(0, left - 1) : right + 1].max(axis=1).all())
