"""The shared machinery of the rules: reading terms, comparing intervals, writing findings.

A check computes an interval from its input terms and compares it with the
reported figure's interval, first with every figure read as rounded (half up)
and, only if that fails, as truncated. It fails only when the intervals cannot
meet; if the truncated reading holds, the finding is a warning that says so.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from decimal import Decimal
from typing import Any, Literal

from extractor.flat import field_view, flatten
from extractor.models import FactRef, Finding, NumberKind, Report, Value
from extractor.validate.interval import Interval, Term, as_figure, as_part, number, plain, total
from extractor.validate.labels import approx, key_name, printed

Severity = Literal["error", "warning", "info"]
Relation = Literal["eq", "le", "ge"]  # computed = reported / reported <= computed / reported >= computed
Compute = Callable[[list[Interval]], Interval | None]

UNNAMED = ("breakdowns.", "quantities.")  # figures without a contract key: shown by value only
TRUNC_NOTE_ZH = "（若各数按截尾而非四舍五入处理则相符）"
TRUNC_NOTE_EN = " (it would agree had the figures been truncated rather than rounded)"


# --------------------------------------------------------------------------- reading


def get(report: Report, key: str) -> Any:
    """The Value (or node) at a flat key, or None (indicators.3.score -> report.indicators[2].score)."""
    node: Any = report
    parts = key.split(".")
    if parts[0] == "indicators":
        n = int(parts[1])
        if not 0 < n <= len(report.indicators):
            return None
        node, parts = report.indicators[n - 1], parts[2:]
    for name in parts:
        node = getattr(node, name, None)
        if node is None:
            return None
    return node


# The terms read while the rules of one validate run check one report (key, whole_exact -> term):
# the rules ask for the same figures about three times each, and the report does not change meanwhile.
# A context variable: each thread (a dask worker's, a server's) has its own run.
# Its flat view of the report's fields (``flat.field_view``) is made once too, or given.
_RUN: ContextVar[tuple[Report, dict[Any, Any]] | None] = ContextVar("run", default=None)


@contextmanager
def one_run(report: Report, fields: dict[str, Any] | None = None) -> Iterator[None]:
    """Within it, each figure of ``report`` is read as a term once and shared by the rules, and its
    flat view (``fields``, if given) is made once."""
    token = _RUN.set((report, {} if fields is None else {"fields": fields}))
    try:
        yield
    finally:
        _RUN.reset(token)


def term(report: Report, key: str, whole_exact: bool = False) -> Term | None:
    """The numeric figure at `key` as a term, or None when absent or not a number."""
    run = _RUN.get()
    if run is None or run[0] is not report:
        return _term(report, key, whole_exact)
    known = run[1]  # (key, whole_exact) -> term
    try:
        return known[key, whole_exact]
    except KeyError:
        known[key, whole_exact] = found = _term(report, key, whole_exact)
        return found


def flat_view(report: Report) -> dict[str, Any]:
    """``flat.flatten(report)``, its fields' part made once per validate run."""
    run = _RUN.get()
    if run is None or run[0] is not report:
        return flatten(report)
    if "fields" not in run[1]:
        run[1]["fields"] = field_view(report)
    return flatten(report, run[1]["fields"])


def _term(report: Report, key: str, whole_exact: bool) -> Term | None:
    v = get(report, key)
    if not isinstance(v, Value) or number(v) is None:
        return None
    return as_part(key, v) if whole_exact else as_figure(key, v)


def terms(report: Report, keys: Sequence[str], whole_exact: bool = False) -> list[Term] | None:
    """All the terms, or None if any is absent."""
    out = [term(report, k, whole_exact) for k in keys]
    return None if any(t is None for t in out) else [t for t in out if t is not None]


def constant(x: int | Decimal, unit: str = "") -> Term:
    """A fixed number (100 for the weights' total), exact."""
    return Term("", Value(value=Decimal(x), kind=NumberKind.number, unit=unit), exact=True)


# --------------------------------------------------------------------------- comparing


@dataclass(frozen=True)
class Result:
    """The outcome of one comparison."""

    holds: bool  # with every figure read as rounded
    holds_truncated: bool  # with every figure read as truncated
    computed: Interval
    reported: Interval


def evaluate(
    inputs: Sequence[Term], compute: Compute, target: Term, relation: Relation = "eq"
) -> Result | None:
    """Compare compute(inputs) with the target; None when the computation is undefined (0/0)."""
    computed = compute([t.rounded() for t in inputs])
    if computed is None:
        return None
    reported = target.rounded()
    holds = _relation(computed, reported, relation)
    holds_t = holds
    if not holds:
        computed_t = compute([t.truncated() for t in inputs])
        holds_t = computed_t is not None and _relation(computed_t, target.truncated(), relation)
    return Result(holds, holds_t, computed, reported)


def _relation(computed: Interval, reported: Interval, relation: Relation) -> bool:
    if relation == "le":
        return reported.can_be_at_most(computed)
    if relation == "ge":
        return computed.can_be_at_most(reported)
    return computed.meets(reported)


def first_failure(results: Sequence[Result | None]) -> Result | None:
    """None if any comparison holds (or none was possible); else the first failing one."""
    done = [r for r in results if r is not None]
    if not done or any(r.holds for r in done):
        return None
    return next((r for r in done if r.holds_truncated), done[0])


def sum_of(intervals: list[Interval]) -> Interval:
    return total(intervals)


# --------------------------------------------------------------------------- writing


def named(t: Term, report: Report) -> tuple[str, str]:
    """'执行数 4248.11万元' / 'executed 4248.11万元'."""
    shown = printed(t.value)
    if not t.key or t.key.startswith(UNNAMED):
        return shown, shown
    zh, en = key_name(t.key, report)
    return f"{zh} {shown}", f"{en} {shown}"


def joined(ts: Sequence[Term], report: Report, op: str = " + ") -> tuple[str, str]:
    names = [named(t, report) for t in ts]
    return op.join(n[0] for n in names), op.join(n[1] for n in names)


def fact(t: Term) -> FactRef:
    x = number(t.value)
    return FactRef(
        key=t.key,
        value=plain(x) if x is not None else str(t.value.value),
        interval=t.rounded().strings(),
        span=t.value.span,
    )


def severity_of(result: Result, severity: Severity) -> Severity:
    return "warning" if result.holds_truncated and severity == "error" else severity


def finding(
    rule: str,
    severity: Severity,
    message: tuple[str, str],
    used: Sequence[Term],
    result: Result | None = None,
) -> Finding:
    zh, en = message
    if result is not None and result.holds_truncated:
        zh, en = zh + TRUNC_NOTE_ZH, en + TRUNC_NOTE_EN
    return Finding(
        rule=rule,
        severity=severity_of(result, severity) if result is not None else severity,
        message_zh=zh + "。",
        message_en=en + ".",
        facts=[fact(t) for t in used if t.key],
        computed=result.computed.strings() if result is not None else None,
        reported=result.reported.strings() if result is not None else None,
    )


def mismatch(
    rule: str,
    severity: Severity,
    expr: tuple[str, str],
    target: Term,
    used: Sequence[Term],
    result: Result,
    report: Report,
) -> Finding:
    """'<expr> = <computed>，与<target> 不符' / '<expr> = <computed>, which does not agree with <target>'.

    With a single input (one row against its total) the '= <computed>' is left out.
    """
    places = max(t.value.decimals for t in [*used, target])
    shown = approx(result.computed.lo, result.computed.hi, target.value, places=places)
    equals = f" = {shown}" if len(used) > 1 else ""
    t_zh, t_en = named(target, report)
    stated = ("填报的", "the stated") if target.key else ("应有的", "the expected")
    gap = " " if not target.key or target.key.startswith(UNNAMED) else ""
    zh = f"{expr[0]}{equals}，与{stated[0]}{gap}{t_zh} 不符"
    en = f"{expr[1]}{equals}, which does not agree with {stated[1]} {t_en}"
    return finding(rule, severity, (zh, en), [*used, target], result)


def check_sum(
    rule: str,
    report: Report,
    parts: Sequence[Term],
    wholes: Sequence[Term],
    severity: Severity = "error",
    expr: tuple[str, str] | None = None,
) -> Finding | None:
    """parts add up to (any one of) the wholes; `expr` names the parts in the message.

    A whole the text lists with more parts than these (其中基本支出…、项目支出…、
    上缴上级支出…) is left to sum.breakdown, which checks the whole listing.
    """
    wholes = [w for w in wholes if not listed_with_more_parts(report, parts, w)]
    if not parts or not wholes:
        return None
    results = [evaluate(parts, sum_of, w) for w in wholes]
    failed = first_failure(results)
    if failed is None:
        return None
    whole = wholes[results.index(failed)]
    return mismatch(rule, severity, expr or joined(parts, report), whole, parts, failed, report)


def listed_with_more_parts(report: Report, parts: Sequence[Term], whole: Term) -> bool:
    """These parts are some of a breakdown the report lists with others besides, of this whole
    (the same figure, here or where the breakdown states it again: 基本支出830万元中，…)."""
    mine = {_at(p.value) for p in parts}
    if None in mine:
        return False
    for bd in report.breakdowns:
        same_whole = _at(bd.whole) == _at(whole.value) or bd.whole.value == whole.value.value
        if same_whole and len(bd.parts) > len(parts) and mine <= {_at(p) for p in bd.parts}:
            return True
    return False


def _at(v: Value) -> tuple[int, int] | None:
    return None if v.span is None else (v.span.start, v.span.end)


def ratio(percent: bool = True) -> Compute:
    """num / den (x 100 for a percentage); None when den may be 0."""

    def compute(xs: list[Interval]) -> Interval | None:
        q = xs[0] / xs[1]
        return None if q is None else (q.scaled(100) if percent else q)

    return compute


def check_ratio(
    rule: str, report: Report, num: Term, dens: Sequence[Term], rate: Term, severity: Severity = "error"
) -> Finding | None:
    """num / den x 100 = rate, for any one of the denominators."""
    results = [evaluate([num, d], ratio(), rate) for d in dens]
    failed = first_failure(results)
    if failed is None:
        return None
    den = dens[results.index(failed)]
    expr = joined([num, den], report, " / ")
    return mismatch(
        rule, severity, (expr[0] + " × 100%", expr[1] + " × 100%"), rate, [num, den], failed, report
    )
