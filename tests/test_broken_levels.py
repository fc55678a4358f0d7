"""A web table copied one line a row, its level cells broken before their 指标 ('经济效益' / '指标'):
the rows are read when each is whole on its line; a table whose other cells are broken too is not."""

from __future__ import annotations

from tests.test_prose_unseen import flat_of

HEAD = (
    "区级部门预算项目支出绩效自评表\n( 2019 年度)\n"
    "项目名称 免费开放经费 主管部门 某区文化和旅游局\n"
    "一级\n指标\n二级\n指标\n三级指标 预期指标值(A) 实际完成指标值(B) 分值 得分 未完成原因\n"
    "(50分)\n"
)
ROWS = (
    "数量指标 全年免费开放场次 300场 310场 20 20  \n"
    "-          \n"
    "质量指标 免费开放管理制度健全 100% 100% 15 15  \n"
    "-          \n"
    "经济效益\n指标\n"
    "承担重要公益服务项目 100% 95% 15 14 部分活动延期\n"
    "-          \n"
    "社会效益\n指标\n"
    "保障群众基本文化权益 100% 100% 10 10  \n"
)


def test_rows_under_level_names_broken_before_their_suffix():
    flat = flat_of(HEAD + ROWS)
    assert flat["indicators.1.name"] == "全年免费开放场次"
    assert flat["indicators.1.level2"] == "数量指标"
    assert (flat["indicators.1.target"], flat["indicators.1.actual"]) == (300, 310)
    assert flat["indicators.3.name"] == "承担重要公益服务项目"
    assert flat["indicators.3.level2"] == "经济效益指标"
    assert (flat["indicators.3.weight"], flat["indicators.3.score"]) == (15, 14)
    assert flat["indicators.4.level2"] == "社会效益指标"
    assert flat["indicators.4.score"] == 10
    assert "indicators.5.name" not in flat


def test_rows_not_read_when_a_row_is_broken_too():
    """A row's cells over two lines ('承担重要公益' / '服务项目 100% 95%' / '15 14'): the stream
    cannot tell its cells apart, so no indicator row of the table is read from it."""
    broken = ROWS.replace("承担重要公益服务项目 100% 95% 15 14", "承担重要公益\n服务项目 100%\n95% 15\n14")
    flat = flat_of(HEAD + broken)
    assert not any(k.startswith("indicators.") for k in flat)
