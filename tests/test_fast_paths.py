"""The shortcuts taken for speed give what the plain ways give (issue 17)."""

from __future__ import annotations

import itertools
import random

import pytest
import regex

from extractor.fields.labels import SCRAMBLED_MIN, NearWords, within_one_edit
from extractor.fields.mapper import vocab as mapper_vocab
from extractor.fields.stream.pieces import LABEL, labels_pattern
from extractor.normalize import _CHAR_MAP, fold, fold_char


def _levenshtein(a: str, b: str) -> int:
    row = list(range(len(b) + 1))
    for i, x in enumerate(a, 1):
        prev, row[0] = row[0], i
        for j, y in enumerate(b, 1):
            prev, row[j] = row[j], min(row[j] + 1, row[j - 1] + 1, prev + (x != y))
    return row[-1]


def test_one_edit_is_levenshtein_distance_at_most_one():
    words = ["".join(p) for n in range(6) for p in itertools.product("abc", repeat=n)]
    for a in words:
        for b in words:
            if abs(len(a) - len(b)) <= 2:
                assert within_one_edit(a, b) == (_levenshtein(a, b) <= 1), (a, b)


def test_one_edit_on_labels():
    assert within_one_edit("年初预匏数", "年初预算数")  # one replaced
    assert within_one_edit("全年执行数", "全年执数")  # one missing
    assert not within_one_edit("项目资金", "资金项目")


def test_near_words_index_finds_what_comparing_every_word_finds():
    words = [("年初预算数", "initial"), ("全年执行数", "executed"), ("全年预算数", "adjusted"), ("abcd", "x")]
    near = NearWords(words)

    def every_word(text: str) -> str | None:
        if len(text) < near.shortest:
            return None
        hits = {role for word, role in words if within_one_edit(text, word)}
        if not hits and len(text) >= SCRAMBLED_MIN:  # its letters out of order, or one more
            more = [text[:i] + text[i + 1 :] for i in range(len(text))] if len(text) > SCRAMBLED_MIN else []
            takes = [text, *more]
            hits = {
                r for w, r in words if len(w) >= SCRAMBLED_MIN and any(sorted(t) == sorted(w) for t in takes)
            }
        return hits.pop() if len(hits) == 1 else None

    assert near.role("年初预匏数") == "initial"  # one replaced
    assert near.role("年初算数") == "initial"  # one missing
    assert near.role("年初预算算数") == "initial"  # one extra
    assert near.role("全年预行数") is None  # one from two roles' words
    assert near.role("初年预数算") == "initial"  # its letters out of order (a merged cell read across)
    rng = random.Random(3)
    alphabet = "年初预算全执行数abcdx"
    for _ in range(5000):
        text = "".join(rng.choice(alphabet) for _ in range(rng.randint(3, 7)))
        assert near.role(text) == every_word(text), text


def test_fold_is_fold_char_of_each_character():
    assert fold("１２３．５％，ＡＢ") == "123.5%,AB"
    rng = random.Random(17)
    alphabet = [*_CHAR_MAP, *"绩效自评0123 ab\u200b"]
    for _ in range(5000):
        text = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 12)))
        assert fold(text) == "".join(map(fold_char, text))


@pytest.mark.parametrize(
    ("text", "vocabulary", "role"),
    [
        ("年初预算数", mapper_vocab.BUDGET_COLS, "initial"),
        ("年初预匏数", mapper_vocab.BUDGET_COLS, "initial"),  # one character wrong
        ("全年执 行数", mapper_vocab.BUDGET_COLS, "executed"),
        ("三级指标", mapper_vocab.IND_COLS, "name"),
        ("指标值", mapper_vocab.IND_COLS, "target"),
        ("项目名称:", mapper_vocab.KEYS, "project_name"),
        ("三级指标", mapper_vocab.BUDGET_COLS, None),
        ("乡村道路", mapper_vocab.IND_COLS, None),
        ("123", mapper_vocab.BUDGET_COLS, None),
    ],
)
def test_vocabulary_roles(text, vocabulary, role):
    assert vocabulary.role(text) == role
    assert vocabulary._role(text) == role  # uncached


def test_labels_found_by_re_as_by_regex():
    same = regex.compile(labels_pattern())  # (LABEL is re's, behind its first characters)
    lines = [
        "项目名称乡村道路养护项目主管部门交通局",
        "年初预算数 全年预算数 全年执行数",
        "原因分析:无。合计得分90分",
        "无表格的一行",
    ]
    for line in lines:
        assert LABEL.findall(line) == same.findall(line)
