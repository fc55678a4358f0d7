"""Spaces put back inside OCR boxes (extractor/read/ocr_spaces.py) and OCR'd strict operators
(extractor/fields/ocr_ops.py), on synthetic ink, boxes and reports: no OCR engine is run."""

from __future__ import annotations

from decimal import Decimal

import numpy as np

from extractor.fields import ocr_ops
from extractor.models import Document, Indicator, OcrRun, Report, SourceInfo, Span, Value
from extractor.read.ocr_engine import Box
from extractor.read.ocr_spaces import is_space, space_count, spaced, white_gaps

H = 20  # box height, pixels


def _ink_row(runs: list[tuple[int, int]], width: int) -> np.ndarray:
    """A page of ink (255) H pixels tall: inked columns in each (start, end) run."""
    ink = np.zeros((H, width), dtype=np.uint8)
    for a, b in runs:
        ink[:, a:b] = 255
    return ink


def test_white_gaps_only_between_ink_and_at_least_the_width() -> None:
    columns = [False, True, True, False, True, False, False, False, True, False, False]
    assert white_gaps(columns, 3) == [(5, 8)]
    assert white_gaps(columns, 1) == [
        (3, 4),
        (5, 8),
    ]  # the white before the first ink and after the last is no gap


def test_space_count_follows_the_gap_width() -> None:
    assert [space_count(w * H, H) for w in (0.25, 0.3, 0.5, 1.19)] == [1, 1, 2, 5]


def test_is_space_by_the_characters_beside_the_gap() -> None:
    assert is_space("100%", "2", 0.25) and is_space("率", "%", 0.25)
    assert not is_space("项目", "总成本", 0.25)  # between CJK characters a wider gap is needed
    assert not is_space("规划丶", "测绘", 0.30)  # 丶: how 、 is read
    assert is_space("指标名称", "计量单位", 0.3)
    assert not is_space("≥100", "百分比", 0.3) and not is_space("29.99", "万元", 0.3)  # a figure's unit
    assert not is_space("人数 ≥", "120人", 0.23) and is_space("人数 ≥", "120人", 0.5)  # an operator's figure
    assert is_space("10", "10", 0.3) and is_space("90", "万元", 0.5)
    assert not is_space("职责，", "扎实", 0.4) and not is_space("3", "、预", 0.3)


def _box(text: str, x1: float, centres: list[float]) -> Box:
    box = Box(text, 0.99, 0, 0, x1, H)
    box.centres = tuple((x, H / 2) for x in centres)
    return box


def test_spaced_puts_back_the_gaps_of_a_glued_row() -> None:
    """'指标 100%  2 2': inked words with white gaps of 0.3, 0.5 and 0.3 box heights; the
    recognizer's character centres tell which characters stand either side of each gap."""
    ink = _ink_row([(0, 40), (46, 86), (96, 106), (112, 122)], 130)
    box = _box("指标100%22", 122, [10, 30, 50, 60, 70, 80, 101, 117])
    (out,) = spaced([box], ink)
    assert out.text == "指标 100%  2 2"
    assert (out.x0, out.x1, out.confidence) == (0, 122, 0.99)


def test_spaced_keeps_a_characters_own_white_and_a_box_without_centres() -> None:
    ink = _ink_row([(0, 8), (14, 20), (24, 44)], 50)  # 儿 drawn as two strokes, then 童
    (child,) = spaced([_box("儿童", 44, [10, 34])], ink)  # 儿's centre stands in the white
    assert child.text == "儿童"
    glued = Box("指标100%22", 0.99, 0, 0, 122, H)  # no character positions: left as read
    (out,) = spaced([glued], _ink_row([(0, 40), (46, 86), (96, 106), (112, 122)], 130))
    assert out.text == "指标100%22"


def test_cjk_space_needs_more_white_beside_a_narrow_glyph_or_a_longer_step() -> None:
    assert is_space("计量单位", "指标", 0.26)
    assert not is_space("基础和", "日常", 0.26) and not is_space("项目", "支出", 0.30)  # 目 日: narrow
    assert is_space("项目", "支出", 0.34)
    assert is_space("训次数", "次", 0.25, step=1.46) and not is_space("训次数", "次", 0.25, step=1.0)


def _report(op: str, target: str, actual: str | None, weight: str, score: str) -> Report:
    span = Span(page=1, line=1, start=10, end=11, text=op)
    ind = Indicator(
        target_op=Value(value={">": ">", "<": "<"}[op], raw=op, span=span),
        target=Value(value=Decimal(target)),
        actual=Value(value=Decimal(actual)) if actual is not None else None,
        weight=Value(value=Decimal(weight)),
        score=Value(value=Decimal(score)),
    )
    return Report(source=SourceInfo(path="scan.pdf", format="pdf"), indicators=[ind])


def _doc(ocr: bool) -> Document:
    runs = [OcrRun(start=5, end=20, confidence=0.95, page=1)] if ocr else []
    return Document(path="scan.pdf", format="pdf", text="x" * 30, page_starts=[0], ocr_runs=runs)


def test_ocr_strict_operator_settled_by_the_indicators_figures() -> None:
    met = _report(">", "90", "90", "10", "10")
    ocr_ops.settle(met, _doc(ocr=True))
    assert met.indicators[0].target_op.value == ">="  # met exactly with full marks: not strict
    below = _report("<", "5", "5", "10", "10")
    ocr_ops.settle(below, _doc(ocr=True))
    assert below.indicators[0].target_op.value == "<="
    for unknown in (_report(">", "90", "95", "10", "10"), _report(">", "90", "90", "10", "8")):
        ocr_ops.settle(unknown, _doc(ocr=True))
        assert unknown.indicators[0].target_op is None  # nothing tells > from ≥: left out
    no_actual = _report(">", "90", None, "10", "10")
    ocr_ops.settle(no_actual, _doc(ocr=True))
    assert no_actual.indicators[0].target_op is None


def test_text_layer_operator_is_never_touched() -> None:
    report = _report(">", "90", "95", "10", "10")
    ocr_ops.settle(report, _doc(ocr=False))
    assert report.indicators[0].target_op.value == ">"


def test_a_gap_that_does_not_tell_leaves_the_figures_of_its_page_as_read() -> None:
    """'2 2' drawn with a gap of 0.18 box heights (a glyph's own white reaches 0.15, a space 0.25):
    no telling; that row, and every other box with a figure on the page, stays as read (a table
    half spaced would put figures under the wrong columns); a box without figures keeps its spaces."""
    assert is_space("2", "2", 0.18) is None and is_space("合计", "90", 0.23) is None
    assert is_space("2", "2", 0.12) is False and is_space("指标", "90%", 0.2) is False
    doubtful = _box("100%22", 122, [5, 15, 25, 40, 101, 117])
    ink = np.zeros((3 * H, 130), dtype=np.uint8)
    ink[:H] = _ink_row([(0, 50), (56, 106), (110, 122)], 130)  # 100%: 0.3; 2|2: 0.2
    clear = Box("指标100%", 0.99, 0, H, 86, 2 * H)
    clear.centres = ((10, 30), (30, 30), (50, 30), (60, 30), (70, 30), (80, 30))
    ink[H : 2 * H] = _ink_row([(0, 40), (46, 86)], 130)
    prose = Box("计量单位指标性质", 0.99, 0, 2 * H, 90, 3 * H)
    prose.centres = tuple((x, 50) for x in (5, 15, 25, 35, 55, 65, 75, 85))
    ink[2 * H :] = _ink_row([(0, 40), (46, 90)], 130)
    out = spaced([doubtful, clear, prose], ink)
    assert [b.text for b in out] == ["100%22", "指标100%", "计量单位 指标性质"]
    assert spaced([clear], ink)[0].text == "指标 100%"  # alone on its page it is spaced
