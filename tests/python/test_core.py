"""The core without MkDocs: its reading of mkdocs.yml, its URLs and page metadata held against
MkDocs' own, and the commands and the Markdown extension run with MkDocs made unimportable."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from coursegen.diagnostics import CourseError
from coursegen.page_meta import page_body
from coursegen.project import load_project
from coursegen.site_config import read_site_config
from coursegen.site_files import dest_uri, is_homepage, page_url, relative_url
from hypothesis import given, settings
from hypothesis import strategies as st
from mkdocs.config import load_config
from mkdocs.structure.files import File
from mkdocs.utils import get_relative_url
from mkdocs.utils.meta import get_data

from tests.conftest import ROOT
from tests.python.conftest import Project

# ------------------------------------------------------------------ URLs, as MkDocs makes them

_name = st.sampled_from(["index", "README", "a", "b c", "ü", "x.y", "READMEs", "-"])
_suffix = st.sampled_from([".md", ".markdown", ".png", ".MD", ""])
_uri = st.builds(lambda parts, name, suffix: "/".join([*parts, name + suffix]),
                 st.lists(st.sampled_from(["lessons", "a", "b", "deep dir"]), max_size=3), _name, _suffix)


@settings(max_examples=400, deadline=None)
@given(_uri, st.booleans())
def test_page_urls_are_mkdocs_own(uri: str, directory_urls: bool) -> None:
    file = File(uri, "/docs", "/site", directory_urls)
    assert dest_uri(uri, directory_urls) == file.dest_uri
    assert page_url(uri, directory_urls) == file.url


_url = st.builds(lambda parts, end: "/".join(parts) + end,
                 st.lists(st.sampled_from(["a", "b", "..", ".", "x.html", "", "c d"]), max_size=4),
                 st.sampled_from(["", "/", "/index.html", ".html"]))


@settings(max_examples=600, deadline=None)
@given(_url, _url)
def test_relative_urls_are_mkdocs_own(url: str, other: str) -> None:
    assert relative_url(url, other) == get_relative_url(url, other)


def test_the_home_page_is_mkdocs_own() -> None:
    from mkdocs.structure.pages import Page

    config = load_config(str(ROOT / "mkdocs.yml"))
    for uri in ("index.md", "README.md", "index.markdown", "about.md", "lessons/index.md", "my-index.md"):
        page = Page(None, File(uri, "/docs", "/site", True), config)
        assert is_homepage(uri) == page.is_homepage, uri


_meta_line = st.sampled_from(["---", "...", "title: Tea", "  more", "    indented", "", "# Heading", "tags: [a, b]",
                              "not: [closed", "text", "\t tabbed", "---  "])


@settings(max_examples=400, deadline=None)
@given(st.lists(_meta_line, max_size=8))
def test_page_metadata_is_dropped_as_mkdocs_drops_it(lines: list[str]) -> None:
    text = "\n".join(lines) + "\n\nBody.\n"
    assert page_body(text) == get_data(text)[0]


# ------------------------------------------------------------------ mkdocs.yml, read without MkDocs


def _same_settings(config_file: Path) -> None:
    ours = read_site_config(config_file)
    theirs = load_config(str(config_file))
    assert ours.docs_dir == Path(theirs.docs_dir)
    assert ours.site_dir == Path(theirs.site_dir)
    assert ours.config_file == Path(theirs.config_file_path)
    assert ours.markdown_extensions == list(theirs.markdown_extensions)
    assert ours.mdx_configs == dict(theirs.mdx_configs)
    assert (ours.language or "en") == theirs.theme.get("language")  # a theme's own default is English
    assert ours.theme_name == theirs.theme.name
    assert ours.nav == theirs.nav
    assert ours.site_url == (theirs.site_url or None) and ours.site_name == theirs.site_name
    assert ours.use_directory_urls == theirs.use_directory_urls and ours.strict == theirs.strict
    assert ours.extra_css == [str(path) for path in theirs.extra_css]
    assert [str(s) for s in ours.extra_javascript] == [str(s) for s in theirs.extra_javascript]


def test_the_real_course_settings_are_mkdocs_own() -> None:
    _same_settings(ROOT / "mkdocs.yml")


def test_tags_and_inherit_are_read_as_mkdocs_reads_them(mini: Project, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TEA_URL", "https://tea.example.org/")
    monkeypatch.delenv("TEA_UNSET", raising=False)
    base = (mini.root / "mkdocs.yml").read_text(encoding="utf-8")
    mini.write("base.yml", base)
    mini.write("mkdocs.yml", textwrap.dedent("""\
        INHERIT: base.yml
        site_url: !ENV TEA_URL
        site_name: !ENV [TEA_UNSET, Tea by default]
        use_directory_urls: false
        markdown_extensions:
          - admonition
          - toc:
              permalink: true
          - pymdownx.emoji:
              emoji_index: !!python/name:material.extensions.emoji.twemoji
        """))
    _same_settings(mini.root / "mkdocs.yml")
    mini.write("mkdocs.yml", (mini.root / "mkdocs.yml").read_text(encoding="utf-8") + textwrap.dedent("""\
          - pymdownx.snippets:
              base_path: [!relative $config_dir/parts, !relative $docs_dir/shared]
        extra_javascript:
          - mine.js
          - path: module.js
            type: module
        """))
    ours = read_site_config(mini.root / "mkdocs.yml")
    theirs = load_config(str(mini.root / "mkdocs.yml"))
    assert [str(s) for s in ours.extra_javascript] == [str(s) for s in theirs.extra_javascript] == ["mine.js", "module.js"]
    assert [s.type for s in ours.extra_javascript] == [None, "module"]
    # MkDocs resolves `$docs_dir` only while it converts a page; by then it is docs_dir, as here.
    paths = [str(path) for path in ours.mdx_configs["pymdownx.snippets"]["base_path"]]
    assert paths == [str(mini.root / "parts"), str(mini.root / "content/shared")]
    assert ours.site_url == "https://tea.example.org/" and ours.site_name == "Tea by default"
    assert ours.theme == {"name": "material", "font": False, "features": ["navigation.instant"]}  # inherited
    assert ours.plugins == {"search": {}, "course": {}}


def test_bad_settings_are_named_with_their_line(mini: Project) -> None:
    text = (mini.root / "mkdocs.yml").read_text(encoding="utf-8")
    mini.write("mkdocs.yml", text + "use_directory_urls: sometimes\n")
    with pytest.raises(CourseError) as caught:
        read_site_config(mini.root / "mkdocs.yml")
    line = len(text.splitlines()) + 1
    assert f"mkdocs.yml:{line}:21: use_directory_urls: expected true or false, got the text 'sometimes'" in caught.value.report()
    mini.write("mkdocs.yml", "site_name: Tea\nnav: [a\n")
    with pytest.raises(CourseError) as caught:
        read_site_config(mini.root / "mkdocs.yml")
    assert "mkdocs.yml:3:1: invalid YAML" in caught.value.report()
    mini.write("mkdocs.yml", "INHERIT: nowhere.yml\nsite_name: Tea\n")
    with pytest.raises(CourseError) as caught:
        read_site_config(mini.root / "mkdocs.yml")
    assert "mkdocs.yml:1:10: INHERIT: the inherited file 'nowhere.yml' does not exist" in caught.value.report()


def test_every_bad_option_is_reported_at_once_with_its_line(mini: Project) -> None:
    text = (mini.root / "mkdocs.yml").read_text(encoding="utf-8")
    mini.write("mkdocs.yml", text.replace("  - course", "  - course:\n      max_outcome_share: 2\n      nav: maybe\n      navv: true"))
    with pytest.raises(CourseError) as caught:
        load_project(mini.root / "mkdocs.yml")
    report = caught.value.report()
    assert "mkdocs.yml:12:26: plugins.course.max_outcome_share: expected a share from 0 to 1" in report
    assert "mkdocs.yml:13:12: plugins.course.nav: expected true or false, got" in report
    mini.write("mkdocs.yml", text.replace("  - course", "  - course:\n      navv: true"))
    project = load_project(mini.root / "mkdocs.yml")
    assert project.option_warnings == [
        "mkdocs.yml:12:7: plugins.course.navv: unknown option `navv` (did you mean `nav`?); the options are "
        + ", ".join(f"`{name}`" for name in sorted(project.options.options()))
    ]


# ------------------------------------------------------------------ with MkDocs made unimportable

_NO_MKDOCS = (
    "import sys; sys.modules.update(dict.fromkeys(['mkdocs', 'material', 'properdocs', 'materialx'])); "
)


def _without_mkdocs(code: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-c", _NO_MKDOCS + code], cwd=cwd, capture_output=True, text=True,
                          timeout=180, check=False, env={**os.environ, "NO_COLOR": "1"})


def test_validate_render_and_the_extension_need_no_mkdocs(mini: Project) -> None:
    cli = "from coursegen.cli import main; sys.argv = ['course', *{args!r}]; code = main(); "
    check = "assert not any(m == 'mkdocs' or m.startswith('mkdocs.') for m in sys.modules if sys.modules[m]); "
    done = _without_mkdocs(cli.format(args=["validate", "."]) + check + "sys.exit(code)", mini.root)
    assert done.returncode == 0 and "The course is valid" in done.stdout, done.stderr
    done = _without_mkdocs(cli.format(args=["render", "out", "--config-out", "zensical.yml"]) + check + "sys.exit(code)",
                           mini.root)
    assert done.returncode == 0, done.stderr
    assert 'data-cg-quiz="check-water"' in (mini.root / "out/lessons/water.md").read_text(encoding="utf-8")
    convert = ("import markdown; from coursegen.markdown_ext import CourseExtension; "
               "print(markdown.markdown('# Tea\\n\\n<!-- quiz: check-water -->\\n', "
               "extensions=[CourseExtension(config_file='mkdocs.yml')])); " + check)
    done = _without_mkdocs(convert, mini.root)
    assert done.returncode == 0, done.stderr
    assert done.stdout.count('data-cg-quiz="check-water"') == 1
    # What needs MkDocs says so, in a sentence.
    done = _without_mkdocs(cli.format(args=["package", "scorm12", "-o", "tea.zip"]) + "sys.exit(code)", mini.root)
    assert done.returncode != 0 and "packages are built with MkDocs, which is not installed here" in done.stderr
    assert "Traceback" not in done.stderr


MKDOCS_ADAPTER = {
    "coursegen.plugin", "coursegen.mkdocs_site", "coursegen.mkdocs_pages", "coursegen.mkdocs_assets",
    "coursegen.mkdocs_files", "coursegen.mkdocs_toc", "coursegen.packaging.hooks",
}
"""The MkDocs plugin: the only modules that may import MkDocs (README: "Hosts")."""


def test_only_the_plugin_imports_mkdocs() -> None:
    code = ("import importlib, pkgutil, coursegen; failed = []\n"
            "for found in pkgutil.walk_packages(coursegen.__path__, 'coursegen.'):\n"
            "    try: importlib.import_module(found.name)\n"
            "    except ImportError: failed.append(found.name)\n"
            "print(' '.join(sorted(failed)))")
    done = _without_mkdocs(code, ROOT)
    assert done.returncode == 0, done.stderr
    assert set(done.stdout.split()) == MKDOCS_ADAPTER
