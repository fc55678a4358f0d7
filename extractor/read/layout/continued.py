"""A table going on over a page break in its own character grid: one entry point,
``continued(lines, header, body_end, pages)``.

poppler lays out each page on its own grid, so the rows of a table continued on the next page (no
header repeated) can stand at other character positions, its columns narrower and parted by
single spaces (``效益 经济 减轻贫困   有效   有效   10   10``). The continued page's lines are cut at
every space, their pieces grouped into columns where their x-ranges overlap, and those columns
are the header's, in order, when they are as many (or one fewer, the header's last a text column
such as 偏差原因分析及改进措施 that the rows leave empty) and the 分值/得分 columns hold figures only.
The pieces are then moved into the header's columns (x-ranges; text and offsets kept) and the body
is read as one. Anything else leaves the lines as they are.
"""

from __future__ import annotations

from extractor.read.layout.lines import ANCHOR_ROLES, Header, Seg, clusters, header_from, tokens
from extractor.read.recover.vocabulary import role, score_like

STOP_ROLES = ("key", "label", "group")  # a line starting with such a word ends the continued rows
TEXT_LAST = ("col:reason",)  # a header's last column the continued rows may leave empty
BLANKS_END = 2


def continued(
    lines: list[list[Seg]], header: Header, body_end: int, pages: set[int]
) -> list[list[Seg]] | None:
    """`lines` with the continued page's lines moved into the header's columns, or None."""
    start = _page_start(lines, header, body_end, pages)
    if start is None:
        return None
    end = _end(lines, start)
    if end <= body_end:
        return None  # the body was read past the continued lines already
    pieces = [t for j in range(start, end) for s in lines[j] for t in tokens(s)]
    groups = clusters(pieces)
    columns = header.columns
    if len(groups) != len(columns) and not (
        len(groups) == len(columns) - 1 and columns[-1].role in TEXT_LAST
    ):
        return None
    for group, column in zip(groups, columns, strict=False):
        if column.role in ANCHOR_ROLES and not all(score_like(s.text) for s in group):
            return None
    where = {(s.line, s.x0): k for k, g in enumerate(groups) for s in g}
    out = list(lines)
    for j in range(start, end):
        out[j] = _moved([t for s in lines[j] for t in tokens(s)], where, header)
    return out


def _page_start(lines: list[list[Seg]], header: Header, body_end: int, pages: set[int]) -> int | None:
    """The first line of a page inside the body or just after it (blank lines between)."""
    last = body_end
    while last < len(lines) and not lines[last] and last not in pages:
        last += 1
    found = [p for p in pages if header.end < p <= last]
    return min(found) if found else None


def _end(lines: list[list[Seg]], start: int) -> int:
    """One past the continued rows: before a line opening with a label, a key or a group word, a
    header, or a run of blank lines."""
    last = start
    for j in range(start, len(lines)):
        line = lines[j]
        if not line:
            if j - last >= BLANKS_END - 1:
                break
            continue
        if role(tokens(line[0])[0].text) in STOP_ROLES or role(line[0].text) in STOP_ROLES:
            break
        if j > start and header_from(lines, j) is not None:
            break
        last = j + 1
    return last


def _moved(pieces: list[Seg], where: dict[tuple[int, int], int], header: Header) -> list[Seg]:
    """A line's pieces in the header's columns, the pieces of one column joined into one."""
    out: dict[int, Seg] = {}
    for piece in pieces:
        k = where[(piece.line, piece.x0)]
        col = header.columns[k]
        if k in out:
            prev = out[k]
            text = f"{prev.text} {piece.text}"
            out[k] = Seg(prev.line, col.x0, col.x1, text, prev.start, piece.end)
        else:
            out[k] = Seg(piece.line, col.x0, col.x1, piece.text, piece.start, piece.end)
    return [out[k] for k in sorted(out)]
