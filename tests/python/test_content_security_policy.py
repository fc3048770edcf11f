"""The Content-Security-Policy the build gives every page (the browser side is tests/browser/test_csp.py)."""

from __future__ import annotations

import logging
import re
from collections.abc import Callable
from pathlib import Path

import pytest
from coursegen.csp import SitePolicy, inline_script_hashes, policy, script_hash

from tests.conftest import ROOT
from tests.python.conftest import Project

META = re.compile(r'<meta http-equiv="Content-Security-Policy" content="([^"]*)">')
SCRIPT = re.compile(r"<script\b([^>]*)>(.*?)</script>", re.DOTALL)


def policies(site: Path) -> dict[str, list[str]]:
    """Every HTML file of the site and the policies it carries."""
    return {path.relative_to(site).as_posix(): META.findall(path.read_text(encoding="utf-8")) for path in site.rglob("*.html")}


def test_every_page_of_the_real_course_has_one_strict_site_wide_policy(real_site: Path) -> None:
    found = policies(real_site)
    assert "404.html" in found and "index.html" in found and len(found) > 15
    assert all(len(metas) == 1 for metas in found.values()), {page: len(m) for page, m in found.items() if len(m) != 1}
    [text] = {metas[0] for metas in found.values()}
    directives = dict(part.strip().split(" ", 1) for part in text.split(";"))
    assert directives["script-src"].startswith("'self' 'sha256-") and "unsafe" not in directives["script-src"]
    assert directives["object-src"] == "'none'" and directives["base-uri"] == "'self'" and directives["form-action"] == "'self'"
    assert directives["default-src"] == "'self'" and directives["worker-src"] == "'self'"
    allowed = set(directives["script-src"].split()[1:])
    for page in real_site.rglob("*.html"):
        html = page.read_text(encoding="utf-8")
        assert html.index("Content-Security-Policy") < html.index("<script"), f"{page}: a script comes before the policy"
        for attrs, body in SCRIPT.findall(html):
            if "src=" not in attrs and "application/json" not in attrs:
                assert script_hash(body) in allowed, f"{page}: an inline script is not allowed: {body[:80]}"
    # The theme's scripts are the same text on every page (the plugin's theme/partials/javascripts/base.html).
    assert len(allowed) <= 4, allowed


def test_a_script_in_the_course_text_is_blocked_and_warned_about(mini: Project, caplog: pytest.LogCaptureFixture) -> None:
    mini.write("content/tracker.md", "# Tracker\n\nHello.\n\n<script>window.tracked = 1</script>\n\n<p onclick=\"go()\">Go</p>\n")
    lesson = (mini.root / "content/lessons/steeping.yml").read_text()
    mini.write("content/lessons/steeping.yml", lesson.replace(
        "    body: Three minutes suits most black teas.",
        "    body: 'Three minutes suits most black teas. <a href=\"javascript:alert(1)\">Try</a>'",
    ))
    mini.write("content/sample.md", "# Sample\n\n```html\n<script>shown, not run</script>\n```\n")
    with caplog.at_level(logging.WARNING):
        site = mini.build()
    warnings = "\n".join(record.getMessage() for record in caplog.records if record.levelname == "WARNING")
    assert "content/tracker.md:5: an inline <script> in the page: the site's Content-Security-Policy blocks it" in warnings
    assert "content/tracker.md:7: an event handler attribute (onclick=) in the page" in warnings
    assert "content/lessons/steeping.yml:8: a javascript: link in the lesson's text" in warnings
    assert "sample.md" not in warnings  # a script shown in a code block is text
    [text] = {metas[0] for metas in policies(site).values()}
    assert script_hash("window.tracked = 1") not in text


def test_strict_turns_a_blocked_script_into_a_failure_before_anything_is_cleaned(
    mini: Project, build_fails: Callable[..., str]
) -> None:
    site = mini.build()
    mini.write("content/tracker.md", "<script>window.tracked = 1</script>\n")
    message = build_fails(mini, strict=True)
    assert "content/tracker.md:1: an inline <script> in the page" in message
    assert not (site / "tracker").exists() and (site / "lessons/water/index.html").is_file()


def test_scripts_and_stylesheets_from_other_hosts_are_warned_about(mini: Project, caplog: pytest.LogCaptureFixture) -> None:
    config = (mini.root / "mkdocs.yml").read_text()
    mini.write("mkdocs.yml", config.replace("  font: false\n", "") + "extra_javascript: [https://cdn.example.org/x.js]\n")
    with caplog.at_level(logging.WARNING):
        mini.build()
    warnings = "\n".join(record.getMessage() for record in caplog.records if record.levelname == "WARNING")
    assert "mkdocs.yml: extra_javascript: `https://cdn.example.org/x.js` is on another host" in warnings
    assert "mkdocs.yml: theme.font: Material loads Google Fonts unless `font: false`" in warnings


def test_an_inline_script_on_one_page_is_allowed_on_every_page(mini: Project) -> None:
    """Instant navigation runs a swapped-in page's scripts under the first page's policy."""
    config = (mini.root / "mkdocs.yml").read_text()
    mini.write("mkdocs.yml", config.replace("  name: material\n", "  name: material\n  custom_dir: overrides\n"))
    mini.write(
        "overrides/main.html",
        '{% extends "base.html" %}\n{% block scripts %}{{ super() }}'
        "{% if page and page.url == 'quiz/' %}<script>window.onlyOnTheQuizPage = 1</script>{% endif %}{% endblock %}\n",
    )
    site = mini.build(strict=True)
    texts = {metas[0] for metas in policies(site).values()}
    assert len(texts) == 1 and script_hash("window.onlyOnTheQuizPage = 1") in texts.pop()


def test_the_policy_can_be_switched_off(mini: Project) -> None:
    config = (mini.root / "mkdocs.yml").read_text()
    mini.write("mkdocs.yml", config.replace("  - course\n", "  - course:\n      content_security_policy: false\n"))
    site = mini.build()
    assert not any(policies(site).values())


def test_mkdocs_serve_gets_a_policy_its_live_reload_script_passes(mini: Project) -> None:
    """`mkdocs serve` adds a live-reload script to every page as it sends it: inline scripts are allowed there."""
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    config = load_config(str(mini.root / "mkdocs.yml"))
    config.plugins.on_startup(command="serve", dirty=False)
    try:
        build(config)
    finally:
        config.plugins.on_shutdown()  # MkDocs keeps the plugin for the process: later tests build
    [text] = {metas[0] for metas in policies(Path(config.site_dir)).values()}
    assert "script-src 'self' 'unsafe-inline';" in text and "object-src 'none'" in text


def test_pages_written_before_a_new_script_get_the_final_policy(tmp_path: Path) -> None:
    site = SitePolicy()
    first, second = tmp_path / "a.html", tmp_path / "b.html"
    page = '<html><head><meta charset="utf-8"><script>one()</script></head><body>{}</body></html>'
    first.write_text(site.page(page.format(""), str(first)))
    second.write_text(site.page(page.format("<script>two()</script>"), str(second)))
    assert site.finish() == 1
    final = policy({script_hash("one()"), script_hash("two()")})
    for path in (first, second):
        assert META.findall(path.read_text()) == [final.replace("&", "&amp;")]


def test_only_scripts_a_browser_runs_are_hashed() -> None:
    html = (
        '<script>a()</script><script type="module">b()</script><script src="x.js"></script>'
        '<script type="application/json">{"c": 1}</script><SCRIPT TYPE="text/javascript">d()</SCRIPT>'
        "<script>\r\ne()\r\n</script>"
    )
    assert inline_script_hashes(html) == {script_hash(s) for s in ("a()", "b()", "d()", "\ne()\n")}


def test_the_storage_helper_override_tracks_the_installed_material() -> None:
    """The plugin's theme/partials/javascripts/base.html is Material's with two changes; a new Material must be looked at."""
    import material

    original = Path(material.__file__).parent / "templates/partials/javascripts/base.html"
    ours = (ROOT / "plugins/coursegen/theme/partials/javascripts/base.html").read_text(encoding="utf-8")
    theirs = original.read_text(encoding="utf-8")
    # The helpers Material defines, and which it expects, are all there.
    for name in re.findall(r"(__md_\w+)=", theirs):
        assert f"{name}=" in ours, f"Material's {name} is missing from our override"
    assert "catch" in ours
