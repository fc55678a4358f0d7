"""Prose classes found on the second set of probes re-authored from real published reports
(fixtures/probes/*.meta.json): a PDF paragraph whose line breaks a reposting site turned into
spaces, a blank form's slots (a seal marker, header cells on one line), a count in a measure
word that counts no projects (精选4篇), the unit named as the subject of the first sentence
under its own heading, traditional characters with a converter's pinyin, and a digest joining a
report's numbered headings with commas (a 其中 breakdown ends at the next heading)."""

from __future__ import annotations

import pytest

import patterns
from extractor import check
from extractor.flat import flatten
from extractor.models import Document
from extractor.normalize import is_tabular, normalize
from extractor.pipeline import extract_document
from extractor.read.text import text_document

OVERALL = "某某市发展改革局2021年度部门整体支出绩效自评报告\n"
PROJECT = "某某县财政局2022年度项目支出绩效自评报告\n"


def _doc(line: str) -> Document:
    return Document(path="t.txt", format="text", text=line + "\n")


def flat_of(text: str) -> dict:
    report = extract_document(text_document("t.txt", text))
    report.findings = check(report)
    return flatten(report)


WRAPPED = (
    "一、部门基本情况 (一)部门职能 我局负责拟订和组织实施全市国民经济和社会发展战 略、中长期规划和年度"
    "计划,负责全市固定 资产投资项目审批、核准、备案及监督检查。 (二)设置机构及人员情况 我局成立于 1958 年,"
    "属于国家行政单位,设 17 个内设 机构。我局2021 年末在职人数 57 人、离 退休人数 94 人。"
)


def test_a_pdf_paragraph_with_its_line_breaks_as_spaces_is_prose_not_a_table_row() -> None:
    assert not is_tabular(WRAPPED)
    text = normalize(_doc(WRAPPED)).text
    assert "设17个内设机构" in text and "离退休人数94人" in text and "发展战略" in text


@pytest.mark.parametrize(
    ("wording", "want"),
    [
        (WRAPPED, {"staff.on_duty": 57, "staff.retired": 94, "org.offices_count": 17}),
        (
            "(二)人员情况 本单位下设 5 个股 室,年末在职人 员 23 人,退休人员 8 人,其中:工勤 人员 2 人;"
            "全年完成各项工作任务,较好地履 行了部门职责,取得 了明显成效。",
            {"staff.on_duty": 23, "staff.retired": 8, "org.offices_count": 5},
        ),
    ],
)
def test_staff_and_offices_read_from_a_wrapped_pdf_paragraph(wording: str, want: dict) -> None:
    flat = flat_of(OVERALL + wording + "\n")
    assert {k: flat.get(k) for k in want} == want


def test_a_table_row_spaced_into_short_cells_keeps_its_gaps() -> None:
    row = "一、项目基本情况 项目名称 项目 实施单位 联系人 电话 手机 地址 邮编 评价时段内项目概况及绩效目标"
    assert is_tabular(row)
    assert normalize(_doc(row)).text.startswith("一、项目基本情况 项目名称 项目 实施单位")


BLANK_FORM = (
    "省级财政支出项目绩效报告表\n(实施单位)\n项目名称:\n项目类别:\n项目实施单位: (盖章)\n项目主管部门:\n"
    "评价机构:\n项目实施单位负责人签名:\n年 月 日\n某某省财政厅 制\n"
    "绩评基表-1 一、项目基本情况 项目名称 项目 实施单位 联系人 电话 手机 地址 邮编 "
    "评价时段内项目概况及绩效目标\n"
)


def test_a_blank_forms_slots_state_no_unit_and_no_project() -> None:
    flat = flat_of(BLANK_FORM)
    assert flat["report.kind"] == "project"
    assert "report.unit_name" not in flat and "report.project_name" not in flat


@pytest.mark.parametrize("seal", ["(盖章)", "(公章)", ""])
def test_a_filled_implementing_unit_slot_is_read_after_its_seal_marker(seal: str) -> None:
    flat = flat_of(PROJECT + f"项目名称:城市道路维护\n项目实施单位: {seal}某某县公路管理中心\n")
    assert flat["report.unit_name"] == "某某县公路管理中心"
    assert flat["report.project_name"] == "城市道路维护"


def test_glued_form_labels_still_give_the_project_name() -> None:
    flat = flat_of(PROJECT + "项目名称城市道路维护主管部门某某县交通运输局实施单位某某县公路管理中心\n")
    assert flat["report.project_name"] == "城市道路维护"


@pytest.mark.parametrize("count", ["(精选4篇)", "(共4篇)", "汇编成1册"])
def test_a_count_of_essays_or_volumes_is_no_project_count(count: str) -> None:
    flat = flat_of(f"财政资金项目支出绩效自评报告{count}\n" + PROJECT + "一、项目基本情况\n")
    assert "budget.project.count" not in flat


def test_a_count_of_works_a_project_sentence_names_is_no_project_count() -> None:
    body = "一、项目基本情况\n项目总体绩效目标为完成169处农村饮水工程的维修养护,项目资金61.8万元。\n"
    assert "budget.project.count" not in flat_of(PROJECT + body)


@pytest.mark.parametrize(("wording", "want"), [("共有15个项目", 15), ("共实施项目6项", 6)])
def test_a_count_of_projects_in_ge_or_xiang_is_read(wording: str, want: int) -> None:
    flat = flat_of(OVERALL + f"一、部门基本情况\n2021年,我局{wording},年初预算985万元。\n")
    assert flat["budget.project.count"] == want


@pytest.mark.parametrize(
    ("heading", "sentence"),
    [
        ("(一)项目用款单位简要情况。", "某某省发展战略研究中心是省人民政府直属决策与政策研究机构。"),
        ("一、单位基本情况", "某某县农业技术推广站系县农业农村局下属公益一类事业单位。"),
    ],
)
def test_the_unit_as_the_subject_under_its_heading(heading: str, sentence: str) -> None:
    text = "财政资金项目支出绩效自评报告\n根据要求,我单位开展了项目绩效自评。\n"
    flat = flat_of(text + f"{heading}\n{sentence}\n")
    assert flat["report.unit_name"] == sentence[: sentence.index("是" if "是" in sentence else "系")]


def test_no_unit_from_a_unit_heading_followed_by_a_date() -> None:
    text = "财政资金项目支出绩效自评报告\n根据要求,开展了项目绩效自评。\n(一)项目实施单位基本情况\n"
    assert "report.unit_name" not in flat_of(text + "2018年3月,以原指挥部为主成立城乡环境整治中心。\n")


TRADITIONAL = "某某縣財政局2022年度項目支出績效自評報告\n一、項目基本情況\n評價等級為優秀。\n"


def test_traditional_characters_are_read_as_simplified_with_offsets_kept() -> None:
    n = normalize(_doc("績效自評報告 預算執行率 顯著 乾坤"))
    assert n.text.startswith("绩效自评报告 预算执行率 显著 乾坤")  # 著 and 乾 are simplified too
    assert n.origin[:6] == [0, 1, 2, 3, 4, 5]


def test_a_traditional_report_reads_its_title_and_grade() -> None:
    flat = flat_of(TRADITIONAL)
    assert (flat["report.kind"], flat["report.fiscal_year"]) == ("project", 2022)
    assert flat["report.unit_name"] == "某某縣財政局"  # text values as the source prints them
    assert flat["evaluation.grade"] == "优"


@pytest.mark.parametrize(
    "title", ["工程項(xiàng)目績效評價報(bào)告", "某某局項(xiàng)目支出績效自評報(bào)告"]
)
def test_pinyin_left_by_a_converter_is_dropped(title: str) -> None:
    n = normalize(_doc(title))
    assert "(" not in n.text and "项目" in n.text
    assert n.original[n.origin[n.text.index("目")]] == "目"  # offsets skip the dropped pinyin
    assert flat_of(title + "\n一、基本情况\n开展了绩效自评。\n")["report.kind"] == "project"


def test_brackets_that_are_no_pinyin_are_kept() -> None:
    assert normalize(_doc("某某局(本级)2022年度(xx)项目")).text.startswith("某某局(本级)2022年度(xx)项目")


def test_the_traditional_table_maps_no_character_a_simplified_text_uses() -> None:
    table = patterns.load("traditional")["chars"]
    assert len(table) > 2000 and table["績"] == "绩" and table["縣"] == "县"
    assert not set(table) & set(table.values()) and all(len(v) == 1 for v in table.values())


@pytest.mark.parametrize(
    "digest",
    [
        "1.项目资金到位情况,其中专项资金20万元全部到位,2.项目资金执行情况分析,专项资金20万元,"
        "(三)绩效指标完成情况分析,剧本创作费5万元,音乐创作费2万元。",
        "(一)资金到位情况,其中财政资金50万元已到位;(二)资金执行情况,支出50万元,二、绩效目标完成情况,"
        "购置设备30万元。",
    ],
)
def test_a_numbered_heading_ends_a_breakdown(digest: str) -> None:
    flat = flat_of(PROJECT + "一、绩效目标分解下达情况,下达专项资金20万元," + digest + "\n")
    rules = {v for k, v in flat.items() if k.endswith(".rule")}
    assert "sum.breakdown" not in rules


@pytest.mark.parametrize("gap", [",", ",培训支出情况,"])
def test_a_breakdown_without_a_numbered_heading_between_still_fails_its_sum(gap: str) -> None:
    body = f"一、基本情况\n下达专项资金150万元,其中:设备购置100万元{gap}人员培训80万元。\n"
    flat = flat_of(PROJECT + body)
    assert {v for k, v in flat.items() if k.endswith(".rule")} >= {"sum.breakdown"}  # 100 + 80 > 150
