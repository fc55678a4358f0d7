"""pydantic without its plugin discovery (插件发现): jixiao uses no pydantic plugin.

Before it builds its first model, pydantic looks for plugins among the entry points of every
installed package: that imports ``importlib.metadata`` (with email, socket, zipfile and csv) and
reads each package's metadata, about 80 M instructions or 6% of a ``jixiao extract``, to find
none. ``skip_discovery()``, called before any model is defined, gives pydantic a plugin loader
that finds none, as ``PYDANTIC_DISABLE_PLUGINS=__all__`` would, without that import. Whoever sets
``PYDANTIC_DISABLE_PLUGINS`` (to anything, even empty: every plugin) gets pydantic's own loader.
"""

from __future__ import annotations

import os
import sys
import types

LOADER = "pydantic.plugin._loader"  # imported by pydantic only in plugin/_schema_validator.py


def skip_discovery() -> None:
    if "PYDANTIC_DISABLE_PLUGINS" in os.environ or LOADER in sys.modules:
        return
    loader = types.ModuleType(LOADER, "a plugin loader finding no plugins (extractor.pydantic_plugins)")
    loader.get_plugins = _no_plugins  # type: ignore[attr-defined]
    sys.modules[LOADER] = loader


def _no_plugins() -> tuple[()]:
    return ()
