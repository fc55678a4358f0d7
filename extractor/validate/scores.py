"""score.* and grade.band rules: scores against rates, weights, targets and grades."""

from __future__ import annotations

import unicodedata
from decimal import Decimal

import patterns
from extractor.models import Finding, Indicator, Report
from extractor.validate.check import (
    Result,
    evaluate,
    finding,
    get,
    joined,
    mismatch,
    named,
    term,
)
from extractor.validate.interval import Interval, Term, number
from extractor.validate.labels import approx

_G = patterns.load("grades")
ALIASES: dict[str, str] = _G["aliases"]
BANDS = {b["grade"]: (Decimal(b["min"]), Decimal(b["max"]) if "max" in b else None) for b in _G["band"]}
LOWER_IS_BETTER: list[str] = _G["scoring"]["lower_is_better"]
AT_LEAST_OPS = {">=", "=", ">"}
# The ways a report writes '=' (patterns/operators.toml), folded as NFKC folds them (＝ to =).
EQUALS_WORDS = [w for w, op in patterns.load("operators")["ops"].items() if op == "="]

# --------------------------------------------------------------------------- score.execution


def execution(report: Report) -> list[Finding]:
    """执行率得分 = 执行率 × 分值 (capped at the weight); the score stands for its rounding interval."""
    score = term(report, "budget.execution_score")
    weight = term(report, "budget.execution_weight", whole_exact=True)
    if score is None or weight is None:
        return []
    rate = term(report, "budget.execution_rate")
    if rate is None:
        return []
    result = evaluate([rate, weight], _rate_times_weight, score)
    if result is None or result.holds:
        return []
    expr = joined([rate, weight], report, " × ")
    expr = (expr[0] + "（以分值为上限）", expr[1] + " (capped at the weight)")
    return [mismatch("score.execution", "error", expr, score, [rate, weight], result, report)]


def _rate_times_weight(xs: list[Interval]) -> Interval:
    rate, weight = xs
    return (rate * weight).scaled(Decimal("0.01")).min(weight)


# --------------------------------------------------------------------------- score.bounds


def _scored_items(report: Report) -> list[tuple[str, str]]:
    """(score key, weight key) of every scored item."""
    items = [("budget.execution_score", "budget.execution_weight")]
    items += [
        (f"indicators.{n}.score", f"indicators.{n}.weight") for n in range(1, len(report.indicators) + 1)
    ]
    return items


def bounds(report: Report) -> list[Finding]:
    """0 <= score <= weight for every scored item."""
    out = []
    for score_key, weight_key in _scored_items(report):
        score, weight = term(report, score_key), term(report, weight_key, whole_exact=True)
        if score is None:
            continue
        f = _negative(report, score) or (_over_weight(report, score, weight) if weight else None)
        if f is not None:
            out.append(f)
    return out


def _negative(report: Report, score: Term) -> Finding | None:
    if not score.rounded().below(Interval.point(0)):
        return None
    zh, en = named(score, report)
    return finding("score.bounds", "error", (f"{zh} 小于 0", f"{en} is below 0"), [score])


def _over_weight(report: Report, score: Term, weight: Term) -> Finding | None:
    result = evaluate([weight], lambda xs: xs[0], score, "le")
    if result is None or result.holds:
        return None
    (s_zh, s_en), (w_zh, w_en) = named(score, report), named(weight, report)
    message = (f"{s_zh} 超过{w_zh}", f"{s_en} exceeds its {w_en}")
    return finding("score.bounds", "error", message, [score, weight], result)


# --------------------------------------------------------------------------- score.proportional


def written_op(ind: Indicator) -> str | None:
    """The target's operator as the report writes it; None for the '=' read from a bare target
    (200万 states no operator: whether it is a minimum depends on what is measured)."""
    op = ind.target_op.value if ind.target_op is not None else None
    if op == "=" and ind.target_op is not None:
        raw = unicodedata.normalize("NFKC", ind.target_op.raw)
        return op if any(w in raw for w in EQUALS_WORDS) else None
    return op


def at_least_target(ind: Indicator) -> bool:
    """The target is a minimum to reach: >=, =, > or no operator (unless the name or the 二级指标
    says lower is better: 成本指标, 控制率 …)."""
    op = written_op(ind)
    if op is None:
        words = "".join(str(v.value) for v in (ind.name, ind.level2) if v is not None)
        return not any(cue in words for cue in LOWER_IS_BETTER)
    return op in AT_LEAST_OPS


def proportional(report: Report) -> list[Finding]:
    """An indicator below its target scored more than (actual / target) × weight."""
    out = []
    for n, ind in enumerate(report.indicators, 1):
        if not at_least_target(ind):
            continue
        keys = [f"indicators.{n}.{f}" for f in ("actual", "target", "weight", "score")]
        ts = [term(report, k, whole_exact=k.endswith("weight")) for k in keys]
        if any(t is None for t in ts):
            continue
        f = _proportional(report, *(t for t in ts if t is not None))
        if f is not None:
            out.append(f)
    return out


def _proportional(report: Report, actual: Term, target: Term, weight: Term, score: Term) -> Finding | None:
    if not actual.rounded().below(target.rounded()):
        return None
    result = evaluate([actual, target, weight], _share_of_weight, score, "le")
    if result is None or result.holds:
        return None
    expr = joined([actual, target], report, " / ")
    w, s = named(weight, report), named(score, report)
    shown = approx(result.computed.lo, result.computed.hi, score.value, extra=2)
    zh = f"{expr[0]} × {w[0]} = {shown}，而{s[0]} 高于此值（未达目标却得分过高）"
    en = (
        f"{expr[1]} × {w[1]} = {shown}, but the {s[1]} is higher"
        " (scored above its completion although below target)"
    )
    return finding("score.proportional", "warning", (zh, en), [actual, target, weight, score], result)


def _share_of_weight(xs: list[Interval]) -> Interval | None:
    q = xs[0] / xs[1]
    return None if q is None else q * xs[2]


# --------------------------------------------------------------------------- grade.band


def normal_grade(text: str) -> str | None:
    """优秀 -> 优, 不合格 -> 差 …; None when not a grade."""
    t = "".join(ch for ch in text if ch not in " \"'“”「」『』()（）")
    if t in ALIASES:
        return ALIASES[t]
    hits = [a for a in ALIASES if a in t]
    return ALIASES[max(hits, key=len)] if hits else None


def grade_band(report: Report) -> list[Finding]:
    """The grade agrees with the total score (优 >= 90, 良 80–90, 中 60–80, 差 < 60)."""
    total = term(report, "evaluation.total_score", whole_exact=True)
    grade_v = get(report, "evaluation.grade")
    if total is None or grade_v is None or not isinstance(grade_v.value, str):
        return []
    grade = normal_grade(grade_v.value)
    if grade is None or grade not in BANDS:
        return []
    lo, hi = BANDS[grade]
    band = Interval(lo, hi if hi is not None else Decimal("1e9"), True, False)
    if total.rounded().meets(band):
        return []
    holds_t = total.truncated().meets(band)
    expected = next(
        (g for g, (a, b) in BANDS.items() if number(total.value) is not None and _in(total, a, b)), ""
    )
    zh = f"{named(total, report)[0]} 对应等级「{expected}」，与填报的评价等级「{grade_v.value}」不符"
    en = f"{named(total, report)[1]} falls in grade '{expected}', not the stated grade '{grade_v.value}'"
    result = Result(False, holds_t, total.rounded(), band)
    f = finding("grade.band", "error", (zh, en), [total], result)
    return [f.model_copy(update={"computed": band.strings(), "reported": total.rounded().strings()})]


def _in(total: Term, lo: Decimal, hi: Decimal | None) -> bool:
    x = number(total.value)
    return x is not None and lo <= x and (hi is None or x < hi)
