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
from .ranking import Compiled, Payload

MAX_STEPS = 500_000
"""Standings times options (about 3 µs each) beyond which the exact count gives way to a sample.

The course's self-assessment (2.7 million answer sets) takes about 82,000."""
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
    """A compiled diagnostic plus what the counting needs on top: how far each outcome can still climb."""

    def __init__(self, payload: Payload) -> None:
        self.compiled = compiled = Compiled(payload)
        self.order = compiled.order
        self.questions = payload["questions"]
        self.sizes = [len(options) for options in compiled.option_ids]
        width = len(self.order)
        self.all_rules = compiled.all_rules
        # Per question and option: its points per outcome, and the rules still able to fire after it.
        self.moves: list[list[tuple[tuple[int, ...], int]]] = [
            list(zip(weights, keeps, strict=True)) for weights, keeps in zip(compiled.weights, compiled.keeps, strict=True)
        ]
        self.excluders = compiled.excluders
        # Once its last question is answered, a rule has fired or not for good; what is left
        # of it is the outcomes it rules out, so answer prefixes that differ only in which
        # of several such rules fired (most rule out the same outcome) merge.
        last = {r: max(compiled.question_ids.index(q) for q in rule["when"]) for r, rule in enumerate(compiled.rules)}
        self.decided = [sum(1 << r for r, n in last.items() if n == q) for q in range(len(self.questions))]
        self.rule_outcomes = [
            sum(1 << o for o, outcome in enumerate(self.order) if outcome in rule["exclude"]) for rule in compiled.rules
        ]
        # lead[n][x][y]: the most outcome x can still gain on outcome y from question n on.
        self.lead = [[[0] * width for _ in range(width)] for _ in range(len(self.questions) + 1)]
        for n in range(len(self.questions) - 1, -1, -1):
            for x in range(width):
                for y in range(width):
                    best = max(weights[x] - weights[y] for weights, _ in self.moves[n])
                    self.lead[n][x][y] = self.lead[n + 1][x][y] + best
        self.sure = lru_cache(maxsize=None)(self._sure)

    def _sure(self, fired: int, out: int) -> tuple[int, ...]:
        """Outcomes that no rule in ``fired`` (the rules still able to fire) can exclude and not in ``out``."""
        return tuple(o for o, mask in enumerate(self.excluders) if not fired & mask and not out >> o & 1)

    def fold(self, fired: int, out: int, n: int) -> tuple[int, int]:
        """Rules decided by question ``n`` leave ``fired``; those that fired add their outcomes to ``out``."""
        done = fired & self.decided[n]
        if done:
            for r, outcomes in enumerate(self.rule_outcomes):
                if done >> r & 1:
                    out |= outcomes
        return fired & ~self.decided[n], out

    def settle(self, scores: list[int | None], fired: int, out: int, lead: list[list[int]]) -> None:
        """Take out of the race (set to None) every outcome that can no longer win.

        Outcome x cannot win when some outcome y that no rule can exclude stays ahead
        of it whatever the remaining answers: y ends ahead of x, so x is never first.
        """
        standing = scores[:]
        sure = [y for y in self.sure(fired, out) if standing[y] is not None]
        for x, points in enumerate(standing):
            if points is None:
                continue
            for y in sure:
                if y != x:
                    margin = points - standing[y] + lead[x][y]  # type: ignore[operator]
                    if margin < 0 or (margin == 0 and y < x):  # ties go to the outcome earlier in order
                        scores[x] = None
                        break

    def winner(self, scores: Sequence[int | None], fired: int, out: int = 0) -> int:
        """The winning outcome's index, by the scoring's own ranking.

        An outcome out of the race (None) trails one that no rule can exclude, so it
        cannot win; it is given a score below every other for the ranking.
        """
        floor = min((points for points in scores if points is not None), default=0) - 1
        return self.compiled.winner([floor if points is None else points for points in scores], fired, out)

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
    states: dict[tuple[int, int, Scores], tuple[int, Link]] = {(prepared.all_rules, 0, (0,) * width): (1, None)}
    steps = 0
    for n, moves in enumerate(prepared.moves):
        steps += len(states) * len(moves)
        if steps > max_steps:
            raise _TooLong
        lead = prepared.lead[n + 1]
        following: dict[tuple[int, int, Scores], tuple[int, Link]] = {}
        for (fired, out, scores), (count, link) in states.items():
            for k, (weights, keeps) in enumerate(moves):
                now_fired, now_out = prepared.fold(fired & keeps, out, n)
                now = [None if points is None else points + gain for points, gain in zip(scores, weights)]
                prepared.settle(now, now_fired, now_out, lead)
                racing = [points for points in now if points is not None]
                if len(racing) == 1:
                    only = now.index(racing[0])
                    counts[only] += count * finishing[n + 1]
                    found[only] = found[only] or ((link, k), n + 1)
                    continue
                base = min(racing)  # only differences decide, so standings are kept relative
                key = (now_fired, now_out, tuple([None if points is None else points - base for points in now]))
                merged = following.get(key)
                following[key] = (count, (link, k)) if merged is None else (merged[0] + count, merged[1])
        states = following
    for (fired, out, scores), (count, link) in states.items():
        best = prepared.winner(scores, fired, out)
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
