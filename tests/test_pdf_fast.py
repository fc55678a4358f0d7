"""The PDF reader's shortcuts give what the plain computations give (tables, characters, order)."""

from __future__ import annotations

import random
from pathlib import Path

import pdfplumber
import pytest

from extractor.read import pdf as reader
from extractor.read.pdf_model import Char
from extractor.read.pdf_ruled import TABLE_SETTINGS, Ruling, _ByHeight, _inside

ROOT = Path(__file__).resolve().parents[1]
TABLE_PDFS = [
    ROOT / "fixtures/documents/proj-nutrition-2022.pdf",
    ROOT / "fixtures/documents/proj-entrusted-2022.pdf",
]


EDGE_PDFS = [
    *TABLE_PDFS,
    ROOT / "fixtures/documents/webprint/zj-greening-bordered.pdf",
    ROOT / "fixtures/documents/calcprint/p03x-ruled.pdf",
    ROOT / "fixtures/probes/hlj-daoli-seedlings-header.pdf",
]


def _cells(page_like) -> list[list[tuple[float, ...]]]:
    from pdfplumber.table import TableFinder, TableSettings

    return [sorted(t.cells) for t in TableFinder(page_like, TableSettings.resolve(TABLE_SETTINGS)).tables]


@pytest.mark.parametrize("path", EDGE_PDFS, ids=lambda p: p.stem)
def test_edges_of_pdfiums_path_objects_give_pdfplumbers_tables(path: Path):
    """The table finder on the edges made from pdfium's path objects finds the tables, cell for cell,
    that it finds on pdfplumber's own page (pdfminer's parse), to a quarter point (float32 arithmetic)."""
    import pypdfium2

    from extractor.read.pdf_edges import Path as PathObject
    from extractor.read.pdf_edges import path_edges
    from extractor.read.pdf_objects import page_objects

    pdf = pypdfium2.PdfDocument(path)
    table_pages = 0
    try:
        with pdfplumber.open(path) as plumbed:
            for page, theirs in zip(pdf, plumbed.pages, strict=True):
                objects = page_objects(page)
                paths = [PathObject(h, m) for h, m in zip(objects.paths, objects.outer, strict=True)]
                height = page.get_height()
                mine = _cells(Ruling(path_edges(paths, height), page.get_width(), height))
                expected = _cells(theirs)
                assert [len(t) for t in mine] == [len(t) for t in expected]
                for a, b in zip(mine, expected, strict=True):
                    for box, other in zip(a, b, strict=True):
                        assert box == pytest.approx(other, abs=0.25)
                table_pages += bool(expected)
    finally:
        pdf.close()
    assert table_pages >= 1


def test_a_one_segment_path_is_a_line_and_a_closed_one_a_loop_of_edges():
    from extractor.read.pdf_edges import _curve_edges, _finished, _line_edge

    # pdfplumber's line_to_edge: a line that is not flat is taken as vertical
    assert _line_edge((10.0, 50.0), (90.0, 60.0))["orientation"] == "v"
    assert _line_edge((10.0, 50.0), (90.0, 50.0))["orientation"] == "h"
    square = [(0.0, 0.0), (20.0, 0.0), (20.0, 10.0), (0.0, 10.0), (0.0, 0.0), (0.0, 0.0)]
    points, line = _finished(square, "mllllh")  # the closing 'l' back to the start dropped
    assert not line and len(points) == 5
    edges = _curve_edges(points)
    assert [e["orientation"] for e in edges] == ["h", "v", "h", "v"]
    assert [(e["x0"], e["top"], e["x1"], e["bottom"]) for e in edges][1] == (20.0, 0.0, 20.0, 10.0)
    assert _finished([(0.0, 0.0), (5.0, 5.0)], "ml")[1]


def test_characters_in_a_box_as_the_plain_filter_finds_them():
    rng = random.Random(3)
    chars = []
    for _ in range(400):
        x, y = rng.uniform(0, 500), rng.choice([10.0, 20.0, 20.5, 31.25, 40.0]) + rng.uniform(-3, 3)
        chars.append(Char(rng.choice("的年度预算"), x, x + 9, y, y + rng.choice([8.0, 10.0]), 9.0))
    by_height = _ByHeight(chars)
    for _ in range(200):
        x0, top = rng.uniform(0, 450), rng.uniform(0, 40)
        box = (x0, top, x0 + rng.uniform(1, 200), top + rng.uniform(0, 20))
        assert by_height.inside(box) == [ch for ch in chars if _inside(ch, box)]


def test_a_table_page_is_read_without_pdfminer(monkeypatch):
    """pdfminer never parses a page: its tables come from pdfium's objects."""

    def refuse(*args, **kwargs):
        raise AssertionError("pdfplumber.open called")

    monkeypatch.setattr(pdfplumber, "open", refuse)
    path = TABLE_PDFS[1]
    doc = reader.read_pdf(str(path), path.read_bytes())
    assert doc.tables and any("全年执行数" in c.text for c in doc.tables[0].cells)


@pytest.mark.parametrize(
    "path",
    [*TABLE_PDFS, ROOT / "fixtures/documents/calcprint/p03x-ruled.pdf"],
    ids=lambda p: p.stem,
)
def test_page_objects_are_pypdfium2s_text_and_path_objects_in_order(path: Path):
    import ctypes

    import pypdfium2
    import pypdfium2.raw as c

    from extractor.read.pdf_objects import page_objects

    def address(obj) -> int:
        return ctypes.cast(obj, ctypes.c_void_p).value

    pdf = pypdfium2.PdfDocument(path)
    try:
        counts = []
        for page in pdf:
            found = page_objects(page)
            for kind, listed in ((c.FPDF_PAGEOBJ_TEXT, found.texts), (c.FPDF_PAGEOBJ_PATH, found.paths)):
                plain = [address(o.raw) for o in page.get_objects(filter=[kind])]
                assert [address(o) for o in listed] == plain
            counts.append((len(found.texts), len(found.paths)))
    finally:
        pdf.close()
    assert all(texts > 0 for texts, _ in counts)
    assert any(paths >= 8 for _, paths in counts)  # a page drawing a ruled table
