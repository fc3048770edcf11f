"""Build-time scoring: the Python twin of ``assets/scoring.js``.

Both read the same payload (see :mod:`runtime_data`) and must agree on every
answer set; the shared vectors in ``tests/vectors/`` hold them to it.

Diagnostic rules, in order:

1. Each answered question adds its chosen option's integer weights to outcomes.
2. A rule fires when, for every question it names, the answer is one of its
   listed options. Fired rules exclude outcomes; if that would exclude every
   outcome, no exclusion applies (there must always be a result).
3. Eligible outcomes rank by score, highest first; ties follow ``order``.
4. The reasons are the answers that gave the winner the most points (at most
   three, positive weight only, earlier questions first on ties).
5. Notes are fired rules with text whose ``outcomes`` list is empty or holds
   the winner.
"""

from __future__ import annotations

import math
from typing import Any, TypedDict

from .runtime_data import Payload

MAX_REASONS = 3


class Reason(TypedDict):
    question: str
    option: str
    weight: int


class DiagnosticResult(TypedDict):
    outcome: str
    runnerUp: str | None
    ranking: list[str]
    scores: dict[str, int]
    excluded: list[str]
    reasons: list[Reason]
    notes: list[str]
    missing: list[str]
    complete: bool


class QuestionResult(TypedDict):
    id: str
    status: str
    points: float


class KnowledgeResult(TypedDict):
    questions: list[QuestionResult]
    points: float
    total: int
    percent: int
    passed: bool


def _chosen(payload: Payload, answers: dict[str, Any]) -> dict[str, dict[str, Any]]:
    """Map question id → chosen option for the answers that name a real option."""
    chosen: dict[str, dict[str, Any]] = {}
    for question in payload["questions"]:
        answer = answers.get(question["id"])
        for option in question["options"]:
            if option["id"] == answer:
                chosen[question["id"]] = option
    return chosen


def effective_exclusions(order: list[str], excluded: set[str]) -> set[str]:
    """The exclusions that apply: none when they would leave no outcome at all."""
    return set() if excluded >= set(order) else excluded


def rank(order: list[str], scores: dict[str, int], excluded: set[str]) -> list[str]:
    """Eligible outcomes, best first; ties go to the outcome earlier in ``order``."""
    return sorted((o for o in order if o not in excluded), key=lambda o: (-scores[o], order.index(o)))


def fired_rules(payload: Payload, chosen_ids: dict[str, str]) -> list[dict[str, Any]]:
    """Rules whose every condition holds for the chosen option ids."""
    return [
        rule
        for rule in payload["rules"]
        if all(chosen_ids.get(question) in options for question, options in rule["when"].items())
    ]


def score_diagnostic(payload: Payload, answers: dict[str, Any]) -> DiagnosticResult:
    """Score a diagnostic payload for ``answers`` (question id → option id)."""
    chosen = _chosen(payload, answers)
    order: list[str] = payload["order"]
    scores = {outcome_id: 0 for outcome_id in order}
    for option in chosen.values():
        for outcome_id, weight in option["weights"].items():
            scores[outcome_id] += weight
    fired = fired_rules(payload, {question: option["id"] for question, option in chosen.items()})
    excluded = effective_exclusions(order, {outcome_id for rule in fired for outcome_id in rule["exclude"]})
    ranking = rank(order, scores, excluded)
    winner = ranking[0]
    contributions = [
        Reason(question=question["id"], option=chosen[question["id"]]["id"], weight=chosen[question["id"]]["weights"].get(winner, 0))
        for question in payload["questions"]
        if question["id"] in chosen
    ]
    reasons = sorted((c for c in contributions if c["weight"] > 0), key=lambda c: -c["weight"])[:MAX_REASONS]
    notes = [rule["id"] for rule in fired if rule["note"] and (not rule["outcomes"] or winner in rule["outcomes"])]
    missing = [question["id"] for question in payload["questions"] if question["id"] not in chosen]
    return DiagnosticResult(
        outcome=winner,
        runnerUp=ranking[1] if len(ranking) > 1 else None,
        ranking=ranking,
        scores=scores,
        excluded=[o for o in order if o in excluded],
        reasons=reasons,
        notes=notes,
        missing=missing,
        complete=not missing,
    )


def score_knowledge(payload: Payload, answers: dict[str, Any]) -> KnowledgeResult:
    """Score a knowledge check for ``answers`` (question id → list of option ids).

    A question is right when exactly the correct options are chosen (1 point),
    partly right when some correct option is chosen but the set is not exact
    (half a point, multiple-answer questions only), wrong otherwise.
    """
    results: list[QuestionResult] = []
    for question in payload["questions"]:
        raw = answers.get(question["id"])
        picked = {option for option in raw if option in question["options"]} if isinstance(raw, list) else set()
        correct = set(question["correct"])
        if not picked:
            status, points = "unanswered", 0.0
        elif picked == correct:
            status, points = "right", 1.0
        elif question["multiple"] and picked & correct:
            status, points = "partial", 0.5
        else:
            status, points = "wrong", 0.0
        results.append(QuestionResult(id=question["id"], status=status, points=points))
    total = len(results)
    points = sum(result["points"] for result in results)
    # floor(x + 0.5), not round(): JavaScript's Math.round rounds halves up, Python's to even.
    percent = math.floor(100 * points / total + 0.5) if total else 0
    return KnowledgeResult(
        questions=results, points=points, total=total, percent=percent, passed=percent >= payload["passMark"]
    )
