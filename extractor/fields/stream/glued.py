"""Glued runs of a flattened table split into cells: every typed reading that uses the whole text and
satisfies the table's arithmetic; a value is kept only where all readings agree."""

from __future__ import annotations

from decimal import Decimal

from extractor.fields.cells import (
    AMOUNT_SCALE,
    OPS,
    UNITS,
)
from extractor.fields.stream.pieces import AMOUNT_KINDS, BUDGET_KINDS, DIGITS, OP, Num, Piece

_MAX_GLUED = 80  # longest glued numeric run we try to segment


_MAX_SOLUTIONS = 64


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
    """Every split of a glued budget cell ('202010100.00%10') into the columns, checked by arithmetic."""
    s = cell.text
    if len(s) > _MAX_GLUED or not cols:
        return []
    out: list[dict[str, Num]] = []

    def walk(p: int, ci: int, acc: dict[str, Num]) -> None:
        if len(out) >= _MAX_SOLUTIONS:
            return
        if ci == len(cols):
            if p == len(s) and _glued_budget_ok(acc, total):
                out.append(dict(acc))
            return
        kind = BUDGET_KINDS[cols[ci]]
        for e, num in _num_tokens(s, p, cell.start, allow_op=False):
            if _fits_budget(num, kind) and (kind != "percent" or num.unit == "%"):
                walk(e, ci + 1, {**acc, cols[ci]: num})

    walk(0, 0, {})
    return out


def _glued_budget_ok(nums: dict[str, Num], total: dict[str, Num]) -> bool:
    if not _budget_consistent(nums):
        return False
    for col, num in nums.items():
        if col in total and BUDGET_KINDS[col] == "amount" and num.number > total[col].number:
            return False
    adj, exe, rate = nums.get("adjusted") or nums.get("initial"), nums.get("executed"), nums.get("rate")
    if adj and exe and rate and adj.number > 0:
        tol = Decimal(1).scaleb(rate.number.as_tuple().exponent if rate.number.as_tuple().exponent < 0 else 0)
        if abs(exe.number / adj.number * 100 - rate.number) > tol:
            return False
    w, sc = nums.get("weight"), nums.get("score")
    if rate and w and sc and abs(min(rate.number, Decimal(100)) * w.number / 100 - sc.number) > 1:
        return False
    return True


def _agreed(solutions: list[dict[str, Num]]) -> dict[str, Num]:
    """The columns on which every solution reads the same number at the same place."""
    if not solutions:
        return {}
    first = solutions[0]
    return {k: v for k, v in first.items() if all(s.get(k) == v for s in solutions[1:])}
