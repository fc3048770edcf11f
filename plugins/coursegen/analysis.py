"""Build-time analysis of a diagnostic: which outcomes can win, and how often.

Enumerating every answer combination is exponential. Questions that no rule
mentions only add to the score vector, so their combinations are folded into a
distribution of distinct score vectors first (each with a count and one witness
answer set); only the few questions rules depend on are enumerated one by one.
The result is exact, and fast for any realistic diagnostic.
"""

from __future__ import annotations

import itertools
import math
from dataclasses import dataclass, field
from typing import Any

from .runtime_data import Payload
from .scoring import effective_exclusions, fired_rules, rank

Vector = tuple[int, ...]


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
    spread: dict[str, OutcomeSpread] = field(default_factory=dict)

    def share(self, outcome: str) -> float:
        """The fraction of combinations where ``outcome`` wins."""
        return self.spread[outcome].count / self.total if self.total else 0.0

    @property
    def unreachable(self) -> list[str]:
        """Outcomes that no answer combination leads to."""
        return [o for o, s in self.spread.items() if s.count == 0]


def analyze_diagnostic(payload: Payload) -> Analysis:
    """Exact reachability and spread of outcomes over all complete answer sets."""
    order: list[str] = payload["order"]
    index = {outcome: i for i, outcome in enumerate(order)}
    ruled = {question for rule in payload["rules"] for question in rule["when"]}
    free = [q for q in payload["questions"] if q["id"] not in ruled]
    fixed = [q for q in payload["questions"] if q["id"] in ruled]

    def vector(weights: dict[str, int]) -> Vector:
        values = [0] * len(order)
        for outcome, weight in weights.items():
            values[index[outcome]] += weight
        return tuple(values)

    # Fold the rule-free questions into distinct score vectors: (count, witness).
    spread_of_free: dict[Vector, tuple[int, dict[str, str]]] = {tuple([0] * len(order)): (1, {})}
    for question in free:
        folded: dict[Vector, tuple[int, dict[str, str]]] = {}
        for base, (count, witness) in spread_of_free.items():
            for option in question["options"]:
                key = tuple(a + b for a, b in zip(base, vector(option["weights"]), strict=True))
                previous = folded.get(key)
                if previous is None:
                    folded[key] = (count, {**witness, question["id"]: option["id"]})
                else:
                    folded[key] = (previous[0] + count, previous[1])
        spread_of_free = folded

    total = math.prod(len(q["options"]) for q in payload["questions"])
    analysis = Analysis(total, {outcome: OutcomeSpread(outcome) for outcome in order})
    for options in itertools.product(*(q["options"] for q in fixed)):
        chosen = {q["id"]: option["id"] for q, option in zip(fixed, options, strict=True)}
        base = tuple(map(sum, zip(*(vector(option["weights"]) for option in options), strict=True))) if options else None
        excluded = effective_exclusions(order, {o for rule in fired_rules(payload, chosen) for o in rule["exclude"]})
        for free_vector, (count, witness) in spread_of_free.items():
            totals = free_vector if base is None else tuple(a + b for a, b in zip(free_vector, base, strict=True))
            winner = rank(order, dict(zip(order, totals, strict=True)), excluded)[0]
            entry = analysis.spread[winner]
            entry.count += count
            if entry.witness is None:
                entry.witness = {**witness, **chosen}
    return analysis


def describe_spread(quiz_id: str, analysis: Analysis) -> list[str]:
    """One line per outcome, for the CLI and the build log."""
    return [
        f"{quiz_id}: {entry.outcome}: {entry.count:,} of {analysis.total:,} combinations ({analysis.share(entry.outcome):.1%})"
        for entry in analysis.spread.values()
    ]


def witness_text(witness: dict[str, Any] | None) -> str:
    """A witness answer set as ``question=option`` pairs."""
    if not witness:
        return "(none)"
    return ", ".join(f"{question}={option}" for question, option in witness.items())
