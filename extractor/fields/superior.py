"""Superior money (``budget.source.superior``) stated by its parts (issue 11, point 7).

A fund of a level (中央资金520万元, 省级资金180万元, 州级专项资金 …) is one part of the superior
money. A run of such funds, one figure after the other in a sentence, is summed only where the
sentence says they are the parts of that money:

- a frame naming the superior money before a cue, in the words before the first part (上级资金包括
  中央资金520万元、省级资金180万元 / 争取上级资金，其中中央…), with the list closed after the last
  part (the sentence ends, a stronger break follows, or the unit's own money comes next);
- or a whole they break down (资金总额850万元，其中中央…、省级…、区级配套资金150万元) whose other parts
  are all the unit's own or other money, one of them its own, and that all the parts add up to at
  their printed precision (``validate/interval.py``).

Otherwise a fund of the centre read as the superior money beside a fund of a level in between is
left out: it is not all of it, and a wrong value is worse than a missing one. Vocabulary:
``patterns/budget.toml`` [superior_level].
"""

from __future__ import annotations

from collections.abc import Iterator

import regex

import patterns
from extractor.fields.mentions import Mention, break_level
from extractor.fields.values import number_value
from extractor.models import NumberKind, Value
from extractor.normalize import NormText
from extractor.validate.interval import finest, rounding_interval, total

_L = patterns.load("budget")["superior_level"]
CENTRAL = regex.compile(_L["central"])
BETWEEN = regex.compile(_L["label"])
FRAME = regex.compile(_L["frame"])
OPEN_LIST = regex.compile(_L["open_list"])
KEY = "budget.source.superior"
NOT_SUPERIOR = ("own", "other")  # subjects of the money beside the superior one


def settle(
    norm: NormText, out: dict[str, Value], read_from: dict[str, Mention], mentions: list[Mention]
) -> None:
    """Sum, keep or leave out the superior money read from mention `read_from[KEY]`."""
    m = read_from.get(KEY)
    if m is None:
        _from_levels(norm, out, mentions)
        return
    sentence = [o for o in mentions if o.sentence_start == m.sentence_start]
    run = _run(sentence, m)
    if len(run) > 1 and (_framed(norm.text, run, sentence) or _breaks_down(norm, run)):
        out[KEY] = _sum(norm, run)
    elif len(run) > 1 or ("中央" in m.label and any(BETWEEN.search(o.label) for o in sentence if o is not m)):
        del out[KEY]


def _level_fund(m: Mention) -> bool:
    label = m.label.strip()
    return bool(CENTRAL.search(label) or BETWEEN.search(label))


def _part_of_run(o: Mention, m: Mention) -> bool:
    return (
        o.kind == NumberKind.amount
        and not (o.tabular or o.cited)
        and o.depth == m.depth
        and _level_fund(o)
        and not _not_superior(o)
    )


def _not_superior(o: Mention) -> bool:
    return o.explicit_subject and o.subject in NOT_SUPERIOR


def _run(sentence: list[Mention], m: Mention) -> list[Mention]:
    """The funds of a level next to each other around `m` (just `m` when it names no level)."""
    i = next(n for n, o in enumerate(sentence) if o is m)
    if not _part_of_run(m, m):
        return [m]
    a = i
    while a > 0 and _part_of_run(sentence[a - 1], m):
        a -= 1
    b = i + 1
    while b < len(sentence) and _part_of_run(sentence[b], m):
        b += 1
    return sentence[a:b]


def _framed(text: str, run: list[Mention], sentence: list[Mention]) -> bool:
    """The superior money is named before a cue that opens the run, and the list is closed."""
    if not FRAME.search(run[0].between) or OPEN_LIST.search(text[run[-1].fig.end :]):
        return False
    i = next(n for n, o in enumerate(sentence) if o is run[-1])
    if i + 1 == len(sentence):
        return True
    following = sentence[i + 1]
    listed = max(break_level(p.between) for p in run[1:])
    return _not_superior(following) or break_level(following.between) > listed


def _from_levels(norm: NormText, out: dict[str, Value], mentions: list[Mention]) -> None:
    """Where no superior money was read: the first run of funds of a level in between (省级财政补助资金
    100.00万元，县级财政配套资金62.00万元) that breaks down the initial budget with the unit's own money
    beside it, all adding up to the whole: the funds above the unit's own level are its superior money."""
    for run in _level_runs(mentions):
        in_between = any(BETWEEN.search(p.label.strip()) and p.role in ("initial", "none") for p in run)
        if in_between and _breaks_down(norm, run, centre=False):
            out[KEY] = _sum(norm, run)
            return


def _level_runs(mentions: list[Mention]) -> Iterator[list[Mention]]:
    """Each longest run of funds of a level next to each other in a sentence (as ``_run`` finds
    around one of them), in one pass over the mentions (a sentence's are next to each other)."""
    run: list[Mention] = []
    for o in mentions:
        if run and o.sentence_start == run[0].sentence_start and _part_of_run(o, run[0]):
            run.append(o)
            continue
        if run:
            yield run
        run = [o] if _part_of_run(o, o) else []
    if run:
        yield run


def _breaks_down(norm: NormText, run: list[Mention], centre: bool = True) -> bool:
    """The run is part of a breakdown of one whole whose other parts are own or other money (one
    of them own), with a fund of the centre among the run (unless not `centre`), all adding up to
    the whole."""
    whole = run[0].whole
    if whole is None or any(p.whole is not whole for p in run):
        return False
    others = [p for p in whole.parts if all(p is not r for r in run)]
    if len(others) + len(run) != len(whole.parts) or not all(_not_superior(p) for p in others):
        return False
    if not any(p.subject == "own" for p in others):
        return False
    if centre and not any(CENTRAL.search(p.label.strip()) for p in run):
        return False
    parts = finest([number_value(norm, p.fig) for p in whole.parts])
    return total(parts).intersects(rounding_interval(number_value(norm, whole.fig)))


def _sum(norm: NormText, run: list[Mention]) -> Value:
    """One amount for the parts: their sum, read where they stand, at the finest precision of them."""
    values = [number_value(norm, p.fig) for p in run]
    fine = min(values, key=lambda v: v.scale / 10**v.decimals)
    return Value(
        value=sum(v.value for v in values),
        raw="+".join(v.raw for v in values),
        span=norm.span(run[0].fig.start, run[-1].fig.end),
        kind=NumberKind.amount,
        unit=fine.unit,
        decimals=fine.decimals,
        scale=fine.scale,
    )
