"""`course init`: a complete, small course project that builds under ``mkdocs build --strict`` as written."""

from __future__ import annotations

import re
from dataclasses import dataclass
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path

import jinja2

from . import i18n
from .schema import write_schemas
from .starters import yaml_scalar

REPOSITORY = "https://github.com/coursegen/coursegen"
"""Where coursegen lives; the new project's pre-commit hook and README point there."""

# Template (in templates/project/) → where it goes in the project. Kept flat and without
# leading dots in the package, because setuptools' package-data globs skip hidden files.
FILES = {
    "mkdocs.yml": "mkdocs.yml",
    "course.yml": "content/course.yml",
    "index.md": "content/index.md",
    "lesson.yml": "content/lessons/{lesson_id}.yml",
    "knowledge.yml": "quizzes/{quiz_id}.yml",
    "diagnostic.yml": "quizzes/{diagnostic_id}.yml",
    "self-assessment.md": "content/self-assessment.md",
    "pages.yml": ".github/workflows/pages.yml",
    "gitignore": ".gitignore",
    "pre-commit-config.yaml": ".pre-commit-config.yaml",
    "requirements.txt": "requirements.txt",
    "README.md": "README.md",
}
DIAGNOSTIC_ONLY = frozenset({"diagnostic.yml", "self-assessment.md"})
# Left alone when deciding whether a folder is empty: `git init` or a fresh clone of an
# empty repository is the usual place to start a course.
IGNORED_ENTRIES = frozenset({".git"})

_env = jinja2.Environment(
    loader=jinja2.PackageLoader("coursegen", "templates/project"),
    autoescape=False,  # YAML and Markdown, not HTML
    undefined=jinja2.StrictUndefined,
    keep_trailing_newline=True,
)
_env.filters["yaml"] = yaml_scalar


class InitError(ValueError):
    """The project cannot be written where, or as, asked."""


@dataclass(frozen=True)
class Choices:
    """What the author chose for the new course."""

    title: str
    language: str = "en"
    diagnostic: bool = True


def default_title(folder: Path) -> str:
    """A title made from the folder's name: ``team-feedback`` → ``Team feedback``."""
    words = re.sub(r"[-_.\s]+", " ", folder.resolve().name).strip()
    return words[:1].upper() + words[1:] if words else "My course"


def installed_version() -> str:
    """coursegen's version as installed, or ``0.0.0`` when it runs from a bare checkout."""
    try:
        return version("coursegen")
    except PackageNotFoundError:
        return "0.0.0"


def check_choices(choices: Choices) -> None:
    """Refuse an empty or multi-line title and a language the plugin has no strings for."""
    if not choices.title.strip() or "\n" in choices.title:
        raise InitError(f"the title must be one line of text, got {choices.title!r}")
    known = i18n.available()
    if choices.language not in known:
        raise InitError(f"there are no interface strings for language `{choices.language}`; known: {', '.join(known)}")


def check_folder(folder: Path) -> None:
    """Refuse a folder that holds anything (but ``.git``), or a path that is a file."""
    if folder.exists() and not folder.is_dir():
        raise InitError(f"{folder} is a file, not a folder")
    if folder.is_dir():
        entries = sorted(entry.name for entry in folder.iterdir() if entry.name not in IGNORED_ENTRIES)
        if entries:
            shown = ", ".join(entries[:5]) + (", …" if len(entries) > 5 else "")
            raise InitError(
                f"{folder} is not empty ({len(entries)} entries: {shown}); "
                "choose a new or empty folder, so that nothing of yours is overwritten"
            )


def render(choices: Choices) -> dict[str, str]:
    """Every file of the new project (its path in the project → its text), schemas aside."""
    ids = {
        "module_id": "getting-started",
        "lesson_id": "specific-feedback",
        "quiz_id": "check-specific-feedback",
        "diagnostic_id": "feedback-habit",
    }
    current = installed_version()
    # `~=`: later fixes of this release are welcome, a release that may change the format is not.
    requirement = "coursegen[mkdocs]" if current == "0.0.0" else f"coursegen[mkdocs]~={current}"
    values = {
        **ids,
        "title": choices.title.strip(),
        "description": "A short example course on giving feedback that people can act on.",
        "audience": "Team leads and colleagues who give feedback at work.",
        "language": choices.language,
        "diagnostic": choices.diagnostic,
        "repository": REPOSITORY,
        "version": current,
        "requirement": requirement,
    }
    return {
        target.format(**ids): _env.get_template(template).render(**values)
        for template, target in FILES.items()
        if choices.diagnostic or template not in DIAGNOSTIC_ONLY
    }


def init_project(folder: Path, choices: Choices) -> list[Path]:
    """Write a new course project into ``folder`` (created if missing); return what was written, relative to it."""
    check_choices(choices)
    check_folder(folder)
    files = render(choices)
    for relative, text in files.items():
        path = folder / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    # The modelines of the YAML files point here: editors complete and check as the author types.
    schemas = write_schemas(folder / "schemas")
    return sorted([Path(relative) for relative in files] + [path.relative_to(folder) for path in schemas])
