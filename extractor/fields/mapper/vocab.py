"""The mapper's vocabulary, from ``patterns/tables.toml`` and ``patterns/budget_table.toml``."""

from __future__ import annotations

from decimal import Decimal

import regex

import patterns
from extractor.fields.labels import Vocabulary

_T = patterns.load("tables")
_B = patterns.load("budget_table")
_I = _T["indicator"]
_LV = _I["levels"]

KEYS = Vocabulary(_T["key"])
PROJECT_KEYS = set(_T["project_form_keys"])  # key roles only a project's form has
BUDGET_COLS = Vocabulary(_T["budget"]["columns"])
BUDGET_KINDS: dict[str, str] = _T["budget"]["kinds"]
FUNDS_ROWS = Vocabulary(_T["budget"]["rows"])
DEPT_ROWS = Vocabulary({k: [v] for k, v in _B["rows"].items()}, literal=False, tail="")
DEPT_KEYS: dict[str, dict[str, str]] = _B["keys"]
ROW_GROUP = regex.compile(_B["row_group"])  # '按收入性质分：' before a funds row's label
ROW_NUMBER = regex.compile(_B["row_number"])  # '一、' before a row's label
_LABELS = "|".join(f"(?P<k{i}>{p})" for i, p in enumerate(_B["labelled"].values()))
LABELLED = regex.compile(f"^(?:{_LABELS}):?(?P<fig>.+)$")
LABELLED_KEYS = list(_B["labelled"])
LABEL_ONLY = regex.compile(f"^(?:{_LABELS}):$")  # the label alone, its amount in the next cell
LABELLED_EXECUTED: dict[str, str] = _B["labelled_executed"]
BLOCKS = Vocabulary(_T["blocks"])
IND_COLS = Vocabulary(_I["columns"])
LEVEL_NAMES_TOO = Vocabulary({"level": _I["level_names_too"]})  # column words that are also a level's name
_NOTE = "(?:" + _LV["weight_note"] + "|" + _LV["bare_weight_note"] + ")"  # a level cell's weight
LEVEL1 = regex.compile("(?P<v>" + "|".join(_LV["level1"] + _LV["level1_short"]) + ")" + _NOTE + "?:?")
LEVEL2 = regex.compile(
    "(?P<v>(?:"
    + "|".join(_LV["level2"] + _LV["level2_short"])
    + ")"
    + _LV["level2_tail"]
    + ")"
    + _NOTE
    + "?:?"
)
LEVEL2_IN_COLUMN = regex.compile("(?P<v>" + _LV["level2_in_column"] + ")" + _NOTE + "?:?")
LEVEL_IN_DRAWN = regex.compile("(?P<v>" + _LV["level_in_drawn_column"] + ")" + _NOTE + "?:?")
LEVEL_POINTED = regex.compile("(?P<v>" + _LV["level_in_drawn_column"] + ")" + _NOTE + ":?")  # 项目决策 2分
NAME_PREFIX = regex.compile(_I["name_prefix"])
SENTENCE = regex.compile(_I["sentence"])
LONGEST_CELL_VALUE = 80  # a name or worded value longer than this is a paragraph, not a cell value
NAME_CLAUSES = regex.compile(_I["name_clauses"])
WORDED_LIST = regex.compile(_I["worded_list"])
LEVEL_WEIGHT = regex.compile(
    r"\G\s*\(\s*(?:权重|分值)?:?(?P<w>\d+(?:\.\d+)?)(?P<u>\s*分)?\s*\)|\G\s*(?P<w>\d+(?:\.\d+)?)(?P<u>\s*分)$"
)
EXECUTION_ROW = regex.compile("(?:" + "|".join(_I["execution_rows"]) + ")")
UNIT_RE = regex.compile(_T["budget"]["unit"]["pattern"])
YUAN_FROM = Decimal(_T["budget"]["unit"]["yuan_from"])  # figures under a 万元 label this large are 元
BUDGET_NOTE = regex.compile(_T["budget"]["budget_note"]["adjusted"])  # the form's note: 预算数 is adjusted
CURRENT_NOTE = regex.compile(_T["budget"]["current_note"]["executed"])  # 本年数 is the year's 决算
WEIGHT_NOTE = regex.compile(_T["budget"]["weight_note"]["pattern"])
OTHER_TABLES = regex.compile(_T["budget"]["scope"]["other_tables"] + "|" + _B["scope"]["project_tables"])
SEAL_FIRST = regex.compile(r"^\s*" + _T["seal"] + r"\s*")  # (盖章) before a unit: not its name
UNIT_LIST = regex.compile(_T["unit_list"])  # a slot listing several units: no unit's name
SEAL_LAST = regex.compile(r"\s*" + _T["seal"] + r"\s*$")  # nor after it ('依兰县水务局(盖章)')
NATURE = set(_I["nature"])
FORM_EXECUTION = {"weight": "budget.execution_weight", "score": "budget.execution_score"}
NO_REASON = set(_I["no_reason"])
REASON_LABEL = regex.compile(_I["reason_label"])  # 偏差原因： opening a reason cell of two parts
IMPROVEMENT_LABEL = regex.compile(_I["improvement_label"])  # …。改进措施： the second part
WORD_COLUMNS = {"reason"}  # indicator columns of words only, never a figure
BUDGET_NEEDED = {"initial", "adjusted", "executed", "rate", "current"}
FUNDS = ("current", "carryover", "other")
