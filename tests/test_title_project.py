"""The project's name as a title states it before the year (天津 直达资金 reports): '(直达资金)某某路
工程项目2020年度绩效自评报告', the bracketed note before it not part of the name."""

from __future__ import annotations

from extractor.flat import flatten
from extractor.pipeline import extract_document
from extractor.read.text import text_document

BODY = (
    "一、绩效目标分解下达情况\n区财政安排项目资金700万元。\n"
    "二、绩效目标完成情况分析\n总体绩效目标基本完成。\n"
)


def _flat(title: str) -> dict:
    return flatten(extract_document(text_document("t.txt", title + "\n" + BODY)))


def test_a_project_named_before_the_year_in_the_title() -> None:
    flat = _flat("(直达资金)天津市东丽湖新建光辉路(智景东道-星宇道)工程项目2020年度绩效自评报告")
    assert flat["report.project_name"] == "天津市东丽湖新建光辉路(智景东道-星宇道)工程项目"
    assert flat["report.fiscal_year"] == 2020


def test_a_title_wrapped_over_two_lines() -> None:
    flat = _flat("某县城区雨污分流改造\n工程项目2021年度绩效自评报告")
    assert flat["report.project_name"] == "某县城区雨污分流改造工程项目"


def test_a_department_title_names_no_project() -> None:
    flat = _flat("某县水务局2021年度部门整体支出绩效自评报告")
    assert "report.project_name" not in flat


def test_a_unit_cut_out_of_a_bracketed_note_in_the_title_is_no_unit() -> None:
    """'2023年度中央转移支付区域（全民健身中心项目）绩效自评表': 全民健身中心 ends like an organisation
    but stands inside the note's open bracket; '中央转移支付区域(全民健身中心' names no unit."""
    flat = _flat("2023年度中央转移支付区域（全民健身中心项目）绩效自评表")
    assert "report.unit_name" not in flat
    assert _flat("某县水利局2023年度部门整体支出绩效自评报告")["report.unit_name"] == "某县水利局"


def test_a_prose_report_names_its_project_where_it_says_what_was_evaluated() -> None:
    text = (
        "一、自评结论\n(一)自评得分\n为提高专项资金使用效率,我单位对龙陵县碧寨乡冷链物流中心建设项目(一期)执行情况"
        "开展了自评,自评得分92分。\n1.执行率情况。年度财政资金预算700万元,执行425万元,执行率61%。\n"
    )
    flat = flatten(extract_document(text_document("t.txt", "项目支出绩效自评报告\n" + text)))
    assert flat["report.project_name"] == "龙陵县碧寨乡冷链物流中心建设项目(一期)"
