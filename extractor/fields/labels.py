"""Labels matched with tolerance: a header or row label to its role in a vocabulary.

A cell matches a role when its compact text (folded, no spaces) is one of the role's words,
followed by a short bracketed note and a colon (``label_tail``: '(万元)', '(A)', '(50分)').
A word of four or more characters also matches with one character wrong, missing or extra
(OCR and typing: '年初预匏数', '全年执 行数', '项Fl资金'); a cell holding a digit is never
matched so, since a figure is never a label.
"""

from __future__ import annotations

from functools import lru_cache

import regex

import patterns
from extractor.fields.cells import compact

_T = patterns.load("tables")
_TAIL = _T["label_tail"]
_META = regex.compile(r"[\\()\[\]{}.*+?|^$]")
_NOTE = regex.compile(r"(?:\([^()]{0,12}\))?:?$")
_DIGIT = regex.compile(r"\d")
FUZZY_MIN = 4  # words shorter than this match exactly only
# texts shorter than this are never matched out of order: two broken header pieces joined the
# wrong way round ('指标' + '一级') are no word (vertical level labels have their own ``Anagrams``)
SCRAMBLED_MIN = 5


def _known_labels() -> regex.Pattern[str]:
    """Every label of the table vocabulary: a cell that is one exactly is never taken for another
    word one character away (年度预算数, a group header, is not 年初预算数)."""
    groups = [
        _T["key"],
        _T["budget"]["columns"],
        _T["budget"]["rows"],
        _T["blocks"],
        _T["indicator"]["columns"],
    ]
    words = [w for g in groups for ws in g.values() for w in ws]
    words += _T["indicator"]["levels"]["level1"] + _T["indicator"]["levels"]["level2"]
    return regex.compile("(?:" + "|".join(sorted(set(words), key=lambda w: (-len(w), w))) + ")" + _TAIL)


KNOWN = _known_labels()


def within_one_edit(a: str, b: str) -> bool:
    """Whether a and b differ by at most one character replaced, inserted or deleted."""
    if abs(len(a) - len(b)) > 1:
        return False
    if min(len(a), len(b)) >= 2 and a[0] != b[0] and a[-1] != b[-1]:
        return False  # one edit leaves the first or the last character in place
    if len(a) == len(b):
        return sum(x != y for x, y in zip(a, b, strict=True)) <= 1
    short, long_ = (a, b) if len(a) < len(b) else (b, a)
    i = 0
    while i < len(short) and short[i] == long_[i]:
        i += 1
    return short[i:] == long_[i + 1 :]


class NearWords:
    """Literal words of four or more characters, each with its role, found one character wrong,
    missing or extra in a compact text (its note and colon aside, never one holding a digit), or
    with its characters out of order (a merged header cell whose lines a site's text extraction read
    across: '年成值全完值' for 全年完成值, five characters or more, one extra allowed); a
    text near the words of two roles matches none. ``shortest``: the fewest characters a text
    may have to be matched so (a word's length less one lets a missing character be found)."""

    def __init__(self, words: list[tuple[str, str]], shortest: int = FUZZY_MIN) -> None:
        self.shortest = shortest
        # each word under itself and under each of its one-character deletions: two texts one edit
        # apart share one of these keys, so only the words under a text's keys are compared with it
        self._by_key: dict[str, list[tuple[str, str]]] = {}
        self._scrambled: dict[str, set[str]] = {}  # a word's characters in sorted order -> roles
        for word, role in words:
            if len(word) >= FUZZY_MIN and not _META.search(word):
                for key in {word, *_deletions(word)}:
                    self._by_key.setdefault(key, []).append((word, role))
                if len(word) >= SCRAMBLED_MIN:
                    self._scrambled.setdefault(_letters(word), set()).add(role)

    def role(self, compact_text: str) -> str | None:
        bare = _NOTE.sub("", compact_text)
        if len(bare) < self.shortest or _DIGIT.search(bare):
            return None
        near = {w for key in {bare, *_deletions(bare)} for w in self._by_key.get(key, ())}
        hits = {role for word, role in near if within_one_edit(bare, word)}
        if not hits:
            hits = self._scrambled_roles(bare)
        return hits.pop() if len(hits) == 1 else None

    def _scrambled_roles(self, bare: str) -> set[str]:
        """The roles of the words of SCRAMBLED_MIN characters or more whose characters the text holds
        out of order, or with one more."""
        if len(bare) < SCRAMBLED_MIN:
            return set()
        hits = set(self._scrambled.get(_letters(bare), ()))
        if len(bare) > SCRAMBLED_MIN:
            for key in {_letters(d) for d in _deletions(bare)}:
                hits |= self._scrambled.get(key, set())
        return hits


def _letters(word: str) -> str:
    return "".join(sorted(word))


def _deletions(word: str) -> list[str]:
    """The word with one of its characters left out, for each character."""
    return [word[:i] + word[i + 1 :] for i in range(len(word))]


class Anagrams:
    """Words of four or more characters found with their characters out of order: a vertical cell
    (one character a line) read across the columns of its lines gives '性标定指' for 定性指标 and
    '出标产指' for 产出指标. No other word has the same characters, so the word is not in doubt."""

    def __init__(self, words: list[str]) -> None:
        self.words = {"".join(sorted(w)): w for w in words if len(w) >= FUZZY_MIN and not _META.search(w)}

    def word(self, text: str) -> str | None:
        c = compact(text)
        return self.words.get("".join(sorted(c))) if len(c) >= FUZZY_MIN else None


class Vocabulary:
    """Roles and their words (regular expressions, ``patterns/*.toml``), matched against cells."""

    def __init__(self, table: dict[str, list[str]], literal: bool = True, tail: str = _TAIL) -> None:
        self.patterns = {
            role: regex.compile("(?:" + "|".join(words) + ")" + tail) for role, words in table.items()
        }
        words = [(w, role) for role, ws in table.items() for w in ws] if literal else []
        self.near = NearWords(words, shortest=FUZZY_MIN - 1)
        # one pattern for all roles: most cells match none, and learn it in one call
        self._any = regex.compile("|".join(f"(?:{p.pattern})" for p in self.patterns.values()))
        self.role = lru_cache(maxsize=8192)(self._role)
        self.exact = lru_cache(maxsize=8192)(self._exact)

    def _exact(self, text: str) -> bool:
        """Whether the text is one of the words as written (no character wrong)."""
        return bool(self._any.fullmatch(compact(text)))

    def _role(self, text: str) -> str | None:
        c = compact(text)
        if not c:
            return None
        if self._any.fullmatch(c):
            for role, pattern in self.patterns.items():
                if pattern.fullmatch(c):
                    return role
        return None if KNOWN.fullmatch(c) else self.near.role(c)
