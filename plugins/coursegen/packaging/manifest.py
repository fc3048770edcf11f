"""The package's launch page and ``imsmanifest.xml``, from the templates in ``templates/packages/``."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote

import jinja2

LAUNCH = "lms.html"
"""The launch page at the package's root (``assets/lms.js`` keeps the platform session)."""


@dataclass(frozen=True)
class ModuleItem:
    """A module as an item of a SCORM 2004 organization (one SCO each)."""

    id: str
    title: str


_env = jinja2.Environment(
    loader=jinja2.PackageLoader("coursegen", "templates/packages"),
    autoescape=jinja2.select_autoescape(enabled_extensions=("html", "xml"), default=True),
    keep_trailing_newline=True,
    undefined=jinja2.StrictUndefined,
)


def identifier(title: str) -> str:
    """An XML ID (``xs:ID``) made from the course's title."""
    slug = re.sub(r"[^a-z0-9]+", "-", title.lower()).strip("-")
    return f"coursegen-{slug or 'course'}"


def package_files(site_dir: Path) -> list[str]:
    """Every file of the built package, as the manifest lists them (URL-encoded, sorted)."""
    return sorted(quote(path.relative_to(site_dir).as_posix()) for path in site_dir.rglob("*") if path.is_file())


def scorm_manifest(kind: str, title: str, files: list[str], version: str, modules: list[ModuleItem] | None = None) -> str:
    """``imsmanifest.xml`` of a ``scorm12`` or ``scorm2004`` package (``modules``: one SCO each, 2004 only)."""
    return _env.get_template(f"imsmanifest-{kind}.xml").render(
        identifier=identifier(title), version=version, title=title, files=files, launch=LAUNCH, modules=modules or [],
    )


def launch_page(title: str, language: str, over_limit: str, connect_src: str = "'self'") -> str:
    """``lms.html``: finds the platform, restores the learner's data and frames the course."""
    return _env.get_template("lms.html").render(
        title=title, language=language, over_limit=over_limit, connect_src=connect_src,
    )
