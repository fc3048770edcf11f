"""A course project's ``mkdocs.yml``, read as the build reads it, for the commands that are no build
(``course validate``, ``package``, ``render``…): one place, so each reports a bad file the same way."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from .diagnostics import CourseError, Problem
from .option_positions import options_shape_problem

if TYPE_CHECKING:
    from mkdocs.config.defaults import MkDocsConfig

    from .plugin import CoursePlugin


def load_project(config_file: Path, **overrides: Any) -> tuple[MkDocsConfig, CoursePlugin]:
    """``mkdocs.yml`` (with MkDocs' ``overrides``, e.g. ``strict``) and its course plugin.

    Raise :class:`CourseError` naming the file (and the line, where it can be found) when MkDocs
    refuses the file or the course plugin is not in it.
    """
    # Imported here so `course --help` stays quick.
    from mkdocs.config import load_config
    from mkdocs.exceptions import Abort, ConfigurationError

    try:
        config = load_config(str(config_file), **overrides)
    except (ConfigurationError, Abort) as error:
        shape = options_shape_problem(config_file, "course")  # MkDocs names no line for this one
        if shape is not None:
            raise CourseError([shape]) from None
        raise CourseError([Problem(str(config_file), 1, 1, "", f"invalid MkDocs configuration: {error}")]) from None
    plugin = config.plugins.get("course")
    if plugin is None:
        raise CourseError([Problem(str(config_file), 1, 1, "plugins", "the `course` plugin is not enabled")])
    return config, plugin
