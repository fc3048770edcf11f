"""Packages for a learning platform: the built course in a zip, with the standard's manifest.

``course package scorm12|scorm2004|cmi5`` and the plugin's ``packages`` option both call
:func:`make_package`. It loads and checks the course as the build does, measures the
learner's resume data against the standard's limit (:mod:`.resume_fit`), builds the site
for a package (:mod:`.site_build`), adds the launch page and the manifest
(:mod:`.manifest`; cmi5's ``cmi5.xml`` comes from :mod:`.cmi5`) and writes the zip in one
step: a failure at any point leaves no zip, or the previous one, in place.
"""

from __future__ import annotations

import importlib
import importlib.util
import os
import re
import tempfile
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..i18n import Strings
from .manifest import LAUNCH, ModuleItem, launch_page, package_files, scorm_manifest
from .resume_fit import SCORM12_LIMIT, Fit, describe, measure
from .site_build import LEFT_OUT, SiteBuildError, build, outside_references

if TYPE_CHECKING:
    from ..config import CourseConfig
    from ..loading import Course
    from ..site_config import SiteConfig

KINDS = ("scorm12", "scorm2004", "cmi5")
"""The packages :func:`make_package` makes."""
STANDARDS = {"scorm12": "SCORM 1.2", "scorm2004": "SCORM 2004", "cmi5": "cmi5"}


class PackageError(Exception):
    """A package cannot be made; the message says why, for the author."""


@dataclass(frozen=True)
class Package:
    """A package written: where, how large, and what the build measured."""

    path: Path
    kind: str
    size: int
    files: int
    fit: Fit | None
    notes: list[str]
    """Lines for the author: the resume data's size, a warning when it may not fit."""


def slug(text: str) -> str:
    """A file name made from the course's title."""
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-") or "course"


def default_output(config: SiteConfig, kind: str) -> Path:
    """Where a package goes unless told: beside the site folder, named after the course."""
    return Path(config.site_dir).resolve().parent / f"{slug(config.site_name)}-{kind}.zip"


def load(config_file: Path) -> tuple[SiteConfig, Course, CourseConfig]:
    """``mkdocs.yml``, the course (every check run, as the build does) and the plugin's options."""
    from ..preflight import check_everything
    from ..project import load_project

    project = load_project(config_file)
    checked = check_everything(project.options, project.site)
    return project.site, checked.site.course, project.options


def fit_notes(kind: str, title: str, course: Course, lessons_dir: str) -> tuple[Fit | None, list[str]]:
    """The resume data's worst case against a SCORM 1.2 platform's limit (the others' are far above it)."""
    if kind != "scorm12":
        return None, []
    fit = measure(course, lessons_dir, SCORM12_LIMIT)
    line = describe(title, fit, STANDARDS[kind])
    return fit, [line if fit.fits else f"warning: {line}"]


def make_package(
    config_file: Path, kind: str, *, per_module: bool = False, out: Path | None = None,
    say: Callable[[str], None] | None = None, loaded: tuple[SiteConfig, Course, CourseConfig] | None = None,
) -> Package:
    """Build the course of ``config_file`` as a ``kind`` package and write its zip to ``out``
    (default: :func:`default_output`). Raises :class:`PackageError`, or :class:`CourseError`
    when the course itself has problems. ``loaded``: what :func:`load` returned for
    ``config_file``, when several packages of one course are made in a row."""
    if kind not in KINDS:
        raise PackageError(f"unknown package `{kind}`; choose one of: {', '.join(KINDS)}")
    if per_module and kind != "scorm2004":
        raise PackageError(f"--per-module makes one SCO per module, in a SCORM 2004 package only (not {kind})")
    if importlib.util.find_spec("mkdocs") is None:
        # The core reads and checks a course without MkDocs (README: "Hosts"); a package's site is MkDocs' build.
        raise PackageError("packages are built with MkDocs, which is not installed here: "
                           "pip install 'coursegen[mkdocs]' (or 'coursegen[properdocs]')")
    cmi5 = _cmi5() if kind == "cmi5" else None  # before the build, which takes a while
    config_file = config_file.resolve()
    config, course, options = loaded or load(config_file)
    title = config.site_name
    fit, notes = fit_notes(kind, title, course, options.lessons_dir)
    for note in notes:
        (say or (lambda _: None))(note)
    target = (out or default_output(config, kind)).resolve()
    if target.is_dir():
        raise PackageError(f"{target} is a folder; give the zip's file name with -o")
    target.parent.mkdir(parents=True, exist_ok=True)
    modules = [ModuleItem(m.id, m.title) for m in course.outline.model.modules] if per_module else None
    with tempfile.TemporaryDirectory(prefix="coursegen-package-") as temporary:
        site_dir = Path(temporary) / "site"
        try:
            build(config_file, f"{kind}-per-module" if per_module else kind, site_dir)
        except SiteBuildError as error:
            raise PackageError(f"{STANDARDS[kind]} package: the course's build failed:\n{error}") from None
        for name in LEFT_OUT:
            (site_dir / name).unlink(missing_ok=True)
        for source_map in site_dir.rglob("*.map"):
            source_map.unlink()  # the theme's source maps: for debugging the theme, 1.3 MB of the zip
        outside = outside_references(site_dir, config.site_url)
        if outside:
            raise PackageError(
                f"{STANDARDS[kind]} package: these pages would reach outside the package:\n  " + "\n  ".join(outside[:20])
            )
        language = config.language or "en"
        # cmi5: the platform names its record store only at launch (X: the `cmi5_lrs_origins` option).
        connect = " ".join(["'self'", *options.cmi5_lrs_origins]) if kind == "cmi5" else "'self'"
        # Shown above the course when the learner's resume data is over the platform's limit,
        # in the course's language (and as the author's `strings` option has it).
        over_limit = Strings.for_language(language).overridden(options.strings).text("pages", "lms_over_limit")
        (site_dir / LAUNCH).write_text(launch_page(title, language, over_limit, connect), encoding="utf-8")
        manifest_name, manifest = _manifest(kind, title, course, site_dir, modules, config, options, cmi5)
        count = _write_zip(target, site_dir, {manifest_name: manifest})
    return Package(target, kind, target.stat().st_size, count, fit, notes)


def _cmi5() -> Any:
    """The cmi5.xml writer (:mod:`.cmi5`, issue 19's cmi5 part): its
    ``cmi5_xml(*, course: Course, config: SiteConfig, options: CourseConfig, site_dir: Path) -> str``
    gets the loaded course, ``mkdocs.yml``, the course's options and the built package (launch file :data:`.manifest.LAUNCH`)."""
    try:
        return importlib.import_module(f"{__name__}.cmi5")
    except ImportError:
        raise PackageError(
            "cmi5 packages: this coursegen cannot write cmi5.xml (its module coursegen/packaging/cmi5.py is missing)"
        ) from None


def _manifest(
    kind: str, title: str, course: Course, site_dir: Path, modules: list[ModuleItem] | None, config: SiteConfig,
    options: CourseConfig, cmi5: Any,
) -> tuple[str, str]:
    """The manifest's file name and text."""
    if cmi5 is None:
        return "imsmanifest.xml", scorm_manifest(kind, title, package_files(site_dir), "1", modules)
    text: str = cmi5.cmi5_xml(course=course, config=config, options=options, site_dir=site_dir)
    return "cmi5.xml", text


def _write_zip(target: Path, site_dir: Path, extra: dict[str, str]) -> int:
    """Write the zip beside ``target`` and move it into place only once complete; return its file count."""
    handle, part = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".part", dir=target.parent)
    os.close(handle)
    umask = os.umask(0)
    os.umask(umask)
    try:
        os.chmod(part, 0o666 & ~umask)  # as any file the author writes, not mkstemp's owner-only
        count = 0
        with zipfile.ZipFile(part, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
            for name, text in extra.items():
                archive.writestr(name, text)
                count += 1
            for path in sorted(site_dir.rglob("*")):
                if path.is_file():
                    archive.write(path, path.relative_to(site_dir).as_posix())
                    count += 1
        os.replace(part, target)
    except BaseException:
        Path(part).unlink(missing_ok=True)
        raise
    return count
