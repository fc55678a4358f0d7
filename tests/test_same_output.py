"""Same output: the whole flat view (findings included) of every fixture report is the committed one.

The files in fixtures/expected/same are written by ``fixtures/make_expected.py --same``; a change made
for speed (compiled patterns, the jieba store, lazy imports) must leave every one of them as it is.
"""

from __future__ import annotations

import importlib.util
import json
from decimal import Decimal
from pathlib import Path

import pytest

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"


def _make_expected():
    spec = importlib.util.spec_from_file_location("make_expected", FIXTURES / "make_expected.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


MAKE = _make_expected()
INPUTS = MAKE.same_inputs()


def test_every_input_has_its_expected_file_and_no_other():
    names = sorted(p.name for p in MAKE.SAME.glob("*.flat.json"))
    assert names == sorted(MAKE.same_name(p) for p in INPUTS)
    assert len(INPUTS) >= 50
    assert {p.suffix for p in INPUTS} == {".txt", ".pdf", ".docx"}


@pytest.mark.parametrize("report", INPUTS, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_flat_view_is_the_committed_one(report):
    expected = (MAKE.SAME / MAKE.same_name(report)).read_text(encoding="utf-8")
    got = MAKE.same_text(report)
    if got != expected:  # the keys that differ, for the message
        a = json.loads(expected, parse_float=Decimal)
        b = json.loads(got, parse_float=Decimal)
        changed = sorted(k for k in a.keys() | b.keys() if a.get(k) != b.get(k))
        pytest.fail(f"{report.name}: {len(changed)} keys differ, first {changed[:5]}")


def test_the_seed_keeps_its_values(tmp_path):
    """The comparison is of real values: the seed's expected file holds its budget and findings."""
    seed = json.loads((MAKE.SAME / "corpus-xj-street-2024.txt.flat.json").read_text(encoding="utf-8"))
    assert seed["budget.initial"] == 44060900
    assert any(k.startswith("findings.") for k in seed)
