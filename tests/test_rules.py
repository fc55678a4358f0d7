"""The validator's rules on hand-built reports: the seed report's real figures and mutations of them."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from decimal import Decimal

import pytest

from extractor.models import (
    Breakdown,
    Indicator,
    NumberKind,
    Quantity,
    Report,
    SourceInfo,
    Span,
    Value,
)
from extractor.read.text import text_document
from extractor.validate import RULES, validate
from extractor.validate.crossmention import content_words

D = Decimal
COUNT_UNITS = {"人", "件", "个", "名", "场", "户", "人次", "次", "篇", "份"}
AMOUNT_SCALE = {"万元": D(10000), "万": D(10000), "元": D(1), "亿元": D(100000000)}


def v(printed: str, unit: str = "", kind: NumberKind | None = None) -> Value:
    """A Value from a printed figure: v('4406.09', '万元') -> 44060900, 2 decimals, scale 10000."""
    number = D(printed)
    decimals = max(0, -number.as_tuple().exponent)  # type: ignore[operator]
    scale = D(1)
    if unit in AMOUNT_SCALE:
        kind, scale = NumberKind.amount, AMOUNT_SCALE[unit]
    elif unit == "%":
        kind = NumberKind.percent
    elif unit in COUNT_UNITS or (unit.startswith("万") and unit[1:] in COUNT_UNITS):
        kind, scale = NumberKind.count, D(10000) if unit.startswith("万") else D(1)
    return Value(
        value=number * scale,
        raw=printed + unit,
        kind=kind or NumberKind.score,
        unit=unit,
        decimals=decimals,
        scale=scale,
    )


def text(s: object) -> Value:
    return Value(value=s)


def indicator(
    name: str,
    op: str | None,
    target: str,
    unit: str,
    actual: str,
    completion: str | None,
    weight: str,
    score: str,
    met: bool | None = None,
) -> Indicator:
    return Indicator(
        name=text(name),
        target_op=text(op) if op else None,
        target=v(target, unit),
        unit=text(unit),
        actual=v(actual, unit),
        completion_rate=v(completion, "%") if completion else None,
        weight=v(weight),
        score=v(score),
        met=text(met) if met is not None else None,
    )


def quantity(label: str, printed: str, unit: str, start: int = 0) -> Quantity:
    value = v(printed, unit)
    if start:
        value.span = Span(line=1, start=start, end=start + len(printed), text=printed)
    return Quantity(label=label, value=value, section="一、/(二)/2、")


def seed() -> Report:
    """The seed report (fixtures/corpus/xj-street-2024.txt) with its real figures."""
    r = Report(source=SourceInfo(path="xj-street-2024.txt", format="text"))
    r.title = text("部门单位整体支出绩效自评报告(2024年度)")
    r.report.kind = text("department_overall")
    r.report.fiscal_year = text(2024)
    r.report.unit_name = text("乌鲁木齐高新技术产业开发区(乌鲁木齐市新市区)石油新村片区管理委员会")
    r.report.filled_on = text(dt.date(2025, 3, 5))
    r.staff.actual, r.staff.administrative, r.staff.institutional = (
        v("104", "人"),
        v("15", "名"),
        v("89", "名"),
    )
    r.org.offices_count = v("8", "个")
    offices = (
        "综合协调办公室 党建工作办公室 综合执法办公室 党群服务中心 "
        "社会事务服务中心 服务中心 经济发展中心 社区"
    )
    r.org.offices = text(offices.split())
    b = r.budget
    b.initial, b.adjusted, b.executed = v("4406.09", "万元"), v("4406.09", "万元"), v("4248.11", "万元")
    b.execution_rate, b.adjustment, b.adjustment_rate = v("96.41", "%"), v("0", "万元"), v("0", "%")
    b.execution_score = v("9.64")
    b.source.superior, b.source.own, b.source.other = (
        v("785.31", "万元"),
        v("3620.78", "万元"),
        v("0", "万元"),
    )
    b.basic.budget, b.basic.executed, b.basic.execution_rate = (
        v("2938.08", "万元"),
        v("2938.08", "万元"),
        v("100", "%"),
    )
    b.basic.personnel, b.basic.public = v("2851.15", "万元"), v("86.93", "万元")
    b.project.count, b.project.budget, b.project.executed = (
        v("6", "个"),
        v("1468.01", "万元"),
        v("1310.03", "万元"),
    )
    b.project.superior.count, b.project.superior.budget = v("3", "个"), v("276.37", "万元")
    b.project.superior.executed = v("119.39", "万元")
    b.project.own.count, b.project.own.budget, b.project.own.executed = (
        v("3", "个"),
        v("1191.64", "万元"),
        v("1190.64", "万元"),
    )
    r.indicators = [
        indicator("12345热线事件办结率", "=", "100", "%", "98.83", "98.83", "20", "19.77", False),
        indicator("低保困难群体保障率", "=", "100", "%", "100", "100", "10", "10", True),
        indicator("受理信访案件数量", ">=", "6", "件", "7", "116.67", "20", "20", True),
        indicator("解决就业人数", "=", "350", "人", "364", "104", "20", "20", True),
        indicator("全民免费体检人数", ">=", "1000", "人", "1618", "161.8", "20", "13.4", True),
    ]
    r.indicators[0].deviation_reason = text("工作执行力度欠缺，调解机制不完善，预警机制缺失。")
    r.indicators[4].deviation_reason = text("年初目标值设置过低")
    r.evaluation.total_score, r.evaluation.grade = v("92.81"), text("优")
    r.quantities = [
        quantity("面向群众开展党的二十届三中全会精神宣讲", "19", "场"),
        quantity("失业人员", "310", "人"),
        quantity("解决就业问题困难人群", "364", "人"),
        quantity("接管国企退休人员", "5080", "人"),
        quantity("辖区内高龄居民提供免费体检", "1086", "人"),
        quantity("收集问题", "1964", "件"),
        quantity("办理信访案件", "7", "件"),
    ]
    r.breakdowns = [
        Breakdown(
            whole=v("4406.09", "万元"),
            parts=[v("785.31", "万元"), v("3620.78", "万元"), v("0", "万元")],
            cue="其中",
        ),
        Breakdown(whole=v("4248.11", "万元"), parts=[v("2938.08", "万元"), v("1310.03", "万元")], cue="其中"),
        Breakdown(whole=v("2938.08", "万元"), parts=[v("2851.15", "万元"), v("86.93", "万元")], cue="其中"),
    ]
    return r


def project_report(**budget: Value) -> Report:
    r = Report(source=SourceInfo(path="p.txt", format="text"))
    r.report.kind, r.report.fiscal_year = text("project"), text(2022)
    r.report.unit_name = text("永德县明朗中学")
    # what patterns/required.toml asks of every project report, unless the test sets it
    budget = {"adjusted": v("100", "万元"), "executed": v("100", "万元"), **budget}
    for key, value in budget.items():
        setattr(r.budget, key, value)
    return r


def rules_of(report: Report) -> Counter[str]:
    return Counter(f.rule for f in validate(report))


def only(report: Report, rule: str) -> list:
    return [f for f in validate(report) if f.rule == rule]


# --------------------------------------------------------------------------- the seed


def test_the_seed_has_only_its_cross_mention_warning() -> None:
    findings = validate(seed())
    assert [(f.rule, f.severity) for f in findings] == [("cross.mention", "warning")]
    f = findings[0]
    assert "1086" in f.message_zh and "1618" in f.message_zh and "全民免费体检人数" in f.message_zh
    assert {fact.key for fact in f.facts} == {"quantities.5", "indicators.5.actual"}


def test_executed_mistyped_breaks_the_rate_and_the_composition() -> None:
    r = seed()
    r.budget.executed = v("4284.11", "万元")
    assert rules_of(r) == Counter(
        {"ratio.execution_rate": 1, "sum.budget_composition": 1, "cross.mention": 1}
    )
    f = only(r, "ratio.execution_rate")[0]
    assert f.severity == "error" and "4284.11万元" in f.message_zh and "96.41%" in f.message_zh
    assert f.facts[0].key == "budget.executed" and f.facts[0].interval == ("42841050", "42841150")
    assert f.reported == ("96.405", "96.415")


@pytest.mark.parametrize(
    "mutate,rules",
    [
        (lambda r: setattr(r.budget, "execution_rate", v("96.50", "%")), {"ratio.execution_rate"}),
        (lambda r: setattr(r.budget.basic, "execution_rate", v("98", "%")), {"ratio.basic_execution_rate"}),
        (lambda r: setattr(r.budget, "adjustment", v("10", "万元")), {"ratio.adjustment"}),
        (lambda r: setattr(r.budget, "adjustment_rate", v("2", "%")), {"ratio.adjustment"}),
        (
            lambda r: setattr(r.indicators[2], "completion_rate", v("106.67", "%")),
            {"ratio.indicator_completion"},
        ),
        (lambda r: setattr(r.budget.source, "own", v("3602.78", "万元")), {"sum.budget_sources"}),
        (lambda r: setattr(r.budget.basic, "public", v("68.93", "万元")), {"sum.basic_composition"}),
        (lambda r: setattr(r.budget.project.own, "executed", v("1109.64", "万元")), {"sum.project_groups"}),
        (lambda r: setattr(r.budget.project.superior, "count", v("2", "个")), {"count.list"}),
        (lambda r: setattr(r.staff, "institutional", v("88", "名")), {"sum.staff"}),  # posts short
        (lambda r: setattr(r.evaluation, "total_score", v("93.81")), {"sum.scores"}),
        (lambda r: setattr(r.evaluation, "grade", text("良")), {"grade.band"}),
        (lambda r: setattr(r.budget, "execution_score", v("9.00")), {"sum.scores"}),
        (lambda r: setattr(r.indicators[3], "score", v("21")), {"score.bounds", "sum.scores"}),
        (lambda r: setattr(r.org, "offices_count", v("9", "个")), {"count.list"}),
        (lambda r: setattr(r.report, "filled_on", text(dt.date(2024, 12, 30))), {"date.order"}),
        (lambda r: setattr(r.report, "fiscal_year", None), {"missing.required"}),
    ],
)
def test_each_mutation_of_the_seed_fires_its_rule(mutate, rules: set[str]) -> None:  # noqa: ANN001
    r = seed()
    mutate(r)
    assert set(rules_of(r)) - {"cross.mention"} == rules


def test_budgets_of_the_seed_add_up_and_a_broken_one_is_flagged() -> None:
    r = seed()
    r.budget.project.budget = v("1486.01", "万元")
    assert set(rules_of(r)) - {"cross.mention"} == {"sum.budget_composition", "sum.project_groups"}


# --------------------------------------------------------------------------- ratios


def test_execution_rate_uses_the_initial_budget_without_an_adjusted_one_and_skips_0_over_0() -> None:
    r = project_report(initial=v("200", "万元"), executed=v("150", "万元"), execution_rate=v("75", "%"))
    assert not only(r, "ratio.execution_rate")
    r.budget.execution_rate = v("70", "%")
    assert only(r, "ratio.execution_rate")
    zero = project_report(initial=v("0", "万元"), adjusted=v("0", "万元"), executed=v("0", "万元"))
    zero.budget.execution_rate = v("0", "%")
    assert not only(zero, "ratio.execution_rate")


def test_completion_rate_may_be_capped_at_100_percent() -> None:
    r = project_report()
    r.indicators = [indicator("验收合格率", ">=", "90", "%", "95", "100", "10", "10", True)]
    assert not only(r, "ratio.indicator_completion")
    r.indicators[0].completion_rate = v("98", "%")
    assert [f.severity for f in only(r, "ratio.indicator_completion")] == ["error"]


def test_adjustment_rate_may_be_stated_without_its_sign() -> None:
    r = project_report(initial=v("100", "万元"), adjusted=v("90", "万元"), adjustment=v("-10", "万元"))
    r.budget.adjustment_rate = v("10", "%")
    assert not only(r, "ratio.adjustment")
    r.budget.adjustment_rate = v("12", "%")
    assert only(r, "ratio.adjustment")


# --------------------------------------------------------------------------- sums


def test_composition_from_personnel_public_and_projects_when_basic_is_not_stated() -> None:
    """a02: 人员经费 434.89 + 公用经费 77.4 + 项目支出 286.83 = 799.12."""
    r = project_report(executed=v("799.12", "万元"))
    r.budget.basic.personnel, r.budget.basic.public = v("434.89", "万元"), v("77.4", "万元")
    r.budget.project.executed = v("286.83", "万元")
    assert not validate(r)
    r.budget.executed = v("789.12", "万元")
    assert set(rules_of(r)) == {"sum.budget_composition"}


def test_funds_rows_against_a_zero_total_row() -> None:
    """b01: 年度资金总额 0 / 0 / 0 but 本年财政拨款 90 / 89.974 / 89.974 万元."""
    r = project_report(initial=v("0", "万元"), adjusted=v("0", "万元"), executed=v("0", "万元"))
    f = r.budget.funds.current
    f.initial, f.adjusted, f.executed = v("90", "万元"), v("89.974", "万元"), v("89.974", "万元")
    assert rules_of(r) == Counter({"sum.funds": 1, "part_exceeds_whole": 1})
    assert only(r, "sum.funds")[0].severity == "error"
    assert only(r, "part_exceeds_whole")[0].severity == "warning"


def test_funds_rows_that_add_up_are_silent() -> None:
    r = project_report(adjusted=v("20", "万元"), executed=v("20", "万元"))
    r.budget.funds.current.adjusted, r.budget.funds.current.executed = v("20", "万元"), v("20.00", "万元")
    assert not only(r, "sum.funds")


def test_breakdown_parts_take_the_finest_precision() -> None:
    """b01: 89.97万元 with parts 30 + 30 + 29.99 (at 0.01 they make 89.99)."""
    r = project_report()
    r.breakdowns = [
        Breakdown(
            whole=v("89.97", "万元"), parts=[v("30", "万元"), v("30", "万元"), v("29.99", "万元")], cue="分别"
        )
    ]
    (f,) = only(r, "sum.breakdown")
    assert f.severity == "warning" and f.computed == ("899750", "900050")
    r.breakdowns[0].whole = v("89.99", "万元")
    assert not only(r, "sum.breakdown")


def test_a_listing_that_breaks_down_one_of_its_parts_is_nested_not_wrong() -> None:
    """其中基本支出612.40万元,项目支出885.96万元,共3个项目:320.00、410.96、155.00万元 of 1498.36: the
    first two make the whole, the three make 项目支出; one item changed, the listing is flagged."""
    r = project_report()
    items = [v("320.00", "万元"), v("410.96", "万元"), v("155.00", "万元")]
    parts = [v("612.40", "万元"), v("885.96", "万元"), *items]
    r.breakdowns = [Breakdown(whole=v("1498.36", "万元"), parts=parts, cue="其中")]
    assert not only(r, "sum.breakdown")
    r.breakdowns[0].parts[-1] = v("165.00", "万元")
    assert len(only(r, "sum.breakdown")) == 1


def test_breakdown_that_rounds_one_item_is_flagged_and_a_partial_list_is_not() -> None:
    """b14: paid 1696.76 with items 21 + 1605 + 71.01 + 0 + 0; a 其中 list may leave items out."""
    r = project_report()
    parts = [v("21", "万元"), v("1605", "万元"), v("71.01", "万元"), v("0", "万元"), v("0", "万元")]
    r.breakdowns = [Breakdown(whole=v("1696.76", "万元"), parts=parts, cue="分项支付")]
    assert [f.rule for f in validate(r)] == ["sum.breakdown"]
    r.breakdowns = [
        Breakdown(whole=v("286.83", "万元"), parts=[v("36.3", "万元"), v("10.5", "万元")], cue="其中")
    ]
    assert not validate(r)


def test_weights_and_scores_of_a_cut_table() -> None:
    """a06: execution 10/7.6 plus 19 indicators shown (weights 70, scores 70), 总分 97.6."""
    r = project_report(
        execution_weight=v("10"),
        execution_score=v("7.6"),
        execution_rate=v("76", "%"),
        executed=v("76", "万元"),
    )
    ws = "2 2 1 2 2 2 2 2 2 3 5 1 2 2 5 10 5 10 10".split()
    r.indicators = [Indicator(name=text(f"指标{i}"), weight=v(w), score=v(w)) for i, w in enumerate(ws, 1)]
    r.indicators[8] = indicator("政府采购执行率", None, "100", "%", "72.74", None, "2", "2")
    r.indicators[14] = indicator("党性教育培训次数", None, "26", "次", "12", None, "5", "5")
    r.indicators[4] = indicator("预算调整率", None, "3", "%", "0", None, "2", "2")  # lower is better
    r.indicators[0] = indicator("财政供养人员控制率", None, "100", "%", "92", None, "2", "2")
    r.evaluation.total_score = v("97.6")
    # the two indicators below target state no deviation reason either (a06's table has no such column)
    expected = {"sum.weights": 1, "sum.scores": 1, "score.proportional": 2, "indicator.reason_missing": 2}
    assert rules_of(r) == Counter(expected)
    assert only(r, "sum.weights")[0].severity == "warning"
    # the weights read make 80, not 100: a row may be missing, so the shortfall is a warning
    assert only(r, "sum.scores")[0].severity == "warning"


def test_scores_short_of_the_total_are_an_error_once_the_weights_make_100() -> None:
    r = project_report(execution_weight=v("10"), execution_score=v("10"), execution_rate=v("100", "%"))
    r.indicators = [Indicator(name=text(f"指标{i}"), weight=v("30"), score=v("30")) for i in range(1, 4)]
    r.evaluation.total_score = v("94")
    (f,) = only(r, "sum.scores")
    assert (f.severity, f.facts[-1].key, f.facts[-1].value) == ("error", "evaluation.total_score", "94")


def test_scores_above_the_total_are_an_error_even_with_rows_missing() -> None:
    r = project_report(execution_weight=v("10"), execution_score=v("10"), execution_rate=v("100", "%"))
    r.indicators = [Indicator(name=text(f"指标{i}"), weight=v("30"), score=v("30")) for i in range(1, 3)]
    r.evaluation.total_score = v("60")
    (f,) = only(r, "sum.scores")
    assert f.severity == "error"


def test_weights_are_not_summed_without_the_total_row() -> None:
    r = project_report(execution_weight=v("10"), execution_score=v("0"), execution_rate=v("0", "%"))
    r.indicators = [Indicator(name=text("x"), weight=v("8"), score=v("8")) for _ in range(10)]
    assert not only(r, "sum.weights")


def b06() -> Report:
    """b06: weights 10 + 9 x 10 = 100; scores 10 + 10+10+7+10+10+9+10+10+10 = 96, 优."""
    r = project_report(execution_weight=v("10"), execution_score=v("10"), execution_rate=v("100", "%"))
    r.budget.adjusted, r.budget.executed = v("387664.62", "元"), v("387664.62", "元")
    r.budget.funds.current.adjusted, r.budget.funds.current.executed = (
        v("387664.62", "元"),
        v("387664.62", "元"),
    )
    r.indicators = [
        indicator("学生受资助人数", ">=", "735", "人次", "735", None, "10", "10"),
        indicator("营养改善计划覆盖率", ">=", "100", "%", "100", None, "10", "10"),
        indicator("资金到位及时率", ">=", "100", "%", "100", None, "10", "7"),
        indicator("生均补助标准达标率", "=", "100", "%", "100", None, "10", "10"),
        Indicator(name=text("减轻贫困学生家庭经济负担"), target_op=text("text"), target=text("有效"),
                  actual=text("有效"), weight=v("10"), score=v("10")),
        indicator("政策知晓率", "=", "100", "%", "98", None, "10", "9"),
        indicator("促进学校教育事业健康发展", ">=", "100", "%", "100", None, "10", "10"),
        indicator("学生满意度", ">=", "95", "%", "100", None, "10", "10"),
        indicator("家长满意度", ">=", "95", "%", "100", None, "10", "10"),
    ]  # fmt: skip
    r.evaluation.total_score, r.evaluation.grade = v("96"), text("优")
    return r


def test_b06_adds_up_and_only_its_unexplained_scores_are_told() -> None:
    # 政策知晓率 98% of =100% states no deviation reason; 资金到位及时率 met its target, scored 7 of 10
    found = [(f.rule, f.facts[0].key) for f in validate(b06())]
    assert found == [
        ("indicator.reason_missing", "indicators.6.actual"),
        ("indicator.full_marks", "indicators.3.actual"),
    ]


def test_b05_weights_and_scores_add_up_to_110() -> None:
    r = project_report(execution_weight=v("10"), execution_score=v("10"), execution_rate=v("100", "%"))
    ws = "10 10 20 10 10 10 10 10 10".split()
    r.indicators = [Indicator(name=text(f"指标{i}"), weight=v(w), score=v(w)) for i, w in enumerate(ws, 1)]
    r.evaluation.total_score, r.evaluation.total_weight = v("100"), v("100")
    assert rules_of(r) == Counter({"sum.weights": 1, "sum.scores": 1})


# --------------------------------------------------------------------------- scores and grades


def test_execution_score_against_rate_times_weight() -> None:
    r = project_report(execution_weight=v("10"), execution_rate=v("99", "%"), execution_score=v("10"))
    assert not only(r, "score.execution")
    r.budget.execution_score = v("9")
    assert [f.severity for f in only(r, "score.execution")] == ["error"]
    r.budget.execution_rate, r.budget.execution_score = v("112", "%"), v("10")  # capped at the weight
    assert not only(r, "score.execution")


def test_score_bounds() -> None:
    r = project_report()
    r.indicators = [indicator("x", ">=", "1", "件", "1", None, "20", "20.5")]
    assert [f.rule for f in validate(r)] == ["score.bounds"]
    r.indicators[0].score = v("20.0")
    assert not validate(r)


def test_proportional_score_only_below_target() -> None:
    r = project_report()
    r.indicators = [indicator("政策知晓率", "=", "100", "%", "98", None, "10", "9")]
    assert not only(r, "score.proportional")
    r.indicators[0].score = v("10")
    assert not only(r, "score.proportional")  # 98% x 10 = 9.8 rounds to 10
    r.indicators[0].actual = v("90", "%")
    assert [f.severity for f in only(r, "score.proportional")] == ["warning"]
    r.indicators[0].target_op = text("<=")
    assert not only(r, "score.proportional")


@pytest.mark.parametrize(
    "total,grade,ok",
    [("92.81", "优", True), ("92.81", "良", False), ("92.81", "优秀", True), ("90", "良", False),
     ("89.5", "良好", True), ("75", "合格", True), ("55", "不合格", True), ("55", "合格", False)],
)  # fmt: skip
def test_grade_band(total: str, grade: str, ok: bool) -> None:
    r = project_report()
    r.evaluation.total_score, r.evaluation.grade = v(total), text(grade)
    assert (not only(r, "grade.band")) is ok


# --------------------------------------------------------------------------- statements, dates, counts


def test_met_statements() -> None:
    r = seed()
    assert not only(r, "text.met_statement")  # '= 100%' with 98.83% and 未达到 is consistent
    r.indicators[0].met = text(True)
    assert [f.severity for f in only(r, "text.met_statement")] == ["warning"]
    r = seed()
    r.indicators[2].met = text(False)  # >= 6 件 with 7 件 said to be 未达到
    assert len(only(r, "text.met_statement")) == 1


def test_title_year_must_be_the_fiscal_year() -> None:
    r = seed()
    r.title = text("部门单位整体支出绩效自评报告(2023年度)")
    assert [f.rule for f in validate(r) if f.rule != "cross.mention"] == ["date.order"]


def test_missing_required_depends_on_the_kind() -> None:
    r = project_report()
    r.report.fiscal_year = None
    assert [f.rule for f in validate(r)] == ["missing.required"]
    r.report.kind = text("unknown")
    assert not validate(r)


def test_count_stated_with_parts_that_add_up_to_more() -> None:
    """b11: 实施项目共15个, with 8 + 8 projects."""
    r = project_report()
    r.breakdowns = [Breakdown(whole=v("15", "个"), parts=[v("8", "个"), v("8", "个")], cue="其中")]
    assert [(f.rule, f.severity) for f in validate(r)] == [("count.list", "error")]
    r.breakdowns = [
        Breakdown(whole=v("22", "人"), parts=[v("10", "人"), v("7", "人"), v("5", "人")], cue="其中")
    ]
    assert not validate(r)


def test_part_exceeding_its_whole() -> None:
    r = project_report(executed=v("100", "万元"))
    r.budget.basic.executed = v("120", "万元")
    assert "part_exceeds_whole" in rules_of(r)
    r.budget.basic.executed = v("60", "万元")
    assert not validate(r)


# --------------------------------------------------------------------------- cross.mention


def test_content_words_drop_generic_words() -> None:
    # 免费体检 is a word of patterns/jieba_user.txt; search mode also gives its parts
    assert content_words("全民免费体检人数") == {"全民", "免费", "体检", "免费体检"}
    assert not content_words("失业人员") & content_words("解决就业人数")


def test_cross_mention_links_only_the_same_measure() -> None:
    r = seed()
    r.quantities = [q for q in r.quantities if q.value.raw != "1086人"]
    assert not only(r, "cross.mention")  # 364 = 364, 7 = 7, 310 失业人员 is another measure
    r.quantities.append(quantity("办理信访案件", "8", "件"))
    assert len(only(r, "cross.mention")) == 0  # one of the two mentions agrees


def test_cross_mention_of_a_different_value() -> None:
    r = seed()
    r.quantities = [quantity("办理信访案件", "8", "件")]
    (f,) = only(r, "cross.mention")
    assert "受理信访案件数量" in f.message_zh and "8件" in f.message_zh


def test_cross_mention_ignores_numbers_inside_indicator_blocks() -> None:
    r = seed()
    r.indicators[4].span = Span(line=1, start=100, end=300, text="…")
    r.quantities = [quantity("免费体检", "1086", "人", start=150)]
    assert not only(r, "cross.mention")


def test_a_coarser_mention_agrees_with_what_its_interval_contains() -> None:
    r = project_report()
    r.indicators = [indicator("医疗救助人次", ">=", "100000", "人次", "110406", None, "10", "10")]
    r.quantities = [quantity("医疗救助", "11", "万人次")]
    assert not only(r, "cross.mention")
    r.indicators = [indicator("贫困人口生态护林员项目资金", "=", "1605", "万元", "1604.75", None, "10", "10")]
    r.quantities = [quantity("贫困人口生态护林员项目", "1605", "万元")]
    assert not only(r, "cross.mention")
    r.quantities = [quantity("医疗救助", "12", "万人次")]
    r.indicators = [indicator("医疗救助人次", ">=", "100000", "人次", "110406", None, "10", "10")]
    assert len(only(r, "cross.mention")) == 1


# --------------------------------------------------------------------------- the catalog


def test_the_catalog_has_the_contract_rules() -> None:
    ids = [r.id for r in RULES]
    contract = {
        "ratio.execution_rate", "ratio.basic_execution_rate", "ratio.adjustment",
        "ratio.indicator_completion", "sum.budget_sources", "sum.budget_composition",
        "sum.basic_composition", "sum.project_groups",
        "sum.funds", "sum.breakdown", "sum.staff", "sum.weights", "sum.scores", "score.execution",
        "score.bounds", "score.proportional", "grade.band", "count.list", "text.met_statement",
        "part_exceeds_whole", "cross.mention", "date.order", "missing.required",
    }  # fmt: skip
    added = {  # ids are added, never renamed
        "text.unreadable_number", "indicator.reason_missing", "indicator.full_marks", "sum.level_weights",
        "weights.standard", "ocr.low_confidence",
    }  # fmt: skip
    assert len(ids) == len(set(ids)) and set(ids) == contract | added
    for rule in RULES:
        assert rule.description_zh and rule.description_en and rule.fields and rule.family
        assert rule.severity in ("error", "warning", "info")


@pytest.mark.parametrize(
    "sentence, offices, raised",
    [
        # 等 ends an open list: three of the eight are named, which is no inconsistency
        ("本局内设办公室、财务股、农业股等8个股室。", ["办公室", "财务股", "农业股"], []),
        ("本局内设办公室、财务股、农业股等2个股室。", ["办公室", "财务股", "农业股"], ["count.list"]),
        ("本局内设办公室、财务股、农业股共3个股室。", ["办公室", "财务股", "农业股"], []),
        ("本局内设办公室、财务股、农业股共8个股室。", ["办公室", "财务股", "农业股"], ["count.list"]),
    ],
)
def test_offices_listed_with_deng_are_an_open_list(
    sentence: str, offices: list[str], raised: list[str]
) -> None:
    from extractor.pipeline import extract_document

    text_ = f"某某县农业农村局2023年度部门整体支出绩效自评报告\n一、部门基本情况\n{sentence}\n"
    report = extract_document(text_document("t.txt", text_))
    assert report.org.offices is not None and report.org.offices.value == offices
    assert [f.rule for f in validate(report) if f.severity == "error"] == raised


def test_staff_parts_with_worker_posts_and_a_shortfall() -> None:
    r = project_report()
    r.staff.authorized = v("30", "人")
    r.staff.administrative, r.staff.institutional = v("10", "人"), v("15", "人")
    assert [(f.rule, f.severity) for f in validate(r)] == [("sum.staff", "warning")]  # 参公/编外 may make 5
    r.staff.worker = v("5", "人")  # 工勤编制5人 completes the 30
    assert not validate(r)
    r.staff.worker = v("6", "人")
    assert [(f.rule, f.severity) for f in validate(r)] == [("sum.staff", "error")]


def test_worker_posts_are_read_and_complete_the_staff_sum() -> None:
    from extractor.pipeline import extract_document

    text_ = (
        "某某县水利局2023年度部门整体支出绩效自评报告\n一、部门基本情况\n"
        "本单位编制数30人，其中行政编制10人、事业编制15人、工勤编制5人。退休人员12人。\n"
    )
    report = extract_document(text_document("t.txt", text_))
    s = report.staff
    assert [x.value if x else None for x in (s.authorized, s.administrative, s.institutional, s.worker)] == [
        30, 10, 15, 5,
    ]  # fmt: skip
    assert not [f for f in validate(report) if f.rule == "sum.staff"]


EXPENDITURE = (
    "某某市文化和旅游局2023年度部门整体支出绩效自评报告\n一、部门基本情况\n"
    "2023年度支出总额1,372.00万元，其中基本支出830.00万元、项目支出520.00万元、上缴上级支出{other}万元。\n"
    "基本支出830.00万元中，人员经费700.00万元，公用经费120.00万元，对个人和家庭的补助{grants}万元。\n"
)


@pytest.mark.parametrize(
    "other, grants, raised",
    [
        # the keyed parts (基本 + 项目, 人员 + 公用) are some of a longer listing: no keyed sum fails
        ("22.00", "10.00", []),
        # the full listings add up to more than their wholes: sum.breakdown says so
        ("32.00", "10.00", [("sum.breakdown", "warning")]),
        ("22.00", "20.00", [("sum.breakdown", "warning")]),
    ],
)
def test_keyed_sums_leave_a_longer_listing_to_sum_breakdown(
    other: str, grants: str, raised: list[tuple[str, str]]
) -> None:
    from extractor.pipeline import extract_document

    text_ = EXPENDITURE.format(other=other, grants=grants)
    report = extract_document(text_document("t.txt", text_))
    assert report.budget.basic.personnel is not None and report.budget.basic.personnel.value == 7000000
    assert report.budget.project.executed is not None and report.budget.project.executed.value == 5200000
    found = [(f.rule, f.severity) for f in validate(report) if f.rule != "missing.required"]
    assert found == raised
