"""Spreadsheets (.xlsx/.xlsm with openpyxl, .xls and WPS .et with xlrd): one report per sheet.

Each sheet that holds any text is one report (``Document``, one "page"); empty,
chart-only and hidden sheets are skipped, and so are hidden rows and columns (a budget system's
科目编码 / 指标编码 column). Where several sheets hold text, those that say nothing of a
performance report (``patterns/report.toml`` [not_a_report] needs: a 资金明细 schedule beside the
自评表) are not reports of their own, and neither is a cover sheet: one of words only (no cell
holding a figure) right before a sheet with figures, whose rows open that sheet's report. A sheet
is read as:

- prose lines: the rows at the top and bottom of the sheet whose only text is one
  cell, either in the first used column or merged across at least half the used
  width (the title, ``(2019年度)``, ``单位:万元``, a signature line), one line each;
- one table: every row between them, as a grid (``extractor.grid``) with merged
  ranges as row/column spans and each cell's address (``自评表!C7``).

Cells show what the sheet shows (``numfmt.display``): the cached value of a
formula (a formula never calculated shows as empty), numbers in their number
format, text as typed.
"""

from __future__ import annotations

import hashlib
import io
from dataclasses import dataclass, field

import regex

import patterns
from extractor.errors import InputError
from extractor.grid import Cell, TableSource, build_table, render
from extractor.models import Document
from extractor.read.celltext import cell_text
from extractor.read.numfmt import display

Merge = tuple[int, int, int, int]  # first row, first col, last row, last col (0-based, inclusive)
REPORT_WORDS = regex.compile(patterns.load("report")["not_a_report"]["needs"])
FIGURE = regex.compile(r"[-+]?\d[\d,，]*(?:\.\d+)?%?")  # a cell that is one figure: 2,460,000.00, 97.05%


@dataclass
class Sheet:
    """One worksheet as displayed: non-empty cell texts by (row, col), 0-based, and its merged ranges."""

    name: str
    texts: dict[tuple[int, int], str] = field(default_factory=dict)
    merges: list[Merge] = field(default_factory=list)
    places: dict[tuple[int, int], tuple[int, int]] = field(default_factory=dict)  # shown -> stored cell

    def holds_report(self) -> bool:
        return any(t.strip() for t in self.texts.values())

    def speaks_of_a_report(self) -> bool:
        return any(REPORT_WORDS.search(t) for t in self.texts.values())

    def place(self, row: int, col: int) -> tuple[int, int]:
        """The stored (row, col) of a shown cell: hidden rows and columns before it left out."""
        return self.places.get((row, col), (row, col))


def visible(sheet: Sheet, rows: set[int], cols: set[int]) -> Sheet:
    """The sheet as shown: the hidden ``rows`` and ``cols`` left out, the others closed up; a merged
    range keeps its shown part (the text of its first cell, hidden or not, on its first shown cell)."""
    if not rows and not cols:
        return sheet
    used = [*sheet.texts, *((m[2], m[3]) for m in sheet.merges)]
    shown_r = [r for r in range(max((r for r, _ in used), default=-1) + 1) if r not in rows]
    shown_c = [c for c in range(max((c for _, c in used), default=-1) + 1) if c not in cols]
    at_r, at_c = {r: i for i, r in enumerate(shown_r)}, {c: i for i, c in enumerate(shown_c)}
    out = Sheet(sheet.name, places={(i, j): (r, c) for r, i in at_r.items() for c, j in at_c.items()})
    for (r, c), text in sheet.texts.items():
        if r in at_r and c in at_c:
            out.texts[(at_r[r], at_c[c])] = text
    for r0, c0, r1, c1 in sheet.merges:
        rs = [at_r[r] for r in range(r0, r1 + 1) if r in at_r]
        cs = [at_c[c] for c in range(c0, c1 + 1) if c in at_c]
        if not rs or not cs:
            continue
        if (r0, c0) in sheet.texts:
            out.texts[(rs[0], cs[0])] = sheet.texts[(r0, c0)]
        if len(rs) > 1 or len(cs) > 1:
            out.merges.append((rs[0], cs[0], rs[-1], cs[-1]))
    return out


def read_sheets(path: str, data: bytes, kind: str) -> list[Sheet]:
    """The visible worksheets of a workbook; kind is 'xlsx' (openpyxl) or 'xls' (xlrd, BIFF)."""
    return _xlsx_sheets(path, data) if kind == "xlsx" else _xls_sheets(path, data)


def documents(
    path: str, sheets: list[Sheet], fmt: str, source: TableSource, sha: str, sheet: str | None = None
) -> list[Document]:
    """One Document per report sheet (or the named sheet). With several report sheets each path is
    'book.xlsx#Sheet2' and each sha256 that of '<file sha>#<sheet name>'."""
    reports = [s for s in sheets if s.holds_report()]
    if len(reports) > 1 and any(s.speaks_of_a_report() for s in reports):
        reports = [s for s in reports if s.speaks_of_a_report()]
    if sheet is not None:
        chosen = [s for s in sheets if s.name == sheet]
        if not chosen:
            names = ", ".join(s.name for s in sheets) or "none"
            reason = f"the workbook has no sheet named {sheet!r} (sheets: {names})"
            raise InputError(f"{path}#{sheet}", reason)
        if not chosen[0].holds_report():
            raise InputError(f"{path}#{sheet}", f"sheet {sheet!r} is empty")
        several = len(reports) > 1
        return [_document(path, chosen[0], fmt, source, sha, several, True)]
    if not reports:
        raise InputError(path, "the workbook has no sheet with text (only empty or chart sheets)")
    covers = _covers(reports)
    reports = [s for s in reports if s.name not in {c.name for c in covers.values()}]
    several = len(reports) > 1
    return [_document(path, s, fmt, source, sha, several, several, covers.get(s.name)) for s in reports]


def _covers(reports: list[Sheet]) -> dict[str, Sheet]:
    """The cover sheets of the report sheets, by the name of the sheet they cover: a sheet that
    holds no figure (words only: the title, 填报单位, 填报日期) right before one that does."""
    out: dict[str, Sheet] = {}
    for sheet, following in zip(reports, reports[1:], strict=False):
        if not _has_figures(sheet) and _has_figures(following):
            out[following.name] = sheet
    return out


def _has_figures(sheet: Sheet) -> bool:
    return any(FIGURE.fullmatch(t.strip()) for t in sheet.texts.values())


def sheet_sha(file_sha: str, name: str) -> str:
    """The key of one sheet's report when a workbook holds several."""
    return hashlib.sha256(f"{file_sha}#{name}".encode()).hexdigest()


SHEET_YEAR = regex.compile(r"(?:19|20)\d{2}年")
SHEET_LINE = "工作表："  # the line naming the sheet


def _document(
    path: str,
    sheet: Sheet,
    fmt: str,
    source: TableSource,
    sha: str,
    several: bool,
    named: bool,
    cover: Sheet | None = None,
) -> Document:
    """The sheet's report: its leading prose, its table, its trailing prose; a cover sheet's rows
    before them, one line each; the sheet's name last when it names a year (a form whose title
    names none)."""
    head, body, tail = _split_rows(sheet)
    lines = [_prose(sheet, r) for r in head]
    text = "".join(_row_line(cover, r) + "\n" for r in sorted({r for r, _ in cover.texts})) if cover else ""
    text += "".join(line + "\n" for line in lines)
    tables = []
    if body:
        table = _table(sheet, body, source)
        text += render(table, len(text))
        tables.append(table)
    text += "".join(_prose(sheet, r) + "\n" for r in tail)
    if SHEET_YEAR.search(sheet.name):  # the year only in the sheet's name ('2021年度乡村道路项目自评表')
        text += f"{SHEET_LINE}{sheet.name}\n"
    return Document(
        path=f"{path}#{sheet.name}" if named else path,
        format=fmt,
        text=text,
        page_starts=[0],
        tables=tables,
        sha256=sheet_sha(sha, sheet.name) if several else sha,
    )


def _origins(sheet: Sheet) -> dict[tuple[int, int], Merge]:
    return {(m[0], m[1]): m for m in sheet.merges}


def _split_rows(sheet: Sheet) -> tuple[list[int], list[int], list[int]]:
    """Rows of the leading prose, of the table, of the trailing prose (blank rows left out of prose)."""
    used = [k for k, t in sheet.texts.items() if t.strip()]
    first, last = min(r for r, _ in used), max(r for r, _ in used)
    left = min(c for _, c in used)
    width = max(c for _, c in used) - left + 1
    origins = _origins(sheet)
    by_row: dict[int, list[int]] = {}
    for r, c in used:
        by_row.setdefault(r, []).append(c)

    def prose(r: int) -> bool | None:  # None: a blank row
        cols = by_row.get(r, [])
        if not cols:
            return None
        if len(cols) > 1:
            return False
        merge = origins.get((r, cols[0]))
        if merge and merge[2] > merge[0]:
            return False
        return cols[0] == left or bool(merge and 2 * (merge[3] - merge[1] + 1) >= width)

    top = first
    while top <= last and prose(top) is not False:
        top += 1
    bottom = last
    while bottom >= top and prose(bottom) is not False:
        bottom -= 1
    head = [r for r in range(first, top) if prose(r)]
    tail = [r for r in range(bottom + 1, last + 1) if prose(r)]
    return head, list(range(top, bottom + 1)), tail


def _row_line(sheet: Sheet, row: int) -> str:
    """A row's texts, left to right, on one line."""
    texts = (t for (r, _), t in sorted(sheet.texts.items()) if r == row and t.strip())
    return " ".join(" ".join(t.split()) for t in texts)


def _prose(sheet: Sheet, row: int) -> str:
    return next(" ".join(t.split()) for (r, _), t in sorted(sheet.texts.items()) if r == row and t.strip())


def _table(sheet: Sheet, rows: list[int], source: TableSource):
    top, bottom = rows[0], rows[-1]
    merges = [m for m in sheet.merges if m[0] <= bottom and m[2] >= top]
    cols = [c for (r, c), t in sheet.texts.items() if top <= r <= bottom and t.strip()]
    cols += [c for m in merges for c in (m[1], m[3])]
    left, right = min(cols), max(cols)
    covered = {(r, c) for m in merges for r in range(m[0], m[2] + 1) for c in range(m[1], m[3] + 1)}
    origins = {(m[0], m[1]): m for m in merges}
    grid: list[list[Cell]] = []
    for r in range(top, bottom + 1):
        row: list[Cell] = []
        for c in range(left, right + 1):
            merge = origins.get((r, c))
            if merge is None and (r, c) in covered:
                continue
            if merge is not None and (merge[0] < top or merge[1] < left):
                continue
            last_r, last_c = (min(merge[2], bottom), min(merge[3], right)) if merge else (r, c)
            row.append(
                Cell(
                    row=r - top,
                    col=c - left,
                    rowspan=last_r - r + 1,
                    colspan=last_c - c + 1,
                    text=cell_text(sheet.texts.get((r, c), "")),
                    address=_address(sheet, r, c),
                )
            )
        grid.append(row)
    return build_table(grid, source, sheet=sheet.name)


def _address(sheet: Sheet, row: int, col: int) -> str:
    r, c = sheet.place(row, col)
    return f"{sheet.name}!{column_letter(c)}{r + 1}"


def column_letter(col: int) -> str:
    """0-based column index to its letters (0 -> A, 26 -> AA)."""
    letters = ""
    col += 1
    while col:
        col, rem = divmod(col - 1, 26)
        letters = chr(ord("A") + rem) + letters
    return letters


# --------------------------------------------------------------------------- openpyxl


def _xlsx_sheets(path: str, data: bytes) -> list[Sheet]:
    import openpyxl
    from openpyxl.worksheet.worksheet import Worksheet

    try:
        book = openpyxl.load_workbook(io.BytesIO(data), data_only=True)
    except Exception as exc:  # noqa: BLE001 - zip, XML or schema errors in the package
        raise InputError(path, f"not a readable Excel workbook ({type(exc).__name__})") from exc
    sheets = []
    for ws in book.worksheets:
        if not isinstance(ws, Worksheet) or ws.sheet_state != "visible":
            continue
        sheet = Sheet(ws.title)
        for (r, c), cell in ws._cells.items():  # only the cells stored, however wide the used range
            if cell.value is not None:
                sheet.texts[(r - 1, c - 1)] = display(cell.value, cell.number_format)
        for rng in ws.merged_cells.ranges:
            sheet.merges.append((rng.min_row - 1, rng.min_col - 1, rng.max_row - 1, rng.max_col - 1))
        sheets.append(visible(sheet, *_xlsx_hidden(ws)))
    return sheets


def _xlsx_hidden(ws) -> tuple[set[int], set[int]]:
    """The hidden rows and columns of an openpyxl worksheet, 0-based (a column entry may cover a range)."""
    rows = {r - 1 for r, dim in ws.row_dimensions.items() if dim.hidden}
    cols = {c - 1 for dim in ws.column_dimensions.values() if dim.hidden for c in range(dim.min, dim.max + 1)}
    return rows, cols


# --------------------------------------------------------------------------- xlrd (BIFF .xls, .et)


def _xls_sheets(path: str, data: bytes) -> list[Sheet]:
    import xlrd

    try:
        book = xlrd.open_workbook(file_contents=data, formatting_info=True)
    except Exception as exc:  # noqa: BLE001 - xlrd raises many kinds for a broken BIFF stream
        raise InputError(path, f"not a readable .xls workbook ({type(exc).__name__}: {exc})") from exc
    sheets = []
    for ws in book.sheets():
        if ws.visibility != 0:
            continue
        sheet = Sheet(ws.name)
        for r in range(ws.nrows):
            for c, cell in enumerate(ws.row(r)):
                text = _xls_text(book, cell)
                if text is not None:
                    sheet.texts[(r, c)] = text
        sheet.merges = [(rlo, clo, rhi - 1, chi - 1) for rlo, rhi, clo, chi in ws.merged_cells]
        rows = {r for r, info in ws.rowinfo_map.items() if info.hidden}
        sheets.append(visible(sheet, rows, {c for c, info in ws.colinfo_map.items() if info.hidden}))
    return sheets


def _xls_text(book, cell) -> str | None:
    import xlrd

    if cell.ctype in (xlrd.XL_CELL_EMPTY, xlrd.XL_CELL_BLANK):
        return None
    if cell.ctype == xlrd.XL_CELL_TEXT:
        return cell.value
    if cell.ctype == xlrd.XL_CELL_BOOLEAN:
        return display(bool(cell.value), None)
    if cell.ctype == xlrd.XL_CELL_ERROR:
        return xlrd.error_text_from_code.get(cell.value, "#ERROR")
    fmt = book.format_map[book.xf_list[cell.xf_index].format_key].format_str
    if cell.ctype == xlrd.XL_CELL_DATE:
        moment = xlrd.xldate.xldate_as_datetime(cell.value, book.datemode)
        return display(moment.time() if cell.value < 1 else moment, fmt)
    return display(cell.value, fmt)
