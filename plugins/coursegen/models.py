"""The authoring model: what course authors may write in YAML.

These pydantic models are the single source of truth. Validation, the JSON
Schemas under ``schemas/`` and the rendered pages all derive from them, so a
rule lives here once and nowhere else.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Annotated, Literal

from pydantic import Field, model_validator

from .diagnostics import FieldPath
from .model_base import Id, Markdown, Strict, Text
from .questions import DiagnosticQuestion, KnowledgeQuestion

# --------------------------------------------------------------------------- course


class Module(Strict):
    """A group of lessons shown as one section of the navigation."""

    id: Id
    title: Text
    summary: Markdown | None = Field(None, description="One or two sentences shown on the home page.")
    lessons: list[Id] = Field(min_length=1, description="Lesson ids, in the order learners take them.")


class Outline(Strict):
    """The course outline (``content/course.yml``)."""

    title: Text
    description: Markdown
    audience: Text = Field(description="Who the course is for, in one sentence.")
    modules: list[Module] = Field(min_length=1)
    pages_before: list[str] = Field(
        default_factory=list,
        description="Markdown pages (paths in content/) placed in the navigation before the modules.",
    )
    pages_after: list[str] = Field(
        default_factory=list,
        description="Markdown pages placed after the modules. Pages not listed anywhere follow them.",
    )


# --------------------------------------------------------------------------- lesson


class Section(Strict):
    """One headed section of a lesson's body."""

    heading: Text
    body: Markdown


class WorkedCase(Strict):
    """A concrete case that shows the lesson's idea at work."""

    title: Text
    setting: Text | None = Field(None, description="Where the case happens, e.g. `Supplier contract`.")
    body: Markdown


class Lesson(Strict):
    """A lesson (``content/lessons/*.yml``)."""

    id: Id
    title: Text
    summary: Markdown
    minutes: int = Field(ge=1, le=240, description="Estimated minutes to read and do the check.")
    objectives: list[Text] = Field(min_length=1, description="What the learner can do afterwards.")
    sections: list[Section] = Field(min_length=1)
    case: WorkedCase | None = None
    takeaways: list[Text] = Field(min_length=1)
    reflection: Markdown | None = Field(None, description="A question for the learner to think about.")
    next_step: Markdown | None = Field(None, description="One concrete action to take after the lesson.")
    quiz: Id | None = Field(None, description="Id of the knowledge check shown at the end.")


# --------------------------------------------------------------------------- quizzes


class KnowledgeCheck(Strict):
    """A knowledge check (``quizzes/*.yml`` with ``kind: knowledge``)."""

    id: Id
    kind: Literal["knowledge"]
    title: Text = "Check your understanding"
    intro: Markdown | None = None
    pass_mark: int | None = Field(
        None, ge=1, le=100, description="Percent of the points needed to pass (75 unless `pass_points` is given)."
    )
    pass_points: float | None = Field(None, gt=0, description="Points needed to pass, instead of `pass_mark`.")
    shuffle: bool = Field(
        False, description="Show each learner the options in an order of their own (kept across visits); pinned options stay."
    )
    shuffle_questions: bool = Field(False, description="Show each learner the questions in an order of their own.")
    draw: int | None = Field(
        None, ge=1, description="Ask this many of the questions, drawn afresh for each attempt (a question pool)."
    )
    questions: list[KnowledgeQuestion] = Field(min_length=1)

    def checks(self) -> Iterator[tuple[FieldPath, str]]:
        """Problems placed at their field, beyond the model's own: the pass mark, the draw, each question's."""
        if self.pass_mark is not None and self.pass_points is not None:
            yield ("pass_points",), "give `pass_mark` (percent) or `pass_points`, not both"
        if self.draw is not None and self.draw > len(self.questions):
            yield ("draw",), f"asks for {self.draw} questions, but the check has {len(self.questions)}"
        elif self.pass_points is not None:
            # The fewest points an attempt can offer: the draw's lightest questions.
            offered = sum(sorted(q.points for q in self.questions)[: self.draw or len(self.questions)])
            if self.pass_points > offered:
                yield ("pass_points",), f"is more than an attempt can score ({offered} points)"
        for number, question in enumerate(self.questions):
            for path, message in question.checks():
                yield ("questions", number, *path), message

    @property
    def percent_to_pass(self) -> int | None:
        """The pass mark in percent, or None when the check passes on points."""
        if self.pass_points is not None:
            return None
        return 75 if self.pass_mark is None else self.pass_mark


class Outcome(Strict):
    """A possible result of a diagnostic."""

    id: Id
    title: Text
    summary: Markdown
    actions: list[Markdown] = Field(min_length=1, description="What to do next, most important first.")
    lessons: list[Id] = Field(default_factory=list, description="Lesson ids to read next.")


class Rule(Strict):
    """Under given answers, rule outcomes out or add a note to the result."""

    id: Id
    when: dict[Id, list[Id]] = Field(
        min_length=1,
        description="Question id → option ids. The rule fires when every listed question has one of its options.",
    )
    exclude: list[Id] = Field(default_factory=list, description="Outcome ids ruled out when the rule fires.")
    kind: Literal["caveat", "lever"] | None = Field(
        None, description="A caveat warns; a lever names something the learner can use."
    )
    title: Text | None = None
    text: Markdown | None = Field(None, description="The note shown with the result.")
    outcomes: list[Id] = Field(
        default_factory=list, description="Show the note only when the result is one of these outcomes."
    )
    because: Text | None = Field(
        None,
        description="Why the rule rules its `exclude` outcomes out, in the learner's terms; shown with them.",
    )

    @model_validator(mode="after")
    def _does_something(self) -> Rule:
        has_note = self.text is not None
        if not self.exclude and not has_note:
            raise ValueError("give the rule `exclude` (outcomes to rule out) or `text` (a note), or both")
        if has_note and (self.kind is None or self.title is None):
            raise ValueError("a rule with `text` also needs `kind` (caveat or lever) and `title`")
        if self.because is not None and not self.exclude:
            raise ValueError("`because` explains an exclusion; give the rule `exclude` too, or drop `because`")
        return self


class Stability(Strict):
    """Limits on how fragile a diagnostic's results may be; crossing one is a build warning."""

    max_flip_share: float | None = Field(
        None, ge=0, le=1,
        description="Warn when, for some outcome, more than this share of its answer sets change result "
        "when a single answer changes.",
    )
    max_close_share: float | None = Field(
        None, ge=0, le=1, description="Warn when more than this share of an outcome's answer sets are close calls."
    )
    max_tie_share: float | None = Field(
        None, ge=0, le=1,
        description="Warn when more than this share of an outcome's answer sets are ties decided by `order`.",
    )


class Diagnostic(Strict):
    """A self-assessment (``quizzes/*.yml`` with ``kind: diagnostic``)."""

    id: Id
    kind: Literal["diagnostic"]
    title: Text
    intro: Markdown | None = None
    outcomes: list[Outcome] = Field(min_length=2)
    order: list[Id] = Field(
        description="Every outcome id once, most preferred first. Ties go to the earlier outcome."
    )
    questions: list[DiagnosticQuestion] = Field(min_length=1)
    rules: list[Rule] = Field(default_factory=list)
    close_call: int = Field(
        3, ge=0, le=100,
        description="A result whose lead over the runner-up is at most this many points is shown as a close call, "
        "with the runner-up's first actions.",
    )
    stability: Stability = Stability()  # frozen, so one shared default is safe

    @property
    def lesson_ids(self) -> list[str]:
        """Every lesson an outcome or an answer points to, each once: outcomes' first."""
        ids = [lesson for outcome in self.outcomes for lesson in outcome.lessons]
        ids += [lesson for question in self.questions for option in question.answers for lesson in option.lessons]
        return list(dict.fromkeys(ids))

    def ruled_out_by(self, outcome: str) -> list[Exclusion]:
        """The rules that rule ``outcome`` out, in the learner's words: the page lists them under
        the outcome, so how the result is decided can be read without JavaScript."""
        questions = {question.id: question for question in self.questions}
        found = []
        for rule in self.rules:
            if outcome not in rule.exclude:
                continue
            answers = []
            for question_id, option_ids in rule.when.items():
                question = questions.get(question_id)
                if question is None:  # reported by the checks across files; nothing to show here
                    continue
                texts = {option.id: option.text for option in question.answers}
                answers.append((question.prompt, [texts[o] for o in option_ids if o in texts]))
            found.append(Exclusion(rule.because, answers))
        return found


@dataclass(frozen=True)
class Exclusion:
    """One rule that rules an outcome out: why, and the answers that make it fire."""

    because: str | None
    answers: list[tuple[str, list[str]]]
    """(question prompt, the option texts any one of which fires it), one per question."""


Quiz = Annotated[KnowledgeCheck | Diagnostic, Field(discriminator="kind")]


# --------------------------------------------------------------------------- case libraries


class Case(Strict):
    """A learner's situation, the answers such a person would give, and the result it should lead to."""

    id: Id
    situation: Text = Field(description="The learner's situation in plain words.")
    answers: dict[Id, Id] = Field(min_length=1, description="Question id → the option id this learner would choose.")
    expected: Id = Field(description="The outcome the diagnostic should give.")
    acceptable: list[Id] = Field(
        default_factory=list, description="Other outcomes that would also be right for this learner."
    )
    notes: list[Id] = Field(
        default_factory=list, description="Rule ids whose notes (caveats, levers) must be shown with the result."
    )
    why: Markdown | None = Field(None, description="The reasoning behind the expected outcome.")


class CaseLibrary(Strict):
    """The case library of one diagnostic (``cases/*.yml``): checked by every build and ``course validate``."""

    diagnostic: Id = Field(description="Id of the diagnostic these cases are for.")
    cases: list[Case] = Field(min_length=1)
