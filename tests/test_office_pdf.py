"""Word reports exported to PDF by LibreOffice (fixtures/make_libreoffice_pdfs.py) read as their
gold says: spaces drawn as gaps, a table continued on fewer column edges, a row cut by the page
break (its figures all above the break, or its label and figures cut too), a row alone on its
page, a table Word split (two ruled tables one under the other), figures spanning two grid
columns, separators lost where a flattened table wrapped."""

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
    **{
        name: DOCS.parent / "probes" / f"{name}.gold.json"
        for name in (
            "jx-zhanggong-split-midblock",
            "hn-hengshan-grain-reserve-unscored",
            "ah-shouxian-overall-scoring-table",
            "shx-luzhou-rural-water-merged-levels",
        )
    },
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


@pytest.mark.parametrize(
    "name",
    [
        "jx-zhanggong-split-midblock",
        "hn-hengshan-grain-reserve-unscored",
        "ah-shouxian-overall-scoring-table",
        "shx-luzhou-rural-water-merged-levels",
    ],
)
def test_a_word_table_broken_by_the_pages_is_one_grid_as_in_the_docx(name: str) -> None:
    pdf = read(DOCS / "libreoffice" / f"{name}.pdf")
    docx = read(DOCS.parent / "probes" / f"{name}.docx")
    assert len(pdf.tables) == len(docx.tables) == 1
    assert pdf.tables[0].n_rows == docx.tables[0].n_rows
    assert len({c.page for c in pdf.tables[0].cells}) >= 2  # one grid over the page breaks
