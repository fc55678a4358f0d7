"""Prose classes of unseen reports, third round (issue 11, point 7; probes fj-fuqing, ln-dadong,
sd-licheng): a grade after 等次, the staff total after 编制总数, and a 中央 fund beside a fund of a
level in between (省级资金): no figure of the superior money, unless the sentence says they are its
parts (extractor/fields/superior.py)."""

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
    for text in (
        "中央补助资金520.00万元，省级资金180.00万元。",  # no frame says they are all of it
        # a whole the parts do not add up to (520 + 180 + 150 = 850)
        "本项目资金总额900.00万元，其中中央补助资金520.00万元，省级资金180.00万元，区级配套资金150.00万元。",
        # the other part is no money of the unit's own: 社会资金 could be anything
        "本项目资金总额850万元，其中中央补助资金520万元，省级资金180万元，社会资金150万元。",
    ):
        assert "budget.source.superior" not in flat_of(HEAD + text + "\n"), text


def test_the_levels_of_a_whole_they_add_up_to_beside_the_units_own_are_the_superior_money() -> None:
    text = (
        "本项目资金总额850.00万元，其中中央补助资金520.00万元，省级资金180.00万元，区级配套资金150.00万元。\n"
    )
    flat = flat_of(HEAD + text)
    assert (flat["budget.source.superior"], flat["budget.source.own"]) == (7000000, 1500000)


@pytest.mark.parametrize(
    ("text", "superior"),
    [
        ("本项目年初预算162.00万元，其中：省级财政补助资金100.00万元，县级财政配套资金62.00万元。", 1000000),
        ("本项目年初预算162万元，其中省级资金100万元，市级资金20万元，县级配套资金42万元。", 1200000),
        ("本项目年初预算162.00万元，其中：省级财政补助资金100.00万元，县级财政配套资金52.00万元。", None),
        ("本项目年初预算162.00万元，其中：省级财政补助资金100.00万元，州级补助资金62.00万元。", None),
    ],
)
def test_funds_of_levels_in_between_beside_the_units_own_are_the_superior_money(
    text: str, superior: int | None
) -> None:
    """With no fund of the centre: the levels in between (省级, 市级) of an initial budget they and
    the unit's own money (县级配套) add up to; not where the parts miss the whole (100 + 52 ≠ 162)
    or where no part is the unit's own (省级 + 州级: whose level is own is not said)."""
    assert flat_of(HEAD + text + "\n").get("budget.source.superior") == superior


@pytest.mark.parametrize(
    ("sentence", "superior"),
    [
        ("上级资金包括中央资金520万元、省级资金180万元。", 7000000),
        ("争取上级资金，其中中央资金520万元、省级资金180万元，县级配套资金150万元。", 7000000),
        ("上级补助资金分别为中央资金52.5万元、省级资金18万元。", 705000),
        ("上级资金包括省级资金180万元、市级资金100万元。", 2800000),  # no 中央 part, still framed
        ("上级资金700万元，其中中央资金520万元、省级资金180万元。", 7000000),  # the whole itself
        # a banner's: the region's level 自治区, its own money 旗级配套资金
        ("资金总额1,200万元，其中中央财政资金800万元、自治区资金300万元、旗级配套资金100万元。", 11000000),
    ],
)
def test_superior_money_framed_as_its_parts_is_their_sum(sentence: str, superior: int) -> None:
    assert flat_of(HEAD + sentence + "\n")["budget.source.superior"] == superior


@pytest.mark.parametrize(
    "sentence",
    [
        "上级补助资金分别为中央资金520万元、省级资金180万元、专项债100万元。",  # a part of no level
        "上级资金包括中央资金520万元、省级资金180万元等。",  # 等: more parts than listed
        "上级资金包括中央资金520万元；省级资金180万元；债券资金100万元。",
    ],
)
def test_a_framed_list_left_open_is_not_summed(sentence: str) -> None:
    assert "budget.source.superior" not in flat_of(HEAD + sentence + "\n")


def test_a_central_fund_beside_the_units_own_is_the_superior_money() -> None:
    flat = flat_of(HEAD + "其中中央财政资金30.9万元，县财政配套资金30.9万元。\n")
    assert (flat["budget.source.superior"], flat["budget.source.own"]) == (309000, 309000)
