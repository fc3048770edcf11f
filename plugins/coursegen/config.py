"""The plugin's options, as written under ``plugins: - course:`` in ``mkdocs.yml``."""

from __future__ import annotations

from mkdocs.config import config_options as c
from mkdocs.config.base import Config


class CourseConfig(Config):
    """Options of the ``course`` plugin. Every one has a default that suits the usual layout."""

    outline = c.Type(str, default="course.yml")
    """The course outline, relative to ``docs_dir``."""

    lessons_dir = c.Type(str, default="lessons")
    """Folder of lesson YAML files, relative to ``docs_dir``. Their pages are published under the same folder."""

    quizzes_dir = c.Type(str, default="quizzes")
    """Folder of quiz YAML files, relative to the folder that holds ``mkdocs.yml``."""

    nav = c.Type(bool, default=True)
    """Build the navigation from the outline when ``mkdocs.yml`` has no ``nav``."""

    max_outcome_share = c.Type(float, default=0.6)
    """Warn when one diagnostic outcome wins more than this share of all answer combinations."""

    results_page = c.Type(bool, default=True)
    """Generate the My results page (``my-results.md``) unless ``docs_dir`` has one; placed after the modules."""

    team_page = c.Type(bool, default=True)
    """Generate the team view page (``team.md``) unless ``docs_dir`` has one; placed last in the navigation."""

    home_progress = c.Type(bool, default=True)
    """Show the course progress and a "Continue where you left off" link under the home page's title."""
