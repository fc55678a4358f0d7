"""The whole pipeline on random, mutated and hostile input: no exception escapes, no run hangs,
and the output always validates against the report model (the JSON Schema's source)."""

from __future__ import annotations

import random
import time
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from extractor import InputError, check
from extractor.flat import dumps, flatten
from extractor.models import Report
from extractor.pipeline import extract_document
from extractor.read import read
from extractor.read.text import text_document

CORPUS = Path(__file__).parent.parent / "fixtures" / "corpus"
SEED = (CORPUS / "xj-street-2024.txt").read_text(encoding="utf-8")
TEMPLATES = sorted(p.read_text(encoding="utf-8") for p in CORPUS.glob("*.txt"))
REPORT_CHARS = (
    "一二三四五六七八九十()（）、.:：,，。；;%万元人个件分年月日0123456789 \n|-≥≤="
    "其中合计共预算执行率得分指标"
)


def run(text: str, limit: float = 5.0) -> Report:
    """Extract and validate; the output must round-trip through the model, and take less than
    `limit` seconds of this process's CPU: a bound that only a hang or a quadratic blow-up (a
    pattern backtracking) crosses, not a speed goal (those are in bench/). CPU time, unlike the
    wall clock, does not grow when other jobs share the machine."""
    start = time.process_time()
    report = extract_document(text_document("fuzz.txt", text))
    report.findings = check(report)
    Report.model_validate_json(report.model_dump_json())
    dumps(flatten(report))
    assert time.process_time() - start < limit
    return report


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(max_size=3000))
def test_random_unicode_text(text: str) -> None:
    run(text)


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(alphabet=REPORT_CHARS, max_size=4000))
def test_report_alphabet_text(text: str) -> None:
    run("部门整体支出绩效自评报告\n" + text)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.binary(max_size=4000))
def test_random_bytes_give_a_report_or_an_input_error(tmp_path_factory, data: bytes) -> None:
    path = tmp_path_factory.mktemp("bytes") / "random.txt"
    path.write_bytes(data)
    try:
        report = read(path)
    except InputError as exc:
        assert str(path) in str(exc)
        return
    run(report.text)


def _mutate(text: str, rng: random.Random) -> str:
    lines = text.split("\n")
    op = rng.randrange(5)
    i = rng.randrange(len(lines))
    if op == 0:
        del lines[i]
    elif op == 1:
        lines[i:i] = lines[i : i + rng.randrange(1, 10)]  # a duplicated passage
    elif op == 2:
        lines[i] = lines[i].translate(str.maketrans("0123456789", "1234567890"))  # swapped digits
    elif op == 3:
        lines.insert(i, rng.choice(["<script>alert(1)</script>", "<table><tr><td>", "**", "\\f", "\x0c"]))
    else:
        cut = rng.randrange(len(text))
        return text[:cut]  # ends abruptly
    return "\n".join(lines)


@pytest.mark.parametrize("seed", range(40))
def test_mutated_real_reports(seed: int) -> None:
    rng = random.Random(seed)
    text = rng.choice(TEMPLATES)
    for _ in range(rng.randrange(1, 6)):
        text = _mutate(text, rng)
    run(text)


def test_deep_heading_nesting_and_long_lines() -> None:
    nested = "\n".join(f"{'(' * (i % 7)}{i % 10}){'、' * (i % 3)}指标{i}" for i in range(5000))
    run("部门整体支出绩效自评报告\n" + nested)
    run("部门整体支出绩效自评报告\n" + "年初预算数为4406.09万元," * 40000)  # one 1 MB line


def test_a_megabyte_report_is_read_in_bounded_time() -> None:
    """The seed repeated to 1 MB: every stage is near-linear (no figure-by-block scans)."""
    text = SEED * (1024 * 1024 // len(SEED.encode("utf-8")))
    report = run(text, limit=30.0)
    assert report.report.unit_name is not None
    assert len(report.indicators) > 100


def test_fifty_megabytes_of_text_is_refused_quickly(tmp_path: Path) -> None:
    path = tmp_path / "五十兆 报告.txt"
    path.write_bytes(SEED.encode("utf-8") * (50 * 1024 * 1024 // len(SEED.encode("utf-8"))))
    start = time.process_time()
    with pytest.raises(InputError, match="too large for one report"):
        read(path)
    assert time.process_time() - start < 5.0


HOSTILE = [
    "(" * 50000 + "4406.09万元",
    "1" * 200000,
    "1." * 100000,
    "一、" * 100000,
    "其中" * 50000 + "30万元",
    "-" * 100000 + "5万元",
    ("共" + "、" * 100) * 2000,
    "2024年" * 50000,
    "|" * 100000,
    "指标一:" * 30000,
]


@pytest.mark.parametrize("text", HOSTILE, ids=[f"hostile{i}" for i in range(len(HOSTILE))])
def test_patterns_do_not_backtrack_catastrophically(text: str) -> None:
    run("部门整体支出绩效自评报告\n" + text, limit=10.0)
