"""Scans of reports whose tables were saved without their grid (fixtures/make_scans.py --borderless:
dev corpus reports rendered as PDF, one page each), read to their gold by OCR.

b05's rows come back glued and its ≥ read as > three times: nothing may be wrong, an uncertain
operator is left out (extractor/fields/ocr_ops.py). a06's table rows are set so tight in this
rendering that a space ('2 2') leaves hardly more white than a glyph does: the gaps do not tell,
so the rows stay glued as read (extractor/read/ocr_spaces.py), and they are read by their columns'
types (extractor/fields/stream/typed.py: 得分系数 x 权重 = 得分 tells the glued '22' apart) as far as
the readings agree. Nothing is read from a scan that the report's text does not give. The same
spaces mechanism's positive case: the table of fixtures/make_lineless.py drawn as lines of words.
Each scan is OCRed once (about 10-15 s)."""

from __future__ import annotations

import importlib.util
import json
from decimal import Decimal
from pathlib import Path

import pytest

from extractor import extract
from extractor.flat import flatten
from extractor.read import read as read_file
from extractor.read.ocr_boxgrid import find_box_grids
from extractor.read.ocr_engine import Box

ROOT = Path(__file__).resolve().parent.parent
SCANNED = ROOT / "fixtures" / "documents" / "scanned"
FOLD = str.maketrans("（）", "()")  # OCR cannot tell a half-width bracket from a full-width one


def _folded(value: object) -> object:
    return value.translate(FOLD) if isinstance(value, str) else value


@pytest.fixture(scope="module", params=["a06", "b05"])
def read(request: pytest.FixtureRequest) -> tuple[str, dict, dict]:
    name = request.param
    gold = json.loads((SCANNED / f"{name}-scan.gold.json").read_text(encoding="utf-8"), parse_float=Decimal)
    return name, gold, flatten(extract(SCANNED / f"{name}-scan.pdf"))


def _text_reading(name: str) -> dict:
    return flatten(extract(ROOT / "fixtures" / "corpus" / f"{name}.txt"))


def test_borderless_scan_has_no_wrong_value(read: tuple[str, dict, dict]) -> None:
    name, gold, flat = read
    wrong = {k: (v, flat[k]) for k, v in gold.items() if k in flat and _folded(flat[k]) != _folded(v)}
    assert not wrong, wrong
    text = _text_reading(name)  # what the gold leaves out (a bare target's '='), as the text reads it
    stray = [k for k in flat if k.startswith("indicators.") and k not in gold and text.get(k) != flat[k]]
    assert not stray, stray
    right = {k for k, v in gold.items() if k in flat and _folded(flat[k]) == _folded(v)}
    if name == "b05":
        assert set(gold) - right == {f"indicators.{i}.target_op" for i in (5, 7, 9)}  # '>' for ≥: left out
        assert flat["indicators.4.target_op"] == ">=" and flat["indicators.5.target"] == Decimal(90)
        assert flat["indicators.7.target"] == Decimal(1000) and flat["indicators.9.weight"] == Decimal(10)
    else:
        head = {"report.kind", "report.fiscal_year", "evaluation.total_score", "budget.execution_rate"}
        assert head <= right
        assert {f"indicators.{n}.{k}" for n in range(1, 12) for k in ("name", "weight", "score")} <= right
        assert (flat["indicators.9.actual"], flat["indicators.11.weight"]) == (Decimal("72.74"), Decimal(5))
        assert flat["evaluation.total_score"] == Decimal("97.6")


def test_rows_saved_without_their_grid_are_read_as_their_table(tmp_path: Path) -> None:
    """The indicator table of fixtures/make_lineless.py drawn as lines of words, one space between
    cells, scanned: the spaces the recognizer drops are put back from the ink, so each figure
    stands apart (not '2020' for 20 and 20) and the rows are recovered as the table's grid."""
    spec = importlib.util.spec_from_file_location("make_lineless", ROOT / "fixtures" / "make_lineless.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    doc = read_file(module.flattened(tmp_path))
    rows = [list(r) for r in module.ROWS]
    assert [line.split() for line in doc.text.splitlines() if line.strip()] == rows
    (table,) = doc.tables
    assert table.source == "text"
    assert [[c.text for c in table.cells if c.row == r and c.text] for r in range(len(rows))] == rows


def test_a_box_beside_the_last_column_joins_it() -> None:
    """A box of one line reaching past the column most lines end at (its centre in a gap the
    other lines leave open) is of the nearest column, not a crash."""
    rows = [[(0, 40), (100, 140), (200, 240)]] * 4 + [[(0, 40), (100, 140), (250, 290)]]
    boxes = [
        Box("甲", 1.0, x0, 30.0 * r, x1, 30.0 * r + 20)
        for r, row in enumerate(rows)
        for c, (x0, x1) in enumerate(row)
    ]
    [(grid, members, cut_from)] = find_box_grids(boxes)
    assert len(grid.xs) == 4 and len(grid.ys) == 6
    assert len(members) == len(cut_from) == 15
