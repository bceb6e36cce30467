"""Scorers for the public gold sets (``accord eval SET [PATH]``).

Each scorer module registers a function ``score(path: Path | None) -> dict`` under a set name; the
result holds the headline figures (floats in 0..1 unless named otherwise) and may hold a
``"report"`` string printed for humans. Gold data lives in ``../shared/data`` and is never shipped.
"""

from __future__ import annotations

import importlib
import os
from pathlib import Path

from accord.registry import Registry

_BUILTIN = ("timebank", "geo", "ngec_actors", "polnear", "plover", "case2021", "meantime")


def load_builtins() -> None:
    for name in _BUILTIN:
        try:
            importlib.import_module(f"accord.eval.{name}")
        except ModuleNotFoundError as exc:
            if exc.name != f"accord.eval.{name}":
                raise


scorers = Registry("eval set", load_builtins)


def shared_data_dir() -> Path | None:
    """``$ACCORD_SHARED_DATA`` or ``../shared/data`` next to the repository, when present."""
    env = os.environ.get("ACCORD_SHARED_DATA")
    candidates = [Path(env)] if env else []
    here = Path(__file__).resolve()
    candidates += [p / "shared" / "data" for p in here.parents] + [Path.cwd().parent / "shared" / "data"]
    for c in candidates:
        if c.is_dir():
            return c
    return None
