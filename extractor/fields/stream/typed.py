"""Indicator rows run together with every column of their header, no separator anywhere (a document
site's text of a Word form: '财政供养人员控制率%定量指标100%94%100%22否“三公”经费变动率%100%22否…').

Each row is a name and then the header's columns in order, each a value of its column's type (a
unit word, a nature word or operator, a target or actual, a percentage, a weight, a score, 是/否)
or blank. Of the readings that use the whole run, the ones that leave the fewest and cheapest
columns blank are kept (blank columns cost what ``SKIP_COST`` says, as in the aligner); where they
differ, only what they share is read. A row's figures must agree: no score above its weight, a
target in words with an actual in words, and with a 得分系数 column, coefficient x weight = score
(the weight and score glued as '22' or '1010' are told apart by it). The rows are read as far as
the readings agree on where each row ends.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

import regex

from extractor.fields.cells import MAGNITUDE_UNIT, OPS
from extractor.fields.cells import NUMBER as NUMBER_CELL
from extractor.fields.stream.glued import _num_tokens
from extractor.fields.stream.pieces import FLAGS, HAN, NATURE, NATURE_ANAGRAMS, Num

UNIT_AT = regex.compile(MAGNITUDE_UNIT)
NAME_RUN = regex.compile(r"[^\d" + regex.escape("≥≤=<>") + r"]+")
VALUE_WORDS = regex.compile(r"[^\d%％" + regex.escape("≥≤=<>") + r"]+")
LIST_NUMBER = regex.compile(r"\d{1,2}、")
NAME_START = regex.compile(r"[\p{Han}“\"‘(（]")
_NO_NAME = regex.compile(r"[%％]")
# never blank in such a row: 是否核心指标 ends it, and 得分系数 is printed with every score
MUST = ("weight", "score", "flag", "ratio")
_MAX_STEPS = 20000  # readings tried from one row start; more: the run is not read
_MAX_RUN = 1200  # longest run read
_CUT = 12  # a value ending inside a run of digits (in tenths, as the blank columns' costs)
_STOP = 100  # what each character left unread costs: more than any row's blank columns
_OP_WORDS = sorted(OPS, key=len, reverse=True)
_NATURE_LEN = sorted({len(w) for w in NATURE}, reverse=True)


@dataclass(frozen=True)
class Reading:
    """One row read from the run: where its name and each column's value stand (offsets in the run)."""

    fields: tuple[tuple[str, tuple[int, int]], ...]
    end: int


def typed_rows(text: str, cols: list[str], skip_cost: dict[str, float]) -> tuple[list[dict], int]:
    """The rows of ``text`` read as far as the cheapest readings agree: each row a dict of role ->
    (start, end) in ``text`` (the name under "name"), and where the last row read ends."""
    if len(text) > _MAX_RUN or not cols:
        return [], 0
    costs = {c: round(10 * skip_cost.get(c, 1.0)) for c in cols}  # in tenths
    best: dict[int, tuple[int, list[Reading | None]]] = {}

    def solve(p: int) -> tuple[int, list[Reading | None]]:
        """The cheapest readings of text[p:]: None stops reading there (what is left is no row)."""
        if p not in best:
            options: list[tuple[int, Reading | None]] = [(_STOP * (len(text) - p), None)]
            for reading, cost in _row_readings(text, p, cols, costs):
                options.append((cost + solve(reading.end)[0], reading))
            low = min(c for c, _ in options)
            best[p] = (low, [r for c, r in options if c == low])
        return best[p]

    rows: list[dict] = []
    p = 0
    while p < len(text):
        found = solve(p)[1]
        if None in found or len({r.end for r in found if r}) != 1:
            break  # the rest is no row, or the cheapest readings end this row in different places
        readings = [dict(r.fields) for r in found if r]
        shared = {k: v for k, v in readings[0].items() if all(r.get(k) == v for r in readings[1:])}
        if "name" not in shared:
            break
        rows.append(shared)
        p = found[0].end if found[0] else p
    return rows, p


def _row_readings(text: str, p: int, cols: list[str], costs: dict[str, int]) -> list[tuple[Reading, int]]:
    lead = LIST_NUMBER.match(text, p)  # '3、' a page of the document site opens with (the mapper drops it)
    at = lead.end() if lead else p
    if not NAME_START.match(text, at):
        return []
    run = NAME_RUN.match(text, at)
    if run is None:
        return []
    out: list[tuple[Reading, int]] = []
    steps = [0]

    def walk(q: int, ci: int, acc: dict[str, tuple[int, int]], cost: int) -> None:
        steps[0] += 1
        if steps[0] > _MAX_STEPS:
            return
        if ci == len(cols):
            if _row_ok(text, acc):
                out.append((Reading(tuple(acc.items()), q), cost))
            return
        col = cols[ci]
        for e in dict.fromkeys(_ends(text, q, col)):
            walk(e, ci + 1, {**acc, col: (q, e)}, cost + _cut(text, q, e))
        if col not in MUST:
            walk(q, ci + 1, acc, cost + costs[col])  # the column blank

    for end in _name_ends(text, at, run.end()):
        walk(end, 0, {"name": (p, end)}, 0)
    return [] if steps[0] > _MAX_STEPS else out


def _cut(text: str, q: int, e: int) -> int:
    """What ending a value inside a run of digits costs ('94%' read as 9 | 4%, '100%' as 1 | 0 | 0%):
    more than a blank column, unless the value is a 0 opening its run (no figure starts with 0:
    '0100%' is 0 | 100%)."""
    inside = e < len(text) and text[e].isdigit() and text[e - 1].isdigit()
    opening_zero = text[q:e] == "0" and (q == 0 or not text[q - 1].isdigit())
    return _CUT if inside and not opening_zero else 0


def _name_ends(text: str, p: int, run_end: int) -> list[int]:
    """Where a name may end: at its first figure, before a unit or nature word, or before a word
    written twice (a target in words met as written: 高高)."""
    ends = []
    for q in range(p + 2, run_end + 1):
        name = text[p:q]
        if not HAN.search(name) or _NO_NAME.search(name):
            break
        rest = text[q:run_end]
        if _inside_unit(text, p, q):
            continue  # '面积万平方米': no name ends before 米 or 平方米, the 万 is the unit's
        if q == run_end or _unit_at(text, q) or _nature_at(text, q) or _doubled(rest):
            ends.append(q)
    return ends


def _inside_unit(text: str, p: int, q: int) -> bool:
    """Whether q falls inside a unit word (with its magnitude) that starts after p."""
    return any(k < q < e for k in range(max(p + 1, q - 5), q) for e in _unit_at(text, k))


def _doubled(rest: str) -> bool:
    half = len(rest) // 2
    return len(rest) % 2 == 0 and half > 0 and rest[:half] == rest[half:]


def _unit_at(text: str, q: int) -> list[int]:
    """The end of the unit word at text[q], with its magnitude (万平方米), if one stands there."""
    m = UNIT_AT.match(text, q)
    return [m.end()] if m else []


def _nature_at(text: str, q: int) -> list[int]:
    """The end of the longest nature word (定量指标, 定性 …) at text[q], or of one read out of order."""
    out = [q + n for n in _NATURE_LEN if text[q : q + n] in NATURE]
    if NATURE_ANAGRAMS.word(text[q : q + 4]) is not None:
        out.append(q + 4)
    return out[:1]


def _ends(text: str, q: int, col: str) -> list[int]:
    """Where a value of the column ``col`` starting at text[q] may end."""
    if q >= len(text):
        return []
    if col == "unit":
        return _unit_at(text, q)
    if col == "op":
        return _nature_at(text, q) + [q + len(w) for w in _OP_WORDS if text.startswith(w, q)][:1]
    if col == "flag":
        return [q + 1] if text[q] in FLAGS else []
    if col in ("weight", "score"):
        return [e for e, n in _num_tokens(text, q, 0, False) if n.unit in ("", "分") and n.number <= 100]
    if col in ("ratio", "completion_rate"):
        return [e for e, n in _num_tokens(text, q, 0, False) if n.unit == "%"]
    if col in ("target", "target_adjusted", "actual"):
        return _value_ends(text, q)
    return []


def _value_ends(text: str, q: int) -> list[int]:
    """A figure (operator and unit with it), or words up to the next figure, or half of words
    written twice (target and actual both '高')."""
    ends = []
    for e, n in _num_tokens(text, q, 0, True):
        ends.append(e)
        ends.extend(u for u in _unit_at(text, n.end) if u > e)  # '12万平方米': a magnitude and its unit
    run = VALUE_WORDS.match(text, q)
    if run and HAN.search(run.group()) and not UNIT_AT.fullmatch(run.group()):  # a unit is its figure's
        ends.append(run.end())
        if _doubled(run.group()):
            ends.append(q + len(run.group()) // 2)
    return ends


def _number(text: str, acc: dict[str, tuple[int, int]], role: str) -> Num | None:
    if role not in acc:
        return None
    a, b = acc[role]
    m = NUMBER_CELL.match(text[a:b])
    if not m:
        return None
    return Num(OPS.get(m["op"] or "", ""), Decimal(m["num"].replace(",", "")), m["unit"] or "", a, b, b)


def _row_ok(text: str, acc: dict[str, tuple[int, int]]) -> bool:
    w, s, r = (_number(text, acc, k) for k in ("weight", "score", "ratio"))
    if w is None or s is None or s.number > w.number:
        return False
    if r is not None and round(r.number * w.number / 100, max(_places(s.number), 2)) != s.number:
        return False  # 得分系数 x 权重 = 得分, to the hundredth a form prints (97% x 4 = 3.88, not 4)
    t, a = _number(text, acc, "target"), _number(text, acc, "actual")
    if "target" in acc and "actual" in acc and (t is None) != (a is None):
        return False  # a target in words has an actual in words
    return not (t and a and t.unit and a.unit and t.unit != a.unit)  # (a bare 0 against 3%)


def _places(number: Decimal) -> int:
    exp = number.as_tuple().exponent
    return -exp if isinstance(exp, int) and exp < 0 else 0
