"""The characters a match of a pattern can begin with, put before the pattern as a lookahead
(``guarded``): neither ``re`` nor ``regex`` skips on its own the positions where no alternative of
a long alternation of words can start ('(?:填表人|填报人):.+|全年\\(.{0,4}\\)预算数|…'), so each
alternative is tried at each character; with ``(?=[填全…])`` in front one class test rules a
position out. The matches are the same: the lookahead only asks what every match has."""

from __future__ import annotations

import re
import re._constants as C  # noqa: N812 (the parser's opcodes)
import re._parser as P  # noqa: N812

_MAX_CHARS = 512  # more first characters than this: no guard (a class that large gains nothing)


def first_chars(pattern: str) -> frozenset[str] | None:
    """Every character a non-empty match of ``pattern`` (``re`` syntax, no flags) starts with; None
    where that is not known for sure (a class by category, an optional first item, a flag …)."""
    try:
        parsed = P.parse(pattern)
    except re.error:
        return None
    if parsed.state.flags & ~(C.SRE_FLAG_UNICODE):
        return None
    found = _of_items(list(parsed))
    return frozenset(found) if found and len(found) <= _MAX_CHARS else None


def _of_items(items: list) -> set[str] | None:
    if not items:
        return None  # an empty alternative matches anywhere
    op, av = items[0]
    if op is C.LITERAL:
        return {chr(av)}
    if op is C.IN:
        return _of_class(av)
    if op is C.SUBPATTERN:
        _, add_flags, del_flags, sub = av
        return _of_items(list(sub)) if not add_flags and not del_flags else None
    if op is C.BRANCH:
        out: set[str] = set()
        for alternative in av[1]:
            chars = _of_items(list(alternative))
            if chars is None:
                return None
            out |= chars
        return out
    if op in (C.MAX_REPEAT, C.MIN_REPEAT) and av[0] >= 1:
        return _of_items(list(av[2]))
    return None


def _of_class(av: list) -> set[str] | None:
    out: set[str] = set()
    for op, arg in av:
        if op is C.LITERAL:
            out.add(chr(arg))
        elif op is C.RANGE and arg[1] - arg[0] < _MAX_CHARS:
            out.update(chr(c) for c in range(arg[0], arg[1] + 1))
        else:
            return None  # a negated class, a category (\d), a large range
    return out


def guarded(pattern: str) -> str:
    """``pattern`` behind a lookahead for its first characters (itself where they are not known)."""
    chars = first_chars(pattern)
    if chars is None:
        return pattern
    return "(?=[" + "".join(re.escape(ch) for ch in sorted(chars)) + "])(?:" + pattern + ")"
