"""A table's body under its header: its columns (the header's, widened over split figures, and loose
ones), each line's segments placed in them, and where the body ends."""

from __future__ import annotations

from dataclasses import dataclass

from extractor.read.layout.lines import (
    FIGURE_PIECE,
    Column,
    Header,
    Seg,
    clusters,
    header_at,
    header_from,
    tokens,
)
from extractor.read.recover.vocabulary import role, score_like

BLANKS_END = 3  # this many blank lines in a row end a table


@dataclass
class Body:
    columns: list[Column]
    lines: list[int]  # line numbers of the body, in order (blank lines included)
    cells: dict[int, dict[int, Seg]]  # line -> column index -> segment
    end: int  # one past the last line read


def _columns_of(header: Header, lines: list[list[Seg]], end: int) -> list[Column]:
    """The header's columns, and a column for body segments under no header segment."""
    columns = [Column(c.x0, c.x1, c.header, c.role) for c in header.columns]
    _widen(columns, [s for ln in lines[header.end : end] for s in ln])
    loose = [s for ln in lines[header.end : end] for s in ln if not any(c.overlap(s) > 0 for c in columns)]
    for group in clusters(loose):
        columns.append(Column(min(s.x0 for s in group), max(s.x1 for s in group), loose=True))
    return sorted(columns, key=lambda c: c.x0)


def _split(seg: Seg, columns: list[Column]) -> list[tuple[int, Seg]] | None:
    """A segment of figures parted by single spaces across as many columns as it has figures:
    each figure with its column, in order (``215,4 10 86.19 8.62`` under 全年执行数 / 分值 / 执行率 /
    得分); None where it is not one."""
    hits = _hits(seg, columns)
    pieces = tokens(seg)
    if len(hits) < 2 or len(pieces) != len(hits) or not all(_figure_piece(t.text) for t in pieces):
        return None
    return list(zip(hits, pieces, strict=True))


def _widen(columns: list[Column], segs: list[Seg]) -> None:
    """The header's columns widened over the figures a split segment gives them (the body's
    figures stand right of their CJK header in poppler's character grid), short of the next
    column's header."""
    bounds = [
        (columns[k - 1].x1 if k else 0, columns[k + 1].x0 if k + 1 < len(columns) else 10**6)
        for k in range(len(columns))
    ]
    for seg in segs:
        for k, piece in _split(seg, columns) or []:
            col = columns[k]
            col.x0 = max(min(col.x0, piece.x0), bounds[k][0])
            col.x1 = min(max(col.x1, piece.x1), bounds[k][1])


def _placed(line: list[Seg], columns: list[Column]) -> dict[int, Seg] | None:
    """Each segment's column, or None where a segment crosses two columns or two share one; a
    segment of figures parted by single spaces across as many columns as it has figures gives
    one to each (``215,4 10 86.19 8.62`` under 全年执行数 / 分值 / 执行率 / 得分)."""
    out: dict[int, Seg] = {}
    for seg in line:
        hits = _hits(seg, columns)
        placed = [(hits[0], seg)] if len(hits) == 1 else _split(seg, columns)
        if placed is None:
            return None
        for k, piece in placed:
            if k in out:
                return None
            out[k] = piece
    return out


def _hits(seg: Seg, columns: list[Column]) -> list[int]:
    hits = [k for k, c in enumerate(columns) if c.overlap(seg) > 0 and not c.loose]
    return hits or [k for k, c in enumerate(columns) if c.overlap(seg) > 0]


def _figure_piece(text: str) -> bool:
    """A plain figure, a piece of one or a placeholder (not a target with its unit: ≥50万平方)."""
    return score_like(text) or FIGURE_PIECE.match(text) is not None


def _body_end(lines: list[list[Seg]], header: Header) -> int:
    """One past the table's last line: before the next header, a run of blank lines or a
    segment across the header's columns. A row of cells (in half the columns or more) from which
    a header band starts ends the table only where the best band from it starts on it: a band
    from the last funds row reaching down to the indicator header below (a goal line between) is
    that header's, not one starting on the row."""
    last = header.end
    for j in range(header.end, len(lines)):
        line = lines[j]
        if not line:
            if j - last >= BLANKS_END - 1:
                break
            continue
        if header_from(lines, j) is not None and (
            len(line) * 2 < len(header.columns) or header_at(lines, j).first == j
        ):
            break
        if _crosses(line, header.columns) and _total_line(line, header.columns) is None:
            break
        last = j + 1
    return last


def _total_line(line: list[Seg], columns: list[Column]) -> dict[int, Seg] | None:
    """A line ending the block (总分 100 96.5 优) placed by its order: the label in the column
    it stands in, its figures from the weight (分值) column on, one a column (poppler writes such a
    row narrower or wider than the header: its figures under no column or across two)."""
    weight = next((k for k, c in enumerate(columns) if c.role == "col:weight"), None)
    if weight is None or len(line) < 2 or role(line[0].text) != "label" or not score_like(line[1].text):
        return None
    hits = _hits(line[0], columns)
    heads = [k for k, c in enumerate(columns) if k >= weight and not c.loose]
    if len(hits) != 1 or hits[0] >= weight or len(line) - 1 > len(heads):
        return None
    return {hits[0]: line[0], **dict(zip(heads, line[1:], strict=False))}


def _crosses(line: list[Seg], columns: list[Column]) -> bool:
    """Whether a segment crosses columns (other than figures parted by single spaces, one each)."""
    return any(len(_hits(seg, columns)) > 1 and _split(seg, columns) is None for seg in line)


def read_body(lines: list[list[Seg]], header: Header) -> Body:
    end = _body_end(lines, header)
    columns = _columns_of(header, lines, end)
    cells: dict[int, dict[int, Seg]] = {}
    last = header.end
    for j in range(header.end, end):
        placed = _total_line(lines[j], columns) or _placed(lines[j], columns)
        if placed is None:
            break
        cells[j] = placed
        last = j + 1
    return Body(columns, list(range(header.end, last)), cells, last)
