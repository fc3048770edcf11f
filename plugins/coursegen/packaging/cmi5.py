"""``cmi5.xml``, the course structure of a cmi5 package (template ``templates/packages/cmi5.xml``).

For S's ``course package cmi5`` (:mod:`coursegen.packaging`): it calls
``cmi5_xml(course=…, config=…, options=…, site_dir=…)``; ``per_lesson`` (default: the plugin's
``cmi5_per_lesson`` option) makes one assignable unit (AU) per lesson, grouped in a block
per module, instead of one AU for the course. Each AU launches ``lms.html`` (with
``?lesson=ID`` per lesson), whose ``cmi5.js`` reports to the platform.

An AU's ``masteryScore`` comes from the author's pass marks: a lesson's check's mark, or for
the whole course the mean of every check's (the course's score is the mean of the checks'
best scores, README: "Learning platforms"); ``moveOn`` is ``CompletedAndPassed`` where
there is a check, ``Completed`` where there is none.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import quote

from ..models import KnowledgeCheck
from .manifest import LAUNCH, _env

if TYPE_CHECKING:
    from ..config import CourseConfig
    from ..loading import Course
    from ..site_config import SiteConfig


@dataclass(frozen=True)
class Unit:
    """One assignable unit of ``cmi5.xml``."""

    id: str
    title: str
    description: str
    url: str
    move_on: str
    mastery: str | None


@dataclass(frozen=True)
class Block:
    """A module grouping its lessons' AUs (``id`` empty: the AUs stand at the top level)."""

    id: str
    title: str
    description: str
    units: list[Unit] = field(default_factory=list)


def _plain(text: str) -> str:
    """Markdown as the one line of text a platform shows."""
    text = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", text)
    return " ".join(re.sub(r"[*_`#>]", "", text).split())


def pass_share(check: KnowledgeCheck) -> Decimal:
    """The check's pass mark as a share from 0 to 1 (points over the check's total when it passes on points)."""
    if check.percent_to_pass is not None:
        return Decimal(check.percent_to_pass) / 100
    total = sum(Decimal(str(q.points)) for q in check.questions)
    return min(Decimal(1), Decimal(str(check.pass_points)) / total)


def _mastery(shares: list[Decimal]) -> str | None:
    if not shares:
        return None
    return str((sum(shares, Decimal(0)) / len(shares)).quantize(Decimal("0.0001"), rounding=ROUND_HALF_UP).normalize())


def course_iri(config: SiteConfig, options: CourseConfig) -> str:
    """The course's activity IRI: the ``xapi`` option's ``activity_id``, else ``site_url``, else a URN."""
    xapi = options.xapi
    base = (xapi.activity_id if xapi is not None and xapi.activity_id else None) or config.site_url
    if base:
        return base.rstrip("/") + "/"
    return "urn:coursegen:" + (re.sub(r"[^a-z0-9]+", "-", config.site_name.lower()).strip("-") or "course")


def _checks(course: Course, lesson_ids: list[str]) -> list[KnowledgeCheck]:
    found = []
    for lesson_id in lesson_ids:
        quiz_id = course.lessons[lesson_id].model.quiz
        model = course.quizzes[quiz_id].model if quiz_id else None
        if isinstance(model, KnowledgeCheck):
            found.append(model)
    return found


def cmi5_xml(
    *, course: Course, config: SiteConfig, options: CourseConfig, site_dir: Path | None = None,
    per_lesson: bool | None = None,
) -> str:
    """The text of ``cmi5.xml`` for ``course`` (``site_dir``, the built package, is not read:
    every AU launches :data:`.manifest.LAUNCH`)."""
    del site_dir
    if per_lesson is None:
        per_lesson = options.cmi5_per_lesson
    outline = course.outline.model
    base = course_iri(config, options)
    blocks: list[Block] = []
    if per_lesson:
        for module in outline.modules:
            units = []
            for lesson_id in module.lessons:
                lesson = course.lessons[lesson_id].model
                shares = [pass_share(c) for c in _checks(course, [lesson_id])]
                units.append(Unit(
                    f"{base}lessons/{quote(lesson_id)}", lesson.title, _plain("; ".join(lesson.objectives)),
                    f"{LAUNCH}?lesson={quote(lesson_id)}", "CompletedAndPassed" if shares else "Completed", _mastery(shares),
                ))
            blocks.append(Block(f"{base}modules/{quote(module.id)}", module.title,
                                _plain(module.summary or module.title), units))
    else:
        lessons = [lesson_id for module in outline.modules for lesson_id in module.lessons]
        shares = [pass_share(c) for c in _checks(course, lessons)]
        blocks.append(Block("", "", "", [Unit(
            f"{base}au", outline.title, _plain(outline.description), LAUNCH,
            "CompletedAndPassed" if shares else "Completed", _mastery(shares),
        )]))
    return _env.get_template("cmi5.xml").render(
        course={"id": base, "title": config.site_name or outline.title, "description": _plain(outline.description)},
        language=config.language or "en", blocks=blocks,
    )
