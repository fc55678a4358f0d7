"""Settings and pieces of the unruled-table reader (``extractor/read/unruled``)."""

from __future__ import annotations

from dataclasses import dataclass, field

from extractor.read.pdf_model import Char


@dataclass(frozen=True, slots=True)
class UnruledSettings:
    """Tolerances for tables without ruling lines, in font sizes unless said otherwise."""

    segment_gap: float = 0.75  # a white gap this wide between characters separates two cells
    line_gap: float = 2.0  # white space between two lines of one table at most this high
    max_pitch: float = 1.6  # a cell's wrapped lines stand at most this far apart, top to top
    same_cell: float = 0.15  # a line this much beyond the pitch below the one above goes on its cell
    padding: float = 0.4  # a line this much beyond the pitch below the one above starts a new cell
    overlap: float = 0.2  # two lines of a column overlapping in height more than this are no cell's
    single_row: float = 0.5  # tops this close are one row when no cell wraps (no pitch to go by)
    sheet: bool = False  # a spreadsheet's print (pdf_cuts: column edges, figures, centred rows)
    spans: bool = False  # bands between left edges, a piece past the next edge spanning (pdf_spans)
    min_cols: int = 3
    min_rows: int = 3  # rows that fill at least min_cols cells


UNRULED = UnruledSettings()
SHEET = UnruledSettings(sheet=True, same_cell=0.1, padding=0.1)  # a sheet's rows: no padding


@dataclass(slots=True)
class Piece:
    """The characters of one line standing in one column band."""

    chars: list[Char]
    x0: float
    x1: float
    top: float
    bottom: float
    span: int = 1  # the bands it covers (pdf_spans), its own and those right of it


@dataclass(slots=True)
class Fragment:
    """A cell's text in one column: its pieces, top to bottom."""

    col: int
    pieces: list[Piece] = field(default_factory=list)

    @property
    def span(self) -> int:
        return max(p.span for p in self.pieces)

    @property
    def top(self) -> float:
        return self.pieces[0].top

    @property
    def last_top(self) -> float:
        return self.pieces[-1].top


Bands = list[list[float]]  # [x0, x1] of each column band, left to right
