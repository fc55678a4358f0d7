"""Numbers in normalized text: amounts, percentages, counts, scores and dates.

All arithmetic is Decimal. A ``Figure`` keeps the printed number, its decimals
(the precision the report gave) and the scale to the canonical unit, so the
validator can reason about rounding. Units and measure words come from
``patterns/units.toml``.
"""

from __future__ import annotations

import datetime as dt
import unicodedata
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

import regex

import patterns
from extractor.models import NumberKind
from extractor.spans import RangeSet

_U = patterns.load("units")
AMOUNT_SCALE = {unit: Decimal(scale) for unit, scale in _U["amount"].items()}
MEASURES = sorted(set(_U["measure"]), key=lambda w: (-len(w), w))  # longest first, then by text
PERCENT = _U["percent"]


def alternation(words) -> str:
    """The words escaped as a regex alternation, longest first (then by text, so the pattern's text
    never depends on a set's order)."""
    return "|".join(regex.escape(w) for w in sorted(words, key=lambda w: (-len(w), w)))


def _measures(words: list[str], blocked: list[str]) -> str:
    """Measure words, each refusing the continuations that make it a noun (人 but not 人员)."""
    out = []
    for w in sorted(words, key=len, reverse=True):
        tails = [b[len(w) :] for b in blocked if b.startswith(w) and len(b) > len(w)]
        out.append(regex.escape(w) + (f"(?!{alternation(tails)})" if tails else ""))
    return "|".join(out)


# A number not glued to letters, look-alike zeros or other digits: '44O6.09', '4406.O9' and
# '44〇6.09' are not numbers (a corrupted figure is left unread rather than misread).
_LOOKALIKE = r"\p{Latin}\p{Cyrillic}\p{Greek}〇○"
_NUMBER = (
    r"(?<![" + _LOOKALIKE + r"\d.])"
    r"(?P<num>(?:(?<![\d\p{Latin}])[-−])?(?:\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?))"
    r"(?![" + _LOOKALIKE + r"\d]|\.[\d" + _LOOKALIKE + r"])"
)
# A corrupted figure: digits with a letter that looks like a digit (O, o, l, I, 〇 …) or a doubled
# point inside ('4406.O9', '44O6.09', '4406..09'). Found as maximal tokens (linear time), then
# judged in code; reported where it stands, never read as another value.
_DIGIT_LIKE = "OoОо〇○lI"
_TOKEN = regex.compile(r"(?<![\p{Latin}\d.,])\d[\d.," + _DIGIT_LIKE + r"]*+")


def unreadable(text: str) -> list[tuple[int, int]]:
    """(start, end) of every figure that looks corrupted rather than absent."""
    out = []
    for m in _TOKEN.finditer(text):
        token = m.group().rstrip("., " + _DIGIT_LIKE)
        if ".." in token or any(ch in _DIGIT_LIKE for ch in token):
            out.append((m.start(), m.start() + len(token)))
    return out


_AMOUNT_UNIT = r"亿元|万元|千元|元|万(?!" + alternation(MEASURES) + r")"
FIGURE = regex.compile(
    _NUMBER
    + r"(?P<unit>"
    + _AMOUNT_UNIT
    + "|"
    + alternation(PERCENT)
    + "|"
    + r"(?:万)?(?:"
    + _measures(MEASURES, _U["measure_blocked"])
    + r")|"
    + alternation(_U["score"])
    + r")?"
)
_CN_AMOUNT = regex.compile(r"(?P<num>[" + _U["chinese_digits"] + r"]{2,})(?P<unit>亿元|万元|元)")
_CN_UNITS = "一二三四五六七八九"
_CN_COUNT = regex.compile(
    r"(?<![" + _U["chinese_digits"] + r"])(?<!" + _U["chinese_count_not_after"] + r")"
    r"(?P<num>[" + _CN_UNITS + r"]?十[" + _CN_UNITS + r"]?|[二两三四五六七八九])"
    r"(?P<unit>" + _measures(_U["chinese_count_measures"], _U["measure_blocked"]) + r")"
)
# What a match of each needs inside it (the scan is skipped where the sentence has none): 元 for a
# Chinese amount, a measure word for a Chinese count, 19 or 20 for a date or a year (DATE, YEAR).
_CN_AMOUNT_NEEDS = "元"
_CN_COUNT_NEEDS = regex.compile(alternation(_U["chinese_count_measures"]))
_YEAR_NEEDS = ("19", "20")
_FORMULA_OPERATORS = _U["formula_operators"]  # one ends right before every FORMULA_CONSTANT
_MONTH = r"(?:0?[1-9]|1[0-2])"
_DAY = r"(?:0?[1-9]|[12]\d|3[01])"
DATE = regex.compile(
    r"(?P<y>(?:19|20)\d{2})\s*(?:年\s*(?P<m>" + _MONTH + r")\s*月\s*(?P<d>" + _DAY + r")\s*日?"
    r"|(?P<sep>[-/.])(?P<m2>" + _MONTH + r")(?P=sep)(?P<d2>" + _DAY + r"))(?!\d)"
)
YEAR = regex.compile(r"(?<!\d)(?P<y>(?:19|20)\d{2})(?=\s*年)")
# B/A×100%: the constant of a formula, after an operator between names (letters, words, brackets)
FORMULA_CONSTANT = regex.compile(
    r"(?<=[\p{L})）]\s*(?:"
    + alternation(_U["formula_operators"])
    + r")\s*)"
    + _NUMBER
    + "(?:"
    + alternation(PERCENT)
    + ")?"
)
# A character every figure needs: a digit (FIGURE), the 元 of a Chinese amount (_CN_AMOUNT), the
# numeral of a Chinese count (_CN_COUNT: 十, or 二 … 九, 两). Text without one has no figure.
_FIGURE_NEEDS = regex.compile(r"[\d元十两" + _CN_UNITS[1:] + "]")


@dataclass(unsafe_hash=True)  # never changed: not frozen (3x the __init__)
class Figure:
    """A number as printed, with its unit, converted to the canonical unit."""

    start: int
    end: int
    number: Decimal  # as printed (4406.09 for '4406.09万元')
    unit: str
    kind: NumberKind

    @property
    def decimals(self) -> int:
        return printed_decimals(self.number)

    @property
    def scale(self) -> Decimal:
        if self.kind == NumberKind.count and self.unit.startswith("万"):
            return Decimal(10000)  # 11万人次
        return AMOUNT_SCALE.get(self.unit, Decimal(1)) if self.kind == NumberKind.amount else Decimal(1)

    @property
    def measure(self) -> str:
        """The unit without a 万 multiplier (人次 for 11万人次)."""
        return self.unit[1:] if self.kind == NumberKind.count and self.unit.startswith("万") else self.unit

    @property
    def value(self) -> Decimal:
        """In 元 for amounts, percent for rates, the count or score otherwise."""
        return self.number * self.scale


def printed_decimals(number: Decimal) -> int:
    """Decimal places as printed (2 for 4406.09, 0 for 45)."""
    exp = number.as_tuple().exponent
    return -exp if isinstance(exp, int) and exp < 0 else 0


def kind_of(unit: str) -> NumberKind:
    if unit in AMOUNT_SCALE:
        return NumberKind.amount
    if unit in PERCENT:
        return NumberKind.percent
    if unit in _U["score"]:
        return NumberKind.score
    if unit:
        return NumberKind.count
    return NumberKind.number


def parse_decimal(text: str) -> Decimal | None:
    try:
        return Decimal(text.replace(",", "").replace("−", "-"))
    except InvalidOperation:
        return None


def figures(text: str, start: int = 0, end: int | None = None) -> list[Figure]:
    """Every number in text[start:end], with its unit where one follows it."""
    end = len(text) if end is None else end
    if not _FIGURE_NEEDS.search(text, start, end):
        return []
    taken = RangeSet(_date_and_year_ranges(text, start, end))
    out = []
    for m in FIGURE.finditer(text, start, end):
        if m.start() in taken:
            continue
        number = parse_decimal(m["num"])
        if number is None:
            continue
        unit = m["unit"] or ""
        out.append(Figure(m.start(), m.end(), number, unit, kind_of(unit)))
    out.extend(_chinese_amounts(text, start, end))
    out.extend(_chinese_counts(text, start, end))
    return sorted(out, key=lambda f: f.start)


def chinese_count(numeral: str) -> int:
    """二 -> 2, 十 -> 10, 十二 -> 12, 二十 -> 20, 九十九 -> 99 (the forms _CN_COUNT reads)."""
    digit = {ch: i for i, ch in enumerate(_CN_UNITS, 1)} | {"两": 2}
    if "十" not in numeral:
        return digit[numeral]
    tens, _, ones = numeral.partition("十")
    return digit.get(tens, 1) * 10 + digit.get(ones, 0)


def _chinese_counts(text: str, start: int, end: int) -> list[Figure]:
    if not _CN_COUNT_NEEDS.search(text, start, end):
        return []
    return [
        Figure(m.start(), m.end(), Decimal(chinese_count(m["num"])), m["unit"], NumberKind.count)
        for m in _CN_COUNT.finditer(text, start, end)
    ]


def _chinese_amounts(text: str, start: int, end: int) -> list[Figure]:
    out: list[Figure] = []
    if text.find(_CN_AMOUNT_NEEDS, start, end) < 0:
        return out
    for m in _CN_AMOUNT.finditer(text, start, end):
        import cn2an  # only when there is one: importing it takes a quarter of a second

        try:
            number = Decimal(str(cn2an.cn2an(m["num"], "strict")))
        except (ValueError, KeyError):
            continue
        out.append(Figure(m.start(), m.end(), number, m["unit"], NumberKind.amount))
    return out


def _date_and_year_ranges(text: str, start: int, end: int) -> list[tuple[int, int]]:
    ranges = []
    if any(text.find(y, start, end) >= 0 for y in _YEAR_NEEDS):
        ranges += [(m.start(), m.end()) for m in DATE.finditer(text, start, end)]
        ranges += [(m.start(), m.end()) for m in YEAR.finditer(text, start, end)]
    if _formula_operator(text, start, end):
        ranges += [(m.start(), m.end()) for m in FORMULA_CONSTANT.finditer(text, start, end)]
    return ranges


def _formula_operator(text: str, start: int, end: int) -> bool:
    """Whether a FORMULA_CONSTANT can stand in text[start:end]: an operator of the formula ends in
    it, or only spaces stand between start and the last one before it (its lookbehind sees there)."""
    if any(text.find(op, max(0, start - len(op) + 1), end) >= 0 for op in _FORMULA_OPERATORS):
        return True
    j = start
    while j > 0 and text[j - 1].isspace():  # (str.isspace knows every character \s matches)
        j -= 1
    return any(text.endswith(op, 0, j) for op in _FORMULA_OPERATORS)


def parse_date(text: str) -> dt.date | None:
    """'2025 年 03 月 05 日' / '2025-3-5' / full-width '２０２５年３月５日' -> date."""
    m = DATE.search(unicodedata.normalize("NFKC", text))
    if not m:
        return None
    try:
        return dt.date(int(m["y"]), int(m["m"] or m["m2"]), int(m["d"] or m["d2"]))
    except ValueError:
        return None


def dates(text: str, start: int = 0, end: int | None = None) -> list[tuple[int, int, dt.date]]:
    out = []
    for m in DATE.finditer(text, start, len(text) if end is None else end):
        d = parse_date(m.group())
        if d:
            out.append((m.start(), m.end(), d))
    return out


def years(text: str, start: int = 0, end: int | None = None) -> list[tuple[int, int, int]]:
    return [
        (m.start(), m.end(), int(m["y"]))
        for m in YEAR.finditer(text, start, len(text) if end is None else end)
    ]
