"""The diagnostic analysis is exact (checked against brute force) and falls back to a labelled estimate."""

from __future__ import annotations

import itertools
from collections import Counter

from coursegen.analysis import analyze_diagnostic, describe_spread
from coursegen.scoring import score_diagnostic
from hypothesis import given, settings

from tests.python.strategies import OUTCOMES, diagnostics, option, payload


@settings(max_examples=150, deadline=None)
@given(diagnostics(max_questions=5, max_rules=4, max_when=3))
def test_exact_analysis_matches_brute_force(diagnostic: dict) -> None:
    brute: Counter[str] = Counter()
    for options in itertools.product(*(q["options"] for q in diagnostic["questions"])):
        answers = {q["id"]: o["id"] for q, o in zip(diagnostic["questions"], options, strict=True)}
        brute[score_diagnostic(diagnostic, answers)["outcome"]] += 1
    analysis = analyze_diagnostic(diagnostic)
    assert analysis.exact
    assert {o: s.count for o, s in analysis.spread.items() if s.count} == dict(brute)
    for outcome, entry in analysis.spread.items():
        if entry.witness is not None:  # the witness really leads to its outcome
            assert score_diagnostic(diagnostic, entry.witness)["outcome"] == outcome


def test_large_diagnostic_falls_back_to_a_labelled_estimate() -> None:
    questions = [
        {"id": f"q{n}", "prompt": "p", "options": [
            option(f"o{k}", {OUTCOMES[k % 3]: (n * 7 + k * 3) % 10 + 1}) for k in range(4)
        ]}
        for n in range(40)
    ]
    analysis = analyze_diagnostic(payload(OUTCOMES, questions, []), max_steps=1_000, samples=2_000)
    assert not analysis.exact and analysis.total == 4**40 and analysis.counted == 2_000
    assert sum(entry.count for entry in analysis.spread.values()) == 2_000
    assert "estimate from 2,000 random answer sets" in describe_spread("big", analysis)[0]
