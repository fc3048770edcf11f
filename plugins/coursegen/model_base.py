"""The building blocks of every authored shape: ids, texts, weights and the strict base model.

They live apart from :mod:`models` so that each question type's module
(:mod:`questions`) can build on them without importing the whole course model.
"""

from __future__ import annotations

from typing import Annotated

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
