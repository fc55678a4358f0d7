"""Prose classes missed on reports of provinces outside the dev corpus (issue 11, point 7), each in
two or three wordings another province would use: a unit name glued to page metadata before the
title, a table of contents repeating every heading, staff and offices wording, counts in Chinese
numerals, a change on last year or a spending verb after the amount, the fiscal year never taken
from a date, and form fields one cell per line."""

from __future__ import annotations

from decimal import Decimal

import pytest

from extractor import check
from extractor.flat import flatten
from extractor.models import Document
from extractor.normalize import normalize
from extractor.numbers import chinese_count, figures
from extractor.pipeline import extract_document
from extractor.read.text import text_document
from extractor.sections import split_sections, walk

TITLE = "某某县水利局2023年度部门整体支出绩效自评报告"


def flat_of(text: str) -> dict:
    report = extract_document(text_document("t.txt", text))
    report.findings = check(report)
    return flatten(report)


@pytest.mark.parametrize(
    "metadata",
    [
        "• 时效性\n  有效\n\n",  # Yunnan: bullets, the value on the next line
        "信息来源\n某某县财政局\n有效性\n有效\n\n",  # label and value lines, no bullets
        "发布日期\n2024-03-05\n",  # a date value line
        "- 发布机构\n- 某某县财政局\n",  # dashes as bullets
    ],
)
def test_page_metadata_before_the_title_is_not_part_of_the_unit_name(metadata: str) -> None:
    flat = flat_of(metadata + TITLE + "\n一、部门概况\n我局全年预算数600万元，实际支出580万元。\n")
    assert (flat["report.unit_name"], flat["report.fiscal_year"]) == ("某某县水利局", 2023)


def test_a_title_broken_over_two_lines_is_still_joined() -> None:
    text = "附件4\n某某县水利局生态保护专项\n转移支付2022年度绩效自评报告\n一、项目概况\n实际支出50万元。\n"
    norm = normalize(Document(path="t.txt", format="text", text=text))
    assert "某某县水利局生态保护专项转移支付2022年度绩效自评报告" in norm.text


@pytest.mark.parametrize(
    ("wording", "offices_count"),
    [("内部机构八个", 8), ("内设股室六个，分别为：办公室、财务股", 6), ("下设十二个科室", 12)],
)
def test_offices_counted_in_chinese_numerals(wording: str, offices_count: int) -> None:
    flat = flat_of(f"{TITLE}\n一、部门概况\n本局{wording}。\n")
    assert flat["org.offices_count"] == offices_count


def test_chinese_numeral_counts_are_two_to_ninety_nine_and_never_ordinals() -> None:
    read = [
        (f.value, f.unit) for f in figures("下属事业单位三个，第三个，每一个，十二名，统一个人，一个机制")
    ]
    assert read == [(3, "个"), (12, "名")]
    assert [chinese_count(n) for n in ("二", "十", "十二", "二十", "九十九", "两")] == [2, 10, 12, 20, 99, 2]
    assert figures("一百二十个") == []  # beyond what the counts read: left out, not read as 20


@pytest.mark.parametrize(
    ("office_list", "names"),
    [
        ("内设机构12个,分别为:综合科、法制科", ["综合科", "法制科"]),  # Kunming
        (
            "下设办公室、港澳台侨办公室、党外人士工作科3个内设机构",
            ["办公室", "港澳台侨办公室", "党外人士工作科"],
        ),
        ("内设科室三个，分别是：办公室、业务科、财务科", ["办公室", "业务科", "财务科"]),
        (  # an office's second names, listed in its brackets (Chongqing)
            "内设办公室、投资科(挂重点项目办、审批科)、价格科等3个科室",
            ["办公室", "投资科(挂重点项目办、审批科)", "价格科"],
        ),
    ],
)
def test_office_lists_with_the_count_before_or_after(office_list: str, names: list[str]) -> None:
    assert flat_of(f"{TITLE}\n一、部门概况\n本局{office_list}。\n")["org.offices"] == names


@pytest.mark.parametrize(
    ("staff", "want"),
    [
        (
            "在职人员编制12（行政编制12），在职实有10人",
            {"authorized": 12, "administrative": 12, "actual": 10},
        ),
        (  # Hunan: 总编制 with abbreviated kinds; 全额事业编 is one kind of 事业编制, not all of it
            "全局在职人员246人;行政事业总编制249个,其中行政编13个、全额事业编45个",
            {"authorized": 249, "administrative": 13, "on_duty": 246},
        ),
        (  # 事业编制人数 is the 事业编制, the total is the reduced 编制
            "部门事业编制人数15人,年末实有人数14人,比上年度减少7人。因机构改革,编制调减为15人",
            {"institutional": 15, "authorized": 15, "actual": 14},
        ),
        ("本局实有人数128人,包括行政人员13人、非参公事业人员85人", {"actual": 128, "administrative": 13}),
        (  # Guangdong: the posts the budget funds, then the people on duty
            "本单位财政核定编制在职人员为36人,年末实有在职人员为34人,退休人员64人",
            {"authorized": 36, "on_duty": 34, "retired": 64},
        ),
        ("机构编制部门核定人数96人、年末在职人数86人、离退休人数48人", {"authorized": 96, "on_duty": 86}),
    ],
)
def test_staff_wording(staff: str, want: dict[str, int]) -> None:
    flat = flat_of(f"{TITLE}\n一、部门概况\n{staff}。\n")
    assert {k: flat.get(f"staff.{k}") for k in want} == want
    assert "staff.institutional" in flat or "institutional" not in want


@pytest.mark.parametrize(
    "change",
    ["全年支出比上年减少12687.32万元", "支出较上年增加120.50万元", "实际支出同比下降35.2万元"],
)
def test_a_change_on_last_year_is_no_executed_amount(change: str) -> None:
    text = f"{TITLE}\n一、预算执行\n全年预算数620.00万元，{change}。\n"
    assert "budget.executed" not in flat_of(text)
    assert flat_of(text + "全年实际支出598.40万元。\n")["budget.executed"] == 5984000


@pytest.mark.parametrize("verb", ["已全部发放完毕", "已全额支付完毕", "已足额发放完成"])
def test_a_spending_verb_after_the_amount_is_the_executed_amount(verb: str) -> None:
    text = "2020年某某补助资金项目绩效自评报告\n一、项目概况\n补助款按标准发放,合计46080元" + verb + "。\n"
    assert flat_of(text)["budget.executed"] == 46080
    assert "budget.executed" not in flat_of(text.replace(verb, "已拨付到账"))  # arrived, not spent


@pytest.mark.parametrize(
    ("superior", "own"),
    [("下达中央财政资金30.9万元", "另有县财政资金30.9万元"), ("其中中央资金50万元", "区级配套资金30万元")],
)
def test_central_and_county_funds_are_the_sources(superior: str, own: str) -> None:
    flat = flat_of(f"某某县2021年度水利发展专项资金绩效自评报告\n一、概述\n{superior}，{own}。\n")
    assert (flat["budget.source.superior"], flat["budget.source.own"]) > (0, 0)
    prefecture = flat_of(
        "某某县2020年度补助资金项目绩效自评报告\n一、概述\n省级配套补助资金17280元,州级补助资金28800元。\n"
    )
    assert "budget.source.superior" not in prefecture and "budget.source.own" not in prefecture


@pytest.mark.parametrize(
    "dated",
    ["（2024年3月5日）", "发布日期：2024-03-05", "2024年3月"],
)
def test_the_fiscal_year_is_never_read_from_a_date(dated: str) -> None:
    text = f"某某市统计局部门整体支出绩效自评报告\n{dated}\n一、概况\n2023年，我局全年预算数345.60万元。\n"
    flat = flat_of(text)
    assert (flat["report.fiscal_year"], flat["report.unit_name"]) == (2023, "某某市统计局")


@pytest.mark.parametrize("toc_head", ["目录\n", "目  录\n", ""])
def test_a_table_of_contents_is_no_sections(toc_head: str) -> None:
    toc = toc_head + "一、部门概况……1\n二、预算执行……3\n三、存在的问题……5\n"
    body = "一、部门概况\n内容。\n二、预算执行\n内容。\n三、存在的问题\n预算编制不够精细。\n"
    norm = normalize(Document(path="t.txt", format="text", text=f"{TITLE}\n{toc}{body}"))
    assert [s.number for s in walk(split_sections(norm))] == ["一、", "二、", "三、"]
    assert flat_of(f"{TITLE}\n{toc}{body}")["report.unit_name"] == "某某县水利局"


@pytest.mark.parametrize("bar", [" |", "|", "\t|"])
def test_form_fields_one_cell_per_line(bar: str) -> None:
    text = (
        f"部门预算项目支出绩效自评表(2023年度){bar}\n项目名称{bar}\n51000021R000019951-工资性支出{bar}\n"
        f"主管部门{bar}\n某某县发展和改革局本级{bar}\n实施单位 (盖章){bar}\n某某县发展和改革局{bar}\n"
    )
    flat = flat_of(text)
    got = [flat.get(f"report.{k}") for k in ("project_name", "department", "unit_name")]
    assert got == ["51000021R000019951-工资性支出", "某某县发展和改革局本级", "某某县发展和改革局"]
    empty = flat_of(text.replace(f"\n某某县发展和改革局本级{bar}", "\n|"))  # an empty value cell
    assert "report.department" not in empty


def test_a_transfer_form_glued_into_a_page_digest() -> None:
    digest = (
        "信息名称 | 2023年某某绩效目标自评表 | 内容概述 | 某某市转移支付区域(项目)绩效目标自评表(2023年度)"
        "转移支付(项目)名称中央农业防灾减灾(动物防疫补助)中央主管部门农业农村部地方主管部门省农业农村厅"
        "资金使用单位某某市农业农村局资金投入情况(万元) |\n"
    )
    flat = flat_of(digest)
    assert (flat["report.project_name"], flat["report.unit_name"]) == (
        "中央农业防灾减灾(动物防疫补助)",
        "某某市农业农村局",
    )
    assert "report.department" not in flat  # two 主管部门: which one is meant is not said


def test_a_form_glued_to_its_title_gives_no_unit_made_of_its_labels() -> None:
    """'…(2022年度)项目名称委托业务项目主管部门…': 项目名称委 ends like an organisation (委) but holds
    a label; the unit is the 实施单位's, or nothing."""
    text = "附件:项目支出绩效自评表(2022年度)项目名称委托业务项目主管部门某镇人民政府\n"
    assert "report.unit_name" not in flat_of(text)


@pytest.mark.parametrize("mark", ["{n}、", "({n})", "（{n}）"])
def test_a_key_stated_in_three_items_of_a_list_is_each_items_not_the_reports(mark: str) -> None:
    """A unit's project report over its projects, each item with its own 预算 / 实际支付: the paid
    amounts are the projects', so no budget.executed is read and no cross.mention compares them."""
    items = [("烈士纪念设施维修项目", "32.6"), ("退役军人事务专项资金项目", "18"), ("宣传版面改造项目", "15")]
    body = "".join(
        f"{mark.format(n=k)}{name}:预算{paid}万元,全年实际支付{paid}万元,使用率100%。"
        for k, (name, paid) in enumerate(items, 1)
    )
    title = "某某市烈士陵园管理处2022年度项目支出绩效自评总报告"
    flat = flat_of(f"{title}\n一、项目情况\n本处共有3个项目。{body}\n")
    assert "budget.executed" not in flat
    assert not [k for k, v in flat.items() if k.endswith(".rule") and v == "cross.mention"]
    # two items are no list of the projects' own figures: the first is read, the second compared
    two = "".join(
        f"{mark.format(n=k)}{name}:全年实际支付{paid}万元。" for k, (name, paid) in enumerate(items[:2], 1)
    )
    flat = flat_of(f"{title}\n一、项目情况\n{two}\n")
    assert flat["budget.executed"] == 326000


def test_amounts_with_a_gap_after_the_decimal_point_are_read_whole() -> None:
    """'4248. 11万元' (a document site's text of a Word report) is 4248.11万元: the rate checks."""
    body = "全年预算数4406. 09万元,全年执行数4248. 11万元,预算执行率96. 41%。"
    flat = flat_of(f"{TITLE}\n一、预算执行情况\n{body}\n")
    assert [flat.get(k) for k in ("budget.adjusted", "budget.executed", "budget.execution_rate")] == [
        44060900,
        42481100,
        Decimal("96.41"),
    ]


def test_a_prose_indicators_amount_stays_as_printed_with_its_unit() -> None:
    """'项目总投资，目标值≤100万元，完成值100万元' is 100 万元 (as a table cell of it is read), not
    1000000 under the unit 万元; '≥2万人次' is 2 万人次."""
    flat = flat_of(
        "某区住房和城乡建设局某项目绩效自评报告\n一、绩效指标完成情况分析\n1.产出指标完成情况分析\n"
        "（1）成本指标：项目总投资，目标值≤100万元，完成值100万元。\n"
        "（2）社会效益指标：年接待参观人次，目标值≥2万人次，完成值2.36万人次。\n"
    )
    got = [tuple(flat.get(f"indicators.{n}.{k}") for k in ("target", "unit", "actual")) for n in (1, 2)]
    assert got == [(Decimal(100), "万元", Decimal(100)), (Decimal(2), "万人次", Decimal("2.36"))]


def test_an_analysis_heading_names_the_level_its_indicators_are_under() -> None:
    """'1.产出指标完成情况分析' heads the 产出指标 rows: '（4）成本指标' under it is a 二级, not a 一级."""
    flat = flat_of(
        "某区住房和城乡建设局某项目绩效自评报告\n一、绩效指标完成情况分析\n1.产出指标完成情况分析。\n"
        "（1）质量指标：项目验收合格率，目标值100%，完成值100%。\n"
        "（2）成本指标：项目总投资，目标值≤100万元，完成值100万元。\n"
        "2.效益指标完成情况分析。\n（1）社会效益指标：受益群众人数，目标值≥5000人，完成值5320人。\n"
    )
    levels = [(flat.get(f"indicators.{n}.level1"), flat.get(f"indicators.{n}.level2")) for n in (1, 2, 3)]
    assert levels == [("产出指标", "质量指标"), ("产出指标", "成本指标"), ("效益指标", "社会效益指标")]


def test_a_paragraph_of_levels_and_indicators_is_cut_at_each_level() -> None:
    """'1.产出指标。数量指标：A，目标值28个，完成值28个；B，…。质量指标：C，…': the 。 before a level's
    name parts indicators as ；does; the heading 产出指标 is each clause's 一级, 数量指标 B's 二级 too."""
    flat = flat_of(
        "某州数据发展中心2024年度项目支出绩效单位自评报告\n二、绩效目标实现情况\n（一）展厅运维经费\n"
        "1.产出指标。数量指标：展厅展区正常开放数量，目标值28个，完成值28个；拼接屏正常运行数量，"
        "目标值174台，完成值170台。质量指标：展厅设备完好率，目标值≥95%，完成值97.7%。\n"
        "2.效益指标。社会效益指标：年接待参观人次，目标值≥2万人次，完成值2.36万人次。\n"
    )
    got = [
        tuple(flat.get(f"indicators.{n}.{k}") for k in ("name", "level1", "level2", "target"))
        for n in (1, 2, 3, 4)
    ]
    assert got == [
        ("展厅展区正常开放数量", "产出指标", "数量指标", Decimal(28)),
        ("拼接屏正常运行数量", "产出指标", "数量指标", Decimal(174)),
        ("展厅设备完好率", "产出指标", "质量指标", Decimal(95)),
        ("年接待参观人次", "效益指标", "社会效益指标", Decimal(2)),
    ]


def test_a_total_score_stated_twice_with_two_figures_is_none() -> None:
    """A unit's report on all its projects scores each ('该项目自评得分92分' / '85分'): neither is the
    report's total; a total restated with the same figure stays."""
    body = "某州数据发展中心2024年度项目支出绩效单位自评报告\n二、绩效目标实现情况\n（一）展厅运维经费\n"
    two = body + "经自评，该项目自评得分92分。\n（二）应用经费\n经自评，该项目自评得分85分。\n"
    assert "evaluation.total_score" not in flat_of(two)
    same = body + "经自评，该项目自评得分92分。\n三、结论\n本项目自评得分92分。\n"
    assert flat_of(same)["evaluation.total_score"] == 92


def test_the_rest_of_the_projects_is_no_restated_count() -> None:
    """'实施项目共15个' … '（3）其余13个项目为…': 13 counts the rest, no second count of the projects
    (no cross.mention); the reason after an actual names its subject before 因."""
    flat = flat_of(
        "某州数据发展中心2024年度项目支出绩效单位自评报告\n一、基本情况\n本中心实施项目共15个。\n"
        "（1）展厅运维经费。（2）应用经费。（3）其余13个项目为中心运转保障项目，不再逐一列示。\n"
        "二、绩效目标实现情况\n1.产出指标。数量指标：拼接屏正常运行数量，目标值174台，完成值170台，"
        "4台拼接屏因主板老化返厂维修，已于2025年1月修复。\n"
    )
    assert flat["budget.project.count"] == 15
    assert "cross.mention" not in {v for k, v in flat.items() if k.endswith(".rule")}
    assert flat["indicators.1.deviation_reason"] == "4台拼接屏因主板老化返厂维修，已于2025年1月修复"


def test_a_qualitative_actual_after_a_bare_completion_label() -> None:
    """'目标值：有所提升，完成值：明显提升': 完成值 alone names the actual in words too."""
    flat = flat_of(
        "某州数据发展中心2024年度项目支出绩效自评报告\n二、绩效目标实现情况\n"
        "2.效益指标。社会效益指标：政务服务效率，目标值：有所提升，完成值：明显提升。\n"
    )
    assert (flat["indicators.1.target"], flat["indicators.1.actual"]) == ("有所提升", "明显提升")


def test_a_bare_magnitude_is_multiplied_in() -> None:
    """'目标值≥3万，完成值3.2万' names no unit: 万 is a magnitude, the figures 30000 and 32000."""
    flat = flat_of(
        "某县某项目绩效自评报告\n一、绩效指标完成情况分析\n1.产出指标完成情况分析\n"
        "（1）数量指标：服务群众人次，目标值≥3万，完成值3.2万。\n"
    )
    assert (flat["indicators.1.target"], flat["indicators.1.actual"]) == (30000, 32000)
    assert "indicators.1.unit" not in flat
