"""Compiled ``regex`` patterns kept between processes: start-up without recompiling them.

    from extractor import pattern_store
    pattern_store.load()               # before the pipeline's modules are imported
    from extractor.pipeline import extract_document
    pattern_store.save()               # writes the store if this process compiled new patterns

The pipeline's modules compile about 370 ``regex`` patterns when they are imported (about
0.1 s of every ``jixiao extract``), almost all of it in ``regex``'s pure-Python parser and
compiler. A compiled ``regex`` pattern pickles as its finished code (``_regex.compile`` called
with it, no parsing), so the patterns a process compiled are written to one file in the cache
folder (``extractor.cache``) and ``load`` puts them into ``regex``'s own pattern cache: each
``regex.compile`` of the same pattern string and flags is then answered from that cache, as a
second compile in one process would be. The cache is keyed by the pattern text itself, so a
changed pattern (in ``patterns/*.toml`` or in the code) is simply compiled again, and ``save``
adds it. The file name carries the versions of ``regex`` and Python; a file that cannot be
read (or an unexpected ``regex``) is ignored and the patterns are compiled as before. Only
``_regex.compile`` and built-in types are accepted when the file is unpickled.
"""

from __future__ import annotations

import pickle
import sys
from pathlib import Path
from typing import Any

from extractor.cache import cache_dir, write_atomic

FORMAT = "1"
MAX_PATTERNS = 450  # regex's cache holds 500 before it drops some
_ALLOWED = {("_regex", "compile"), ("regex._regex", "compile"), ("builtins", "str"), ("builtins", "bytes")}
_loaded: set[Any] = set()
_state: dict[str, Any] = {"tried": False}


class _PatternUnpickler(pickle.Unpickler):
    def find_class(self, module: str, name: str) -> Any:
        if (module, name) not in _ALLOWED:
            raise pickle.UnpicklingError(f"{module}.{name} is not a compiled pattern")
        return super().find_class(module, name)


def store_path() -> Path:
    import regex

    python = "".join(map(str, sys.version_info[:2]))
    return cache_dir() / f"patterns-{FORMAT}-regex{regex.__version__}-py{python}.pickle"


def load() -> int:
    """Fill ``regex``'s pattern cache from the store (once per process); the number of patterns."""
    if _state["tried"]:
        return len(_loaded)
    _state["tried"] = True
    internals = _internals()
    if internals is None:
        return 0
    try:
        with open(store_path(), "rb") as f:
            entries = _PatternUnpickler(f).load()
    except (OSError, EOFError, pickle.UnpicklingError, ValueError, TypeError, AttributeError):
        return 0
    cache, named_args, locale_sensitive = internals
    for key, args, pattern in _checked(entries):
        cache.setdefault(key, pattern)
        named_args.setdefault(key[:3], args)
        locale_sensitive.setdefault((key[1], key[0]), False)
        _loaded.add(key)
    return len(_loaded)


def save() -> bool:
    """Write the store when this process compiled cacheable patterns it does not hold; True if written."""
    internals = _internals()
    if internals is None:
        return False
    cache, named_args, locale_sensitive = internals
    if len(cache) == _state.get("looked_at"):  # nothing compiled since the last look (extract in a loop)
        return False
    _state["looked_at"] = len(cache)
    current = {
        _plain(k): (named_args[k[:3]], p)
        for k, p in list(cache.items())
        if _compiled_str(k) and k[:3] in named_args and locale_sensitive.get((str, k[0])) is False
    }
    if not current or set(current) <= _loaded:
        return False
    entries = [(k, args, p) for k, (args, p) in current.items()][:MAX_PATTERNS]
    try:
        write_atomic(store_path(), pickle.dumps(entries, protocol=pickle.HIGHEST_PROTOCOL))
    except OSError:
        return False
    _loaded.update(k for k, _, _ in entries)
    return True


def _internals() -> tuple[dict[Any, Any], dict[Any, Any], dict[Any, Any]] | None:
    """regex's cache dicts, or None when this regex does not keep them as expected."""
    import regex

    main = getattr(regex, "_main", None)
    names = ("_cache", "_named_args", "_locale_sensitive")
    found = [getattr(main, n, None) for n in names]
    if not all(isinstance(d, dict) for d in found):
        return None
    return found[0], found[1], found[2]


def _plain(key: tuple[Any, ...]) -> tuple[Any, ...]:
    """The key a later compile of a pattern that is not locale-sensitive looks up (no locale), its
    flags plain ints (equal and hashed alike, pickled without regex's enum)."""
    pattern, kind, flags, args, version, _ = key
    return (pattern, kind, int(flags), args, int(version), None)


def _compiled_str(key: Any) -> bool:
    """A key of regex's cache for a str pattern: (pattern, str, flags, args, version, locale)."""
    return isinstance(key, tuple) and len(key) == 6 and isinstance(key[0], str) and key[1] is str


def _cacheable(key: Any) -> bool:
    """A stored key: (pattern, str, flags, args, version, None), flags and version ints."""
    return _compiled_str(key) and type(key[2]) is int and type(key[4]) is int and key[5] is None


def _checked(entries: Any) -> list[tuple[Any, Any, Any]]:
    """The entries whose compiled pattern is the one the key names (its text and its version)."""
    import regex

    if not isinstance(entries, list):
        return []
    out = []
    for entry in entries:
        if not (isinstance(entry, tuple) and len(entry) == 3 and _cacheable(entry[0])):
            continue
        key, args, pattern = entry
        same = isinstance(pattern, regex.Pattern) and pattern.pattern == key[0]
        if same and key[4] == regex.DEFAULT_VERSION:
            out.append((key, args, pattern))
    return out
