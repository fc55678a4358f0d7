"""What a cell's text is in the vocabulary of patterns/tables.toml and patterns/budget_table.toml.

One entry point, ``role(text)``: a column header ("col:executed"), a row label ("funds", "key",
"label", "level1", "level2"), a group header, a goal column, or None; beside it the small
classifiers every reading shares (a figure, a score cell, a corner word, a level's short name).
"""

from __future__ import annotations

import unicodedata
from functools import lru_cache

import regex

import patterns
from extractor.fields import labels
from extractor.read import wrapped

LABEL_CHARS = 40
CORNER_CHARS = 4
WS = regex.compile(r"\s+")
DIGIT = regex.compile(r"\d")
FIGURE = regex.compile(r"^[-+]?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?%?$")

# Roles of a cell's text. "col:*" are column headers; the rest label rows.
LEVEL1, LEVEL2 = "level1", "level2"
STARTERS = {"key", "label", "funds", LEVEL1, LEVEL2}


def _alternatives(words: list[str]) -> str:
    return "|".join(f"(?:{w})" for w in words)


@lru_cache(maxsize=1)
def _role_words() -> list[tuple[str, list[str]]]:
    """Each role with its words (regular expressions; a level's without its weight note)."""
    tables = patterns.load("tables")
    budget_table = patterns.load("budget_table")
    levels = tables["indicator"]["levels"]
    out: list[tuple[str, list[str]]] = []
    for role, words in tables["budget"]["columns"].items():
        out.append((f"col:{role}", words))
    for role, words in tables["indicator"]["columns"].items():
        if role != "group":
            out.append((f"col:{role}", words))
    out.append(("col:budget_table", [w.strip("^$") for w in budget_table["columns"].values()]))
    out.append(("funds", [w for words in tables["budget"]["rows"].values() for w in words]))
    out.append(("funds", [w.strip("^$") for w in budget_table["rows"].values()]))
    both = set(levels["level1"]) & set(levels["level2"])
    out.append((LEVEL1, [w for w in levels["level1"] if w not in both]))
    out.append((LEVEL2, [w + levels["level2_tail"] for w in levels["level2"]]))
    out.append(("key", [w for words in tables["key"].values() for w in words] + tables["recover"]["keys"]))
    blocks = tables["blocks"]
    out.append(("label", blocks["end_budget"] + blocks["end_indicators"] + blocks["total"]))
    out.append(("group", blocks["budget_group"] + tables["indicator"]["columns"]["group"]))
    out.append(("group", tables["recover"]["groups"]))
    out.append(("goal", tables["recover"]["goal_columns"]))
    return out


@lru_cache(maxsize=1)
def _roles() -> list[tuple[str, regex.Pattern[str]]]:
    tables = patterns.load("tables")
    tail = tables["label_tail"]
    note = tables["indicator"]["levels"]["weight_note"]
    compiled = []
    for role, words in _role_words():
        suffix = f"(?:{note})?{tail}" if role in (LEVEL1, LEVEL2) else tail
        compiled.append((role, regex.compile(f"(?:{_alternatives(words)}){suffix}")))
    return compiled


@lru_cache(maxsize=1)
def any_role() -> regex.Pattern[str]:
    """Every role's pattern joined: a text that is no role's word is known so in one call."""
    return regex.compile("|".join(f"(?:{p.pattern})" for _, p in _roles()))


@lru_cache(maxsize=16384)
def compacted(text: str) -> str:
    """The text NFKC-folded, without whitespace, ``：`` as ``:`` (memoized: cells repeat)."""
    return WS.sub("", unicodedata.normalize("NFKC", text)).replace("：", ":")


@lru_cache(maxsize=4096)
def role(text: str) -> str | None:
    """What a cell's text is in the vocabulary: a column header ("col:executed"), a row label
    ("funds", "key", "label", "level1", "level2"), a group header, a goal column, or None. A cell
    of four characters or more that is no word as written matches a word one character wrong,
    missing or extra (``fields/labels.py``: '年初预箅数'), where only one role's words are so near."""
    compact = compacted(text)
    if not compact or len(compact) > LABEL_CHARS:
        return None
    return exact_role(text) if any_role().fullmatch(compact) else near_role(compact)


@lru_cache(maxsize=4096)
def exact_role(text: str) -> str | None:
    """The role of a word of the vocabulary as written: pieces are joined into one cell only so
    (a label and the cell after it, '偏差原因分析及改进措施' / '优', are not one word one character long)."""
    compact = compacted(text)
    if not compact or len(compact) > LABEL_CHARS or not any_role().fullmatch(compact):
        return None
    for name, pattern in _roles():
        if pattern.fullmatch(compact):
            return name
    return None


def near_role(compact: str) -> str | None:
    """The one role with a word (four characters or more, no pattern) one edit from the text; never
    for a text holding a digit (a figure is no label)."""
    return _near_words().role(compact)


@lru_cache(maxsize=1)
def _near_words() -> labels.NearWords:
    """The words matched with tolerance: a level's name is not (质量达标, a value, is one character
    from 质量指标)."""
    return labels.NearWords(
        [(w, name) for name, words in _role_words() if name not in (LEVEL1, LEVEL2) for w in words]
    )


def is_column(text: str) -> bool:
    r = role(text)
    return r is not None and r.startswith("col:")


NAMING_ROLES = frozenset({"col:name", "col:level1", "col:level2"})
VALUE_ROLES = frozenset({"col:target", "col:actual"})


def names_group(cell: str, columns: list[str]) -> bool:
    """An indicator group word (绩效指标) heading the name column itself: the header columns after
    it are values (指标值 | 实际完成值 …) and none is a name or level column (a table without levels)."""
    roles = {role(c) for c in columns}
    return compacted(cell) in group_words() and not roles & NAMING_ROLES and bool(roles & VALUE_ROLES)


@lru_cache(maxsize=1)
def group_words() -> frozenset[str]:
    return frozenset(patterns.load("tables")["indicator"]["columns"]["group"])


@lru_cache(maxsize=1)
def of_which() -> regex.Pattern[str]:
    return regex.compile(patterns.load("budget_table")["of_which"])


def is_figure(text: str) -> bool:
    """A plain figure (12, 1,200.50, -3, 95%)."""
    return bool(FIGURE.match(compacted(text)))


def role_prefix(text: str) -> bool:
    """Whether the text is the beginning of a word of the vocabulary ('一级指', '年初预')."""
    compact = compacted(text)
    return bool(compact) and any_role().fullmatch(compact, partial=True) is not None


@lru_cache(maxsize=1)
def both_levels() -> frozenset[str]:
    """Words of both levels ('满意度指标': a 一级 group, or a 二级 one under 效益指标); read as 二级."""
    levels = patterns.load("tables")["indicator"]["levels"]
    return frozenset(levels["level1"]) & frozenset(levels["level2"])


@lru_cache(maxsize=1)
def corner_words() -> frozenset[str]:
    return frozenset(patterns.load("tables")["recover"]["corners"])


def is_corner(text: str) -> bool:
    """The short top-left header cell of a table (项目, 科目) that is no word of the vocabulary."""
    return 0 < len(text) <= CORNER_CHARS and role(text) is None and not DIGIT.search(text)


def score_like(text: str) -> bool:
    """A weight or score cell: a figure, possibly with 分 (15分), or a placeholder (—, /)."""
    text = compacted(text)
    return bool(FIGURE.match(text.removesuffix("分"))) or text in wrapped.placeholders()


@lru_cache(maxsize=1)
def short_levels() -> dict[str, frozenset[str]]:
    levels = patterns.load("tables")["indicator"]["levels"]
    return {LEVEL1: frozenset(levels["level1_short"]), LEVEL2: frozenset(levels["level2_short"])}


@lru_cache(maxsize=1)
def _total_words() -> frozenset[str]:
    return frozenset(patterns.load("tables")["blocks"]["total"])


@lru_cache(maxsize=1)
def _signer() -> tuple[regex.Pattern[str], regex.Pattern[str]]:
    """(an organisation's name ending, the date under a signature), from patterns/report.toml."""
    report = patterns.load("report")
    return regex.compile("(?:" + report["org_suffix"] + ")$"), regex.compile(report["signature"]["date"])


def is_total(text: str) -> bool:
    """A 总分 label (tables.toml blocks.total)."""
    return compacted(text) in _total_words()


def signs(first: str, second: str | None) -> bool:
    """Whether a piece opens the report's signature after its table: a date (2024年5月20日), or an
    organisation's name with the date after it."""
    org, date = _signer()
    first = compacted(first)
    return (
        bool(date.search(first))
        or second is not None
        and bool(org.search(first) and date.search(compacted(second)))
    )
