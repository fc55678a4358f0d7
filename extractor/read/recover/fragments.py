"""A narrow borderless table copied out of a PDF viewer, its cells wrapped into fragments.

``copied_fragments(text, lines)`` tells such a copy; ``atom_lines`` cuts its lines at single
spaces; ``top_aligned``, ``value_columns``, ``is_level`` and ``FIGURE_KINDS`` are what the
builder needs to cut its rows with ``read/wrapped.py``.
"""

from __future__ import annotations

import regex

from extractor.read import wrapped
from extractor.read.recover.lines import GAP, PIPE, is_prose
from extractor.read.recover.model import Block, Line, Piece, clean
from extractor.read.recover.pieces import join_words
from extractor.read.recover.vocabulary import LEVEL1, LEVEL2, compacted, role, short_levels

NON_SPACE = regex.compile(r"\S+")

# Two plain figures side by side on a line: a copied row's weight and score ('15 15').
FIGURE_PAIR = regex.compile(r"(?<!\S)\d+(?:\.\d+)? \d+(?:\.\d+)?(?!\S)")

# Words made by joining a copy's fragments (and figure lines) that make the text a copy in fragments.
FRAGMENT_WORDS = 3


def copied_fragments(text: str, lines: list[Line]) -> bool:
    """The text is a narrow table copied out of a PDF viewer, its cells wrapped into fragments:
    three words of the vocabulary or more that only their fragments together make ('年初预' / '算数',
    '产出指' / '标（50' / '分）'), and two lines or more holding a row's figures side by side
    ('15 15', '200 210 199.5 10 95% 9.5'). The figure lines are counted first: most texts have
    fewer, and then their fragments need not be joined."""
    figures = sum(1 for ln in lines if FIGURE_PAIR.search(ln.text))
    if figures < FRAGMENT_WORDS - 1:
        return False
    atoms = atom_lines(text, lines)
    pieces = [Piece(clean(a.text), a.start, a.end, a.start, a.start) for a in atoms]
    joined = sum(1 for p in join_words(pieces) if p.line != p.last_line)
    return joined >= FRAGMENT_WORDS


def atom_lines(text: str, lines: list[Line]) -> list[Line]:
    """Each line that is no row of explicit cells (pipes, tabs, wide gaps) and no prose cut at its
    single spaces: every piece a line of its own (the cells of a copy in fragments)."""
    out: list[Line] = []
    for line in lines:
        raw = line.text
        if is_prose(line) or PIPE.search(raw) or GAP.search(raw.strip()):
            out.append(line)
            continue
        for m in NON_SPACE.finditer(raw):
            out.append(Line(line.start + m.start(), line.start + m.end(), m.group()))
        if not raw.strip():
            out.append(line)
    return out


def copied_keys_before(pieces: list[Piece], i: int) -> int:
    """The first key label of a copy in fragments before a header at i, each key followed by the
    fragments of its value ('项目名称' / '城区绿化' / '管护'): pieces that are no word of the
    vocabulary."""
    start = i
    while True:
        k = start - 1
        while k >= 0 and role(pieces[k].text) is None and pieces[k].text:
            k -= 1
        if k < 0 or role(pieces[k].text) != "key":
            return start
        start = k


def top_aligned(pieces: list[Piece], text: str) -> bool:
    """The cells of a copy in fragments stand at the top of their rows: wherever a cell the
    vocabulary settles (a header cell, a level or budget label) is followed by a cell of its row,
    the copy breaks the line between them exactly when the first has more than one line (its last
    line is below the row's top, where the next cell begins); two such places at least."""
    agree = 0
    for before, after in zip(pieces, pieces[1:], strict=False):
        if not _same_row(role(before.text), role(after.text)):
            continue
        several = len(wrapped.copied_lines(text[before.start : before.end])) > 1
        if several != ("\n" in text[before.end : after.start]):
            return False
        agree += 1
    return agree >= 2


def _same_row(first: str | None, second: str | None) -> bool:
    """A cell of the vocabulary and the one after it stand in one row: two header cells, a level-1
    and a level-2 label, a label and a cell that is no word of the vocabulary."""
    if first is None:
        return False
    if first.startswith("col:"):
        return second is not None and second.startswith("col:")
    if first == LEVEL1:
        return second in (LEVEL2, None)
    return first in (LEVEL2, "funds") and second is None


# The kind of figure each budget column holds (read/wrapped.py FIGURE_KINDS).
FIGURE_KINDS = {
    "col:initial": "amount",
    "col:adjusted": "amount",
    "col:executed": "amount",
    "col:budget": "amount",
    "col:rate": "percent",
    "col:weight": "score",
    "col:score": "score",
}


def value_columns(block: Block) -> tuple[int, bool] | None:
    """How many value columns an indicator header has between its name and its weight, and whether
    a reason column follows the score; None if no weight and score stand after the name."""
    roles = block.roles[block.name_col + 1 :]
    if "col:weight" not in roles:
        return None
    w = roles.index("col:weight")
    if roles[w + 1 : w + 2] != ["col:score"]:
        return None
    return w, "col:reason" in roles[w + 2 :]


def is_level(text: str, kind: str, block: Block) -> bool:
    """The text is a level label of `kind`: a word of the levels (满意度指标 is either), or its short
    form (产出, 数量) where the header has that level's column. Not ``Builder._role_at``'s rule, which
    tells a short name by the piece after it: a copy's cells are fragments, the piece after a level
    is a fragment of its row, so here the header's columns decide."""
    r = role(text)
    if r in (LEVEL1, LEVEL2):
        return r == kind or r == LEVEL2
    return f"col:{kind}" in block.roles and compacted(text) in short_levels()[kind]
