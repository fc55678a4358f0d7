"""Names of the contract's keys in findings' messages (Chinese, English)."""

from __future__ import annotations

from decimal import ROUND_DOWN, ROUND_HALF_UP, Decimal

from extractor.models import Report, Value
from extractor.validate.interval import plain

KEY_NAMES: dict[str, tuple[str, str]] = {
    "staff.authorized": ("编制数", "authorized posts"),
    "staff.actual": ("实有人数", "actual staff"),
    "staff.administrative": ("行政编制", "administrative posts"),
    "staff.institutional": ("事业编制", "institutional posts"),
    "staff.worker": ("工勤编制", "worker posts"),
    "org.offices_count": ("内设机构数", "stated number of offices"),
    "org.offices": ("所列内设机构", "offices listed"),
    "org.units_count": ("所属单位数", "stated number of units"),
    "org.units": ("所列单位", "units listed"),
    "indicators.*.score": ("任一指标得分", "score of any indicator"),
    "indicators.*.weight": ("任一指标分值", "weight of any indicator"),
    "budget.initial": ("年初预算数", "initial budget"),
    "budget.adjusted": ("调整后预算数", "adjusted budget"),
    "budget.executed": ("执行数", "executed amount"),
    "budget.execution_rate": ("预算执行率", "execution rate"),
    "budget.adjustment": ("调整数", "adjustment"),
    "budget.adjustment_rate": ("预算调整率", "adjustment rate"),
    "budget.execution_weight": ("执行率分值", "execution-rate weight"),
    "budget.execution_score": ("执行率得分", "execution-rate score"),
    "budget.source.superior": ("上级资金", "superior funds"),
    "budget.source.own": ("本级资金", "own funds"),
    "budget.source.other": ("其他资金", "other funds"),
    "budget.basic.budget": ("基本支出预算", "basic-expenditure budget"),
    "budget.basic.executed": ("基本支出执行数", "basic expenditure executed"),
    "budget.basic.execution_rate": ("基本支出执行率", "basic-expenditure execution rate"),
    "budget.basic.personnel": ("人员经费", "personnel costs"),
    "budget.basic.public": ("公用经费", "public costs"),
    "budget.project.count": ("项目个数", "number of projects"),
    "budget.project.budget": ("项目支出预算", "project budget"),
    "budget.project.executed": ("项目支出执行数", "project expenditure executed"),
    "evaluation.total_score": ("自评总分", "total score"),
    "evaluation.grade": ("评价等级", "grade"),
    "evaluation.total_weight": ("总分值", "total weight"),
    "report.fiscal_year": ("评价年度", "fiscal year"),
    "report.filled_on": ("填报日期", "fill date"),
    "report.unit_name": ("单位名称", "unit name"),
    "report.project_name": ("项目名称", "project name"),
    "report.department": ("主管部门", "supervising department"),
}

_GROUPS = {
    "superior": ("上级资金项目", "superior-funded projects"),
    "own": ("本级财力项目", "own-funded projects"),
}
_GROUP_FIELDS = {"count": ("个数", "count"), "budget": ("预算", "budget"), "executed": ("执行数", "executed")}
_ROWS = {
    "current": ("本年财政拨款", "current-year appropriation"),
    "carryover": ("上年结转", "carry-over"),
    "other": ("其他资金", "other funds"),
}
_COLUMNS = {
    "initial": ("年初预算数", "initial"),
    "adjusted": ("全年预算数", "annual budget"),
    "executed": ("全年执行数", "executed"),
}
_INDICATOR_FIELDS = {
    "target": ("目标值", "target"),
    "actual": ("实际完成值", "actual"),
    "completion_rate": ("完成率", "completion rate"),
    "weight": ("权重", "weight"),
    "score": ("得分", "score"),
    "met": ("达成情况", "met statement"),
    "name": ("名称", "name"),
}


def key_name(key: str, report: Report | None = None) -> tuple[str, str]:
    """(Chinese, English) name of a flat key; indicator keys name the indicator."""
    if key in KEY_NAMES:
        return KEY_NAMES[key]
    parts = key.split(".")
    if parts[0] == "indicators" and len(parts) == 3:
        return _indicator_name(int(parts[1]), parts[2], report)
    if (
        parts[0] == "levels"
        and len(parts) == 3
        and report is not None
        and 0 < int(parts[1]) <= len(report.levels)
    ):
        name, (zh_f, en_f) = report.levels[int(parts[1]) - 1].name.value, _INDICATOR_FIELDS[parts[2]]
        return f"「{name}」{zh_f}", f"{name} {en_f}"
    if parts[:2] == ["budget", "project"] and len(parts) == 4 and parts[2] in _GROUPS:
        g, f = _GROUPS[parts[2]], _GROUP_FIELDS.get(parts[3], (parts[3], parts[3]))
        return g[0] + f[0], f"{g[1]} {f[1]}"
    if parts[:2] == ["budget", "funds"] and len(parts) == 4 and parts[2] in _ROWS:
        r, c = _ROWS[parts[2]], _COLUMNS.get(parts[3], (parts[3], parts[3]))
        return f"{r[0]}（{c[0]}）", f"{r[1]} ({c[1]})"
    return key, key


def _indicator_name(n: int, field: str, report: Report | None) -> tuple[str, str]:
    zh_f, en_f = _INDICATOR_FIELDS.get(field, (field, field))
    name = ""
    if report is not None and 0 < n <= len(report.indicators):
        v = report.indicators[n - 1].name
        name = str(v.value) if v is not None else ""
    zh = f"指标{n}「{name}」{zh_f}" if name else f"指标{n}{zh_f}"
    en = f"indicator {n} ({name}) {en_f}" if name else f"indicator {n} {en_f}"
    return zh, en


def printed(v: Value) -> str:
    """A figure as printed: its number at its printed precision, with its unit (4406.09万元)."""
    x = v.value if isinstance(v.value, Decimal) else Decimal(v.value)
    shown = (x / v.scale).quantize(Decimal(1).scaleb(-v.decimals), rounding=ROUND_HALF_UP)
    return f"{shown}{v.unit}"


def approx(lo: Decimal, hi: Decimal, like: Value | None, extra: int = 1, places: int | None = None) -> str:
    """An interval in the units of `like`, readably.

    Narrower than the reported figure's last place, with both ends the same to one more place: that
    common start ('96.414…'); otherwise both ends ('89.975–90.005', '9.95–10': a product capped at
    the weight).
    """
    scale = like.scale if like is not None else Decimal(1)
    unit = like.unit if like is not None else ""
    if places is None:
        places = like.decimals if like is not None else 0
    a, b = lo / scale, hi / scale
    if lo == hi:
        return f"{plain(a)}{unit}"
    q = Decimal(1).scaleb(-(places + extra))
    head = a.quantize(q, rounding=ROUND_DOWN)
    if b - a < Decimal(1).scaleb(-places) and head == b.quantize(q, rounding=ROUND_DOWN):
        return f"{head}…{unit}"
    ends = [x.quantize(q, rounding=ROUND_HALF_UP) for x in (a, b)]
    if ends[0] == ends[1]:  # both ends round to one figure: one place more (9.95–10.00)
        ends = [x.quantize(q / 10, rounding=ROUND_HALF_UP) for x in (a, b)]
    return f"{ends[0]}–{ends[1]}{unit}"
