"""The store of dataclass methods, forward references and ``re`` programs: a second process compiles
none, what it holds is what a fresh compile gives, and the classes and patterns are the ones made
without it."""

from __future__ import annotations
import __future__

import dataclasses
import json
import os
import re
import subprocess
import sys
import typing
from pathlib import Path

from extractor import code_store

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "fixtures" / "corpus" / "xj-street-2024.txt"

# In a fresh process: extract the seed; how many methods came from the store, how many were compiled,
# how many it holds differ from a fresh compile of their text, whether the store was written.
_CHILD = """
import json, sys
from extractor import code_store
count = lambda: len(code_store._codes) + len(code_store._forward) + len(code_store._programs)
loaded = count()
before = code_store.store_path().read_bytes() if code_store.store_path().exists() else None
from extractor import extract
from extractor.flat import dumps, flatten
flat = dumps(flatten(extract(sys.argv[1])))  # saves the store when it compiled methods
fresh = lambda text, mode: compile(text, "<string>", mode, dont_inherit=True)
differ = sum(code != fresh(text, "exec") for text, code in code_store._codes.items())
differ += sum(code != fresh(text, "eval") for text, code in code_store._forward.items())
import _sre
programs = code_store._programs.items()
differ += sum(_sre.compile(p, *args) != code_store._RE_COMPILE(p, f) for (p, f), args in programs)
written = code_store.store_path().read_bytes() != before
new = count() - loaded
print(json.dumps({"loaded": loaded, "new": new, "differ": differ, "written": written, "flat": flat}))
"""


def _child(cache: Path, hash_seed: str = "0") -> dict:
    env = {**os.environ, "JIXIAO_CACHE": str(cache), "PYTHONHASHSEED": hash_seed}
    argv = [sys.executable, "-c", _CHILD, str(SEED)]
    out = subprocess.run(argv, cwd=ROOT, env=env, capture_output=True, text=True, check=True)
    return json.loads(out.stdout)


def test_a_second_process_compiles_no_method_and_extracts_the_same(tmp_path):
    cache = tmp_path / "cache"
    first = _child(cache)
    assert first["loaded"] == 0 and first["new"] > 100 and first["written"]
    assert len(list(cache.glob("code-*.marshal"))) == 1
    second = _child(cache, hash_seed="12345")  # the methods' texts do not follow the hash seed
    assert second["loaded"] == first["new"]
    assert second["new"] == 0 and not second["written"]
    assert second["differ"] == 0
    assert second["flat"] == first["flat"]


def test_an_unreadable_store_is_ignored_and_written_again(tmp_path):
    cache = tmp_path / "cache"
    first = _child(cache)
    (store,) = cache.glob("code-*.marshal")
    store.write_bytes(b"\x00not marshal")
    again = _child(cache)
    assert again["loaded"] == 0 and again["written"] and again["flat"] == first["flat"]
    assert _child(cache)["new"] == 0


def test_methods_carry_the_annotations_dataclasses_gives_them():
    """Compiled without this module's ``from __future__ import annotations``: objects, not strings."""
    assert dataclasses.exec is code_store._exec  # installed by importing extractor
    point = dataclasses.make_dataclass("Point", [("x", int), ("y", float, dataclasses.field(default=0.5))])
    assert point.__init__.__annotations__ == {"x": int, "y": float, "return": None}
    p = point(3)
    assert (p.x, p.y, repr(p), p == point(3, 0.5)) == (3, 0.5, "Point(x=3, y=0.5)", True)
    ref = typing.ForwardRef("list[int]")  # without the future flags of this module, as typing.py has none
    assert ref.__forward_code__ == compile("list[int]", "<string>", "eval", dont_inherit=True)
    assert ref.__forward_code__.co_flags & __future__.annotations.compiler_flag == 0
    assert eval(ref.__forward_code__) == list[int]
    frozen = dataclasses.make_dataclass("Frozen", [("a", str)], frozen=True, slots=True)
    f = frozen("z")
    assert hash(f) == hash(("z",)) and f.__slots__ == ("a",)


def test_re_patterns_made_from_stored_programs_match_as_compiled_ones():
    pattern, flags = r"(?P<year>\d{4})年度?|(?i:total)\s*[\u4e00-\u9fd5]+", re.MULTILINE
    re.purge()
    made = re.compile(pattern, flags)  # through the hook: its program recorded
    assert (pattern, flags) in code_store._programs
    re.purge()
    again = re.compile(pattern, flags)  # from the recorded program
    fresh = code_store._RE_COMPILE(pattern, flags)
    assert made == again == fresh and again.groupindex == fresh.groupindex == {"year": 1}
    text = "2024年度 Total 合计\nTOTAL 预算"
    assert (
        [m.span() for m in again.finditer(text)]
        == [m.span() for m in fresh.finditer(text)]
        == [
            (0, 6),
            (7, 15),
            (16, 24),
        ]
    )
