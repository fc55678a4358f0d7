"""A department's assessment of its own performance management (issue 11, round-9 西藏 probe): a
预算绩效管理考核自评报告 is the department's whole (report.kind department_overall), its 考核自评表
(序号 | 考核指标 | 考核内容 | 分值 | 评分标准 | 自评得分 | 扣分原因) gives the scored rows, and the
prose's count of the projects it evaluated names no project and is not restated by a count of some."""

from __future__ import annotations

from extractor import check
from extractor.flat import flatten
from extractor.pipeline import extract_document
from extractor.read.text import text_document

REPORT = (
    "西藏自治区某某委员会2020年度预算绩效管理考核自评报告\n一、总体情况\n经自评，我委得分98分。"
    "年度终了，我委对全部24个项目开展了绩效自评，对执行进度偏慢的3个项目开展了约谈。\n附件\n"
    "| 序号 | 考核指标 | 考核内容 | 分值 | 评分标准 | 自评得分 | 扣分原因 |\n"
    "| 1 | 绩效基础工作（10分） | 组织保障 | 4 | 成立领导小组的得4分。 | 4 | |\n"
    "| 2 | | 制度建设 | 6 | 制定制度的得6分。 | 6 | |\n"
    "| 3 | 绩效目标管理（90分） | 目标编报质量 | 90 | 发现一项不合格扣0.5分。 | 88 | 部分指标细化量化不够 |\n"
    "| 合计 | | | 100 | | 98 | |\n"
)


def flat_of(text: str) -> dict:
    report = extract_document(text_document("t.txt", text))
    report.findings = check(report)
    return flatten(report)


def test_a_performance_management_assessment_is_the_departments() -> None:
    assert flat_of(REPORT)["report.kind"] == "department_overall"


def test_the_assessment_sheets_rows_are_its_indicators() -> None:
    flat = flat_of(REPORT)
    rows = [
        {k: flat.get(f"indicators.{n}.{k}") for k in ("name", "level1", "weight", "score")} for n in (1, 2, 3)
    ]
    assert rows == [
        {"name": "组织保障", "level1": "绩效基础工作", "weight": 4, "score": 4},
        {"name": "制度建设", "level1": "绩效基础工作", "weight": 6, "score": 6},
        {"name": "目标编报质量", "level1": "绩效目标管理", "weight": 90, "score": 88},
    ]
    assert flat["indicators.3.deviation_reason"] == "部分指标细化量化不够"
    assert (flat["evaluation.total_score"], flat["evaluation.total_weight"]) == (98, 100)


def test_a_count_of_projects_evaluated_names_none_and_some_of_them_restate_nothing() -> None:
    flat = flat_of(REPORT)
    assert "report.project_name" not in flat
    assert flat["budget.project.count"] == 24
    assert "cross.mention" not in {v for k, v in flat.items() if k.endswith(".rule")}
