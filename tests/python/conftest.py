"""Fixtures that write small courses into a temporary folder and build them."""

from __future__ import annotations

import logging
import shutil
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest
from mkdocs.commands.build import build
from mkdocs.config import load_config
from mkdocs.exceptions import Abort, PluginError

from tests.conftest import FIXTURES, ROOT

SUB_PATH_URL = "https://example.org/team-course/"


@dataclass
class Project:
    """A course project in a temporary folder."""

    root: Path

    def write(self, relative: str, text: str) -> Path:
        """Write a file (creating folders), replacing any earlier one."""
        path = self.root / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        return path

    def remove(self, relative: str) -> None:
        (self.root / relative).unlink()

    def build(self, *, strict: bool = False, **overrides: object) -> Path:
        """Build the site into ``root/site``; raise PluginError/Abort on failure."""
        config = load_config(str(self.root / "mkdocs.yml"), strict=strict, **overrides)
        logging.getLogger("mkdocs").setLevel(logging.INFO)
        build(config)
        return Path(config.site_dir)

    def html(self, page: str) -> str:
        """The built HTML of ``page`` (a site path such as ``lessons/water/``)."""
        return (self.root / "site" / page / "index.html").read_text(encoding="utf-8")


@pytest.fixture
def mini(tmp_path: Path) -> Project:
    """A copy of the tiny tea course, free to modify."""
    shutil.copytree(FIXTURES / "mini", tmp_path / "mini")
    return Project(tmp_path / "mini")


BuildError = (PluginError, Abort)


@pytest.fixture
def build_fails(caplog: pytest.LogCaptureFixture) -> Callable[..., str]:
    """Build a project that must fail; return what MkDocs reported (its error log and the exception)."""

    def run(project: Project, *, strict: bool = False) -> str:
        caplog.clear()
        with caplog.at_level(logging.ERROR), pytest.raises(BuildError) as caught:
            project.build(strict=strict)
        logged = [record.getMessage() for record in caplog.records if record.levelno >= logging.ERROR]
        return "\n".join([*logged, str(caught.value)])

    return run


def build_real_course(root: Path) -> Path:
    """Copy the real course into ``root`` and build it under --strict, its site_url under a sub-path."""
    for name in ("mkdocs.yml", "content", "quizzes"):
        source = ROOT / name
        if source.is_dir():
            shutil.copytree(source, root / name)
        elif source.is_file():
            shutil.copy(source, root / name)
    return Project(root).build(strict=True, site_url=SUB_PATH_URL)


@pytest.fixture(scope="session")
def real_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The real course built once under --strict, with its site_url under a sub-path."""
    return build_real_course(tmp_path_factory.mktemp("real"))
