"""What a build keeps in memory: models released after their page, files cached only for `mkdocs serve`."""

from __future__ import annotations

import logging

import pytest
from coursegen.diagnostics import CourseError
from coursegen.loading import CoursePaths, Sourced, load_course
from coursegen.plugin import CoursePlugin
from coursegen.yaml_source import read_document
from mkdocs.commands.build import build
from mkdocs.config import load_config
from pydantic import BaseModel

from tests.python.conftest import Project


def built_plugin(project: Project, command: str | None = None) -> CoursePlugin:
    """Build ``project``; return its course plugin (after ``on_startup(command)`` when given)."""
    config = load_config(str(project.root / "mkdocs.yml"))
    plugin = config.plugins["course"]
    if command is not None:
        plugin.on_startup(command=command, dirty=False)
    logging.getLogger("mkdocs").setLevel(logging.WARNING)
    build(config)
    return plugin


def loaded(sourced: Sourced) -> bool:
    return sourced._model is not None


def test_a_build_releases_each_lesson_and_its_check_once_the_page_is_made(mini: Project) -> None:
    plugin = built_plugin(mini, "build")
    course = plugin.site.course
    assert not any(loaded(sourced) for sourced in course.lessons.values())
    assert not loaded(course.quizzes["check-water"])
    assert loaded(course.quizzes["which-tea"])  # on a page of its own, not a lesson's check
    # Released or not, the pages are complete.
    assert "cg-data" in mini.html("lessons/water") and "Green tea wants water around 80" in mini.html("lessons/water")


def test_a_released_model_is_read_again_when_asked_for(mini: Project) -> None:
    course = built_plugin(mini).site.course
    sourced = course.quizzes["check-water"]
    assert not loaded(sourced)
    again = sourced.model
    assert again.id == "check-water" and loaded(sourced) and sourced.model is again


def test_a_released_model_whose_file_broke_meanwhile_is_reported_with_its_place(mini: Project) -> None:
    course = built_plugin(mini).site.course
    text = (mini.root / "quizzes/check-water.yml").read_text()
    mini.write("quizzes/check-water.yml", text.replace("pass_mark: 50", "pass_mark: lots"))
    with pytest.raises(CourseError) as caught:
        _ = course.quizzes["check-water"].model
    [problem] = caught.value.problems
    assert problem.file == "quizzes/check-water.yml" and problem.line == 3 and problem.field == "pass_mark"


def test_serve_keeps_every_model_and_reloads_only_changed_files(mini: Project) -> None:
    config = load_config(str(mini.root / "mkdocs.yml"))
    config.plugins.on_startup(command="serve", dirty=False)  # as `mkdocs serve` does, once
    plugin = config.plugins["course"]
    logging.getLogger("mkdocs").setLevel(logging.WARNING)
    try:
        build(config, serve_url="http://127.0.0.1:8000/")
        first = plugin.site.course
        assert all(loaded(sourced) for sourced in [*first.lessons.values(), *first.quizzes.values()])

        water = mini.root / "content/lessons/water.yml"
        water.write_text(water.read_text().replace("title: Water", "title: Fresh water"))
        config = load_config(str(mini.root / "mkdocs.yml"))  # each rebuild loads the config again
        assert config.plugins["course"] is plugin  # ...and MkDocs hands it the same plugin
        build(config, serve_url="http://127.0.0.1:8000/")
        second = plugin.site.course
        assert second.lessons["steeping"] is first.lessons["steeping"]  # unchanged: not parsed again
        assert second.quizzes["check-water"] is first.quizzes["check-water"]
        assert second.lessons["water"] is not first.lessons["water"]
        assert "Fresh water" in mini.html("lessons/water")
    finally:
        plugin.on_startup(command="build", dirty=False)  # MkDocs keeps the plugin for later tests too


def test_serve_makes_again_only_what_a_changed_file_feeds(mini: Project, monkeypatch: pytest.MonkeyPatch) -> None:
    """Quiz HTML, payloads, diagnostic analyses and lesson pages' Markdown of unchanged files are
    kept from the rebuild before, and so is the renderer while the settings are the same."""
    from coursegen import build as build_module
    from coursegen import diagnostic_checks
    from coursegen.rendering import Renderer

    made: list[str] = []
    rendered: list[str] = []
    original_payload, original_measure = build_module.quiz_payload, diagnostic_checks.measure
    original_init, original_lesson = Renderer.__init__, Renderer.lesson_markdown
    monkeypatch.setattr(build_module, "quiz_payload", lambda quiz: made.append(f"payload {quiz.id}") or original_payload(quiz))
    monkeypatch.setattr(diagnostic_checks, "measure", lambda payload: made.append(f"measure {payload['id']}") or original_measure(payload))
    monkeypatch.setattr(Renderer, "__init__", lambda self, *a: rendered.append("renderer") or original_init(self, *a))
    monkeypatch.setattr(
        Renderer, "lesson_markdown", lambda self, lesson, *a: rendered.append(lesson.id) or original_lesson(self, lesson, *a)
    )
    config = load_config(str(mini.root / "mkdocs.yml"))
    config.plugins.on_startup(command="serve", dirty=False)
    plugin = config.plugins["course"]
    logging.getLogger("mkdocs").setLevel(logging.WARNING)
    try:
        build(config, serve_url="http://127.0.0.1:8000/")
        assert sorted(made) == ["measure which-tea", "payload check-water", "payload which-tea"]
        assert sorted(rendered) == ["renderer", "steeping", "water"]
        first_page = mini.html("lessons/water")

        made.clear()
        rendered.clear()
        check = mini.root / "quizzes/check-water.yml"
        check.write_text(check.read_text().replace("Which temperature suits green tea?", "Which temperature suits sencha?"))
        build(load_config(str(mini.root / "mkdocs.yml")), serve_url="http://127.0.0.1:8000/")
        assert made == ["payload check-water"]  # the diagnostic and its analysis were kept
        assert rendered == []  # the renderer and both lessons' Markdown too
        page = mini.html("lessons/water")
        assert "Which temperature suits sencha?" in page and "suits green tea" not in page and page != first_page
        assert "How do you like your drinks?" in mini.html("quiz")  # the kept diagnostic is still on its page

        made.clear()
        lesson = mini.root / "content/lessons/steeping.yml"
        lesson.write_text(lesson.read_text().replace("title: Steeping", "title: Steeping time"))
        build(load_config(str(mini.root / "mkdocs.yml")), serve_url="http://127.0.0.1:8000/")
        assert rendered == ["steeping"] and "Steeping time" in mini.html("lessons/steeping")

        rendered.clear()
        build(load_config(str(mini.root / "mkdocs.yml"), theme={"name": "material", "language": "de"}), serve_url="http://127.0.0.1:8000/")
        # Another language: quiz HTML and lesson pages hold its strings, so nothing kept may be reused.
        assert ">Antworten prüfen<" in mini.html("lessons/water") and ">Check answers<" not in mini.html("lessons/water")
        assert sorted(rendered) == ["renderer", "steeping", "water"]
    finally:
        plugin.on_startup(command="build", dirty=False)


def all_models(value: object) -> list[BaseModel]:
    """Every model in ``value``, itself included, depth first."""
    if isinstance(value, BaseModel):
        return [value, *(m for item in value.__dict__.values() for m in all_models(item))]
    if isinstance(value, list | tuple):
        return [m for item in value for m in all_models(item)]
    if isinstance(value, dict):
        return [m for item in value.values() for m in all_models(item)]
    return []


def test_loaded_models_share_one_fields_set_per_distinct_set_of_named_fields(mini: Project) -> None:
    course = load_course(CoursePaths.standard(mini.root))  # every model loaded, none released
    models = [m for sourced in [*course.lessons.values(), *course.quizzes.values()] for m in all_models(sourced.model)]
    sets = {id(m.__pydantic_fields_set__): m.__pydantic_fields_set__ for m in models}
    distinct = {frozenset(s) for s in sets.values()}
    assert len(sets) == len(distinct) < len(models)  # one object per distinct content, shared
    # Sharing changes nothing a model says: each holds exactly the fields its file named.
    check = course.quizzes["check-water"]
    fresh = type(check.model).model_validate(read_document(check.document.path, check.document.file).data)
    assert all_models(check.model) == all_models(fresh)
    assert [m.model_fields_set for m in all_models(check.model)] == [m.model_fields_set for m in all_models(fresh)]
    assert check.model.model_dump(exclude_unset=True) == fresh.model_dump(exclude_unset=True)
    # A copy with changes gets a set of its own; the shared one is untouched.
    option = check.model.questions[0].options[0]
    before = set(option.model_fields_set)
    changed = option.model_copy(update={"pin": True})
    assert "pin" in changed.model_fields_set and option.model_fields_set == before


def test_a_model_that_allows_assignment_keeps_a_fields_set_of_its_own() -> None:
    from coursegen.model_base import Strict, share_field_sets

    class Loose(BaseModel):
        name: str = ""

    class Firm(Strict):
        name: str = ""

    loose, other = Loose(name="a"), Loose(name="b")
    share_field_sets([loose, other])
    other.name = "c"  # assignment adds to the set, so a shared one would change both
    assert loose.model_fields_set is not other.model_fields_set
    firm, again = Firm(name="a"), Firm(name="b")
    share_field_sets((firm, again))
    assert firm.model_fields_set is again.model_fields_set == {"name"}
