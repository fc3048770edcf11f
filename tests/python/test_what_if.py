""""What would change your result" finds the fewest answer changes, checked against brute force."""

from __future__ import annotations

import itertools

from coursegen.scoring import score_diagnostic
from coursegen.what_if import MAX_CHANGES, what_would_change
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.python.strategies import diagnostics, option, payload


def nearest(diagnostic: dict, answers: dict[str, str]) -> dict[str, int]:
    """Per outcome, the fewest answers that differ from ``answers`` among the answer sets leading to it.

    An unanswered question may stay unanswered (no change) or be answered (one change).
    """
    best: dict[str, int] = {}
    choices = [[None, *(o["id"] for o in q["options"])] for q in diagnostic["questions"]]
    for picks in itertools.product(*choices):
        if any(pick is None and q["id"] in answers for q, pick in zip(diagnostic["questions"], picks, strict=True)):
            continue  # an answer is changed to another option, never taken back
        trial = {q["id"]: pick for q, pick in zip(diagnostic["questions"], picks, strict=True) if pick is not None}
        changed = sum(trial.get(q) != answers.get(q) for q in trial)
        outcome = score_diagnostic(diagnostic, trial)["outcome"]
        best[outcome] = min(best.get(outcome, changed), changed)
    return best


@settings(max_examples=200, deadline=None)
@given(st.data())
def test_the_search_finds_the_fewest_changes(data: st.DataObject) -> None:
    diagnostic = data.draw(diagnostics(max_questions=5, max_rules=3, max_when=2))
    answers = {
        q["id"]: data.draw(st.sampled_from([o["id"] for o in q["options"]]))
        for q in diagnostic["questions"]
        if data.draw(st.booleans()) or len(diagnostic["questions"]) < 3
    }
    result = score_diagnostic(diagnostic, answers)["outcome"]
    brute = nearest(diagnostic, answers)
    changes = {change["outcome"]: change["answers"] for change in what_would_change(diagnostic, answers)}
    assert set(changes) == set(diagnostic["order"]) - {result}
    for outcome, found in changes.items():
        reachable = brute.get(outcome)
        if found is None:
            assert reachable is None or reachable > MAX_CHANGES, (outcome, reachable)
            continue
        assert len(found) == reachable, (outcome, found, reachable)
        trial = {**answers, **{change["question"]: change["option"] for change in found}}
        assert score_diagnostic(diagnostic, trial)["outcome"] == outcome
        for change in found:  # every change is a real change
            assert answers.get(change["question"]) != change["option"]


def test_an_outcome_beyond_three_changes_has_no_answer() -> None:
    # One point per `x` for `near`, per `y` for `far`; ties go to `near` (first in order).
    questions = [{"id": f"q{n}", "prompt": "?", "options": [option("x", {"near": 1}), option("y", {"far": 1})]} for n in range(4)]
    everything_x = {q["id"]: "x" for q in questions}
    plain = payload(["near", "far"], questions, [])
    assert score_diagnostic(plain, everything_x)["outcome"] == "near"
    # Two `y` tie (2 against 2, so near); three win: three changes.
    assert [len(c["answers"] or []) for c in what_would_change(plain, everything_x)] == [3]
    # A gate on q0 and 9 points for near on q4: far needs q0, q4 and two more, four changes.
    gate = {"id": "gate", "when": {"q0": ["x"]}, "exclude": ["far"], "because": None, "note": False, "outcomes": []}
    heavy = {"id": "q4", "prompt": "?", "options": [option("x", {"near": 9}), option("y", {})]}
    gated = payload(["near", "far"], [*questions, heavy], [gate])
    assert what_would_change(gated, {**everything_x, "q4": "x"}) == [{"outcome": "far", "answers": None}]
