"""Registries: name → factory, filled by decorators. Built-ins (stages, eval scorers) register exactly
as a user's plugin would (spaCy/catalogue style)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from accord.errors import ConfigError


class Registry:
    """Name → factory, filled by decorators; built-ins register exactly as plugins do."""

    def __init__(self, kind: str, loader: Callable[[], None] | None = None) -> None:
        self.kind = kind
        self._loader = loader
        self._factories: dict[str, Callable[..., Any]] = {}

    def register(self, name: str) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
        def deco(factory: Callable[..., Any]) -> Callable[..., Any]:
            self._factories[name] = factory
            return factory

        return deco

    def _load(self) -> None:
        if self._loader is not None:
            self._loader()

    def get(self, name: str) -> Callable[..., Any]:
        self._load()
        try:
            return self._factories[name]
        except KeyError:
            known = ", ".join(sorted(self._factories)) or "none"
            raise ConfigError(f"unknown {self.kind} {name!r}; known: {known}") from None

    def names(self) -> list[str]:
        self._load()
        return sorted(self._factories)
