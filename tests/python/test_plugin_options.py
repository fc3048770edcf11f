"""The plugin's options in mkdocs.yml: errors name the file, line and option; paths stay inside the project."""

from __future__ import annotations

import logging
import os
import re
import subprocess
import sys

import pytest
from mkdocs.config import load_config
from mkdocs.exceptions import Abort

from tests.python.conftest import Project


def with_options(project: Project, options: str) -> None:
    """Give the mini course's `course` plugin these option lines (indented under it)."""
    config = (project.root / "mkdocs.yml").read_text()
    lines = "".join(f"      {line}\n" for line in options.strip().splitlines())
    project.write("mkdocs.yml", config.replace("  - course\n", "  - course:\n" + lines))


def option_line(project: Project, option: str) -> tuple[int, int]:
    """Where the value of ``option`` stands in mkdocs.yml."""
    for number, line in enumerate((project.root / "mkdocs.yml").read_text().splitlines(), start=1):
        match = re.match(rf"^\s+{option}:\s*", line)
        if match:
            return number, match.end() + 1
    raise AssertionError(f"{option} is not in mkdocs.yml")


def config_errors(project: Project, caplog: pytest.LogCaptureFixture) -> str:
    caplog.clear()
    with caplog.at_level(logging.WARNING), pytest.raises(Abort):
        load_config(str(project.root / "mkdocs.yml"))
    return "\n".join(record.getMessage() for record in caplog.records if record.levelno >= logging.ERROR)


@pytest.mark.parametrize(("option", "value", "message"), [
    ("outline", "/etc/passwd", "expected a file relative to docs_dir, got the absolute path '/etc/passwd'"),
    ("outline", "../../../../etc/passwd", "'../../../../etc/passwd' leads out of docs_dir (`..`)"),
    ("lessons_dir", "../lessons", "'../lessons' leads out of docs_dir (`..`)"),
    ("lessons_dir", ".", "expected a folder inside docs_dir, not docs_dir itself"),
    ("quizzes_dir", "/tmp", "expected a folder relative to the folder of mkdocs.yml, got the absolute path '/tmp'"),
    ("cases_dir", "../../cases", "'../../cases' leads out of the folder of mkdocs.yml (`..`)"),
    ("outline", "3", "expected a file relative to docs_dir, got the number 3"),
    ("max_outcome_share", "1.5", "expected a share from 0 to 1 (0.6 means 60%), got the number 1.5"),
    ("max_outcome_share", "-0.1", "expected a share from 0 to 1 (0.6 means 60%), got the number -0.1"),
    ("max_outcome_share", "true", "expected a share from 0 to 1 (0.6 means 60%), got the boolean true"),
    ("max_outcome_share", '"0.5"', "expected a share from 0 to 1 (0.6 means 60%), got the text '0.5'"),
    ("max_outcome_share", ".nan", "expected a share from 0 to 1 (0.6 means 60%), got the number nan"),
    ("nav", "sometimes", "expected true or false, got the text 'sometimes'"),
    ("content_security_policy", "strict", "expected true or false, got the text 'strict'"),
])
def test_a_bad_option_names_mkdocs_yml_its_line_and_the_option(
    mini: Project, caplog: pytest.LogCaptureFixture, option: str, value: str, message: str
) -> None:
    with_options(mini, f"{option}: {value}")
    line, column = option_line(mini, option)
    errors = config_errors(mini, caplog)
    assert f"mkdocs.yml:{line}:{column}: plugins.course.{option}: {message}" in errors
    assert "root:" not in errors  # nothing outside the project was read, let alone quoted


def test_every_bad_option_is_reported_at_once(mini: Project, caplog: pytest.LogCaptureFixture) -> None:
    with_options(mini, "outline: /etc/passwd\nmax_outcome_share: 2\nteam_page: maybe")
    errors = config_errors(mini, caplog)
    for option in ("outline", "max_outcome_share", "team_page"):
        line, column = option_line(mini, option)
        assert f"mkdocs.yml:{line}:{column}: plugins.course.{option}:" in errors


@pytest.mark.parametrize("share", ["1", "0", "1.0", "0.75"])
def test_shares_from_0_to_1_are_accepted(mini: Project, share: str) -> None:
    with_options(mini, f"max_outcome_share: {share}")
    config = load_config(str(mini.root / "mkdocs.yml"))
    assert config.plugins["course"].config.max_outcome_share == float(share)  # type: ignore[attr-defined]


def test_a_share_of_1_never_warns(mini: Project) -> None:
    quiz = (mini.root / "quizzes/which-tea.yml").read_text()
    mini.write("quizzes/which-tea.yml", quiz.replace("weights: {green: 2}", "weights: {green: 1}"))
    with_options(mini, "max_outcome_share: 1")
    mini.build(strict=True)  # black wins 75%: a warning at the default 0.6, none at 1


def test_an_unknown_option_is_placed_at_its_name_with_a_suggestion(mini: Project, caplog: pytest.LogCaptureFixture) -> None:
    with_options(mini, "outlne: course.yml")
    with caplog.at_level(logging.WARNING):
        mini.build()  # shown with the course's own warnings, when the course is checked
    line, _ = option_line(mini, "outlne")
    warnings = "\n".join(record.getMessage() for record in caplog.records)
    assert f"mkdocs.yml:{line}:7: plugins.course.outlne: unknown option `outlne` (did you mean `outline`?)" in warnings


def test_options_in_an_inherited_file_are_placed_there(mini: Project, caplog: pytest.LogCaptureFixture) -> None:
    config = (mini.root / "mkdocs.yml").read_text()
    mini.write("base.yml", config.replace("  - course\n", "  - course:\n      nav: sometimes\n"))
    mini.write("mkdocs.yml", "INHERIT: base.yml\n")
    errors = config_errors(mini, caplog)
    line = next(n for n, text in enumerate(config.splitlines(), start=1) if text == "  - course") + 1
    assert f"base.yml:{line}:12: plugins.course.nav: expected true or false, got the text 'sometimes'" in errors


def test_the_outline_option_cannot_read_outside_the_project(mini: Project, build_fails, tmp_path) -> None:
    """Even through the command line's `course validate`, no file outside the project is read."""
    secret = tmp_path / "secret.yml"
    secret.write_text("title: a secret first line\n")
    relative = "../" * (len((mini.root / "content").parts) - 1) + str(secret).lstrip("/")
    with_options(mini, f"outline: {relative}")
    message = build_fails(mini)
    assert "leads out of docs_dir" in message and "a secret first line" not in message


def mkdocs_build(project: Project, *args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    """A real `mkdocs build` of ``project`` in a process of its own, as an author runs it."""
    return subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", *args], cwd=project.root, capture_output=True, text=True,
        timeout=300, check=False, env={**os.environ, **(env or {}), "NO_COLOR": "1"},
    )


def test_every_warning_is_shown_under_strict_options_and_course_alike(mini: Project) -> None:
    """Two unknown options and a starter lesson left as written: all three in one --strict run."""
    with_options(mini, "outlne: course.yml\nnav_page: true")
    lesson = (mini.root / "content/lessons/water.yml").read_text()
    mini.write("content/lessons/water.yml", re.sub(r"(?m)^title: .*$", 'title: "TODO: a title"', lesson, count=1))
    result = mkdocs_build(mini, "--strict")
    assert result.returncode != 0
    out = result.stderr
    assert "Traceback" not in out
    outlne, _ = option_line(mini, "outlne")
    nav_page, _ = option_line(mini, "nav_page")
    assert f"mkdocs.yml:{outlne}:7: plugins.course.outlne: unknown option `outlne` (did you mean `outline`?)" in out
    assert f"mkdocs.yml:{nav_page}:7: plugins.course.nav_page: unknown option `nav_page`" in out
    title = next(n for n, text in enumerate(lesson.splitlines(), start=1) if text.startswith("title: "))
    assert f"content/lessons/water.yml:{title}:8: title: starter text left in the lesson" in out
    assert "(3 warnings; --strict makes them fail the build)" in out
    assert not (mini.root / "site").exists()  # failed before MkDocs touched site/


def test_a_starter_left_as_written_fails_a_strict_build(mini: Project) -> None:
    from coursegen.cli import main

    assert main(["new", "lesson", "fresh", "--config", str(mini.root)]) == 0
    outline = (mini.root / "content/course.yml").read_text()
    mini.write("content/course.yml", outline.replace("[water, steeping]", "[water, steeping, fresh]"))
    assert mkdocs_build(mini).returncode == 0  # a warning only, without --strict
    result = mkdocs_build(mini, "--strict")
    assert result.returncode != 0
    starter = (mini.root / "content/lessons/fresh.yml").read_text().splitlines()
    line = next(n for n, text in enumerate(starter, start=1) if "TODO:" in text and not text.startswith("#"))
    assert f"content/lessons/fresh.yml:{line}:10: summary: starter text left in the lesson" in result.stderr
    assert "Traceback" not in result.stderr


def test_the_placeholder_word_inside_an_authors_text_is_no_placeholder(mini: Project) -> None:
    # Only a text that starts with it is a starter's; one that merely mentions it once crashed the check.
    lesson = (mini.root / "content/lessons/water.yml").read_text()
    mini.write("content/lessons/water.yml", re.sub(r"(?m)^title: .*$", 'title: "Water, TODO: later"', lesson, count=1))
    mini.build(strict=True)
    assert "Water, TODO: later" in mini.html("lessons/water")


def test_enabled_false_switches_the_course_off(mini: Project) -> None:
    """No pages, no assets, no checks, no policy: even a broken lesson is not read."""
    mini.write("content/lessons/water.yml", "id: [broken\n")
    with_options(mini, "enabled: !ENV [COURSE_ENABLED, true]")
    off = mkdocs_build(mini, "--strict", env={"COURSE_ENABLED": "false"})
    assert off.returncode == 0, off.stderr
    site = mini.root / "site"
    assert not (site / "lessons/water").exists() and not (site / "assets/coursegen").exists()
    assert "Content-Security-Policy" not in (site / "index.html").read_text()
    on = mkdocs_build(mini, env={"COURSE_ENABLED": "true"})
    assert on.returncode != 0 and "content/lessons/water.yml:1:5:" in on.stderr


def test_enabled_true_builds_the_course(mini: Project) -> None:
    with_options(mini, "enabled: !ENV [COURSE_ENABLED, true]")
    result = mkdocs_build(mini, "--strict")
    assert result.returncode == 0, result.stderr
    assert (mini.root / "site/lessons/water/index.html").is_file()
    assert "Content-Security-Policy" in (mini.root / "site/index.html").read_text()


def test_a_wrong_enabled_value_names_its_line(mini: Project, caplog: pytest.LogCaptureFixture) -> None:
    with_options(mini, "enabled: sometimes")
    line, column = option_line(mini, "enabled")
    errors = config_errors(mini, caplog)
    assert f"mkdocs.yml:{line}:{column}: plugins.course.enabled: expected true or false, got the text 'sometimes'" in errors


def test_options_as_a_list_are_placed_by_course_validate(mini: Project) -> None:
    """MkDocs refuses options that are not a mapping without a line; `course validate` names it."""
    config = (mini.root / "mkdocs.yml").read_text()
    mini.write("mkdocs.yml", config.replace("  - course\n", "  - course:\n      - outline: course.yml\n"))
    line = config.splitlines().index("  - course") + 2
    result = subprocess.run(
        [sys.executable, "-m", "coursegen.cli", "validate"], cwd=mini.root, capture_output=True, text=True,
        timeout=120, check=False,
    )
    assert result.returncode == 1
    assert (
        f"mkdocs.yml:{line}:7: plugins.course: expected the options as a mapping "
        "(`name: value` lines indented under `course:`, without `- `), got a list"
    ) in result.stderr


def test_an_author_overrides_interface_strings_nested_or_flat(mini: Project) -> None:
    """`strings:` replaces the language table's strings: the pages' (built in) and the scripts' (strings*.js)."""
    with_options(mini, 'strings:\n  pages:\n    check_answers: Submit\n  "runtime.right": Correct!\n'
                 '  tools:\n    team_count: {one: "{n} entry in", other: "{n} entries in"}')
    site = mini.build(strict=True)
    water = mini.html("lessons/water")
    assert ">Submit<" in water and "Check answers" not in water
    runtime = (site / "assets/coursegen/strings.js").read_text(encoding="utf-8")
    assert '"right":"Correct!"' in runtime and '"wrong":"Wrong"' in runtime
    assert '"team_count":{"one":"{n} entry in","other":"{n} entries in"}' in (
        site / "assets/coursegen/strings-tools.js").read_text(encoding="utf-8")


@pytest.mark.parametrize(("options", "at", "message"), [
    ("strings:\n  runtime:\n    chek_answers: Submit", "chek_answers",
     "unknown string `runtime.chek_answers` (did you mean `pages.check_answers`?)"),
    ('strings:\n  "pages.chek_answers": Submit', '"pages.chek_answers"',
     "unknown string `pages.chek_answers` (did you mean `pages.check_answers`?)"),
    ("strings:\n  pages:\n    worth_points: This one is worth {pts}.", "worth_points",
     "`pages.worth_points`: {pts} is not a placeholder of this string (it has {points})"),
    ("strings:\n  tools:\n    team_count: {single: x, other: y}", "team_count",
     "`tools.team_count`: a string per count needs the plural categories of CLDR"),
])
def test_a_bad_string_override_names_mkdocs_yml_and_its_line(
    mini: Project, caplog: pytest.LogCaptureFixture, options: str, at: str, message: str
) -> None:
    with_options(mini, options)
    line, column = option_line(mini, at)
    errors = config_errors(mini, caplog)
    assert f"mkdocs.yml:{line}:{column - len(at) - 2}: plugins.course.strings: {message}" in errors
