"""Commented starter files for `course new`, valid as written."""

from __future__ import annotations

import json
import os
from dataclasses import dataclass
from pathlib import Path

import jinja2
import yaml
from pydantic import TypeAdapter, ValidationError

from .model_base import Id

STARTERS = {"lesson": "lesson.yml", "knowledge": "knowledge.yml", "diagnostic": "diagnostic.yml"}
SCHEMAS = {"lesson": "lesson.schema.json", "knowledge": "quiz.schema.json", "diagnostic": "quiz.schema.json"}

_env = jinja2.Environment(
    loader=jinja2.PackageLoader("coursegen", "templates/starters"),
    autoescape=False,  # YAML, not HTML
    undefined=jinja2.StrictUndefined,
    keep_trailing_newline=True,
)
_id = TypeAdapter(Id)


def yaml_scalar(text: str) -> str:
    """``text`` as a YAML scalar: plain when YAML reads it back unchanged, else quoted (`no`, `2024`)."""
    return text if yaml.safe_load(text) == text else json.dumps(text)


_env.filters["yaml"] = yaml_scalar


@dataclass(frozen=True)
class Starter:
    """A starter file to write, and what the author should do next."""

    path: Path
    text: str
    hint: str


class StarterError(ValueError):
    """The id is not valid or the file exists already."""


def starter(kind: str, item_id: str, folder: Path, schemas: Path) -> Starter:
    """The starter of ``kind`` (lesson, knowledge or diagnostic) for ``item_id`` in ``folder``."""
    try:
        _id.validate_python(item_id)
    except ValidationError:
        raise StarterError(f"`{item_id}` is not a valid id: use lowercase letters, digits and single hyphens") from None
    path = folder / f"{item_id}.yml"
    if path.exists():
        raise StarterError(f"{path} exists already")
    schema = Path(os.path.relpath(schemas / SCHEMAS[kind], folder)).as_posix()
    title = item_id.replace("-", " ").capitalize()
    text = _env.get_template(STARTERS[kind]).render(id=item_id, title=title, schema=schema)
    hints = {
        "lesson": f"Add `{item_id}` to a module's `lessons:` list in the course outline to publish it.",
        "knowledge": f"Point a lesson at it with `quiz: {item_id}`.",
        "diagnostic": f"Show it on a Markdown page with the line: <!-- quiz: {item_id} -->",
    }
    return Starter(path, text, hints[kind])
