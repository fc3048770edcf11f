"""The course beyond MkDocs: ProperDocs with MaterialX, Zensical through `course render`, and
quizzes in any Python-Markdown page through the `coursegen` extension."""

from __future__ import annotations

import html as html_lib
import os
import re
import shutil
import subprocess
import sys
import time
from pathlib import Path

import yaml
from coursegen import csp, zensical_theme
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.conftest import ROOT
from tests.hosts import HOSTS, build_properdocs, build_zensical, copy_course, host_bin
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


def test_zensical_runs_the_core_without_mkdocs() -> None:
    """The Zensical environment (`coursegen[zensical]`, Makefile: hosts) has no MkDocs: `course render`
    and the Markdown extension, which the Zensical tests run there, need none."""
    python = host_bin("zensical", "python")
    found = subprocess.run([str(python), "-c", "import importlib.util as u; print(u.find_spec('mkdocs') is None)"],
                           capture_output=True, text=True, check=True).stdout.strip()
    assert found == "True", "MkDocs is installed in the Zensical environment (rebuild it: rm -rf .venv-hosts/zensical)"


def test_real_course_builds_on_zensical(tmp_path: Path) -> None:
    project = copy_course(ROOT, tmp_path / "course")
    built = build_zensical(project)  # course render --strict, then zensical build --strict
    lesson = (built.site / "lessons/why-power-matters/index.html").read_text(encoding="utf-8")
    assert lesson.count('data-cg-quiz="check-why-power-matters"') == 1
    assert '<script src="../../assets/coursegen/course.js" type="module">' in lesson
    assert 'href="../../assets/coursegen/course.css"' in lesson
    assert 'href="../../assets/coursegen/host-fixes.css"' in lesson  # Zensical's navigation contrast
    # The check's heading is in the page's table of contents, as on MkDocs (render.heading_as_markdown).
    assert '<a href="#cg-check-why-power-matters-title" class="md-nav__link">' in lesson
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
    assert_one_policy_allows_every_script(built.site)


POLICY = re.compile(r'<meta http-equiv="Content-Security-Policy" content="(?P<policy>[^"]*)">')


def assert_one_policy_allows_every_script(site: Path) -> str:
    """Every page of ``site`` carries the same strict policy in its head, and it allows each
    inline script the page runs; the policy."""
    policies: set[str] = set()
    pages = sorted(site.rglob("*.html"))
    assert pages
    for path in pages:
        html = path.read_text(encoding="utf-8")
        found = POLICY.search(html)
        assert found and found.start() < html.index("<script"), f"{path}: no policy before the first script"
        text = html_lib.unescape(found["policy"])
        policies.add(text)
        missing = set(csp.inline_scripts(html)) - set(re.split(r"[\s;]+", text))
        assert not missing, f"{path}: inline scripts the policy blocks: {missing}"
    [text] = policies
    assert "'unsafe-inline'" not in text.split("script-src", 1)[1].split(";", 1)[0]
    return text


ZENSICAL_PARTIALS = next(HOSTS.glob("zensical/lib/python*/site-packages/zensical/templates/partials/javascripts"), None)


def test_our_copies_of_zensicals_scripts_match_the_installed_zensical() -> None:
    """The policy is the hashes of our copies: an upgraded Zensical whose scripts changed fails here."""
    assert ZENSICAL_PARTIALS, "the Zensical environment is missing: run `make hosts`"
    installed = {path.stem: "".join(path.read_text(encoding="utf-8").splitlines(True)[3:])
                 for path in ZENSICAL_PARTIALS.glob("*.html")}
    assert set(installed) == set(zensical_theme.PARTIALS)
    # Ours differ only where the page's address moved from the script's text to an attribute.
    undone = {
        "base": zensical_theme.PARTIALS["base"].replace(
            '<script data-md-scope="{{ config.extra.scope | d(base_url, true) | e }}">', "<script>").replace(
            'document.currentScript.getAttribute("data-md-scope")', '"{{ config.extra.scope | d(base_url, true) }}"'),
        "outdated": zensical_theme.PARTIALS["outdated"].replace('<script data-md-base="{{ base_url | e }}">', "<script>")
        .replace('document.currentScript.getAttribute("data-md-base")', '"{{ base_url }}"'),
    }
    for name, text in installed.items():
        assert undone.get(name, zensical_theme.PARTIALS[name]) == text, f"{name}.html differs from Zensical's"


def test_zensical_policy_for_the_watcher_and_the_record_store() -> None:
    """Beside `zensical serve` (its live-reload script names the page) inline scripts are allowed;
    the xapi option's record store is the one other origin the pages may send to."""
    main = zensical_theme.overrides(connect=("https://lrs.example",), relaxed=True)[f"{zensical_theme.THEME_DIR}/main.html"]
    assert "script-src 'self' 'unsafe-inline';" in main.decode() and "connect-src 'self' https://lrs.example;" in main.decode()
    strict = zensical_theme.overrides()[f"{zensical_theme.THEME_DIR}/main.html"].decode()
    assert "'unsafe-inline'" not in strict.split("script-src", 1)[1].split(";", 1)[0] and "connect-src" not in strict


def test_zensical_policy_keeps_the_courses_own_templates(mini: Project) -> None:
    """A course's custom_dir: its main.html still applies, its literal inline script is allowed."""
    mini.write("overrides/main.html", '{% extends "base.html" %}\n{% block extrahead %}'
               "<script>document.documentElement.dataset.mine = '1'</script>{% endblock %}\n")
    text = (mini.root / "mkdocs.yml").read_text(encoding="utf-8")
    mini.write("mkdocs.yml", text.replace("theme:\n", "theme:\n  custom_dir: overrides\n", 1))
    built = build_zensical(mini.root)
    page = (built.site / "lessons/water/index.html").read_text(encoding="utf-8")
    assert "dataset.mine = '1'" in page
    policy = assert_one_policy_allows_every_script(built.site)
    assert csp.script_hash("document.documentElement.dataset.mine = '1'") in policy
    assert not (built.site / zensical_theme.THEME_DIR).exists(), "the theme folder is not the site's"


# --------------------------------------------------------------------------- course render


def _script_src(main: Path) -> str:
    """The script-src of the policy in Zensical's main.html that `course render` writes."""
    return main.read_text(encoding="utf-8").split("script-src", 1)[1].split(";", 1)[0]


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

    assert "'unsafe-inline'" not in _script_src(out / ".coursegen-theme/main.html") and "'sha256-" in _script_src(out / ".coursegen-theme/main.html")
    assert config["theme"] == {"custom_dir": "build/docs/.coursegen-theme"}

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


def test_zensical_links_the_sites_own_files_once_and_ours_after_them(mini: Project) -> None:
    # Zensical appends an inheriting config's lists to the parent's: the config lists only ours.
    text = (mini.root / "mkdocs.yml").read_text(encoding="utf-8")
    mini.write("mkdocs.yml", text + "extra_css: [mine.css]\nextra_javascript: [mine.js]\n")
    mini.write("content/mine.css", "p { margin: 0 }\n")
    mini.write("content/mine.js", "document.documentElement.dataset.mine = '1';\n")
    built = build_zensical(mini.root)
    page = (built.site / "lessons/water/index.html").read_text(encoding="utf-8")
    assert page.count('href="../../mine.css"') == 1 and page.count('src="../../mine.js"') == 1
    assert page.index('href="../../mine.css"') < page.index('href="../../assets/coursegen/course.css"')
    assert page.count('src="../../assets/coursegen/course.js" type="module"') == 1


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
        # Beside `zensical serve`, whose live-reload script names the page: the preview's policy.
        assert "'unsafe-inline'" in _script_src(mini.root / "out/.coursegen-theme/main.html")
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


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="ab '&<>\"#*_`[](){}!.-+|\\é", min_size=1, max_size=20).filter(lambda t: t.strip() == t and t))
def test_a_quiz_heading_as_markdown_says_what_the_template_says(title: str) -> None:
    """`course render` gives a quiz's heading to Markdown (for the page's table of contents): its
    text must come out as the template's, whatever the author's title holds."""
    import html

    import markdown
    from coursegen.render import heading_as_markdown
    from markupsafe import escape

    quiz = f'<section class="cg-quiz" aria-labelledby="cg-q-title"><h2 id="cg-q-title">{escape(title)}</h2>\n<p>Body</p>\n</section>'
    md = markdown.Markdown(extensions=["toc", "attr_list", "md_in_html"])
    out = md.convert(heading_as_markdown(quiz))
    (token,) = md.toc_tokens
    assert token["id"] == "cg-q-title" and html.unescape(token["name"]) == " ".join(title.split())
    assert out.count("<section") == 1 and "<p>Body</p>" in out
