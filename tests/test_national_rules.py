"""The national scoring rules (财预〔2020〕10号) on real fixtures read by the pipeline: each clean
fixture is silent, one mutation makes the rule fire with the values and places it used."""

from __future__ import annotations

from pathlib import Path

import patterns
from extractor import check
from extractor.models import Finding, Report
from extractor.pipeline import extract_document
from extractor.read.text import text_document
from extractor.validate import BY_ID

CORPUS = Path(__file__).resolve().parent.parent / "fixtures" / "corpus"


def read(fixture: str, *edits: tuple[str, str]) -> Report:
    text = (CORPUS / f"{fixture}.txt").read_text(encoding="utf-8")
    for old, new in edits:
        assert text.count(old) == 1, old
        text = text.replace(old, new)
    return extract_document(text_document(f"{fixture}.txt", text))


def found(report: Report, rule: str) -> list[Finding]:
    return [f for f in check(report) if f.rule == rule]


# --------------------------------------------------------------------------- levels read


def test_level_weights_are_read_from_table_labels() -> None:
    levels = read("b05").levels
    assert [(lv.name.value, lv.weight.value) for lv in levels if lv.weight] == [
        ("产出指标", 70),
        ("效益指标", 20),
        ("满意度指标", 10),
    ]
    assert levels[0].weight is not None and levels[0].weight.span is not None
    assert levels[0].weight.span.text == "70分"


# --------------------------------------------------------------------------- indicator.reason_missing


def test_reason_missing_fires_when_the_reason_of_a_miss_is_removed() -> None:
    assert found(read("xj-street-2024"), "indicator.reason_missing") == []
    r = read("xj-street-2024", ("偏差原因：工作执行力度欠缺，调解机制不完善，预警机制缺失。", ""))
    (f,) = found(r, "indicator.reason_missing")
    assert f.severity == "warning"
    assert "98.83%" in f.message_zh and "=100%" in f.message_zh and "偏差原因" in f.message_zh
    assert "no deviation reason" in f.message_en
    assert [x.key for x in f.facts] == ["indicators.1.actual", "indicators.1.target"]
    assert f.facts[0].span is not None and f.facts[0].span.text.startswith("98.83")


# --------------------------------------------------------------------------- indicator.full_marks


def test_full_marks_below_weight_for_a_met_target_without_reason() -> None:
    assert found(read("xj-street-2024"), "indicator.full_marks") == []
    (f,) = found(read("xj-street-2024", ("偏差原因：年初目标值设置过低，", "")), "indicator.full_marks")
    assert "1618人" in f.message_zh and "13.4" in f.message_zh and "权重 20" in f.message_zh
    assert [x.key for x in f.facts] == [f"indicators.5.{k}" for k in ("actual", "target", "score", "weight")]


def test_full_marks_for_a_missed_maximum_target() -> None:
    """b01 项目总成本 ≤90万元: an actual of 95 scored its full 8 (below a minimum target that would be
    score.proportional's), and it states no reason."""
    clean = read("b01")
    assert found(clean, "indicator.full_marks") == found(clean, "indicator.reason_missing") == []
    r = read("b01", ("项目总成本 ≤90万元 90 8 8", "项目总成本 ≤90万元 95 8 8"))
    (f,) = found(r, "indicator.full_marks")
    assert "95万元" in f.message_zh and "<=90万元" in f.message_zh and "满分" in f.message_zh
    assert len(found(r, "indicator.reason_missing")) == 1
    assert found(r, "score.proportional") == []


# --------------------------------------------------------------------------- sum.level_weights


def test_level_weight_against_its_indicators() -> None:
    assert found(read("b05"), "sum.level_weights") == []
    (f,) = found(read("b05", ("产出指标(70分)", "产出指标(60分)")), "sum.level_weights")
    assert f.severity == "error"
    assert f.message_zh.startswith("「产出指标」下各指标权重（10 + 10 + 20 + 10 + 10 + 10） = 70")
    assert "「产出指标」权重 60分" in f.message_zh
    assert f.facts[-1].key == "levels.1.weight" and f.facts[-1].span is not None
    assert f.facts[-1].span.text == "60分"
    assert f.computed == ("70", "70") and f.reported == ("60", "60")


def test_a_last_level_short_of_its_weight_may_be_cut_off() -> None:
    """b01 ends inside 满意度指标(10分); a 效益指标 short of its 30 with no 总分 row is not judged."""
    r = read("b01", ("对推动基建项目“四项制度”健全和落实的持续性影响 效果明显 达成预期指标 10 10", ""))
    assert found(r, "sum.level_weights") == []


# --------------------------------------------------------------------------- weights.standard


def test_standard_weights() -> None:
    assert found(read("b01"), "weights.standard") == []
    (f,) = found(read("b05"), "weights.standard")
    assert f.severity == "info"
    assert "产出指标 70分（标准 50分）、效益指标 20分（标准 30分）" in f.message_zh
    assert "财预〔2020〕10号" in f.message_zh and "standard weights" in f.message_en
    (g,) = found(
        read("b01", ("年度资金总额: 0 0 0 10 0 0", "年度资金总额: 0 0 0 20 0 0")), "weights.standard"
    )
    assert "执行率分值 20（标准 10分）" in g.message_zh


def test_the_standard_is_data() -> None:
    g = patterns.load("grades")
    assert g["standard_weights"]["execution"] == 10
    assert g["standard_weights"]["levels"] == {"产出指标": 50, "效益指标": 30, "满意度指标": 10}
    assert BY_ID["weights.standard"].severity == "info"


# --------------------------------------------------------------------------- text.met_statement (reasons)


def test_a_deviation_reason_claiming_completion_for_a_miss() -> None:
    base = read("xj-street-2024")
    assert found(base, "text.met_statement") == []
    old = "偏差原因：工作执行力度欠缺，调解机制不完善，预警机制缺失。"
    (f,) = found(read("xj-street-2024", (old, "偏差原因：已全部完成。")), "text.met_statement")
    assert "偏差原因称已完成" in f.message_zh and "deviation reason says met" in f.message_en
    assert f.facts[-1].key == "indicators.1.deviation_reason" and f.facts[-1].value == "已全部完成。"
    # a negated claim claims nothing
    assert found(read("xj-street-2024", (old, "偏差原因：未能全部完成。")), "text.met_statement") == []


def test_reason_missing_for_a_qualitative_indicator_below_full_marks() -> None:
    """b06 减轻贫困学生家庭经济负担 (有效 / 有效): its target is words, so only the score tells."""
    old = "| 有效 | 10 | 10 |"
    r = read("b06", (old, "| 有效 | 10 | 8 |"))
    before = [f.facts[0].key for f in found(read("b06"), "indicator.reason_missing")]
    after = [f.facts[0].key for f in found(r, "indicator.reason_missing")]
    assert before == ["indicators.6.actual"]
    assert after == ["indicators.5.score", "indicators.6.actual"]
    f = found(r, "indicator.reason_missing")[0]
    assert "得分 8（权重 10）" in f.message_zh and "below full marks" in f.message_en


def _cost_row(target: str) -> Report:
    head = "某某县住建局2022年度项目支出绩效自评表\n"
    header = "一级指标 | 二级指标 | 三级指标 | 年度指标值 | 实际完成值 | 分值 | 得分 |\n"
    row = f"产出指标 | 成本指标 | 宣传片制作费 | {target} | 195.5万元 | 10 | 10 |\n"
    report = extract_document(text_document("t.txt", head + header + row))
    report.findings = check(report)
    return report


def test_a_bare_cost_target_is_no_minimum_but_a_written_equals_is() -> None:
    """200万 states no operator: spending 195.5万 on a 成本指标 misses nothing. '=200万' is a
    stated target the actual falls short of."""
    bare = _cost_row("200万")
    assert bare.indicators[0].target_op.value == "="  # the contract's '=' for a bare target
    assert found(bare, "indicator.reason_missing") == []
    written = _cost_row("=200万")
    (miss,) = found(written, "indicator.reason_missing")
    assert [f.key for f in miss.facts] == ["indicators.1.actual", "indicators.1.target"]
