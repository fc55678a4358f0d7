"""Characters a spreadsheet print clips away or draws over one another (extractor/read/pdf_clip.py),
on synthetic characters and on LibreOffice Calc prints (fixtures/make_calc_pdfs.py)."""

from __future__ import annotations

from pathlib import Path

import pypdfium2 as pdfium
import pytest

from extractor.errors import InputError
from extractor.read import read
from extractor.read.pdf_chars import pdfium_chars
from extractor.read.pdf_clip import spilled
from extractor.read.pdf_model import Char

CALC = Path(__file__).resolve().parent.parent / "fixtures" / "documents" / "calcprint"
SIZE = 11.0


def _text(text: str, x: float, top: float, size: float = SIZE) -> list[Char]:
    return [
        Char(ch, x + i * size, x + (i + 1) * size, top, top + size * 1.1, size) for i, ch in enumerate(text)
    ]


def test_two_cells_drawn_over_one_another_are_a_spilled_print() -> None:
    row = _text("产出指标", 55, 269.4) + _text("困难教师", 175, 269.4)
    spill = _text("帮助困难教", 175, 271.3)  # a wrapped cell of the row below, risen over this one
    assert spilled(row + spill)
    assert not spilled(row + _text("帮助困难教", 175, 284.2))  # a row lower: legible


def test_lines_set_closer_than_their_size_are_legible() -> None:
    """A wrapped title at 0.8 of its size per line: the boxes overlap by a fifth, the glyphs do not."""
    assert not spilled(_text("报表编号", 55, 94.1) + _text("部门预算", 55, 102.9))


def test_a_glyph_next_to_another_without_overlap_is_no_spill() -> None:
    assert not spilled(_text("52", 338.5, 255.0) + _text("10", 338.5 + 2 * SIZE + 0.5, 255.0))


def test_a_calc_print_clips_the_text_cut_by_the_page_edge() -> None:
    """The second strip of a sheet printed across two pages writes the title (in A1, on the
    first strip) again left of its print area; pdfium reports it, the clip hides it."""
    pdf = pdfium.PdfDocument(str(CALC / "hi-nongken-plain.pdf"))
    try:
        page = pdf[1]
        hidden: list[Char] = []
        shown = list(pdfium_chars(page.get_textpage(), page.get_height(), hidden))
    finally:
        pdf.close()
    assert "项目支出绩效自评表" in "".join(c.text for c in hidden)
    assert "项目支出绩效自评表" not in "".join(c.text for c in shown)
    assert min(c.x0 for c in shown) >= 54.0 and max(c.x1 for c in hidden if c.text == "表") < 0


def test_a_spilled_calc_print_is_an_illegible_input() -> None:
    """fixtures/documents/calcprint/hi-nongken-spilled.pdf: the export's 15 pt rows under two and
    three lines of wrapped text, each wrapped cell drawn over the rows above and below: no line
    of it is legible, so it is an input error (exit 3), not a report of kind unknown."""
    with pytest.raises(InputError, match="illegible PDF: its text is drawn over itself"):
        read(CALC / "hi-nongken-spilled.pdf")
