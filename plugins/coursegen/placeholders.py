"""Find the starter files' placeholder texts still left in a lesson or quiz.

`course new` writes starters that are valid as written, so a forgotten placeholder
would be published without complaint. Every placeholder starts with ``TODO:``;
each one left is a warning, which ``--strict`` makes a failure.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable, Iterator
from typing import Any

from pydantic import BaseModel

from .diagnostics import FieldPath
from .loading import Sourced

MARKER = "TODO:"
"""How every placeholder text in ``templates/starters/`` begins."""


def placeholder_paths(data: Any, path: FieldPath = ()) -> Iterator[FieldPath]:
    """The field paths in ``data`` (plain data, as a model dumps it) whose text is a placeholder."""
    if isinstance(data, str):
        if data.lstrip().startswith(MARKER):
            yield path
    elif isinstance(data, dict):
        for key, value in data.items():
            yield from placeholder_paths(value, (*path, str(key)))
    elif isinstance(data, list):
        for index, value in enumerate(data):
            yield from placeholder_paths(value, (*path, index))


def placeholder_warnings(items: Iterable[Sourced[Any]]) -> list[str]:
    """One warning per lesson or quiz of ``items`` with placeholders left, at the first one's
    file, line and field, with the lines of the others (a fresh starter has dozens: one line
    each would bury the rest).

    ``items``: those whose texts hold :data:`MARKER` somewhere (found by the caller in one
    search of each model's dump); only a text that starts with it is a placeholder.
    """
    warnings = []
    for item in items:
        model: BaseModel = item.model
        noun = "lesson" if item.kind.__name__ == "Lesson" else "quiz"
        found = sorted(item.document.problem(path, "") for path in placeholder_paths(model.model_dump()))
        if not found:
            continue  # the marker only inside a text ("Write the summary, TODO: later"): the author's own
        others = sorted({problem.line for problem in found[1:]} - {found[0].line})
        more = f", and on line{'s' if len(others) > 1 else ''} {', '.join(map(str, others))}" if others else ""
        message = (
            f"starter text left in the {noun} (a text that starts with `{MARKER}`) here{more}; "
            f"write the {noun}'s own text, or delete the field if it is optional"
        )
        warnings.append(str(dataclasses.replace(found[0], message=message)))
    return warnings
