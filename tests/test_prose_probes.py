"""Prose classes found on probes re-authored from real published reports (fixtures/probes with a
meta.json), each in two or more wordings: a Hubei 项目自评表 title without 绩效, cover labels run
together on one line, 项目单位 on a cover, a cover's date above who prepared the report, a
项目名称 slot holding the report's own name, the total score in the clause after 开展绩效自评,
a page count inside a cited title, and an amount whose subject word is clauses away."""

from __future__ import annotations

from decimal import Decimal

import pytest

from extractor import check
from extractor.flat import flatten
from extractor.pipeline import extract_document
from extractor.read.text import text_document

BODY = "一、部门基本情况\n本部门职责是做好城市管理工作。\n"


def flat_of(text: str) -> dict:
    report = extract_document(text_document("t.txt", text))
    report.findings = check(report)
    return flatten(report)


@pytest.mark.parametrize(
    "title",
    ["2022年度某某市城市建设申报工作经费项目自评表", "2020年度长江禁捕项目自评表单位名称:渔业科填报日期:"],
)
def test_a_project_self_evaluation_table_without_the_word_performance(title: str) -> None:
    flat = flat_of(f"{title}\n项目名称 | 渔船补贴 |\n主管部门 | 某某区农业农村局 |\n总分 | 95分 |\n")
    assert (flat["report.kind"], flat["report.fiscal_year"]) == ("project", int(title[:4]))


def test_a_table_without_performance_nor_self_evaluation_is_still_no_report() -> None:
    flat = flat_of("2022年度某某市项目支出表\n项目名称 | 渔船补贴 |\n合计 | 95 |\n")
    assert flat["report.kind"] == "unknown"


@pytest.mark.parametrize("next_label", ["评价单位:某某市城管委评价小组", "主管部门:某某市人民政府"])
def test_cover_labels_run_together_on_one_line(next_label: str) -> None:
    head = f"部门整体支出绩效自评报告((2019年度)部门名称:某某市城市管理委员会{next_label}二二年 八月 "
    head += "一、基本情况\n"
    assert flat_of(head + BODY)["report.unit_name"] == "某某市城市管理委员会"


@pytest.mark.parametrize("gap", [" ", "\t", ""])
def test_a_label_value_ends_at_the_next_label_of_its_line(gap: str) -> None:
    """A sheet's header cells printed side by side: 主管部门: X 实施单位: Y on one line."""
    head = "项目支出绩效自评表\n"
    head += f"项目名称: 46000021T000000002749-学生事务补助{gap}填报人: 李娟{gap}联系方式: 13800000000\n"
    head += f"主管部门: 203-省教育厅{gap}实施单位: 203045-省农垦实验中学\n"
    flat = flat_of(head + "一级指标 二级指标 三级指标\n")
    assert flat["report.project_name"] == "46000021T000000002749-学生事务补助"
    assert flat["report.department"] == "203-省教育厅"


@pytest.mark.parametrize("gap", [" ", "\t", ""])
def test_the_implementing_unit_after_the_department_on_its_line_is_the_unit(gap: str) -> None:
    """主管部门: X 实施单位: Y on one line, the sheet's next row of labels below it."""
    head = "项目支出绩效自评表\n项目名称: 学生事务补助\n"
    head += f"主管部门: 203-省教育厅{gap}实施单位: 203045-省农垦实验中学\n"
    flat = flat_of(head + f"是否公开:{gap}网址:\n一级指标 二级指标 三级指标\n")
    assert flat["report.unit_name"] == "203045-省农垦实验中学"


@pytest.mark.parametrize(
    ("colon", "own_name"), [(":", "部门整体支出绩效评价报告"), ("：", "2020年度部门整体支出绩效")]
)
def test_the_project_unit_of_a_cover_page_is_the_unit(colon: str, own_name: str) -> None:
    head = f"部门整体支出绩效评价报告\n项目名称{colon}{own_name}\n"
    head += f"项目单位{colon} 某某县机构编制委员会办公室\n"
    flat = flat_of(head + BODY)
    assert flat["report.unit_name"] == "某某县机构编制委员会办公室"
    assert "report.project_name" not in flat  # the 项目名称 slot holds the report's own name


def test_a_project_named_after_an_evaluation_report_is_kept() -> None:
    head = "某某县财政局2023年度项目支出绩效自评报告\n项目名称:绩效评价报告编制经费\n"
    head += "一、项目概况\n实际支出5万元。\n"
    assert flat_of(head)["report.project_name"] == "绩效评价报告编制经费"


@pytest.mark.parametrize(
    ("cover", "date"),
    [
        ("评价机构:部门评价组□√\n2018年4月3日\n某某县机构编制委员会办公室编制\n", "2018-04-03"),
        ("评价方式:单位自评\n2019年6月18日 某某市财政局(制)\n", "2019-06-18"),
    ],
)
def test_a_cover_date_above_who_prepared_the_report(cover: str, date: str) -> None:
    flat = flat_of("某某县编办2017年度部门整体支出绩效评价报告\n" + cover + BODY)
    assert flat["report.filled_on"] == date


@pytest.mark.parametrize(
    "sentence",
    [
        "本部门对2017年整体支出开展绩效自评,自评得分90分",
        "我局组织了2023年度部门整体绩效自评，自评得分为90分",
    ],
)
def test_the_total_score_in_the_clause_after_the_self_evaluation(sentence: str) -> None:
    flat = flat_of(f"某某县水利局2017年度部门整体支出绩效自评报告\n{BODY}{sentence}。\n")
    assert flat["evaluation.total_score"] == 90


def test_an_indicator_score_in_a_sentence_is_no_total() -> None:
    text = "某某县水利局2017年度部门整体支出绩效自评报告\n一、指标完成情况\n群众满意度95%,自评得分9分。\n"
    assert "evaluation.total_score" not in flat_of(text)


@pytest.mark.parametrize(
    "banner",
    [
        "更多相关《某某市本级部门项目支出绩效自评表.docx(5页珍藏版)》请在文库上搜索。",
        "附:《关于下达2023年度5个项目资金的通知》。",
    ],
)
def test_a_figure_inside_a_cited_title_is_no_count(banner: str) -> None:
    flat = flat_of(f"某某县水利局2023年度部门整体支出绩效自评报告\n{banner}\n{BODY}")
    assert "budget.project.count" not in flat


def test_a_count_of_projects_outside_a_citation_is_read() -> None:
    flat = flat_of(f"某某县水利局2023年度部门整体支出绩效自评报告\n{BODY}本年共实施5个项目。\n")
    assert flat["budget.project.count"] == 5


@pytest.mark.parametrize(
    ("sentence", "key", "value"),
    [
        ("公用经费标准5符合相关文件要求成本指标办公所需成本415万元15万元4", "budget.basic.public", None),
        ("人员经费工资标准执行到位培训所需成本12万元", "budget.basic.personnel", None),
        ("公用经费45万元", "budget.basic.public", 450000),
    ],
)
def test_an_amount_without_role_takes_a_key_only_from_its_own_subject(sentence: str, key: str, value) -> None:
    flat = flat_of(f"某某县第九中学2021年度部门整体支出绩效自评报告\n{BODY}{sentence}\n")
    assert flat.get(key) == value


@pytest.mark.parametrize("total", ["年度财政资金总额", "年度资金总额"])
def test_the_budget_row_of_a_hubei_table(total: str) -> None:
    table = (
        "2022年度某某市申报工作经费项目自评表\n项目名称 | 申报工作经费 |\n"
        "预算执行情况(万元) (20分) | 预算数(A) | 执行数(B) | 执行率(B/A) | 得分 (20分*执行率) |\n"
        f"{total} | 200 | 195.5 | 97.75% | 19.55 |\n"
    )
    flat = flat_of(table)
    got = [flat.get(k) for k in ("budget.executed", "budget.execution_rate", "budget.execution_score")]
    assert got == [1955000, Decimal("97.75"), Decimal("19.55")]
    assert "budget.adjusted" not in flat  # a plain 预算数 may be either budget
