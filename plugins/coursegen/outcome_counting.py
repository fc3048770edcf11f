"""Count which outcome every answer set of a diagnostic leads to, as arrays.

Every complete answer set is scored exactly as :mod:`scoring` would, but with
numpy: about a million answer sets take a few tenths of a second, where a
Python loop needs seconds. Above ``MAX_EXACT`` combinations a seeded random
sample gives a clearly labelled estimate instead.
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Callable
from typing import Any

import numpy as np

from .analysis import Analysis, OutcomeSpread
from .runtime_data import Payload

MAX_EXACT = 20_000_000
"""Answer combinations we are willing to enumerate (in blocks of ``BLOCK``)."""
BLOCK = 1 << 20
SAMPLES = 200_000
SEED = 1


class _Arrays:
    """A diagnostic payload as arrays, and the scoring of many answer sets at once."""

    def __init__(self, payload: Payload) -> None:
        self.order: list[str] = payload["order"]
        self.questions = payload["questions"]
        self.sizes = np.array([len(q["options"]) for q in self.questions], dtype=np.int32)
        width = len(self.order)
        self.weights = [
            np.array([[option["weights"].get(o, 0) for o in self.order] for option in q["options"]], dtype=np.int32)
            for q in self.questions
        ]
        # Only rules that exclude something change the winner; notes do not matter here.
        self.rules = [
            (
                [
                    (n, np.array([option["id"] in rule["when"][q["id"]] for option in q["options"]]))
                    for n, q in enumerate(self.questions)
                    if q["id"] in rule["when"]
                ],
                np.array([o in rule["exclude"] for o in self.order]),
            )
            for rule in payload["rules"]
            if rule["exclude"]
        ]
        # Ties go to the outcome earlier in `order`: a bonus smaller than one point decides them.
        self.scale = width + 1
        self.bonus = np.arange(width - 1, -1, -1, dtype=np.int32)

    def sampled(self, choice: np.ndarray) -> tuple[np.ndarray, list[np.ndarray]]:
        """Scores and fired-rule flags for rows of option indices of the first questions.

        With fewer columns than questions, the rest count as unanswered: they add
        nothing and leave rule conditions on them open.
        """
        width = choice.shape[1]
        scores = np.zeros((len(choice), len(self.order)), dtype=np.int32)
        for n in range(width):
            scores += self.weights[n][choice[:, n]]
        fired = []
        for conditions, _ in self.rules:
            flags = np.ones(len(choice), dtype=bool)
            for n, allowed in conditions:
                if n < width:
                    flags &= allowed[choice[:, n]]
            fired.append(flags)
        return scores, fired

    def enumerated(self, first: int) -> tuple[np.ndarray, list[np.ndarray]]:
        """Scores and fired-rule flags of every combination of questions ``first`` onwards.

        Built by outer sums, one question at a time, so each row costs a few
        additions instead of one lookup per question; row order is that of
        ``itertools.product`` (the last question varies fastest).
        """
        scores = np.zeros((1, len(self.order)), dtype=np.int32)
        fired = [np.ones(1, dtype=bool) for _ in self.rules]
        for n in range(first, len(self.questions)):
            weights = self.weights[n]
            scores = (scores[:, None, :] + weights[None, :, :]).reshape(-1, len(self.order))
            for r, (conditions, _) in enumerate(self.rules):
                allowed = dict(conditions).get(n)
                column = allowed if allowed is not None else np.ones(len(weights), dtype=bool)
                fired[r] = (fired[r][:, None] & column[None, :]).reshape(-1)
        return scores, fired

    def winners(self, scores: np.ndarray, fired: list[np.ndarray]) -> np.ndarray:
        """The winning outcome's index in ``order`` for each row."""
        excluded = np.zeros(scores.shape, dtype=bool)
        for flags, (_, exclude) in zip(fired, self.rules, strict=True):
            excluded |= flags[:, None] & exclude[None, :]
        excluded[excluded.all(axis=1)] = False  # never exclude every outcome
        key = scores * self.scale + self.bonus
        key[excluded] = np.iinfo(np.int32).min
        return key.argmax(axis=1)

    def answers(self, choice_row: np.ndarray) -> dict[str, str]:
        """One row of option indices as question id → option id."""
        return {q["id"]: q["options"][int(k)]["id"] for q, k in zip(self.questions, choice_row, strict=True)}


def count_outcomes(payload: Payload, *, max_exact: int = MAX_EXACT, samples: int = SAMPLES) -> Analysis:
    """Reachability and spread of outcomes over all complete answer sets (exact when feasible)."""
    arrays = _Arrays(payload)
    order = arrays.order
    sizes = [int(size) for size in arrays.sizes]
    total = math.prod(sizes)
    exact = total <= max_exact
    analysis = Analysis(total, total if exact else samples, exact, {o: OutcomeSpread(o) for o in order})
    if exact:
        # Enumerate the last questions as one block of at most BLOCK rows, and loop over the first ones.
        first = len(sizes)
        while first > 0 and math.prod(sizes[first - 1 :]) <= BLOCK:
            first -= 1
        inner_scores, inner_fired = arrays.enumerated(first)
        for prefix in itertools.product(*(range(size) for size in sizes[:first])):
            outer = np.array([prefix], dtype=np.int32).reshape(1, first)
            outer_scores, outer_fired = arrays.sampled(outer)
            fired = [flags & outer_flag[0] for flags, outer_flag in zip(inner_fired, outer_fired, strict=True)]
            winners = arrays.winners(inner_scores + outer_scores, fired)
            _tally(analysis, arrays, winners, lambda row, prefix=prefix: (*prefix, *np.unravel_index(row, sizes[first:])))
    else:
        rng = np.random.default_rng(SEED)
        for start in range(0, samples, BLOCK):
            choice = rng.integers(0, arrays.sizes, size=(min(samples, start + BLOCK) - start, len(sizes)))
            winners = arrays.winners(*arrays.sampled(choice))
            _tally(analysis, arrays, winners, lambda row, choice=choice: tuple(choice[row]))
    return analysis


def _tally(analysis: Analysis, arrays: _Arrays, winners: np.ndarray, choice_of: Callable[[int], tuple[Any, ...]]) -> None:
    """Add a block's winners to the counts; keep the first answer set found for each outcome."""
    counts = np.bincount(winners, minlength=len(arrays.order))
    for index, outcome in enumerate(arrays.order):
        entry = analysis.spread[outcome]
        entry.count += int(counts[index])
        if entry.witness is None and counts[index]:
            entry.witness = arrays.answers(np.array(choice_of(int(np.argmax(winners == index)))))


