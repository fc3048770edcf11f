"""Choice questions: one or several options right, each with its own feedback.

Tokens for scoring: the chosen options' ids against the correct options' ids.
The browser side is built into ``course.js`` (every lesson page has one).
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any, ClassVar, Literal

from pydantic import Field, model_validator

from ..model_base import Id, Markdown, Strict
from .knowledge import Check, KnowledgeQuestionBase, default_ids, duplicate_ids


class ChoiceOption(Strict):
    """An answer option of a choice question."""

    id: Id | None = Field(
        None,
        description=(
            "Stable identity of the option: learners' saved answers point at it. Defaults to the "
            "option's position letter (a, b, c…); give ids before reordering options."
        ),
    )
    text: Markdown
    correct: bool = False
    feedback: Markdown = Field(description="Shown when the learner picks this option.")
    pin: bool = Field(
        False, description="Keep this option in its place when the check shuffles options (for example \"All of these\")."
    )


class ChoiceQuestion(KnowledgeQuestionBase):
    """A question with one or several correct options (``type: choice``, the default)."""

    template: ClassVar[str] = "questions/choice.html"
    key_template: ClassVar[str] = "questions/choice-key.html"

    type: Literal["choice"] = "choice"
    multiple: bool | None = Field(
        None,
        description="Let learners pick several options. Defaults to true when more than one option is correct.",
    )
    options: list[ChoiceOption] = Field(min_length=2, max_length=8)

    @model_validator(mode="after")
    def _has_a_correct_option(self) -> ChoiceQuestion:
        correct = sum(option.correct for option in self.options)
        if correct == 0:
            raise ValueError("mark at least one option with `correct: true`")
        if self.multiple is False and correct > 1:
            raise ValueError(f"`multiple: false` but {correct} options are marked correct")
        return self

    def checks(self) -> Iterator[Check]:
        yield from super().checks()
        yield from duplicate_ids("options", [option.id for option in self.options], "option")

    def allowed_policies(self) -> tuple[str, ...]:
        # One pick has nothing to be partly right about.
        if self.is_multiple:
            return ("partial", "all-or-nothing", "per-correct", "penalty")
        return ("all-or-nothing",)

    @property
    def option_ids(self) -> list[str]:
        """Each option's id: its own ``id``, else its position letter (``a``, ``b``, …)."""
        return default_ids([option.id for option in self.options])

    @property
    def is_multiple(self) -> bool:
        """Whether learners may pick more than one option."""
        if self.multiple is not None:
            return self.multiple
        return sum(option.correct for option in self.options) > 1

    def scoring_data(self) -> dict[str, Any]:
        ids = self.option_ids
        return {
            "multiple": self.is_multiple,
            "options": ids,
            "correct": [key for key, option in zip(ids, self.options, strict=True) if option.correct],
            "pinned": [key for key, option in zip(ids, self.options, strict=True) if option.pin],
        }

    @staticmethod
    def answer_tokens(question: dict[str, Any], answer: Any) -> set[str] | None:
        picked = {o for o in answer if o in question["options"]} if isinstance(answer, list) else set()
        return picked or None

    @staticmethod
    def correct_tokens(question: dict[str, Any]) -> set[str]:
        return set(question["correct"])

    def largest_answer(self) -> Any:
        ids = self.option_ids
        return list(ids) if self.is_multiple else [max(ids, key=len)]
