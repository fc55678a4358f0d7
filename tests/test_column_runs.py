"""A budget block pdftotext wrote column by column (a landscape form): the first column's label /
amount pairs, then each other column as a run of its figures far after them
(extractor/read/recover/columns.py). Constructed flattenings, one cell a line with a blank line
after each, read to their real values; where a row's B/A is not its rate nothing is moved."""

from __future__ import annotations

from pathlib import Path

import pytest

from extractor import extract
from extractor.flat import flatten

# The form's cells in the order pdftotext writes them, {0}-{2} the cells a test changes.
FORM = """转移支付项目绩效目标自评表 转移支付(项目)名称 困难群众救助补助资金 资金投入情况 全年预算数(A) {1}
年度资金总额: {2} 其中:中央财政资金 800万 地方资金 400.5万 其他资金
资金管理情况 情况说明 分配科学性 资金分配科学
全年执行数(B) 1140.5万 800万 340.5万 预算执行率(B/A×100%) {0} 100% 85%"""


def _flat(tmp_path: Path, rate: str, note: str = "(万元)", total: str = "1200.5万") -> dict:
    path = tmp_path / "columns.txt"
    path.write_text("\n\n".join(FORM.format(rate, note, total).split()) + "\n", encoding="utf-8")
    return flatten(extract(path))


def test_columns_written_as_runs_are_read_row_by_row(tmp_path: Path) -> None:
    flat = _flat(tmp_path, "95%")
    assert (flat["budget.adjusted"], flat["budget.executed"]) == (12005000, 11405000)
    assert flat["budget.execution_rate"] == 95


@pytest.mark.parametrize(
    ("rate", "note", "total"),
    [
        ("90%", "(万元)", "1200.5万"),  # 1140.5 / 1200.5 is 95%, not 90%
        ("95%", "(万元)", "1200.5"),  # the unit note left out, an amount without its unit
    ],
)
def test_runs_that_are_not_the_block_s_columns_are_not_moved(
    tmp_path: Path, rate: str, note: str, total: str
) -> None:
    flat = _flat(tmp_path, rate, note, total)
    assert "budget.executed" not in flat and "budget.execution_rate" not in flat
