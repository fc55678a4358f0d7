"""Exact interval arithmetic on Decimal, and the intervals printed figures stand for.

A figure printed as 4406.09 (rounded half up) stands for every value in
[4406.085, 4406.095): the lower end is included, the upper end is not. The
validator keeps track of which ends are included, because two such intervals
that only touch at an excluded end do not meet (30 + 30 + 29.99 at the 0.01
precision adds up to [89.975, 90.005), which cannot meet 89.97's
[89.965, 89.975)). There is no float and no fixed epsilon anywhere: endpoints
are computed with directed rounding (floor for the low end, ceiling for the
high end) at a precision far above the figures', and an end that had to be
rounded is counted as included, which only ever widens the interval.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterable
from dataclasses import dataclass, replace
from decimal import ROUND_CEILING, ROUND_FLOOR, Context, Decimal, DefaultContext, Inexact
from functools import cached_property

from extractor.models import NumberKind, Value

PRECISION = 60  # significant digits for interval endpoints


_Op = Callable[[Context, Decimal, Decimal], Decimal]  # Context.add, .multiply, .divide
_ROUNDED = threading.local()  # this thread's two contexts (their flags are read after each operation)


def _context(rounding: str) -> Context:
    """The current (default) context at PRECISION digits, rounding one way, Inexact not trapped:
    what ``localcontext`` set up for each operation, made once a thread."""
    contexts = _ROUNDED.__dict__
    if (ctx := contexts.get(rounding)) is None:
        ctx = contexts[rounding] = DefaultContext.copy()
        ctx.prec, ctx.rounding = PRECISION, rounding
        ctx.traps[Inexact] = False
    return ctx


def _directed(op: _Op, a: Decimal, b: Decimal, rounding: str) -> tuple[Decimal, bool]:
    """`op(a, b)` rounded in one direction, and whether the result is exact."""
    ctx = _context(rounding)
    ctx.clear_flags()
    result = op(ctx, a, b)
    return result, not ctx.flags[Inexact]


def _low(op: _Op, a: Decimal, b: Decimal) -> tuple[Decimal, bool]:
    return _directed(op, a, b, ROUND_FLOOR)


def _high(op: _Op, a: Decimal, b: Decimal) -> tuple[Decimal, bool]:
    return _directed(op, a, b, ROUND_CEILING)


@dataclass(unsafe_hash=True)  # never changed: not frozen (3x the __init__)
class Interval:
    """The real numbers between lo and hi; each end included or not."""

    lo: Decimal
    hi: Decimal
    lo_closed: bool = True
    hi_closed: bool = True

    @classmethod
    def point(cls, x: Decimal | int) -> Interval:
        d = Decimal(x)
        return cls(d, d)

    # ------------------------------------------------------------------ arithmetic

    def __add__(self, other: Interval) -> Interval:
        lo, lo_exact = _low(Context.add, self.lo, other.lo)
        hi, hi_exact = _high(Context.add, self.hi, other.hi)
        lo_closed = (self.lo_closed and other.lo_closed) or not lo_exact
        hi_closed = (self.hi_closed and other.hi_closed) or not hi_exact
        return Interval(lo, hi, lo_closed, hi_closed)

    def __neg__(self) -> Interval:
        return Interval(-self.hi, -self.lo, self.hi_closed, self.lo_closed)

    def __sub__(self, other: Interval) -> Interval:
        return self + (-other)

    def __mul__(self, other: Interval) -> Interval:
        ends = [
            (a, a_closed, b, b_closed)
            for a, a_closed in ((self.lo, self.lo_closed), (self.hi, self.hi_closed))
            for b, b_closed in ((other.lo, other.lo_closed), (other.hi, other.hi_closed))
        ]
        lows = [(*_low(Context.multiply, a, b), _attained(a, ac, b, bc)) for a, ac, b, bc in ends]
        highs = [(*_high(Context.multiply, a, b), _attained(a, ac, b, bc)) for a, ac, b, bc in ends]
        lo = min(p for p, _, _ in lows)
        hi = max(p for p, _, _ in highs)
        lo_closed = any(p == lo and (att or not exact) for p, exact, att in lows)
        hi_closed = any(p == hi and (att or not exact) for p, exact, att in highs)
        return Interval(lo, hi, lo_closed, hi_closed)

    def reciprocal(self) -> Interval | None:
        """1 / self; None when the interval reaches 0 (the quotient is undefined)."""
        if self.lo <= 0 <= self.hi:
            return None
        lo, lo_exact = _low(Context.divide, Decimal(1), self.hi)
        hi, hi_exact = _high(Context.divide, Decimal(1), self.lo)
        return Interval(lo, hi, self.hi_closed or not lo_exact, self.lo_closed or not hi_exact)

    def __truediv__(self, other: Interval) -> Interval | None:
        inverse = other.reciprocal()
        return None if inverse is None else self * inverse

    def abs(self) -> Interval:
        """The interval of |x|."""
        if self.lo >= 0:
            return self
        if self.hi <= 0:
            return -self
        hi, hi_closed = _pick_end(
            -self.lo, self.lo_closed, self.hi, self.hi_closed, smaller=False, tie_any=True
        )
        return Interval(Decimal(0), hi, True, hi_closed)

    def scaled(self, k: Decimal | int) -> Interval:
        return self * Interval.point(k)

    def min(self, other: Interval) -> Interval:
        """The interval of min(x, y) for x in self, y in other."""
        lo, lo_closed = _pick_end(
            self.lo, self.lo_closed, other.lo, other.lo_closed, smaller=True, tie_any=True
        )
        hi, hi_closed = _pick_end(self.hi, self.hi_closed, other.hi, other.hi_closed, smaller=True)
        return Interval(lo, hi, lo_closed, hi_closed)

    # ------------------------------------------------------------------ relations

    def is_empty(self) -> bool:
        return self.lo > self.hi or (self.lo == self.hi and not (self.lo_closed and self.hi_closed))

    def intersects(self, other: Interval) -> bool:
        """Some number lies in both."""
        lo, lo_closed = _pick_end(self.lo, self.lo_closed, other.lo, other.lo_closed, smaller=False)
        hi, hi_closed = _pick_end(self.hi, self.hi_closed, other.hi, other.hi_closed, smaller=True)
        return not Interval(lo, hi, lo_closed, hi_closed).is_empty()

    meets = intersects

    def contains(self, x: Decimal | int) -> bool:
        return self.intersects(Interval.point(x))

    def below(self, other: Interval) -> bool:
        """Every number of self is smaller than every number of other."""
        if self.hi != other.lo:
            return self.hi < other.lo
        return not (self.hi_closed and other.lo_closed)

    def can_be_at_most(self, other: Interval) -> bool:
        """Some x in self and y in other have x <= y."""
        if self.lo != other.hi:
            return self.lo < other.hi
        return self.lo_closed and other.hi_closed

    def strings(self) -> tuple[str, str]:
        return (plain(self.lo), plain(self.hi))

    def __str__(self) -> str:
        left = "[" if self.lo_closed else "("
        right = "]" if self.hi_closed else ")"
        return f"{left}{plain(self.lo)}, {plain(self.hi)}{right}"


def _attained(a: Decimal, a_closed: bool, b: Decimal, b_closed: bool) -> bool:
    """Whether the product of two ends is reached: both are, or one is a reached 0."""
    return (a_closed and b_closed) or (a == 0 and a_closed) or (b == 0 and b_closed)


def _pick_end(
    a: Decimal, a_closed: bool, b: Decimal, b_closed: bool, smaller: bool, tie_any: bool = False
) -> tuple[Decimal, bool]:
    """The smaller (or larger) of two ends; on a tie, included if both are (or either, `tie_any`)."""
    if a == b:
        return a, (a_closed or b_closed) if tie_any else (a_closed and b_closed)
    if (a < b) == smaller:
        return a, a_closed
    return b, b_closed


def plain(d: Decimal) -> str:
    """A Decimal as a plain decimal string without exponent or trailing zeros."""
    text = format(d, "f")
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text


def total(intervals: Iterable[Interval]) -> Interval:
    out = Interval.point(0)
    for i in intervals:
        out = out + i
    return out


# --------------------------------------------------------------------------- printed figures


def number(v: Value | None) -> Decimal | None:
    """The numeric value of a Value (Decimal or int), else None."""
    if v is None or isinstance(v.value, bool):
        return None
    if isinstance(v.value, Decimal):
        return v.value if v.value.is_finite() else None
    if isinstance(v.value, int):
        return Decimal(v.value)
    return None


def step(v: Value) -> Decimal:
    """One unit in the last printed place, in the value's units (0.01 万元 -> 100 元)."""
    return Decimal(1).scaleb(-v.decimals) * v.scale


def half_step(v: Value) -> Decimal:
    return step(v) / 2


def _around(x: Decimal, half: Decimal) -> Interval:
    """The values that round half up (away from zero) to x at the given half-step."""
    if x > 0:
        return Interval(x - half, x + half, True, False)
    if x < 0:
        return Interval(x - half, x + half, False, True)
    return Interval(-half, half, False, False)


def _cut(x: Decimal, unit: Decimal) -> Interval:
    """The values that truncate (toward zero) to x at the given step."""
    if x >= 0:
        return Interval(x, x + unit, True, False)
    return Interval(x - unit, x, False, True)


def _require(v: Value) -> Decimal:
    x = number(v)
    if x is None:
        raise ValueError(f"not a number: {v.value!r}")
    return x


def rounding_interval(v: Value, half: Decimal | None = None) -> Interval:
    """value +- half a step of the printed precision (or of `half`, when narrowed)."""
    return _around(_require(v), half_step(v) if half is None else half)


def truncation_interval(v: Value, half: Decimal | None = None) -> Interval:
    """[value, value + one step): the values that print as this figure when truncated."""
    return _cut(_require(v), step(v) if half is None else 2 * half)


def is_whole(v: Value) -> bool:
    """A whole-number score, weight or count as printed (exact as the part of a sum)."""
    if v.kind in (NumberKind.amount, NumberKind.percent):
        return False
    return v.decimals == 0 and v.scale == 1 and number(v) is not None


def exact(v: Value) -> Interval:
    return Interval.point(_require(v))


def finest_half_step(values: Iterable[Value]) -> Decimal | None:
    """The smallest half-step among figures stated together."""
    halves = [half_step(v) for v in values]
    return min(halves) if halves else None


def finest(values: list[Value]) -> list[Interval]:
    """Rounding intervals of figures stated together, all at their finest precision.

    30万元 beside 29.99万元 stands for 30.00万元: nobody is widened, everyone is
    narrowed to the smallest half-step among them.
    """
    half = finest_half_step(values)
    return [rounding_interval(v, half) for v in values]


# --------------------------------------------------------------------------- terms of a check


@dataclass(unsafe_hash=True)  # never changed: not frozen (3x the __init__)
class Term:
    """One figure as an input of a check: its flat key, value and how it is read."""

    key: str
    value: Value
    exact: bool = False  # a whole-number score/weight/count as the part of a sum
    half: Decimal | None = None  # narrowed half-step (parts stated together)

    # Each reading is worked out once per term (a term is shared by the rules of a validate run,
    # ``check.one_run``) and kept in the instance's __dict__; an Interval is never changed.
    @cached_property
    def _rounded(self) -> Interval:
        return exact(self.value) if self.exact else rounding_interval(self.value, self.half)

    @cached_property
    def _truncated(self) -> Interval:
        if self.exact:
            return exact(self.value)
        if self.value.kind == NumberKind.score and self.value.decimals == 0:
            return self.rounded()  # an assigned whole score is never a truncated 9.9
        return truncation_interval(self.value, self.half)

    def rounded(self) -> Interval:
        return self._rounded

    def truncated(self) -> Interval:
        return self._truncated

    def interval(self, truncate: bool) -> Interval:
        return self.truncated() if truncate else self.rounded()


def as_part(key: str, v: Value) -> Term:
    """A term that is exact when it is a whole-number score, weight or count."""
    return Term(key, v, exact=is_whole(v))


def is_whole_count(v: Value) -> bool:
    """A count printed as a whole number (7件; not 11万人次): exact wherever it is used."""
    return v.kind == NumberKind.count and is_whole(v)


def as_figure(key: str, v: Value) -> Term:
    """A term read by the precision rule: its rounding interval, or exact for a whole-number count."""
    return Term(key, v, exact=is_whole_count(v))


def at_finest(terms: list[Term]) -> list[Term]:
    """The terms narrowed to the finest precision among them (exact ones stay exact)."""
    half = finest_half_step(t.value for t in terms if not t.exact)
    return [t if t.exact else replace(t, half=half) for t in terms]
