"""Diagnostic choice questions: the learner picks the one option that fits their situation.

Every diagnostic question type compiles to this shape for scoring: options, each
with its weights for the outcomes (``ranking.py`` and ``diagnosis.js`` know only it).
"""

from __future__ import annotations

from typing import Any, ClassVar, Literal

from pydantic import Field

from ..diagnostics import FieldPath
from ..model_base import Id, Markdown, Strict, Text, Weight


class DiagnosticOption(Strict):
    """An answer to a diagnostic question and the weight it gives outcomes."""

    id: Id
    text: Text
    weights: dict[Id, Weight] = Field(default_factory=dict, description="Outcome id → points (-10 to 10).")
    reason: Text | None = Field(
        None, description="Why this answer matters, in the learner's terms; shown when it weighs most."
    )
    lessons: list[Id] = Field(
        default_factory=list,
        description="Lessons this answer points to, added to the result's \"Read next\" after the outcome's own.",
    )

    def payload(self) -> dict[str, Any]:
        """The option as scoring reads it."""
        return {
            "id": self.id,
            "text": self.text,
            "weights": dict(self.weights),
            "reason": self.reason,
            "lessons": list(self.lessons),
        }


class DiagnosticQuestionBase(Strict):
    """Fields of every diagnostic question."""

    template: ClassVar[str]
    """The template (under ``templates/questions/``) that renders the question's answers."""

    id: Id
    prompt: Text
    help: Markdown | None = Field(None, description="Explains any term the question uses.")

    @property
    def answers(self) -> list[DiagnosticOption]:
        """Every answer the learner may give, as options with weights."""
        return [option for _, option in self.answer_fields]

    @property
    def answer_fields(self) -> list[tuple[FieldPath, DiagnosticOption]]:
        """Each answer with where it is written in the question (for messages)."""
        raise NotImplementedError

    def largest_answer(self) -> str:
        """The largest answer the browser may save for this question (for the build's size check)."""
        return max((option.id for option in self.answers), key=len)

    def payload(self) -> dict[str, Any]:
        """The question as scoring reads it: its answers as options."""
        return {"id": self.id, "prompt": self.prompt, "options": [option.payload() for option in self.answers]}


class DiagnosticChoiceQuestion(DiagnosticQuestionBase):
    """A question a learner answers about their own situation (``type: choice``, the default)."""

    template: ClassVar[str] = "questions/diagnostic-choice.html"

    type: Literal["choice"] = "choice"
    options: list[DiagnosticOption] = Field(min_length=2, max_length=8)

    @property
    def answer_fields(self) -> list[tuple[FieldPath, DiagnosticOption]]:
        return [(("options", n), option) for n, option in enumerate(self.options)]
