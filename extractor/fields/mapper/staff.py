"""A form's staff figures under their column labels (a 基础数据表: 财政供养人员情况 over 编制数 |
实际在职人数 | 控制率, and 46 | 50 | 108.70% below): each label read by the staff fields of
patterns/fields.toml, as the prose's labels are, and the whole count right under it."""

from __future__ import annotations

from extractor.fields import cells as cv
from extractor.fields.mapper.base import GridReader
from extractor.fields.narrative import staff_key
from extractor.models import NumberKind

HEAD_LABELS = 2  # staff labels a row needs to be a header of staff columns
COUNT_UNITS = ("", "人", "名")


class StaffRows(GridReader):
    def _staff(self) -> None:
        """Staff counts under a row of two staff labels or more, each in its label's column."""
        for r in range(self.table.n_rows - 1):
            labels = [(c, k) for c in self._row(r) if c.row == r and (k := staff_key(c.text))]
            if len(labels) < HEAD_LABELS:
                continue
            below = {c.col: c for c in self._row(r + 1) if c.row == r + 1}
            for label, key in labels:
                cell = below.get(label.col)
                fig = cv.figure(cell.text) if cell is not None and id(cell) not in self.claimed else None
                if fig is None or fig.op or fig.unit not in COUNT_UNITS or fig.number % 1:
                    continue  # a whole count of people
                if key not in self.out.fields:
                    self.out.fields[key] = cv.number(self.norm, cell, fig, NumberKind.count, fig.unit)
                    self._claim(label, cell)
