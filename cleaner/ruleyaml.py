"""Rule-file YAML: a safe subset, parsed into values that remember their source lines.

Rule files are data a person writes, so the YAML features that only make trouble are refused
with the line where they appear, before anything is built: anchors and aliases (``&a``,
``*a``: a 1 KB "billion laughs" file would otherwise expand to gigabytes, and ``&a [*a]`` is
a cycle), explicit tags other than ``!!str`` (``!!int abc``, ``!foo``), and nesting deeper
than :data:`MAX_DEPTH`. Plain scalars that look like dates, ``<<`` or ``=`` stay text: rule
files have no dates, merge keys need aliases, and ``=`` has no Python value. Every failure is a
:class:`~cleaner.errors.RuleError` naming the file and, wherever YAML can tell, the line.
"""

from __future__ import annotations

import re
from typing import Any

import yaml

from .errors import RuleError

# Deeper than any rule file needs (a shape element inside a rule inside the rules list is 4);
# bounded so that 20,000 '[' is one error line, not a RecursionError in PyYAML's composer.
MAX_DEPTH = 32
# The only explicit tags a rule file may use: '!!str' (and the non-specific '!') on a scalar.
_ALLOWED_TAGS = (None, "!", "tag:yaml.org,2002:str")
# Implicit types rule files never mean: dates, merge keys and the '=' value key.
_DROPPED_RESOLVERS = {"tag:yaml.org,2002:timestamp", "tag:yaml.org,2002:merge", "tag:yaml.org,2002:value"}


# libyaml's parser when PyYAML was built with it (its wheels are): a tenth of the pure-Python
# parser's time, and rule files are parsed twice (events to screen, then nodes).
_BaseLoader: type[yaml.SafeLoader] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class RuleLoader(_BaseLoader):  # type: ignore[valid-type,misc]
    """SafeLoader that resolves plain scalars to text, numbers, booleans and null only."""

    yaml_implicit_resolvers = {  # noqa: RUF012 (PyYAML's class-level table, copied and trimmed)
        first: [(tag, regexp) for tag, regexp in resolvers if tag not in _DROPPED_RESOLVERS]
        for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
    }


class YamlMap(dict):
    """A YAML mapping that remembers its own line and each key's line."""

    line: int
    key_lines: dict[str, int]


class YamlSeq(list):
    """A YAML sequence that remembers its own line and each item's line."""

    line: int
    item_lines: list[int]


_SCALARS = yaml.constructor.SafeConstructor()


def _line_of(exc: yaml.YAMLError, text: str) -> int | None:
    """The 1-based line a PyYAML error points at, if it points anywhere."""
    if isinstance(exc, yaml.MarkedYAMLError):
        mark = exc.problem_mark or exc.context_mark
        return mark.line + 1 if mark else None
    position = getattr(exc, "position", None)  # ReaderError: a character offset
    return text.count("\n", 0, position) + 1 if isinstance(position, int) else None


def _problem(exc: yaml.YAMLError) -> str:
    """PyYAML's own words for an error, on one line."""
    marked = isinstance(exc, yaml.MarkedYAMLError)
    words = (exc.problem or exc.context or "syntax error") if marked else str(exc)
    return " ".join(str(words).split())


def _screen(text: str, path: str) -> None:
    """Refuse anchors, aliases, foreign tags and deep nesting, reading events only (nothing is built)."""
    depth = 0
    for event in yaml.parse(text, Loader=RuleLoader):
        line = event.start_mark.line + 1
        if isinstance(event, yaml.AliasEvent):
            raise RuleError(path, f"YAML alias *{event.anchor} is not allowed in rule files (write it out)", line)
        if isinstance(event, yaml.NodeEvent) and event.anchor is not None:
            raise RuleError(path, f"YAML anchor &{event.anchor} is not allowed in rule files", line)
        tag = getattr(event, "tag", None)
        if isinstance(event, yaml.NodeEvent) and tag not in _ALLOWED_TAGS:
            raise RuleError(path, f"YAML tag {tag} is not allowed in rule files (only !!str)", line)
        if isinstance(event, yaml.CollectionStartEvent):
            if tag is not None:
                raise RuleError(path, f"YAML tag {tag} is not allowed on a list or mapping", line)
            depth += 1
            if depth > MAX_DEPTH:
                raise RuleError(path, f"nested deeper than {MAX_DEPTH} levels", line)
        elif isinstance(event, yaml.CollectionEndEvent):
            depth -= 1


def _to_python(node: yaml.Node, path: str) -> Any:
    """Turn a composed YAML node into Python values that keep their source lines."""
    if isinstance(node, yaml.MappingNode):
        result = YamlMap()
        result.line = node.start_mark.line + 1
        result.key_lines = {}
        for key_node, value_node in node.value:
            key = _to_python(key_node, path)
            line = key_node.start_mark.line + 1
            if not isinstance(key, str):
                raise RuleError(path, f"keys must be text, got {_short(key)}", line)
            if key in result:
                raise RuleError(path, f"duplicate key {key!r}", line)
            result[key] = _to_python(value_node, path)
            result.key_lines[key] = line
        return result
    if isinstance(node, yaml.SequenceNode):
        seq = YamlSeq(_to_python(item, path) for item in node.value)
        seq.line = node.start_mark.line + 1
        seq.item_lines = [item.start_mark.line + 1 for item in node.value]
        return seq
    try:
        return _SCALARS.construct_object(node)
    except (yaml.YAMLError, ValueError, OverflowError) as exc:  # e.g. an int of 5,000 digits
        raise RuleError(path, f"bad value {_short(node.value)}: {exc}", node.start_mark.line + 1) from None


def _short(value: Any) -> str:
    """A value for a message, cut to a readable length."""
    shown = repr(value)
    return shown if len(shown) <= 60 else shown[:57] + "..."


# Characters YAML takes as line breaks that editors (and our line numbers) do not: NEL, LS, PS
# and a CR not followed by LF. Refused, so that every line number names the line an editor shows.
_ODD_BREAK = re.compile("[\x85\u2028\u2029]|\r(?!\n)")


def parse_yaml(text: str, path: str) -> Any:
    """Parse rule-file YAML (the safe subset above), turning every problem into a RuleError with the line."""
    odd = _ODD_BREAK.search(text)
    if odd:
        line = text.count("\n", 0, odd.start()) + 1
        char = f"U+{ord(odd.group()):04X}"
        raise RuleError(path, f"character {char} is a line break in YAML; write it as an escape in double quotes", line)
    try:
        _screen(text, path)
        node = yaml.compose(text, Loader=RuleLoader)
    except yaml.YAMLError as exc:
        raise RuleError(path, f"YAML error: {_problem(exc)}", _line_of(exc, text)) from None
    if node is None:
        raise RuleError(path, "empty rule file")
    return _to_python(node, path)
