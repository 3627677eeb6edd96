"""Building small frozen value objects through their slots, for the hot paths (issues #3, #4).

A frozen dataclass's ``__init__`` sets each field through ``object.__setattr__``. On a class
with ``__slots__``, :func:`slot_builder` makes the same object faster: it fills the slots of an
unfrozen *draft* class of the same layout (plain attribute stores), then gives the object its
class by ``__class__`` assignment, which Python allows between classes of one layout; where that
is refused it calls the slot descriptors' setters, and where the class no longer has exactly the
slots named, the constructor. A class with a ``__post_init__`` check must have that check
written out by the caller.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

__all__ = ["slot_builder", "slot_setters"]


def slot_setters(cls: type, names: tuple[str, ...]) -> tuple[Callable[[Any, Any], None], ...] | None:
    """The slot setters of ``names``, in order, when ``cls`` has exactly these slots, else
    ``None``. Objects built through them skip ``__init__`` and any ``__post_init__``.

    Examples
    --------
    >>> from dataclasses import dataclass
    >>> @dataclass(frozen=True, slots=True)
    ... class P:
    ...     lon: float
    ...     lat: float
    >>> set_lon, set_lat = slot_setters(P, ("lon", "lat"))
    >>> p = object.__new__(P); set_lon(p, 36.2); set_lat(p, 37.1); p == P(36.2, 37.1)
    True
    >>> slot_setters(P, ("lon",)) is None
    True
    """
    if getattr(cls, "__slots__", None) != names:
        return None
    try:
        return tuple(cls.__dict__[n].__set__ for n in names)
    except (KeyError, AttributeError):
        return None


def slot_builder(cls: type, names: tuple[str, ...]) -> Callable[..., Any]:
    """A function ``build(v1, v2, ...)`` making a ``cls`` with the fields ``names`` set to the
    values given, in order (compiled once, as ``dataclasses`` compiles ``__init__``): for an
    unfrozen class by plain attribute stores, for a frozen one on a draft of the same slots given
    ``cls`` as its class (see the module docstring), else through the slot setters
    (:func:`slot_setters`), else through the constructor (keyword arguments).
    Skips ``__post_init__``: a caller whose class checks its fields there writes the check out
    before building.

    Examples
    --------
    >>> from dataclasses import dataclass
    >>> @dataclass(frozen=True, slots=True)
    ... class P:
    ...     lon: float
    ...     lat: float
    >>> p = slot_builder(P, ("lon", "lat"))(36.2, 37.1)
    >>> p == P(36.2, 37.1), type(p) is P
    (True, True)
    >>> p.lon = 0.0
    Traceback (most recent call last):
    ...
    dataclasses.FrozenInstanceError: cannot assign to field 'lon'
    >>> @dataclass(slots=True)
    ... class Q:
    ...     lon: float
    ...     lat: float
    >>> q = slot_builder(Q, ("lon", "lat"))(36.2, 37.1); q == Q(36.2, 37.1), type(q) is Q
    (True, True)
    >>> slot_builder(P, ("lat",))(37.1)  # no such slots: the constructor, which refuses
    Traceback (most recent call last):
    ...
    TypeError: P.__init__() missing 1 required positional argument: 'lon'
    """
    setters = slot_setters(cls, names)
    if setters is None:
        def construct(*values: Any) -> Any:
            return cls(**dict(zip(names, values, strict=True)))
        return construct
    args = ", ".join(f"v{i}" for i in range(len(names)))
    scope: dict[str, Any] = {"new": object.__new__, "cls": cls}
    # an unfrozen class (its own attribute stores are plain: no ``__setattr__`` of its own) is
    # filled directly, without a draft and its ``__class__`` assignment
    own_setattr: object = cls.__setattr__
    plain = own_setattr is object.__setattr__
    draft = None if plain else _draft(cls, names)
    if plain:
        body = "".join(f"    o.{n} = v{i}\n" for i, n in enumerate(names))
        src = f"def build({args}):\n    o = new(cls)\n{body}    return o\n"
    elif draft is not None:
        body = "".join(f"    o.{n} = v{i}\n" for i, n in enumerate(names))
        src = f"def build({args}):\n    o = new(draft)\n{body}    o.__class__ = cls\n    return o\n"
        scope["draft"] = draft
    else:
        body = "".join(f"    s{i}(o, v{i})\n" for i in range(len(names)))
        src = f"def build({args}):\n    o = new(cls)\n{body}    return o\n"
        scope.update({f"s{i}": f for i, f in enumerate(setters)})
    exec(compile(src, f"<slot_builder {cls.__name__}>", "exec"), scope)  # noqa: S102 - fixed template, no input
    build: Callable[..., Any] = scope["build"]
    return build


def _draft(cls: type, names: tuple[str, ...]) -> type | None:
    """An unfrozen class with the slots ``names`` whose objects may become ``cls`` objects by
    ``__class__`` assignment (the same layout), or ``None`` when Python refuses that."""
    if cls.__bases__ != (object,):
        return None
    draft = type(f"_{cls.__name__}Draft", (), {"__slots__": names})
    probe: Any = object.__new__(draft)
    try:
        probe.__class__ = cls
    except TypeError:
        return None
    return draft
