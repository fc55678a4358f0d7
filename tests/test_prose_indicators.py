"""Indicator blocks in prose written with their level word first, or without a colon."""

from __future__ import annotations

from decimal import Decimal

from extractor.flat import flatten
from extractor.pipeline import extract_document
from extractor.read.text import text_document

EMPLOYMENT = """2023年度某某县就业补助资金项目支出绩效自评报告
一、项目基本情况
项目主管部门：某某县人力资源和社会保障局
二、项目绩效目标完成情况
（一）产出指标
1.数量指标：职业技能培训人数，年度目标值≥500人，实际完成520人，完成率104%，达到预期目标。
2.时效指标：补贴发放及时率，年度目标值=100%，实际完成98%，未达到预期目标，主要原因是部分申请材料不全。
（二）满意度指标
服务对象满意度，年度目标值≥90%，实际完成95%，达到预期目标。
"""


def _flat(text: str) -> dict:
    return flatten(extract_document(text_document("t.txt", text)))


def test_a_level_word_before_the_name_is_the_level() -> None:
    flat = _flat(EMPLOYMENT)
    fields = ("name", "level1", "level2", "target_op", "target", "actual")
    rows = [tuple(flat.get(f"indicators.{n}.{f}") for f in fields) for n in (1, 2, 3)]
    assert rows == [
        ("职业技能培训人数", "产出指标", "数量指标", ">=", Decimal(500), Decimal(520)),
        ("补贴发放及时率", "产出指标", "时效指标", "=", Decimal(100), Decimal(98)),
        ("服务对象满意度", "满意度指标", None, ">=", Decimal(90), Decimal(95)),
    ]
    assert "indicators.4.name" not in flat


def test_the_reason_after_a_not_met_statement_is_the_deviation_reason() -> None:
    flat = _flat(EMPLOYMENT)
    assert (flat["indicators.2.met"], flat["indicators.2.deviation_reason"]) == (False, "部分申请材料不全。")
    assert "indicators.1.deviation_reason" not in flat


ROADS = """某某市2023年度农村公路养护补助资金绩效自评报告
一、项目资金情况
该项目预算800万元，实际支出760万元，预算执行率95%。
二、绩效目标完成情况
（一）产出指标
1.养护里程：目标值1,200公里，实际完成1,200公里，完成率100%。
2.优良中等路率：目标值≥80%，实际完成85%，完成率100%。
（二）效益指标
（1）质量指标：道路机扫率达到92%，目标值≥90%。
"""


def test_a_plain_target_value_line_is_an_indicator_and_a_figure_is_never_a_name() -> None:
    flat = _flat(ROADS)
    fields = ("name", "level1", "target_op", "target", "unit", "actual", "completion_rate")
    rows = [tuple(flat.get(f"indicators.{n}.{f}") for f in fields) for n in (1, 2)]
    assert rows == [
        ("养护里程", "产出指标", "=", Decimal(1200), "公里", Decimal(1200), Decimal(100)),
        ("优良中等路率", "产出指标", ">=", Decimal(80), "%", Decimal(85), Decimal(100)),
    ]
    assert "indicators.3.name" not in flat  # '道路机扫率达到92%' is no name to trust


def test_a_numbered_indicator_whose_name_ends_with_a_full_stop() -> None:
    """指标1：名称。年度目标值…（ha-yuanyang): no colon after the name, the full stop ends it; a
    未完成原因： is the deviation reason, 改进措施： the improvement."""
    flat = _flat(
        "2023年度某某县卫生健康委员会部门整体支出绩效自评报告\n一、绩效指标完成情况\n（一）效益指标\n"
        "指标1：孕产妇系统管理率。年度目标值≥90%，全年实际完成88.6%，该项分值20分，自评得分19分。"
        "未完成原因：部分流动孕产妇未按时建档。改进措施：加强信息共享。\n"
    )
    fields = ("name", "level1", "target", "actual", "weight", "score", "deviation_reason", "improvement")
    assert tuple(flat.get(f"indicators.1.{f}") for f in fields) == (
        "孕产妇系统管理率",
        "效益指标",
        Decimal(90),
        Decimal("88.6"),
        Decimal(20),
        Decimal(19),
        "部分流动孕产妇未按时建档。",
        "加强信息共享。",
    )


def test_an_indicator_whose_target_is_not_read_keeps_the_numbering() -> None:
    """时效指标：…，目标值为2023年12月31日前完成 (a date in words): its name and points are kept, so the
    indicators after it keep their numbers (dropped, every later one took the number before it)."""
    text = (
        "台江县2023年农村饮水安全工程维修养护项目支出绩效自评报告\n一、项目基本情况\n项目由县水务局实施。\n"
        "二、绩效目标完成情况\n（一）产出指标完成情况（50分）\n"
        "1.数量指标：维修养护集中供水工程数量，目标值≥40处，实际完成42处，该指标分值20分，得20分。\n"
        "2.时效指标：维修养护任务完成时限，目标值为2023年12月31日前完成，实际于2023年11月完成，该指标分值5分，得5分。\n"
        "3.成本指标：项目总成本，目标值≤85万元，实际支出81.36万元，该指标分值10分，得10分。\n"
    )
    flat = _flat(text)
    names = [flat.get(f"indicators.{n}.name") for n in (1, 2, 3)]
    assert names == ["维修养护集中供水工程数量", "维修养护任务完成时限", "项目总成本"]
    assert (flat["indicators.2.weight"], flat["indicators.3.target"]) == (Decimal(5), Decimal(85))


def test_a_bare_score_after_the_points_and_actuals_in_other_words() -> None:
    """该指标分值10分，得9分: 得 alone after the points is the score; 实际支出 (a cost), 实际受益 (people
    reached) and 实际为 state the actual."""
    text = (
        "台江县2023年农村饮水安全工程维修养护项目支出绩效自评报告\n一、项目基本情况\n项目由县水务局实施。\n"
        "二、绩效目标完成情况\n（一）产出指标完成情况（50分）\n"
        "1.成本指标：项目总成本，目标值≤85万元，实际支出81.36万元，该指标分值10分，得10分。\n"
        "2.社会效益指标：受益人口，目标值≥3.2万人，实际受益3.26万人，该指标分值15分，得15分。\n"
        "3.服务对象满意度指标：受益群众满意度，目标值≥95%，实际为94.2%，该指标分值10分，得9分。\n"
    )
    flat = _flat(text)
    assert [flat[f"indicators.{n}.actual"] for n in (1, 2, 3)] == [
        Decimal("81.36"),
        Decimal("3.26"),
        Decimal("94.2"),
    ]
    assert [flat[f"indicators.{n}.score"] for n in (1, 2, 3)] == [Decimal(10), Decimal(15), Decimal(9)]


HEAD_OVERALL = "本溪县水务局2022年度部门整体支出绩效自评报告\n一、部门基本情况\n本局编制21人。\n"


def test_levels_phrased_as_aspects_open_their_clauses() -> None:
    """数量指标方面，A年度目标为3座，实际完成3座；B…。质量指标方面，C…: each clause its indicator, its
    level the clause's own (成本指标, a word of both lists, the 二级 under 产出指标), a ratio unit kept."""
    text = HEAD_OVERALL + (
        "二、绩效指标完成情况\n（一）产出指标完成情况\n"
        "数量指标方面，小型水库除险加固数量年度目标为3座，实际完成3座；农村饮水工程维修养护处数年度目标为45处，"
        "实际完成42处。质量指标方面，水利工程质量验收合格率年度目标为100%，实际为100%。成本指标方面，"
        "农村饮水工程维修单处平均成本年度目标为不高于8万元/处，实际为7.6万元/处。\n"
    )
    flat = _flat(text)
    assert [flat[f"indicators.{n}.level2"] for n in (1, 2, 3, 4)] == [
        "数量指标",
        "数量指标",
        "质量指标",
        "成本指标",
    ]
    assert (flat["indicators.3.name"], flat["indicators.3.target"]) == (
        "水利工程质量验收合格率",
        Decimal(100),
    )
    assert (flat["indicators.4.target_op"], flat["indicators.4.unit"]) == ("<=", "万元/处")


def test_an_indicator_line_no_cue_reads_stops_the_numbering() -> None:
    """数量指标：全年计划完成…1200批次，实际完成1260批次 (no target cue): the indicators after it would
    take its number, so none after it is read."""
    text = HEAD_OVERALL + (
        "二、绩效指标完成情况\n"
        "数量指标：全年计划完成食品安全监督抽检1200批次，实际完成1260批次（分值10分，得10分）。\n"
        "质量指标：特种设备定期检验率年度目标为100%，实际完成98.6%（分值10分，得9.5分）。\n"
    )
    assert "indicators.1.name" not in _flat(text)
