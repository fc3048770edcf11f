"""The question types, one module each, and the registry that finds them.

A knowledge-check question is one of :data:`KNOWLEDGE_TYPES`, a diagnostic
question one of :data:`DIAGNOSTIC_TYPES`, told apart by their ``type`` field
(``choice`` when it is left out). Each type's module holds its model, its own
checks, what the browser scores it by and the names of its template and browser
module; nothing else in the package names a type. Adding a type is: its module
here, its template in ``templates/questions/``, its browser module in
``assets/questions/`` if the built-in choice handling will not do, its strings,
its tests (README: "Adding a question type").
"""

from __future__ import annotations

from typing import Annotated, Any, get_args

from pydantic import BaseModel, Discriminator, Tag

from .choice import ChoiceOption, ChoiceQuestion
from .diagnostic_choice import DiagnosticChoiceQuestion, DiagnosticOption, DiagnosticQuestionBase
from .knowledge import KnowledgeQuestionBase
from .matching import MatchingQuestion
from .numeric import NumericQuestion
from .ordering import OrderingQuestion
from .scale import ScaleQuestion
from .short_answer import ShortAnswerQuestion

DEFAULT_TYPE = "choice"


def _type_of(value: Any) -> str | None:
    """The ``type`` a question is written with (``choice`` when left out); None when it is not text."""
    if isinstance(value, dict):
        tag = value.get("type", DEFAULT_TYPE)
        return tag if isinstance(tag, str) else None
    return getattr(value, "type", None)


def _discriminator(tags: list[str]) -> Discriminator:
    expected = ", ".join(f"`{tag}`" for tag in tags)
    return Discriminator(
        _type_of,
        custom_error_type="question_type",
        custom_error_message=f"expected `type` to be one of {expected}",
        custom_error_context={"expected": expected},
    )


# The tags are the types' `type` values; test_question_types.py holds the two together.
KnowledgeQuestion = Annotated[
    Annotated[ChoiceQuestion, Tag("choice")]
    | Annotated[OrderingQuestion, Tag("ordering")]
    | Annotated[MatchingQuestion, Tag("matching")]
    | Annotated[NumericQuestion, Tag("numeric")]
    | Annotated[ShortAnswerQuestion, Tag("short-answer")],
    _discriminator(["choice", "ordering", "matching", "numeric", "short-answer"]),
]
"""Any knowledge-check question."""
DiagnosticQuestion = Annotated[
    Annotated[DiagnosticChoiceQuestion, Tag("choice")] | Annotated[ScaleQuestion, Tag("scale")],
    _discriminator(["choice", "scale"]),
]
"""Any diagnostic question."""


def _types(union: Any) -> dict[str, type[BaseModel]]:
    """Tag → model of a union above."""
    members = get_args(get_args(union)[0])
    return {get_args(member)[1].tag: get_args(member)[0] for member in members}


KNOWLEDGE_TYPES: dict[str, type[KnowledgeQuestionBase]] = _types(KnowledgeQuestion)  # type: ignore[assignment]
DIAGNOSTIC_TYPES: dict[str, type[DiagnosticQuestionBase]] = _types(DiagnosticQuestion)  # type: ignore[assignment]
TYPE_TAGS = frozenset(KNOWLEDGE_TYPES) | frozenset(DIAGNOSTIC_TYPES)
"""Every type's tag: pydantic puts it in the location of errors inside a question."""

__all__ = [
    "DIAGNOSTIC_TYPES", "KNOWLEDGE_TYPES", "TYPE_TAGS", "ChoiceOption", "ChoiceQuestion", "DiagnosticChoiceQuestion",
    "DiagnosticOption", "DiagnosticQuestion", "DiagnosticQuestionBase", "KnowledgeQuestion", "KnowledgeQuestionBase",
    "MatchingQuestion", "NumericQuestion", "OrderingQuestion", "ScaleQuestion", "ShortAnswerQuestion",
]
