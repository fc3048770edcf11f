"""The one ranking rule of diagnostics, on a compiled form of the payload.

Scoring a learner's answers, searching for the answers that would change a
result, counting every answer set's winner and measuring how stable results
are all rank outcomes through :class:`Compiled`, so the rule (rules exclude,
never all outcomes; highest score wins; ties go to the earlier outcome in
``order``) is written once. ``assets/diagnosis.js`` is its JavaScript twin.

Answers are held as option indices per question (None when unanswered),
scores as one integer per outcome in ``order``, and the rules that fired as
a bit mask, so millions of answer sets can be ranked in plain Python.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from operator import add, sub
from typing import Any

Payload = dict[str, Any]
Choice = Sequence[int | None]
"""An answer set: per question, the chosen option's index, or None when unanswered."""


class Compiled:
    """A diagnostic payload as weight tuples and rule bit masks.

    Only rules that exclude something are compiled: notes never change a result.
    """

    def __init__(self, payload: Payload) -> None:
        self.order: list[str] = list(payload["order"])
        questions = payload["questions"]
        self.question_ids: list[str] = [q["id"] for q in questions]
        self.option_ids: list[list[str]] = [[o["id"] for o in q["options"]] for q in questions]
        rules = [rule for rule in payload["rules"] if rule["exclude"]]
        self.rules: list[dict[str, Any]] = rules
        self.all_rules = (1 << len(rules)) - 1
        self.weights: list[list[tuple[int, ...]]] = [
            [tuple(o["weights"].get(outcome, 0) for outcome in self.order) for o in q["options"]] for q in questions
        ]
        # Per question and option: the rules still able to fire once it is chosen.
        self.keeps: list[list[int]] = [
            [
                sum(1 << r for r, rule in enumerate(rules) if q["id"] not in rule["when"] or o["id"] in rule["when"][q["id"]])
                for o in q["options"]
            ]
            for q in questions
        ]
        # An unanswered question keeps only the rules that do not name it.
        self.unanswered: list[int] = [
            sum(1 << r for r, rule in enumerate(rules) if q["id"] not in rule["when"]) for q in questions
        ]
        self.excluders: list[int] = [
            sum(1 << r for r, rule in enumerate(rules) if outcome in rule["exclude"]) for outcome in self.order
        ]
        self._eligible: dict[int, tuple[int, ...]] = {}
        # Per question and chosen option: each other option's rule mask and its points minus the chosen one's.
        self._changes: list[list[list[tuple[int, tuple[int, ...]]]]] = [
            [
                [(keep, tuple(map(sub, weights, row[chosen]))) for k, (weights, keep) in enumerate(zip(row, keeps, strict=True)) if k != chosen]
                for chosen in range(len(row))
            ]
            for row, keeps in zip(self.weights, self.keeps, strict=True)
        ]

    def choice(self, answers: dict[str, Any]) -> list[int | None]:
        """Answers (question id → option id) as option indices; unknown options count as unanswered."""
        out: list[int | None] = []
        for qid, options in zip(self.question_ids, self.option_ids, strict=True):
            answer = answers.get(qid)
            out.append(options.index(answer) if isinstance(answer, str) and answer in options else None)
        return out

    def standing(self, choice: Choice) -> tuple[list[int], int]:
        """Every outcome's points and the bit mask of excluding rules that fired."""
        if None not in choice:
            # The usual case (every complete answer set the checks rank): one sum per outcome.
            rows = [weights[k] for weights, k in zip(self.weights, choice, strict=True)]  # type: ignore[index]
            fired = self.all_rules
            for keeps, k in zip(self.keeps, choice, strict=True):
                fired &= keeps[k]  # type: ignore[index]
            return [sum(column) for column in zip(*rows)] if rows else [0] * len(self.order), fired
        scores = [0] * len(self.order)
        fired = self.all_rules
        for q, k in enumerate(choice):
            if k is None:
                fired &= self.unanswered[q]
                continue
            for i, gain in enumerate(self.weights[q][k]):
                scores[i] += gain
            fired &= self.keeps[q][k]
        return scores, fired

    def excluded(self, fired: int, also: int = 0) -> list[bool]:
        """Per outcome, whether a fired rule rules it out; none are, when all would be.

        ``also`` holds outcomes (one bit each, in ``order``) already known to be ruled
        out by rules folded away, as the exact counting does.
        """
        out = [bool(fired & mask or also >> o & 1) for o, mask in enumerate(self.excluders)]
        return [False] * len(out) if all(out) else out

    def ranking(self, scores: Sequence[int], fired: int) -> list[int]:
        """Eligible outcomes (indices), best first; ties go to the outcome earlier in ``order``."""
        excluded = self.excluded(fired)
        return sorted((o for o in range(len(self.order)) if not excluded[o]), key=lambda o: (-scores[o], o))

    def winner(self, scores: Sequence[int], fired: int, also: int = 0) -> int:
        """The first of :meth:`ranking`, without sorting."""
        excluded = self.excluded(fired, also)
        best = -1
        for o, points in enumerate(scores):
            if not excluded[o] and (best < 0 or points > scores[best]):
                best = o
        return best

    def eligible(self, fired: int) -> tuple[int, ...]:
        """The outcomes :meth:`excluded` leaves in the race, in ``order``, remembered per rule mask."""
        known = self._eligible.get(fired)
        if known is None:
            excluded = self.excluded(fired)
            known = self._eligible[fired] = tuple(o for o, out in enumerate(excluded) if not out)
        return known

    def flipping(self, choice: Sequence[int], result: int, scores: Sequence[int]) -> list[int]:
        """The questions (indices) where some other answer alone gives a result other than ``result``.

        ``scores`` is the complete ``choice``'s own standing. The same neighbours as
        :meth:`single_changes`, but a question's remaining options are skipped once one
        of them flips, each neighbour's points are the choice's plus the change's
        difference, and the winner is picked among the eligible outcomes by ``max``
        (which keeps the first of equal scores, as the rule wants): the stability
        sample ranks tens of thousands of neighbours.
        """
        keeps = self.keeps
        kept = [keeps[q][k] for q, k in enumerate(choice)]
        after = [self.all_rules] * (len(choice) + 1)
        for q in range(len(choice) - 1, -1, -1):
            after[q] = after[q + 1] & kept[q]
        before = self.all_rules
        known, eligible = self._eligible, self.eligible
        flipping = []
        for q, chosen in enumerate(choice):
            others = before & after[q + 1]
            for keep, change in self._changes[q][chosen]:
                trial = list(map(add, scores, change))
                mask = others & keep
                if max(known.get(mask) or eligible(mask), key=trial.__getitem__) != result:
                    flipping.append(q)
                    break
            before &= kept[q]
        return flipping

    def result_of(self, choice: Choice) -> int:
        """The winning outcome's index for an answer set."""
        return self.winner(*self.standing(choice))

    def single_changes(self, choice: Sequence[int]) -> Iterator[tuple[int, int]]:
        """(question, result) for every answer set that differs from the complete ``choice`` in one answer.

        Each is ranked from the choice's own standing: the changed answer's points swapped
        and the rules the other answers keep, so a neighbour costs one ranking, not a
        standing of every question.
        """
        scores, _ = self.standing(choice)
        kept = [self.keeps[q][k] for q, k in enumerate(choice)]
        # after[q]: the rules the answers from question q on keep able to fire.
        after = [self.all_rules] * (len(choice) + 1)
        for q in range(len(choice) - 1, -1, -1):
            after[q] = after[q + 1] & kept[q]
        before = self.all_rules
        for q, chosen in enumerate(choice):
            others = before & after[q + 1]
            base = [points - gain for points, gain in zip(scores, self.weights[q][chosen], strict=True)]
            for k, weights in enumerate(self.weights[q]):
                if k != chosen:
                    trial = [points + gain for points, gain in zip(base, weights, strict=True)]
                    yield q, self.winner(trial, others & self.keeps[q][k])
            before &= kept[q]
