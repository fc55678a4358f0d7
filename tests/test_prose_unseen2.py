"""Prose classes of unseen reports, second round (issue 11, point 7; probes gs-tianshui, gd-suixi,
nm-banner, bj-office-list and pdftext/yn-yongde): page metadata glued to the title's unit, a
cover's year field beside a later fill date, one project named before a colon or a role word, a
breakdown after a change on last year settled by its sum, offices listed after 共设 with bracketed
names, and a fallback label's unit with its city prefixed."""

from __future__ import annotations

import pytest
from test_prose_unseen import TITLE, flat_of

from extractor.fields.unit_form import own_form
from extractor.fields.values import text_value
from extractor.normalize import normalize
from extractor.read.text import text_document


@pytest.mark.parametrize(
    "glued",
    [
        "时效性有效",
        "时效性:有效",
        "发布日期：2024-04-12  时效性：有效",
        "效力属性：有效",
        "效力状态:现行有效",
    ],
)
def test_a_metadata_value_glued_before_the_unit_is_not_its_name(glued: str) -> None:
    flat = flat_of(glued + TITLE + "\n一、部门概况\n我局全年预算数600万元，实际支出580万元。\n")
    assert (flat["report.unit_name"], flat["report.fiscal_year"]) == ("某某县水利局", 2023)


@pytest.mark.parametrize(
    ("field", "year"), [("评价年度:2022", 2022), ("预算年度：2022年", 2022), ("评价年度：2021年度", 2021)]
)
def test_a_cover_year_field_is_the_fiscal_year_not_the_fill_date(field: str, year: int) -> None:
    text = (
        f"项目支出绩效自评报告\n项目名称:某某水库除险加固工程\n{field}\n预算部门单位(公章):某某县水务局\n"
        "填报日期:2023年4月25日\n一、基本情况\n项目实际支出298.65万元。\n"
    )
    flat = flat_of(text)
    assert (flat["report.fiscal_year"], flat["report.unit_name"], flat["report.filled_on"]) == (
        year,
        "某某县水务局",
        "2023-04-25",
    )


@pytest.mark.parametrize("colon", ["：", ""])
@pytest.mark.parametrize("name", ["食品安全抽检项目", "国有林管护项目", "“数说红河”展厅运维项目"])
def test_one_project_named_before_a_colon_has_its_own_figures(name: str, colon: str) -> None:
    unit = "全年预算2,265.32万元，全年支出2,150.18万元。"
    flat = flat_of(
        f"{TITLE}\n一、预算执行\n{unit}\n{name}{colon}年初预算120.00万元，全年执行数118.60万元，执行率98.83%。"
    )
    assert (flat["budget.adjusted"], flat["budget.executed"]) == (22653200, 21501800)
    assert "budget.initial" not in flat and "budget.execution_rate" not in flat


@pytest.mark.parametrize("group", ["年初预算项目", "新增项目", "重点项目"])
def test_a_group_of_projects_before_a_colon_is_not_one_project(group: str) -> None:
    flat = flat_of(f"{TITLE}\n一、预算执行\n{group}：项目支出预算300万元，项目支出执行数290万元。\n")
    assert flat["budget.project.executed"] == 2900000


@pytest.mark.parametrize(
    ("parts", "read"),
    [
        ("其中：基本支出1,211.20万元，项目支出757.25万元", True),  # 1211.20 + 757.25 = 1968.45
        ("其中：基本支出1,211.20万元，项目支出757.25万元，较上年增加3.2万元", True),
        ("其中：基本支出减少80.00万元，项目支出减少46.87万元", False),  # the parts of the change
        ("其中：基本支出1,200.00万元，项目支出757.25万元", False),  # adds up to neither
    ],
)
def test_a_breakdown_after_a_change_on_last_year_is_settled_by_its_sum(parts: str, read: bool) -> None:
    text = f"{TITLE}\n一、预算执行\n全年执行数1,968.45万元，比上年减少126.87万元。{parts}。\n"
    flat = flat_of(text)
    assert flat["budget.executed"] == 19684500
    assert ("budget.basic.executed" in flat) == read
    if read:
        assert (flat["budget.basic.executed"], flat["budget.project.executed"]) == (12112000, 7572500)


def test_offices_listed_after_gong_she_with_their_other_names_in_brackets() -> None:
    offices = "办公室(行政审批科)、法制科(执法监督科)、文物科"
    text = f"{TITLE}\n一、部门概况\n本局共设{offices}3个内设机构。另设机关党委。\n"
    flat = flat_of(text)
    assert flat["org.offices"] == ["办公室(行政审批科)", "法制科(执法监督科)", "文物科"]
    assert flat["org.offices_count"] == 3


@pytest.mark.parametrize("wording", ["年末在职实有23人", "在职实有23人", "年末实有23人", "在编实有23人"])
def test_actual_staff_wording(wording: str) -> None:
    assert flat_of(f"{TITLE}\n一、部门概况\n核定编制25名，{wording}。\n")["staff.actual"] == 23


FORM = (
    "2022年度项目支出绩效自评表\n部门:{header}\n公开14表\n主管\n部门\n永德县教育体育局\n"
    "实施单位\n年\n初\n—\n{cell}\n—\n"
)


@pytest.mark.parametrize(
    ("header", "cell", "unit"),
    [
        ("临沧市永德县明朗中学", "永德县明朗中学", "永德县明朗中学"),
        ("云南省临沧市永德县明朗中学", "永德县明朗中学", "永德县明朗中学"),
        ("临沧市永德县明朗中学", "明朗中学", "临沧市永德县明朗中学"),  # no place: not the unit's own form
        ("临沧市永德县明朗中学", "—", "临沧市永德县明朗中学"),  # not stated alone: the header's
    ],
)
def test_a_fallback_unit_takes_its_own_form_stated_alone(header: str, cell: str, unit: str) -> None:
    norm = normalize(text_document("t.txt", FORM.format(header=header, cell=cell)))
    start = norm.text.index(header)
    read = own_form(norm, text_value(norm, start, start + len(header)))
    assert read.value == unit
    assert norm.original[read.span.start : read.span.end] == unit


def test_a_unit_not_read_from_a_fallback_label_is_kept() -> None:
    norm = normalize(
        text_document(
            "t.txt", FORM.format(header="x", cell="永德县明朗中学") + "临沧市永德县明朗中学2022年度"
        )
    )
    start = norm.text.rindex("临沧市")
    assert own_form(norm, text_value(norm, start, start + 10)).value == "临沧市永德县明朗中学"
