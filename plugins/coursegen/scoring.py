"""Build-time scoring: the Python twin of ``assets/scoring.js`` and ``assets/diagnosis.js``.

Both read the same payload (see :mod:`runtime_data`) and must agree on every
answer set; the shared vectors in ``tests/vectors/`` hold them to it.

Diagnostic rules, in order:

1. Each answered question adds its chosen option's integer weights to outcomes.
2. A rule fires when, for every question it names, the answer is one of its
   listed options. Fired rules exclude outcomes; if that would exclude every
   outcome, no exclusion applies (there must always be a result).
3. Eligible outcomes rank by score, highest first; ties follow ``order``
   (:mod:`ranking` holds this rule, for every user of it).
4. The reasons are the answers that gave the winner the most points (at most
   three, positive weight only, earlier questions first on ties).
5. Notes are fired rules with text whose ``outcomes`` list is empty or holds
   the winner.
6. The margin is the winner's lead over the runner-up; at most ``closeCall``
   points is a close call, no lead at all a tie decided by ``order``.
7. Each excluded outcome lists the fired rules that excluded it, with the
   answers that made each fire.
8. Lessons to read: the winner's own, then those the chosen answers point to
   (question order), each once, at most six.
"""

from __future__ import annotations

import math
from typing import Any, TypedDict

from .ranking import Compiled
from .runtime_data import Payload

MAX_REASONS = 3
MAX_LESSONS = 6


class Reason(TypedDict):
    question: str
    option: str
    weight: int


class Answer(TypedDict):
    question: str
    option: str


class Firing(TypedDict):
    rule: str
    answers: list[Answer]


class Exclusion(TypedDict):
    outcome: str
    rules: list[Firing]


class DiagnosticResult(TypedDict):
    outcome: str
    runnerUp: str | None
    ranking: list[str]
    scores: dict[str, int]
    excluded: list[str]
    exclusions: list[Exclusion]
    margin: int | None
    close: bool
    tie: bool
    reasons: list[Reason]
    notes: list[str]
    lessons: list[str]
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


def fired_rules(payload: Payload, chosen_ids: dict[str, str]) -> list[dict[str, Any]]:
    """Rules whose every condition holds for the chosen option ids."""
    return [
        rule
        for rule in payload["rules"]
        if all(chosen_ids.get(question) in options for question, options in rule["when"].items())
    ]


def score_diagnostic(payload: Payload, answers: dict[str, Any]) -> DiagnosticResult:
    """Score a diagnostic payload for ``answers`` (question id → option id)."""
    compiled = Compiled(payload)
    choice = compiled.choice(answers)
    order = compiled.order
    questions = payload["questions"]
    chosen = {q["id"]: q["options"][k] for q, k in zip(questions, choice, strict=True) if k is not None}
    chosen_ids = {question: option["id"] for question, option in chosen.items()}
    points, fired_mask = compiled.standing(choice)
    ranking = [order[o] for o in compiled.ranking(points, fired_mask)]
    excluded = [o for o, out in zip(order, compiled.excluded(fired_mask), strict=True) if out]
    winner = ranking[0]
    scores = dict(zip(order, points, strict=True))
    runner_up = ranking[1] if len(ranking) > 1 else None
    margin = scores[winner] - scores[runner_up] if runner_up else None
    fired = fired_rules(payload, chosen_ids)
    exclusions = [
        Exclusion(
            outcome=outcome,
            rules=[
                Firing(
                    rule=rule["id"],
                    answers=[Answer(question=q["id"], option=chosen_ids[q["id"]]) for q in questions if q["id"] in rule["when"]],
                )
                for rule in fired
                if outcome in rule["exclude"]
            ],
        )
        for outcome in excluded
    ]
    contributions = [
        Reason(question=q["id"], option=chosen_ids[q["id"]], weight=chosen[q["id"]]["weights"].get(winner, 0))
        for q in questions
        if q["id"] in chosen
    ]
    reasons = sorted((c for c in contributions if c["weight"] > 0), key=lambda c: -c["weight"])[:MAX_REASONS]
    notes = [rule["id"] for rule in fired if rule["note"] and (not rule["outcomes"] or winner in rule["outcomes"])]
    own = next(o["lessons"] for o in payload["outcomes"] if o["id"] == winner)
    pointed = [lesson for q in questions if q["id"] in chosen for lesson in chosen[q["id"]]["lessons"]]
    lessons = list(dict.fromkeys([*own, *pointed]))[:MAX_LESSONS]
    missing = [q["id"] for q in questions if q["id"] not in chosen]
    return DiagnosticResult(
        outcome=winner,
        runnerUp=runner_up,
        ranking=ranking,
        scores=scores,
        excluded=excluded,
        exclusions=exclusions,
        margin=margin,
        close=margin is not None and margin <= payload["closeCall"],
        tie=margin == 0,
        reasons=reasons,
        notes=notes,
        lessons=lessons,
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
