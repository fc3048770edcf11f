"""Hand-made edge cases for the shared scoring vectors (written by ``make_vectors.py``).

The course's own quizzes may never reach these: halves in percentages, partial
credit, odd answer values, ties, every outcome excluded, more than three reasons.
"""

from __future__ import annotations

import itertools
from typing import Any

from coursegen.scoring import score_diagnostic, score_knowledge
from coursegen.what_if import what_would_change


def question(qid: str, kind: str = "choice", policy: str = "all-or-nothing", points: int = 1, hints: int = 0,
             cost: float = 0, **data: Any) -> dict:
    return {"id": qid, "type": kind, "points": points, "policy": policy, "hints": hints, "hintCost": cost, **data}


def single(qid: str, correct: str = "a", n: int = 3, **common: Any) -> dict:
    return question(qid, multiple=False, correct=[correct], options=list("abcdefgh"[:n]), pinned=[], **common)


def multiple(qid: str, correct: list[str], n: int = 4, policy: str = "partial", **common: Any) -> dict:
    return question(qid, policy=policy, multiple=True, correct=correct, options=list("abcdefgh"[:n]), pinned=[], **common)


def knowledge(kid: str, questions: list[dict], pass_mark: int | None = 75, pass_points: float | None = None) -> dict:
    return {"kind": "knowledge", "id": kid, "version": "v1", "passMark": pass_mark, "passPoints": pass_points,
            "shuffle": False, "shuffleQuestions": False, "draw": None, "questions": questions}


K4 = knowledge("k4", [single("q1"), multiple("q2", ["a", "c"]), single("q3", "b"), multiple("q4", ["b", "c", "d"])])
K8 = knowledge("k8", [single(f"q{i}") for i in range(1, 9)], 50)
K1 = knowledge("k1", [multiple("only", ["a", "b"])], 100)
# Every type, every policy, points and hints.
ORDER = question("order", "ordering", items=["a", "b", "c", "d"])
PAIRS = question("pairs", "ordering", "per-correct", points=3, items=["a", "b", "c"])
MATCH = question("match", "matching", "per-correct", points=2, items=["a", "b", "c"], choices=["b", "x1", "a", "c"],
                 correct={"a": "a", "b": "b", "c": "c"})
STRICT_MATCH = question("strict", "matching", "all-or-nothing", items=["a", "b"], choices=["a", "b"], correct={"a": "a", "b": "b"})
NUMBER = question("number", "numeric", min=9.5, max=10.5)
EXACT = question("exact", "numeric", min=-0.25, max=-0.25)
TEXT = question("text", "short-answer", accepted=["batna", "best alternative"], pattern=None)
PATTERN = question("pattern", "short-answer", accepted=["colour"], pattern="colou?r|farbe")
PENALTY = multiple("penalty", ["a", "b"], 4, "penalty", points=2)
PER = multiple("per", ["a", "b", "c"], 5, "per-correct")
HINTED = single("hinted", points=2, hints=2, cost=0.5)
KT = knowledge("kt", [ORDER, PAIRS, MATCH, STRICT_MATCH, NUMBER, EXACT, TEXT, PATTERN, PENALTY, PER, HINTED], 60)
KP = knowledge("kp", [single("q1", points=3), single("q2"), MATCH], None, 3.5)

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
    ("kt everything right", KT, {
        "order": ["a", "b", "c", "d"], "pairs": ["a", "b", "c"], "match": {"a": "a", "b": "b", "c": "c"},
        "strict": {"a": "a", "b": "b"}, "number": 10, "exact": -0.25, "text": "  BATNA ", "pattern": "Colour",
        "penalty": ["a", "b"], "per": ["a", "b", "c"], "hinted": ["a"]}),
    ("kt ordering: one swap, all-or-nothing and per pair", KT, {"order": ["b", "a", "c", "d"], "pairs": ["b", "a", "c"]}),
    ("kt ordering reversed", KT, {"pairs": ["c", "b", "a"], "order": ["d", "c", "b", "a"]}),
    ("kt ordering not a permutation", KT, {"order": ["a", "a", "b", "c"], "pairs": ["a", "b"]}),
    ("kt ordering with odd items", KT, {"order": ["a", "b", "c", 4], "pairs": ["a", "b", "z"]}),
    ("kt matching: partly, a distractor, unknown items and choices", KT, {
        "match": {"a": "a", "b": "x1", "z": "a", "c": "nope"}, "strict": {"a": "a"}}),
    ("kt matching: odd values", KT, {"match": ["a"], "strict": {"a": 1, "b": None}}),
    ("kt numeric: the edges, outside, strings and odd numbers", KT, {"number": 9.5, "exact": -0.250001}),
    ("kt numeric: just over", KT, {"number": 10.500001, "exact": "−0.25"}),
    ("kt numeric: booleans and nulls are not numbers", KT, {"number": True, "exact": None}),
    ("kt short answer: accents, case and spaces", KT, {"text": "Best\u00a0\u00a0Altérnative", "pattern": "FARBE"}),
    ("kt short answer: wrong and empty", KT, {"text": "walk away", "pattern": "   "}),
    ("kt short answer: the pattern must match whole", KT, {"pattern": "colours", "text": "batna!"}),
    ("kt short answer: too long is cut", KT, {"text": "batna" + " " * 195 + "x", "pattern": "é" * 300}),
    ("kt penalty and per-correct", KT, {"penalty": ["a", "c"], "per": ["a", "b", "d"]}),
    ("kt penalty never below zero", KT, {"penalty": ["c", "d", "a"], "per": ["d", "e"]}),
    ("kt penalty and per-correct with everything picked", KT, {"penalty": ["a", "b", "c", "d"], "per": ["a", "b", "c", "d", "e"]}),
]
HINTS = [
    ("kt a hint costs half a point", KT, {"hinted": ["a"]}, {"hinted": 1}),
    ("kt two hints, more asked than there are", KT, {"hinted": ["a"]}, {"hinted": 5}),
    ("kt hints on a wrong answer cost nothing more", KT, {"hinted": ["b"]}, {"hinted": 2}),
    ("kt odd hint counts", KT, {"hinted": ["a"]}, {"hinted": True, "order": 2, "__proto__": 1}),
    ("kt a whole hint count written as a float", KT, {"hinted": ["a"]}, {"hinted": 2.0}),
    ("kt hints not a mapping", KT, {"hinted": ["a"]}, ["hinted"]),
    ("kp pass on points, not percent", KP, {"q1": ["a"], "match": {"a": "a"}}, {}),
    ("kp just under the points", KP, {"q1": ["a"]}, {}),
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
        {"name": name, "kind": "knowledge", "payload": payload, "answers": answers, "hints": hints,
         "expected": score_knowledge(payload, answers, hints)}
        for name, payload, answers, hints in HINTS
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
