"""The data each quiz hands to the browser, embedded in its page as JSON.

The same payload feeds the browser's ``scoring.js`` and the build-time
``scoring.py``, so both score from identical input and can be tested against
the same vectors.
"""

from __future__ import annotations

import json
from typing import Any

from .fingerprints import add_fingerprints, legacy_version
from .models import Diagnostic, KnowledgeCheck

Payload = dict[str, Any]


def knowledge_payload(quiz: KnowledgeCheck) -> Payload:
    """What the browser needs to score a knowledge check (feedback text stays in the HTML)."""
    return _versioned(
        quiz,
        {
            "kind": "knowledge",
            "id": quiz.id,
            "passMark": quiz.percent_to_pass,
            "passPoints": quiz.pass_points,
            "shuffle": quiz.shuffle,
            "shuffleQuestions": quiz.shuffle_questions,
            "draw": quiz.draw,
            "questions": [question.payload() for question in quiz.questions],
        }
    )


def diagnostic_payload(quiz: Diagnostic) -> Payload:
    """What the browser needs to score a diagnostic and explain its result."""
    return _versioned(
        quiz,
        {
            "kind": "diagnostic",
            "id": quiz.id,
            "order": list(quiz.order),
            "closeCall": quiz.close_call,
            "outcomes": [
                {"id": outcome.id, "title": outcome.title, "lessons": list(outcome.lessons)} for outcome in quiz.outcomes
            ],
            "questions": [question.payload() for question in quiz.questions],
            "rules": [
                {
                    "id": rule.id,
                    "when": {question: list(options) for question, options in rule.when.items()},
                    "exclude": list(rule.exclude),
                    "because": rule.because,
                    "note": rule.text is not None,
                    "outcomes": list(rule.outcomes),
                }
                for rule in quiz.rules
            ],
        }
    )


def quiz_payload(quiz: KnowledgeCheck | Diagnostic) -> Payload:
    """The payload of either kind of quiz."""
    return knowledge_payload(quiz) if isinstance(quiz, KnowledgeCheck) else diagnostic_payload(quiz)


def _versioned(quiz: KnowledgeCheck | Diagnostic, payload: Payload) -> Payload:
    """Each question's fingerprint, the scoring ``version`` and the ``legacy`` version (when there is one)."""
    add_fingerprints(payload)
    legacy = legacy_version(quiz)
    if legacy is not None:
        payload["legacy"] = legacy
    return payload


def embedded_json(payload: Payload) -> str:
    """JSON that is safe as the text of the ``<template class="cg-data">`` element.

    Escaping ``<``, ``>`` and ``&`` means no text can open or close an element,
    start a comment or form a character reference, so the HTML parser hands the
    runtime exactly the JSON written here; U+2028/2029 are escaped for old
    JavaScript parsers.
    """
    text = json.dumps(payload, ensure_ascii=False, separators=(",", ":"), sort_keys=True)
    for raw, escaped in (("<", "\\u003c"), (">", "\\u003e"), ("&", "\\u0026"), ("\u2028", "\\u2028"), ("\u2029", "\\u2029")):
        text = text.replace(raw, escaped)
    return text
