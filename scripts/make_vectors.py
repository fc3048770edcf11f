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
sys.path.insert(0, str(ROOT / "scripts"))

import edge_vectors
import yaml
from coursegen.loading import CoursePaths, load_course
from coursegen.runtime_data import Payload, quiz_payload
from coursegen.scoring import score_diagnostic, score_knowledge
from coursegen.what_if import what_would_change

OUT = ROOT / "tests" / "vectors"
SEED = 20261125
RANDOM_DIAGNOSTIC_SETS = 300
RANDOM_KNOWLEDGE_SETS = 12
WHAT_IF_SETS = 80
"""Random answer sets whose "what would change" is also recorded (each takes a few ms in Python)."""


def course_payloads(root: Path = ROOT) -> dict[str, Payload]:
    """The payload of every quiz of the real course, by id."""
    course = load_course(CoursePaths.standard(root))
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


def _knowledge_answer(question: dict[str, Any], rng: random.Random) -> Any:
    """A random answer of the question's type: often right, often not, sometimes odd."""
    kind = question.get("type", "choice")
    if kind == "choice":
        if question["multiple"]:
            return [option for option in question["options"] if rng.random() < 0.5]
        return [rng.choice(question["options"])]
    if kind == "ordering":
        order = list(question["items"])
        if rng.random() < 0.7:
            rng.shuffle(order)
        return order
    if kind == "matching":
        return {item: rng.choice(question["choices"]) for item in question["items"] if rng.random() < 0.8}
    if kind == "numeric":
        low, high = question["min"], question["max"]
        return rng.choice([low, high, (low + high) / 2, low - 1, high + 1, round(rng.uniform(low - 2, high + 2), 3)])
    if kind == "short-answer":
        return rng.choice([*question["accepted"], " " + question["accepted"][0].upper() + " ", "something else", ""])
    return None


def _knowledge_answers(payload: Payload, rng: random.Random) -> dict[str, Any]:
    return {question["id"]: _knowledge_answer(question, rng) for question in payload["questions"] if rng.random() >= 0.1}


def _case_answers(root: Path) -> dict[str, list[tuple[str, dict[str, str]]]]:
    """Each diagnostic's case-library answer sets (cases/*.yml), by diagnostic id."""
    found: dict[str, list[tuple[str, dict[str, str]]]] = {}
    for path in sorted((root / "cases").glob("*.yml")):
        library = yaml.safe_load(path.read_text(encoding="utf-8"))
        found.setdefault(library["diagnostic"], []).extend((case["id"], case["answers"]) for case in library["cases"])
    return found


def build_vectors(root: Path = ROOT) -> dict[str, str]:
    """File name → JSON text of every vectors file."""
    rng = random.Random(SEED)
    payloads = course_payloads(root)
    cases = _case_answers(root)
    diagnostic: list[dict[str, Any]] = []
    knowledge: list[dict[str, Any]] = []
    for quiz_id, payload in payloads.items():
        if payload["kind"] == "diagnostic":
            answer_sets = [(f"case {case_id}", answers) for case_id, answers in cases.get(quiz_id, [])]
            answer_sets += [(f"{quiz_id} random {n}", _diagnostic_answers(payload, rng)) for n in range(RANDOM_DIAGNOSTIC_SETS)]
            for name, answers in answer_sets:
                expected = score_diagnostic(payload, answers)
                diagnostic.append({"name": name, "kind": "diagnostic", "payload": quiz_id, "answers": answers, "expected": expected})
            for name, answers in answer_sets[: len(cases.get(quiz_id, [])) + WHAT_IF_SETS]:
                changes = what_would_change(payload, answers)
                diagnostic.append({"name": f"{name}, what would change", "kind": "what-if", "payload": quiz_id, "answers": answers, "expected": changes})
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
    edges = {
        "about": "Generated by scripts/make_vectors.py from scripts/edge_vectors.py; do not edit. Run `make vectors`.",
        "payloads": {"d": edge_vectors.D},
        "cases": edge_vectors.cases(),
    }
    return {
        "course.vectors.json": json.dumps(document, indent=1, sort_keys=True, ensure_ascii=False) + "\n",
        "edge.vectors.json": json.dumps(edges, indent=1, sort_keys=True, ensure_ascii=False) + "\n",
    }


def main() -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    for name, text in build_vectors().items():
        (OUT / name).write_text(text, encoding="utf-8")
        print(f"wrote {OUT / name}")


if __name__ == "__main__":
    main()
