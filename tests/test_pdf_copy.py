"""Text copied out of a PDF viewer (fixtures/make_pdf_copies.py: pdfium's text of committed PDFs):
page numbers and running headers between a sentence's halves, names wrapped after their labels,
pipe rows broken inside a cell, narrow borderless cells in fragments. No value read is wrong."""

from __future__ import annotations

from pathlib import Path

import pytest
from gold import load_gold, wrong_values

from extractor import extract
from extractor.flat import flatten

PDFCOPY = Path(__file__).resolve().parent.parent / "fixtures" / "documents" / "pdfcopy"
NAMES = sorted(p.stem for p in PDFCOPY.glob("*.txt"))


def _flat(name: str) -> dict:
    return flatten(extract(PDFCOPY / f"{name}.txt"))


@pytest.mark.parametrize("name", NAMES)
def test_a_copied_pdf_text_reads_no_wrong_value(name: str) -> None:
    assert wrong_values(_flat(name), load_gold(PDFCOPY / f"{name}.gold.json")) == {}


def test_page_breaks_and_wrapped_names_leave_the_prose_whole() -> None:
    flat = _flat("xj-street-2024")
    assert flat["report.unit_name"] == "乌鲁木齐高新技术产业开发区(乌鲁木齐市新市区)石油新村片区管理委员会"
    assert flat["org.offices"][2] == "综合执法办公室"  # '综合执' / running header / '- 2 -' / '法办公室'
    assert flat["budget.fiscal.annual"] == 43441800  # '全年预算数为' / header / '- 3 -' / '4344.18 万元'


def test_a_pipe_row_broken_inside_a_cell_is_one_row() -> None:
    flat = _flat("b06")
    assert (flat["indicators.1.name"], flat["indicators.1.target"]) == ("学生受资助人数", 735)
    assert set(load_gold(PDFCOPY / "b06.gold.json")) - set(flat) == set()


def test_rows_of_cells_in_fragments_are_not_read() -> None:
    """'产出指' / '标（50' / '分）', '养护里' / '程': a name cut like that cannot be told from two
    cells, so no indicator is read; the form's key values cut at their wrap ('项目名' / '称' /
    '乡村道' / '路养护') are left out, and the title states them whole."""
    flat = _flat("gd-road-maintenance")
    assert not any(k.startswith("indicators.") for k in flat)
    assert (flat["report.project_name"], flat["report.unit_name"]) == ("乡村道路养护", "某县公路事务中心")
    assert flat["report.project_name"] != "称"
