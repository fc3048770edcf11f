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

from .questions import KNOWLEDGE_TYPES
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
    max: int


class KnowledgeResult(TypedDict):
    questions: list[QuestionResult]
    points: float
    total: int
    """The points the questions are worth together."""
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


def answer_tokens(question: Payload, answer: Any) -> set[str] | None:
    """A knowledge question's answer as the tokens scoring compares; None when unanswered or unusable.

    Each question type says how (its ``answer_tokens``): choice the chosen options,
    ordering each pair as ordered (``a<b``), matching each ``item=choice``, numeric and
    short answer ``ok`` or ``no``.
    """
    kind = KNOWLEDGE_TYPES.get(question.get("type", "choice"))
    return kind.answer_tokens(question, answer) if kind else None


def correct_tokens(question: Payload) -> set[str]:
    """The tokens of a knowledge question's right answer (see :func:`answer_tokens`)."""
    return KNOWLEDGE_TYPES[question.get("type", "choice")].correct_tokens(question)


def share_right(policy: str, picked: set[str], correct: set[str]) -> float:
    """The share of a question's points an answer earns under its scoring policy."""
    hits, wrong = len(picked & correct), len(picked - correct)
    if policy == "partial":  # a multiple-answer question's classic rule
        return 1.0 if picked == correct else (0.5 if hits else 0.0)
    if policy == "per-correct":
        return hits / len(correct)
    if policy == "penalty":
        return max(0.0, (hits - wrong) / len(correct))
    return 1.0 if picked == correct else 0.0


def _count(value: Any) -> int:
    """A positive whole number from JSON (``2`` or ``2.0``, as JavaScript reads both), else 0."""
    if isinstance(value, bool) or not isinstance(value, int | float) or not math.isfinite(value):
        return 0
    return int(value) if value > 0 and float(value).is_integer() else 0


def score_knowledge(payload: Payload, answers: dict[str, Any], hints: dict[str, Any] | None = None) -> KnowledgeResult:
    """Score a knowledge check for ``answers`` (question id → answer), ``hints`` (question id →
    hints revealed) taking ``hintCost`` points each off a question that earned any.

    Each question's share of its points follows its policy (:func:`share_right`); a
    share of 1 is right, between 0 and 1 partly right, 0 wrong.
    """
    results: list[QuestionResult] = []
    for question in payload["questions"]:
        picked = answer_tokens(question, answers.get(question["id"]))
        worth = question["points"]
        if picked is None:
            results.append(QuestionResult(id=question["id"], status="unanswered", points=0.0, max=worth))
            continue
        share = share_right(question["policy"], picked, correct_tokens(question))
        used = min(_count((hints if isinstance(hints, dict) else {}).get(question["id"])), question["hints"])
        points = max(0.0, share * worth - question["hintCost"] * used) if share else 0.0
        status = "right" if share == 1 else "partial" if share else "wrong"
        results.append(QuestionResult(id=question["id"], status=status, points=points, max=worth))
    total = sum(result["max"] for result in results)
    points = sum(result["points"] for result in results)
    # floor(x + 0.5), not round(): JavaScript's Math.round rounds halves up, Python's to even.
    percent = math.floor(100 * points / total + 0.5) if total else 0
    needed = payload.get("passPoints")
    passed = points >= needed if needed is not None else percent >= payload["passMark"]
    return KnowledgeResult(questions=results, points=points, total=total, percent=percent, passed=passed)
