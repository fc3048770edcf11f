"""Ordering questions: put items in the right order, by buttons or a position select, never by dragging alone.

Tokens for scoring: every pair of items as the learner ordered them (``a<b``)
against the pairs of the right order, so ``per-correct`` credits each pair in the
right order and ``all-or-nothing`` only the whole order.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from typing import Any, ClassVar, Literal

from pydantic import Field

from ..model_base import Id, Markdown, Strict
from .knowledge import Check, KnowledgeQuestionBase, default_ids, duplicate_ids


class OrderingItem(Strict):
    """One item to put in its place."""

    id: Id | None = Field(None, description="Stable identity of the item; defaults to its position letter (a, b, c…).")
    text: Markdown


class OrderingQuestion(KnowledgeQuestionBase):
    """Put ``items`` (written in the right order) in order (``type: ordering``)."""

    template: ClassVar[str] = "questions/ordering.html"
    key_template: ClassVar[str] = "questions/ordering-key.html"
    script: ClassVar[str | None] = "ordering.js"
    policies: ClassVar[tuple[str, ...]] = ("all-or-nothing", "per-correct")

    type: Literal["ordering"]
    items: list[OrderingItem] = Field(
        min_length=2, max_length=10, description="The items, in the right order; learners see them mixed."
    )

    def checks(self) -> Iterator[Check]:
        yield from super().checks()
        yield from duplicate_ids("items", [item.id for item in self.items], "item")

    @property
    def item_ids(self) -> list[str]:
        """The items' ids, in the right order."""
        return default_ids([item.id for item in self.items])

    @property
    def shown_order(self) -> list[int]:
        """The order the items are shown in before the learner moves any: mixed, never the right one.

        Derived from the question's id, so the page is the same at every build.
        """
        count = len(self.items)
        seed = int(hashlib.sha256(self.id.encode()).hexdigest(), 16)
        order = sorted(range(count), key=lambda i: hashlib.sha256(f"{seed}:{i}".encode()).digest())
        if order == list(range(count)):
            order = order[1:] + order[:1]
        return order

    def scoring_data(self) -> dict[str, Any]:
        return {"items": self.item_ids}

    @staticmethod
    def answer_tokens(question: dict[str, Any], answer: Any) -> set[str] | None:
        items = question["items"]
        if not isinstance(answer, list) or len(answer) != len(items) or not all(isinstance(x, str) for x in answer):
            return None
        if set(answer) != set(items):
            return None
        at = {item: n for n, item in enumerate(answer)}
        return {f"{a}<{b}" for a in items for b in items if at[a] < at[b]}

    @staticmethod
    def correct_tokens(question: dict[str, Any]) -> set[str]:
        items = question["items"]
        return {f"{a}<{b}" for n, a in enumerate(items) for b in items[n + 1 :]}

    def largest_answer(self) -> Any:
        return self.item_ids
