"""Every dev-corpus report (one per template family) against its gold file, strictly.

The scorer (../shared/tools/score.py) forgives near-miss texts; these tests do not:
numbers must be equal as Decimals and texts equal once whitespace is removed. Each
report must raise the findings its notes expect and none on its clean checks.
"""

from __future__ import annotations

import json
import re
from decimal import Decimal
from pathlib import Path

import pytest

from extractor import extract
from extractor.flat import flatten

CORPUS = Path(__file__).resolve().parent.parent / "fixtures" / "corpus"
NAMES = sorted(p.name[: -len(".gold.json")] for p in CORPUS.glob("*.gold.json"))
# What each family is, from its notes: the test id says which template broke.
FAMILIES = {
    "a01": "hunan-form-label-value",
    "a02": "hunan-narrative-department",
    "a04": "henan-department-and-project-summary",
    "a06": "chongqing-department-table",
    "a09": "hunan-narrative-department",
    "a13": "yunnan-narrative-department",
    "b01": "anhui-project-table-one-line",
    "b03": "sichuan-project-table-pipes",
    "b05": "sichuan-project-table-glued",
    "b06": "yunnan-project-table-scrambled-pipes",
    "b08": "anhui-transfer-table-pipes",
    "b11": "yunnan-narrative-unit-projects",
    "b14": "yunnan-narrative-transfer",
    "b16": "heilongjiang-narrative-project",
    "xj-street-2024": "xinjiang-narrative-department-seed",
    "a08": "yunnan-combined-report-page-metadata",
    "a10": "hunan-county-narrative-2024",
    "a12": "hunan-county-narrative-2018-archived-page",
    "a14": "yunnan-honghe-narrative-department",
    "a15": "yunnan-kunming-third-party-style",
    "b02": "hebei-project-table-web-cells-one-a-line",
    "b04": "sichuan-project-table-every-cell-a-line",
    "b09": "anhui-open-information-page",
    "b12": "yunnan-short-narrative-project",
    "b15": "anhui-narrative-water-transfer",
}
# Gold values not read yet (missing, never wrong): the test fails if one of them is read wrong,
# or once it is read right (then remove it here).
NOT_YET_READ: dict[str, set[str]] = {}
# Expected findings not raised yet, likewise.
NOT_YET_RAISED: dict[str, set[str]] = {}


def _plain(v: object) -> object:
    if isinstance(v, (int, float, Decimal)) and not isinstance(v, bool):
        return Decimal(str(v))
    if isinstance(v, str):
        return re.sub(r"\s+", "", v)
    if isinstance(v, list):
        return sorted(_plain(x) for x in v)  # type: ignore[type-var]
    return v


@pytest.fixture(scope="module", params=NAMES, ids=[f"{n}-{FAMILIES.get(n, 'new')}" for n in NAMES])
def case(request: pytest.FixtureRequest) -> tuple[str, dict, dict, dict]:
    name = request.param
    gold = json.loads((CORPUS / f"{name}.gold.json").read_text(encoding="utf-8"), parse_float=Decimal)
    meta = json.loads((CORPUS / f"{name}.meta.json").read_text(encoding="utf-8"))
    return name, gold, meta, flatten(extract(CORPUS / f"{name}.txt"))


def test_every_family_is_named() -> None:
    assert set(NAMES) == set(FAMILIES)


def test_every_gold_value_exactly(case: tuple[str, dict, dict, dict]) -> None:
    name, gold, _, flat = case
    later = NOT_YET_READ.get(name, set())
    differ = {
        k: (flat.get(k), v) for k, v in gold.items() if _plain(flat.get(k)) != _plain(v) and k not in later
    }
    assert not differ, f"{name}: (got, want) {differ}"
    assert not later & set(flat), f"{name}: now read, check and drop from NOT_YET_READ: {later & set(flat)}"


def test_expected_findings_and_clean_checks(case: tuple[str, dict, dict, dict]) -> None:
    name, _, meta, flat = case
    check_findings(name, meta, flat, NOT_YET_RAISED.get(name, set()))


def check_findings(name: str, meta: dict, flat: dict, later: set[str]) -> None:
    """The meta's expected findings are raised (but those listed as not raised yet, which must not
    be), and no warning or error comes from a check its figures pass (clean_checks)."""
    rules = {k: v for k, v in flat.items() if re.fullmatch(r"findings\.\d+\.rule", k)}
    raised = set(rules.values())
    serious = {v for k, v in rules.items() if flat[k.replace(".rule", ".severity")] != "info"}
    expected = {f["rule"] for f in meta["expected_findings"]} - later
    assert expected <= raised, f"{name}: missing {expected - raised}"
    assert not later & raised, f"{name}: now raised, drop from NOT_YET_RAISED: {later & raised}"
    assert not serious & set(meta["clean_checks"]), (
        f"{name}: false alarms {serious & set(meta['clean_checks'])}"
    )
