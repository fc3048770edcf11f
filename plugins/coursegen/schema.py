"""JSON Schemas for editors, generated from the models (never written by hand)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from pydantic import BaseModel, TypeAdapter

from .models import CaseLibrary, Lesson, Outline, Quiz

SCHEMA_FILES: dict[str, Any] = {
    "course.schema.json": Outline,
    "lesson.schema.json": Lesson,
    "quiz.schema.json": Quiz,
    "cases.schema.json": CaseLibrary,
}


def schema_of(model: Any, name: str) -> dict[str, Any]:
    """The JSON Schema of one file kind, with an id and title editors can show."""
    if isinstance(model, type) and issubclass(model, BaseModel):
        schema = model.model_json_schema()
    else:
        schema = TypeAdapter(model).json_schema()
        schema["title"] = "Quiz"
    return {"$schema": "https://json-schema.org/draft/2020-12/schema", "$id": name, **schema}


def render_schemas() -> dict[str, str]:
    """File name → schema text, exactly as committed under ``schemas/``."""
    return {name: json.dumps(schema_of(model, name), indent=2, ensure_ascii=False) + "\n" for name, model in SCHEMA_FILES.items()}


def write_schemas(folder: Path) -> list[Path]:
    """Write every schema into ``folder``; return the paths written."""
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for name, text in render_schemas().items():
        path = folder / name
        path.write_text(text, encoding="utf-8")
        written.append(path)
    return written
