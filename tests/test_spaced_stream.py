"""A form's text as a PDF gives it, every cell and every line break inside a cell a single space: a
space that puts a dictionary word across it is inside a cell ('受目的国受 众欢迎显著'), and words no
reading gives a column before a row's name ('支持服务贸易、服务外' before '包企业数量 3 3 10')
end the rows read (the name is half of one: the rows from there are not sure)."""

from __future__ import annotations

from decimal import Decimal

from test_prose_unseen import flat_of

FORM = (
    "2020 年市级服务贸易发展资金项目自评表 单位名称:区商务局 项目名称 2020 年市级服务贸易发展资金 "
    "主管部门 区商务局 三级指标 年初目标值 (A) 实际完成值 (B) 得分 服务外包在岸(万美元) 20000 "
    "23333.56 10 企业国际质量提升 获得目的国受 众欢迎 受目的国受 众欢迎显著 10 支持服务贸易、服务外 "
    "包企业数量 3 3 10 资金拨付及时性 98%以上 100% 10 总分 100\n"
)


def _flat() -> dict:
    return flat_of(FORM)


def test_a_space_inside_a_word_is_inside_its_cell() -> None:
    flat = _flat()
    assert flat["indicators.2.name"] == "企业国际质量提升"
    assert flat["indicators.2.target"] == "获得目的国受众欢迎"
    assert flat["indicators.2.actual"] == "受目的国受众欢迎显著"
    assert flat["indicators.2.score"] == Decimal("10")


def test_words_without_a_column_before_a_name_end_the_rows() -> None:
    flat = _flat()
    assert flat["indicators.1.actual"] == Decimal("23333.56")
    assert not any(k.startswith("indicators.3.") for k in flat)
