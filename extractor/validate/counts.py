"""count.list and part_exceeds_whole: stated counts against lists, components against totals."""

from __future__ import annotations

from extractor.models import Finding, NumberKind, Report, Value
from extractor.validate.check import (
    check_sum,
    evaluate,
    finding,
    first_failure,
    get,
    joined,
    named,
    sum_of,
    term,
    terms,
)
from extractor.validate.interval import as_figure, as_part, number
from extractor.validate.merge import merge

# --------------------------------------------------------------------------- count.list


def count_list(report: Report) -> list[Finding]:
    """下设8个处室 vs the offices listed; 共有6个项目 vs the project groups; counts stated with parts."""
    out = [_offices(report), _units(report), _project_count(report)]
    out += [_count_breakdown(report, n) for n in range(1, len(report.breakdowns) + 1)]
    return [f for f in out if f is not None]


def _offices(report: Report) -> Finding | None:
    return _listed(report, "org.offices_count", "org.offices", ("内设机构", "offices"))


def _units(report: Report) -> Finding | None:
    """直属事业单位10个，即 … naming nine."""
    return _listed(report, "org.units_count", "org.units", ("单位", "units"))


def _listed(report: Report, count_key: str, list_key: str, what: tuple[str, str]) -> Finding | None:
    stated = term(report, count_key)
    listed = get(report, list_key)
    if (
        stated is None
        or not isinstance(listed, Value)
        or not isinstance(listed.value, list)
        or not listed.value
    ):
        return None
    names = [str(x) for x in listed.value]
    count = number(stated.value)
    if count == len(names) or (_open_list(listed) and count is not None and len(names) < count):
        return None  # 'A、B、C等8个股室' names some of the eight
    (zh, en) = named(stated, report)
    shown = "、".join(names)
    message = (
        f"{zh}，与所列{what[0]} {len(names)} 个（{shown}）不符",
        f"{en} differs from the {len(names)} {what[1]} listed ({shown})",
    )
    return finding("count.list", "error", message, [stated])


def _open_list(listed: Value) -> bool:
    """A list the report ends with 等 ('and others'): not every item is named."""
    return listed.raw.rstrip("。，,；; ").endswith("等")


def _project_count(report: Report) -> Finding | None:
    parts = terms(report, ["budget.project.superior.count", "budget.project.own.count"], whole_exact=True)
    whole = term(report, "budget.project.count")
    if parts is None or whole is None:
        return None
    return check_sum("count.list", report, parts, [whole])


def _measure(v: Value) -> str:
    """The counted unit without a 万 multiplier (人次 for 11万人次)."""
    return v.unit[1:] if v.unit.startswith("万") and len(v.unit) > 1 else v.unit


def _count_breakdown(report: Report, n: int) -> Finding | None:
    """A count stated with parts: the parts may leave some out (其中), but may not add up to more."""
    bd = report.breakdowns[n - 1]
    values = [bd.whole, *bd.parts]
    if any(v.kind != NumberKind.count or number(v) is None for v in values):
        return None
    if len({_measure(v) for v in values}) != 1:
        return None
    whole = as_figure(f"breakdowns.{n}.whole", bd.whole)
    parts = [as_part(f"breakdowns.{n}.parts.{i}", v) for i, v in enumerate(bd.parts, 1)]
    result = evaluate(parts, sum_of, whole, "ge")
    if result is None or result.holds:
        return None
    p_zh, p_en = joined(parts, report)
    w_zh, w_en = named(whole, report)
    message = (
        f"所列各项 {p_zh} 合计超过总数 {w_zh}",
        f"the parts {p_en} add up to more than the stated total {w_en}",
    )
    return finding("count.list", "error", message, [*parts, whole], result)


# --------------------------------------------------------------------------- part_exceeds_whole

_TOTALS = ["budget.adjusted", "budget.initial"]
_BASIC = ["budget.basic.executed", "budget.basic.budget"]
PARTS_OF: list[tuple[str, list[str]]] = [
    ("budget.basic.executed", ["budget.executed"]),
    ("budget.project.executed", ["budget.executed"]),
    ("budget.basic.budget", _TOTALS),
    ("budget.project.budget", _TOTALS),
    ("budget.basic.personnel", _BASIC),
    ("budget.basic.public", _BASIC),
    ("budget.source.superior", ["budget.initial"]),
    ("budget.source.own", ["budget.initial"]),
    ("budget.source.other", ["budget.initial"]),
] + [
    (f"budget.project.{group}.{field}", [f"budget.project.{field}"])
    for group in ("superior", "own")
    for field in ("count", "budget", "executed")
]
FUND_ROWS = ("current", "carryover", "other")
FUND_COLUMNS = ("initial", "adjusted", "executed")


def part_exceeds_whole(report: Report) -> list[Finding]:
    """A component (基本支出, 项目支出, 资金来源, a funds row, a project group) exceeds its total."""
    out = [_exceeds(report, part, wholes) for part, wholes in _pairs(report)]
    for row in FUND_ROWS:
        cells = [_exceeds(report, f"budget.funds.{row}.{c}", [f"budget.{c}"]) for c in FUND_COLUMNS]
        out.append(merge([f for f in cells if f is not None]))
    return [f for f in out if f is not None]


def _pairs(report: Report) -> list[tuple[str, list[str]]]:
    """The pairs to check; personnel/public fall back to the unit's executed total without a 基本支出."""
    pairs = []
    for part, wholes in PARTS_OF:
        if wholes is _BASIC and not any(term(report, k) for k in _BASIC):
            wholes = ["budget.executed"]
        pairs.append((part, wholes))
    return pairs


def _exceeds(report: Report, part_key: str, whole_keys: list[str]) -> Finding | None:
    part = term(report, part_key)
    wholes = [t for t in (term(report, k) for k in whole_keys) if t is not None]
    if part is None or not wholes:
        return None
    results = [evaluate([part], sum_of, w, "ge") for w in wholes]
    failed = first_failure(results)
    if failed is None:
        return None
    whole = wholes[results.index(failed)]
    (p_zh, p_en), (w_zh, w_en) = named(part, report), named(whole, report)
    message = (f"{p_zh} 超过其总数{w_zh}", f"{p_en} exceeds its total, {w_en}")
    return finding("part_exceeds_whole", "warning", message, [part, whole], failed)
