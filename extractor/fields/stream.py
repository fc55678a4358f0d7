"""Tables whose rows the flattening lost, recovered as one grid (``grid.Table``, source "text")
from the text's cell stream; the template mapper (``fields/table_grid.py``) reads it like any grid.

``read/recover.py`` recovers a table written a row a line (or a cell a line). Some texts keep no
rows: the whole table on one line with single spaces, cells glued with no separator at all,
rows cut across lines as a web page was scraped, empty cells dropped. Here every table-like line
is cut into *pieces* (text with offsets in the normalized text; a glued line is cut at the
table's own labels), and the pieces of the whole text run as one stream:

- key labels (项目名称, 主管部门, 实施单位 …) and the piece after them become rows of two cells;
- the budget header (年初预算数 全年预算数 …) gives the columns of the 年度资金总额 row and the
  funds rows under it, figures right-aligned where an empty cell was dropped;
- the indicator header (一级指标 二级指标 三级指标 …) gives the data columns; a small dynamic
  program assigns the pieces after it to rows and columns by their type (operator, number,
  unit, text); a 一级/二级 label spans down to the next label of its level;
- glued runs ('202010100.00%10', '安装坡面水标尺10≥266米≥266米10…') are split by enumerating the
  typed readings that satisfy the table's arithmetic, kept only where every reading agrees.

A row whose figures cannot be placed keeps its name and one cell spread over the value columns
(so that the rows after it keep their numbers). Vocabulary: ``patterns/tables.toml``. Where a
reading is ambiguous the piece is left out rather than guessed.
"""

from __future__ import annotations

import bisect
from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from decimal import Decimal
from functools import lru_cache

import regex

import patterns
from extractor.fields import table_grid
from extractor.fields.cells import (
    AMOUNT_SCALE,
    GRADES,
    OPS,
    PLACEHOLDERS,
    UNITS,
    figure,
    score_weight,
    unit_word,
)
from extractor.fields.cells import NUMBER as NUMBER_CELL
from extractor.fields.labels import Vocabulary
from extractor.fields.table_grid import TableResult as GridResult
from extractor.fields.table_grid import read_tables
from extractor.grid import Cell, Table, build_table
from extractor.normalize import NormText, is_tabular

_T = patterns.load("tables")
_TAIL = _T["label_tail"]
_MAX_GLUED = 80  # longest glued numeric run we try to segment
_MAX_SOLUTIONS = 64
_SKIP_CELL = 3.0
_LONE_CELL = regex.compile(r"\S{1,30}")  # a short line alone: a cell of a table copied one cell per line
_WRAP_WIDTH = 15  # lines this long, one after another, are a wrapped text, not cells one per line
_WRAPPED_CELL = 6  # a text cell this long, cut at a line break, may go on on the next line
_ROW_IDS = 1000
_SHORT_VALUE = 8  # a line alone this short, in words, may be a table cell
END_HEADING = regex.compile(_T["indicator"]["end_heading"])
SENTENCE = regex.compile(r"[,，。;；]")
_WIDE_GAP = regex.compile(r"[ \t\u3000]{2,}")
SPACED_WORD = regex.compile(r"\p{Han}(?: \p{Han}){1,7}")
PAGE_MARK = regex.compile(_T["page_mark"])  # row ids: logical line x 1000 + physical line within it


KEYS, BUDGET_COLS, BUDGET_ROWS, BLOCKS, IND_COLS = (  # labels matched with tolerance (fields/labels.py)
    table_grid.KEYS,
    table_grid.BUDGET_COLS,
    table_grid.FUNDS_ROWS,
    table_grid.BLOCKS,
    table_grid.IND_COLS,
)
BUDGET_KINDS: dict[str, str] = _T["budget"]["kinds"]
AMOUNT_KINDS = ("amount", "unread_amount")
_LV = _T["indicator"]["levels"]
LEVEL1 = regex.compile("(?P<v>" + "|".join(_LV["level1"]) + ")(?:" + _LV["weight_note"] + ")?:?")
LEVEL2 = regex.compile(
    "(?P<v>(?:" + "|".join(_LV["level2"]) + ")" + _LV["level2_tail"] + ")(?:" + _LV["weight_note"] + ")?:?"
)
_I = _T["indicator"]
NATURE = set(_I["nature"])
ACTUAL_WORDS = sorted(_I["actual_words"], key=len, reverse=True)
UNIT_RE = regex.compile(_T["budget"]["unit"]["pattern"])

_ALT = lambda words: "|".join(regex.escape(w) for w in sorted(words, key=lambda w: (-len(w), w)))  # noqa: E731
OP_RE = "(?:" + _ALT(OPS) + ")"
OP = regex.compile(OP_RE)
HAN = regex.compile(r"\p{Han}")
SPACE = regex.compile(r"\s")
DIGITS = regex.compile(r"\d+")
PIPE, BLANK = regex.compile(r"\|"), regex.compile(" ")  # cell separators of a flattened row
# A cell opening with an operator glyph or a percentage is a value, never a name.
VALUE_START = regex.compile(r"(?:" + _ALT(o for o in OPS if not HAN.search(o)) + r")|\d+(?:\.\d+)?%")
QUALITATIVE = regex.compile(r"^[\p{Han}\p{P}]+$")  # no digits, no Latin letters (OCR garbage like '第O份')
DATE_VALUE = regex.compile(_I["date_value"])
EXECUTION_ROW = regex.compile("(?:" + "|".join(_I["execution_rows"]) + ")")


def _all_labels() -> regex.Pattern[str]:
    """Every label, longest first, for cutting glued lines into cells."""
    words: list[str] = []
    for table in (
        _T["key"],
        _T["budget"]["columns"],
        _T["budget"]["rows"],
        _T["blocks"],
        _T["indicator"]["columns"],
    ):
        for ws in table.values():
            words.extend(ws)
    words.extend(_LV["level1"] + _LV["level2"])
    alt = "|".join(sorted(set(words), key=lambda w: (-len(w), w)))
    return regex.compile("(?:" + alt + ")" + _TAIL)


LABEL = _all_labels()
KEY_LINE = regex.compile(
    r"^\s*(?P<label>(?:" + "|".join(w for ws in _T["key"].values() for w in ws) + ")" + _TAIL + r")"
    r"[ \t]*[^\s,，。;；]{2,40}$"  # a short value, not a sentence ('实施单位严格按照…,')
)


# --------------------------------------------------------------------------- cells


@dataclass(frozen=True, slots=True)
class Piece:
    """A cell of the stream: a stretch of the normalized text between separators (or cut from a
    glued line); it becomes a grid cell once its column is known."""

    start: int  # offsets in the normalized text
    end: int
    text: str
    line: int
    glued: bool = False  # cut out of a line that had no separators

    @property
    def compact(self) -> str:
        return "".join(self.text.split())


@dataclass(frozen=True)
class Num:
    """A number read from a cell: operator, value as printed, unit, and where."""

    op: str
    number: Decimal
    unit: str
    start: int
    end: int  # end of the number (the unit follows)
    unit_end: int


def _lines(norm: NormText) -> Iterator[tuple[int, list[Piece], list[Piece]]]:
    """(row id, cells without empties, cells with empties for positional rows) of each table-like line.

    A logical line the normalizer joined from several physical lines (a table copied one cell per
    line) is cut back at its line breaks; tabs of the source separate cells like pipes."""
    for no, (s, e) in enumerate(norm.lines()):
        line = norm.text[s:e]
        if "|" in line:
            cells = _split(norm, s, e, PIPE, no * _ROW_IDS)
            yield no * _ROW_IDS, [c for c in cells if c.compact], []
            continue
        parts = _physical(norm, s, e)
        if len(parts) == 1 or _wrapped(norm, parts):
            yield from _part(norm, s, e, no * _ROW_IDS, alone=False)
            continue
        for k, (a, b) in enumerate(parts):
            for row, cells, spaced in _part(norm, a, b, no * _ROW_IDS + k + 1, alone=True):
                if len(cells) == 1 and not spaced:  # one cell per line: cells of one row of the source
                    yield no * _ROW_IDS, [replace(cells[0], line=no * _ROW_IDS)], []
                else:
                    yield row, cells, spaced


def _part(
    norm: NormText, s: int, e: int, row: int, alone: bool
) -> Iterator[tuple[int, list[Piece], list[Piece]]]:
    """Cells of one physical line; `alone`: a line cut out of a joined one, kept as one cell if it is
    nothing else (a table copied one cell per line)."""
    line = norm.text[s:e]
    furniture = [(s + m.start(), s + m.end()) for m in PAGE_MARK.finditer(line)]
    for r, cells, spaced in _part_cells(norm, s, e, row, alone):
        if furniture:  # '… 第 1 页 …' left inside a flattened table
            cells = [c for c in cells if not any(a <= c.start and c.end <= b for a, b in furniture)]
            spaced = []
        if cells:
            yield r, cells, spaced


def _part_cells(
    norm: NormText, s: int, e: int, row: int, alone: bool
) -> Iterator[tuple[int, list[Piece], list[Piece]]]:
    line = norm.text[s:e]
    tabs = _tab_cuts(norm, s, e)
    gaps = _space_cuts(norm, s, e, row) if not tabs and not is_tabular(line) else []
    if tabs:
        cells = _unglue(norm, _cut_at(norm, s, e, tabs, row))
        yield row, [c for c in cells if c.compact], cells
    elif gaps:
        yield row, gaps, []
    elif SPACED_WORD.fullmatch(line):  # '产 出 指 标': one cell spaced out letter by letter
        yield row, [_cell(norm, s, e, row)], []
    elif is_tabular(line):
        cells = _join_split_labels(_unglue(norm, _split(norm, s, e, BLANK, row)))
        yield row, [c for c in cells if c.compact], cells
    elif _label_and_values(line):  # '上年结转资金 — — —': not tabular to the normalizer
        yield row, [c for c in _split(norm, s, e, BLANK, row) if c.compact], []
    elif len(LABEL.findall(line)) >= 2:
        yield row, _glued(norm, s, e, row), []
    elif key := KEY_LINE.match(line):  # '项目名称 乡村道路养护项目': a label and its value, alone
        yield row, [_cell(norm, s, s + key.end("label"), row), _cell(norm, s + key.end("label"), e, row)], []
    elif alone or (_LONE_CELL.fullmatch(line) and _table_word(_cell(norm, s, e, row))):
        yield row, [_cell(norm, s, e, row)], []


def _join_split_labels(cells: list[Piece]) -> list[Piece]:
    """Cells a single space split inside one table label ('经济效益 指标' -> '经济效益指标'): joined
    again where the pieces together, and not the first alone, are a label or a level name."""
    out: list[Piece] = []
    i = 0
    while i < len(cells):
        j = next((j for j in range(min(len(cells), i + 4), i + 1, -1) if _split_label(cells[i:j])), i + 1)
        parts = cells[i:j]
        out.append(Piece(parts[0].start, parts[-1].end, " ".join(c.text for c in parts), parts[0].line))
        i = j
    return out


def _split_label(cells: list[Piece]) -> bool:
    if any(not c.compact or not HAN.search(c.text) for c in cells):
        return False
    if any(b.start - a.end != 1 for a, b in zip(cells, cells[1:], strict=False)):
        return False
    return _known_label("".join(c.compact for c in cells)) and not _known_label(cells[0].compact)


def _known_label(text: str) -> bool:
    return bool(LABEL.fullmatch(text) or LEVEL1.fullmatch(text) or LEVEL2.fullmatch(text))


def _table_word(cell: Piece) -> bool:
    """A short line alone that is a table's label, level name or figure (not a line of prose)."""
    if END_HEADING.match(cell.compact):
        return True  # a section heading: it ends the table's rows
    if _is_label(cell) or _is_value(cell) or _level(cell, None) is not None:
        return True
    return len(cell.compact) <= _SHORT_VALUE and _text(cell)  # a value in words ('有效', '明显提升')


def _label_and_values(line: str) -> bool:
    tokens = line.split()
    return len(tokens) >= 3 and all(t in PLACEHOLDERS or NUMBER_CELL.match(t) for t in tokens[1:])


def _unglue(norm: NormText, cells: list[Piece]) -> list[Piece]:
    """Cut a cell the normalizer glued from a number and the words after it ('9 个别农户…' read as
    '9个别农户…', a score and its reason) where the source had a space between them."""
    out = []
    for cell in cells:
        m = GLUED_TAIL.fullmatch(cell.text)
        cut = cell.start + m.end("num") if m and _number(cell) is None else None
        if cut is not None and SPACE.search(_gap(norm, cut)):
            out.extend([_cell(norm, cell.start, cut, cell.line), _cell(norm, cut, cell.end, cell.line)])
        else:
            out.append(cell)
    return out


def _gap(norm: NormText, i: int) -> str:
    """The original characters dropped between text[i-1] and text[i] (a tab, a line break, spaces)."""
    return norm.original[norm.origin[i - 1] + 1 : norm.origin[i]]


def _source(norm: NormText, s: int, e: int) -> str:
    """The original text a logical line text[s:e] came from, dropped characters included."""
    return norm.original[norm.origin[s] : norm.origin[e - 1] + 1] if e > s else ""


def _physical(norm: NormText, s: int, e: int) -> list[tuple[int, int]]:
    """(start, end) of the physical lines a logical line was joined from."""
    base = norm.origin[s]
    source = _source(norm, s, e)
    breaks = [base + i for i, ch in enumerate(source) if ch == "\n"]
    cuts = sorted({bisect.bisect_right(norm.origin, k, s, e) for k in breaks} - {s, e})
    bounds = [s, *cuts, e]
    return [(a, b) for a, b in zip(bounds, bounds[1:], strict=False) if b > a]


def _wrapped(norm: NormText, parts: list[tuple[int, int]]) -> bool:
    """Lines of one text wrapped at a page width (most of them long, with no gaps), not cells one per
    line nor rows ('上年结转资金 — — —')."""
    long = [b - a >= _WRAP_WIDTH and not SPACE.search(norm.text, a, b) for a, b in parts[:-1]]
    return sum(long) >= 0.6 * len(long)


def _tab_cuts(norm: NormText, s: int, e: int) -> list[tuple[int, int, int]]:
    """(cut start, cut end, empty cells) of each tab separator: a tab kept in the text, or tabs the
    normalizer dropped between two characters ('项目名称\t2023年…' joined to '项目名称2023年…')."""
    if "\t" not in _source(norm, s, e):
        return []
    out = []
    i = s
    while i < e:
        if norm.text[i] == "\t":
            j = i
            while j < e and norm.text[j] in " \t":
                j += 1
            out.append((i, j, norm.text[i:j].count("\t") - 1))
            i = j
            continue
        if i > s and "\t" in (gap := _gap(norm, i)):
            out.append((i, i, gap.count("\t") - 1))
        i += 1
    return out


def _space_cuts(norm: NormText, s: int, e: int, row: int) -> list[Piece]:
    """Cells of a row whose wide gaps (two spaces or more) the normalizer dropped, not seeing a table
    ('年度资金总额:  3359.62万  3359.62万  100%'): kept only if a cell is a figure or a placeholder
    and none is a sentence."""
    if not _WIDE_GAP.search(_source(norm, s, e)):
        return []
    cuts = []
    for i in range(s + 1, e):
        if (
            norm.text[i] == " "
            and i + 1 < e
            and _WIDE_GAP.fullmatch(norm.original[norm.origin[i - 1] + 1 : norm.origin[i + 1]])
        ):
            cuts.append((i, i + 1, 0))  # a run of spaces the normalizer shortened to one
        elif norm.text[i - 1] != " " and _WIDE_GAP.fullmatch(_gap(norm, i)):
            cuts.append((i, i, 0))
    if not cuts:
        return []
    cells = [c for c in _cut_at(norm, s, e, cuts, row) if c.compact]
    if any(SENTENCE.search(c.text) for c in cells):
        return []  # a sentence with wide spaces, not a row
    return cells if len(cells) > 1 and any(_is_value(c) for c in cells) else []


def _cut_at(norm: NormText, s: int, e: int, cuts: list[tuple[int, int, int]], row: int) -> list[Piece]:
    out, pos = [], s
    for a, b, empties in cuts:
        out.extend(_cut_prefix(norm, pos, a, row))
        out.extend(Piece(b, b, "", row) for _ in range(empties))
        pos = b
    out.extend(_cut_prefix(norm, pos, e, row))
    return out


def _split(norm: NormText, s: int, e: int, sep: regex.Pattern[str], no: int) -> list[Piece]:
    out, pos = [], s
    for m in sep.finditer(norm.text[s:e]):
        out.extend(_cut_prefix(norm, pos, s + m.start(), no))
        pos = s + m.end()
    out.extend(_cut_prefix(norm, pos, e, no))
    return out


def _cut_prefix(norm: NormText, s: int, e: int, no: int) -> list[Piece]:
    """A cell; one that opens with a 'label:' is cut after the colon ('年度资金总额:0')."""
    text = norm.text[s:e]
    lead = len(text) - len(text.lstrip())
    m = LABEL.match(text, lead)
    if m and m.group().endswith(":") and m.end() < len(text.rstrip()):
        return [_cell(norm, s + lead, s + m.end(), no), _cell(norm, s + m.end(), e, no)]
    return [_cell(norm, s, e, no)]


def _cell(norm: NormText, s: int, e: int, no: int, glued: bool = False) -> Piece:
    while s < e and norm.text[s].isspace():
        s += 1
    while e > s and norm.text[e - 1].isspace():
        e -= 1
    return Piece(s, e, norm.text[s:e], no, glued)


def _glued(norm: NormText, s: int, e: int, no: int) -> list[Piece]:
    """Cut a separator-less line at its labels: labels and the text between them become cells."""
    out, pos = [], s
    for m in LABEL.finditer(norm.text, s, e):
        if m.start() > pos:
            out.append(_cell(norm, pos, m.start(), no, glued=True))
        out.append(_cell(norm, m.start(), m.end(), no, glued=True))
        pos = m.end()
    if pos < e:
        out.append(_cell(norm, pos, e, no, glued=True))
    return [c for c in out if c.compact]


# --------------------------------------------------------------------------- cell types


def _role(cell: Piece, vocabulary: Vocabulary) -> str | None:
    return vocabulary.role(cell.text)


def _is_label(cell: Piece) -> bool:
    return bool(LABEL.fullmatch(cell.compact))


@lru_cache(maxsize=8192)
def _number(cell: Piece) -> Num | None:
    """The cell as one figure (``cells.figure``, the one cell-value reader), offsets in the text."""
    fig = figure(cell.text)
    if fig is None:
        return None
    base = cell.start
    return Num(fig.op, fig.number, fig.unit, base + fig.start, base + fig.end, base + fig.unit_end)


def _unit_word(cell: Piece) -> bool:
    """A 度量单位 cell: a unit alone ('个', '万人', '元/平方米')."""
    return unit_word(cell.text)


def _is_placeholder(cell: Piece) -> bool:
    return cell.compact in PLACEHOLDERS


def _is_garbage(cell: Piece) -> bool:
    """A short cell with no Chinese and no readable number ('O' for a lost 0)."""
    return not HAN.search(cell.text) and len(cell.compact) <= 4 and _number(cell) is None


def _is_value(cell: Piece) -> bool:
    return _number(cell) is not None or _is_placeholder(cell) or _is_garbage(cell)


# --------------------------------------------------------------------------- entry point


def stream_tables(norm: NormText) -> list[Table]:
    """The self-evaluation table of the text recovered as one grid (source "text") from its cell
    stream: the key labels with their values, the budget block and the indicator block with its
    总分 row, in the order they stand."""
    stream: list[Piece] = []
    spaced: dict[int, list[Piece]] = {}
    for no, cells, with_empties in _lines(norm):
        stream.extend(cells)
        if with_empties:
            spaced[no] = with_empties
    budget = _header(stream, BUDGET_COLS, {"initial", "adjusted", "executed", "rate"})
    indicator = _header(stream, IND_COLS, {"name"})
    if budget is None and indicator is None:
        return []
    blocks = _key_rows(norm, stream)
    if budget is not None:
        blocks.append((budget[0], _budget_grid(norm, stream, budget)))
    if indicator is not None:
        blocks.append((indicator[0], _indicator_grid(norm, stream, spaced, indicator)))
    rows = [row for _, block in sorted(blocks, key=lambda b: b[0]) for row in block]
    return [_as_table(norm, rows)]


def extract_tables(norm: NormText) -> GridResult:
    """Fields and indicators of the tables flattened in the text (``stream_tables``, read by the
    template mapper)."""
    written = NormText(
        norm.original, list(range(len(norm.original) + 1)), norm.original, norm.page_starts, norm.line_starts
    )
    return read_tables(stream_tables(norm), written)


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


# --------------------------------------------------------------------------- grids

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
        if nxt.glued and norm.text.count(nxt.compact) < 2:
            continue  # a glued value's end is only trusted when the same text stands elsewhere
        rows.append((i, [{0: (cell, 1), 1: (nxt, 1)}]))
    return rows


# --------------------------------------------------------------------------- budget block


def _budget_grid(norm: NormText, stream: list[Piece], header: tuple[int, int]) -> Rows:
    """The budget header (its corner: the block's group cell or the cell stating the unit) and the
    total and funds rows, each figure in its column; glued runs split by the table's arithmetic."""
    h0, h1 = header
    head = [c for c in stream[h0:h1] if (r := _role(c, BUDGET_COLS)) and BUDGET_KINDS[r] != "text"]
    cols = [_role(c, BUDGET_COLS) for c in head]
    if "initial" in cols and "adjusted" not in cols:  # 预算数 beside 年初预算数: the year's budget
        cols = ["adjusted" if c == "budget" else c for c in cols]
    rows = _budget_rows(stream, h1)
    total = rows[0] if rows and rows[0][0] in ("total", "") else None
    grid: Rows = [{k + 1: (c, 1) for k, c in enumerate(head)}]
    corner, unit = _corner(stream[max(0, h0 - 3) : h0])
    if unit is not None:
        grid.insert(0, {0: (unit, 1)})  # the unit stated apart from the block's group cell
    if corner is not None:
        grid[-1][0] = (corner, 2 if total is not None and total[1] is None else 1)
    if total is None:
        return grid
    nums, offset = _assign_total(total[2], cols)
    grid.append(_budget_row(norm, total[1], nums, cols))
    subs = rows[1:]
    if any(label not in ("current", "carryover", "other") for label, _, _ in subs):
        return grid  # the rows are sources (财政资金, 地方资金 …), not the 本年/上年结转/其他 rows
    amount_cols = [c for c in cols if BUDGET_KINDS[c] in AMOUNT_KINDS]
    for _, label, cells in subs:
        grid.append(_budget_row(norm, label, _assign_sub(cells, amount_cols, offset, nums), cols))
    return grid


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


def _budget_rows(stream: list[Piece], start: int) -> list[tuple[str, Piece | None, list[Piece]]]:
    """(row label role, label cell, value cells) of each row after the header, up to the block's end."""
    rows: list[tuple[str, Piece | None, list[Piece]]] = []
    for cell in stream[start:]:
        block = _role(cell, BLOCKS)
        if block == "end_budget" or _role(cell, IND_COLS) or _role(cell, KEYS):
            break
        if BLOCKS.patterns["end_budget"].match(cell.compact):
            break  # '年度总体目标预期目标…': the next block's labels run together
        if block == "budget_group":
            continue  # a merged group cell repeated at each row's start ('项目资金(元) | 年度资金总额')
        if _row_value(cell):
            if not rows:  # values right after the header: a row without a label (部门预算执行情况)
                rows.append(("", None, []))
            rows[-1][2].append(cell)
        else:
            rows.append((_role(cell, BUDGET_ROWS) or "unknown", cell, []))
    return rows


def _row_value(cell: Piece) -> bool:
    """A value cell of a budget or total row, or a glued run of them ('202010100.00%10')."""
    return _is_value(cell) or (cell.glued and _digits(cell) and not HAN.search(cell.text))


def _digits(cell: Piece) -> bool:
    return any(ch.isdigit() for ch in cell.text)


def _assign_total(cells: list[Piece], cols: list[str]) -> tuple[dict[str, Num], int]:
    """Numbers of the total row by column; the offset of its first column (empty cells dropped)."""
    if len(cells) == 1 and cells[0].glued and len(cols) > 1:
        return _agreed(_glued_budget(cells[0], cols, {})), 0
    for offset in _offsets(len(cells), len(cols)):
        nums = _typed(cells, cols[offset:])
        if nums is not None:
            return nums, offset
    return {}, 0


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


def _fits_budget(num: Num, kind: str) -> bool:
    if num.op:
        return False
    if kind in AMOUNT_KINDS:
        return num.unit in ("",) or num.unit in AMOUNT_SCALE
    if kind == "percent":
        return num.unit in ("", "%")
    return num.unit in ("", "分") and 0 <= num.number <= 100


def _budget_consistent(nums: dict[str, Num]) -> bool:
    w, s = nums.get("weight"), nums.get("score")
    return not (w and s and s.number > w.number)


def _assign_sub(cells: list[Piece], cols: list[str], offset: int, total: dict[str, Num]) -> dict[str, Num]:
    if len(cells) == 1 and cells[0].glued:
        return _agreed(_glued_budget(cells[0], cols[max(0, offset) :], total))
    out: dict[str, Num] = {}
    for cell, col in zip(cells, cols[offset:], strict=False):
        num = _number(cell)
        if num is not None and _fits_budget(num, "amount"):
            out[col] = num
    return out


# --------------------------------------------------------------------------- glued numbers


def _num_tokens(s: str, p: int, base: int, allow_op: bool) -> list[tuple[int, Num]]:
    """Every number that can start at s[p] in a glued string: each prefix of the digit run, with or
    without a unit. `base` is the offset of s in the normalized text."""
    out: list[tuple[int, Num]] = []
    op = ""
    m = OP.match(s, p) if allow_op else None
    q = p
    if m:
        op, q = OPS[m.group()], m.end()
    run = DIGITS.match(s, q)
    if not run:
        return out
    digits = run.group()
    for n in range(1, len(digits) + 1):
        if n > 1 and digits[0] == "0":
            break
        ends = [q + n]
        if n == len(digits) and s[q + n : q + n + 1] == ".":
            frac = DIGITS.match(s, q + n + 1)
            ends = [q + n + 1 + k for k in range(1, len(frac.group()) + 1)] if frac else []
        for e in ends:
            number = Decimal(s[q:e])
            whole = e >= len(s) or not s[e].isdigit()
            units = [u for u in UNITS if whole and s.startswith(u, e)] if whole else []
            for unit in [*units, ""]:
                out.append((e + len(unit), Num(op, number, unit, base + q, base + e, base + e + len(unit))))
    return out


def _glued_budget(cell: Piece, cols: list[str], total: dict[str, Num]) -> list[dict[str, Num]]:
    """Every split of a glued budget cell ('202010100.00%10') into the columns, checked by arithmetic."""
    s = cell.text
    if len(s) > _MAX_GLUED or not cols:
        return []
    out: list[dict[str, Num]] = []

    def walk(p: int, ci: int, acc: dict[str, Num]) -> None:
        if len(out) >= _MAX_SOLUTIONS:
            return
        if ci == len(cols):
            if p == len(s) and _glued_budget_ok(acc, total):
                out.append(dict(acc))
            return
        kind = BUDGET_KINDS[cols[ci]]
        for e, num in _num_tokens(s, p, cell.start, allow_op=False):
            if _fits_budget(num, kind) and (kind != "percent" or num.unit == "%"):
                walk(e, ci + 1, {**acc, cols[ci]: num})

    walk(0, 0, {})
    return out


def _glued_budget_ok(nums: dict[str, Num], total: dict[str, Num]) -> bool:
    if not _budget_consistent(nums):
        return False
    for col, num in nums.items():
        if col in total and BUDGET_KINDS[col] == "amount" and num.number > total[col].number:
            return False
    adj, exe, rate = nums.get("adjusted") or nums.get("initial"), nums.get("executed"), nums.get("rate")
    if adj and exe and rate and adj.number > 0:
        tol = Decimal(1).scaleb(rate.number.as_tuple().exponent if rate.number.as_tuple().exponent < 0 else 0)
        if abs(exe.number / adj.number * 100 - rate.number) > tol:
            return False
    w, sc = nums.get("weight"), nums.get("score")
    if rate and w and sc and abs(min(rate.number, Decimal(100)) * w.number / 100 - sc.number) > 1:
        return False
    return True


def _agreed(solutions: list[dict[str, Num]]) -> dict[str, Num]:
    """The columns on which every solution reads the same number at the same place."""
    if not solutions:
        return {}
    first = solutions[0]
    return {k: v for k, v in first.items() if all(s.get(k) == v for s in solutions[1:])}


# --------------------------------------------------------------------------- indicator block

ROW_LABELS = ("level1", "level2", "name")
VALUE_COLUMNS = ("op", "target", "unit", "actual", "weight", "score")
GLUED_TAIL = regex.compile(r"(?P<num>\d+(?:\.\d+)?)\p{Han}{3,}.*")
SUB_COLUMNS = ("op", "target", "unit")
# 调整指标值 is most often blank: skipping it costs less than skipping a filled column we ignore
SKIP_COST = {"op": 0.3, "unit": 0.3, "reason": 0.1, "ignore": 0.3, "target_adjusted": 0.2}
NAME_RUN = regex.compile(r"[^\d" + regex.escape("≥≤=<>") + r"]+")
TEXT_RUN = NAME_RUN
JUNK_TAIL = regex.compile(r"[…\.。·\s]+$")
_MAX_STEPS = 20000
TRAILING = 0.5  # columns left empty after a row's last cell cost less than gaps inside it
OVER_WEIGHT = 2.0  # a score above its weight: costlier than any gap, cheaper than dropping a cell

Assignment = dict[str, Piece]


def _ind_columns(cells: list[Piece]) -> tuple[list[str], list[str]]:
    """(row-label roles, data roles) in row order, from the header cells.

    A two-row header flattened to one run ('年度指标值 实际完成值 … 三级指标 指标性质 指标值 度量单位')
    puts the sub-columns of its group header after the row labels: they take the group's place."""
    order = [r for c in cells if (r := _role(c, IND_COLS)) and r != "group"]
    front = list(dict.fromkeys(r for r in order if r in ROW_LABELS))
    last = max((i for i, r in enumerate(order) if r in ROW_LABELS), default=-1)
    before = [r for i, r in enumerate(order) if i < last and r not in ROW_LABELS]
    after = [r for i, r in enumerate(order) if i > last]
    sub = [r for r in after if r in SUB_COLUMNS]
    if set(before) <= set(after):
        data = after  # the second row repeats the whole header with its sub-columns: it alone counts
    elif sub and "target" in before:
        k = before.index("target")
        data = before[:k] + sub + before[k + 1 :] + [r for r in after if r not in SUB_COLUMNS]
    else:
        data = before + after
    return front, data


def _indicator_grid(
    norm: NormText, stream: list[Piece], spaced: dict[int, list[Piece]], header: tuple[int, int]
) -> Rows:
    """The indicator header and rows (一级/二级 cells spanning the rows under them) and the 总分 row."""
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
            found = _parse_stream(cells, data)
        items.extend(found)
    cols = [*ROW_LABELS, *data]
    grid = [_indicator_header(stream[h0:h1], cols), *_item_rows(items, cols)]
    total = _total_row(norm, stream[end:])
    return [*grid, total] if total else grid


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
    for r, row in enumerate(rows):
        for k in (0, 1):
            if k in row:
                below = next((q for q in range(r + 1, len(rows)) if any(j <= k for j in rows[q])), len(rows))
                row[k] = (row[k][0], below - r)
    return rows


def _total_row(norm: NormText, cells: list[Piece]) -> dict[int, tuple[Piece, int]] | None:
    """The 总分 row: its label, its figures (a glued pair split into weight and score) and grade."""
    start = next((i for i, c in enumerate(cells) if _role(c, BLOCKS) == "total"), None)
    if start is None:
        return None
    values: list[Piece] = []
    grade = None
    for cell in cells[start + 1 :]:
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


def _chunks(
    stream: list[Piece], spaced: dict[int, list[Piece]], start: int, end: int, ncols: int
) -> Iterator[tuple[str, list[Piece]]]:
    """Lines whose cells (blank ones included) match the header one to one are positional rows;
    other spaced or tab-separated lines of no more cells than the header are single rows ("line");
    the remaining cells run together into streams."""
    run: list[Piece] = []
    done: set[int] = set()
    by_line: dict[int, list[Piece]] = {}
    for cell in stream[start:end]:
        by_line.setdefault(cell.line, []).append(cell)
    for cell in stream[start:end]:
        line = spaced.get(cell.line)
        if not line or line[0].start < stream[start].start:
            run.append(cell)
            continue
        own = by_line[cell.line]
        if len(line) != ncols and len(own) > ncols:
            run.append(cell)
            continue
        if cell.line not in done and (_dangling(run) or not any(_is_value(c) for c in own)):
            done.add(cell.line)  # a row begun on an earlier line goes on here, or this one goes on later
            run.extend(own)
            continue
        if cell.line in done and run and run[-1].line == cell.line:
            continue
        if run:
            yield "stream", run
            run = []
        if cell.line not in done:
            done.add(cell.line)
            yield ("row", line) if len(line) == ncols else ("line", own)
    if run:
        yield "stream", run


def _dangling(run: list[Piece]) -> bool:
    """The cells run so far end in a row name whose values have not come yet."""
    last = max((i for i, c in enumerate(run) if _is_value(c)), default=-1)
    return any(_name_cell(c) for c in run[last + 1 :])


def _line_items(cells: list[Piece], front: list[str], data: list[str]) -> list[_Item] | None:
    """One row written on its own line: its leading cells are the row labels, right-aligned (a merged
    一级/二级 cell is written only on the row where it starts), the rest fill the data columns by type.
    None when no split, or more than one at the same cost, fits."""
    options: list[tuple[float, int, Assignment]] = []
    for k in range(1, min(len(front), len(cells) - 1) + 1):
        if not _name_cell(cells[k - 1]) or any(_is_label(c) and not _level(c, None) for c in cells[: k - 1]):
            continue
        aligned = _align(cells[k:], data)
        if aligned is not None and _fills_number(aligned[1]):
            options.append((aligned[0], k, aligned[1]))
    if not options:
        return None
    best = min(o[0] for o in options)
    tied = [o for o in options if o[0] <= best + 1e-9]
    if len(tied) > 1:
        return None
    _, k, fields = tied[0]
    roles = front[:-1][len(front) - k :] if k > 1 else []
    items = [_Item(role, c) for role, c in zip(roles, cells[: k - 1], strict=True)]
    return [*items, _Item("row", cells[k - 1], fields)]


def _line_fallback(cells: list[Piece], front: list[str], data: list[str]) -> list[_Item]:
    """A line no right-aligned reading fits: the stream reading, if the row it finds is named by one of
    the line's leading cells; else the row's name alone, so that the rows after it keep their numbers."""
    items = _parse_stream(cells, data)
    lead = {id(c) for c in cells[: len(front)]}
    if any(it.kind == "row" for it in items) and all(id(it.cell) in lead for it in items if it.kind == "row"):
        return items
    first = next((i for i, c in enumerate(cells) if _is_value(c) or c.compact in OPS), None)
    if first is None or not 0 < first <= len(front) or not data or data[0] not in VALUE_COLUMNS:
        return []
    name, labels = cells[first - 1], cells[: first - 1]
    if not _name_cell(name) or len(labels) >= len(front):
        return []
    roles = front[:-1][len(front) - 1 - len(labels) :]
    rest = Piece(cells[first].start, cells[-1].end, "", cells[first].line)
    return [*(_Item(r, c) for r, c in zip(roles, labels, strict=True)), _Item("row", name, {}, rest)]


def _fills_number(fields: Assignment) -> bool:
    return any(
        _number(c) is not None for r, c in fields.items() if r in ("target", "actual", "weight", "score")
    )


@dataclass
class _Item:
    kind: str  # "level1", "level2" or "row"
    cell: Piece  # the level label or the indicator name
    fields: Assignment = field(default_factory=dict)
    unread: Piece | None = None  # a row's values not placed in their columns: the name keeps the numbering


def _positional(cells: list[Piece], cols: list[str]) -> list[_Item]:
    by_role = {role: c for role, c in zip(cols, cells, strict=False) if c.compact and role not in ("ignore",)}
    items = [_Item(r, by_role[r]) for r in ("level1", "level2") if r in by_role]
    name = by_role.get("name")
    if name is not None and _name_cell(name):
        fields = {r: c for r, c in by_role.items() if r not in ROW_LABELS and _accepts(r, c)}
        items.append(_Item("row", name, fields))
    return items


def _name_cell(cell: Piece) -> bool:
    if EXECUTION_ROW.fullmatch(cell.compact):
        return True  # the 预算执行率 row of a department scoring table
    if _unit_word(cell) or VALUE_START.match(cell.compact):
        return False  # '万人' alone: a 度量单位 cell; '90%以上', '≥3次/年': a value
    return bool(HAN.search(cell.text)) and not _is_label(cell) and _number(cell) is None and not _date(cell)


def _date(cell: Piece) -> bool:
    """A date as a value (2023年12月底前), not a figure: a value in words."""
    return any(ch.isdigit() for ch in cell.compact) and bool(DATE_VALUE.fullmatch(cell.compact))


def _accepts(role: str, cell: Piece) -> bool:
    if _is_placeholder(cell):
        return role != "name"
    num = _number(cell)
    if role == "op":
        return cell.compact in OPS or cell.compact in NATURE
    if role == "unit":
        return _unit_word(cell)
    if role in ("target", "actual", "target_adjusted"):
        # a value we cannot read ('≥90%以上') still takes its column; it is not output
        return num is not None or _text(cell) or (bool(VALUE_START.match(cell.compact)) and _digits(cell))
    if role == "score" and score_weight(cell.text) is not None:
        return True
    if role in ("weight", "score"):
        return num is not None and not num.op and num.unit in ("", "分") and 0 <= num.number <= 100
    if role == "reason":
        return num is None and bool(HAN.search(cell.text))
    return role == "ignore"


def _text(cell: Piece) -> bool:
    """A qualitative value: Chinese words only (no digits, no Latin letters from OCR noise), or a date."""
    if _date(cell) and _number(cell) is None:
        return True
    return bool(HAN.search(cell.text)) and bool(QUALITATIVE.match(cell.compact)) and not _is_label(cell)


def _level(cell: Piece, nxt: Piece | None) -> str | None:
    c = cell.compact
    one, two = LEVEL1.fullmatch(c), LEVEL2.fullmatch(c)
    if one and two:
        return "level1" if nxt is not None and LEVEL2.fullmatch(nxt.compact) else "level2"
    return "level1" if one else "level2" if two else None


def _parse_stream(cells: list[Piece], cols: list[str]) -> list[_Item]:
    """Cut a run of cells into level labels and rows, at least cost (skipped columns and cells)."""
    n = len(cells)
    cost = [0.0] * (n + 1)
    pick: list[tuple[int, list[_Item]]] = [(1, [])] * (n + 1)
    for i in range(n - 1, -1, -1):
        options = [(_SKIP_CELL + cost[i + 1], 1, [])]
        options.extend(_options(cells, i, cols, cost))
        best = min(options, key=lambda o: (o[0], -o[1]))
        cost[i], pick[i] = best[0], (best[1], best[2])
    items, i = [], 0
    while i < n:
        step, found = pick[i]
        items.extend(found)
        i += step
    return items


def _options(
    cells: list[Piece], i: int, cols: list[str], cost: list[float]
) -> list[tuple[float, int, list[_Item]]]:
    cell = cells[i]
    level = _level(cell, cells[i + 1] if i + 1 < len(cells) else None)
    if level:
        return [(cost[i + 1], 1, [_Item(level, cell)])]
    if cell.glued and _digits(cell):
        rows = _glued_rows(cell, [c for c in cols if c in ("weight", "target", "actual", "score")])
        return [(cost[i + 1], 1, rows)] if rows else []
    if not _name_cell(cell):
        return []
    out = _row_options(cells, i, 1, cell, cols, cost)
    if i + 1 < len(cells) and _wraps(cell, cells[i + 1]):  # a name wrapped onto the next line
        out.extend(_row_options(cells, i, 2, _joined(cell, cells[i + 1]), cols, cost))
    return out


def _row_options(
    cells: list[Piece], i: int, used: int, name: Piece, cols: list[str], cost: list[float]
) -> list[tuple[float, int, list[_Item]]]:
    """Rows named `name` (taking `used` cells from i) with k cells after it; a last text cell wrapped
    onto the next line (a long reason) may take that line too."""
    out = []
    first = i + used
    for k in range(0, min(len(cols), len(cells) - first) + 1):
        if k and (_is_label(cells[first + k - 1]) or _level(cells[first + k - 1], None)):
            break
        window = cells[first : first + k]
        tries = [(window, k)]
        if k and first + k < len(cells) and _wraps(window[-1], cells[first + k]):
            tries.append(([*window[:-1], _joined(window[-1], cells[first + k])], k + 1))
        for win, took in tries:
            aligned = _align(win, cols)
            if aligned is not None:
                out.append((aligned[0] + cost[first + took], used + took, [_Item("row", name, aligned[1])]))
    return out


def _wraps(a: Piece, b: Piece) -> bool:
    """b continues a: a text cell cut at a line break (no separator between them), a filling its line."""
    return (
        a.end == b.start
        and not a.glued
        and len(a.compact) >= _WRAPPED_CELL
        and all(_name_cell(c) and not _level(c, None) for c in (a, b))
    )


def _joined(a: Piece, b: Piece) -> Piece:
    return Piece(a.start, b.end, a.text + b.text, a.line)


def _align(cells: list[Piece], cols: list[str]) -> tuple[float, Assignment] | None:
    """Least-cost monotone assignment of cells to columns by type; ties keep only what they share."""
    fits = [[_accepts(col, c) for col in cols] for c in cells]
    best: list[float] = [float("inf")]
    found: list[Assignment] = []

    def skip(a: int, b: int) -> float:
        return sum(SKIP_COST.get(c, 1.0) for c in cols[a:b])

    def walk(ci: int, ki: int, spent: float, acc: Assignment) -> None:
        if spent > best[0] + 1e-9:
            return
        if ci == len(cells):
            total = spent + skip(ki, len(cols)) * TRAILING  # a row cut short leaves its tail empty
            if not _row_ok(acc):
                total += OVER_WEIGHT  # a score above its weight is a reading of last resort (score.bounds)
            if total > best[0] + 1e-9:
                return
            if total < best[0] - 1e-9:
                best[0] = total
                found.clear()
            found.append(dict(acc))
            return
        for kj in range(ki, len(cols)):
            if fits[ci][kj]:
                walk(ci + 1, kj + 1, spent + skip(ki, kj), {**acc, cols[kj]: cells[ci]})

    walk(0, 0, 0.0, {})
    if not found:
        return None
    shared = {k: v for k, v in found[0].items() if all(f.get(k) is v for f in found[1:])}
    return best[0], shared


def _row_ok(acc: Assignment) -> bool:
    """No score above its weight, and a target in words has an actual in words (and a figure a figure)."""
    w, s = acc.get("weight"), acc.get("score")
    wn, sn = (_number(w) if w else None), (_number(s) if s else None)
    if wn and sn and sn.number > wn.number:
        return False
    t, a = acc.get("target"), acc.get("actual")
    if t is None or a is None or _is_placeholder(t) or _is_placeholder(a):
        return True
    return not ((_number(t) is None and _text(t) and _number(a) is not None) or (_number(t) and _text(a)))


# --------------------------------------------------------------------------- glued indicator rows


def _glued_rows(cell: Piece, cols: list[str]) -> list[_Item]:
    """Rows glued into one cell ('安装坡面水标尺10≥266米≥266米10水标尺宽度10…'): every reading of
    name + columns that uses the whole text; values kept where all readings agree."""
    text = JUNK_TAIL.sub("", cell.text)
    if not cols or len(text) > 40 * _MAX_GLUED:
        return []
    solutions: list[list[dict[str, tuple[int, int]]]] = []
    steps = [0]

    def row(p: int, rows: list[dict[str, tuple[int, int]]]) -> None:
        if p == len(text):
            solutions.append(rows)
            return
        m = NAME_RUN.match(text, p)
        if m and HAN.search(m.group()) and m.end() < len(text):
            fields(m.end(), 0, {"name": (p, m.end())}, rows)

    def fields(
        p: int, ci: int, acc: dict[str, tuple[int, int]], rows: list[dict[str, tuple[int, int]]]
    ) -> None:
        steps[0] += 1
        if len(solutions) >= _MAX_SOLUTIONS or steps[0] > _MAX_STEPS:
            return
        if ci == len(cols):
            if _glued_row_ok(text, acc):
                row(p, [*rows, acc])
            return
        for e in _token_ends(text, p, cols[ci]):
            fields(e, ci + 1, {**acc, cols[ci]: (p, e)}, rows)

    row(0, [])
    if steps[0] > _MAX_STEPS:
        return []
    return _agreed_rows(cell, solutions)


def _token_ends(s: str, p: int, role: str) -> list[int]:
    if role in ("weight", "score"):
        return [e for e, n in _num_tokens(s, p, 0, False) if n.unit in ("", "分") and n.number <= 100]
    ends = [e for e, _ in _num_tokens(s, p, 0, True)]
    m = TEXT_RUN.match(s, p)
    if m and HAN.search(m.group()):
        run = m.group()
        ends.append(m.end())
        if role == "target":
            half = len(run) // 2
            if len(run) % 2 == 0 and run[:half] == run[half:]:
                ends.append(p + half)
            ends.extend(m.end() - len(w) for w in ACTUAL_WORDS if run.endswith(w) and len(run) > len(w))
    return ends


def _glued_row_ok(s: str, acc: dict[str, tuple[int, int]]) -> bool:
    def num(role: str) -> Num | None:
        if role not in acc:
            return None
        m = NUMBER_CELL.match(s[acc[role][0] : acc[role][1]])
        return (
            Num(OPS.get(m["op"] or "", ""), Decimal(m["num"].replace(",", "")), m["unit"] or "", 0, 0, 0)
            if m
            else None
        )

    w, sc, t, a = num("weight"), num("score"), num("target"), num("actual")
    if w and sc and sc.number > w.number:
        return False
    if ("target" in acc and "actual" in acc) and ((t is None) != (a is None)):
        return False  # a qualitative target has a qualitative actual
    return not (t and a and t.unit != a.unit)


def _agreed_rows(cell: Piece, solutions: list[list[dict[str, tuple[int, int]]]]) -> list[_Item]:
    if not solutions or len({len(s) for s in solutions}) != 1:
        return []
    items = []
    for k, first in enumerate(solutions[0]):
        shared = {r: span for r, span in first.items() if all(s[k].get(r) == span for s in solutions[1:])}
        if "name" not in shared:
            return []
        sub = {r: _sub(cell, a, b) for r, (a, b) in shared.items()}
        items.append(_Item("row", sub.pop("name"), sub))
    return items


def _sub(cell: Piece, a: int, b: int) -> Piece:
    return Piece(cell.start + a, cell.start + b, cell.text[a:b], cell.line, glued=True)


def _grade(cell: Piece) -> str | None:
    c = cell.compact
    return GRADES.get(c)
