"""The plugin's options in mkdocs.yml: errors name the file, line and option; paths stay inside the project."""

from __future__ import annotations

import logging
import re

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
        load_config(str(mini.root / "mkdocs.yml"))
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
