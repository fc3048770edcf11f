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
    try:
        plain = yaml.safe_load(text) == text
    except yaml.YAMLError:  # `a: b: c` is no scalar at all
        plain = False
    # Not ASCII-escaped: a title in German stays readable in the file.
    return text if plain else json.dumps(text, ensure_ascii=False)


_env.filters["yaml"] = yaml_scalar


@dataclass(frozen=True)
class Starter:
    """A starter file to write, and what the author should do next."""

    path: Path
    text: str
    hint: str


class StarterError(ValueError):
    """The id is not valid or the file exists already."""


def check_id(item_id: str) -> None:
    """Refuse what the models would not accept as an id (of a lesson, quiz or module)."""
    try:
        _id.validate_python(item_id)
    except ValidationError:
        raise StarterError(f"`{item_id}` is not a valid id: use lowercase letters, digits and single hyphens") from None


def starter(kind: str, item_id: str, folder: Path, schemas: Path) -> Starter:
    """The starter of ``kind`` (lesson, knowledge or diagnostic) for ``item_id`` in ``folder``."""
    check_id(item_id)
    path = folder / f"{item_id}.yml"
    if path.exists():
        raise StarterError(f"{path} exists already")
    schema = Path(os.path.relpath(schemas / SCHEMAS[kind], folder)).as_posix()
    title = item_id.replace("-", " ").capitalize()
    text = _env.get_template(STARTERS[kind]).render(id=item_id, title=title, schema=schema)
    hints = {
        "lesson": f"Add `{item_id}` to a module's `lessons:` list in the course outline to publish it"
        f" (`--module MODULE` does it).",
        "knowledge": f"Point a lesson at it with `quiz: {item_id}` (`--lesson LESSON` does it).",
        "diagnostic": f"Show it on a Markdown page with the line: <!-- quiz: {item_id} -->",
    }
    return Starter(path, text, hints[kind])
