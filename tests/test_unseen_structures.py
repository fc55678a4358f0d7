"""Structures of unseen reports (fixtures/probes, probes5): an execution-rate row of the indicator
table with a target of its own, a second project's table appended, a funds row as wide as its
header, a lone 执行率 under a per-project list's header, OCR letters in a cell's figure, a site's
navigation path over the title, a web page's buttons after the signature date, 绩效指标 heading a
level-less table's names, 本年数 of the final accounts beside 上年数 / 增减 columns."""

from __future__ import annotations

from decimal import Decimal

from extractor.fields import cells as cv
from extractor.fields.mapper import TableResult, read_tables
from extractor.normalize import as_written
from extractor.pipeline import extract_document
from extractor.read.text import text_document


def _read(text: str) -> TableResult:
    doc = text_document("t.txt", text)
    return read_tables(doc.tables, as_written(doc))


def _flat(text: str) -> dict[str, object]:
    from extractor.flat import flatten

    return flatten(extract_document(text_document("t.txt", text)))


FUNDS = "项目资金（万元）\t年初预算数\t全年预算数\t全年执行数\n年度资金总额\t450.00\t500.00\t480.00\n"
HEAD = "一级指标\t二级指标\t三级指标\t分值\t年度指标值\t实际完成值\t得分\n"
ROW = "产出\t数量指标\t改造里程\t90\t≥45公里\t46.2公里\t90\n"


def _execution_row(actual: str) -> dict[str, object]:
    row = f"过程\t资金管理\t预算执行率\t10\t100%\t{actual}\t9.6\n"
    return _flat("项目支出绩效自评表\n" + FUNDS + HEAD + row + ROW)


def test_an_execution_row_with_a_target_is_the_budgets_when_its_actual_is_the_budgets_rate():
    flat = _execution_row("96%")  # 480 / 500
    assert flat["indicators.1.name"] == "改造里程" and "indicators.2.name" not in flat
    assert (flat["budget.execution_weight"], flat["budget.execution_score"]) == (10, Decimal("9.6"))
    assert flat["budget.execution_rate"] == 96


def test_an_execution_row_whose_actual_is_not_the_budgets_rate_stays_an_indicator():
    flat = _execution_row("90%")
    assert flat["indicators.1.name"] == "预算执行率"
    assert "budget.execution_score" not in flat


def test_a_second_projects_table_gives_the_report_nothing():
    head = "|一级指标|二级指标|三级指标|分值|年度指标值|实际完成值|得分|\n"
    one = "项目支出绩效自评表\n|项目名称|甲项目||\n|主管部门|某局|实施单位|某局|\n" + head
    one += "|产出指标|数量指标|甲指标|100|≥3个|3个|100|\n"
    two = "\n项目二\n|项目名称|乙项目||\n|主管部门|某局|实施单位|某中心|\n" + head
    two += "|产出指标|数量指标|乙指标|100|≥5个|5个|100|\n"
    result = _read(one + two)
    assert [i.name.value for i in result.indicators] == ["甲指标"]
    assert result.fields["report.unit_name"].value == "某局"


def test_a_funds_row_as_wide_as_its_header_starts_under_its_first_column():
    text = "项目支出绩效自评表\n|项目资金（万元）||年初预算数|全年预算数|全年执行数|分值|执行率|得分|\n"
    text += "|年度资金总额||180.00|180.00|172.80|10|96.00%|9.6|\n"
    fields = {k: v.value for k, v in _read(text).fields.items()}
    assert fields["budget.executed"] == Decimal("1728000.00")
    assert fields["budget.execution_weight"] == Decimal("10")
    assert fields["budget.execution_rate"] == Decimal("96.00")


def test_a_lone_rate_under_a_list_header_is_no_budget_row():
    text = "部门整体支出绩效自评报告\n单位：万元\n预算数 执行数 执行率\n1\n"
    assert "budget.execution_rate" not in _read(text).fields


def test_ocr_letters_inside_a_number_are_its_digits():
    assert cv.figure("l0").number == Decimal("10")
    assert cv.figure("96.O0%").number == Decimal("96.00")
    assert cv.figure("1OO%").number == Decimal("100")
    assert cv.figure("2O").number == Decimal("20")
    assert cv.figure("O2O") is None and cv.figure("lO") is None


def test_a_navigation_path_is_not_joined_to_the_title_under_it():
    text = "某县人民政府 > 政务公开 > 财政预决算 > 绩效评价\n某县自然资源局2023年度部门整体支出绩效自评报告\n"
    text += "一、部门基本情况\n本局全年预算数100万元，执行数96万元，预算执行率96%。\n"
    text += "某县自然资源局\n2024年4月26日\n"
    text += "【关闭窗口】　　【打印本页】\n"
    flat = _flat(text)
    assert flat["report.unit_name"] == "某县自然资源局"
    assert flat["report.filled_on"] == "2024-04-26"


def test_a_group_word_heading_a_level_less_table_is_its_name_column():
    cells = [
        "绩效指标",
        "指标值",
        "实际完成值",
        "分值",
        "得分",
        "开展活动场次",
        "≥120场",
        "126场",
        "20",
        "20",
    ]
    flat = _flat("项目支出绩效自评表\n" + "\n".join(cells) + "\n")
    assert flat["indicators.1.name"] == "开展活动场次"
    assert (flat["indicators.1.target"], flat["indicators.1.actual"], flat["indicators.1.score"]) == (
        120,
        126,
        20,
    )
    assert "indicators.1.level1" not in flat


def _this_year(note: str) -> dict[str, object]:
    text = (
        f"部门整体支出绩效自评报告\n{note}（单位：万元）：\n\n| 项目 | 上年数 | 本年数 | 增减额 | 增减率 |\n"
    )
    text += "| :--- | ---: | ---: | ---: | ---: |\n| 支出合计 | 1,830.25 | 1,948.60 | 118.35 | 6.47% |\n"
    text += "| 基本支出 | 1,210.40 | 1,256.80 | 46.40 | 3.83% |\n"
    return {k: v.value for k, v in _read(text).fields.items()}


def test_this_years_column_of_the_final_accounts_beside_last_years_is_executed():
    fields = _this_year("2023年度支出决算与上年对比情况如下")
    assert fields["budget.executed"] == Decimal("19486000.00")
    assert fields["budget.basic.executed"] == Decimal("12568000.00")
    assert "budget.initial" not in fields and "budget.basic.budget" not in fields


def test_this_years_column_of_no_final_accounts_is_not_read():
    assert _this_year("2023年度支出与上年对比情况如下") == {}


def test_units_in_brackets_per_mille_and_per_several_measures():
    """≥200台（套）: a measure with its alternative in brackets; ≤0.9‰: per mille (no percent);
    3000元/人·年: a ratio per two measures. Each a figure with its unit, not a target in words."""
    found = {t: cv.figure(t) for t in ("≥200台（套）", "≤0.9‰", "3000元/人·年", "≥1500元/人")}
    assert {t: (f.op, f.number, f.unit) for t, f in found.items()} == {
        "≥200台（套）": (">=", Decimal(200), "台(套)"),
        "≤0.9‰": ("<=", Decimal("0.9"), "‰"),
        "3000元/人·年": ("", Decimal(3000), "元/人·年"),
        "≥1500元/人": (">=", Decimal(1500), "元/人"),
    }
    assert cv.figure("2台(个人)") is None  # brackets holding no measure word
