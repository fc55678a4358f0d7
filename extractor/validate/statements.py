"""text.met_statement, date.order and missing.required."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from fnmatch import fnmatchcase

import regex

import patterns
from extractor.models import FactRef, Finding, Report, Value
from extractor.validate.check import finding, flat_view, named, term
from extractor.validate.interval import Interval, Term
from extractor.validate.scores import at_least_target

_R = patterns.load("required")
_MET = patterns.load("indicators")["met"]
CLAIM_FALSE = regex.compile(_MET["false"])
CLAIM_TRUE = regex.compile(_MET["true"] + "|" + _MET["reason_true"])
NEGATION = regex.compile(_MET["negation"])
YEAR = regex.compile(r"(?<!\d)((?:19|20)\d{2})(?!\d)")

# --------------------------------------------------------------------------- text.met_statement


def met_statement(report: Report) -> list[Finding]:
    """达到/超出 while the actual is below a minimum target; 未达到 while it is clearly reached;
    the same claims made in the 偏差原因 (已完成 / 未完成) count too."""
    out = []
    for n, ind in enumerate(report.indicators, 1):
        actual, target = term(report, f"indicators.{n}.actual"), term(report, f"indicators.{n}.target")
        if actual is None or target is None:
            continue
        op = ind.target_op.value if ind.target_op is not None else None
        a, t, at_least = actual.rounded(), target.rounded(), at_least_target(ind)
        met = ind.met.value if ind.met is not None else None
        if isinstance(met, bool) and _contradicts(op, met, a, t, at_least):
            out.append(_met_finding(report, n, met, actual, target, op))
        claim = _reason_claim(ind.deviation_reason)
        if (
            claim is not None
            and not _inside(ind.met, ind.deviation_reason)
            and _contradicts(op, claim, a, t, at_least)
        ):
            out.append(_reason_finding(report, n, claim, actual, target, op))
    return out


def _contradicts(op: str | None, met: bool, a: Interval, t: Interval, at_least: bool) -> bool:
    if met:
        if op in (">=", "=", ">") or (op is None and at_least):
            return a.below(t)
        return op in ("<=", "<") and t.below(a)
    if op == ">=":
        return a.lo >= t.hi
    if op == ">":
        return t.below(a)
    if op == "<=":
        return a.hi <= t.lo
    return op == "<" and a.below(t)


def _reason_claim(reason: Value | None) -> bool | None:
    """What a 偏差原因 text claims: False (未完成 …), True (已完成 …), None (neither)."""
    text = str(reason.value) if reason is not None else ""
    if CLAIM_FALSE.search(text):
        return False
    return True if any(not NEGATION.search(text, 0, m.start()) for m in CLAIM_TRUE.finditer(text)) else None


def _inside(met: Value | None, reason: Value | None) -> bool:
    """The met statement was read inside the reason (the claim is told once, by the met check)."""
    a, b = (met.span if met else None), (reason.span if reason else None)
    return a is not None and b is not None and b.start <= a.start and a.end <= b.end


def _reason_finding(
    report: Report, n: int, claim: bool, actual: Term, target: Term, op: str | None
) -> Finding:
    a, t = named(actual, report), named(target, report)
    claim_zh, claim_en = ("已完成", "met") if claim else ("未完成", "not met")
    zh = f"指标{n}的偏差原因称{claim_zh}，但{a[0]} 与{t[0]}（{op or ''}）不符"
    en = f"indicator {n}'s deviation reason says {claim_en}, but its {a[1]} contradicts the {t[1]}"
    en += f" ({op or ''})"
    f = finding("text.met_statement", "warning", (zh, en), [actual, target])
    reason = report.indicators[n - 1].deviation_reason
    if reason is not None:
        f.facts.append(
            FactRef(key=f"indicators.{n}.deviation_reason", value=str(reason.value), span=reason.span)
        )
    return f


def _met_finding(report: Report, n: int, met: bool, actual: Term, target: Term, op: str | None) -> Finding:
    a, t = named(actual, report), named(target, report)
    claim_zh, claim_en = ("达到预期", "met") if met else ("未达到预期", "not met")
    op_shown = op or ""
    zh = f"指标{n}称{claim_zh}，但{a[0]} 与{t[0]}（{op_shown}）不符"
    en = f"indicator {n} is said to be {claim_en}, but its {a[1]} contradicts the {t[1]} ({op_shown})"
    met_v = report.indicators[n - 1].met
    used = [actual, target]
    f = finding("text.met_statement", "warning", (zh, en), used)
    if met_v is not None:
        f.facts.append(_bool_fact(f"indicators.{n}.met", met_v))
    return f


def _bool_fact(key: str, v: Value):  # noqa: ANN202 - FactRef
    from extractor.models import FactRef

    return FactRef(key=key, value=str(v.value).lower(), span=v.span)


# --------------------------------------------------------------------------- date.order


def _year(v: Value | None) -> int | None:
    if v is None:
        return None
    x = v.value
    if isinstance(x, bool):
        return None
    if isinstance(x, (int, Decimal)) or (isinstance(x, str) and x.strip().isdigit()):
        return int(x)
    return None


def _date(v: Value | None) -> dt.date | None:
    if v is None:
        return None
    if isinstance(v.value, dt.date):
        return v.value
    try:
        return dt.date.fromisoformat(str(v.value))
    except ValueError:
        return None


def date_order(report: Report) -> list[Finding]:
    """The fill date comes after the fiscal year; the title's year is the fiscal year."""
    fy_v = report.report.fiscal_year
    year = _year(fy_v)
    if year is None or fy_v is None:
        return []
    out = []
    filled_v = report.report.filled_on
    filled = _date(filled_v)
    if filled is not None and filled_v is not None and filled <= dt.date(year, 12, 31):
        zh = f"填报日期 {filled.isoformat()} 不在评价年度 {year} 年之后"
        en = f"the fill date {filled.isoformat()} is not after the fiscal year {year}"
        out.append(_date_finding((zh, en), [("report.filled_on", filled_v), ("report.fiscal_year", fy_v)]))
    title = report.title
    years = [int(y) for y in YEAR.findall(str(title.value))] if title is not None else []
    if title is not None and years and year not in years:
        zh = f"标题中的年度 {'、'.join(map(str, years))} 与评价年度 {year} 不符"
        en = f"the title's year {', '.join(map(str, years))} differs from the fiscal year {year}"
        out.append(_date_finding((zh, en), [("title", title), ("report.fiscal_year", fy_v)]))
    return out


def _date_finding(message: tuple[str, str], facts: list[tuple[str, Value]]) -> Finding:
    f = finding("date.order", "warning", message, [])
    f.facts = [FactRef(key=k, value=str(v.value), span=v.span) for k, v in facts]
    return f


# --------------------------------------------------------------------------- missing.required


def required_keys(report: Report, flat: dict[str, object]) -> list[str]:
    """The keys a report of this kind must state, given what it does state.

    An entry 'a|b' is met by either key (调整后预算 or, without an adjustment, 年初预算)."""
    kind = report.report.kind.value if report.report.kind is not None else "unknown"
    keys = list(_R["kinds"].get(kind, []))
    for n in range(1, len(report.indicators) + 1):
        keys += [f"indicators.{n}.{f}" for f in _R["indicator"]["fields"]]
    for key, needs in _R["implies"].items():
        if _stated(key, flat):
            keys += needs
    return list(dict.fromkeys(keys))


def missing_keys(report: Report, flat: dict[str, object]) -> list[str]:
    """The required entries (see required_keys) that the report does not state."""
    return [e for e in required_keys(report, flat) if not any(_stated(k, flat) for k in e.split("|"))]


def _stated(key: str, flat: dict[str, object]) -> bool:
    """The key is stated; a key with '*' (indicators.*.score) when any key it stands for is."""
    if "*" not in key:
        return key in flat
    return any(fnmatchcase(k, key) for k in flat)


def missing_required(report: Report) -> list[Finding]:
    """A field every report of its kind states was not found."""
    out = []
    for entry in missing_keys(report, flat_view(report)):
        names = [_key_names(k, report) for k in entry.split("|")]
        zh, en = "或".join(n[0] for n in names), " or ".join(n[1] for n in names)
        message = (f"未找到{zh}（{entry}）", f"the {en} ({entry}) was not found")
        out.append(finding("missing.required", "warning", message, []))
    return out


def _key_names(key: str, report: Report) -> tuple[str, str]:
    from extractor.validate.labels import key_name

    return key_name(key, report)


# --------------------------------------------------------------------------- text.unreadable_number


def unreadable_number(report: Report) -> list[Finding]:
    """A figure that looks corrupted (a letter for a digit, a doubled point) was left unread."""
    out = []
    for n, v in enumerate(report.unreadable, 1):
        where = f"第{v.span.line}行" if v.span else ""
        where_en = f" (line {v.span.line})" if v.span else ""
        message = (
            f"{where}的数字「{v.value}」无法识别（含形似数字的字母或多余的小数点），未予读取",
            f"the figure '{v.value}'{where_en} cannot be read (a letter that looks like a digit, or a "
            "doubled point) and was left out",
        )
        f = finding("text.unreadable_number", "warning", message, [])
        f.facts = [FactRef(key=f"unreadable.{n}", value=str(v.value), span=v.span)]
        out.append(f)
    return out
