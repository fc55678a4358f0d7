"""Column and row words of more templates: 指标方向 and 调整预算数 columns, 上级/本级资金 rows, an improvement
column of its own, a funds row whose empty cell the cell stream loses, a block narrower than its
table, a header repeated on the next page, and an adjustment that is only part of the year's change."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

from extractor import extract
from extractor.flat import flatten
from extractor.pipeline import extract_document
from extractor.read.text import text_document
from extractor.validate import validate
from tests.word_forms import word_form


def _flat(text: str) -> dict:
    return flatten(extract_document(text_document("t.txt", text)))


TITLE = "某某县2023年水果产业提质增效项目支出绩效自评报告"
SOURCES = [
    ["项目名称", "水果产业提质增效项目", "", "", "", "", "", "", ""],
    [
        "预算执行情况（万元）",
        "年初预算数",
        "调整预算数",
        "全年预算数",
        "全年执行数",
        "执行率",
        "分值",
        "得分",
        "",
    ],
    ["合计", "150.00", "20.00", "170.00", "163.52", "96.19%", "10", "9.62", ""],
    ["其中：上级资金", "120.00", "20.00", "140.00", "134.86", "96.33%", "—", "—", ""],
    ["本级资金", "30.00", "0.00", "30.00", "28.66", "95.53%", "—", "—", ""],
    ["其他资金", "0.00", "0.00", "0.00", "0.00", "—", "—", "—", ""],
    ["一级指标", "二级指标", "三级指标", "指标方向", "年度指标值", "计量单位", "实际完成值", "分值", "得分"],
    ["产出指标", "数量指标", "老果园改造面积", "≥", "5000", "亩", "5210", "10", "10"],
    ["", "成本指标", "亩均补助标准", "≤", "300", "元/亩", "300", "10", "10"],
    ["效益指标", "可持续影响指标", "果品优质果率", "定性", "逐步提高", "", "逐步提高", "10", "10"],
]


def test_an_adjustment_column_is_told_from_the_adjusted_one_by_the_sum_of_the_total_row(
    tmp_path: Path,
) -> None:
    flat = flatten(extract(word_form(tmp_path / "f.docx", [TITLE], SOURCES)))
    assert (flat["budget.initial"], flat["budget.adjustment"], flat["budget.adjusted"]) == (
        Decimal(1500000),
        Decimal(200000),
        Decimal(1700000),
    )
    assert flat["budget.executed"] == Decimal(1635200)


def test_rows_of_superior_and_own_money_give_the_initial_budget_by_its_source(tmp_path: Path) -> None:
    flat = flatten(extract(word_form(tmp_path / "f.docx", [TITLE], SOURCES)))
    sources = {k: v for k, v in flat.items() if k.startswith("budget.source.")}
    assert sources == {
        "budget.source.superior": Decimal(1200000),
        "budget.source.own": Decimal(300000),
        "budget.source.other": Decimal(0),
    }
    assert not any(k.startswith("budget.funds.") for k in flat)


def test_a_direction_column_gives_each_rows_operator(tmp_path: Path) -> None:
    flat = flatten(extract(word_form(tmp_path / "f.docx", [TITLE], SOURCES)))
    ops = [flat[f"indicators.{n}.target_op"] for n in (1, 2, 3)]
    assert ops == [">=", "<=", "text"]
    assert (flat["indicators.1.target"], flat["indicators.1.unit"]) == (Decimal(5000), "亩")


def test_an_improvement_column_beside_the_reason_column_is_the_improvement(tmp_path: Path) -> None:
    rows = [
        [
            "一级指标",
            "二级指标",
            "三级指标",
            "年度指标值",
            "实际完成值",
            "分值",
            "得分",
            "偏差原因分析",
            "改进措施",
        ],
        ["产出指标", "质量指标", "道路优良率", "≥90%", "88%", "10", "9", "部分路段水毁", "优化施工时段"],
    ]
    flat = flatten(extract(word_form(tmp_path / "f.docx", [TITLE], rows)))
    assert (flat["indicators.1.deviation_reason"], flat["indicators.1.improvement"]) == (
        "部分路段水毁",
        "优化施工时段",
    )


def test_a_header_repeated_on_the_next_page_continues_the_levels_of_the_rows_before_it(
    tmp_path: Path,
) -> None:
    header = ["一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值", "得分"]
    rows = [
        header,
        ["产出指标", "数量指标", "调解案件受理数", "≥2500件", "2736件", "10", "10"],
        header,
        ["", "", "普法宣传活动场次", "≥120场", "146场", "10", "10"],
        ["", "质量指标", "人民调解成功率", "≥96%", "98.2%", "10", "10"],
    ]
    flat = flatten(extract(word_form(tmp_path / "f.docx", [TITLE], rows)))
    levels = [(flat[f"indicators.{n}.level1"], flat[f"indicators.{n}.level2"]) for n in (1, 2, 3)]
    assert levels == [("产出指标", "数量指标"), ("产出指标", "数量指标"), ("产出指标", "质量指标")]


CELL_LINES = """某某县2023年黑土地保护项目支出绩效自评报告
项目支出绩效自评表
项目名称
黑土地保护项目
项目资金（万元）

年初预算数
全年预算数
全年执行数
分值
执行率
得分

年度资金总额
4650.00
4962.80
4822.26
10
97.17%
9.72

其中：当年财政拨款
4650.00
4650.00
4509.46
—
—
—

上年结转资金

312.80
312.80
—
—
—
年度总体目标
"""


def test_an_empty_cell_the_grid_saw_is_not_filled_by_the_cell_streams_reading_of_the_row() -> None:
    flat = _flat(CELL_LINES)
    funds = {k: v for k, v in flat.items() if k.startswith("budget.funds.carryover.")}
    assert funds == {
        "budget.funds.carryover.adjusted": Decimal(3128000),
        "budget.funds.carryover.executed": Decimal(3128000),
    }


REGION = """某某市抗疫特别国债2020年度绩效自评报告
中央对地方转移支付区域绩效自评表
转移支付(项目)名称\t抗疫特别国债
资金投入情况(万元)\t\t全年预算数(A)\t全年执行数(B)\t预算执行率(B/A)
年度资金总额\t45400\t43906.52\t96.71%
绩效指标\t一级指标\t二级指标\t三级指标\t年度指标值\t全年实际值\t未完成原因和改进措施
产出指标\t数量指标\t新建中水调节池总容积\t≥766万m³\t766万m³\t
新建地下排水管网长度\t≥29公里\t29公里\t
效益指标\t生态效益指标\t细颗粒物（PM2.5）平均浓度\t≤30微克/立方米\t28微克/立方米\t
"""


def test_a_block_narrower_than_its_table_keeps_its_figures_in_their_columns() -> None:
    flat = _flat(REGION)
    assert (flat["budget.adjusted"], flat["budget.executed"]) == (Decimal(454000000), Decimal("439065200.00"))
    assert (flat["indicators.1.target"], flat["indicators.1.unit"], flat["indicators.1.actual"]) == (
        Decimal(766),
        "万m³",
        Decimal(766),
    )
    assert flat["indicators.2.name"] == "新建地下排水管网长度"
    # a concentration's unit (微克/立方米: a mass per volume)
    assert [flat.get(f"indicators.3.{k}") for k in ("target_op", "target", "unit", "actual")] == [
        "<=",
        Decimal(30),
        "微克/立方米",
        Decimal(28),
    ]


ADJUSTED = """某某县2023年农村公路养护工程项目支出绩效自评报告
一、项目基本情况
2023年项目年初预算860.00万元。年中追加省级补助资金52.50万元，加上上年结转资金42.30万元，全年预算数为954.80万元。
"""


def test_an_adjustment_the_sentence_adds_carried_over_money_to_is_not_the_years_change() -> None:
    flat = _flat(ADJUSTED)
    assert (flat["budget.initial"], flat["budget.adjusted"]) == (Decimal(8600000), Decimal(9548000))
    assert "budget.adjustment" not in flat
    alone = ADJUSTED.replace(
        "，加上上年结转资金42.30万元，全年预算数为954.80万元", "，全年预算数为912.50万元，无上年结转资金"
    )
    assert _flat(alone)["budget.adjustment"] == Decimal(525000)


def test_words_across_a_sentences_end_before_the_colon_name_no_indicator() -> None:
    text = """某某市抗疫特别国债2020年度项目支出绩效自评报告
3.绩效指标完成情况分析

(1)产出指标完成情况。数量指标:新建中水调节池总容积766万m³,新建地下排水管网29公里;老城区排水管网改造完成12.6公里,未达到13公里的年度指标值。质量指标:已完工工程竣工验收合格率100%。
"""
    flat = _flat(text)
    assert not any(k.startswith("indicators.") for k in flat)


ITEMS = """某某自治区文物局2020年度中央转移支付绩效自评报告
一、基本情况
2020年度下达资金12774.00万元，全年执行12500.00万元，预算执行率97.86%。
二、绩效目标分解下达情况
一是布达拉宫管理处年初预算内项目资金6152万元，未单独分解下达绩效目标；二是市卫健委部分设备合同尚未结算，资金执行率为92.01%。
"""


def test_figures_in_an_item_another_unit_opens_are_that_units() -> None:
    report = extract_document(text_document("t.txt", ITEMS))
    flat = flatten(report)
    assert (flat["budget.adjusted"], flat["budget.execution_rate"]) == (Decimal(127740000), Decimal("97.86"))
    assert "budget.initial" not in flat
    assert [f.rule for f in validate(report) if f.rule == "cross.mention"] == []


def test_a_compound_unit_per_person_and_month_is_one_unit() -> None:
    from extractor.fields import cells as cv

    fig = cv.figure("148元/人·月")
    assert fig is not None and (fig.number, fig.unit) == (Decimal(148), "元/人·月")
    assert cv.figure("12月") is None  # a month alone stays a date word


def test_the_total_row_ends_the_indicators_when_the_lines_after_it_are_taken_as_going_on_under_it() -> None:
    text = (
        "某某县2023年农村供水维修养护项目支出绩效自评报告\n"
        "绩效指标\t一级指标\t二级指标\t三级指标\t年度指标值\t实际完成值\t分值\t得分\t偏差原因分析及改进措施\n"
        "\t满意度指标\t服务对象满意度指标\t受益群众满意度\t≥90%\t93.5%\t10\t10\t\n"
        "总分\t100\t97.64\t\n"
        "\n"
        "项目负责人：陈立新\t财务负责人：王芳\t联系电话：0719-3222516\n"
    )
    flat = _flat(text)
    assert flat["indicators.1.name"] == "受益群众满意度"
    assert not any(k.startswith("indicators.2.") for k in flat)


def test_offices_after_nei_she_ji_gou_you_and_a_colon() -> None:
    text = (
        "某某县政务服务和数据管理局2024年度部门整体支出绩效自评报告\n"
        "内设机构有:办公室、政务服务股、数据管理股。主要职责是:负责…。\n"
    )
    assert _flat(text)["org.offices"] == ["办公室", "政务服务股", "数据管理股"]
