"""The diagnostic analysis is exact (checked against brute force) and falls back to a labelled estimate."""

from __future__ import annotations

import itertools
from collections import Counter

from coursegen.analysis import analyze_diagnostic, describe_spread
from coursegen.scoring import score_diagnostic
from hypothesis import given, settings
from hypothesis import strategies as st

OUTCOMES = ["a", "b", "c"]


@st.composite
def diagnostics(draw: st.DrawFn) -> dict:
    order = draw(st.permutations(OUTCOMES))
    questions = []
    for q in range(draw(st.integers(1, 4))):
        options = []
        for o in range(draw(st.integers(2, 3))):
            weights = draw(st.dictionaries(st.sampled_from(OUTCOMES), st.integers(-3, 3), max_size=3))
            options.append({"id": f"o{o}", "text": "t", "weights": weights, "reason": None})
        questions.append({"id": f"q{q}", "prompt": "p", "options": options})
    rules = []
    for r in range(draw(st.integers(0, 2))):
        question = draw(st.sampled_from(questions))
        chosen = draw(st.lists(st.sampled_from([o["id"] for o in question["options"]]), min_size=1, unique=True))
        exclude = draw(st.lists(st.sampled_from(OUTCOMES), unique=True))
        rules.append({"id": f"r{r}", "when": {question["id"]: chosen}, "exclude": exclude, "note": False, "outcomes": []})
    return {"kind": "diagnostic", "id": "x", "order": list(order), "outcomes": [], "questions": questions, "rules": rules}


@settings(max_examples=150, deadline=None)
@given(diagnostics())
def test_exact_analysis_matches_brute_force(payload: dict) -> None:
    brute: Counter[str] = Counter()
    for options in itertools.product(*(q["options"] for q in payload["questions"])):
        answers = {q["id"]: o["id"] for q, o in zip(payload["questions"], options, strict=True)}
        brute[score_diagnostic(payload, answers)["outcome"]] += 1
    analysis = analyze_diagnostic(payload)
    assert analysis.exact
    assert {o: s.count for o, s in analysis.spread.items() if s.count} == dict(brute)
    for outcome, entry in analysis.spread.items():
        if entry.witness is not None:  # the witness really leads to its outcome
            assert score_diagnostic(payload, entry.witness)["outcome"] == outcome


def test_large_diagnostic_falls_back_to_a_labelled_estimate() -> None:
    questions = [
        {"id": f"q{n}", "prompt": "p", "options": [
            {"id": f"o{k}", "text": "t", "weights": {OUTCOMES[k % 3]: (n * 7 + k * 3) % 10 + 1}, "reason": None}
            for k in range(4)
        ]}
        for n in range(40)
    ]
    payload = {"kind": "diagnostic", "id": "big", "order": OUTCOMES, "outcomes": [], "questions": questions, "rules": []}
    analysis = analyze_diagnostic(payload, max_steps=1_000, samples=2_000)
    assert not analysis.exact and analysis.total == 4**40 and analysis.counted == 2_000
    assert sum(entry.count for entry in analysis.spread.values()) == 2_000
    assert "estimate from 2,000 random answer sets" in describe_spread("big", analysis)[0]
