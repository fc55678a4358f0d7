"""Scans of ruled tables (fixtures/make_scans.py --ruled: PDFs of the calcprint and webprint sets,
degraded as make_scans does), read to their gold by OCR; and the mechanisms they need, on
synthetic masks and boxes.

p03x: a bold title's strokes are as tall as vertical rules; taken as rules they moved the real
ones off their ink and ran the cells of the rows below together (extractor/read/ocr_rules.py).
hlj-daoli: rows hardly taller than their text, whose glyph strokes span a row as rules do (a
rule is inked up to the rules above and below it), and a heading under the table touching its
last rule (not a row of it). ah-yuan: rows cut by the page's end (no rule under them) and, on
the next page, first columns with no horizontal rule across them (their rules apart from the
table's frame). gd-road: boxes the detector ran over a rule into the next cell
(extractor/read/ocr_cells.py). Each scan is OCRed once (10-30 s)."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import numpy as np
import pytest
from gold import load_gold, wrong_values

from extractor import extract
from extractor.flat import flatten
from extractor.read import ocr_cells, ocr_rules
from extractor.read.ocr_engine import Box, corrected

ROOT = Path(__file__).resolve().parent.parent
RULED = ROOT / "fixtures" / "documents" / "scanned-ruled"
# OCR cannot tell a half-width bracket or stop from a full-width one
FOLD = str.maketrans("（），：；", "(),:;")
# Gold values read wrong, with why (each must stay as listed: a new wrong value fails).
KNOWN_WRONG = {
    # 缮 dropped inside a box read with confidence 1.00 (缮建筑 -> 建筑), and read 鳝 once
    "ah-yuan-heritage-fraction-bordered": {"indicators.1.name", "indicators.2.name", "indicators.3.name"},
    # the ≥ of ≥120公里 stands against the cell's left rule: the recognizer drops it (confidence
    # 1.00), and the mapper reads the bare target as '='
    "gd-road-maintenance-bordered": {"indicators.1.target_op"},
    "p03x-ruled": set(),
    "hlj-daoli-seedlings-header": set(),
}
# Gold values not read: the cell's 0 read as 'b' (confidence 0.35)
KNOWN_MISSING = {"gd-road-maintenance-bordered": {"budget.funds.carryover.executed"}}
# Values read beyond the gold, as from the text-layer PDF too: the unit of the actual 100%
KNOWN_STRAY = {"ah-yuan-heritage-fraction-bordered": ["indicators.8.unit"]}


def _folded(value: object) -> object:
    return value.translate(FOLD) if isinstance(value, str) else value


@pytest.fixture(scope="module", params=sorted(KNOWN_WRONG))
def read(request: pytest.FixtureRequest) -> tuple[str, dict, dict]:
    """The scan's name, its gold and its flat view (brackets folded in both)."""
    name = request.param
    flat = flatten(extract(RULED / f"{name}-scan.pdf"))
    gold = load_gold(RULED / f"{name}-scan.gold.json")
    return name, {k: _folded(v) for k, v in gold.items()}, {k: _folded(v) for k, v in flat.items()}


def test_ruled_scan_reads_its_gold(read: tuple[str, dict, dict]) -> None:
    name, gold, flat = read
    wrong = wrong_values(flat, gold)
    assert set(wrong) == KNOWN_WRONG[name], wrong
    missing = {k for k in gold if k not in flat}
    assert missing == KNOWN_MISSING.get(name, set())
    stray = [k for k in flat if k.startswith("indicators.") and k not in gold]
    assert stray == KNOWN_STRAY.get(name, []), stray


def test_ruled_scan_values(read: tuple[str, dict, dict]) -> None:
    name, _, flat = read
    if name == "p03x-ruled":  # 全年执行数 | 分值 told apart under the title
        assert flat["budget.executed"] == Decimal(450000) and flat["indicators.1.weight"] == Decimal("12.5")
        assert flat["indicators.5.level1"] == "效益指标"  # 效益指标(30分）: no bracket added
    elif name == "hlj-daoli-seedlings-header":  # rows hardly taller than their text: glyphs no rules
        assert flat["report.project_name"] == "2023年农作物良种补贴项目"
        assert flat["budget.executed"] == Decimal(6115200) and flat["report.filled_on"] == "2024-03-15"
    elif name == "ah-yuan-heritage-fraction-bordered":  # the row cut by the page's end, joined
        assert flat["indicators.1.target"].endswith("龙盘石刻护栏制装")
        assert flat["indicators.4.name"] == "验收通过率"
    else:
        assert flat["indicators.5.name"] == "群众出行便利度" and flat["indicators.5.target"] == "明显提升"


def _mask(h: int, w: int, strokes: list[tuple[int, int, int]]) -> np.ndarray:
    """A vertical-stroke mask with (x, top, bottom) strokes 3 pixels wide."""
    mask = np.zeros((h, w), dtype=np.uint8)
    for x, top, bottom in strokes:
        mask[top : bottom + 1, x - 1 : x + 2] = 255
    return mask


def test_glyph_strokes_are_not_rules() -> None:
    ys = [10, 60, 100, 140]  # rows 10-60 (title), 60-100, 100-140
    mask = _mask(150, 200, [(20, 8, 142), (90, 20, 48), (120, 58, 102), (150, 68, 92)])
    kept = ocr_rules.drawn_between_rules(mask, ys, (0, 0, 200, 150))
    assert kept[:, 20].any() and kept[:, 120].any()  # rules: over a whole row or more
    assert not kept[:, 90].any() and not kept[:, 150].any()  # a title stroke, a stroke inside a cell


def test_a_stroke_over_one_row_is_a_rule_only_if_inked_to_both_rules() -> None:
    ys = [10, 38, 66]  # rows 28 pixels tall, as single lines of 10.5 pt text at 150 dpi
    mask = _mask(80, 200, [(20, 8, 68), (60, 11, 37), (90, 13, 36)])  # dilated strokes
    ink = np.zeros((80, 200), dtype=np.uint8)
    ink[9:40, 59:62] = 255  # the rule over row 10-38: inked through both rules
    ink[15:34, 89:92] = 255  # a glyph's stroke: clear of the rules by 5 pixels
    ink[[10, 38, 66], :] = 255  # the horizontal rules
    kept = ocr_rules.drawn_between_rules(mask, ys, (0, 0, 200, 80), ink)
    assert kept[:, 20].any() and kept[:, 60].any() and not kept[:, 90].any()
    assert ocr_rules.drawn_between_rules(mask, ys, (0, 0, 200, 80))[:, 90].any()  # no ink: as drawn
    assert ocr_rules.rules_extent(kept, (0, 0, 200, 80)) == (8, 68)


def test_open_ends_close_rows_cut_by_the_page() -> None:
    assert ocr_rules.open_ends([100, 200], 40, 400) == [40, 100, 200, 400]
    assert ocr_rules.open_ends([100, 200], 98, 203) == [100, 200]


def test_side_rules_widen_the_frame() -> None:
    # frame at x 300-700, y 100-900; lone rules at 100 and 200 (one merged cell each), a short
    # stroke at 250 (not a rule)
    stats = np.array(
        [
            [0, 0, 1000, 1000, 0],
            [300, 100, 400, 800, 0],
            [199, 100, 3, 800, 0],
            [99, 102, 3, 796, 0],
            [250, 400, 3, 100, 0],
        ]
    )
    assert ocr_rules.with_side_rules(stats, 1, 200) == (99, 601)
    assert ocr_rules.with_side_rules(stats[:3], 1, 200) == (199, 501)


def test_box_over_a_rule_is_cut_and_the_repeat_dropped() -> None:
    rules = _mask(100, 400, [(200, 0, 99), (100, 0, 99)])
    run_on = Box("明显提升明显提升", 1.0, 110, 20, 290, 40)
    run_on.centres = tuple((x, 30.0) for x in (120, 140, 160, 180, 220, 240, 260, 280))
    reach = Box("益群众出行", 0.9, 90, 50, 190, 70)
    reach.centres = tuple((x, 60.0) for x in (95, 115, 135, 155, 175))
    beside = Box("社会效益", 1.0, 20, 50, 98, 70)
    pieces = ocr_cells.cut_at_rules([run_on, reach, beside], [100, 200], rules)
    assert sorted((p.text, p.x0) for p in pieces) == [
        ("明显提升", 110.0),
        ("明显提升", 200.0),
        ("社会效益", 20.0),
        ("群众出行", 100.0),
    ]


def test_box_over_a_merged_cell_is_not_cut() -> None:
    rules = _mask(100, 400, [(200, 0, 10)])  # the rule stops above the box: a merged cell
    box = Box("年度资金总额", 1.0, 150, 30, 260, 50)
    assert ocr_cells.cut_at_rules([box], [200], rules) == [box]


def test_mixed_width_brackets_are_closed() -> None:
    assert corrected("效益指标(30分）") == "效益指标(30分）"
    assert corrected("资金（万元") == "资金（万元）" and corrected("a(b)(c") == "a(b)(c)"
