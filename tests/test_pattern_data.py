"""The resolved pattern files kept in the cache folder: the same data as the TOML files give,
keyed by their bytes, rebuilt when the store is damaged."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import patterns


@pytest.fixture
def fresh(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("JIXIAO_CACHE", str(tmp_path))
    patterns._stored.cache_clear()
    yield tmp_path
    patterns._stored.cache_clear()


def test_the_store_holds_every_file_resolved(fresh: Path) -> None:
    data = patterns._stored()
    stores = list(fresh.glob("patterns-data-*.json"))
    assert len(stores) == 1
    assert json.loads(stores[0].read_text(encoding="utf-8")) == data
    for name in ("tables", "budget", "grades"):
        assert data[name] == patterns._resolve(patterns._raw(name), (name,))
    assert "合格" in json.dumps(data["grades"], ensure_ascii=False)


def test_a_damaged_store_is_rebuilt(fresh: Path) -> None:
    want = patterns._stored()
    store = next(fresh.glob("patterns-data-*.json"))
    store.write_text("{not json", encoding="utf-8")
    patterns._stored.cache_clear()
    assert patterns._stored() == want
    assert json.loads(store.read_text(encoding="utf-8")) == want
