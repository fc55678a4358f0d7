"""The rule catalog of the contract, in one table.

Each rule is a small independent function taking the Report and returning its
Findings; a rule whose inputs are absent returns nothing. Ids are stable.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Literal

from extractor.models import Finding, Report
from extractor.validate import counts, crossmention, national, ratios, scores, statements, sums
from extractor.validate.ocr_confidence import low_confidence

Check = Callable[[Report], list[Finding]]


@dataclass(frozen=True)
class Rule:
    id: str
    family: str
    severity: Literal["error", "warning", "info"]  # when it fails (an error may become a truncation warning)
    description_zh: str
    description_en: str
    fields: tuple[str, ...]  # flat keys it reads (N: any indicator)
    check: Check


def _rule(
    id_: str, severity: Literal["error", "warning", "info"], zh: str, en: str, fields: str, check: Check
) -> Rule:
    family = id_.split(".")[0] if "." in id_ else "sum"
    return Rule(id_, family, severity, zh, en, tuple(fields.split()), check)


E, W, INFO = "error", "warning", "info"

RULES: tuple[Rule, ...] = (
    _rule(
        "ratio.execution_rate",
        E,
        "执行数 / 调整后预算数（无调整时为年初预算数）= 预算执行率",
        "executed / adjusted budget (or initial without an adjustment) = execution rate",
        "budget.executed budget.adjusted budget.initial budget.execution_rate",
        ratios.execution_rate,
    ),
    _rule(
        "ratio.basic_execution_rate",
        E,
        "基本支出执行数 / 基本支出预算 = 基本支出执行率",
        "basic expenditure executed / basic budget = basic execution rate",
        "budget.basic.executed budget.basic.budget budget.basic.execution_rate",
        ratios.basic_execution_rate,
    ),
    _rule(
        "ratio.adjustment",
        E,
        "调整后预算 = 年初预算 + 调整数；调整率 = 调整数 / 年初预算",
        "adjusted = initial + adjustment; adjustment rate = adjustment / initial",
        "budget.initial budget.adjustment budget.adjusted budget.adjustment_rate",
        ratios.adjustment,
    ),
    _rule(
        "ratio.indicator_completion",
        E,
        "实际完成值 / 目标值 = 完成率（数值型指标）",
        "actual / target = completion rate for numeric indicators",
        "indicators.N.actual indicators.N.target indicators.N.completion_rate indicators.N.target_op",
        ratios.indicator_completion,
    ),
    _rule(
        "sum.budget_sources",
        E,
        "上级资金 + 本级资金 + 其他资金 = 年初预算数",
        "superior + own + other funds = initial budget",
        "budget.source.superior budget.source.own budget.source.other budget.initial",
        sums.budget_sources,
    ),
    _rule(
        "sum.budget_composition",
        E,
        "基本支出 + 项目支出 = 执行数（预算数同理）",
        "basic + project expenditure = executed (and the budgets alike)",
        "budget.basic.executed budget.project.executed budget.executed budget.basic.budget "
        "budget.project.budget budget.adjusted budget.initial budget.basic.personnel budget.basic.public",
        sums.budget_composition,
    ),
    _rule(
        "sum.basic_composition",
        E,
        "人员经费 + 公用经费 = 基本支出",
        "personnel + public costs = basic expenditure (executed, or budget)",
        "budget.basic.personnel budget.basic.public budget.basic.executed budget.basic.budget",
        sums.basic_composition,
    ),
    _rule(
        "sum.project_groups",
        E,
        "上级资金项目 + 本级财力项目 = 项目支出（预算与执行）",
        "superior- and own-funded project groups add up to the project totals",
        "budget.project.superior.budget budget.project.own.budget budget.project.budget "
        "budget.project.superior.executed budget.project.own.executed budget.project.executed",
        sums.project_groups,
    ),
    _rule(
        "sum.funds",
        E,
        "资金来源各行之和 = 年度资金总额（按列）",
        "the funds rows add up to the total row, per column",
        "budget.funds.current.* budget.funds.carryover.* budget.funds.other.* "
        "budget.initial budget.adjusted budget.executed",
        sums.funds,
    ),
    _rule(
        "sum.breakdown",
        W,
        "金额与其分项（其中/分别/具体为…）不相加",
        "an amount stated together with parts that do not add up to it",
        "breakdowns",
        sums.breakdown,
    ),
    _rule(
        "sum.staff",
        E,
        "行政编制 + 事业编制（+ 工勤编制）= 实有人数（或编制数）；不足时为警告",
        "administrative + institutional (+ worker) posts = actual staff (or authorized); short: a warning",
        "staff.administrative staff.institutional staff.worker staff.actual staff.authorized",
        sums.staff,
    ),
    _rule(
        "sum.weights",
        W,
        "执行率分值 + 各指标权重 = 100",
        "execution weight + indicator weights = 100",
        "budget.execution_weight indicators.N.weight evaluation.total_weight",
        sums.weights,
    ),
    _rule(
        "sum.scores",
        E,
        "执行率得分 + 各指标得分 = 自评总分",
        "execution score + indicator scores = total score",
        "budget.execution_score indicators.N.score evaluation.total_score",
        sums.scores,
    ),
    _rule(
        "score.execution",
        E,
        "执行率得分 = 执行率 × 分值（以分值为上限）",
        "execution score = execution rate x weight (capped at the weight)",
        "budget.execution_score budget.execution_rate budget.execution_weight",
        scores.execution,
    ),
    _rule(
        "score.bounds",
        E,
        "0 ≤ 得分 ≤ 分值",
        "0 <= score <= weight for every scored item",
        "budget.execution_score budget.execution_weight indicators.N.score indicators.N.weight",
        scores.bounds,
    ),
    _rule(
        "score.proportional",
        W,
        "未达目标的指标得分高于 完成比例 × 权重",
        "an indicator below target scored more than completion x weight",
        "indicators.N.actual indicators.N.target indicators.N.weight indicators.N.score",
        scores.proportional,
    ),
    _rule(
        "indicator.reason_missing",
        W,
        "未达目标（或目标无从判断而未得满分）的指标未说明偏差原因",
        "an indicator that misses its target (or, its target not judged, scored below its weight) "
        "states no deviation reason",
        "indicators.N.actual indicators.N.target indicators.N.target_op indicators.N.weight "
        "indicators.N.score indicators.N.deviation_reason",
        national.reason_missing,
    ),
    _rule(
        "indicator.full_marks",
        W,
        "已达目标的指标未得满分且未说明原因；或超出上限目标（≤）的指标仍得满分",
        "an indicator that meets its target scored below its weight with no reason; or one that "
        "misses a maximum target (<=) scored its full weight",
        "indicators.N.actual indicators.N.target indicators.N.target_op indicators.N.weight "
        "indicators.N.score indicators.N.deviation_reason",
        national.full_marks,
    ),
    _rule(
        "sum.level_weights",
        E,
        "一级/二级指标所标分值（产出指标(50分)）= 其下各指标权重之和（得分同理）",
        "a level's stated weight (产出指标(50分)) = the sum of its indicators' weights (scores alike)",
        "levels indicators.N.level1 indicators.N.level2 indicators.N.weight indicators.N.score",
        national.level_weights,
    ),
    _rule(
        "weights.standard",
        INFO,
        "执行率与一级指标分值不同于财预〔2020〕10号的标准（10/50/30/10）",
        "execution and level-1 weights that differ from the national standard "
        "(10/50/30/10, 财预〔2020〕10号)",
        "budget.execution_weight levels report.kind",
        national.weights_standard,
    ),
    _rule(
        "grade.band",
        E,
        "评价等级与自评总分相符（优≥90，良80–90，中60–80，差<60）",
        "grade agrees with the total score (优 >= 90, 良 80-90, 中 60-80, 差 < 60)",
        "evaluation.total_score evaluation.grade",
        scores.grade_band,
    ),
    _rule(
        "count.list",
        E,
        "所述数量（下设8个处室、共有6个项目）与列出或相加的项目不符",
        "a stated count differs from the items listed or summed",
        "org.offices_count org.offices org.units_count org.units budget.project.count "
        "budget.project.superior.count "
        "budget.project.own.count breakdowns",
        counts.count_list,
    ),
    _rule(
        "text.met_statement",
        W,
        "达到/超出/未达到的表述（含偏差原因中的已完成/未完成）与实际值和目标值矛盾",
        "达到/超出/未达到 claims (also 已完成/未完成 in the deviation reason) contradict actual vs target",
        "indicators.N.met indicators.N.actual indicators.N.target indicators.N.target_op "
        "indicators.N.deviation_reason",
        statements.met_statement,
    ),
    _rule(
        "part_exceeds_whole",
        W,
        "组成部分超过其所属总数",
        "a component exceeds the total it belongs to",
        "budget.basic.* budget.project.* budget.source.* budget.funds.*",
        counts.part_exceeds_whole,
    ),
    _rule(
        "cross.mention",
        W,
        "同一指标在不同位置的数值不一致",
        "one measure is stated with different values in different places",
        "indicators.N.name indicators.N.actual indicators.N.unit quantities restated",
        crossmention.cross_mention,
    ),
    _rule(
        "date.order",
        W,
        "填报日期不在评价年度之后，或标题年度与评价年度不符",
        "fill date not after the fiscal year, or the year in the title disagrees",
        "report.filled_on report.fiscal_year title",
        statements.date_order,
    ),
    _rule(
        "text.unreadable_number",
        W,
        "数字含形似数字的字母或多余的小数点（4406.O9），无法识别",
        "a figure with a letter that looks like a digit or a doubled point (4406.O9) cannot be read",
        "unreadable",
        statements.unreadable_number,
    ),
    _rule(
        "missing.required",
        W,
        "缺少该类报告必须填报的字段",
        "a field every report of its kind must state was not found",
        "report.kind",
        statements.missing_required,
    ),
    _rule(
        "ocr.low_confidence",
        W,
        "由OCR识别的数字或比较符号置信度低于阈值，需对照原件核对",
        "a figure or comparison operator read by OCR with a confidence below the threshold: "
        "check it against the scan",
        "low_confidence",
        low_confidence,
    ),
)

BY_ID = {r.id: r for r in RULES}
