"""Word reports exported to PDF by LibreOffice (fixtures/make_libreoffice_pdfs.py) read as their
gold says: spaces drawn as gaps, a table continued on fewer column edges, a row cut by the page
break, figures spanning two grid columns, separators lost where a flattened table wrapped."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from gold import differences

from extractor import extract
from extractor.flat import flatten
from extractor.read import read

DOCS = Path(__file__).resolve().parent.parent / "fixtures" / "documents"
GOLD = {
    "proj-nutrition-2022": DOCS / "proj-nutrition-2022.gold.json",
    "a06": DOCS / "corpus" / "a06.gold.json",
    "b01": DOCS / "corpus" / "b01.gold.json",
}


@pytest.mark.parametrize("name", sorted(GOLD))
def test_libreoffice_pdf_gives_the_gold_values(name: str) -> None:
    gold = json.loads(GOLD[name].read_text(encoding="utf-8"))
    flat = flatten(extract(DOCS / "libreoffice" / f"{name}.pdf"))
    differ = differences(flat, gold)
    assert differ == {}


def test_the_continued_table_is_one_grid_with_its_cut_row_whole() -> None:
    doc = read(DOCS / "libreoffice" / "proj-nutrition-2022.pdf")
    assert len(doc.tables) == 1
    names = [c.text for c in doc.tables[0].cells if c.text.endswith("人数")]
    assert names == ["学生受资助人数"]
    assert {c.page for c in doc.tables[0].cells} == {1, 2, 3}
