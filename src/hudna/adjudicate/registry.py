"""Versioned registry of adjudication rules (``"<name>.v<N>"``), filled by one ``populate()``."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

from hudna.errors import RuleNotFound, ValidationError

F = TypeVar("F", bound=Callable[..., Any])


class Registry:
    """Name -> callable, where names carry their version and old versions stay registered."""

    def __init__(self, kind: str) -> None:
        self.kind = kind
        self._items: dict[str, Callable[..., Any]] = {}

    def register(self, name: str) -> Callable[[F], F]:
        if ".v" not in name or not name.rsplit(".v", 1)[1].isdigit():
            raise ValidationError(f"{self.kind} name must look like '<name>.v<N>': {name!r}")

        def deco(fn: F) -> F:
            if name in self._items and self._items[name] is not fn:
                raise ValidationError(f"{self.kind} {name!r} is already registered")
            self._items[name] = fn
            return fn

        return deco

    def get(self, name: str) -> Callable[..., Any]:
        try:
            return self._items[name]
        except KeyError:
            raise RuleNotFound(
                f"no {self.kind} named {name!r}; registered: {', '.join(sorted(self._items))}"
            ) from None

    def names(self) -> list[str]:
        return sorted(self._items)

    def latest(self, base: str) -> str:
        """Highest version registered for ``base`` (e.g. ``cessation`` -> ``cessation.v2``)."""
        versions = [n for n in self._items if n.rsplit(".v", 1)[0] == base]
        if not versions:
            raise RuleNotFound(f"no {self.kind} named {base!r}")
        return max(versions, key=lambda n: int(n.rsplit(".v", 1)[1]))


rules = Registry("rule")
_populated = False


def populate() -> Registry:
    """Register the built-in rules (explicit, not an import side effect); idempotent."""
    global _populated
    if not _populated:
        from hudna.adjudicate import builtin

        builtin.register_builtin(rules)
        _populated = True
    return rules
