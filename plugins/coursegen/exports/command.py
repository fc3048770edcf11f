"""``course export qti|gift [-f mkdocs.yml] [-o OUT] [--version 2.1]``: the knowledge checks for a learning platform."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from ..diagnostics import CourseError

EXIT_OK, EXIT_INVALID, EXIT_USAGE = 0, 1, 2
DEFAULT_NAMES = {"qti": "questions-qti21.zip", "gift": "questions.gift"}


def add_to(commands: Any) -> None:
    """Add the ``export`` command to the ``course`` command's subcommands."""
    sub = commands.add_parser(
        "export",
        help="write the knowledge checks' questions as QTI 2.1 (a content package) or GIFT (Moodle's text format)",
        description=(
            "Write every knowledge check's questions for a learning platform's question bank: `qti` writes an IMS "
            "content package (a zip) of QTI 2.1 items and one test per check, `gift` one GIFT file with a category "
            "per check. Self-assessments have no right answers and are left out; every question left out, and "
            "anything a format cannot hold, is named with its file and line."
        ),
    )
    sub.add_argument("format", choices=("qti", "gift"), help="qti (IMS QTI 2.1 package) or gift (Moodle)")
    sub.add_argument("-f", "--config", default=".", help="mkdocs.yml or the folder holding it (default: .)")
    sub.add_argument("-o", "--out", help=f"the file to write (default, beside mkdocs.yml: {' or '.join(DEFAULT_NAMES.values())})")
    sub.add_argument("--version", dest="qti_version", default="2.1", choices=("2.1",), help="QTI version (default: 2.1)")
    sub.add_argument("-q", "--quiet", action="store_true", help="print only the summary and what was left out")
    sub.set_defaults(run=cmd_export)


def cmd_export(args: argparse.Namespace) -> int:
    """Load the course as the build does, write the export, and list what was left out or changed."""
    from ..cli import _config_file, _error, _load  # the command line's own loading, so errors read the same

    config_file = _config_file(args.config)
    if not config_file.is_file():
        _error(f"course export: no mkdocs.yml at {config_file}")
        return EXIT_USAGE
    try:
        site = _load(config_file)
    except CourseError as error:
        _error(error.report())
        return EXIT_INVALID
    out = Path(args.out) if args.out else config_file.parent / DEFAULT_NAMES[args.format]
    from .common import knowledge_checks

    if not knowledge_checks(site):
        _error("course export: the course has no knowledge checks (`kind: knowledge`); nothing to export")
        return EXIT_INVALID
    if args.format == "qti":
        from .qti import export_qti

        result = export_qti(site, out, args.qti_version)
        name = f"QTI {args.qti_version}"
    else:
        from .gift import export_gift

        result = export_gift(site, out)
        name = "GIFT"
    for problem in result.skipped:
        print(f"skipped: {problem}", file=sys.stderr)
    if not args.quiet:
        for problem in result.approximated:
            print(f"note: {problem}", file=sys.stderr)
    print(result.summary(name))
    return EXIT_OK
