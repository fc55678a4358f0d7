"""Prose classes of unseen reports, third round (issue 11, point 7; probes fj-fuqing, ln-dadong,
sd-licheng): a grade after 等次, the staff total after 编制总数, and a 中央 fund beside a fund of a
level in between (省级资金) that is no figure of the superior money."""

from __future__ import annotations

import pytest
from test_prose_unseen import TITLE, flat_of

HEAD = TITLE + "\n一、部门概况\n"


@pytest.mark.parametrize(
    ("sentence", "grade"), [("评价等次为“优”。", "优"), ("考核等次：良。", "良"), ("等次为良好", "良")]
)
def test_a_grade_after_dengci(sentence: str, grade: str) -> None:
    flat = flat_of(HEAD + "本部门整体支出绩效自评总得分85分，" + sentence + "\n")
    assert (flat["evaluation.total_score"], flat["evaluation.grade"]) == (85, grade)


def test_the_staff_total_after_bianzhi_zongshu_and_not_its_parts() -> None:
    flat = flat_of(HEAD + "本部门编制总数35人，其中行政编制20人、事业编制15人。\n")
    assert (flat["staff.authorized"], flat["staff.administrative"], flat["staff.institutional"]) == (
        35,
        20,
        15,
    )
    flat = flat_of(HEAD + "本部门行政编制总数20人。\n")
    assert "staff.authorized" not in flat


def test_a_central_fund_beside_a_provincial_one_is_not_the_superior_money() -> None:
    text = (
        "本项目资金总额850.00万元，其中中央补助资金520.00万元，省级资金180.00万元，区级配套资金150.00万元。\n"
    )
    flat = flat_of(HEAD + text)
    assert "budget.source.superior" not in flat
    assert flat["budget.source.own"] == 1500000


def test_a_central_fund_beside_the_units_own_is_the_superior_money() -> None:
    flat = flat_of(HEAD + "其中中央财政资金30.9万元，县财政配套资金30.9万元。\n")
    assert (flat["budget.source.superior"], flat["budget.source.own"]) == (309000, 309000)
