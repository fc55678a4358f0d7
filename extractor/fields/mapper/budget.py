"""The budget block: rows by their label under a budget header, a form's label | figure pairs,
cells holding a label and its amount together."""

from __future__ import annotations

from decimal import Decimal

from extractor.fields import cells as cv
from extractor.fields import fraction
from extractor.fields.mapper.labelled import LabelledAmounts
from extractor.fields.mapper.shifted import placed_by_kind
from extractor.fields.mapper.vocab import (
    BLOCKS,
    BUDGET_COLS,
    BUDGET_KINDS,
    BUDGET_NOTE,
    CURRENT_NOTE,
    DEPT_KEYS,
    DEPT_ROWS,
    FORM_EXECUTION,
    FUNDS,
    FUNDS_ROWS,
    OTHER_TABLES,
    ROW_GROUP,
    ROW_NUMBER,
    UNIT_RE,
    WEIGHT_NOTE,
    YUAN_FROM,
)
from extractor.grid import Cell
from extractor.models import NumberKind

SOURCE_ROWS = ("sources", "superior", "own")  # funds rows of a source: no rows of the contract's funds
FRAGMENT_CHARS = 6  # a line this short above a table is a fragment of a wrapped cell
TITLE_CHARS = 40  # a line above a table this short may be its title
FRAGMENT_LINES = 12


class BudgetRows(LabelledAmounts):
    """The funds and expenditure rows of a budget header's block."""

    def _budget(self, h0: int, h1: int, roles: dict[int, str], end: int | None) -> None:
        # the header's band opens with its cells merged down from above (分值 over two rows, beside a
        # group header 项目资金（万元） over the amount columns): the rows above the band are its title
        top = min(h0, *(cell.row for c in roles if (cell := self.grid[h0][c]) is not None))
        if OTHER_TABLES.search(_titles(self._above(0) if top <= 1 else self._above(top, lines=0))):
            return  # a 三公经费 or one project's funds table (by its title): not the report's budget
        self.columns = roles
        stop = end if end is not None else self.table.n_rows  # the block's rows: h1 up to stop
        cols = {c: r for c, r in roles.items() if BUDGET_KINDS[r] != "text"}
        if "current" in cols.values():  # 本年数 beside 上年数: the year's final accounts, or not read
            final = CURRENT_NOTE.search(self._above(top, lines=3))
            cols = {
                c: ("executed" if r == "current" else r) for c, r in cols.items() if r != "current" or final
            }
        cols = self._adjustment_column(cols, h1, stop)
        read_as_year = "initial" in cols.values() or BUDGET_NOTE.search(self.norm.text)
        if read_as_year and "adjusted" not in cols.values():
            cols = {c: ("adjusted" if r == "budget" else r) for c, r in cols.items()}  # 预算数: the year's
        scale = self._in_yuan(self._scale(h0, h1), range(h1, stop), cols)
        first = min([*cols, *(c for c, r in roles.items() if r == "comparison")])  # 上年数 first
        amounts = {c: r for c, r in cols.items() if BUDGET_KINDS[r] in ("amount", "unread_amount")}
        funds: list[tuple[str, int]] = []
        total: int | None = None
        skip = 0
        for r in range(h1, stop):
            if r < skip:
                continue
            label, label_cell = self._row_label(r, first)
            if label in (None, *SOURCE_ROWS) and funds and funds[-1] == ("current", r - 1):
                skip = self._parts_end(r - 1, first, amounts)
                if skip > r:
                    continue  # 其中：中央资金 | 省级资金 | 县级资金 under 当年财政拨款: its parts
            if label is None and r == h1 and self._unlabelled(r, first, h0) and self._amounted(r, cols):
                label = "total"  # the one row under the header, named by no label: the block's total
            if label is None and self._group_heading(r, first):
                continue  # 按收入性质分 on a row of its own: the rows after it are its groups'
            if label is None:
                if BLOCKS.role(self._row_text(r)) == "end_budget" or self._ends_block(r, first):
                    break
                continue
            if label_cell is not None and label_cell.row != r and self._no_figures(r, cols):
                continue  # under a label merged down from the row above: no row of its own
            self._claim(label_cell)
            if label == "total":
                total = r if total is None else total
                self._put_budget(r, cols, scale, "budget", execution=True)
                self._noted_weight(h0, h1, cols)
            elif label in FUNDS:
                funds.append((label, r))
            elif label in DEPT_KEYS:
                self._put_dept(r, cols, scale, DEPT_KEYS[label])
            else:
                funds.append((label, r))
        self._labelled(h1, stop, scale)
        funds = self._fiscal_as_current(funds, total, amounts)
        if funds and all(label in FUNDS for label, _ in funds):
            for label, r in funds:
                self._put_budget(r, amounts, scale, f"budget.funds.{label}")
        self._sources(funds, cols, scale)

    def _sources(self, funds: list[tuple[str, int]], cols: dict[int, str], scale: Decimal | None) -> None:
        """Rows of 上级资金 / 本级资金 (and 其他资金), no other kind: the initial budget by its source."""
        labels = {label for label, _ in funds}
        initial = [c for c, role in cols.items() if role == "initial"]
        if (
            not labels & {"superior", "own"}
            or not labels <= {"superior", "own", "other"}
            or len(initial) != 1
        ):
            return
        for label, r in funds:
            found = self._figure_at(r, initial[0])
            value = self._budget_value("initial", *found, scale) if found is not None else None
            if value is not None:
                self.out.fields.setdefault(f"budget.source.{label}", value)
                self._claim(found[0])

    def _adjustment_column(self, cols: dict[int, str], h1: int, end: int) -> dict[int, str]:
        """Two columns read as the adjusted budget (调整预算数 beside 全年预算数): where 年初 + one = the
        other in the first row stating all three (150.00 + 20.00 = 170.00), the one is the 调整数; else
        both stay as they are."""
        adjusted = [c for c, r in cols.items() if r == "adjusted"]
        initial = [c for c, r in cols.items() if r == "initial"]
        if len(adjusted) != 2 or len(initial) != 1:
            return cols
        for r in range(h1, end):
            figs = [self._figure_at(r, c) for c in (initial[0], *adjusted)]
            if any(f is None for f in figs):
                continue
            a, x, y = (f[1].number for f in figs if f is not None)
            if a + x == y and x != y:
                return cols | {adjusted[0]: "adjustment"}
            if a + y == x and x != y:
                return cols | {adjusted[1]: "adjustment"}
            return cols
        return cols

    def _parts_end(self, whole: int, first: int, amounts: dict[int, str]) -> int:
        """The end of the rows under row `whole` that name no row of the block and whose amounts add
        up to its own in every amount column (当年财政拨款 500.00 = 中央资金 300.00 + 省级资金 120.00 +
        县级资金 80.00): the whole's parts, no rows of the block. `whole + 1` when there are none."""
        wholes = {c: found[1] for c in amounts if (found := self._figure_at(whole, c)) is not None}
        sums = dict.fromkeys(wholes, Decimal(0))
        for r in range(whole + 1, self.table.n_rows):
            if self._row_label(r, first)[0] not in (None, *SOURCE_ROWS):
                break
            parts = {c: self._figure_at(r, c) for c in wholes}
            if not wholes or any(p is None or p[1].unit != wholes[c].unit for c, p in parts.items()):
                break
            for c, p in parts.items():
                sums[c] += p[1].number
            if r > whole + 1 and all(sums[c] == fig.number for c, fig in wholes.items()):
                return r + 1
        return whole + 1

    def _no_figures(self, r: int, cols: dict[int, str]) -> bool:
        return all(self._figure_at(r, c) is None for c in cols)

    def _fiscal_as_current(
        self, funds: list[tuple[str, int]], total: int | None, amounts: dict[int, str]
    ) -> list[tuple[str, int]]:
        """A 财政资金 row (role ``fiscal``) is the block's 本年财政拨款 row when it is its only fiscal
        row, no 财政拨款 row stands beside it, and the rows add up to the total in every amount
        column (年度资金总额 850.00 = 财政资金 800.00 + 其他资金 50.00): no part is missing, so it is
        not a source among others (中央财政资金, 地方资金 …). Otherwise it stays unread."""
        fiscal = [r for label, r in funds if label == "fiscal"]
        if len(fiscal) != 1 or total is None or any(label == "current" for label, _ in funds):
            return funds
        rows = [r for _, r in funds]
        checked = 0
        for c in amounts:
            whole = self._figure_at(total, c)
            parts = [self._figure_at(r, c) for r in rows]
            if whole is None:
                continue
            if any(p is None or p[1].unit != whole[1].unit for p in parts):
                return funds
            if sum(p[1].number for p in parts) != whole[1].number:
                return funds
            checked += 1
        return [("current" if label == "fiscal" else label, r) for label, r in funds] if checked else funds

    def _form(self) -> None:
        """A form's budget column labels each followed in its row by its figure (年初预算数 | 580.50,
        or a two-column grid of such rows): the report's budget.initial/adjusted/executed/
        execution_rate (and the 分值 / 得分 of the execution beside them), only when two pairs or more
        stand in the table and its amounts have a unit. A pair of an amount no key reads (实际到位资金
        | 398.88 beside 实际使用情况 | 395.86) counts as one of the two, and is not read."""
        keys = DEPT_KEYS["total"] | FORM_EXECUTION
        pairs: list[tuple[str, Cell, cv.Figure]] = []
        unread = 0
        for r in range(self.table.n_rows):
            row = self._row(r)
            for label, cell in zip(row, row[1:], strict=False):
                role = BUDGET_COLS.role(label.text)
                known = role in keys or BUDGET_KINDS.get(role) == "unread_amount"
                fig = cv.figure(cell.text) if known and id(cell) not in self.claimed else None
                if fig is None or fig.op or cell.row != r:
                    continue
                if role in keys:
                    pairs.append((role, cell, fig))
                else:
                    unread += 1
        if not pairs or len(pairs) + unread < 2 or OTHER_TABLES.search(self._above(0)):
            return
        scale = self._scale(self.table.n_rows, self.table.n_rows)
        values = [(role, cell, self._budget_value(role, cell, fig, scale)) for role, cell, fig in pairs]
        if not any(v is not None and BUDGET_KINDS[role] == "amount" for role, _, v in values):
            return  # no amount with a unit: not read
        for role, cell, value in values:
            if value is not None and keys[role] not in self.out.fields:
                self.out.fields[keys[role]] = value
                self._claim(cell)

    def _row_label(self, r: int, first: int) -> tuple[str | None, Cell | None]:
        """The row's label left of the first figure column: the rightmost cell there naming a row."""
        for c in range(first - 1, -1, -1):
            cell = self.grid[r][c]
            if cell is None or not cell.text.strip():
                continue
            text = ROW_GROUP.sub("", ROW_NUMBER.sub("", cv.compact(cell.text)))  # 按收入性质分：财政拨款
            role = FUNDS_ROWS.role(text) or DEPT_ROWS.role(text)
            return (role, cell) if role else (None, None)
        return None, None

    def _group_heading(self, r: int, first: int) -> bool:
        """Whether the row's words left of the figures are only a grouping phrase (按收入性质分)."""
        own = [c for c in self.grid[r][:first] if c is not None and c.row == r and c.text.strip()]
        words = [cv.compact(c.text) for c in own]  # (a group cell merged down from above is no row's)
        return bool(words) and all(ROW_GROUP.fullmatch(w.rstrip(":")) for w in words)

    def _labelled_rows(self, h1: int, first: int) -> int:
        """How many rows under a budget header a row label names (each label cell counted once)."""
        labels = {id(cell) for r in range(h1, self.table.n_rows) if (cell := self._row_label(r, first)[1])}
        return len(labels)

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

    def _unlabelled(self, r: int, first: int, h0: int) -> bool:
        """Row r has no cell of its own left of the figures, only the block's group cell over it
        (部门预算执行情况 | 年初预算数 … over one row of figures) or the header's own label merged down
        over it (项目资金来源), and figures under header words of no budget role (中央 | 本级 | 合计)."""
        return all(
            cell is None
            or not cell.text.strip()
            or cell.row < r
            and (BLOCKS.role(cell.text) == "budget_group" or cell.row == h0 and c == 0)
            or self._under_other_column(r, c, h0)
            for c, cell in enumerate(self.grid[r][:first])
        )

    def _under_other_column(self, r: int, c: int, h0: int) -> bool:
        """A figure of row r under a header word that names no column of the budget vocabulary."""
        head = self.grid[h0][c]
        known = head is not None and BUDGET_COLS.role(head.text) is not None
        return (
            head is not None
            and head.row == h0
            and bool(head.text.strip())
            and not known
            and (self._figure_at(r, c) is not None)
        )

    def _amounted(self, r: int, cols: dict[int, str]) -> bool:
        """Row r has a figure under an amount column, or figures under two columns (76% | 10 | 7.6):
        one figure alone under 执行率 (a list's 序号 1 that lost its row) is no budget row."""
        placed = [c for c in cols if self._figure_at(r, c) is not None]
        return len(placed) >= 2 or any(BUDGET_KINDS[cols[c]] in ("amount", "unread_amount") for c in placed)

    def _ends_block(self, r: int, first: int) -> bool:
        """A row whose cells left of the figures hold words that name no row ends the block."""
        return any(
            cell is not None and cell.text.strip() and cell.rowspan == 1 for cell in self.grid[r][:first]
        )

    def _put_budget(self, r: int, cols: dict[int, str], scale: Decimal | None, prefix: str, execution=False):
        keys = {"initial": "initial", "adjusted": "adjusted", "executed": "executed"}
        if execution:
            keys |= {"rate": "execution_rate", "weight": "execution_weight", "score": "execution_score"}
            keys["adjustment"] = "adjustment"  # a 调整数 column (``_adjustment_column``)
        figures = {c: found for c in cols if (found := self._figure_at(r, c)) is not None}
        for c, role in placed_by_kind({c: fig for c, (_, fig) in figures.items()}, cols).items():
            found = figures.get(c)
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

    def _in_yuan(self, scale: Decimal | None, rows: range, cols: dict[int, str]) -> Decimal | None:
        """The block's scale: 元 where it is headed 万元 but an amount under it runs to 1000亿元 and more
        (tables.toml budget.unit yuan_from: a template's label over figures filled in 元)."""
        if scale != cv.AMOUNT_SCALE["万元"]:
            return scale
        amounts = [c for c, role in cols.items() if BUDGET_KINDS[role] == "amount"]
        figures = (self._figure_at(r, c) for r in rows for c in amounts)
        too_large = any(
            found is not None and not found[1].unit and found[1].number >= YUAN_FROM for found in figures
        )
        return cv.AMOUNT_SCALE["元"] if too_large else scale

    def _scale(self, h0: int, h1: int) -> Decimal | None:
        """The amount unit the table states: in its header rows or the cells left of them, in the
        rows above, or in the lines just above the table."""
        for r in range(h1 - 1, -1, -1):
            for cell in self._row(r):
                m = UNIT_RE.search(cv.compact(cell.text))
                if m:
                    return cv.AMOUNT_SCALE[m["unit"]]
        m = UNIT_RE.search(cv.compact(self._above(0))) or UNIT_RE.search(self._fragments_above())
        return cv.AMOUNT_SCALE[m["unit"]] if m else None

    def _fragments_above(self) -> str:
        """The run of short lines just above the table, joined: a narrow cell's words written a
        fragment a line before the table's first row (pdftotext: 项目 / 资金 / （万 / 元）)."""
        lines = self.norm.original[max(0, self.table.start - 400) : self.table.start].split("\n")[:-1]
        run: list[str] = []
        for line in reversed(lines[-FRAGMENT_LINES:]):
            if len(line.strip()) > FRAGMENT_CHARS:
                break
            run.append(line.strip())
        return cv.compact("".join(reversed(run)))


def _titles(text: str) -> str:
    """The lines of `text` short enough to be a table's title (表1 资金下达及使用情况表), not the
    paragraph before it (…项目资金已全部支付…: it names no table)."""
    return "\n".join(line for line in text.split("\n") if len(line.strip()) <= TITLE_CHARS)
