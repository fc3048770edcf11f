"""The stability sample's fast neighbour ranking gives what the one ranking rule gives."""

from __future__ import annotations

import itertools
from typing import Any

from coursegen.ranking import Compiled
from coursegen.yaml_source import parse_document
from hypothesis import given, settings

from tests.python.strategies import diagnostics


@settings(max_examples=150, deadline=None)
@given(diagnostics(max_questions=4, max_rules=4, max_when=3))
def test_flipping_matches_ranking_every_single_change(diagnostic: dict[str, Any]) -> None:
    compiled = Compiled(diagnostic)
    sizes = [len(options) for options in compiled.option_ids]
    for choice in itertools.product(*(range(size) for size in sizes)):
        scores, fired = compiled.standing(choice)
        result = compiled.ranking(scores, fired)[0]
        # Slow and plain: every other answer alone, scored from scratch.
        expected = []
        for q, chosen in enumerate(choice):
            others = (list(choice[:q]) + [k] + list(choice[q + 1 :]) for k in range(sizes[q]) if k != chosen)
            if any(compiled.result_of(other) != result for other in others):
                expected.append(q)
        assert compiled.flipping(choice, result, scores) == expected
        assert scores == [sum(column) for column in zip(*(compiled.weights[q][k] for q, k in enumerate(choice)), strict=True)] or not choice


def test_positions_of_a_duplicate_key_are_the_first_ones() -> None:
    # Positions are worked out after reading: they must follow the value the reader kept.
    document = parse_document(b"a:\n  b: 1\na:\n  c: 2\nd: [x, y]\n", "f.yml")
    assert document.data == {"a": {"b": 1}, "d": ["x", "y"]}
    assert document.keys[("a",)] == (1, 1)
    assert ("a", "c") not in document.values
    assert document.values[("a", "b")] == (2, 6)
    assert document.values[("d", 1)] == (5, 8)
    assert [problem.line for problem in document.problems] == [3]
