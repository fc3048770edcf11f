"""How firm a diagnostic's results are: flips, close calls and ties, per outcome.

For each outcome, over the answer sets that lead to it:

* **flips**: some single answer changed gives another result;
* **close calls**: the lead over the runner-up is at most the diagnostic's ``closeCall`` points;
* **ties**: no lead at all, so ``order`` decided.

Small diagnostics are measured over every complete answer set; larger ones over
a seeded random sample (the same every build), and the report says which.
"""

from __future__ import annotations

import math
import random
from dataclasses import dataclass, field
from itertools import product

from .ranking import Compiled, Payload

EXACT_LIMIT = 5_000
"""Answer sets up to which every one is measured (each costs one ranking per neighbour)."""
SAMPLES = 3_000
"""Enough for each share to within about 2 percentage points (95 % of the time)."""
SEED = 7


@dataclass
class OutcomeStability:
    """One outcome's answer sets and how many of them are fragile."""

    outcome: str
    sets: int = 0
    flips: int = 0
    close: int = 0
    ties: int = 0

    def share(self, count: int) -> float:
        """``count`` as a share of this outcome's answer sets."""
        return count / self.sets if self.sets else 0.0


@dataclass
class StabilityReport:
    """Flips, close calls and ties per outcome, exact or from a labelled sample."""

    total: int
    counted: int
    exact: bool
    outcomes: dict[str, OutcomeStability] = field(default_factory=dict)
    question_flips: dict[str, int] = field(default_factory=dict)
    """Per question: the answer sets whose result changes when that answer alone changes."""

    @property
    def how(self) -> str:
        """``exact`` or the sample it is estimated from, for messages."""
        return "exact" if self.exact else f"estimate from {self.counted:,} random answer sets"


def measure_stability(payload: Payload, *, samples: int = SAMPLES, exact_limit: int = EXACT_LIMIT) -> StabilityReport:
    """Flips, close calls and ties of every outcome over complete answer sets."""
    compiled = Compiled(payload)
    sizes = [len(options) for options in compiled.option_ids]
    total = math.prod(sizes)
    exact = total <= exact_limit
    if exact:
        choices = [list(choice) for choice in product(*(range(size) for size in sizes))]
    else:
        rng = random.Random(SEED)
        choices = [[rng.randrange(size) for size in sizes] for _ in range(samples)]
    report = StabilityReport(total, len(choices), exact)
    for outcome in compiled.order:
        report.outcomes[outcome] = OutcomeStability(outcome)
    close_call = payload["closeCall"]
    entries = [report.outcomes[outcome] for outcome in compiled.order]
    flips = [0] * len(compiled.question_ids)
    for choice in choices:
        scores, fired = compiled.standing(choice)
        ranking = compiled.ranking(scores, fired)
        entry = entries[ranking[0]]
        entry.sets += 1
        if len(ranking) > 1:
            margin = scores[ranking[0]] - scores[ranking[1]]
            entry.close += margin <= close_call
            entry.ties += margin == 0
        flipping = compiled.flipping(choice, ranking[0], scores)
        entry.flips += bool(flipping)
        for q in flipping:
            flips[q] += 1
    report.question_flips = dict(zip(compiled.question_ids, flips, strict=True))
    return report


def describe_stability(quiz_id: str, report: StabilityReport, close_call: int) -> list[str]:
    """A heading and one line per outcome, for the command line and the build log."""
    lines = [f"{quiz_id}: stability of results ({report.how}; close call = lead of {close_call} points or less)"]
    lines.append(f"  {'outcome':<16} {'sets':>7} {'flip':>7} {'close':>7} {'tie':>7}")
    for outcome, entry in report.outcomes.items():
        lines.append(
            f"  {outcome:<16} {entry.sets:>7,} {entry.share(entry.flips):>7.1%} "
            f"{entry.share(entry.close):>7.1%} {entry.share(entry.ties):>7.1%}"
        )
    if report.counted:
        lines.append("  questions whose answer alone changes the result (share of answer sets):")
        ranked = sorted(report.question_flips.items(), key=lambda item: -item[1])
        lines += [f"    {question:<20} {count / report.counted:>6.1%}" for question, count in ranked]
    return lines


def stability_warnings(quiz_id: str, report: StabilityReport, limits: dict[str, float | None]) -> list[str]:
    """A message for each outcome whose flip, close-call or tie share crosses the diagnostic's limit."""
    messages = []
    for key, noun in (("max_flip_share", "flips"), ("max_close_share", "close"), ("max_tie_share", "ties")):
        limit = limits.get(key)
        if limit is None:
            continue
        for outcome, entry in report.outcomes.items():
            share = entry.share(getattr(entry, noun))
            if share > limit:
                what = {"flips": "change result with a single answer changed", "close": "are close calls",
                        "ties": "are ties decided by `order`"}[noun]
                messages.append(
                    f"{share:.0%} of the answer sets leading to `{outcome}` of `{quiz_id}` {what} "
                    f"(more than `stability.{key}` {limit:.0%}; {report.how})"
                )
    return messages
