"""sum.* rules: parts that must add up to their whole."""

from __future__ import annotations

from extractor.models import Finding, NumberKind, Report
from extractor.validate.check import check_sum, constant, evaluate, get, named, sum_of, term, terms
from extractor.validate.interval import Term, at_finest, number, total
from extractor.validate.labels import printed
from extractor.validate.merge import merge

FUND_ROWS = ("current", "carryover", "other")
# Cues that do not promise every part is listed (其中 = "among them"): parts that
# fall short of the whole are not a finding, parts that add up to more are.
PARTIAL_CUES = ("其中", "包括", "含")
FUND_COLUMNS = ("initial", "adjusted", "executed")


def _some(*ts: Term | None) -> list[Term]:
    return [t for t in ts if t is not None]


def _one(f: Finding | None) -> list[Finding]:
    return [] if f is None else [f]


def budget_sources(report: Report) -> list[Finding]:
    """上级资金 + 本级资金 + 其他资金 = 年初预算数 (stated together: finest precision)."""
    whole = term(report, "budget.initial")
    main = terms(report, ["budget.source.superior", "budget.source.own"])
    if whole is None or main is None:
        return []
    parts = at_finest(main + _some(term(report, "budget.source.other")))
    return _one(check_sum("sum.budget_sources", report, parts, [whole]))


def budget_composition(report: Report) -> list[Finding]:
    """基本支出 + 项目支出 = 执行数 (and the budgets alike)."""
    out = []
    executed = term(report, "budget.executed")
    parts = terms(report, ["budget.basic.executed", "budget.project.executed"])
    if parts is None and term(report, "budget.basic.executed") is None:
        parts = terms(report, ["budget.basic.personnel", "budget.basic.public", "budget.project.executed"])
    if executed is not None and parts is not None:
        out.append(check_sum("sum.budget_composition", report, parts, [executed]))
    budgets = terms(report, ["budget.basic.budget", "budget.project.budget"])
    wholes = _some(term(report, "budget.adjusted"), term(report, "budget.initial"))
    if budgets is not None:
        out.append(check_sum("sum.budget_composition", report, budgets, wholes))
    return [f for f in out if f is not None]


def basic_composition(report: Report) -> list[Finding]:
    """人员经费 + 公用经费 = 基本支出 (executed, or the budget)."""
    parts = terms(report, ["budget.basic.personnel", "budget.basic.public"])
    wholes = _some(term(report, "budget.basic.executed"), term(report, "budget.basic.budget"))
    if parts is None:
        return []
    return _one(check_sum("sum.basic_composition", report, parts, wholes))


def project_groups(report: Report) -> list[Finding]:
    """上级资金项目 + 本级财力项目 = 项目支出, for the budgets and the executed amounts."""
    out = []
    for field in ("budget", "executed"):
        parts = terms(report, [f"budget.project.superior.{field}", f"budget.project.own.{field}"])
        whole = term(report, f"budget.project.{field}")
        if parts is not None and whole is not None:
            out.append(check_sum("sum.project_groups", report, parts, [whole]))
    return [f for f in out if f is not None]


def funds(report: Report) -> list[Finding]:
    """本年财政拨款 + 上年结转 + 其他资金 = 年度资金总额, per column (rows at their finest precision)."""
    out = []
    for column in FUND_COLUMNS:
        whole = term(report, f"budget.{column}")
        rows = _some(*(term(report, f"budget.funds.{row}.{column}") for row in FUND_ROWS))
        if whole is not None and rows:
            out.append(check_sum("sum.funds", report, at_finest(rows), [whole]))
    return _one(merge([f for f in out if f is not None]))


def breakdown(report: Report) -> list[Finding]:
    """An amount stated with its parts (其中 / 具体为 …): the parts at their finest precision add up to it."""
    out = []
    for n, bd in enumerate(report.breakdowns, 1):
        values = [bd.whole, *bd.parts]
        if any(v.kind != NumberKind.amount or number(v) is None for v in values):
            continue
        whole = Term(f"breakdowns.{n}.whole", bd.whole)
        parts = at_finest([Term(f"breakdowns.{n}.parts.{i}", v) for i, v in enumerate(bd.parts, 1)])
        if bd.cue.strip() in PARTIAL_CUES and total(p.rounded() for p in parts).below(whole.rounded()):
            continue
        if _nested(parts, whole):
            continue
        out.append(check_sum("sum.breakdown", report, parts, [whole], "warning"))
    return [f for f in out if f is not None]


def _nested(parts: list[Term], whole: Term) -> bool:
    """The listing breaks down one of its parts in turn (其中基本支出612.40万元,项目支出885.96万元,共3个
    项目:320.00万元、410.96万元、155.00万元): its first parts add up to the whole, the rest to one of them."""
    for k in range(2, len(parts) - 1):
        head, tail = parts[:k], parts[k:]
        if _adds_up(head, whole) and any(_adds_up(tail, p) for p in head):
            return True
    return False


def _adds_up(parts: list[Term], whole: Term) -> bool:
    result = evaluate(parts, sum_of, whole)
    return result is not None and result.holds


def staff(report: Report) -> list[Finding]:
    """行政编制 + 事业编制 (+ 工勤编制) = 实有人数 (or 编制数).

    Parts short of the whole are only a warning: other kinds of post (参公, 编外,
    公益性岗位 …) may make the difference; parts above the whole are an error, but for parts
    above the people only (实有人数, no 编制数 stated): 行政编制39名 + 事业编制5名 are posts, and
    posts left vacant (在职实有32人) are no inconsistency.
    """
    parts = terms(report, ["staff.administrative", "staff.institutional"], whole_exact=True)
    authorized = term(report, "staff.authorized")
    wholes = _some(term(report, "staff.actual"), authorized)
    if parts is None or not wholes:
        return []
    parts += _some(term(report, "staff.worker", whole_exact=True))
    short = _falls_short(parts, wholes)
    if not short and authorized is None:
        return []
    return _one(check_sum("sum.staff", report, parts, wholes, "warning" if short else "error"))


# --------------------------------------------------------------------------- weights and scores


def _indicator_terms(report: Report, field: str) -> list[Term]:
    n = len(report.indicators)
    return _some(*(term(report, f"indicators.{i}.{field}", whole_exact=True) for i in range(1, n + 1)))


def _gaps(report: Report, have: str, lack: str) -> bool:
    """Some indicator states `have` but not `lack` (an extraction gap: the sum is unknown)."""
    return any(
        get(report, f"indicators.{i}.{have}") and not get(report, f"indicators.{i}.{lack}")
        for i in range(1, len(report.indicators) + 1)
    )


def weights(report: Report) -> list[Finding]:
    """执行率分值 + 各指标权重 = 100 (or the 总分 row's weight)."""
    ew = term(report, "budget.execution_weight", whole_exact=True)
    ws = _indicator_terms(report, "weight")
    if ew is None or not ws or _gaps(report, "score", "weight"):
        return []
    if term(report, "evaluation.total_score") is None and term(report, "evaluation.total_weight") is None:
        return []  # without the 总分 row the table may be cut off: the weights are not all known
    target = term(report, "evaluation.total_weight") or constant(100)
    expr = _listing(report, ew, ws, ("各指标权重", "indicator weights"))
    return _one(check_sum("sum.weights", report, [ew, *ws], [target], "warning", expr))


def scores(report: Report) -> list[Finding]:
    """执行率得分 + 各指标得分 = 自评总分 (whole-number scores are exact parts)."""
    whole = term(report, "evaluation.total_score")
    ss = _indicator_terms(report, "score")
    if whole is None or not ss or _gaps(report, "weight", "score") or _unread_rows(report):
        return []
    es = term(report, "budget.execution_score", whole_exact=True)
    if es is None and not _unscored_execution(report):
        return []
    # Short of the total while the weights read do not make the full 100 either: a row
    # may be missing (a cut-off table, or one the extraction missed), so only a warning.
    short = _falls_short(_some(es, *ss), [whole]) and not _all_indicators_read(report)
    expr = _listing(report, es, ss, ("各指标得分", "indicator scores"))
    severity = "warning" if short else "error"
    return _one(check_sum("sum.scores", report, _some(es, *ss), [whole], severity, expr))


def _unread_rows(report: Report) -> bool:
    """Some indicator was read by its name alone, no target, actual, weight nor score (a row whose
    figures could not be placed, '补贴渔船数6620'): its score is unknown, so is the scores' sum."""
    measures = ("target", "actual", "weight", "score")
    return any(
        not any(get(report, f"indicators.{i}.{m}") for m in measures)
        for i in range(1, len(report.indicators) + 1)
    )


def _falls_short(parts: list[Term], wholes: list[Term]) -> bool:
    """The parts as printed add up to less than every whole stated."""
    listed = sum(number(t.value) or 0 for t in parts)
    return all((stated := number(w.value)) is not None and listed < stated for w in wholes)


def _all_indicators_read(report: Report) -> bool:
    """The weights read make the full 100 (or the 总分 row's weight): no indicator row was missed."""
    ws = _indicator_terms(report, "weight")
    if not ws or _gaps(report, "score", "weight") or len(ws) < len(report.indicators):
        return False
    ew = term(report, "budget.execution_weight", whole_exact=True)
    full = term(report, "evaluation.total_weight")
    target = number(full.value) if full is not None else 100
    return sum(number(t.value) or 0 for t in _some(ew, *ws)) == target


def _listing(
    report: Report, first: Term | None, items: list[Term], label: tuple[str, str]
) -> tuple[str, str]:
    """'执行率得分 9.64 + 各指标得分（19.77 + 10 + …）' / English alike."""
    listed = " + ".join(printed(t.value) for t in items)
    zh, en = f"{label[0]}（{listed}）", f"{label[1]} ({listed})"
    if first is None:
        return zh, en
    f_zh, f_en = named(first, report)
    return f"{f_zh} + {zh}", f"{f_en} + {en}"


def _unscored_execution(report: Report) -> bool:
    """No execution score because the template gives it no weight: indicator weights alone make 100."""
    if term(report, "budget.execution_weight") is not None or _gaps(report, "score", "weight"):
        return False
    ws = _indicator_terms(report, "weight")
    return bool(ws) and all(t.exact for t in ws) and sum(number(t.value) or 0 for t in ws) == 100
