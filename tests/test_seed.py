"""The seed report end to end: the golden flat view, the hand-checked gold values, provenance."""

from __future__ import annotations

import importlib.util
import json
import re
from decimal import Decimal
from pathlib import Path

import pytest

from extractor.flat import dumps

FINDINGS = "findings."


def without_findings(flat: dict) -> dict:
    return {k: v for k, v in flat.items() if not k.startswith(FINDINGS)}


def as_json(flat: dict) -> dict:
    """The flat view as it reads back from JSON (Decimals exact)."""
    return json.loads(dumps(flat), parse_float=Decimal)


def load_make_expected(fixtures_dir: Path):
    spec = importlib.util.spec_from_file_location("make_expected", fixtures_dir / "make_expected.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


# --------------------------------------------------------------------------- golden file


def test_flat_view_matches_the_golden_file(seed_flat, seed_expected_path):
    golden = json.loads(seed_expected_path.read_text(encoding="utf-8"), parse_float=Decimal)
    assert not any(k.startswith(FINDINGS) for k in golden)
    assert list(golden) == sorted(golden)
    assert as_json(without_findings(seed_flat)) == golden


def test_golden_file_is_what_make_expected_writes(tmp_path, fixtures_dir, seed_path, seed_expected_path):
    make_expected = load_make_expected(fixtures_dir)
    assert make_expected.main([str(seed_path), "--outdir", str(tmp_path)]) == 0
    written = tmp_path / "xj-street-2024.flat.json"
    assert written.read_bytes() == seed_expected_path.read_bytes()


def test_golden_values_are_exact_decimals(seed_expected_path):
    text = seed_expected_path.read_text(encoding="utf-8")
    assert '"budget.initial": 44060900,' in text
    assert '"budget.execution_rate": 96.41,' in text
    assert '"indicators.1.score": 19.77,' in text
    assert "乌鲁木齐高新技术产业开发区" in text  # UTF-8, not \u escapes


def test_findings_keys_are_well_formed(seed_flat):
    """Findings are compared apart from the golden file: only their shape is fixed here."""
    keys = [k for k in seed_flat if k.startswith(FINDINGS)]
    for key in keys:
        assert re.fullmatch(r"findings\.\d+\.(rule|severity|message_zh|message_en)", key), key
        if key.endswith(".severity"):
            assert seed_flat[key] in ("error", "warning", "info")


# --------------------------------------------------------------------------- hand-checked gold values


def _same(got, want) -> bool:
    if isinstance(want, bool) or isinstance(got, bool):
        return type(got) is type(want) and got == want
    if isinstance(want, (int, Decimal)):
        return isinstance(got, (int, Decimal)) and Decimal(got) == Decimal(want)
    if isinstance(want, str):
        return isinstance(got, str) and re.sub(r"\s+", "", got) == re.sub(r"\s+", "", want)
    if isinstance(want, list):
        return isinstance(got, list) and sorted(map(str, got)) == sorted(map(str, want))
    return got == want


def test_gold_has_93_values(seed_gold_path):
    gold = json.loads(seed_gold_path.read_text(encoding="utf-8"), parse_float=Decimal)
    assert len(gold) == 93


def test_flat_view_agrees_with_every_gold_value(seed_flat, seed_gold_path):
    gold = json.loads(seed_gold_path.read_text(encoding="utf-8"), parse_float=Decimal)
    missing = sorted(set(gold) - set(seed_flat))
    wrong = {k: (seed_flat[k], v) for k, v in gold.items() if k in seed_flat and not _same(seed_flat[k], v)}
    assert missing == []
    assert wrong == {}


def test_comparison_is_strict():
    """The comparison used above tells different values apart."""
    assert not _same(Decimal("96.40"), Decimal("96.41"))
    assert not _same(1, True)
    assert not _same(["a", "b"], ["a", "c"])
    assert not _same("乌鲁木齐", "乌鲁木")
    assert _same(Decimal("100.00"), 100)
    assert _same("合理安排 制定", "合理安排制定")


# --------------------------------------------------------------------------- provenance


def line_of(text: str, offset: int) -> int:
    return text.count("\n", 0, offset) + 1


def check_span(value, original: str, contains: str, line: int) -> None:
    span = value.span
    assert span is not None
    assert contains in span.text
    assert original[span.start : span.end] == span.text
    assert line_of(original, span.start) == line
    assert span.line == line
    assert span.page == 1


def test_budget_initial_provenance(seed_report, seed_text):
    v = seed_report.budget.initial
    assert v.value == Decimal("44060900")
    assert v.unit == "万元" and v.decimals == 2 and v.scale == Decimal(10000)
    check_span(v, seed_text, "4406.09", 41)
    assert seed_text.splitlines()[40].count(v.span.text) >= 1
    assert v.raw.replace(" ", "") == "4406.09万元"


def test_indicator_score_provenance(seed_report, seed_text):
    v = seed_report.indicators[0].score
    assert v.value == Decimal("19.77")
    check_span(v, seed_text, "19.77", 117)
    line_start = seed_text.rfind("\n", 0, v.span.start) + 1
    assert seed_text[line_start : v.span.start].endswith("自评得分 ")


def test_filled_on_provenance(seed_report, seed_text):
    import datetime as dt

    v = seed_report.report.filled_on
    assert v.value == dt.date(2025, 3, 5)
    check_span(v, seed_text, "2025", 11)
    assert re.sub(r"\s+", "", v.span.text) == "2025年03月05日"


@pytest.mark.parametrize(
    "path, number, line",
    [
        (("budget", "executed"), "4248.11", 41),
        (("budget", "execution_rate"), "96.41", 41),
        (("budget", "source", "superior"), "785.31", 47),
        (("budget", "basic", "personnel"), "2851.15", 77),
        (("budget", "project", "superior", "executed"), "119.39", 99),
        (("evaluation", "total_score"), "92.81", 139),
    ],
)
def test_more_spans_point_into_the_original(seed_report, seed_text, path, number, line):
    v = seed_report
    for name in path:
        v = getattr(v, name)
    check_span(v, seed_text, number, line)


def test_every_value_span_is_a_slice_of_the_original(seed_report, seed_text):
    from pydantic import BaseModel

    from extractor.models import Value

    def values(node):
        if isinstance(node, Value):
            yield node
        elif isinstance(node, list):
            for item in node:
                yield from values(item)
        elif isinstance(node, BaseModel):
            for name in type(node).model_fields:
                yield from values(getattr(node, name))

    found = [v for v in values(seed_report) if v.span is not None]
    assert len(found) >= 93
    for v in found:
        assert seed_text[v.span.start : v.span.end] == v.span.text
        assert v.span.line == line_of(seed_text, v.span.start)
