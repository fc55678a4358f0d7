"""An unruled table going on at the top of the next page: its columns laid on the part above."""

from __future__ import annotations

from extractor.grid import Cell
from extractor.read.pdf_model import TableBlock


def shared_bands(above: TableBlock, below: TableBlock) -> tuple[float, ...] | None:
    """The columns of ``above`` when ``below`` (opening the next page) is drawn on them: each of
    its column bands overlaps one of above's, in order (text centred in a column stands at
    other edges on each page). ``below``'s cells are then placed on above's columns."""
    upper, mapping = _bands_of(above), band_mapping(above, below)
    if upper is None or mapping is None:
        return None
    table = below.table
    for cell in table.cells:
        cell.col = mapping[cell.col]
        if cell.bbox is not None:
            cell.bbox = (upper[cell.col][0], cell.bbox[1], upper[cell.col][1], cell.bbox[3])
    taken = {(c.row, k) for c in table.cells for k in range(c.col, c.last_col + 1)}
    missing = [(r, k) for r in range(table.n_rows) for k in range(len(upper)) if (r, k) not in taken]
    table.cells += [Cell(row=r, col=k, page=table.page) for r, k in missing]
    table.cells.sort(key=lambda c: (c.row, c.col))
    table.n_cols = len(upper)
    below.columns = above.columns
    return above.columns


def band_mapping(above: TableBlock, below: TableBlock, outside: bool = False) -> list[int] | None:
    """For each column band of ``below``, the one band of ``above`` it overlaps (in order), or None.
    With ``outside``, bands of ``below`` left of all of above's are let be (a column the part
    above left empty, drawn on the page before it: ``join_continued_tables`` places them)."""
    upper, lower = _bands_of(above), _bands_of(below)
    if upper is None or lower is None:
        return None
    mapping: list[int] = []
    if outside:
        lower = [band for band in lower if band[1] > upper[0][0]]
    for x0, x1 in lower:
        hit = [k for k, (a, b) in enumerate(upper) if x0 < b and x1 > a]
        if len(hit) != 1 or (mapping and hit[0] <= mapping[-1]):
            return None
        mapping.append(hit[0])
    return mapping


def _bands_of(block: TableBlock) -> list[tuple[float, float]] | None:
    """A layout grid's column bands, from its cells' boxes (a cell's box spans its band)."""
    bands: dict[int, tuple[float, float]] = {}
    for cell in block.table.cells:
        if cell.bbox is not None and cell.colspan == 1:
            bands.setdefault(cell.col, (cell.bbox[0], cell.bbox[2]))
    if sorted(bands) != list(range(block.table.n_cols)):
        return None
    return [bands[k] for k in range(block.table.n_cols)]
