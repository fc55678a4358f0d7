"""Every number of the narrative with the words that say what it is.

A ``Mention`` is one figure with its *label* (the clause text before it, back to
the previous figure or clause break), the words right after it (what a count
counts: ``6个项目``), its *subject* and *role* (see ``patterns/budget.toml``)
and, inside a breakdown (其中 / 具体为 …), the mention of the whole.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import Decimal
from functools import lru_cache

import regex

import patterns
from extractor.models import NumberKind, Section
from extractor.normalize import NormText, is_table_row
from extractor.numbers import Figure, figures
from extractor.script import HAN
from extractor.sections import enclosing

_B = patterns.load("budget")
SUBJECTS = {name: regex.compile(p) for name, p in _B["subjects"].items()}
TITLE_SUBJECTS = {name: regex.compile(p) for name, p in _B["title_subjects"].items()}
ROLES = {name: regex.compile(p) for name, p in _B["roles"].items()}
ROLES_AFTER = {name: regex.compile(p) for name, p in _B["roles_after"].items()}
COUNTED_AFTER = {name: regex.compile(p) for name, p in _B["counted"]["after"].items()}
COUNTED_BEFORE = {name: regex.compile(p) for name, p in _B["counted"]["before"].items()}
GROUP_TOTAL = regex.compile(_B["groups"]["total"])
TOTAL_TAIL = regex.compile(f"(?:{_B['groups']['total']})$")  # 实施项目共(15个): the noun before 共
GROUPS = {
    noun: [[regex.compile(g) for g in partition] for partition in partitions]
    for noun, partitions in _B["groups"].items()
    if noun != "total"
}
GENERIC_ROLES = set(_B["generic_roles"])
_TABLES = {  # the pattern tables nearest() is asked about, by name (its answers are kept)
    "subjects": SUBJECTS,
    "title_subjects": TITLE_SUBJECTS,
    "specific_roles": {k: p for k, p in ROLES.items() if k not in GENERIC_ROLES},
    "generic_roles": {k: ROLES[k] for k in GENERIC_ROLES},
}
BREAKDOWN_CUE = regex.compile(_B["breakdown"]["cues"])
BREAKDOWN_STOP = regex.compile(_B["breakdown"]["stop"])
BREAKDOWN_HEADING_STOP = regex.compile(_B["breakdown"]["heading_stop"])
NOT_A_PART = regex.compile(_B["breakdown"]["not_a_part"])
COMPARISON = regex.compile(_B["breakdown"]["comparison"])
SCORING_RULE = regex.compile(_B["breakdown"]["scoring_rule"])
RULE_SENTENCE = regex.compile(_B["breakdown"]["rule_sentence"])
_OPS = patterns.load("operators")
_BOUND_WORDS = [w for w, op in _OPS["ops"].items() if op != "="] + _OPS["bounds"]["words"]
# A figure stated as a threshold (低于90%, 未达到90%, 90%以上): a bound, never the measure's value.
BOUND_BEFORE = regex.compile("(?:" + "|".join(map(regex.escape, _BOUND_WORDS)) + r")\s*$")
BOUND_AFTER = regex.compile("^\\s*(?:" + "|".join(map(regex.escape, _OPS["op_suffix"])) + ")")

# Plain character classes, searched by re (faster than regex on them, the same matches).
CLAUSE_MARKS = ",，、;；"
CLAUSE_BREAK = re.compile(f"[{CLAUSE_MARKS}]")
NOT_CONTENT = regex.compile(r"[^\p{Han}]|共计|共有|共|合计|累计|计|达|约")  # filler words
SENTENCE_BREAK = re.compile(r"[。!?！？\n]")
BREAK_LEVELS = [re.compile(r"、"), re.compile(r"[,，]"), re.compile(r"[;；]")]  # weakest first


@dataclass
class Mention:
    fig: Figure
    label: str  # clause text before the number
    after: str  # words right after the number, up to the next break
    sentence_start: int
    between: str = ""  # all text since the previous figure of the sentence (or its start)
    context: str = ""  # the label, or the clause before it when the label is only 共/计 …
    depth: int = 0  # parentheses open before the figure in its sentence
    subject: str = "unit"
    explicit_subject: bool = False  # the subject word is in the mention's own label
    tabular: bool = False  # read from a table row flattened to text
    cited: bool = False  # inside a cited title 《…》: part of a document's name, no stated figure
    role: str = "none"
    label_role: str = ""  # the role word in the label, also for counts (年初批复预算项目8个)
    own_role: bool = False  # the role came from the mention's own label
    whole: Mention | None = None  # the amount this one is a part of (breakdowns)
    cue: str = ""
    parts: list[Mention] = field(default_factory=list)
    counted: str = ""  # what a count counts ('project' for 6个项目), see [counted]
    groups: list[Mention] = field(default_factory=list)  # disjoint group counts of this total, see [groups]

    @property
    def kind(self) -> NumberKind:
        return self.fig.kind


def nearest(patterns_: dict[str, regex.Pattern], text: str) -> tuple[str, regex.Match | None]:
    """The pattern whose match ends nearest the end of `text` (the longer on a tie)."""
    best: tuple[str, regex.Match | None] = ("", None)
    for name, p in patterns_.items():
        for m in p.finditer(text, overlapped=True):
            b = best[1]
            if b is None or (m.end(), m.end() - m.start()) > (b.end(), b.end() - b.start()):
                best = (name, m)
    return best


@lru_cache(maxsize=16384)
def _nearest_in(table: str, text: str) -> tuple[str, regex.Match | None]:
    """nearest() over one of _TABLES: a label or section title is asked about once per process."""
    return nearest(_TABLES[table], text)


def find_mentions(norm: NormText, sections: list[Section]) -> list[Mention]:
    """All figures of the text as mentions, with subject, role and breakdown wholes resolved."""
    text = norm.text
    out: list[Mention] = []
    for s_start, s_end in _sentences(text):
        found = figures(text, s_start, s_end)
        if not found:
            continue
        prev_end = s_start
        sentence: list[Mention] = []
        line_start = text.rfind("\n", 0, s_start) + 1
        line_end = text.find("\n", s_end)
        tabular = is_table_row(text[line_start : line_end if line_end != -1 else len(text)])
        depth = 0  # parentheses open before the figure
        cites = 0  # cited titles 《 open before the figure
        for fig in found:
            label = _label(text, prev_end, fig.start)
            after = _after(text, fig.end, s_end)
            m = Mention(fig, label, after, s_start, tabular=tabular, between=text[prev_end : fig.start])
            m.context = _context(text, max(s_start, fig.start - 80), fig.start, label, after)
            depth += m.between.count("(") - m.between.count(")")
            m.depth = depth
            cites += m.between.count("《") - m.between.count("》")
            m.cited = cites > 0  # 《…表.docx(5页珍藏版)》
            sentence.append(m)
            prev_end = fig.end
        _resolve(sentence, text, sections, out)
        out.extend(sentence)
    _link_groups(out, text)
    return out


def _sentences(text: str) -> list[tuple[int, int]]:
    out, start = [], 0
    for m in SENTENCE_BREAK.finditer(text):
        if m.start() > start:
            out.append((start, m.start()))
        start = m.end()
    if start < len(text):
        out.append((start, len(text)))
    return out


def _label(text: str, start: int, end: int) -> str:
    chunk = text[start:end]
    last = max(map(chunk.rfind, CLAUSE_MARKS))  # the last clause break, -1 if none
    return chunk[last + 1 :]


def _context(text: str, start: int, end: int, label: str, after: str) -> str:
    """What a figure is about: its label; when that is only a filler word (共, 计 …), the noun
    right after it (55名党员), else the clause before it."""
    if len(_content(label)) >= 2:
        return label
    if len(_content(after)) >= 2:
        return after
    clauses = CLAUSE_BREAK.split(text[start:end])
    return "".join(clauses[-2:]) if len(clauses) >= 2 else label


def _content(s: str) -> str:
    return NOT_CONTENT.sub("", s)


def _after(text: str, start: int, end: int) -> str:
    m = CLAUSE_BREAK.search(text, start, end)
    return text[start : m.start() if m else min(end, start + 12)][:12]


def _resolve(sentence: list[Mention], text: str, sections: list[Section], previous: list[Mention]) -> None:
    _assign_subjects_and_roles(sentence, sections, text)
    if "|" not in text[sentence[0].sentence_start : sentence[-1].fig.end] if sentence else False:
        _link_breakdowns(sentence, previous)


def _assign_subjects_and_roles(sentence: list[Mention], sections: list[Section], text: str) -> None:
    subject = ""
    rule = _rule(sentence, text)
    for i, m in enumerate(sentence):
        own_subject, sm = _nearest_in("subjects", m.label)
        m.counted = counted = _counted(m) if m.kind == NumberKind.count else ""  # what a count counts
        if counted and own_subject in ("", "unit"):
            own_subject = counted if not subject or subject == "unit" else subject
        m.explicit_subject = bool(own_subject)
        subject = own_subject or subject
        rest = m.label[: sm.start()] + m.label[sm.end() :] if sm and own_subject != "unit" else m.label
        role = _role(rest, sentence[i - 1] if i else None)
        m.subject = subject or _section_subject(sections, m.fig.start, text) or "unit"
        m.label_role = role
        role = role or _role_after(m)
        m.own_role = bool(role)
        m.role = "count" if m.kind == NumberKind.count else (role or "none")
        if COMPARISON.search(m.label):
            m.role = "comparison"  # 支出比上年减少120.5万元: a change, never the year's own figure
        elif rule or BOUND_BEFORE.search(m.label) or _bound_after(m.after):
            m.role = "bound"  # 执行率低于90%的应写明原因, 达到100%的得4分: a threshold, not the year's


def _bound_after(after: str) -> bool:
    return bool(BOUND_AFTER.search(after) or SCORING_RULE.search(after))


def _rule(sentence: list[Mention], text: str) -> bool:
    """Whether the sentence is a scoring rule (budget.toml rule_sentence: …每降低5个百分点扣0.5分)."""
    if not sentence:
        return False
    start, after = sentence[0].sentence_start, sentence[-1].fig.end
    end = SENTENCE_BREAK.search(text, after)
    return bool(RULE_SENTENCE.search(text, start, end.start() if end else len(text)))


def _counted(m: Mention) -> str:
    """What a figure counts, by the words after it (6个项目) or before it (项目8个), also across a
    total word between the noun and the figure (实施项目共15个)."""
    label = TOTAL_TAIL.sub("", m.label)
    after = (n for n, p in COUNTED_AFTER.items() if p.search(m.after))
    return next(after, "") or next((n for n, p in COUNTED_BEFORE.items() if p.search(label)), "")


def _link_breakdowns(sentence: list[Mention], previous: list[Mention]) -> None:
    """Parts after 其中/具体为 … belong to the whole before the cue: same kind (and measure), same
    parenthesis depth as the cue, same role; comparisons (较上年增加 …) are never parts."""
    whole: Mention | None = None
    cue, depth = "", 0
    for i, m in enumerate(sentence):
        if COMPARISON.search(m.label):
            continue
        cue_m = BREAKDOWN_CUE.search(m.between)
        if cue_m:
            opens_sentence = i == 0 and not HAN.search(m.between[: cue_m.start()])
            whole = _whole_before(sentence[:i], previous if opens_sentence else [], sentence[i:])
            cue = cue_m.group()
            tail = m.between[cue_m.start() :]
            depth = m.depth - (tail.count("(") - tail.count(")"))
        elif _leaves_breakdown(m) or (whole and _ends_list(whole.parts, m)):
            whole = None
        if whole is None or m.depth != depth or not _same_measure(m, whole) or NOT_A_PART.search(m.label):
            continue
        m.whole, m.cue = whole, cue
        if m.explicit_subject and m.subject == whole.subject and not whole.explicit_subject:
            whole.subject = "unit"  # 支出76.36万元，其中：基本支出… — the whole is not itself 基本支出
        if not m.own_role and m.kind == NumberKind.amount:
            m.role = whole.role
        if m.role == whole.role:
            whole.parts.append(m)


def _leaves_breakdown(m: Mention) -> bool:
    """A clause opening with 另有/此外 …, or a numbered heading since the figure before (see
    [breakdown] stop and heading_stop in patterns/budget.toml)."""
    return bool(BREAKDOWN_STOP.search(m.label) or BREAKDOWN_HEADING_STOP.search(m.between))


def _ends_list(parts: list[Mention], m: Mention) -> bool:
    """A break stronger than the ones between the parts ends a breakdown: a semicolon after parts
    separated by commas (其中：行政编制18人，事业编制10人；实有人数26人), and for counts also a
    comma after parts separated by 、 (其中行政编制15人、事业编制25人，实有人数38人)."""
    if len(parts) < 2:
        return False
    listed = max(break_level(p.between) for p in parts[1:])
    here = break_level(m.between)
    return here > listed and (here == len(BREAK_LEVELS) or m.kind == NumberKind.count)


def break_level(between: str) -> int:
    return max((n for n, p in enumerate(BREAK_LEVELS, 1) if p.search(between)), default=0)


def _link_groups(mentions: list[Mention], text: str) -> None:
    """Totals (共实施项目15个) and the disjoint group counts after them in their paragraph."""
    by_line: dict[int, list[Mention]] = {}
    for m in mentions:
        if m.counted in GROUPS and m.depth == 0 and not m.tabular:
            by_line.setdefault(text.rfind("\n", 0, m.fig.start), []).append(m)
    for line in by_line.values():
        for i, whole in enumerate(line):
            if GROUP_TOTAL.search(whole.label):
                later = [m for m in line[i + 1 :] if _same_measure(m, whole) and m.counted == whole.counted]
                whole.groups = _one_partition(later, GROUPS[whole.counted])


def _one_partition(counts: list[Mention], partitions: list[list[regex.Pattern]]) -> list[Mention]:
    """The first count naming each group of the first partition with two or more groups named."""
    for partition in partitions:
        picked = [next((m for m in counts if g.search(m.label)), None) for g in partition]
        named = [m for m in picked if m is not None]
        if len(named) >= 2 and len({id(m) for m in named}) == len(named):
            return named
    return []


def _same_measure(m: Mention, whole: Mention) -> bool:
    if m.kind != whole.kind or m.kind not in (NumberKind.amount, NumberKind.count):
        return False
    return m.kind == NumberKind.amount or m.fig.measure == whole.fig.measure


def _role(label: str, previous: Mention | None) -> str:
    """The label's role word: a specific one nearest the number, else the previous clause's specific
    role when this label only says 金额/预算, else the generic one."""
    role, _ = _nearest_in("specific_roles", label)
    if role:
        return role
    generic, _ = _nearest_in("generic_roles", label)
    if not generic and _names_the_counted(label, previous):
        return previous.label_role  # 年初批复预算8个项目985万元: the projects' money, their role
    if generic and previous and previous.label_role and previous.label_role not in GENERIC_ROLES:
        # a rate's role is no amount's (执行率98.95%；项目支出预算700万元 is a budget)
        return previous.label_role if previous.kind != NumberKind.percent else generic
    return generic


def _names_the_counted(label: str, previous: Mention | None) -> bool:
    """The label is only the noun the count right before it counts (8个|项目|985万元)."""
    if previous is None or previous.kind != NumberKind.count or not previous.counted:
        return False
    noun = label.strip()
    counted = previous.counted
    return bool(previous.label_role) and any(
        table[counted].fullmatch(noun) for table in (COUNTED_AFTER, COUNTED_BEFORE) if counted in table
    )


def _role_after(m: Mention) -> str:
    """The role an amount's following words state (see [roles_after] in patterns/budget.toml)."""
    if m.kind != NumberKind.amount:
        return ""
    return next((name for name, p in ROLES_AFTER.items() if p.search(m.after)), "")


def _whole_before(before: list[Mention], previous: list[Mention], parts: list[Mention]) -> Mention | None:
    """The figure a breakdown starting at `parts[0]` divides: the last one of its kind before it in
    the sentence, else (for a sentence that opens with the cue) the last one of the sentence before;
    when that one is a change on last year (…,比上年减少126.87万元。其中：…), the figure of that
    sentence the parts add up to exactly, if any. Either way an earlier figure the parts naming no
    role add up to exactly is the whole (年初预算720万元，全年实际支出705.6万元。其中：补助648万元…；
    培训经费72万元，实际支出57.6万元: the parts of the 720)."""
    part = parts[0]
    pool = [m for m in before if _same_measure(part, m) and not COMPARISON.search(m.label)]
    if not pool and previous and previous[-1].sentence_start != part.sentence_start:
        last_sentence = previous[-1].sentence_start
        pool = [m for m in previous if m.sentence_start == last_sentence and _same_measure(part, m)]
        if pool and COMPARISON.search(pool[-1].label):
            return _added_up(pool, parts)
    if not pool:
        return None
    exact = _added_up(pool[:-1], [p for p in parts if not p.own_role])
    return exact if exact and _amount(exact) != _amount(pool[-1]) else pool[-1]


def _amount(m: Mention) -> Decimal:
    return m.fig.number * m.fig.scale


def _added_up(pool: list[Mention], parts: list[Mention]) -> Mention | None:
    """The last figure of `pool`, not a change, that the amounts of `parts` (two or more, changes
    left out, at the first one's parenthesis depth) add up to exactly as printed."""
    amounts = [
        p
        for p in parts
        if p.kind == NumberKind.amount and p.depth == parts[0].depth and not COMPARISON.search(p.label)
    ]
    if len(amounts) < 2:
        return None
    total = sum(_amount(p) for p in amounts)
    wholes = [m for m in pool if m.kind == NumberKind.amount and not COMPARISON.search(m.label)]
    return next((m for m in reversed(wholes) if _amount(m) == total), None)


@lru_cache(maxsize=64)
def _line_has_figures(text: str, start: int, end: int) -> bool:
    """Whether a heading's line holds figures: asked for each figure under the heading."""
    return bool(figures(text, start, end))


def _section_subject(sections: list[Section], pos: int, text: str) -> str:
    """The subject a heading names for the figures under it; a 'heading' whose line holds figures
    is a table's row ('2、运行维护专项 公用经费 其中:办公经费 14.44'), naming nothing past its line."""
    for sec in reversed(enclosing(sections, pos)):
        end = text.find("\n", sec.start)
        if 0 <= end <= pos and _line_has_figures(text, sec.start, end):
            continue
        name, _ = _nearest_in("title_subjects", sec.title.strip())
        name = name or _nearest_in("subjects", sec.title)[0]
        if name:
            return name
    return ""
