"""Property-based tests: nothing an author writes crashes the loader; scoring is total and deterministic."""

from __future__ import annotations

import json
import shutil
import tempfile
from pathlib import Path
from typing import Any

import yaml
from coursegen.diagnostics import CourseError
from coursegen.loading import CoursePaths, load_course
from coursegen.models import Diagnostic, KnowledgeCheck, Lesson, Outline
from coursegen.scoring import score_diagnostic, score_knowledge
from coursegen.validation import validate
from coursegen.yaml_source import YamlProblem, parse_document
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.conftest import FIXTURES, ROOT

REAL_FILES = sorted([ROOT / "content" / "course.yml", *(ROOT / "content" / "lessons").glob("*.yml"), *(ROOT / "quizzes").glob("*.yml")])
VECTORS = json.loads((ROOT / "tests" / "vectors" / "course.vectors.json").read_text(encoding="utf-8"))
PAYLOADS = VECTORS["payloads"]


def model_for(path: Path, data: Any) -> type:
    if path.name == "course.yml":
        return Outline
    if path.parent.name == "lessons":
        return Lesson
    kind = data.get("kind") if isinstance(data, dict) else None
    return Diagnostic if kind == "diagnostic" else KnowledgeCheck


def check_never_crashes(raw: bytes, path: Path) -> None:
    """Parsing and validating either succeeds or explains itself with located problems."""
    try:
        document = parse_document(raw, path.name)
    except YamlProblem as error:
        assert error.problem.line >= 1 and error.problem.column >= 1 and error.problem.message
        return
    model = model_for(path, document.data)
    if not isinstance(document.data, dict):
        return  # the loader reports "expected a mapping" for these before validating
    result, problems = validate(document, model)
    assert result is not None or problems, "an invalid file must say why"
    for problem in problems:
        assert problem.line >= 1 and problem.column >= 1 and problem.message


mutation = st.tuples(
    st.sampled_from(["delete", "insert", "replace", "duplicate-line", "swap-lines", "truncate"]),
    st.integers(min_value=0, max_value=10**6),
    st.integers(min_value=0, max_value=10**6),
    st.binary(min_size=1, max_size=8) | st.sampled_from([b"\t", b":", b'"', b"'", b"- ", b"{", b"[", b"&a ", b"*a", b"no", b"\xff", b"\n  ", b"#", b"!!int ", b"!!binary ", b"!!float ", b"!custom ", b"\x00"]),
)


def mutate(raw: bytes, steps: list[tuple[str, int, int, bytes]]) -> bytes:
    for kind, a, b, junk in steps:
        if not raw:
            break
        i, j = sorted((a % len(raw), b % len(raw)))
        lines = raw.split(b"\n")
        if kind == "delete":
            raw = raw[:i] + raw[j:]
        elif kind == "insert":
            raw = raw[:i] + junk + raw[i:]
        elif kind == "replace":
            raw = raw[:i] + junk + raw[i + len(junk):]
        elif kind == "duplicate-line":
            n = a % len(lines)
            raw = b"\n".join(lines[: n + 1] + lines[n:])
        elif kind == "swap-lines":
            m, n = a % len(lines), b % len(lines)
            lines[m], lines[n] = lines[n], lines[m]
            raw = b"\n".join(lines)
        else:
            raw = raw[:i]
    return raw


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.sampled_from(REAL_FILES), st.lists(mutation, min_size=1, max_size=4))
def test_mutated_course_files_never_crash_the_loader(path: Path, steps: list[tuple[str, int, int, bytes]]) -> None:
    check_never_crashes(mutate(path.read_bytes(), steps), path)


@settings(max_examples=40, deadline=None)
@given(st.sampled_from(sorted((FIXTURES / "mini").rglob("*.yml"))), st.lists(mutation, min_size=1, max_size=3))
def test_a_mutated_course_fails_only_with_course_errors(path: Path, steps: list[tuple[str, int, int, bytes]]) -> None:
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder) / "mini"
        shutil.copytree(FIXTURES / "mini", root)
        target = root / path.relative_to(FIXTURES / "mini")
        target.write_bytes(mutate(target.read_bytes(), steps))
        try:
            load_course(CoursePaths.standard(root))
        except CourseError as error:
            assert error.problems and all(problem.file for problem in error.problems)


FIELD_NAMES = sorted({name for model in (Outline, Lesson, KnowledgeCheck, Diagnostic) for name in model.model_fields}
                     | {"heading", "body", "text", "correct", "feedback", "weights", "when", "exclude", "options"})
scalars = st.none() | st.booleans() | st.integers(-10**12, 10**12) | st.floats(allow_nan=True) | st.text(max_size=30) | st.sampled_from(["no", "yes", "on", "knowledge", "diagnostic", "a-b"])
documents = st.recursive(
    scalars,
    lambda children: st.lists(children, max_size=4) | st.dictionaries(st.sampled_from(FIELD_NAMES) | st.text(max_size=8), children, max_size=6),
    max_leaves=30,
)


@settings(max_examples=300, deadline=None)
@given(documents, st.sampled_from(REAL_FILES))
def test_generated_documents_never_crash_the_loader(data: Any, path: Path) -> None:
    raw = yaml.safe_dump(data, allow_unicode=True).encode()
    check_never_crashes(raw, path)


json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=10),
    lambda children: st.lists(children, max_size=3) | st.dictionaries(st.text(max_size=8), children, max_size=3),
    max_leaves=10,
)


@st.composite
def answer_sets(draw: st.DrawFn, payload: dict[str, Any]) -> dict[str, Any]:
    """Answers mixing real option ids, unknown ids and junk values."""
    answers: dict[str, Any] = {}
    for question in payload["questions"]:
        parts = question.get("options") or question.get("items") or question.get("accepted") or [question.get("min", 0)]
        options = [o["id"] if isinstance(o, dict) else o for o in parts]
        choice = draw(st.sampled_from(["skip", "real", "junk"]))
        if choice == "real":
            picked = draw(st.lists(st.sampled_from(options), max_size=len(options)))
            kind = question.get("type", "choice")
            if payload["kind"] != "knowledge" or kind in ("numeric", "short-answer"):
                answers[question["id"]] = picked[0] if picked else None
            elif kind == "matching":
                answers[question["id"]] = {item: draw(st.sampled_from(question["choices"])) for item in picked}
            else:
                answers[question["id"]] = picked
        elif choice == "junk":
            answers[question["id"]] = draw(json_values)
    answers.update(draw(st.dictionaries(st.sampled_from(["__proto__", "constructor", "x"]), json_values, max_size=2)))
    return answers


@settings(max_examples=400, deadline=None)
@given(st.data())
def test_scoring_is_total_and_deterministic(data: st.DataObject) -> None:
    quiz_id = data.draw(st.sampled_from(sorted(PAYLOADS)))
    payload = PAYLOADS[quiz_id]
    answers = data.draw(answer_sets(payload))
    score = score_diagnostic if payload["kind"] == "diagnostic" else score_knowledge
    first = score(payload, answers)
    assert first == score(payload, json.loads(json.dumps(answers)))
    if payload["kind"] == "diagnostic":
        assert first["outcome"] in payload["order"] and len(first["reasons"]) <= 3
    else:
        assert 0 <= first["percent"] <= 100
