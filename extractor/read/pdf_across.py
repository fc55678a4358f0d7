"""A sheet printed over several pages across (跨页打印的宽表), its pages joined side by side.

A spreadsheet wider than the paper is printed in vertical strips: columns A–F on one page,
G–K on another (after it, "over, then down", or after the strips below, "down, then over"),
each strip showing the same rows at the same heights. Read page by page, the right strip's
cells are rows without labels. The printer proves which page a strip continues, and by how
much it is shifted: a text that runs over the cut (a title, a long cell left of it) is
written on both pages and clipped to each one's print area (``pdf_clip``), so the right
strip holds hidden characters left of its print area that stand, at the same heights, as
visible characters of the strip it continues, all shifted by one distance. When enough
characters agree on one distance, and no other does nearly as well, the strip's characters
are moved by it onto the page it continues and the two are read as one (the strip's page
left empty); otherwise every page stays as it is.

A sheet printed with its cell borders is read the same way, its strips proven alike: the
cell boxes of the page a strip continues and the strip's own, moved by the same distance,
are read with all the characters as one page of ruled tables (``ruled_blocks``): each row
one row of the sheet across the strips, a strip without a table of two columns (the sheet's
last column alone) giving its one-column boxes. A strip of text joins only strips of text.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from extractor.read.pdf_lines import build_lines
from extractor.read.pdf_model import Block, Box, Char, Page

MIN_AGREE = 4  # hidden characters that must agree on one shift
RIVAL_SHARE = 0.5  # a second shift this well supported makes the join uncertain
SAME_HEIGHT = 0.5  # points: a character and its copy on the other page stand this close in height
SHIFT_STEP = 1.0  # points: shifts this close are one


@dataclass(slots=True)
class Strip:
    """What a page without ruled tables keeps to be joined: its visible characters, those its
    print area clips away, and the horizontal rules it draws (for the unruled reader)."""

    chars: list[Char]
    hidden: list[Char]
    rules: list[float] = field(default_factory=list)
    boxes: list[Box] = field(default_factory=list)  # its ruled cells (one-column tables' on a page of text)
    ruled: bool = False  # the page holds ruled tables (read by pdfplumber)
    root: int = -1  # the page this strip was joined onto (-1: none)
    offset: float = 0.0  # the shift of its characters onto that page


def shift_onto(left: Strip, right: Strip) -> float | None:
    """How far ``right``'s characters move to stand beside ``left``'s, when its hidden
    characters left of its print area prove it continues ``left``; else None."""
    if not right.chars:
        return None
    edge = min(ch.x0 for ch in right.chars)
    cut = [ch for ch in right.hidden if ch.x1 <= edge + SHIFT_STEP and ch.text.strip()]
    if not cut:
        return None
    by_text: dict[str, list[Char]] = {}
    for ch in left.chars:
        by_text.setdefault(ch.text, []).append(ch)
    votes: Counter[int] = Counter()
    for ch in cut:
        shifts = {round((v.x0 - ch.x0) / SHIFT_STEP) for v in by_text.get(ch.text, ()) if _level(v, ch)}
        votes.update(s for s in shifts if s > 0)
    return _agreed(votes)


def _level(a: Char, b: Char) -> bool:
    return abs(a.top - b.top) <= SAME_HEIGHT and abs(a.bottom - b.bottom) <= SAME_HEIGHT


def _agreed(votes: Counter[int]) -> float | None:
    """The shift most characters agree on (neighbouring steps counted with it), if clear."""
    pooled = Counter({s: votes[s - 1] + votes[s] + votes[s + 1] for s in votes})
    ranked = pooled.most_common()
    if not ranked or ranked[0][1] < MIN_AGREE:
        return None
    best, support = ranked[0]
    rivals = [n for s, n in ranked[1:] if abs(s - best) > 2]
    if rivals and rivals[0] >= RIVAL_SHARE * support:
        return None
    near = [s for s in (best - 1, best, best + 1) if votes[s]]
    return SHIFT_STEP * sum(s * votes[s] for s in near) / sum(votes[s] for s in near)


def join_strips(strips: list[Strip | None]) -> dict[int, list[int]]:
    """Which pages join onto which: page index to the pages joined onto it (their ``root``
    and ``offset`` set). A strip joins the earlier pages it continues when all of them, once
    joined, put it at one place; strips proven to continue different places stay apart."""
    groups: dict[int, list[int]] = {}
    for j, right in enumerate(strips):
        if right is None:
            continue
        places = set()
        for i, left in enumerate(strips[:j]):
            shift = None if left is None else shift_onto(left, right)
            if left is not None and shift is not None:
                places.add((left.root if left.root >= 0 else i, left.offset + shift))
        roots = {root for root, _ in places}
        offsets = [offset for _, offset in places]
        if len(roots) == 1 and max(offsets) - min(offsets) <= 2 * SHIFT_STEP:
            right.root, right.offset = roots.pop(), sum(offsets) / len(offsets)
            groups.setdefault(right.root, []).append(j)
    return groups


def joined_chars(strips: list[Strip | None], root: int, members: list[int]) -> list[Char]:
    """The root page's characters with its members' moved beside them."""
    base = strips[root]
    assert base is not None
    out = list(base.chars)
    for j in members:
        strip = strips[j]
        assert strip is not None
        shift = strip.offset
        out += [Char(c.text, c.x0 + shift, c.x1 + shift, c.top, c.bottom, c.size) for c in strip.chars]
    return out


def joined_boxes(strips: list[Strip | None], root: int, members: list[int]) -> list[Box]:
    """The root page's cell boxes with its members' moved beside them."""
    out = []
    for j in (root, *members):
        strip = strips[j]
        assert strip is not None
        shift = strip.offset if j != root else 0.0
        out += [(x0 + shift, top, x1 + shift, bottom) for x0, top, x1, bottom in strip.boxes]
    return out


def join_across(pages: list[Page]) -> None:
    """Pages that continue another page across read as one with it (see the module's doc): onto
    a ruled page every strip it has; onto a page of text its strips of text."""
    strips = [page.strip for page in pages]
    if sum(strip is not None for strip in strips) >= 2:
        for root, members in join_strips(strips).items():
            ruled = strips[root].ruled  # type: ignore[union-attr]
            joining = [j for j in members if ruled or not strips[j].ruled]  # type: ignore[union-attr]
            if joining:
                _join_onto(pages, strips, root, joining)
    for page in pages:
        page.strip = None


def _join_onto(pages: list[Page], strips: list[Strip | None], root: int, members: list[int]) -> None:
    from extractor.read.unruled import SHEET, unruled_blocks

    base = strips[root]
    assert base is not None
    chars = joined_chars(strips, root, members)
    if base.ruled:
        pages[root].blocks = ruled_blocks(joined_boxes(strips, root, members), chars, root + 1)
    else:
        pages[root].blocks = unruled_blocks(build_lines(chars), root + 1, lambda: base.rules, SHEET)
    for j in members:  # the joined page is as wide as its strips' paper side by side
        pages[root].width = max(pages[root].width, strips[j].offset + pages[j].width)  # type: ignore[union-attr]
        pages[j].blocks = []


TOUCH = 1.0  # points: cell boxes this close above and below are of one table


def ruled_blocks(boxes: list[Box], chars: list[Char], page: int) -> list[Block]:
    """Text lines and ruled tables from cell boxes and characters: boxes touching one another
    from above or below make one table (``pdf_ruled.grid``), characters in no table make the lines."""
    from extractor.read.pdf_ruled import MIN_TABLE_COLS, MIN_TABLE_ROWS, grid

    tables, areas = [], []
    for group in _stacks(boxes):
        block = grid(group, chars, page)
        if block.table.n_rows >= MIN_TABLE_ROWS and block.table.n_cols >= MIN_TABLE_COLS:
            tables.append(block)
            areas.append((min(b[0] for b in group), block.top, max(b[2] for b in group), block.bottom))
    outside = [ch for ch in chars if not any(_within(ch, area) for area in areas)]
    blocks: list[Block] = [*build_lines(outside), *tables]
    return sorted(blocks, key=lambda b: b.top)


def _stacks(boxes: list[Box]) -> list[list[Box]]:
    """The boxes in groups that touch from above or below (their heights overlapping or meeting)."""
    groups: list[list[Box]] = []
    bottom = float("-inf")
    for box in sorted(boxes, key=lambda b: b[1]):
        if groups and box[1] <= bottom + TOUCH:
            groups[-1].append(box)
        else:
            groups.append([box])
        bottom = max(bottom, box[3]) if len(groups[-1]) > 1 else box[3]
    return groups


def _within(ch: Char, area: Box) -> bool:
    x, y = (ch.x0 + ch.x1) / 2, ch.mid
    return area[0] <= x <= area[2] and area[1] <= y <= area[3]
