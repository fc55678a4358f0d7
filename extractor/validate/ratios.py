"""ratio.* rules: execution rates, the budget adjustment and indicator completion rates."""

from __future__ import annotations

from extractor.models import Finding, Report
from extractor.validate.check import (
    check_ratio,
    check_sum,
    evaluate,
    first_failure,
    joined,
    mismatch,
    ratio,
    term,
)
from extractor.validate.interval import Interval, Term

NOT_RATIO_OPS = {"<=", "<", "text"}  # completion of lower-is-better or qualitative targets varies


def _present(*ts: Term | None) -> list[Term]:
    return [t for t in ts if t is not None]


def execution_rate(report: Report) -> list[Finding]:
    """执行率 = 执行数 / 调整后预算数 (or 年初预算数)."""
    num, rate = term(report, "budget.executed"), term(report, "budget.execution_rate")
    dens = _present(term(report, "budget.adjusted"), term(report, "budget.initial"))
    if num is None or rate is None or not dens:
        return []
    return _listed(check_ratio("ratio.execution_rate", report, num, dens, rate))


def basic_execution_rate(report: Report) -> list[Finding]:
    """基本支出执行率 = 基本支出执行数 / 基本支出预算."""
    num, den = term(report, "budget.basic.executed"), term(report, "budget.basic.budget")
    rate = term(report, "budget.basic.execution_rate")
    if num is None or den is None or rate is None:
        return []
    return _listed(check_ratio("ratio.basic_execution_rate", report, num, [den], rate))


def adjustment(report: Report) -> list[Finding]:
    """调整后预算 = 年初预算 + 调整数; 调整率 = 调整数 / 年初预算."""
    initial, adjusted = term(report, "budget.initial"), term(report, "budget.adjusted")
    delta = term(report, "budget.adjustment")
    out: list[Finding | None] = []
    if initial is not None and adjusted is not None and delta is not None:
        out.append(check_sum("ratio.adjustment", report, [initial, delta], [adjusted]))
    out.append(_adjustment_rate(report, initial, adjusted, delta))
    return [f for f in out if f is not None]


def _adjustment_rate(
    report: Report, initial: Term | None, adjusted: Term | None, delta: Term | None
) -> Finding | None:
    rate = term(report, "budget.adjustment_rate")
    if rate is None or initial is None or (delta is None and adjusted is None):
        return None
    inputs = [delta, initial] if delta is not None else [adjusted, initial]
    inputs = [t for t in inputs if t is not None]

    def signed(xs: list[Interval]) -> Interval | None:
        change = xs[0] if delta is not None else xs[0] - xs[1]
        return ratio()([change, xs[1]])

    def unsigned(xs: list[Interval]) -> Interval | None:
        r = signed(xs)
        return None if r is None else r.abs()

    failed = first_failure([evaluate(inputs, signed, rate), evaluate(inputs, unsigned, rate)])
    if failed is None:
        return None
    change = joined(inputs[:1], report) if delta is not None else joined(inputs, report, " − ")
    base = joined([initial], report)
    expr = (f"({change[0]}) / {base[0]} × 100%", f"({change[1]}) / {base[1]} × 100%")
    return mismatch("ratio.adjustment", "error", expr, rate, inputs, failed, report)


def indicator_completion(report: Report) -> list[Finding]:
    """完成率 = 实际完成值 / 目标值 for numeric indicators (a stated 100% may cap an overshoot)."""
    out = []
    for n, ind in enumerate(report.indicators, 1):
        op = ind.target_op.value if ind.target_op is not None else None
        if op in NOT_RATIO_OPS:
            continue
        keys = [f"indicators.{n}.{f}" for f in ("actual", "target", "completion_rate")]
        ts = [term(report, k) for k in keys]
        if any(t is None for t in ts):
            continue
        actual, target, rate = (t for t in ts if t is not None)
        f = _completion(report, actual, target, rate)
        if f is not None:
            out.append(f)
    return out


def _completion(report: Report, actual: Term, target: Term, rate: Term) -> Finding | None:
    def capped(xs: list[Interval]) -> Interval | None:
        r = ratio()(xs)
        return None if r is None else r.min(Interval.point(100))

    failed = first_failure(
        [evaluate([actual, target], ratio(), rate), evaluate([actual, target], capped, rate)]
    )
    if failed is None:
        return None
    expr = joined([actual, target], report, " / ")
    return mismatch(
        "ratio.indicator_completion",
        "error",
        (expr[0] + " × 100%", expr[1] + " × 100%"),
        rate,
        [actual, target],
        failed,
        report,
    )


def _listed(f: Finding | None) -> list[Finding]:
    return [] if f is None else [f]
