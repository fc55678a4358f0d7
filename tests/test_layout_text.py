"""PDF reports as poppler's `pdftotext -layout` writes them (fixtures/make_layout_text.py): a table
row spread over several lines, cells wrapped in their columns and centred in their rows (or at
their tops), level cells spanning rows, the form's keys wrapped beside their values
(extractor/read/layout/). No value read is wrong."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest
from gold import load_gold, wrong_values

from extractor import extract
from extractor.flat import flatten
from extractor.read.layout import layout_tables

LAYOUT = Path(__file__).resolve().parent.parent / "fixtures" / "documents" / "layouttext"
NAMES = sorted(p.stem for p in LAYOUT.glob("*.txt"))


def _flat(name: str) -> dict:
    return flatten(extract(LAYOUT / f"{name}.txt"))


def _grid(name: str, n: int) -> list[list[str | None]]:
    table = layout_tables((LAYOUT / f"{name}.txt").read_text(encoding="utf-8"))[n]
    return [[c.text if c else None for c in row] for row in table.rows()]


@pytest.mark.parametrize("name", NAMES)
def test_a_layout_text_reads_no_wrong_value(name: str) -> None:
    assert wrong_values(_flat(name), load_gold(LAYOUT / f"{name}.gold.json")) == {}


def test_cells_centred_in_their_rows_are_joined_around_the_row_s_figures() -> None:
    """'基建工程委托业' / '数量指标  ≥50个  50个  8  8' / '务项目数量': the name's halves stand
    above and below the line of the figures; '在项目计划' / '完成时间内' / '完成' with a line of
    another column between each."""
    flat = _flat("proj-entrusted-2022")
    assert flat["indicators.1.name"] == "基建工程委托业务项目数量"
    assert (flat["indicators.1.target_op"], flat["indicators.1.target"], flat["indicators.1.unit"]) == (
        ">=",
        50,
        "个",
    )
    assert flat["indicators.4.target"] == "在项目计划完成时间内完成"
    assert (flat["indicators.4.weight"], flat["indicators.4.score"]) == (8, 7)
    assert flat["budget.execution_rate"] == Decimal("99.97")  # '99.' / '97' / '%'
    assert flat["budget.initial"] == 900000  # 万元 from '项目' / '资金' / '（万' / '元）'


def test_a_level_cell_spans_the_rows_whose_weights_make_its_own() -> None:
    grid = _grid("proj-entrusted-2022", 3)
    assert grid[1][1] == "产出指标（50分）"
    assert [row[1] for row in grid[2:7]] == [None] * 5  # covered: 8 + 8 + 8 + 8 + 8 + 10 = 50
    assert grid[7][1] == "效益指标（30分）" and grid[10][1] == "满意度指标（10分）"
    flat = _flat("proj-entrusted-2022")
    assert [flat[f"indicators.{n}.level2"] for n in (2, 3, 5, 6)] == [
        "质量指标",
        "质量指标",
        "成本指标",
        "成本指标",
    ]


def test_cells_at_the_tops_of_their_rows_take_the_lines_below() -> None:
    flat = _flat("gd-road-maintenance")
    assert (flat["budget.initial"], flat["budget.adjusted"], flat["budget.executed"]) == (
        2000000,
        2100000,
        1995000,
    )
    assert flat["budget.funds.current.initial"] == 2000000  # '其中：' / '本年财' / '政拨款'


def test_keys_wrapped_beside_their_values_are_whole() -> None:
    """'主管部    某县交 … 实施单      某县公' / '门      通运输 … 位        路事务' / '局  中心'."""
    flat = _flat("gd-road-maintenance")
    assert (flat["report.unit_name"], flat["report.department"]) == ("某县公路事务中心", "某县交通运输局")
    assert flat["report.project_name"] == "乡村道路养护"
    assert _flat("proj-entrusted-2022")["report.unit_name"] == "219001-池州市贵池区棠溪镇人民政府"


def test_a_row_after_a_blank_line_is_centred_on_its_figures() -> None:
    flat = _flat("proj-nutrition-2022")
    assert flat["indicators.3.name"] == "营养改善计划覆盖率"
    assert flat["indicators.4.name"] == "食品安全事故发生次数"
    assert (flat["indicators.4.target_op"], flat["indicators.4.target"], flat["indicators.4.unit"]) == (
        "=",
        0,
        "次",
    )


def test_a_row_written_narrower_than_its_header_takes_the_columns_in_order() -> None:
    """'效益指    社会效   群众出   明显提    明显提   30    28     部分路': poppler wrote the row
    narrower than its header (its 30 under no column); its segments take the header's columns in
    order, the lines below it the columns of the segments they stand under."""
    flat = _flat("gd-road-maintenance")
    assert flat["indicators.1.name"] == "养护里程"  # '养护里' / '程'
    assert (flat["indicators.4.target"], flat["indicators.4.unit"]) == (Decimal("1.7"), "万元")
    assert flat["indicators.4.level1"] == "产出指标"  # '产出指' / '标（50' / '分）' from its first row down
    assert (flat["indicators.5.name"], flat["indicators.5.weight"], flat["indicators.5.score"]) == (
        "群众出行便利度",
        30,
        28,
    )
    assert flat["indicators.5.deviation_reason"] == "部分路段仍待改善"
    assert (flat["indicators.6.level1"], flat["indicators.6.level2"]) == ("满意度指标", "服务对象满意度指标")


def test_a_table_stops_before_a_row_not_placed_for_sure() -> None:
    def line(*cells: str) -> str:  # poppler's grid: every character one position
        return "".join(c.ljust(10) for c in cells).rstrip() + "\n"

    text = (
        line("一级指标", "二级指标", "三级指标", "指标值", "实际完成值", "分值", "得分")
        + "\n"
        + line("产出指标", "数量指标", "培训人次", "≥10", "12", "50", "50")
        + line("效益指标", "社会效益", "群众满意", "提升", "已提升", "30", "30", "另加")
        + line("", "指标", "度")
    )
    [table] = layout_tables(text)
    rows = [[c.text if c else None for c in row] for row in table.rows()]
    assert rows[1:] == [
        ["产出指标", "数量指标", "培训人次", "≥10", "12", "50", "50", ""]
    ]  # '另加': a column of its own


def test_a_funds_row_just_above_a_goal_line_and_the_indicator_header_is_kept() -> None:
    """A header band can start on the last funds row (it reaches down to the indicator header
    past the 年度总体目标 line), but the best band starts on the header itself: the row is the
    funds table's, and a title line of one cell there still ends the table."""

    def line(*cells: tuple[int, str]) -> str:  # (column position, text)
        out = ""
        for x, text in cells:
            out = out.ljust(x) + text
        return out + "\n"

    at = (2, 26, 40, 54, 68, 76, 86)
    funds = line(
        *zip(
            at, ("项目资金", "年初预算数", "全年预算数", "全年执行数", "分值", "执行率", "得分"), strict=True
        )
    )
    funds += line((2, "（万元）"))
    funds += line(
        *zip(at, ("年度资金总额", "2,400.00", "2,400.00", "2,316.00", "10", "96.50%", "9.65"), strict=True)
    )
    funds += line(*zip(at, ("其他资金", "0.00", "0.00", "0.00", "—", "—", "—"), strict=True))
    goal = line((2, "年度总体目标"), (20, "新建高标准农田1.6万亩，完善灌溉排水设施，提升粮食综合生产能力。"))
    at = (2, 13, 29, 49, 61, 73, 79)
    head = line(
        *zip(
            at, ("一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值", "得分"), strict=True
        )
    )
    head += line(
        *zip(at, ("产出指标", "数量指标", "新建农田面积", "≥1.6万亩", "1.62万亩", "15", "15"), strict=True)
    )
    funds_table = layout_tables(funds + goal + head)[0]
    last = ["其他资金", "0.00", "0.00", "0.00", "—", "—", "—"]
    assert [c.text if c else None for c in funds_table.rows()[-1]] == last
    titled = layout_tables(funds + line((2, "绩效指标完成情况")) + head)[0]
    assert [c.text if c else None for c in titled.rows()[-1]] == last


def test_rows_without_weights_are_anchored_by_their_values_when_at_their_tops() -> None:
    flat = _flat("ah-huoshan-transfer-landscape")
    assert (flat["indicators.1.name"], flat["indicators.1.actual"]) == ("享受医疗救助人次", 110406)
    assert flat["indicators.1.level1"] == "产出指标"  # '产' / '出' / '指' / '标'


def test_columns_parted_by_one_space_are_cut_there() -> None:
    """'全年执 分值   执行率 得分' / '行数' over '215,4 10 86.19 8.62' / '57.6     %': poppler left
    one space between two columns; the header's words and the row's figures are cut at it, one a
    column, and the amount wrapped in its cell is joined again ('215,4' / '57.6')."""
    grid = _grid("sh-putuo-sports-yuan", 2)
    assert grid[0][4:8] == ["全年执行数", "分值", "执行率", "得分"]
    assert grid[1][4:8] == ["215,457.6", "10", "86.19%", "8.62"]
    assert grid[2][4:6] == ["215457.6", "—"]  # '21545 —' / '7.6'
    flat = _flat("sh-putuo-sports-yuan")
    assert (flat["budget.initial"], flat["budget.executed"]) == (250000, Decimal("215457.6"))
    execution = [flat[f"budget.execution_{k}"] for k in ("weight", "rate", "score")]
    assert execution == [10, Decimal("86.19"), Decimal("8.62")]
    assert (flat["indicators.1.weight"], flat["indicators.1.score"]) == (10, 10)  # '分值 得分' / '10 10'


def test_a_header_cell_going_on_in_the_body_keeps_its_unit() -> None:
    """'项目资' / '金' in the header band, '（元）' on the first row's line: one cell, 项目资金（元）,
    so the amounts are in yuan."""
    grid = _grid("sh-putuo-sports-yuan", 2)
    assert grid[0][0] == "项目资金（元）" and grid[1][0] is None
    assert _flat("sh-putuo-sports-yuan")["budget.funds.current.executed"] == Decimal("215457.6")


def test_keys_above_a_table_header_are_read() -> None:
    """'项目名' / '称' and '主管部' / '门' above '项目资 … 年初预': the run of key lines ends where the
    table's header starts."""
    flat = _flat("sh-putuo-sports-yuan")
    assert flat["report.project_name"] == "普陀体育中心与委托运营方结算费用"
    assert (flat["report.department"], flat["report.unit_name"]) == (
        "上海市普陀区体育局",
        "上海市普陀区体育事业管理中心",
    )


def test_a_total_line_takes_the_weight_and_score_columns_in_order() -> None:
    """'总分  100   96.5   优' written narrower than its header (100 under no column), and
    '总分  100   98.62' whose 100 stands across 分值 and 得分: the figures from 分值 on."""
    gd = _flat("gd-road-maintenance")
    assert (gd["evaluation.total_weight"], gd["evaluation.total_score"], gd["evaluation.grade"]) == (
        100,
        Decimal("96.5"),
        "优",
    )
    sh = _flat("sh-putuo-sports-yuan")
    assert (sh["evaluation.total_weight"], sh["evaluation.total_score"]) == (100, Decimal("98.62"))


def test_targets_with_units_parted_by_one_space_are_not_cut() -> None:
    """'≥50万平方 52万平方米' across 指标值 and 实际值 (pdftotext -layout of a Chromium print): one
    space between two cells that may hold spaces themselves is no column gap; only figures are cut
    at it. The table is left to the other readings."""
    text = (
        "一级指标   二级指标    三级指标    指标值     实际值   权重    自评得分\n\n"
        "产出     数量      管护面积    ≥50万平方 52万平方米 20    20\n"
        "                       米\n"
    )
    assert layout_tables(text) == []
    split = (
        "一级指标   二级指标    三级指标    指标值     实际值   权重 得分\n\n"
        "产出     数量      管护面积    ≥50      52   20 18\n"
    )
    [table] = layout_tables(split)
    assert [c.text for c in table.cells if c.row == 1][-2:] == ["20", "18"]
