"""Budget blocks: row labels opened by their number (一、基本支出), the 部门决算's kinds of
appropriation (一般公共预算财政拨款) as rows of no contract key, and a task table's 预算数 | 执行数
header before the budget's own; offices counted as 职能办公室."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import openpyxl

from extractor import check, extract
from extractor.flat import flatten
from extractor.pipeline import extract_document
from extractor.read.text import text_document


def _flat(text: str) -> dict:
    """The flat view of a text report, with the validator's findings."""
    report = extract_document(text_document("t.txt", text))
    report.findings = check(report)
    return flatten(report)


NUMBERED = """某某街道办事处2023年度部门整体支出绩效自评报告
一、部门基本情况
街道内设8个职能办公室：党政办公室、党建办公室、管理办公室、自治办公室、平安办公室、营商办公室、社区服务办公室、财务管理办公室。
二、部门预算及执行情况
单位：万元
项目\t年初预算数\t调整后预算数\t实际支出数\t预算执行率
合计\t8,265.40\t8,912.73\t8,704.18\t97.66%
一、基本支出\t3,986.20\t4,120.55\t4,096.32\t99.41%
二、项目支出\t4,279.20\t4,792.18\t4,607.86\t96.15%
"""


def test_row_labels_opened_by_their_number_name_their_rows() -> None:
    flat = _flat(NUMBERED)
    assert flat["budget.basic.budget"] == Decimal(41205500)
    assert flat["budget.basic.executed"] == Decimal(40963200)
    assert flat["budget.project.budget"] == Decimal(47921800)
    assert flat["budget.project.executed"] == Decimal(46078600)


def test_offices_counted_as_functional_offices_are_listed() -> None:
    flat = _flat(NUMBERED)
    assert flat["org.offices_count"] == 8
    assert flat["org.offices"][0] == "党政办公室"
    assert len(flat["org.offices"]) == 8


def _sheet(tmp_path: Path, rows: list[list[object]]) -> dict:
    book = openpyxl.Workbook()
    for row in rows:
        book.active.append(row)
    path = tmp_path / "t.xlsx"
    book.save(path)
    return flatten(extract(path))


def test_a_task_tables_header_before_the_budgets_own_leaves_the_budget_to_it(tmp_path: Path) -> None:
    tasks = "年度主要任务"
    block = "年度部门整体支出预算执行情况（万元）"
    flat = _sheet(
        tmp_path,
        [
            ["部门整体支出绩效自评表（2023年度）"],
            ["部门（单位）名称", "某某县农业农村局"],
            [tasks, "任务名称", "主要内容", "预算数", "执行数"],
            [tasks, "机关运转保障", "保障机关正常运转", 868.20, 868.20],
            [tasks, "高标准农田建设", "新建高标准农田3.0万亩", 2774.60, 2701.74],
            [tasks, "合计", None, 3642.80, 3569.94],
            [block, None, "年初预算数", "全年预算数", "全年执行数", "分值", "执行率", "得分"],
            [block, "年度资金总额", 3286.45, 3642.80, 3569.94, 10, "98.00%", 9.80],
            [block, "按收入性质分：一般公共预算财政拨款", 3286.45, 3642.80, 3569.94, "—", "—", "—"],
            [block, "政府性基金预算财政拨款", None, None, None, "—", "—", "—"],
            [block, "按支出性质分：基本支出", 826.45, 868.20, 868.20, "—", "—", "—"],
            [block, "项目支出", 2460.00, 2774.60, 2701.74, "—", "—", "—"],
        ],
    )
    assert flat["budget.initial"] == Decimal(32864500)
    assert flat["budget.execution_score"] == Decimal("9.8")
    assert flat["budget.basic.budget"] == flat["budget.basic.executed"] == Decimal(8682000)
    assert flat["budget.project.executed"] == Decimal(27017400)
    assert not [k for k in flat if k.startswith("budget.funds.")]


WORD_TEXT_FUNDS = (
    "\n".join(
        [
            "某某县自然资源局2022年度部门整体支出绩效自评报告",
            "部门整体支出绩效自评表",
            "年度部门整体支出预算执行情况（万元）",
            "",
            "年初预算数",
            "全年预算数",
            "全年执行数",
            "分值",
            "执行率",
            "得分",
            "年度资金总额",
            "1286.40",
            "1452.75",
            "1419.63",
            "10",
            "97.72%",
            "9.77",
            "按收入性质分",
            "财政拨款",
            "1261.40",
            "1427.75",
            "1394.63",
            "—",
            "—",
            "—",
            "其他资金",
            "25.00",
            "25.00",
            "25.00",
            "—",
            "—",
            "—",
            "按支出性质分",
            "基本支出",
            "1012.36",
            "1038.52",
            "1036.87",
            "—",
            "—",
            "—",
        ]
    )
    + "\n"
)


def test_a_grouping_phrase_on_a_row_of_its_own_leaves_the_rows_after_it_to_the_block() -> None:
    flat = _flat(WORD_TEXT_FUNDS)
    assert flat["budget.funds.current.executed"] == Decimal(13946300)
    assert flat["budget.funds.other.initial"] == Decimal(250000)
    assert flat["budget.basic.budget"] == Decimal(10385200)
