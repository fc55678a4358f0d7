"""Prose classes missed on round-5 probes (issue 11: 新疆 昌吉 决算 page, …), each in two or three
wordings: a balance (结余) and the office running costs (机关运行经费) are not the year's spending."""

from __future__ import annotations

from decimal import Decimal

import pytest

from extractor import check
from extractor.flat import flatten
from extractor.pipeline import extract_document
from extractor.read.text import text_document

OVERALL = "某某县市政公用事业管理中心2023年度部门整体支出绩效自评报告"


def flat_of(text: str) -> dict:
    report = extract_document(text_document("t.txt", text))
    report.findings = check(report)
    return flatten(report)


def rules(flat: dict) -> set[str]:
    return {v for k, v in flat.items() if k.endswith(".rule")}


@pytest.mark.parametrize(
    "sentence",
    [
        "2023年度收入总计13,007.74万元,其中:本年收入合计13,007.74万元,使用非财政拨款结余0.00万元。",
        "结余分配0.00万元,年末结转和结余0.00万元。",
        "本单位2023年度机关运行经费支出0.00万元。",
        "本单位机关运行经费支出12.50万元,比上年减少1.2万元。",
    ],
)
def test_a_balance_or_the_running_costs_are_not_the_years_spending(sentence: str) -> None:
    flat = flat_of(f"{OVERALL}\n一、部门基本情况\n{sentence}\n二、预算执行\n全年执行数13,007.74万元。\n")
    assert flat["budget.executed"] == Decimal("130077400")
    assert "cross.mention" not in rules(flat)


@pytest.mark.parametrize(
    "sentence",
    [
        "从项目决策、资金管理、项目产出、项目效益四个方面设置评价指标。",
        "评价组从项目实施、项目管理两个维度开展评价。",
    ],
)
def test_a_label_that_only_opens_with_projects_counts_something_else(sentence: str) -> None:
    flat = flat_of(f"{OVERALL}\n一、部门基本情况\n{sentence}\n")
    assert "budget.project.count" not in flat
    counted = flat_of(f"{OVERALL}\n一、部门基本情况\n{sentence}本单位年初批复项目8个。\n")
    assert counted["budget.project.count"] == 8


@pytest.mark.parametrize(
    ("ending", "date"),
    [
        ("海南省规划展览馆\n2019年3月20日\n主办：海南省规划委员会\n", "2019-03-20"),  # a portal's footer
        ("海南省规划展览馆\n2019年3月20日\n承办单位：海南省信息中心\n", "2019-03-20"),
        ("西藏楚源会计师事务所(普通合伙)\n2022年11月28日\n", "2022-11-28"),  # a firm's form after its name
    ],
)
def test_the_date_under_the_signature(ending: str, date: str) -> None:
    flat = flat_of(f"{OVERALL}\n一、部门基本情况\n本单位编制人数21人。\n{ending}")
    assert flat["report.filled_on"] == date


def test_a_parts_budget_stated_for_the_initial_then_the_adjusted_budget_is_the_adjusted() -> None:
    """budget.basic.budget is a part's 全年 budget, else its 年初 one: stated for both, the adjusted
    is the key's, and no restatement of the other."""
    prose = (
        "年初预算862.37万元，其中基本支出618.52万元，项目支出243.85万元。年中追加预算82.79万元，"
        "调整后预算945.16万元，其中基本支出631.08万元，项目支出314.08万元。"
    )
    flat = flat_of(f"{OVERALL}\n一、部门基本情况\n{prose}\n")
    assert flat["budget.basic.budget"] == Decimal("6310800")
    assert flat["budget.project.budget"] == Decimal("3140800")
    assert flat["budget.initial"] == Decimal("8623700") and flat["budget.adjusted"] == Decimal("9451600")
    head = "单位：万元\n项目\t年初预算数\t调整后预算数\t执行数\t执行率\n"
    table = head + "基本支出\t618.52\t631.08\t468.39\t74.22%\n"
    tabled = flat_of(f"{OVERALL}\n一、部门基本情况\n{prose}\n二、预算执行\n{table}")
    assert tabled["budget.basic.budget"] == Decimal("6310800") and "cross.mention" not in rules(tabled)


@pytest.mark.parametrize(
    "head",
    [
        "江苏省政府专项债券项目绩效自评价报告\n（金坛区长荡湖大学科技园项目）\n",  # a subtitle
        "江苏省政府专项债券项目绩效自评价报告（金坛区长荡湖大学科技园项目）\n",
    ],
)
def test_a_project_named_in_brackets_after_its_title(head: str) -> None:
    flat = flat_of(f"{head}一、项目情况\n本项目位于金坛区。\n")
    assert flat["report.project_name"] == "金坛区长荡湖大学科技园项目"
    plain = flat_of("江苏省政府专项债券项目绩效自评价报告\n（一）项目概况\n本项目位于金坛区。\n")
    assert "report.project_name" not in plain


@pytest.mark.parametrize(
    ("sentence", "score"),
    [
        ("经自评，该项目资金分配合理、使用规范，绩效目标全部完成，自评得分96分，评价等级为“优”。", 96),
        ("经综合自评，资金使用规范；自评得分92.5分。", Decimal("92.5")),
    ],
)
def test_a_sentence_opening_with_the_verdict_states_the_total(sentence: str, score: Decimal) -> None:
    flat = flat_of(f"{OVERALL}\n一、部门基本情况\n本单位编制人数21人。\n四、自评结论\n{sentence}\n")
    assert flat["evaluation.total_score"] == score
    indicator = flat_of(f"{OVERALL}\n一、部门基本情况\n产出指标完成较好，自评得分45分。\n")
    assert "evaluation.total_score" not in indicator


FORM = "项目支出绩效自评表\n（2023年度）\n项目名称\t某县农村人居环境整治项目\n"


@pytest.mark.parametrize(
    "ending",
    [
        "永春县农业农村局\n2024年5月15日\n附件：项目支出绩效自评表\n",
        "附件：项目支出绩效自评表\n永春县农业农村局\n2024年5月15日\n\n附件\n",
    ],
)
def test_the_signature_date_before_the_attached_form(ending: str) -> None:
    body = f"{OVERALL}\n一、部门基本情况\n本单位编制人数21人。\n五、存在问题\n无。\n"
    assert flat_of(body + ending + FORM)["report.filled_on"] == "2024-05-15"
    notice = body.replace("无。", "绩效目标自评工作已经完成，现予公示。")
    assert "report.filled_on" not in flat_of(notice + ending + FORM)  # a notice's date


@pytest.mark.parametrize(
    "rule",
    [
        "2、预算执行率达到100%的得4分，每降低1个百分点扣0.2分，扣完为止。",
        "政府采购执行率100%得5分，每降低5个百分点扣0.5分。",
    ],
)
def test_a_scoring_rules_figures_are_not_the_years(rule: str) -> None:
    """A scoring sheet's criteria (评分标准, its cells run into the text): the rate a rule names and
    the points it gives are no execution rate nor score of the year."""
    flat = flat_of(f"{OVERALL}\n一、部门基本情况\n本单位编制人数21人。\n二、评分标准\n{rule}\n")
    assert not any(k.startswith("budget.") for k in flat)
    stated = flat_of(f"{OVERALL}\n一、部门基本情况\n预算执行率100%，得10分。\n")
    assert stated["budget.execution_rate"] == 100


@pytest.mark.parametrize(
    ("sentence", "score"),
    [
        ("全年预算执行率97.27%，该项指标分值10分，自评得9.73分。", Decimal("9.73")),
        ("全年预算执行率98.19%，该项分值10分，得9.82分。", Decimal("9.82")),
        ("预算执行率96.26%，该项分值10分，得分9.63分。", Decimal("9.63")),
    ],
)
def test_the_execution_items_points_and_score_after_its_rate(sentence: str, score: Decimal) -> None:
    flat = flat_of(f"{OVERALL}\n一、部门基本情况\n{sentence}\n")
    assert (flat["budget.execution_weight"], flat["budget.execution_score"]) == (Decimal(10), score)
    other = flat_of(f"{OVERALL}\n一、部门基本情况\n完成验收12项，该项分值10分，得9分。\n")
    assert "budget.execution_weight" not in other  # no rate before it


def test_a_sites_welcome_banner_is_page_furniture() -> None:
    banner = "欢迎来到本溪满族自治县人民政府本溪县预决算公开”专题频道\n\n"
    flat = flat_of(
        f"{banner}本溪满族自治县水务局2022年度部门整体支出绩效自评报告\n一、部门基本情况\n本局编制21人。\n"
    )
    assert flat["report.unit_name"] == "本溪满族自治县水务局"


def test_a_labelled_project_name_in_prose_outranks_the_sentence_naming_it() -> None:
    project = "兴县水利局2023年农村供水工程维修养护项目支出绩效自评报告\n一、项目基本情况\n"
    text = project + "我局对2023年农村供水工程维修养护项目开展了绩效自评。\n"
    text += "项目名称：兴县2023年农村供水工程维修养护项目。项目主管部门为兴县水利局。\n"
    assert flat_of(text)["report.project_name"] == "兴县2023年农村供水工程维修养护项目"


@pytest.mark.parametrize(
    ("sentence", "adjusted"),
    [
        (
            "2020年中央下达我市的雪亮工程转移支付预算2842.5157万元，要建设公共视频联网共享总平台。",
            Decimal(28425157),
        ),
        ("2020年度雪亮工程转移支付2842.5157万元，全部及时下达到位。", None),  # no role word: left out
    ],
)
def test_a_transfer_payment_is_money_given_not_spent(sentence: str, adjusted: Decimal | None) -> None:
    """转移支付 names the money a higher level passes down (a budget), not a payment made."""
    title = "天津市雪亮工程转移支付2020年度绩效自评报告"
    flat = flat_of(f"{title}\n一、基本情况\n{sentence}\n二、执行情况\n已执行支付2668万元，执行率93.86%。\n")
    assert flat["budget.executed"] == Decimal(26680000) and flat.get("budget.adjusted") == adjusted
    assert "cross.mention" not in rules(flat)
