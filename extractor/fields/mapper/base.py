"""One table being read: its grid with merged cells repeated, the cells claimed, and the
helpers every block reader uses (rows, header rows, key labels, cells placed in their column)."""

from __future__ import annotations

from dataclasses import dataclass, field

from extractor.fields import cells as cv
from extractor.fields.labels import Vocabulary
from extractor.fields.mapper.vocab import (
    BUDGET_COLS,
    IND_COLS,
    KEYS,
    PROJECT_KEYS,
    SEAL_FIRST,
    SEAL_LAST,
    UNIT_LIST,
    WORD_COLUMNS,
)
from extractor.grid import Cell, Table
from extractor.models import Indicator, Level, NumberKind, Value
from extractor.normalize import NormText, fold

UNIT_ROLES = ("unit_name", "unit_fallback", "department")  # a unit's slot: one organisation's name


@dataclass
class TableResult:
    """What the tables state: flat-keyed fields, indicator rows in document order, and the cells read."""

    fields: dict[str, Value] = field(default_factory=dict)
    indicators: list[Indicator] = field(default_factory=list)
    claimed: list[Cell] = field(default_factory=list)
    levels: list[Level] = field(default_factory=list)
    recovered: bool = False  # read from grids recovered from text lines (``read/recover.py``)
    hidden: list[Cell] = field(default_factory=list)  # cells read from grids the source gave (not text)
    other_forms: list[str] = field(default_factory=list)  # projects of the forms after the report's
    other_cells: list[Cell] = field(default_factory=list)  # the cells those forms' tables read
    project_form: bool = False  # a project form's key was read (项目名称, 实施单位)
    implementer: bool = False  # report.unit_name is a 实施单位 cell's (not a 单位名称 one's)
    cells: list[Cell] = field(default_factory=list)  # the tables' cells in rows of several, read or not


class GridReader:
    """One table: its grid with merged cells repeated, and what has been read from it."""

    def __init__(self, table: Table, norm: NormText) -> None:
        self.table, self.norm = table, norm
        self.grid = table.covering()
        self.out = TableResult()
        self.claimed: dict[int, Cell] = {}
        self.levels: dict[int, Level] = {}
        self.columns: dict[int, str] = {}  # column -> role under the header of the block being read
        self._rows: dict[int, list[Cell]] = {}  # row -> its distinct cells (``_row``)
        self._whole = False  # the indicator row being read has every cell in its column
        self._naming: bool | None = None  # a cell heads a name or level column (``_naming_columns``)

    def _claim(self, *cells: Cell | None) -> None:
        for cell in cells:
            if cell is not None:
                self.claimed[id(cell)] = cell

    def _row(self, r: int) -> list[Cell]:
        """The distinct cells covering row r, left to right (found once a row: never changed)."""
        if (out := self._rows.get(r)) is None:
            seen: set[int] = set()
            out = self._rows[r] = []
            for cell in self.grid[r]:
                if cell is not None and id(cell) not in seen:
                    seen.add(id(cell))
                    out.append(cell)
        return out

    def _row_text(self, r: int) -> str:
        return "".join(c.text for c in self._row(r))

    def _header_rows(
        self, vocab: Vocabulary, needed: set[str], least: int, start: int = 0
    ) -> tuple[int, int, dict] | None:
        """(first header row, first data row, column -> role) of the first header of this vocabulary
        from row ``start`` on."""
        for r in range(start, self.table.n_rows):
            roles = {
                c: role for c, cell in enumerate(self.grid[r]) if cell and (role := vocab.role(cell.text))
            }
            if vocab is IND_COLS and not self._naming_columns():
                _group_named(roles, self.grid[r])
            distinct = {(id(self.grid[r][c]), role) for c, role in roles.items()}
            if len(distinct) < least or not needed & set(roles.values()):
                continue
            end = r + 1
            while end < self.table.n_rows:  # a second header row (指标值 under 年度指标值)
                below = {
                    c: role
                    for c, cell in enumerate(self.grid[end])
                    if cell and cell.row == end and (role := vocab.role(cell.text))
                }
                if len({id(self.grid[end][c]) for c in below}) < 2:
                    break
                roles.update(below)
                end += 1
            if vocab is IND_COLS and not self._naming_columns():
                _group_named(roles, self.grid[r])  # again, as a row below repeated the group word
            for rr in range(r, end):
                self._claim(*(self.grid[rr][c] for c in roles))
            return r, end, roles
        return None

    def _naming_columns(self) -> bool:
        """Whether a cell of the table heads a name column (三级指标, 指标名称 …): then a group word
        (绩效指标) stands over it, in a header of two rows, and heads no column itself."""
        if self._naming is None:
            self._naming = any(IND_COLS.role(cell.text) == "name" for cell in self.table.cells)
        return self._naming

    def _keys(self) -> None:
        for r in range(self.table.n_rows):
            row = self._row(r)
            for k, cell in enumerate(row[:-1]):
                role = KEYS.role(cell.text) if cell.row == r else None  # its value beside its first row
                if role in (None, "none"):
                    continue
                nxt = row[k + 1]
                if not nxt.text.strip() or any(v.role(nxt.text) for v in (KEYS, BUDGET_COLS, IND_COLS)):
                    continue  # no value: the next cell is empty or a label of the table
                value = self._key_value(role, nxt)
                if value is None:
                    continue
                key = {
                    "project_name": "report.project_name",
                    "department": "report.department",
                    "unit_name": "report.unit_name",
                    "unit_fallback": "report.unit_name",
                    "grade": "evaluation.grade",
                    "total_score": "evaluation.total_score",
                }[role]
                if role == "unit_name" or key not in self.out.fields:  # 实施单位 over 单位名称
                    self.out.fields[key] = value
                    self.out.implementer |= role == "unit_name"
                self._claim(cell, nxt)
                self.out.project_form |= role in PROJECT_KEYS

    def _key_value(self, role: str, cell: Cell) -> Value | None:
        """The value of a key label's next cell: a grade, a score, or a name (its seal note left out)."""
        if role == "grade":
            g = cv.grade(cell.text)
            return cv.text(self.norm, cell, value=g) if g else None
        if role == "total_score":
            fig = cv.figure(cell.text)
            ok = fig is not None and not fig.op and fig.unit in ("", "分")
            return cv.number(self.norm, cell, fig, NumberKind.score, fig.unit) if ok else None
        folded = fold(cell.text)  # half-width brackets, same length
        seal = SEAL_FIRST.match(folded)
        at = seal.end() if seal else 0
        last = SEAL_LAST.search(folded, at)
        end = last.start() if last else len(folded)
        if not cv.HAN.search(cell.text, at, end) or cv.figure(cell.text[at:end]) is not None:
            return None
        if role in UNIT_ROLES and UNIT_LIST.search("".join(folded[at:end].split())):
            return None
        return cv.text(self.norm, cell, a=at, b=end)

    def _above(self, r: int, lines: int = 3) -> str:
        """The text of the lines just above the table, and of its rows above row r."""
        start = self.table.start
        text = self.norm.original[max(0, start - 400) : start]
        head = "\n".join(text.split("\n")[-lines - 1 :]) if lines else ""
        return head + "".join(self._row_text(k) for k in range(max(0, r - 2), r) if not self._keyed(k))

    def _keyed(self, r: int) -> bool:
        """Whether row r is a row of key labels (项目名称 | …): no title."""
        return any(KEYS.role(cell.text) for cell in self._row(r))

    def _placed(self, r: int) -> bool:
        """Whether row r's cells stand in their columns for sure. A row recovered from text lines
        with fewer cells than the table has columns (a blank cell lost in a gap) does not: its
        last cell was spread over the rest, and its figures may belong to other columns (an empty
        cell spread over the last columns is only the row's blank end)."""
        if self.table.source != "text":
            return True
        spread = [c for c in self._row(r) if c.row == r and c.colspan > 1 and c.text.strip()]
        return all(self._under_spread_label(r, cell) for cell in spread)

    def _under_spread_label(self, r: int, cell: Cell) -> bool:
        """A spread cell under a column label spread just as wide (预算执行率(B/A) over the last three
        columns of a block narrower than the table): the row's cells do stand in their columns."""
        for k in range(r - 1, -1, -1):
            head = self.grid[k][cell.col]
            if head is None or head.row != k:
                continue
            same = head.col == cell.col and head.colspan == cell.colspan
            return same and bool(BUDGET_COLS.role(head.text) or IND_COLS.role(head.text))
        return False

    def _figure_at(self, r: int, c: int) -> tuple[Cell, cv.Figure] | None:
        if not self._placed(r):
            return None
        cell = self.grid[r][c]
        if cell is None or not self._one_column(cell) or cell.rowspan > 1 and cell.row != r:
            return None
        fig = cv.figure(cell.text)
        return (cell, fig) if fig is not None and not fig.op else None

    def _own(self, r: int, c: int | None) -> Cell | None:
        """The cell of row r in column c, if it is that column's alone (not spread over others)."""
        if c is None:
            return None
        cell = self.grid[r][c]
        return cell if cell is not None and self._one_column(cell) else None

    def _one_column(self, cell: Cell) -> bool:
        """The cell stands in one column of the block: it spans one grid column, or several under
        one header cell (a PDF's ruling draws sub-columns for some rows: the others span two)."""
        if cell.colspan == 1:
            return True
        if self.table.source == "text":
            return self._figure_before_words(cell)  # a recovered row's last cell spread over the rest
        roles = {self.columns.get(k) for k in range(cell.col, cell.last_col + 1)}
        return len(roles) == 1 and None not in roles

    def _figure_before_words(self, cell: Cell) -> bool:
        """A recovered row's last cell spread over the columns after it stands in its first column
        when it is a figure and the others are columns of words (偏差原因, no figure is theirs): the
        words were left empty ('… 93.8% 10' under 得分 | 偏差原因分析及改进措施)."""
        rest = [self.columns.get(k) for k in range(cell.col + 1, cell.last_col + 1)]
        return bool(rest) and all(r in WORD_COLUMNS for r in rest) and cv.figure(cell.text) is not None


def _group_named(roles: dict[int, str], row: list[Cell | None]) -> None:
    """A group header (绩效指标) in one column left of the value columns and right of any level
    column, with no name column in the row, heads the names: 绩效指标 | 指标值 | …, or 指标类型 |
    绩效指标 | 绩效目标 (a table of targets)."""
    values = [c for c, role in roles.items() if role in ("target", "actual")]
    if not values or "name" in roles.values():
        return
    levels = [c for c, role in roles.items() if role in ("level1", "level2")]
    groups = [c for c, role in roles.items() if role == "group" and max(levels, default=-1) < c < min(values)]
    if len(groups) == 1 and (cell := row[groups[0]]) is not None and cell.colspan == 1:
        roles[groups[0]] = "name"
