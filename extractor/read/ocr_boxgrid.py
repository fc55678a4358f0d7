"""Tables of a scanned page drawn without ruling lines: consecutive lines of several boxes whose x
extents cluster into columns give the same ``RuledGrid`` as a ruled table (every border taken as
drawn), a box the recognizer ran over two cells cut at the columns' gaps."""

from __future__ import annotations

import statistics

from extractor.read.ocr_engine import Box
from extractor.read.ocr_grid import RuledGrid
from extractor.read.ocr_lines import char_extents, cut, cut_at_spaces, group_lines

# A table drawn without ruling lines: consecutive lines of two or more boxes, at least
# GRID_MIN_ROWS of them with GRID_MIN_COLS boxes or more, whose x extents fall into at least
# GRID_MIN_COLS columns (gaps of GRID_GAP box heights no box crosses), with a box in at least
# GRID_FILL of the grid's positions (prose lines are one box, or two where a gap splits one).
GRID_MIN_ROWS, GRID_MIN_COLS = 3, 3
GRID_GAP = 0.8
GRID_FILL = 0.6


def find_box_grids(boxes: list[Box]) -> list[tuple[RuledGrid, list[Box], list[Box]]]:
    """Tables drawn without ruling lines among the boxes (see GRID_MIN_ROWS): each grid, the boxes
    in it cut at its column gaps, and the boxes they were cut from. A box the recognizer ran over
    two cells ('一级指标 二级指标', '≥500人次562人次') is cut at its spaces and at the gaps most lines
    leave open, its text in proportion to its characters' widths."""
    found: list[tuple[RuledGrid, list[Box], list[Box]]] = []
    run: list[list[Box]] = []
    for line in [*group_lines(boxes), []]:
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
    lines = [[p for b in ln for p in cut_at_spaces(b)] for ln in lines]
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


def _cut_at_gaps(box: Box, gaps: list[tuple[float, float]]) -> list[Box]:
    """A box over an open gap is cut at the character nearest the gap's middle."""
    centres = [(x0 + x1) / 2 for x0, x1 in char_extents(box)]
    cuts = set()
    for a, b in gaps:
        mid = (a + b) / 2
        k = sum(c < mid for c in centres)  # the characters left of the gap
        if box.x0 < mid < box.x1 and 0 < k < len(box.text):
            cuts.add(k)
    return cut(box, sorted(cuts)) if cuts else [box]


def _column(box: Box, columns: list[list[float]]) -> int:
    """The column whose extent holds the box's centre, or lies nearest it (a box of a few lines may
    reach into a gap most lines leave open)."""
    return min(range(len(columns)), key=lambda i: max(columns[i][0] - box.cx, box.cx - columns[i][1], 0))
