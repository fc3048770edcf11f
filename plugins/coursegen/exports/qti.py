"""The knowledge checks as a QTI 2.1 content package: an assessmentItem per question, an assessmentTest per check.

Every question type has a QTI interaction: choice (``choiceInteraction``),
ordering (``orderInteraction``), matching (``matchInteraction``), numeric and
short answer (``textEntryInteraction``). Each scoring policy is written as the
item's response processing, so a platform that runs it scores as the course
does; what QTI cannot hold (hints, some patterns) is named per question.
"""

from __future__ import annotations

import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

import jinja2
from markupsafe import Markup

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
    plain,
    points,
    skipped_diagnostics,
)
from .qti_pattern import xsd_pattern
from .qti_xhtml import qti_xhtml

if TYPE_CHECKING:
    from ..build import CourseSite
    from ..questions import KnowledgeQuestion

VERSIONS = ("2.1",)
"""The QTI versions written (3.0 is not yet)."""
ITEM_TYPE, TEST_TYPE = "imsqti_item_xmlv2p1", "imsqti_test_xmlv2p1"


def _env() -> jinja2.Environment:
    return jinja2.Environment(
        loader=jinja2.PackageLoader("coursegen", "templates"),
        autoescape=True,  # every value is text for XML; markup comes in as Markup, made safe by qti_xhtml
        trim_blocks=True,
        lstrip_blocks=True,
        undefined=jinja2.StrictUndefined,
        keep_trailing_newline=True,
    )


def identifier(text: str) -> str:
    """``text`` (an id: letters, digits, hyphens) as a QTI identifier, which may not start with a digit."""
    return text if text[:1].isalpha() else f"_{text}"


@dataclass
class _Choice:
    identifier: str
    text: Markup
    fixed: bool = False


@dataclass
class _Item:
    """What the item template needs (templates/exports/qti21-item.xml)."""

    identifier: str
    title: str
    language: str
    points: str
    prompt: Markup
    interaction: str
    cardinality: str
    base_type: str
    correct: list[str]
    scoring: str = "match"
    """``match`` (all or nothing), ``map`` (a share per part), ``partial``, ``pairs`` (ordering), ``range``, ``text``."""
    mapping: dict[str, Any] | None = None
    choices: list[_Choice] = field(default_factory=list)
    sources: list[_Choice] = field(default_factory=list)
    targets: list[_Choice] = field(default_factory=list)
    shuffle: str = "false"
    max_choices: int = 1
    positions: list[str] = field(default_factory=list)
    pairs: list[tuple[str, str]] = field(default_factory=list)
    pair_share: str = "0"
    half: str = "0"
    low: str = "0"
    high: str = "0"
    accepted: list[str] = field(default_factory=list)
    pattern: str | None = None
    unit: str | None = None
    expected_length: int = 20
    option_feedback: bool = False
    feedback: list[tuple[str, Markup]] = field(default_factory=list)


class _Writer:
    """Turns one course's questions into items, noting what each loses."""

    def __init__(self, site: CourseSite) -> None:
        self.renderer = site.renderer
        self.language = site.strings.language

        self.pictures: list[str] = []
        """The pictures of the question being written."""

    def block(self, text: str) -> Markup:
        html = qti_xhtml(str(self.renderer.markdown(text)))
        self.pictures += pictures(html)
        return Markup(html)

    def inline(self, text: str) -> Markup:
        html = qti_xhtml(str(self.renderer.markdown_inline(text)))
        self.pictures += pictures(html)
        return Markup(html)

    def item(self, check: Check, index: int) -> tuple[_Item, list[str]]:
        """The item of the check's ``index``-th question, and what it could not hold."""
        question: KnowledgeQuestion = check.model.questions[index]
        losses = common_losses(check, index)
        prompt = self.renderer.markdown(question.prompt)
        self.pictures = pictures(str(prompt))
        item = _Item(
            identifier=identifier(f"{check.model.id}-{question.id}"),
            title=plain(str(prompt)),
            language=self.language,
            points=points(question.points),
            prompt=Markup(qti_xhtml(str(prompt))),
            interaction="text",
            cardinality="single",
            base_type="identifier",
            correct=[],
        )
        if isinstance(question, ChoiceQuestion):
            self._choice(item, question, check.model.shuffle)
        elif isinstance(question, OrderingQuestion):
            self._ordering(item, question)
        elif isinstance(question, MatchingQuestion):
            self._matching(item, question)
        elif isinstance(question, NumericQuestion):
            item.base_type, item.scoring = "float", "range"
            item.correct = [number(question.answer)]
            item.low, item.high = number(question.answer - question.margin), number(question.answer + question.margin)
            item.unit = question.unit
            item.expected_length = 12
        elif isinstance(question, ShortAnswerQuestion):
            item.base_type, item.scoring = "string", "text"
            item.correct = [question.accepted[0]]
            item.accepted = list(question.accepted)
            item.expected_length = max(20, *(len(text) for text in question.accepted))
            if question.pattern is not None:
                item.pattern = xsd_pattern(question.pattern)
                if item.pattern is None:
                    losses.append(
                        f"its pattern `{question.pattern}` uses syntax QTI's patterns (XML Schema's) do not have; "
                        "only the accepted answers are exported"
                    )
        else:
            raise Unsupported(f"not exported: QTI is not written for a `{question.type}` question yet")
        item.feedback.append(("EXPLANATION", self.block(question.explanation)))
        return item, losses + pictures_loss(self.pictures, "in the package")

    def _choice(self, item: _Item, question: ChoiceQuestion, shuffle: bool) -> None:
        ids = [identifier(option_id) for option_id in question.option_ids]
        item.interaction = "choice"
        item.cardinality = "multiple" if question.is_multiple else "single"
        item.max_choices = 0 if question.is_multiple else 1
        item.shuffle = "true" if shuffle else "false"
        item.choices = [
            _Choice(choice_id, self.inline(option.text), fixed=shuffle and option.pin)
            for choice_id, option in zip(ids, question.options, strict=True)
        ]
        item.correct = [choice_id for choice_id, option in zip(ids, question.options, strict=True) if option.correct]
        item.option_feedback = True
        item.feedback = [(choice_id, self.block(option.feedback)) for choice_id, option in zip(ids, question.options, strict=True)]
        policy = question.policy
        share = question.points / len(item.correct)
        if policy in ("per-correct", "penalty"):
            wrong = -share if policy == "penalty" else 0.0
            item.scoring = "map"
            item.mapping = {
                "default": "0",
                "entries": [(choice_id, points(share if choice_id in item.correct else wrong)) for choice_id in ids],
            }
        elif policy == "partial":
            item.scoring = "partial"
            item.half = points(question.points / 2)

    def _ordering(self, item: _Item, question: OrderingQuestion) -> None:
        ids = [identifier(item_id) for item_id in question.item_ids]
        item.interaction, item.cardinality = "order", "ordered"
        # Listed as the course first shows them, so a platform that does not shuffle still does not give the answer away.
        item.choices = [_Choice(ids[n], self.inline(question.items[n].text)) for n in question.shown_order]
        item.correct = ids
        if question.policy == "per-correct":
            item.scoring = "pairs"
            item.positions = [f"POS_{choice_id}" for choice_id in ids]
            item.pairs = [(a, b) for n, a in enumerate(ids) for b in ids[n + 1 :]]
            item.pair_share = points(question.points / len(item.pairs))

    def _matching(self, item: _Item, question: MatchingQuestion) -> None:
        sources = [identifier(f"item-{pair_id}") for pair_id in question.pair_ids]
        item.interaction, item.cardinality, item.base_type = "match", "multiple", "directedPair"
        item.sources = [_Choice(source, self.inline(pair.item)) for source, pair in zip(sources, question.pairs, strict=True)]
        item.targets = [_Choice(identifier(f"answer-{choice_id}"), Markup.escape(text)) for choice_id, text in question.choices]
        item.correct = [f"{source} {identifier(f'answer-{pair_id}')}" for source, pair_id in zip(sources, question.pair_ids, strict=True)]
        if question.policy in ("per-correct", "penalty"):
            share = question.points / len(sources)
            item.scoring = "map"
            item.mapping = {
                "default": points(-share if question.policy == "penalty" else 0.0),
                "entries": [(pair, points(share)) for pair in item.correct],
            }


def export_qti(site: CourseSite, out: Path, version: str = "2.1") -> ExportResult:
    """Write the course's knowledge checks to ``out`` as a QTI ``version`` content package (a zip)."""
    if version not in VERSIONS:
        raise ValueError(f"QTI {version} is not written; use {', '.join(VERSIONS)}")
    env = _env()
    item_template = env.get_template("exports/qti21-item.xml")
    test_template = env.get_template("exports/qti21-test.xml")
    writer = _Writer(site)
    result = ExportResult(out, skipped=skipped_diagnostics(site, "QTI"))
    files: dict[str, str] = {}
    resources: list[dict[str, Any]] = []
    for check in knowledge_checks(site):
        quiz = check.model
        refs = []
        for index in range(len(quiz.questions)):
            try:
                item, losses = writer.item(check, index)
            except Unsupported as reason:
                result.skipped.append(check.about(index, str(reason)))
                continue
            href = f"items/{quiz.id}/{quiz.questions[index].id}.xml"
            files[href] = item_template.render(item=item)
            resource_id = f"R-{item.identifier}"
            resources.append({"identifier": resource_id, "type": ITEM_TYPE, "href": href, "dependencies": []})
            refs.append({"identifier": item.identifier, "href": f"../{href}", "resource": resource_id})
            result.approximated += [check.about(index, loss) for loss in losses]
            result.exported += 1
        if not refs:
            continue  # a test needs a question; each was named as skipped
        mark = quiz.percent_to_pass
        test = {
            "identifier": identifier(f"test-{quiz.id}"),
            "title": plain(quiz.title, 200),
            "intro": writer.block(quiz.intro) if quiz.intro else None,
            "select": quiz.draw,
            "shuffle": quiz.shuffle_questions,
            "refs": refs,
            "pass_points": points(quiz.pass_points) if quiz.pass_points is not None else None,
            "pass_share": points((mark - 0.5) / 100) if mark is not None else None,
        }
        href = f"tests/{quiz.id}.xml"
        files[href] = test_template.render(test=test)
        resources.append({
            "identifier": f"R-{test['identifier']}", "type": TEST_TYPE, "href": href,
            "dependencies": [ref["resource"] for ref in refs],
        })
        result.checks += 1
    manifest = env.get_template("exports/qti21-manifest.xml").render(identifier="MANIFEST-questions", resources=resources)
    write_zip(out, {"imsmanifest.xml": manifest, **files})
    return result


def write_zip(out: Path, files: dict[str, str]) -> None:
    """A zip of ``files`` (name → text), the same bytes for the same course: no clock in it."""
    out.parent.mkdir(parents=True, exist_ok=True)
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as package:
        for name, text in files.items():
            package.writestr(zipfile.ZipInfo(name, date_time=(1980, 1, 1, 0, 0, 0)), text, zipfile.ZIP_DEFLATED)
