"""The runtime's weight: what a lesson page downloads from assets/coursegen/, and that none of it is inline."""

from __future__ import annotations

import gzip
import json
import re
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import pytest
from playwright.sync_api import expect

from tests.browser.support import choose, ready

pytestmark = pytest.mark.browser

BUDGET = 6144  # bytes, gzip -9, everything under assets/coursegen/ a lesson page requests
MATERIAL_TEMPLATES = Path(__import__("material").__file__).parent / "templates"
OVERRIDES = Path(__file__).resolve().parents[2] / "plugins/coursegen/theme"  # our changes to Material's templates


def _coursegen_requests(page, site) -> list[str]:
    prefix = site.url("assets/coursegen/")
    urls: list[str] = []
    page.on(
        "request",
        lambda request: request.url.startswith(prefix) and request.url not in urls and urls.append(request.url),
    )
    return urls


def _file_for(site, url: str) -> Path:
    path = urlsplit(url).path
    assert path.startswith("/course/"), url
    file = site.root / path[len("/course/") :]
    assert file.is_file(), f"{url} has no file in the build"
    return file


def test_lesson_page_runtime_fits_the_budget(page, site, course, report):
    lesson_id, quiz = course.quiz_lesson()
    urls = _coursegen_requests(page, site)
    responses: dict[str, int] = {}
    page.on("response", lambda response: responses.setdefault(response.url, response.status))
    page.goto(site.url(f"lessons/{lesson_id}/"), wait_until="networkidle")
    section = ready(page, quiz.id)
    # Use the quiz, so anything loaded on demand counts too.
    choose(page, quiz.id, quiz.wrong_answers())
    section.locator("[data-cg-action=check]").click()
    expect(section.locator("[data-cg-result]")).to_be_visible()
    page.wait_for_load_state("networkidle")

    assert urls, "the lesson page requested nothing under assets/coursegen/"
    sizes = {}
    for url in urls:
        assert responses.get(url) == 200, f"{url} answered {responses.get(url)}"
        sizes[url] = len(gzip.compress(_file_for(site, url).read_bytes(), compresslevel=9, mtime=0))
    total = sum(sizes.values())
    detail = ", ".join(f"{urlsplit(u).path.rsplit('/', 1)[-1]} {n}" for u, n in sizes.items())
    report(f"coursegen runtime on a lesson page: {total} bytes gzip -9 (budget {BUDGET}): {detail}")
    print(f"coursegen runtime: {total} bytes gzipped ({detail})")
    assert any(u.endswith(".js") for u in urls) and any(u.endswith(".css") for u in urls), urls
    assert total <= BUDGET, f"the runtime a lesson page loads is {total} bytes gzipped, over {BUDGET}: {detail}"


class _Scripts(HTMLParser):
    """Every <script> and <style> of a page, with attributes and text."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found: list[tuple[str, dict[str, str | None], str]] = []
        self._open: tuple[str, dict[str, str | None], list[str]] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in ("script", "style"):
            self._open = (tag, dict(attrs), [])

    def handle_data(self, data: str) -> None:
        if self._open:
            self._open[2].append(data)

    def handle_endtag(self, tag: str) -> None:
        if self._open and tag == self._open[0]:
            self.found.append((tag, self._open[1], "".join(self._open[2])))
            self._open = None


def _material_inline_scripts() -> list[re.Pattern[str]]:
    """Inline <script> bodies of Material's templates and of our overrides, Jinja expressions as wildcards."""
    patterns = []
    script = re.compile(r'<script(?: data-md-[a-z-]+="[^"]*")?>(.*?)</script>', re.DOTALL)
    for template in [*MATERIAL_TEMPLATES.rglob("*.html"), *OVERRIDES.rglob("*.html")]:
        for body in script.findall(template.read_text(encoding="utf-8")):
            parts = re.split(r"\{\{.*?\}\}|\{%.*?%\}", body.strip(), flags=re.DOTALL)
            patterns.append(re.compile(".*?".join(re.escape(p) for p in parts), re.DOTALL))
    assert patterns, f"found no inline scripts in {MATERIAL_TEMPLATES}"
    return patterns


def test_runtime_is_separate_cacheable_files_not_inline(page, site, course):
    lesson_id, quiz = course.quiz_lesson()
    html = (site.root / "lessons" / lesson_id / "index.html").read_text(encoding="utf-8")
    parser = _Scripts()
    parser.feed(html)
    material = _material_inline_scripts()
    data_blocks = 0
    for tag, attrs, text in parser.found:
        classes = (attrs.get("class") or "").split()
        if tag == "style":
            pytest.fail(f"inline <style> in the lesson page: {text[:200]!r}")
        if attrs.get("src"):
            continue
        if attrs.get("type") == "application/json" and "cg-data" in classes:
            json.loads(text)
            data_blocks += 1
        elif attrs.get("type") == "application/json" and attrs.get("id") == "__config":
            continue  # Material's configuration
        elif any(p.fullmatch(text.strip()) for p in material):
            continue
        else:
            pytest.fail(f"inline <script {attrs}> that is neither Material's nor quiz data: {text[:300]!r}")
    assert data_blocks or 'class="cg-data"' in html, "the lesson page has no quiz data (.cg-data)"

    # The runtime is linked as files, the same URLs on every page, so the browser caches it once.
    # Read from the page as served: what the runtime adds later (the tools' stylesheet) is no link of the page's.
    def linked(page_path: str) -> set[str]:
        response = page.goto(site.url(page_path))
        assert response is not None
        tags = re.findall(r'<script\b[^>]*\ssrc="([^"]+)"|<link\b[^>]*\srel="stylesheet"[^>]*\shref="([^"]+)"', response.text())
        urls = {urljoin(response.url, src or href) for src, href in tags}
        return {url for url in urls if "/assets/coursegen/" in url}

    on_lesson = linked(f"lessons/{lesson_id}/")
    ready(page, quiz.id)
    on_home = linked("")
    assert on_lesson, "the lesson page links no file under assets/coursegen/"
    assert on_lesson == on_home, f"the lesson and home pages link different runtime files: {on_lesson} vs {on_home}"
