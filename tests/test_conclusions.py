"""The closing lists (存在的主要问题 / 原因分析 / 改进措施 / 建议): items, one a line, with places."""

from __future__ import annotations

from pathlib import Path

from extractor import extract

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"


def test_the_seed_lists_two_items_in_each() -> None:
    r = extract(FIXTURES / "corpus" / "xj-street-2024.txt")
    got = {
        k: [(v.value[:8], v.span.line) for v in getattr(r, k)]
        for k in ("problems", "causes", "measures", "suggestions")
    }
    assert got == {
        "problems": [("民生领域的各类涉", 145), ("各项指标的设置要", 146)],
        "causes": [("部分干部的综合素", 150), ("项目预算资金未能", 151)],
        "measures": [("加强业务培训，强", 159), ("强化对绩效目标的", 160)],
        "suggestions": [("石油新村街道将继", 164), ("加强绩效目标学习", 165)],
    }
    # the enumeration '- 1、' is not part of the item; the span points at the item's own text
    first = r.problems[0]
    assert first.span.text.startswith("民生领域") and r.source.path.endswith("xj-street-2024.txt")
    # the second cause runs across a blank line in the original: joined into one item
    assert r.causes[1].value.startswith(
        "项目预算资金未能按照计划及时支付，导致预算目标过高或过低，与实际情况脱节"
    )


def test_a_section_naming_two_lists_goes_to_the_first_and_stops_at_the_attachment() -> None:
    r = extract(FIXTURES / "documents" / "proj-nutrition-2022.txt")
    assert [v.value[:13] for v in r.problems] == ["个别批次资金到位时间较计划"]
    assert r.measures == [] and r.causes == []
