"""The dev corpus as PDF and .docx (fixtures/documents/corpus, made by fixtures/make_documents.py).

Every report of fixtures/corpus is rendered the way an office export would: prose
wrapped (CJK) under a running header and above '- N -' footers, flattened table rows
drawn as typed (every space kept; very long rows wrapped and justified, numbers
broken across lines). Reading the PDF or the .docx must give what the text gives:
the same flat view (values, and findings by rule and severity), the gold values,
and the findings the notes expect.
"""

from __future__ import annotations

import json
import re
from decimal import Decimal
from functools import cache
from pathlib import Path
from typing import Any

import pytest
from test_corpus import NOT_YET_RAISED, NOT_YET_READ

from extractor import extract
from extractor.flat import flatten
from extractor.normalize import normalize
from extractor.read import read

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "fixtures" / "corpus"
DOCS = ROOT / "fixtures" / "documents" / "corpus"
NAMES = sorted(p.name.removesuffix(".gold.json") for p in DOCS.glob("*.gold.json"))
FINDING = re.compile(r"findings\.(\d+)\.(\w+)")


@cache
def view(path: Path) -> dict[str, Any]:
    """The flat view's values, and its findings as (rule, severity) in order."""
    flat = flatten(extract(path))
    values = {k: v for k, v in flat.items() if not FINDING.fullmatch(k)}
    count = sum(1 for k in flat if k.endswith(".rule") and FINDING.fullmatch(k))
    findings = [(flat[f"findings.{i}.rule"], flat[f"findings.{i}.severity"]) for i in range(1, count + 1)]
    return {"values": values, "findings": findings}


def test_every_corpus_report_has_its_documents() -> None:
    """All but b02, which a paragraph export cannot keep (make_documents.NOT_RENDERED)."""
    assert NAMES == sorted(p.stem for p in CORPUS.glob("*.txt") if p.stem != "b02")
    for name in NAMES:
        for suffix in (".pdf", ".docx", ".meta.json"):
            assert (DOCS / f"{name}{suffix}").is_file(), f"{name}{suffix}"
        gold = (DOCS / f"{name}.gold.json").read_bytes()
        assert gold == (CORPUS / f"{name}.gold.json").read_bytes(), f"{name}: gold differs from the corpus"


@pytest.mark.parametrize("suffix", [".pdf", ".docx"])
@pytest.mark.parametrize("name", NAMES)
def test_document_reads_as_its_text_version(name: str, suffix: str) -> None:
    text = view(CORPUS / f"{name}.txt")
    got = view(DOCS / f"{name}{suffix}")
    assert text["values"], f"{name}: the text version gives no values"
    keys = sorted(text["values"].keys() | got["values"].keys())
    differ = {k: (got["values"].get(k), text["values"].get(k)) for k in keys}
    differ = {k: pair for k, pair in differ.items() if pair[0] != pair[1]}
    assert not differ, f"{name}{suffix}: {len(differ)} keys differ (got, text): {differ}"
    assert got["findings"] == text["findings"]


@pytest.mark.parametrize("suffix", [".pdf", ".docx"])
@pytest.mark.parametrize("name", NAMES)
def test_document_normalizes_to_the_text_version(name: str, suffix: str) -> None:
    """Stronger than equal values: the reader gives back the very text, once normalized
    (wrapped lines rejoined, runs of spaces in table rows kept, headers and footers gone)."""
    want = normalize(read(CORPUS / f"{name}.txt")).text.split("\n")
    got = normalize(read(DOCS / f"{name}{suffix}")).text.split("\n")
    assert any(want), f"{name}: the text version is empty"
    assert got == want


@pytest.mark.parametrize("name", NAMES)
def test_pdf_values_equal_gold(name: str) -> None:
    """Exactly: numbers equal as Decimals (gold read with parse_float=Decimal), texts to the letter."""
    gold = json.loads((DOCS / f"{name}.gold.json").read_text(encoding="utf-8"), parse_float=Decimal)
    gold = {k: v for k, v in gold.items() if k not in NOT_YET_READ.get(name, set())}
    values = view(DOCS / f"{name}.pdf")["values"]
    assert gold, f"{name}: empty gold file"
    wrong = {k: (values.get(k), v) for k, v in gold.items() if values.get(k) != v}
    assert not wrong, f"{name}: {len(wrong)} of {len(gold)} gold keys differ (got, want): {wrong}"


@pytest.mark.parametrize("name", NAMES)
def test_pdf_raises_the_expected_findings(name: str) -> None:
    meta = json.loads((DOCS / f"{name}.meta.json").read_text(encoding="utf-8"))
    expected = {f["rule"] for f in meta["expected_findings"]} - NOT_YET_RAISED.get(name, set())
    raised = {rule for rule, _ in view(DOCS / f"{name}.pdf")["findings"]}
    assert expected <= raised, f"{name}: expected {sorted(expected - raised)} not raised"
