"""The knowledge checks as Moodle's GIFT text: one file, a ``$CATEGORY`` per check.

Texts go out as HTML (``[html]``) rendered by the site's own Markdown, so a
question reads in Moodle as on the site. Choice questions keep each option's
feedback (``#``); multiple answers carry weights (``%50%``); numeric answers
their tolerance (``{#5:0.5}``); matching its pairs (``->``); the explanation is
the general feedback (``####``). GIFT has no ordering question: an ordering
question becomes a matching of each item with its place, and says so.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import TYPE_CHECKING

from ..questions import ChoiceQuestion, MatchingQuestion, NumericQuestion, OrderingQuestion, ShortAnswerQuestion
from .common import (
    Check,
    ExportResult,
    Unsupported,
    common_losses,
    knowledge_checks,
    number,
    pictures,
    pictures_loss,
    points,
    skipped_diagnostics,
)

if TYPE_CHECKING:
    from ..build import CourseSite
    from ..questions import KnowledgeQuestion

_SPECIAL = re.compile(r"([\\~=#{}:])")
_PRE = re.compile(r"(<pre\b.*?</pre>)", re.DOTALL | re.IGNORECASE)


def escape(text: str) -> str:
    """``text`` with GIFT's special characters (``~ = # { } :`` and the backslash) escaped, on one line.

    A blank line ends a GIFT question, so line breaks go: spaces in HTML, except
    inside ``<pre>``, where a character reference keeps them.
    """
    parts = _PRE.split(text)
    joined = "".join(
        part.replace("\n", "&#10;") if index % 2 else " ".join(part.splitlines())
        for index, part in enumerate(parts)
    )
    return _SPECIAL.sub(r"\\\1", joined.strip())


def weight(share: float) -> str:
    """A Moodle answer weight, ``%50%``, from a share of the points (Moodle rounds it to its nearest grade)."""
    return f"%{points(share * 100)}%"


class _Writer:
    def __init__(self, site: CourseSite) -> None:
        self.renderer = site.renderer

        self.pictures: list[str] = []
        """The pictures of the question being written."""

    def block(self, text: str) -> str:
        html = str(self.renderer.markdown(text))
        self.pictures += pictures(html)
        return escape(html)

    def inline(self, text: str) -> str:
        html = str(self.renderer.markdown_inline(text))
        self.pictures += pictures(html)
        return escape(html)

    def question(self, check: Check, index: int) -> tuple[str, list[str]]:
        """The GIFT text of the check's ``index``-th question, and what it could not hold."""
        question: KnowledgeQuestion = check.model.questions[index]
        losses = common_losses(check, index)
        self.pictures = []
        if question.points != 1:
            losses.append(f"it is worth {question.points} points: GIFT has no marks; set them in the Moodle quiz")
        head = f"::{escape(question.id)}::[html]{self.block(question.prompt)}"
        general = f"\t####{self.block(question.explanation)}"
        if isinstance(question, ChoiceQuestion):
            answers = self._choice(question, losses)
        elif isinstance(question, OrderingQuestion):
            # In the order the site first shows them: Moodle may list the items as written.
            answers = [f"\t={self.inline(question.items[n].text)} -> {n + 1}" for n in question.shown_order]
            losses.append(
                "GIFT has no ordering question: exported as a matching question, each item with its place "
                "(1 is first), which Moodle scores per item in its place, not per pair in order"
            )
        elif isinstance(question, MatchingQuestion):
            answers = [f"\t={self.inline(pair.item)} -> {escape(pair.match)}" for pair in question.pairs]
            answers += [f"\t= -> {escape(text)}" for text in question.distractors]
            if question.policy != "per-correct":
                losses.append(f"its `{question.policy}` scoring: Moodle scores a matching question per right match")
        elif isinstance(question, NumericQuestion):
            tolerance = f":{number(question.margin)}" if question.margin else ""
            unit = f" {escape(question.unit)}" if question.unit else ""
            # The unit follows the answer's blank, as on the site.
            losses += pictures_loss(self.pictures, "in the file")
            return f"{head} {{#{number(question.answer)}{tolerance}\n{general}\n}}{unit}", losses
        elif isinstance(question, ShortAnswerQuestion):
            answers = [f"\t={escape(text)}" for text in question.accepted]
            if question.pattern is not None:
                losses.append(f"its pattern `{question.pattern}` is left out: GIFT accepts listed answers only")
            if any("*" in text for text in question.accepted):
                losses.append("an accepted answer has `*`, which Moodle reads as \"any characters\"")
        else:
            raise Unsupported(f"not exported: GIFT has no form for a `{question.type}` question yet")
        return "\n".join([f"{head}{{", *answers, general, "}"]), losses + pictures_loss(self.pictures, "in the file")

    def _choice(self, question: ChoiceQuestion, losses: list[str]) -> list[str]:
        options = list(zip(question.options, (self.inline(option.text) for option in question.options), strict=True))
        right = sum(option.correct for option in question.options)
        if question.is_multiple and right == 1:
            # Moodle reads weights of at most two digits (%100% is not one), so one right option is `=`.
            losses.append("it has one right option: Moodle shows it with radio buttons, one pick only")
        if not question.is_multiple or right == 1:
            return [
                f"\t{'=' if option.correct else '~'}{text}#{self.inline(option.feedback)}" for option, text in options
            ]
        policy = question.policy
        # Moodle adds the weights of the options picked (never below 0): per-correct and penalty are exact.
        wrong = 0.0 if policy == "per-correct" else -1 / right
        if policy in ("all-or-nothing", "partial"):
            losses.append(
                f"its `{policy}` scoring: GIFT weighs each option, so Moodle gives a share per right option, "
                "less a share per wrong one"
            )
        return [
            f"\t~{weight(1 / right if option.correct else wrong)}{text}#{self.inline(option.feedback)}"
            for option, text in options
        ]


def _check_settings(check: Check) -> list[str]:
    """What a Moodle quiz, not GIFT, holds of a check: its pass mark, draw and shuffling."""
    quiz = check.model
    settings = []
    if quiz.pass_points is not None:
        settings.append(f"grade to pass {points(quiz.pass_points)} points")
    else:
        settings.append(f"grade to pass {quiz.percent_to_pass} %")
    if quiz.draw:
        settings.append(f"{quiz.draw} random questions of the category")
    if quiz.shuffle:
        settings.append("shuffle within questions")
    if quiz.shuffle_questions:
        settings.append("shuffled question order")
    return [f"set in the Moodle quiz: {', '.join(settings)} (GIFT holds questions only)"]


def _category(title: str) -> str:
    """A category name for ``$CATEGORY``, where ``/`` separates levels (``//`` is a slash)."""
    return " ".join(title.split()).replace("/", "//")


def export_gift(site: CourseSite, out: Path) -> ExportResult:
    """Write the course's knowledge checks to ``out`` as one GIFT file."""
    writer = _Writer(site)
    result = ExportResult(out, skipped=skipped_diagnostics(site, "GIFT"))
    course = _category(site.course.outline.model.title)
    lines = [f"// {' '.join(site.course.outline.model.title.split())}: knowledge checks (coursegen `course export gift`)", ""]
    checks = knowledge_checks(site)
    titles = [check.model.title for check in checks]
    for check in checks:
        quiz = check.model
        name = quiz.title if titles.count(quiz.title) == 1 else f"{quiz.title} ({quiz.id})"
        lines += [f"$CATEGORY: $course$/top/{course}/{_category(name)}", ""]
        for index in range(len(quiz.questions)):
            try:
                text, losses = writer.question(check, index)
            except Unsupported as reason:
                result.skipped.append(check.about(index, str(reason)))
                continue
            lines += [text, ""]
            result.approximated += [check.about(index, loss) for loss in losses]
            result.exported += 1
        result.approximated += [check.about_check(note) for note in _check_settings(check)]
        result.checks += 1
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text("\n".join(lines), encoding="utf-8")
    return result
