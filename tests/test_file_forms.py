"""One report in the file forms units send (fixtures/forms: copies of dev-corpus reports).

p03 (a Shandong 项目 table) as .xlsx, .xls, .docx and .pdf; p06 (a Hunan 部门整体 table) as
.txt (Word saved as text, one cell a line), .xlsx, .docx and .pdf; d02 (a prose report) as
.txt, .doc, .docx and .pdf; d06 as .txt, .docx and .pdf. Every form must give every gold
value exactly, the findings the notes expect and none on their clean checks, and every form
of one report the same values.
"""

from __future__ import annotations

import json
import re
from decimal import Decimal
from functools import cache
from pathlib import Path
from typing import Any

import pytest
from test_corpus import _plain

from extractor import extract
from extractor.flat import flatten

FORMS = Path(__file__).resolve().parent.parent / "fixtures" / "forms"
SETS = sorted(p.name.removesuffix(".gold.json") for p in FORMS.glob("*.gold.json"))
FILES = sorted(p for p in FORMS.iterdir() if not p.name.endswith(".json") and p.name[:3] in SETS)
FINDING = re.compile(r"findings\.\d+\.\w+")


@cache
def flat_of(path: Path) -> dict[str, Any]:
    return flatten(extract(path))


def test_every_set_has_several_forms() -> None:
    assert SETS == ["d02", "d06", "p03", "p06"]
    assert {s: sum(1 for f in FILES if f.name.startswith(s)) for s in SETS} == {
        "d02": 4,
        "d06": 3,
        "p03": 4,
        "p06": 4,
    }


@pytest.mark.parametrize("path", FILES, ids=[p.name for p in FILES])
def test_every_form_gives_every_gold_value(path: Path) -> None:
    gold = json.loads((FORMS / f"{path.name[:3]}.gold.json").read_text(encoding="utf-8"), parse_float=Decimal)
    flat = flat_of(path)
    differ = {k: (flat.get(k), v) for k, v in gold.items() if _plain(flat.get(k)) != _plain(v)}
    assert not differ, f"{path.name}: (got, want) {differ}"


@pytest.mark.parametrize("path", FILES, ids=[p.name for p in FILES])
def test_every_form_raises_the_expected_findings_only(path: Path) -> None:
    meta = json.loads((FORMS / f"{path.name[:3]}.meta.json").read_text(encoding="utf-8"))
    flat = flat_of(path)
    rules = {flat[k]: flat[k.replace(".rule", ".severity")] for k in flat if k.endswith(".rule")}
    assert {f["rule"] for f in meta["expected_findings"]} <= set(rules)
    assert not {r for r, sev in rules.items() if sev != "info"} & set(meta["clean_checks"])


@pytest.mark.parametrize("name", SETS)
def test_every_form_of_one_report_gives_the_same_values(name: str) -> None:
    views = {
        p.name: {k: v for k, v in flat_of(p).items() if not FINDING.fullmatch(k)}
        for p in FILES
        if p.name.startswith(name)
    }
    gold_keys = set(json.loads((FORMS / f"{name}.gold.json").read_text(encoding="utf-8")))
    first, *rest = views.items()
    for other, view in rest:
        same = {k: view.get(k) for k in gold_keys}
        assert same == {k: first[1].get(k) for k in gold_keys}, (first[0], other)
