"""A PDF's lines joined into paragraphs: a line set flush right (the signature's date) ends its
paragraph even where it reaches the column's right edge and the next page opens at the left."""

from __future__ import annotations

from extractor.read.pdf_model import Line
from extractor.read.pdf_text import Column, continues

COLUMN = Column(left=90.0, right=505.0, mirror=505.0, indented=True)


def _line(text: str, x0: float, x1: float, top: float) -> Line:
    return Line(text=text, x0=x0, x1=x1, top=top, bottom=top + 16, size=16.0, lead=16.0)


def test_a_date_set_flush_right_ends_its_paragraph_across_the_page() -> None:
    date = _line("2024年3月20日", 395.0, 505.0, 720.0)
    annex = _line("附件", 90.0, 122.0, 72.0)
    assert not continues(date, annex, True, COLUMN)


def test_a_full_line_from_the_left_edge_goes_on_across_the_page() -> None:
    full = _line("一是项目支出执行进度偏慢，部分规划编制经费按合同节点支付，年底", 90.0, 505.0, 720.0)
    rest = _line("前未能全部支付。", 90.0, 218.0, 72.0)
    assert continues(full, rest, True, COLUMN)
