"""extractor.numbers: figures with units, converted exactly (Decimal), dates and years."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from extractor.flat import flatten
from extractor.models import NumberKind
from extractor.numbers import figures, parse_date, unreadable
from extractor.pipeline import extract_document
from extractor.read.text import text_document


def only(text: str):
    """The single figure read from text (fails when there are none or several)."""
    found = figures(text)
    assert len(found) == 1, [(text[f.start : f.end], f.number, f.unit) for f in found]
    return found[0]


# --------------------------------------------------------------------------- amounts


@pytest.mark.parametrize(
    "text, number, unit, value, decimals, scale",
    [
        ("4406.09万元", "4406.09", "万元", "44060900.00", 2, 10000),
        ("89.974万元", "89.974", "万元", "899740", 3, 10000),
        ("1.2亿元", "1.2", "亿元", "120000000", 1, 100000000),
        ("1,234.5元", "1234.5", "元", "1234.5", 1, 1),
        ("12.5千元", "12.5", "千元", "12500", 1, 1000),
        ("0万元", "0", "万元", "0", 0, 10000),
        ("3359.62万", "3359.62", "万", "33596200", 2, 10000),
    ],
)
def test_amounts_are_converted_exactly_to_yuan(text, number, unit, value, decimals, scale):
    f = only(text)
    assert f.kind == NumberKind.amount
    assert f.number == Decimal(number)
    assert f.unit == unit
    assert isinstance(f.value, Decimal)
    assert f.value == Decimal(value)
    assert f.decimals == decimals
    assert f.scale == Decimal(scale)
    assert (f.start, f.end) == (0, len(text))


def test_amount_value_keeps_the_printed_precision():
    f = only("4406.09万元")
    assert f.value == Decimal("44060900.00")
    assert str(f.value) == "44060900.00"  # not a float: no 44060899.99999999


def test_amount_with_thousands_separators():
    f = only("合计1,234,567.89元")
    assert f.number == Decimal("1234567.89")
    assert f.value == Decimal("1234567.89")
    assert f.decimals == 2


def test_wan_in_a_table_cell_is_an_amount():
    text = "| 基本支出 | 3359.62万 | 12 |"
    found = figures(text)
    assert [(f.number, f.unit, f.kind) for f in found] == [
        (Decimal("3359.62"), "万", NumberKind.amount),
        (Decimal("12"), "", NumberKind.number),
    ]
    assert found[0].value == Decimal("33596200")
    assert text[found[0].start : found[0].end] == "3359.62万"


@pytest.mark.parametrize(
    "text, value",
    [
        ("壹佰万元", "1000000"),
        ("一百二十万元", "1200000"),
        ("叁仟元", "3000"),
    ],
)
def test_chinese_numeral_amounts(text, value):
    f = only(text)
    assert f.kind == NumberKind.amount
    assert f.value == Decimal(value)
    assert (f.start, f.end) == (0, len(text))


def test_figures_in_a_sentence_with_offsets():
    text = "执行数为4248.11万元，预算执行率96.41%，得9.64分"
    found = figures(text)
    assert [text[f.start : f.end] for f in found] == ["4248.11万元", "96.41%", "9.64分"]
    assert [f.kind for f in found] == [NumberKind.amount, NumberKind.percent, NumberKind.score]
    assert [f.value for f in found] == [Decimal("42481100"), Decimal("96.41"), Decimal("9.64")]


def test_start_and_end_bound_the_search():
    text = "预算4406.09万元，执行4248.11万元"
    start = text.index("执行")
    found = figures(text, start)
    assert [f.number for f in found] == [Decimal("4248.11")]
    assert figures(text, 0, start) == figures(text[:start])


# --------------------------------------------------------------------------- percent, counts, scores


@pytest.mark.parametrize(
    "text, value, decimals",
    [("96.41%", "96.41", 2), ("100%", "100", 0), ("100.00%", "100.00", 2), ("161.8%", "161.8", 1)],
)
def test_percentages(text, value, decimals):
    f = only(text)
    assert f.kind == NumberKind.percent
    assert f.unit == "%"
    assert f.value == Decimal(value)
    assert f.decimals == decimals
    assert f.scale == 1


@pytest.mark.parametrize(
    "text, value, measure, scale",
    [
        ("19场", "19", "场", 1),
        ("531人次", "531", "人次", 1),
        ("83场次", "83", "场次", 1),
        ("122户", "122", "户", 1),
        ("7件", "7", "件", 1),
        ("684个", "684", "个", 1),
        ("11万人次", "110000", "人次", 10000),
    ],
)
def test_counts_with_measure_words(text, value, measure, scale):
    f = only(text)
    assert f.kind == NumberKind.count
    assert f.value == Decimal(value)
    assert f.measure == measure
    assert f.scale == Decimal(scale)
    assert f.decimals == 0


def test_ten_thousand_persons_is_a_count_not_an_amount():
    f = only("11万人次")
    assert f.kind == NumberKind.count
    assert f.number == Decimal("11")
    assert f.unit == "万人次"
    assert f.value == Decimal("110000")


def test_counts_in_a_sentence():
    text = "开展宣讲19场，覆盖531人次，共122户142人"
    found = figures(text)
    assert [(f.value, f.measure) for f in found] == [
        (Decimal("19"), "场"),
        (Decimal("531"), "人次"),
        (Decimal("122"), "户"),
        (Decimal("142"), "人"),
    ]


def test_measure_word_that_starts_a_noun_is_not_a_unit():
    f = only("8600000人员编制")
    assert f.unit == ""
    assert f.kind == NumberKind.number


@pytest.mark.parametrize("text, value", [("9.64分", "9.64"), ("19.77分", "19.77"), ("20分", "20")])
def test_scores(text, value):
    f = only(text)
    assert f.kind == NumberKind.score
    assert f.unit == "分"
    assert f.value == Decimal(value)


def test_bare_number():
    f = only("编号12345")
    assert f.kind == NumberKind.number
    assert f.value == Decimal("12345")


# --------------------------------------------------------------------------- dates and years


@pytest.mark.parametrize(
    "text, date",
    [
        ("2025年03月05日", dt.date(2025, 3, 5)),
        ("2025年3月5日", dt.date(2025, 3, 5)),
        ("2025 年 03 月 05 日", dt.date(2025, 3, 5)),
        ("2025-04-07", dt.date(2025, 4, 7)),
        ("2025/4/7", dt.date(2025, 4, 7)),
        ("2025.04.07", dt.date(2025, 4, 7)),
        ("填报时间：2025年03月05日", dt.date(2025, 3, 5)),
        ("２０２５年０３月０５日", dt.date(2025, 3, 5)),  # full-width digits, as some Word exports
        ("２０２５－０４－０７", dt.date(2025, 4, 7)),
    ],
)
def test_parse_date(text, date):
    assert parse_date(text) == date


@pytest.mark.parametrize("text", ["2025年2月30日", "2025-13-01", "没有日期", "2024年度"])
def test_parse_date_rejects_non_dates(text):
    assert parse_date(text) is None


def test_a_date_is_not_read_as_figures():
    assert figures("2025年03月05日") == []
    assert figures("2025-04-07") == []


@pytest.mark.parametrize("text", ["2024年", "2024年度", "2024 年度", "(2024年度)", "我单位2024年全年预算"])
def test_years_are_not_figures(text):
    assert figures(text) == []


def test_year_before_a_count_is_not_a_figure():
    found = figures("2024年本单位共有6个项目")
    assert [(f.value, f.measure) for f in found] == [(Decimal("6"), "个")]


# --------------------------------------------------------------------------- corrupted numbers


@pytest.mark.parametrize(
    "text",
    [
        "44O6.09万元",
        "4406.O9万元",
        "44o6.09万元",
        "44O6.09 万元",
        "4406.O9 万元",
        "O4406.09万元",
        "4406.0.9万元",
    ],
)
def test_corrupted_numbers_are_not_read_as_another_value(text):
    found = figures(text)
    wrong = {Decimal("44060900"), Decimal("60900"), Decimal("4406"), Decimal("6.09"), Decimal("44")}
    assert not [f for f in found if f.value in wrong or f.number in wrong], found
    assert found == []


def test_corrupted_number_next_to_a_good_one():
    found = figures("预算44O6.09万元，执行4248.11万元")
    assert [f.value for f in found] == [Decimal("42481100")]


# Regressions found while writing these tests: a year never becomes a count, an
# impossible date never swallows a figure, look-alike zeros never make a new number.
@pytest.mark.parametrize("text", ["截至2024年12月", "2024年1月至12月", "2024年12月底"])
def test_year_before_digits_is_not_a_figure(text: str) -> None:
    assert all(f.number != Decimal(2024) for f in figures(text))


@pytest.mark.parametrize(
    ("text", "number", "unit"),
    [("2024年96.41%", Decimal("96.41"), "%"), ("2024年12.5万元", Decimal("12.5"), "万元")],
)
def test_impossible_date_does_not_swallow_figure(text: str, number: Decimal, unit: str) -> None:
    assert [(f.number, f.unit) for f in figures(text)] == [(number, unit)]


@pytest.mark.parametrize("text", ["44〇6.09万元", "4406.〇9万元", "44О6.09万元", "44○6.09万元"])
def test_lookalike_zero_leaves_number_unread(text: str) -> None:
    assert figures(text) == []


@pytest.mark.parametrize(
    ("text", "number"), [("-5万元", Decimal("-5")), ("| 调整数 | -120.5 |", Decimal("-120.5"))]
)
def test_minus_sign_is_kept(text: str, number: Decimal) -> None:
    assert [f.number for f in figures(text)] == [number]


@pytest.mark.parametrize(
    ("text", "flagged"),
    [
        ("年初预算数为4406.O9万元", "4406.O9"),
        ("预算数为44O6.09万元", "44O6.09"),
        ("预算数为44〇6.09万元", "44〇6.09"),
        ("预算数为4406..09万元", "4406..09"),
        ("共1O86人", "1O86"),
    ],
)
def test_corrupted_figures_are_flagged_where_they_stand_and_not_read(text: str, flagged: str) -> None:
    (span,) = unreadable(text)
    assert text[span[0] : span[1]] == flagged
    assert all(f.number not in (Decimal("4406.09"), Decimal("1086")) for f in figures(text))


@pytest.mark.parametrize(
    "text", ["P1.5LED显示屏", "MM3商超", "5G基站", "A4纸", "COVID-19", "2024Oct", "第3l", "4406.09万元。"]
)
def test_digits_beside_letters_are_not_flagged(text: str) -> None:
    assert unreadable(text) == []


def test_full_width_figures_are_read_after_normalization() -> None:
    from extractor.models import Document
    from extractor.normalize import normalize

    norm = normalize(Document(path="t.txt", format="text", text="执行率９６.４１％，执行率96.41％"))
    assert [(f.number, f.unit) for f in figures(norm.text)] == [(Decimal("96.41"), "%")] * 2


@pytest.mark.parametrize(
    ("text", "read"),
    [
        ("预算执行率（B/A×100%）为96.41%", [Decimal("96.41")]),
        ("执行率(B/A*100%)", []),
        ("得分=执行率×10分，得9.5分", [Decimal("9.5")]),
        ("完成2×3米展板", [Decimal(2), Decimal(3)]),  # between digits: no formula of names
    ],
)
def test_the_constant_of_a_formula_is_no_figure(text, read):
    assert [f.number for f in figures(text)] == read


def test_a_rate_stated_after_its_formula_is_the_execution_rate():
    text = "2023年项目支出绩效自评表\n项目名称 某项目\n"
    text += "全年预算数100万元，执行数96.41万元，预算执行率（B/A×100%）为96.41%。\n"
    flat = flatten(extract_document(text_document("t.txt", text)))
    assert flat["budget.execution_rate"] == Decimal("96.41")
    assert flat["budget.executed"] == Decimal(964100)


def test_figures_skips_no_scan_a_figure_needs() -> None:
    """The scans figures() leaves out where a sentence lacks what their matches need (19/20, 元, a
    measure word, a formula's operator) still run where it is only before the sentence: a formula's
    constant after a line break is no figure, and Chinese counts and amounts are read."""
    text = "执行率=B/A×\n100%，资金2024年12月31日拨付"
    assert figures(text, text.index("\n") + 1) == []
    found = [(f.start, f.number, f.unit) for f in figures("共三个项目，壹佰元，无年份")]
    assert found == [(1, Decimal(3), "个"), (6, Decimal(100), "元")]
