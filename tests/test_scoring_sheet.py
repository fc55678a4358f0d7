"""A 部门整体 scoring sheet (序号 | 一级指标 | 二级指标 | 三级指标 | 指标分值 | … | 自评得分) as a Word
table: 指标分值 is the weight column, and in a table the source drew any short name under 一级/二级指标
is a level ('规划（15分）'), a blank 二级 cell under the same 一级 the one above. A target in words
around one figure after an operator word ('至少全年完成2次宣传') is that figure."""

from __future__ import annotations

from decimal import Decimal

from extractor import extract
from extractor.fields.cells import worded_target
from extractor.flat import flatten
from tests.word_forms import word_form

ROWS = [
    ["序号", "一级指标", "二级指标", "三级指标", "指标分值", "评分标准", "自评得分"],
    ["1", "决策（20分）", "目标设定（10分）", "绩效目标合理性", "5", "目标合理得5分", "5"],
    ["2", "决策（20分）", "", "绩效目标明确性", "5", "目标明确得5分", "4"],
    ["3", "过程（80分）", "资金管理（80分）", "资金使用合规性", "80", "合规得80分", "80"],
    ["合计", "合计", "合计", "合计", "90", "", "89"],
]


def _sheet(tmp_path, rows):
    title = "某县农业农村局2023年度部门整体支出绩效自评表"
    return flatten(extract(word_form(tmp_path / "sheet.docx", [title], rows)))


def test_a_scoring_sheet_reads_its_levels_and_weights(tmp_path):
    flat = _sheet(tmp_path, ROWS)
    assert [flat[f"indicators.{n}.level1"] for n in (1, 2, 3)] == ["决策", "决策", "过程"]
    assert [flat[f"indicators.{n}.level2"] for n in (1, 2, 3)] == ["目标设定", "目标设定", "资金管理"]
    assert [flat[f"indicators.{n}.weight"] for n in (1, 2, 3)] == [Decimal(5), Decimal(5), Decimal(80)]
    assert (flat["evaluation.total_weight"], flat["evaluation.total_score"]) == (Decimal(90), Decimal(89))


def test_a_worded_target_with_an_operator_word():
    fig = worded_target("至少全年完成2次宣传")
    assert fig is not None and (fig.op, fig.number, fig.unit) == (">=", Decimal(2), "次")
    assert worded_target("完成2次宣传") is None  # no operator word: the words stay the target
    assert worded_target("不少于3个乡镇10个村") is None  # two figures


def test_groups_with_their_points_under_a_column_no_level_word_names(tmp_path):
    """湖北 项目自评表's scoring block: 项目权重 | 评价内容 | 分值 | 自评分, its first column's cells
    '项目决策 2分', merged down: the 一级 of the rows. Without points such a cell is no level."""
    rows = [
        ["项目权重", "评价内容", "分值", "自评分"],
        ["项目决策 2分", "决策依据", "2", "2"],
        ["项目管理 13分", "财务制度", "3", "3"],
        ["项目管理 13分", "组织机构", "2", "1"],
    ]
    flat = _sheet(tmp_path, rows)
    assert [flat[f"indicators.{n}.level1"] for n in (1, 2, 3)] == ["项目决策", "项目管理", "项目管理"]
    assert [flat[f"indicators.{n}.weight"] for n in (1, 2, 3)] == [Decimal(2), Decimal(3), Decimal(2)]
    unpointed = _sheet(tmp_path, [rows[0], ["乡村道路项目", "决策依据", "2", "2"]])
    assert unpointed["indicators.1.name"] == "决策依据" and "indicators.1.level1" not in unpointed


def test_a_level_holding_the_execution_rate_row_counts_its_points(tmp_path):
    """过程（30分） over 预算执行率 | 10 | 9 and 资金使用合规性 | 20 | 20: the row is the budget's execution
    weight and score, not an indicator, and the level's 30 is 20 + 10, no sum.level_weights error."""
    rows = [
        ROWS[0],
        ["1", "决策（70分）", "目标设定（70分）", "绩效目标合理性", "70", "目标合理得70分", "68"],
        ["2", "过程（30分）", "资金管理（30分）", "预算执行率", "10", "按执行率得10分", "9"],
        ["3", "过程（30分）", "资金管理（30分）", "资金使用合规性", "20", "合规得20分", "20"],
        ["合计", "合计", "合计", "合计", "100", "", "97"],
    ]
    flat = _sheet(tmp_path, rows)
    assert (flat["budget.execution_weight"], flat["budget.execution_score"]) == (Decimal(10), Decimal(9))
    assert [flat[f"indicators.{n}.name"] for n in (1, 2)] == ["绩效目标合理性", "资金使用合规性"]
    assert "indicators.3.name" not in flat
    rules = {v for k, v in flat.items() if k.endswith(".rule")}
    assert not rules & {"sum.level_weights", "sum.weights", "sum.scores"}, rules


def test_a_breakdown_goal_column_holds_the_first_level(tmp_path):
    """江西's 部门整体 form heads its 一级 column 分解目标 (管理指标 / 产出指标 …), a 自评权重 column of the
    level's points beside it; the indicator's weight is still its 分值 after the name."""
    rows = [
        ["分解目标", "自评权重", "二级指标", "三级指标", "年度指标值", "全年完成值", "分值", "得分"],
        ["管理指标", "30", "预算编审管理", "完整、准确率", "100%", "100%", "4", "4"],
        ["产出指标", "25", "数量指标", "门诊住院人次", "增加", "增372人次", "5", "5"],
    ]
    flat = _sheet(tmp_path, rows)
    assert [flat[f"indicators.{n}.level1"] for n in (1, 2)] == ["管理指标", "产出指标"]
    assert [flat[f"indicators.{n}.weight"] for n in (1, 2)] == [Decimal(4), Decimal(5)]


def test_an_actual_in_words_against_a_placeholder_target(tmp_path):
    """A project scoring sheet writes '—' under 指标值 and what was done under 全年实际值: the words
    are the row's actual; under an empty target cell they stay unread."""
    rows = [
        ["一级指标", "二级指标", "三级指标", "分值", "指标值（A）", "全年实际值（B）", "得分"],
        ["项目决策（10分）", "项目目标", "完整性", "4", "—", "目标明确、内容细化、目标量化", "4"],
        ["项目决策（10分）", "项目立项", "相关性", "6", "", "按照学校管理标准对学校进行管理", "6"],
    ]
    flat = _sheet(tmp_path, rows)
    assert flat["indicators.1.actual"] == "目标明确、内容细化、目标量化"
    assert "indicators.2.actual" not in flat and flat["indicators.2.weight"] == Decimal(6)


def test_a_remark_is_the_reason_of_a_row_that_lost_points(tmp_path):
    """备注 beside 3 | 2.5 says why points were lost (the deviation reason); beside 10 | 10 it is a
    note (执行率99.37%), never a reason."""
    rows = [
        ["一级指标", "二级指标", "三级指标", "分值", "自评得分", "备注"],
        ["预算编制", "目标设置", "绩效指标明确性", "3", "2.5", "部分指标未细化量化"],
        ["预算管理", "资产管理", "资产管理安全性", "10", "10", "账实相符"],
    ]
    flat = _sheet(tmp_path, rows)
    assert flat["indicators.1.deviation_reason"] == "部分指标未细化量化"
    assert "indicators.2.deviation_reason" not in flat


def test_the_national_frame_with_a_points_column_per_level(tmp_path):
    """财预〔2013〕53号's frame: 一级指标 | 分值 | 二级指标 | 分值 | 三级指标 | 分值 | … | 得分, its
    预算完成率 (预算完成数 / 预算数) the execution rate's row, the 合计 row's points under the 一级
    column only."""
    rows = [
        ["一级指标", "分值", "二级指标", "分值", "三级指标", "分值", "评价标准", "得分"],
        ["投入", "10", "预算配置", "10", "在职人员控制率", "10", "≦100%计10分", "10"],
        ["过程", "90", "预算执行", "90", "预算完成率", "20", "100%计满分，每低于5%扣2分", "18"],
        ["过程", "90", "预算执行", "90", "预算控制率", "70", "计70分", "64.5"],
        ["合计", "100", "", "", "", "", "", "92.5"],
    ]
    flat = _sheet(tmp_path, rows)
    assert (flat["budget.execution_weight"], flat["budget.execution_score"]) == (Decimal(20), Decimal(18))
    assert [flat[f"indicators.{n}.name"] for n in (1, 2)] == ["在职人员控制率", "预算控制率"]
    assert "indicators.3.name" not in flat
    assert flat["evaluation.total_score"] == Decimal("92.5") and "evaluation.total_weight" not in flat
    over = _sheet(tmp_path, [*rows[:-1], ["合计", "100", "", "", "", "", "", "192.5"]])
    assert "evaluation.total_score" not in over  # more than a report's 100 points: no total
