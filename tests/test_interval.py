"""Interval arithmetic and the precision rule (extractor.validate.interval and check)."""

from __future__ import annotations

from decimal import ROUND_DOWN, ROUND_HALF_UP, Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from extractor.models import NumberKind, Report, SourceInfo, Value
from extractor.validate.check import check_ratio, check_sum, evaluate, ratio
from extractor.validate.interval import (
    Interval,
    Term,
    as_part,
    at_finest,
    exact,
    finest,
    rounding_interval,
    total,
    truncation_interval,
)
from extractor.validate.labels import approx
from extractor.validate.scores import _rate_times_weight

D = Decimal
REPORT = Report(source=SourceInfo(path="test.txt", format="text"))
UNITS = {
    "万元": (NumberKind.amount, D(10000)),
    "元": (NumberKind.amount, D(1)),
    "%": (NumberKind.percent, D(1)),
}


def val(printed: str, unit: str = "", kind: NumberKind | None = None) -> Value:
    """A Value as read from a printed figure: '4406.09', '万元' -> 44060900, 2 decimals, scale 10000."""
    k, scale = UNITS.get(unit, (kind or NumberKind.score, D(1)))
    number = D(printed)
    decimals = max(0, -number.as_tuple().exponent)  # type: ignore[operator]
    return Value(value=number * scale, raw=printed + unit, kind=k, unit=unit, decimals=decimals, scale=scale)


def t(key: str, printed: str, unit: str = "", kind: NumberKind | None = None) -> Term:
    return Term(key, val(printed, unit, kind))


# --------------------------------------------------------------------------- Interval


def test_arithmetic_keeps_open_and_closed_ends() -> None:
    a = Interval(D(1), D(2), True, False)
    b = Interval(D(3), D(4), True, False)
    s = a + b
    assert (s.lo, s.hi, s.lo_closed, s.hi_closed) == (D(4), D(6), True, False)
    d = b - a
    assert (d.lo, d.hi, d.lo_closed, d.hi_closed) == (D(1), D(3), False, False)
    p = a * b
    assert (p.lo, p.hi, p.lo_closed, p.hi_closed) == (D(3), D(8), True, False)


def test_multiplying_by_a_reached_zero_reaches_zero() -> None:
    p = Interval.point(0) * Interval(D(1), D(2), False, False)
    assert p.contains(0) and not p.is_empty()


def test_division_by_an_interval_containing_zero_is_undefined() -> None:
    assert Interval.point(1) / Interval(D(-1), D(1)) is None
    assert Interval.point(1) / Interval(D(0), D(1), False, True) is None
    q = Interval.point(1) / Interval(D(2), D(4))
    assert q is not None and q.lo == D("0.25") and q.hi == D("0.5")


def test_inexact_division_rounds_outward() -> None:
    q = Interval.point(1) / Interval.point(3)
    assert q is not None
    assert q.lo < q.hi and q.hi - q.lo < D("1e-50")  # rounded outward, not widened by much
    assert q.lo_closed and q.hi_closed
    assert (q * Interval.point(3)).contains(1)


def test_intervals_touching_at_an_excluded_end_do_not_meet() -> None:
    assert not Interval(D(1), D(2), True, False).intersects(Interval(D(2), D(3)))
    assert Interval(D(1), D(2)).intersects(Interval(D(2), D(3)))
    assert Interval(D(1), D(2)).contains(D("1.5")) and not Interval(D(1), D(2), True, False).contains(2)


def test_min_and_abs() -> None:
    m = Interval(D(8), D(12)).min(Interval.point(10))
    assert (m.lo, m.hi) == (D(8), D(10))
    a = Interval(D(-3), D(2)).abs()
    assert (a.lo, a.hi) == (D(0), D(3))


# --------------------------------------------------------------------------- printed figures


def test_rounding_and_truncation_intervals() -> None:
    v = val("4406.09", "万元")
    r = rounding_interval(v)
    assert (r.lo, r.hi, r.lo_closed, r.hi_closed) == (D(44060850), D(44060950), True, False)
    tr = truncation_interval(v)
    assert (tr.lo, tr.hi) == (D(44060900), D(44061000))
    n = rounding_interval(val("-2.5"))
    assert (n.lo, n.hi, n.lo_closed, n.hi_closed) == (D("-2.55"), D("-2.45"), False, True)


def test_whole_scores_are_exact_parts_but_amounts_are_not() -> None:
    assert exact(val("9")) == Interval.point(9)
    assert as_part("s", val("9")).exact
    assert not as_part("s", val("9.5")).exact
    assert not as_part("a", val("30", "万元")).exact


def test_finest_narrows_everyone_to_the_smallest_half_step() -> None:
    a, b = finest([val("30", "万元"), val("29.99", "万元")])
    assert (a.lo, a.hi) == (D(299950), D(300050))
    assert (b.lo, b.hi) == (D(299850), D(299950))


# --------------------------------------------------------------------------- the check


def test_execution_rate_agrees_at_96_41_and_not_at_96_50() -> None:
    executed, adjusted = t("budget.executed", "4248.11", "万元"), t("budget.adjusted", "4406.09", "万元")
    assert check_ratio("r", REPORT, executed, [adjusted], t("budget.execution_rate", "96.41", "%")) is None
    f = check_ratio("r", REPORT, executed, [adjusted], t("budget.execution_rate", "96.50", "%"))
    assert f is not None and f.severity == "error"
    assert "96.414…%" in f.message_zh and "96.50%" in f.message_zh
    assert "4248.11万元" in f.message_en and "does not agree" in f.message_en


def test_a_computed_interval_is_printed_by_its_common_start_or_both_ends() -> None:
    """'…' only after figures both ends share; an interval straddling a place (9.95 to 10, a product
    capped at the weight) prints both ends, one place more where they would round to one figure."""
    score = val("9")
    assert approx(D("96.4141"), D("96.4145"), val("96.50", "%")) == "96.414…%"
    assert approx(D("9.95"), D("10"), score) == "9.95–10.00"
    assert approx(D("8.6175"), D("8.6265"), val("8.5")) == "8.62–8.63"  # 95.8% x 9, not 8.62…
    assert approx(D("89.975"), D("90.005"), score) == "89.98–90.01"


def test_execution_score_of_96_41_percent_times_10_agrees_with_9_64() -> None:
    rate, weight = t("rate", "96.41", "%"), as_part("w", val("10"))
    result = evaluate([rate, weight], _rate_times_weight, t("score", "9.64"))
    assert result is not None and result.holds
    result = evaluate([rate, weight], _rate_times_weight, t("score", "9.70"))
    assert result is not None and not result.holds


def test_score_of_10_agrees_with_99_percent_of_10_but_9_does_not() -> None:
    rate, weight = t("rate", "99", "%"), as_part("w", val("10"))
    ten = evaluate([rate, weight], _rate_times_weight, t("score", "10"))
    nine = evaluate([rate, weight], _rate_times_weight, t("score", "9"))
    assert ten is not None and ten.holds
    assert nine is not None and not nine.holds


def test_whole_number_scores_add_up_exactly() -> None:
    parts = [as_part(f"s{i}", val(x)) for i, x in enumerate("9 13 15 10 10 27 9".split())]
    assert check_sum("sum.scores", REPORT, parts, [t("total", "93")]) is None
    f = check_sum("sum.scores", REPORT, parts, [t("total", "94")])
    assert f is not None and f.severity == "error" and f.computed == ("93", "93")


def test_parts_stated_together_take_the_finest_precision() -> None:
    parts = [t("p1", "30", "万元"), t("p2", "30", "万元"), t("p3", "29.99", "万元")]
    whole = t("w", "89.97", "万元")
    assert check_sum("sum.breakdown", REPORT, parts, [whole]) is None  # each at its own precision
    f = check_sum("sum.breakdown", REPORT, at_finest(parts), [whole], "warning")
    assert f is not None and f.computed == ("899750", "900050")


def test_a_check_that_holds_only_when_truncated_is_a_warning() -> None:
    executed, adjusted = t("budget.executed", "964.19", "万元"), t("budget.adjusted", "1000.00", "万元")
    f = check_ratio("ratio.execution_rate", REPORT, executed, [adjusted], t("rate", "96.41", "%"))
    assert f is not None and f.severity == "warning"
    assert "截尾" in f.message_zh and "truncated" in f.message_en
    f = check_ratio("ratio.execution_rate", REPORT, executed, [adjusted], t("rate", "96.30", "%"))
    assert f is not None and f.severity == "error"


def test_zero_over_zero_is_skipped() -> None:
    zero = t("budget.adjusted", "0", "万元")
    assert evaluate([t("budget.executed", "0", "万元"), zero], ratio(), t("rate", "0", "%")) is None


# --------------------------------------------------------------------------- properties

amounts = st.decimals(
    min_value=D("0.01"), max_value=D("99999"), places=4, allow_nan=False, allow_infinity=False
)
places = st.integers(min_value=0, max_value=4)


def printed_value(x: Decimal, decimals: int, unit: str = "万元", truncate: bool = False) -> Value:
    """The exact figure x (in the unit) as a report prints it at `decimals` places."""
    mode = ROUND_DOWN if truncate else ROUND_HALF_UP
    return val(str(x.quantize(D(1).scaleb(-decimals), rounding=mode)), unit)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.tuples(amounts, places), min_size=2, max_size=6), places, st.booleans())
def test_consistent_sums_never_fail_and_truncated_ones_at_most_warn(
    parts: list[tuple[Decimal, int]], whole_places: int, truncate: bool
) -> None:
    exact_whole = sum((x for x, _ in parts), D(0))
    terms = [Term(f"p{i}", printed_value(x, d, truncate=truncate)) for i, (x, d) in enumerate(parts)]
    whole = Term("w", printed_value(exact_whole, whole_places, truncate=truncate))
    f = check_sum("sum.x", REPORT, terms, [whole])
    if truncate:
        assert f is None or f.severity == "warning"
    else:
        assert f is None


@settings(max_examples=300, deadline=None)
@given(amounts, amounts, places, places, places, st.booleans())
def test_consistent_ratios_never_fail_and_truncated_ones_at_most_warn(
    num: Decimal, den: Decimal, d_num: int, d_den: int, d_rate: int, truncate: bool
) -> None:
    rate = num / den * 100
    n = Term("n", printed_value(num, d_num, truncate=truncate))
    m = Term("d", printed_value(den, d_den, truncate=truncate))
    if m.value.value == 0:
        return
    r = Term("r", printed_value(rate, d_rate, "%", truncate=truncate))
    f = check_ratio("ratio.x", REPORT, n, [m], r)
    if truncate:
        assert f is None or f.severity == "warning"
    else:
        assert f is None


@settings(max_examples=300, deadline=None)
@given(st.lists(st.tuples(amounts, places), min_size=2, max_size=6), places, st.booleans(), st.data())
def test_moving_the_whole_beyond_the_parts_precision_always_fails(
    parts: list[tuple[Decimal, int]], whole_places: int, up: bool, data: st.DataObject
) -> None:
    terms = [Term(f"p{i}", printed_value(x, d)) for i, (x, d) in enumerate(parts)]
    whole_v = printed_value(sum((x for x, _ in parts), D(0)), whole_places)
    slack = total(p.rounded() for p in terms)
    width = slack.hi - slack.lo + 10000 * D(1).scaleb(-whole_places)  # parts' spread + one whole step
    extra = data.draw(st.integers(min_value=1, max_value=1000))
    shift = (width + extra * D(1).scaleb(-whole_places) * 10000) * (1 if up else -1)
    moved = Value(**{**whole_v.model_dump(), "value": whole_v.value + shift})
    assert check_sum("sum.x", REPORT, terms, [Term("w", moved)]) is not None


@settings(max_examples=200, deadline=None)
@given(st.lists(st.integers(min_value=0, max_value=30), min_size=2, max_size=12), st.integers(-5, 5))
def test_whole_number_scores_fail_when_the_total_is_off_by_one_or_more(scores: list[int], off: int) -> None:
    parts = [as_part(f"s{i}", val(str(s))) for i, s in enumerate(scores)]
    f = check_sum("sum.scores", REPORT, parts, [t("total", str(sum(scores) + off))])
    assert (f is None) == (off == 0)


@pytest.mark.parametrize("rate,score,ok", [("96.41", "9.64", True), ("76", "7.6", True), ("100", "9", False)])
def test_rate_times_weight_table(rate: str, score: str, ok: bool) -> None:
    result = evaluate([t("r", rate, "%"), as_part("w", val("10"))], _rate_times_weight, t("s", score))
    assert result is not None and result.holds is ok
