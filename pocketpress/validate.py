"""Check located YAML data against a schema model; every error becomes a Problem with a line."""

from __future__ import annotations

import typing

from pydantic import BaseModel, ValidationError
from pydantic_core import ErrorDetails

from .errors import Problem, did_you_mean
from .schema import HINTS
from .yamlsource import Located

M = typing.TypeVar("M", bound=BaseModel)


def validate(located: Located, model: type[M], path: str) -> tuple[M | None, list[Problem]]:
    """(instance, []) when valid, else (None, every problem in the file)."""
    try:
        return model.model_validate(located.data), []
    except ValidationError as exc:
        return None, [_problem(err, located, model, path) for err in exc.errors()]


def _problem(err: ErrorDetails, located: Located, model: type[BaseModel], path: str) -> Problem:
    loc = tuple(err["loc"])
    line = located.line_of(loc)
    name = _dotted(loc)
    kind = err["type"]
    if kind == "extra_forbidden":
        return Problem(path, line, f"unknown key '{loc[-1]}'", did_you_mean(str(loc[-1]), _fields_at(model, loc[:-1])))
    if kind == "missing":
        return Problem(path, line, f"missing key '{name}'", "add it")
    if kind.startswith("date") or (loc and loc[-1] == "date"):
        return Problem(path, line, f"invalid date '{err.get('input')}' for '{name}'", HINTS["date_parsing"])
    if kind == "model_type" or kind == "dict_type":
        return Problem(
            path, line, f"'{name or 'file'}' should be a set of key: value lines", "see docs/content-format.md"
        )
    message = err["msg"].removeprefix("Value error, ")
    if kind == "string_type" and loc in located.raw:
        text = located.raw[loc]
        return Problem(
            path,
            line,
            f"'{name}': {text} is read as {_yaml_kind(err.get('input'))}, not as text",
            f'put it in quotes: {loc[-1]}: "{text}"',
        )
    return Problem(path, line, f"'{name}': {message}", HINTS.get(kind, ""))


def _yaml_kind(value: object) -> str:
    if isinstance(value, bool):
        return f"yes/no ({str(value).lower()})"
    if value is None:
        return "empty"
    return "a number" if isinstance(value, int | float) else f"a {type(value).__name__}"


def _dotted(loc: tuple) -> str:
    out = ""
    for part in loc:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out


def _fields_at(model: type[BaseModel], loc: tuple) -> list[str]:
    """The keys allowed at loc, by walking the schema's annotations."""
    current: object = model
    for part in loc:
        if isinstance(part, int):
            continue
        if not (isinstance(current, type) and issubclass(current, BaseModel)):
            return []
        field = current.model_fields.get(part)
        current = _inner_model(field.annotation) if field else None
    if isinstance(current, type) and issubclass(current, BaseModel):
        return list(current.model_fields)
    return []


def _inner_model(annotation: object) -> type[BaseModel] | None:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    for arg in typing.get_args(annotation):
        found = _inner_model(arg)
        if found:
            return found
    return None
