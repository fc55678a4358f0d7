"""Tables of a text that keeps the page layout (poppler's ``pdftotext -layout``), recovered as grids.

One entry point, ``layout_tables(text)``, called by ``recover.recover_tables`` before its own
readings. In such a text a table row spreads over several physical lines: a cell wraps inside its
column (``基建工程委托业`` / ``务项目数量``), the row's short cells stand on one line between them
(cells centred in their row) or on its first line (cells at the top), columns stand at fixed
character positions (poppler's character grid), a level cell (``产出指标`` / ``（50分）``) spans many
rows, and blank lines come only sometimes. The grid is read as pdfplumber's text strategy reads a
page:

1. the header: a band of lines whose segments (text between gaps of two or more spaces), joined
   down each column, are column words of patterns/tables.toml, weight (分值) or score (得分) among them;
2. columns: the x-ranges of the header's segments and of the body's (a column gap is where no
   segment crosses); a line with a segment across two columns ends the table;
3. rows: a line with a figure (or a placeholder) under 分值 or 得分 anchors a row; the other lines
   go to the anchor above (cells at the top) or, cells centred, so that each row has as many lines
   above its anchor as below; a blank line always parts two rows;
4. the columns left of the row labels hold cells spanning rows: their pieces, joined while they make
   a word, span the rows they stand by (centred: the rows around them; the weight of
   ``产出指标（50分）`` is the sum of its rows' weights where that decides).

Poppler's grid sometimes leaves one space between two columns (``全年执 分值`` over ``215,4 10 86.19
8.62``): a header group is cut at single spaces where each part is a column word of its own, a
body segment of figures across as many columns as it has figures gives one to each (the columns
widened over them), and a line ending the block (总分 100 96.5 优) takes the columns from 分值 on
in order. A header cell going on in the body's lines (项目资 / 金 / （元）) is one cell.

A row that cannot be placed for sure (a segment across columns, two segments in one column, an
unbalanced centred row) is left out, and so is a spanning cell whose rows are not sure.
"""

from __future__ import annotations

import bisect
from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from functools import lru_cache

import regex

import patterns
from extractor.grid import Cell, Table
from extractor.read.recover.vocabulary import FIGURE, compacted, role, score_like

GAP = regex.compile(r" {2,}|\u3000+|\t")
WEIGHT_NOTE = regex.compile(r"[(（]\s*(\d+(?:\.\d+)?)\s*分\s*[)）]")
DIGIT_END = regex.compile(r"[\d.,]$")
DIGIT_START = regex.compile(r"^[\d.,%]")
LATIN_END = regex.compile(r"[A-Za-z]$")
LATIN_START = regex.compile(r"^[A-Za-z]")
SOFT_GAP = regex.compile(r" ")
FIGURE_PIECE = regex.compile(r"^[-+]?[\d.,]+%?$")  # a figure or a piece of one wrapped in its cell (215,4)

HEADER_LINES = 14  # a header band is at most this many lines (a vertical 偏差原因分析及改进措施)
MIN_COLUMNS = 3  # column words a header needs
BLANKS_END = 3  # this many blank lines in a row end a table
ANCHOR_ROLES = ("col:weight", "col:score")
BUDGET_ROLES = ("col:initial", "col:adjusted", "col:executed")
LEVEL_ROLES = ("col:level1", "col:level2")
TEXT_ROLES = ("col:reason",)  # a text column a row may leave empty at its end
VALUE_ROLES = ("col:target", "col:actual")  # anchor a row where no 分值/得分 column is, rows at their tops
KEY_PIECE = 24  # a form's key or value piece is at most this long (longer: prose)
KEY_MARGIN = 1  # a key's pieces start at the left margin
KEY_PIECES = 4  # a key is written on at most this many lines


@dataclass(frozen=True)
class Seg:
    """A gap-separated piece of a line: its text, character columns [x0, x1) and offsets."""

    line: int
    x0: int
    x1: int
    text: str
    start: int
    end: int


@dataclass
class Column:
    x0: int
    x1: int
    header: list[Seg] = field(default_factory=list)
    role: str | None = None
    loose: bool = False  # under no header segment

    def overlap(self, seg: Seg) -> int:
        return min(self.x1, seg.x1) - max(self.x0, seg.x0)


@dataclass
class Header:
    first: int  # first line of the band
    end: int  # one past its last line
    columns: list[Column]
    kind: str  # "budget" | "indicator"


# --------------------------------------------------------------------------- lines


def _segments(text: str) -> list[list[Seg]]:
    out: list[list[Seg]] = []
    pos = 0
    for no, raw in enumerate(text.split("\n")):
        lead = len(raw) - len(raw.lstrip("\f"))
        body = raw[lead:]
        segs: list[Seg] = []
        at = 0
        for m in [*GAP.finditer(body), None]:
            cut = m.start() if m else len(body)
            piece = body[at:cut]
            if piece.strip():
                s = at + len(piece) - len(piece.lstrip())
                e = at + len(piece.rstrip())
                segs.append(Seg(no, s, e, body[s:e], pos + lead + s, pos + lead + e))
            if m:
                at = m.end()
        out.append(segs)
        pos += len(raw) + 1
    return out


@lru_cache(maxsize=1)
def _value() -> regex.Pattern[str]:
    """A target or actual starting with its figure, after at most two comparison signs: those of
    patterns/operators.toml (≥, <, = …) and the forms patterns/normalize.toml [chars] folds to them
    (≧, ﹦ …: the layout text is read before that folding)."""
    signs = {ch for op in patterns.load("operators")["ops"] if not op.isalnum() for ch in op}
    signs |= {k for k, v in patterns.load("normalize")["chars"].items() if v in signs}
    return regex.compile(f"^[{regex.escape(''.join(sorted(signs)))}]{{0,2}}\\d")


def _is_value(text: str) -> bool:
    return _value().match(compacted(text)) is not None


def _join(parts: list[str]) -> str:
    out = ""
    for part in (" ".join(p.split()) for p in parts):
        if out and LATIN_END.search(out) and LATIN_START.search(part):
            out += " "
        out += part
    return out


# --------------------------------------------------------------------------- header


def _clusters(segs: list[Seg]) -> list[list[Seg]]:
    """Segments grouped where their x-ranges overlap (a column gap is where none crosses)."""
    out: list[list[Seg]] = []
    right = -1
    for seg in sorted(segs, key=lambda s: s.x0):
        if out and seg.x0 < right:
            out[-1].append(seg)
            right = max(right, seg.x1)
        else:
            out.append([seg])
            right = seg.x1
    return out


def _tokens(seg: Seg) -> list[Seg]:
    """A segment cut at its single spaces (poppler's gap between two columns can be one space)."""
    out: list[Seg] = []
    at = 0
    for m in [*SOFT_GAP.finditer(seg.text), None]:
        cut = m.start() if m else len(seg.text)
        if cut > at:
            piece = seg.text[at:cut]
            out.append(Seg(seg.line, seg.x0 + at, seg.x0 + cut, piece, seg.start + at, seg.start + cut))
        if m:
            at = m.end()
    return out


def _header_clusters(segs: list[Seg]) -> list[list[Seg]]:
    """The header's column groups; a group holding segments with single spaces is cut at those
    spaces where every group that makes is a column word of its own role (全年执 分值 / 行数:
    全年执行数 and 分值; 执行率 得分: 执行率 and 得分)."""
    out: list[list[Seg]] = []
    for group in _clusters(segs):
        parts = _clusters([t for s in group for t in _tokens(s)])
        roles = [role(_join([s.text for s in sorted(g, key=lambda s: (s.line, s.x0))])) for g in parts]
        split = len(parts) > 1 and all(r and r.startswith("col:") for r in roles)
        out.extend(parts if split and len(set(roles)) == len(roles) else [group])
    return out


def _band_end(lines: list[list[Seg]], i: int) -> int:
    j = i
    while j < len(lines) and j - i < HEADER_LINES and lines[j]:
        if j > i and any(score_like(s.text) for s in lines[j]):
            break
        j += 1
    return j


def _header_from(lines: list[list[Seg]], i: int) -> Header | None:
    if not lines[i]:
        return None
    end = _band_end(lines, i)
    if all(len(ln) < 2 for ln in lines[i:end]):
        return None  # no line of the band is cut by a gap: prose, no header
    columns = []
    for group in _header_clusters([s for ln in lines[i:end] for s in ln]):
        group.sort(key=lambda s: (s.line, s.x0))
        col = Column(min(s.x0 for s in group), max(s.x1 for s in group), group)
        col.role = role(_join([s.text for s in group]))
        columns.append(col)
    roles = [c.role for c in columns if c.role and c.role.startswith("col:")]
    if len(roles) < MIN_COLUMNS or not any(r in roles for r in (*ANCHOR_ROLES, *VALUE_ROLES)):
        return None
    kind = "budget" if any(r in roles for r in BUDGET_ROLES) else "indicator"
    return Header(i, end, columns, kind)


def _header_at(lines: list[list[Seg]], i: int) -> Header | None:
    """The best header band starting at line i or a little after it, ending where the first does."""
    first = _header_from(lines, i)
    if first is None:
        return None
    best = first
    for k in range(i + 1, first.end):
        other = _header_from(lines, k)
        if other is not None and other.end == first.end and _words(other) >= _words(best):
            best = other
    return best


def _words(header: Header) -> int:
    return sum(1 for c in header.columns if c.role and c.role.startswith("col:"))


# --------------------------------------------------------------------------- body


@dataclass
class Body:
    columns: list[Column]
    lines: list[int]  # line numbers of the body, in order (blank lines included)
    cells: dict[int, dict[int, Seg]]  # line -> column index -> segment
    end: int  # one past the last line read


def _columns_of(header: Header, lines: list[list[Seg]], end: int) -> list[Column]:
    """The header's columns, and a column for body segments under no header segment."""
    columns = [Column(c.x0, c.x1, c.header, c.role) for c in header.columns]
    _widen(columns, [s for ln in lines[header.end : end] for s in ln])
    loose = [s for ln in lines[header.end : end] for s in ln if not any(c.overlap(s) > 0 for c in columns)]
    for group in _clusters(loose):
        columns.append(Column(min(s.x0 for s in group), max(s.x1 for s in group), loose=True))
    return sorted(columns, key=lambda c: c.x0)


def _split(seg: Seg, columns: list[Column]) -> list[tuple[int, Seg]] | None:
    """A segment of figures parted by single spaces across as many columns as it has figures:
    each figure with its column, in order (``215,4 10 86.19 8.62`` under 全年执行数 / 分值 / 执行率 /
    得分); None where it is not one."""
    hits = _hits(seg, columns)
    pieces = _tokens(seg)
    if len(hits) < 2 or len(pieces) != len(hits) or not all(_figure_piece(t.text) for t in pieces):
        return None
    return list(zip(hits, pieces, strict=True))


def _widen(columns: list[Column], segs: list[Seg]) -> None:
    """The header's columns widened over the figures a split segment gives them (the body's
    figures stand right of their CJK header in poppler's character grid), short of the next
    column's header."""
    bounds = [
        (columns[k - 1].x1 if k else 0, columns[k + 1].x0 if k + 1 < len(columns) else 10**6)
        for k in range(len(columns))
    ]
    for seg in segs:
        for k, piece in _split(seg, columns) or []:
            col = columns[k]
            col.x0 = max(min(col.x0, piece.x0), bounds[k][0])
            col.x1 = min(max(col.x1, piece.x1), bounds[k][1])


def _placed(line: list[Seg], columns: list[Column]) -> dict[int, Seg] | None:
    """Each segment's column, or None where a segment crosses two columns or two share one; a
    segment of figures parted by single spaces across as many columns as it has figures gives
    one to each (``215,4 10 86.19 8.62`` under 全年执行数 / 分值 / 执行率 / 得分)."""
    out: dict[int, Seg] = {}
    for seg in line:
        hits = _hits(seg, columns)
        placed = [(hits[0], seg)] if len(hits) == 1 else _split(seg, columns)
        if placed is None:
            return None
        for k, piece in placed:
            if k in out:
                return None
            out[k] = piece
    return out


def _hits(seg: Seg, columns: list[Column]) -> list[int]:
    hits = [k for k, c in enumerate(columns) if c.overlap(seg) > 0 and not c.loose]
    return hits or [k for k, c in enumerate(columns) if c.overlap(seg) > 0]


def _figure_piece(text: str) -> bool:
    """A plain figure, a piece of one or a placeholder (not a target with its unit: ≥50万平方)."""
    return score_like(text) or FIGURE_PIECE.match(text) is not None


def _body_end(lines: list[list[Seg]], header: Header) -> int:
    """One past the table's last line: before the next header, a run of blank lines or a
    segment across the header's columns."""
    last = header.end
    for j in range(header.end, len(lines)):
        line = lines[j]
        if not line:
            if j - last >= BLANKS_END - 1:
                break
            continue
        if _header_from(lines, j) is not None:
            break
        if _crosses(line, header.columns) and _total_line(line, header.columns) is None:
            break
        last = j + 1
    return last


def _total_line(line: list[Seg], columns: list[Column]) -> dict[int, Seg] | None:
    """A line ending the block (总分 100 96.5 优) placed by its order: the label in the column
    it stands in, its figures from the weight (分值) column on, one a column (poppler writes such a
    row narrower or wider than the header: its figures under no column or across two)."""
    weight = next((k for k, c in enumerate(columns) if c.role == "col:weight"), None)
    if weight is None or len(line) < 2 or role(line[0].text) != "label" or not score_like(line[1].text):
        return None
    hits = _hits(line[0], columns)
    heads = [k for k, c in enumerate(columns) if k >= weight and not c.loose]
    if len(hits) != 1 or hits[0] >= weight or len(line) - 1 > len(heads):
        return None
    return {hits[0]: line[0], **dict(zip(heads, line[1:], strict=False))}


def _crosses(line: list[Seg], columns: list[Column]) -> bool:
    """Whether a segment crosses columns (other than figures parted by single spaces, one each)."""
    return any(len(_hits(seg, columns)) > 1 and _split(seg, columns) is None for seg in line)


def _body(lines: list[list[Seg]], header: Header) -> Body:
    end = _body_end(lines, header)
    columns = _columns_of(header, lines, end)
    cells: dict[int, dict[int, Seg]] = {}
    last = header.end
    for j in range(header.end, end):
        placed = _total_line(lines[j], columns) or _placed(lines[j], columns)
        if placed is None:
            break
        cells[j] = placed
        last = j + 1
    return Body(columns, list(range(header.end, last)), cells, last)


# --------------------------------------------------------------------------- rows


@dataclass
class Rows:
    anchors: list[int]  # each row's anchor line
    bands: list[tuple[int, int]]  # each row's first and last line
    sure: list[bool]  # whether the row's lines are placed for sure


def _anchors(body: Body, anchor_cols: list[int], test: Callable[[str], bool]) -> list[int]:
    """The lines holding a figure (or a target or actual: ``_is_value``) in an anchor column."""
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


# --------------------------------------------------------------------------- spanning cells


@dataclass
class Span:
    text: str
    segs: list[Seg]
    first_row: int
    last_row: int


def _spanning(body: Body, k: int, rows: Rows, centred: bool, weights: list[Decimal | None]) -> list[Span]:
    """The cells of column k that span rows: its pieces joined while they make a word, each over
    the rows from the one it starts by to the next cell's (cells at the top), or over the rows it
    stands in the middle of (centred), the sum of their weights deciding where several could be."""
    top, bottom = rows.bands[0][0], rows.bands[-1][1]
    pieces = [body.cells[j][k] for j in range(top, bottom + 1) if k in body.cells.get(j, {})]
    groups = _words_of(pieces)
    if centred:
        tiles = _centred_tiling(rows, groups, weights)
        return [Span(_join([x.text for x in g]), g, s, e) for g, (s, e) in zip(groups, tiles, strict=False)]
    firsts = [_top_row(rows, g) for g in groups]
    out: list[Span] = []
    for n, group in enumerate(groups):
        first = firsts[n]
        if first is None:
            continue
        after = [f for f in firsts[n + 1 :] if f is not None]
        last = (after[0] if after else len(rows.anchors)) - 1
        if last >= first:
            out.append(Span(_join([x.text for x in group]), group, first, last))
    return out


def _lone_group(body: Body, k: int, rows: Rows) -> list[Span]:
    """A budget block's column left of its row labels holding one word (项目资金（万元）): it spans
    the block's rows."""
    top, bottom = rows.bands[0][0], rows.bands[-1][1]
    pieces = [body.cells[j][k] for j in range(top, bottom + 1) if k in body.cells.get(j, {})]
    groups = _words_of(pieces)
    if len(groups) != 1 or role(_join([s.text for s in groups[0]])) is None:
        return []
    return [Span(_join([s.text for s in groups[0]]), groups[0], 0, len(rows.bands) - 1)]


def _header_down(body: Body, k: int, rows: Rows) -> list[Seg] | None:
    """A budget block's header cell left of its row labels going on in the body's lines (项目资 /
    金 over the body's （元）): its pieces and the body's, where joined they make one word."""
    head = body.columns[k].header
    top, bottom = rows.bands[0][0], rows.bands[-1][1]
    below = [body.cells[j][k] for j in range(top, bottom + 1) if k in body.cells.get(j, {})]
    if not head or not below:
        return None
    groups = _words_of([*head, *below])
    if len(groups) != 1 or role(_join([s.text for s in groups[0]])) is None:
        return None
    return groups[0]


def _words_of(pieces: list[Seg]) -> list[list[Seg]]:
    """A column's pieces grouped into cells: from each piece, the longest run of the next few
    (each within two lines of the one before) that joined is a word of the vocabulary."""
    out: list[list[Seg]] = []
    p = 0
    while p < len(pieces):
        q = p
        for n in range(p + 1, min(p + KEY_PIECES, len(pieces))):
            if pieces[n].line - pieces[n - 1].line > 2:
                break
            if role(_join([s.text for s in pieces[p : n + 1]])) is not None:
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
        note = WEIGHT_NOTE.search(_join([x.text for x in group]))
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


# --------------------------------------------------------------------------- the grid


def layout_tables(text: str) -> list[Table]:
    """The layout tables of `text`, as grids whose cells' start/end are offsets in `text`: the
    self-evaluation tables (under a header band) and the form's wrapped key cells (项目名 / 称)."""
    lines = _segments(text)
    line_starts = _line_starts(text)
    tables: list[Table] = []
    firsts: set[int] = set()  # the first line of each table's header
    cut = False
    i = 0
    while i < len(lines):
        header = _header_at(lines, i)
        if header is None:
            i += 1
            continue
        body = _body(lines, header)
        table, whole = _grid(text, header, body, line_starts)
        if table is not None:
            if cut and header.kind == "indicator":
                table = _header_only(table)
            tables.append(table)
            firsts.add(header.first)
            cut = cut or (header.kind == "indicator" and not whole)
        i = max(body.end, header.end)
    if not tables:
        return []
    taken = [(t.start, t.end) for t in tables]
    keys = [
        t
        for t in _key_tables(text, lines, line_starts, firsts)
        if not any(a < t.end and t.start < b for a, b in taken)
    ]
    return sorted([*tables, *keys], key=lambda t: t.start)


# --------------------------------------------------------------------------- key cells


def _key_tables(text: str, lines: list[list[Seg]], line_starts: list[int], stops: set[int]) -> list[Table]:
    """The form's key cells wrapped over lines (项目名 / 称, 主管部 / 门 / 局 beside their values):
    a run of short lines (ending where a table's header starts: `stops`) whose first column's
    pieces, joined, are key words of patterns/tables.toml, each key's lines cut into columns by
    their gaps, keys and values alternating. One row a key."""
    out: list[Table] = []
    j = 0
    while j < len(lines):
        k = j
        while k < len(lines) and lines[k] and all(len(s.text) <= KEY_PIECE for s in lines[k]):
            k += 1
            if k in stops:
                break
        for first, last in _key_blocks(lines, j, k):
            row = _key_row(lines, first, last)
            if row is not None:
                cells = [_cell(0, c, segs, 1) for c, segs in enumerate(row)]
                for cell in cells:
                    cell.page = text.count("\f", 0, cell.start) + 1
                end = line_starts[last + 1] - 1 if last + 1 < len(line_starts) else len(text)
                out.append(
                    Table(
                        cells=cells,
                        n_rows=1,
                        n_cols=len(cells),
                        page=cells[0].page,
                        source="text-layout",
                        start=line_starts[first],
                        end=end,
                    )
                )
        j = max(k, j + 1)
    return out


def _key_blocks(lines: list[list[Seg]], j: int, k: int) -> list[tuple[int, int]]:
    """Lines [j, k) cut where the pieces at the left margin, joined, make a key word."""
    out: list[tuple[int, int]] = []
    group: list[Seg] = []
    for n in range(j, k):
        left = lines[n][0]
        if left.x0 > KEY_MARGIN:
            continue
        group.append(left)
        if role(_join([s.text for s in group])) == "key":
            out.append((group[0].line, n))
            group = []
        elif len(group) >= KEY_PIECES:
            return []
    if group or not out:
        return []
    return [(a, out[i + 1][0] - 1 if i + 1 < len(out) else k - 1) for i, (a, _) in enumerate(out)]


def _key_row(lines: list[list[Seg]], first: int, last: int) -> list[list[Seg]] | None:
    """The block's columns (keys and values alternating), or None where they do not."""
    groups = _clusters([s for n in range(first, last + 1) for s in lines[n]])
    if len(groups) < 2 or len(groups) % 2:
        return None
    for g in groups:
        g.sort(key=lambda s: (s.line, s.x0))
    keys = [role(_join([s.text for s in g])) == "key" for g in groups]
    if keys != [n % 2 == 0 for n in range(len(groups))] or all(len(g) == 1 for g in groups):
        return None
    return groups


def _header_only(table: Table) -> Table:
    """An indicator table after one cut short keeps its header only (its rows' numbers are not
    sure) and still claims its lines."""
    cells = [c.model_copy(update={"rowspan": 1}) for c in table.cells if c.row == 0]
    return table.model_copy(update={"cells": cells, "n_rows": 1})


def _line_starts(text: str) -> list[int]:
    out = [0]
    at = text.find("\n")
    while at >= 0:
        out.append(at + 1)
        at = text.find("\n", at + 1)
    return out


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


def _placed_rows(body: Body, label: int) -> tuple[Rows, bool] | None:
    """The body's rows (anchored by 分值/得分 figures, else by targets and actuals where every row
    starts with its name at its top) and whether their cells are centred; a row with a figure
    between the header's columns, or (anchored by values) a value on a line of its own, is not
    sure."""
    columns = body.columns
    anchor_cols = [k for k, c in enumerate(columns) if c.role in ANCHOR_ROLES]
    by_values = not anchor_cols
    if by_values:
        anchor_cols = [k for k, c in enumerate(columns) if c.role in VALUE_ROLES]
    anchors = _anchors(body, anchor_cols, _is_value if by_values else score_like)
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


def _grid(text: str, header: Header, body: Body, line_starts: list[int]) -> tuple[Table | None, bool]:
    """The table under `header`, and whether it holds every row anchored (else it stops before
    the first row not placed for sure)."""
    columns = body.columns
    label = _label_column(columns, header.kind)
    placed = _placed_rows(body, label)
    if placed is None:
        return None, False
    rows, centred = placed
    anchors = rows.anchors
    kept = list(range(rows.sure.index(False) if False in rows.sure else len(anchors)))
    if not kept:
        return None, False
    number = {r: n + 1 for n, r in enumerate(kept)}
    values = {(r, k): _in_band(body, rows.bands[r], k) for r in kept for k in range(label, len(columns))}
    weight_col = next((k for k, c in enumerate(columns) if c.role == "col:weight"), None)
    weights = [_weight(values.get((r, weight_col), [])) for r in range(len(anchors))]
    cells = [_cell(0, k, col.header, 1) if col.header else _empty(0, k) for k, col in enumerate(columns)]
    cells += [
        _cell(number[r], k, segs, 1) if segs else _empty(number[r], k) for (r, k), segs in values.items()
    ]
    for k in range(label):
        taken: set[int] = set()
        levels = header.kind == "budget" or columns[k].role in LEVEL_ROLES
        spans = _spanning(body, k, rows, centred, weights) if levels else _end_labels(body, k, rows)
        down = _header_down(body, k, rows) if header.kind == "budget" and len(kept) == len(anchors) else None
        if down:
            cells = [c for c in cells if (c.row, c.col) != (0, k)]
            cells.append(_cell(0, k, down, len(kept) + 1))  # from the header row down
            continue
        lone = _lone_group(body, k, rows) if header.kind == "budget" and len(spans) <= 1 else []
        if lone and not columns[k].header and len(kept) == len(anchors):
            cells = [c for c in cells if (c.row, c.col) != (0, k)]
            cells.append(_cell(0, k, lone[0].segs, len(kept) + 1))  # from the header row down
            continue
        for span in lone or spans:
            span_rows = range(span.first_row, min(span.last_row, kept[-1]) + 1)  # a cut table: to its end
            if span.first_row in number and not taken.intersection(span_rows):
                taken.update(span_rows)
                cells.append(_cell(number[span.first_row], k, span.segs, len(span_rows)))
        cells += [_empty(number[r], k) for r in kept if r not in taken]
    for cell in cells:
        if cell.start < 0:
            cell.start = cell.end = line_starts[anchors[kept[cell.row - 1]] if cell.row else header.first]
        cell.page = text.count("\f", 0, cell.start) + 1
    cells.sort(key=lambda c: (c.row, c.col))
    start = line_starts[header.first]
    last = body.end
    whole = len(kept) == len(anchors)
    if whole:
        last = rows.bands[-1][1] + 1  # lines after the last row (a 总分 row not anchored): left to the others
    if not whole and _end_row(body, rows.bands[len(kept)]):
        whole, last = True, rows.bands[len(kept)][0]  # the 总分 row not placed: left to the other readings
    end = line_starts[last] - 1 if last < len(line_starts) else len(text)
    return Table(
        cells=cells,
        n_rows=len(kept) + 1,
        n_cols=len(columns),
        page=cells[0].page,
        source="text-layout",
        start=start,
        end=end,
    ), whole


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


def _in_band(body: Body, band: tuple[int, int], k: int) -> list[Seg]:
    return [body.cells[j][k] for j in range(band[0], band[1] + 1) if k in body.cells.get(j, {})]


def _empty(row: int, col: int) -> Cell:
    return Cell(row=row, col=col, text="")


def _end_labels(body: Body, k: int, rows: Rows) -> list[Span]:
    """A column's labels ending the block (总分) standing in one row's lines: a cell of that row."""
    out = []
    for r, (a, b) in enumerate(rows.bands):
        segs = [body.cells[j][k] for j in range(a, b + 1) if k in body.cells.get(j, {})]
        if segs and role(_join([s.text for s in segs])) == "label":
            out.append(Span(_join([s.text for s in segs]), segs, r, r))
    return out


def _end_row(body: Body, band: tuple[int, int]) -> bool:
    """Whether the row's lines hold a label ending the block (总分, 其他需要说明事项)."""
    return any(
        role(seg.text) == "label"
        for j in range(band[0], band[1] + 1)
        for seg in body.cells.get(j, {}).values()
    )


def _label_column(columns: list[Column], kind: str) -> int:
    """The column of the row labels (三级指标; a budget's 年度资金总额): the columns before it span rows."""
    if kind == "indicator":
        return next((k for k, c in enumerate(columns) if c.role == "col:name"), 0)
    first_value = next((k for k, c in enumerate(columns) if c.role in BUDGET_ROLES), 0)
    return max(first_value - 1, 0)


def _weight(segs: list[Seg]) -> Decimal | None:
    text = _join([s.text for s in segs]).removesuffix("分")
    try:
        return Decimal(text) if FIGURE.match(text) and "%" not in text else None
    except InvalidOperation:
        return None


def _cell(row: int, col: int, segs: list[Seg], rowspan: int) -> Cell:
    parts = [s.text for s in segs]
    text = ""
    for part in parts:
        if text and DIGIT_END.search(text) and DIGIT_START.search(part):
            text += part
        else:
            text = _join([text, part]) if text else " ".join(part.split())
    return Cell(row=row, col=col, rowspan=rowspan, text=text, start=segs[0].start, end=segs[-1].end)
