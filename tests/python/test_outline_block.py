"""The outline block (`<!-- course: outline -->`) and the course's facts (`<!-- course: facts -->`)."""

from __future__ import annotations

import re
from collections.abc import Callable
from html.parser import HTMLParser
from pathlib import Path

import yaml
from coursegen.i18n import Strings

from tests.python.conftest import Project

EN = Strings.for_language("en")
MARKED_HOME = "# Brewing tea\n\n## How long it takes\n\n<!-- course: facts -->\n\n## The lessons\n\n<!-- course: outline -->\n"
MILK = """id: milk
title: Milk or not
summary: When milk helps a tea, and when it hides it.
minutes: 7
objectives: [Decide on milk.]
sections:
  - heading: Strong teas
    body: Milk suits strong black tea.
takeaways: [Milk for strong tea only.]
"""


class _Outline(HTMLParser):
    """The outline block of a page: each module's heading and its lessons (link, text, meta)."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.modules: list[dict] = []
        self.depth = 0  # inside div.cg-outline: 1, and one more inside a module's lesson list
        self.heading: str | None = None
        self.lesson: dict | None = None
        self.meta = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = dict(attrs)
        if (tag == "div" and found.get("class") == "cg-outline") or (self.depth and tag == "ol"):
            self.depth += 1
        elif self.depth and tag == "section" and "data-cg-module" in found:
            self.modules.append({"id": found["data-cg-module"], "heading": "", "level": None, "meta": "", "lessons": []})
        elif self.depth and re.fullmatch(r"h[1-6]", tag):
            self.heading, self.modules[-1]["level"] = "", int(tag[1])
        elif self.depth and tag == "li" and "data-cg-outline-lesson" in found:
            self.lesson = {"id": found["data-cg-outline-lesson"], "href": None, "text": "", "meta": ""}
            self.modules[-1]["lessons"].append(self.lesson)
        elif self.lesson is not None and tag == "a":
            self.lesson["href"] = found.get("href")
        elif self.depth and found.get("class") == "cg-lesson-meta":
            self.meta = True

    def handle_endtag(self, tag: str) -> None:
        if self.depth and tag in ("ol", "div"):
            self.depth -= 1
        elif self.heading is not None and re.fullmatch(r"h[1-6]", tag):
            self.modules[-1]["heading"], self.heading = self.heading, None
        elif tag in ("span", "p"):
            self.meta = False
        if tag == "a" and self.lesson is not None:
            self.lesson["title"] = self.lesson["text"].strip()
        if tag == "li" and self.lesson is not None and self.depth == 2:
            self.lesson = None

    def handle_data(self, data: str) -> None:
        if self.heading is not None:
            self.heading += data
        elif self.meta and self.lesson is not None:
            self.lesson["meta"] += data
        elif self.meta and self.modules:
            self.modules[-1]["meta"] += data
        elif self.lesson is not None and self.lesson["href"] is not None and "title" not in self.lesson:
            self.lesson["text"] += data


def outline_of(html: str) -> list[dict]:
    parser = _Outline()
    parser.feed(html)
    return parser.modules


def facts_of(html: str) -> list[str]:
    return re.findall(r'<(?:p|span) class="cg-facts">([^<]*)</(?:p|span)>', html)


def test_the_block_renders_the_outline(mini: Project) -> None:
    mini.write("content/index.md", MARKED_HOME)
    mini.build(strict=True)
    [basics] = outline_of(mini.html(""))
    assert basics["heading"] == "Module 1: Basics" and basics["level"] == 3  # under the page's h2
    assert basics["meta"] == "2 lessons · About 6 min"
    assert [(lesson["id"], lesson["title"], lesson["href"]) for lesson in basics["lessons"]] == [
        ("water", "Water", "lessons/water/"),
        ("steeping", "Steeping", "lessons/steeping/"),
    ]
    assert [lesson["meta"] for lesson in basics["lessons"]] == ["· About 3 min", "· About 3 min"]
    home = mini.html("")
    assert "<p>Fresh water, the right temperature.</p>" in home  # the lesson's summary
    # Semantic: a section per module, with its heading; each lesson list ordered and numbered.
    assert '<div class="cg-outline">\n<section class="cg-module"' in home and '<ol type="1">' in home
    assert facts_of(home) == ["2 lessons in 1 module, 3 minutes each: about 6 minutes in all."]
    # No controls, nothing that needs JavaScript to read.
    block = home[home.index('<div class="cg-outline">') :]
    assert not re.search(r"<(button|input|select|form)\b", block[: block.index("</ol>\n</section>\n</div>")])


def test_links_are_relative_to_the_page_and_headings_follow_it(mini: Project) -> None:
    mini.write("content/guide/overview.md", "# Overview\n\n<!-- course: outline -->\n\nThe course: <!-- course: facts -->\n")
    mini.build(strict=True)
    html = mini.html("guide/overview")
    [basics] = outline_of(html)
    assert [lesson["href"] for lesson in basics["lessons"]] == ["../../lessons/water/", "../../lessons/steeping/"]
    assert basics["level"] == 2  # right under the h1
    # Inside the author's sentence, the facts are part of its paragraph.
    assert "<p>The course: <span class=\"cg-facts\">2 lessons in 1 module" in html


def test_a_lesson_added_to_the_outline_appears_with_the_counts_updated(mini: Project) -> None:
    mini.write("content/index.md", MARKED_HOME)
    mini.write("content/lessons/milk.yml", MILK)
    outline = yaml.safe_load((mini.root / "content/course.yml").read_text())
    outline["modules"][0]["lessons"].append("milk")
    outline["modules"][0]["summary"] = "Water & time."
    mini.write("content/course.yml", yaml.safe_dump(outline, sort_keys=False))
    mini.build(strict=True)
    home = mini.html("")
    [basics] = outline_of(home)
    assert basics["meta"] == "3 lessons · About 13 min" and "<p>Water &amp; time.</p>" in home
    assert [(lesson["title"], lesson["href"], lesson["meta"]) for lesson in basics["lessons"]][2] == (
        "Milk or not", "lessons/milk/", "· About 7 min"
    )
    assert facts_of(home) == ["3 lessons in 1 module, 3 to 7 minutes each: about 13 minutes in all."]

    # Moved into a module of its own: numbered, counted and summed there.
    outline["modules"][0]["lessons"].remove("milk")
    outline["modules"].append({"id": "serving", "title": "Serving", "summary": "After the *pot*.", "lessons": ["milk"]})
    mini.write("content/course.yml", yaml.safe_dump(outline, sort_keys=False))
    mini.build(strict=True)
    home = mini.html("")
    basics, serving = outline_of(home)
    assert basics["meta"] == "2 lessons · About 6 min"
    assert serving["heading"] == "Module 2: Serving" and serving["meta"] == "1 lesson · About 7 min"
    assert "<p>After the <em>pot</em>.</p>" in home
    assert facts_of(home) == ["3 lessons in 2 modules, 3 to 7 minutes each: about 13 minutes in all."]
    # The lesson page's own line agrees with the block.
    assert '<p class="cg-lesson-meta">Module 2: Serving · Lesson 1 · About 7 min</p>' in mini.html("lessons/milk")


def test_unknown_course_marker_fails_with_file_and_line(mini: Project, build_fails: Callable[..., str]) -> None:
    mini.write("content/other.md", "# Other\n\nText.\n\n<!-- course: outlines -->\n")
    message = build_fails(mini)
    assert "content/other.md:5:1: course marker: no course block is called `outlines`; known: `facts`, `outline`" in message


def test_unknown_course_marker_in_a_lesson_is_placed_in_its_yaml(mini: Project, build_fails: Callable[..., str]) -> None:
    lesson = (mini.root / "content/lessons/water.yml").read_text()
    body = "body: |\n      Green tea wants water around 80 °C.\n\n      <!-- course: facs -->\n"
    mini.write("content/lessons/water.yml", lesson.replace("body: Green tea wants water around 80 °C; black tea wants it boiling.\n", body))
    message = build_fails(mini)
    assert "content/lessons/water.yml:11:7: course marker: no course block is called `facs`" in message


def test_unknown_course_marker_on_another_plugins_page_fails_the_build(
    mini: Project, build_fails: Callable[..., str]
) -> None:
    # A page the checks before the build cannot see (added by a hook): the build itself reports it.
    mini.write("hooks.py", (
        "from mkdocs.structure.files import File\n\n"
        "def on_files(files, config):\n"
        "    files.append(File.generated(config, 'added.md', content='# Added\\n\\n<!-- course: nope -->\\n'))\n"
        "    return files\n"
    ))
    config = (mini.root / "mkdocs.yml").read_text()
    mini.write("mkdocs.yml", config + "hooks: [hooks.py]\n")
    message = build_fails(mini)
    assert "added.md:3:1: course marker: no course block is called `nope`" in message


def test_markers_shown_in_code_are_left_alone(mini: Project) -> None:
    page = (
        "# Writing pages\n\nWrite `<!-- course: outline -->` where the outline goes.\n\n"
        "```markdown\n<!-- course: outline -->\n<!-- course: not-a-block -->\n```\n\n    <!-- course: nope -->\n"
    )
    mini.write("content/writing.md", page)
    mini.build(strict=True)
    html = mini.html("writing")
    assert 'class="cg-outline"' not in html and 'class="cg-facts"' not in html
    assert html.count("&lt;!-- course: outline --&gt;") == 2 and "&lt;!-- course: not-a-block --&gt;" in html


def test_the_block_in_german(mini: Project) -> None:
    config = mini.root / "mkdocs.yml"
    config.write_text(config.read_text().replace("  name: material\n", "  name: material\n  language: de\n"))
    mini.write("content/index.md", MARKED_HOME)
    mini.build(strict=True)
    home = mini.html("")
    [basics] = outline_of(home)
    assert basics["heading"] == "Modul 1: Basics" and basics["meta"] == "2 Lektionen · Etwa 6 Min."
    assert facts_of(home) == ["2 Lektionen in 1 Modul, je 3 Minuten: insgesamt etwa 6 Minuten."]


def _nav_sections(html: str) -> dict[str, list[str]]:
    """The primary navigation's module sections → their lessons' titles (Material's markup)."""
    sections: dict[str, list[str]] = {}
    for match in re.finditer(r'<label class="md-nav__link" for="__nav_\d+"[^>]*>\s*<span class="md-ellipsis">\s*([^<]+?)\s*</span>', html):
        title = match[1]
        rest = html[match.end() :]
        nav = rest[: rest.index("</nav>")]
        sections[title] = re.findall(r'<a href="[^"]*lessons/[^"]+/" class="md-nav__link">\s*<span class="md-ellipsis">\s*([^<]+?)\s*</span>', nav)
    return sections


def test_navigation_home_block_and_lesson_lines_agree(real_site: Path) -> None:
    """The real course: the nav's module and lesson titles are the block's, and each lesson's
    line under its title names the same module, number and minutes as the block."""
    home = (real_site / "index.html").read_text(encoding="utf-8")
    modules = outline_of(home)
    nav = _nav_sections(home)
    assert modules and nav
    block = {module["heading"]: [lesson["title"] for lesson in module["lessons"]] for module in modules}
    expected = {EN("outline_module", number=n, title=title): lessons for n, (title, lessons) in enumerate(nav.items(), 1)}
    assert block == expected
    lessons = [lesson for module in modules for lesson in module["lessons"]]
    assert len(lessons) == len(list((real_site.parent / "content/lessons").glob("*.yml")))
    for number, module in enumerate(modules, start=1):
        title = list(nav)[number - 1]
        for position, lesson in enumerate(module["lessons"], start=1):
            assert lesson["href"] == f"lessons/{lesson['id']}/"
            page = (real_site / "lessons" / lesson["id"] / "index.html").read_text(encoding="utf-8")
            minutes = re.fullmatch(r"· About (\d+) min", lesson["meta"])
            assert minutes, lesson
            line = EN("lesson_meta", module=number, title=title, lesson=position, minutes=minutes[1])
            assert f'<p class="cg-lesson-meta">{line}</p>' in page, (lesson["id"], line)
            assert f">{lesson['title']}</h1>" in page or f'{lesson["title"]}<a class="headerlink"' in page
    # The facts add up what the block shows.
    total = sum(int(lesson["meta"].split()[2]) for lesson in lessons)
    [facts] = facts_of(home)
    assert facts.startswith(f"{len(lessons)} lessons in {len(modules)} modules, ") and f"about {total} minutes" in facts
