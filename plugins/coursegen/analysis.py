"""Build-time analysis of a diagnostic: which outcomes can win, and how often.

The results and how they read live here; the counting itself is in
:mod:`outcome_counting`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from .runtime_data import Payload


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


def analyze_diagnostic(payload: Payload, **limits: int) -> Analysis:
    """Reachability and spread of outcomes over all complete answer sets (exact when feasible).

    ``limits`` (``max_steps``, ``samples``) are for tests; see :mod:`outcome_counting`.
    """
    from .outcome_counting import count_outcomes  # here: it builds this module's Analysis


    return count_outcomes(payload, **limits)


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
