"""A spreadsheet printed without borders read as a grid (extractor/read/pdf_cuts.py with
read/unruled's SHEET settings), on synthetic characters: digits of neighbouring cells a padding
apart, figures right-aligned under a left-aligned header, wrapped cells centred in their rows."""

from __future__ import annotations

from extractor.read.pdf_cuts import cut, cuts
from extractor.read.pdf_lines import build_lines
from extractor.read.pdf_model import Char, TableBlock
from extractor.read.unruled import SHEET, UNRULED, unruled_blocks
from extractor.read.unruled.bands import segments

SIZE = 11.0
DIGIT = 7.0  # a digit's advance at 11 pt
PITCH = 12.9  # a wrapped cell's lines, top to top
ROW = 20.0  # a row's height (a row of one line at 15 pt reads as one cell's wrapped lines)
COLUMN = 91.0  # Calc's default column width, in points
LEFT = 55.0
PADDING = 2.1  # between a right-aligned figure and its column's right edge


def _left(text: str, col: int, top: float) -> list[Char]:
    """``text`` set against column ``col``'s left edge (CJK and Latin alike one advance wide)."""
    x = LEFT + col * COLUMN
    width = SIZE if not text.isascii() else DIGIT
    return [Char(ch, x + i * width, x + (i + 1) * width, top, top + SIZE, SIZE) for i, ch in enumerate(text)]


def _right(text: str, col: int, top: float) -> list[Char]:
    """A figure set against column ``col``'s right edge."""
    end = LEFT + (col + 1) * COLUMN - PADDING
    x = end - len(text) * DIGIT
    return [Char(ch, x + i * DIGIT, x + (i + 1) * DIGIT, top, top + SIZE, SIZE) for i, ch in enumerate(text)]


def _pieces(chars: list[Char]) -> list[list[str]]:
    lines = [segments(line) for line in build_lines(chars)]
    edges = cuts(lines)
    return [["".join(c.text for c in seg) for seg in cut(line, edges)] for line in lines]


def _sheet() -> list[Char]:
    """A header row over three rows: 50 right-aligned in 分值, 8 left-aligned in 得分 beside it."""
    chars = _left("三级指标", 0, 100) + _left("分值", 1, 100) + _left("得分", 2, 100) + _left("备注", 3, 100)
    for r, (name, weight, score) in enumerate(
        [("资助人数", "50", "8"), ("满意度", "30", "30"), ("及时率", "20", "9")]
    ):
        top = 100 + (r + 1) * ROW
        chars += _left(name, 0, top) + _right(weight, 1, top) + _left(score, 2, top) + _left("无", 3, top)
    return chars


def test_digits_of_neighbouring_cells_a_padding_apart_are_two_pieces() -> None:
    rows = _pieces(_sheet())
    glued = segments(list(build_lines(_sheet()))[1])  # 2.1 pt apart: under the white gap of a cell
    assert ["".join(c.text for c in seg) for seg in glued] == ["资助人数", "508", "无"]
    assert rows[1] == ["资助人数", "50", "8", "无"]  # 8 at the edge where 得分 and 8, 30, 9 start


def test_the_digits_of_one_number_are_never_cut() -> None:
    """An edge where two lines start (x = 160) runs through 1000's third digit, which abuts the second."""
    edge = LEFT + COLUMN + 2 * DIGIT
    moved = [Char("7", edge, edge + DIGIT, t, t + SIZE, SIZE) for t in (115.0, 130.0)]
    rows = _pieces(_left("1000", 1, 100) + moved)
    assert rows == [["1000"], ["7"], ["7"]]


def test_figures_right_aligned_stand_in_their_header_column() -> None:
    blocks = unruled_blocks(build_lines(_sheet()), 1, lambda: [], SHEET)
    grid = [[c.text for c in row] for row in blocks[0].table.rows()]
    assert grid == [
        ["三级指标", "分值", "得分", "备注"],
        ["资助人数", "50", "8", "无"],
        ["满意度", "30", "30", "无"],
        ["及时率", "20", "9", "无"],
    ]
    plain = unruled_blocks(build_lines(_sheet()), 1, lambda: [], UNRULED)
    assert not isinstance(plain[0], TableBlock) or plain[0].table.rows() != blocks[0].table.rows()


def test_a_wrapped_cell_centred_in_its_row_reads_in_it() -> None:
    """Four lines centred on a one-line row: the first a pitch and a half above the row's other
    cells (by tops, another row)."""
    chars = _left("三级指标", 0, 100) + _left("分值", 1, 100) + _left("说明", 2, 100)
    top = 100 + 2 * ROW  # of the row's one-line cells
    first = top - 1.5 * PITCH
    for k, part in enumerate(["资助困难", "教师及学", "生和困难", "教师"]):
        chars += _left(part, 0, first + k * PITCH)
    chars += _right("20", 1, top) + _left("无", 2, top)
    below = first + 3 * PITCH + 25
    chars += _left("困难教师", 0, below) + _right("30", 1, below) + _left("有", 2, below)
    blocks = unruled_blocks(build_lines(chars), 1, lambda: [], SHEET)
    grid = [[c.text for c in row] for row in blocks[0].table.rows()]
    assert grid == [
        ["三级指标", "分值", "说明"],
        ["资助困难教师及学生和困难教师", "20", "无"],
        ["困难教师", "30", "有"],
    ]
