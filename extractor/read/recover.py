"""Tables flattened into plain text, recovered as grids (``grid.Table``, source "text").

One entry point, ``recover_tables(text)``, run on the decoded text before any prose
normalization. Two kinds of flattening are read:

- explicit rows: one table row a line, its cells cut by pipes (``a | b |``, ``|a|b|``),
  tabs, or wide gaps (two or more spaces, full-width spaces), or single spaces when every
  cell is a word of the vocabulary, a corner word or a figure (``支出合计 12.50 10.20``);
  an of_which cell (其中：) before a row label is joined into the label's cell;
- one cell a line (Word "save as text", web pages copied to text), with or without a
  blank line after every cell, empty cells as a blank line or a line of one space, a
  cell's text possibly on several lines (``年初`` / ``预算数``: pieces are joined when
  together they are a header or label word of patterns/tables.toml; with blank lines
  between cells, consecutive lines are one cell, a long text wrapped);
- a narrow borderless table copied out of a PDF viewer, its cells wrapped into fragments
  (``养护里`` / ``程`` / ``≥120`` / ``公里`` / ``125 公`` / ``里`` / ``15 15``: three words of the
  vocabulary or more that only fragments make, and rows' figures side by side): every line cut at
  its single spaces, label fragments joined by the vocabulary, and each indicator, budget or
  key row's pieces cut into its cells by ``read/wrapped.py`` (the cell types, how wrapped lines
  fill the column its header gives, the alignment the copy shows, the row's arithmetic); a row
  that cannot be cut one way ends the indicator rows read.

A form's column labels each followed by its figure (年初预算数 / 580.50 / 全年预算数 /
620.30, two pairs or more) become a two-column grid, one pair a row.

Page-number lines (``- 3 -``, ``第 3 页 共 9 页``: page_markers of patterns/normalize.toml)
are neither cells nor the end of a table.

Where rows start and how wide they are comes from the table's own header rows and
labels (the vocabulary of patterns/tables.toml and patterns/budget_table.toml): a row
whose leading merged cells (一级指标/二级指标) are written only on their first row is
placed under its header's columns and the positions before it are covered by the
cell above (its rowspan extended). A short row's last cell spans to the table's last
column. A stretch of lines with no header or label of the vocabulary is never claimed.
Glued cells (``43.237.24``) and a whole table on one line are not recovered here.
"""

from __future__ import annotations

import bisect
import unicodedata
from dataclasses import dataclass, field
from functools import lru_cache
from itertools import combinations

import regex

import patterns
from extractor.grid import Cell, Table
from extractor.read import wrapped

# A line longer than this is prose, never a cell of a table written one cell a line.
PROSE_CHARS = 80
# Pieces longer than this are never joined into a header or label word.
PIECE_CHARS = 12
JOIN_MAX = 4
# A copy in fragments cuts a long header word in more pieces ('偏差原' / '因分析' / '及' / '改进措' / '施').
FRAGMENTS_JOINED = 6
LABEL_CHARS = 40
CORNER_CHARS = 4
# A header row never has more columns than this (a longer run of header words is cut into rows).
MAX_COLUMNS = 40

PIPE = regex.compile(r"[|｜]")
# A line that is one cell closed by a pipe ('年初预算 |', '| 100 |'), or a lone pipe (an empty cell):
# a table written one cell a line by a page that ends every cell with a separator.
ONE_CELL = regex.compile(r"^[ \u3000]*[|｜]?[ \u3000]*(?P<cell>[^|｜]*?)[ \u3000]*[|｜][ \u3000]*$")
GAP = regex.compile(r"(?: {2,}|\u3000+|\t)")
SPACE = regex.compile(r"(?<=\S) (?=\S)")
WS = regex.compile(r"\s+")
FORM_FEED = regex.compile("\f")  # a page break
DIGIT = regex.compile(r"\d")
SENTENCE_END = regex.compile(r"[。；;！？]\s*$")
FIGURE = regex.compile(r"^-?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?%?$")
LATIN_END = regex.compile(r"[A-Za-z0-9]$")
LATIN_START = regex.compile(r"^[A-Za-z0-9]")
NON_SPACE = regex.compile(r"\S+")
# Two plain figures side by side on a line: a copied row's weight and score ('15 15').
FIGURE_PAIR = regex.compile(r"(?<!\S)\d+(?:\.\d+)? \d+(?:\.\d+)?(?!\S)")
# Words made by joining a copy's fragments (and figure lines) that make the text a copy in fragments.
FRAGMENT_WORDS = 3

# Roles of a cell's text. "col:*" are column headers; the rest label rows.
LEVEL1, LEVEL2 = "level1", "level2"
STARTERS = {"key", "label", "funds", LEVEL1, LEVEL2}


@dataclass
class Piece:
    """A cell's text and where it stands in the text (first and last line)."""

    text: str
    start: int
    end: int
    line: int
    last_line: int
    prose: bool = False

    @property
    def blank(self) -> bool:
        return not self.text and not self.prose


@dataclass
class Row:
    cells: list[Piece]
    start: int | None = None  # first column, None: under the row above's last cells
    header: bool = False
    slots: list[tuple[int, int]] | None = None  # each cell's (column, colspan) where they are known
    whole: bool = False  # every cell of the row in its column: its last cell is not spread


@dataclass
class Block:
    """The header row last seen: which columns hold the levels and the row labels."""

    kind: str = ""  # "funds" | "indicator"
    width: int = 0
    label_col: int = 0
    level1_col: int = 0
    level2_col: int = 1
    name_col: int = 2
    roles: list[str] = field(default_factory=list)  # each column's header role ("col:weight", "")
    widths: list[int] = field(default_factory=list)  # a copy in fragments: each header cell's widest line


@dataclass
class Line:
    start: int
    end: int
    text: str
    cells: list[tuple[int, int]] = field(default_factory=list)  # explicit cells' offsets


# --------------------------------------------------------------------------- vocabulary


def _alternatives(words: list[str]) -> str:
    return "|".join(f"(?:{w})" for w in words)


@lru_cache(maxsize=1)
def _roles() -> list[tuple[str, regex.Pattern[str]]]:
    tables = patterns.load("tables")
    budget_table = patterns.load("budget_table")
    tail = tables["label_tail"]
    levels = tables["indicator"]["levels"]
    note = levels["weight_note"]
    out: list[tuple[str, list[str]]] = []
    for role, words in tables["budget"]["columns"].items():
        out.append((f"col:{role}", words))
    for role, words in tables["indicator"]["columns"].items():
        if role != "group":
            out.append((f"col:{role}", words))
    out.append(("col:budget_table", [w.strip("^$") for w in budget_table["columns"].values()]))
    out.append(("funds", [w for words in tables["budget"]["rows"].values() for w in words]))
    out.append(("funds", [w.strip("^$") for w in budget_table["rows"].values()]))
    both = set(levels["level1"]) & set(levels["level2"])
    out.append((LEVEL1, [w for w in levels["level1"] if w not in both]))
    out.append((LEVEL2, [w + levels["level2_tail"] for w in levels["level2"]]))
    out.append(("key", [w for words in tables["key"].values() for w in words] + tables["recover"]["keys"]))
    blocks = tables["blocks"]
    out.append(("label", blocks["end_budget"] + blocks["end_indicators"] + blocks["total"]))
    out.append(("group", blocks["budget_group"] + tables["indicator"]["columns"]["group"]))
    out.append(("group", tables["recover"]["groups"]))
    out.append(("goal", tables["recover"]["goal_columns"]))
    compiled = []
    for role, words in out:
        suffix = f"(?:{note})?{tail}" if role in (LEVEL1, LEVEL2) else tail
        compiled.append((role, regex.compile(f"(?:{_alternatives(words)}){suffix}")))
    return compiled


@lru_cache(maxsize=1)
def _any_role() -> regex.Pattern[str]:
    """Every role's pattern joined: a text that is no role's word is known so in one call."""
    return regex.compile("|".join(f"(?:{p.pattern})" for _, p in _roles()))


def _compact(text: str) -> str:
    return WS.sub("", unicodedata.normalize("NFKC", text)).replace("：", ":")


@lru_cache(maxsize=4096)
def role(text: str) -> str | None:
    """What a cell's text is in the vocabulary: a column header ("col:executed"), a row label
    ("funds", "key", "label", "level1", "level2"), a group header, a goal column, or None."""
    compact = _compact(text)
    if not compact or len(compact) > LABEL_CHARS or not _any_role().fullmatch(compact):
        return None
    for name, pattern in _roles():
        if pattern.fullmatch(compact):
            return name
    return None


def _is_column(text: str) -> bool:
    r = role(text)
    return r is not None and r.startswith("col:")


# --------------------------------------------------------------------------- lines


def _lines(text: str) -> list[Line]:
    """The text's lines, page-number lines left out (a table goes on across them)."""
    out: list[Line] = []
    pos = 0
    for raw in text.split("\n"):
        line = _one_cell(raw, pos) or Line(pos, pos + len(raw), raw, _explicit_cells(raw, pos))
        if _is_page_number(line):
            pass
        elif out and _continues_row(out[-1], line):
            out[-1] = Line(out[-1].start, line.end, text[out[-1].start : line.end], _row_cells(out[-1], line))
        else:
            out.append(line)
        pos += len(raw) + 1
    return out


def _continues_row(before: Line, line: Line) -> bool:
    """A level name alone on its line ('成本指标') and a row that opens with a pipe on the next one
    ('| 宣传片制作费 | 200万 | …'): one row whose first cell was cut off by a line break."""
    if before.cells or not line.cells or not PIPE.match(line.text.lstrip()):
        return False
    return role(before.text) in (LEVEL1, LEVEL2)


def _row_cells(before: Line, line: Line) -> list[tuple[int, int]]:
    lead = len(before.text) - len(before.text.lstrip())
    return [(before.start + lead, before.start + len(before.text.rstrip())), *line.cells]


def _one_cell(raw: str, pos: int) -> Line | None:
    """A line of one cell and its closing pipe, as the line of the cell's text alone (so that it is
    read like a table written one cell a line); a lone pipe is an empty cell."""
    m = ONE_CELL.match(raw)
    if m is None:
        return None
    s, e = m.span("cell")
    return Line(pos + s, pos + e, raw[s:e] or " ")  # an empty cell: a line of one space


def _explicit_cells(raw: str, offset: int) -> list[tuple[int, int]]:
    """Offsets of the cells of a line written as a row (pipes, tabs, wide gaps); [] if it is not one."""
    if len(raw) > 20000:
        return []
    stripped = raw.strip(" \u3000\f\v")
    if not stripped:
        return []
    lead = offset + raw.index(stripped[0])
    if PIPE.search(stripped):
        cuts = [m.span() for m in PIPE.finditer(stripped)]
        bounds = _between(stripped, cuts)
        if stripped[0] in "|｜":
            bounds = bounds[1:]
        if stripped[-1] in "|｜":
            bounds = bounds[:-1]
    else:
        bounds = _between(stripped, [m.span() for m in GAP.finditer(stripped)])
        if len(bounds) < 2:
            bounds = _single_spaced(stripped)
    if len(bounds) < 2:
        return []
    return [_trimmed(stripped, s, e, lead) for s, e in bounds]


def _single_spaced(text: str) -> list[tuple[int, int]]:
    """Cells cut by single spaces ('支出合计 12.50 10.20 81.60%'), only when every cell is a word of
    the vocabulary, a corner word or a figure, and one at least a word; [] otherwise."""
    cuts = [m.span() for m in SPACE.finditer(text)]
    if not cuts or len(cuts) >= MAX_COLUMNS:
        return []
    bounds = _between(text, cuts)
    words = [text[s:e] for s, e in bounds]
    known = [role(w) is not None for w in words]
    if not any(known):
        return []
    ok = all(k or w in _corner_words() or FIGURE.match(w) for w, k in zip(words, known, strict=True))
    return bounds if ok else []


def _between(text: str, cuts: list[tuple[int, int]]) -> list[tuple[int, int]]:
    out, pos = [], 0
    for s, e in cuts:
        out.append((pos, s))
        pos = e
    out.append((pos, len(text)))
    return out


def _trimmed(text: str, s: int, e: int, lead: int) -> tuple[int, int]:
    while s < e and text[s].isspace():
        s += 1
    while e > s and text[e - 1].isspace():
        e -= 1
    if s == e:
        return lead + s, lead + s
    return lead + s, lead + e


@lru_cache(maxsize=1)
def _page_marker() -> regex.Pattern[str]:
    """The page-number forms as one pattern (none has groups): one match a line, not one a form."""
    return regex.compile("|".join(f"(?:{p})" for p in patterns.load("normalize")["page_markers"]))


def _is_page_number(line: Line) -> bool:
    """A page-number line (``- 3 -``, ``第 3 页 共 9 页``) left in by a PDF export: no cell, no break."""
    stripped = unicodedata.normalize("NFKC", line.text).strip()
    return bool(stripped) and _page_marker().match(stripped) is not None


def _is_prose(line: Line) -> bool:
    text = line.text.strip()
    return len(text) > PROSE_CHARS or bool(_heading().match(text))


@lru_cache(maxsize=1)
def _heading() -> regex.Pattern[str]:
    return regex.compile(patterns.load("tables")["indicator"]["end_heading"])


# --------------------------------------------------------------------------- entry point


def recover_tables(text: str) -> list[Table]:
    """The tables flattened into `text`, as grids whose cells' start/end are offsets in `text`."""
    from extractor.read.layout import layout_tables

    laid_out = layout_tables(text)
    if laid_out:
        return sorted([*laid_out, *_recovered(_blanked(text, laid_out))], key=lambda t: t.start)
    return _recovered(text)


def _blanked(text: str, tables: list[Table]) -> str:
    """The text with the lines of `tables` blanked (offsets kept): no other reading claims them."""
    chars = list(text)
    for table in tables:
        for i in range(table.start, table.end):
            if chars[i] not in "\n\f":
                chars[i] = " "
    return "".join(chars)


def _recovered(text: str) -> list[Table]:
    lines = _lines(text)
    fragments = _copied_fragments(text, lines)
    if fragments:
        lines = _atoms(text, lines)
    page_starts = [0] + [m.end() for m in FORM_FEED.finditer(text)]
    line_starts = [ln.start for ln in lines]
    tables: list[Table] = []
    i = 0
    while i < len(lines):
        j = i
        if lines[i].cells:
            while j < len(lines) and (lines[j].cells or not lines[j].text.strip()):
                j += 1
            rows = _explicit_rows(text, lines[i:j])
            if rows:
                tables.append(_table(text, rows, line_starts, page_starts))
        else:
            while j < len(lines) and not lines[j].cells:
                j += 1
            for rows in _flat_tables(text, lines[i:j], fragments):
                tables.append(_table(text, rows, line_starts, page_starts))
        i = j
    return tables


# --------------------------------------------------------------------------- a copy in fragments


def _copied_fragments(text: str, lines: list[Line]) -> bool:
    """The text is a narrow table copied out of a PDF viewer, its cells wrapped into fragments:
    three words of the vocabulary or more that only their fragments together make ('年初预' / '算数',
    '产出指' / '标（50' / '分）'), and two lines or more holding a row's figures side by side
    ('15 15', '200 210 199.5 10 95% 9.5')."""
    atoms = _atoms(text, lines)
    pieces = [Piece(_clean(a.text), a.start, a.end, a.start, a.start) for a in atoms]
    joined = sum(1 for p in _join_words(pieces) if p.line != p.last_line)
    figures = sum(1 for ln in lines if FIGURE_PAIR.search(ln.text))
    return joined >= FRAGMENT_WORDS and figures >= FRAGMENT_WORDS - 1


def _atoms(text: str, lines: list[Line]) -> list[Line]:
    """Each line that is no row of explicit cells (pipes, tabs, wide gaps) and no prose cut at its
    single spaces: every piece a line of its own (the cells of a copy in fragments)."""
    out: list[Line] = []
    for line in lines:
        raw = line.text
        if _is_prose(line) or PIPE.search(raw) or GAP.search(raw.strip()):
            out.append(line)
            continue
        for m in NON_SPACE.finditer(raw):
            out.append(Line(line.start + m.start(), line.start + m.end(), m.group()))
        if not raw.strip():
            out.append(line)
    return out


# --------------------------------------------------------------------------- explicit rows


def _explicit_rows(text: str, lines: list[Line]) -> list[Row]:
    rows: list[Row] = []
    block = Block()
    for line in lines:
        if not line.cells:
            continue
        cells = _of_which_joined([_piece(text, s, e, line) for s, e in line.cells])
        header = sum(1 for c in cells if _is_column(c.text)) >= 2
        if header:
            block = _block(cells)
            rows.append(Row(cells, 0, header=True))
            continue
        rows.append(Row(cells, _explicit_start(cells, block)))
    labelled = sum(1 for r in rows if not r.header and role(r.cells[0].text) in STARTERS)
    if not any(r.header for r in rows) and labelled < 2:
        return []
    return rows


def _of_which_joined(cells: list[Piece]) -> list[Piece]:
    """An of_which cell (其中：, patterns/budget_table.toml) before a row label belongs with the label:
    '其中： | 人员经费 | 800.00' is the row 其中：人员经费 | 800.00."""
    if len(cells) < 2 or not _of_which().match(_compact(cells[0].text)) or role(cells[1].text) != "funds":
        return cells
    return [_merge(cells[:2]), *cells[2:]]


@lru_cache(maxsize=1)
def _of_which() -> regex.Pattern[str]:
    return regex.compile(patterns.load("budget_table")["of_which"])


def _explicit_start(cells: list[Piece], block: Block) -> int | None:
    first = role(cells[0].text)
    if first == LEVEL1 or (first == LEVEL2 and len(cells) >= 2 and role(cells[1].text) == LEVEL2):
        return block.level1_col if block.kind == "indicator" else None
    if first == LEVEL2:
        return block.level2_col if block.kind == "indicator" else None
    if first == "funds":
        return block.label_col if block.kind == "funds" else 0
    if first in ("key", "label", "group"):
        return 0
    return None


def _piece(text: str, s: int, e: int, line: Line) -> Piece:
    no = line.start
    return Piece(_clean(text[s:e]), s, e, no, no)


def _clean(text: str) -> str:
    return " ".join(text.split())


def _block(header: list[Piece]) -> Block:
    roles = [role(c.text) or "" for c in header]
    block = Block(width=len(header), roles=roles)
    if "col:level1" in roles or "col:level2" in roles or "col:name" in roles:
        block.kind = "indicator"
        block.level1_col = roles.index("col:level1") if "col:level1" in roles else 0
        block.level2_col = roles.index("col:level2") if "col:level2" in roles else block.level1_col + 1
        block.name_col = roles.index("col:name") if "col:name" in roles else block.level2_col + 1
    else:
        block.kind = "funds"
        first = next(k for k, r in enumerate(roles) if r.startswith("col:"))
        block.label_col = max(first - 1, 0)
    return block


# --------------------------------------------------------------------------- one cell a line


def _flat_tables(text: str, lines: list[Line], fragments: bool = False) -> list[list[Row]]:
    pieces = _join_words(_flat_pieces(text, lines), FRAGMENTS_JOINED if fragments else JOIN_MAX)
    out: list[list[Row]] = []
    i = 0
    while i < len(pieces):
        h = _header_end(pieces, i)
        if h is None:
            form, end = _form_rows(pieces, i)
            if form:
                out.append(form)
            i = max(end, i + 1)
            continue
        start = _copied_keys_before(pieces, i) if fragments else _keys_before(pieces, i)
        rows, end = _Builder(pieces, text if fragments else None).build(start)
        i = max(end, h)
        if len(rows) >= 2:
            out.append(_uncovered(rows) if _displaced_levels(rows) else rows)
    return out


def _displaced_levels(rows: list[Row]) -> bool:
    """Rows of level names alone after the last row with a figure (pdftotext writes a level cell
    merged over rows where the page drew it, away from its rows): which rows each level covers is
    then not known. A level row before its indicators (its cells after it empty) is in place."""
    last_figure = max((k for k, row in enumerate(rows) if any(_is_figure(c) for c in row.cells)), default=-1)
    return any(_levels_alone(row) for row in rows[last_figure + 1 :])


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
            block = _block(row.cells)
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
    while k < len(pieces) and _is_column(pieces[k].text):
        f = _after_blanks(pieces, k + 1)
        if f >= len(pieces) or not _is_figure(pieces[f]):
            break
        rows.append(Row([pieces[k], pieces[f]], 0))
        k = _after_blanks(pieces, f + 1)
    return (rows, k) if len(rows) >= 2 else ([], i)


def _after_blanks(pieces: list[Piece], k: int) -> int:
    while k < len(pieces) and pieces[k].blank:
        k += 1
    return k


def _is_figure(piece: Piece) -> bool:
    return bool(FIGURE.match(_compact(piece.text)))


def _flat_pieces(text: str, lines: list[Line]) -> list[Piece]:
    separated = _blank_separated(lines)
    out: list[Piece] = []
    group: list[Line] = []
    for n, line in enumerate(lines):
        stripped = line.text.strip()
        if _is_prose(line):
            _flush(text, group, out)
            group = []
            out.append(Piece("", line.start, line.end, line.start, line.start, prose=True))
        elif not stripped:
            if separated:
                _flush(text, group, out)
                group = []
                if line.text:  # a line of one space: an empty cell
                    out.append(Piece("", line.start, line.start, line.start, line.start))
            else:
                out.append(Piece("", line.start, line.start, line.start, line.start))
        elif separated:
            if group and (
                _starts_after_sentence(group[-1], line)
                or _corner_before_columns(lines, n)
                or _word_after_cell(group, line)
            ):
                _flush(text, group, out)
                group = []
            group.append(line)
        else:
            _flush(text, [line], out)
    _flush(text, group, out)
    return out


SEPARATED_SHARE = 0.7  # of the lines with text followed by a blank line: blank lines part the cells
SHORT_RUN = 3  # lines: a cell wrapped over a few lines at most
SHORT_RUNS_SHARE = 0.85  # of the lines with text in runs of SHORT_RUN lines or fewer


def _blank_separated(lines: list[Line]) -> bool:
    """Whether blank lines part the cells (a web page copied, pdftotext's text): most lines with
    text are followed by a blank line, or nearly all stand in runs of a few lines (cells wrapped
    over two or three lines, as pdftotext writes a narrow column's cells)."""
    runs: list[int] = []
    n = 0
    for line in lines:
        if line.text.strip():
            n += 1
        elif n:
            runs.append(n)
            n = 0
    runs += [n] if n else []
    content = sum(runs)
    followed = sum(1 for a, b in zip(lines, lines[1:], strict=False) if a.text.strip() and not b.text)
    short = sum(r for r in runs if r <= SHORT_RUN)
    return bool(content) and (followed >= SEPARATED_SHARE * content or short >= SHORT_RUNS_SHARE * content)


def _starts_after_sentence(before: Line, line: Line) -> bool:
    """A line that can begin a table (a word of the vocabulary such as 项目名称, or a short corner
    cell such as 项目) after a finished sentence: the prose ends there. Any other line after a
    non-blank one continues its cell (a long cell wrapped over lines)."""
    if not SENTENCE_END.search(before.text):
        return False
    text = _clean(line.text)
    corner = _corner(Piece(text, line.start, line.end, line.start, line.start))
    return role(text) is not None or (corner and not SENTENCE_END.search(text))


def _word_after_cell(group: list[Line], line: Line) -> bool:
    """A line that is a word of the vocabulary or the start of one (项目资金（万元）, '一级指' of
    '一级指' / '标') right under a cell's text with no blank line between, and no word together with
    it: a cell of its own where the text before it is one too (a word, a figure, a placeholder) or
    the line is a whole word."""
    before = _joined([ln.text for ln in group])
    if role(_joined([before, line.text])) is not None:
        return False
    if role(line.text) is not None:
        return True
    compact = _compact(before)
    whole = role(before) is not None or FIGURE.match(compact) or compact in wrapped.placeholders()
    return bool(whole) and _role_prefix(line.text)


def _role_prefix(text: str) -> bool:
    """Whether the text is the beginning of a word of the vocabulary ('一级指', '年初预')."""
    compact = _compact(text)
    return bool(compact) and _any_role().fullmatch(compact, partial=True) is not None


def _corner_before_columns(lines: list[Line], n: int) -> bool:
    """Line n is a corner word (项目, 科目: tables.toml [recover] corners) and the next non-empty
    line a column header: the header row starts there, whatever the line before it."""
    if _compact(lines[n].text) not in _corner_words():
        return False
    after = next((ln for ln in lines[n + 1 :] if ln.text.strip()), None)
    return after is not None and _is_column(after.text)


@lru_cache(maxsize=1)
def _corner_words() -> frozenset[str]:
    return frozenset(patterns.load("tables")["recover"]["corners"])


def _flush(text: str, group: list[Line], out: list[Piece]) -> None:
    if not group:
        return
    first, last = group[0], group[-1]
    s = first.start + (len(first.text) - len(first.text.lstrip()))
    e = last.start + len(last.text.rstrip())
    out.append(Piece(_joined([ln.text for ln in group]), s, e, first.start, last.start))


def _joined(parts: list[str]) -> str:
    out = ""
    for part in (_clean(p) for p in parts):
        if not part:
            continue
        if out and LATIN_END.search(out) and LATIN_START.search(part):
            out += " "
        out += part
    return out


def _join_words(pieces: list[Piece], most: int = JOIN_MAX) -> list[Piece]:
    """Pieces of one header or label word broken over lines (年初 / 预算数) joined into one cell,
    `most` pieces at the most."""
    out: list[Piece] = []
    i = 0
    while i < len(pieces):
        taken = 1
        for k in range(min(most, len(pieces) - i), 1, -1):
            group = pieces[i : i + k]
            if _joins(group):
                taken = k
                break
        group = pieces[i : i + taken]
        if taken > 1:
            out.append(
                Piece(
                    _joined([p.text for p in group]),
                    group[0].start,
                    group[-1].end,
                    group[0].line,
                    group[-1].last_line,
                )
            )
        else:
            out.append(group[0])
        i += taken
    return out


def _joins(group: list[Piece]) -> bool:
    """Short pieces that together are one word, and not each a word of their own (执行率 / 得分)."""
    if not all(p.text and len(p.text) <= PIECE_CHARS for p in group):
        return False
    whole_words = all(role(p.text) not in (None, "col:budget_table") for p in group)
    return not whole_words and role(_joined([p.text for p in group])) is not None


def _header_end(pieces: list[Piece], i: int) -> int | None:
    """Where a header row starting at i ends: [group] [empty corner] column header × 2 or more."""
    j = i
    if j < len(pieces) and role(pieces[j].text) == "group":
        j += 1
        if j < len(pieces) and pieces[j].blank:
            j += 1
    elif j < len(pieces) and _corner(pieces[j]):
        j += 1
    k = j
    while k < len(pieces) and k - j < MAX_COLUMNS and _is_column(pieces[k].text):
        k += 1
    if j > i and not _is_column(pieces[i].text) and role(pieces[i].text) != "group" and k - j < 3:
        return None
    return k if k - j >= 2 else None


def _corner(piece: Piece) -> bool:
    """The short top-left header cell of a table (项目, 科目) that is no word of the vocabulary."""
    return 0 < len(piece.text) <= CORNER_CHARS and role(piece.text) is None and not DIGIT.search(piece.text)


def _keys_before(pieces: list[Piece], i: int) -> int:
    """The first of the label/value pairs (项目名称, X, 主管部门, Y …) just before a header at i."""
    while i >= 2 and role(pieces[i - 2].text) in ("key", "label") and not pieces[i - 1].prose:
        if role(pieces[i - 1].text) in STARTERS:
            break
        i -= 2
    return i


def _copied_keys_before(pieces: list[Piece], i: int) -> int:
    """The first key label of a copy in fragments before a header at i, each key followed by the
    fragments of its value ('项目名称' / '城区绿化' / '管护'): pieces that are no word of the
    vocabulary."""
    start = i
    while True:
        k = start - 1
        while k >= 0 and role(pieces[k].text) is None and pieces[k].text:
            k -= 1
        if k < 0 or role(pieces[k].text) != "key":
            return start
        start = k


class _Builder:
    """Rows of a table written one cell a line, cut where the header and the labels say. Given the
    text (a copy in fragments), an indicator row's pieces are cut into its cells by
    ``read/wrapped.py``."""

    def __init__(self, pieces: list[Piece], fragments: str | None = None) -> None:
        self.pieces = pieces
        self.text = fragments
        self.top = fragments is not None and _top_aligned(pieces, fragments)
        self.uncut = False  # an indicator row of the block could not be cut: the rest are not read
        self.block = Block()
        self.rows: list[Row] = []
        self.width = 0

    def build(self, i: int) -> tuple[list[Row], int]:
        while i < len(self.pieces):
            piece = self.pieces[i]
            if piece.prose:
                break
            h = _header_end(self.pieces, i)
            if h is not None:
                self._header(self.pieces[i:h], h)
                i = self._sub_header(h)
                continue
            if piece.blank:
                i += 1
                continue
            nxt = self._row(i)
            if nxt is None:
                break
            i = nxt
        return self.rows, i

    def _header(self, cells: list[Piece], end: int) -> None:
        """A header row; a funds header whose first cell is already a column (no corner cell over
        the row labels: the corner stands elsewhere in the text) followed by a row label gets an
        empty corner cell, so its columns stand over the figures and not over the labels."""
        after = _after_blanks(self.pieces, end)
        labelled = after < len(self.pieces) and role(self.pieces[after].text) == "funds"
        if _block(cells).kind == "funds" and _is_column(cells[0].text) and labelled:
            first = cells[0]
            cells = [Piece("", first.start, first.start, first.line, first.line), *cells]  # the corner
        self.block = _block(cells)
        self.uncut = False
        if self.text is not None:
            self.block.widths = [wrapped.widest(self.text[c.start : c.end]) for c in cells]
        self.width = max(self.width, len(cells))
        self.rows.append(Row(cells, 0, header=True, whole=self.text is not None))

    def _sub_header(self, i: int) -> int:
        """A second header row under the one just read, written with its covered positions as empty
        lines (指标性质 / 指标值 / 度量单位 under 年度指标值): `lead` empty lines, the sub-column
        words, then an empty line for each header cell after their parent. The parent spans the
        sub-columns, the header's other cells span both rows, and the block takes the sub-columns'
        roles. Where the pieces after the header are not so, nothing is read and i is returned."""
        lead = _after_blanks(self.pieces, i) - i
        k = i + lead
        while k < len(self.pieces) and _is_column(self.pieces[k].text):
            k += 1
        subs = self.pieces[i + lead : k]
        trail = _after_blanks(self.pieces, k) - k
        top = self.rows[-1]
        if len(subs) < 2 or not lead or lead + 1 + trail != len(top.cells):
            return i
        width = len(top.cells) + len(subs) - 1
        top.slots = [(c, 1) for c in range(lead)] + [(lead, len(subs))]
        top.slots += [(c, 1) for c in range(lead + len(subs), width)]
        self.rows.append(Row(subs, lead, header=True, slots=[(lead + n, 1) for n in range(len(subs))]))
        self.block = _block(top.cells[:lead] + subs + top.cells[lead + 1 :])
        self.width = max(self.width, width)
        return k + trail

    def _row(self, i: int) -> int | None:
        first = self._role_at(i)
        block = self.block
        width = block.width or 2
        if self.text is not None and block.kind == "indicator" and first not in ("key", "label"):
            return self._wrapped_row(i)
        if block.kind == "indicator" and first in (LEVEL1, LEVEL2):
            col = self._level_col(i)
            complete = self._complete_rows(i, col)
            if complete is not None:
                return complete
            return self._take(i, col, width - col, level=col == block.level1_col)
        if first == "funds" and block.kind == "funds":
            if self.text is not None:
                return self._wrapped_funds(i)
            return self._take(i, block.label_col, width - block.label_col)
        if first == "key" and self.text is not None:
            return self._wrapped_key(i)
        if first in ("key", "label"):
            return self._take(i, 0, width if self.width else 2, label=True)
        if block.kind == "indicator":
            return self._take(i, block.name_col, width - block.name_col)
        if self.rows and any(role(c.text) == "goal" for c in self.rows[-1].cells):
            return self._goal_values(i)
        if block.kind == "funds":
            return self._take(i, block.label_col, width - block.label_col)
        return None

    def _wrapped_row(self, i: int) -> int:
        """An indicator row of a copy in fragments: its level labels, then its name, values, weight,
        score and reason cut by ``wrapped.row_cells``. A row that cannot be cut keeps its level
        labels only, and ends the rows read (left out, it would renumber the indicators after it)."""
        levels = self._levels(i)
        k = i + len(levels)
        end = self._end(k)
        columns = _value_columns(self.block)
        found = None
        if self.uncut:
            return max(end, i + 1)
        if columns is not None and end > k:
            floors = self.block.widths[self.block.name_col :]
            found = wrapped.row_cells(self._atoms(k, end), *columns, floors, self.top)
        col = self._levels_col(levels)
        if found is None:
            self.uncut = True
            if levels:
                self.rows.append(Row(levels, col))
            return max(end, i + 1)
        spans = [found.name, *found.values, found.weight, found.score]
        cells = [*levels, *self._cells(k, [*spans, found.reason] if columns[1] else spans)]
        self.rows.append(Row(cells, col, whole=True))
        return k + found.end

    def _wrapped_key(self, i: int) -> int:
        """A key label of a copy in fragments and its value: the pieces up to the next word of the
        vocabulary, one cell if they can be one (``wrapped.one_cell``), else left out."""
        end = i + 1
        while end < len(self.pieces) and role(self.pieces[end].text) is None and not self._stops(end, True):
            end += 1
        value = self._cells(i + 1, [(0, end - i - 1)]) if wrapped.one_cell(self._atoms(i + 1, end)) else []
        self.rows.append(Row([self.pieces[i], *value], 0, whole=True))
        return end

    def _wrapped_funds(self, i: int) -> int:
        """A budget row of a copy in fragments: its label and its figures, each possibly wrapped
        ('25000' / '0.00'), cut by ``wrapped.figure_cells``, each in its column (a '—' merged over
        the columns after the amounts in the first of them); a row that cannot be cut keeps its
        label only."""
        end = self._end(i + 1)
        kinds = [FIGURE_KINDS.get(r, "") for r in self.block.roles[self.block.label_col + 1 :]]
        floors = self.block.widths[self.block.label_col + 1 :]
        atoms = self._atoms(i + 1, end)
        found = wrapped.figure_cells(atoms, kinds, floors, self.top) if end > i + 1 else None
        cells = [self.pieces[i], *(self._cells(i + 1, found or []))]
        self.rows.append(Row(cells, self.block.label_col, whole=found is not None))
        return end

    def _end(self, k: int) -> int:
        """Where the row whose cells go on from k ends: at the next row's label, a header, prose."""
        while k < len(self.pieces) and not self._stops(k, False):
            k += 1
        return k

    def _levels(self, i: int) -> list[Piece]:
        """The level labels opening the row at i: 一级 and 二级, or 二级 alone (a word of the levels'
        vocabulary, or its short form where the header has level columns)."""
        out: list[Piece] = []
        for kind in (LEVEL1, LEVEL2):
            k = i + len(out)
            if k < len(self.pieces) and _level(self.pieces[k].text, kind, self.block):
                out.append(self.pieces[k])
        return out

    def _levels_col(self, levels: list[Piece]) -> int:
        """The column a copy's row starts at: its first level's, or the name's with no level."""
        block = self.block
        if not levels:
            return block.name_col
        if len(levels) == 2 or role(levels[0].text) == LEVEL1:
            return block.level1_col
        return block.level2_col

    def _atoms(self, k: int, end: int) -> list[wrapped.Atom]:
        text = self.text or ""
        out = []
        for n in range(k, end):
            piece = self.pieces[n]
            before = self.pieces[n - 1].end if n else 0
            out.append(wrapped.Atom(piece.text, "\n" in text[before : piece.start]))
        return out

    def _cells(self, k: int, spans: list[tuple[int, int] | None]) -> list[Piece]:
        """The pieces from k cut at the atom ranges `spans` (None: an empty cell)."""
        out: list[Piece] = []
        for span in spans:
            if span is None:
                at = out[-1].end if out else self.pieces[k].start
                out.append(Piece("", at, at, at, at))
            else:
                group = self.pieces[k + span[0] : k + span[1]]
                merged = _merge(group)
                merged.text = "".join(p.text for p in group)  # a wrapped cell's lines, run on
                out.append(merged)
        return out

    def _next_role(self, i: int) -> str | None:
        return self._role_at(i + 1) if i + 1 < len(self.pieces) else None

    def _role_at(self, k: int) -> str | None:
        """The role of piece k; in an indicator block a level name written without 指标 ('产出'
        before '数量', '数量' before a name: tables.toml level1_short/level2_short) is a level."""
        text = self.pieces[k].text
        found = role(text)
        if found is not None or self.block.kind != "indicator" or k + 1 >= len(self.pieces):
            return found
        after = _compact(self.pieces[k + 1].text)
        short = _short_levels()
        one, two = short[LEVEL1], short[LEVEL2]
        nxt = role(after)
        if _compact(text) in one and (after in two or nxt == LEVEL2):
            return LEVEL1
        if _compact(text) in two and after and after not in two and nxt is None and not DIGIT.search(after):
            return LEVEL2
        return None

    def _level_col(self, i: int) -> int:
        """The column of the level word at i: 一级 (or a 二级 word followed by another) or 二级."""
        first, block = self._role_at(i), self.block
        return block.level1_col if first == LEVEL1 or self._next_role(i) == LEVEL2 else block.level2_col

    def _complete_rows(self, i: int, col: int) -> int | None:
        """The indicator rows from the level word at i to the next row's label, when the text holds
        every cell of every row, a cell merged over rows as a blank line where it is covered (Word's
        and LibreOffice's text export): the pieces then fill whole rows of the header's width, the
        next label standing after the blanks of its own covered columns. A cell of several
        paragraphs is written on several lines: where the count is off, lines of text next to each
        other are joined, and only a single way of joining them that gives rows whose score and
        weight columns hold figures is taken. None when no such reading is found."""
        j = i + 2 if col == self.block.level1_col and self._next_role(i) == LEVEL2 else i + 1
        while j < len(self.pieces) and not self._stops(j, False):
            j += 1
        nxt = self._role_at(j) if j < len(self.pieces) else None
        covered = self._level_col(j) if nxt in (LEVEL1, LEVEL2) else 0
        segment = self.pieces[i:j]
        readings = complete_readings(segment, col, covered, self.block)
        if len(readings) != 1:
            return None
        self.rows.extend(readings[0])
        return j

    def _stops(self, k: int, label: bool) -> bool:
        piece = self.pieces[k]
        if piece.prose or _header_end(self.pieces, k) is not None:
            return True
        r = self._role_at(k)
        return r in STARTERS and not (label and r == "goal")

    def _take(self, i: int, col: int, width: int, label: bool = False, level: bool = False) -> int:
        """A row of at most `width` cells from i, ended early by the next row's label; a label row
        with goal columns (年度总体目标 | 预期目标 | 实际完成情况) ends after them."""
        cells = [self.pieces[i]]
        k = i + 1
        while k < len(self.pieces) and len(cells) < max(width, 1):
            r = self._role_at(k)
            after_level = level and len(cells) == 1 and r == LEVEL2
            if not after_level and self._stops(k, label):
                break
            if label and r != "goal" and any(role(c.text) == "goal" for c in cells):
                break
            cells.append(self.pieces[k])
            k += 1
        while len(cells) > 1 and cells[-1].blank and label:
            cells.pop()
            k -= 1
        self.rows.append(Row(cells, col, whole=self.text is not None and len(cells) == width))
        return k

    def _goal_values(self, i: int) -> int:
        """The row under 年度总体目标 | 预期目标 | 实际完成情况: one cell per goal column, a cell
        written on several lines when the lines divide evenly among the columns."""
        above = self.rows[-1]
        want = len(above.cells) - 1
        k = i
        while k < len(self.pieces) and not self._stops(k, False):
            k += 1
        cells = [p for p in self.pieces[i:k] if not p.blank]
        if want > 0 and len(cells) > want and len(cells) % want == 0:
            n = len(cells) // want
            cells = [_merge(cells[g * n : (g + 1) * n]) for g in range(want)]
        self.rows.append(Row(cells, (above.start or 0) + 1))
        return k


MAX_JOINS = 2  # lines of one cell joined at most, per stretch of complete rows


def complete_readings(segment: list[Piece], col: int, covered: int, block: Block) -> list[list[Row]]:
    """The readings of `segment` (a row's cells from column `col` on, then whole rows, then the
    `covered` blank cells before the next row's label) with the fewest joins of text lines that
    give well-formed rows; several readings mean the text does not settle it."""
    width = block.width
    if width < 3 or block.kind != "indicator" or len(block.roles) != width:
        return []
    segment = _trailing_blanks_cut(segment, col, covered, width)
    joinable = [p for p in range(len(segment) - 1) if _text_line(segment[p]) and _text_line(segment[p + 1])]
    for joins in range(MAX_JOINS + 1):
        readings = []
        for chosen in _combinations(joinable, joins):
            rows = _whole_rows(_joined_at(segment, chosen), col, covered, block)
            if rows is not None:
                readings.append(rows)
        if readings:
            return readings
    return []


def _trailing_blanks_cut(segment: list[Piece], col: int, covered: int, width: int) -> list[Piece]:
    """The last stretch of a table (no label after it) loses blank lines that fill no whole row."""
    if covered:
        return segment
    n = len(segment)
    while n > 1 and segment[n - 1].blank and (n - (width - col)) % width:
        n -= 1
    return segment[:n]


def _text_line(piece: Piece) -> bool:
    """A line that may be part of a cell written over several lines: words that are no figure (nor
    a short text with one, ≥90%, 10台), no placeholder and no word of the vocabulary."""
    text = piece.text
    if not text or role(text) is not None or DIGIT.search(text) and len(text) <= PIECE_CHARS:
        return False
    return _compact(text) not in wrapped.placeholders()


def _combinations(joinable: list[int], k: int) -> list[tuple[int, ...]]:
    """Ways of choosing k joins among `joinable` (line p with line p+1), none sharing a line."""
    return [c for c in combinations(joinable, k) if all(b > a + 1 for a, b in zip(c, c[1:], strict=False))]


def _joined_at(segment: list[Piece], chosen: tuple[int, ...]) -> list[Piece]:
    out: list[Piece] = []
    k = 0
    while k < len(segment):
        if k in chosen:
            out.append(_merge(segment[k : k + 2]))
            k += 2
        else:
            out.append(segment[k])
            k += 1
    return out


def _whole_rows(segment: list[Piece], col: int, covered: int, block: Block) -> list[Row] | None:
    """The rows of a segment cut at the header's width, or None where it does not divide so or a
    row is not well formed (a covered column holding text, a figure column holding words)."""
    width = block.width
    body = len(segment) - covered - (width - col)
    if body < 0 or body % width or any(not p.blank for p in segment[len(segment) - covered :]):
        return None
    rows = [Row(segment[: width - col], col)]
    for k in range(width - col, len(segment) - covered, width):
        cells = segment[k : k + width]
        lead = block.name_col
        if any(not p.blank for p in cells[:lead]):
            return None
        rows.append(Row(cells[lead:], lead))
    for row in rows:
        for c, piece in enumerate(row.cells, start=row.start or 0):
            if block.roles[c] in FIGURE_COLUMNS and not (piece.blank or _score_like(piece)):
                return None
    return rows


FIGURE_COLUMNS = {"col:weight", "col:score"}


def _score_like(piece: Piece) -> bool:
    text = _compact(piece.text)
    return bool(FIGURE.match(text.removesuffix("分"))) or text in wrapped.placeholders()


def _top_aligned(pieces: list[Piece], text: str) -> bool:
    """The cells of a copy in fragments stand at the top of their rows: wherever a cell the
    vocabulary settles (a header cell, a level or budget label) is followed by a cell of its row,
    the copy breaks the line between them exactly when the first has more than one line (its last
    line is below the row's top, where the next cell begins); two such places at least."""
    agree = 0
    for before, after in zip(pieces, pieces[1:], strict=False):
        if not _same_row(role(before.text), role(after.text)):
            continue
        several = len(wrapped.copied_lines(text[before.start : before.end])) > 1
        if several != ("\n" in text[before.end : after.start]):
            return False
        agree += 1
    return agree >= 2


def _same_row(first: str | None, second: str | None) -> bool:
    """A cell of the vocabulary and the one after it stand in one row: two header cells, a level-1
    and a level-2 label, a label and a cell that is no word of the vocabulary."""
    if first is None:
        return False
    if first.startswith("col:"):
        return second is not None and second.startswith("col:")
    if first == LEVEL1:
        return second in (LEVEL2, None)
    return first in (LEVEL2, "funds") and second is None


# The kind of figure each budget column holds (read/wrapped.py FIGURE_KINDS).
FIGURE_KINDS = {
    "col:initial": "amount",
    "col:adjusted": "amount",
    "col:executed": "amount",
    "col:budget": "amount",
    "col:rate": "percent",
    "col:weight": "score",
    "col:score": "score",
}


def _value_columns(block: Block) -> tuple[int, bool] | None:
    """How many value columns an indicator header has between its name and its weight, and whether
    a reason column follows the score; None if no weight and score stand after the name."""
    roles = block.roles[block.name_col + 1 :]
    if "col:weight" not in roles:
        return None
    w = roles.index("col:weight")
    if roles[w + 1 : w + 2] != ["col:score"]:
        return None
    return w, "col:reason" in roles[w + 2 :]


@lru_cache(maxsize=1)
def _short_levels() -> dict[str, frozenset[str]]:
    levels = patterns.load("tables")["indicator"]["levels"]
    return {LEVEL1: frozenset(levels["level1_short"]), LEVEL2: frozenset(levels["level2_short"])}


def _level(text: str, kind: str, block: Block) -> bool:
    """The text is a level label of `kind`: a word of the levels (满意度指标 is either), or its short
    form (产出, 数量) where the header has that level's column."""
    r = role(text)
    if r in (LEVEL1, LEVEL2):
        return r == kind or r == LEVEL2
    return f"col:{kind}" in block.roles and _compact(text) in _short_levels()[kind]


def _merge(group: list[Piece]) -> Piece:
    return Piece(
        _joined([p.text for p in group]), group[0].start, group[-1].end, group[0].line, group[-1].last_line
    )


# --------------------------------------------------------------------------- placing rows in a grid


def _table(text: str, rows: list[Row], line_starts: list[int], page_starts: list[int]) -> Table:
    n_cols = max(r.slots[-1][0] + r.slots[-1][1] if r.slots else (r.start or 0) + len(r.cells) for r in rows)
    n_cols = max(n_cols, max(len(r.cells) for r in rows))
    placed: list[list[Cell]] = []
    owner: list[list[Cell | None]] = []
    for r, row in enumerate(rows):
        cells = _place(row, r, n_cols, placed, owner)
        placed.append(cells)
        grid_row: list[Cell | None] = [None] * n_cols
        for cell in cells:
            for c in range(cell.col, cell.last_col + 1):
                grid_row[c] = cell
        for c in range(n_cols):
            if grid_row[c] is None and r and owner[r - 1][c] is not None:
                grid_row[c] = owner[r - 1][c]
        owner.append(grid_row)
    cells = [c for row in placed for c in row]
    for cell in cells:
        cell.page = bisect.bisect_right(page_starts, cell.start)
    first = min(c.start for c in cells)
    last = max(c.end for c in cells)
    start = line_starts[bisect.bisect_right(line_starts, first) - 1]
    end = text.find("\n", last)
    return Table(
        cells=cells,
        n_rows=len(rows),
        n_cols=n_cols,
        page=cells[0].page,
        source="text",
        start=start,
        end=len(text) if end < 0 else end,
    )


def _place(
    row: Row, r: int, n_cols: int, placed: list[list[Cell]], owner: list[list[Cell | None]]
) -> list[Cell]:
    m = len(row.cells)
    if row.slots is not None:
        slots = row.slots
        _cover_others(r, slots, n_cols, owner)
    else:
        slots = _slots(row, r, n_cols, placed)
    first = slots[0][0]
    if row.slots is None and first > 0 and not _cover(r, first, owner):
        slots = _sequential(0, m, n_cols)
    return [
        Cell(row=r, col=col, colspan=span, text=p.text, start=p.start, end=p.end)
        for p, (col, span) in zip(row.cells, slots, strict=True)
    ]


def _slots(row: Row, r: int, n_cols: int, placed: list[list[Cell]]) -> list[tuple[int, int]]:
    m = len(row.cells)
    if row.start is not None:
        return _sequential(min(row.start, n_cols - m), m, n_cols, spread=not row.whole)
    above = placed[r - 1] if r else []
    if 0 < m <= len(above) and m < n_cols:
        return [(c.col, c.colspan) for c in above[len(above) - m :]]
    return _sequential(max(n_cols - m, 0) if r else 0, m, n_cols)


def _sequential(start: int, m: int, n_cols: int, spread: bool = True) -> list[tuple[int, int]]:
    slots = [(start + k, 1) for k in range(m)]
    col, _ = slots[-1]
    if spread:
        slots[-1] = (col, n_cols - col)
    return slots


def _cover_others(r: int, slots: list[tuple[int, int]], n_cols: int, owner: list[list[Cell | None]]) -> None:
    """Columns of row r that no slot takes are covered by the cells above them (rowspan extended)."""
    taken = {c for col, span in slots for c in range(col, col + span)}
    for c in range(n_cols):
        cell = owner[r - 1][c] if r else None
        if c not in taken and cell is not None:
            cell.rowspan = r - cell.row + 1


def _cover(r: int, first: int, owner: list[list[Cell | None]]) -> bool:
    """Cover columns before `first` of row r by the cells above them (their rowspan extended)."""
    if r == 0:
        return False
    above = owner[r - 1]
    cells = {id(c): c for c in above[:first] if c is not None}
    if any(above[c] is None for c in range(first)) or any(c.last_col >= first for c in cells.values()):
        return False
    for cell in cells.values():
        cell.rowspan = r - cell.row + 1
    return True
