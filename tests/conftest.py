"""Shared paths for the tests: the fixtures folder, the seed report and its gold values."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "fixtures"
CORPUS = FIXTURES / "corpus"
EXPECTED = FIXTURES / "expected"
SEED = CORPUS / "xj-street-2024.txt"
SEED_GOLD = CORPUS / "xj-street-2024.gold.json"
SEED_EXPECTED = EXPECTED / "xj-street-2024.flat.json"


@pytest.fixture(scope="session")
def root() -> Path:
    return ROOT


@pytest.fixture(scope="session")
def fixtures_dir() -> Path:
    return FIXTURES


@pytest.fixture(scope="session")
def seed_path() -> Path:
    """The seed report (UTF-8 text)."""
    return SEED


@pytest.fixture(scope="session")
def seed_text() -> str:
    """The seed report's text exactly as stored (UTF-8, LF line ends)."""
    return SEED.read_text(encoding="utf-8")


@pytest.fixture(scope="session")
def seed_gold_path() -> Path:
    return SEED_GOLD


@pytest.fixture(scope="session")
def seed_expected_path() -> Path:
    return SEED_EXPECTED


@pytest.fixture(scope="session")
def seed_report():
    """The seed extracted once per session (tests must not mutate it)."""
    from extractor import extract

    return extract(SEED)


@pytest.fixture(scope="session")
def seed_flat(seed_report) -> dict:
    from extractor.flat import flatten

    return flatten(seed_report)
