"""Text copied out of a PDF viewer (fixtures/make_pdf_copies.py: pdfium's text of committed PDFs):
page numbers and running headers between a sentence's halves, names wrapped after their labels,
pipe rows broken inside a cell, narrow borderless cells in fragments (read whole by
read/wrapped.py). No value read is wrong."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest
from gold import load_gold, wrong_values

from extractor import extract
from extractor.flat import flatten

PDFCOPY = Path(__file__).resolve().parent.parent / "fixtures" / "documents" / "pdfcopy"
NAMES = sorted(p.stem for p in PDFCOPY.glob("*.txt"))


def _flat(name: str) -> dict:
    return flatten(extract(PDFCOPY / f"{name}.txt"))


@pytest.mark.parametrize("name", NAMES)
def test_a_copied_pdf_text_reads_no_wrong_value(name: str) -> None:
    assert wrong_values(_flat(name), load_gold(PDFCOPY / f"{name}.gold.json")) == {}


def test_page_breaks_and_wrapped_names_leave_the_prose_whole() -> None:
    flat = _flat("xj-street-2024")
    assert flat["report.unit_name"] == "乌鲁木齐高新技术产业开发区(乌鲁木齐市新市区)石油新村片区管理委员会"
    assert flat["org.offices"][2] == "综合执法办公室"  # '综合执' / running header / '- 2 -' / '法办公室'
    assert flat["budget.fiscal.annual"] == 43441800  # '全年预算数为' / header / '- 3 -' / '4344.18 万元'


def test_a_pipe_row_broken_inside_a_cell_is_one_row() -> None:
    flat = _flat("b06")
    assert (flat["indicators.1.name"], flat["indicators.1.target"]) == ("学生受资助人数", 735)
    assert set(load_gold(PDFCOPY / "b06.gold.json")) - set(flat) == set()


def test_rows_of_cells_in_fragments_are_read_whole() -> None:
    """'产出指' / '标（50' / '分）', '养护里' / '程' / '≥120' / '公里' / '125 公' / '里' / '15 15': each
    cell's fragments joined, the budget row's figures ('200 210 199.5 10 95% 9.5') in their columns."""
    flat = _flat("gd-road-maintenance")
    row = [flat[f"indicators.1.{k}"] for k in ("name", "level1", "level2", "target", "unit", "actual")]
    assert row == ["养护里程", "产出指标", "数量指标", 120, "公里", 125]
    assert (flat["indicators.3.target"], flat["indicators.3.actual"]) == ("2023年12月底前", "按时完成")
    assert flat["indicators.5.deviation_reason"] == "部分路段仍待改善"
    assert (flat["budget.adjusted"], flat["budget.funds.carryover.executed"]) == (2100000, 0)
    assert (flat["evaluation.total_score"], flat["evaluation.grade"]) == (96.5, "优")


def test_short_level_words_open_the_rows_of_a_copy() -> None:
    """'产出 数量 管护面积 ≥50 万平' / '方米' / '52 万平方' / '米' / '20 20': the row's levels in their
    short form, its target and actual wrapped inside the unit."""
    flat = _flat("zj-greening")
    assert [flat[f"indicators.1.{k}"] for k in ("level1", "level2", "name", "target", "unit", "actual")] == [
        "产出",
        "数量",
        "管护面积",
        50,
        "万平方米",
        52,
    ]
    assert (flat["indicators.2.name"], flat["indicators.2.score"]) == ("绿化覆盖率", 30)
    assert flat["report.project_name"] == "城区绿化管护"  # '项目名称 城区绿化' / '管护'


def test_amounts_wrapped_in_their_cells_are_read_whole() -> None:
    """sh-putuo (another template): '25000' / '0.00' / '25000' / '0.00' / '215,4' / '57.6' / '10 86.19' /
    '%' / '8.62' under 年初预算数 … 得分; '与委托' / '运营方' / '结算完' / '成率' / '=100' / '%' a row."""
    flat = _flat("sh-putuo-sports-yuan")
    budget = [
        flat[f"budget.{k}"] for k in ("initial", "adjusted", "executed", "execution_rate", "execution_score")
    ]
    assert budget == [250000, 250000, Decimal("215457.6"), Decimal("86.19"), Decimal("8.62")]
    assert flat["budget.funds.current.executed"] == Decimal("215457.6")
    assert (flat["indicators.1.name"], flat["indicators.1.target"], flat["indicators.1.unit"]) == (
        "与委托运营方结算完成率",
        100,
        "%",
    )
    assert (flat["indicators.3.name"], flat["indicators.3.actual"]) == ("费用结算及时性", "及时")


def test_a_one_line_table_wrapped_at_the_page_width_is_read_whole() -> None:
    """b01: pdfium's copy of a table printed on one line wraps it at the page width ('… 8 8 质量指' /
    '标 委托业务报告合格率 …', '效果明' / '显 达成预期指标 10 10'): the lines are one row of cells again."""
    flat = _flat("b01")
    assert flat["report.unit_name"] == "219001-池州市贵池区棠溪镇人民政府"  # '…镇人民' / '政府 项目资金'
    assert (flat["indicators.2.level2"], flat["indicators.2.name"]) == ("质量指标", "委托业务报告合格率")
    assert (flat["indicators.9.target"], flat["indicators.9.actual"]) == ("效果明显", "达成预期指标")


def test_rows_of_cells_centred_in_their_rows_are_read_up_to_the_first_uncertain_one() -> None:
    """proj-entrusted: cells centred in their rows ('质量指标' / '委托业务报告合' / '格率 ≥100% …') show
    no top alignment. The budget header '分' / '值' / '执' / '行' / '率' / '得分' is three columns
    (执行率 and 得分, as when each stands whole), so the row's six figures are read. Under 质量指标 the
    first row ends at its score where the next row's name opens a line of its own ('经费支出合规性'
    is no reason of the first: '达成预期' | '指标' would be a value cut). By the widths, that next
    row's name is as well '经费支出合规性 严格执行相' of two lines as '经费支出合规性' of one; the first
    cuts the word 相关 between name and target, so the second is read. The fourth row ('提交报告及时性'
    / '在项目计划' / '完成时间内' / '完成') has two readings cutting no word: the rows end there (read
    after it, the indicators would be numbered wrong)."""
    flat = _flat("proj-entrusted-2022")
    assert [flat[f"indicators.1.{k}"] for k in ("name", "target", "unit", "actual", "weight")] == [
        "基建工程委托业务项目数量",
        50,
        "个",
        50,
        8,
    ]
    keys = ("level2", "name", "target", "unit", "actual", "weight", "score")
    row = [flat[f"indicators.2.{k}"] for k in keys]
    assert row == ["质量指标", "委托业务报告合格率", 100, "%", 100, 8, 8]
    row = [flat[f"indicators.3.{k}"] for k in ("level2", "name", "target", "actual", "weight", "score")]
    assert row == ["质量指标", "经费支出合规性", "严格执行相关制度规定", "达成预期指标", 8, 8]
    assert "indicators.4.name" not in flat
    budget = [flat[f"budget.{k}"] for k in ("initial", "executed", "execution_rate", "execution_score")]
    assert budget == [900000, 899740, Decimal("99.97"), 10]


def test_lines_run_together_by_the_copy_stand_for_two() -> None:
    """gd-road-threeline: the copy ran '行便利' / '度' and '明显提' / '升' together; '明显提升' is wider
    than its column can be (its header '年度指' / '标值' wrapped before 标), so it is two lines and the
    next cell may begin below it."""
    flat = _flat("gd-road-threeline")
    keys = ("name", "target", "actual", "weight", "score", "deviation_reason")
    row = [flat[f"indicators.5.{k}"] for k in keys]
    assert row == ["群众出行便利度", "明显提升", "明显提升", 30, 28, "部分路段仍待改善"]
    assert (flat["indicators.6.name"], flat["indicators.6.actual"]) == ("沿线群众满意度", 93)
