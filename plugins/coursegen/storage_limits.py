"""Build-time guarantees about what the browser saves: every quiz's state fits, every option has one id.

The browser refuses (and reports) any stored value longer than :data:`MAX_VALUE`
characters, so untrusted storage cannot make a page parse megabytes. For that
limit never to discard a learner's real answers, the build computes the largest
state each quiz can save (every option picked, the longest ids, the widest
timestamps, a best score and a change notice for every question) and refuses a
quiz that could exceed it, naming its file and line. Progress is stored per
lesson (``…p:<lesson>``), so it fits whatever the number of lessons.

The record's shape is documented in the README ("Saved data") and written by
``assets/storage.js``; ``tests/python/test_storage_limits.py`` holds the two
to the same length.
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any

from .diagnostics import Problem
from .models import Diagnostic, KnowledgeCheck
from .runtime_data import Payload, quiz_payload

if TYPE_CHECKING:
    from .loading import Course

MAX_VALUE = 100_000
"""Characters of one stored value the browser reads (``MAX`` in ``assets/storage.js``)."""
FORMAT = 2
"""The ``v`` of a saved quiz state."""
WIDEST_TIME = 9_999_999_999_999
"""A timestamp in milliseconds as wide as any before the year 2286."""


def largest_state(quiz: KnowledgeCheck | Diagnostic, payload: Payload | None = None) -> dict[str, Any]:
    """The largest record ``storage.js`` can save for a quiz: every question's largest answer
    (as its type says), the widest times, a best score, a change notice and every hint revealed.

    ``payload`` is the quiz's :func:`quiz_payload`, when the caller has made it already.
    """
    payload = payload or quiz_payload(quiz)
    answers: dict[str, Any] = {}
    for question, fingerprinted in zip(quiz.questions, payload["questions"], strict=True):
        answers[question.id] = {"a": question.largest_answer(), "f": fingerprinted["fp"], "t": WIDEST_TIME}
    state: dict[str, Any] = {
        "v": FORMAT,
        "q": answers,
        "c": [False, WIDEST_TIME],
        "b": {"p": 100, "ok": False, "t": WIDEST_TIME, "s": payload["version"]},
        "d": {question.id: WIDEST_TIME for question in quiz.questions},
    }
    if isinstance(quiz, KnowledgeCheck):
        state["h"] = {question.id: len(question.hints) for question in quiz.questions if question.hints}
        state["r"] = WIDEST_TIME  # attempts of a question pool
    return state


def largest_state_length(quiz: KnowledgeCheck | Diagnostic, payload: Payload | None = None) -> int:
    """Characters of :func:`largest_state` as ``JSON.stringify`` writes it."""
    return len(json.dumps(largest_state(quiz, payload), separators=(",", ":"), ensure_ascii=False))


def check_quizzes(course: Course, lengths: dict[str, int]) -> list[Problem]:
    """Quizzes whose state could not be stored (``lengths``: each quiz's :func:`largest_state_length`, by id)."""
    problems: list[Problem] = []
    for quiz_id, sourced in course.quizzes.items():
        length = lengths[quiz_id]
        if length > MAX_VALUE:
            problems.append(sourced.document.problem(
                ("questions",),
                f"a learner's saved answers to this quiz could take {length:,} characters, more than the "
                f"{MAX_VALUE:,} the browser keeps for one quiz; split it into smaller quizzes or use shorter "
                "question and option ids",
            ))
    return problems
