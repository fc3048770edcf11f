"""Publishing safely: a failed build leaves the last good site byte for byte, bad content
ends in a clear error (never a traceback), stray files in the course's folders are not
published, and a quiz appears at most once on a page."""

from __future__ import annotations

import builtins
import errno
import io
import os
import subprocess
import sys
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
import yaml
from mkdocs.config import load_config

from tests.conftest import ROOT
from tests.python.conftest import Project

AS_ROOT = hasattr(os, "geteuid") and os.geteuid() == 0
"""CI runs as root, where `chmod 000` stops no read: reading is then refused by a stand-in."""


def snapshot(site: Path) -> dict[str, bytes]:
    """Every file of a built site and its bytes."""
    return {path.relative_to(site).as_posix(): path.read_bytes() for path in sorted(site.rglob("*")) if path.is_file()}


@pytest.fixture
def built(mini: Project) -> Iterator[tuple[Project, dict[str, bytes]]]:
    """The mini course built once, with a snapshot of its site; the site must be unchanged at the end."""
    site = mini.build()
    before = snapshot(site)
    assert "lessons/water/index.html" in before
    yield mini, before


def assert_kept(project: Project, before: dict[str, bytes]) -> None:
    after = snapshot(project.root / "site")
    assert after.keys() == before.keys(), f"files changed: {sorted(after.keys() ^ before.keys())[:10]}"
    changed = [name for name in before if after[name] != before[name]]
    assert not changed, f"the failed build rewrote {changed[:10]}"


@pytest.fixture
def deny_reading(monkeypatch: pytest.MonkeyPatch) -> Iterator[Callable[[Path], None]]:
    """Make a file or folder unreadable: `chmod 000`, or as root (whom that does not stop)
    a stand-in that refuses to open or list exactly that path, as the kernel would."""
    restore: list[tuple[Path, int]] = []
    denied: set[str] = set()

    def refuse(path: object) -> None:
        if isinstance(path, int | bytes) or path is None:
            return
        if os.path.abspath(os.fspath(path)) in denied:  # type: ignore[arg-type]
            raise PermissionError(errno.EACCES, "Permission denied", os.fspath(path))  # type: ignore[arg-type]

    if AS_ROOT:
        real_open, real_scandir, real_listdir = builtins.open, os.scandir, os.listdir

        def fake_open(file: object, *args: object, **kwargs: object) -> object:
            refuse(file)
            return real_open(file, *args, **kwargs)  # type: ignore[call-overload]

        def fake_scandir(path: object = ".") -> object:
            refuse(path)
            return real_scandir(path)  # type: ignore[arg-type]

        def fake_listdir(path: object = ".") -> object:
            refuse(path)
            return real_listdir(path)  # type: ignore[arg-type]

        monkeypatch.setattr(builtins, "open", fake_open)
        monkeypatch.setattr(io, "open", fake_open)
        monkeypatch.setattr(os, "scandir", fake_scandir)
        monkeypatch.setattr(os, "listdir", fake_listdir)

    def deny(path: Path) -> None:
        if AS_ROOT:
            denied.add(os.path.abspath(path))
        else:
            restore.append((path, path.stat().st_mode))
            path.chmod(0)

    yield deny
    for path, mode in restore:
        path.chmod(mode)


# --------------------------------------------------------------------------- a failed build keeps the site


def test_an_unknown_quiz_marker_keeps_the_previous_site(built, build_fails: Callable[..., str]) -> None:
    mini, before = built
    mini.write("content/other.md", "# Other\n\nText.\n\n<!-- quiz: nope -->\n")
    message = build_fails(mini)
    assert "content/other.md:5:1: quiz marker: no quiz has the id `nope`; known: `check-water`, `which-tea`" in message
    assert_kept(mini, before)


def test_a_marker_in_code_is_no_marker(mini: Project) -> None:
    mini.write("content/other.md", "# Other\n\n```\n<!-- quiz: nope -->\n```\n\n    <!-- quiz: nope -->\n\n`<!-- quiz: nope -->`\n")
    mini.build(strict=True)
    assert "&lt;!-- quiz: nope --&gt;" in mini.html("other")


def test_a_symlink_loop_keeps_the_previous_site(built, build_fails: Callable[..., str]) -> None:
    mini, before = built
    (mini.root / "content/sub").mkdir()
    (mini.root / "content/sub/loop").symlink_to("..")
    (mini.root / "content/self").symlink_to("self")
    message = build_fails(mini)
    assert "content/sub/loop:1:1: a symbolic link to `..`, a folder that contains the link" in message
    assert "content/self:1:1: a symbolic link (to `self`) that leads back to itself" in message
    assert_kept(mini, before)


def test_a_dangling_link_keeps_the_previous_site(built, build_fails: Callable[..., str]) -> None:
    mini, before = built
    (mini.root / "content/gone.md").symlink_to("nowhere.md")
    (mini.root / "content/picture.png").symlink_to("missing.png")
    message = build_fails(mini)
    for name, target in (("gone.md", "nowhere.md"), ("picture.png", "missing.png")):
        assert f"content/{name}:1:1: a symbolic link (to `{target}`) whose target does not exist; remove the link" in message
    assert_kept(mini, before)


def test_a_page_that_is_not_utf8_keeps_the_previous_site(built, build_fails: Callable[..., str]) -> None:
    mini, before = built
    (mini.root / "content/latin1.md").write_bytes("# Café\n\nAu café, en été.\n".encode("latin-1"))
    message = build_fails(mini)
    assert "content/latin1.md:1:6: the page is not UTF-8 (byte 0xe9); save it as UTF-8" in message
    assert_kept(mini, before)


def test_an_unreadable_page_keeps_the_previous_site(built, build_fails: Callable[..., str], deny_reading) -> None:
    mini, before = built
    deny_reading(mini.write("content/secret.md", "# Secret\n"))
    message = build_fails(mini)
    assert "content/secret.md:1:1: cannot read the page: Permission denied; make it readable or exclude it" in message
    assert_kept(mini, before)


def test_a_named_pipe_keeps_the_previous_site(built, build_fails: Callable[..., str]) -> None:
    """A page that is a named pipe made MkDocs wait for a writer forever."""
    mini, before = built
    os.mkfifo(mini.root / "content/pipe.md")
    os.mkfifo(mini.root / "quizzes/pipe.yml")
    message = build_fails(mini)
    assert "content/pipe.md:1:1: a named pipe, not a file: MkDocs cannot publish it" in message
    assert "quizzes/pipe.yml:1:1: a named pipe, not a file: it cannot be read; remove it" in message
    assert_kept(mini, before)


def test_an_unreadable_quizzes_folder_is_a_clear_error(built, build_fails: Callable[..., str], deny_reading) -> None:
    mini, before = built
    deny_reading(mini.root / "quizzes")
    message = build_fails(mini)
    assert (
        "quizzes:1:1: cannot list the folder: Permission denied; make it readable or set the plugin's `quizzes_dir` option"
    ) in message
    assert_kept(mini, before)


def test_an_unreadable_lessons_folder_is_one_clear_error(mini: Project, build_fails: Callable[..., str], deny_reading) -> None:
    deny_reading(mini.root / "content/lessons")
    message = build_fails(mini)
    assert message.count("content/lessons:1:1: cannot list the folder: Permission denied") == 1
    assert "set the plugin's `lessons_dir` option" in message


def test_a_quizzes_folder_that_loops_is_a_clear_error(mini: Project, build_fails: Callable[..., str]) -> None:
    os.rename(mini.root / "quizzes", mini.root / "quiz-files")
    (mini.root / "quizzes").symlink_to("quizzes")
    message = build_fails(mini)
    assert "quizzes:1:1: cannot list the folder: Too many levels of symbolic links" in message


def test_a_strict_warning_keeps_the_previous_site(built, build_fails: Callable[..., str]) -> None:
    """--strict fails on our warnings before MkDocs empties site/, not after writing a new one."""
    mini, before = built
    mini.write("content/lessons/check-water.yml~", "id: check-water\n")
    message = build_fails(mini, strict=True)
    assert "content/lessons/check-water.yml~: not a lesson file and left out of the site" in message
    assert_kept(mini, before)


@pytest.mark.parametrize("breakage", ["loop", "latin1", "marker"])
def test_the_command_line_reports_without_a_traceback(mini: Project, breakage: str) -> None:
    mini.build()
    expected = {
        "loop": "content/sub/loop:1:1: a symbolic link to `..`",
        "latin1": "content/latin1.md:1:6: the page is not UTF-8",
        "marker": "content/other.md:1:1: quiz marker: no quiz has the id `nope`",
    }[breakage]
    if breakage == "loop":
        (mini.root / "content/sub").mkdir()
        (mini.root / "content/sub/loop").symlink_to("..")
    elif breakage == "latin1":
        (mini.root / "content/latin1.md").write_bytes("# Café\n".encode("latin-1"))
    else:
        mini.write("content/other.md", "<!-- quiz: nope -->\n")
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build"], cwd=mini.root, capture_output=True, text=True, timeout=120, check=False
    )
    assert result.returncode != 0
    assert "Traceback" not in result.stderr
    assert expected in result.stderr
    assert (mini.root / "site/lessons/water/index.html").is_file()


# --------------------------------------------------------------------------- stray files


def test_stray_files_in_the_lessons_folder_are_not_published(mini: Project, caplog: pytest.LogCaptureFixture) -> None:
    mini.write("content/lessons/check-water.yml~", "answers: [a, b]\n")
    mini.write("content/lessons/draft.YAML", "id: draft\n")
    mini.write("content/lessons/water.yml.orig", "id: water\n")
    mini.write("content/lessons/old/steeping.yml", "id: steeping\n")
    mini.write("content/lessons/.water.yml.swp", "swap")  # hidden: MkDocs never publishes it
    mini.write("content/lessons/extra.md", "# An extra page\n")
    mini.write("quizzes/check-water.yml.bak", "id: check-water\n")
    mini.write("quizzes/draft.YAML", "id: draft\n")
    site = mini.build()
    published = {path.relative_to(site).as_posix() for path in site.rglob("*") if path.is_file()}
    assert not [name for name in published if "yml" in name.lower() or "yaml" in name.lower() or name.endswith(".orig")]
    assert "lessons/extra/index.html" in published  # a Markdown page is a page wherever it is
    warnings = [record.getMessage() for record in caplog.records if record.levelname == "WARNING"]
    assert all(record.name.startswith("mkdocs.plugins.coursegen") for record in caplog.records if record.levelname == "WARNING")
    expected = [
        (
            "content/lessons/check-water.yml~: not a lesson file and left out of the site: only lesson files "
            "(`.yml`, `.yaml`) and Markdown pages belong in content/lessons/; delete it or move it out"
        ),
        (
            "content/lessons/draft.YAML: not read as a lesson and left out of the site: lesson files end in `.yml` "
            "or `.yaml`, in lowercase; rename it, or move it out of content/lessons/"
        ),
        "content/lessons/water.yml.orig: not a lesson file and left out of the site",
        (
            "content/lessons/old/steeping.yml: not read as a lesson and left out of the site: only the files "
            "directly in content/lessons/ are read"
        ),
        "quizzes/check-water.yml.bak: not a quiz file: only quiz files (`.yml`, `.yaml`) belong in quizzes/",
        "quizzes/draft.YAML: not read as a quiz: quiz files end in `.yml` or `.yaml`, in lowercase",
    ]
    for text in expected:
        assert any(text in warning for warning in warnings), f"no warning like {text!r} in {warnings}"
    assert not [warning for warning in warnings if ".swp" in warning]
    assert len([w for w in warnings if "content/lessons/" in w or "quizzes/" in w]) == 6


def test_a_quizzes_folder_inside_the_docs_folder_publishes_no_quiz(mini: Project) -> None:
    os.rename(mini.root / "quizzes", mini.root / "content/quizzes")
    config = (mini.root / "mkdocs.yml").read_text()
    mini.write("mkdocs.yml", config.replace("  - course\n", "  - course:\n      quizzes_dir: content/quizzes\n"))
    mini.write("content/quizzes/check-water.yml~", "answers\n")
    site = mini.build()
    assert not list(site.glob("quizzes/*")), "a quiz file was published"
    assert 'data-cg-quiz="check-water"' in mini.html("lessons/water")


# --------------------------------------------------------------------------- one quiz, once a page


def test_the_same_quiz_twice_on_a_page_is_an_error(built, build_fails: Callable[..., str]) -> None:
    mini, before = built
    mini.write("content/twice.md", "# Twice\n\n<!-- quiz: which-tea -->\n\nAgain:\n\n<!-- quiz: which-tea -->\n")
    message = build_fails(mini)
    assert "content/twice.md:7:1: quiz marker: quiz `which-tea` is already shown on this page (line 3)" in message
    assert "a second copy would share its HTML ids" in message
    assert_kept(mini, before)


def test_a_lesson_showing_its_own_check_again_is_an_error(mini: Project, build_fails: Callable[..., str]) -> None:
    lesson = (mini.root / "content/lessons/water.yml").read_text()
    assert "quiz: check-water" in lesson
    mini.write("content/lessons/water.yml", lesson.replace(
        "sections:\n", "sections:\n  - heading: Try it\n    body: |\n      Now:\n\n      <!-- quiz: check-water -->\n", 1
    ))
    message = build_fails(mini)
    assert "content/lessons/water.yml:" in message
    assert "quiz marker: quiz `check-water` is this lesson's own check (`quiz: check-water`)" in message


def test_a_lesson_naming_an_unknown_quiz_in_its_text_is_an_error(mini: Project, build_fails: Callable[..., str]) -> None:
    lesson = (mini.root / "content/lessons/steeping.yml").read_text()
    mini.write("content/lessons/steeping.yml", lesson.replace(
        "    body: Three minutes suits most black teas.",
        "    body: |\n      Three minutes suits most black teas.\n\n      <!-- quiz: check-steeping -->",
    ))
    message = build_fails(mini)
    assert "content/lessons/steeping.yml:11:7: quiz marker: no quiz has the id `check-steeping`" in message


def test_two_lessons_may_share_one_check(mini: Project) -> None:
    """Both pages show it once, with the same ids (each page has one copy); its saved
    answers are shared, so passing it on one page completes the other when it is opened."""
    lesson = (mini.root / "content/lessons/steeping.yml").read_text()
    mini.write("content/lessons/steeping.yml", lesson + "quiz: check-water\n")
    mini.build(strict=True)
    for page in ("lessons/water", "lessons/steeping"):
        html = mini.html(page)
        assert html.count('data-cg-quiz="check-water"') == 1
        assert html.count('id="cg-check-water-green-a"') == 1
    assert 'data-cg-check="check-water"' in mini.html("lessons/steeping")


def test_the_pages_workflow_publishes_a_fork_at_its_own_address(monkeypatch: pytest.MonkeyPatch) -> None:
    """site_url comes from SITE_URL, which the workflow takes from actions/configure-pages."""
    workflow = yaml.safe_load((ROOT / ".github/workflows/pages.yml").read_text(encoding="utf-8"))
    steps = workflow["jobs"]["build"]["steps"]
    pages = next(step for step in steps if str(step.get("uses", "")).startswith("actions/configure-pages"))
    build = next(step for step in steps if "mkdocs build" in str(step.get("run", "")))
    assert steps.index(pages) < steps.index(build)
    assert build["env"]["SITE_URL"] == "${{ steps." + pages["id"] + ".outputs.base_url }}/"
    monkeypatch.setenv("SITE_URL", "https://someone.github.io/their-fork/")
    assert load_config(str(ROOT / "mkdocs.yml"))["site_url"] == "https://someone.github.io/their-fork/"
    monkeypatch.delenv("SITE_URL")
    # Without it, the address `make serve` prints.
    assert load_config(str(ROOT / "mkdocs.yml"))["site_url"] == "http://127.0.0.1:8000/"
