"""Glued runs of a flattened table split into cells: every typed reading that uses the whole text and
satisfies the table's arithmetic; a value is kept only where all readings agree."""

from __future__ import annotations

from decimal import Decimal
from itertools import product

import regex

from extractor.fields.cells import (
    AMOUNT_SCALE,
    OPS,
    PLACEHOLDERS,
    UNITS,
)
from extractor.fields.stream.pieces import AMOUNT_KINDS, BUDGET_KINDS, DIGITS, OP, Num, Piece
from extractor.validate.interval import Interval

_MAX_GLUED = 80  # longest glued numeric run we try to segment


_MAX_SOLUTIONS = 64


_MAX_COMBINATIONS = 512  # readings of the part rows tried together against one total


def _units_by_first() -> dict[str, list[str]]:
    """The units (longest first, as ``UNITS``) grouped by their first character."""
    out: dict[str, list[str]] = {}
    for unit in UNITS:
        out.setdefault(unit[0], []).append(unit)
    return out


_UNITS_AT = _units_by_first()


def _fits_budget(num: Num, kind: str) -> bool:
    if num.op:
        return False
    if kind in AMOUNT_KINDS:
        return num.unit in ("",) or num.unit in AMOUNT_SCALE
    if kind == "percent":
        return num.unit in ("", "%")
    return num.unit in ("", "分") and 0 <= num.number <= 100


def _budget_consistent(nums: dict[str, Num]) -> bool:
    w, s = nums.get("weight"), nums.get("score")
    return not (w and s and s.number > w.number)


def _num_tokens(s: str, p: int, base: int, allow_op: bool) -> list[tuple[int, Num]]:
    """Every number that can start at s[p] in a glued string: each prefix of the digit run, with or
    without a unit. `base` is the offset of s in the normalized text."""
    out: list[tuple[int, Num]] = []
    op = ""
    m = OP.match(s, p) if allow_op else None
    q = p
    if m:
        op, q = OPS[m.group()], m.end()
    run = DIGITS.match(s, q)
    if not run:
        return out
    digits = run.group()
    for n in range(1, len(digits) + 1):
        if n > 1 and digits[0] == "0":
            break
        ends = [q + n]
        if n == len(digits) and s[q + n : q + n + 1] == ".":
            frac = DIGITS.match(s, q + n + 1)
            ends = [q + n + 1 + k for k in range(1, len(frac.group()) + 1)] if frac else []
        for e in ends:
            number = Decimal(s[q:e])
            whole = e >= len(s) or not s[e].isdigit()
            units = [u for u in _UNITS_AT.get(s[e], ()) if s.startswith(u, e)] if whole and e < len(s) else []
            for unit in [*units, ""]:
                out.append((e + len(unit), Num(op, number, unit, base + q, base + e, base + e + len(unit))))
    return out


def _glued_budget(cell: Piece, cols: list[str], total: dict[str, Num]) -> list[dict[str, Num]]:
    """Every split of a glued budget cell ('202010100.00%10') into the columns, checked by arithmetic.
    The rate is a figure with its '%' or without it (96.00 under 执行率(%), a bare 0): the arithmetic
    of the row, not the sign, tells it from the amounts."""
    s = cell.text
    if len(s) > _MAX_GLUED or not cols:
        return []
    out: list[dict[str, Num]] = []
    tokens: dict[int, list[tuple[int, Num]]] = {}  # the numbers starting at each position, read once

    def walk(p: int, ci: int, acc: dict[str, Num]) -> None:
        if len(out) >= _MAX_SOLUTIONS:
            return
        if ci == len(cols):
            if p == len(s) and budget_row_ok(acc, total):
                out.append(dict(acc))
            return
        col = cols[ci]
        kind = BUDGET_KINDS[col]
        if p not in tokens:
            tokens[p] = _num_tokens(s, p, cell.start, allow_op=False)
        for e, num in tokens[p]:
            if _fits_budget(num, kind) and _within(col, num, total):
                filled = {**acc, col: num}
                if _budget_consistent(filled):  # budget_row_ok's first checks, made as each column is
                    walk(e, ci + 1, filled)  # filled: the same rows kept, far fewer splits tried

    walk(0, 0, {})
    return [{k: v for k, v in acc.items() if k != "rate" or not ratio_rate(acc)} for acc in out]


def _within(col: str, num: Num, total: dict[str, Num]) -> bool:
    """An amount of a part row is no more than the total's amount in its column."""
    return col not in total or BUDGET_KINDS[col] != "amount" or num.number <= total[col].number


def budget_row_ok(nums: dict[str, Num], total: dict[str, Num]) -> bool:
    """A budget row's figures agree: a score within its weight, each part within the total, the
    rate what executed / budget gives and the score what rate x weight gives."""
    if not _budget_consistent(nums):
        return False
    if not all(_within(col, num, total) for col, num in nums.items()):
        return False
    percent = _percent(nums)
    if percent is None:
        return False
    w, sc = nums.get("weight"), nums.get("score")
    if percent and w and sc and abs(min(percent, Decimal(100)) * w.number / 100 - sc.number) > 1:
        return False
    return True


def _percent(nums: dict[str, Num]) -> Decimal | None:
    """The row's rate in percent: as printed, or a bare 1 or less printed as a ratio (1 for 100%)
    when only that agrees with executed / budget; 0 when the row has no rate to check; None when
    the rate disagrees."""
    rate = nums.get("rate")
    if rate is None:
        return Decimal(0)
    adj = nums.get("adjusted") or nums.get("initial") or nums.get("budget")  # 预算数: unread, but divides
    exe = nums.get("executed")
    if not (adj and exe) or _rate_agrees(exe.number, adj.number, rate.number):
        return rate.number
    if ratio_rate(nums):
        return rate.number * 100
    return None


def ratio_rate(nums: dict[str, Num]) -> bool:
    """The row's rate is a ratio ('1' under 执行率(B/A) for 100%): a bare figure of at most 1 that
    agrees with executed / budget only once scaled by 100. Such a rate is checked, and not read."""
    rate, exe = nums.get("rate"), nums.get("executed")
    adj = nums.get("adjusted") or nums.get("initial") or nums.get("budget")
    if not (rate and exe and adj) or rate.unit or rate.number > 1:
        return False
    if _rate_agrees(exe.number, adj.number, rate.number):
        return False
    return _rate_agrees(exe.number, adj.number, rate.number * 100)


def _printed(x: Decimal) -> Interval:
    """The values a figure printed as x stands for (half a unit of its last place either side)."""
    half = Decimal(5).scaleb(min(x.as_tuple().exponent, 0) - 1)  # type: ignore[operator]
    return Interval(x - half, x + half, True, False)


def _rate_agrees(executed: Decimal, budget: Decimal, rate: Decimal) -> bool:
    """executed / budget x 100 can print as rate (rounded or cut), each figure at its printed places,
    as ``validate/interval.py`` reads them: a glued split is never chosen by a fixed tolerance."""
    if budget == 0:
        return executed == 0  # nothing to spend, nothing spent: whatever rate the row prints
    quotient = _printed(executed) / _printed(budget)
    if quotient is None:
        return False
    quotient = quotient.scaled(100)
    step = Decimal(1).scaleb(min(rate.as_tuple().exponent, 0))  # type: ignore[arg-type]
    return quotient.meets(_printed(rate)) or quotient.meets(Interval(rate, rate + step, True, False))


def by_parts(totals: list[dict[str, Num]], parts: list[Piece], cols: list[str]) -> list[dict[str, Num]]:
    """The readings of a glued total row that its glued part rows (其中: 中央财政资金, 地方资金 …)
    can add up to: the arithmetic 'parts add up' as the tie-breaker between splits. Used only when
    the total alone has several readings; when the parts confirm none (a part's blank cell was
    dropped, so it has no full reading), they decide nothing and every reading stays."""
    if len(totals) < 2 or not parts or any(not p.glued for p in parts):
        return totals
    amounts = [c for c in cols if BUDGET_KINDS[c] in AMOUNT_KINDS]

    def readings(part: Piece, total: dict[str, Num]) -> list[dict[str, Num]]:
        """A part row has the total's columns (its own 执行率) or only the amount columns, the
        others left as placeholders ('200210199.5———')."""
        figures = without_placeholders(part)
        return _glued_budget(part, cols, total) or _glued_budget(figures, amounts, total)

    parts = [p for p in parts if without_placeholders(p).text]  # '———': a row left empty
    met = [t for t in totals if _parts_meet(t, [readings(p, t) for p in parts])]
    return met or totals


# longest first, then by text: the pattern's text must not depend on the hash seed (pattern_store)
_PLACEHOLDERS_LONGEST_FIRST = sorted(PLACEHOLDERS, key=lambda w: (-len(w), w))
_PLACEHOLDER_TAIL = regex.compile("(?:" + "|".join(map(regex.escape, _PLACEHOLDERS_LONGEST_FIRST)) + ")+$")


def without_placeholders(part: Piece) -> Piece:
    """The glued figures of a part row without the placeholders ending it (— for its rate columns)."""
    m = _PLACEHOLDER_TAIL.search(part.text)
    if m is None:
        return part
    return Piece(part.start, part.start + m.start(), part.text[: m.start()], part.line, glued=True)


def _parts_meet(total: dict[str, Num], readings: list[list[dict[str, Num]]]) -> bool:
    if any(not r for r in readings):
        return False
    combinations = 1
    for r in readings:
        combinations *= len(r)
    if combinations > _MAX_COMBINATIONS:
        return False
    amounts = [c for c, n in total.items() if BUDGET_KINDS[c] in AMOUNT_KINDS]
    return any(
        all(_sum_meets([part[c].number for part in combo if c in part], total[c].number) for c in amounts)
        for combo in product(*readings)
    )


def _sum_meets(parts: list[Decimal], total: Decimal) -> bool:
    """The printed parts can add up to the printed total (each figure at its printed places)."""
    if not parts:
        return False
    whole = _printed(parts[0])
    for x in parts[1:]:
        whole = whole + _printed(x)
    return whole.meets(_printed(total))


def _agreed(solutions: list[dict[str, Num]]) -> dict[str, Num]:
    """The columns on which every solution reads the same number at the same place."""
    if not solutions:
        return {}
    first = solutions[0]
    return {k: v for k, v in first.items() if all(s.get(k) == v for s in solutions[1:])}
