"""The template mapper: self-evaluation tables as grids (``grid.Table``) to fields.

The mapper never sees how a table was stored (a PDF's ruling, a .docx, a sheet, a page,
a flattened text): it reads

- header rows: cells whose text is a column label (``patterns/tables.toml``
  [budget.columns], [indicator.columns]); a column's role is the label of the lowest
  header cell over it, so a group header (项目资金（万元）) over two rows only gives its unit;
- budget rows by their row label (年度资金总额, 其中：财政拨款, 支出合计, 基本支出 …) under a
  budget header, one figure per role column; amounts only where the table, its header
  or the lines above it state the unit (单位：万元, （万元）, 4753.66万元);
- indicator rows under an indicator header: 一级/二级 from the merged cells over them,
  the name, target, actual, unit, weight, score and reason from their columns;
- the 总分 row (weight and score columns), 自评等级 and key labels (项目名称, 主管部门,
  实施单位 …) followed by their value cell.

Labels are matched with tolerance (``labels.role``). Every cell the mapper reads is
*claimed*: the prose stages never see it; the cells it leaves (a 年度总体目标 text,
其中：基本支出：1768.16万元) stay visible to them as lines of their own.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

import regex

import patterns
from extractor.fields import cells as cv
from extractor.fields import fraction
from extractor.fields.labels import Vocabulary
from extractor.grid import Cell, Table
from extractor.models import Indicator, Level, NumberKind, Value
from extractor.normalize import NormText

_T = patterns.load("tables")
_B = patterns.load("budget_table")
_I = _T["indicator"]
_LV = _I["levels"]

KEYS = Vocabulary(_T["key"])
BUDGET_COLS = Vocabulary(_T["budget"]["columns"])
BUDGET_KINDS: dict[str, str] = _T["budget"]["kinds"]
FUNDS_ROWS = Vocabulary(_T["budget"]["rows"])
DEPT_ROWS = Vocabulary({k: [v] for k, v in _B["rows"].items()}, literal=False, tail="")
DEPT_KEYS: dict[str, dict[str, str]] = _B["keys"]
LABELLED = regex.compile(
    "^(?:" + "|".join(f"(?P<k{i}>{p})" for i, p in enumerate(_B["labelled"].values())) + r"):?(?P<fig>.+)$"
)
LABELLED_KEYS = list(_B["labelled"])
BLOCKS = Vocabulary(_T["blocks"])
IND_COLS = Vocabulary(_I["columns"])
LEVEL1 = regex.compile(
    "(?P<v>" + "|".join(_LV["level1"] + _LV["level1_short"]) + ")(?:" + _LV["weight_note"] + ")?:?"
)
LEVEL2 = regex.compile(
    "(?P<v>(?:" + "|".join(_LV["level2"] + _LV["level2_short"]) + ")" + _LV["level2_tail"] + ")"
    "(?:" + _LV["weight_note"] + ")?:?"
)
NAME_PREFIX = regex.compile(_I["name_prefix"])
SENTENCE = regex.compile(_I["sentence"])
_LONGEST_CELL_VALUE = 80  # a name or worded value longer than this is a paragraph, not a cell value
NAME_CLAUSES = regex.compile(_I["name_clauses"])
WORDED_LIST = regex.compile(_I["worded_list"])
LEVEL_WEIGHT = regex.compile(r"\G\s*\(\s*(?:权重|分值)?:?(?P<w>\d+(?:\.\d+)?)(?P<u>\s*分)?\s*\)")
EXECUTION_ROW = regex.compile("(?:" + "|".join(_I["execution_rows"]) + ")")
UNIT_RE = regex.compile(_T["budget"]["unit"]["pattern"])
BUDGET_NOTE = regex.compile(_T["budget"]["budget_note"]["adjusted"])  # the form's note: 预算数 is adjusted
WEIGHT_NOTE = regex.compile(_T["budget"]["weight_note"]["pattern"])
OTHER_TABLES = regex.compile(_T["budget"]["scope"]["other_tables"] + "|" + _B["scope"]["project_tables"])
SEAL_FIRST = regex.compile(r"^\s*" + _T["seal"] + r"\s*")  # (盖章) before a unit: not its name
NATURE = set(_I["nature"])
FORM_EXECUTION = {"weight": "budget.execution_weight", "score": "budget.execution_score"}
NO_REASON = set(_I["no_reason"])
WORD_COLUMNS = {"reason"}  # indicator columns of words only, never a figure
BUDGET_NEEDED = {"initial", "adjusted", "executed", "rate"}
FUNDS = ("current", "carryover", "other")


@dataclass
class TableResult:
    """What the tables state: flat-keyed fields, indicator rows in document order, and the cells read."""

    fields: dict[str, Value] = field(default_factory=dict)
    indicators: list[Indicator] = field(default_factory=list)
    claimed: list[Cell] = field(default_factory=list)
    levels: list[Level] = field(default_factory=list)
    recovered: bool = False  # read from grids recovered from text lines (``read/recover.py``)
    hidden: list[Cell] = field(default_factory=list)  # cells read from grids the source gave (not text)


def read_tables(tables: list[Table], norm: NormText) -> TableResult:
    """Fields and indicators of every table, the first table stating a key winning."""
    result = TableResult(recovered=any(t.source == "text" for t in tables))
    for table in tables:
        one = _Reader(table, norm).read()
        for key, value in one.fields.items():
            result.fields.setdefault(key, value)
        result.indicators += one.indicators
        result.claimed += one.claimed
        if table.source != "text":
            result.hidden += one.claimed
        result.levels += one.levels
    execution_rows(result)
    return result


class _Reader:
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

    def read(self) -> TableResult:
        budget = self._header_rows(BUDGET_COLS, BUDGET_NEEDED, 2)
        indicator = self._header_rows(IND_COLS, {"name"}, 3)
        self._keys()
        if budget is not None:
            self._budget(*budget, end=indicator[0] if indicator and indicator[0] > budget[0] else None)
        self._form()
        if indicator is not None:
            self._indicators(*indicator)
        roles = set(indicator[2].values()) if indicator is not None else set()
        self._total(scores_only="score" in roles and "weight" not in roles)
        self.out.claimed = list(self.claimed.values())
        self.out.levels = [lv for lv in self.levels.values() if lv.weight is not None]
        return self.out

    # ------------------------------------------------------------------ helpers

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

    def _header_rows(self, vocab: Vocabulary, needed: set[str], least: int) -> tuple[int, int, dict] | None:
        """(first header row, first data row, column -> role) of the first header of this vocabulary."""
        for r in range(self.table.n_rows):
            roles = {
                c: role for c, cell in enumerate(self.grid[r]) if cell and (role := vocab.role(cell.text))
            }
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
            for rr in range(r, end):
                self._claim(*(self.grid[rr][c] for c in roles))
            return r, end, roles
        return None

    # ------------------------------------------------------------------ key labels

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
                self._claim(cell, nxt)

    def _key_value(self, role: str, cell: Cell) -> Value | None:
        if role == "grade":
            g = cv.grade(cell.text)
            return cv.text(self.norm, cell, value=g) if g else None
        if role == "total_score":
            fig = cv.figure(cell.text)
            ok = fig is not None and not fig.op and fig.unit in ("", "分")
            return cv.number(self.norm, cell, fig, NumberKind.score, fig.unit) if ok else None
        seal = SEAL_FIRST.match(cell.text)
        at = seal.end() if seal else 0
        if not cv.HAN.search(cell.text, at) or cv.figure(cell.text[at:]) is not None:
            return None
        return cv.text(self.norm, cell, a=at)

    # ------------------------------------------------------------------ budget block

    def _budget(self, h0: int, h1: int, roles: dict[int, str], end: int | None) -> None:
        # the header's band opens with its cells merged down from above (分值 over two rows, beside a
        # group header 项目资金（万元） over the amount columns): the rows above the band are its title
        top = min(h0, *(cell.row for c in roles if (cell := self.grid[h0][c]) is not None))
        if OTHER_TABLES.search(self._above(0) if top <= 1 else self._above(top, lines=0)):
            return  # a 三公经费 or one project's funds table (by its title): not the report's budget
        self.columns = roles
        cols = {c: r for c, r in roles.items() if BUDGET_KINDS[r] != "text"}
        read_as_year = "initial" in cols.values() or BUDGET_NOTE.search(self.norm.text)
        if read_as_year and "adjusted" not in cols.values():
            cols = {c: ("adjusted" if r == "budget" else r) for c, r in cols.items()}  # 预算数: the year's
        scale = self._scale(h0, h1)
        first = min(cols)
        funds: list[tuple[str, int]] = []
        for r in range(h1, end if end is not None else self.table.n_rows):
            label, label_cell = self._row_label(r, first)
            if label is None and r == h1 and self._unlabelled(r, first):
                label = "total"  # the one row under the header, named by no label: the block's total
            if label is None:
                if BLOCKS.role(self._row_text(r)) == "end_budget" or self._ends_block(r, first):
                    break
                continue
            self._claim(label_cell)
            if label == "total":
                self._put_budget(r, cols, scale, "budget", execution=True)
                self._noted_weight(h0, h1, cols)
            elif label in FUNDS:
                funds.append((label, r))
            elif label in DEPT_KEYS:
                self._put_dept(r, cols, scale, DEPT_KEYS[label])
            else:
                funds.append((label, r))
        self._labelled(h1, end if end is not None else self.table.n_rows, scale)
        if funds and all(label in FUNDS for label, _ in funds):
            amounts = {c: r for c, r in cols.items() if BUDGET_KINDS[r] in ("amount", "unread_amount")}
            for label, r in funds:
                self._put_budget(r, amounts, scale, f"budget.funds.{label}")

    def _form(self) -> None:
        """A form's budget column labels each followed in its row by its figure (年初预算数 | 580.50,
        or a two-column grid of such rows): the report's budget.initial/adjusted/executed/
        execution_rate (and the 分值 / 得分 of the execution beside them), only when two pairs or more
        stand in the table and its amounts have a unit."""
        keys = DEPT_KEYS["total"] | FORM_EXECUTION
        pairs: list[tuple[str, Cell, cv.Figure]] = []
        for r in range(self.table.n_rows):
            row = self._row(r)
            for label, cell in zip(row, row[1:], strict=False):
                role = BUDGET_COLS.role(label.text)
                fig = cv.figure(cell.text) if role in keys and id(cell) not in self.claimed else None
                if fig is not None and not fig.op and cell.row == r:
                    pairs.append((role, cell, fig))
        if len(pairs) < 2 or OTHER_TABLES.search(self._above(0)):
            return
        scale = self._scale(self.table.n_rows, self.table.n_rows)
        values = [(role, cell, self._budget_value(role, cell, fig, scale)) for role, cell, fig in pairs]
        if not any(v is not None and BUDGET_KINDS[role] == "amount" for role, _, v in values):
            return  # no amount with a unit: not read
        for role, cell, value in values:
            if value is not None and keys[role] not in self.out.fields:
                self.out.fields[keys[role]] = value
                self._claim(cell)

    def _labelled(self, r0: int, r1: int, scale: Decimal | None) -> None:
        """Cells holding a label and its amount together ('其中:基本支出:1768.16万元')."""
        for r in range(r0, r1):
            for cell in self._row(r):
                if id(cell) in self.claimed or cell.row != r:
                    continue
                m = LABELLED.match(cv.fold(cell.text))
                fig = cv.figure(m["fig"]) if m else None
                if fig is None or fig.op:
                    continue
                key = LABELLED_KEYS[next(int(g[1:]) for g, v in m.groupdict().items() if v and g != "fig")]
                shifted = cv.Figure(
                    fig.op,
                    fig.number,
                    fig.unit,
                    *(m.start("fig") + x for x in (fig.start, fig.end, fig.unit_end)),
                )
                value = self._budget_value("initial", cell, shifted, scale)
                if value is not None and key not in self.out.fields:
                    self.out.fields[key] = value
                    self._claim(cell)

    def _row_label(self, r: int, first: int) -> tuple[str | None, Cell | None]:
        """The row's label left of the first figure column: the rightmost cell there naming a row."""
        for c in range(first - 1, -1, -1):
            cell = self.grid[r][c]
            if cell is None or not cell.text.strip():
                continue
            text = cell.text
            role = FUNDS_ROWS.role(text) or DEPT_ROWS.role(text)
            return (role, cell) if role else (None, None)
        return None, None

    def _noted_weight(self, h0: int, h1: int, cols: dict[int, str]) -> None:
        """The execution weight the header states beside its label (预算执行情况(万元)(20分),
        得分(20分*执行率)) when no column gives it and the block scored the execution."""
        fields = self.out.fields
        if "budget.execution_weight" in fields or "budget.execution_score" not in fields:
            return
        for r in range(h0, h1):
            for c, cell in enumerate(self.grid[r]):
                if cell is None or cell.row != r or cols.get(c) not in (None, "score"):
                    continue
                m = WEIGHT_NOTE.search(cv.fold(cell.text))
                if m:
                    fig = cv.Figure("", Decimal(m["w"]), "", m.start("w"), m.end("w"), m.end("w"))
                    weight = cv.number(self.norm, cell, fig, NumberKind.score, "分")
                    fields["budget.execution_weight"] = weight
                    return

    def _unlabelled(self, r: int, first: int) -> bool:
        """Row r has no cell of its own left of the figures, only the block's group cell over it
        (部门预算执行情况 | 年初预算数 … over one row of figures)."""
        return all(
            cell is None or not cell.text.strip() or cell.row < r and BLOCKS.role(cell.text) == "budget_group"
            for cell in self.grid[r][:first]
        )

    def _ends_block(self, r: int, first: int) -> bool:
        """A row whose cells left of the figures hold words that name no row ends the block."""
        return any(
            cell is not None and cell.text.strip() and cell.rowspan == 1 for cell in self.grid[r][:first]
        )

    def _row_text(self, r: int) -> str:
        return "".join(c.text for c in self._row(r))

    def _placed(self, r: int) -> bool:
        """Whether row r's cells stand in their columns for sure. A row recovered from text lines
        with fewer cells than the table has columns (a blank cell lost in a gap) does not: its
        last cell was spread over the rest, and its figures may belong to other columns (an empty
        cell spread over the last columns is only the row's blank end)."""
        if self.table.source != "text":
            return True
        return all(cell.colspan == 1 or not cell.text.strip() for cell in self._row(r) if cell.row == r)

    def _figure_at(self, r: int, c: int) -> tuple[Cell, cv.Figure] | None:
        if not self._placed(r):
            return None
        cell = self.grid[r][c]
        if cell is None or not self._one_column(cell) or cell.rowspan > 1 and cell.row != r:
            return None
        fig = cv.figure(cell.text)
        return (cell, fig) if fig is not None and not fig.op else None

    def _put_budget(self, r: int, cols: dict[int, str], scale: Decimal | None, prefix: str, execution=False):
        keys = {"initial": "initial", "adjusted": "adjusted", "executed": "executed"}
        if execution:
            keys |= {"rate": "execution_rate", "weight": "execution_weight", "score": "execution_score"}
        for c, role in cols.items():
            found = self._figure_at(r, c)
            if found is None or role not in keys:
                continue
            value = self._budget_value(role, *found, scale)
            if value is not None:
                self.out.fields.setdefault(f"{prefix}.{keys[role]}", value)
                self._claim(found[0])
        got = self.out.fields
        if execution and (rate := got.get(f"{prefix}.execution_rate")) is not None:
            budget = got.get(f"{prefix}.adjusted") or got.get(f"{prefix}.initial")
            got[f"{prefix}.execution_rate"] = fraction.read_rate(rate, got.get(f"{prefix}.executed"), budget)

    def _put_dept(self, r: int, cols: dict[int, str], scale: Decimal | None, keys: dict[str, str]) -> None:
        by_role = {role: c for c, role in cols.items()}
        for role in ("adjusted", "initial", "executed", "rate"):
            if role not in keys or role not in by_role or keys[role] in self.out.fields:
                continue
            found = self._figure_at(r, by_role[role])
            value = self._budget_value(role, *found, scale) if found else None
            if value is not None:
                self.out.fields[keys[role]] = value
                self._claim(found[0])

    def _budget_value(self, role: str, cell: Cell, fig: cv.Figure, scale: Decimal | None) -> Value | None:
        kind = BUDGET_KINDS[role]
        if kind == "percent":
            return cv.number(self.norm, cell, fig, NumberKind.percent, "%") if fig.unit in ("", "%") else None
        if kind == "score":
            return (
                cv.number(self.norm, cell, fig, NumberKind.score, fig.unit)
                if fig.unit in ("", "分")
                else None
            )
        if kind != "amount":
            return None
        unit_scale = cv.AMOUNT_SCALE.get(fig.unit) if fig.unit else scale
        if unit_scale is None or fig.unit and fig.unit not in cv.AMOUNT_SCALE:
            return None
        unit = {Decimal(1): "元", Decimal(10000): "万元"}.get(unit_scale, fig.unit)
        return cv.number(self.norm, cell, fig, NumberKind.amount, unit, unit_scale)

    def _scale(self, h0: int, h1: int) -> Decimal | None:
        """The amount unit the table states: in its header rows or the cells left of them, in the
        rows above, or in the lines just above the table."""
        for r in range(h1 - 1, -1, -1):
            for cell in self._row(r):
                m = UNIT_RE.search(cv.compact(cell.text))
                if m:
                    return cv.AMOUNT_SCALE[m["unit"]]
        m = UNIT_RE.search(cv.compact(self._above(0)))
        return cv.AMOUNT_SCALE[m["unit"]] if m else None

    def _above(self, r: int, lines: int = 3) -> str:
        """The text of the lines just above the table, and of its rows above row r."""
        start = self.table.start
        text = self.norm.original[max(0, start - 400) : start]
        head = "\n".join(text.split("\n")[-lines - 1 :]) if lines else ""
        return head + "".join(self._row_text(k) for k in range(max(0, r - 2), r) if not self._keyed(k))

    def _keyed(self, r: int) -> bool:
        """Whether row r is a row of key labels (项目名称 | …): no title."""
        return any(KEYS.role(cell.text) for cell in self._row(r))

    # ------------------------------------------------------------------ indicator rows

    def _indicators(self, h0: int, h1: int, roles: dict[int, str]) -> None:
        self.columns = roles
        by_role: dict[str, int] = {}
        for c, role in sorted(roles.items()):
            by_role.setdefault(role, c)
        op_column = "op" in by_role
        read: list[Indicator] = []
        skipped = False  # a row written like an indicator row and not read
        for r in range(h1, self.table.n_rows):
            if self._total_row(r) or BLOCKS.role(self._row(r)[0].text) == "end_indicators":
                break
            if BLOCKS.role(self._row(r)[0].text) == "indicator_sum":
                self._sum_row(r, by_role)
                break
            if self._header_rows_at(r):
                break
            ind = self._indicator(r, by_role, op_column)
            if ind is not None and skipped:
                return  # the rows after one not read cannot be numbered: none is kept
            if ind is not None:
                self._levels_above(r, ind, read[-1] if read else None, by_role)
                read.append(ind)
            skipped = skipped or (ind is None and self._written_like_indicator(r, by_role))
        self.out.indicators.extend(read)

    def _levels_above(self, r: int, ind: Indicator, above: Indicator | None, by_role: dict[str, int]) -> None:
        """Level cells left empty under the row above (a copy that keeps a merge's covered cells as
        empty ones: tabs, a sheet): the row's levels are the row above's, 二级 only under the same 一级."""
        if above is None or above.level1 is None:
            return  # no group above to belong to (its level cells lost too: a PDF's text)
        if ind.level1 is None and self._blank(r, by_role.get("level1")):
            ind.level1 = above.level1
            if ind.level2 is None and self._blank(r, by_role.get("level2")):
                ind.level2 = above.level2

    def _blank(self, r: int, c: int | None) -> bool:
        cell = self.grid[r][c] if c is not None else None
        return cell is not None and cell.row == r and not cell.text.strip()

    def _sum_row(self, r: int, by_role: dict[str, int]) -> None:
        """The 合计 row under the indicators: the figures under 分值 and 得分 are the total weight
        and score (a score above its weight is no such pair)."""
        found = [self._figure_at(r, by_role[k]) if k in by_role else None for k in ("weight", "score")]
        if found[0] is None or found[1] is None:
            return
        (wc, w), (sc, s) = found
        if w.unit not in ("", "分") or s.unit not in ("", "分") or s.number > w.number:
            return
        self.out.fields.setdefault("evaluation.total_weight", cv.number(self.norm, wc, w, NumberKind.score))
        self.out.fields.setdefault("evaluation.total_score", cv.number(self.norm, sc, s, NumberKind.score))
        self._claim(self._row(r)[0], wc, sc)

    def _written_like_indicator(self, r: int, by_role: dict[str, int]) -> bool:
        """Row r has its own name cell and a figure or words under a target, actual, weight or score
        column: an indicator row, whether or not it could be read."""
        name = self._own(r, by_role.get("name"))
        if name is None or name.row != r or not name.text.strip():
            return False
        measures = (self._own(r, by_role.get(k)) for k in ("target", "actual", "weight", "score"))
        return any(c is not None and c.row == r and c.text.strip() for c in measures)

    def _header_rows_at(self, r: int) -> bool:
        return sum(1 for cell in self._row(r) if IND_COLS.role(cell.text)) >= 3

    def _total_row(self, r: int) -> bool:
        return any(BLOCKS.role(cell.text) == "total" for cell in self._row(r) if cell.rowspan == 1)

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

    def _indicator(self, r: int, by_role: dict[str, int], op_column: bool) -> Indicator | None:
        name_cell = self._own(r, by_role.get("name"))
        if name_cell is None or name_cell.row != r:
            return None
        m = NAME_PREFIX.match(cv.fold(name_cell.text))
        a = m.end() if m else 0
        name = name_cell.text[a:].strip()
        if not name or cv.placeholder(name) or not cv.HAN.search(name) or cv.figure(name) is not None:
            return None
        if cv.OP_FIGURE.search(name):
            return None  # a name run together with its target ('管护面积≥50万平方米'): cells lost
        self._whole = self._whole_row(r, name_cell, by_role)
        if self._shifted_sentence(name, NAME_CLAUSES):
            return None  # a sentence (a reason or a goal shifted into the name column) names nothing
        a = name_cell.text.index(name, a)
        ind = Indicator(name=cv.text(self.norm, name_cell, a=a, b=a + len(name)))
        ind.span = cv.span(self.norm, name_cell)
        f = {role: cell for role in by_role if (cell := self._own(r, by_role[role])) is not None}
        ind.level1 = self._level(f.get("level1"), LEVEL1) or self._level(f.get("level1"), LEVEL2)
        ind.level2 = self._level(f.get("level2"), LEVEL2)
        if ind.level1 is None and "level1" in by_role:
            ind.level1 = self._level(self.grid[r][by_role["level1"]], LEVEL1)
        if ind.level2 is None and "level2" in by_role:
            ind.level2 = self._level(self.grid[r][by_role["level2"]], LEVEL2)
        self._measures(ind, f, op_column)
        if not any(getattr(ind, k) is not None for k in ("target", "actual", "weight", "score")):
            if not self._unplaced(r, name_cell):
                return None  # a row with nothing under its measure columns: no indicator
            return ind  # its figures are there but not in their columns: the name keeps the numbering
        self._claim(*(cell for cell in self._row(r)))
        return ind

    def _unplaced(self, r: int, name: Cell) -> bool:
        """Row r's figures stand in one cell spread over the columns after its name (a row recovered
        from text whose values could not be placed)."""
        return any(
            cell.row == r and cell.col > name.col and cell.colspan > 1 and cv.DIGIT.search(cell.text)
            for cell in self._row(r)
        )

    def _level(self, cell: Cell | None, pattern: regex.Pattern[str]) -> Value | None:
        """A level's name from its cell ('产出指标 (50分)' -> 产出指标); the weight it states is kept
        as a Level of the report."""
        if cell is None:
            return None
        m = pattern.fullmatch(cv.compact(cell.text))
        if not m:
            return None
        a = cv.fold(cell.text).find(m["v"])
        b = a + len(m["v"]) if a >= 0 else None
        name = cv.text(self.norm, cell, value=m["v"], a=max(a, 0), b=b)
        if id(cell) not in self.levels:
            self.levels[id(cell)] = Level(name=name, weight=self._level_weight(cell, b))
        return name

    def _level_weight(self, cell: Cell, after: int | None) -> Value | None:
        if after is None:
            return None
        note = LEVEL_WEIGHT.search(cv.fold(cell.text), after)
        if note is None:
            return None
        end = note.end("u") if note["u"] else note.end("w")  # the span takes its 分 (70分)
        fig = cv.Figure("", Decimal(note["w"]), "", note.start("w"), note.end("w"), end)
        return cv.number(self.norm, cell, fig, NumberKind.score, "分")

    def _measures(self, ind: Indicator, f: dict[str, Cell], op_column: bool) -> None:
        norm = self.norm
        unit_cell = f.get("unit") if "unit" in f and cv.unit_word(f["unit"].text) else None
        target = cv.figure(f["target"].text) if "target" in f else None
        actual = cv.figure(f["actual"].text) if "actual" in f else None
        unit = cv.compact(unit_cell.text) if unit_cell else _fuller_unit(target, actual)
        if target is not None:
            ind.target = cv.number(
                norm, f["target"], target, cv.kind_of(target.unit or unit), target.unit or unit
            )
            ind.target_op = self._op(f, target, op_column)
        elif "target" in f and self._words(f["target"]) and unit_cell is None:
            ind.target = cv.text(norm, f["target"])
            ind.target_op = cv.text(norm, f["target"], value="text")
        worded = ind.target_op is not None and ind.target_op.value == "text"
        if actual is not None and not actual.op and not worded:
            ind.actual = cv.number(
                norm, f["actual"], actual, cv.kind_of(actual.unit or unit), actual.unit or unit
            )
        elif "actual" in f and worded and self._words(f["actual"]):
            ind.actual = cv.text(norm, f["actual"])
        if unit and unit not in cv.HIDDEN_UNITS:
            if unit_cell is not None:
                ind.unit = cv.text(norm, unit_cell, value=unit)
            else:
                cell, fig = (f["target"], target) if target and target.unit == unit else (f["actual"], actual)
                ind.unit = cv.text(norm, cell, value=unit, a=fig.end, b=fig.unit_end)
        rate = cv.figure(f["completion_rate"].text) if "completion_rate" in f else None
        if rate is not None and not rate.op and rate.unit in ("", "%"):
            ind.completion_rate = cv.number(norm, f["completion_rate"], rate, NumberKind.percent, "%")
        for role in ("weight", "score"):
            fig = cv.figure(f[role].text) if role in f else None
            if fig is not None and not fig.op and fig.unit in ("", "分"):
                setattr(ind, role, cv.number(norm, f[role], fig, NumberKind.score, fig.unit))
        both = cv.score_weight(f["score"].text) if "score" in f else None
        if both is not None and ind.weight is None:
            ind.score = cv.number(norm, f["score"], both[0], NumberKind.score)
            ind.weight = cv.number(norm, f["score"], both[1], NumberKind.score)
        reason = f.get("reason")
        if (
            reason is not None
            and reason.text.strip()
            and not cv.placeholder(reason.text)
            and not _none(reason)
        ):
            if cv.figure(reason.text) is None:
                ind.deviation_reason = cv.text(norm, reason)

    def _shifted_sentence(self, text: str, allowed: regex.Pattern[str]) -> bool:
        """A sentence where a name or a value in words stands may have shifted there from another
        column: in a grid recovered from text lines, unless its row has every cell in its column.
        A grid the source drew (a Word, PDF or sheet cell) keeps its cells in their columns, so
        its sentence is the cell's value."""
        if not SENTENCE.search(text) or allowed.fullmatch(text):
            return False
        return self.table.source == "text" and not self._whole or len(text) > _LONGEST_CELL_VALUE

    def _whole_row(self, r: int, name: Cell, by_role: dict[str, int]) -> bool:
        """Row r holds a cell of its own in every column from its name to the table's last (empty
        ones written as such), and figures under 分值 and 得分: nothing of it has shifted."""
        if "weight" not in by_role or "score" not in by_role:
            return False
        cells = [self.grid[r][c] for c in range(name.col, self.table.n_cols)]
        if any(cell is None or cell.row != r or cell.colspan != 1 for cell in cells):
            return False
        return all(cv.figure(self.grid[r][by_role[k]].text) is not None for k in ("weight", "score"))

    def _words(self, cell: Cell) -> bool:
        """A value in words ('显著', '有效'), not a placeholder nor a template's row name ('指标2')."""
        text = cv.compact(cell.text)
        if not text or cv.placeholder(text) or NAME_PREFIX.fullmatch(text):
            return False
        if self._shifted_sentence(text, WORDED_LIST):
            return False  # a sentence (a goal or a reason shifted into the column), not a value
        if cv.OP_GLYPH.match(text):
            return False  # '≥50万平方米' that no figure reading fits is a figure misread, not words
        return cv.HAN.search(text) is not None

    def _op(self, f: dict[str, Cell], target: cv.Figure, op_column: bool) -> Value | None:
        cell = f.get("op")
        if cell is not None and cv.compact(cell.text) in cv.OPS:
            return cv.text(self.norm, cell, value=cv.OPS[cv.compact(cell.text)])
        if target.op:
            return cv.text(self.norm, f["target"], value=target.op, b=target.start)
        if not op_column or cell is None or not cv.compact(cell.text):  # no operator stated: '='
            return cv.text(self.norm, f["target"], value="=", a=target.start, b=target.unit_end)
        return None

    # ------------------------------------------------------------------ 总分 and grade

    def _total(self, scores_only: bool = False) -> None:
        """The 总分 row: its weight and score; one figure alone is the score only in a table that
        scores indicators and gives them no weight column (a 合计 of weights is no score)."""
        for r in range(self.table.n_rows):
            row = self._row(r)
            k = next((i for i, cell in enumerate(row) if BLOCKS.role(cell.text) == "total"), None)
            if k is None:
                continue
            figures = []
            for cell in row[k + 1 :]:
                g = cv.grade(cell.text)
                if g is not None:
                    self.out.fields.setdefault("evaluation.grade", cv.text(self.norm, cell, value=g))
                    self._claim(cell)
                    continue
                both = cv.score_weight(cell.text)
                if both is not None:
                    figures += [(cell, both[1]), (cell, both[0])]
                    continue
                fig = cv.figure(cell.text)
                if fig is not None and not fig.op and fig.unit in ("", "分"):
                    figures.append((cell, fig))
            if len(figures) == 2 and figures[1][1].number <= figures[0][1].number:
                (wc, w), (sc, s) = figures
                self.out.fields.setdefault(
                    "evaluation.total_weight", cv.number(self.norm, wc, w, NumberKind.score)
                )
                self.out.fields.setdefault(
                    "evaluation.total_score", cv.number(self.norm, sc, s, NumberKind.score)
                )
                self._claim(row[k], wc, sc)
            elif len(figures) == 1 and scores_only:
                (sc, sf) = figures[0]
                self.out.fields.setdefault(
                    "evaluation.total_score", cv.number(self.norm, sc, sf, NumberKind.score, sf.unit)
                )
                self._claim(row[k], sc)
            return


def execution_rows(result: TableResult) -> None:
    """An indicator row named 预算执行率 is the execution rate's weight and score (the contract keeps
    the execution rate out of the indicators). Where the budget block stated them already, the row
    is dropped only if it repeats them; otherwise it stays an indicator."""
    keys = {"weight": "budget.execution_weight", "score": "budget.execution_score"}
    kept = []
    for ind in result.indicators:
        if ind.name is None or not EXECUTION_ROW.fullmatch(ind.name.value) or ind.target is not None:
            kept.append(ind)
            continue
        stated = {r: result.fields[k] for r, k in keys.items() if k in result.fields}
        own = {r: v for r in keys if (v := getattr(ind, r)) is not None}
        if stated and any(stated.get(r) is None or stated[r].value != v.value for r, v in own.items()):
            kept.append(ind)
            continue
        for role, value in own.items():
            result.fields.setdefault(keys[role], value)
        if ind.actual is not None and ind.unit is not None and ind.unit.value == "%":
            result.fields.setdefault("budget.execution_rate", ind.actual)
    result.indicators = kept


def _none(reason: Cell) -> bool:
    """A reason cell saying there is none ('无')."""
    return cv.compact(reason.text) in NO_REASON


def _fuller_unit(target: cv.Figure | None, actual: cv.Figure | None) -> str:
    """The indicator's unit from its figures: the target's, or the actual's where that only spells
    the target's out (200万 against 195.5万元: 万元)."""
    units = [n.unit for n in (target, actual) if n is not None and n.unit]
    if len(units) == 2 and units[1].startswith(units[0]):
        return units[1]
    return units[0] if units else ""
