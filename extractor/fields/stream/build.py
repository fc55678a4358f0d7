"""The grid of a flattened table built from its cell stream: key rows, the budget block, the
indicator block and its 总分 row, each piece in its column (see the package docstring)."""

from __future__ import annotations

import bisect
from decimal import Decimal

import regex

import patterns
from extractor.fields.cells import (
    score_weight,
)
from extractor.fields.mapper import TableResult as GridResult
from extractor.fields.mapper import read_tables
from extractor.fields.stream.align import (
    ROW_LABELS,
    _chunks,
    _ind_columns,
    _Item,
    _line_fallback,
    _line_items,
    _parse_stream,
    _positional,
    own_top_level,
)
from extractor.fields.stream.cutting import join_broken_labels, join_broken_levels, table_lines
from extractor.fields.stream.glued import (
    _agreed,
    _budget_consistent,
    _fits_budget,
    _glued_budget,
    by_parts,
    without_placeholders,
)
from extractor.fields.stream.headless import COLUMNS as HEADLESS_COLUMNS
from extractor.fields.stream.headless import headless_rows
from extractor.fields.stream.pieces import (
    _I,
    AMOUNT_KINDS,
    BLOCKS,
    BUDGET_COLS,
    BUDGET_KINDS,
    BUDGET_ROWS,
    END_HEADING,
    GLUED_TAIL,
    HAN,
    IND_COLS,
    KEYS,
    NOT_A_KEY_VALUE,
    UNIT_RE,
    Num,
    Piece,
    _grade,
    _is_label,
    _is_placeholder,
    _number,
    _role,
    _row_value,
    leading_figures,
    level_word,
)
from extractor.grid import Cell, Table, build_table
from extractor.normalize import NormText


def stream_tables(norm: NormText) -> list[Table]:
    """The self-evaluation table of the text recovered as one grid (source "text") from its cell
    stream: the key labels with their values, the budget block and the indicator block with its
    总分 row, in the order they stand."""
    stream: list[Piece] = []
    spaced: dict[int, list[Piece]] = {}
    for no, cells, with_empties in table_lines(norm):
        stream.extend(cells)
        if with_empties:
            spaced[no] = with_empties
    stream = join_broken_labels(norm, stream, [KEYS, BUDGET_COLS, BUDGET_ROWS, BLOCKS, IND_COLS])
    budget = _header(stream, BUDGET_COLS, {"initial", "adjusted", "executed", "rate"})
    indicator = _header(stream, IND_COLS, {"name"})
    headless = headless_rows(stream) if indicator is None else None
    blocks = _key_rows(norm, stream)
    if budget is None and indicator is None and headless is None and len(blocks) < KEY_ROWS_ALONE:
        return []
    if budget is not None:
        blocks.append((budget[0], _budget_grid(norm, stream, budget)))
    if indicator is not None and (grid := _indicator_block(norm, stream, spaced, indicator)):
        blocks.append((indicator[0], grid))
    if headless is not None:
        cols = [*ROW_LABELS, *HEADLESS_COLUMNS]
        blocks.append((headless[0], [_indicator_header([], cols), *_item_rows(headless[1], cols)]))
    rows = [row for _, block in sorted(blocks, key=lambda b: b[0]) for row in block]
    return [_as_table(norm, rows)]


KEY_ROWS_ALONE = 2  # key rows (项目名称 | X, 主管部门 | Y) that make a table with no block read


def table_excerpt(norm: NormText) -> bool:
    """Whether the text is a self-evaluation table's excerpt that names no kind: indicator rows with
    no header (a page of a long article that starts inside the indicator block). Such a text is read
    though it states no title: its kind stays 'unknown'."""
    stream = [cell for _, cells, _ in table_lines(norm) for cell in cells]
    return _header(stream, IND_COLS, {"name"}) is None and headless_rows(stream) is not None


def extract_tables(norm: NormText) -> GridResult:
    """Fields and indicators of the tables flattened in the text (``stream_tables``, read by the
    template mapper)."""
    tables = stream_tables(norm)
    if not tables:
        return read_tables([], norm)
    written = NormText(
        norm.original, list(range(len(norm.original) + 1)), norm.original, norm.page_starts, norm.line_starts
    )
    return read_tables(tables, written)


def _header(
    stream: list[Piece], table: dict[str, regex.Pattern[str]], needed: set[str]
) -> tuple[int, int] | None:
    """(start, end) of the first run of at least three column labels including a needed role."""
    i = 0
    while i < len(stream):
        j = i
        while j < len(stream) and _role(stream[j], table):
            j += 1
        roles = {_role(c, table) for c in stream[i:j]}
        if j - i >= 3 and roles & needed:
            return i, j
        i = j + 1 if j == i else j
    return None


# A recovered grid under construction: rows of column -> (piece of the normalized text, rowspan[,
# colspan]).
Rows = list[dict[int, tuple]]


def _as_table(norm: NormText, rows: Rows) -> Table:
    """The grid with each piece's offsets turned into offsets of the original text."""
    cells = [
        [_grid_cell(norm, r, c, *spans) for c, spans in sorted(row.items())] for r, row in enumerate(rows)
    ]
    table = build_table(cells, "text")
    placed = [c for c in table.cells if c.start >= 0]
    if placed:
        table.start, table.end = min(c.start for c in placed), max(c.end for c in placed)
        table.page = placed[0].page
    return table


def _grid_cell(norm: NormText, r: int, c: int, piece: Piece, rowspan: int, colspan: int = 1) -> Cell:
    at = {"row": r, "col": c, "rowspan": rowspan, "colspan": colspan}
    if piece.line < 0:  # a header word the flattening lost (no place in the text)
        return Cell(**at, text=piece.text)
    if piece.end <= piece.start:
        return Cell(**at)
    a, b = norm.origin[piece.start], norm.origin[piece.end - 1] + 1
    page = bisect.bisect_right(norm.page_starts, a)
    text = norm.original[a:b]
    if "\n" in text:  # a cell the normalizer joined across a line break ('≥5' / '0厘米'): its text as read
        text = norm.text[piece.start : piece.end]
    return Cell(**at, text=text, page=page, start=a, end=b)


def _num_piece(num: Num, norm_text: str, line: int) -> Piece:
    return Piece(num.start, num.unit_end, norm_text[num.start : num.unit_end], line)


def _key_rows(norm: NormText, stream: list[Piece]) -> list[tuple[int, Rows]]:
    """Each key label (项目名称, 主管部门 …) with the cell after it on its line: a row each, with
    its place in the stream."""
    rows: list[tuple[int, Rows]] = []
    for i, cell in enumerate(stream[:-1]):
        nxt = stream[i + 1]
        if _role(cell, KEYS) in (None, "none") or _is_label(nxt) or nxt.line != cell.line:
            continue
        if NOT_A_KEY_VALUE.match(nxt.compact) or _cut_value(stream, i + 2):
            continue
        if nxt.glued and norm.text.count(nxt.compact) < 2 and not _bounded_name(stream, i):
            continue  # a glued value's end is only trusted when the same text stands elsewhere
        rows.append((i, [{0: (cell, 1), 1: (nxt, 1)}]))
    return rows


def _bounded_name(stream: list[Piece], i: int) -> bool:
    """A glued organisation's name between its key label and the next label, touching both
    ('主管部门重庆高新区新闻宣传中心财政处室'): its end is where that label starts, and it ends as an
    organisation's name does (``report.org_suffix``). Not where another label names one of the same
    kind (中央主管部门 beside 地方主管部门): which is the report's is not sure."""
    key = _role(stream[i], KEYS)
    if i + 2 >= len(stream) or key not in ORG_KEYS:
        return False
    value, after = stream[i + 1], stream[i + 2]
    if after.start != value.end or not _is_label(after) or ORG_NAME.fullmatch(value.compact) is None:
        return False
    words = ORG_KEYS[key]
    return not any(j != i and p.compact.endswith(words) and _is_label(p) for j, p in enumerate(stream))


ORG_KEYS = {key: tuple(patterns.load("tables")["key"][key]) for key in ("department", "unit_name")}
ORG_NAME = regex.compile(r"\p{Han}[\p{Han}()]{1,38}?(?:" + patterns.load("report")["org_suffix"] + ")")


def _indicator_block(
    norm: NormText, stream: list[Piece], spaced: dict[int, list[Piece]], header: tuple[int, int]
) -> Rows | None:
    """The indicator block's rows; of a fragmented stream (``_fragmented``) only where the level
    names were broken before their 指标 and nothing else was ('经济效益' / '指标' on lines of
    their own, each row's cells on one line), and then only if every row is read whole."""
    if not _fragmented(stream, header[1]):
        return _indicator_grid(norm, stream, spaced, header)
    joined = join_broken_levels(norm, stream)
    header = _header(joined, IND_COLS, {"name"}) or header
    if header[1] > len(joined) or _fragmented(joined, header[1]):
        return None
    return _indicator_grid(norm, joined, spaced, header, whole_rows=True)


WHOLE_ROW = {"target", "actual", "weight", "score"}  # an indicator row read whole
WHOLE_ROWS_LEAST = 2


def _whole(items: list[_Item]) -> bool:
    """Every indicator row that has values (a placeholder '-' is none) has all of WHOLE_ROW, and
    there are two such rows or more (a row with its name alone: the copy ends inside it)."""
    rows = [item for item in items if item.kind == "row"]
    filled = [{r for r, c in item.fields.items() if not _is_placeholder(c)} for item in rows]
    measured = [roles for roles in filled if roles]
    return len(measured) >= WHOLE_ROWS_LEAST and all(WHOLE_ROW <= roles for roles in measured)


def _fragmented(stream: list[Piece], start: int) -> bool:
    """The indicator rows' cells are wrapped into fragments (a narrow borderless table copied out
    of a PDF: '产出指' / '标（50' / '分）', '养护里' / '程'): two neighbours make a level name that
    neither is alone. The stream cannot tell such a name from two cells, so no row is read here;
    the line grid cuts them (read/recover.py with read/wrapped.py)."""
    for a, b in zip(stream[start:], stream[start + 1 :], strict=False):
        if not level_word(a.compact) and not level_word(b.compact) and level_word(a.compact + b.compact):
            return True
    return False


def _cut_value(stream: list[Piece], k: int) -> bool:
    """The piece at k may be the rest of the value before it, cut where a narrow cell wrapped
    ('乡村道' / '路养护', '城区绿化' / '管护'): a few Han characters that are no label."""
    if k >= len(stream):
        return False
    rest = stream[k].compact
    return len(rest) <= _FRAGMENT and bool(HAN_ONLY.fullmatch(rest)) and not _is_label(stream[k])


_FRAGMENT = 4  # a wrapped cell's last line this short may be a value's rest
HAN_ONLY = regex.compile(r"\p{Han}+")


def _budget_grid(norm: NormText, stream: list[Piece], header: tuple[int, int]) -> Rows:
    """The budget header (its corner: the block's group cell or the cell stating the unit) and the
    total and funds rows, each figure in its column; glued runs split by the table's arithmetic."""
    h0, h1 = header
    head = [c for c in stream[h0:h1] if (r := _role(c, BUDGET_COLS)) and BUDGET_KINDS[r] != "text"]
    head = [*_columns_before(stream, h0, head), *head]
    texts = any(BUDGET_KINDS[r] == "text" for c in stream[h0:h1] if (r := _role(c, BUDGET_COLS)))
    rows = _budget_rows(stream, h1, texts)
    total = rows[0] if rows and rows[0][0] in ("total", "") else None
    parts = [cells[0] for role, _, cells in rows[1:] if len(cells) == 1 and role not in ("unknown", "total")]
    head, cols, (nums, offset) = _header_read(head, total[2] if total else [], parts)
    grid: Rows = [{k + 1: (c, 1) for k, c in enumerate(head)}]
    corner, unit = _corner(stream[_corner_start(stream, h0) : h0])
    if unit is not None:
        grid.insert(0, {0: (unit, 1)})  # the unit stated apart from the block's group cell
    if corner is not None:
        grid[-1][0] = (corner, 2 if total is not None and total[1] is None else 1)
    if total is None:
        return grid
    grid.append(_budget_row(norm, total[1], nums, cols))
    subs = _block_rows(rows[1:])
    if any(label not in ("current", "carryover", "other") for label, _, _ in subs):
        return grid  # the rows are sources (财政资金, 地方资金 …), not the 本年/上年结转/其他 rows
    amount_cols = [c for c in cols if BUDGET_KINDS[c] in AMOUNT_KINDS]
    for _, label, cells in subs:
        grid.append(_budget_row(norm, label, _assign_sub(cells, amount_cols, offset, nums), cols))
    return grid


BudgetRows = list[tuple[str, Piece | None, list[Piece]]]  # (row label role, label cell, value cells)


def _block_rows(rows: BudgetRows) -> BudgetRows:
    """The funds rows up to the first cell that is no row label and holds no figure after it: the
    next block's text (预期目标 / 实际完成情况, where pdftotext wrote its 年度总体目标 label before the
    budget header) ends the block, and is no row of it."""
    for k, (role, _, cells) in enumerate(rows):
        if role == "unknown" and not cells:
            return rows[:k]
    return rows


def _header_read(
    head: list[Piece], total: list[Piece], parts: list[Piece]
) -> tuple[list[Piece], list[str], tuple[dict[str, Num], int]]:
    """The header's columns and the total row read under them. A glued header cell that is itself a
    label and also two labels run together ('执行率得分': one column, or 执行率 | 得分) is read both
    ways; a glued total keeps what the readings under both headers agree on (the arithmetic
    decides: often only one header reads the row at all)."""
    cols = _columns(head)
    cut = _cut_header(head)
    if not total or cut is None or not _glued_total(total, cols):
        return head, cols, _assign_total(total, cols, parts) if total else ({}, 0)
    cut_cols = _columns(cut)
    readings = [
        *by_parts(_glued_budget(total[0], cols, {}), parts, cols),
        *by_parts(_glued_budget(total[0], cut_cols, {}), parts, cut_cols),
    ]
    if readings:
        return cut, cut_cols, (_agreed(readings), 0)
    whole, halves = _right_aligned_glued(total[0], cols), _right_aligned_glued(total[0], cut_cols)
    if whole and not halves:  # only one header reads the row right-aligned: that header
        return head, cols, (whole, 0)
    if halves and not whole:
        return cut, cut_cols, (halves, 0)
    return cut, cut_cols, ({}, 0)


def _cut_header(head: list[Piece]) -> list[Piece] | None:
    """The header with its first glued cell that is two labels run together cut in two, if any."""
    for i, cell in enumerate(head):
        pair = _two_labels(cell) if cell.glued else None
        if pair is not None:
            return [*head[:i], *pair, *head[i + 1 :]]
    return None


def _glued_total(cells: list[Piece], cols: list[str]) -> bool:
    return len(cells) == 1 and cells[0].glued and len(cols) > 1


def _columns(head: list[Piece]) -> list[str]:
    cols = [_role(c, BUDGET_COLS) or "" for c in head]
    if "initial" in cols and "adjusted" not in cols:  # 预算数 beside 年初预算数: the year's budget
        cols = ["adjusted" if c == "budget" else c for c in cols]
    return cols


def _two_labels(cell: Piece) -> tuple[Piece, Piece] | None:
    """The cell as two budget labels of different roles run together, if it is."""
    text = cell.text
    for k in range(2, len(text) - 1):
        first, second = BUDGET_COLS.role(text[:k]), BUDGET_COLS.role(text[k:])
        if first and second and first != second and "text" not in (BUDGET_KINDS[first], BUDGET_KINDS[second]):
            return (
                Piece(cell.start, cell.start + k, text[:k], cell.line, glued=True),
                Piece(cell.start + k, cell.end, text[k:], cell.line, glued=True),
            )
    return None


def _columns_before(stream: list[Piece], h0: int, head: list[Piece]) -> list[Piece]:
    """Amount columns of the header written before its run, labels only between (年初预算数 /
    其中:当年财政拨款 / 全年预算数 …: pdftotext writes a row label where the page has it, inside
    the header's cells): the header's first columns, so that the figures stand under their own."""
    roles = {_role(c, BUDGET_COLS) for c in head}
    before = stream[_corner_start(stream, h0) : h0]
    out = [
        c for c in before if (r := _role(c, BUDGET_COLS)) and r not in roles and BUDGET_KINDS[r] == "amount"
    ]
    return out if len({_role(c, BUDGET_COLS) for c in out}) == len(out) else []


CORNER_WINDOW = 3  # pieces before the budget header where its corner may stand


def _corner_start(stream: list[Piece], h0: int) -> int:
    """Where the budget header's corner is looked for: the few pieces before the header, and further
    back over labels only (pdftotext writes the corner 项目资金(元) where the page has it, key and row
    labels between it and the header: 项目资金(元) / 年度资金总额 / 实施单位 / 年初预算数)."""
    start = max(0, h0 - CORNER_WINDOW)
    while start > 0 and _is_label(stream[start - 1]):
        start -= 1
    return start


def _corner(before: list[Piece]) -> tuple[Piece | None, Piece | None]:
    """The budget header's corner cell: the block's group cell just before the header (项目资金,
    部门预算执行情况) with the unit that follows it (项目资金 | (万元): one cell the flattening cut);
    and a cell stating the unit apart from it, if any."""
    group = next((c for c in reversed(before) if _role(c, BLOCKS) == "budget_group"), None)
    unit = next((c for c in reversed(before) if UNIT_RE.search(c.compact)), None)
    if group is None or unit is None or unit is group:
        return group, None if unit is group else unit
    if before.index(unit) == before.index(group) + 1:
        return Piece(group.start, unit.end, "", group.line), None
    return group, unit


def _budget_row(norm: NormText, label: Piece | None, nums: dict[str, Num], cols: list[str]) -> dict:
    row = {cols.index(col) + 1: (_num_piece(num, norm.text, 0), 1) for col, num in nums.items()}
    if label is not None:
        row[0] = (label, 1)
    return row


def _budget_rows(
    stream: list[Piece], start: int, texts: bool = False
) -> list[tuple[str, Piece | None, list[Piece]]]:
    """(row label role, label cell, value cells) of each row after the header, up to the block's end.
    Under a header with a text column (原因, 得分计算方法), a cell after a row's figures that is no row
    label is that row's text, not the next row's label."""
    rows: list[tuple[str, Piece | None, list[Piece]]] = []
    for cell in stream[start:]:
        block = _role(cell, BLOCKS)
        if block == "end_budget" or _role(cell, IND_COLS) or _role(cell, KEYS):
            break
        if BLOCKS.patterns["end_budget"].match(cell.compact):
            break  # '年度总体目标预期目标…': the next block's labels run together
        if block == "budget_group":
            continue  # a merged group cell repeated at each row's start ('项目资金(元) | 年度资金总额')
        if not _row_value(cell) and (not rows or not rows[-1][2]):
            cell = leading_figures(cell) or cell  # '1.561.56120度效标O0B…': OCR junk after the figures
        if _row_value(cell):
            if not rows:  # values right after the header: a row without a label (部门预算执行情况)
                rows.append(("", None, []))
            rows[-1][2].append(cell)
        elif texts and rows and rows[-1][2] and _role(cell, BUDGET_ROWS) is None:
            continue
        else:
            rows.append((_role(cell, BUDGET_ROWS) or "unknown", cell, []))
    return rows


def _assign_total(cells: list[Piece], cols: list[str], parts: list[Piece]) -> tuple[dict[str, Num], int]:
    """Numbers of the total row by column; the offset of its first column (empty cells dropped).
    A glued total is split by its arithmetic, and by the glued part rows under it (`parts`)."""
    if _glued_total(cells, cols):
        found = _agreed(by_parts(_glued_budget(cells[0], cols, {}), parts, cols))
        return (found or _right_aligned_glued(cells[0], cols)), 0
    for offset in _offsets(len(cells), len(cols)):
        nums = _typed(cells, cols[offset:])
        if nums is not None:
            return nums, offset
    if len(cells) >= len(cols) > 1:  # the next row's figures ran on (its label written elsewhere)
        nums = _typed(cells[: len(cols) - 1], cols[1:])
        if nums is not None and _rate_agrees(nums):
            return nums, 1
    return {}, 0


def _right_aligned_glued(cell: Piece, cols: list[str]) -> dict[str, Num]:
    """A glued total no reading of every column fits, read right-aligned: its leading amount cells
    left blank and dropped ('76%107.6' under 年初预算数 … 执行率 执行率权重 执行率得分: 76% | 10 | 7.6),
    the fewest dropped, kept only with a rate for the arithmetic to check and where every reading
    agrees."""
    for k in range(1, len(cols) - 1):
        if BUDGET_KINDS[cols[k - 1]] not in AMOUNT_KINDS:
            break
        rest = cols[k:]
        if "rate" in rest and (found := _agreed(_glued_budget(cell, rest, {}))):
            return found
    return {}


RATE_SLACK = Decimal("0.5")  # percent: a rate printed rounded


def _rate_agrees(nums: dict[str, Num]) -> bool:
    """The row's executed / adjusted is its rate (a reading without its first column is kept only so)."""
    done, budget, rate = nums.get("executed"), nums.get("adjusted"), nums.get("rate")
    if done is None or budget is None or rate is None or not budget.number:
        return False
    return abs(done.number / budget.number * 100 - rate.number) <= RATE_SLACK


def _offsets(n_cells: int, n_cols: int) -> list[int]:
    """Left-aligned when complete; otherwise right-aligned first (the empty 年初 cell was dropped)."""
    if n_cells >= n_cols:
        return [0]
    return [n_cols - n_cells, 0]


def _typed(cells: list[Piece], cols: list[str]) -> dict[str, Num] | None:
    out: dict[str, Num] = {}
    for cell, col in zip(cells, cols, strict=False):
        num = _number(cell)
        if num is None:
            if HAN.search(cell.text):
                return None
            continue
        if not _fits_budget(num, BUDGET_KINDS[col]):
            return None
        out[col] = num
    return out if _budget_consistent(out) else None


def _assign_sub(cells: list[Piece], cols: list[str], offset: int, total: dict[str, Num]) -> dict[str, Num]:
    if len(cells) == 1 and cells[0].glued:
        return _agreed(_glued_budget(without_placeholders(cells[0]), cols[max(0, offset) :], total))
    out: dict[str, Num] = {}
    for cell, col in zip(cells, cols[offset:], strict=False):
        num = _number(cell)
        if num is not None and _fits_budget(num, "amount"):
            out[col] = num
    return out


def _indicator_grid(
    norm: NormText,
    stream: list[Piece],
    spaced: dict[int, list[Piece]],
    header: tuple[int, int],
    whole_rows: bool = False,
) -> Rows | None:
    """The indicator header and rows (一级/二级 cells spanning the rows under them) and the 总分 row.
    ``whole_rows``: None unless every row has its target, actual, weight and score."""
    h0, h1 = header
    front, data = _ind_columns(stream[h0:h1])
    end = next(
        (
            i
            for i in range(h1, len(stream))
            if _role(stream[i], BLOCKS) in ("end_indicators", "total") or END_HEADING.match(stream[i].compact)
        ),
        len(stream),
    )
    items: list[_Item] = []
    for kind, cells in _chunks(stream, spaced, h1, end, len(front) + len(data)):
        if kind == "row":
            found = _positional(cells, front + data)
        elif kind == "line":
            found = _line_items(cells, front, data)
            if found is None and GLUED_TAIL.fullmatch(cells[-1].compact) and _number(cells[-1]) is None:
                found = _line_items(cells[:-1], front, data)  # '3年中追加…': a score glued to its reason
            found = found or _line_fallback(cells, front, data)
        else:
            found = _parse_stream(_words_joined(norm, cells), data)
        items.extend(found)
    items = own_top_level(items)
    if whole_rows and not _whole(items):
        return None
    cols = [*ROW_LABELS, *data]
    grid = [_indicator_header(stream[h0:h1], cols), *_item_rows(items, cols)]
    total = _total_row(norm, stream[end:])
    return [*grid, total] if total else grid


def _words_joined(norm: NormText, cells: list[Piece]) -> list[Piece]:
    """Neighbours one space apart that put a dictionary word across the space are one cell (a PDF's
    line break inside a cell, written as a space: '服务外 包企业数量', '受目的国受 众欢迎显著'); a row
    read across that space names half a word. Level and column labels are never joined."""
    out: list[Piece] = []
    for cell in cells:
        prev = out[-1] if out else None
        if prev is not None and _one_word(norm, prev, cell):
            glued = prev.glued or cell.glued
            out[-1] = Piece(prev.start, cell.end, norm.text[prev.start : cell.end], prev.line, glued)
        else:
            out.append(cell)
    return out


def _one_word(norm: NormText, a: Piece, b: Piece) -> bool:
    if b.start - a.end != 1 or norm.text[a.end] != " " or min(len(a.compact), len(b.compact)) < 2:
        return False
    if not (HAN.fullmatch(a.compact[-1]) and HAN.fullmatch(b.compact[0])):
        return False
    if any(_is_label(p) or level_word(p.compact) for p in (a, b)):
        return False
    from extractor.validate.segment import splits_word  # jieba's cut, only for two such cells

    return splits_word(a.compact, b.compact)


def _indicator_header(cells: list[Piece], cols: list[str]) -> dict[int, tuple[Piece, int]]:
    """A header cell for each column: the header's own (the n-th of a role for its n-th column),
    or the role's word where the flattening lost it."""
    own: dict[str, list[Piece]] = {}
    for cell in cells:
        if (role := _role(cell, IND_COLS)) is not None:
            own.setdefault(role, []).append(cell)
    row = {}
    for k, role in enumerate(cols):
        n = cols[:k].count(role)
        taken = own.get(role, [])
        row[k] = (taken[n] if n < len(taken) else Piece(-1, -1, _I["columns"][role][0], -1), 1)
    return row


def _item_rows(items: list[_Item], cols: list[str]) -> Rows:
    """One grid row per indicator; a level label opens in the row of its first indicator and spans
    down to the next label of its level (a 一级 label also ends the 二级 above it)."""
    rows: Rows = []
    pending: dict[int, Piece] = {}
    for item in items:
        level = ROW_LABELS.index(item.kind) if item.kind in ("level1", "level2") else None
        if level is not None:
            if any(k >= level for k in pending):
                rows.append({k: (c, 1) for k, c in pending.items()})  # a label with no rows under it
                pending = {}
            pending[level] = item.cell
            continue
        row = {k: (c, 1) for k, c in pending.items()}
        row[2] = (item.cell, 1)
        for role, cell in item.fields.items():
            row[cols.index(role)] = (cell, 1)
        if item.unread is not None:  # spread over the value columns: written there, not placed
            row[3] = (item.unread, 1, len(cols) - 3)
        rows.append(row)
        pending = {}
    if pending:
        rows.append({k: (c, 1) for k, c in pending.items()})
    below = {0: len(rows), 1: len(rows)}  # the next row, from the last up, with a label of each level
    for r in range(len(rows) - 1, -1, -1):
        row = rows[r]
        for k in (0, 1):
            if k in row:
                row[k] = (row[k][0], below[k] - r)
        first = min(row, default=2)
        for k in (0, 1):
            if first <= k:
                below[k] = r
    return rows


def _total_row(norm: NormText, cells: list[Piece]) -> dict[int, tuple[Piece, int]] | None:
    """The 总分 row: its label, its figures (a glued pair split into weight and score) and grade."""
    start = next((i for i, c in enumerate(cells) if _role(c, BLOCKS) == "total"), None)
    if start is None:
        return None
    values: list[Piece] = []
    grade = None
    for cell in cells[start + 1 :]:
        if not values and not _row_value(cell):
            cell = leading_figures(cell, 1) or cell  # '总分 | 100偏差大或目标…': the figure glued to words
        if _row_value(cell) or score_weight(cell.text) is not None:
            values.append(cell)
            continue
        grade = cell if _grade(cell) is not None else None
        break
    if len(values) == 1 and values[0].glued and score_weight(values[0].text) is None:
        nums = _agreed(_glued_budget(values[0], ["weight", "score"], {}))
        values = [_num_piece(nums[k], norm.text, values[0].line) for k in ("weight", "score") if k in nums]
    pieces = [cells[start], *values, *([grade] if grade is not None else [])]
    return {2 + k: (c, 1) for k, c in enumerate(pieces)}
