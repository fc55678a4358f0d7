"""A table read whole: key labels, the budget block, a form's pairs, the indicator block, the
总分 row; and every table of the report's form, the first stating a key winning."""

from __future__ import annotations

from collections import Counter

from extractor.fields import cells as cv
from extractor.fields.mapper.base import TableResult
from extractor.fields.mapper.budget import BudgetRows
from extractor.fields.mapper.indicators import IndicatorRows, execution_rows
from extractor.fields.mapper.staff import StaffRows
from extractor.fields.mapper.vocab import BLOCKS, BUDGET_COLS, BUDGET_NEEDED, IND_COLS
from extractor.grid import Cell, Table, transposed
from extractor.models import NumberKind
from extractor.normalize import NormText


def read_tables(tables: list[Table], norm: NormText) -> TableResult:
    """Fields and indicators of the report's form, the first table stating a key winning. A form
    is a run of tables: a table naming a project (项目名称) other than the form's, or naming one
    after the form gave indicators or a total without naming any (a department's form, then a
    project's attached to it), opens another form, which the tables after it go on until one
    names the report's project again. Another form's cells are claimed (no prose reads them)
    and nothing of it is read: its figures are another project's."""
    result = TableResult(recovered=any(t.source == "text" for t in tables))
    form: str | None = None  # the project the report's form names
    current: str | None = None  # the project of the form the table being read belongs to
    for table in tables:
        one = _TableReader(table, norm).read()
        result.claimed += one.claimed
        result.cells += _in_rows_of_cells(table)
        if table.source != "text":
            result.hidden += one.claimed
        named = _project(one)
        if named is not None and (named != form if form is not None else _read_any(result)):
            current = named
        elif named is not None:
            form = current = named
        if current is not None and current != form:
            if current not in result.other_forms:
                result.other_forms.append(current)
            result.other_cells += one.claimed
            continue
        if "report.unit_name" not in result.fields:
            result.implementer = one.implementer
        for key, value in one.fields.items():
            result.fields.setdefault(key, value)
        result.project_form |= one.project_form
        result.indicators += one.indicators
        result.levels += one.levels
    execution_rows(result)
    return result


def _project(one: TableResult) -> str | None:
    name = one.fields.get("report.project_name")
    return name.value if name is not None and isinstance(name.value, str) else None


def _read_any(result: TableResult) -> bool:
    """Whether the tables read so far gave indicators or a total score."""
    return bool(result.indicators) or "evaluation.total_score" in result.fields


class _TableReader(BudgetRows, IndicatorRows, StaffRows):
    """One table: its blocks in the order they are read."""

    def read(self) -> TableResult:
        budget = self._header_rows(BUDGET_COLS, BUDGET_NEEDED, 2)
        indicator = self._header_rows(IND_COLS, {"name"}, 3)
        self._keys()
        headed = budget is not None
        while budget is not None:
            self._budget(*budget, end=indicator[0] if indicator and indicator[0] > budget[0] else None)
            if any(key.startswith("budget.") for key in self.out.fields):
                break
            # a header whose rows no label names (年度主要任务 | 任务名称 | 预算数 | 执行数): the next one's
            budget = self._header_rows(BUDGET_COLS, BUDGET_NEEDED, 2, start=budget[1])
        if not headed:
            self._turned_budget()
        self._form()
        self._staff()
        if indicator is not None:
            self._indicators(*indicator)
        roles = set(indicator[2].values()) if indicator is not None else set()
        self._total(scores_only="score" in roles and "weight" not in roles)
        self.out.claimed = list(self.claimed.values())
        self.out.levels = [lv for lv in self.levels.values() if lv.weight is not None]
        return self.out

    def _turned_budget(self) -> None:
        """A budget block written sideways, the fund kinds as columns and the amounts' roles as rows
        (资金情况 | 年度资金总额 | 财政资金 | 其他资金 over 年初预算数 | 850.00 | 800.00 | 50.00): its
        rows, from the one above the first row a budget column label opens, are read turned on
        their diagonal, when two of its columns or more are named by a row label (so a form's
        label | figure pairs, read by ``_form``, are not read twice)."""
        rows = self._turned_rows()
        if rows is None:
            return
        turned = type(self)(transposed(self.table, rows), self.norm)
        header = turned._header_rows(BUDGET_COLS, BUDGET_NEEDED, 2)
        if header is None or turned._labelled_rows(header[1], min(header[2])) < 2:
            return
        turned._budget(*header, end=None)
        for key, value in turned.out.fields.items():
            self.out.fields.setdefault(key, value)
        self.claimed.update(turned.claimed)

    def _turned_rows(self) -> range | None:
        """The first run of two rows or more that a budget column label opens, with the row above it."""
        run: list[int] = []
        for r in range(self.table.n_rows):
            first = self._row(r)[0] if self._row(r) else None
            if first is not None and first.row == r and BUDGET_COLS.role(first.text):
                run.append(r)
                continue
            if len(run) >= 2 and run[0] > 0:
                break
            run = []
        return range(run[0] - 1, run[-1] + 1) if len(run) >= 2 and run[0] > 0 else None

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


def _in_rows_of_cells(table: Table) -> list[Cell]:
    """The cells that share their row with another: a row of one cell across the table may be a
    paragraph after it that a text's recovery took in (or the form's note), not a form's cell."""
    rows = Counter(c.row for c in table.cells)
    return [c for c in table.cells if rows[c.row] > 1]
