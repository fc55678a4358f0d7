"""The PDF reader's shortcuts give what the plain computations give (tables, characters, order)."""

from __future__ import annotations

import random
from pathlib import Path

import pdfplumber
import pytest

from extractor.read import pdf as reader
from extractor.read.pdf_model import Char
from extractor.read.pdf_ruled import TABLE_SETTINGS, _ByHeight, _Indexed, _inside, plumber_dedupe

ROOT = Path(__file__).resolve().parents[1]
TABLE_PDFS = [
    ROOT / "fixtures/documents/proj-nutrition-2022.pdf",
    ROOT / "fixtures/documents/proj-entrusted-2022.pdf",
]


@pytest.mark.parametrize("path", TABLE_PDFS, ids=lambda p: p.stem)
def test_tables_found_before_dedupe_and_plumbers_deduped_characters(path: Path):
    with pdfplumber.open(path) as pdf:
        table_pages = 0
        for page in pdf.pages:
            deduped = page.dedupe_chars()
            before = [t.cells for t in page.find_tables(TABLE_SETTINGS)]
            assert before == [t.cells for t in deduped.find_tables(TABLE_SETTINGS)]
            assert plumber_dedupe(page.chars) == deduped.chars
            table_pages += bool(before)
    assert table_pages >= 1


def test_indexed_finds_the_first_equal_character_as_list_index_does():
    a = {"text": "a", "x0": 1.0, "doctop": 2.0, "size": 9}
    twin = dict(a)
    other = {"text": "a", "x0": 1.0, "doctop": 2.0, "size": 10}
    chars = [other, a, twin, {"text": "b", "x0": 1.0, "doctop": 2.0}]
    indexed = _Indexed(chars)
    assert [indexed.index(c) for c in chars] == [chars.index(c) for c in chars] == [0, 1, 1, 3]
    with pytest.raises(ValueError):
        indexed.index({"text": "z", "x0": 0, "doctop": 0})


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


def test_a_table_page_is_read_from_pdfplumber_alone(monkeypatch):
    """On a page whose tables pdfplumber reads, pdfium's characters stop at the first one."""
    taken: list[int] = []  # characters taken from pdfium, page by page
    real = reader.pdfium_chars

    def counting(textpage, height, hidden):
        taken.append(0)
        for ch in real(textpage, height, hidden):
            taken[-1] += 1
            yield ch

    monkeypatch.setattr(reader, "pdfium_chars", counting)
    path = TABLE_PDFS[1]
    doc = reader.read_pdf(str(path), path.read_bytes())
    table_pages = {c.page for t in doc.tables for c in t.cells}
    assert table_pages and len(table_pages) < len(taken)
    assert [n for i, n in enumerate(taken, 1) if i in table_pages] == [1] * len(table_pages)
    assert all(n > 100 for i, n in enumerate(taken, 1) if i not in table_pages)


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


LEAN_PDFS = [*TABLE_PDFS, ROOT / "fixtures/documents/webprint/zj-greening-bordered.pdf"]


@pytest.mark.parametrize("path", LEAN_PDFS, ids=lambda p: p.stem)
def test_lean_objects_are_plumbers_objects_with_fewer_keys(path: Path):
    from extractor.read.pdf_plumbed import lean_objects

    with pdfplumber.open(path) as full, pdfplumber.open(path) as lean:
        for page, other in zip(full.pages, lean.pages, strict=True):
            objects, mine = page.objects, lean_objects(other)
            assert set(mine) == set(objects) & {"char", "rect", "line", "curve"}
            for kind, found in mine.items():
                assert [{k: o[k] for k in m} for m, o in zip(found, objects[kind], strict=True)] == found
            used = {"text", "x0", "top", "bottom", "doctop", "size", "upright", "fontname"}
            assert used <= set(mine["char"][0])
            other._objects = mine
            assert [t.cells for t in other.find_tables(TABLE_SETTINGS)] == [
                t.cells for t in page.find_tables(TABLE_SETTINGS)
            ]
            assert plumber_dedupe(other.chars) == [
                {k: c[k] for k in mine["char"][0]} for c in plumber_dedupe(page.chars)
            ]
