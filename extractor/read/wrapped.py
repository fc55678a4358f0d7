"""One row of a narrow table whose cells were wrapped into fragments (a borderless table copied out
of a PDF viewer: '养护里' / '程' / '≥120' / '公里' / '125 公' / '里' / '15 15'), cut into its cells.

Entry points: ``row_cells`` (an indicator row), ``figure_cells`` (a budget row's figures) and
``one_cell`` (a key's value); ``widest`` and ``copied_lines`` measure a header cell. A row's text
comes as *atoms*: the pieces of its lines cut at single spaces, each marked with whether a line
break stands before it. An indicator row is the indicator's name, its value cells (年度指标值,
实际完成值 …: as many as the header has between the name and the weight), its weight and score
(two figures, the score no more than the weight: the row's arithmetic), and the reason (偏差原因),
when the header has that column. Every
way to cut the atoms so is tried, and a way is kept only if each of its cells can be the text of
one cell:

- a name holds Chinese and no operator sign; a value is one figure (``≥120公里``: operator, number,
  a unit of patterns/units.toml) or a text with no operator sign; a reason is a text;
- a cell written on several lines wrapped where its column was full: each line but the last is
  too wide to take the next line's first character or word beside it (the column is as wide as
  its header's widest line at least). '前' / '按时完' / '成' is no cell: '按' would have fitted
  after '前';
- no unit opens a cell after a figure ('≥120' | '公里125公里'), no date is cut between two cells;
- where the table's cells stand at the top of their rows (the caller learns it from the cells
  its vocabulary settles), a cell of one line has the next cell beside it on its line; a line
  wider than its column can be (a header wrapped before its next character: ``ceiling``) is two
  lines the copy ran together ('行便利度' for '行便利' / '度');
- no value in words is cut between two cells ('达成预期' | '指标': tables.toml actual_words).

Two Chinese atoms with a space between them stand on two lines of a cell ('群众出 行便利 度': the
copy joins some wrapped lines with a space), a space next to a figure ('125 公') is the copy's
break between two fonts. Where the ways kept disagree on the name or the end, those that cut
through a word of the dictionary between two cells of Chinese text ('…严格执行相' | '关制度规定':
相关; jieba's precise cut, ``validate/segment.py``) are dropped: cells are whole phrases. A cell
the ways left do not agree on is left out (None); the row is read only when they agree on its
name and on where it ends.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from decimal import Decimal
from functools import lru_cache
from itertools import combinations

import regex

import patterns
from extractor.script import HAN

# A row of more atoms than this is not cut (the ways to cut it grow as a power of its atoms):
# an indicator row, and a row of figures (cut into more cells).
MAX_ATOMS = 30
MAX_FIGURE_ATOMS = 16

PLAIN = regex.compile(r"^\d+(?:\.\d+)?$")
FIGURE_END = regex.compile(r"\d[万千百亿]?$")
# The first unbreakable unit of a line: a word of Latin letters or digits, or one character.
FIRST_UNIT = regex.compile(r"^(?:[A-Za-z0-9.,%]+|.)")


@dataclass(frozen=True)
class Atom:
    """A piece of a line between single spaces; `broken`: a line break stands before it."""

    text: str
    broken: bool


@dataclass(frozen=True)
class RowCells:
    """The atom ranges (start, end) of a row's cells, None for one left out, and how many atoms
    the row took (the rest belongs to the rows after it; under a reason column, the row takes them
    all, its caller ending the atoms where the next row's label stands, unless the rest reads as
    whole rows opening on a line of their own)."""

    name: tuple[int, int]
    values: list[tuple[int, int] | None]
    weight: tuple[int, int]
    score: tuple[int, int]
    reason: tuple[int, int] | None
    end: int


# --------------------------------------------------------------------------- vocabulary


@lru_cache(maxsize=1)
def _operators() -> regex.Pattern[str]:
    ops = patterns.load("operators")["ops"]
    glyphs = sorted((o for o in ops if not HAN.search(o)), key=len, reverse=True)
    return regex.compile("|".join(regex.escape(g) for g in glyphs))


@lru_cache(maxsize=1)
def _unit() -> str:
    """A known unit (patterns/units.toml and the indicator units), with its magnitude (万平方米)."""
    units = patterns.load("units")
    indicator = patterns.load("tables")["indicator"]
    words = {*units["measure"], *units["percent"], *units["amount"], *indicator["units"]}
    unit = "|".join(regex.escape(w) for w in sorted(words, key=len, reverse=True))
    return f"[{indicator['magnitudes']}]?(?:{unit})"


@lru_cache(maxsize=1)
def _measure() -> regex.Pattern[str]:
    """A cell that is one figure: operator, number, a known unit."""
    return regex.compile(rf"(?:{_operators().pattern})?-?\d+(?:\.\d+)?(?:{_unit()})?")


@lru_cache(maxsize=1)
def _unit_start() -> regex.Pattern[str]:
    return regex.compile(_unit())


# --------------------------------------------------------------------------- one cell


def _width(text: str, high: bool = False) -> int:
    """The text's width in half-em: a Chinese (wide) character 2, any other 1, or 2 as well for
    the widest a character can be (`high`: digits and signs are wider than half an em)."""
    return sum(2 if high or unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def _lines(atoms: list[Atom]) -> list[str]:
    """The cell's lines as printed: a new line at a line break, or at a space between two Chinese
    characters; the copy's other spaces (between fonts) dropped."""
    lines: list[str] = []
    for k, atom in enumerate(atoms):
        new = k == 0 or atom.broken or (HAN.match(atom.text) and HAN.search(atoms[k - 1].text[-1]))
        if new:
            lines.append(atom.text)
        else:
            lines[-1] += atom.text
    return lines


def copied_lines(text: str) -> list[str]:
    """The lines of a cell's text as copied ('群众出 行便利 度' is three)."""
    return _lines([Atom(a, j == 0) for line in text.split("\n") for j, a in enumerate(line.split())])


def ceiling(text: str) -> int:
    """The widest a header cell's column can be, where its fragments wrapped a line of Chinese
    before another ('年度指' / '标值': 年度指标 did not fit, so the column is narrower than 8); 0
    when unknown (no such break, or a line as wide as that: the lines were broken by hand)."""
    lines = copied_lines(text)
    bounds = [
        _width(line) + _width(after[0]) - 1
        for line, after in zip(lines, lines[1:], strict=False)
        if _wide(line) and _wide(after[0])
    ]
    if not bounds or max(_width(line) for line in lines) > min(bounds):
        return 0
    return min(bounds)


def _wide(text: str) -> bool:
    return all(unicodedata.east_asian_width(ch) in "WF" for ch in text)


def _several(atoms: list[Atom], ceiling: int) -> bool:
    """The cell stands on several lines: the copy broke it, or one line is wider than its column
    can be (the copy ran two lines together: '行便利度' for '行便利' / '度')."""
    lines = _lines(atoms)
    return len(lines) > 1 or bool(ceiling) and _width(lines[0]) > ceiling


def widest(text: str) -> int:
    """The width of the widest line of a cell's text as copied (a header cell's fragments: the
    least width of its column)."""
    return max((_width(line) for line in copied_lines(text)), default=0)


def one_cell(atoms: list[Atom], floor: int = 0) -> bool:
    """The atoms can be one cell of a column at least `floor` wide: no space stands between two
    atoms on a line but next to Chinese (the copy's break between fonts, '125 公': '82% 15' are two
    cells side by side), and each line but the last is full (``_wrapped``)."""
    for before, atom in zip(atoms, atoms[1:], strict=False):
        if not atom.broken and not HAN.search(before.text[-1] + atom.text[0]):
            return False
    return _wrapped(_lines(atoms), floor)


def _wrapped(lines: list[str], floor: int) -> bool:
    """Each line but the last is full: the column, as wide as its header's widest line (or, with
    no header known, the cell's), could not take the next line's first character or word beside
    it. A line of the copy may hold two lines of the cell run together ('行便利度' for '行便利' /
    '度'): the cell's own lines only stand for the column where no header does."""
    column = floor or max(_width(line) for line in lines)
    for line, after in zip(lines, lines[1:], strict=False):
        first = FIRST_UNIT.match(after)
        if _width(line, high=True) + _width(first.group() if first else after, high=True) <= column:
            return False
    return True


def _text(atoms: list[Atom]) -> str:
    return "".join(_lines(atoms))


def _is_name(atoms: list[Atom], floor: int) -> bool:
    text = _text(atoms)
    return bool(HAN.search(text)) and not _operators().search(text) and one_cell(atoms, floor)


def _is_value(atoms: list[Atom], floor: int) -> bool:
    text = unicodedata.normalize("NFKC", _text(atoms))
    if not one_cell(atoms, floor):
        return False
    return bool(_measure().fullmatch(text)) or (bool(HAN.search(text)) and not _operators().search(text))


def _unit_cut(before: list[Atom], after: list[Atom]) -> bool:
    """A cell that ends with a figure (and its magnitude) and a cell after it opening with a unit
    ('≥120' | '公里125公里', '≤1.7万' | '元1.6万元'): the unit was cut from its figure."""
    first = unicodedata.normalize("NFKC", _text(after))
    return bool(FIGURE_END.search(_text(before))) and _unit_start().match(first) is not None


@lru_cache(maxsize=1)
def _date() -> regex.Pattern[str]:
    return regex.compile(patterns.load("tables")["indicator"]["date_value"])


def _date_cut(before: list[Atom], after: list[Atom]) -> bool:
    """A date written as a value cut between two cells ('完成时间2023年' | '12月底前'): the last line
    of the first, with a figure, and the second are one date (tables.toml date_value)."""
    last = _lines(before)[-1]
    joined = unicodedata.normalize("NFKC", last + _text(after))
    return any(ch.isdigit() for ch in last) and _date().fullmatch(joined) is not None


@lru_cache(maxsize=1)
def _actual_words() -> tuple[str, ...]:
    words = patterns.load("tables")["indicator"]["actual_words"]
    return tuple(w for w in words if len(w) > 2)


def _word_cut(before: list[Atom], after: list[Atom]) -> bool:
    """A value in words cut between two cells ('达成预期' | '指标'): a word actual values are written
    with (tables.toml actual_words, of three characters or more) runs over the cut."""
    first, second = _text(before), _text(after)
    joined, cut = first + second, len(first)
    for word in _actual_words():
        at = joined.find(word, max(cut - len(word) + 1, 0))
        if 0 <= at < cut < at + len(word):
            return True
    return False


def _side_by_side(before: list[Atom], after: list[Atom], top: bool, ceiling: int = 0) -> bool:
    """In a table whose cells stand at the top of their rows, a cell of one line has the next
    cell's first line beside it: the copy puts no line break between them."""
    return not top or _several(before, ceiling) or not after[0].broken


def _is_reason(atoms: list[Atom], floor: int) -> bool:
    text = _text(atoms)
    return bool(HAN.search(text)) and not _operators().search(text) and one_cell(atoms, floor)


# --------------------------------------------------------------------------- an indicator row


def _pairs(atoms: list[Atom]) -> list[int]:
    """Where a weight and its score may stand: two plain figures side by side, the score no more
    than the weight."""
    out = []
    for p in range(1, len(atoms) - 1):
        a, b = atoms[p].text, atoms[p + 1].text
        if PLAIN.match(a) and PLAIN.match(b) and not atoms[p + 1].broken and Decimal(b) <= Decimal(a) <= 100:
            out.append(p)
    return out


def _floor(floors: list[int], k: int) -> int:
    return floors[k] if k < len(floors) else 0


def _readings(
    atoms: list[Atom], values: int, reason: bool, floors: list[int], top: bool, ceilings: list[int]
) -> list[RowCells]:
    found: list[RowCells] = []
    for p in _pairs(atoms):
        for cuts in combinations(range(1, p), values):
            bounds = [0, *cuts, p]
            cells = [atoms[a:b] for a, b in zip(bounds, bounds[1:], strict=False)]
            if not _is_name(cells[0], _floor(floors, 0)):
                continue
            if not all(_is_value(c, _floor(floors, k + 1)) for k, c in enumerate(cells[1:])):
                continue
            pairs = list(zip(cells, [*cells[1:], atoms[p : p + 1]], strict=True))
            if any(_unit_cut(a, b) or _date_cut(a, b) or _word_cut(a, b) for a, b in pairs):
                continue
            if not all(_side_by_side(a, b, top, _floor(ceilings, k)) for k, (a, b) in enumerate(pairs)):
                continue
            ranges = list(zip(bounds, bounds[1:], strict=False))
            follows = (values, reason, tuple(floors), top, tuple(ceilings))
            for end in _ends(atoms, p + 2, reason, _floor(floors, values + 3), follows):
                why = (p + 2, end) if end > p + 2 else None
                found.append(RowCells(ranges[0], list(ranges[1:]), (p, p + 1), (p + 1, p + 2), why, end))
    return found


def _ends(atoms: list[Atom], start: int, reason: bool, floor: int, follows: tuple) -> list[int]:
    """Where the row ends after its score: there, or (under a reason column) after a reason that
    can be one cell, at the atoms' end or where the rest reads as whole rows of the table (the
    next row's first cell on a line of its own: it stands below this row's score)."""
    if not reason or start == len(atoms):
        return [start]
    out = [len(atoms)] if _is_reason(atoms[start:], floor) else []
    for q in range(start, len(atoms)):
        if atoms[q].broken and (q == start or _is_reason(atoms[start:q], floor)):
            if _rows_follow(tuple(atoms[q:]), *follows):
                out.append(q)
    return out


@lru_cache(maxsize=256)
def _rows_follow(atoms: tuple[Atom, ...], *follows: object) -> bool:
    """The atoms read as whole rows of the table, one after another."""
    values, reason, floors, top, ceilings = follows
    return bool(_readings(list(atoms), values, reason, list(floors), top, list(ceilings)))  # type: ignore[arg-type]


def row_cells(
    atoms: list[Atom],
    values: int,
    reason: bool,
    floors: list[int] | None = None,
    top: bool = False,
    ceilings: list[int] | None = None,
) -> RowCells | None:
    """The row at the head of `atoms` cut into its cells (see the module docstring), or None when
    no way to cut it holds, or the ways disagree on its name or its end. `floors`: the least width
    of each column from the name on (its header's widest line; 0 where unknown); `top`: the
    table's cells stand at the top of their rows; `ceilings`: the widest each column can be (0
    where unknown)."""
    if not atoms or len(atoms) > MAX_ATOMS:
        return None
    found = _readings(atoms, values, reason, floors or [], top, ceilings or [])
    if len({(r.name, r.end) for r in found}) > 1:
        found = [r for r in found if not _splits_words(atoms, r)]  # a reading cutting a word loses the tie
    if not found or len({(r.name, r.end) for r in found}) > 1:
        return None
    first = found[0]
    return RowCells(
        first.name,
        [v if all(r.values[k] == v for r in found) else None for k, v in enumerate(first.values)],
        first.weight if all(r.weight == first.weight for r in found) else None,
        first.score if all(r.score == first.score for r in found) else None,
        first.reason if all(r.reason == first.reason for r in found) else None,
        first.end,
    )


def _splits_words(atoms: list[Atom], row: RowCells) -> bool:
    """Does a cut between two of the row's cells of Chinese text go through a word of the
    dictionary (a name '…严格执行相' before a target '关制度规定': 相关)? Cells are whole phrases."""
    from extractor.validate.segment import splits_word

    cells = [row.name, *row.values]
    for a, b in zip(cells, cells[1:], strict=False):
        if a is None or b is None:
            continue
        left, right = _text(atoms[a[0] : a[1]]), _text(atoms[b[0] : b[1]])
        if HAN.fullmatch(left[-1:]) and HAN.fullmatch(right[:1]) and splits_word(left, right):
            return True
    return False


# --------------------------------------------------------------------------- a row of figures

# What each figure column of a budget row holds (its header's role -> kind).
FIGURE_KINDS = {
    "amount": regex.compile(r"-?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?(?:万元|元|亿元)?"),
    "percent": regex.compile(r"\d+(?:\.\d+)?%?"),
    "score": PLAIN,
}


@lru_cache(maxsize=1)
def placeholders() -> frozenset[str]:
    """The placeholder cells of patterns/tables.toml (—, -, /): a cell that states nothing."""
    return frozenset(patterns.load("tables")["indicator"]["placeholders"])


def _figure_cell(atoms: list[Atom], kind: str, floor: int) -> bool:
    text = unicodedata.normalize("NFKC", _text(atoms))
    return (text in placeholders() or bool(FIGURE_KINDS[kind].fullmatch(text))) and one_cell(atoms, floor)


def _figure_readings(
    atoms: list[Atom], kinds: list[str], floors: list[int], top: bool
) -> list[list[tuple[int, int]]]:
    """Every way to cut the atoms into a cell per kind, or into the amounts and one placeholder
    over the columns after them (a merged '—')."""
    found = []
    amounts = sum(1 for k in kinds if k == "amount")
    for n in {len(kinds), amounts + 1}:
        for cuts in combinations(range(1, len(atoms)), n - 1):
            bounds = [0, *cuts, len(atoms)]
            cells = [atoms[a:b] for a, b in zip(bounds, bounds[1:], strict=False)]
            short = n < len(kinds)
            if short and (kinds[: n - 1] != ["amount"] * (n - 1) or _text(cells[-1]) not in placeholders()):
                continue
            typed = zip(cells, kinds, strict=False)
            if not all(_figure_cell(c, k, _floor(floors, j)) for j, (c, k) in enumerate(typed)):
                continue
            if all(_side_by_side(a, b, top) for a, b in zip(cells, cells[1:], strict=False)):
                found.append(list(zip(bounds, bounds[1:], strict=False)))
    return found


def figure_cells(
    atoms: list[Atom], kinds: list[str], floors: list[int] | None = None, top: bool = False
) -> list[tuple[int, int] | None] | None:
    """A row's figures (a budget row after its label: 年初预算数, 全年预算数 … 得分), each possibly
    wrapped ('25000' / '0.00'), cut into a cell per kind ("amount", "percent", "score"; see
    FIGURE_KINDS) by the rules of the indicator rows (`floors`: each column's least width); a
    cell the ways disagree on is None. None
    when no way holds, or the ways disagree on how many cells the row has."""
    if not atoms or len(atoms) > MAX_FIGURE_ATOMS or any(k not in FIGURE_KINDS for k in kinds):
        return None
    found = _figure_readings(atoms, kinds, floors or [], top)
    if not found or len({len(f) for f in found}) > 1:
        return None
    return [c if all(f[k] == c for f in found) else None for k, c in enumerate(found[0])]
