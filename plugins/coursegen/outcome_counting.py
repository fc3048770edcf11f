"""Count which outcome every complete answer set of a diagnostic leads to.

Answer sets are not enumerated one by one. Questions are taken in order, and
answer prefixes that leave the same standings (the scores, measured from the
lowest outcome still in the race, and the rules that can still fire) are merged
with their counts. An outcome that can no longer catch up with one that no rule
can exclude drops out of the race, and a prefix with a single outcome left is
counted at once for every way of finishing it. The course's self-assessment
(885,735 answer sets) comes down to a few thousand standings per question, so
the count is exact, in plain Python, in a fraction of a second.

When that would still take more than ``MAX_STEPS`` steps (long diagnostics
with many different weights), a seeded random sample gives a clearly labelled
estimate instead, so the check never holds a build up for more than a few seconds.
"""

from __future__ import annotations

import math
import random
from collections.abc import Sequence
from functools import lru_cache

from .analysis import Analysis, OutcomeSpread
from .runtime_data import Payload

MAX_STEPS = 300_000
"""Standings times options (about 6 µs each) beyond which the exact count gives way to a sample."""
SAMPLES = 20_000
"""Enough to put each share within about 0.7 percentage points (95 % of the time)."""
SEED = 1

Scores = tuple[int | None, ...]
"""Points per outcome in ``order``; None for an outcome out of the race."""
Link = tuple["Link", int] | None
"""An answer prefix as (prefix without its last answer, last option's index): shared, not copied."""


class _TooLong(Exception):
    pass


class _Prepared:
    """A diagnostic payload as option indices, weight tuples and rule bit masks."""

    def __init__(self, payload: Payload) -> None:
        self.order: list[str] = payload["order"]
        self.questions = payload["questions"]
        self.sizes = [len(q["options"]) for q in self.questions]
        width = len(self.order)
        # Only rules that exclude something change the winner; notes do not matter here.
        rules = [rule for rule in payload["rules"] if rule["exclude"]]
        self.all_rules = (1 << len(rules)) - 1
        # Per question and option: its points per outcome, and the rules still able to fire after it.
        self.moves: list[list[tuple[tuple[int, ...], int]]] = [
            [
                (
                    tuple(option["weights"].get(o, 0) for o in self.order),
                    sum(
                        1 << r
                        for r, rule in enumerate(rules)
                        if q["id"] not in rule["when"] or option["id"] in rule["when"][q["id"]]
                    ),
                )
                for option in q["options"]
            ]
            for q in self.questions
        ]
        self.excluders = [sum(1 << r for r, rule in enumerate(rules) if o in rule["exclude"]) for o in self.order]
        # lead[n][x][y]: the most outcome x can still gain on outcome y from question n on.
        self.lead = [[[0] * width for _ in range(width)] for _ in range(len(self.questions) + 1)]
        for n in range(len(self.questions) - 1, -1, -1):
            for x in range(width):
                for y in range(width):
                    best = max(weights[x] - weights[y] for weights, _ in self.moves[n])
                    self.lead[n][x][y] = self.lead[n + 1][x][y] + best
        self.sure = lru_cache(maxsize=None)(self._sure)

    def _sure(self, fired: int) -> tuple[int, ...]:
        """Outcomes that no rule in ``fired`` (the rules still able to fire) can exclude."""
        return tuple(o for o, mask in enumerate(self.excluders) if not fired & mask)

    def settle(self, scores: list[int | None], fired: int, lead: list[list[int]]) -> None:
        """Take out of the race (set to None) every outcome that can no longer win.

        Outcome x cannot win when some outcome y that no rule can exclude stays ahead
        of it whatever the remaining answers: y ends ahead of x, so x is never first.
        """
        standing = scores[:]
        sure = [y for y in self.sure(fired) if standing[y] is not None]
        for x, points in enumerate(standing):
            if points is None:
                continue
            for y in sure:
                if y != x:
                    margin = points - standing[y] + lead[x][y]  # type: ignore[operator]
                    if margin < 0 or (margin == 0 and y < x):  # ties go to the outcome earlier in order
                        scores[x] = None
                        break

    def winner(self, scores: Sequence[int | None], fired: int) -> int:
        """The winning outcome's index, exactly as :func:`scoring.score_diagnostic` ranks."""
        excluded = [bool(fired & mask) for mask in self.excluders]
        if all(excluded):
            excluded = [False] * len(excluded)  # never exclude every outcome
        eligible = [o for o, points in enumerate(scores) if points is not None and not excluded[o]]
        return max(eligible, key=lambda o: (scores[o], -o))

    def answers(self, choice: Sequence[int]) -> dict[str, str]:
        """Option indices in question order as question id → option id."""
        return {q["id"]: q["options"][k]["id"] for q, k in zip(self.questions, choice, strict=True)}


def count_outcomes(payload: Payload, *, max_steps: int = MAX_STEPS, samples: int = SAMPLES) -> Analysis:
    """Reachability and spread of outcomes over all complete answer sets (exact when feasible)."""
    prepared = _Prepared(payload)
    total = math.prod(prepared.sizes)
    try:
        counts, witnesses = _exact(prepared, max_steps)
        analysis = Analysis(total, total, True)
    except _TooLong:
        counts, witnesses = _sampled(prepared, samples)
        analysis = Analysis(total, samples, False)
    for index, outcome in enumerate(prepared.order):
        witness = witnesses[index]
        analysis.spread[outcome] = OutcomeSpread(outcome, counts[index], prepared.answers(witness) if witness else None)
    return analysis


def _exact(prepared: _Prepared, max_steps: int) -> tuple[list[int], list[list[int] | None]]:
    """Every answer set's winner, counted by merging prefixes with the same standings."""
    width, questions = len(prepared.order), len(prepared.sizes)
    counts = [0] * width
    found: list[tuple[Link, int] | None] = [None] * width
    # Answer sets that finish a prefix of n answers: finishing[n].
    finishing = [math.prod(prepared.sizes[n:]) for n in range(questions + 1)]
    states: dict[tuple[int, Scores], tuple[int, Link]] = {(prepared.all_rules, (0,) * width): (1, None)}
    steps = 0
    for n, moves in enumerate(prepared.moves):
        steps += len(states) * len(moves)
        if steps > max_steps:
            raise _TooLong
        lead = prepared.lead[n + 1]
        following: dict[tuple[int, Scores], tuple[int, Link]] = {}
        for (fired, scores), (count, link) in states.items():
            for k, (weights, keeps) in enumerate(moves):
                now_fired = fired & keeps
                now = [None if points is None else points + gain for points, gain in zip(scores, weights)]
                prepared.settle(now, now_fired, lead)
                racing = [points for points in now if points is not None]
                if len(racing) == 1:
                    only = now.index(racing[0])
                    counts[only] += count * finishing[n + 1]
                    found[only] = found[only] or ((link, k), n + 1)
                    continue
                base = min(racing)  # only differences decide, so standings are kept relative
                key = (now_fired, tuple([None if points is None else points - base for points in now]))
                merged = following.get(key)
                following[key] = (count, (link, k)) if merged is None else (merged[0] + count, merged[1])
        states = following
    for (fired, scores), (count, link) in states.items():
        best = prepared.winner(scores, fired)
        counts[best] += count
        found[best] = found[best] or (link, questions)
    return counts, [_unwind(entry, questions) if entry else None for entry in found]


def _unwind(entry: tuple[Link, int], questions: int) -> list[int]:
    """A found prefix as option indices, finished with each remaining question's first option."""
    link, length = entry
    prefix: list[int] = []
    while link is not None:
        link, k = link
        prefix.append(k)
    return prefix[::-1] + [0] * (questions - length)


def _sampled(prepared: _Prepared, samples: int) -> tuple[list[int], list[list[int] | None]]:
    """Winners of a seeded random sample of complete answer sets."""
    rng = random.Random(SEED)
    width = len(prepared.order)
    counts = [0] * width
    found: list[list[int] | None] = [None] * width
    for _ in range(samples):
        choice = [rng.randrange(size) for size in prepared.sizes]
        scores, fired = [0] * width, prepared.all_rules
        for moves, k in zip(prepared.moves, choice, strict=True):
            weights, keeps = moves[k]
            scores = [points + gain for points, gain in zip(scores, weights, strict=True)]
            fired &= keeps
        best = prepared.winner(scores, fired)
        counts[best] += 1
        found[best] = found[best] or choice
    return counts, found
