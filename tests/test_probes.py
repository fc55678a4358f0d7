"""Probe reports written to try templates of other provinces (fixtures/probes), against their
hand-checked gold files, strictly: numbers equal as Decimals, texts equal once whitespace is
removed, lists equal as sets. A probe keeps counting once its class is fixed."""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path

import pytest
from test_corpus import _plain

from extractor import extract
from extractor.flat import flatten

PROBES = Path(__file__).resolve().parent.parent / "fixtures" / "probes"
NAMES = sorted(p.name[: -len(".gold.json")] for p in PROBES.glob("*.gold.json"))


def document(name: str) -> Path:
    """The probe's report: NAME.txt, or NAME.docx made by fixtures/make_probes.py."""
    return next(p for p in sorted(PROBES.glob(f"{name}.*")) if not p.name.endswith(".json"))


def test_there_are_probes() -> None:
    assert len(NAMES) >= 5 and all(document(n).is_file() for n in NAMES)
    assert {document(n).suffix for n in NAMES} == {".txt", ".docx"}


@pytest.mark.parametrize("name", NAMES)
def test_every_probe_gold_value_exactly(name: str) -> None:
    gold = json.loads((PROBES / f"{name}.gold.json").read_text(encoding="utf-8"), parse_float=Decimal)
    flat = flatten(extract(document(name)))
    differ = {k: (flat.get(k), v) for k, v in gold.items() if _plain(flat.get(k)) != _plain(v)}
    assert not differ, f"{name}: (got, want) {differ}"
