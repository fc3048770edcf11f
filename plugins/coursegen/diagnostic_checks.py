"""The build's checks of every diagnostic: reachable outcomes, spread, stability and case libraries.

An outcome no answers can reach is a problem (the build fails); an outcome that
wins too often, fragile results beyond the diagnostic's ``stability`` limits and
a case of a case library that does not hold are warnings (``--strict`` fails).
Analyses are kept by the payload they measured, so `mkdocs serve` rebuilds redo
only the diagnostics that changed.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path

from .analysis import Analysis, analyze_diagnostic, witness_text
from .cases import CaseRun, check_case_libraries
from .diagnostics import Problem
from .models import Diagnostic
from .rebuild_cache import RebuildCache
from .runtime_data import Payload, embedded_json
from .stability import StabilityReport, measure_stability, stability_warnings
from .yaml_source import Source


@dataclass
class DiagnosticReport:
    """What the checks found out about one diagnostic."""

    analysis: Analysis
    stability: StabilityReport
    cases: list[CaseRun] = field(default_factory=list)


@dataclass
class DiagnosticChecks:
    """Every diagnostic's report, and the problems and warnings of all of them."""

    reports: dict[str, DiagnosticReport] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)


_MEASURED: dict[str, tuple[Analysis, StabilityReport]] = {}
"""Analysis and stability by payload hash, for the rebuilds of one `mkdocs serve`."""


def measure(payload: Payload) -> tuple[Analysis, StabilityReport]:
    """The outcome spread and the stability of a diagnostic payload (remembered for unchanged ones)."""
    key = hashlib.sha256(embedded_json(payload).encode()).hexdigest()
    if key not in _MEASURED:
        _MEASURED[key] = (analyze_diagnostic(payload), measure_stability(payload))
    return _MEASURED[key]


def check_diagnostics(
    diagnostics: dict[str, tuple[Diagnostic, Source, Payload]],
    cases_dir: Path | None,
    root: Path,
    max_share: float,
    rebuilds: RebuildCache | None = None,
) -> DiagnosticChecks:
    """Check every diagnostic (id → model, source file and payload) and run the case libraries in
    ``cases_dir``; ``rebuilds`` keeps the analysis of an unchanged diagnostic (`mkdocs serve`)."""
    checks = DiagnosticChecks()
    rebuilds = rebuilds or RebuildCache(keep=False)
    for quiz_id, (quiz, document, payload) in diagnostics.items():
        # Keyed by the payload, itself kept for as long as the diagnostic's file is unchanged.
        analysis, stability = rebuilds.get(("measure", quiz_id), payload, partial(measure, payload))
        checks.reports[quiz_id] = DiagnosticReport(analysis, stability)
        checks.problems += _unreachable(quiz, document, analysis)
        checks.warnings += _too_common(quiz, document, analysis, max_share)
        checks.warnings += [
            f"{document.file}: {message}"
            for message in stability_warnings(quiz_id, stability, quiz.stability.model_dump())
        ]
    if cases_dir is not None:
        known = {q: (quiz, payload) for q, (quiz, _, payload) in diagnostics.items()}
        runs, problems = check_case_libraries(cases_dir, root, known)
        checks.problems += problems
        for run in runs:
            checks.reports[run.diagnostic].cases.append(run)
            checks.warnings += [str(failure) for failure in run.failures]
    return checks


def summary_lines(checks: DiagnosticChecks) -> list[str]:
    """One line per diagnostic for the build log: spread, stability and cases, per outcome."""
    lines = []
    for quiz_id, report in checks.reports.items():
        analysis, stability = report.analysis, report.stability
        outcomes = ", ".join(
            f"{outcome} {analysis.share(outcome):.0%} (flips {entry.share(entry.flips):.0%}, "
            f"close {entry.share(entry.close):.0%}, ties {entry.share(entry.ties):.0%})"
            for outcome, entry in stability.outcomes.items()
        )
        spread = "exact" if analysis.exact else "estimated"
        line = f"{quiz_id}: {analysis.total:,} answer sets ({spread}; stability: {stability.how}): {outcomes}"
        for run in report.cases:
            held = sum(result.holds for result in run.results)
            line += f"; {run.file}: {held} of {len(run.results)} cases hold"
        lines.append(line)
    return lines


def _unreachable(quiz: Diagnostic, document: Source, analysis: Analysis) -> list[Problem]:
    """An outcome no complete answer set leads to (known only when the count is exact)."""
    outcome_ids = [outcome.id for outcome in quiz.outcomes]
    if not analysis.exact:
        return []
    return [
        document.problem(("outcomes", outcome_ids.index(outcome)), f"outcome `{outcome}` can never be the result of any answers")
        for outcome in analysis.unreachable
    ]


def _too_common(quiz: Diagnostic, document: Source, analysis: Analysis, max_share: float) -> list[str]:
    """Outcomes that win too often, and (when estimated) outcomes no sampled answer set reached."""
    warnings = []
    if not analysis.exact:
        warnings += [
            f"{document.file}: outcome `{outcome}` of `{quiz.id}` was the result of none of "
            f"{analysis.counted:,} random answer sets (the diagnostic is too large to check exactly)"
            for outcome in analysis.unreachable
        ]
    for outcome, entry in analysis.spread.items():
        share = analysis.share(outcome)
        if share > max_share:
            estimated = "" if analysis.exact else " (estimated)"
            warnings.append(
                f"{document.file}: outcome `{outcome}` of `{quiz.id}` wins {share:.0%}{estimated} of all answer "
                f"combinations (more than {max_share:.0%}); e.g. {witness_text(entry.witness)}"
            )
    return warnings
