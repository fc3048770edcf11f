"""Fixtures for the real-browser tests.

* The real course is built once per session (with ``site_url`` under ``/course/``,
  as GitHub Pages serves a project site) and served from 127.0.0.1 only.
* One Chromium (Debian's ``/usr/bin/chromium``) for the session, a fresh context per test.
* Every context is guarded: a request to any host other than 127.0.0.1 is blocked and
  fails the test, and so does any console error or uncaught page error.
* ``axe`` runs axe-core (``tests/browser/node_modules``, installed by ``npm ci``) on a page.
"""

from __future__ import annotations

import contextlib
import functools
import http.server
import json
import os
import shutil
import subprocess
import sys
import threading
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import Browser, BrowserContext, Page, Playwright, expect, sync_playwright

from tests.browser.support import ROOT, Course

HERE = Path(__file__).resolve().parent
AXE = HERE / "node_modules" / "axe-core" / "axe.min.js"
CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    # No host but 127.0.0.1 resolves, so nothing can leave the machine. Done here rather than
    # by routing requests in Playwright, which turns the browser's HTTP cache off: every page
    # load would fetch Material's scripts, styles and search index again (a third of the
    # browser group's time). The guard below still fails a test on any request elsewhere.
    "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1",
]
SUB_PATH = "/course/"
TIMEOUT_MS = 10_000

expect.set_options(timeout=8_000)


# --------------------------------------------------------------------------- the site


class _CourseHandler(http.server.SimpleHTTPRequestHandler):
    """Serves the build folder under /course/ and nothing anywhere else."""

    def send_head(self) -> Any:
        if not self.path.startswith(SUB_PATH):
            self.send_error(404, f"only {SUB_PATH} is served")
            return None
        return super().send_head()

    def translate_path(self, path: str) -> str:
        return super().translate_path("/" + path[len(SUB_PATH) :])

    def log_message(self, format: str, *args: Any) -> None:
        pass


@dataclass
class Site:
    """The built course and the address it is served at."""

    root: Path
    base: str  # http://127.0.0.1:PORT/course/

    def url(self, path: str = "") -> str:
        return self.base + path.lstrip("/")

    @property
    def origin(self) -> str:
        parts = urlsplit(self.base)
        return f"{parts.scheme}://{parts.netloc}"


_BUILD = """
import logging, sys
from mkdocs.commands.build import build
from mkdocs.config import load_config
logging.basicConfig(level=logging.WARNING, format="%(levelname)s %(name)s: %(message)s")
config = load_config(sys.argv[1], site_url=sys.argv[2], site_dir=sys.argv[3], strict=True)
config.plugins.on_startup(command="build", dirty=False)
try:
    build(config)
finally:
    config.plugins.on_shutdown()
"""


@contextlib.contextmanager
def serving(root: Path, name: str, build: Callable[[str], None]) -> Iterator[Site]:
    """Serve ``root`` at 127.0.0.1/course/ on a free port, after ``build(base)`` has made it
    for that address; stopped when the block ends."""
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_CourseHandler, directory=str(root)))
    server.daemon_threads = True
    base = f"http://127.0.0.1:{server.server_port}{SUB_PATH}"
    try:
        build(base)
    except BaseException:
        server.server_close()
        raise
    thread = threading.Thread(target=server.serve_forever, name=name, daemon=True)
    thread.start()
    try:
        yield Site(root=root, base=base)
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)


@contextlib.contextmanager
def _built_and_served(config: Path, root: Path, name: str) -> Iterator[Site]:
    """Build ``config`` strictly into ``root`` in a separate process and serve it at 127.0.0.1/course/."""

    def build(base: str) -> None:
        # A separate process: the build's logging and plugin state stay out of the test process.
        done = subprocess.run(
            [sys.executable, "-c", _BUILD, str(config), base, str(root)],
            check=False,
            cwd=config.parent,
            env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
            capture_output=True,
            text=True,
            timeout=300,
        )
        if done.returncode != 0:
            pytest.fail(f"building {name} failed (mkdocs build --strict, site_url={base}):\n{done.stderr[-6000:]}")

    with serving(root, name, build) as site:
        yield site


@contextlib.contextmanager
def language_site(tmp_path_factory: pytest.TempPathFactory, language: str, name: str) -> Iterator[Site]:
    """The tiny tea course built with ``theme.language: <language>`` and served."""
    config = _mini_course(tmp_path_factory, language)
    with _built_and_served(config, tmp_path_factory.mktemp(f"site-{language}"), name) as served:
        yield served


def _mini_course(tmp_path_factory: pytest.TempPathFactory, language: str | None, fixture: str = "mini") -> Path:
    """A copy of the tiny tea course (tests/fixtures/mini, or another fixture), optionally with ``theme.language``."""
    project = tmp_path_factory.mktemp(f"{fixture}-{language or 'en'}") / fixture
    shutil.copytree(ROOT / "tests" / "fixtures" / fixture, project)
    config = project / "mkdocs.yml"
    if language:
        config.write_text(config.read_text().replace("  name: material\n", f"  name: material\n  language: {language}\n"))
    return config


@pytest.fixture(scope="session")
def site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Site]:
    """The real course, built once (strict) and served at http://127.0.0.1:<port>/course/."""
    with _built_and_served(ROOT / "mkdocs.yml", tmp_path_factory.mktemp("site"), "the course") as served:
        yield served


@pytest.fixture(scope="session")
def site_mini(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Site]:
    """The tiny tea course: one lesson with a knowledge check, one without."""
    config = _mini_course(tmp_path_factory, None)
    with _built_and_served(config, tmp_path_factory.mktemp("site-mini"), "the mini course") as served:
        yield served


HOSTILE_TEXT = "</script><script>window.__pwned=1</script> </template> <!-- \" ' & \u2028 {{x}} end"


@pytest.fixture(scope="session")
def site_hostile(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Site]:
    """The tea course with script tags, comment openers, quotes and template syntax in quiz texts."""
    config = _mini_course(tmp_path_factory, None)
    quiz = config.parent / "quizzes" / "which-tea.yml"
    text = quiz.read_text(encoding="utf-8")
    text = text.replace("prompt: Do you take milk?", f"prompt: {json.dumps('Milk? ' + HOSTILE_TEXT)}")
    text = text.replace('text: "No"', f"text: {json.dumps('No ' + HOSTILE_TEXT)}")
    quiz.write_text(text, encoding="utf-8")
    with _built_and_served(config, tmp_path_factory.mktemp("site-hostile"), "the hostile mini course") as served:
        yield served


@pytest.fixture(scope="session")
def site_de(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Site]:
    """The tiny tea course with ``theme.language: de``."""
    with language_site(tmp_path_factory, "de", "the German mini course") as served:
        yield served


@pytest.fixture(scope="session")
def site_types(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Site]:
    """The tea course with a check of every question type, hints, shuffling, a pool and a scale."""
    config = _mini_course(tmp_path_factory, None, "types")
    with _built_and_served(config, tmp_path_factory.mktemp("site-types"), "the course of every question type") as served:
        yield served


@pytest.fixture(scope="session")
def site_types_de(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Site]:
    """The same in German (numbers written 3,5)."""
    config = _mini_course(tmp_path_factory, "de", "types")
    with _built_and_served(config, tmp_path_factory.mktemp("site-types-de"), "the German course of every type") as served:
        yield served


@pytest.fixture(scope="session")
def course() -> Course:
    """The course outline, lessons and quizzes, read from their YAML."""
    return Course.load()


# --------------------------------------------------------------------------- the browser


@pytest.fixture(scope="session")
def driver() -> Iterator[Playwright]:
    """Playwright, for Debian's Chromium only."""
    if not Path(CHROMIUM).exists():
        pytest.fail(f"{CHROMIUM} is missing: install Debian's chromium (`make chromium`)")
    with sync_playwright() as playwright:
        yield playwright


@pytest.fixture(scope="session")
def chromium(driver: Playwright) -> Iterator[Browser]:
    browser = driver.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
    try:
        yield browser
    finally:
        browser.close()


@dataclass
class Guard:
    """What went wrong in one context: foreign requests, console errors, page errors."""

    origin_host: str = "127.0.0.1"
    problems: list[str] = field(default_factory=list)

    def add(self, problem: str) -> None:
        if problem not in self.problems:
            self.problems.append(problem)

    def watch_request(self, request: Any) -> None:
        parts = urlsplit(request.url)
        if parts.scheme in {"data", "blob", "about"}:
            return
        if parts.hostname != self.origin_host:
            self.add(f"request to another host: {request.method} {request.url}")

    def watch_page(self, page: Page) -> None:
        page.on("console", lambda msg: msg.type == "error" and self.add(f"console error on {page.url}: {msg.text}"))
        page.on("pageerror", lambda error: self.add(f"uncaught error on {page.url}: {error}"))


GUARDS = pytest.StashKey[list[Guard]]()


def guarded(context: BrowserContext) -> Guard:
    """Watch ``context`` for foreign requests and errors (Chromium resolves no other host: CHROMIUM_ARGS)."""
    context.set_default_timeout(TIMEOUT_MS)
    guard = Guard()
    context.on("request", guard.watch_request)
    context.on("page", guard.watch_page)
    for page in context.pages:  # a persistent context opens with a page
        guard.watch_page(page)
    return guard


@pytest.fixture
def make_context(chromium: Browser, request: pytest.FixtureRequest) -> Iterator[Callable[..., BrowserContext]]:
    """A factory of fresh, guarded browser contexts (closed after the test)."""
    contexts: list[BrowserContext] = []
    guards = request.node.stash.setdefault(GUARDS, [])

    def make(**options: Any) -> BrowserContext:
        options.setdefault("viewport", {"width": 1280, "height": 900})
        options.setdefault("color_scheme", "light")
        options.setdefault("reduced_motion", "reduce")
        context = chromium.new_context(**options)
        contexts.append(context)
        guards.append(guarded(context))
        return context

    yield make
    for context in contexts:
        context.close()
    problems = [p for g in guards for p in g.problems]
    if problems:  # the test already failed for these (see pytest_runtest_call); show them again
        print("browser problems:\n  " + "\n  ".join(problems))


@pytest.fixture
def open_profile(driver: Playwright, request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Callable[[], BrowserContext]]:
    """Open Chromium on one user profile kept on disk, as a learner's browser across restarts."""
    profile = tmp_path / "profile"
    guards = request.node.stash.setdefault(GUARDS, [])
    opened: list[BrowserContext] = []

    def open_() -> BrowserContext:
        context = driver.chromium.launch_persistent_context(
            str(profile), executable_path=CHROMIUM, args=CHROMIUM_ARGS, viewport={"width": 1280, "height": 900},
            reduced_motion="reduce",
        )
        opened.append(context)
        guards.append(guarded(context))
        return context

    yield open_
    for context in opened:  # closed already unless the test failed half-way
        context.close()


@pytest.fixture
def context(make_context: Callable[..., BrowserContext]) -> BrowserContext:
    return make_context()


@pytest.fixture
def page(context: BrowserContext) -> Page:
    return context.new_page()


@pytest.hookimpl(wrapper=True)
def pytest_runtest_call(item: pytest.Item) -> Iterator[None]:
    """Fail a test whose pages made a foreign request or logged an error, even if its asserts passed."""
    result = yield
    problems = [p for g in item.stash.get(GUARDS, []) for p in g.problems]
    if problems:
        raise AssertionError("the browser reported problems:\n  " + "\n  ".join(problems))
    return result


# --------------------------------------------------------------------------- axe-core


def _format_violations(violations: list[dict[str, Any]]) -> str:
    lines = []
    for v in violations:
        lines.append(f"[{v['id']}] ({v.get('impact')}) {v['help']} — {v['helpUrl']}")
        for node in v["nodes"][:8]:
            summary = " ".join((node.get("failureSummary") or "").split())
            lines.append(f"    at {' '.join(map(str, node['target']))}: {summary[:400]}")
        if len(v["nodes"]) > 8:
            lines.append(f"    … and {len(v['nodes']) - 8} more")
    return "\n".join(lines)


def run_axe(page: Page, label: str) -> None:
    """Run every axe-core rule on the page; fail with a readable list of violations."""
    assert AXE.is_file(), (
        f"{AXE.relative_to(ROOT)} is missing: run `cd tests/browser && npm ci` (make test does it) "
        "to install the pinned axe-core"
    )
    if not page.evaluate("typeof window.axe === 'object'"):
        # Evaluated, not added as a <script>: the site's Content-Security-Policy blocks inline scripts.
        page.evaluate(AXE.read_text(encoding="utf-8"))
    result = page.evaluate("() => axe.run(document, {resultTypes: ['violations']})")
    violations = result["violations"]
    if violations:
        raise AssertionError(
            f"axe-core found {len(violations)} violation(s) on {label} ({page.url}):\n" + _format_violations(violations)
        )


@pytest.fixture
def axe() -> Callable[[Page, str], None]:
    return run_axe


# --------------------------------------------------------------------------- reporting


@pytest.fixture
def report(request: pytest.FixtureRequest) -> Callable[[str], None]:
    """Lines printed in the terminal summary (e.g. the measured asset size). Kept with the
    test's report, so they reach the summary from pytest-xdist's workers too."""
    return lambda line: request.node.user_properties.append(("coursegen", line))


def pytest_terminal_summary(terminalreporter: Any) -> None:
    lines = [
        value
        for report in terminalreporter.stats.get("passed", []) + terminalreporter.stats.get("failed", [])
        if report.when == "call"
        for key, value in report.user_properties
        if key == "coursegen"
    ]
    if lines:
        terminalreporter.section("coursegen browser")
        for line in lines:
            terminalreporter.write_line(line)
