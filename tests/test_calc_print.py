"""自评表 spreadsheets printed to PDF by LibreOffice Calc (fixtures/make_calc_pdfs.py) read to their
gold: no value read differs from it, and as many are read as stated (the rest missing, never
wrong). Printed without borders or with them, on one page or in strips across pages."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from gold import wrong_values

from extractor import extract
from extractor.flat import flatten

CALC = Path(__file__).resolve().parent.parent / "fixtures" / "documents" / "calcprint"
# name: how many of its gold values are read
FOUND = {
    "hi-nongken-plain": 50,  # three strips joined; report.unit_name (实施单位 mid-line) missing
    "hi-nongken-ruled": 26,  # three strips with borders: each page's grid alone
    "sc-qingshen-plain": 13,  # two strips joined
    "p03x-plain": 57,
    "p03x-ruled": 57,
    "p06x-ruled": 99,
}


@pytest.mark.parametrize(("name", "found"), FOUND.items())
def test_a_calc_print_reads_to_its_gold(name: str, found: int) -> None:
    gold = json.loads((CALC / f"{name}.gold.json").read_text(encoding="utf-8"))
    flat = flatten(extract(CALC / f"{name}.pdf"))
    wrong = wrong_values(flat, gold)
    assert wrong == {}
    assert sum(1 for k in gold if k in flat) == found
