"""A template's own 一级 name over the national ones (a 中央预算内投资 form: 实施效果指标 over
产出指标 and 效益指标, which are then its 二级), in a table copied one cell a line."""

from __future__ import annotations

from tests.test_prose_unseen import flat_of

FORM = (
    "2022年某某项目绩效目标表\n"
    "绩 效 指 标 |\n一级指标 |\n二级指标 |\n三级指标 |\n指标值 | |\n"
    "实施效果指标 |\n产出指标 |\n建设项目个数 |\n2 | ||\n竣工验收合格率 |\n100% | ||||\n"
    "效益指标 |\n综合利用率 |\n≥90% | |||\n"
)


def test_own_level1_over_national_level_names():
    flat = flat_of(FORM)
    assert flat["indicators.1.name"] == "建设项目个数"
    assert (flat["indicators.1.level1"], flat["indicators.1.level2"]) == ("实施效果指标", "产出指标")
    assert flat["indicators.1.target"] == 2
    assert (flat["indicators.2.level1"], flat["indicators.2.level2"]) == ("实施效果指标", "产出指标")
    assert flat["indicators.3.name"] == "综合利用率"
    assert (flat["indicators.3.level1"], flat["indicators.3.level2"]) == ("实施效果指标", "效益指标")
    assert (flat["indicators.3.target_op"], flat["indicators.3.target"]) == (">=", 90)


def test_national_level1_names_stay_level1():
    flat = flat_of(FORM.replace("实施效果指标 |\n", ""))
    assert (flat["indicators.1.level1"], flat.get("indicators.1.level2")) == ("产出指标", None)
    assert flat["indicators.3.level1"] == "效益指标"
