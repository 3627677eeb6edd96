"""YAML loading that remembers the line of every value, for errors naming file, line and field."""

from __future__ import annotations

from typing import Any

import yaml

Path = tuple[str | int, ...]


class _StringTimestampLoader(yaml.SafeLoader):
    """SafeLoader that keeps timestamps as strings: times are interpreted by hudna, not PyYAML."""


_StringTimestampLoader.yaml_implicit_resolvers = {
    key: [(tag, rx) for tag, rx in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for key, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


def load_yaml_with_lines(text: str) -> tuple[Any, dict[Path, int]]:
    """Parse YAML; return the data and a map from each value's path to its 1-based line.

    Examples
    --------
    >>> data, lines = load_yaml_with_lines("a:\\n  b: [1, 2]\\n")
    >>> data, lines[("a", "b", 1)]
    ({'a': {'b': [1, 2]}}, 2)
    """
    node = yaml.compose(text, Loader=_StringTimestampLoader)
    lines: dict[Path, int] = {}
    if node is None:
        return None, lines
    loader = _StringTimestampLoader("")
    return _convert(node, (), lines, loader), lines


def _convert(node: yaml.Node, path: Path, lines: dict[Path, int], loader: yaml.SafeLoader) -> Any:
    lines[path] = node.start_mark.line + 1
    if isinstance(node, yaml.MappingNode):
        out: dict[Any, Any] = {}
        for key_node, value_node in node.value:
            key = loader.construct_object(key_node, deep=True)
            out[key] = _convert(value_node, (*path, key), lines, loader)
        return out
    if isinstance(node, yaml.SequenceNode):
        return [_convert(v, (*path, i), lines, loader) for i, v in enumerate(node.value)]
    return loader.construct_object(node, deep=True)


def line_of(lines: dict[Path, int], path: Path) -> int | None:
    """Line of ``path`` or of its nearest ancestor that has one."""
    while True:
        if path in lines:
            return lines[path]
        if not path:
            return None
        path = path[:-1]


def dotted(path: Path) -> str:
    """Render a path as ``regimes[0].windows[1].end``.

    Examples
    --------
    >>> dotted(("regimes", 0, "windows", 1, "end"))
    'regimes[0].windows[1].end'
    """
    out = ""
    for part in path:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out
