"""The `course` command line: validate, schema, analyze."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from coursegen.cli import main

from tests.conftest import ROOT
from tests.python.conftest import Project


def course(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "coursegen.cli", *args], cwd=cwd, capture_output=True, text=True, timeout=120, check=False)


def test_validate_valid_course(mini: Project) -> None:
    result = course("validate", cwd=mini.root)
    assert result.returncode == 0, result.stderr
    assert "The course is valid: 2 lessons, 2 quizzes." in result.stdout


def test_validate_reports_every_problem_as_text_and_json(mini: Project) -> None:
    mini.write("content/lessons/water.yml", "id: water\ntitle: no\n")
    mini.write("quizzes/check-water.yml", "id: check-water\nkind: quiz\n")
    result = course("validate", cwd=mini.root)
    assert result.returncode == 1
    assert "content/lessons/water.yml:2:8: title: expected text" in result.stderr
    assert "quizzes/check-water.yml:2:7: kind: expected `kind: knowledge` or `kind: diagnostic`" in result.stderr
    assert "Traceback" not in result.stderr
    report = json.loads(course("validate", "--format", "json", cwd=mini.root).stdout)
    assert report["valid"] is False
    assert {"file": "quizzes/check-water.yml", "line": 2, "column": 7, "field": "kind"}.items() <= report["problems"][-1].items()


def test_validate_usage_error(tmp_path: Path) -> None:
    assert course("validate", str(tmp_path / "nowhere"), cwd=tmp_path).returncode == 2
    assert course("frobnicate", cwd=tmp_path).returncode == 2


def test_analyze_shows_every_outcome(mini: Project, capsys) -> None:  # type: ignore[no-untyped-def]
    assert main(["analyze", "which-tea", "--config", str(mini.root)]) == 0
    out = capsys.readouterr().out
    assert "which-tea: 4 answer combinations (exact)" in out
    assert "black" in out and "green" in out and "50.0%" in out


def test_schema_command_writes_the_committed_schemas(tmp_path: Path) -> None:
    assert main(["schema", "--out", str(tmp_path)]) == 0
    for path in tmp_path.iterdir():
        assert path.read_text() == (ROOT / "schemas" / path.name).read_text(), f"{path.name} is stale: run `make schemas`"


def test_new_writes_valid_commented_starters(mini: Project) -> None:
    assert main(["new", "lesson", "no", "--config", str(mini.root)]) == 0
    assert main(["new", "quiz", "check-no", "--kind", "knowledge", "--config", str(mini.root)]) == 0
    assert main(["new", "quiz", "pick", "--kind", "diagnostic", "--config", str(mini.root)]) == 0
    lesson = (mini.root / "content/lessons/no.yml").read_text()
    assert lesson.startswith("# yaml-language-server: $schema=../../schemas/lesson.schema.json\n")
    assert 'id: "no"' in lesson  # quoted: YAML 1.1 would read a bare no as false
    mini.write("content/lessons/no.yml", lesson.replace("# quiz: check-no", "quiz: check-no"))
    outline = (mini.root / "content/course.yml").read_text()
    mini.write("content/course.yml", outline.replace("[water, steeping]", '[water, steeping, "no"]'))
    result = course("validate", cwd=mini.root)
    assert result.returncode == 0, result.stderr


def test_new_refuses_bad_ids_and_existing_files(mini: Project) -> None:
    assert main(["new", "lesson", "Bad Id", "--config", str(mini.root)]) == 2
    assert main(["new", "lesson", "water", "--config", str(mini.root)]) == 2
