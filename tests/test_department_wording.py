"""Department reports that describe their projects one by one, and close with their score."""

from __future__ import annotations

from decimal import Decimal

from extractor.flat import flatten
from extractor.pipeline import extract_document
from extractor.read.text import text_document

PROJECTS_ONE_BY_ONE = """某某县农业农村局2023年度部门整体支出绩效自评报告
一、部门基本情况
本局2023年全年预算数2,000.00万元，全年执行数1,900.00万元，预算执行率95.00%。
二、项目支出情况
（一）高标准农田建设项目。该项目年初预算500.00万元，实际支出480.00万元，执行率96.00%。
（二）农村人居环境整治项目。全年预算数200.00万元，执行数150.00万元，执行率75.00%。
三、自评结果
自评得分91分，等级为优。
"""


def _flat(text: str) -> dict:
    return flatten(extract_document(text_document("t.txt", text)))


def test_one_projects_figures_are_not_the_units_project_expenditure() -> None:
    flat = _flat(PROJECTS_ONE_BY_ONE)
    assert {k: v for k, v in flat.items() if k.startswith("budget.")} == {
        "budget.adjusted": Decimal(20000000),
        "budget.executed": Decimal(19000000),
        "budget.execution_rate": Decimal(95),
    }


def test_a_line_opening_with_the_self_evaluation_score_is_the_total() -> None:
    flat = _flat(PROJECTS_ONE_BY_ONE)
    assert (flat["evaluation.total_score"], flat["evaluation.grade"]) == (Decimal(91), "优")


def test_in_a_project_report_this_project_is_the_report_itself() -> None:
    text = (
        "某某县2023年度高标准农田建设项目支出绩效自评报告\n一、项目资金情况\n"
        "该项目年初预算500.00万元，实际支出480.00万元，执行率96.00%。\n"
    )
    flat = _flat(text)
    assert [flat.get(f"budget.{k}") for k in ("initial", "executed", "execution_rate")] == [
        Decimal(5000000), Decimal(4800000), Decimal(96),
    ]  # fmt: skip


def test_the_retired_are_no_part_of_the_staff_they_follow() -> None:
    from extractor.validate import validate

    text = (
        "某某区城市管理局2023年度部门整体支出绩效自评报告\n一、部门概况\n"
        "核定编制人数85人，实有人数80人，其中在职人员78人，退休人员25人。\n"
    )
    report = extract_document(text_document("t.txt", text))
    s = report.staff
    counts = [x.value if x else None for x in (s.authorized, s.actual, s.on_duty, s.retired)]
    assert counts == [85, 80, 78, 25]
    assert report.breakdowns == []  # 78 alone is no breakdown; 25 retired stand beside the 80
    assert [f.rule for f in validate(report) if f.severity == "error"] == []
