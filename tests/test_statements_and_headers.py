"""Prose that states the year's change against the 年初 budget or a part's budget plainly; prose
that says which row met or missed its target by the target alone, or by its actual; and a header
written one cell a line whose last word opens the first row instead."""

from __future__ import annotations

from decimal import Decimal

from extractor import check
from extractor.flat import flatten
from extractor.pipeline import extract_document
from extractor.read.text import text_document


def _flat(text: str) -> dict:
    """The flat view of a text report, with the validator's findings."""
    report = extract_document(text_document("t.txt", text))
    report.findings = check(report)
    return flatten(report)


BUDGET = """某某区农业农村局2023年度部门整体支出绩效自评报告
一、部门预算及执行情况
2023年我局年初预算2,846.35万元，其中：基本支出1,012.48万元，项目支出1,833.87万元。调整后全年预算为3,415.62万元，{change}。
全年实际支出3,287.09万元。
1.基本支出。全年基本支出预算1,058.16万元，实际支出1,051.73万元。
2.项目支出。项目支出预算2,357.46万元，实际支出2,235.36万元。
"""


def test_the_change_from_the_initial_budget_is_the_adjustment() -> None:
    assert _flat(BUDGET.format(change="较年初预算增加569.27万元"))["budget.adjustment"] == Decimal(5692700)
    assert _flat(BUDGET.format(change="较年初预算减少569.27万元"))["budget.adjustment"] == Decimal(-5692700)


def test_a_parts_budget_stated_plainly_after_its_initial_one_is_the_parts_budget() -> None:
    flat = _flat(BUDGET.format(change="较年初预算增加569.27万元"))
    assert flat["budget.project.budget"] == Decimal(23574600)
    assert flat["budget.basic.budget"] == Decimal(10581600)
    assert not [k for k, v in flat.items() if k.endswith(".rule") and v.startswith("sum.")]


FORM = """某某县审计局2019年度部门整体支出绩效自评报告
一、绩效目标完成情况
{prose}
二、自评得分
部门整体支出绩效自评表
指标名称\t年度指标值\t实际完成值\t分值\t得分
审计项目完成数\t≥30个\t32个\t20\t20
经济责任审计人数\t≥12人\t10人\t15\t12.5
审计发现问题整改率\t≥90%\t92%\t20\t20
被审计单位满意度\t≥90%\t93%\t20\t20
供餐人次\t≥18万人次\t17.35万人次\t15\t14
合计\t\t\t90\t86.5
"""


def _met(prose: str) -> dict[int, bool]:
    flat = _flat(FORM.format(prose=prose))
    return {int(k.split(".")[1]): v for k, v in flat.items() if k.endswith(".met")}


def test_a_shortfall_stated_by_the_target_alone_is_the_row_of_that_target() -> None:
    assert _met("长者食堂全年供餐17.35万人次，因助餐点装修暂停供餐，未达到18万人次的年度目标。") == {5: False}


def test_a_shortfall_stated_by_the_actual_alone_is_the_row_of_that_actual() -> None:
    assert _met("全年计划对12名领导干部开展经济责任审计，实际完成10人，未达到年度目标。") == {2: False}


def test_a_target_stated_as_reached_is_met_where_the_rows_actual_meets_it() -> None:
    assert _met("全年完成审计项目32个，超过30个的年度目标。") == {1: True}
    # two rows hold a 90% target: the actual before the statement tells which
    assert _met("审计发现问题整改率92%，高于不低于90%的目标。") == {3: True}
    assert _met("审计发现问题整改率达到90%以上。") == {}  # no target stated as such


def test_a_target_stated_as_reached_gives_no_met_to_a_row_that_misses_it() -> None:
    assert _met("供餐人次完成18万人次的年度目标。") == {}


ONE_A_LINE = (
    """某某县审计局2019年度部门整体支出绩效自评报告
一、预算执行情况
全年预算715.18万元，实际支出565.75万元，预算执行率79.11%。
二、自评得分
部门整体支出绩效自评表
"""
    + "\n\n".join(
        [
            "指标名称",
            "年度指标值",
            "实际完成值",
            "分值",
            "得分",
            "预算执行率",
            "100%",
            "79.11%",
            "10",
            "7.91",
            "审计项目完成数",
            "≥30个",
            "32个",
            "20",
            "20",
            "经济责任审计人数",
            "12人",
            "10人",
            "15",
            "12.5",
            "合计",
            " ",
            " ",
            "35",
            "40.41",
        ]
    )
    + "\n"
)  # a web page copied as text: a blank line after every cell, an empty cell a lone space


def test_a_header_whose_last_word_opens_the_first_row_ends_before_it() -> None:
    flat = _flat(ONE_A_LINE)
    assert flat["budget.execution_weight"] == 10
    assert flat["budget.execution_score"] == Decimal("7.91")
    assert flat["indicators.1.name"] == "审计项目完成数"
    assert "indicators.3.name" not in flat  # nor a row of the header's words
    assert (flat["indicators.1.target_op"], flat["indicators.1.target"]) == (">=", 30)
    assert (flat["indicators.2.actual"], flat["indicators.2.unit"], flat["indicators.2.score"]) == (
        10,
        "人",
        Decimal("12.5"),
    )


def test_a_figure_in_a_cell_the_table_reading_took_is_no_prose_figure() -> None:
    """Without the prose's rate, the row's 100% target (its cell read by the table) gives no rate."""
    flat = _flat(ONE_A_LINE.replace("全年预算715.18万元，实际支出565.75万元，预算执行率79.11%。\n", ""))
    assert "budget.execution_rate" not in flat
    assert (flat["indicators.1.name"], flat["indicators.1.target"]) == ("预算执行率", 100)
