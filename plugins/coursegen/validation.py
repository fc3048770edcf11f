"""Validate one parsed document against a model and explain every error in authors' terms."""

from __future__ import annotations

import difflib
import typing
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError
from pydantic_core import ErrorDetails

from .diagnostics import Problem, format_path
from .model_base import ID_HINT, share_field_sets
from .questions import TYPE_TAGS
from .yaml_errors import quoted
from .yaml_source import Document

M = TypeVar("M", bound=BaseModel)

_TYPE_WORDS = {
    "string_type": "text",
    "int_type": "a whole number",
    "bool_type": "true or false",
    "list_type": "a list (items starting with `- `)",
    "dict_type": "a mapping of fields (`name: value` lines)",
    "model_type": "a mapping of fields (`name: value` lines)",
    "model_attributes_type": "a mapping of fields (`name: value` lines)",
}


def describe(value: Any) -> str:
    """Name a YAML value's type the way an author would, with a short preview."""
    if value is None:
        return "nothing (an empty value)"
    if isinstance(value, bool):
        return f"the boolean {str(value).lower()}"
    if isinstance(value, int | float):
        return f"the number {value}"
    if isinstance(value, str):
        preview = value if len(value) <= 40 else value[:37] + "..."
        return f"the text {preview!r}"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a mapping"
    return type(value).__name__


def validate(document: Document, model: type[M]) -> tuple[M | None, list[Problem]]:
    """Validate ``document.data`` as ``model``; return the model or the located problems."""
    problems: list[Problem] = list(document.problems)
    try:
        result: M | None = model.model_validate(document.data)
        share_field_sets(result)
    except ValidationError as error:
        result = None
        merged = _merge_misspelt(error.errors(include_url=False))
        problems += [_explain(document, model, detail, meant) for detail, meant in merged]
    reported = {problem.field for problem in problems}
    for path, word in document.bool_words.items():
        if format_path(path) not in reported:
            problems.append(
                document.problem(
                    path,
                    f"unquoted `{word}` is read as a boolean by YAML 1.1; write `true`/`false`, "
                    f'or "{word}" in quotes if you meant the word',
                )
            )
    return result, sorted(problems)



def _merge_misspelt(details: list[ErrorDetails]) -> list[tuple[ErrorDetails, str | None]]:
    """Every error, with the missing fields that an unknown key beside them misspells left out.

    ``takeaway: [...]`` is both an unknown field and a missing ``takeaways``; the author made
    one mistake, so it gets one message, at the misspelt key, naming the field meant.
    """
    missing: dict[tuple[Any, ...], list[str]] = {}
    for detail in details:
        if detail["type"] == "missing" and detail["loc"]:
            missing.setdefault(tuple(detail["loc"][:-1]), []).append(str(detail["loc"][-1]))
    meant: dict[int, str] = {}
    claimed: set[tuple[Any, ...]] = set()
    for number, detail in enumerate(details):
        if detail["type"] != "extra_forbidden" or not detail["loc"]:
            continue
        parent = tuple(detail["loc"][:-1])
        names = [name for name in missing.get(parent, []) if (*parent, name) not in claimed]
        close = difflib.get_close_matches(str(detail["loc"][-1]), names, n=1, cutoff=0.7)
        if close:
            meant[number] = close[0]
            claimed.add((*parent, close[0]))
    return [
        (detail, meant.get(number))
        for number, detail in enumerate(details)
        if not (detail["type"] == "missing" and tuple(detail["loc"]) in claimed)
    ]


def _field_path(loc: tuple[str | int, ...]) -> tuple[str | int, ...]:
    """An error's location as a path in the file: without the question type tags pydantic adds
    after a question's index (``questions[0].ordering.items`` is ``questions[0].items``)."""
    return tuple(
        part for n, part in enumerate(loc) if not (part in TYPE_TAGS and n > 0 and isinstance(loc[n - 1], int))
    )


def _explain(document: Document, model: type[BaseModel], detail: ErrorDetails, meant: str | None = None) -> Problem:
    """One pydantic error as a located problem; ``meant`` is the missing field an unknown key misspells."""
    raw = tuple(detail["loc"])
    path = _field_path(raw)
    kind = detail["type"]
    value = detail.get("input")
    if kind == "question_type":
        tag = value.get("type") if isinstance(value, dict) else None
        expected = detail.get("ctx", {}).get("expected", "")
        return document.problem((*path, "type"), f"expected `type` to be one of {expected}, got {describe(tag)}")
    if kind == "missing":
        return document.problem(path, f"missing required field `{path[-1]}`", located_at=path[:-1])
    if kind == "extra_forbidden":
        tags = [part for n, part in enumerate(raw) if part in TYPE_TAGS and n > 0 and isinstance(raw[n - 1], int)]
        kind_of = f" in a question of type `{tags[-1]}`" if tags and len(raw) - raw.index(tags[-1]) == 2 else ""
        hint = f" (did you mean `{meant}`?)" if meant else _suggest(model, raw)
        return document.problem(path, f"unknown field `{path[-1]}`{kind_of}{hint}", key=True)
    if path in document.bool_words and kind == "string_type":
        word = document.bool_words[path]
        return document.problem(
            path, f'expected text, but YAML 1.1 reads unquoted `{word}` as a boolean; write "{word}" in quotes'
        )
    if kind == "string_type" and isinstance(value, dict) and len(value) == 1:
        # `- Learn this: the basics` is a one-field mapping to YAML, not the text it looks like.
        [(name, rest)] = value.items()
        if isinstance(rest, str | int | float) and not isinstance(rest, bool):
            text = f"{name}: {rest}"
            return document.problem(
                path,
                f"expected text, got a mapping: YAML reads `{text}` as a field because of the `: `; "
                f"put the text in quotes: {quoted(text)}",
            )
    if kind in _TYPE_WORDS:
        return document.problem(path, f"expected {_TYPE_WORDS[kind]}, got {describe(value)}")
    if kind == "string_pattern_mismatch":
        return document.problem(path, f"expected an id of {ID_HINT}, got {describe(value)}")
    if kind in {"too_short", "string_too_short"}:
        if isinstance(value, str):
            return document.problem(path, "must not be empty")
        minimum = detail.get("ctx", {}).get("min_length", 1)
        return document.problem(path, f"needs at least {minimum} item{'s' if minimum != 1 else ''}")
    if kind == "too_long":
        maximum = detail.get("ctx", {}).get("max_length")
        return document.problem(path, f"allows at most {maximum} items")
    if kind == "literal_error":
        expected = detail.get("ctx", {}).get("expected", "")
        return document.problem(path, f"expected one of {expected}, got {describe(value)}")
    if kind == "value_error":
        message = str(detail.get("ctx", {}).get("error", detail["msg"]))
        return document.problem(path, message)
    return document.problem(path, f"{detail['msg'][0].lower()}{detail['msg'][1:]}, got {describe(value)}")



def _suggest(model: type[BaseModel], path: tuple[str | int, ...]) -> str:
    """A ' (did you mean `x`?)' hint from the fields of the model the key was found in."""
    owner = _model_at(model, path[:-1])
    if owner is None:
        return ""
    known = list(owner.model_fields)
    close = difflib.get_close_matches(str(path[-1]), known, n=1, cutoff=0.7)
    if close:
        return f" (did you mean `{close[0]}`?)"
    return f"; expected one of: {', '.join(known)}"


def _model_at(model: type[BaseModel], path: tuple[str | int, ...]) -> type[BaseModel] | None:
    """Walk the model's field annotations along ``path`` (as pydantic gives it, question type
    tags included) to find the nested model there."""
    current: Any = model
    annotation: Any = None
    for n, part in enumerate(path):
        if isinstance(part, int):
            continue
        if part in TYPE_TAGS and n > 0 and isinstance(path[n - 1], int):
            current = _member(annotation, str(part)) or current  # the question's type decides its fields
            continue
        if not (isinstance(current, type) and issubclass(current, BaseModel)):
            return None
        info = current.model_fields.get(str(part))
        if info is None:
            return None
        annotation = info.annotation
        current = _unwrap(annotation)
    return current if isinstance(current, type) and issubclass(current, BaseModel) else None


def _member(annotation: Any, tag: str) -> type[BaseModel] | None:
    """The model tagged ``tag`` in a tagged union inside ``annotation`` (``list[Union[...]]``)."""
    for arg in typing.get_args(annotation):
        for member in typing.get_args(arg) or (arg,):
            found = _member(member, tag)
            if found:
                return found
        extras = getattr(arg, "__metadata__", ())
        if any(getattr(extra, "tag", None) == tag for extra in extras):
            inner = typing.get_args(arg)[0]
            if isinstance(inner, type) and issubclass(inner, BaseModel):
                return inner
    return None


def _unwrap(annotation: Any) -> Any:
    """The model inside ``list[X]``, ``X | None`` and the like."""
    for arg in (*typing.get_args(annotation), annotation):
        if isinstance(arg, type) and issubclass(arg, BaseModel):
            return arg
        inner = typing.get_args(arg)
        for sub in inner:
            if isinstance(sub, type) and issubclass(sub, BaseModel):
                return sub
    return annotation
