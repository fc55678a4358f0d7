"""The cell stream of a flattened table: its table-like lines cut into pieces, and what a piece is
(a label, a figure, a unit, words, a level name)."""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from decimal import Decimal
from functools import lru_cache

import regex

import patterns
from extractor.fields import table_grid
from extractor.fields.cells import (
    GRADES,
    OP_FIGURE,
    OPS,
    PLACEHOLDERS,
    figure,
    unit_word,
)
from extractor.fields.cells import NUMBER as NUMBER_CELL
from extractor.fields.labels import Anagrams, Vocabulary
from extractor.normalize import NormText, is_tabular
from extractor.numbers import alternation
from extractor.script import HAN

_T = patterns.load("tables")


_TAIL = _T["label_tail"]


_LONE_CELL = regex.compile(r"\S{1,30}")  # a short line alone: a cell of a table copied one cell per line


_WRAP_WIDTH = 15  # lines this long, one after another, are a wrapped text, not cells one per line


_ROW_IDS = 1000


_SHORT_VALUE = 8  # a line alone this short, in words, may be a table cell


END_HEADING = regex.compile(_T["indicator"]["end_heading"])


_WIDE_GAP = regex.compile(r"[ \t\u3000]{2,}")


SPACED_WORD = regex.compile(r"\p{Han}(?: \p{Han}){1,7}")


PAGE_MARK = regex.compile(_T["page_mark"])  # row ids: logical line x 1000 + physical line within it
NOT_A_KEY_VALUE = regex.compile(_T["key_value_not"])


KEYS, BUDGET_COLS, BUDGET_ROWS, BLOCKS, IND_COLS = (  # labels matched with tolerance (fields/labels.py)
    table_grid.KEYS,
    table_grid.BUDGET_COLS,
    table_grid.FUNDS_ROWS,
    table_grid.BLOCKS,
    table_grid.IND_COLS,
)


BUDGET_KINDS: dict[str, str] = _T["budget"]["kinds"]


AMOUNT_KINDS = ("amount", "unread_amount")


_LV = _T["indicator"]["levels"]


LEVEL1 = regex.compile("(?P<v>" + "|".join(_LV["level1"]) + ")(?:" + _LV["weight_note"] + ")?:?")


LEVEL2 = regex.compile(
    "(?P<v>(?:" + "|".join(_LV["level2"]) + ")" + _LV["level2_tail"] + ")(?:" + _LV["weight_note"] + ")?:?"
)


_I = _T["indicator"]
SENTENCE, SENTENCE_END = regex.compile(_I["sentence"]), regex.compile(_I["sentence_end"])


NATURE = set(_I["nature"])


FLAGS = frozenset(_I["flag_values"])


ACTUAL_WORDS = sorted(_I["actual_words"], key=len, reverse=True)


UNIT_RE = regex.compile(_T["budget"]["unit"]["pattern"])


OP = regex.compile("(?:" + alternation(OPS) + ")")


SPACE = regex.compile(r"\s")


DIGITS = regex.compile(r"\d+")


PIPE, BLANK = "|", " "  # cell separators of a flattened row


# A cell opening with an operator glyph or a percentage is a value, never a name.
VALUE_START = regex.compile(r"(?:" + alternation(o for o in OPS if not HAN.search(o)) + r")|\d+(?:\.\d+)?%")


QUALITATIVE = regex.compile(r"^[\p{Han}\p{P}]+$")  # no digits, no Latin letters (OCR garbage like '第O份')


DATE_VALUE = regex.compile(_I["date_value"])


EXECUTION_ROW = regex.compile("(?:" + "|".join(_I["execution_rows"]) + ")")


def _all_labels() -> regex.Pattern[str]:
    """Every label, longest first, for cutting glued lines into cells."""
    words: list[str] = []
    for table in (
        _T["key"],
        _T["budget"]["columns"],
        _T["budget"]["rows"],
        _T["blocks"],
        _T["indicator"]["columns"],
    ):
        for ws in table.values():
            words.extend(ws)
    words.extend(_LV["level1"] + _LV["level2"])
    alt = "|".join(sorted(set(words), key=lambda w: (-len(w), w)))
    return _literal_compile("(?:" + alt + ")" + _TAIL)


def _literal_compile(pattern: str) -> re.Pattern[str] | regex.Pattern[str]:
    """A pattern of plain words and simple classes compiled by ``re``, which searches a long
    alternation of literals several times faster than ``regex`` (the same matches: neither
    needs anything ``re`` lacks); ``regex`` where the pattern uses its own syntax (``\\p{Han}``)."""
    try:
        return re.compile(pattern)
    except re.error:
        return regex.compile(pattern)


LABEL = _all_labels()


KEY_LINE = regex.compile(
    r"^\s*(?P<label>(?:" + "|".join(w for ws in _T["key"].values() for w in ws) + ")" + _TAIL + r")"
    r"[ \t]*[^\s,，。;；]{2,40}$"  # a short value, not a sentence ('实施单位严格按照…,')
)


@dataclass(unsafe_hash=True, slots=True)  # never changed: not frozen (3x the __init__)
class Piece:
    """A cell of the stream: a stretch of the normalized text between separators (or cut from a
    glued line); it becomes a grid cell once its column is known."""

    start: int  # offsets in the normalized text
    end: int
    text: str
    line: int
    glued: bool = False  # cut out of a line that had no separators
    compact: str = field(init=False, repr=False, compare=False)  # the text without spaces

    def __post_init__(self) -> None:
        self.compact = "".join(self.text.split())


@dataclass(unsafe_hash=True)  # never changed: not frozen (3x the __init__)
class Num:
    """A number read from a cell: operator, value as printed, unit, and where."""

    op: str
    number: Decimal
    unit: str
    start: int
    end: int  # end of the number (the unit follows)
    unit_end: int


def _lines(norm: NormText) -> Iterator[tuple[int, list[Piece], list[Piece]]]:
    """(row id, cells without empties, cells with empties for positional rows) of each table-like line.

    A logical line the normalizer joined from several physical lines (a table copied one cell per
    line) is cut back at its line breaks; tabs of the source separate cells like pipes."""
    for no, (s, e) in enumerate(norm.lines()):
        line = norm.text[s:e]
        if "|" in line:
            cells = _unglue_digests(norm, _split(norm, s, e, PIPE, no * _ROW_IDS))
            yield no * _ROW_IDS, [c for c in cells if c.compact], []
            continue
        parts = _unwrapped(norm, _physical(norm, s, e))
        if len(parts) == 1 or _wrapped(norm, parts):
            yield from _part(norm, s, e, no * _ROW_IDS, alone=False)
            continue
        for k, (a, b) in enumerate(parts):
            for row, cells, spaced in _part(norm, a, b, no * _ROW_IDS + k + 1, alone=True):
                if len(cells) == 1 and not spaced:  # one cell per line: cells of one row of the source
                    one = cells[0]  # (dataclasses.replace costs ten times the constructor)
                    yield no * _ROW_IDS, [Piece(one.start, one.end, one.text, no * _ROW_IDS, one.glued)], []
                else:
                    yield row, cells, spaced


def join_broken_labels(norm: NormText, stream: list[Piece], vocabularies: list[Vocabulary]) -> list[Piece]:
    """Header cells broken over lines (年初 / 预算数, 全年 / 执行数, 一级 / 指标; pdftotext's narrow
    cells a character or two a line: 年 / 初 / 预 / 算 / 数, 实际 / 完成 / 值) as one piece: neighbours
    are joined where together they are a word of a vocabulary as written and not each a word of its
    own, even with tolerance; the longest such run is taken."""
    out: list[Piece] = []
    i = 0
    while i < len(stream):
        k = _broken_run(stream, i, vocabularies)
        if k > 1:
            a, b = stream[i], stream[i + k - 1]
            glued = any(p.glued for p in stream[i : i + k])
            out.append(Piece(a.start, b.end, norm.text[a.start : b.end], a.line, glued))
        else:
            out.append(stream[i])
        i += max(k, 1)
    return out


JOIN_RUN = 12  # pieces: a word of up to twelve characters written one a line
JOIN_SHORT = 3  # characters: a run of more than two pieces joins only pieces this short


def _broken_run(stream: list[Piece], i: int, vocabularies: list[Vocabulary]) -> int:
    """How many pieces from i make one broken word (1: none). Two pieces join as they are; a run of
    three or more only of short pieces (a narrow cell's lines)."""
    short = 0  # the pieces from i, all short: a run of three or more is at most this long
    while short < JOIN_RUN and i + short < len(stream) and len(stream[i + short].compact) <= JOIN_SHORT:
        short += 1
    for k in range(min(JOIN_RUN, len(stream) - i, max(short, 2)), 1, -1):
        run = stream[i : i + k]
        joined = "".join(p.compact for p in run)
        for v in vocabularies:
            if v.exact(joined) and any(v.role(p.text) is None for p in run) and not _words(run, vocabularies):
                return k
    return 1


def _words(run: list[Piece], vocabularies: list[Vocabulary]) -> bool:
    """Whether the run is two words or more side by side (执行 / 率 / 得 / 分: 执行率 | 得分)."""
    ends = {0}  # the run's prefixes made of whole words
    for j in range(1, len(run) + 1):
        for i in sorted(ends):
            if i < j and (i, j) != (0, len(run)) and _exact(run[i:j], vocabularies):
                ends.add(j)
                break
    return len(run) in ends


def _exact(run: list[Piece], vocabularies: list[Vocabulary]) -> bool:
    joined = "".join(p.compact for p in run)
    return any(v.exact(joined) for v in vocabularies)


def _unglue_digests(norm: NormText, cells: list[Piece]) -> list[Piece]:
    """A cell of a drawn row that is a whole table run together (a web page's 内容概述 digest of
    the attached form: '…全年预算数(A)全年执行数(B)…年度资金总额:1484631.00%…') is cut at its labels,
    as a glued line is."""
    out: list[Piece] = []
    for cell in cells:
        if len(LABEL.findall(cell.text)) >= 2:
            out.extend(_glued(norm, cell.start, cell.end, cell.line))
        else:
            out.append(cell)
    return out


def _unglue_runs(norm: NormText, cells: list[Piece]) -> list[Piece]:
    """A cell between spaces that is rows run together with no separator (an OCR'd form: '…满意度
    90%290%40总分100偏差大或目标未完成原因分析无…'): figures and no sentence, is cut at its labels
    (as a digest in a drawn row is). A formula ('执行率×分值') holds no figure and stays whole."""
    out: list[Piece] = []
    for cell in cells:
        if SENTENCE.search(cell.text) or not DIGITS.search(cell.text):
            out.append(cell)
        else:
            out.extend(_unglue_digests(norm, [cell]))
    return out


def _part(
    norm: NormText, s: int, e: int, row: int, alone: bool
) -> Iterator[tuple[int, list[Piece], list[Piece]]]:
    """Cells of one physical line; `alone`: a line cut out of a joined one, kept as one cell if it is
    nothing else (a table copied one cell per line)."""
    line = norm.text[s:e]
    furniture = [(s + m.start(), s + m.end()) for m in PAGE_MARK.finditer(line)]
    for r, cells, spaced in _part_cells(norm, s, e, row, alone):
        if furniture:  # '… 第 1 页 …' left inside a flattened table
            cells = [c for c in cells if not any(a <= c.start and c.end <= b for a, b in furniture)]
            spaced = []
        if cells:
            yield r, cells, spaced


def _part_cells(
    norm: NormText, s: int, e: int, row: int, alone: bool
) -> Iterator[tuple[int, list[Piece], list[Piece]]]:
    line = norm.text[s:e]
    tabs = _tab_cuts(norm, s, e)
    tabular = not tabs and is_tabular(line)
    gaps = _space_cuts(norm, s, e, row) if not tabs and not tabular else []
    if tabs:
        cells = _unglue(norm, _cut_at(norm, s, e, tabs, row))
        yield row, [c for c in cells if c.compact], cells
    elif gaps:
        yield row, gaps, []
    elif SPACED_WORD.fullmatch(line):  # '产 出 指 标': one cell spaced out letter by letter
        yield row, [_cell(norm, s, e, row)], []
    elif tabular:
        cells = _split(norm, s, e, BLANK, row)
        cells = _split_glued_labels(norm, _split_actual_word(_split_leading_zeros(cells)))
        cells = _unglue_runs(norm, split_row_heads(cells))
        cells = _join_split_labels(_unglue(norm, cells))
        yield row, [c for c in cells if c.compact], cells
    elif _label_and_values(line):  # '上年结转资金 — — —': not tabular to the normalizer
        yield row, [c for c in _split(norm, s, e, BLANK, row) if c.compact], []
    elif len(LABEL.findall(line)) >= 2 and not (alone and _sentence(line)):
        yield row, _glued(norm, s, e, row), []  # (a sentence alone on its line is one text cell)
    elif key := KEY_LINE.match(line):  # '项目名称 乡村道路养护项目': a label and its value, alone
        yield row, [_cell(norm, s, s + key.end("label"), row), _cell(norm, s + key.end("label"), e, row)], []
    elif alone or (_LONE_CELL.fullmatch(line) and _table_word(_cell(norm, s, e, row))):
        yield row, [_cell(norm, s, e, row)], []


def _sentence(line: str) -> bool:
    return bool(SENTENCE_END.search(line) and SENTENCE.search(line))


LEADING_ZERO = regex.compile(r"0(?=\d)[\d.%]*")


def _split_leading_zeros(cells: list[Piece]) -> list[Piece]:
    """A figure is never written with a leading zero: '00' is two zeros run together, '0100%' a
    zero and 100% (a separator lost where a PDF line wrapped). Each leading 0 is a cell."""
    out: list[Piece] = []
    for cell in cells:
        while LEADING_ZERO.fullmatch(cell.text):
            out.append(Piece(cell.start, cell.start + 1, "0", cell.line))
            cell = Piece(cell.start + 1, cell.end, cell.text[1:], cell.line)
        out.append(cell)
    return out


ACTUAL_THEN_FIGURE = regex.compile("(?:" + "|".join(ACTUAL_WORDS) + r")(?=\d+(?:\.\d+)?$)")


def _split_actual_word(cells: list[Piece]) -> list[Piece]:
    """An actual in words and the figure after it run together ('达成预期指标10': the separator lost
    where a PDF line wrapped) are two cells: the words name no row, the figure is the next column."""
    out: list[Piece] = []
    for cell in cells:
        m = ACTUAL_THEN_FIGURE.match(cell.text)
        if m:
            out.append(Piece(cell.start, cell.start + m.end(), m.group(), cell.line))
            cell = Piece(cell.start + m.end(), cell.end, cell.text[m.end() :], cell.line)
        out.append(cell)
    return out


HEAD_LEVEL = regex.compile(
    "(?:" + alternation(_LV["level1"] + _LV["level2"]) + ")(?:" + _LV["weight_note"] + ")?"
)


def split_row_heads(cells: list[Piece]) -> list[Piece]:
    """A cell that is a row's head run together ('产出指标数量指标足额保障率=100%': the level names, the
    indicator's name and its target, a table published with no cell separators) is cut at the level
    names it opens with and before the operator of its target. Cut only when the rest after the
    name reads as one figure with its operator, and the name has Chinese and no figure."""
    out: list[Piece] = []
    for cell in cells:
        out.extend(_row_head(cell) or [cell])
    return out


def _row_head(cell: Piece) -> list[Piece] | None:
    text = cell.text
    op = OP_FIGURE.search(text)
    if cell.compact != text or op is None or op.start() == 0:
        return None
    target = figure(text[op.start() :])
    if target is None or not target.op:
        return None
    cuts, pos = [], 0
    while (m := HEAD_LEVEL.match(text, pos, op.start())) and HAN.match(text, m.end(), op.start()):
        cuts.append(m.end())
        pos = m.end()
    name = text[pos : op.start()]
    if not HAN.search(name) or figure(name) is not None or LABEL.fullmatch(name) or OP.search(name):
        return None
    bounds = [0, *cuts, op.start(), len(text)]
    return [
        Piece(cell.start + a, cell.start + b, text[a:b], cell.line, cell.glued)
        for a, b in zip(bounds, bounds[1:], strict=False)
    ]


LABELS_RUN = regex.compile("(?:" + LABEL.pattern + "){2,}")


def _split_glued_labels(norm: NormText, cells: list[Piece]) -> list[Piece]:
    """A cell that is two labels or more run together and is no label itself ('得分偏差原因分析及
    改进措施': a separator lost where a PDF line wrapped) is cut into its labels."""
    out: list[Piece] = []
    for cell in cells:
        if cell.compact == cell.text and LABELS_RUN.fullmatch(cell.text) and not _known_label(cell.text):
            out.extend(_glued(norm, cell.start, cell.end, cell.line))
        else:
            out.append(cell)
    return out


def _join_split_labels(cells: list[Piece]) -> list[Piece]:
    """Cells a single space split inside one table label ('经济效益 指标' -> '经济效益指标'): joined
    again where the pieces together, and not the first alone, are a label or a level name."""
    out: list[Piece] = []
    i = 0
    while i < len(cells):
        j = next((j for j in range(min(len(cells), i + 4), i + 1, -1) if _split_label(cells[i:j])), i + 1)
        parts = cells[i:j]
        if len(parts) == 1:
            out.append(parts[0])  # (a glued piece stays glued)
        else:
            out.append(Piece(parts[0].start, parts[-1].end, " ".join(c.text for c in parts), parts[0].line))
        i = j
    return out


def _split_label(cells: list[Piece]) -> bool:
    if any(not c.compact or not HAN.search(c.text) for c in cells):
        return False
    if any(b.start - a.end != 1 for a, b in zip(cells, cells[1:], strict=False)):
        return False
    return _known_label("".join(c.compact for c in cells)) and not _known_label(cells[0].compact)


def _known_label(text: str) -> bool:
    return bool(LABEL.fullmatch(text) or LEVEL1.fullmatch(text) or LEVEL2.fullmatch(text))


def _table_word(cell: Piece) -> bool:
    """A short line alone that is a table's label, level name or figure (not a line of prose)."""
    if END_HEADING.match(cell.compact):
        return True  # a section heading: it ends the table's rows
    if _is_label(cell) or _is_value(cell) or _level(cell, None) is not None:
        return True
    return len(cell.compact) <= _SHORT_VALUE and _text(cell)  # a value in words ('有效', '明显提升')


def _label_and_values(line: str) -> bool:
    tokens = line.split()
    return len(tokens) >= 3 and all(t in PLACEHOLDERS or NUMBER_CELL.match(t) for t in tokens[1:])


def _unglue(norm: NormText, cells: list[Piece]) -> list[Piece]:
    """Cut a cell the normalizer glued from a number and the words after it ('9 个别农户…' read as
    '9个别农户…', a score and its reason) where the source had a space between them."""
    out = []
    for cell in cells:
        m = GLUED_TAIL.fullmatch(cell.text)
        cut = cell.start + m.end("num") if m and _number(cell) is None else None
        if cut is not None and SPACE.search(_gap(norm, cut)):
            out.extend([_cell(norm, cell.start, cut, cell.line), _cell(norm, cut, cell.end, cell.line)])
        else:
            out.append(cell)
    return out


def _gap(norm: NormText, i: int) -> str:
    """The original characters dropped between text[i-1] and text[i] (a tab, a line break, spaces)."""
    return norm.original[norm.origin[i - 1] + 1 : norm.origin[i]]


def _source(norm: NormText, s: int, e: int) -> str:
    """The original text a logical line text[s:e] came from, dropped characters included."""
    return norm.original[norm.origin[s] : norm.origin[e - 1] + 1] if e > s else ""


def _physical(norm: NormText, s: int, e: int) -> list[tuple[int, int]]:
    """(start, end) of the physical lines a logical line was joined from."""
    base = norm.origin[s]
    source = _source(norm, s, e)
    if "\n" not in source:
        return [(s, e)] if e > s else []
    breaks = [base + i for i in _indices(source, "\n")]
    cuts = sorted({bisect.bisect_right(norm.origin, k, s, e) for k in breaks} - {s, e})
    bounds = [s, *cuts, e]
    return [(a, b) for a, b in zip(bounds, bounds[1:], strict=False) if b > a]


def _indices(text: str, ch: str) -> Iterator[int]:
    """Every index of ``ch`` in ``text``."""
    i = text.find(ch)
    while i >= 0:
        yield i
        i = text.find(ch, i + 1)


def _unwrapped(norm: NormText, parts: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """The physical lines with a one-line table's lines wrapped at the page width (where the
    normalizer joined them: ``NormText.wraps``, '… 8 8 质量指' / '标 委托业务…') joined again."""
    out: list[tuple[int, int]] = []
    for a, b in parts:
        if out and a in norm.wraps:
            out[-1] = (out[-1][0], b)
        else:
            out.append((a, b))
    return out


def _wrapped(norm: NormText, parts: list[tuple[int, int]]) -> bool:
    """Lines of one text wrapped at a page width (most of them long, with no gaps), not cells one per
    line nor rows ('上年结转资金 — — —')."""
    long = [b - a >= _WRAP_WIDTH and not SPACE.search(norm.text, a, b) for a, b in parts[:-1]]
    return sum(long) >= 0.6 * len(long)


def _tab_cuts(norm: NormText, s: int, e: int) -> list[tuple[int, int, int]]:
    """(cut start, cut end, empty cells) of each tab separator: a tab kept in the text, or tabs the
    normalizer dropped between two characters ('项目名称\t2023年…' joined to '项目名称2023年…')."""
    if "\t" not in _source(norm, s, e):
        return []
    out = []
    i = s
    while i < e:
        if norm.text[i] == "\t":
            j = i
            while j < e and norm.text[j] in " \t":
                j += 1
            out.append((i, j, norm.text[i:j].count("\t") - 1))
            i = j
            continue
        if i > s and "\t" in (gap := _gap(norm, i)):
            out.append((i, i, gap.count("\t") - 1))
        i += 1
    return out


def _space_cuts(norm: NormText, s: int, e: int, row: int) -> list[Piece]:
    """Cells of a row whose wide gaps (two spaces or more) the normalizer dropped, not seeing a table
    ('年度资金总额:  3359.62万  3359.62万  100%'): kept only if a cell is a figure or a placeholder
    and none is a sentence."""
    if not _WIDE_GAP.search(_source(norm, s, e)):
        return []
    cuts = []
    for i in range(s + 1, e):
        if (
            norm.text[i] == " "
            and i + 1 < e
            and _WIDE_GAP.fullmatch(norm.original[norm.origin[i - 1] + 1 : norm.origin[i + 1]])
        ):
            cuts.append((i, i + 1, 0))  # a run of spaces the normalizer shortened to one
        elif norm.text[i - 1] != " " and _WIDE_GAP.fullmatch(_gap(norm, i)):
            cuts.append((i, i, 0))
    if not cuts:
        return []
    cells = [c for c in _cut_at(norm, s, e, cuts, row) if c.compact]
    if any(SENTENCE.search(c.text) for c in cells):
        return []  # a sentence with wide spaces, not a row
    return cells if len(cells) > 1 and any(_is_value(c) for c in cells) else []


def _cut_at(norm: NormText, s: int, e: int, cuts: list[tuple[int, int, int]], row: int) -> list[Piece]:
    out, pos = [], s
    for a, b, empties in cuts:
        out.extend(_cut_prefix(norm, pos, a, row))
        out.extend(Piece(b, b, "", row) for _ in range(empties))
        pos = b
    out.extend(_cut_prefix(norm, pos, e, row))
    return out


def _split(norm: NormText, s: int, e: int, sep: str, no: int) -> list[Piece]:
    out, pos = [], s
    for i in _indices(norm.text[s:e], sep):
        out.extend(_cut_prefix(norm, pos, s + i, no))
        pos = s + i + 1
    out.extend(_cut_prefix(norm, pos, e, no))
    return out


FIGURES_RUN = regex.compile(r"[\d.%]*\d[\d.%]*")


def _cut_prefix(norm: NormText, s: int, e: int, no: int) -> list[Piece]:
    """A cell; one that opens with a 'label:' is cut after the colon ('年度资金总额:0'), and one that
    is a label and figures run together ('年度资金总额8080761095%9.5') before the figures, which are
    a glued run unless they read as one figure."""
    text = norm.text[s:e]
    lead = len(text) - len(text.lstrip())
    m = LABEL.match(text, lead)
    if m and m.group().endswith(":") and m.end() < len(text.rstrip()):
        return [_cell(norm, s + lead, s + m.end(), no), _cell(norm, s + m.end(), e, no)]
    if m and FIGURES_RUN.fullmatch(rest := text[m.end() :].rstrip()):
        glued = figure(rest) is None
        return [_cell(norm, s + lead, s + m.end(), no), _cell(norm, s + m.end(), e, no, glued)]
    return [_cell(norm, s, e, no)]


def _cell(norm: NormText, s: int, e: int, no: int, glued: bool = False) -> Piece:
    if e <= s:
        return Piece(s, e, "", no, glued)
    text = norm.text[s:e]
    inner = text.strip()  # str.strip drops what str.isspace calls space
    if not inner:
        return Piece(e, e, "", no, glued)
    s += len(text) - len(text.lstrip())
    return Piece(s, s + len(inner), inner, no, glued)


def _glued(norm: NormText, s: int, e: int, no: int) -> list[Piece]:
    """Cut a separator-less line at its labels: labels and the text between them become cells."""
    out, pos = [], s
    for m in LABEL.finditer(norm.text, s, e):
        if m.start() > pos:
            out.append(_cell(norm, pos, m.start(), no, glued=True))
        out.append(_cell(norm, m.start(), m.end(), no, glued=True))
        pos = m.end()
    if pos < e:
        out.append(_cell(norm, pos, e, no, glued=True))
    return [c for c in out if c.compact]


def _role(cell: Piece, vocabulary: Vocabulary) -> str | None:
    return vocabulary.role(cell.text)


def _is_label(cell: Piece) -> bool:
    """A label of the table vocabulary, as written or one character wrong, missing or extra
    (``fields/labels.py``: a word of four characters or more, never a cell holding a digit)."""
    return bool(LABEL.fullmatch(cell.compact)) or _near_label(cell.compact)


@lru_cache(maxsize=8192)
def _near_label(text: str) -> bool:
    return any(v.role(text) is not None for v in (KEYS, BUDGET_COLS, BUDGET_ROWS, BLOCKS, IND_COLS))


@lru_cache(maxsize=8192)
def _number(cell: Piece) -> Num | None:
    """The cell as one figure (``cells.figure``, the one cell-value reader), offsets in the text."""
    fig = figure(cell.text)
    if fig is None:
        return None
    base = cell.start
    return Num(fig.op, fig.number, fig.unit, base + fig.start, base + fig.end, base + fig.unit_end)


def _unit_word(cell: Piece) -> bool:
    """A 度量单位 cell: a unit alone ('个', '万人', '元/平方米')."""
    return unit_word(cell.text)


def _is_placeholder(cell: Piece) -> bool:
    return cell.compact in PLACEHOLDERS


def _is_garbage(cell: Piece) -> bool:
    """A short cell with no Chinese and no readable number ('O' for a lost 0)."""
    return not HAN.search(cell.text) and len(cell.compact) <= 4 and _number(cell) is None


_UNREADABLE_LEN = 6


_OCR_MARK = regex.compile(r"[0-9A-Za-z]")


def _unreadable(cell: Piece) -> bool:
    """A short cell with digits or Latin letters that reads as no figure ('到0次', '第O份', 'tot扁'):
    an OCR-garbled value that still takes its column, and is not output."""
    c = cell.compact
    if len(c) > _UNREADABLE_LEN or not _OCR_MARK.search(c):
        return False
    return _number(cell) is None and not _date(cell)


def _is_value(cell: Piece) -> bool:
    return _number(cell) is not None or _is_placeholder(cell) or _is_garbage(cell)


def _row_value(cell: Piece) -> bool:
    """A value cell of a budget or total row, or a glued run of them ('202010100.00%10')."""
    return _is_value(cell) or (cell.glued and _digits(cell) and not HAN.search(cell.text))


def _digits(cell: Piece) -> bool:
    return any(ch.isdigit() for ch in cell.text)


LEADING_FIGURES = regex.compile(r"\d+(?:\.\d+)*%?(?:\d+(?:\.\d+)*%?)*(?=\p{Han})")
_MIN_RUN = 4  # a run of figures this long before words: glued cells, not a figure opening a name


def leading_figures(cell: Piece, min_run: int = _MIN_RUN) -> Piece | None:
    """The glued run of figures a glued cell opens with, before words that are no cell of the row
    ('1.561.56120' of '1.561.56120度效标O0B年绩目1分EB', an OCR'd row run on into the rotated
    labels after it); the words are dropped. None unless the cell is glued and opens so. Right
    after a label that takes figures (总分), one figure will do (`min_run`)."""
    m = LEADING_FIGURES.match(cell.text) if cell.glued else None
    if m is None or len(m.group()) < min_run:
        return None
    run = m.group()
    return Piece(cell.start, cell.start + m.end(), run, cell.line, glued=figure(run) is None)


GLUED_TAIL = regex.compile(r"(?P<num>\d+(?:\.\d+)?)\p{Han}{3,}.*")


def _name_cell(cell: Piece) -> bool:
    if EXECUTION_ROW.fullmatch(cell.compact):
        return True  # the 预算执行率 row of a department scoring table
    if _unit_word(cell) or VALUE_START.match(cell.compact):
        return False  # '万人' alone: a 度量单位 cell; '90%以上', '≥3次/年': a value
    return bool(HAN.search(cell.text)) and not _is_label(cell) and _number(cell) is None and not _date(cell)


def _date(cell: Piece) -> bool:
    """A date as a value (2023年12月底前), not a figure: a value in words."""
    return any(ch.isdigit() for ch in cell.compact) and bool(DATE_VALUE.fullmatch(cell.compact))


def _text(cell: Piece) -> bool:
    """A qualitative value: Chinese words only (no digits, no Latin letters from OCR noise), or a date."""
    if _date(cell) and _number(cell) is None:
        return True
    return bool(HAN.search(cell.text)) and bool(QUALITATIVE.match(cell.compact)) and not _is_label(cell)


LEVEL_ANAGRAMS = Anagrams(_LV["level1"] + _LV["level2"])


NATURE_ANAGRAMS = Anagrams(_I["nature"])


@lru_cache(maxsize=8192)
def _levels(text: str) -> tuple[bool, bool]:
    """Whether a cell's text (without spaces) is a level-1 name, and a level-2 name."""
    c = LEVEL_ANAGRAMS.word(text) or text
    return bool(LEVEL1.fullmatch(c)), bool(LEVEL2.fullmatch(c))


def level_word(text: str) -> bool:
    """Whether a cell's text (without spaces) is a level name (``_level`` of a cell alone)."""
    return any(_levels(text))


def _level(cell: Piece, nxt: Piece | None) -> str | None:
    one, two = _levels(cell.compact)
    if one and two:
        return "level1" if nxt is not None and LEVEL2.fullmatch(nxt.compact) else "level2"
    return "level1" if one else "level2" if two else None


SHORT1, SHORT2 = frozenset(_LV["level1_short"]), frozenset(_LV["level2_short"])


def short_level(cell: Piece, nxt: Piece | None) -> str | None:
    """A whole cell that is a level name without 指标 ('产出' before '数量', '生态效益' before a name):
    a level-1 name before a level-2 name, a level-2 name before a name cell. Only a reading to weigh
    against the name reading (an indicator may be called 服务对象满意度)."""
    if cell.glued or nxt is None or nxt.glued:
        return None
    c, after = cell.compact, nxt.compact
    if c in SHORT1 and (after in SHORT2 or LEVEL2.fullmatch(after)):
        return "level1"
    name_next = HAN.match(after) and not _digits(nxt) and not _level(nxt, None)
    if c in SHORT2 and after not in SHORT2 and name_next:
        return "level2"
    return None


def _grade(cell: Piece) -> str | None:
    c = cell.compact
    return GRADES.get(c)
