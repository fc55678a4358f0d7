"""The budget an execution rate divides by, settled by arithmetic (issue 11, point 7).

An amount with no role word that says it is the budget (项目预算资金3,120,000元, 安排资金312万元,
到位资金312万元) names no contract key by its words. Where the prose states the unit's execution
rate and executed amount but no budget, such an amount is taken as the budget the rate divides by
(``budget.adjusted``, the 全年预算数 of ``ratio.execution_rate``) when it is the only figure that
gives the stated rate under the precision rule (``validate/interval.py``: the intervals the printed
figures stand for must meet, rounded, never only truncated).

The amount is looked for in widening reaches, nearest first: the paragraphs of the executed amount
and the rate, then each section of the report's heading tree (``sections.py``) that holds both,
innermost first, then the whole report (安排资金 stated in 一、项目概况, the rate in 二、资金使用情况).
Beyond the paragraphs arithmetic alone is not enough: the amount's own words must say it is money
budgeted or arranged for the spending (安排资金, 预算资金; ``patterns/budget.toml`` [divisor]
far_label), not a transfer passed down or due to arrive (上级下达…资金为4871.71万元, 应到位…).
The first reach with an amount that gives the rate settles it: one value is taken; two different
values that both give it leave the budget out, as does no amount at all. A wrong value is worse
than a missing one.

Where neither the budget nor the executed amount is named by its words (项目资金共2179万元,…已完成
拨付2113.63万元,执行率97%), the one pair of such amounts in the rate's paragraph, the budget first,
whose quotient gives the rate is read as both; two pairs that give it leave both out.
"""

from __future__ import annotations

from collections.abc import Iterable

import regex

import patterns
from extractor.fields.mentions import Mention
from extractor.models import NumberKind, Section, Value
from extractor.sections import enclosing
from extractor.validate.interval import rounding_interval

_B = patterns.load("budget")
CANDIDATE_ROLES = set(_B["divisor"]["roles"])  # roles naming no key of the unit's budget
FAR_LABEL = regex.compile(_B["divisor"]["far_label"])  # what a candidate beyond the paragraphs says
WANTED = "budget.adjusted"
HAVE_ALREADY = ("budget.adjusted", "budget.initial")


def settle(
    text: str,
    sections: list[Section],
    out: dict[str, Value],
    read_from: dict[str, Mention],
    mentions: Iterable[tuple[Mention, str, Value]],
) -> None:
    """Add ``budget.adjusted`` to `out` when one candidate of `mentions` (mention, its subject
    in this kind of report, its value) gives the stated rate; `read_from` maps the keys of `out`
    to the mentions they were read from, `text` is the normalized text they were found in and
    `sections` its heading tree."""
    if any(k in out for k in HAVE_ALREADY):
        return
    executed, rate = read_from.get("budget.executed"), read_from.get("budget.execution_rate")
    if executed is None and rate is not None:
        _settle_pair(text, out, rate, list(mentions))
    if executed is None or rate is None:
        return
    fits = [
        (m, v)
        for m, subject, v in mentions
        if _candidate(m, subject) and _gives(out["budget.executed"], v, out["budget.execution_rate"])
    ]
    for near, reach in enumerate(_reaches(text, sections, executed, rate)):
        found = {v.value: v for m, v in fits if reach(m) and (near == 0 or FAR_LABEL.search(m.label))}
        if found:
            if len(found) == 1:
                out[WANTED] = next(iter(found.values()))
            return


def settle_executed(
    out: dict[str, Value], read_from: dict[str, Mention], stated: dict[str, list[Mention]], value
) -> bool:
    """The unit's executed amount and rate stated first that the budget does not give (专项资金支出
    316.38万元,预算执行率61% of 年初预算4660.9万元: a part's) give way to the one later pair, stated in
    one sentence, the amount first, whose quotient by the budget gives its rate (总支出2939.83万元,执行率
    63%). True where they did; `value` reads a mention's value."""
    budget = out.get("budget.adjusted") or out.get("budget.initial")
    executed, rate = out.get("budget.executed"), out.get("budget.execution_rate")
    if budget is None or executed is None or rate is None or _gives(executed, budget, rate):
        return False
    amounts = [read_from["budget.executed"], *stated.get("budget.executed", [])]
    rates = [read_from["budget.execution_rate"], *stated.get("budget.execution_rate", [])]
    pairs = [
        (a, r)
        for a in amounts
        for r in rates
        if a.sentence_start == r.sentence_start
        and a.fig.start < r.fig.start
        and _gives(value(a), budget, value(r))
    ]
    if len(pairs) != 1:
        return False
    for key, m in zip(("budget.executed", "budget.execution_rate"), pairs[0], strict=True):
        out[key], read_from[key] = value(m), m
    return True


def _settle_pair(
    text: str, out: dict[str, Value], rate: Mention, mentions: list[tuple[Mention, str, Value]]
) -> None:
    """Neither the budget nor the executed amount named by its words: in the rate's paragraph, the
    one pair of amounts, the budget stated first, whose quotient gives the stated rate (项目资金共
    2179万元,…已完成拨付2113.63万元,执行率97%) is both. Two pairs that give it leave both out."""
    line = _line(text, rate)
    near = [(m, v) for m, subject, v in mentions if _candidate(m, subject) and _line(text, m) == line]
    pairs = {
        (budget.value, executed.value): (budget, executed)
        for a, budget in near
        for b, executed in near
        if a.fig.start < b.fig.start and _gives(executed, budget, out["budget.execution_rate"])
    }
    if len(pairs) == 1:
        out[WANTED], out["budget.executed"] = next(iter(pairs.values()))


def _reaches(text: str, sections: list[Section], executed: Mention, rate: Mention):
    """Where a candidate is looked for, nearest first: a test on a mention per reach."""
    lines = {_line(text, executed), _line(text, rate)}
    yield lambda m: _line(text, m) in lines
    a, b = sorted((executed.fig.start, rate.fig.start))
    for section in reversed(enclosing(sections, a)):
        if b < section.end:  # a section holding both
            yield lambda m, s=section: s.start <= m.fig.start < s.end
    yield lambda m: True


def _line(text: str, m: Mention) -> int:
    """The paragraph of a mention: where its line starts."""
    return text.rfind("\n", 0, m.fig.start) + 1


def _candidate(m: Mention, subject: str) -> bool:
    return (
        m.kind == NumberKind.amount
        and subject == "unit"
        and m.role in CANDIDATE_ROLES
        and m.depth == 0
        and not (m.tabular or m.cited or m.whole is not None)
    )


def _gives(executed: Value, budget: Value, rate: Value) -> bool:
    """executed / budget x 100 meets the stated rate, all read by their printed precision."""
    quotient = rounding_interval(executed) / rounding_interval(budget)
    return quotient is not None and quotient.scaled(100).meets(rounding_interval(rate))
