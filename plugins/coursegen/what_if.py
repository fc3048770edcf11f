"""What would change a diagnostic's result: the fewest answer changes that lead to each other outcome.

The Python twin of ``assets/what-if.js``; the shared vectors hold them to the
same answer. The search is bounded and deterministic, so both find the same
changes in the same order:

* answer sets are tried with 1 changed answer, then 2, then up to ``MAX_CHANGES``;
* for a given number of changes, the questions to change are taken in question
  order (``itertools.combinations``), and for those questions every other option,
  in option order, the last question's option varying fastest
  (``itertools.product``); an unanswered question may take any of its options;
* the first answer set found for an outcome is its answer (so it is a smallest
  one), and the search stops once every other outcome is found or after
  ``MAX_TRIES`` answer sets; an outcome not found by then has no answer (None).
"""

from __future__ import annotations

from collections.abc import Iterator
from itertools import combinations, product
from typing import TypedDict

from .ranking import Compiled, Payload
from .scoring import Answer

MAX_CHANGES = 3
"""More than three changed answers is no longer a small change to one's situation."""
MAX_TRIES = 20_000
"""Answer sets tried at most: about 30 ms in a browser for a 13-question diagnostic."""


class Change(TypedDict):
    outcome: str
    answers: list[Answer] | None


def _trials(choice: list[int | None], others: list[list[int]]) -> Iterator[tuple[tuple[int, ...], tuple[int, ...]]]:
    """(questions, their new options) of every answer set to try, in the order described above."""
    for size in range(1, MAX_CHANGES + 1):
        for questions in combinations(range(len(choice)), size):
            for picks in product(*(others[q] for q in questions)):
                yield questions, picks


def what_would_change(payload: Payload, answers: dict[str, object]) -> list[Change]:
    """For every outcome but the result, in ``order``: the fewest answers to change to make it the result."""
    compiled = Compiled(payload)
    choice = compiled.choice(answers)
    result = compiled.result_of(choice)
    wanted = len(compiled.order) - 1
    found: dict[int, list[tuple[int, int]]] = {}
    others = [[k for k in range(len(options)) if k != choice[q]] for q, options in enumerate(compiled.option_ids)]
    for tries, (questions, picks) in enumerate(_trials(choice, others)):
        if tries >= MAX_TRIES or len(found) == wanted:
            break
        trial = list(choice)
        for q, k in zip(questions, picks, strict=True):
            trial[q] = k
        outcome = compiled.result_of(trial)
        if outcome != result and outcome not in found:
            found[outcome] = list(zip(questions, picks, strict=True))
    return [
        Change(
            outcome=compiled.order[o],
            answers=[
                Answer(question=compiled.question_ids[q], option=compiled.option_ids[q][k]) for q, k in found[o]
            ] if o in found else None,
        )
        for o in range(len(compiled.order))
        if o != result
    ]
