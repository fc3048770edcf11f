"""The building blocks of every authored shape: ids, texts, weights and the strict base model.

They live apart from :mod:`models` so that each question type's module
(:mod:`questions`) can build on them without importing the whole course model.
"""

from __future__ import annotations

from typing import Annotated, Any

from pydantic import BaseModel, ConfigDict, Field, StringConstraints

#: Ids become URLs, localStorage keys and HTML ids, so they are kept to a safe alphabet.
Id = Annotated[
    str,
    StringConstraints(pattern=r"^[a-z0-9]+(?:-[a-z0-9]+)*$", min_length=1, max_length=64),
    Field(description="Lowercase letters, digits and single hyphens, e.g. `assess-the-balance`."),
]
Text = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1)]
"""Plain or Markdown text that must not be empty."""
Markdown = Annotated[
    str,
    StringConstraints(strip_whitespace=True, min_length=1),
    Field(description="Markdown text."),
]
Weight = Annotated[int, Field(ge=-10, le=10)]

ID_HINT = "lowercase letters, digits and single hyphens (for example `assess-the-balance`)"


class Strict(BaseModel):
    """Base for every authored shape.

    ``strict`` stops silent coercion (a number where text was meant, the YAML 1.1
    boolean ``no`` where a word was meant); ``forbid`` turns typos in field names
    into errors instead of silently ignored data.
    """

    model_config = ConfigDict(extra="forbid", strict=True, frozen=True)


_FIELD_SETS: dict[frozenset[str], set[str]] = {}
"""One ``__pydantic_fields_set__`` per distinct set of named fields, shared by every model that has it."""


def share_field_sets(value: Any) -> None:
    """Let every model in ``value`` (models, lists, tuples and mappings of them) share its fields set.

    Pydantic gives each instance its own set of the fields the input named: at least
    216 bytes, more than the instance's values, and a 1,000-lesson course validates
    about 23,000 instances (5 MB, about a quarter of its models' memory). The set of a
    frozen model (every :class:`Strict` one) is never changed (``model_copy`` copies it
    before adding to it), so one set per distinct content serves them all.
    """
    if isinstance(value, BaseModel):
        # Only a frozen model's set is never added to: a model that allows assignment keeps its own.
        if value.model_config.get("frozen"):
            own = value.__pydantic_fields_set__
            shared = _FIELD_SETS.setdefault(frozenset(own), own)
            if shared is not own:
                object.__setattr__(value, "__pydantic_fields_set__", shared)
        for item in value.__dict__.values():
            share_field_sets(item)
    elif isinstance(value, list | tuple):
        for item in value:
            share_field_sets(item)
    elif isinstance(value, dict):
        for item in value.values():
            share_field_sets(item)
