"""Character classes of the script, defined once: a Han character (汉字), and a character set wide
in CJK text (Han, CJK punctuation 。、「」 and the full-width forms （１２）)."""

from __future__ import annotations

import regex

HAN = regex.compile(r"\p{Han}")
CJK_WIDE = regex.compile(r"[\p{Han}\u3000-\u303f\uff00-\uffef]")
