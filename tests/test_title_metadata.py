"""Page metadata whose value is a date or a name glued before the title's unit (issue 11, point 7,
points 2 and 3): a date field's value ends where the date does; a name field's value glued to the
unit's name is split where the run splits in one place alone, after an organisation's suffix and
before a place (extractor/fields/title.py); a run that splits nowhere or in two places leaves the
unit out (a wrong unit is worse than a missing one)."""

from __future__ import annotations

import pytest
from test_prose_unseen import TITLE, flat_of

BODY = "\n一、部门概况\n我局全年预算数600万元，实际支出580万元。\n"


DATES = [
    "发布日期：2023-05-06",
    "发布日期:2023年5月6日",
    "发布时间：2024-03-05 10:21",
    "成文日期：2023.05.06",
]
NAMES = [
    "发布机构：某某县财政局",
    "发布机构:县水利局",
    "来源：某某县人民政府",
    "信息来源：某某县水利局",
    "发文机关：某某县水利局 ",  # its value set apart by a space
    "发布机构某某县财政局",  # no colon after a label no name holds
    "发布机构：某某县人民政府办公室",  # 政府 and 办 end inside 办公室: one split, after it
]
CASES = [
    (d, "某某县水利局") for d in [*DATES, "发文日期：2023/5/6", "发布机构：某某县财政局发布日期：2023-05-06"]
]
# runs that split nowhere (the field's value may be the unit's or a publisher's) or in two places
UNSPLIT = [
    ("发布机构：", "某某县水利局"),
    ("发布机构：财政局", "水利局"),  # no place opens the unit's part
    ("发布机构：中共某某县委某某县人民政府", "某某县水利局"),  # after 委 and after 政府
    ("发文机关：某某县财政局 某某县人民政府", "某某县水利局"),  # the part after the space splits again
]


@pytest.mark.parametrize(("glued", "unit"), CASES + [(n, "某某县水利局") for n in NAMES])
def test_a_date_field_is_left_off_the_unit_a_name_field_is_split_off(glued: str, unit: str) -> None:
    flat = flat_of(glued + TITLE + BODY)
    assert flat.get("report.unit_name") == unit
    assert (flat["report.fiscal_year"], flat["budget.adjusted"]) == (2023, 6000000)


@pytest.mark.parametrize(("field", "unit"), UNSPLIT)
def test_a_name_field_glued_to_a_run_that_does_not_split_in_one_place_leaves_the_unit_out(
    field: str, unit: str
) -> None:
    flat = flat_of(field + unit + "2023年度部门整体支出绩效自评报告" + BODY)
    assert "report.unit_name" not in flat
    assert flat["report.fiscal_year"] == 2023


def test_the_unit_split_off_a_banner_publisher() -> None:
    flat = flat_of("来源：乌拉特中旗人民政府乌拉特中旗林业和草原局2023年度部门整体支出绩效自评报告" + BODY)
    assert flat["report.unit_name"] == "乌拉特中旗林业和草原局"


def test_a_unit_named_in_its_own_field_is_read_beside_a_name_field() -> None:
    flat = flat_of("发布机构：某某县财政局" + TITLE + "\n单位名称：某某县水利局" + BODY)
    assert flat["report.unit_name"] == "某某县水利局"


def test_a_title_restated_in_the_opening_sentence_names_the_unit() -> None:
    text = (
        "为做好2022年资金项目绩效管理工作，根据有关规定，现将2022年遂平县交通运输局财政衔接推进乡村振兴"
        "资金项目绩效自评总结报告如下:\n一、绩效目标分解下达情况\n项目计划投资2179万元。\n"
    )
    assert flat_of(text)["report.unit_name"] == "遂平县交通运输局"


def test_a_project_named_in_brackets_after_the_title_and_a_department_line_in_prose() -> None:
    text = (
        "某某市财政支出项目绩效自评报告(产业园基础设施配套路网项目)\n一、项目概况\n"
        "2.资金:2022年产业园基础设施配套路网项目预算经费为3483万元,2022年支付3483万元。\n"
        "主管部门为某某高新区管委会(行政主管部门)\n项目业主为某某高新区管委会\n"
    )
    flat = flat_of(text)
    assert flat["report.project_name"] == "产业园基础设施配套路网项目"
    assert flat["report.department"] == "某某高新区管委会"
    assert flat["budget.executed"] == 34830000
    assert "budget.initial" not in flat  # 预算经费 alone, with no rate to settle it: no key of its own


def test_a_funds_own_report_is_a_projects():
    from tests.test_prose_unseen import flat_of

    flat = flat_of("锡林郭勒盟城乡居民基本养老保险补助资金2022年度绩效自评报告\n一、绩效目标分解下达情况\n")
    assert flat["report.kind"] == "project"


def test_a_project_self_evaluation_form_by_its_title():
    from tests.test_prose_unseen import flat_of

    assert flat_of("某区服务贸易发展资金项目自评表\n一级指标 二级指标 三级指标\n")["report.kind"] == "project"
