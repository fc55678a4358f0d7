"""Budget figures the prose states, by subject and role: one entry point, ``budget_fields``.

Vocabulary in ``patterns/budget.toml``. The first statement of a key is kept, a figure serves
one key only; a later statement of another figure is returned beside it for the validator's
``cross.mention``. Statements of parts are told from the whole's by their words (其中, 主要用于,
a list's items, another unit's item), by their sections (an output section's counts) and by
arithmetic (``divisor.py``, ``superior.py``).
"""

from __future__ import annotations

import bisect

import regex

import patterns
from extractor.fields import divisor, superior
from extractor.fields.mentions import Mention
from extractor.fields.narrative import value_of
from extractor.models import NumberKind, Restated, Section, Value
from extractor.normalize import NormText, fold
from extractor.sections import enclosing, parallel, subject_of

_BUDGET_KEYS: dict[str, dict[str, str]] = patterns.load("budget")["keys"]
_KIND_SUBJECTS: dict[str, dict[str, str]] = patterns.load("budget")["kind_subjects"]
_NEGATIVE_ADJUSTMENT = regex.compile(patterns.load("budget")["negative_adjustment"])
_ADJUSTMENT_WITH_OTHER = regex.compile(patterns.load("budget")["adjustment_with_other"])
_ITEM_OF_A_UNIT = regex.compile(patterns.load("budget")["item_of_a_unit"])
_ITEM_MARK = regex.compile(patterns.load("budget")["item_mark"])  # 一是, 二是, ① …: an item's opening
_NEXT_FIGURE = regex.compile(r"\d|[。\n]")  # where the words after a figure end
_INDICATOR_SECTION = regex.compile(patterns.load("budget")["indicator_section"])
_RESULTS_SECTION = regex.compile(patterns.load("budget")["results_section"])
# keys a part's 年初 and 全年 budget both fill (budget.basic.budget): the 全年 one wins
_PART_BUDGETS = {k["initial"] for k in _BUDGET_KEYS.values() if k.get("initial", "") == k.get("adjusted")}
_PROJECT_COUNT_MEASURES = set(patterns.load("budget")["project_count_measures"])
_REMAINDER = regex.compile(patterns.load("budget")["project_count_remainder"])
_ANOTHER_NOUN = regex.compile(patterns.load("budget")["count_of_another_noun"])
_QUALIFIED = regex.compile(patterns.load("budget")["count_qualified"])
_OF_A_KIND = regex.compile(patterns.load("budget")["count_of_a_kind"])
_GROUP_TOTAL = regex.compile(patterns.load("budget")["groups"]["total"])
_USE_OF_MONEY = regex.compile(patterns.load("budget")["use_of_money"])
_LIST_ITEM = regex.compile(patterns.load("budget")["list_item"])
_ITEMS_OF_A_LIST = 3  # statements of one key, each in its own item, that make them the items' figures
KINDS_LISTED = 2  # other counts in the first's sentence that make all of them counts of kinds


def budget_fields(
    norm: NormText, mentions: list[Mention], used: set[int], kind: str, sections: list[Section]
) -> tuple[dict[str, Value], list[Restated], set[str]]:
    """Budget figures of the prose by (subject, role), see patterns/budget.toml; table rows are left
    to the table parser. The first statement of a key is kept; a later one of another figure is
    returned beside it as a ``Restated`` pair (中央财政资金30.9万元 … 中央下达资金61.8万元), for the
    validator's ``cross.mention`` to compare at their printed precision. Third: the keys of a part's
    budget read from its 年初 figure (年初预算…其中基本支出862.30万元), which a table's 全年 column
    states otherwise without the two disagreeing."""
    out: dict[str, Value] = {}
    again: dict[tuple[int, str], list[Value]] = {}  # (sentence, key): the later statements of other figures
    stated: dict[str, list[Mention]] = {}  # key: its statements of another figure than the first
    read_from: dict[str, Mention] = {}
    unnamed: list[tuple[Mention, str]] = []  # amounts no key is named for (see divisor.py)
    marks = [mark.start() for mark in _ITEM_MARK.finditer(norm.text)]  # 一是, 二是 …: items' openings
    subjects = _KIND_SUBJECTS.get(kind, {})
    changed = -1  # the sentence of the last adjustment read
    for m in mentions:
        subject = m.subject if m.role == "count" else subjects.get(m.subject, m.subject)
        if changed == m.sentence_start and _total_after_a_change(m, subject):
            subject = "unit"  # 调减中央资金13.60万元，全年预算598.40万元: the whole's budget after the change
        changed = m.sentence_start if m.role == "adjustment" else changed
        key = _BUDGET_KEYS.get(subject, {}).get(m.role)
        if m.role == "none" and not m.explicit_subject:
            key = None  # no role word and a subject carried from an earlier clause: no key says what it is
        if m.role == "count" and not m.explicit_subject and _ANOTHER_NOUN.match(m.after):
            key = None  # a carried subject and the noun after the count another's (发现的2个问题)
        if not key and m.role in divisor.CANDIDATE_ROLES:
            unnamed.append((m, subject))
        if m.tabular or m.cited or not key or m.fig.start in used or not _kind_fits(key, m):
            continue
        if _in_a_units_item(norm.text, marks, m):
            continue  # 一是布达拉宫管理处年初预算内项目资金6152万元: that unit's money
        if m.role == "count" and (_under_indicators(sections, m.fig.start) or _REMAINDER.search(m.label)):
            continue  # an output of the work (全年完成项目43项), or the rest of the projects (其余13个)
        if _in_a_use(norm.text, m):
            continue  # 主要用于委托…141.88万元及其他审计事务支出1.47万元: what the money was spent on
        if m.role == "adjustment" and _with_other_money(norm.text, m):
            continue  # 追加52.50万元，加上上年结转资金42.30万元: one part of the year's change
        if key in read_from and _later_budget(read_from[key], m, _BUDGET_KEYS.get(subject, {})):
            out[key], read_from[key] = value_of(norm, m), m  # 年初…其中基本支出618.52万元…调整后…631.08万元
            used.add(m.fig.start)
            continue
        negated = m.role == "adjustment" and _NEGATIVE_ADJUSTMENT.search(m.label) and m.fig.value > 0
        signed = -m.fig.value if negated else m.fig.value
        if key in out and (m.whole is not None or signed == out[key].value):
            continue  # a part of a stated whole, or the same figure again
        value = value_of(norm, m)
        if negated:
            value.value = -value.value
        if key in out and m.role == "count" and _QUALIFIED.search(m.label):
            continue  # 对执行进度偏慢的3个项目: some of the projects, no restatement of their count
        if key in out:
            again.setdefault((m.sentence_start, key), []).append(value)
            stated.setdefault(key, []).append(m)
            continue
        out[key] = value
        read_from[key] = m
        used.add(m.fig.start)
    dropped = _listed(norm.text, read_from, stated) + _apart(parallel(sections), read_from, stated)
    for key in dict.fromkeys(dropped + _kinds(read_from, stated)):
        del out[key], read_from[key]
        again = {k: v for k, v in again.items() if k[1] != key}
    if divisor.settle_executed(out, read_from, stated, lambda m: value_of(norm, m)):
        again = {k: v for k, v in again.items() if k[1] not in ("budget.executed", "budget.execution_rate")}
    candidates = ((m, subject, value_of(norm, m)) for m, subject in unnamed if m.fig.start not in used)
    divisor.settle(norm.text, sections, out, read_from, candidates)
    superior.settle(norm, out, read_from, mentions)
    initial = {k for k, m in read_from.items() if k in out and m.role == "initial" and k in _PART_BUDGETS}
    return out, _restatements(out, again), initial


_CLAUSE_REACH = 400


def _in_a_use(text: str, m: Mention) -> bool:
    """Whether the figure's clause (from its last comma or stop, looked for no further back than
    _CLAUSE_REACH characters, so that a long run of text without a stop is not searched once per
    figure) says what money went to (用于…)."""
    reach = max(0, m.fig.start - _CLAUSE_REACH)
    start = max(reach - 1, *(text.rfind(c, reach, m.fig.start) for c in ",;，；。\n")) + 1
    return _USE_OF_MONEY.search(text, start, m.fig.start) is not None


def _total_after_a_change(m: Mention, subject: str) -> bool:
    """An adjusted budget stated after an adjustment in its sentence, a fund's subject carried to it
    (调减中央资金13.60万元，全年预算598.40万元; 追加…20.00万元,并统筹其他资金25.50万元,全年预算465.50万元):
    where that fund has no adjusted budget of its own, it is the whole's."""
    no_own = subject in _BUDGET_KEYS and "adjusted" not in _BUDGET_KEYS[subject]
    return m.role == "adjusted" and not m.explicit_subject and no_own


def _later_budget(kept: Mention, m: Mention, keys: dict[str, str]) -> bool:
    """A key that is a part's 全年 budget, else its 年初 one (budget.basic.budget), stated first for
    the 年初 budget and then for the adjusted one, or then plainly (年初…其中项目支出1,833.87万元 …
    项目支出预算2,357.46万元): the later is the key's, as a table's 全年 column is (none is a
    restatement of the other)."""
    later = m.role in ("adjusted", "budget")
    return kept.role == "initial" and later and keys.get("initial") == keys.get("adjusted")


def _listed(text: str, first: dict[str, Mention], others: dict[str, list[Mention]]) -> list[str]:
    """The keys stated in three items or more of a numbered list, each item with its own figure
    (1、…项目:实际支付32.6万元 … 2、…实际支付18万元 …): the items' figures, none the report's."""
    out = []
    for key, m in first.items():
        statements = [m, *others.get(key, [])]
        marks = {_item_mark(text, s) for s in statements}
        figures = {s.fig.value for s in statements}
        if None not in marks and len(marks) >= _ITEMS_OF_A_LIST and len(figures) >= _ITEMS_OF_A_LIST:
            out.append(key)
    return out


def _apart(subjects: list[Section], first: dict[str, Mention], others: dict[str, list[Mention]]) -> list[str]:
    """The keys stated with two figures or more in two parallel sections or more (sections.parallel:
    a page of several projects, each with its own 实际使用2856万元): the subjects' figures, none the
    page's."""
    out = []
    for key, m in first.items():
        statements = [m, *others.get(key, [])]
        held = {subject_of(subjects, s.fig.start) for s in statements}
        if len(held - {None}) >= 2 and len({s.fig.value for s in statements}) >= 2:
            out.append(key)
    return out


def _in_a_units_item(text: str, marks: list[int], m: Mention) -> bool:
    """Whether the mention stands in an enumerated item (一是…, ②…) that another unit's name opens,
    within its sentence (budget.toml item_of_a_unit); `marks`: where the text's item markers stand."""
    i = bisect.bisect_left(marks, m.fig.start) - 1
    if i < 0 or marks[i] < m.sentence_start:
        return False
    return _ITEM_OF_A_UNIT.match(text, marks[i], m.fig.start) is not None


def _with_other_money(text: str, m: Mention) -> bool:
    """Whether the words after the adjustment, up to the next figure, add other money to it
    (budget.toml adjustment_with_other)."""
    nxt = _NEXT_FIGURE.search(text, m.fig.end)
    return bool(_ADJUSTMENT_WITH_OTHER.search(text, m.fig.end, nxt.start() if nxt else len(text)))


def _kinds(first: dict[str, Mention], others: dict[str, list[Mention]]) -> list[str]:
    """The counts whose first sentence lists another count right after it, with its own words
    (实施安全度汛或水毁修复项目120项、抗旱应急项目45项), or two more of other figures (公交车防护等10个项目…,
    5个项目指标结转…,道路改造等5个项目…): counts of kinds of projects, none of them all."""
    out = []
    for key, m in first.items():
        listed = [o for o in others.get(key, []) if o.sentence_start == m.sentence_start]
        listed = [o for o in listed if o.explicit_subject]
        whole = bool(m.groups) or _GROUP_TOTAL.search(m.label)  # 实施项目共15个(…)，年初批复预算8个…
        kinds = any(_OF_A_KIND.match(o.between) for o in listed) or len(listed) >= KINDS_LISTED and not whole
        if m.role == "count" and m.explicit_subject and kinds:
            out.append(key)
    return out


def _item_mark(text: str, m: Mention) -> str | None:
    """The mark of the list item the mention stands in: the last opened on its line before it."""
    marks = list(_LIST_ITEM.finditer(text, text.rfind("\n", 0, m.fig.start) + 1, m.fig.start))
    return marks[-1]["n"] if marks else None


def _under_indicators(sections: list[Section], pos: int) -> bool:
    """Whether `pos` lies in a section about the indicators' results (budget.toml indicator_section),
    or right in one about the targets' results (results_section)."""
    chain = enclosing(sections, pos)
    if chain and _RESULTS_SECTION.match(fold(chain[-1].title.strip())):
        return True
    return any(_INDICATOR_SECTION.match(fold(s.title.strip())) for s in chain)


def _restatements(kept: dict[str, Value], again: dict[tuple[int, str], list[Value]]) -> list[Restated]:
    """The later statements that differ from a key's first, but for a sentence stating it twice or
    more with other figures: that is a list of items, each its own (①…支付21万元；②…1605万元)."""
    return [
        Restated(key=key, kept=kept[key], other=values[0], where="prose")
        for (_, key), values in again.items()
        if len(values) == 1 and key in kept  # (a key left out after, as a partial 中央 fund, has none)
    ]


def _kind_fits(key: str, m: Mention) -> bool:
    want = NumberKind.amount
    if key.endswith("rate"):
        want = NumberKind.percent
    elif key.endswith("count"):
        want = NumberKind.count
        if m.fig.measure not in _PROJECT_COUNT_MEASURES:
            return False  # 精选4篇 counts essays, 1册 volumes: no count of projects
    return m.kind == want
