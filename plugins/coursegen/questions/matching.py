"""Matching questions: pair each item with one of a list, with a select per item (not drawn lines).

Tokens for scoring: each ``item=choice`` the learner made against the right pairs,
so ``per-correct`` (the default) credits each right match.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from typing import Any, ClassVar, Literal

from pydantic import Field

from ..model_base import Id, Markdown, Strict, Text
from .knowledge import Check, KnowledgeQuestionBase, default_ids, duplicate_ids


class MatchingPair(Strict):
    """An item and the answer that goes with it."""

    id: Id | None = Field(None, description="Stable identity of the pair; defaults to its position letter (a, b, c…).")
    item: Markdown = Field(description="What the learner matches (shown with a select).")
    match: Text = Field(description="The right answer for it (one of the select's options).")


class MatchingQuestion(KnowledgeQuestionBase):
    """Match each item with one answer (``type: matching``)."""

    template: ClassVar[str] = "questions/matching.html"
    key_template: ClassVar[str] = "questions/matching-key.html"
    script: ClassVar[str | None] = "matching.js"
    policies: ClassVar[tuple[str, ...]] = ("per-correct", "all-or-nothing", "penalty")

    type: Literal["matching"]
    pairs: list[MatchingPair] = Field(min_length=2, max_length=10)
    distractors: list[Text] = Field(
        default_factory=list, max_length=6, description="Answers that match no item, offered in every select."
    )

    def checks(self) -> Iterator[Check]:
        yield from super().checks()
        yield from duplicate_ids("pairs", [pair.id for pair in self.pairs], "pair")
        for n, pair_id in enumerate(self.pair_ids):
            if pair_id in self.distractor_ids:
                yield ("pairs", n, "id"), f"pair id `{pair_id}` is the id of a distractor (`x1`, `x2`…); choose another"
        seen: dict[str, str] = {}
        for field, index, text in [
            *(("pairs", n, pair.match) for n, pair in enumerate(self.pairs)),
            *(("distractors", n, text) for n, text in enumerate(self.distractors)),
        ]:
            key = " ".join(text.lower().split())
            if key in seen:
                path = (field, index, "match") if field == "pairs" else (field, index)
                yield path, f"the answer `{text}` is offered twice (also {seen[key]}): learners could not tell them apart"
            else:
                seen[key] = f"{field}[{index}]"

    @property
    def pair_ids(self) -> list[str]:
        """Each pair's id: its item's, and its right answer's."""
        return default_ids([pair.id for pair in self.pairs])

    @property
    def distractor_ids(self) -> list[str]:
        """The distractors' ids: ``x1``, ``x2``, … in the order written."""
        return [f"x{n + 1}" for n in range(len(self.distractors))]

    @property
    def choices(self) -> list[tuple[str, str]]:
        """Every answer offered (id, text): the pairs' answers and the distractors, mixed the same way at every build."""
        offered = list(zip(self.pair_ids, (pair.match for pair in self.pairs), strict=True))
        offered += list(zip(self.distractor_ids, self.distractors, strict=True))
        return sorted(offered, key=lambda choice: hashlib.sha256(f"{self.id}:{choice[0]}".encode()).digest())

    def scoring_data(self) -> dict[str, Any]:
        return {
            "items": self.pair_ids,
            "choices": [choice_id for choice_id, _ in self.choices],
            "correct": {pair_id: pair_id for pair_id in self.pair_ids},
        }

    @staticmethod
    def answer_tokens(question: dict[str, Any], answer: Any) -> set[str] | None:
        if not isinstance(answer, dict):
            return None
        picked = {
            f"{item}={choice}"
            for item, choice in answer.items()
            if item in question["items"] and isinstance(choice, str) and choice in question["choices"]
        }
        return picked or None

    @staticmethod
    def correct_tokens(question: dict[str, Any]) -> set[str]:
        return {f"{item}={choice}" for item, choice in question["correct"].items()}

    def largest_answer(self) -> Any:
        longest = max((choice_id for choice_id, _ in self.choices), key=len)
        return dict.fromkeys(self.pair_ids, longest)
