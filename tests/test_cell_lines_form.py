"""A 湖南 部门整体支出绩效自评表 copied from a web page, one cell a line between blank lines: the
amount unit's cell that lost its closing bracket ('(万元') still names the unit, and the template's
'预算部门、单位名称' labels the unit."""

from __future__ import annotations

from decimal import Decimal

from test_prose_unseen import flat_of

CELLS = [
    "2023年度部门整体支出绩效自评表", "预算部门、单位名称", "衡山县岭坡乡人民政府", "年度预算申请", "(万元",
    "年初预算数", "全年预算数", "全年执行数", "分值", "执行率", "自评得分",
    "年度资金总额", "861.10", "2030.12", "2030.12", "10", "100%", "10",
    "年度总体目标", "预期目标", "实际完成情况",
]  # fmt: skip


def test_the_unit_and_the_amounts_of_a_form_one_cell_a_line() -> None:
    flat = flat_of("\n\n".join(CELLS) + "\n")
    assert flat["report.unit_name"] == "衡山县岭坡乡人民政府"
    assert flat["budget.initial"] == 8611000
    assert flat["budget.adjusted"] == 20301200
    assert flat["budget.executed"] == 20301200
    assert flat["budget.execution_rate"] == Decimal("100")
