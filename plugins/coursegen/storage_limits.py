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
from .models import KnowledgeCheck
from .runtime_data import Payload, quiz_payload

if TYPE_CHECKING:
    from .loading import Course

MAX_VALUE = 100_000
"""Characters of one stored value the browser reads (``MAX`` in ``assets/storage.js``)."""
FORMAT = 2
"""The ``v`` of a saved quiz state."""
WIDEST_TIME = 9_999_999_999_999
"""A timestamp in milliseconds as wide as any before the year 2286."""


def largest_state(payload: Payload) -> dict[str, Any]:
    """The largest record ``storage.js`` can save for a quiz with this payload."""
    answers: dict[str, Any] = {}
    for question in payload["questions"]:
        if payload["kind"] == "knowledge":
            ids = question["options"] if question["multiple"] else [max(question["options"], key=len)]
            answer: Any = list(ids)
        else:
            answer = max((option["id"] for option in question["options"]), key=len)
        answers[question["id"]] = {"a": answer, "f": question["fp"], "t": WIDEST_TIME}
    return {
        "v": FORMAT,
        "q": answers,
        "c": [False, WIDEST_TIME],
        "b": {"p": 100, "ok": False, "t": WIDEST_TIME, "s": payload["version"]},
        "d": {question["id"]: WIDEST_TIME for question in payload["questions"]},
    }


def largest_state_length(payload: Payload) -> int:
    """Characters of :func:`largest_state` as ``JSON.stringify`` writes it (ids are ASCII)."""
    return len(json.dumps(largest_state(payload), separators=(",", ":")))


def check_quizzes(course: Course) -> list[Problem]:
    """Quizzes whose state could not be stored, and knowledge-check options that share an id."""
    problems: list[Problem] = []
    for sourced in course.quizzes.values():
        quiz, document = sourced.model, sourced.document
        before = len(problems)
        if isinstance(quiz, KnowledgeCheck):
            for number, question in enumerate(quiz.questions):
                seen: dict[str, int] = {}
                for index, option_id in enumerate(question.option_ids):
                    if option_id in seen:
                        own = question.options[index].id is not None
                        path = ("questions", number, "options", index, *(("id",) if own else ()))
                        other = seen[option_id]
                        problems.append(document.problem(
                            path,
                            f"option id `{option_id}` is used twice in this question (also by option {other + 1}; "
                            "an option without `id` is known by its position letter)",
                        ))
                    else:
                        seen[option_id] = index
        if len(problems) > before:
            continue  # with clashing option ids, the quiz's payload means nothing
        length = largest_state_length(quiz_payload(quiz))
        if length > MAX_VALUE:
            problems.append(document.problem(
                ("questions",),
                f"a learner's saved answers to this quiz could take {length:,} characters, more than the "
                f"{MAX_VALUE:,} the browser keeps for one quiz; split it into smaller quizzes or use shorter "
                "question and option ids",
            ))
    return problems
