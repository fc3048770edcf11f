"""The real course: builds under --strict, schemas and vectors are current, scenarios hold."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest
import yaml
from coursegen.schema import render_schemas
from coursegen.scoring import score_diagnostic

from tests.conftest import ROOT, load_script


@pytest.fixture(scope="module")
def payloads() -> dict:
    return load_script("make_vectors").course_payloads()


def test_real_course_builds_strict(real_site: Path) -> None:
    assert (real_site / "self-assessment" / "index.html").is_file()
    assert (real_site / "glossary" / "index.html").is_file()
    lessons = list((real_site / "lessons").iterdir())
    assert 8 <= len(lessons) <= 12


def test_committed_schemas_are_current() -> None:
    for name, text in render_schemas().items():
        assert (ROOT / "schemas" / name).read_text(encoding="utf-8") == text, f"schemas/{name} is stale: run `make schemas`"


def test_every_yaml_file_matches_its_schema_and_names_it() -> None:
    schemas = {name: json.loads(text) for name, text in render_schemas().items()}
    files = {
        "course.schema.json": [ROOT / "content" / "course.yml"],
        "lesson.schema.json": sorted((ROOT / "content" / "lessons").glob("*.yml")),
        "quiz.schema.json": sorted((ROOT / "quizzes").glob("*.yml")),
        "cases.schema.json": sorted((ROOT / "cases").glob("*.yml")),
    }
    for schema_name, paths in files.items():
        assert paths
        for path in paths:
            first = path.read_text(encoding="utf-8").partition("\n")[0]
            assert first.startswith("# yaml-language-server: $schema=") and first.endswith(schema_name), path
            jsonschema.validate(yaml.safe_load(path.read_text(encoding="utf-8")), schemas[schema_name])


def test_committed_vectors_are_current() -> None:
    for name, text in load_script("make_vectors").build_vectors().items():
        assert (ROOT / "tests" / "vectors" / name).read_text(encoding="utf-8") == text, f"{name} is stale: run `make vectors`"


def test_the_case_library_covers_the_article_and_holds(payloads: dict) -> None:
    """cases/strategy-fit.yml: at least 30 learners, every outcome, every question answered, every case holds."""
    library = yaml.safe_load((ROOT / "cases" / "strategy-fit.yml").read_text(encoding="utf-8"))
    diagnostic = payloads[library["diagnostic"]]
    cases = library["cases"]
    assert len(cases) >= 30
    expected = set()
    for case in cases:
        assert set(case["answers"]) == {q["id"] for q in diagnostic["questions"]}, f"{case['id']} must answer every question"
        result = score_diagnostic(diagnostic, case["answers"])
        assert result["outcome"] in [case["expected"], *case.get("acceptable", [])], f"{case['id']}: {case.get('why')}"
        assert set(case.get("notes", [])) <= set(result["notes"]), case["id"]
        expected.add(case["expected"])
    assert expected == set(diagnostic["order"]), "every outcome needs a case"
    # The kinds of learner the article's logic must get right are all there.
    answered = [case["answers"] for case in cases]
    assert any(a["timing"] == "time-helps" for a in answered) and any(a["timing"] == "now" for a in answered)
    assert any(a["skill"] == "outclass" for a in answered) and any(a["balance"] == "me" for a in answered)
    assert any(a["balance"] == "even" for a in answered)
