"""Vocabulary as data: heading schemes, label synonyms, units, required fields.

``load(name)`` reads ``NAME.toml`` from this folder once and caches it.

A file may use another file's list instead of repeating it, so that each word is defined once:

- a value ``"@file.key.path"`` (a whole string, or an item of a list) is that value of that file;
  as a list item, a referenced list (or the keys of a table) is spliced in (``["@grades.aliases", "其他"]``);
- ``{{file.key.path}}`` inside a string is replaced by that value: a string as it is (a regular
  expression), a list or the keys of a table as an alternation of its words, escaped and longest
  first (``'等级为(?P<v>{{grades.aliases}})'``).

A reference to a key that does not exist, or a cycle of references, raises ``PatternError`` naming
the file and the reference.
"""

from __future__ import annotations

import hashlib
import json
import re
from functools import cache
from pathlib import Path
from typing import Any

FOLDER = Path(__file__).parent  # the .toml files beside this module (no importlib.resources at start-up)

_WHOLE = re.compile(r"@([a-z_]+(?:\.[\w]+)+)")
_INLINE = re.compile(r"\{\{([a-z_]+(?:\.[\w]+)+)\}\}")


class PatternError(ValueError):
    """A pattern file refers to a value that does not exist, or to itself through other files."""


@cache
def load(name: str) -> dict[str, Any]:
    stored = _stored().get(name)
    return stored if stored is not None else _resolve(_raw(name), (name,))


@cache
def _stored() -> dict[str, Any]:
    """Every file resolved, kept as JSON in the cache folder under a digest of all the pattern
    files' bytes (parsing and resolving the TOML costs about 60 ms of each start-up): written by the
    first process that finds none, ignored when unreadable, rebuilt when any file changes."""
    from extractor.cache import cache_dir, write_atomic

    names = sorted(f.name[: -len(".toml")] for f in FOLDER.iterdir() if f.name.endswith(".toml"))
    digest = hashlib.sha256()
    for name in names:
        digest.update(name.encode() + b"\0" + (FOLDER / f"{name}.toml").read_bytes())
    target = cache_dir() / f"patterns-data-{digest.hexdigest()[:20]}.json"
    try:
        data = json.loads(target.read_text(encoding="utf-8"))
        if isinstance(data, dict) and set(data) == set(names):
            return data
    except (OSError, ValueError):
        pass
    data = {name: _resolve(_raw(name), (name,)) for name in names}
    try:
        write_atomic(target, json.dumps(data, ensure_ascii=False).encode("utf-8"))
    except TypeError:  # a value JSON cannot hold (a TOML date): no store, the files are read
        return {}
    except OSError:
        pass  # the store is only a shortcut
    return data


def path(name: str) -> str:
    return str(FOLDER / name)


@cache
def _raw(name: str) -> dict[str, Any]:
    import tomllib  # only when the data store misses

    return tomllib.loads((FOLDER / f"{name}.toml").read_text(encoding="utf-8"))


def _resolve(value: Any, seen: tuple[str, ...]) -> Any:
    if isinstance(value, dict):
        return {k: _resolve(v, seen) for k, v in value.items()}
    if isinstance(value, list):
        out: list[Any] = []
        for item in value:
            got = _resolve(item, seen)
            spliced = isinstance(item, str) and _WHOLE.fullmatch(item) and isinstance(got, list | dict)
            out.extend(got) if spliced else out.append(got)  # a table's keys, as words
        return out
    if isinstance(value, str):
        if m := _WHOLE.fullmatch(value):
            return _target(m[1], seen)
        return _INLINE.sub(lambda m: _inline(_target(m[1], seen)), value)
    return value


def _target(ref: str, seen: tuple[str, ...]) -> Any:
    if ref in seen:
        chain = " -> ".join(seen[1:] + (ref,))
        raise PatternError(f"patterns/{seen[0]}.toml: reference cycle through {chain}")
    name, *keys = ref.split(".")
    try:
        value: Any = _raw(name)
        for key in keys:
            value = value[key]
    except (FileNotFoundError, KeyError, TypeError):
        raise PatternError(f"patterns/{seen[0]}.toml: no value {ref!r} to refer to") from None
    return _resolve(value, seen + (ref,))


def _inline(value: Any) -> str:
    if isinstance(value, str):
        return value
    words = list(value)  # a list, or the keys of a table
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))
