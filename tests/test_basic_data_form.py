"""A 部门整体 basic-data form as a PDF's text gives it (湖南 附件3 基础数据表 and 评价指标表): a blank slot
before another label ('填报单位: 单位:万元 …') has no value; a table row read as a heading
('2、运行维护专项 公用经费 其中:办公经费 14.44') names no subject for the figures after its line;
a score glued to the name after it ('16预算配置') is no indicator's name."""

from __future__ import annotations

import pytest
from test_prose_unseen import flat_of

from extractor.fields.stream.pieces import Piece, _name_cell

TITLE = "2018年度部门整体支出绩效自评报告\n"


def test_a_blank_slot_before_another_label_has_no_value() -> None:
    flat = flat_of(
        TITLE + "附件3: 部门整体支出绩效评价基础数据表 填报单位: 单位:万元 财政供养人员情况 编制数\n"
    )
    assert "report.unit_name" not in flat


def test_a_table_row_read_as_a_heading_names_no_subject_past_its_line() -> None:
    body = (
        "一、基本情况\n1、公务接待 17.22\n\n22 4.99 项目支出:\n\n"
        "2、运行维护专项 公用经费 其中:办公经费 14.44\n\n"
        "10 0.68 水费、电费、差旅费 17.92 7.50. 25.36 会议费、培训费\n\n0 0.8\n\n"
        "0 政府采购金额 16.14 30.66 30.66 部门整体支出预算调整 1922.76 2690.62\n\n"
        "8 100%计满分,每低于5%扣2分,扣完为止. 年初结余未19.8万元;\n\n"
        "预算1922.76万元,本年追加预算767.86万元;\n"
    )
    flat = flat_of(TITLE + body)
    assert "budget.basic.public" not in flat
    assert flat["budget.adjustment"] == 7678600


@pytest.mark.parametrize(
    ("text", "name"),
    [("58预算执行", False), ("16在职人员控制率", False), ("3个乡镇覆盖率", True), ("12345热线满意度", True)],
)
def test_a_score_glued_to_a_name_is_no_name(text: str, name: bool) -> None:
    assert _name_cell(Piece(0, len(text), text, 0)) is name
