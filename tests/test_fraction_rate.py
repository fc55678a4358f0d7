"""A budget row's 执行率 printed as a fraction (0.958 for 95.8%) is told from a percent by the
row's own amounts (fields/fraction.py), in a Word table as read end to end."""

from __future__ import annotations

from decimal import Decimal

import docx

from extractor import extract
from extractor.fields.cells import figure
from extractor.fields.fraction import read_rate
from extractor.flat import flatten
from extractor.models import NumberKind, Value


def _amount(wan: str) -> Value:
    d = Decimal(wan)
    places = -d.as_tuple().exponent if d.as_tuple().exponent < 0 else 0
    kind = NumberKind.amount
    return Value(value=d * 10000, raw=f"{wan}万元", kind=kind, unit="万元", decimals=places, scale=10000)


def _rate(raw: str) -> Value:
    d = Decimal(raw.rstrip("%"))
    places = -d.as_tuple().exponent if d.as_tuple().exponent < 0 else 0
    return Value(value=d, raw=raw, kind=NumberKind.percent, unit="%", decimals=places)


def test_a_fraction_the_amounts_give_is_read_as_its_percent():
    got = read_rate(_rate("0.958"), _amount("27.8"), _amount("29"))
    assert (got.value, got.decimals, got.raw) == (Decimal("95.800"), 1, "0.958")


def test_a_small_percent_the_amounts_give_stays_a_percent():
    got = read_rate(_rate("0.958"), _amount("0.958"), _amount("100"))
    assert got.value == Decimal("0.958")


def test_a_rate_with_its_percent_sign_or_too_few_places_stays():
    assert read_rate(_rate("0.96%"), _amount("96"), _amount("100")).value == Decimal("0.96")
    assert read_rate(_rate("1"), _amount("100"), _amount("100")).value == Decimal("1")
    assert read_rate(_rate("0.9"), _amount("90"), _amount("100")).value == Decimal("0.9")


def test_no_amounts_no_reading():
    assert read_rate(_rate("0.958"), None, _amount("29")).value == Decimal("0.958")


def test_word_table_with_a_fraction_rate(tmp_path):
    document = docx.Document()
    document.add_paragraph("某县图书馆2023年度阅读推广项目绩效自评表")
    rows = [
        ["项目资金（万元）", "年初预算数", "全年预算数", "全年执行数", "分值", "执行率", "得分"],
        ["年度资金总额", "120.5", "120.5", "118.26", "10", "0.9814", "9.81"],
    ]
    table = document.add_table(rows=2, cols=7)
    for r, row in enumerate(rows):
        for c, text in enumerate(row):
            table.cell(r, c).text = text
    path = tmp_path / "fraction.docx"
    document.save(str(path))
    flat = flatten(extract(path))
    assert flat["budget.execution_rate"] == Decimal("98.14")
    assert flat["budget.executed"] == Decimal("1182600")
    assert not [k for k, v in flat.items() if k.endswith(".rule") and v == "ratio.execution_rate"]


def test_small_equals_sign_is_an_operator():
    fig = figure("﹦100")
    assert fig is not None and (fig.op, fig.number) == ("=", Decimal("100"))
