"""Build-time analysis of a diagnostic: which outcomes can win, and how often.

Enumerating every answer combination is exponential. Questions that no rule
mentions only add to the score vector, so their combinations are folded into a
distribution of distinct score vectors first (each with a count and one witness
answer set); only the questions rules depend on are enumerated one by one.
That is exact and fast for any realistic diagnostic. When even that would be
too much work, a seeded random sample gives a clearly labelled estimate.
"""

from __future__ import annotations

import itertools
import math
import random
from dataclasses import dataclass, field
from typing import Any

from .runtime_data import Payload
from .scoring import effective_exclusions, fired_rules, rank, score_diagnostic

Vector = tuple[int, ...]

MAX_EXACT_WORK = 3_000_000
"""Score vectors × rule-relevant combinations we are willing to rank exactly."""
SAMPLES = 200_000
SEED = 1


@dataclass
class OutcomeSpread:
    """How often one outcome wins, and one answer set that makes it win."""

    outcome: str
    count: int = 0
    witness: dict[str, str] | None = None


@dataclass
class Analysis:
    """Every outcome's share of all complete answer combinations."""

    total: int
    """How many complete answer combinations the diagnostic has."""
    counted: int
    """How many were ranked: ``total`` when exact, the sample size when estimated."""
    exact: bool
    spread: dict[str, OutcomeSpread] = field(default_factory=dict)

    def share(self, outcome: str) -> float:
        """The fraction of combinations where ``outcome`` wins."""
        return self.spread[outcome].count / self.counted if self.counted else 0.0

    @property
    def unreachable(self) -> list[str]:
        """Outcomes that no answer combination leads to (none found, when estimated)."""
        return [o for o, s in self.spread.items() if s.count == 0]


class _Vectors:
    """Outcome weights as tuples in ``order``, so sums are cheap."""

    def __init__(self, order: list[str]) -> None:
        self.index = {outcome: i for i, outcome in enumerate(order)}
        self.zero: Vector = tuple([0] * len(order))

    def of(self, weights: dict[str, int]) -> Vector:
        values = list(self.zero)
        for outcome, weight in weights.items():
            values[self.index[outcome]] += weight
        return tuple(values)

    @staticmethod
    def add(a: Vector, b: Vector) -> Vector:
        return tuple(x + y for x, y in zip(a, b, strict=True))


def analyze_diagnostic(payload: Payload, *, max_work: int = MAX_EXACT_WORK, samples: int = SAMPLES) -> Analysis:
    """Reachability and spread of outcomes over all complete answer sets (exact when feasible)."""
    order: list[str] = payload["order"]
    ruled = {question for rule in payload["rules"] for question in rule["when"]}
    free = [q for q in payload["questions"] if q["id"] not in ruled]
    fixed = [q for q in payload["questions"] if q["id"] in ruled]
    total = math.prod(len(q["options"]) for q in payload["questions"])
    fixed_combinations = math.prod(len(q["options"]) for q in fixed)
    vectors = _Vectors(order)

    # Fold the rule-free questions into distinct score vectors: vector -> (count, witness).
    folded: dict[Vector, tuple[int, dict[str, str]]] | None = {vectors.zero: (1, {})}
    for question in free:
        assert folded is not None
        step: dict[Vector, tuple[int, dict[str, str]]] = {}
        for base, (count, witness) in folded.items():
            for option in question["options"]:
                key = vectors.add(base, vectors.of(option["weights"]))
                previous = step.get(key)
                if previous is None:
                    step[key] = (count, {**witness, question["id"]: option["id"]})
                else:
                    step[key] = (previous[0] + count, previous[1])
        folded = step
        if len(folded) * fixed_combinations > max_work:
            folded = None
            break
    if folded is None:
        return _estimate(payload, total, samples)

    analysis = Analysis(total, total, True, {outcome: OutcomeSpread(outcome) for outcome in order})
    for options in itertools.product(*(q["options"] for q in fixed)):
        chosen = {q["id"]: option["id"] for q, option in zip(fixed, options, strict=True)}
        base = vectors.zero
        for option in options:
            base = vectors.add(base, vectors.of(option["weights"]))
        excluded = effective_exclusions(order, {o for rule in fired_rules(payload, chosen) for o in rule["exclude"]})
        for free_vector, (count, witness) in folded.items():
            totals = vectors.add(free_vector, base)
            winner = rank(order, dict(zip(order, totals, strict=True)), excluded)[0]
            _record(analysis.spread[winner], count, {**witness, **chosen})
    return analysis


def _estimate(payload: Payload, total: int, samples: int) -> Analysis:
    """A seeded random sample of complete answer sets, for diagnostics too large to enumerate."""
    rng = random.Random(SEED)
    order: list[str] = payload["order"]
    analysis = Analysis(total, samples, False, {outcome: OutcomeSpread(outcome) for outcome in order})
    for _ in range(samples):
        answers = {q["id"]: rng.choice(q["options"])["id"] for q in payload["questions"]}
        _record(analysis.spread[score_diagnostic(payload, answers)["outcome"]], 1, answers)
    return analysis


def _record(entry: OutcomeSpread, count: int, witness: dict[str, str]) -> None:
    entry.count += count
    if entry.witness is None:
        entry.witness = witness


def describe_spread(quiz_id: str, analysis: Analysis) -> list[str]:
    """A heading and one line per outcome, for the command line."""
    how = "exact" if analysis.exact else f"estimate from {analysis.counted:,} random answer sets"
    lines = [f"{quiz_id}: {analysis.total:,} answer combinations ({how})"]
    for outcome, entry in analysis.spread.items():
        count = f"{entry.count:>12,}" if analysis.exact else f"{'~':>12}"
        lines.append(f"  {outcome:<16} {analysis.share(outcome):6.1%} {count}  e.g. {witness_text(entry.witness)}")
    return lines


def witness_text(witness: dict[str, Any] | None) -> str:
    """A witness answer set as ``question=option`` pairs."""
    if not witness:
        return "(none)"
    return ", ".join(f"{question}={option}" for question, option in witness.items())
