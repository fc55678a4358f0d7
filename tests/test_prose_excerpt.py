"""A page that starts inside a report's indicator analysis, with no title: its prose indicators are
read (kind 'unknown'), a quoted target too, and a line written as an indicator keeps its number
though its figures are not read. A figure 'about' (约12000平方米) is read as stated, in prose and in a
cell alike, and is no narrative count to cross-check."""

from __future__ import annotations

from decimal import Decimal

from extractor.fields.cells import figure
from tests.test_prose_unseen import flat_of

EXCERPT = (
    "(三)绩效指标完成情况分析。\n"
    "建设占地面积:指标值为“约12000平方米”,全年实际完成值约20000平方米;\n"
    "项目竣工验收合格率:指标值为“100%”,全年实际完成值为0,因项目尚在建设工期内;\n"
    "设施质量合格率:指标值为“100%”,采购的设施均为合格产品,完成值为100%;\n"
)


def test_a_titleless_excerpt_of_prose_indicators_is_read():
    flat = flat_of(EXCERPT)
    assert flat["report.kind"] == "unknown"
    assert flat["indicators.1.name"] == "建设占地面积"  # its figures 'about' a value, read as stated
    assert (flat["indicators.1.target"], flat["indicators.1.unit"], flat["indicators.1.actual"]) == (
        12000,
        "平方米",
        20000,
    )
    assert flat["indicators.2.name"] == "项目竣工验收合格率"
    assert (flat["indicators.2.target_op"], flat["indicators.2.target"]) == ("=", 100)  # in quotes
    assert (flat["indicators.2.unit"], flat["indicators.2.actual"]) == ("%", 0)
    assert flat["indicators.2.deviation_reason"] == "因项目尚在建设工期内"  # a clause after the actual
    assert "indicators.3.deviation_reason" not in flat
    assert (flat["indicators.3.name"], flat["indicators.3.actual"]) == ("设施质量合格率", 100)


def test_a_figure_about_in_prose_is_no_count_to_cross_check():
    prose = "(二)总体目标完成情况。建成后为占地面积约20万平方米的海滨公园一座。\n"
    flat = flat_of(prose + EXCERPT)
    assert flat["indicators.1.actual"] == 20000
    assert not any(v == "cross.mention" for k, v in flat.items() if k.endswith(".rule"))
    flat = flat_of(prose.replace("约20万", "20万") + EXCERPT)  # stated as exact, it is held against 20000
    assert "cross.mention" in [v for k, v in flat.items() if k.endswith(".rule")]


def test_one_such_line_is_no_excerpt():
    flat = flat_of(EXCERPT.split("\n", 2)[0] + "\n" + EXCERPT.split("\n")[2] + "\n")
    assert flat == {"report.kind": "unknown"}


def test_a_cell_about_a_figure_is_the_figure():
    fig = figure("约12000平方米")
    assert fig is not None and (fig.op, fig.number, fig.unit) == ("", Decimal("12000"), "平方米")
    fig = figure("≥约5次")
    assert fig is not None and (fig.op, fig.number, fig.unit) == (">=", Decimal("5"), "次")
