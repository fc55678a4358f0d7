"""Prose misread on round-8 and round-9 probes (issue 11), each in two wordings or more: a page
of several projects, each in a section built like the others (一、…项目 （一）项目概况 （二）…自评价情况
/ 二、…项目 （一）项目概况 …), states each project's figures and grade, none of them the page's; a count
of another noun (发现的2个问题) or of a part (其中22个项目) is no count of projects; a target in prose
(年度指标值1.2万亩) is no actual; 其中 parts naming no role divide the earlier figure they add up to;
money not yet spent (未支付) is no spending."""

from __future__ import annotations

from decimal import Decimal

import pytest

from extractor import check
from extractor.flat import flatten
from extractor.normalize import normalize
from extractor.pipeline import extract_document
from extractor.read.text import text_document
from extractor.sections import parallel, split_sections

PAGE = "2019年市直发展项目绩效自评价报告\n2019年,我单位共有两个市直发展项目。\n"


def flat_of(text: str) -> dict:
    report = extract_document(text_document("t.txt", text))
    report.findings = check(report)
    return flatten(report)


def rules(flat: dict) -> set[str]:
    return {v for k, v in flat.items() if k.endswith(".rule")}


def project(number: str, name: str, spent: str, grade: str, titles: tuple[str, str, str]) -> str:
    overview, results, verdict = titles
    return (
        f"{number}、{name}项目\n(一){overview}\n{name}资金用于奖补。\n(二){results}\n"
        f"实际使用{spent}万元,全部用于奖补。\n(三){verdict}\n经自评价,该项目得分90分,等级为{grade}。\n"
    )


ALIKE = ("项目概况", "项目绩效自评价情况", "自评价结论及存在问题")


def page(
    second: tuple[str, ...] = ALIKE, spent: tuple[str, str] = ("2856", "1032"), grade: str = "良好"
) -> str:
    """Two projects' sections, the first built as ALIKE and the second with the titles `second`."""
    first = project("一", "特色小镇", spent[0], "优秀", ALIKE)
    return PAGE + first + project("二", "储备粮", spent[1], grade, second)


def test_sections_built_alike_are_parallel_and_others_are_not() -> None:
    subjects = parallel(split_sections(normalize(text_document("t.txt", page()))))
    assert [(s.number, s.title) for s in subjects] == [("一、", "特色小镇项目"), ("二、", "储备粮项目")]
    one_alike = ("项目概况", "绩效目标完成情况", "存在问题")  # one title in common only
    assert parallel(split_sections(normalize(text_document("t.txt", page(one_alike))))) == []


def test_figures_and_grades_of_parallel_projects_are_not_the_pages() -> None:
    flat = flat_of(page())
    assert "budget.executed" not in flat
    assert "evaluation.grade" not in flat
    assert "cross.mention" not in rules(flat)


NOT_ALIKE = [("基本情况", "绩效目标完成情况", "存在问题"), ("项目概况", "执行情况", "结论")]


@pytest.mark.parametrize("titles", NOT_ALIKE)
def test_a_restatement_in_sections_not_alike_is_still_compared(titles: tuple[str, str, str]) -> None:
    flat = flat_of(page(titles))
    assert flat["budget.executed"] == Decimal("28560000")
    assert flat["evaluation.grade"] == "优"
    assert "cross.mention" in rules(flat)


def test_the_same_figure_in_parallel_sections_is_kept() -> None:
    flat = flat_of(page(spent=("1032", "1032"), grade="优秀"))
    assert flat["budget.executed"] == Decimal("10320000")
    assert flat["evaluation.grade"] == "优"


PROJECTS = "某县2024年度衔接资金项目绩效自评报告\n一、基本情况\n"


@pytest.mark.parametrize(
    "sentence",
    [
        "市财政局对13个项目开展了全覆盖监督检查,发现的2个问题均已整改到位。",
        "全县共实施13个项目,验收发现的4个问题已整改。",
    ],
)
def test_a_count_of_another_noun_is_no_count_of_projects(sentence: str) -> None:
    flat = flat_of(f"{PROJECTS}{sentence}\n")
    assert flat["budget.project.count"] == 13
    assert "cross.mention" not in rules(flat)


PARTS = ["工程共分35个标段,其中22个项目已完工。", "建成标段35个,其中8个项目通过验收。"]


@pytest.mark.parametrize("sentence", PARTS)
def test_a_count_of_a_part_is_no_count_of_projects(sentence: str) -> None:
    assert "budget.project.count" not in flat_of(f"{PROJECTS}{sentence}\n")


def test_a_count_followed_by_the_projects_noun_is_still_read() -> None:
    flat = flat_of(f"{PROJECTS}市财政局对项目开展了监督检查,涉及15个项目。\n")
    assert flat["budget.project.count"] == 15


FORM = (
    "某县2023年度高效节水灌溉项目绩效自评报告\n一、绩效指标完成情况\n"
    "| 一级指标 | 二级指标 | 三级指标 | 年度指标值 | 全年实际完成值 |\n"
    "| 产出指标 | 数量指标 | 新增高效节水灌溉面积 | 1.2万亩 | 0.705万亩 |\n"
    "二、产出分析\n"
)


@pytest.mark.parametrize("label", ["年度指标值", "预期目标值为", "年度目标"])
def test_a_target_stated_in_prose_is_no_actual_to_compare(label: str) -> None:
    flat = flat_of(f"{FORM}新增高效节水灌溉面积{label}1.2万亩,实际完成0.705万亩,未达到年度指标值。\n")
    assert flat["indicators.1.actual"] == Decimal("0.705")
    assert "cross.mention" not in rules(flat)


def test_an_actual_stated_otherwise_in_prose_is_still_compared() -> None:
    flat = flat_of(f"{FORM}全年新增高效节水灌溉面积0.8万亩。\n")
    assert "cross.mention" in rules(flat)


BUDGET = (
    "某县2016年度科技人才专项资金项目绩效自评报告\n一、资金情况\n"
    "年初预算720万元,全年实际支出705.6万元,预算执行率98%。"
)


def test_parts_naming_no_role_divide_the_figure_they_add_up_to() -> None:
    flat = flat_of(f"{BUDGET}其中:工作补助648万元,已全部支出;培训及管理经费72万元,实际支出57.6万元。\n")
    assert (flat["budget.initial"], flat["budget.executed"]) == (Decimal(7200000), Decimal(7056000))
    assert "sum.breakdown" not in rules(flat)


def test_parts_adding_up_to_no_earlier_figure_are_still_the_last_ones() -> None:
    flat = flat_of(f"{BUDGET}其中:工作补助648万元,培训及管理经费80万元。\n")
    assert "sum.breakdown" in rules(flat)  # 648 + 80 = 728 against the 705.6 spent


@pytest.mark.parametrize("sentence", ["年末未支付资金236,730.00元,为质保金。", "尚未使用资金236,730.00元。"])
def test_money_not_yet_spent_is_no_spending(sentence: str) -> None:
    flat = flat_of(
        "某县2023年度农村公路养护项目绩效自评报告\n一、资金情况\n"
        f"项目全年预算5,850,000.00元,实际支出5,613,270.00元,执行率95.95%。{sentence}\n"
    )
    assert flat["budget.executed"] == Decimal("5613270")
    assert "cross.mention" not in rules(flat)
