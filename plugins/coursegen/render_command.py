"""``course render OUT [-f mkdocs.yml] [--config-out FILE] [--watch]``."""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path
from typing import Any

from .diagnostics import CourseError
from .project import load_project
from .render import Rendered, RenderError, host_config, render, snapshot, watched

EXIT_OK, EXIT_INVALID, EXIT_USAGE = 0, 1, 2
POLL_SECONDS = 0.5


def add_to(commands: Any) -> None:
    """Add the ``render`` command to the ``course`` command's subcommands."""
    sub = commands.add_parser(
        "render",
        help="write the course as plain Markdown and files into a folder, for generators without plugins (Zensical)",
        description=(
            "Write the generated lesson and tool pages, the quizzes (as raw HTML) and the course's assets into OUT, "
            "a docs folder any MkDocs-compatible generator reads. With --config-out, also write a config that "
            "inherits mkdocs.yml with docs_dir, nav, extra_css and extra_javascript set for OUT."
        ),
    )
    sub.add_argument("out", help="the folder to write (outside docs_dir); files a previous render wrote are updated")
    sub.add_argument("-f", "--config-file", default="mkdocs.yml", help="the course's mkdocs.yml (default: mkdocs.yml)")
    sub.add_argument("--config-out", help="write the generator's config here (e.g. zensical.yml), beside mkdocs.yml")
    sub.add_argument("--strict", action="store_true", help="fail on warnings, as `mkdocs build --strict`")
    sub.add_argument("--watch", action="store_true",
                     help="render again whenever a course file changes (Ctrl-C stops); for `zensical serve`: the pages' "
                          "policy then allows inline scripts, as under `mkdocs serve`, so render once without it to publish")
    sub.set_defaults(run=cmd_render)


def cmd_render(args: argparse.Namespace) -> int:
    """Render once, or keep rendering on changes with ``--watch``."""
    config_file = Path(args.config_file)
    if config_file.is_dir():
        config_file = config_file / "mkdocs.yml"
    if not config_file.is_file():
        print(f"course render: no mkdocs.yml at {config_file}", file=sys.stderr)
        return EXIT_USAGE
    if not args.watch:
        return _once(args, config_file)
    return _watch(args, config_file)


def _once(args: argparse.Namespace, config_file: Path) -> int:
    started = time.perf_counter()
    try:
        rendered = render(config_file, Path(args.out), strict=True if args.strict else None, serve=args.watch)
    except CourseError as error:
        print(error.report(), file=sys.stderr)
        return EXIT_INVALID
    except RenderError as error:
        print(error, file=sys.stderr)
        return EXIT_INVALID
    for warning in rendered.warnings:
        print(f"WARNING -  {warning}", file=sys.stderr)  # as MkDocs words them
    if args.config_out:
        target = Path(args.config_out)
        text = host_config(config_file, Path(args.out), rendered, target)
        if not target.is_file() or target.read_text(encoding="utf-8") != text:
            target.write_text(text, encoding="utf-8")
    _report(rendered, args.out, time.perf_counter() - started)
    return EXIT_OK


def _report(rendered: Rendered, out: str, seconds: float) -> None:
    changed = len(rendered.written) + len(rendered.removed)
    print(f"course render: {out}: {len(rendered.written)} written, {len(rendered.removed)} removed, "
          f"{rendered.unchanged} unchanged ({seconds:.2f} s)" + ("" if changed else "; nothing changed"))


def _watch(args: argparse.Namespace, config_file: Path) -> int:
    try:
        paths = watched(load_project(config_file))
    except CourseError:  # the render below words it as the build does
        return _once(args, config_file)
    # Before the first render: a change made while it runs is seen by the next look.
    seen = snapshot(paths)
    try:
        _once(args, config_file)
        print(f"course render: watching {', '.join(str(p) for p in paths)} (Ctrl-C stops)", file=sys.stderr)
        while True:
            time.sleep(POLL_SECONDS)
            now = snapshot(paths)
            if now != seen:
                seen = now
                _once(args, config_file)  # a broken course is reported; the last good output stays
    except KeyboardInterrupt:
        return EXIT_OK
