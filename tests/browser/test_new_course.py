"""The package stands alone: from its wheel, in a fresh virtual environment outside this repository,
`course init` and `course new lesson` make a course that builds strictly and works in the browser.

Slow (a wheel, a virtual environment, an install; about 15–20 s before the browser starts): the
environment and the built course are made once per session. Dependencies come from the index
as an author's `pip install 'coursegen[mkdocs]'` would get them (pip's cache makes a second run fast).
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest
import yaml
from playwright.sync_api import expect

from tests.browser.conftest import Site, serving
from tests.browser.support import ROOT, KnowledgeQuestion, choose, nav_link, quiz_section, ready

pytestmark = pytest.mark.browser

LESSON, QUIZ, ADDED = "specific-feedback", "check-specific-feedback", "ask-first"
SCHEMES = {"light": "default", "dark": "slate"}  # prefers-color-scheme → Material's data-md-color-scheme


@dataclass
class Standalone:
    """The fresh environment, the course made in it, and how long each step took."""

    venv: Path
    course: Path
    timings: dict[str, float] = field(default_factory=dict)

    def run(self, *args: str, cwd: Path, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
        """A command of the environment's own bin/, with nothing of this repository on its path."""
        clean = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "VIRTUAL_ENV", "PYTHONHOME")}
        clean["PATH"] = f"{self.venv / 'bin'}{os.pathsep}{clean.get('PATH', '')}"
        done = subprocess.run(
            [str(self.venv / "bin" / args[0]), *args[1:]], cwd=cwd, env={**clean, "NO_MKDOCS_2_WARNING": "1", **(env or {})},
            stdin=subprocess.DEVNULL, capture_output=True, text=True, timeout=300, check=False,
        )
        assert done.returncode == 0, f"`{' '.join(args)}` failed in {cwd}:\n{done.stdout[-3000:]}\n{done.stderr[-6000:]}"
        return done


def _timed(timings: dict[str, float], name: str, step: Callable[[], object]) -> None:
    start = time.monotonic()
    step()
    timings[name] = time.monotonic() - start


def _wheel(work: Path) -> Path:
    """The wheel, built from a copy of the sources (a build/ or *.egg-info in the checkout could hide a missing file)."""
    source = work / "source"
    shutil.copytree(ROOT / "plugins", source / "plugins", ignore=shutil.ignore_patterns("*.egg-info", "__pycache__"))
    for name in ("pyproject.toml", "README.md", "LICENSE", "CHANGELOG.md"):
        if (ROOT / name).exists():
            shutil.copy2(ROOT / name, source / name)
    # With build isolation: pyproject.toml asks for a newer setuptools than the test environment's.
    built = subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "--quiet", "-w", str(work / "dist"), str(source)],
        capture_output=True, text=True, check=False, timeout=300,
    )
    assert built.returncode == 0, built.stderr[-3000:]
    (wheel,) = (work / "dist").glob("coursegen-*.whl")
    return wheel


@pytest.fixture(scope="session")
def standalone(tmp_path_factory: pytest.TempPathFactory) -> Standalone:
    """coursegen installed from its wheel into a new virtual environment, and a course made there with its commands."""
    work = tmp_path_factory.mktemp("standalone")
    assert not work.resolve().is_relative_to(ROOT), f"{work} is inside the repository"
    env = Standalone(work / "venv", work / "team-feedback")
    wheels: list[Path] = []
    _timed(env.timings, "wheel", lambda: wheels.append(_wheel(work)))
    # No pip of its own (ensurepip takes seconds): this pip installs into it through --python.
    _timed(env.timings, "venv", lambda: subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(env.venv)], check=True))
    _timed(env.timings, "install", lambda: subprocess.run(
        [sys.executable, "-m", "pip", "--python", str(env.venv / "bin" / "python"), "install", "--quiet", f"{wheels[0]}[mkdocs]"],
        check=True, capture_output=True, text=True, timeout=600,
    ))
    where = env.run("python", "-c", "import coursegen; print(coursegen.__file__)", cwd=work).stdout.strip()
    assert Path(where).is_relative_to(env.venv), f"coursegen imported from {where}, not from the new environment"

    def make() -> None:
        env.run("course", "init", env.course.name, "--title", "Team feedback", cwd=work)
        env.run("course", "new", "lesson", ADDED, "--module", "getting-started", cwd=env.course)
        env.run("course", "validate", cwd=env.course)
        # As an author does next: the starter's placeholders replaced (the strict build refuses them).
        lesson = env.course / "content" / "lessons" / f"{ADDED}.yml"
        lesson.write_text(lesson.read_text(encoding="utf-8").replace("TODO: ", ""), encoding="utf-8")

    _timed(env.timings, "init+new", make)
    return env


@pytest.fixture(scope="session")
def new_course_site(standalone: Standalone) -> Iterator[Site]:
    """The new course, built by the new environment's `mkdocs build --strict` and served at 127.0.0.1/course/."""

    def build(base: str) -> None:
        # SITE_URL as the Pages workflow sets it; mkdocs.yml reads it with !ENV.
        _timed(standalone.timings, "build", lambda: standalone.run(
            "mkdocs", "build", "--strict", cwd=standalone.course, env={"SITE_URL": base},
        ))

    with serving(standalone.course / "site", "the new course", build) as site:
        yield site


def _questions(standalone: Standalone) -> list[KnowledgeQuestion]:
    data = yaml.safe_load((standalone.course / "quizzes" / f"{QUIZ}.yml").read_text(encoding="utf-8"))
    return [KnowledgeQuestion.load(question) for question in data["questions"]]


def test_the_new_course_is_built_from_the_wheel_alone(standalone, new_course_site, report):
    timings = standalone.timings
    report("new course from the wheel: " + ", ".join(f"{name} {seconds:.1f} s" for name, seconds in timings.items())
           + f" (total {sum(timings.values()):.1f} s)")
    mkdocs_yml = (standalone.course / "mkdocs.yml").read_text(encoding="utf-8")
    assert "custom_dir" not in mkdocs_yml, "a new course must need nothing beside the plugin"
    assert (new_course_site.root / "lessons" / ADDED / "index.html").is_file()
    # The site_url came from SITE_URL: canonical links point at the address it is served from.
    assert f'href="{new_course_site.base}lessons/{LESSON}/"' in (new_course_site.root / "lessons" / LESSON / "index.html").read_text()


def test_the_knowledge_check_is_answered_and_scored(page, new_course_site, standalone):
    questions = _questions(standalone)
    page.goto(new_course_site.url(f"lessons/{LESSON}/"))
    section = ready(page, QUIZ)
    choose(page, QUIZ, {q.id: [q.wrong[0]] for q in questions})
    section.locator("[data-cg-action=check]").click()
    result = section.locator("[data-cg-result]")
    expect(result).to_have_attribute("data-cg-passed", "false")
    for q in questions:
        expect(section.locator(f'fieldset[data-cg-question="{q.id}"]')).to_have_attribute("data-cg-state", "wrong")

    section.locator("[data-cg-action=retry]").click()
    choose(page, QUIZ, {q.id: sorted(q.correct) for q in questions})
    section.locator("[data-cg-action=check]").click()
    expect(result).to_have_attribute("data-cg-passed", "true")
    expect(result).to_contain_text("100")
    for q in questions:
        expect(section.locator(f'fieldset[data-cg-question="{q.id}"]')).to_have_attribute("data-cg-state", "right")

    # The lesson `course new` added is in the navigation, after the first one, and opens.
    nav_link(page, ADDED).click()
    # navigation.tracking may add the heading scrolled to: the page is what counts.
    expect(page).to_have_url(re.compile(re.escape(new_course_site.url(f"lessons/{ADDED}/")) + "(#.*)?$"))
    expect(quiz_section(page, QUIZ)).to_have_count(0)


@pytest.mark.parametrize("media", list(SCHEMES))
def test_axe_on_the_new_course(make_context, new_course_site, standalone, axe, media):
    page = make_context(color_scheme=media).new_page()
    for path, label in (("", "home page"), (f"lessons/{LESSON}/", "lesson with its check"), (f"lessons/{ADDED}/", "added lesson")):
        page.goto(new_course_site.url(path))
        expect(page.locator("body")).to_have_attribute("data-md-color-scheme", SCHEMES[media])
        axe(page, f"the new course's {label} ({media})")
    page.goto(new_course_site.url(f"lessons/{LESSON}/"))
    section = ready(page, QUIZ)
    choose(page, QUIZ, {q.id: [q.options[0]] for q in _questions(standalone)})
    section.locator("[data-cg-action=check]").click()
    expect(section.locator("[data-cg-result]")).to_be_visible()
    axe(page, f"the new course's lesson with its result shown ({media})")

