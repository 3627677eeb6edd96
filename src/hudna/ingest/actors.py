"""Loading the actor registry (``hudna/data/actors.yaml`` or a user file).

The format is documented in docs/event-formats.md (section "Actor registry"). A bad file is
refused with the file, line and field named.
"""

from __future__ import annotations

import functools
import logging
from importlib import resources
from pathlib import Path
from typing import Any

import yaml

from hudna.domain.actor import Actor, ActorRegistry, Side
from hudna.errors import DataError, ValidationError

log = logging.getLogger(__name__)

BUNDLED_NAME = "actors.yaml"
_ACTOR_FIELDS = {
    "id",
    "name_en",
    "name_ar",
    "aliases",
    "kind",
    "side",
    "designations",
    "parent",
    "acled_inter",
}


def load_actor_registry(path: str | Path | None = None) -> ActorRegistry:
    """Load an actor registry; the bundled one when ``path`` is None. Results are cached.

    Parameters
    ----------
    path
        A YAML file in the format of ``hudna/data/actors.yaml``; None for the bundled file.

    Raises
    ------
    DataError
        When the file is not valid, naming the file, line and field.

    Examples
    --------
    >>> reg = load_actor_registry()
    >>> reg.resolve("Government of Syria").id, reg.resolve("داعش").id
    ('syrian-government', 'isis')
    """
    return _load_cached(None if path is None else str(Path(path).resolve()))


@functools.lru_cache(maxsize=8)
def _load_cached(path: str | None) -> ActorRegistry:
    if path is None:
        resource = resources.files("hudna.data").joinpath(BUNDLED_NAME)
        text = resource.read_text(encoding="utf-8")
        label = f"hudna/data/{BUNDLED_NAME}"
    else:
        try:
            text = Path(path).read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            raise DataError(f"cannot read actor registry: {exc}", path=path) from exc
        label = path
    registry = parse_actor_registry(text, path=label)
    log.debug("loaded actor registry path=%s actors=%d", label, len(registry))
    return registry


def parse_actor_registry(text: str, *, path: str = "<actors>") -> ActorRegistry:
    """Build an :class:`ActorRegistry` from the YAML text of a registry file.

    Examples
    --------
    >>> reg = parse_actor_registry('''
    ... actors:
    ...   - {id: fsa, name_en: Free Syrian Army, side: opposition, aliases: [FSA]}
    ... ''')
    >>> reg.resolve("fsa").side.value
    'opposition'
    """
    try:
        root = yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = mark.line + 1 if mark is not None else None
        raise DataError(f"not valid YAML: {exc}", path=path, line=line) from exc
    if not isinstance(root, yaml.MappingNode):
        raise DataError("expected a mapping with 'meta' and 'actors'", path=path, line=1)
    top = _mapping(root)
    meta: dict[str, str] = {}
    if "meta" in top:
        meta_node = top["meta"][1]
        if not isinstance(meta_node, yaml.MappingNode):
            raise DataError("expected a mapping", path=path, line=_line(meta_node), field="meta")
        meta = {k: str(_value(v)) for k, (_, v) in _mapping(meta_node).items()}
    if "actors" not in top:
        raise DataError("missing 'actors' list", path=path, line=1, field="actors")
    actors_node = top["actors"][1]
    if not isinstance(actors_node, yaml.SequenceNode):
        raise DataError("expected a list", path=path, line=_line(actors_node), field="actors")
    actors: list[Actor] = []
    lines: dict[str, int] = {}
    for item in actors_node.value:
        actor = _actor(item, path=path)
        lines[actor.id] = _line(item)
        actors.append(actor)
    try:
        return ActorRegistry(actors, meta=meta)
    except ValidationError as exc:
        # the actor named last in the message is the one being added when the check failed
        named = [(exc.problem.rfind(repr(aid)), aid) for aid in lines if repr(aid) in exc.problem]
        culprit = max(named)[1] if named else None
        raise DataError(
            exc.problem,
            path=path,
            line=lines.get(culprit) if culprit else None,
            field=exc.field,
        ) from exc


def _actor(node: yaml.Node, *, path: str) -> Actor:
    line = _line(node)
    if not isinstance(node, yaml.MappingNode):
        raise DataError("expected a mapping per actor", path=path, line=line, field="actors")
    fields = _mapping(node)
    unknown = set(fields) - _ACTOR_FIELDS
    if unknown:
        name = sorted(unknown)[0]
        raise DataError(
            f"unknown field (known: {', '.join(sorted(_ACTOR_FIELDS))})",
            path=path,
            line=_line(fields[name][0]),
            field=name,
        )

    def text(name: str, *, required: bool = False) -> str | None:
        if name not in fields:
            if required:
                raise DataError("required field is missing", path=path, line=line, field=name)
            return None
        value = _value(fields[name][1])
        if value is None:
            return None
        if not isinstance(value, str | int) or isinstance(value, bool):
            raise DataError("expected text", path=path, line=_line(fields[name][1]), field=name)
        return str(value)

    def names(name: str) -> tuple[str, ...]:
        if name not in fields:
            return ()
        value = _value(fields[name][1])
        if not isinstance(value, list) or not all(isinstance(v, str | int) for v in value):
            raise DataError(
                "expected a list of text", path=path, line=_line(fields[name][1]), field=name
            )
        return tuple(str(v) for v in value)

    side_text = text("side") or Side.UNKNOWN.value
    try:
        side = Side(side_text)
    except ValueError:
        raise DataError(
            f"unknown side {side_text!r} (known: {', '.join(s.value for s in Side)})",
            path=path,
            line=_line(fields["side"][1]),
            field="side",
        ) from None
    inter_text = text("acled_inter")
    inter: int | None = None
    if inter_text is not None:
        if not inter_text.isdigit() or not 0 <= int(inter_text) <= 8:
            raise DataError(
                "expected an ACLED inter code 0..8",
                path=path,
                line=_line(fields["acled_inter"][1]),
                field="acled_inter",
            )
        inter = int(inter_text)
    actor_id = text("id", required=True) or ""
    return Actor(
        id=actor_id,
        name_en=text("name_en", required=True) or "",
        name_ar=text("name_ar"),
        aliases=names("aliases"),
        kind=text("kind") or "armed_group",
        side=side,
        designations=names("designations"),
        parent_id=text("parent"),
        acled_inter=inter,
    )


def _mapping(node: yaml.MappingNode) -> dict[str, tuple[yaml.Node, yaml.Node]]:
    return {str(k.value): (k, v) for k, v in node.value}


def _line(node: yaml.Node) -> int:
    return int(node.start_mark.line) + 1


def _value(node: yaml.Node) -> Any:
    """Plain Python value of a node (scalars resolved with YAML's safe rules).

    Built from the composed node by the safe constructor, which is what ``yaml.safe_load`` of
    the node's text would give; serialising the node and parsing it again took most of the
    registry's load time (a fresh constructor per node: it memoises the nodes it built)."""
    return yaml.constructor.SafeConstructor().construct_object(node, deep=True)
