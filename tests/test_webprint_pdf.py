"""Web pages printed to PDF by Chromium (fixtures/make_webprint_pdfs.py): tables drawn with cell
borders read on the ruled path to their gold, as does a table without borders packed tightly
(left-aligned columns a point or two apart); no print gives a wrong value."""

from __future__ import annotations

import json
from pathlib import Path

import pypdfium2 as pdfium
import pytest
from gold import differences, wrong_values

from extractor import extract
from extractor.flat import flatten
from extractor.read import read
from extractor.read.pdf_chars import pdfium_chars

WEBPRINT = Path(__file__).resolve().parent.parent / "fixtures" / "documents" / "webprint"
ALL = sorted(p.stem for p in WEBPRINT.glob("*.pdf"))
WHOLE = (
    "ah-yuan-heritage-fraction-bordered",
    "ah-yuan-heritage-fraction-border1",
    "ah-yuan-heritage-fraction",
    "ah-yuan-heritage-fraction-noborder",
    "gd-road-maintenance-bordered",
    "gd-road-maintenance-border1",
    "gd-road-maintenance",
    "zj-greening-bordered",
    "zj-greening-border1",
    "zj-greening",
    "jx-nanchang-water-transfer",
    "yn-lijiang-satellite-traditional",
)


def _read(name: str) -> tuple[dict, dict]:
    gold = json.loads((WEBPRINT / f"{name}.gold.json").read_text(encoding="utf-8"))
    return gold, flatten(extract(WEBPRINT / f"{name}.pdf"))


@pytest.mark.parametrize("name", WHOLE)
def test_a_printed_page_with_bordered_tables_gives_its_gold(name: str) -> None:
    gold, flat = _read(name)
    differ = differences(flat, gold)
    assert differ == {}


@pytest.mark.parametrize("name", ALL)
def test_no_printed_page_gives_a_wrong_value(name: str) -> None:
    gold, flat = _read(name)
    wrong = wrong_values(flat, gold)
    assert wrong == {}


BORDERED = [("gd-road-maintenance-bordered", "偏差原因分析及改进措施"), ("zj-greening-border1", "自评得分")]


@pytest.mark.parametrize(("name", "header"), BORDERED)
def test_bordered_prints_take_the_ruled_path(name: str, header: str) -> None:
    doc = read(WEBPRINT / f"{name}.pdf")
    assert {t.source for t in doc.tables} == {"pdf-ruling"}
    assert header in {c.text for t in doc.tables for c in t.cells}


def test_a_print_scaled_to_the_page_gives_its_glyphs_drawn_size() -> None:
    """Chromium draws 16-unit text scaled by 0.74: the size is the drawn 11.84 points."""
    pdf = pdfium.PdfDocument(WEBPRINT / "zj-greening.pdf")
    try:
        page = pdf[0]
        chars = list(pdfium_chars(page.get_textpage(), page.get_height(), None))
    finally:
        pdf.close()
    first = chars[0]
    assert first.text == "某" and first.size == pytest.approx(first.x1 - first.x0, abs=0.01)
    assert first.size == pytest.approx(11.84, abs=0.01)


CUT_ROW = (
    "完成六安市六安市罗氏宗祠、李氏宗祠、英布墓日常维护，"
    "指挥部旧址报病虫害防治测绘、国保省保矢量数据测绘、龙盘石刻护栏制装"
)


@pytest.mark.parametrize("name", WHOLE[:4])
def test_a_row_the_browser_broke_over_two_pages_is_one_row_of_the_one_table(name: str) -> None:
    """The first indicator row runs from page 1's foot to page 2 without borders at the break; the
    table's three pages are one grid, the row's halves one cell, the 一级 cell going on below."""
    doc = read(WEBPRINT / f"{name}.pdf")
    assert len(doc.tables) == 1
    table = doc.tables[0]
    cut = [c for c in table.cells if c.text == CUT_ROW]
    assert len(cut) == 2 and cut[0].row == cut[1].row
    level = next(c for c in table.cells if c.text == "产出指标")
    cost = next(c for c in table.cells if c.text == "成本指标")
    assert level.row == cut[0].row and level.last_row >= cost.row


def _texts(table) -> dict[str, tuple[int, int, int, int]]:
    return {c.text: (c.row, c.col, c.rowspan, c.colspan) for c in table.cells if c.text}


def test_a_print_without_borders_reads_its_cells_spanning_columns_as_the_bordered_one() -> None:
    """Every border taken away: the columns are the left edges the cells start at, a text past the
    next edge spans it (裕安区文化和旅游局 over the 二级 and 三级 columns of the indicator rows)."""
    bordered = _texts(read(WEBPRINT / "ah-yuan-heritage-fraction-bordered.pdf").tables[0])
    (table,) = read(WEBPRINT / "ah-yuan-heritage-fraction-noborder.pdf").tables
    cells = _texts(table)
    assert (table.source, table.n_rows, table.n_cols) == ("pdf-layout", 19, 9)
    for text in (
        "主管部门",
        "实施单位",
        "年初预算数",
        "年度资金总额",
        "执行率",
        "0.958",
        "绩效指标",
        "产出指标",
    ):
        assert cells[text] == bordered[text]
    assert cells["裕安区文化和旅游局"] == (1, 5, 1, 3)  # the bordered one spans 4, its text 3
    assert cells["项目资金（万元）"] == (2, 0, 5, 1)
    assert cells["成本指标"] == (17, 2, 1, 1) and cells["项目成本控制在预算内"] == (17, 3, 1, 1)
    assert cells["程度较高"] == (18, 5, 1, 1)
