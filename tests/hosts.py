"""Building a course on the other hosts, each from its own environment (``make hosts``).

* ProperDocs with MaterialX: ``properdocs build --strict``, the theme named ``materialx``
  (in a config that inherits the course's ``mkdocs.yml``, as the README shows).
* Zensical: ``course render`` writes the docs folder and ``zensical.yml``, then
  ``zensical build --strict`` reads them (it loads no plugins).

A build returns its output; a failed one, or one that warned, fails the calling test with it.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
HOSTS = ROOT / ".venv-hosts"
COURSE_PARTS = ("mkdocs.yml", "content", "quizzes", "cases")
PROPERDOCS_CONFIG = "INHERIT: mkdocs.yml\ntheme:\n  name: materialx\n"


@dataclass
class Built:
    """A host's build of a course: the site folder and everything the commands printed."""

    site: Path
    output: str


class HostMissing(AssertionError):
    """The host's environment is not installed."""


def host_bin(host: str, command: str) -> Path:
    """A command of a host's environment; fails clearly when ``make hosts`` has not made it."""
    path = HOSTS / host / "bin" / command
    if not path.exists():
        raise HostMissing(f"{path.relative_to(ROOT)} is missing: run `make hosts` (make test does it)")
    return path


def copy_course(source: Path, project: Path) -> Path:
    """A copy of a course project (mkdocs.yml and its folders) at ``project``."""
    project.mkdir(parents=True, exist_ok=True)
    for part in COURSE_PARTS:
        item = source / part
        if item.is_dir():
            shutil.copytree(item, project / part)
        elif item.is_file():
            shutil.copy2(item, project / part)
    return project


def _run(command: list[str], cwd: Path, site_url: str | None) -> str:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    if site_url:
        env["SITE_URL"] = site_url
    done = subprocess.run(command, cwd=cwd, env=env, capture_output=True, text=True, timeout=300, check=False)
    output = done.stdout + done.stderr
    if done.returncode != 0:
        raise AssertionError(f"`{' '.join(command)}` failed ({done.returncode}):\n{output[-6000:]}")
    assert "Traceback" not in output, output
    return output


def build_properdocs(project: Path, site: Path, site_url: str | None = None) -> Built:
    """Build ``project`` with ProperDocs and MaterialX into ``site`` (strict: any warning fails)."""
    (project / "properdocs.yml").write_text(PROPERDOCS_CONFIG, encoding="utf-8")
    command = [str(host_bin("properdocs", "properdocs")), "build", "--strict", "-f", "properdocs.yml", "-d", str(site)]
    output = _run(command, project, site_url)
    warnings = [line for line in output.splitlines() if line.startswith(("WARNING", "ERROR"))]
    assert not warnings, "ProperDocs warned:\n" + "\n".join(warnings)
    return Built(site, output)


def build_zensical(project: Path, site_url: str | None = None) -> Built:
    """``course render`` and ``zensical build --strict`` in ``project``; the site is ``project/site``."""
    render = [str(host_bin("zensical", "course")), "render", "build/docs", "--config-out", "zensical.yml", "--strict"]
    output = _run(render, project, site_url)
    output += _run([str(host_bin("zensical", "zensical")), "build", "--strict", "-f", "zensical.yml"], project, site_url)
    assert "No issues found" in output, output
    return Built(project / "site", output)
