"""The pieces of a flattened table's cell stream, and what a piece is (a label, a figure, a unit,
words, a level name); the lines are cut into pieces in ``extractor.fields.stream.cutting``."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import Decimal
from functools import lru_cache

import regex

import patterns
from extractor.fields.cells import (
    GRADES,
    OPS,
    PLACEHOLDERS,
    figure,
    unit_word,
)
from extractor.fields.labels import Anagrams, Vocabulary
from extractor.fields.mapper import vocab as mapper_vocab
from extractor.first_chars import guarded
from extractor.numbers import alternation, figures
from extractor.script import HAN

_T = patterns.load("tables")


_TAIL = _T["label_tail"]


END_HEADING = regex.compile(_T["indicator"]["end_heading"])


NOT_A_KEY_VALUE = regex.compile(_T["key_value_not"])


KEYS, BUDGET_COLS, BUDGET_ROWS, BLOCKS, IND_COLS = (  # labels matched with tolerance (fields/labels.py)
    mapper_vocab.KEYS,
    mapper_vocab.BUDGET_COLS,
    mapper_vocab.FUNDS_ROWS,
    mapper_vocab.BLOCKS,
    mapper_vocab.IND_COLS,
)


BUDGET_KINDS: dict[str, str] = _T["budget"]["kinds"]


AMOUNT_KINDS = ("amount", "unread_amount")


_LV = _T["indicator"]["levels"]


LEVEL1 = regex.compile("(?P<v>" + "|".join(_LV["level1"]) + ")(?:" + _LV["weight_note"] + ")?:?")


LEVEL2 = regex.compile(
    "(?P<v>(?:" + "|".join(_LV["level2"]) + ")" + _LV["level2_tail"] + ")(?:" + _LV["weight_note"] + ")?:?"
)


_I = _T["indicator"]


NATURE = set(_I["nature"])


FLAGS = frozenset(_I["flag_values"])


ACTUAL_WORDS = sorted(_I["actual_words"], key=len, reverse=True)


UNIT_RE = regex.compile(_T["budget"]["unit"]["pattern"])


OP = regex.compile("(?:" + alternation(OPS) + ")")


DIGITS = regex.compile(r"\d+")


VALUE_START = regex.compile(r"(?:" + alternation(o for o in OPS if not HAN.search(o)) + r")|\d+(?:\.\d+)?%")


QUALITATIVE = regex.compile(r"^[\p{Han}\p{P}]+$")  # no digits, no Latin letters (OCR garbage like '第O份')


DATE_VALUE = regex.compile(_I["date_value"])


EXECUTION_ROW = regex.compile("(?:" + "|".join(_I["execution_rows"]) + ")")


def labels_pattern() -> str:
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
    return "(?:" + alt + ")" + _TAIL


def _literal_compile(pattern: str) -> re.Pattern[str] | regex.Pattern[str]:
    """A pattern of plain words and simple classes compiled by ``re``, which searches a long
    alternation of literals several times faster than ``regex`` (the same matches: neither
    needs anything ``re`` lacks); ``regex`` where the pattern uses its own syntax (``\\p{Han}``).
    Behind the lookahead of its first characters (``extractor.first_chars``): 4x faster on a line."""
    try:
        return re.compile(guarded(pattern))
    except re.error:
        return regex.compile(pattern)


LABEL = _literal_compile(labels_pattern())


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
    if _score_glued(cell.compact):
        return False  # '16预算配置': a score glued to the cell after it, no name
    return bool(HAN.search(cell.text)) and not _is_label(cell) and _number(cell) is None and not _date(cell)


def _score_glued(compact: str) -> bool:
    """A bare number of at most three digits glued to the words after it ('58预算执行', not '3个乡镇'
    nor '12345热线')."""
    m = SCORE_FIRST.match(compact)
    if m is None:
        return False
    found = figures(compact)
    return bool(found) and found[0].start == 0 and not found[0].unit


SCORE_FIRST = regex.compile(r"\d{1,3}(?:\.\d+)?(?=\p{Han})")


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
OWN_LEVEL1 = regex.compile(_LV["own_level1"])


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
