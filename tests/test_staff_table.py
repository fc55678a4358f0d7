"""Staff figures under their column labels in a form's grid (a 基础数据表: 编制数 | 实际在职人数 |
控制率 over 46 | 50 | 108.70%), read by the staff labels of patterns/fields.toml; and posts (编制)
above the people (实有) are no sum.staff inconsistency."""

from __future__ import annotations

from decimal import Decimal

from extractor import extract
from extractor.fields.narrative import staff_key
from extractor.flat import flatten
from tests.word_forms import word_form


def _basic_data_form(tmp_path, rows: list[list[str]]):
    head = ["2023年度部门整体支出绩效评价基础数据表", "填报单位：某县某镇人民政府"]
    return flatten(extract(word_form(tmp_path / "basic.docx", head, rows)))


def test_staff_under_their_column_labels(tmp_path):
    flat = _basic_data_form(
        tmp_path,
        [["财政供养人员情况（人）", "", ""], ["编制数", "2023年实际在职人数", "控制率"]]
        + [["46", "50", "108.70%"]],
    )
    assert (flat["staff.authorized"], flat["staff.on_duty"]) == (Decimal("46"), Decimal("50"))


def test_one_staff_label_is_no_staff_header(tmp_path):
    flat = _basic_data_form(
        tmp_path, [["人员情况", "", ""], ["编制数", "控制率", "经费"], ["46", "108.70%", "12.5"]]
    )
    assert "staff.authorized" not in flat  # one staff label alone: the row is no header of staff


def test_staff_key_of_a_label():
    assert staff_key("2023 年实际在职人数") == "staff.on_duty"
    assert staff_key("编制数") == "staff.authorized"
    assert staff_key("在职人员经费") is None and staff_key("控制率") is None


def test_posts_above_the_people_are_no_inconsistency():
    from tests.test_prose_unseen import flat_of

    text = (
        "中共某县委办公室2023年度部门整体支出绩效自评报告\n一、部门概况\n"
        "截至2023年12月31日,中共某县委办公室机关行政编制39名,事业编制5名。\n"
        "截至2023年12月31日,中共某县委办公室在职实有32人,其中:财政全额保障32人。\n"
    )
    flat = flat_of(text)
    assert (flat["staff.administrative"], flat["staff.institutional"], flat["staff.actual"]) == (39, 5, 32)
    assert "sum.staff" not in [v for k, v in flat.items() if k.endswith(".rule")]  # posts left vacant
