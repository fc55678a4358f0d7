"""Rows of a form whose flattening lost a cell or whose words belong to two levels: a budget row one
cell short is placed by the kinds of its figures (only what every reading agrees on is read), a
row opened by a word of both levels (满意度指标) as wide as the columns from 一级 on starts there, a
二级 cell of the template's own words is read from its column, and a page whose title stayed in
its heading is read from its form."""

from __future__ import annotations

from decimal import Decimal

from test_prose_unseen import flat_of

from extractor.fields import cells as cv
from extractor.fields.mapper.shifted import placed_by_kind

COLS = {1: "budget", 2: "executed", 3: "rate", 4: "score"}


def _figures(*texts: str) -> dict[int, cv.Figure]:
    return {c: f for c, t in enumerate(texts, 1) if (f := cv.figure(t)) is not None}


def test_a_row_whose_figures_fit_keeps_its_columns() -> None:
    assert placed_by_kind(_figures("864.2", "800", "92.57%", "18.5"), COLS) == COLS


def test_a_row_one_cell_short_reads_what_every_reading_agrees_on() -> None:
    # 864.2 could be 预算数 or 执行数: left out; 100% can only be 执行率, 20 then only 得分
    assert placed_by_kind(_figures("864.2", "100%", "20"), COLS) == {2: "rate", 3: "score"}


def test_a_short_row_losing_its_last_cell_keeps_its_columns() -> None:
    assert placed_by_kind(_figures("864.2", "800", "92.57%"), COLS) == COLS  # every figure fits


FORM = """单位名称:某镇政府 填报日期:2021.5.18
单位名称 | 某镇人民政府 | |||
预算执行情况(万元) (20分) | 预算数(A) | 执行数(B) | 执行率(B/A) | 得分 (20分*执行率) | ||
部门整体支出总额 | 864.2 | 100% | 20 | ||||
年度绩效指标 | 一级指标 | 二级指标 | 三级指标 | 年初目标值(A) | 实际完成值(B) | 得分 | ||
产出指标 | 数量指标 | 办结信访案件 | 168起 | 168起 | 20 | ||||
数量指标 | 拆除活人墓、豪华墓 | 32座 | 32座 | 20 | |||||
日效性指标 | 解决群众问题时间 | 2天以内 | 2天以内 | 20 | |||||
满意度指标 | 群众满意度 指标 | 群众对政府工作满意度 | ≧90% | 95% | 20 | ||||
总分 | 100分 | |||
备注:1.预算执行情况口径:预算数为调整后财政资金总额(包括上年结余结转)。
"""


def _flat() -> dict:
    return flat_of(FORM)


def test_an_untitled_form_is_read() -> None:
    flat = _flat()
    assert flat["report.kind"] == "department_overall"
    assert flat["report.unit_name"] == "某镇人民政府"


def test_the_short_budget_row_reads_rate_and_score_only() -> None:
    flat = _flat()
    assert flat["budget.execution_rate"] == Decimal("100")
    assert flat["budget.execution_score"] == Decimal("20")
    assert "budget.adjusted" not in flat and "budget.executed" not in flat


def test_a_row_opened_by_a_word_of_both_levels_starts_at_the_first_level() -> None:
    flat = _flat()
    assert flat["indicators.4.level1"] == "满意度指标"
    assert flat["indicators.4.level2"] == "群众满意度指标"
    assert flat["indicators.4.name"] == "群众对政府工作满意度"
    assert flat["indicators.4.target"] == Decimal("90")
    assert flat["indicators.4.score"] == Decimal("20")


def test_a_second_level_cell_of_the_template_s_own_words_is_read() -> None:
    assert _flat()["indicators.3.level2"] == "日效性指标"
