"""Numeric questions: a number, right within a tolerance, with an optional unit.

The build turns the answer and its tolerance into the range of right numbers;
the browser reads what the learner typed the way their language writes numbers
("3,5" in German) and scoring checks it against that range (token ``ok`` or ``no``).
"""

from __future__ import annotations

import math
from collections.abc import Iterator
from typing import Any, ClassVar, Literal

from pydantic import Field

from ..model_base import Text
from .knowledge import Check, KnowledgeQuestionBase


class NumericQuestion(KnowledgeQuestionBase):
    """A number, right within ``tolerance`` or ``tolerance_percent`` of ``answer`` (``type: numeric``)."""

    template: ClassVar[str] = "questions/numeric.html"
    key_template: ClassVar[str] = "questions/numeric-key.html"
    script: ClassVar[str | None] = "numeric.js"

    type: Literal["numeric"]
    answer: float = Field(description="The right number.")
    tolerance: float | None = Field(None, ge=0, description="How far from `answer` still counts as right (absolute).")
    tolerance_percent: float | None = Field(
        None, ge=0, le=100, description="How far from `answer` still counts as right, in percent of it."
    )
    unit: Text | None = Field(None, description="Shown after the input, e.g. `%` or `EUR`.")

    def checks(self) -> Iterator[Check]:
        yield from super().checks()
        if not math.isfinite(self.answer):
            yield ("answer",), "expected a finite number"
        if self.tolerance is not None and self.tolerance_percent is not None:
            yield ("tolerance_percent",), "give `tolerance` or `tolerance_percent`, not both"

    @property
    def margin(self) -> float:
        """How far from the answer a number may be and still be right."""
        if self.tolerance_percent is not None:
            return abs(self.answer) * self.tolerance_percent / 100
        return self.tolerance or 0.0

    def scoring_data(self) -> dict[str, Any]:
        return {"min": self.answer - self.margin, "max": self.answer + self.margin}

    @staticmethod
    def answer_tokens(question: dict[str, Any], answer: Any) -> set[str] | None:
        if isinstance(answer, bool) or not isinstance(answer, int | float) or not math.isfinite(answer):
            return None
        return {"ok"} if question["min"] <= answer <= question["max"] else {"no"}

    def largest_answer(self) -> Any:
        return -1.2345678901234567e-300  # the longest a JavaScript number is written
