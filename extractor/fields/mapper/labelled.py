"""Amounts a budget block states beside their labels rather than in its rows: a cell holding both
('其中:基本支出:1768.16万元'), or a label cell ending in its colon and the amount in the next
('其中：基本支出：' | '1,086.27'); and how any figure of a budget block becomes a Value."""

from __future__ import annotations

from decimal import Decimal

import regex

from extractor.fields import cells as cv
from extractor.fields.mapper.base import GridReader
from extractor.fields.mapper.shifted import fits
from extractor.fields.mapper.vocab import BUDGET_KINDS, LABEL_ONLY, LABELLED, LABELLED_EXECUTED, LABELLED_KEYS
from extractor.grid import Cell
from extractor.models import NumberKind, Value


class LabelledAmounts(GridReader):
    """The labelled amounts of a budget block (``BudgetRows`` reads its rows)."""

    def _labelled(self, r0: int, r1: int, scale: Decimal | None) -> None:
        """Cells holding a label and its amount together ('其中:基本支出:1768.16万元'), or a label cell
        ending in its colon and the amount in the next ('其中：基本支出：' | '1,086.27')."""
        found: dict[str, tuple[Value, list[Cell]]] = {}
        for r in range(r0, r1):
            for cell in self._row(r):
                if id(cell) in self.claimed or cell.row != r:
                    continue
                hit = self._labelled_amount(r, cell)
                if hit is None or hit[0] in found:
                    continue
                key, amount_cell, fig = hit
                value = self._budget_value("initial", amount_cell, fig, scale)
                if value is not None:
                    found[key] = (value, [cell, amount_cell])
        executed = self._breaks_down_executed({k: v for k, (v, _) in found.items()})
        for key, (value, cells) in found.items():
            key = LABELLED_EXECUTED.get(key, key) if executed else key
            if key not in self.out.fields:
                self.out.fields[key] = value
                for cell in cells:
                    self._claim(cell)

    def _labelled_amount(self, r: int, cell: Cell) -> tuple[str, Cell, cv.Figure] | None:
        """(key, the cell of the amount, the amount) of a labelled amount in `cell`, or None."""
        text = cv.fold(cell.text)
        m = LABELLED.match(text)
        fig = cv.figure(m["fig"]) if m else None
        if m and fig is not None:
            if fig.op:
                return None
            at = m.start("fig")
            ends = (at + fig.start, at + fig.end, at + fig.unit_end)
            shifted = cv.Figure(fig.op, fig.number, fig.unit, *ends)
            return _labelled_key(m), cell, shifted
        m = LABEL_ONLY.match("".join(text.split()))
        c = cell.col + cell.colspan
        nxt = self.grid[r][c] if m and c < len(self.grid[r]) else None
        if nxt is None or nxt.row != r or id(nxt) in self.claimed:
            return None
        fig = cv.figure(nxt.text)
        return (_labelled_key(m), nxt, fig) if fig is not None and not fig.op else None

    def _breaks_down_executed(self, found: dict[str, Value]) -> bool:
        """Whether the labelled basic and project amounts add up to the block's 全年执行数 and not
        to its budget (年初 or 全年): they are then the executed money's parts."""
        parts = [found.get(key) for key in LABELLED_EXECUTED]
        if any(p is None for p in parts):
            return False
        whole = sum(p.value for p in parts if p is not None)
        got = self.out.fields
        stated = {k: v.value for k in ("initial", "adjusted", "executed") if (v := got.get(f"budget.{k}"))}
        budgets = (stated.get("initial"), stated.get("adjusted"))
        return stated.get("executed") == whole and whole not in budgets

    def _budget_value(self, role: str, cell: Cell, fig: cv.Figure, scale: Decimal | None) -> Value | None:
        kind = BUDGET_KINDS[role]
        if kind == "percent":
            return cv.number(self.norm, cell, fig, NumberKind.percent, "%") if fits(role, fig) else None
        if kind == "score":
            return cv.number(self.norm, cell, fig, NumberKind.score, fig.unit) if fits(role, fig) else None
        if kind != "amount":
            return None
        unit_scale = cv.AMOUNT_SCALE.get(fig.unit) if fig.unit else scale
        if unit_scale is None or fig.unit and fig.unit not in cv.AMOUNT_SCALE:
            return None
        unit = {Decimal(1): "元", Decimal(10000): "万元"}.get(unit_scale, fig.unit)
        return cv.number(self.norm, cell, fig, NumberKind.amount, unit, unit_scale)


def _labelled_key(m: regex.Match) -> str:
    """The contract key of the label a LABELLED or LABEL_ONLY match found."""
    return LABELLED_KEYS[next(int(g[1:]) for g, v in m.groupdict().items() if v and g != "fig")]
