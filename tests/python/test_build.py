"""Build small courses in a temporary folder and check the HTML that comes out."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

from tests.python.conftest import Project

DATA = re.compile(r'<template class="cg-data" data-search-exclude>(.*?)</template>', re.DOTALL)


def quiz_data(html: str) -> list[dict]:
    return [json.loads(raw) for raw in DATA.findall(html)]


def test_lessons_become_pages_with_their_quiz(mini: Project) -> None:
    mini.build(strict=True)
    html = mini.html("lessons/water")
    assert "<h1 id=\"water\">Water" in html
    assert "Green tea wants water around 80 °C" in html
    assert 'data-cg-quiz="check-water"' in html
    assert '<input type="checkbox" name="cg-check-water-fresh"' in html  # two correct options: multiple answers
    assert '<input type="radio" name="cg-check-water-green"' in html
    [data] = quiz_data(html)
    assert data["id"] == "check-water" and data["passMark"] == 50
    assert data["questions"][1]["correct"] == ["a", "b"]
    assert "Checking answers needs JavaScript" in html
    # Feedback is in the page for the runtime, hidden until the learner checks.
    assert re.search(r"<div class=\"cg-feedback\"[^>]*data-search-exclude hidden><p>Too hot for green tea.</p></div>", html)


def test_yaml_sources_are_not_published(mini: Project) -> None:
    site = mini.build()
    published = {path.suffix for path in site.rglob("*") if path.is_file()}
    assert ".yml" not in published and ".yaml" not in published


def test_nav_follows_the_outline_and_prev_next_follow_course_order(mini: Project) -> None:
    mini.build()
    home = mini.html("")
    nav_titles = re.findall(r'<span class="md-ellipsis">\s*([^<]+?)\s*</span>', home)
    assert nav_titles.index("Water") < nav_titles.index("Steeping")
    assert "Basics" in nav_titles
    water = mini.html("lessons/water")
    assert '<link rel="next" href="../steeping/">' in water
    assert '<link rel="prev" href="../..">' in water


def test_the_outline_may_place_the_generated_pages(mini: Project, build_fails: Callable[..., str]) -> None:
    outline = (mini.root / "content/course.yml").read_text()
    mini.write("content/course.yml", outline + "pages_before: [team.md]\npages_after: [my-results.md, quiz.md]\n")
    mini.build(strict=True)
    nav = re.findall(r'<span class="md-ellipsis">\s*([^<]+?)\s*</span>', mini.html(""))
    assert nav.count("Team view") == 1 and nav.count("My results") == 1
    assert nav.index("Team view") < nav.index("Basics") < nav.index("My results") < nav.index("Which tea?")

    config = (mini.root / "mkdocs.yml").read_text()
    mini.write("mkdocs.yml", config.replace("  - course", "  - course:\n      team_page: false"))
    message = build_fails(mini)
    assert (
        "content/course.yml:8:16: pages_before[0]: expected a Markdown page in the docs folder "
        "or one the plugin adds (my-results.md), `team.md` is not one"
    ) in message


def test_a_real_page_wins_over_a_generated_one(mini: Project) -> None:
    mini.write("content/lessons/water.md", "# Hand-written water page\n")
    mini.build(strict=True)
    assert "Hand-written water page" in mini.html("lessons/water")
    assert "Steeping" in mini.html("lessons/steeping")


def test_a_hand_written_nav_is_kept(mini: Project) -> None:
    config = (mini.root / "mkdocs.yml").read_text()
    mini.write("mkdocs.yml", config + "nav:\n  - Home: index.md\n  - Steeping: lessons/steeping.md\n  - Quiz: quiz.md\n")
    mini.build()
    home = mini.html("")
    # The progress box's data lists every lesson; the navigation only the listed ones.
    assert 'href="lessons/steeping/"' in home and 'href="lessons/water/"' not in home


def test_any_page_embeds_a_quiz_with_a_marker(mini: Project) -> None:
    mini.build(strict=True)
    html = mini.html("quiz")
    [data] = quiz_data(html)
    assert data["kind"] == "diagnostic" and data["order"] == ["black", "green"]
    # Outcome links are relative to the page, so the site works under any sub-path.
    assert '<a href="../lessons/water/">Water</a>' in html
    # A marker shown in a code block is left alone.
    assert "&lt;!-- quiz: not-a-quiz-inside-code --&gt;" in html


def test_unknown_quiz_marker_fails_with_file_and_line(mini: Project, build_fails: Callable[..., str]) -> None:
    mini.write("content/other.md", "# Other\n\nText.\n\n<!-- quiz: nope -->\n")
    message = build_fails(mini)
    assert "content/other.md:5:1: quiz marker: no quiz has the id `nope`" in message


def test_embedded_json_survives_hostile_text(mini: Project) -> None:
    hostile = "</script><script>alert(1)</script> <!-- \" ' & \u2028 end"
    quiz = (mini.root / "quizzes/which-tea.yml").read_text()
    mini.write("quizzes/which-tea.yml", quiz.replace("text: Light", f"text: {json.dumps(hostile)}"))
    mini.build(strict=True)
    html = mini.html("quiz")
    script = DATA.search(html)
    assert script is not None
    assert "<" not in script.group(1) and "\u2028" not in script.group(1)
    [data] = quiz_data(html)
    assert data["questions"][0]["options"][0]["text"] == hostile
    # In the HTML the label is escaped text, not markup.
    assert "&lt;/script&gt;&lt;script&gt;alert(1)&lt;/script&gt;" in html


def test_assets_ship_from_the_package_and_load_nothing_from_elsewhere(mini: Project) -> None:
    site = mini.build()
    assert (site / "assets/coursegen/course.js").is_file()
    assert (site / "assets/coursegen/course.css").is_file()
    html = mini.html("lessons/water")
    assert '<script src="../../assets/coursegen/course.js" type="module"></script>' in html
    assert '<link rel="stylesheet" href="../../assets/coursegen/course.css">' in html
    for page in site.rglob("*.html"):
        text = page.read_text(encoding="utf-8")
        loaded = re.findall(r'<(?:script|link|img|iframe)\b(?![^>]*rel="canonical")[^>]+(?:src|href)="((?:https?:)?//[^"]+)"', text)
        assert not loaded, f"{page} loads {loaded}"
        assert "fonts.googleapis" not in text and "fonts.gstatic" not in text


def test_strict_turns_a_dominating_outcome_into_an_error(mini: Project, build_fails: Callable[..., str]) -> None:
    quiz = (mini.root / "quizzes/which-tea.yml").read_text()
    mini.write("quizzes/which-tea.yml", quiz.replace("weights: {green: 2}", "weights: {green: 1}"))
    mini.build()  # without --strict: a warning only
    message = build_fails(mini, strict=True)
    assert "outcome `black` of `which-tea` wins 75% of all answer combinations" in message


def test_serve_watches_the_quizzes_and_cases_folders(mini: Project) -> None:
    from mkdocs.config import load_config

    config = load_config(str(mini.root / "mkdocs.yml"))
    watched: list[str] = []

    class Server:
        def watch(self, path: str) -> None:
            watched.append(path)

    plugin = config.plugins["course"]
    plugin.on_serve(Server(), config=config, builder=None)  # type: ignore[arg-type]
    assert watched == [str(mini.root / "quizzes")]
    # The case libraries too, once there are some.
    mini.write("cases/which-tea.yml", "diagnostic: which-tea\ncases: []\n")
    watched.clear()
    plugin.on_serve(Server(), config=config, builder=None)  # type: ignore[arg-type]
    assert watched == [str(mini.root / "quizzes"), str(mini.root / "cases")]


def run_cli(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "mkdocs", *args], cwd=cwd, capture_output=True, text=True, timeout=120, check=False)


def test_broken_course_exits_non_zero_without_traceback(mini: Project) -> None:
    mini.write("quizzes/check-water.yml", "id: check-water\nkind: knowledge\nquestions: 3\n")
    for strict in ([], ["--strict"]):
        result = run_cli("build", *strict, cwd=mini.root)
        assert result.returncode != 0
        assert "Traceback" not in result.stderr
        assert "quizzes/check-water.yml:3:12: questions: expected a list" in result.stderr


def test_failed_build_keeps_the_previous_site(mini: Project, build_fails: Callable[..., str]) -> None:
    site = mini.build()
    mini.write("content/lessons/water.yml", "id: water\n")
    build_fails(mini)
    assert (site / "lessons/water/index.html").is_file()


def test_properdocs_builds_the_same_course(mini: Project) -> None:
    """ProperDocs, the maintained fork of MkDocs 1.6, loads the plugin unchanged."""
    result = subprocess.run(
        [sys.executable, "-m", "properdocs", "build", "--strict", "-d", "proper-site"],
        cwd=mini.root, capture_output=True, text=True, timeout=120, check=False,
    )
    assert result.returncode == 0, result.stderr
    html = (mini.root / "proper-site/lessons/water/index.html").read_text(encoding="utf-8")
    assert 'data-cg-quiz="check-water"' in html
    assert (mini.root / "proper-site/assets/coursegen/course.js").is_file()


def test_search_index_does_not_give_answers_away(mini: Project) -> None:
    site = mini.build()
    index = (site / "search/search_index.json").read_text(encoding="utf-8")
    assert "Which temperature suits green tea?" in index  # questions stay searchable
    for secret in ("Too hot for green tea", "Green tea is delicate", '"correct"', "passMark"):
        assert secret not in index


def _contents(html: str) -> list[str]:
    """The entries of a built page's table of contents (Material's secondary navigation)."""
    nav = html[html.index("md-nav--secondary") :]
    return re.findall(r'<a href="#([^"]+)" class="md-nav__link">', nav[: nav.index("</nav>")])


def test_a_quiz_is_listed_in_the_pages_table_of_contents_where_it_stands(mini: Project) -> None:
    mini.write("content/placed.md", "# Placed\n\n## Before\n\nText.\n\n<!-- quiz: which-tea -->\n\n## After\n\nMore.\n")
    mini.build(strict=True)
    assert _contents(mini.html("placed")) == ["before", "cg-which-tea-title", "after"]
    # A lesson's own check comes last, after the lesson's sections.
    assert _contents(mini.html("lessons/water")) == ["what-you-will-learn", "temperature", "key-takeaways", "cg-check-water-title"]


def test_quiz_headings_are_found_by_their_ids_in_page_order() -> None:
    from coursegen.mkdocs_toc import quiz_headings

    html = (
        '<h2 id="cg-b-title">B</h2><p>Quoted: id="cg-a-title">not a heading</p>'
        '<h2 id="other">Other</h2><h3 id="cg-a-title">A <em>one</em></h3>'
    )
    found = quiz_headings(html, ["a", "b", "missing"])
    assert [(link.title, link.id, link.level) for link in found] == [("B", "cg-b-title", 2), ("A <em>one</em>", "cg-a-title", 3)]


def test_a_quiz_with_the_pages_own_title_goes_by_the_pages_heading(mini: Project) -> None:
    """No title twice: the page's heading names the quiz, which shows no heading of its own."""
    mini.write("content/own.md", "# Which tea  suits YOU?\n\n<!-- quiz: which-tea -->\n")
    mini.build(strict=True)
    own = mini.html("own")
    assert re.search(r'<h1 id="which-tea-suits-you">', own)
    assert '<section class="cg-quiz cg-diagnostic" data-cg-quiz="which-tea" aria-labelledby="which-tea-suits-you">' in own
    assert 'id="cg-which-tea-title"' not in own and own.count("Which tea suits you?") == 0
    assert _contents(own) == []  # nothing under the page's heading to list
    # Under another title the quiz keeps its heading, and the contents list it.
    other = mini.html("quiz")
    assert '<h2 id="cg-which-tea-title">Which tea suits you?</h2>' in other


def test_a_worked_case_is_a_card_with_its_heading_in_the_contents_and_the_lesson_keeps_its_title(mini: Project) -> None:
    lesson = (mini.root / "content/lessons/steeping.yml").read_text(encoding="utf-8")
    mini.write(
        "content/lessons/steeping.yml",
        lesson + "case:\n  title: The bitter pot\n  setting: A tea shop\n  body: Ana left the pot for ten minutes.\n",
    )
    mini.build(strict=True)
    html = mini.html("lessons/steeping")
    card = html[html.index('<div class="admonition example cg-case">') :]
    card = card[: card.index("</div>")]
    assert '<h2 class="admonition-title" id="worked-case-the-bitter-pot">' in card
    assert "A tea shop" in card and "Ana left the pot for ten minutes." in card
    assert "Key takeaways" not in card  # the card ends with the case
    assert "worked-case-the-bitter-pot" in _contents(html)
    # The lesson's place in the course stands above its title, and the title is still the page's.
    assert html.index('class="cg-lesson-meta"') < html.index("<h1")
    assert "<title>Steeping" in html
