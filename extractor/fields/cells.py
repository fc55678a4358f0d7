"""The one reader of a table cell's value: a figure with its operator and unit, a score with its
weight in brackets, a grade, a placeholder; and the ``Value`` of a cell or part of one, with
the cell's place (page, line, offsets; box or spreadsheet address) as its span.

A cell's text is read after a character-for-character normalization (full-width digits and
signs to half-width, ``patterns/normalize.toml``), so offsets found in it are offsets in the
cell as written. Vocabulary: ``patterns/tables.toml`` and ``patterns/units.toml``.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from functools import lru_cache

import regex

import patterns
from extractor.grid import Cell
from extractor.models import NumberKind, Span, Value
from extractor.normalize import NormText
from extractor.normalize import fold as fold_chars
from extractor.numbers import alternation, parse_decimal, printed_decimals
from extractor.script import HAN

_T = patterns.load("tables")
_U = patterns.load("units")
_I = _T["indicator"]
_OPS = patterns.load("operators")
DIGIT_LETTER_MAP = str.maketrans(patterns.load("ocr")["digit_letters"])
DIGIT_LETTERS = regex.compile("[" + "".join(patterns.load("ocr")["digit_letters"]) + "]")
_DL = "".join(patterns.load("ocr")["digit_letters"])
_DL0 = "".join(k for k, v in patterns.load("ocr")["digit_letters"].items() if v == "0")
_DL1 = "".join(k for k, v in patterns.load("ocr")["digit_letters"].items() if v == "1")
# a number-like token: from a digit (or a 1-letter before a digit) on, digits and those letters
DIGIT_TOKEN = regex.compile(
    rf"(?<![\p{{Latin}}\d.])(?:\d|[{_DL1}](?=\d))[\d{_DL}]*(?:\.[\d{_DL0}]+)?(?![\p{{Latin}}\d])"
)

OPS: dict[str, str] = _OPS["ops"]
OP_SUFFIX: dict[str, str] = _OPS["op_suffix"]
AMOUNT_SCALE = {u: Decimal(s) for u, s in _U["amount"].items()}
PERCENT = set(_U["percent"])
_ALL_UNITS = set(_U["measure"]) | PERCENT | set(_I["units"]) | set(AMOUNT_SCALE)
UNITS = sorted(_ALL_UNITS, key=lambda w: (-len(w), w))  # longest first, then by text
UNIT_SET = set(UNITS)
PLACEHOLDERS = set(_I["placeholders"])
MASKED_FIGURE: str = _I["masked_figure"]  # a template's unfilled figure (≥**平方米)
GRADES: dict[str, str] = patterns.load("grades")["aliases"]  # 优秀 -> 优 …
HIDDEN_UNITS = set(_I["hidden_units"])
DATE_VALUE = regex.compile(_I["date_value"])


_KNOWN_UNIT = "(?:" + alternation(UNITS) + ")"
# A known unit, with a magnitude before it (万平方米, 万人次) and a ratio after it (元/平方米), or a
# short unknown word (剂次).
MAGNITUDE_UNIT = "[" + _I["magnitudes"] + "]?" + _KNOWN_UNIT  # a known unit with its magnitude: 万平方米
# (an alternative measure in brackets, 台(套); a ratio per one or more measures, 元/人·年)
_UNIT_RE = (
    MAGNITUDE_UNIT
    + r"(?:\("
    + _KNOWN_UNIT
    + r"\))?(?:/"
    + _KNOWN_UNIT
    + "(?:·(?:"
    + _KNOWN_UNIT
    + "|"
    + alternation(_U["per_time"])
    + "))*)?|"
    + _I["loose_unit"]
)
# A unit in front of the number ('每亩300': per mu) is read as part of no value: such cells are
# figures with a unit word before them, kept as the number alone; so is a word of about ('约12000').
NUMBER = regex.compile(
    r"^\s*(?P<op>(?:" + alternation(OPS) + r"))?\s*(?:" + alternation(_OPS["approx"]) + r")?\s*"
    r"(?P<pre>每\p{Han}{1,2})?\s*"
    r"(?P<num>-?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?)\s*(?P<unit>" + _UNIT_RE + r")?\s*"
    r"(?P<suffix>" + alternation(OP_SUFFIX) + r")?\s*$"
)
SCORE_WEIGHT = regex.compile(r"\s*(?P<s>\d+(?:\.\d+)?)\s*\(\s*(?P<w>\d+(?:\.\d+)?)\s*分?\s*\)\s*")
UNIT_WORD = regex.compile(_KNOWN_UNIT + "(?:/" + _KNOWN_UNIT + ")?|[万千百亿]\\p{Han}{1,2}")
DIGIT = regex.compile(r"\d")
OP_GLYPH = regex.compile("^(?:" + alternation(o for o in OPS if not HAN.search(o)) + ")")
# An operator sign before a figure inside a cell ('管护面积≥50万平方米'): a name run together with its
# target, or a target; never a name.
OP_FIGURE = regex.compile("(?:" + alternation(o for o in OPS if not HAN.search(o)) + r")\s*\d")


@lru_cache(maxsize=65536)
def fold(text: str) -> str:
    """The text with full-width digits, letters and signs made half-width (same length)."""
    return fold_chars(text)


def compact(text: str) -> str:
    """A cell's text folded and without spaces, for matching labels."""
    return "".join(fold(text).split())


def date_words(text: str) -> bool:
    """A date written as a value ('2024年11月', '12月底前'): digits, and words of a date only."""
    compact = "".join(text.split())
    return any(ch.isdigit() for ch in compact) and bool(DATE_VALUE.fullmatch(compact))


@dataclass(frozen=True, slots=True)
class Figure:
    """A number read from a cell: operator, the number as printed, unit; offsets in the cell text."""

    op: str
    number: Decimal
    unit: str
    start: int  # of the number
    end: int  # of the number (the unit follows)
    unit_end: int


@lru_cache(maxsize=16384)
def figure(text: str) -> Figure | None:
    """The cell as one figure ('≥95%', '45万', '3天以内', '1,200公里'), or None if it is not one.
    Letters an OCR layer put for digits inside a number are read as the digits ('1OO%': 100%)."""
    folded = _digit_letters(fold(text))
    m = NUMBER.match(folded)
    if not m:
        return None
    unit = m["unit"] or ""
    if unit and not known_unit(unit) and date_words(folded[m.start("num") :]):
        return None  # '12月底', '≤2024年11月': a date in words
    number = parse_decimal(m["num"])
    if number is None:
        return None
    op = OPS.get(m["op"], "") if m["op"] else ""
    if m["suffix"]:
        if op:
            return None  # '≥90%以上': two operators
        op = OP_SUFFIX[m["suffix"]]
    return Figure(op, number, unit, m.start("num"), m.end("num"), m.end("unit") if unit else m.end("num"))


# A target in words around one figure, opening with an operator word: '至少全年完成2次宣传' (>= 2次),
# '不少于3场培训'. Only a known unit after the figure, and no other digit in the cell.
WORDED_TARGET = regex.compile(
    r"^(?P<op>" + alternation(o for o in OPS if HAN.search(o)) + r")\p{Han}{0,8}?"
    r"(?P<num>\d+(?:\.\d+)?)(?P<unit>" + _KNOWN_UNIT + r")\p{Han}{0,8}$"
)


def worded_target(text: str) -> Figure | None:
    """A target written as words around its one figure, opening with an operator word."""
    folded = fold(text)
    m = WORDED_TARGET.match("".join(folded.split())) if folded == "".join(folded.split()) else None
    if m is None:
        return None
    return Figure(OPS[m["op"]], Decimal(m["num"]), m["unit"], m.start("num"), m.end("num"), m.end("unit"))


def _digit_letters(text: str) -> str:
    """The text with O / l (patterns/ocr.toml [digit_letters]) made digits in a number-like token
    (same length: the offsets hold)."""
    if not DIGIT_LETTERS.search(text):
        return text
    return DIGIT_TOKEN.sub(lambda m: m.group().translate(DIGIT_LETTER_MAP), text)


def score_weight(text: str) -> tuple[Figure, Figure] | None:
    """A score with its weight in brackets after it ('9.5(10)', '95.5（100分）')."""
    m = SCORE_WEIGHT.fullmatch(fold(text))
    if not m:
        return None
    s, w = (Figure("", Decimal(m[g]), "", m.start(g), m.end(g), m.end(g)) for g in "sw")
    return (s, w) if s.number <= w.number <= 100 else None


def known_unit(unit: str) -> bool:
    return all(part in UNIT_SET for part in unit.split("/"))


def unit_word(text: str) -> bool:
    """A 度量单位 cell: a unit alone ('个', '万人', '元/平方米')."""
    return bool(UNIT_WORD.fullmatch(compact(text)))


def placeholder(text: str) -> bool:
    return compact(text) in PLACEHOLDERS


def grade(text: str) -> str | None:
    c = compact(text)
    return GRADES.get(c)


def kind_of(unit: str) -> NumberKind:
    if unit in PERCENT:
        return NumberKind.percent
    if unit in AMOUNT_SCALE:
        return NumberKind.amount
    return NumberKind.count if unit else NumberKind.number


# --------------------------------------------------------------------------- values with their place


def span(norm: NormText, cell: Cell, a: int = 0, b: int | None = None) -> Span:
    """Where cell.text[a:b] stands in the document (the whole cell when its text is not
    written there as one piece, as for a header broken over two lines of a text report)."""
    b = len(cell.text) if b is None else b
    whole = norm.original[cell.start : cell.end] == cell.text
    start, end = (cell.start + a, cell.start + b) if whole else (cell.start, cell.end)
    s = norm.original_span(start, max(end, start + 1))
    if cell.bbox is None and not cell.address:
        return s  # a text report's cell: the span's own bbox and address (None, "") already
    return s.model_copy(update={"bbox": cell.bbox, "address": cell.address})


def text(norm: NormText, cell: Cell, value: object = None, a: int = 0, b: int | None = None) -> Value:
    """A Value for the cell's text (or cell.text[a:b]); the value is that text without spaces unless given."""
    s = span(norm, cell, a, b)
    piece = cell.text[a:b]
    return Value(value="".join(piece.split()) if value is None else value, raw=s.text, span=s)


def number(
    norm: NormText,
    cell: Cell,
    fig: Figure,
    kind: NumberKind,
    unit: str = "",
    scale: Decimal = Decimal(1),
) -> Value:
    """A Value for a figure of a cell: the number times scale (10000 for 万元), its printed precision."""
    decimals = printed_decimals(fig.number)
    s = span(norm, cell, fig.start, fig.unit_end)
    return Value(
        value=fig.number * scale, raw=s.text, span=s, kind=kind, unit=unit, decimals=decimals, scale=scale
    )
