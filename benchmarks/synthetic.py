"""Deterministic synthetic courses for the benchmarks.

``write_yaml_course`` writes N lessons (about 600 words each, with lists, a table,
emphasis and links, and a four-question knowledge check each) and one diagnostic,
for a build with the plugin. About one quiz text in five carries inline Markdown
(bold, emphasis, code, a link), as real quiz texts do.

``write_plain_course`` writes the same pages as plain Markdown with the plugin off,
each quiz written out as an author would without a quiz tool (each question a
heading, its options a list, feedback and explanation paragraphs): the floor.
``write_peer_course`` writes the same lessons with their checks in the syntax of
mkdocs-quiz (``<quiz>`` blocks, its defaults), the leading MkDocs quiz plugin.
"""

from __future__ import annotations

import random
import shutil
from pathlib import Path
from typing import Any

import yaml

WORDS = ["power", "balance", "offer", "alternative", "deal", "buyer", "supplier", "deadline", "option", "value", "interest", "table", "price", "contract", "team", "leverage", "position", "partner", "market", "relation", "goal", "plan", "risk", "trust", "signal", "claim"]
INLINE_SHARE = 0.2
"""The share of quiz texts that carry inline Markdown."""


def _sentence(rng: random.Random, words: int) -> str:
    text = " ".join(rng.choice(WORDS) for _ in range(words))
    return text[0].upper() + text[1:] + "."


def _marked(rng: random.Random, text: str) -> str:
    """``text`` with one word in bold, emphasis, code or a link, in about one text of five."""
    if rng.random() >= INLINE_SHARE:
        return text
    words = text.split(" ")
    k = rng.randrange(1, len(words)) if len(words) > 1 else 0
    word = words[k].rstrip(".?")
    tail = words[k][len(word):]
    style = rng.randrange(4)
    words[k] = (f"**{word}**", f"*{word}*", f"`{word}`", f"[{word}](https://example.org/{word})")[style] + tail
    return " ".join(words)


def _paragraph(rng: random.Random, words: int) -> str:
    sentences, left = [], words
    while left > 0:
        n = min(left, rng.randint(8, 16))
        sentences.append(_sentence(rng, n))
        left -= n
    return " ".join(sentences)


def _rich_paragraph(rng: random.Random, words: int) -> str:
    """A paragraph with the usual inline markup of lesson text: emphasis, bold, a link."""
    words_in = _paragraph(rng, words).split(" ")
    for k in rng.sample(range(1, len(words_in) - 1), 3):
        word = words_in[k].rstrip(".")
        tail = words_in[k][len(word):]
        words_in[k] = rng.choice((f"*{word}*", f"**{word}**", f"[{word}](../../about/)")) + tail
    return " ".join(words_in)


def _section_body(rng: random.Random, k: int) -> str:
    """Two paragraphs, and in every other section a list or a small table."""
    parts = [_rich_paragraph(rng, 60), _paragraph(rng, 50)]
    if k == 2:
        parts.insert(1, "\n".join(f"- {_sentence(rng, 6)}" for _ in range(4)))
    if k == 4:
        rows = ["| Side | Alternative | Deadline |", "| --- | --- | --- |"]
        rows += [f"| {rng.choice(WORDS)} | {_sentence(rng, 3)} | {rng.randint(1, 30)} days |" for _ in range(3)]
        parts.insert(1, "\n".join(rows))
    return "\n\n".join(parts)


def lesson(rng: random.Random, n: int) -> dict:
    """One lesson of about 600 words with a knowledge check id."""
    return {
        "id": f"lesson-{n:05d}",
        "title": f"Lesson {n}: {_sentence(rng, 3)[:-1]}",
        "summary": _paragraph(rng, 30),
        "minutes": 6,
        "objectives": [_sentence(rng, 8), _sentence(rng, 8)],
        "sections": [{"heading": f"Part {k}", "body": _section_body(rng, k)} for k in range(1, 5)],
        "case": {"title": "A case", "setting": "Supplier", "body": _paragraph(rng, 60)},
        "takeaways": [_sentence(rng, 8), _sentence(rng, 8)],
        "reflection": _sentence(rng, 10),
        "next_step": _sentence(rng, 10),
        "quiz": f"check-{n:05d}",
    }


def knowledge(rng: random.Random, n: int) -> dict:
    """A four-question knowledge check."""
    questions = []
    for q in range(4):
        correct = {0, 2} if q == 3 else {rng.randrange(3)}
        questions.append({
            "id": f"q{q}",
            "prompt": _marked(rng, _sentence(rng, 10)[:-1] + "?"),
            "options": [
                {"text": _marked(rng, _sentence(rng, 5)), "correct": k in correct, "feedback": _marked(rng, _sentence(rng, 10))}
                for k in range(3)
            ],
            "explanation": _marked(rng, _sentence(rng, 16)),
        })
    return {"id": f"check-{n:05d}", "kind": "knowledge", "questions": questions}


def diagnostic(rng: random.Random, lesson_ids: list[str]) -> dict:
    """A ten-question diagnostic with four outcomes."""
    outcomes = ["strengthen", "postpone", "distributive", "integrative"]
    return {
        "id": "strategy",
        "kind": "diagnostic",
        "title": "Which strategy fits?",
        "outcomes": [
            {"id": o, "title": o.title(), "summary": _sentence(rng, 12), "actions": [_sentence(rng, 8)], "lessons": lesson_ids[:2]}
            for o in outcomes
        ],
        "order": outcomes,
        "questions": [
            {
                "id": f"d{q}",
                "prompt": _sentence(rng, 10)[:-1] + "?",
                "options": [
                    {"id": f"o{k}", "text": _sentence(rng, 4), "weights": {outcomes[(q + k) % 4]: rng.randint(1, 3)}}
                    for k in range(3)
                ],
            }
            for q in range(10)
        ],
        "rules": [{"id": "skill", "when": {"d0": ["o0"]}, "kind": "caveat", "title": "Skill", "text": "Mind the gap."}],
    }


MKDOCS_YML = """site_name: Synthetic course
site_url: https://example.org/synthetic/
docs_dir: content
theme:
  name: material
  font: false
  features: [navigation.instant{prune}]
plugins:
  - search{course}
{nav}"""


def write_yaml_course(root: Path, lessons: int, seed: int = 1, prune: bool = False) -> None:
    """A course of ``lessons`` YAML lessons with the plugin on."""
    rng = random.Random(seed)
    shutil.rmtree(root, ignore_errors=True)
    (root / "content" / "lessons").mkdir(parents=True)
    (root / "quizzes").mkdir()
    ids = []
    for n in range(lessons):
        item = lesson(rng, n)
        ids.append(item["id"])
        (root / "content" / "lessons" / f"{item['id']}.yml").write_text(yaml.safe_dump(item, sort_keys=False))
        (root / "quizzes" / f"check-{n:05d}.yml").write_text(yaml.safe_dump(knowledge(rng, n), sort_keys=False))
    (root / "quizzes" / "strategy.yml").write_text(yaml.safe_dump(diagnostic(rng, ids), sort_keys=False))
    modules = [{"id": f"module-{m}", "title": f"Module {m}", "lessons": ids[i:i + 25]} for m, i in enumerate(range(0, lessons, 25), 1)]
    outline = {"title": "Synthetic", "description": "d", "audience": "a", "modules": modules}
    (root / "content" / "course.yml").write_text(yaml.safe_dump(outline, sort_keys=False))
    (root / "content" / "index.md").write_text("# Synthetic course\n\n<!-- quiz: strategy -->\n")
    (root / "content" / "about.md").write_text("# About\n\n" + "\n\n".join(_paragraph(rng, 60) for _ in range(3)) + "\n")
    (root / "mkdocs.yml").write_text(MKDOCS_YML.format(prune=", navigation.prune" if prune else "", course="\n  - course", nav=""))


def knowledge_markdown(quiz: dict[str, Any]) -> str:
    """A knowledge check as an author would write it without a quiz tool: plain Markdown."""
    parts = ["## Check your understanding"]
    for n, question in enumerate(quiz["questions"], 1):
        parts += [f"### Question {n}", question["prompt"], "\n".join(f"- {o['text']}" for o in question["options"])]
        parts += [f"{o['text']} {o['feedback']}" for o in question["options"]]
        parts.append(f"**Explanation.** {question['explanation']}")
    return "\n\n".join(parts) + "\n"


def diagnostic_markdown(quiz: dict[str, Any]) -> str:
    """A diagnostic as plain Markdown: its questions with their options, then its outcomes."""
    parts = [f"## {quiz['title']}"]
    for n, question in enumerate(quiz["questions"], 1):
        parts += [f"### Question {n}", question["prompt"], "\n".join(f"- {o['text']}" for o in question["options"])]
    for outcome in quiz["outcomes"]:
        parts += [f"### {outcome['title']}", outcome["summary"], "\n".join(f"- {a}" for a in outcome["actions"])]
    return "\n\n".join(parts)


def peer_markdown(quiz: dict[str, Any]) -> str:
    """A knowledge check in mkdocs-quiz's syntax: a ``<quiz>`` block per question, its defaults."""
    blocks = []
    for question in quiz["questions"]:
        options = "\n".join(f"- [{'x' if o['correct'] else ' '}] {o['text']}" for o in question["options"])
        feedback = " ".join(o["feedback"] for o in question["options"])
        blocks.append(f"<quiz>\n{question['prompt']}\n{options}\n\n{question['explanation']} {feedback}\n</quiz>")
    return "\n\n".join(blocks) + "\n"


def _lesson_pages(yaml_root: Path, root: Path, quiz_text: Any, prune: bool, plugins: str) -> None:
    """The plugin's lesson pages for ``yaml_root`` as Markdown, each check written by ``quiz_text``."""
    import sys

    sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "plugins"))
    from coursegen.build import RESULTS_PAGE, TEAM_PAGE
    from coursegen.i18n import Strings
    from coursegen.loading import CoursePaths, load_course
    from coursegen.nav import lesson_uri
    from coursegen.rendering import QUIZ_MARKER, Renderer

    course = load_course(CoursePaths.standard(yaml_root))
    renderer = Renderer(["toc"], {})
    shutil.rmtree(root, ignore_errors=True)
    (root / "content" / "lessons").mkdir(parents=True)
    quizzes = {path.stem: yaml.safe_load(path.read_text()) for path in (yaml_root / "quizzes").glob("*.yml")}

    def with_quizzes(markdown: str) -> str:
        return QUIZ_MARKER.sub(lambda m: quiz_text(quizzes[m["id"]]), markdown)

    nav: list[object] = ["index.md"]
    for m, module in enumerate(course.outline.model.modules, 1):
        pages = []
        for n, lesson_id in enumerate(module.lessons, 1):
            markdown = renderer.lesson_markdown(course.lessons[lesson_id].model, module, (m, n))
            (root / "content" / lesson_uri("lessons", lesson_id)).write_text(with_quizzes(markdown))
            pages.append(lesson_uri("lessons", lesson_id))
        nav.append({module.title: pages})
    index = (yaml_root / "content" / "index.md").read_text()
    # No quiz tool has a diagnostic: its page is plain Markdown on every side but ours.
    (root / "content" / "index.md").write_text(QUIZ_MARKER.sub(lambda m: diagnostic_markdown(quizzes[m["id"]]), index))
    shutil.copy(yaml_root / "content" / "about.md", root / "content" / "about.md")
    # The plugin's My results and team pages, as their titles and introductions (the
    # tools themselves are the plugin's to add), placed where the plugin puts them.
    strings = Strings.for_language(None)
    for uri, key in ((RESULTS_PAGE, "results"), (TEAM_PAGE, "team")):
        (root / "content" / uri).write_text(f"# {strings(key + '_title')}\n\n{strings(key + '_intro')}\n")
    nav += [RESULTS_PAGE, "about.md", TEAM_PAGE]  # the plugin's order
    nav_yaml = yaml.safe_dump({"nav": nav}, sort_keys=False)
    (root / "mkdocs.yml").write_text(MKDOCS_YML.format(prune=", navigation.prune" if prune else "", course=plugins, nav=nav_yaml))


def write_plain_course(yaml_root: Path, root: Path, prune: bool = False) -> None:
    """The pages the plugin generates for ``yaml_root``, as plain Markdown, no quiz tool: the floor."""
    _lesson_pages(yaml_root, root, knowledge_markdown, prune, "")


def write_peer_course(yaml_root: Path, root: Path, prune: bool = False) -> None:
    """The same lessons with their checks in mkdocs-quiz's syntax and that plugin on."""
    _lesson_pages(yaml_root, root, peer_markdown, prune, "\n  - mkdocs_quiz")
