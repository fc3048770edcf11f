"""The ``course`` command: validate a course, write schemas, analyse a diagnostic."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from .analysis import analyze_diagnostic, witness_text
from .diagnostics import CourseError, Problem
from .models import Diagnostic
from .schema import write_schemas

EXIT_OK, EXIT_INVALID, EXIT_USAGE = 0, 1, 2


def _load(config_file: Path):  # type: ignore[no-untyped-def]
    """Load ``mkdocs.yml`` and the course exactly as the build does."""
    from mkdocs.config import load_config
    from mkdocs.exceptions import ConfigurationError

    from .build import load_site

    try:
        config = load_config(str(config_file))
    except ConfigurationError as error:
        raise CourseError([Problem(str(config_file), 1, 1, "", f"invalid MkDocs configuration: {error}")]) from None
    plugin = config.plugins.get("course")
    if plugin is None:
        raise CourseError([Problem(str(config_file), 1, 1, "plugins", "the `course` plugin is not enabled")])
    return load_site(plugin.config, config)  # type: ignore[attr-defined]


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
            print(error.report(), file=sys.stderr)
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
        print(error.report(), file=sys.stderr)
        return EXIT_INVALID
    sourced = site.course.quizzes.get(args.quiz)
    if sourced is None or not isinstance(sourced.model, Diagnostic):
        known = ", ".join(q for q, s in site.course.quizzes.items() if isinstance(s.model, Diagnostic))
        print(f"course analyze: `{args.quiz}` is not a diagnostic; diagnostics: {known}", file=sys.stderr)
        return EXIT_USAGE
    from .runtime_data import diagnostic_payload

    analysis = analyze_diagnostic(diagnostic_payload(sourced.model))
    print(f"{args.quiz}: {analysis.total:,} answer combinations (exact)")
    for outcome, entry in analysis.spread.items():
        print(f"  {outcome:<16} {analysis.share(outcome):6.1%}  {entry.count:>12,}  e.g. {witness_text(entry.witness)}")
    return EXIT_INVALID if analysis.unreachable else EXIT_OK


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

    analyze = commands.add_parser("analyze", help="show which outcomes of a diagnostic can win, and how often")
    analyze.add_argument("quiz", help="the diagnostic's id")
    analyze.add_argument("--config", default=".", help="mkdocs.yml or the folder holding it (default: .)")
    analyze.set_defaults(run=cmd_analyze)
    return top


def main(argv: list[str] | None = None) -> int:
    """Run the command line; return the exit code (0 valid, 1 invalid, 2 usage error)."""
    args = parser().parse_args(argv)
    return int(args.run(args))


if __name__ == "__main__":
    raise SystemExit(main())
