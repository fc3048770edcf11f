"""Hand-made edge cases for the shared scoring vectors (written by ``make_vectors.py``).

The course's own quizzes may never reach these: halves in percentages, partial
credit, odd answer values, ties, every outcome excluded, more than three reasons.
"""

from __future__ import annotations

import itertools
from typing import Any

from coursegen.scoring import score_diagnostic, score_knowledge
from coursegen.what_if import what_would_change


def single(qid: str, correct: str = "a", n: int = 3) -> dict:
    return {"id": qid, "multiple": False, "correct": [correct], "options": list("abcdefgh"[:n])}


def multiple(qid: str, correct: list[str], n: int = 4) -> dict:
    return {"id": qid, "multiple": True, "correct": correct, "options": list("abcdefgh"[:n])}


K4 = {"kind": "knowledge", "id": "k4", "version": "v1", "passMark": 75,
      "questions": [single("q1"), multiple("q2", ["a", "c"]), single("q3", "b"), multiple("q4", ["b", "c", "d"])]}
K8 = {"kind": "knowledge", "id": "k8", "version": "v1", "passMark": 50,
      "questions": [single(f"q{i}") for i in range(1, 9)]}
K1 = {"kind": "knowledge", "id": "k1", "version": "v1", "passMark": 100, "questions": [multiple("only", ["a", "b"])]}

KNOWLEDGE = [
    ("k4 nothing", K4, {}),
    ("k4 all right", K4, {"q1": ["a"], "q2": ["c", "a"], "q3": ["b"], "q4": ["d", "b", "c"]}),
    ("k4 exactly the pass mark", K4, {"q1": ["a"], "q2": ["a", "c"], "q3": ["b"]}),
    ("k4 one and a half of four is 37.5, rounds up", K4, {"q1": ["a"], "q2": ["a"]}),
    ("k4 half of four is 12.5, rounds up", K4, {"q2": ["a", "b"]}),
    ("k4 partial with a wrong one picked", K4, {"q4": ["a", "b"]}),
    ("k4 multiple with only wrong picks", K4, {"q2": ["b", "d"]}),
    ("k4 single with two picks", K4, {"q1": ["a", "b"]}),
    ("k4 duplicates count once", K4, {"q1": ["a", "a"], "q2": ["a", "c", "a"]}),
    ("k4 unknown options ignored", K4, {"q1": ["z", "a"], "q3": ["zz"], "q2": ["A"]}),
    ("k4 unknown questions ignored", K4, {"nope": ["a"], "__proto__": ["a"], "constructor": ["a"]}),
    ("k4 non-list answers", K4, {"q1": "a", "q2": None, "q3": 1, "q4": {"b": True}}),
    ("k4 odd list items", K4, {"q1": [None, 1, True, ["a"], {"a": 1}, "a"], "q2": [0.5, "c"]}),
    ("k8 one of eight is 12.5", K8, {"q1": ["a"]}),
    ("k8 three of eight is 37.5", K8, {"q1": ["a"], "q2": ["a"], "q3": ["a"], "q4": ["b"]}),
    ("k8 four of eight", K8, {f"q{i}": ["a"] for i in range(1, 5)}),
    ("k8 five wrong", K8, {f"q{i}": ["c"] for i in range(1, 6)}),
    ("k1 partial fails a 100 pass mark", K1, {"only": ["a"]}),
    ("k1 right", K1, {"only": ["b", "a"]}),
]


def option(oid: str, weights: dict, reason: str | None = None, lessons: tuple[str, ...] = ()) -> dict:
    return {"id": oid, "text": f"Option {oid}", "weights": weights, "reason": reason, "lessons": list(lessons)}


D = {
    "kind": "diagnostic", "id": "d", "version": "v1",
    "order": ["p", "q", "r", "s"], "closeCall": 2,
    "outcomes": [{"id": o, "title": o.upper(), "lessons": [f"lesson-{o}", "shared"]} for o in "pqrs"],
    "questions": [
        {"id": "a", "prompt": "A?", "options": [
            option("x", {"r": 2, "s": 2}, lessons=("lesson-a", "shared")), option("y", {"p": -3, "q": 1}, "why y"),
            option("z", {}),
        ]},
        {"id": "b", "prompt": "B?", "options": [
            option("x", {"r": 2}, lessons=("l1", "l2", "l3", "l4", "l5")), option("y", {"s": 3, "p": 1}, "why b y"),
        ]},
        {"id": "c", "prompt": "C?", "options": [option("x", {"r": 1}), option("y", {"s": 1})]},
        {"id": "d", "prompt": "D?", "options": [option("x", {"r": 2}), option("y", {"q": 5})]},
        {"id": "e", "prompt": "E?", "options": [option("x", {"r": 2, "p": 2}), option("y", {"p": -1})]},
    ],
    "rules": [
        {"id": "no-r", "when": {"c": ["x"]}, "exclude": ["r"], "because": "C is x", "note": True, "outcomes": []},
        {"id": "everything", "when": {"a": ["z"], "b": ["y", "x"]}, "exclude": ["p", "q", "r", "s"], "because": None,
         "note": False, "outcomes": []},
        {"id": "only-s", "when": {"e": ["y"]}, "exclude": [], "because": None, "note": True, "outcomes": ["s"]},
        {"id": "silent", "when": {"d": ["y"]}, "exclude": ["s"], "because": None, "note": False, "outcomes": []},
        {"id": "q-or-p", "when": {"a": ["y"], "d": ["y", "x"]}, "exclude": [], "because": None, "note": True,
         "outcomes": ["q", "p"]},
        # Named in reverse question order: the explanation lists answers in question order.
        {"id": "not-q", "when": {"e": ["x"], "b": ["x"]}, "exclude": ["q"], "because": "E and B", "note": False,
         "outcomes": []},
    ],
}

DIAGNOSTIC = [
    ("d nothing: order decides", {}),
    ("d tie follows order", {"a": "x"}),
    ("d more than three reasons", {"a": "x", "b": "x", "c": "y", "d": "x", "e": "x"}),
    ("d reasons tie: earlier question first", {"b": "x", "d": "x", "e": "x", "a": "x"}),
    ("d exclusion moves the winner", {"a": "x", "b": "x", "c": "x", "d": "x"}),
    ("d every outcome excluded: none is", {"a": "z", "b": "x"}),
    ("d note limited to outcomes, not shown", {"e": "y", "b": "x"}),
    ("d note limited to outcomes, shown", {"e": "y", "b": "y"}),
    ("d two-question rule", {"a": "y", "d": "y"}),
    ("d negative totals", {"a": "y", "e": "y"}),
    ("d unknown ids ignored", {"a": "nope", "zz": "x", "__proto__": "x", "constructor": "x"}),
    ("d odd answer values", {"a": ["x"], "b": None, "c": 1, "d": {"x": 1}, "e": True}),
    ("d everything answered", {"a": "y", "b": "y", "c": "x", "d": "y", "e": "y"}),
]


def every_answer_set(payload: dict) -> list[dict[str, Any]]:
    """Every answer set of a diagnostic, each question also left unanswered."""
    choices = [[None, *(option["id"] for option in q["options"])] for q in payload["questions"]]
    return [
        {q["id"]: pick for q, pick in zip(payload["questions"], picks, strict=True) if pick is not None}
        for picks in itertools.product(*choices)
    ]


def cases() -> list[dict[str, Any]]:
    """The named edge cases, then every answer set of the edge diagnostic, with Python's results."""
    named = [
        {"name": name, "kind": "knowledge", "payload": payload, "answers": answers,
         "expected": score_knowledge(payload, answers)}
        for name, payload, answers in KNOWLEDGE
    ] + [
        {"name": name, "kind": "diagnostic", "payload": "d", "answers": answers, "expected": score_diagnostic(D, answers)}
        for name, answers in DIAGNOSTIC
    ]
    exhaustive = [
        {"name": f"d every answer set {n}", "kind": "diagnostic", "payload": "d", "answers": answers,
         "expected": score_diagnostic(D, answers)}
        for n, answers in enumerate(every_answer_set(D))
    ]
    what_if = [
        {"name": f"d what would change {n}", "kind": "what-if", "payload": "d", "answers": answers,
         "expected": what_would_change(D, answers)}
        for n, answers in enumerate(every_answer_set(D))
    ]
    return named + exhaustive + what_if
