// "What would change your result": for every other outcome, the fewest answer changes that
// make it the result. The twin of what_if.py, trial for trial (tests/vectors/ holds them to
// it): 1 changed answer, then 2, then 3; questions in question order, their other options
// in option order, the last question's option varying fastest; the first hit per outcome
// wins; at most 20,000 answer sets are tried.
import { choiceOf, compile, resultOf } from './diagnosis.js';

const MAX_CHANGES = 3, MAX_TRIES = 20000;

// Index sets of `size` out of n, in lexicographic order (Python's itertools.combinations).
function* combinations(n, size) {
  const pick = Array.from({ length: size }, (_, i) => i);
  if (size > n) return;
  for (;;) {
    yield pick;
    let i = size - 1;
    while (i >= 0 && pick[i] === n - size + i) i--;
    if (i < 0) return;
    pick[i]++;
    for (let j = i + 1; j < size; j++) pick[j] = pick[j - 1] + 1;
  }
}

// Every pick of one item per list, the last varying fastest (itertools.product).
function* product(lists) {
  if (lists.some((l) => !l.length)) return;
  const at = lists.map(() => 0);
  for (;;) {
    yield at.map((k, i) => lists[i][k]);
    let i = lists.length - 1;
    while (i >= 0 && ++at[i] === lists[i].length) at[i--] = 0;
    if (i < 0) return;
  }
}

export function whatWouldChange(payload, answers) {
  const c = compile(payload), choice = choiceOf(c, answers), result = resultOf(c, choice);
  const others = c.options.map((options, q) => options.map((_, k) => k).filter((k) => k !== choice[q]));
  const found = new Map(), wanted = c.order.length - 1;
  let tries = 0;
  search: for (let size = 1; size <= MAX_CHANGES; size++) {
    for (const questions of combinations(choice.length, size)) {
      for (const picks of product(questions.map((q) => others[q]))) {
        if (tries >= MAX_TRIES || found.size === wanted) break search;
        tries++;
        const trial = [...choice];
        questions.forEach((q, i) => (trial[q] = picks[i]));
        const outcome = resultOf(c, trial);
        if (outcome !== result && !found.has(outcome)) found.set(outcome, questions.map((q, i) => [q, picks[i]]));
      }
    }
  }
  return c.order.map((id, o) => ({ id, o })).filter(({ o }) => o !== result).map(({ id, o }) => ({
    outcome: id,
    answers: found.has(o) ? found.get(o).map(([q, k]) => ({ question: c.questions[q], option: c.options[q][k] })) : null,
  }));
}
