"""The compiled-pattern store: a second process gets the patterns the first compiled, the same ones."""

from __future__ import annotations

import json
import os
import pickle
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "fixtures" / "corpus" / "xj-street-2024.txt"

# In a fresh process: load the store, import the pipeline, report how many patterns came from the
# store, how many of those match otherwise than a fresh compile (no cache) of the same pattern on the
# fixture reports (the compiled code itself may list a character set's members in another order from
# one process to the next), and whether save wrote.
_CHILD = """
import json, pathlib, sys
import regex
from extractor import pattern_store
loaded = pattern_store.load()
from extractor import extract
report = extract(sys.argv[1])
texts = [p.read_text(encoding="utf-8") for p in sorted(pathlib.Path(sys.argv[2]).glob("*.txt"))]
def matches(p, text):
    return [(m.span(), m.groups()) for m in p.finditer(text)]
differ = 0
for key in pattern_store._loaded:
    cached = regex._main._cache[key]
    fresh = regex.compile(key[0], key[2], cache_pattern=False)
    same = (cached.pattern, cached.flags, cached.groupindex) == (fresh.pattern, fresh.flags, fresh.groupindex)
    differ += not same or any(matches(cached, t) != matches(fresh, t) for t in texts)
print(json.dumps({"loaded": loaded, "differ": differ, "saved": pattern_store.save(),
                  "indicators": len(report.indicators)}))
"""


def _child(cache: Path, hash_seed: str | None = None) -> dict:
    env = {**os.environ, "JIXIAO_CACHE": str(cache)}
    if hash_seed is not None:
        env["PYTHONHASHSEED"] = hash_seed
    argv = [sys.executable, "-c", _CHILD, str(SEED), str(SEED.parent)]
    out = subprocess.run(argv, cwd=ROOT, env=env, capture_output=True, text=True, check=True)
    return json.loads(out.stdout)


def _extract_flat(cache: Path) -> str:
    env = {**os.environ, "JIXIAO_CACHE": str(cache)}
    argv = [sys.executable, "cli.py", "extract", str(SEED), "--flat"]
    return subprocess.run(argv, cwd=ROOT, env=env, capture_output=True, text=True, check=True).stdout


def test_a_second_process_loads_the_patterns_the_first_compiled(tmp_path):
    cache = tmp_path / "cache"
    first = _child(cache)
    assert first["loaded"] == 0
    stores = list(cache.glob("patterns-*.pickle"))
    assert len(stores) == 1, "extract() wrote the store"
    second = _child(cache)
    assert second["loaded"] > 200  # the pipeline compiles about 260 distinct patterns at import
    assert second["differ"] == 0  # each matches as a fresh compile of its pattern does
    assert second["indicators"] == first["indicators"] > 0


def test_a_process_with_another_hash_seed_finds_every_pattern_in_the_store(tmp_path):
    """No pattern's text depends on the order of a set: else each process compiled it again and
    wrote the whole store again (a placeholder alternation sorted by length only did)."""
    cache = tmp_path / "cache"
    assert _child(cache, hash_seed="1")["loaded"] == 0
    (store,) = cache.glob("patterns-*.pickle")
    written = store.read_bytes()
    assert _child(cache, hash_seed="2")["loaded"] > 200
    assert store.read_bytes() == written  # extract() found nothing new to save


def test_extract_output_is_the_same_with_and_without_the_store(tmp_path):
    cache = tmp_path / "cache"
    cold = _extract_flat(cache)
    assert list(cache.glob("patterns-*.pickle"))
    warm = _extract_flat(cache)
    assert warm == cold
    assert json.loads(warm)["report.fiscal_year"] == 2024


def test_a_damaged_store_is_ignored_and_written_again(tmp_path):
    cache = tmp_path / "cache"
    _child(cache)
    (store,) = cache.glob("patterns-*.pickle")
    store.write_bytes(b"not a pickle")
    again = _child(cache)
    assert again["loaded"] == 0
    assert again["saved"] is False  # extract() already wrote it back
    assert _child(cache)["loaded"] > 200


class _Payload:
    """Unpickles as a call of os.system: what a store must never run."""

    def __init__(self, marker: Path) -> None:
        self.marker = marker

    def __reduce__(self):
        return (os.system, (f"touch {self.marker}",))


def test_a_store_with_anything_but_compiled_patterns_is_refused(tmp_path):
    cache = tmp_path / "cache"
    _child(cache)
    (store,) = cache.glob("patterns-*.pickle")
    marker = tmp_path / "ran"
    store.write_bytes(pickle.dumps([_Payload(marker)]))
    assert _child(cache)["loaded"] == 0
    assert not marker.exists()
