"""The course's options, as written under ``plugins: - course:`` in ``mkdocs.yml``.

Plain Python, no MkDocs: the MkDocs plugin, ``course render`` (for Zensical) and the
Markdown extension read them the same way (:meth:`CourseConfig.load`).
"""

from __future__ import annotations

import difflib
import math
import posixpath
import re
from pathlib import PurePosixPath, PureWindowsPath
from typing import Any

from .i18n import CATEGORIES, GROUPS, Text, english_keys
from .option_base import Option, OptionError
from .validation import describe
from .xapi_config import OriginList, XapiOption


class RelativePath(Option[str]):
    """A path relative to a base folder that must stay inside it.

    The plugin reads what these name and quotes their lines in error messages, so a
    path that leads elsewhere (``/etc/passwd``, ``../../secrets.yml``) is refused
    before anything is read.
    """

    def __init__(self, default: str, base: str, *, folder: bool) -> None:
        super().__init__(default)
        self.base = base
        self.folder = folder

    def validate(self, value: object) -> str:
        what = "a folder" if self.folder else "a file"
        if not isinstance(value, str) or not value.strip():
            raise OptionError(f"expected {what} relative to {self.base}, got {describe(value)}")
        if PurePosixPath(value).is_absolute() or PureWindowsPath(value).is_absolute() or PureWindowsPath(value).drive:
            raise OptionError(
                f"expected {what} relative to {self.base}, got the absolute path {value!r}; "
                "the course's files must stay inside the project"
            )
        normal = posixpath.normpath(value.replace("\\", "/"))
        if normal == ".." or normal.startswith("../"):
            raise OptionError(
                f"{value!r} leads out of {self.base} (`..`); the course's files must stay inside the project"
            )
        if normal == ".":
            raise OptionError(f"expected {what} inside {self.base}, not {self.base} itself")
        return value


class Share(Option[float]):
    """A share of all answer combinations, from 0 to 1 inclusive."""

    def validate(self, value: object) -> float:
        # bool is an int in Python, and `true` is surely not meant as 100 %.
        if isinstance(value, bool) or not isinstance(value, int | float) or not math.isfinite(value) or not 0 <= value <= 1:
            raise OptionError(f"expected a share from 0 to 1 (0.6 means 60%), got {describe(value)}")
        return float(value)


class Flag(Option[bool]):
    """``true`` or ``false``."""

    def validate(self, value: object) -> bool:
        if not isinstance(value, bool):
            raise OptionError(f"expected true or false, got {describe(value)}")
        return value


PACKAGE_KINDS = ("scorm12", "scorm2004", "cmi5")
"""The packages the ``packages`` option (and ``course package``) can make."""


class PackageKinds(Option[list[str]]):
    """A list of learning-platform packages to make beside the site."""

    def __init__(self) -> None:
        super().__init__([])

    def validate(self, value: object) -> list[str]:
        if value is None:
            return []
        if isinstance(value, str):
            value = [value]
        if not isinstance(value, list):
            raise OptionError(f"expected a list of packages ({', '.join(PACKAGE_KINDS)}), got {describe(value)}")
        chosen: list[str] = []
        for kind in value:
            if kind not in PACKAGE_KINDS:
                close = difflib.get_close_matches(str(kind), PACKAGE_KINDS, n=1)
                hint = f" (did you mean `{close[0]}`?)" if close else ""
                raise OptionError(f"unknown package {describe(kind)}{hint}; the packages are {', '.join(PACKAGE_KINDS)}")
            if kind not in chosen:
                chosen.append(kind)
        return chosen


_PLACEHOLDER = re.compile(r"\{(\w+)\}")


class StringOverrides(Option[dict[str, dict[str, Text]]]):
    """The author's own interface strings, in place of the language table's.

    Nested (``runtime: {check_answers: Submit}``) or flat (``runtime.check_answers: Submit``);
    a value is a string, or a mapping of CLDR plural categories with at least ``other``. Keys
    and placeholders are English's (every table has the same), so a typo is caught here, with
    its line, rather than showing the table's string without a word.
    """

    def __init__(self) -> None:
        super().__init__({})

    def validate(self, value: object) -> dict[str, dict[str, Text]]:
        if value is None:
            return {}
        if not isinstance(value, dict):
            raise OptionError(f"expected a mapping of strings by group ({', '.join(GROUPS)}), got {describe(value)}")
        english = english_keys()
        chosen: dict[str, dict[str, Text]] = {}
        for name, given in value.items():
            entries: list[tuple[tuple[str, str], tuple[str, ...], object]]
            if str(name) in GROUPS and isinstance(given, dict):
                entries = [((str(name), str(key)), (str(name), str(key)), text) for key, text in given.items()]
            else:
                group, _, key = str(name).partition(".")
                entries = [((group, key), (str(name),), given)]
            for (group, key), within, text in entries:
                if key not in english.get(group, {}):
                    raise OptionError(_unknown_string(group, key, english), within)
                chosen.setdefault(group, {})[key] = _override_text(f"{group}.{key}", text, english[group][key], within)
        return chosen


def _unknown_string(group: str, key: str, english: dict[str, dict[str, Text]]) -> str:
    # The key matters more than the group: `runtime.chek_answers` means `pages.check_answers`.
    keys = sorted({k for texts in english.values() for k in texts})
    close = difflib.get_close_matches(key, keys, n=1) if key else []
    if close:
        groups = [g for g in (group, *GROUPS) if close[0] in english.get(g, {})]
        hint = f" (did you mean `{groups[0]}.{close[0]}`?)"
    else:
        groups = difflib.get_close_matches(group, GROUPS, n=1)
        hint = f" (did you mean `{groups[0]}.{key}`?)" if groups and key in english[groups[0]] else ""
    where = f"`{group}.{key}`" if key else f"`{group}`"
    return (f"unknown string {where}{hint}; strings are named `group.key` with the groups {', '.join(GROUPS)} "
            "and the keys of plugins/coursegen/i18n/en.yml")


def _override_text(name: str, value: object, english: Text, within: tuple[str, ...]) -> Text:
    """The override as the table holds it, its placeholders checked against English's."""
    if isinstance(value, dict):
        forms = {str(category): text for category, text in value.items()}
        wrong = sorted(set(forms) - set(CATEGORIES))
        if wrong or "other" not in forms:
            raise OptionError(
                f"`{name}`: a string per count needs the plural categories of CLDR ({', '.join(CATEGORIES)}), "
                f"at least `other`; got {', '.join(f'`{c}`' for c in forms)}", within)
        texts = forms
    else:
        texts = {"other": value}
    allowed = set(_PLACEHOLDER.findall(" ".join(english.values()) if isinstance(english, dict) else english))
    for text in texts.values():
        if not isinstance(text, str):
            raise OptionError(f"`{name}`: expected a string, got {describe(text)}", within)
        unknown = sorted(set(_PLACEHOLDER.findall(text)) - allowed)
        if unknown:
            have = ", ".join(f"{{{p}}}" for p in sorted(allowed)) or "none"
            raise OptionError(
                f"`{name}`: {', '.join(f'{{{p}}}' for p in unknown)} is not a placeholder of this string (it has {have})",
                within)
    checked = {category: str(text) for category, text in texts.items()}
    return checked if isinstance(value, dict) else checked["other"]


class CourseConfig:
    """Options of the ``course`` plugin. Every one has a default that suits the usual layout."""

    enabled = Flag(True)
    """``false`` switches the course off for a build: no pages, assets, checks or policy.

    Declared here (not left to MkDocs' generic ``enabled``) so that a wrong value is
    reported at its line in ``mkdocs.yml``, like every other option."""

    outline = RelativePath("course.yml", "docs_dir", folder=False)
    """The course outline, relative to ``docs_dir``."""

    lessons_dir = RelativePath("lessons", "docs_dir", folder=True)
    """Folder of lesson YAML files, relative to ``docs_dir``. Their pages are published under the same folder."""

    quizzes_dir = RelativePath("quizzes", "the folder of mkdocs.yml", folder=True)
    """Folder of quiz YAML files, relative to the folder that holds ``mkdocs.yml``."""

    cases_dir = RelativePath("cases", "the folder of mkdocs.yml", folder=True)
    """Folder of the diagnostics' case libraries, relative to the folder that holds ``mkdocs.yml``.

    Every build runs every case; one that does not hold is a warning."""

    nav = Flag(True)
    """Build the navigation from the outline when ``mkdocs.yml`` has no ``nav``."""

    max_outcome_share = Share(0.6)
    """Warn when one diagnostic outcome wins more than this share of all answer combinations."""

    results_page = Flag(True)
    """Generate the My results page (``my-results.md``) unless ``docs_dir`` has one; placed after the modules."""

    team_page = Flag(True)
    """Generate the team view page (``team.md``) unless ``docs_dir`` has one; placed last in the navigation."""

    home_progress = Flag(True)
    """Show the course progress and a "Continue where you left off" link under the home page's title."""

    content_security_policy = Flag(True)
    """Give every page a strict Content-Security-Policy (a ``<meta>`` tag; see the README)."""

    strings = StringOverrides()
    """The author's own interface strings, by ``group.key`` of ``i18n/en.yml``, in place of the language table's."""

    packages = PackageKinds()
    """Learning-platform packages to make on every ``mkdocs build``, beside the site folder
    (``<site_dir>/../<course>-<kind>.zip``): ``scorm12``, ``scorm2004``, ``cmi5``. The same as
    ``course package KIND``; see the README's "Learning platforms (SCORM, cmi5)"."""

    packages_per_module = Flag(False)
    """In the ``scorm2004`` package, one SCO per module (each with its own status and score) instead of one for the course."""

    xapi = XapiOption()
    """Send xAPI statements to the team's own learning record store: ``endpoint``, WRITE-ONLY
    ``username``/``password`` (or ``auth``), optional ``activity_id`` and ``ask_name``. Off unless
    given; the credentials are public in the built site (README: "xAPI to your own record store")."""

    cmi5_lrs_origins = OriginList()
    """Where a cmi5 package's launch page may send statements (its ``connect-src``): the platform
    names its record store only at launch, so any https origin unless narrowed here."""

    cmi5_per_lesson = Flag(False)
    """In the ``cmi5`` package, one assignable unit per lesson instead of one for the course."""

    def __init__(self, values: dict[str, Any] | None = None) -> None:
        given = values or {}
        for name, option in self.options().items():
            self.__dict__[name] = given.get(name, option.default)

    @classmethod
    def options(cls) -> dict[str, Option[Any]]:
        """Every option by name, in the order declared."""
        return {name: value for name, value in vars(cls).items() if isinstance(value, Option)}

    @classmethod
    def load(cls, raw: dict[str, Any]) -> tuple[CourseConfig, list[tuple[str, OptionError]], list[str]]:
        """The options of ``raw`` checked: every bad one (not only the first, as MkDocs would) and
        the names of unknown ones. A bad option keeps its default, so what follows can still run."""
        known = cls.options()
        values: dict[str, Any] = {}
        errors: list[tuple[str, OptionError]] = []
        for key, option in known.items():
            if key not in raw:
                continue
            try:
                values[key] = option.validate(raw[key])
            except OptionError as error:
                errors.append((key, error))
        return cls(values), errors, [str(key) for key in raw if key not in known]
