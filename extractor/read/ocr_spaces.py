"""Spaces the recognizer drops inside a box (词间空格): a table row flattened to one line of words
(``财政供养人员控制率 % 定量指标 100%  92%``, a table saved without its grid) comes back from
PP-OCRv4 as one box, its words and figures glued (``100%92%100%22否``: one number, not three).

The white gaps are measured on the page's ink: a box's columns of pixels with no ink (its top
and bottom CORE share left out) form runs; a run at least WORD_GAP box heights wide, inside the
box, is a candidate gap. The recognizer places each character of the box (its column in the
line: ``return_word_box``), so the gap falls between two known characters: the number of
centres left of its middle; a gap with a centre well inside it is a character's own white (儿).
A gap is then a space by the characters beside it (``is_space``): none beside punctuation whose
glyph is half white (，、（: patterns/ocr.toml ``word_gaps``); between two CJK characters
CJK_GAP (more beside a narrow glyph such as 目), or centres CJK_STEP usual steps apart; before a
figure's unit (patterns/units.toml) UNIT_GAP. Each space gap becomes as many spaces as fit in it
(SPACE_WIDTH each, after the glyphs' SIDE_BEARING), so an empty cell between two figures is two
spaces, as the PDF reader writes it. The characters are the recognizer's own; only spaces are added.

Measured on scans of the dev reports as PDFs (fonts-arphic-uming, 150 dpi): one space leaves a
gap of 0.25-0.38 box heights, two 0.47-0.55; the white inside a word stays under 0.24, except
beside narrow glyphs and after figures drawn narrower than their advance (29.99万元: up to 0.30).
"""

from __future__ import annotations

import statistics
from dataclasses import replace

import regex

import patterns
from extractor.script import HAN

WORD_GAP = 0.24  # box heights: a white run this wide between characters may be a space
# Between two CJK characters a space leaves at least CJK_GAP, beside a narrow glyph (patterns/ocr.toml
# word_gaps.narrow: 目 stands in up to 0.30 of white) NARROW_WHITE more; or, narrower, the characters'
# centres (the recognizer's columns, coarse: steps of about a fifth of a character) stand CJK_STEP
# of the box's usual step apart.
CJK_GAP = 0.255
NARROW_WHITE = 0.08
CJK_STEP = 1.3
# Doubt: a gap between CJK_DOUBT (DOUBT_GAP between other characters) and a space's width, whose
# centres stand neither WIDE_STEP (no space) nor CJK_STEP (a space) apart, does not tell; the
# box is then left as read, and so is every box with a figure on its page (a table row whose
# spaces are half put back would place its figures under the wrong columns).
CJK_DOUBT = 0.20
MIXED_DOUBT = 0.22  # a CJK character beside a figure or a Latin letter (合计90万元: 0.20)
DOUBT_GAP = 0.16
WIDE_STEP = 1.1
# A figure's unit (50个, 29.99万元, 100百分比) and an operator's figure (≥ 120) are theirs: a space
# between them only this wide (two spaces).
UNIT_GAP = 0.45
SPACE_WIDTH = 0.22  # box heights taken by one space
SIDE_BEARING = 0.07  # box heights of white the glyphs beside a space leave (a one-space gap is ~0.29)
PITCH_PAIRS = 4  # the usual step is the median of at least this many
INSET = 0.25  # a character's centre this share of a gap's width inside it: the white is the glyph's
CORE = 0.15  # share of the box height at its top and bottom not looked at for ink
_P = patterns.load("ocr")["word_gaps"]
WHITE_AFTER: str = _P["white_after"]
WHITE_BEFORE: str = _P["white_before"]
NARROW: str = _P["narrow"]
_U = patterns.load("units")
UNITS: tuple[str, ...] = tuple({*_U["percent"], *_U["measure"], *_U["amount"], *_U["score"]})
# the comparison signs of patterns/operators.toml (≥, <, ＝ …): the white after one is its figure's
SIGNS = "".join(op for op in patterns.load("operators")["ops"] if len(op) == 1 and not op.isalnum())
FIGURE_END = regex.compile(r"[\d%]$")
FIGURE = regex.compile(r"\d")


def white_gaps(columns: list[bool], min_width: float) -> list[tuple[int, int]]:
    """Runs of columns without ink (start, end exclusive) at least min_width wide, between inked ones."""
    gaps, start = [], None
    seen_ink = False
    for i, inked in enumerate(columns):
        if inked:
            if start is not None and seen_ink and i - start >= min_width:
                gaps.append((start, i))
            start, seen_ink = None, True
        elif start is None:
            start = i
    return gaps


def space_count(width: float, height: float) -> int:
    """How many spaces a white gap of width stands for in a box of height (at least one)."""
    return max(1, round((width - SIDE_BEARING * height) / (SPACE_WIDTH * height)))


def is_space(left: str, right: str, width: float, step: float | None = None) -> bool | None:
    """Whether a white gap ``width`` box heights wide between the texts is a space between words,
    or None when the gap does not tell (between DOUBT_GAP and the width of a space); ``step``: the
    distance between the centres of the characters beside it over the box's usual distance between
    CJK characters' centres (None when not known)."""
    if left[-1] in WHITE_AFTER or right[0] in WHITE_BEFORE + WHITE_AFTER:  # 、 never opens a word
        return False
    if FIGURE_END.search(left) and right.startswith(UNITS) or left[-1] in SIGNS and right[0].isdigit():
        return width >= UNIT_GAP  # a figure's unit, an operator's figure (≥ 120人) are theirs
    cjk_left, cjk_right = bool(HAN.match(left[-1])), bool(HAN.match(right[0]))
    if cjk_left and cjk_right:
        return _cjk_space(left[-1] in NARROW or right[0] in NARROW, width, step)
    if cjk_left and right[0] == "%":  # a percent sign after a word: the unit column (率 %)
        return width >= DOUBT_GAP
    if cjk_left or cjk_right:  # a word beside a figure or Latin letters
        return True if width >= CJK_GAP else None if width >= MIXED_DOUBT else False
    return True if width >= WORD_GAP else None if width >= DOUBT_GAP else False


def _cjk_space(narrow: bool, width: float, step: float | None) -> bool | None:
    if width >= CJK_GAP + (NARROW_WHITE if narrow else 0.0):
        return True
    if step is not None and width >= CJK_DOUBT and step >= CJK_STEP:
        return True
    if narrow or width < CJK_DOUBT or step is not None and step <= WIDE_STEP:
        return False
    return None


def _pitch_step(xs: list[float], text: str, k: int) -> float | None:
    """The step from character k-1 to k over the median step between consecutive CJK characters
    of the box (None unless both are CJK and the box has PITCH_PAIRS such steps)."""
    if not (HAN.match(text[k - 1]) and HAN.match(text[k])):
        return None
    steps = [xs[i + 1] - xs[i] for i in range(len(text) - 1) if HAN.match(text[i]) and HAN.match(text[i + 1])]
    if len(steps) < PITCH_PAIRS:
        return None
    usual = statistics.median(steps)
    return (xs[k] - xs[k - 1]) / usual if usual > 0 else None


def box_gaps(ink, box) -> list[tuple[int, int]]:
    """The word gaps inside a box (page pixel columns), from the page's ink image."""
    h = box.height
    top, bottom = int(box.top + CORE * h), int(box.bottom - CORE * h) + 1
    x0, x1 = max(0, int(box.x0)), int(box.x1) + 1
    if bottom <= top or x1 - x0 < 2:
        return []
    columns = (ink[top:bottom, x0:x1] > 0).any(axis=0).tolist()
    return [(x0 + a, x0 + b) for a, b in white_gaps(columns, min(DOUBT_GAP, CJK_DOUBT) * h)]


def spaced(boxes: list, ink) -> list:
    """The boxes with the spaces of their word gaps put back in their text (see the module's
    docstring); on a page where some box with a figure has a gap that does not tell, the boxes
    with figures are left as read."""
    readings = [_spaced(box, ink) for box in boxes]
    if any(text is None and FIGURE.search(box.text) for box, text in zip(boxes, readings, strict=True)):
        readings = [
            None if FIGURE.search(box.text) else text for box, text in zip(boxes, readings, strict=True)
        ]
    return [
        box if text is None else replace(box, text=text, centres=())
        for box, text in zip(boxes, readings, strict=True)
    ]


def _spaced(box, ink) -> str | None:
    """The box's text with its spaces, or None when a gap does not tell."""
    text, xs = box.text, [c[0] for c in box.centres]
    if len(xs) != len(text) or len(text) < 2:
        return text
    out, prev = "", 0
    for k, width in _cuts(box, ink, xs):
        out += text[prev:k]
        space = is_space(out, text[k:], width / box.height, _pitch_step(xs, text, k))
        if space is None:
            return None
        out += " " * space_count(width, box.height) if space else ""
        prev = k
    return out + text[prev:]


def _cuts(box, ink, xs: list[float]) -> list[tuple[int, float]]:
    """(index of the character after it, width) of each white gap between two characters."""
    text, cuts = box.text, []
    for a, b in box_gaps(ink, box):
        inset = (b - a) * INSET
        if any(a + inset < x < b - inset for x in xs):  # a character stands in it: its own white (儿)
            continue
        k = sum(x < (a + b) / 2 for x in xs)
        if 0 < k < len(text) and not text[k - 1].isspace() and not text[k].isspace():
            cuts.append((k, b - a))
    return cuts
