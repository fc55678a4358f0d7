"""The body's rows (anchored by 分值/得分 figures or by values, their cells at the top or centred) and
the cells left of the row labels that span rows (steps 3 and 4 of ``extractor.read.layout``)."""

from __future__ import annotations

import bisect
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal

from extractor.read.layout.body import Body
from extractor.read.layout.lines import (
    ANCHOR_ROLES,
    KEY_PIECES,
    VALUE_ROLES,
    WEIGHT_NOTE,
    Seg,
    is_value,
    join_parts,
)
from extractor.read.recover.vocabulary import exact_role, role, score_like

LEVEL_ROLES = ("col:level1", "col:level2")
# a level cell spanning rows is written on at most this many lines (服务 / 对象 / 满意 / 度指 / 标等)
LEVEL_PIECES = 6
TEXT_ROLES = ("col:reason",)  # a text column a row may leave empty at its end


@dataclass
class Rows:
    anchors: list[int]  # each row's anchor line
    bands: list[tuple[int, int]]  # each row's first and last line
    sure: list[bool]  # whether the row's lines are placed for sure


def _anchors(body: Body, anchor_cols: list[int], test: Callable[[str], bool]) -> list[int]:
    """The lines holding a figure (or a target or actual: ``is_value``) in an anchor column."""
    return [
        j for j in body.lines if any(k in body.cells[j] and test(body.cells[j][k].text) for k in anchor_cols)
    ]


def _rows(body: Body, anchors: list[int], content: set[int], centred: bool) -> Rows:
    """Each row's band of lines: a blank line parts two rows; otherwise the lines between two
    anchors go to the upper one (cells at the top) or, where the table's cells are centred, as
    many below each anchor as stand above it."""
    end = body.lines[-1] + 1
    bands: list[tuple[int, int]] = []
    sure: list[bool] = []
    top = body.lines[0]
    for r, a in enumerate(anchors):
        nxt = anchors[r + 1] if r + 1 < len(anchors) else end
        above = [j for j in range(top, a) if j in content]
        blank = next((j for j in range(a + 1, nxt) if not body.cells.get(j)), None)
        stop = nxt if blank is None else blank
        below = [j for j in range(a + 1, stop) if j in content]
        mine = below[: len(above)] if centred and (blank is None or r + 1 == len(anchors)) else below
        sure.append(len(mine) == len(above) if centred else not above)
        bands.append((above[0] if above else a, mine[-1] if mine else a))
        top = blank + 1 if blank is not None else (mine[-1] + 1 if mine else a + 1)
    return Rows(anchors, bands, sure)


@dataclass
class Span:
    text: str
    segs: list[Seg]
    first_row: int
    last_row: int


def spanning(body: Body, k: int, rows: Rows, centred: bool, weights: list[Decimal | None]) -> list[Span]:
    """The cells of column k that span rows: its pieces joined while they make a word, each over
    the rows from the one it starts by to the next cell's (cells at the top), or over the rows it
    stands in the middle of (centred), the sum of their weights deciding where several could be."""
    top, bottom = rows.bands[0][0], rows.bands[-1][1]
    if not centred:
        bottom = _level_tail(body, bottom)
    pieces = [body.cells[j][k] for j in range(top, bottom + 1) if k in body.cells.get(j, {})]
    groups = _words_of(pieces, LEVEL_PIECES)
    if centred:
        tiles = _centred_tiling(rows, groups, weights)
        return [
            Span(join_parts([x.text for x in g]), g, s, e) for g, (s, e) in zip(groups, tiles, strict=False)
        ]
    firsts = [_top_row(rows, g) for g in groups]
    out: list[Span] = []
    for n, group in enumerate(groups):
        first = firsts[n]
        if first is None:
            continue
        after = [f for f in firsts[n + 1 :] if f is not None]
        last = (after[0] if after else len(rows.anchors)) - 1
        if last >= first:
            out.append(Span(join_parts([x.text for x in group]), group, first, last))
    return out


def _level_tail(body: Body, bottom: int) -> int:
    """The last row's last line, or (cells at the top) the last of the body's lines after it that
    hold level cells only: the end of a level cell written on more lines than its rows'."""
    j = bottom
    while j + 1 in body.cells and body.cells[j + 1]:
        if any(body.columns[k].role not in LEVEL_ROLES for k in body.cells[j + 1]):
            break
        j += 1
    return j


def lone_group(body: Body, k: int, rows: Rows) -> list[Span]:
    """A budget block's column left of its row labels holding one word (项目资金（万元）): it spans
    the block's rows."""
    top, bottom = rows.bands[0][0], rows.bands[-1][1]
    pieces = [body.cells[j][k] for j in range(top, bottom + 1) if k in body.cells.get(j, {})]
    groups = _words_of(pieces)
    if len(groups) != 1 or role(join_parts([s.text for s in groups[0]])) is None:
        return []
    return [Span(join_parts([s.text for s in groups[0]]), groups[0], 0, len(rows.bands) - 1)]


def header_down(body: Body, k: int, rows: Rows) -> list[Seg] | None:
    """A budget block's header cell left of its row labels going on in the body's lines (项目资 /
    金 over the body's （元）): its pieces and the body's, where joined they make one word."""
    head = body.columns[k].header
    top, bottom = rows.bands[0][0], rows.bands[-1][1]
    below = [body.cells[j][k] for j in range(top, bottom + 1) if k in body.cells.get(j, {})]
    if not head or not below:
        return None
    groups = _words_of([*head, *below])
    if len(groups) != 1 or role(join_parts([s.text for s in groups[0]])) is None:
        return None
    return groups[0]


def _words_of(pieces: list[Seg], most: int = KEY_PIECES) -> list[list[Seg]]:
    """A column's pieces grouped into cells: from each piece, the longest run of the next few
    (`most` at the most, each within two lines of the one before) that joined is a word of the
    vocabulary."""
    out: list[list[Seg]] = []
    p = 0
    while p < len(pieces):
        q = p
        for n in range(p + 1, min(p + most, len(pieces))):
            if pieces[n].line - pieces[n - 1].line > 2:
                break
            if exact_role(join_parts([s.text for s in pieces[p : n + 1]])) is not None:
                q = n
        out.append(pieces[p : q + 1])
        p = q + 1
    return out


def _top_row(rows: Rows, group: list[Seg]) -> int | None:
    """Cells at the top: the row whose anchor is the cell's first line."""
    r = bisect.bisect_left(rows.anchors, group[0].line)
    return r if r < len(rows.anchors) and rows.anchors[r] == group[0].line else None


def _centred_tiling(
    rows: Rows, groups: list[list[Seg]], weights: list[Decimal | None]
) -> list[tuple[int, int]]:
    """Centred: the cells of a column tile a run of rows, each over the rows it stands in the
    middle of (within a line); a cell stating a weight (产出指标（50分）) covers rows whose weights
    add up to it. The tiling closest to the middles, if only one is; else none."""
    n = len(rows.bands)
    memo: dict[tuple[int, int], tuple[float, int, list[tuple[int, int]]]] = {}

    def fits(g: int, s: int) -> list[tuple[float, int]]:
        group = groups[g]
        middle = (group[0].line + group[-1].line) / 2
        note = WEIGHT_NOTE.search(join_parts([x.text for x in group]))
        out = []
        for e in range(s, n):
            off = abs((rows.bands[s][0] + rows.bands[e][1]) / 2 - middle)
            total = _sum(weights[s : e + 1])
            if off <= 1 and not (note and total is not None and total != Decimal(note.group(1))):
                out.append((off, e))
        return out

    def best(g: int, s: int) -> tuple[float, int, list[tuple[int, int]]]:
        if g == len(groups):
            return (0.0, 1, [])
        if (g, s) not in memo:
            found: tuple[float, int, list[tuple[int, int]]] = (float("inf"), 0, [])
            for off, e in fits(g, s):
                cost, ways, rest = best(g + 1, e + 1)
                total = off + cost
                if total < found[0]:
                    found = (total, ways, [(s, e), *rest])
                elif total == found[0]:
                    found = (total, found[1] + ways, found[2])
            memo[(g, s)] = found
        return memo[(g, s)]

    options = [best(0, s) for s in range(n)]
    low = min((o[0] for o in options), default=float("inf"))
    winners = [o for o in options if o[0] == low]
    if low == float("inf") or len(winners) != 1 or winners[0][1] != 1:
        return []
    return winners[0][2]


def _sum(values: list[Decimal | None]) -> Decimal | None:
    if any(v is None for v in values):
        return None
    return sum(values, Decimal(0))  # type: ignore[arg-type]


def _realign(body: Body, band: tuple[int, int], anchor: int, label: int) -> None:
    """A row poppler wrote narrower than its header (figures under no column): the anchor line's
    segments after the label take the header's columns in order (the last ones may be empty text
    columns), and the row's other segments the column of the anchor segment they stand under.
    Where that does not hold the row is left as it is."""
    columns = body.columns
    heads = [k for k, c in enumerate(columns) if k > label and not c.loose]
    line = sorted((seg for k, seg in body.cells[anchor].items() if k > label), key=lambda seg: seg.x0)
    if len(line) > len(heads) or any(columns[k].role not in TEXT_ROLES for k in heads[len(line) :]):
        return
    own = {seg: heads[n] for n, seg in enumerate(line)}
    moved: dict[int, dict[int, Seg]] = {}
    for j in range(band[0], band[1] + 1):
        cells = {k: seg for k, seg in body.cells.get(j, {}).items() if k <= label}
        for k, seg in body.cells.get(j, {}).items():
            if k <= label:
                continue
            under = [own[x] for x in line if min(x.x1, seg.x1) > max(x.x0, seg.x0)]
            if seg in own:
                under = [own[seg]]
            if len(under) != 1 or under[0] in cells:
                return
            cells[under[0]] = seg
        moved[j] = cells
    body.cells.update(moved)


def placed_rows(body: Body, label: int) -> tuple[Rows, bool] | None:
    """The body's rows (anchored by 分值/得分 figures, else by targets and actuals where every row
    starts with its name at its top) and whether their cells are centred; a row with a figure
    between the header's columns, or (anchored by values) a value on a line of its own, is not
    sure."""
    columns = body.columns
    anchor_cols = [k for k, c in enumerate(columns) if c.role in ANCHOR_ROLES]
    by_values = not anchor_cols
    if by_values:
        anchor_cols = [k for k, c in enumerate(columns) if c.role in VALUE_ROLES]
    anchors = _anchors(body, anchor_cols, is_value if by_values else score_like)
    if not anchors:
        return None
    content = {j for j in body.lines if any(k >= label for k in body.cells.get(j, {}))}
    centred = _centred(body, anchors, content)
    if by_values and (centred or any(label not in body.cells[a] for a in anchors)):
        return None
    rows = _rows(body, anchors, content, centred)
    for r, (a, b) in enumerate(rows.bands):
        if any(columns[k].loose for k in body.cells[anchors[r]] if k > label):
            _realign(body, (a, b), anchors[r], label)
        on = [k for j in range(a, b + 1) for k in body.cells.get(j, {})]
        off = [k for j in range(a + 1, b + 1) for k in body.cells.get(j, {})]
        if (
            any(k > label and columns[k].loose for k in on)
            or by_values
            and any(k in anchor_cols for k in off)
        ):
            rows.sure[r] = False
    return rows, centred


def _centred(body: Body, anchors: list[int], content: set[int]) -> bool:
    """Whether the table's cells are centred in their rows: some row has lines of its own above its
    anchor (after the header, or after a blank line that ends the row before)."""
    top = body.lines[0]
    for a in anchors:
        blanks = [j for j in range(top, a) if not body.cells.get(j)]
        start = blanks[-1] + 1 if blanks else top
        if (blanks or top == body.lines[0]) and any(j in content for j in range(start, a)):
            return True
        top = a + 1
    return False


def end_labels(body: Body, k: int, rows: Rows) -> list[Span]:
    """A column's labels ending the block (总分) standing in one row's lines: a cell of that row."""
    out = []
    for r, (a, b) in enumerate(rows.bands):
        segs = [body.cells[j][k] for j in range(a, b + 1) if k in body.cells.get(j, {})]
        if segs and role(join_parts([s.text for s in segs])) == "label":
            out.append(Span(join_parts([s.text for s in segs]), segs, r, r))
    return out


def end_row(body: Body, band: tuple[int, int]) -> bool:
    """Whether the row's lines hold a label ending the block (总分, 其他需要说明事项)."""
    return any(
        role(seg.text) == "label"
        for j in range(band[0], band[1] + 1)
        for seg in body.cells.get(j, {}).values()
    )
