"""The course beyond MkDocs: ProperDocs with MaterialX, Zensical through `course render`, and
quizzes in any Python-Markdown page through the `coursegen` extension."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import yaml

from tests.conftest import ROOT
from tests.hosts import build_properdocs, build_zensical, copy_course, host_bin
from tests.python.conftest import Project


def course(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "coursegen.cli", *args], cwd=cwd, capture_output=True, text=True, timeout=120, check=False
    )


# --------------------------------------------------------------------------- the real course on each host


def test_real_course_builds_on_properdocs_with_materialx(tmp_path: Path) -> None:
    project = copy_course(ROOT, tmp_path / "course")
    built = build_properdocs(project, tmp_path / "site")  # strict, and no warning at all
    lesson = (built.site / "lessons/why-power-matters/index.html").read_text(encoding="utf-8")
    assert 'data-cg-quiz="check-why-power-matters"' in lesson
    # MaterialX's own partials, with our fixes (its search partial differs from Material's).
    assert """role="dialog" aria-label="Search">""" in lesson
    assert 'class="md-search-result md-search-result--' in lesson, "Material's search partial in MaterialX's place"
    assert 'http-equiv="Content-Security-Policy"' in lesson
    assert 'href="../../assets/coursegen/host-fixes.css"' in lesson  # MaterialX's navigation contrast
    assert (built.site / "assets/coursegen/course.js").is_file()


def test_real_course_builds_on_zensical(tmp_path: Path) -> None:
    project = copy_course(ROOT, tmp_path / "course")
    built = build_zensical(project)  # course render --strict, then zensical build --strict
    lesson = (built.site / "lessons/why-power-matters/index.html").read_text(encoding="utf-8")
    assert lesson.count('data-cg-quiz="check-why-power-matters"') == 1
    assert '<script src="../../assets/coursegen/course.js" type="module">' in lesson
    assert 'href="../../assets/coursegen/course.css"' in lesson
    assert 'href="../../assets/coursegen/host-fixes.css"' in lesson  # Zensical's navigation contrast
    diagnostic = (built.site / "self-assessment/index.html").read_text(encoding="utf-8")
    assert 'data-cg-quiz="strategy-fit"' in diagnostic
    # The outline is the navigation, in order.
    config = yaml.safe_load((project / "zensical.yml").read_text(encoding="utf-8").replace("!ENV", ""))
    outline = yaml.safe_load((project / "content/course.yml").read_text(encoding="utf-8"))
    lessons = [f"lessons/{lesson_id}.md" for module in outline["modules"] for lesson_id in module["lessons"]]
    in_nav = [page for item in config["nav"] if isinstance(item, dict) for value in item.values()
              if isinstance(value, list) for page in value]
    assert in_nav == lessons
    assert list(built.site.glob("assets/coursegen/course-*.json")), "the course summary is missing"


# --------------------------------------------------------------------------- course render


def test_render_writes_plain_markdown_and_the_host_config(mini: Project) -> None:
    result = course("render", "build/docs", "--config-out", "zensical.yml", cwd=mini.root)
    assert result.returncode == 0, result.stderr
    out = mini.root / "build/docs"
    quiz = (out / "quiz.md").read_text(encoding="utf-8")
    assert '<section class="cg-quiz cg-diagnostic" data-cg-quiz="which-tea"' in quiz
    assert "<!-- quiz: not-a-quiz-inside-code -->" in quiz, "a marker shown in code must stay as it is"
    assert 'data-cg-quiz="check-water"' in (out / "lessons/water.md").read_text(encoding="utf-8")
    assert 'data-cg-tool="progress"' in (out / "index.md").read_text(encoding="utf-8")
    assert (out / "assets/coursegen/strings.js").is_file() and (out / "assets/coursegen/course.css").is_file()
    assert not list(out.rglob("*.yml")), "the YAML sources are the course's, not pages"
    config = yaml.safe_load((mini.root / "zensical.yml").read_text(encoding="utf-8"))
    assert config["INHERIT"] == "mkdocs.yml" and config["docs_dir"] == "build/docs"
    assert config["extra_javascript"] == [{"path": "assets/coursegen/course.js", "type": "module"}]
    assert "lessons/water.md" in str(config["nav"])

    again = course("render", "build/docs", cwd=mini.root)
    assert "0 written, 0 removed" in again.stdout, again.stdout

    # A page gone from docs_dir is gone from the folder too; the author's other files stay.
    mini.write("content/notes.md", "# Notes\n")
    assert course("render", "build/docs", cwd=mini.root).returncode == 0
    assert (out / "notes.md").is_file()
    (mini.root / "content/notes.md").unlink()
    (out / "mine.txt").write_text("not the render's", encoding="utf-8")
    third = course("render", "build/docs", cwd=mini.root)
    assert third.returncode == 0, third.stderr
    assert "1 removed" in third.stdout and not (out / "notes.md").exists() and (out / "mine.txt").is_file()


def test_render_reports_problems_with_file_and_line(mini: Project) -> None:
    inside = course("render", "content/rendered", cwd=mini.root)
    assert inside.returncode == 1 and "must lie outside docs_dir" in inside.stderr
    mini.write("content/quiz.md", "# Which tea?\n\n<!-- quiz: which-te -->\n")
    result = course("render", "out", cwd=mini.root)
    assert result.returncode == 1
    assert "content/quiz.md:3:1: quiz marker: no quiz has the id `which-te`" in result.stderr
    assert "Traceback" not in result.stderr and not (mini.root / "out").exists()


def test_render_watch_renders_again_on_a_change(mini: Project) -> None:
    watcher = subprocess.Popen(
        [sys.executable, "-m", "coursegen.cli", "render", "out", "--watch"],
        cwd=mini.root, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )
    try:
        page = mini.root / "out/lessons/water.md"
        deadline = time.monotonic() + 30
        while not page.is_file() and time.monotonic() < deadline:
            time.sleep(0.1)
        lesson = mini.root / "content/lessons/water.yml"
        lesson.write_text(lesson.read_text(encoding="utf-8").replace("title: ", "title: Fresh ", 1), encoding="utf-8")
        while "# Fresh " not in page.read_text(encoding="utf-8") and time.monotonic() < deadline:
            time.sleep(0.1)
        assert "# Fresh " in page.read_text(encoding="utf-8"), "the watcher did not render the change"
    finally:
        watcher.terminate()
        watcher.communicate(timeout=10)


# --------------------------------------------------------------------------- the Markdown extension

HOST_CONFIG = """site_name: Tea elsewhere
docs_dir: pages
markdown_extensions:
  - fenced_code
  - coursegen:
      config_file: mkdocs.yml
"""


def _host_pages(mini: Project, marker: str) -> None:
    mini.write("host.yml", HOST_CONFIG)
    mini.write("pages/index.md", f"# Tea\n\nBefore you start:\n\n{marker}\n\n```\n<!-- quiz: shown-in-code -->\n```\n")


def test_extension_embeds_a_quiz_in_plain_mkdocs(mini: Project) -> None:
    _host_pages(mini, "/// quiz | which-tea\n///")
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    command = [sys.executable, "-m", "mkdocs", "build", "--strict", "-f", "host.yml", "-d", "host-site"]
    built = subprocess.run(command, cwd=mini.root, capture_output=True, text=True, timeout=120, check=False, env=env)
    assert built.returncode == 0, built.stderr
    html = (mini.root / "host-site/index.html").read_text(encoding="utf-8")
    assert html.count('data-cg-quiz="which-tea"') == 1
    assert "&lt;!-- quiz: shown-in-code --&gt;" in html

    mini.write("pages/index.md", "# Tea\n\n```\n<!-- quiz: in-code -->\n```\n\n/// quiz | which-tea\n///\n\n<!-- quiz: which-te -->\n")
    failed = subprocess.run(command, cwd=mini.root, capture_output=True, text=True, timeout=120, check=False, env=env)
    assert failed.returncode == 1
    assert "Error reading page 'index.md': page:10:1: quiz marker: no quiz has the id `which-te`" in failed.stderr
    assert "Traceback" not in failed.stderr


def test_extension_embeds_a_quiz_on_zensical(mini: Project) -> None:
    _host_pages(mini, "<!-- quiz: check-water -->")
    zensical = str(host_bin("zensical", "zensical"))
    built = subprocess.run([zensical, "build", "--strict", "-f", "host.yml"], cwd=mini.root,
                           capture_output=True, text=True, timeout=120, check=False)
    assert built.returncode == 0, built.stderr
    html = (mini.root / "site/index.html").read_text(encoding="utf-8")
    assert html.count('data-cg-quiz="check-water"') == 1
    shutil.rmtree(mini.root / "site")


def test_materialx_fixes_are_the_installed_materialx_partials_but_for_the_fix() -> None:
    """Our copies of MaterialX's partials change one thing each; the rest is the installed MaterialX's."""
    python = host_bin("properdocs", "python")
    where = subprocess.run([str(python), "-c", "import material, os; print(os.path.dirname(material.__file__))"],
                           capture_output=True, text=True, check=True).stdout.strip()
    theirs = Path(where) / "templates/partials"
    ours = ROOT / "plugins/coursegen/theme_materialx/partials"

    def body(path: Path) -> str:
        return path.read_text(encoding="utf-8").split("-#}\n", 1)[1]  # after the leading comment

    dialog = 'role="dialog" aria-label="{{ lang.t(\'search\') }}">'
    assert body(ours / "search.html").replace(dialog, 'role="dialog">') == body(theirs / "search.html")
    footer = body(ours / "copyright.html")
    assert '<div class="md-copyright__highlight">\n      Made with' in footer
    assert (ours / "javascripts/base.html").read_text(encoding="utf-8").count("<script") == 1
