"""A department's units counted and named in prose ('直属事业单位10个,即A、B、…'), held against each
other by count.list (extractor/fields/units_listed.py)."""

from __future__ import annotations

from extractor.fields.units_listed import _names
from tests.test_prose_unseen import flat_of

HEAD = "南县财政局2020年度机关整体支出绩效评价报告\n一、单位基本概况\n"


def test_units_named_after_their_count():
    units = "南县财政局机关本级、南县财政事务中心和南县国库集中支付中心"
    flat = flat_of(HEAD + f"纳入部门预算编制范围的单位有3个,分别为{units}。\n")
    assert flat["org.units_count"] == 3
    assert flat["org.units"] == ["南县财政局机关本级", "南县财政事务中心", "南县国库集中支付中心"]
    assert "count.list" not in [v for k, v in flat.items() if k.endswith(".rule")]


def test_fewer_units_named_than_counted_is_a_count_list_error():
    flat = flat_of(HEAD + "直属事业单位3个,即县国库集中支付中心、县财政信息中心。\n")
    rules = {flat[k]: flat[k.replace(".rule", ".severity")] for k in flat if k.endswith(".rule")}
    assert rules["count.list"] == "error"
    flat = flat_of(HEAD + "直属事业单位3个,即县国库集中支付中心、县财政信息中心等。\n")
    assert "count.list" not in [v for k, v in flat.items() if k.endswith(".rule")]  # 等: some named


def test_only_a_list_of_units_is_read():
    assert _names("设在连然、金方、八街等街道的市场监督管理所") is None  # places, not units
    assert _names("办公室、风险监测和综合减灾科") == ["办公室", "风险监测和综合减灾科"]  # one office's 和
