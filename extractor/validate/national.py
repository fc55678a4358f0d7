"""The national scoring rules (财预〔2020〕10号) a reviewer checks beyond the sums.

indicator.reason_missing, indicator.full_marks, sum.level_weights and weights.standard.
An indicator's target is judged as score.proportional and text.met_statement judge it:
missed when its actual is below a minimum target (or above a maximum) even at the ends
of both rounding intervals; met when the printed actual reaches the printed target.
Between the two (99.6 against 100) neither is said. The standard weights are data
(``patterns/grades.toml``).
"""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal
from typing import Literal

import patterns
from extractor.models import Finding, Indicator, Level, Report, Value
from extractor.validate.check import check_sum, finding, named, term
from extractor.validate.interval import Term, as_part, number, plain
from extractor.validate.labels import printed
from extractor.validate.scores import at_least_target, written_op
from extractor.validate.sums import _all_indicators_read, _falls_short

_S = patterns.load("grades")["standard_weights"]
STANDARD_KINDS: list[str] = _S["kinds"]
STANDARD_EXECUTION = Decimal(_S["execution"])
STANDARD_LEVELS = {name: Decimal(w) for name, w in _S["levels"].items()}
SOURCE = ("《项目支出绩效评价管理办法》（财预〔2020〕10号）", "the national method (财预〔2020〕10号)")

State = Literal["met", "missed"]

# --------------------------------------------------------------------------- judging an indicator


def target_state(ind: Indicator, actual: Term, target: Term) -> State | None:
    """met / missed under the indicator's operator; None when it cannot be said."""
    op = written_op(ind)
    a, t = actual.rounded(), target.rounded()
    x_a, x_t = number(actual.value), number(target.value)
    if x_a is None or x_t is None:
        return None
    if op in (">=", "=", ">") or (op is None and at_least_target(ind)):
        if a.below(t):
            return "missed"
        return "met" if (x_a > x_t if op == ">" else x_a >= x_t) else None
    if op in ("<=", "<"):
        if t.below(a):
            return "missed"
        return "met" if (x_a < x_t if op == "<" else x_a <= x_t) else None
    return None


def _reason_stated(ind: Indicator) -> bool:
    v = ind.deviation_reason
    return v is not None and bool(str(v.value).strip())


def _terms(report: Report, n: int) -> dict[str, Term | None]:
    fields = ("actual", "target", "weight", "score")
    return {f: term(report, f"indicators.{n}.{f}", whole_exact=f == "weight") for f in fields}


def _state(report: Report, n: int, ts: dict[str, Term | None]) -> State | None:
    actual, target = ts["actual"], ts["target"]
    if actual is None or target is None:
        return None
    return target_state(report.indicators[n - 1], actual, target)


def _below_weight(ts: dict[str, Term | None]) -> bool:
    score, weight = ts["score"], ts["weight"]
    return score is not None and weight is not None and score.rounded().below(weight.rounded())


def _who(report: Report, n: int) -> tuple[str, str]:
    """'指标6「政策知晓率」' / 'indicator 6 (政策知晓率)'."""
    name = report.indicators[n - 1].name
    if name is None:
        return f"指标{n}", f"indicator {n}"
    return f"指标{n}「{name.value}」", f"indicator {n} ({name.value})"


def _versus(report: Report, n: int, ts: dict[str, Term | None]) -> tuple[str, str]:
    """'实际完成值 98% 对目标值 =100%' / 'actual 98% against the target =100%'."""
    actual, target = ts["actual"], ts["target"]
    assert actual is not None and target is not None
    op_v = report.indicators[n - 1].target_op
    op = str(op_v.value) if op_v is not None else ""
    a, t = printed(actual.value), printed(target.value)
    return f"实际完成值 {a} 对目标值 {op}{t}", f"actual {a} against the target {op}{t}"


def _score_of(ts: dict[str, Term | None]) -> tuple[str, str]:
    """'得分 7（权重 10）' / 'score 7 (weight 10)'."""
    score, weight = ts["score"], ts["weight"]
    assert score is not None and weight is not None
    s, w = printed(score.value), printed(weight.value)
    return f"得分 {s}（权重 {w}）", f"score {s} (weight {w})"


def _used(ts: dict[str, Term | None], *fields: str) -> list[Term]:
    return [t for f in fields if (t := ts[f]) is not None]


# --------------------------------------------------------------------------- indicator.reason_missing


def reason_missing(report: Report) -> list[Finding]:
    """An indicator that misses its target (or, its target not judged, scored below its weight)
    states no 偏差原因; one that meets it and scored below its weight is indicator.full_marks'."""
    out = []
    for n, ind in enumerate(report.indicators, 1):
        if _reason_stated(ind):
            continue
        ts = _terms(report, n)
        state = _state(report, n, ts)
        if state == "missed":
            (who, who_en), vs = _who(report, n), _versus(report, n, ts)
            zh = f"{who}{vs[0]}，未达目标，但未说明偏差原因"
            en = f"{who_en}: {vs[1]} misses the target, but no deviation reason is given"
            out.append(
                finding("indicator.reason_missing", "warning", (zh, en), _used(ts, "actual", "target"))
            )
        elif state is None and _below_weight(ts):
            (who, who_en), sw = _who(report, n), _score_of(ts)
            zh = f"{who}{sw[0]}，未得满分，但未说明偏差原因"
            en = f"{who_en}: {sw[1]} is below full marks, but no deviation reason is given"
            out.append(finding("indicator.reason_missing", "warning", (zh, en), _used(ts, "score", "weight")))
    return out


# --------------------------------------------------------------------------- indicator.full_marks


def full_marks(report: Report) -> list[Finding]:
    """Met its target yet scored below its weight with no reason; or missed a maximum target
    (≤ 成本 …) yet scored its full weight (below a minimum target that is score.proportional's)."""
    out = []
    for n, ind in enumerate(report.indicators, 1):
        ts = _terms(report, n)
        state = _state(report, n, ts)
        if state == "met" and _below_weight(ts) and not _reason_stated(ind):
            (who, who_en), vs, sw = _who(report, n), _versus(report, n, ts), _score_of(ts)
            zh = f"{who}{vs[0]}，已达目标，{sw[0]}却未得满分，且未说明原因"
            en = f"{who_en}: {vs[1]} meets the target, yet its {sw[1]} is below full marks"
            en += " and no reason is given"
        elif state == "missed" and not at_least_target(ind) and _full(ts):
            (who, who_en), vs, sw = _who(report, n), _versus(report, n, ts), _score_of(ts)
            zh = f"{who}{vs[0]}，未达目标，{sw[0]}却为满分"
            en = f"{who_en}: {vs[1]} misses the target, yet its {sw[1]} is full marks"
        else:
            continue
        used = _used(ts, "actual", "target", "score", "weight")
        out.append(finding("indicator.full_marks", "warning", (zh, en), used))
    return out


def _full(ts: dict[str, Term | None]) -> bool:
    score, weight = ts["score"], ts["weight"]
    return score is not None and weight is not None and score.rounded().meets(weight.rounded())


# --------------------------------------------------------------------------- sum.level_weights


def _members(report: Report, level: Level) -> list[int]:
    """Indicator numbers under this level label: those carrying the label itself (the same span)
    and the run of neighbours carrying the same name, where a grid repeats a merged label cell
    on every row (效益指标(30分) once per row)."""
    at = level.name.span
    if at is None:
        return []
    place = (at.start, at.end)
    for field, key in (("level1", _key1), ("level2", _key2)):
        own = [n for n, ind in enumerate(report.indicators, 1) if _at(getattr(ind, field)) == place]
        if own:
            return _run(report, own, key)
    return []


def _at(v: Value | None) -> tuple[int, int] | None:
    return None if v is None or v.span is None else (v.span.start, v.span.end)


def _key1(ind: Indicator) -> tuple[object, ...]:
    return (ind.level1.value if ind.level1 else None,)


def _key2(ind: Indicator) -> tuple[object, ...]:
    return (*_key1(ind), ind.level2.value if ind.level2 else None)


def _run(report: Report, own: list[int], key: Callable[[Indicator], tuple[object, ...]]) -> list[int]:
    """The consecutive indicators around `own` with the same level name(s)."""
    inds, same = report.indicators, key(report.indicators[own[0] - 1])
    first, last = own[0], own[-1]
    while first > 1 and key(inds[first - 2]) == same:
        first -= 1
    while last < len(inds) and key(inds[last]) == same:
        last += 1
    return list(range(first, last + 1))


def level_term(report: Report, n: int, field: str) -> Term | None:
    """levels.N.weight / levels.N.score as a term (whole numbers exact)."""
    v = getattr(report.levels[n - 1], field)
    return as_part(f"levels.{n}.{field}", v) if v is not None and number(v) is not None else None


def level_weights(report: Report) -> list[Finding]:
    """A level's stated weight (产出指标(50分)) = the sum of its indicators' weights; its stated
    score, where given, = the sum of their scores. A level that is the last one read, without a
    总分 row, may be cut off: short of its weight it is not judged; short while the table's
    weights do not make 100 (a row may be missing): a warning."""
    out, seen = [], set()
    for i, level in enumerate(report.levels, 1):
        members = _members(report, level)
        if not members or tuple(members) in seen:
            continue
        seen.add(tuple(members))
        for field, label in (("weight", ("权重", "weights")), ("score", ("得分", "scores"))):
            f = _level_sum(report, i, level, members, field, label)
            if f is not None:
                out.append(f)
    return out


def _level_sum(
    report: Report, i: int, level: Level, members: list[int], field: str, label: tuple[str, str]
) -> Finding | None:
    whole = level_term(report, i, field)
    parts = [term(report, f"indicators.{n}.{field}", whole_exact=True) for n in members]
    if level.execution:  # the execution-rate row under it, read as the budget's (预算执行率 | 10 | 9)
        parts.append(term(report, f"budget.execution_{field}", whole_exact=True))
    if whole is None or any(p is None for p in parts):
        return None
    ps = [p for p in parts if p is not None]
    short = _falls_short(ps, [whole])
    if short and members[-1] == len(report.indicators) and not _has_total(report):
        return None
    listed = " + ".join(printed(p.value) for p in ps)
    name = str(level.name.value)
    expr = (
        f"「{name}」下各指标{label[0]}（{listed}）",
        f"the {label[1]} of the indicators under {name} ({listed})",
    )
    severity = "warning" if short and not _all_indicators_read(report) else "error"
    return check_sum("sum.level_weights", report, ps, [whole], severity, expr)


def _has_total(report: Report) -> bool:
    return report.evaluation.total_score is not None or report.evaluation.total_weight is not None


# --------------------------------------------------------------------------- weights.standard


def weights_standard(report: Report) -> list[Finding]:
    """Stated execution and level-1 weights that differ from the national 10/50/30/10 (info)."""
    kind = report.report.kind.value if report.report.kind is not None else None
    if kind not in STANDARD_KINDS:
        return []
    differing: list[tuple[Term, Decimal, tuple[str, str]]] = []
    ew = term(report, "budget.execution_weight", whole_exact=True)
    if ew is not None and not ew.rounded().contains(STANDARD_EXECUTION):
        differing.append((ew, STANDARD_EXECUTION, named(ew, report)))
    for i, level in enumerate(report.levels, 1):
        std = STANDARD_LEVELS.get(str(level.name.value))
        w = level_term(report, i, "weight")
        if std is None or w is None or not _is_level1(report, level) or w.rounded().contains(std):
            continue
        differing.append(
            (w, std, (f"{level.name.value} {printed(w.value)}", f"{level.name.value} {printed(w.value)}"))
        )
    if not differing:
        return []
    zh = "、".join(f"{shown[0]}（标准 {plain(std)}分）" for _, std, shown in differing)
    en = ", ".join(f"{shown[1]} (standard {plain(std)})" for _, std, shown in differing)
    message = (f"{zh} 与{SOURCE[0]}的标准分值不同", f"{en} differ from the standard weights of {SOURCE[1]}")
    return [finding("weights.standard", "info", message, [t for t, _, _ in differing])]


def _is_level1(report: Report, level: Level) -> bool:
    at = level.name.span
    return at is not None and any(
        ind.level1 is not None and ind.level1.span is not None and ind.level1.span.start == at.start
        for ind in report.indicators
    )
