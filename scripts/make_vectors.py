"""Write the shared scoring vectors that hold Python and JavaScript scoring to the same answers.

Each case is a payload, an answer set and the result the Python scoring gives;
``tests/js/`` checks that ``scoring.js`` returns exactly the same. Answer sets are
drawn with a fixed seed, so the files only change when the quizzes or the
scoring change. Run ``make vectors`` after editing a quiz.
"""

from __future__ import annotations

import json
import random
import sys
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "plugins"))

from coursegen.loading import CoursePaths, load_course  # noqa: E402
from coursegen.runtime_data import Payload, quiz_payload  # noqa: E402
from coursegen.scoring import score_diagnostic, score_knowledge  # noqa: E402

import yaml  # noqa: E402

OUT = ROOT / "tests" / "vectors"
SEED = 20261125
RANDOM_DIAGNOSTIC_SETS = 300
RANDOM_KNOWLEDGE_SETS = 12


def course_payloads(root: Path = ROOT) -> dict[str, Payload]:
    """The payload of every quiz of the real course, by id."""
    course = load_course(
        CoursePaths(root, root / "content" / "course.yml", root / "content" / "lessons", root / "quizzes", root / "content")
    )
    return {quiz_id: quiz_payload(sourced.model) for quiz_id, sourced in sorted(course.quizzes.items())}


def _diagnostic_answers(payload: Payload, rng: random.Random) -> dict[str, Any]:
    answers: dict[str, Any] = {}
    for question in payload["questions"]:
        roll = rng.random()
        if roll < 0.08:
            continue  # unanswered
        if roll < 0.1:
            answers[question["id"]] = "no-such-option"
        else:
            answers[question["id"]] = rng.choice(question["options"])["id"]
    if rng.random() < 0.05:
        answers["no-such-question"] = "x"
    return answers


def _knowledge_answers(payload: Payload, rng: random.Random) -> dict[str, Any]:
    answers: dict[str, Any] = {}
    for question in payload["questions"]:
        if rng.random() < 0.1:
            continue
        if question["multiple"]:
            picked = [option for option in question["options"] if rng.random() < 0.5]
        else:
            picked = [rng.choice(question["options"])]
        answers[question["id"]] = picked
    return answers


# A small diagnostic made of edge cases: ties, negative weights, a rule that would
# exclude everything, notes limited to some outcomes.
EDGE_PAYLOAD: Payload = {
    "kind": "diagnostic",
    "id": "edge-cases",
    "version": "edge",
    "order": ["b", "a", "c"],
    "outcomes": [{"id": "a", "title": "A"}, {"id": "b", "title": "B"}, {"id": "c", "title": "C"}],
    "questions": [
        {"id": "q1", "prompt": "One", "options": [
            {"id": "x", "text": "x", "weights": {"a": 2, "b": 2}, "reason": None},
            {"id": "y", "text": "y", "weights": {"c": 3, "a": -1}, "reason": "why y"},
            {"id": "z", "text": "z", "weights": {}, "reason": None},
        ]},
        {"id": "q2", "prompt": "Two", "options": [
            {"id": "x", "text": "x", "weights": {"a": 1, "b": 1, "c": 1}, "reason": None},
            {"id": "y", "text": "y", "weights": {"b": -2}, "reason": None},
        ]},
        {"id": "q3", "prompt": "Three", "options": [
            {"id": "x", "text": "x", "weights": {"a": 1}, "reason": "r1"},
            {"id": "y", "text": "y", "weights": {"c": 1}, "reason": "r2"},
        ]},
        {"id": "q4", "prompt": "Four", "options": [
            {"id": "x", "text": "x", "weights": {"a": 1, "c": 1}, "reason": None},
            {"id": "y", "text": "y", "weights": {"b": 1}, "reason": None},
        ]},
    ],
    "rules": [
        {"id": "all", "when": {"q1": ["z"], "q2": ["y"]}, "exclude": ["a", "b", "c"], "note": False, "outcomes": []},
        {"id": "no-c", "when": {"q3": ["x"]}, "exclude": ["c"], "note": True, "outcomes": ["a"]},
        {"id": "always-b", "when": {"q4": ["y", "x"]}, "exclude": [], "note": True, "outcomes": []},
    ],
}


def _all_answer_sets(payload: Payload) -> list[dict[str, Any]]:
    """Every answer set, with each question also left unanswered."""
    sets: list[dict[str, Any]] = [{}]
    for question in payload["questions"]:
        sets = [{**s, question["id"]: option["id"]} for s in sets for option in question["options"]] + sets
    return sets


def build_vectors(root: Path = ROOT) -> dict[str, str]:
    """File name → JSON text of every vectors file."""
    rng = random.Random(SEED)
    payloads = {**course_payloads(root), EDGE_PAYLOAD["id"]: EDGE_PAYLOAD}
    scenarios_file = root / "tests" / "vectors" / "scenarios.yml"
    scenarios = yaml.safe_load(scenarios_file.read_text(encoding="utf-8"))["cases"] if scenarios_file.exists() else []
    diagnostic: list[dict[str, Any]] = []
    knowledge: list[dict[str, Any]] = []
    for quiz_id, payload in payloads.items():
        if payload["kind"] == "diagnostic":
            if quiz_id == EDGE_PAYLOAD["id"]:
                answer_sets = [(f"edge {n}", answers) for n, answers in enumerate(_all_answer_sets(payload))]
            else:
                answer_sets = [(f"scenario {case['id']}", case["answers"]) for case in scenarios]
            answer_sets += [(f"{quiz_id} random {n}", _diagnostic_answers(payload, rng)) for n in range(RANDOM_DIAGNOSTIC_SETS)]
            for name, answers in answer_sets:
                expected = score_diagnostic(payload, answers)
                diagnostic.append({"name": name, "kind": "diagnostic", "payload": quiz_id, "answers": answers, "expected": expected})
        else:
            for n in range(RANDOM_KNOWLEDGE_SETS):
                answers = _knowledge_answers(payload, rng)
                expected = score_knowledge(payload, answers)
                knowledge.append({"name": f"{quiz_id} random {n}", "kind": "knowledge", "payload": quiz_id, "answers": answers, "expected": expected})
    document = {
        "about": "Generated by scripts/make_vectors.py from the course's quizzes; do not edit. Run `make vectors`.",
        "payloads": payloads,
        "cases": diagnostic + knowledge,
    }
    return {"course.vectors.json": json.dumps(document, indent=1, sort_keys=True, ensure_ascii=False) + "\n"}


def main() -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    for name, text in build_vectors().items():
        (OUT / name).write_text(text, encoding="utf-8")
        print(f"wrote {OUT / name}")


if __name__ == "__main__":
    main()
