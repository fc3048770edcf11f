"""A course project's ``mkdocs.yml``, read as the build reads it, for the commands that are no
MkDocs build (``course validate``, ``package``, ``render``, the Markdown extension): one place,
so each reports a bad file the same way, and none needs MkDocs."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .config import CourseConfig
from .diagnostics import CourseError, Problem
from .option_positions import located_option_problems, options_shape_problem
from .site_config import COURSE_PLUGIN, SiteConfig, read_site_config


@dataclass
class Project:
    """``mkdocs.yml``'s settings and the course's options, checked."""

    site: SiteConfig
    options: CourseConfig
    option_warnings: list[str] = field(default_factory=list)
    """Unknown options, placed at their lines (shown with the course's own warnings)."""


def load_project(config_file: Path, **overrides: Any) -> Project:
    """``mkdocs.yml`` (with ``overrides``, e.g. ``strict``) and its course options.

    Raise :class:`CourseError` naming the file and line of every bad option, or of a file that
    cannot be read or has no course plugin.
    """
    site = read_site_config(config_file, **overrides)
    if COURSE_PLUGIN not in site.plugins:
        raise CourseError([Problem(config_file.name, 1, 1, "plugins", "the `course` plugin is not enabled")])
    raw = site.plugins[COURSE_PLUGIN]
    if not isinstance(raw, dict):
        shape = options_shape_problem(config_file, COURSE_PLUGIN)
        raise CourseError([shape or Problem(config_file.name, 1, 1, f"plugins.{COURSE_PLUGIN}", "expected a mapping of options")])
    options, errors, unknown = CourseConfig.load(raw)
    located, warnings = located_option_problems(config_file, COURSE_PLUGIN, errors, unknown)
    if located:
        raise CourseError([problem for _, problem in located])
    return Project(site, options, warnings)
