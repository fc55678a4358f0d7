"""cross.mention: an indicator's actual value against the same measure stated in the narrative.

An indicator is linked to a narrative quantity (``Report.quantities``) when both
count in the same unit and the indicator's name shares content words with the
quantity's label (jieba words, minus the stop list of ``patterns/crossmention.toml``).
Linked values whose rounding intervals cannot meet are reported; a coarser
mention (11万人次) agrees with any value its interval contains (110406 人次).
"""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal
from functools import cache

import patterns
from extractor.models import Finding, Indicator, NumberKind, Quantity, Report, Value
from extractor.spans import RangeSet
from extractor.validate.check import finding, named, term
from extractor.validate.interval import Term, as_figure, number
from extractor.validate.segment import cut_for_search

_C = patterns.load("crossmention")
STOP_WORDS = frozenset(_C["stop_words"])
MIN_SHARED: int = _C["min_shared"]
MIN_SHARE: float = _C["min_share"]


@cache
def content_words(text: str) -> frozenset[str]:
    """The content words of a name or label (search-mode cut: 就业人数 gives 就业 too)."""
    words = cut_for_search(text)  # jieba's, its dictionary read as needed (segment.py)
    return frozenset(w for w in words if len(w) > 1 and w not in STOP_WORDS and not w.isascii())


def measure(v: Value) -> str:
    """What a figure counts in: 'amount' for any money unit, else its unit without a 万 multiplier."""
    if v.kind == NumberKind.amount:
        return "amount"
    if v.kind == NumberKind.percent:
        return "%"
    unit = v.unit.strip()
    return unit[1:] if unit.startswith("万") and len(unit) > 1 else unit


def _indicator_measure(ind: Indicator) -> str | None:
    if ind.actual is None:
        return None
    if ind.unit is not None and isinstance(ind.unit.value, str) and ind.actual.kind == NumberKind.count:
        unit = ind.unit.value.strip()
        return unit[1:] if unit.startswith("万") and len(unit) > 1 else unit
    return measure(ind.actual)


def _outside_blocks(report: Report) -> dict[str, list[tuple[int, Quantity]]]:
    """The narrative quantities outside every indicator block, (1-based number, quantity) by measure."""
    blocks = RangeSet((i.span.start, i.span.end) for i in report.indicators if i.span is not None)
    out: dict[str, list[tuple[int, Quantity]]] = {}
    for q_no, q in enumerate(report.quantities, 1):
        if number(q.value) is not None and not (q.value.span and q.value.span.start in blocks):
            out.setdefault(measure(q.value), []).append((q_no, q))
    return out


def links(candidates: dict[str, list[tuple[int, Quantity]]], ind: Indicator) -> list[tuple[int, Quantity]]:
    """The narrative quantities that best match the indicator (1-based quantity numbers)."""
    name = ind.name.value if ind.name is not None else None
    unit = _indicator_measure(ind)
    if not isinstance(name, str) or not unit:
        return []
    scored = [(s, q_no, q) for q_no, q in candidates.get(unit, []) if (s := _shared(name, q))]
    best = max((s for s, _, _ in scored), default=0)
    return [(q_no, q) for s, q_no, q in scored if s == best]


def _shared(name: str, q: Quantity) -> int:
    """How many content words the indicator's name shares with the quantity's label (0: too few, or
    none with the noun the count is followed by: 下设…审计中心1个事业单位 counts no 审计项目)."""
    mine = content_words(name)
    if q.noun and not mine & content_words(q.noun):
        return 0
    shared = mine & content_words(q.label)
    return len(shared) if len(shared) >= MIN_SHARED and len(shared) >= MIN_SHARE * len(mine) else 0


def _names_it_better(others: list[Indicator], ind: Indicator, q: Quantity) -> bool:
    """Whether another indicator's name shares more words with the quantity's label (新增市场主体 2357户
    is 新增市场主体户数's, not “双随机、一公开”抽查市场主体户数's)."""
    mine = _shared(str(ind.name.value), q) if ind.name is not None else 0
    return any(_shared(str(o.name.value), q) > mine for o in others if o is not ind and o.name is not None)


def cross_mention(report: Report) -> list[Finding]:
    """One measure stated with different values in different places: an indicator's actual and
    the narrative, or a key a table states and the prose states again."""
    return _indicator_mentions(report) + restated(report)


def _indicator_mentions(report: Report) -> list[Finding]:
    candidates = _outside_blocks(report)
    if not candidates:
        return []
    out = []
    for n, ind in enumerate(report.indicators, 1):
        actual = _in_units(term(report, f"indicators.{n}.actual"), ind)
        linked = links(candidates, ind) if actual is not None else []
        linked = [(q_no, q) for q_no, q in linked if not _names_it_better(report.indicators, ind, q)]
        if actual is None or not linked:
            continue
        mentions = [(q, as_figure(f"quantities.{q_no}", q.value)) for q_no, q in linked]
        if any(t.rounded().meets(actual.rounded()) for _, t in mentions):
            continue
        out.append(_finding(report, actual, *mentions[0]))
    return out


def _in_units(actual: Term | None, ind: Indicator) -> Term | None:
    """The actual in single units, as the narrative's counts are (1.2 of 万亩 is 12000 亩)."""
    if actual is None or ind.unit is None or actual.value.scale != 1:
        return actual
    unit = str(ind.unit.value).strip()
    if not (unit.startswith("万") and len(unit) > 1 and actual.value.kind == NumberKind.count):
        return actual
    v = actual.value
    scaled = v.model_copy(update={"value": v.value * 10000, "scale": Decimal(10000)})
    return replace(actual, value=scaled)


def _finding(report: Report, actual: Term, q: Quantity, mention: Term) -> Finding:
    a_zh, a_en = named(actual, report)
    shown = named(mention, report)[0]
    where = f"（{q.section}）" if q.section else ""
    zh = f"正文{where}称「{q.label}」{shown}，与{a_zh} 不符"
    where_en = f" ({q.section})" if q.section else ""
    en = f"the narrative{where_en} states '{q.label}' {shown}, but the {a_en} differs"
    return finding("cross.mention", "warning", (zh, en), [mention, actual])


def restated(report: Report) -> list[Finding]:
    """A figure the prose states for a key that a table, or the prose before, states with a value
    their printed precision cannot make agree (表中执行数 3824.26万元, 正文 3800万元)."""
    out = []
    for r in report.restated:
        kept, other = as_figure(r.key, r.kept), as_figure(r.key, r.other)
        if kept.rounded().meets(other.rounded()):
            continue
        a_zh, a_en = named(kept, report)
        b = named(other, report)[0]
        if r.where == "prose":
            zh = f"正文又称 {r.key} 为 {b}，与正文前述的 {a_zh} 不符"
            en = f"the narrative states {r.key} again as {b}, but its earlier {a_en} differs"
        else:
            zh = f"正文称 {r.key} 为 {b}，与表格中的 {a_zh} 不符"
            en = f"the narrative states {r.key} as {b}, but the table's {a_en} differs"
        out.append(finding("cross.mention", "warning", (zh, en), [other, kept]))
    return out
