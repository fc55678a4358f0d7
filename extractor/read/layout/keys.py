"""The form's key cells wrapped over lines (项目名 / 称, 主管部 / 门 / 局 beside their values),
one row a key."""

from __future__ import annotations

from extractor.grid import Table
from extractor.read.layout.lines import KEY_PIECES, Seg, clusters, join_parts, make_cell
from extractor.read.recover.vocabulary import role

KEY_PIECE = 24  # a form's key or value piece is at most this long (longer: prose)
KEY_MARGIN = 1  # a key's pieces start at the left margin


def key_tables(text: str, lines: list[list[Seg]], line_starts: list[int], stops: set[int]) -> list[Table]:
    """The form's key cells wrapped over lines (项目名 / 称, 主管部 / 门 / 局 beside their values):
    a run of short lines (ending where a table's header starts: `stops`) whose first column's
    pieces, joined, are key words of patterns/tables.toml, each key's lines cut into columns by
    their gaps, keys and values alternating. One row a key."""
    out: list[Table] = []
    j = 0
    while j < len(lines):
        k = j
        while k < len(lines) and lines[k] and all(len(s.text) <= KEY_PIECE for s in lines[k]):
            k += 1
            if k in stops:
                break
        for first, last in _key_blocks(lines, j, k):
            row = _key_row(lines, first, last)
            if row is not None:
                cells = [make_cell(0, c, segs, 1) for c, segs in enumerate(row)]
                for cell in cells:
                    cell.page = text.count("\f", 0, cell.start) + 1
                end = line_starts[last + 1] - 1 if last + 1 < len(line_starts) else len(text)
                out.append(
                    Table(
                        cells=cells,
                        n_rows=1,
                        n_cols=len(cells),
                        page=cells[0].page,
                        source="text-layout",
                        start=line_starts[first],
                        end=end,
                    )
                )
        j = max(k, j + 1)
    return out


def _key_blocks(lines: list[list[Seg]], j: int, k: int) -> list[tuple[int, int]]:
    """Lines [j, k) cut where the pieces at the left margin, joined, make a key word."""
    out: list[tuple[int, int]] = []
    group: list[Seg] = []
    for n in range(j, k):
        left = lines[n][0]
        if left.x0 > KEY_MARGIN:
            continue
        group.append(left)
        if role(join_parts([s.text for s in group])) == "key":
            out.append((group[0].line, n))
            group = []
        elif len(group) >= KEY_PIECES:
            return []
    if group or not out:
        return []
    return [(a, out[i + 1][0] - 1 if i + 1 < len(out) else k - 1) for i, (a, _) in enumerate(out)]


def _key_row(lines: list[list[Seg]], first: int, last: int) -> list[list[Seg]] | None:
    """The block's columns (keys and values alternating), or None where they do not."""
    groups = clusters([s for n in range(first, last + 1) for s in lines[n]])
    if len(groups) < 2 or len(groups) % 2:
        return None
    for g in groups:
        g.sort(key=lambda s: (s.line, s.x0))
    keys = [role(join_parts([s.text for s in g])) == "key" for g in groups]
    if keys != [n % 2 == 0 for n in range(len(groups))] or all(len(g) == 1 for g in groups):
        return None
    return groups
