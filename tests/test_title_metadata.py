"""Page metadata whose value is a date or a name glued before the title's unit (issue 11, point 7,
point 2): a date field's value ends where the date does; a name field's value cannot be told from the
unit's name, so the title then names no unit read (a wrong unit is worse than a missing one)."""

from __future__ import annotations

import pytest
from test_prose_unseen import TITLE, flat_of

BODY = "\n一、部门概况\n我局全年预算数600万元，实际支出580万元。\n"


DATES = [
    "发布日期：2023-05-06",
    "发布日期:2023年5月6日",
    "发布时间：2024-03-05 10:21",
    "成文日期：2023.05.06",
]
NAMES = ["发布机构：某某县财政局", "发布机构:县水利局", "来源：某某县人民政府", "信息来源：某某县水利局"]
CASES = [
    (d, "某某县水利局") for d in [*DATES, "发文日期：2023/5/6", "发布机构：某某县财政局发布日期：2023-05-06"]
]


@pytest.mark.parametrize(("glued", "unit"), CASES + [(n, None) for n in [*NAMES, "发文机关：某某县水利局 "]])
def test_a_date_field_is_left_off_the_unit_a_name_field_leaves_it_out(glued: str, unit: str | None) -> None:
    flat = flat_of(glued + TITLE + BODY)
    assert flat.get("report.unit_name") == unit
    assert (flat["report.fiscal_year"], flat["budget.adjusted"]) == (2023, 6000000)


def test_a_unit_named_in_its_own_field_is_read_beside_a_name_field() -> None:
    flat = flat_of("发布机构：某某县财政局" + TITLE + "\n单位名称：某某县水利局" + BODY)
    assert flat["report.unit_name"] == "某某县水利局"
