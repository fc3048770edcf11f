"""Case libraries: learners' situations a diagnostic must get right, checked by every build.

A case library (``cases/<name>.yml``) belongs to one diagnostic. Each case is a
situation in plain words, the answers such a learner would give, the outcome
the diagnostic should lead to (and any acceptable alternatives), and the notes
that must show. A file that is not a valid library is a problem, like any
course file; a case that does not hold is a warning (so ``--strict`` fails),
placed at the case's ``expected`` (or ``notes``) line.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from .content_files import source_files
from .diagnostics import Problem, display_path
from .models import CaseLibrary, Diagnostic
from .runtime_data import Payload
from .scoring import DiagnosticResult, score_diagnostic
from .validation import describe, validate
from .yaml_source import Document, YamlProblem, read_document


@dataclass(frozen=True)
class CaseResult:
    """One case run against its diagnostic."""

    case: str
    expected: str
    outcome: str
    holds: bool
    missing_notes: tuple[str, ...]
    warning: Problem | None
    """Where and why the case does not hold; None when it does."""


@dataclass(frozen=True)
class CaseRun:
    """Every case of one library, run."""

    file: str
    diagnostic: str
    results: tuple[CaseResult, ...]

    @property
    def failures(self) -> list[Problem]:
        """The located warning of each case that does not hold."""
        return [result.warning for result in self.results if result.warning is not None]


def check_case_libraries(
    folder: Path, root: Path, diagnostics: dict[str, tuple[Diagnostic, Payload]]
) -> tuple[list[CaseRun], list[Problem]]:
    """Read, check and run every case library in ``folder`` (``diagnostics``: id → model and
    payload): (the runs, the problems found).

    Problems are errors in the files themselves (syntax, fields, unknown ids); a
    case that does not hold is reported in its run's :attr:`CaseRun.failures`.
    """
    runs: list[CaseRun] = []
    paths, problems = source_files(folder, root, "cases_dir")
    for path in paths:
        try:
            document = read_document(path, display_path(path, root))
        except YamlProblem as error:
            problems.append(error.problem)
            continue
        if not isinstance(document.data, dict):
            problems.append(document.problem((), f"expected a mapping of fields (`name: value` lines), got {describe(document.data)}"))
            continue
        library, found = validate(document, CaseLibrary)
        problems += found
        if library is None or found:
            continue
        if library.diagnostic not in diagnostics:
            known = ", ".join(f"`{d}`" for d in sorted(diagnostics)) or "none"
            problems.append(document.problem(("diagnostic",), f"no diagnostic has the id `{library.diagnostic}`; diagnostics: {known}"))
            continue
        diagnostic, payload = diagnostics[library.diagnostic]
        reference_problems = list(_reference_problems(library, diagnostic, document))
        problems += reference_problems
        if not reference_problems:
            runs.append(_run(library, payload, document))
    return runs, problems


def _reference_problems(library: CaseLibrary, diagnostic: Diagnostic, document: Document) -> list[Problem]:
    options = {q.id: [o.id for o in q.answers] for q in diagnostic.questions}
    outcomes = [o.id for o in diagnostic.outcomes]
    notes = [rule.id for rule in diagnostic.rules if rule.text]
    found: list[Problem] = []
    seen: dict[str, int] = {}
    for n, case in enumerate(library.cases):
        base = ("cases", n)
        if case.id in seen:
            found.append(document.problem((*base, "id"), f"case id `{case.id}` is used twice (also at item {seen[case.id]})"))
        seen.setdefault(case.id, n)
        for question, option in case.answers.items():
            if question not in options:
                found.append(document.problem((*base, "answers", question), f"no question has the id `{question}`; known: {_list(options)}", key=True))
            elif option not in options[question]:
                found.append(document.problem((*base, "answers", question), f"question `{question}` has no option `{option}`; known: {_list(options[question])}"))
        for field, ids in (("expected", [case.expected]), ("acceptable", case.acceptable)):
            for k, outcome in enumerate(ids):
                if outcome not in outcomes:
                    path = (*base, field) if field == "expected" else (*base, field, k)
                    found.append(document.problem(path, f"no outcome has the id `{outcome}`; known: {_list(outcomes)}"))
        for k, rule in enumerate(case.notes):
            if rule not in notes:
                found.append(document.problem((*base, "notes", k), f"no rule with a note has the id `{rule}`; known: {_list(notes)}"))
    return found


def _list(ids: list[str] | dict[str, list[str]]) -> str:
    return ", ".join(f"`{i}`" for i in ids)


def _run(library: CaseLibrary, payload: Payload, document: Document) -> CaseRun:
    results = []
    for n, case in enumerate(library.cases):
        score = score_diagnostic(payload, dict(case.answers))
        allowed = [case.expected, *case.acceptable]
        missing = tuple(rule for rule in case.notes if rule not in score["notes"])
        holds = score["outcome"] in allowed
        warning = None
        if not holds:
            wanted = " or ".join(f"`{o}`" for o in allowed)
            why = _standing(score)
            warning = document.problem(
                ("cases", n, "expected"),
                f"case `{case.id}` expects {wanted}; the diagnostic gives `{score['outcome']}` ({why})",
            )
        elif missing:
            shown = ", ".join(f"`{rule}`" for rule in score["notes"]) or "none"
            warning = document.problem(
                ("cases", n, "notes"),
                f"case `{case.id}`: the notes {', '.join(f'`{r}`' for r in missing)} are not shown (shown: {shown})",
            )
        results.append(CaseResult(case.id, case.expected, score["outcome"], holds and not missing, missing, warning))
    return CaseRun(document.file, library.diagnostic, tuple(results))


def _standing(score: DiagnosticResult) -> str:
    """The ranking's points and the ruled-out outcomes, for a message."""
    points = ", ".join(f"{o} {score['scores'][o]}" for o in score["ranking"])
    out = f"points: {points}"
    if score["excluded"]:
        out += f"; ruled out: {', '.join(score['excluded'])}"
    return out


def describe_cases(run: CaseRun) -> list[str]:
    """A heading and one line per case, for the command line."""
    held = sum(result.holds for result in run.results)
    lines = [f"{run.file}: {held} of {len(run.results)} cases hold"]
    for result in run.results:
        mark = "ok  " if result.holds else "FAIL"
        also = " (acceptable)" if result.holds and result.outcome != result.expected else ""
        lines.append(f"  {mark} {result.case:<40} expected {result.expected:<14} got {result.outcome}{also}")
    return lines
