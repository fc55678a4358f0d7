"""A department's expenditure table (部门整体支出情况表): rows of money by column,
or a form's label cells each followed by its figure.

The table is read from the original lines, as a stream of cells: a line with gaps
(spaces, tabs, pipes) holds several cells, a line without one cell, so a table
written one cell a line reads the same as one written a row a line. Vocabulary in
``patterns/budget_table.toml``. A row is kept only when it has exactly one figure
per column, so a row with a blank or merged cell is left out rather than shifted.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from decimal import Decimal

import regex

import patterns
from extractor.models import NumberKind, Value
from extractor.normalize import NormText

_T = patterns.load("budget_table")
COLUMNS = {name: regex.compile(p) for name, p in _T["columns"].items()}
ROWS = {name: regex.compile(p) for name, p in _T["rows"].items()}
KEYS: dict[str, dict[str, str]] = _T["keys"]
UNIT = regex.compile(_T["unit"]["pattern"])
SCALES = {u: Decimal(s) for u, s in _T["unit"]["scale"].items()}
LINES_ABOVE: int = _T["unit"]["lines_above"]
OTHER_TABLES = regex.compile(
    patterns.load("tables")["budget"]["scope"]["other_tables"] + "|" + _T["scope"]["project_tables"]
)
WS = regex.compile(r"\s+")
FIGURE = regex.compile(r"^(?P<n>-?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?)(?P<pct>%)?$")
OF_WHICH = regex.compile(_T["of_which"])
GAP = regex.compile(r"[ \t|]*\|[ \t|]*|[ \t]{2,}|\t|(?<=\S) (?=\S)")


@dataclass(frozen=True)
class Cell:
    text: str  # NFKC, no spaces
    start: int  # offsets in the original text
    end: int
    line: int  # index of its physical line


def budget_table_fields(norm: NormText) -> dict[str, Value]:
    """Contract keys read from the first expenditure table of the report."""
    cells = _cells(norm.original)
    for i in range(len(cells)):
        columns = _header(cells, i)
        if columns:
            if OTHER_TABLES.search(_above(norm.original, cells[i])):
                continue  # a 三公经费 table: its 合计 is not the department's
            scale = _unit(norm.original, cells, i, len(columns))
            return _rows(norm, cells, i + len(columns), columns, scale) if scale else {}
    return _form(norm, cells)


def _form(norm: NormText, cells: list[Cell]) -> dict[str, Value]:
    """A form's label cells each followed by its figure (年初预算数 / 580.50 / 全年预算数 / …),
    two or more in a row, under a stated unit: the report's own figures."""
    for i in range(len(cells) - 3):
        pairs = []
        j = i
        while (
            j + 1 < len(cells)
            and (column := _match(COLUMNS, cells[j].text))
            and FIGURE.match(cells[j + 1].text)
        ):
            pairs.append((column, cells[j + 1]))
            j += 2
        scale = _unit(norm.original, cells, i, j - i) if len(pairs) >= 2 else None
        if scale:
            return {KEYS["total"][c]: _value(norm, cell, c == "rate", scale) for c, cell in pairs}
    return {}


def _cells(text: str) -> list[Cell]:
    out, pos = [], 0
    for n, line in enumerate(text.split("\n")):
        start = 0
        for gap in [*GAP.finditer(line), None]:
            end = gap.start() if gap else len(line)
            raw = line[start:end]
            clean = WS.sub("", unicodedata.normalize("NFKC", raw))
            if clean:
                lead = len(raw) - len(raw.lstrip())
                out.append(Cell(clean, pos + start + lead, pos + start + len(raw.rstrip()), n))
            start = gap.end() if gap else start
        pos += len(line) + 1
    return out


def _header(cells: list[Cell], i: int) -> list[str]:
    """The column names of a header starting at cells[i], followed by a row label; else []."""
    columns: list[str] = []
    j = i
    while j < len(cells) and (name := _match(COLUMNS, cells[j].text)) and name not in columns:
        columns.append(name)
        j += 1
    if len(columns) < 2 or not {"executed", "rate"} & set(columns):
        return []
    return columns if j < len(cells) and _match(ROWS, cells[j].text) else []


def _unit(text: str, cells: list[Cell], i: int, n: int) -> Decimal | None:
    above = _above(text, cells[i])
    header = " ".join(c.text for c in cells[max(0, i - 1) : i + n])
    m = UNIT.search(unicodedata.normalize("NFKC", above + " " + header))
    return SCALES[m["u"]] if m else None


def _above(text: str, cell: Cell) -> str:
    """The last few non-empty lines before the cell's line (a table's title and unit)."""
    lines = [line for line in text[: cell.start].split("\n")[:-1] if line.strip()]
    return unicodedata.normalize("NFKC", " ".join(lines[-LINES_ABOVE:]))


def _rows(norm: NormText, cells: list[Cell], j: int, columns: list[str], scale: Decimal) -> dict[str, Value]:
    out: dict[str, Value] = {}
    while j < len(cells):
        if OF_WHICH.match(cells[j].text):
            j += 1  # 其中： standing in a cell of its own before 基本支出
            continue
        row = _match(ROWS, cells[j].text)
        if row is None:
            break
        figures = cells[j + 1 : j + 1 + len(columns)]
        if len(figures) < len(columns) or not all(FIGURE.match(c.text) for c in figures):
            break
        # a row's budget is its 全年 figure, its 年初 one only without it
        for column, cell in sorted(zip(columns, figures, strict=True), key=lambda cc: cc[0] == "initial"):
            key = KEYS.get(row, {}).get(column)
            if key and key not in out:
                out[key] = _value(norm, cell, column == "rate", scale)
        j += 1 + len(columns)
    return out


def _value(norm: NormText, cell: Cell, rate: bool, scale: Decimal) -> Value:
    m = FIGURE.match(cell.text)
    assert m is not None
    number = Decimal(m["n"].replace(",", ""))
    decimals = len(m["n"].partition(".")[2])
    span = norm.original_span(cell.start, cell.end)
    if rate:
        return Value(
            value=number, raw=span.text, span=span, kind=NumberKind.percent, unit="%", decimals=decimals
        )
    unit = next(u for u, s in SCALES.items() if s == scale)
    return Value(
        value=number * scale,
        raw=span.text,
        span=span,
        kind=NumberKind.amount,
        unit=unit,
        decimals=decimals,
        scale=scale,
    )


def _match(named: dict[str, regex.Pattern], text: str) -> str | None:
    return next((name for name, p in named.items() if p.match(text)), None)
