"""The same report written down differently gives the same values (metamorphic tests).

Each dev-corpus report is rewritten the ways submitted copies differ from one another
(full-width digits, Windows line endings, spaces before units, padded and indented
lines, a blank line after every line, a title PDF export spaced out letter by letter,
prose wrapped as PDF export wraps it, page-number lines left in, other encodings)
and must still give every gold value.
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path

import pytest
from test_corpus import NOT_YET_READ

from extractor.flat import flatten
from extractor.pipeline import extract_document
from extractor.read.text import read_text, text_document

CORPUS = Path(__file__).resolve().parent.parent / "fixtures" / "corpus"
NAMES = sorted(p.name[: -len(".gold.json")] for p in CORPUS.glob("*.gold.json"))
FULL_WIDTH = str.maketrans("0123456789%", "０１２３４５６７８９％")


def _spaced_title(text: str) -> str:
    """The first line naming a 报告/自评表 spaced out letter by letter (许 昌 市 …)."""
    lines = text.split("\n")
    for i, line in enumerate(lines[:4]):
        if re.search(r"报告|自评表", line) and "|" not in line and len(line) < 60:
            lines[i] = " ".join(line.replace(" ", ""))
            break
    return "\n".join(lines)


def _wrapped(text: str, width: int = 30) -> str:
    """Prose lines broken every `width` characters, as PDF export leaves them (table rows kept)."""
    out = []
    for line in text.split("\n"):
        if "|" in line or line.count(" ") > 2:
            out.append(line)
        else:
            out.extend(line[i : i + width] for i in range(0, max(len(line), 1), width))
    return "\n".join(out)


def _page_lines(text: str, marker: str = "- {} -", every: int = 12) -> str:
    """A page-number line after every `every` lines, as text copied out of a PDF keeps them."""
    lines = text.split("\n")
    out = []
    for i, line in enumerate(lines, 1):
        out.append(line)
        if i % every == 0:
            out.append(marker.format(i // every))
    return "\n".join(out)


VARIANTS: dict[str, Callable[[str], str]] = {
    "full-width-digits": lambda t: t.translate(FULL_WIDTH),
    "crlf": lambda t: t.replace("\n", "\r\n"),
    "space-before-unit": lambda t: re.sub(r"(\d)(万元|元|人|个|%)", r"\1 \2", t),
    "padded-lines": lambda t: "\n".join(f"\u3000{x}  " if x.strip() else x for x in t.split("\n")),
    "blank-line-between": lambda t: "\n\n".join(t.split("\n")),
    "spaced-title": _spaced_title,
    "wrapped-prose": _wrapped,
    "page-number-lines": _page_lines,
    "page-of-lines": lambda t: _page_lines(t, "第 {} 页 共 9 页", 9),
}
ENCODINGS = ["gb18030", "utf-16", "utf-8-sig"]


def _plain(v: object) -> object:
    if isinstance(v, (int, float, Decimal)) and not isinstance(v, bool):
        return Decimal(str(v))
    if isinstance(v, str):
        return re.sub(r"\s+", "", unicodedata.normalize("NFKC", v))
    if isinstance(v, list):
        return sorted(_plain(x) for x in v)  # type: ignore[type-var]
    return v


def _gold(name: str) -> dict:
    """The gold values, less those tests/test_corpus.py lists as not read yet."""
    gold = json.loads((CORPUS / f"{name}.gold.json").read_text(encoding="utf-8"), parse_float=Decimal)
    return {k: v for k, v in gold.items() if k not in NOT_YET_READ.get(name, set())}


def _differences(gold: dict, flat: dict) -> dict:
    return {k: (v, flat.get(k)) for k, v in gold.items() if _plain(flat.get(k)) != _plain(v)}


@pytest.mark.parametrize("variant", sorted(VARIANTS))
@pytest.mark.parametrize("name", NAMES)
def test_rewritten_report_gives_every_gold_value(name: str, variant: str) -> None:
    text = (CORPUS / f"{name}.txt").read_text(encoding="utf-8")
    doc = text_document(f"{name}.txt", VARIANTS[variant](text))
    assert _differences(_gold(name), flatten(extract_document(doc))) == {}


@pytest.mark.parametrize("encoding", ENCODINGS)
@pytest.mark.parametrize("name", NAMES)
def test_report_in_another_encoding_gives_every_gold_value(name: str, encoding: str) -> None:
    data = (CORPUS / f"{name}.txt").read_text(encoding="utf-8").encode(encoding)
    doc = read_text(f"{name}.txt", data)
    assert _differences(_gold(name), flatten(extract_document(doc))) == {}
