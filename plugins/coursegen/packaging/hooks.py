"""The plugin's side of packages: record.js on builds with a destination, the ``packages`` option's zips."""

from __future__ import annotations

from pathlib import Path

from mkdocs.config.config_options import ExtraScriptValue
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, Files

from .. import record_config
from ..build import CourseSite
from ..config import CourseConfig
from ..diagnostics import CourseError
from ..mkdocs_site import site_config, url_of
from . import PackageError, default_output, fit_notes, load, make_package


def configure(options: CourseConfig, package_kind: str | None, config: MkDocsConfig, site: CourseSite) -> list[str]:
    """Link record.js when the build reports somewhere; return lines for the author (the resume
    data's fit, measured here while every quiz is loaded, before site/ is replaced)."""
    # (X, issue 19: an xAPI endpoint is a destination too.)
    if not record_config.reports(options, package_kind):
        return []
    if not any(str(script) == record_config.RECORD_SCRIPT for script in config.extra_javascript):
        script = ExtraScriptValue(record_config.RECORD_SCRIPT)
        script.type = "module"
        config.extra_javascript.append(script)
    if package_kind or "scorm12" not in options.packages:
        return []
    return fit_notes("scorm12", config.site_name, site.course, options.lessons_dir)[1]


def add_files(
    options: CourseConfig, package_kind: str | None, course_iri: str | None, config: MkDocsConfig, site: CourseSite,
    files: Files,
) -> None:
    """Add record-config.js when record.js is linked."""
    if record_config.reports(options, package_kind) and files.get_file_from_path(record_config.CONFIG_MODULE) is None:
        text = record_config.config_text(options, package_kind, site, url_of(files), course_iri or config.site_url,
                                         config.site_name)
        files.append(File.generated(config, record_config.CONFIG_MODULE, content=text))


def make_packages(options: CourseConfig, config: MkDocsConfig) -> list[str]:
    """The ``packages`` option's zips, beside the site folder; return what was written."""
    written = []
    config_file = Path(config.config_file_path).resolve()
    loaded = None
    for kind in options.packages:
        per_module = options.packages_per_module and kind == "scorm2004"
        try:
            # The course is read and checked once for all the packages (the build's own models
            # are released page by page by now).
            loaded = loaded or load(config_file)
            package = make_package(config_file, kind, per_module=per_module,
                                   out=default_output(site_config(config), kind), loaded=loaded)
        except PackageError as error:
            raise PluginError(str(error)) from None
        except CourseError as error:
            raise PluginError(error.report()) from None
        written.append(f"{kind} package: {package.path} ({package.size:,} bytes, {package.files} files)")
    return written
