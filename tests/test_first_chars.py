"""extractor.first_chars: the characters a match can begin with, and the guard built from them."""

from __future__ import annotations

import re

from extractor.fields.stream.pieces import LABEL, labels_pattern
from extractor.first_chars import first_chars, guarded


def test_first_chars_of_words_groups_classes_and_repeats() -> None:
    assert first_chars(r"(?:填表人|联系人):.+|全年\(.{0,4}\)预算数") == frozenset("填联全")
    assert first_chars(r"[a-c]x|(?P<n>d)") == frozenset("abcd")
    assert first_chars(r"e+f|g{2}") == frozenset("eg")


def test_first_chars_unknown_where_a_match_may_start_anywhere() -> None:
    assert first_chars(r"a|b?c") is None  # an optional first item
    assert first_chars(r"a|\dy") is None  # a category
    assert first_chars(r"[^a]b") is None  # a negated class
    assert first_chars(r"(?i)ab") is None  # a flag
    assert first_chars(r"a|") is None  # an empty alternative
    assert first_chars(r"\p{Han}") is None  # regex's own syntax
    assert guarded(r"a|b?c") == r"a|b?c"


def test_guarded_pattern_finds_the_same_matches() -> None:
    assert guarded("ab|c-d") == r"(?=[ac])(?:ab|c-d)"
    plain = re.compile(labels_pattern())
    assert LABEL.pattern == guarded(labels_pattern()) != labels_pattern()
    lines = [
        "项目名称乡村道路养护项目实施单位某某县交通局",
        "年初预算数 100 全年预算数 120 全年执行数 118",
        "本年度共开展绩效自评，自评得分90分",
        "注:表中数据为全年实际执行数",
        "",
    ]
    for line in lines:
        assert [m.span() for m in LABEL.finditer(line)] == [m.span() for m in plain.finditer(line)]
    assert len(LABEL.findall(lines[0])) == 2
