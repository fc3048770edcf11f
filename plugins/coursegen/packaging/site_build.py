"""The course built for a package: every link relative, every page a file, nothing from elsewhere.

A platform serves a package's files as they are, from an address nobody knows at build
time, and finds no ``index.html`` for a folder: the package's build has no ``site_url``
(no canonical links, no sitemap), writes ``page.html`` rather than ``page/``
(``use_directory_urls: false``) and leaves out Material's instant navigation (which needs
``site_url``); the launch page keeps one platform session across the page loads instead.

The build runs in a process of its own, so it can run from inside another build (the
``packages`` option) without sharing MkDocs' logging or plugin state with it.
"""

from __future__ import annotations

import logging
import os
import re
import subprocess
import sys
from pathlib import Path

LEFT_OUT = frozenset({"sitemap.xml", "sitemap.xml.gz", "404.html"})
"""Files a platform never shows: they only make sense at the site's own address."""
_FETCHED = re.compile(
    r"""<(?:script|img|iframe|source|audio|video|embed|link)\b[^>]*?\s(?:src|href)\s*=\s*["']?(?P<url>(?:[a-zA-Z][a-zA-Z0-9+.-]*:)?//[^"'\s>]+)""",
    re.IGNORECASE,
)
_LINK_REL = re.compile(r"""<link\b[^>]*\srel\s*=\s*["']?(?P<rel>[^"'\s>]+)""", re.IGNORECASE)


class SiteBuildError(Exception):
    """The package's build failed; the message holds MkDocs' own words."""


def build(config_file: Path, kind: str, site_dir: Path) -> None:
    """Build the course of ``config_file`` for a ``kind`` package into ``site_dir``."""
    done = subprocess.run(
        [sys.executable, "-m", "coursegen.packaging.site_build", str(config_file), kind, str(site_dir)],
        cwd=config_file.parent, capture_output=True, text=True, check=False,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
    )
    if done.returncode != 0:
        lines = [line for line in done.stderr.splitlines() if line.strip()]
        raise SiteBuildError("\n".join(lines[-40:]) or f"the build stopped (exit code {done.returncode})")


def outside_references(site_dir: Path, site_url: str | None) -> list[str]:
    """Each page that names the site's own address or loads something from another host."""
    found: list[str] = []
    address = (site_url or "").rstrip("/")
    for path in sorted(site_dir.rglob("*.html")):
        text = path.read_text(encoding="utf-8", errors="replace")
        shown = path.relative_to(site_dir).as_posix()
        if address and address in text:
            found.append(f"{shown}: links to {address} (the site's own address)")
        for match in _FETCHED.finditer(text):
            rel = _LINK_REL.match(match.group(0))
            if match.group(0).lower().startswith("<link") and rel and rel.group("rel").lower() not in {
                "stylesheet", "preload", "modulepreload", "icon", "manifest", "prefetch"
            }:
                continue  # a link to a page elsewhere is the learner's choice, not a fetch
            found.append(f"{shown}: loads {match.group('url')}")
    return found


def _main(config_file: str, kind: str, site_dir: str) -> int:
    # The same build as `mkdocs build`, with the package's settings.
    from mkdocs.commands.build import build as mkdocs_build
    from mkdocs.config import load_config
    from mkdocs.exceptions import MkDocsException

    logging.basicConfig(level=logging.WARNING, format="%(levelname)s %(message)s")
    try:
        config = load_config(config_file, site_dir=site_dir, use_directory_urls=False)
        plugin = config.plugins.get("course")
        if plugin is None:
            print("ERROR the `course` plugin is not enabled in mkdocs.yml", file=sys.stderr)
            return 1
        plugin.package_kind = kind  # read by CoursePlugin.on_config
        plugin.course_iri = config.site_url
        config.site_url = None
        features = config.theme.get("features") or []
        config.theme["features"] = [f for f in features if not str(f).startswith("navigation.instant")]
        config.plugins.on_startup(command="build", dirty=False)
        try:
            mkdocs_build(config)
        finally:
            config.plugins.on_shutdown()
    except MkDocsException as error:
        print(f"ERROR {error}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    raise SystemExit(_main(*sys.argv[1:4]))
