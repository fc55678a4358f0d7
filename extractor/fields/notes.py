"""Notes and prose that name an indicator which fell short: one entry point, ``shortfalls``.

A self-evaluation form often explains its one missed target below the table, by the indicator's
name ('说明：年出栏商品猪未达到年初目标，主要原因是…；下一步将…。'). The note gives that indicator its
met (false), deviation reason and improvement, where the row itself stated none. The report's prose
may state it too, with the row's actual ('受益群众满意度为88%，未达到90%的目标'): that gives the met.
Vocabulary: ``patterns/indicators.toml`` [note].
"""

from __future__ import annotations

import os
from decimal import Decimal

import regex

import patterns
from extractor.fields.values import text_value
from extractor.models import Indicator, Value
from extractor.normalize import NormText, fold

_N = patterns.load("indicators")["note"]
NAME_BRACKETS = regex.compile(_N["name_brackets"])
NOTE = regex.compile(
    _N["before_name"]
    + "(?P<name>"
    + _N["name"]
    + ")(?P<short>"
    + _N["shortfall"]
    + ")"
    + _N["reason"]
    + _N["improvement"]
)
STATED = regex.compile(_N["stated_words"] + _N["stated_figure"] + _N["stated_compared"] + _N["stated_short"])
STATED_TARGET = regex.compile(
    _N["stated_words"] + _N["stated_target"] + _N["stated_figure"] + _N["stated_target_end"]
)
# …or with the row's target alone, the clause naming no indicator (…暂停供餐，未达到18万人次的年度目标)
STATED_TARGET_ALONE = regex.compile(_N["stated_target"] + _N["stated_figure"] + _N["stated_target_end"])
STATED_MET = regex.compile(_N["stated_met"] + _N["stated_figure"] + _N["stated_met_end"])
STATED_MET_BEFORE = regex.compile(_N["stated_met_before"] + _N["stated_figure"] + _N["stated_target_end"])
_REACHED_PARTS = ("stated_words", "stated_figure", "stated_noun", "stated_compared", "stated_reached")
STATED_REACHED = regex.compile("".join(_N[part] for part in _REACHED_PARTS))
STATED_BELOW = regex.compile(_N["stated_below"] + _N["stated_figure"] + _N["stated_met_end"])
MET_STATEMENTS = (STATED_MET, STATED_MET_BEFORE, STATED_REACHED)
ACTUAL_BEFORE = regex.compile(_N["stated_figure"] + "[ \t]*,[ \t]*$")  # the clause before: an actual
ACTUAL_REACH = 20  # characters before a statement that the actual's figure is looked for in
STATED_SUFFIX = int(_N["stated_suffix"])
STATED_CUES = regex.compile("|".join(_N["stated_cues"]))  # words every shortfall statement holds
MET_CUES = regex.compile("|".join(_N["met_cues"]))  # …and every met statement


def shortfalls(norm: NormText, indicators: list[Indicator]) -> None:
    """Fill met / deviation_reason / improvement of each indicator a note names as short."""
    by_name = {name: ind for ind in indicators if (name := _core_name(ind))}
    for m in NOTE.finditer(norm.text) if by_name else ():
        ind = by_name.get(m["name"].strip())
        if ind is None:
            continue
        if ind.met is None:
            ind.met = Value(value=False, raw=m["short"], span=norm.span(m.start("short"), m.end("short")))
        if ind.deviation_reason is None:
            end = m.end("reason") + _closing_stop(norm.text, m.end("reason"))
            ind.deviation_reason = text_value(norm, m.start("reason"), end)
        if ind.improvement is None and m["improvement"]:
            ind.improvement = text_value(norm, m.start("improvement"), m.end("improvement"))
    _stated_shortfalls(norm, [ind for ind in indicators if ind.met is None and _numeric_actual(ind)])
    _stated_met(norm, [ind for ind in indicators if ind.met is None and _meets(ind)])


def _stated_shortfalls(norm: NormText, open_rows: list[Indicator]) -> None:
    """The met (false) of each row the prose states short: with its actual (the words before the
    figure end with the row's name, or its last characters), or with its target (未达到240万元的年度目标,
    低于95%的目标值); of the rows that fit, the one sharing the most of its name, none where two share
    as much."""
    if not open_rows:
        return
    lines = _lines_holding(norm.text, STATED_CUES)
    statements = [(m, "actual") for m in _in_lines(STATED, norm.text, lines)]
    statements += [
        (m, "target")
        for p in (STATED_TARGET, STATED_TARGET_ALONE, STATED_BELOW)
        for m in _in_lines(p, norm.text, lines)
    ]
    _settle(norm, statements, open_rows, False)


def _stated_met(norm: NormText, open_rows: list[Indicator]) -> None:
    """The met (true) of the row a statement says reached its target: by the target (超过6000件的年度
    目标, 超额完成年度目标120场), the row's actual meeting it and, where stated just before, being it
    (整改率92%,高于不低于90%的目标: of two rows of a 90% target, the one of 92%); or by its actual
    (…126处，完成年度目标)."""
    if not open_rows:
        return
    text = norm.text
    lines = _lines_holding(text, MET_CUES)
    statements = [(m, "target") for p in (STATED_MET, STATED_MET_BEFORE) for m in _in_lines(p, text, lines)]
    statements += [(m, "actual") for m in _in_lines(STATED_REACHED, text, lines)]
    _settle(norm, statements, open_rows, True)


def _lines_holding(text: str, cues: regex.Pattern) -> list[tuple[int, int]]:
    """The (start, end) of each line holding one of the cue words, in order: a statement is one
    clause of one line, and holds its cue, so the statement patterns (whose first part tries up to
    40 characters at every position) are run on those lines only, not over the whole text."""
    lines: list[tuple[int, int]] = []
    for m in cues.finditer(text):
        if lines and m.start() < lines[-1][1]:
            continue
        start = text.rfind("\n", 0, m.start()) + 1
        end = text.find("\n", m.end())
        lines.append((start, len(text) if end < 0 else end))
    return lines


def _in_lines(pattern: regex.Pattern, text: str, lines: list[tuple[int, int]]) -> list[regex.Match]:
    """The pattern's matches in those lines (a match never spans a line: none of its parts takes a
    line break; the lookbehinds still see the text before the line)."""
    return [m for start, end in lines for m in pattern.finditer(text, start, end)]


def _settle(
    norm: NormText, statements: list[tuple[regex.Match, str]], rows: list[Indicator], met: bool
) -> None:
    for m, measure in statements:
        fits = [(shared, ind) for ind in rows if (shared := _states(m, ind, measure))]
        best = max((shared for shared, _ in fits), default=0)
        named = [ind for shared, ind in fits if shared == best]  # a row already settled still fits
        if len(named) == 1 and named[0].met is None:
            named[0].met = Value(value=met, raw=m["short"], span=norm.span(m.start("short"), m.end("short")))


def _states(m: regex.Match, ind: Indicator, measure: str) -> int:
    """How well the statement's words name the row (0: not at all), its figure and unit being the
    row's `measure` (actual, or target): the characters of its name that end them; else 1 where
    they share the name's content words as the validator's ``cross.mention`` links a mention to
    an indicator (改造农村公厕 27座 for 农村公厕改造数量), or where no words name it and the row's
    figures agree with the statement (it falls short, or meets its target)."""
    stated, noun = getattr(ind, measure), _noun(m, _unit(ind))
    if stated is None or Decimal(m["figure"]) != stated.value or noun is None:
        return 0
    agrees = _meets(ind) if m.re in MET_STATEMENTS else _falls_short(ind)
    if "words" not in m.groupdict():  # the target alone names the row whose actual misses or meets it
        before = ACTUAL_BEFORE.search(m.string, max(0, m.start() - ACTUAL_REACH), m.start())
        if before is not None and not _is_actual(ind, before):
            return 0  # 满意度为85%，未达到90%的目标 beside a row of 88%: another figure, no row's
        return int(agrees)
    name, words = _core_name(ind) or "", m["words"].strip()
    shared = len(os.path.commonprefix([name[::-1], words[::-1]]))
    if shared >= min(len(name), STATED_SUFFIX) and not noun:
        return shared
    if _named_by_content(name, words + noun):
        return 1
    return int(measure == "actual" and agrees and not noun)  # 实际完成10人,未达到年度目标: its actual, short


def _noun(m: regex.Match, unit: str) -> str | None:
    """The statement's noun after the row's unit ('' where it states none); None where its unit is
    not the row's."""
    if "noun" not in m.groupdict():
        return "" if m["unit"] == unit else None
    tail = m["unit"] + (m["noun"] or "")
    return tail[len(unit) :] if tail.startswith(unit) else None


def _named_by_content(name: str, words: str) -> bool:
    from extractor.validate.crossmention import MIN_SHARE, MIN_SHARED, content_words

    mine = content_words(name)
    shared = mine & content_words(words)
    return len(shared) >= MIN_SHARED and len(shared) >= MIN_SHARE * len(mine)


def _is_actual(ind: Indicator, m: regex.Match) -> bool:
    return ind.actual is not None and Decimal(m["figure"]) == ind.actual.value and m["unit"] == _unit(ind)


def _unit(ind: Indicator) -> str:
    """The row's unit folded as the text is ('' where it states none)."""
    return fold(ind.unit.value) if ind.unit is not None and isinstance(ind.unit.value, str) else ""


def _falls_short(ind: Indicator) -> bool:
    """Whether the row's actual misses its numeric target the way its operator says."""
    return _compared(ind) is False


def _meets(ind: Indicator) -> bool:
    """Whether the row's actual meets its numeric target the way its operator says."""
    return _compared(ind) is True


def _compared(ind: Indicator) -> bool | None:
    """Whether the row's numeric actual meets its numeric target by its operator (None: not decidable)."""
    target, op = ind.target, ind.target_op.value if ind.target_op is not None else None
    if target is None or not isinstance(target.value, Decimal) or not _numeric_actual(ind):
        return None
    actual, goal = ind.actual.value, target.value  # type: ignore[union-attr]
    meets = {">=": actual >= goal, ">": actual > goal, "<=": actual <= goal, "<": actual < goal}
    return meets.get(str(op), actual >= goal if op == "=" else None)


def _numeric_actual(ind: Indicator) -> bool:
    return ind.actual is not None and isinstance(ind.actual.value, Decimal)


def _core_name(ind: Indicator) -> str | None:
    """The indicator's name folded, without the brackets ending it (年出栏商品猪（≥**头）)."""
    if ind.name is None or not isinstance(ind.name.value, str):
        return None
    return NAME_BRACKETS.sub("", fold(ind.name.value)).strip() or None


def _closing_stop(text: str, at: int) -> int:
    """1 where the reason's sentence ends its line with a full stop (kept, as a reason cell keeps it)."""
    return int(text[at : at + 1] == "。" and text[at + 1 : at + 2] in ("", "\n"))
