"""YAML read with the line of every key and value, so errors can point at them."""

from __future__ import annotations

from dataclasses import dataclass, field

import yaml

from .errors import Problem

HINT_TWICE = "keep one of the two"

# Limits on what one YAML text may make, checked while the nodes become data (before any expansion):
# a crafted file ("billion laughs", a recursive alias, deep nesting) stops with an error, not a hang.
MAX_YAML_BYTES = 1_000_000  # edition.yaml, a language's edition.yaml, a chapter header
MAX_NODES = 100_000  # values made, aliases counted each time they are used
MAX_ALIASES = 1_000  # uses of an anchored value (*name)
MAX_DEPTH = 50  # mappings and lists inside each other


class LimitExceeded(Exception):
    """A YAML text would make more than the limits allow."""

    def __init__(self, message: str, line: int):
        super().__init__(message)
        self.message, self.line = message, line


@dataclass
class _Budget:
    nodes: int = 0
    aliases: int = 0
    seen: set[int] = field(default_factory=set)
    open: set[int] = field(default_factory=set)


@dataclass
class Located:
    """Plain Python data from YAML plus the 1-based line of each value, by path."""

    data: object
    lines: dict[tuple, int] = field(default_factory=dict)
    key_lines: dict[tuple, int] = field(default_factory=dict)
    raw: dict[tuple, str] = field(default_factory=dict)  # how YAML read a value that is not text: NO -> False
    blocks: set[tuple] = field(default_factory=set)  # values written as a '|' or '>' block of lines

    def line_of(self, loc: tuple) -> int:
        """The line of the deepest part of loc that YAML placed; 1 if none."""
        loc = tuple(loc)
        while loc:
            if loc in self.key_lines:
                return self.key_lines[loc]
            if loc in self.lines:
                return self.lines[loc]
            loc = loc[:-1]
        return self.lines.get((), 1)


def _convert(node: yaml.Node, path: tuple, out: Located, repeated: list[tuple[str, int, int]], budget: _Budget):
    """Plain data from node; keys given twice in one mapping go to repeated as (key, line, first line)."""
    line = node.start_mark.line + 1
    if id(node) in budget.open:
        raise LimitExceeded("a YAML alias refers to the value that contains it (a recursive alias)", line)
    budget.nodes += 1
    if id(node) in budget.seen:
        budget.aliases += 1
    budget.seen.add(id(node))
    if budget.aliases > MAX_ALIASES or budget.nodes > MAX_NODES:
        raise LimitExceeded(
            f"YAML aliases expand to too much data (over {MAX_ALIASES:,} alias uses or {MAX_NODES:,} values)", line
        )
    if len(path) > MAX_DEPTH:
        raise LimitExceeded(f"YAML nested more than {MAX_DEPTH} levels deep", line)
    tag = str(getattr(node, "tag", "") or "")
    if tag.startswith(PYTHON_TAG):
        raise LimitExceeded(f"the YAML tag !!{tag.removeprefix('tag:yaml.org,2002:')} is not allowed", line)
    if not isinstance(node, yaml.MappingNode | yaml.SequenceNode):
        out.lines[path] = line
        value = _scalar(node)
        style = getattr(node, "style", None)
        if not isinstance(value, str) and not style:
            out.raw[path] = node.value
        if style in ("|", ">"):
            out.blocks.add(path)
        return value
    budget.open.add(id(node))
    try:
        return _collection(node, path, out, repeated, budget)
    finally:
        budget.open.discard(id(node))


def _collection(node, path: tuple, out: Located, repeated: list[tuple[str, int, int]], budget: _Budget):
    out.lines[path] = node.start_mark.line + 1
    if isinstance(node, yaml.MappingNode):
        result = {}
        for key_node, value_node in node.value:
            key = str(_scalar(key_node)) if isinstance(key_node, yaml.ScalarNode) else str(key_node.value)
            line = key_node.start_mark.line + 1
            if key in result:
                repeated.append((key, line, out.key_lines[(*path, key)]))
                continue
            out.key_lines[(*path, key)] = line
            result[key] = _convert(value_node, (*path, key), out, repeated, budget)
        return result
    return [_convert(item, (*path, i), out, repeated, budget) for i, item in enumerate(node.value)]


PYTHON_TAG = "tag:yaml.org,2002:python/"  # would make Python objects: never constructed, always refused
HINT_LIMITS = "write the values out plainly; see 'Security and limits' in README.md"

# libyaml's parser where PyYAML has it (the wheels do): the same nodes and marks, ten times faster.
PARSER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_CONSTRUCTOR = yaml.SafeLoader("")


def _scalar(node: yaml.Node):
    """The scalar's value; a malformed date like 2024-13-45 stays a string for the schema to report."""
    try:
        return _CONSTRUCTOR.construct_object(node, deep=True)
    except (ValueError, yaml.constructor.ConstructorError):
        return node.value
    finally:
        _CONSTRUCTOR.constructed_objects.clear()


def load_yaml(text: str, path: str, first_line: int = 1) -> tuple[Located | None, list[Problem]]:
    """Parse text; return located data, or the syntax problem with its line."""
    size = len(text.encode("utf-8", "surrogatepass"))
    if size > MAX_YAML_BYTES:
        return None, [
            Problem(
                path,
                first_line,
                f"YAML of {size:,} bytes is over the limit of {MAX_YAML_BYTES:,}",
                "a header or edition.yaml holds settings, not text: move long text into the chapter",
            )
        ]
    try:
        node = yaml.compose(text, Loader=PARSER)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = (mark.line + first_line) if mark else first_line
        what = exc.problem or exc.context or "invalid YAML"
        return None, [
            Problem(
                path,
                line,
                f"YAML syntax error: {what}",
                "check indentation, colons and quotes on this line and the one above",
            )
        ]
    except yaml.YAMLError as exc:
        return None, [Problem(path, first_line, f"YAML error: {exc}")]
    except RecursionError:
        return None, [Problem(path, first_line, f"YAML nested more than {MAX_DEPTH} levels deep", HINT_LIMITS)]
    out = Located(data={})
    if node is None:
        return out, []
    repeated: list[tuple[str, int, int]] = []
    try:
        out.data = _convert(node, (), out, repeated, _Budget())
    except LimitExceeded as exc:
        return None, [Problem(path, exc.line + first_line - 1, exc.message, HINT_LIMITS)]
    if repeated:
        shift = first_line - 1
        return None, [
            Problem(
                path, line + shift, f"key '{key}' is given twice (first at line {first + shift})", "keep one of the two"
            )
            for key, line, first in repeated
        ]
    if first_line != 1:
        out.lines = {k: v + first_line - 1 for k, v in out.lines.items()}
        out.key_lines = {k: v + first_line - 1 for k, v in out.key_lines.items()}
    return out, []
