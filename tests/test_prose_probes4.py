"""Prose classes missed on real reports as published (issue 11, probes4a: 江西, 云南 红河, 河北 承德
covers), each in two or three wordings: a count in parentheses is a part, not the total; a total
word between the noun and its count; an amount right after a count of projects; a batch's own
breakdown inside the whole's; offices listed after 即 or counted after 设置, an office named twice;
编制调减至; a unit's 全称 before its seal marker."""

from __future__ import annotations

import pytest

from extractor import check
from extractor.flat import flatten
from extractor.pipeline import extract_document
from extractor.read.text import text_document

PROJECT = "某某州数据中心2024年度项目支出绩效单位自评报告"
OVERALL = "某某县水利局2023年度部门整体支出绩效自评报告"


def flat_of(text: str) -> dict:
    report = extract_document(text_document("t.txt", text))
    report.findings = check(report)
    return flatten(report)


def rules(flat: dict) -> set[str]:
    return {v for k, v in flat.items() if k.endswith(".rule")}


@pytest.mark.parametrize(
    ("sentence", "count"),
    [
        ("本单位实施项目共15个(含2023年转列项目5个)。", 15),
        ("本单位共实施项目12个(其中新增项目3个)。", 12),
        ("全年项目合计9个(含结转项目2个),均已完成。", 9),
    ],
)
def test_a_count_in_parentheses_is_a_part_not_the_total(sentence: str, count: int) -> None:
    flat = flat_of(f"{PROJECT}\n一、基本情况\n{sentence}\n")
    assert flat["budget.project.count"] == count


@pytest.mark.parametrize("qualified", ["批复了绩效目标的项目共1个", "开展绩效自评的项目合计3个"])
def test_projects_qualified_by_a_clause_are_not_the_count_of_projects(qualified: str) -> None:
    flat = flat_of(f"{OVERALL}\n一、部门基本情况\n我单位{qualified},项目支出46.25万元。\n")
    assert "budget.project.count" not in flat


@pytest.mark.parametrize(
    ("sentence", "key", "yuan"),
    [
        ("年初批复预算8个项目985万元(含1个结转项目50万元)。", "budget.initial", 9850000),
        ("调整后预算6个项目320.5万元。", "budget.adjusted", 3205000),
    ],
)
def test_an_amount_right_after_a_count_of_projects_takes_the_counts_role(
    sentence: str, key: str, yuan: int
) -> None:
    flat = flat_of(f"{PROJECT}\n一、基本情况\n{sentence}\n")
    assert flat[key] == yuan


def test_an_amount_after_a_count_of_other_things_takes_no_role() -> None:
    flat = flat_of(f"{PROJECT}\n一、基本情况\n年初批复预算8个项目,展厅28个展区985万元。\n")
    assert "budget.initial" not in flat


@pytest.mark.parametrize(("initial", "added", "raised"), [(8, 8, True), (7, 8, False)])
def test_groups_added_in_the_year_cannot_exceed_the_total(initial: int, added: int, raised: bool) -> None:
    text = (
        f"{PROJECT}\n一、基本情况\n本单位实施项目共15个(含转列项目5个),年初批复预算{initial}个项目985万元,"
        f"调整预算后项目预算861.46万元,年中增加{added}个项目(含转列项目5个)。\n"
    )
    flat = flat_of(text)
    assert flat["budget.project.count"] == 15
    assert ("count.list" in rules(flat)) is raised


@pytest.mark.parametrize("verb", ["分别支持", "分别用于", "分别安排"])
def test_a_batchs_own_breakdown_inside_the_wholes_adds_up_to_the_batch(verb: str) -> None:
    text = (
        f"某某市专项转移支付资金2023年度绩效自评报告\n一、绩效目标分解下达情况\n我市获得专项资金170万元"
        f"其中第一批资金100万元,{verb}甲项目60万元、乙项目40万元;第二批资金70万元,{verb}丙项目50万元、"
        "丁项目20万元。\n"
    )
    assert "sum.breakdown" not in rules(flat_of(text))


def test_a_batch_whose_parts_do_not_add_up_is_still_found() -> None:
    text = (
        "某某市专项转移支付资金2023年度绩效自评报告\n一、绩效目标分解下达情况\n我市获得专项资金170万元"
        "其中第一批资金100万元,分别支持甲项目60万元、乙项目30万元;第二批资金70万元。\n"
    )
    assert "sum.breakdown" in rules(flat_of(text))


@pytest.mark.parametrize(
    ("wording", "names"),
    [
        ("共设置3个内设机构,包括:办公室、财务科、业务科。", ["办公室", "财务科", "业务科"]),
        ("本院内设 3个内设机构,即办公室、检察部、政治部、办公室", ["办公室", "检察部", "政治部"]),
        ("本局设立3个科室,分别为:办公室、规划科、执法科。", ["办公室", "规划科", "执法科"]),
    ],
)
def test_offices_after_ji_or_baokuo_counted_after_shezhi_each_once(wording: str, names: list[str]) -> None:
    flat = flat_of(f"{OVERALL}\n一、部门基本情况\n{wording}\n")
    assert (flat["org.offices_count"], sorted(flat["org.offices"])) == (3, sorted(names))
    assert "count.list" not in rules(flat)


@pytest.mark.parametrize("change", ["编制调减至15人", "编制调减为15人", "编制核减至15人"])
def test_a_post_change_that_states_the_new_total_is_the_authorized_posts(change: str) -> None:
    flat = flat_of(f"{OVERALL}\n一、部门基本情况\n由于机构改革,{change},年末实有人数14人。\n")
    assert (flat["staff.authorized"], flat["staff.actual"]) == (15, 14)


@pytest.mark.parametrize(
    "line",
    [
        "部门(单位)全称:某某县人民检察院 (公章)",
        "单位全称:某某县人民检察院(盖章)",
        "部门全称:某某县人民检察院",
    ],
)
def test_a_units_full_name_label_before_its_seal_marker(line: str) -> None:
    text = f"部门整体支出绩效评价自评报告\n(2023年度)\n{line}\n填报日期 2024年 2月26日\n一、部门基本情况\n"
    flat = flat_of(text)
    assert (flat["report.unit_name"], flat["report.filled_on"]) == ("某某县人民检察院", "2024-02-26")
