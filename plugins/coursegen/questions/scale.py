"""Scale questions: a labelled Likert-style scale of 3 to 7 points, each with its own weights.

A scale compiles to a choice question's options (one per point, then the
"not sure" answer if there is one), so scoring, share links and the case
library treat it like any other question; only its page shows a scale.
"""

from __future__ import annotations

from typing import ClassVar, Literal

from pydantic import Field

from ..diagnostics import FieldPath
from .diagnostic_choice import DiagnosticOption, DiagnosticQuestionBase


class ScaleQuestion(DiagnosticQuestionBase):
    """A scale from one end to the other (``type: scale``)."""

    template: ClassVar[str] = "questions/scale.html"

    type: Literal["scale"]
    points: list[DiagnosticOption] = Field(
        min_length=3, max_length=7, description="The scale's points from one end to the other, each labelled."
    )
    not_sure: DiagnosticOption | None = Field(
        None, description="An answer outside the scale, such as \"I honestly can't tell\", shown after it."
    )

    @property
    def answer_fields(self) -> list[tuple[FieldPath, DiagnosticOption]]:
        fields: list[tuple[FieldPath, DiagnosticOption]] = [(("points", n), point) for n, point in enumerate(self.points)]
        return fields + ([(("not_sure",), self.not_sure)] if self.not_sure else [])
