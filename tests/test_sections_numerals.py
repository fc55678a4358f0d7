"""Chinese-numeral headings of any size: 一百零一、 and （一百二十） open sections like 一、 and （一）."""

from __future__ import annotations

import pytest

from extractor.models import Document
from extractor.normalize import normalize
from extractor.sections import heading_at, split_sections, walk

DIGITS = "零一二三四五六七八九"


def chinese(n: int) -> str:
    """1 -> 一, 10 -> 十, 101 -> 一百零一, 120 -> 一百二十, 1005 -> 一千零五 (the usual written form)."""
    if n < 10:
        return DIGITS[n]
    if n < 20:
        return "十" + (DIGITS[n % 10] if n % 10 else "")
    out, zero = "", False
    for value, unit in ((1000, "千"), (100, "百"), (10, "十"), (1, "")):
        digit = n // value % 10
        if digit:
            out += ("零" if zero and out else "") + DIGITS[digit] + unit
            zero = False
        elif out:
            zero = True
    return out


def sections(text: str):
    norm = normalize(Document(path="t.txt", format="text", text=text))
    return list(walk(split_sections(norm)))


@pytest.mark.parametrize(
    "line, marker, depth, title",
    [
        ("一百零一、绩效目标", "一百零一、", 1, "绩效目标"),
        ("九十九、总体评价", "九十九、", 1, "总体评价"),
        ("一百二十、存在问题", "一百二十、", 1, "存在问题"),
        ("三千零五十.其他", "三千零五十.", 1, "其他"),
        ("(一百二十)资金管理", "(一百二十)", 2, "资金管理"),
        ("（二百）项目实施", "(二百)", 2, "项目实施"),
        ("(一千零一)、产出", "(一千零一)、", 2, "产出"),
    ],
)
def test_large_numeral_headings(line, marker, depth, title):
    norm = normalize(Document(path="t.txt", format="text", text=line))
    assert heading_at(norm.text) == (marker, depth, title)


@pytest.mark.parametrize(
    "line", ["一百名群众参加培训。", "百分之九十五、", "一百 名群众", "千方百计、保障民生"]
)
def test_numerals_that_open_no_heading(line):
    assert heading_at(line) is None


def test_chinese_numbers_as_written():
    written = {1: "一", 10: "十", 11: "十一", 20: "二十", 99: "九十九", 100: "一百", 101: "一百零一"}
    written |= {110: "一百一十", 120: "一百二十", 999: "九百九十九", 1005: "一千零五"}
    assert {n: chinese(n) for n in written} == written


def test_a_report_with_500_numbered_indicators_has_500_sections():
    body = "\n".join(f"（{chinese(n)}）指标{n}完成情况\n本项指标已完成。" for n in range(1, 501))
    found = sections("一、绩效指标完成情况\n" + body)
    numbered = [s for s in found if s.level == 2]
    assert len(numbered) == 500
    assert numbered[100].number == "(一百零一)" and numbered[100].title == "指标101完成情况"
    assert numbered[-1].number == "(五百)"


def test_a_report_with_150_top_level_headings():
    body = "\n".join(f"{chinese(n)}、第{n}部分\n正文。" for n in range(1, 151))
    top = [s for s in sections(body) if s.level == 1]
    assert [s.number for s in top[98:102]] == ["九十九、", "一百、", "一百零一、", "一百零二、"]
    assert len(top) == 150
