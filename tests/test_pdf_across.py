"""A sheet printed over pages across joined side by side (extractor/read/pdf_across.py), on
synthetic strips and on LibreOffice Calc prints (fixtures/make_calc_pdfs.py)."""

from __future__ import annotations

from pathlib import Path

from extractor.read import read
from extractor.read.pdf_across import Strip, join_strips, shift_onto
from extractor.read.pdf_model import Char

CALC = Path(__file__).resolve().parent.parent / "fixtures" / "documents" / "calcprint"
SIZE = 11.0
SHIFT = 477.8  # the first strip's print area, columns A–F


def _text(text: str, x: float, top: float) -> list[Char]:
    return [Char(ch, x + i * SIZE, x + (i + 1) * SIZE, top, top + SIZE, SIZE) for i, ch in enumerate(text)]


def _strips(title_on_second: bool = True, second_top: float = 74.4) -> tuple[Strip, Strip]:
    first = Strip(_text("项目支出绩效自评表", 55, 74.4) + _text("分值", 413, 239.4), [])
    hidden = _text("项目支出绩效自评表", 55 - SHIFT, second_top) if title_on_second else []
    second = Strip(_text("得分", 55, 239.4) + _text("3.85", 81, 255.0), hidden)
    return first, second


def test_the_text_run_over_the_cut_gives_the_shift() -> None:
    first, second = _strips()
    assert abs(shift_onto(first, second) - SHIFT) < 0.5


def test_no_hidden_text_at_the_same_height_no_join() -> None:
    first, second = _strips(title_on_second=False)
    assert shift_onto(first, second) is None
    first, second = _strips(second_top=90.0)  # the same words on another row: no proof
    assert shift_onto(first, second) is None


def test_a_strip_joins_the_page_it_continues_and_a_third_goes_on_after_it() -> None:
    first, second = _strips()
    third = Strip(
        _text("备注", 55, 239.4),
        _text("项目支出绩效自评表", 55 - 2 * SHIFT, 74.4) + _text("得分", 55 - SHIFT, 239.4),
    )
    groups = join_strips([first, second, third])
    assert groups == {0: [1, 2]}
    assert abs(second.offset - SHIFT) < 0.5 and abs(third.offset - 2 * SHIFT) < 1.0


def test_a_page_proven_to_continue_two_places_stays_apart() -> None:
    first, second = _strips()
    other = Strip(_text("项目支出绩效自评表", 100, 74.4), [])  # the same title at another place
    third = Strip(_text("备注", 55, 239.4), _text("项目支出绩效自评表", 55 - SHIFT, 74.4))
    assert join_strips([first, other, third]) == {}


def test_a_sheet_printed_over_two_pages_reads_as_one() -> None:
    """hi-nongken-plain: columns A–E on page 1, F–J on page 2, K on page 3; each indicator's row
    reads whole (its 分值, 得分 and 未完成原因分析 beside its name), under the header's columns."""
    doc = read(CALC / "hi-nongken-plain.pdf")
    assert doc.text.count("\n", doc.page_starts[1]) == 1  # pages 2 and 3 joined onto page 1: empty
    rows = [row.split("\t") for row in doc.text.splitlines()]
    header = (
        "一级指标 二级指标 三级指标 指标性质 年度指标值 度量单位 实际完成值 完成率 分值 得分 未完成原因分析"
    )
    head = rows.index(header.split())
    assert rows[head + 1] == [
        "产出指标", "数量指标", "资助困难教师及学生", "", "52", "", "10", "19.23%", "20.00", "3.85",
        "滋慧计划由中央直接拨付到个人银行账户。",
    ]  # fmt: skip
    assert rows[head + 3][3:7] == ["", "95", "%", "100"]  # 95 and % in their own columns, 1.49 pt apart
