"""The tables of a stretch of lines written one cell a line: one entry point,
``flat_tables(text, lines, fragments)``. Each header found starts a table (with the key/value
pairs just before it) that ``builder.Builder`` reads; a form's column labels each followed by its
figure make a two-column grid.
"""

from __future__ import annotations

from extractor.read.recover.builder import Builder, after_blanks, header_end
from extractor.read.recover.columns import column_runs
from extractor.read.recover.fragments import copied_keys_before
from extractor.read.recover.gaps import unit_gaps
from extractor.read.recover.levelsums import weighted_levels
from extractor.read.recover.model import Block, Line, Piece, Row, header_block
from extractor.read.recover.pieces import JOIN_MAX, flat_pieces, join_words
from extractor.read.recover.scattered import gathered
from extractor.read.recover.totals import is_total, total_first
from extractor.read.recover.vocabulary import LEVEL1, LEVEL2, STARTERS, is_column, is_figure, role

# A copy in fragments cuts a long header word in more pieces ('偏差原' / '因分析' / '及' / '改进措' / '施').
FRAGMENTS_JOINED = 6


def flat_tables(text: str, lines: list[Line], fragments: bool = False) -> list[list[Row]]:
    pieces = join_words(flat_pieces(text, lines), FRAGMENTS_JOINED if fragments else JOIN_MAX)
    pieces = total_first(gathered(column_runs(pieces)))
    out: list[list[Row]] = []
    i = 0
    while i < len(pieces):
        h = header_end(pieces, i)
        if h is None:
            form, end = _form_rows(pieces, i)
            if form:
                out.append(form)
            i = max(end, i + 1)
            continue
        start = copied_keys_before(pieces, i) if fragments else _keys_before(pieces, i)
        rows, end = Builder(pieces, text if fragments else None).build(start)
        i = max(end, h)
        if len(rows) >= 2:
            trailing = _displaced_levels(rows)
            rows = unit_gaps(rows)
            out.append(_placed(_uncovered(rows), trailing) if trailing else rows)
    return out


def _displaced_levels(rows: list[Row]) -> list[int]:
    """Rows of level names alone after the last row with a figure (pdftotext writes a level cell
    merged over rows where the page drew it, away from its rows): which rows each level covers is
    then not known. The 总分 row after them is no indicator row. A level row before its
    indicators (its cells after it empty) is in place."""
    last_figure = max(
        (k for k, row in enumerate(rows) if any(is_figure(c.text) for c in row.cells) and not _total(row)),
        default=-1,
    )
    return [k for k in range(last_figure + 1, len(rows)) if _levels_alone(rows[k])]


def _total(row: Row) -> bool:
    """The 总分 row (its figures after the indicator rows' levels, ``totals.py``)."""
    return bool(row.cells) and is_total(row.cells[0].text)


def _placed(rows: list[Row], trailing: list[int]) -> list[Row]:
    """The rows with the level cells written after them placed by their weights where they can be
    (``levelsums.py``): the indicator rows are those under the last indicator header before."""
    heads = [k for k in range(trailing[0]) if rows[k].header]
    if not heads:
        return rows
    block = header_block(rows[heads[-1]].cells)
    if block.kind != "indicator":
        return rows
    return weighted_levels(rows, block, heads[-1] + 1, trailing) or rows


def _levels_alone(row: Row) -> bool:
    texts = [c.text for c in row.cells if c.text]
    return not row.header and bool(texts) and all(role(t) in (LEVEL1, LEVEL2) for t in texts)


def _uncovered(rows: list[Row]) -> list[Row]:
    """Indicator rows that start after the level columns get empty cells there, so that no level
    cell above is taken to cover them."""
    out = []
    block = Block()
    for row in rows:
        if row.header:
            block = header_block(row.cells)
        start = row.start or 0
        if block.kind == "indicator" and not row.header and row.slots is None and 0 < start <= block.name_col:
            blank = Piece("", row.cells[0].start, row.cells[0].start, row.cells[0].line, row.cells[0].line)
            row = Row([blank] * start + row.cells, 0)
        out.append(row)
    return out


def _form_rows(pieces: list[Piece], i: int) -> tuple[list[Row], int]:
    """A form's column labels each followed by its figure (年初预算数 / 580.50 / 全年预算数 / 620.30 …),
    two pairs or more from i, blank lines between them skipped: one row per pair (a two-column
    grid), and where the form ends; ([], i) if there are fewer pairs."""
    rows: list[Row] = []
    k = i
    while k < len(pieces) and is_column(pieces[k].text):
        f = after_blanks(pieces, k + 1)
        if f >= len(pieces) or not is_figure(pieces[f].text):
            break
        rows.append(Row([pieces[k], pieces[f]], 0))
        k = after_blanks(pieces, f + 1)
    return (rows, k) if len(rows) >= 2 else ([], i)


def _keys_before(pieces: list[Piece], i: int) -> int:
    """The first of the label/value pairs (项目名称, X, 主管部门, Y …) just before a header at i."""
    while i >= 2 and role(pieces[i - 2].text) in ("key", "label") and not pieces[i - 1].prose:
        if role(pieces[i - 1].text) in STARTERS:
            break
        i -= 2
    return i
