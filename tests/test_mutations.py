"""Mutations of real fixtures: one figure changed (or an item removed, a word changed) in a report
of the dev corpus triggers exactly the rule that checks it, and nothing else changes.

Each row: the rule, the fixture, and the (old, new) text replacements. Where one figure feeds two
rules by nature (a score and the total it adds to), the row changes both figures so that only the
rule under test can fire.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from pathlib import Path

import pytest

from extractor import check
from extractor.pipeline import extract_document
from extractor.read.text import text_document
from extractor.validate import RULES

CORPUS = Path(__file__).resolve().parent.parent / "fixtures" / "corpus"


@dataclass(frozen=True)
class Mutation:
    rule: str
    fixture: str
    edits: list[tuple[str, str]]


MUTATIONS = [
    Mutation(
        "text.unreadable_number", "xj-street-2024", [("执行金额 1190.64 万元", "执行金额 119O.64 万元")]
    ),
    Mutation(  # every statement of the rate (one alone would also be a cross.mention)
        "ratio.execution_rate",
        "xj-street-2024",
        [
            ("预算执行率 96.41%", "预算执行率 97.41%"),
            ("预算执行率为 96.41%", "预算执行率为 97.41%"),
            ("执行率为 96.41%，得", "执行率为 97.41%，得"),
        ],
    ),
    Mutation(
        "ratio.basic_execution_rate",
        "xj-street-2024",
        [("基本支出预算执行率 100%", "基本支出预算执行率 99%")],
    ),
    Mutation("ratio.adjustment", "xj-street-2024", [("年中调增数 0 万元", "年中调增数 10 万元")]),
    Mutation(
        "ratio.indicator_completion", "xj-street-2024", [("该指标完成率为 116.67%", "该指标完成率为 106.67%")]
    ),
    Mutation(
        "sum.budget_sources",
        "xj-street-2024",
        [("本级资金安排年初预算数为 3620.78", "本级资金安排年初预算数为 3602.78")],
    ),
    Mutation("sum.budget_composition", "a02", [("项目支出286.83万元", "项目支出268.83万元")]),
    Mutation("sum.basic_composition", "xj-street-2024", [("公用经费 86.93 万元", "公用经费 68.93 万元")]),
    Mutation("sum.project_groups", "xj-street-2024", [("执行金额 1190.64 万元", "执行金额 1180.64 万元")]),
    Mutation("sum.staff", "xj-street-2024", [("行政编制 15 名", "行政编制 14 名")]),  # posts short
    Mutation("count.list", "xj-street-2024", [("下设 8 个处室", "下设 9 个处室")]),
    Mutation(
        "cross.mention",
        "xj-street-2024",
        [("解决就业问题困难人群共 364 人", "解决就业问题困难人群共 365 人")],
    ),
    Mutation(
        "date.order", "xj-street-2024", [("填报时间：2025 年 03 月 05 日", "填报时间：2024 年 03 月 05 日")]
    ),
    Mutation("grade.band", "xj-street-2024", [("评价结果为“优”", "评价结果为“良”")]),
    Mutation(
        "text.met_statement",
        "xj-street-2024",
        [("本次评价实际完成值为 7 件，超出预期效益", "本次评价实际完成值为 7 件，未达到预期效益")],
    ),
    Mutation(
        "missing.required",
        "xj-street-2024",
        [
            (
                "部门单位名称（公章）：乌鲁木齐高新技术产业开发区(乌鲁木齐市新市区)石油新村片区管理委员会",
                "部门单位名称（公章）：",
            )
        ],
    ),
    Mutation("sum.funds", "b06", [("| 387664.62 | 387664.62 | — |", "| 387664.62 | 387664.26 | — |")]),
    Mutation("sum.scores", "b06", [("| 总分 | 100 | 96 | 优 |", "| 总分 | 100 | 95 | 优 |")]),
    Mutation(  # indicator 3 already scored below its weight: no indicator.full_marks is added
        "sum.weights",
        "b06",
        [
            (
                "| 资金到位及时率 | ≧ | 100 | % | 100% | 10 | 7 |",
                "| 资金到位及时率 | ≧ | 100 | % | 100% | 15 | 7 |",
            )
        ],
    ),
    Mutation(
        "score.execution",
        "b06",
        [
            ("| 387664.62 | 387664.62 | 10 | 100% | 10 |", "| 387664.62 | 387664.62 | 10 | 100% | 9 |"),
            ("| 总分 | 100 | 96 | 优 |", "| 总分 | 100 | 95 | 优 |"),
        ],
    ),
    Mutation(
        "score.bounds",
        "b06",
        [
            (
                "| 营养改善计划覆盖率 | ≧ | 100 | % | 100% | 10 | 10 |",
                "| 营养改善计划覆盖率 | ≧ | 100 | % | 100% | 9 | 10 |",
            ),
            (  # the weight moves to indicator 3, already below full marks (indicator.full_marks)
                "| 资金到位及时率 | ≧ | 100 | % | 100% | 10 | 7 |",
                "| 资金到位及时率 | ≧ | 100 | % | 100% | 11 | 7 |",
            ),
        ],
    ),
    Mutation(
        "score.proportional",
        "b06",
        [("| 政策知晓率 | ═ | 100 | % | 98% | 10 | 9 |", "| 政策知晓率 | ═ | 100 | % | 80% | 10 | 9 |")],
    ),
    Mutation(
        "part_exceeds_whole",
        "a09",
        [("其中:基本支出76.36万元,项目支出0万元,结余结转0万元", "其中:基本支出86.36万元")],
    ),
    Mutation("sum.breakdown", "a04", [("46.25 万元", "64.25 万元")]),
    Mutation(
        "indicator.reason_missing",
        "xj-street-2024",
        [("偏差原因：工作执行力度欠缺，调解机制不完善，预警机制缺失。", "")],
    ),
    Mutation("indicator.full_marks", "xj-street-2024", [("偏差原因：年初目标值设置过低，", "")]),
    Mutation("sum.level_weights", "b05", [("产出指标(70分)", "产出指标(60分)")]),
    Mutation("weights.standard", "b01", [("年度资金总额: 0 0 0 10 0 0", "年度资金总额: 0 0 0 20 0 0")]),
]


def rules_raised(text: str) -> Counter[str]:
    report = extract_document(text_document("mutated.txt", text))
    return Counter(f.rule for f in check(report))


def mutated(m: Mutation) -> tuple[str, str]:
    text = (CORPUS / f"{m.fixture}.txt").read_text(encoding="utf-8")
    out = text
    for old, new in m.edits:
        assert text.count(old) == 1, f"{m.fixture}: {old!r} must occur once"
        out = out.replace(old, new)
    return text, out


# rules whose input is not the report's text (OCR confidences: tests/test_ocr.py)
NOT_FROM_TEXT = {"ocr.low_confidence"}


def test_every_rule_has_a_mutation() -> None:
    assert {m.rule for m in MUTATIONS} | NOT_FROM_TEXT == {r.id for r in RULES}


@pytest.mark.parametrize("m", MUTATIONS, ids=[m.rule for m in MUTATIONS])
def test_the_mutation_triggers_exactly_its_rule(m: Mutation) -> None:
    original, changed = mutated(m)
    before, after = rules_raised(original), rules_raised(changed)
    assert (
        after - before == Counter({m.rule: after[m.rule] - before[m.rule]}) and after[m.rule] > before[m.rule]
    )
    assert not before - after, f"findings lost: {before - after}"
    # the unchanged fixture does not raise it (the seed's own health-check warning aside)
    assert before[m.rule] == (1 if (m.rule, m.fixture) == ("cross.mention", "xj-street-2024") else 0)
