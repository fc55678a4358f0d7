"""The table-like lines of a text cut into the pieces of the cell stream (``table_lines``): at
pipes, tabs or wide gaps, a glued line at its labels and figures, a label broken over lines joined
again (``join_broken_labels``); what each piece is, ``extractor.fields.stream.pieces`` says."""

from __future__ import annotations

import bisect
from collections.abc import Iterator

import regex

from extractor.fields.cells import NUMBER as NUMBER_CELL
from extractor.fields.cells import OP_FIGURE, PLACEHOLDERS, figure
from extractor.fields.labels import Vocabulary
from extractor.fields.stream.pieces import (
    _I,
    _LV,
    _T,
    _TAIL,
    ACTUAL_WORDS,
    DIGITS,
    END_HEADING,
    GLUED_TAIL,
    LABEL,
    LEVEL1,
    LEVEL2,
    OP,
    SHORT1,
    SHORT2,
    Piece,
    _is_label,
    _is_value,
    _level,
    _near_label,
    _number,
    _text,
    level_word,
)
from extractor.normalize import NormText, is_tabular
from extractor.numbers import alternation
from extractor.script import HAN

_LONE_CELL = regex.compile(r"\S{1,30}")  # a short line alone: a cell of a table copied one cell per line


_WRAP_WIDTH = 15  # lines this long, one after another, are a wrapped text, not cells one per line


_ROW_IDS = 1000


_SHORT_VALUE = 8  # a line alone this short, in words, may be a table cell


_WIDE_GAP = regex.compile(r"[ \t\u3000]{2,}")


SPACED_WORD = regex.compile(r"\p{Han}(?: \p{Han}){1,7}")


PAGE_MARK = regex.compile(_T["page_mark"])  # row ids: logical line x 1000 + physical line within it


SENTENCE, SENTENCE_END = regex.compile(_I["sentence"]), regex.compile(_I["sentence_end"])


SPACE = regex.compile(r"\s")


PIPE, BLANK = "|", " "  # cell separators of a flattened row


KEY_LINE = regex.compile(
    r"^\s*(?P<label>(?:" + "|".join(w for ws in _T["key"].values() for w in ws) + ")" + _TAIL + r")"
    r"[ \t]*[^\s,，。;；]{2,40}$"  # a short value, not a sentence ('实施单位严格按照…,')
)


def table_lines(norm: NormText) -> Iterator[tuple[int, list[Piece], list[Piece]]]:
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


def join_broken_levels(norm: NormText, stream: list[Piece]) -> list[Piece]:
    """A level name broken before its 指标 ('经济效益' / '指标': a narrow level cell of a web table
    copied one line a row) as one piece: a short level name (``level2_short``) and the next piece
    that makes it a level name, only spaces between them."""
    out: list[Piece] = []
    for piece in stream:
        last = out[-1] if out else None
        if (
            last is not None
            and last.compact in SHORT1 | SHORT2
            and level_word(last.compact + piece.compact)
            and not norm.text[last.end : piece.start].strip()
        ):
            out[-1] = Piece(last.start, piece.end, norm.text[last.start : piece.end], last.line)
        else:
            out.append(piece)
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
    elif _glued_rows_line(line):  # indicator rows run together, no separator and no label between them
        yield row, [_cell(norm, s, e, row, glued=True)], []
    elif key := KEY_LINE.match(line):  # '项目名称 乡村道路养护项目': a label and its value, alone
        yield row, [_cell(norm, s, s + key.end("label"), row), _cell(norm, s + key.end("label"), e, row)], []
    elif alone or (_LONE_CELL.fullmatch(line) and _table_word(_cell(norm, s, e, row))):
        yield row, [_cell(norm, s, e, row)], []


GLUED_ROW_TURN = regex.compile(r"\p{Han}[\d≥≤=<>]")  # words then a figure: a value after a name
GLUED_ROWS_MIN = 3  # that many name-to-figure turns, with no punctuation of prose: rows, not a sentence
PROSE_MARK = regex.compile(r"[，。；：,;:！？]")


def _glued_rows_line(line: str) -> bool:
    """A line of indicator rows run together ('3、预决算信息公开性高高100%11否资产管理安全性好好100%22否…',
    a page of a form as a document site extracts it): three turns from words to a figure or more,
    and none of prose's punctuation."""
    return not PROSE_MARK.search(line) and len(GLUED_ROW_TURN.findall(line)) >= GLUED_ROWS_MIN


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
    """Cut a separator-less line at its labels: labels and the text between them become cells. A
    stretch between two labels is cut again at the labels written there one character wrong
    (OCR: '银川市教育局实施第位' holds 实施单位, '年初预匏数调整预算将' two budget columns)."""
    out, pos = [], s
    for m in LABEL.finditer(norm.text, s, e):
        if m.start() > pos:
            out += _near_cut(norm, pos, m.start(), no)
        out.append(_cell(norm, m.start(), m.end(), no, glued=True))
        pos = m.end()
    if pos < e:
        out += _near_cut(norm, pos, e, no)
    return [c for c in out if c.compact]


NEAR_SPAN = regex.compile(r"\p{Han}{3,}")  # where a label one character wrong may stand: Chinese only
_NEAR_LONGEST = 12  # the most characters of a label matched so (its word's length and one)
# The longest stretch searched so: two cells or three between exact labels ('银川市教育局实施第位');
# a longer one is a text's run (an indicator row, a goal), and each window of it would cost a lookup.
_NEAR_STRETCH = 24


def _near_cut(norm: NormText, s: int, e: int, no: int) -> list[Piece]:
    """The stretch s..e cut at the labels it holds one character wrong, missing or extra
    (``pieces._near_label``: a word of four characters or more, never with a digit), each taken
    leftmost and longest; the text between them become cells, but for marks misread around them
    (',A、' for '(A)': no character, no digit)."""
    if e - s > _NEAR_STRETCH:
        return [_cell(norm, s, e, no, glued=True)]
    cuts: list[tuple[int, int]] = []
    for run in NEAR_SPAN.finditer(norm.text, s, e):
        i = run.start()
        while i < run.end() - 2:
            longest = min(_NEAR_LONGEST, run.end() - i)
            found = next((k for k in range(longest, 2, -1) if _near_label(norm.text[i : i + k])), 0)
            if found:
                cuts.append((i, i + found))
            i += found or 1
    if not cuts:
        return [_cell(norm, s, e, no, glued=True)]
    out, pos = [], s
    for a, b in cuts:
        out += [_cell(norm, pos, a, no, glued=True), _cell(norm, a, b, no, glued=True)]
        pos = b
    out.append(_cell(norm, pos, e, no, glued=True))
    return [c for c in out if HAN.search(c.text) or DIGITS.search(c.text)]  # (',A、': a note misread)
