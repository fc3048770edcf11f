"""Hypothesis strategies shared by the diagnostic tests: small random diagnostic payloads."""

from __future__ import annotations

from typing import Any

from hypothesis import strategies as st

OUTCOMES = ["a", "b", "c"]


def option(oid: str, weights: dict[str, int], lessons: list[str] | None = None) -> dict[str, Any]:
    """A diagnostic option as the payload carries it."""
    return {"id": oid, "text": f"Option {oid}", "weights": weights, "reason": None, "lessons": lessons or []}


def payload(order: list[str], questions: list[dict[str, Any]], rules: list[dict[str, Any]], close: int = 3) -> dict[str, Any]:
    """A complete diagnostic payload around ``questions`` and ``rules``."""
    return {
        "kind": "diagnostic", "id": "x", "version": "v", "order": order, "closeCall": close,
        "outcomes": [{"id": o, "title": o.upper(), "lessons": [f"lesson-{o}"]} for o in order],
        "questions": questions, "rules": rules,
    }


@st.composite
def diagnostics(draw: st.DrawFn, max_questions: int = 4, max_rules: int = 2, max_when: int = 1) -> dict[str, Any]:
    """A random diagnostic over three outcomes, with exclusion rules on one or more questions."""
    order = list(draw(st.permutations(OUTCOMES)))
    questions = []
    for q in range(draw(st.integers(1, max_questions))):
        options = []
        for o in range(draw(st.integers(2, 3))):
            weights = draw(st.dictionaries(st.sampled_from(OUTCOMES), st.integers(-3, 3), max_size=3))
            lessons = draw(st.lists(st.sampled_from(["lesson-a", "lesson-x", "lesson-y"]), max_size=2, unique=True))
            options.append(option(f"o{o}", weights, lessons))
        questions.append({"id": f"q{q}", "prompt": f"Question {q}?", "options": options})
    rules = []
    for r in range(draw(st.integers(0, max_rules))):
        when = {}
        for question in draw(st.lists(st.sampled_from(questions), min_size=1, max_size=max_when, unique_by=lambda q: q["id"])):
            when[question["id"]] = draw(st.lists(st.sampled_from([o["id"] for o in question["options"]]), min_size=1, unique=True))
        exclude = draw(st.lists(st.sampled_from(OUTCOMES), unique=True))
        rules.append({"id": f"r{r}", "when": when, "exclude": exclude, "because": None, "note": not exclude, "outcomes": []})
    return payload(order, questions, rules, close=draw(st.integers(0, 3)))
