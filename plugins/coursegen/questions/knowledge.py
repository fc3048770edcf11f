"""What every knowledge-check question has, whatever its type: points, hints, a scoring policy.

A type's module subclasses :class:`KnowledgeQuestionBase` with its own fields, a
``type`` tag, its template and (if it needs one) its browser module, and says
what the browser scores it by (:meth:`KnowledgeQuestionBase.scoring`). Scoring
itself (``scoring.py``/``scoring.js``) compares sets of answer tokens, so a type
only says how its answers and its correct answer become tokens there.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any, ClassVar, Literal

from pydantic import Field

from ..diagnostics import FieldPath
from ..model_base import Id, Markdown, Strict

Check = tuple[FieldPath, str]
"""A problem found by a type's own checks: the field (within the question) and what is wrong."""

Policy = Literal["all-or-nothing", "partial", "per-correct", "penalty"]
"""How a question's points are earned:

* ``all-or-nothing``: every point for exactly the right answer, none otherwise;
* ``partial``: a multiple-answer choice question's classic rule, half the points for a
  set with at least one right option that is not exactly right;
* ``per-correct``: a share of the points for each right part (options, pairs, matches);
* ``penalty``: like ``per-correct``, minus a share for each wrong pick (never below zero).
"""

LETTERS = "abcdefghijklmnopqrstuvwxyz"


def default_ids(own: list[str | None]) -> list[str]:
    """Each part's id: its own, else its position letter (``a``, ``b``, …)."""
    return [given or LETTERS[index] for index, given in enumerate(own)]


def duplicate_ids(field: str, own: list[str | None], noun: str) -> Iterator[Check]:
    """A problem for each part of ``field`` whose id (own or by position) another part has too."""
    seen: dict[str, int] = {}
    for index, item in enumerate(default_ids(own)):
        if item in seen:
            path: FieldPath = (field, index, "id") if own[index] is not None else (field, index)
            article = "an" if noun[0] in "aeiou" else "a"
            yield path, (
                f"{noun} id `{item}` is used twice in this question (also by {noun} {seen[item] + 1}; "
                f"{article} {noun} without `id` is known by its position letter)"
            )
        else:
            seen[item] = index


class KnowledgeQuestionBase(Strict):
    """Fields of every knowledge-check question."""

    template: ClassVar[str]
    """The template (under ``templates/questions/``) that renders the question's body."""
    key_template: ClassVar[str]
    """The template that writes the right answer out, for the closed "Show the answer" box
    readers without JavaScript (and print) get under each question."""
    script: ClassVar[str | None] = None
    """The browser module (under ``assets/questions/``) that reads, restores and marks it; None: built in."""
    policies: ClassVar[tuple[str, ...]] = ("all-or-nothing",)
    """The scoring policies that make sense for the type; the first is the default."""

    id: Id
    prompt: Markdown
    explanation: Markdown = Field(description="Shown once the question is checked.")
    points: int = Field(1, ge=1, le=100, description="Points the question is worth.")
    scoring: Policy | None = Field(
        None,
        description="How its points are earned: all-or-nothing, partial, per-correct or penalty. "
        "The default depends on the type.",
    )
    hints: list[Markdown] = Field(
        default_factory=list, max_length=5, description="Hints the learner may reveal, one at a time, in order."
    )
    hint_cost: float = Field(
        0, ge=0, le=100, description="Points taken off for each hint revealed (the question never scores below 0)."
    )

    def allowed_policies(self) -> tuple[str, ...]:
        """The policies this question may use (the type's, narrowed by its fields)."""
        return self.policies

    @property
    def policy(self) -> str:
        """The scoring policy in force."""
        return self.scoring or self.allowed_policies()[0]

    def checks(self) -> Iterator[Check]:
        """Problems that need a field's own place in the file (ids used twice…), beyond the model's own.

        Types add theirs to these (``yield from super().checks()``).
        """
        if self.scoring is not None and self.scoring not in self.allowed_policies():
            allowed = ", ".join(f"`{p}`" for p in self.allowed_policies())
            yield ("scoring",), f"`{self.scoring}` does not apply to a {self.type} question like this one; use {allowed}"  # type: ignore[attr-defined]
        if self.hint_cost and not self.hints:
            yield ("hint_cost",), "`hint_cost` without `hints`: give the question hints, or drop `hint_cost`"

    def scoring_data(self) -> dict[str, Any]:
        """What scoring needs beyond the common fields: the correct answer, as the type has it."""
        raise NotImplementedError

    @staticmethod
    def answer_tokens(question: dict[str, Any], answer: Any) -> set[str] | None:
        """An answer to the payload ``question`` as scoring tokens; None when unanswered or unusable
        (the twin of the type's ``tokens`` in its browser module)."""
        raise NotImplementedError

    @staticmethod
    def correct_tokens(question: dict[str, Any]) -> set[str]:
        """The tokens of the payload ``question``'s right answer."""
        return {"ok"}

    def largest_answer(self) -> Any:
        """The largest answer the browser may save for this question (for the build's size check)."""
        raise NotImplementedError

    def payload(self) -> dict[str, Any]:
        """The question as the browser scores it."""
        return {
            "id": self.id,
            "type": self.type,  # type: ignore[attr-defined]
            "points": self.points,
            "policy": self.policy,
            "hints": len(self.hints),
            "hintCost": self.hint_cost,
            **self.scoring_data(),
        }
