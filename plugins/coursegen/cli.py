"""The ``course`` command: validate a course, write schemas, analyse a diagnostic."""

from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from .analysis import describe_spread
from .build import CourseSite, course_paths
from .cases import describe_cases
from .config import CourseConfig
from .diagnostics import CourseError, Problem, display_path
from .models import Diagnostic
from .preflight import check_everything
from .schema import write_schemas
from .stability import describe_stability
from .starters import StarterError, starter

if TYPE_CHECKING:
    from mkdocs.config.defaults import MkDocsConfig

EXIT_OK, EXIT_INVALID, EXIT_USAGE = 0, 1, 2


def _mkdocs_config(config_file: Path) -> tuple[MkDocsConfig, CourseConfig]:
    """``mkdocs.yml`` and the course plugin's options, as the build reads them."""
    # Imported here so `course --help` stays quick.
    from mkdocs.config import load_config
    from mkdocs.exceptions import Abort, ConfigurationError

    try:
        config = load_config(str(config_file))
    except (ConfigurationError, Abort) as error:
        raise CourseError([Problem(str(config_file), 1, 1, "", f"invalid MkDocs configuration: {error}")]) from None
    plugin = config.plugins.get("course")
    if plugin is None:
        raise CourseError([Problem(str(config_file), 1, 1, "plugins", "the `course` plugin is not enabled")])
    return config, plugin.config


def _load(config_file: Path) -> CourseSite:
    """Load ``mkdocs.yml`` and the course, and run every check exactly as the build does."""
    config, options = _mkdocs_config(config_file)
    checked = check_everything(options, config)
    checked.site.warnings += checked.warnings
    return checked.site


def _error(text: str) -> None:
    """Print to stderr, in red only on a terminal (and never with NO_COLOR set)."""
    if sys.stderr.isatty() and not os.environ.get("NO_COLOR"):
        text = f"\033[31m{text}\033[0m"
    print(text, file=sys.stderr)


def _config_file(path: str) -> Path:
    candidate = Path(path)
    return candidate / "mkdocs.yml" if candidate.is_dir() else candidate


def cmd_validate(args: argparse.Namespace) -> int:
    config_file = _config_file(args.path)
    if not config_file.is_file():
        print(f"course validate: no mkdocs.yml at {config_file}", file=sys.stderr)
        return EXIT_USAGE
    try:
        site = _load(config_file)
    except CourseError as error:
        if args.format == "json":
            print(json.dumps({"valid": False, "problems": [p.as_dict() for p in error.problems]}, indent=2))
        else:
            _error(error.report())
        return EXIT_INVALID
    if args.format == "json":
        print(json.dumps({"valid": True, "problems": [], "warnings": site.warnings}, indent=2))
    else:
        for warning in site.warnings:
            print(f"warning: {warning}", file=sys.stderr)
        course = site.course
        print(f"The course is valid: {len(course.lessons)} lessons, {len(course.quizzes)} quizzes.")
    return EXIT_OK


def cmd_schema(args: argparse.Namespace) -> int:
    for path in write_schemas(Path(args.out)):
        print(f"wrote {path}")
    return EXIT_OK


def cmd_analyze(args: argparse.Namespace) -> int:
    try:
        site = _load(_config_file(args.config))
    except CourseError as error:
        _error(error.report())
        return EXIT_INVALID
    sourced = site.course.quizzes.get(args.quiz)
    if sourced is None or not isinstance(sourced.model, Diagnostic):
        known = ", ".join(q for q, s in site.course.quizzes.items() if isinstance(s.model, Diagnostic))
        print(f"course analyze: `{args.quiz}` is not a diagnostic; diagnostics: {known}", file=sys.stderr)
        return EXIT_USAGE
    report = site.checks.reports[args.quiz]
    analysis = report.analysis
    print("\n".join(describe_spread(args.quiz, analysis)))
    print()
    print("\n".join(describe_stability(args.quiz, report.stability, sourced.model.close_call)))
    for run in report.cases:
        print()
        print("\n".join(describe_cases(run)))
    for warning in site.warnings:
        print(f"warning: {warning}", file=sys.stderr)
    if analysis.unreachable:
        print(f"unreachable: {', '.join(analysis.unreachable)}", file=sys.stderr)
    return EXIT_INVALID if analysis.unreachable else EXIT_OK


def cmd_new(args: argparse.Namespace) -> int:
    config_file = _config_file(args.config)
    if not config_file.is_file():
        _error(f"course new: no mkdocs.yml at {config_file}")
        return EXIT_USAGE
    try:
        config, options = _mkdocs_config(config_file)
    except CourseError as error:
        _error(error.report())
        return EXIT_INVALID
    paths = course_paths(options, config)
    kind = "lesson" if args.what == "lesson" else args.kind
    folder = paths.lessons_dir if kind == "lesson" else paths.quizzes_dir
    try:
        made = starter(kind, args.id, folder, paths.root / "schemas")
    except StarterError as error:
        _error(f"course new: {error}")
        return EXIT_USAGE
    made.path.parent.mkdir(parents=True, exist_ok=True)
    made.path.write_text(made.text, encoding="utf-8")
    print(f"wrote {display_path(made.path, paths.root)}")
    print(made.hint)
    return EXIT_OK


def parser() -> argparse.ArgumentParser:
    """The argument parser of the ``course`` command."""
    top = argparse.ArgumentParser(prog="course", description="Author and check courses built with the coursegen MkDocs plugin.")
    commands = top.add_subparsers(dest="command", required=True)

    validate = commands.add_parser("validate", help="check every lesson, quiz and the outline; report all problems")
    validate.add_argument("path", nargs="?", default=".", help="mkdocs.yml or the folder holding it (default: .)")
    validate.add_argument("--format", choices=("text", "json"), default="text", help="output format (default: text)")
    validate.set_defaults(run=cmd_validate)

    schema = commands.add_parser("schema", help="write the JSON Schemas of course, lesson and quiz files")
    schema.add_argument("--out", default="schemas", help="folder to write into (default: schemas)")
    schema.set_defaults(run=cmd_schema)

    analyze = commands.add_parser(
        "analyze", help="a diagnostic's outcome spread, stability (flips, close calls, ties) and case library results"
    )
    analyze.add_argument("quiz", help="the diagnostic's id")
    analyze.add_argument("--config", default=".", help="mkdocs.yml or the folder holding it (default: .)")
    analyze.set_defaults(run=cmd_analyze)
    new = commands.add_parser("new", help="write a commented starter lesson or quiz")
    new_kinds = new.add_subparsers(dest="what", required=True)
    new_lesson = new_kinds.add_parser("lesson", help="a starter lesson in the lessons folder")
    new_lesson.add_argument("id", help="the lesson's id, e.g. assess-the-balance")
    new_quiz = new_kinds.add_parser("quiz", help="a starter quiz in the quizzes folder")
    new_quiz.add_argument("id", help="the quiz's id, e.g. check-assess-the-balance")
    new_quiz.add_argument("--kind", choices=("knowledge", "diagnostic"), required=True)
    for sub in (new_lesson, new_quiz):
        sub.add_argument("--config", default=".", help="mkdocs.yml or the folder holding it (default: .)")
        sub.set_defaults(run=cmd_new)
    return top


def main(argv: list[str] | None = None) -> int:
    """Run the command line; return the exit code (0 valid, 1 invalid, 2 usage error)."""
    args = parser().parse_args(argv)
    return int(args.run(args))


if __name__ == "__main__":
    raise SystemExit(main())
