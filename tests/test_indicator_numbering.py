"""Indicator rows of a grid keep their numbers: a row written like an indicator row that cannot be
read makes the rows after it unnumberable, so none of the table's rows is kept (a wrong number is a
wrong value for every field of the row)."""

from __future__ import annotations

from decimal import Decimal

from extractor.fields.mapper import read_tables
from extractor.normalize import as_written
from extractor.read.text import text_document

HEADER = "一级指标 | 二级指标 | 三级指标 | 年度指标值 | 实际完成值 | 分值 | 得分 |"
GOOD = "产出指标 | 数量指标 | 建设高标准农田 | ≥500亩 | 520亩 | 20 | 20 |"
SECOND = "产出指标 | 质量指标 | 验收合格率 | 100% | 100% | 20 | 20 |"
TASKS = "产出指标 | 时效指标 | 完成建设;完成验收 | 完成 | 完成 | 10 | 10 |"  # tasks cut by semicolons
UNREAD = "产出指标 | 数量指标 | / | ≥500亩 | 520亩 | 20 | 20 |"  # its name cell names nothing


def _grid_rows(*rows: str) -> list[tuple[str, Decimal | None]]:
    doc = text_document("t.txt", "项目支出绩效自评表\n" + "\n".join([HEADER, *rows]) + "\n")
    result = read_tables(doc.tables, as_written(doc))
    return [(i.name.value, i.weight.value if i.weight else None) for i in result.indicators]


def test_rows_read_in_order_are_numbered_in_order():
    assert _grid_rows(GOOD, SECOND) == [("建设高标准农田", Decimal("20")), ("验收合格率", Decimal("20"))]


def test_a_name_listing_tasks_cut_by_semicolons_is_a_name():
    assert _grid_rows(GOOD, TASKS)[1] == ("完成建设;完成验收", Decimal("10"))


def test_an_unread_row_before_read_ones_leaves_the_table_unnumbered():
    assert _grid_rows(GOOD, UNREAD, SECOND) == []


def test_an_unread_row_after_the_read_ones_keeps_their_numbers():
    assert _grid_rows(GOOD, SECOND, UNREAD) == [
        ("建设高标准农田", Decimal("20")),
        ("验收合格率", Decimal("20")),
    ]


def test_a_target_in_a_bare_magnitude_takes_the_unit_the_actual_spells_out():
    doc = text_document(
        "t.txt",
        "项目支出绩效自评表\n"
        + HEADER
        + "\n产出指标 | 成本指标 | 宣传片制作费 | 200万 | 195.5万元 | 10 | 10 |\n",
    )
    (ind,) = read_tables(doc.tables, as_written(doc)).indicators
    assert (ind.target.value, ind.actual.value, ind.unit.value) == (Decimal("200"), Decimal("195.5"), "万元")
    assert ind.unit.span.text == "万元"
