"""A self-evaluation form held in another document (issue 11, round-9 北京 丰台 probe): a 部门决算 page
whose 第四部分 pastes a 项目支出绩效自评表 is read as the form's project report, and the page's own
money (收入总计, 支出总计 of the 决算) is none of the project's; the page's numbered list of offices is
read up to the clause that starts another statement."""

from __future__ import annotations

from decimal import Decimal

import pytest

from extractor import check
from extractor.flat import flatten
from extractor.pipeline import extract_document
from extractor.read.text import text_document

ACCOUNTS = (
    "某某街道办事处2024年度部门决算（公开）\n第二部分 2024年度部门决算说明\n一、部门基本情况\n"
    "设下列内设机构3个，分别是：1、综合办公室；2、党群工作办公室；3、平安建设办公室；"
    "另外设置：纪工委、综合行政执法队。\n二、收入支出决算总体情况说明\n"
    "2024年度收入总计8,146.92万元，支出总计8,146.92万元。\n第四部分 2024年度部门绩效评价情况\n"
)
FORM = (
    "项目支出绩效自评表\n| 项目名称 | 背街小巷环境整治提升 | | |\n"
    "| 项目资金（万元） | 年初预算数 | 全年预算数 | 全年执行数 |\n"
    "| 年度资金总额 | 350.00 | 386.40 | 372.18 |\n"
    "| 一级指标 | 二级指标 | 三级指标 | 年度指标值 | 实际完成值 |\n"
    "| 产出指标 | 数量指标 | 整治背街小巷条数 | ≥12条 | 12条 |\n"
)


def flat_of(text: str) -> dict:
    report = extract_document(text_document("t.txt", text))
    report.findings = check(report)
    return flatten(report)


def test_a_form_in_a_final_accounts_page_is_the_report() -> None:
    flat = flat_of(ACCOUNTS + FORM)
    assert flat["report.kind"] == "project"
    assert flat["report.project_name"] == "背街小巷环境整治提升"
    assert flat["budget.executed"] == Decimal("3721800")
    assert flat["indicators.1.actual"] == 12
    assert "cross.mention" not in {v for k, v in flat.items() if k.endswith(".rule")}  # 8146.92 the unit's


def test_a_final_accounts_page_without_a_form_is_no_report() -> None:
    assert flat_of(ACCOUNTS + "第五部分 名词解释\n财政拨款收入：指本级财政部门当年拨付的资金。\n") == {
        "report.kind": "unknown"
    }


def test_the_pages_numbered_offices_are_read_up_to_another_statement() -> None:
    flat = flat_of(ACCOUNTS + FORM)
    assert flat["org.offices"] == ["综合办公室", "党群工作办公室", "平安建设办公室"]


@pytest.mark.parametrize(
    "sentence",
    [
        "内设5个股室，分别为：办公室、权益维护股、安置股、优抚股、规划财务股；下属事业单位1个，为服务中心。",
        "内设机构5个，分别是：办公室、权益维护股、安置股、优抚股、规划财务股，另有服务中心。",
    ],
)
def test_a_list_of_offices_ends_before_another_statement(sentence: str) -> None:
    flat = flat_of(f"某县退役军人事务局2023年度部门整体支出绩效自评报告\n一、部门基本情况\n{sentence}\n")
    assert flat["org.offices"] == ["办公室", "权益维护股", "安置股", "优抚股", "规划财务股"]
    assert "count.list" not in {v for k, v in flat.items() if k.endswith(".rule")}
