"""Fields stated in prose: labelled figures and text fields (the budget figures by subject and role
are ``prose_budget.py``'s).

All vocabulary is in ``patterns/fields.toml`` and ``patterns/text_fields.toml``; the functions
here only apply it. The first mention in document order wins, and a figure serves one key only.
"""

from __future__ import annotations

from functools import lru_cache

import regex

import patterns
from extractor.fields.mentions import Mention
from extractor.fields.title import TITLE as REPORT_TITLE
from extractor.fields.values import count_value, number_value, text_value
from extractor.models import NumberKind, Section, Value
from extractor.normalize import NormText, fold_char
from extractor.sections import subject_of

_FIELDS = patterns.load("fields")["field"]
_TEXT = patterns.load("text_fields")
_LABELS = [(f, regex.compile(f["label"]), regex.compile(f.get("after", ""))) for f in _FIELDS]
_SENTENCES = [regex.compile(f["sentence"]) if "sentence" in f else None for f in _FIELDS]
_LABEL_KEYS = {f["key"] for f in _FIELDS}
_STATED_ONCE = set(patterns.load("fields")["stated_once"])


def _asks(spec: dict, kind: str) -> bool:
    return kind in spec["kinds"] and not spec.get("line")


# for each kind, the labels of the fields a mention's own label can give joined: a label none of
# them fits is known so in one search, not eighteen ('line' fields are read by _label_line only)
_ANY_LABEL = {
    kind: regex.compile("|".join(f"(?:{f['label']})" for f in _FIELDS if _asks(f, kind)))
    for kind in {k for f in _FIELDS for k in f["kinds"]}
}


# (source, key, pattern, unless): a field's source is 'text_field' unless it says (patterns/sources.toml);
# 'unless', a pattern of the whole text that keeps the field from being read
_TEXT_FIELDS = [
    (
        f.get("source", "text_field"),
        f["key"],
        regex.compile(f["pattern"]),
        regex.compile(f.get("unless", "(?!)")),
    )
    for f in _TEXT["field"]
]
GRADES: dict[str, str] = patterns.load("grades")["aliases"]  # 优秀 -> 优 …
REPORT_OWN_NAME = regex.compile(patterns.load("report")["own_name"])

_KIND_OF_KEY = {"rate": NumberKind.percent, "count": NumberKind.count}
_HAN_GAP = regex.compile(r"(?<=\p{Han})[ \t]+(?=\p{Han})")


def value_of(norm: NormText, m: Mention) -> Value:
    return count_value(norm, m.fig) if m.kind == NumberKind.count else number_value(norm, m.fig)


def labelled_fields(norm: NormText, mentions: list[Mention], used: set[int]) -> dict[str, Value]:
    """Figures whose label matches a field of patterns/fields.toml."""
    out: dict[str, Value] = {}
    key_at: dict[int, str] = {}  # figure start -> the key it was read as
    twice: set[str] = set()  # keys stated once, found again with another figure
    for i, m in enumerate(mentions):
        if len(out) == len(_LABEL_KEYS):
            break  # every field found: the rest of a long document cannot add one
        if m.tabular or m.cited or m.fig.start in used:
            continue
        kind = m.kind.value
        words, after_words = _joined(m.label), None  # made once for every field asked
        if kind not in _ANY_LABEL or not _ANY_LABEL[kind].search(words):
            continue
        for (spec, label, after), sentence in zip(_LABELS, _SENTENCES, strict=True):
            key = spec["key"]
            if key in out and key not in _STATED_ONCE or kind not in spec["kinds"] or not label.search(words):
                continue
            if after_words is None:
                after_words = _joined(m.after)
            if not after.search(after_words):
                continue
            if sentence and not sentence.search(norm.text, m.sentence_start, m.fig.start):
                continue  # the sentence up to the figure must say so (…开展绩效自评，自评得分90分)
            if spec.get("line") or not _follows(spec.get("previous"), mentions, i, key_at):
                continue
            if key in out:  # stated again: the same figure, or another and then the key is none's
                if out[key].value != value_of(norm, m).value:
                    twice.add(key)
                continue
            out[key] = value_of(norm, m)
            used.add(m.fig.start)
            key_at[m.fig.start] = key
            break  # a figure serves one key only
    for spec, label, _ in _LABELS:
        if spec.get("line") and spec["key"] not in out:
            _label_line(norm, mentions, used, spec, label, out)
    return {k: v for k, v in out.items() if k not in twice}


_STAFF = [(f["key"], label) for f, label, _ in _LABELS if f["key"].startswith("staff.")]
_ANY_STAFF = regex.compile("|".join(f"(?:{label.pattern})" for _, label in _STAFF))


@lru_cache(maxsize=4096)
def staff_key(label: str) -> str | None:
    """The staff field a table's column label names (编制数, 2023 年实际在职人数), by the labels of
    patterns/fields.toml; None for any other text, or one that two fields' labels fit."""
    words = _joined(label)
    if not words or words[-1].isdigit() or not _ANY_STAFF.search(words):
        return None
    keys = {key for key, pattern in _STAFF if pattern.search(words)}
    return keys.pop() if len(keys) == 1 else None


def _joined(words: str) -> str:
    """A label or the words after a figure without the spaces a PDF's line breaks left between two
    Han characters, nor at its ends ('离 退休人数 ' -> '离退休人数', '内设 机构' -> '内设机构')."""
    return _HAN_GAP.sub("", words).strip()


def _label_line(
    norm: NormText,
    mentions: list[Mention],
    used: set[int],
    spec: dict,
    label: regex.Pattern,
    out: dict[str, Value],
) -> None:
    """A 'label: value' line of its own, taken only where the document has exactly one such line
    (several are the lines of indicator blocks: 自评得分：30分 under each indicator)."""
    found = [
        m
        for m in mentions
        if not m.tabular
        and m.kind.value in spec["kinds"]
        and label.search(m.label)
        and _opens_line(norm.text, m)
    ]
    if len(found) == 1 and found[0].fig.start not in used:
        out[spec["key"]] = value_of(norm, found[0])
        used.add(found[0].fig.start)


def _opens_line(text: str, m: Mention) -> bool:
    line_start = text.rfind("\n", 0, m.fig.start) + 1
    return text[line_start : m.fig.start].strip() == m.label.strip()


def _follows(previous: str | None, mentions: list[Mention], i: int, key_at: dict[int, str]) -> bool:
    """No `previous` asked, or the mention before it in the sentence is the execution rate ('rate')
    or was read as the key named ('budget.execution_score': 得分9.5分（权重10分）)."""
    if previous is None:
        return True
    prev = mentions[i - 1] if i else None
    if not prev or prev.sentence_start != mentions[i].sentence_start:
        return False
    return prev.role == "rate" if previous == "rate" else key_at.get(prev.fig.start) == previous


def names_a_report(name: str) -> bool:
    """Is this 项目名称 the report's own name (项目名称:部门整体支出绩效评价报告), not a project's?"""
    name = name.rstrip()
    return bool(REPORT_OWN_NAME.search(name)) or any(
        m.end() == len(name) for m in REPORT_TITLE.finditer(name)
    )


def _stated_apart(pattern: regex.Pattern, text: str, first: regex.Match, subjects: list[Section]) -> bool:
    """Whether the first statement stands in one parallel section and another of a different text in
    another (一、…等级为优秀 … 四、…等级为良好: four projects' grades, none the page's)."""
    held = subject_of(subjects, first.start())
    if held is None:
        return False
    return any(
        m["v"] != first["v"] and subject_of(subjects, m.start()) not in (None, held)
        for m in pattern.finditer(text, first.end())
    )


def text_fields(norm: NormText, source: str = "text_field", subjects: list[Section] = ()) -> dict[str, Value]:
    """Text fields of patterns/text_fields.toml (unit name, fill date, grade …) of one source; one
    stated otherwise in two of the parallel `subjects` (sections.parallel) is theirs, not the page's."""
    out: dict[str, Value] = {}
    for of, key, pattern, unless in _TEXT_FIELDS:
        if key in out or of != source:
            continue
        m = pattern.search(norm.text)
        if m and (unless.search(norm.text) or _stated_apart(pattern, norm.text, m, subjects)):
            continue
        if m and not (key == "report.project_name" and names_a_report(m["v"])):
            out[key] = text_value(norm, m.start("v"), m.end("v"))
    if "evaluation.grade" in out:
        grade = out["evaluation.grade"].value
        out["evaluation.grade"].value = GRADES.get("".join(map(fold_char, grade)), grade)  # 優秀 -> 优
    return out
