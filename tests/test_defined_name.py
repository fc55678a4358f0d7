"""The unit a report names with the short name it then uses (extractor/fields/defined.py): read
when the short name is the report's own or the title block's, after the clause's leading words."""

from __future__ import annotations

import pytest
from test_prose_unseen import TITLE, flat_of

UNTITLED = "2023年度部门整体支出绩效自评报告\n一、部门概况\n"


@pytest.mark.parametrize(
    "sentence",
    [
        "根据有关要求，某某县自然资源局（以下简称“我局”）对2023年度部门整体支出开展了自评。",
        "某某县自然资源局(以下简称我局)是县政府工作部门。",
        "我们承担了某某县自然资源局（以下简称“本局”）2023年度部门整体支出绩效评价工作。",
    ],
)
def test_a_unit_defined_as_the_reports_own_short_name(sentence: str) -> None:
    assert flat_of(UNTITLED + sentence + "\n")["report.unit_name"] == "某某县自然资源局"


def test_a_unit_defined_by_the_short_name_the_title_uses() -> None:
    text = (
        "- 信息索取号:000014349/2024-00041\n2023年某某区发改委部门整体支出报告\n关联导读:\n"
        "2023年度部门整体支出绩效评价报告\n一、部门概况\n"
        "我们作为第三方绩效评价中介机构，承担了某某市某某区发展和改革委员会（以下简称“区发改委”）"
        "2023年度部门整体支出绩效评价工作。\n"
    )
    assert flat_of(text)["report.unit_name"] == "某某市某某区发展和改革委员会"


def test_another_organisations_short_name_names_no_unit() -> None:
    text = UNTITLED + "某某市财政局（以下简称“市财政局”）下达资金120万元。\n"
    assert "report.unit_name" not in flat_of(text)


def test_the_title_names_the_unit_before_a_definition_does() -> None:
    text = TITLE + "\n一、部门概况\n某某县防汛抗旱指挥部办公室（以下简称“我办”）。\n"
    assert flat_of(text)["report.unit_name"] == "某某县水利局"  # TITLE's unit
