"""The `course` command line: init, new, validate, schema, analyze."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from coursegen.cli import main
from coursegen.i18n import available as languages

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
    outline = (mini.root / "content/course.yml").read_text()
    assert main(["new", "lesson", "no", "--module", "basics", "--config", str(mini.root)]) == 0
    assert main(["new", "quiz", "check-no", "--kind", "knowledge", "--lesson", "no", "--config", str(mini.root)]) == 0
    assert main(["new", "quiz", "pick", "--kind", "diagnostic", "--config", str(mini.root)]) == 0
    lesson = (mini.root / "content/lessons/no.yml").read_text()
    assert lesson.startswith("# yaml-language-server: $schema=../../schemas/lesson.schema.json\n")
    assert 'id: "no"' in lesson  # quoted: YAML 1.1 would read a bare no as false
    assert lesson.endswith("\nquiz: check-no\n")
    # Quoted in the outline too, and nothing else of it changed.
    assert (mini.root / "content/course.yml").read_text() == outline.replace("[water, steeping]", '[water, steeping, "no"]')
    result = course("validate", cwd=mini.root)
    assert result.returncode == 0, result.stderr


def test_new_refuses_bad_ids_and_existing_files(mini: Project) -> None:
    assert main(["new", "lesson", "Bad Id", "--config", str(mini.root)]) == 2
    assert main(["new", "lesson", "water", "--config", str(mini.root)]) == 2


# --------------------------------------------------------------------------- course init

INIT_TREE = {
    ".github/workflows/pages.yml", ".gitignore", ".pre-commit-config.yaml", "README.md", "requirements.txt",
    "mkdocs.yml", "content/course.yml", "content/index.md", "content/lessons/specific-feedback.yml",
    "quizzes/check-specific-feedback.yml", "schemas/cases.schema.json", "schemas/course.schema.json",
    "schemas/lesson.schema.json", "schemas/quiz.schema.json",
}
DIAGNOSTIC_FILES = {"quizzes/feedback-habit.yml", "content/self-assessment.md"}


def course_without_terminal(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    """`course …` with stdin not a terminal (as in CI or a script): no prompt may wait for an answer."""
    return subprocess.run(
        [sys.executable, "-m", "coursegen.cli", *args], cwd=cwd, stdin=subprocess.DEVNULL,
        capture_output=True, text=True, timeout=120, check=False,
    )


def tree(root: Path) -> set[str]:
    return {path.relative_to(root).as_posix() for path in root.rglob("*") if path.is_file()}


def test_init_writes_a_course_that_builds_strictly(tmp_path: Path) -> None:
    result = course_without_terminal("init", "team-feedback", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    root = tmp_path / "team-feedback"
    assert tree(root) == INIT_TREE | DIAGNOSTIC_FILES
    text = (root / "mkdocs.yml").read_text()
    assert "site_name: Team feedback\n" in text  # the default title, from the folder's name
    assert 'site_url: !ENV [SITE_URL, "http://127.0.0.1:8000/"]\n' in text
    assert "custom_dir" not in text and "  language: en\n" in text and "  font: false" in text
    assert "generator: false" in text and "navigation.instant" in text and "toggle:" in text
    workflow = (root / ".github/workflows/pages.yml").read_text()
    assert "      - id: pages\n        uses: actions/configure-pages@v5\n" in workflow
    assert "SITE_URL: ${{ steps.pages.outputs.base_url }}/\n" in workflow and "mkdocs build --strict" in workflow
    hooks = (root / ".pre-commit-config.yaml").read_text()
    assert "https://github.com/coursegen/coursegen" in hooks and "id: course-validate" in hooks
    assert "site/" in (root / ".gitignore").read_text().split() and ".venv/" in (root / ".gitignore").read_text()
    site = Project(root).build(strict=True)
    assert (site / "lessons/specific-feedback/index.html").is_file()
    assert 'data-cg-quiz="check-specific-feedback"' in (site / "lessons/specific-feedback/index.html").read_text()
    assert 'data-cg-quiz="feedback-habit"' in (site / "self-assessment/index.html").read_text()
    validated = course("validate", cwd=root)
    assert validated.returncode == 0 and not validated.stderr, validated.stderr


@pytest.mark.parametrize("language", [code for code in languages() if code != "en"])
def test_init_sets_the_language_and_leaves_the_diagnostic_out(tmp_path: Path, language: str) -> None:
    root = tmp_path / "kurs"
    assert main(["init", str(root), "--title", "Feedback: Grundlagen", "--language", language, "--no-diagnostic"]) == 0
    assert tree(root) == INIT_TREE
    text = (root / "mkdocs.yml").read_text()
    assert f"  language: {language}\n" in text
    assert 'site_name: "Feedback: Grundlagen"\n' in text  # quoted: a colon and a space would start a mapping
    assert "self-assessment" not in (root / "content/course.yml").read_text() + (root / "content/index.md").read_text()
    site = Project(root).build(strict=True)
    assert f'<html lang="{language}"' in (site / "index.html").read_text()


def test_init_refuses_a_folder_with_files_and_an_unknown_language(tmp_path: Path) -> None:
    (tmp_path / "notes.txt").write_text("mine")
    result = course_without_terminal("init", ".", cwd=tmp_path)
    assert result.returncode == 2
    assert "is not empty (1 entries: notes.txt)" in result.stderr and "Traceback" not in result.stderr
    assert tree(tmp_path) == {"notes.txt"}
    result = course_without_terminal("init", "new", "--language", "xx", cwd=tmp_path)
    assert result.returncode == 2 and "invalid choice: 'xx'" in result.stderr and "'en'" in result.stderr
    assert not (tmp_path / "new").exists()
    # A fresh clone of an empty repository holds only .git: a fine place to start.
    (tmp_path / "clone" / ".git").mkdir(parents=True)
    assert course_without_terminal("init", "clone", cwd=tmp_path).returncode == 0


def test_version_comes_from_the_installed_metadata(tmp_path: Path) -> None:
    from importlib.metadata import version

    result = course_without_terminal("--version", cwd=tmp_path)
    assert result.returncode == 0 and result.stdout.strip() == f"course {version('coursegen')}"


# --------------------------------------------------------------------------- course new: the outline and lessons


@pytest.fixture
def started(tmp_path: Path) -> Project:
    """A course as `course init` writes it (its outline has comments)."""
    assert main(["init", str(tmp_path / "course"), "--title", "Team feedback"]) == 0
    return Project(tmp_path / "course")


def new(project: Project, *args: str) -> subprocess.CompletedProcess[str]:
    return course_without_terminal("new", *args, cwd=project.root)


def test_new_lesson_joins_its_module_and_keeps_the_outline_as_written(started: Project) -> None:
    outline = (started.root / "content/course.yml").read_text()
    assert "# Add a lesson here" in outline
    result = new(started, "lesson", "ask-first", "--module", "getting-started")
    assert result.returncode == 0, result.stderr
    assert "added `ask-first` to module `getting-started` in content/course.yml" in result.stdout
    # Comments, quotes and order exactly as they were: the one change is the new id.
    assert (started.root / "content/course.yml").read_text() == outline.replace(
        "lessons: [specific-feedback]", "lessons: [specific-feedback, ask-first]"
    )
    validated = course("validate", cwd=started.root)
    assert validated.returncode == 0, validated.stderr
    assert "The course is valid: 2 lessons" in validated.stdout


BLOCK_OUTLINE = """\
# yaml-language-server: $schema=../schemas/course.schema.json
title: Team feedback   # shown on every page
description: A course.
audience: Everyone.
modules:
- id: first
  title: First
  lessons:
    - specific-feedback   # the example
  # The second module comes later in the year.
- id: second
  title: 'Second: later'
  lessons:
  - specific-feedback
# Pages before the modules.
pages_before: [self-assessment.md]
"""


def test_new_lesson_and_module_in_block_lists_keep_comments_in_place(started: Project) -> None:
    started.write("content/course.yml", BLOCK_OUTLINE)
    assert new(started, "lesson", "ask-first", "--module", "first").returncode == 0
    assert new(started, "lesson", "listen", "--module", "second").returncode == 0
    assert new(started, "module", "third", "--title", "Third: next year").returncode == 0
    assert (started.root / "content/course.yml").read_text() == BLOCK_OUTLINE.replace(
        "    - specific-feedback   # the example\n", "    - specific-feedback   # the example\n    - ask-first\n"
    ).replace(
        "  - specific-feedback\n# Pages", "  - specific-feedback\n  - listen\n"
        "- id: third\n  title: \"Third: next year\"\n  lessons: []\n# Pages",
    )


def test_new_module_then_its_first_lesson_validates(started: Project) -> None:
    result = new(started, "module", "next-steps", "--title", "Next steps")
    assert result.returncode == 0, result.stderr
    assert "course new lesson LESSON-ID --module next-steps" in result.stdout
    outline = (started.root / "content/course.yml").read_text()
    assert "  - id: next-steps\n    title: Next steps\n    lessons: []\n# Pages placed before" in outline
    assert course("validate", cwd=started.root).returncode == 1  # a module needs a lesson: said so, not hidden
    assert new(started, "lesson", "wrap-up", "--module", "next-steps").returncode == 0
    assert "    lessons: [wrap-up]\n" in (started.root / "content/course.yml").read_text()
    validated = course("validate", cwd=started.root)
    assert validated.returncode == 0, validated.stderr


def test_new_quiz_is_linked_to_its_lesson(started: Project) -> None:
    assert new(started, "lesson", "ask-first", "--module", "getting-started").returncode == 0
    lesson = (started.root / "content/lessons/ask-first.yml").read_text()
    result = new(started, "quiz", "check-ask-first", "--kind", "knowledge", "--lesson", "ask-first")
    assert result.returncode == 0, result.stderr
    assert "set `quiz: check-ask-first` in content/lessons/ask-first.yml" in result.stdout
    assert (started.root / "content/lessons/ask-first.yml").read_text() == lesson + "quiz: check-ask-first\n"
    validated = course("validate", "--format", "json", cwd=started.root)
    assert json.loads(validated.stdout)["valid"] is True, validated.stdout


def test_new_refuses_what_exists_with_its_place(started: Project) -> None:
    before = {path: path.read_bytes() for path in started.root.rglob("*") if path.is_file()}
    refusals = {
        ("lesson", "specific-feedback", "--module", "getting-started"):
            "a lesson `specific-feedback` exists already: content/lessons/specific-feedback.yml:3",
        ("lesson", "ask-first", "--module", "nowhere"):
            "content/course.yml: there is no module `nowhere`; the modules are: getting-started",
        ("quiz", "check-specific-feedback", "--kind", "knowledge"):
            "a quiz `check-specific-feedback` exists already: quizzes/check-specific-feedback.yml:3",
        ("quiz", "feedback-habit", "--kind", "diagnostic"): "a quiz `feedback-habit` exists already: quizzes/feedback-habit.yml:5",
        ("quiz", "check-two", "--kind", "knowledge", "--lesson", "specific-feedback"):
            "content/lessons/specific-feedback.yml:37: the lesson has a `quiz:` already",
        ("quiz", "check-two", "--kind", "knowledge", "--lesson", "nothing"): "there is no lesson `nothing` in content/lessons/",
        ("quiz", "check-two", "--kind", "diagnostic", "--lesson", "specific-feedback"): "--lesson links a knowledge check",
        ("module", "getting-started"): "a module `getting-started` exists already: content/course.yml:7",
        ("module", "Bad Id"): "`Bad Id` is not a valid id",
    }
    for args, message in refusals.items():
        result = new(started, *args)
        assert result.returncode == 2, (args, result.stdout)
        assert message in result.stderr, (args, result.stderr)
        assert "Traceback" not in result.stderr
    # Listed in the outline but without a file yet: the outline's line is the one to show.
    outline = started.root / "content/course.yml"
    started.write("content/course.yml", outline.read_text().replace("[specific-feedback]", "[specific-feedback, planned]"))
    before[outline] = outline.read_bytes()
    result = new(started, "lesson", "planned", "--module", "getting-started")
    assert result.returncode == 2 and "the outline entry of lesson `planned` exists already: content/course.yml:11" in result.stderr
    after = {path: path.read_bytes() for path in started.root.rglob("*") if path.is_file()}
    assert after == before, "a refused command changed files"


def test_outline_edits_of_the_real_course_only_insert(tmp_path: Path) -> None:
    """Our own outline, with its comments and folded text: each module gains the lesson and nothing else moves."""
    from coursegen.outline_edit import add_lesson, add_module, module_places

    outline = tmp_path / "course.yml"
    original = (ROOT / "content/course.yml").read_text()
    outline.write_text(original)
    for module_id in module_places(outline):
        edited = add_lesson(outline, module_id, "brand-new")
        assert edited.count("brand-new") == 1
        assert edited.replace(", brand-new", "").replace("      - brand-new\n", "") == original
    edited = add_module(outline, "brand-new", "Brand new")
    assert edited.replace("  - id: brand-new\n    title: Brand new\n    lessons: []\n", "") == original
