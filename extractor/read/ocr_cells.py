"""Recognized boxes that cross a scanned table's ruling lines, cut back into their cells (used by
``ocr_grid.RuledGrid.to_table``).

The detector sometimes runs one box over two cells of a row (明显提升 | 明显提升 read as one box
'明显提升明显提升'), or reaches over a rule into the next cell and reads a character of it again
('益群众出行' beside the cell '社会效益指标'). Placed whole by its centre, such a box puts both
cells' text in one of them. A box is cut at each vertical rule drawn across it (the rule's ink
down the box's height), between the characters on either side (the recognizer's character
centres, else widths in proportion); a piece lying within another box of its cell is that
box's character read twice, and is dropped.
"""

from __future__ import annotations

import dataclasses

from extractor.read.ocr_lines import char_extents

DRAWN = 0.5  # a rule crosses a box when this share of the box's height is rule ink at its x
RULE_SLACK = 3.0  # pixels: a box reaching this little over a rule does not cross it


def cut_at_rules(boxes: list, xs: list[int], rules) -> list:
    """The boxes with each one crossing a drawn vertical rule at one of ``xs`` cut there, and the
    pieces read twice dropped. ``rules``: the table's vertical rule ink (0/255, page pixels)."""
    out: list = []
    pieces: list = []
    for box in boxes:
        cuts = [x for x in xs if box.x0 + RULE_SLACK < x < box.x1 - RULE_SLACK and _drawn(rules, x, box)]
        parts = _cut(box, cuts) if cuts else [box]
        (pieces if len(parts) > 1 else out).append(parts)
    whole = [p for parts in out for p in parts]
    cut = [p for parts in pieces for p in parts]
    return whole + [p for p in cut if not any(_read_twice(p, o) for o in whole + cut if _longer(o, p))]


def _longer(other, piece) -> bool:
    """Whether ``other`` may hold ``piece``'s characters: a whole box, or a longer piece."""
    return other is not piece and len(other.text) > len(piece.text)


def _drawn(rules, x: int, box) -> bool:
    top, bottom = int(box.top), int(box.bottom) + 1
    strip = rules[max(0, top) : bottom, max(0, x - 2) : x + 3]
    return strip.size > 0 and (strip.max(axis=1) > 0).mean() >= DRAWN


def _centres_x(box) -> list[float]:
    if len(box.centres) == len(box.text):
        return [c[0] for c in box.centres]
    return [x0 + (x1 - x0) / 2 for x0, x1 in char_extents(box)]


def _cut(box, cuts: list[int]) -> list:
    """The box cut at each x in cuts (sorted) between the characters on either side."""
    centres = _centres_x(box)
    bounds = [box.x0, *sorted(cuts), box.x1]
    pieces = []
    for left, right in zip(bounds, bounds[1:], strict=False):
        keep = [i for i, c in enumerate(centres) if left <= c < right]
        text = "".join(box.text[i] for i in keep).strip()
        if not text:
            continue
        centres_of = tuple(box.centres[i] for i in keep) if len(box.centres) == len(box.text) else ()
        if len(centres_of) != len(text):
            centres_of = ()
        piece = dataclasses.replace(box, text=text, x0=float(left), x1=float(right), centres=centres_of)
        pieces.append(piece)
    return pieces or [box]


def _read_twice(piece, other) -> bool:
    """Whether the piece lies within the other box (its characters' centres inside it, the two
    on one line): the same ink recognized by both."""
    overlap = min(piece.bottom, other.bottom) - max(piece.top, other.top)
    if overlap < 0.5 * min(piece.bottom - piece.top, other.bottom - other.top):
        return False
    return all(other.x0 <= c <= other.x1 for c in _centres_x(piece))
