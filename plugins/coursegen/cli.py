"""The ``course`` command: start a course, add to it, validate it, write schemas, analyse a diagnostic."""

from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from . import render_command
from .analysis import describe_spread
from .build import CourseSite, course_paths
from .cases import describe_cases
from .diagnostics import CourseError, display_path
from .exports import command as export_command
from .i18n import available as languages
from .models import Diagnostic
from .outline_edit import (
    EditError,
    Place,
    add_lesson,
    add_module,
    find_by_id,
    lesson_in_outline,
    module_places,
    set_quiz,
)
from .preflight import check_everything
from .project import load_project
from .project_init import Choices, InitError, default_title, init_project, installed_version
from .schema import write_schemas
from .stability import describe_stability
from .starters import StarterError, check_id, starter

if TYPE_CHECKING:
    from .loading import CoursePaths

EXIT_OK, EXIT_INVALID, EXIT_USAGE = 0, 1, 2


def _load(config_file: Path) -> CourseSite:
    """Load ``mkdocs.yml`` and the course, and run every check exactly as the build does."""
    project = load_project(config_file)
    checked = check_everything(project.options, project.site)
    # The plugin too shows its option warnings with the course's.
    checked.site.warnings[:0] = project.option_warnings
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
        project = load_project(config_file)
    except CourseError as error:
        _error(error.report())
        return EXIT_INVALID
    paths = course_paths(project.options, project.site)
    try:
        edits = _new_module(args, paths) if args.what == "module" else _new_file(args, paths)
    except (StarterError, EditError) as error:
        _error(f"course new: {error.shown(paths.root) if isinstance(error, EditError) else error}")
        return EXIT_USAGE
    # Written only now, once every check has passed: a refused command leaves no file half-done.
    for path, text, message in edits:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        print(message.replace("{path}", display_path(path, paths.root)))
    return EXIT_OK


Edit = tuple[Path, str, str]
"""A file to write, its text, and what to tell the author about it (``{path}`` filled in)."""


def _exists(what: str, item_id: str, place: Place, root: Path) -> StarterError:
    return StarterError(f"{what} `{item_id}` exists already: {place.shown(root)}")


def _new_file(args: argparse.Namespace, paths: CoursePaths) -> list[Edit]:
    """A starter lesson or quiz, and the outline or lesson that now points at it."""
    kind = "lesson" if args.what == "lesson" else args.kind
    check_id(args.id)
    folder = paths.lessons_dir if kind == "lesson" else paths.quizzes_dir
    existing = find_by_id(folder, args.id)
    if existing is not None:
        raise _exists("a lesson" if kind == "lesson" else "a quiz", args.id, existing, paths.root)
    edits: list[Edit] = []
    if kind == "lesson":
        listed = lesson_in_outline(paths.outline, args.id) if paths.outline.is_file() else None
        if listed is not None:
            raise _exists("the outline entry of lesson", args.id, listed, paths.root)
        if args.module:
            text = add_lesson(paths.outline, args.module, args.id)
            edits.append((paths.outline, text, f"added `{args.id}` to module `{args.module}` in {{path}}"))
    elif args.lesson:
        if kind != "knowledge":
            raise StarterError("--lesson links a knowledge check to its lesson; a diagnostic goes on a Markdown page")
        lesson = find_by_id(paths.lessons_dir, args.lesson)
        if lesson is None:
            raise StarterError(
                f"there is no lesson `{args.lesson}` in {display_path(paths.lessons_dir, paths.root)}/; "
                f"write it first with `course new lesson {args.lesson} --module MODULE`"
            )
        edits.append((lesson.path, set_quiz(lesson.path, args.id), f"set `quiz: {args.id}` in {{path}}"))
    made = starter(kind, args.id, folder, paths.root / "schemas")
    # The hint says what to do next by hand; with --module or --lesson it is done already.
    return [(made.path, made.text, "wrote {path}" + ("" if edits else f"\n{made.hint}")), *edits]


def _new_module(args: argparse.Namespace, paths: CoursePaths) -> list[Edit]:
    """A module appended to the outline, with no lessons yet."""
    check_id(args.id)
    if not paths.outline.is_file():
        raise StarterError(f"there is no course outline at {display_path(paths.outline, paths.root)}")
    existing = module_places(paths.outline).get(args.id)
    if existing is not None:
        raise _exists("a module", args.id, existing, paths.root)
    title = args.title or args.id.replace("-", " ").capitalize()
    text = add_module(paths.outline, args.id, title)
    told = (
        f"added module `{args.id}` to {{path}}\n"
        f"Add its first lesson with `course new lesson LESSON-ID --module {args.id}`: a module needs one to build."
    )
    return [(paths.outline, text, told)]


def _ask(prompt: str, default: str) -> str:
    answer = input(f"{prompt} [{default}]: ").strip()
    return answer or default


def cmd_init(args: argparse.Namespace) -> int:
    folder = Path(args.dir)
    # Prompts only for a person at a terminal: scripts and CI get the defaults (or the options).
    interactive = sys.stdin.isatty()
    known = languages()
    try:
        title = args.title or (_ask("Course title", default_title(folder)) if interactive else default_title(folder))
        language = args.language
        while language is None:
            language = _ask(f"Interface language ({', '.join(known)})", "en") if interactive else "en"
            if language not in known:
                print(f"No interface strings for `{language}`; choose one of: {', '.join(known)}", file=sys.stderr)
                language = None
        written = init_project(folder, Choices(title, language, args.diagnostic))
    except InitError as error:
        _error(f"course init: {error}")
        return EXIT_USAGE
    except (EOFError, KeyboardInterrupt):
        _error("\ncourse init: cancelled; nothing was written")
        return EXIT_USAGE
    print(f"wrote a new course in {folder}:")
    for path in written:
        print(f"  {path.as_posix()}")
    print(
        "\nNext:\n"
        + ("" if folder.resolve() == Path.cwd().resolve() else f"  cd {folder}\n")
        + "  python3 -m venv .venv && .venv/bin/pip install -r requirements.txt\n"
        "  .venv/bin/mkdocs serve      # then open http://127.0.0.1:8000/\n"
        + "README.md says how to add lessons and publish the course."
    )
    return EXIT_OK


def cmd_package(args: argparse.Namespace) -> int:
    config_file = _config_file(args.config)
    if not config_file.is_file():
        _error(f"course package: no mkdocs.yml at {config_file}")
        return EXIT_USAGE
    from .packaging import PackageError, make_package  # imported here so `course --help` stays quick

    def say(line: str) -> None:
        print(line, file=sys.stderr if line.startswith("warning: ") else sys.stdout)

    try:
        made = make_package(config_file, args.kind, per_module=args.per_module,
                            out=Path(args.out) if args.out else None, say=say)
    except CourseError as error:
        _error(error.report())
        return EXIT_INVALID
    except PackageError as error:
        _error(f"course package: {error}")
        return EXIT_INVALID
    print(f"wrote {made.path} ({made.size:,} bytes, {made.files} files)")
    return EXIT_OK


def parser() -> argparse.ArgumentParser:
    """The argument parser of the ``course`` command."""
    top = argparse.ArgumentParser(prog="course", description="Author and check courses built with the coursegen MkDocs plugin.")
    top.add_argument("--version", action="version", version=f"%(prog)s {installed_version()}")
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
    init = commands.add_parser("init", help="write a new, small course project that builds as it is")
    init.add_argument("dir", nargs="?", default=".", help="an empty or new folder (default: .)")
    init.add_argument("--title", help="the course's title (default: made from the folder's name)")
    init.add_argument("--language", choices=languages(), help="the interface language, theme.language (default: en)")
    init.add_argument(
        "--diagnostic", action=argparse.BooleanOptionalAction, default=True,
        help="include a starter self-assessment and its page (default: yes)",
    )
    init.set_defaults(run=cmd_init)

    package = commands.add_parser("package", help="build the course as a SCORM 1.2, SCORM 2004 or cmi5 package (a zip)")
    package.add_argument("kind", choices=("scorm12", "scorm2004", "cmi5"), help="the learning platform's standard")
    package.add_argument("-f", "--config", default=".", help="mkdocs.yml or the folder holding it (default: .)")
    package.add_argument("--per-module", action="store_true", help="SCORM 2004: one SCO per module (default: one for the course)")
    package.add_argument("-o", "--out", help="the zip to write (default: beside the site folder, <course>-<kind>.zip)")
    package.set_defaults(run=cmd_package)

    new = commands.add_parser("new", help="write a commented starter lesson or quiz, or add a module")
    new_kinds = new.add_subparsers(dest="what", required=True)
    new_lesson = new_kinds.add_parser("lesson", help="a starter lesson in the lessons folder")
    new_lesson.add_argument("id", help="the lesson's id, e.g. assess-the-balance")
    new_lesson.add_argument("--module", help="the module of the outline to append the lesson to")
    new_quiz = new_kinds.add_parser("quiz", help="a starter quiz in the quizzes folder")
    new_quiz.add_argument("id", help="the quiz's id, e.g. check-assess-the-balance")
    new_quiz.add_argument("--kind", choices=("knowledge", "diagnostic"), required=True)
    new_quiz.add_argument("--lesson", help="the lesson whose knowledge check it is (sets the lesson's `quiz:`)")
    new_module = new_kinds.add_parser("module", help="a module at the end of the course outline")
    new_module.add_argument("id", help="the module's id, e.g. next-steps")
    new_module.add_argument("--title", help="the module's title (default: made from the id)")
    for sub in (new_lesson, new_quiz, new_module):
        sub.add_argument("--config", default=".", help="mkdocs.yml or the folder holding it (default: .)")
        sub.set_defaults(run=cmd_new)
    render_command.add_to(commands)  # course render: for generators without plugins (Zensical)
    export_command.add_to(commands)  # course export: QTI and GIFT question banks
    return top


def main(argv: list[str] | None = None) -> int:
    """Run the command line; return the exit code (0 valid, 1 invalid, 2 usage error)."""
    args = parser().parse_args(argv)
    return int(args.run(args))


if __name__ == "__main__":
    raise SystemExit(main())
