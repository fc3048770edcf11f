// Knowledge checks; diagnosis.js scores diagnostics. Twin of scoring.py, key for key (tests/vectors/ holds them to it). The payload
// is the build's own; answers may be anything: odd ones are skipped, none throw.

// Own keys only: an answer keyed "__proto__" is just missing.
const own = (o, k) => typeof o == 'object' && o !== null && !Array.isArray(o) && Object.hasOwn(o, k);
const get = (o, k) => (own(o, k) ? o[k] : undefined);

export function scoreKnowledge(payload, answers) {
  const questions = payload.questions.map(({ id, options, correct, multiple }) => {
    const raw = get(answers, id);
    const picked = new Set(Array.isArray(raw) ? raw.filter((o) => options.includes(o)) : []);
    const hits = correct.filter((o, i) => picked.has(o) && correct.indexOf(o) === i).length;
    let status = 'unanswered', points = 0;
    if (hits === picked.size && hits === new Set(correct).size && hits) (status = 'right'), (points = 1);
    else if (multiple && hits) (status = 'partial'), (points = 0.5);
    else if (picked.size) status = 'wrong';
    return { id, status, points };
  });
  const total = questions.length;
  const points = questions.reduce((sum, q) => sum + q.points, 0);
  // As scoring.py: halves round up, not to even.
  const percent = total ? Math.floor((100 * points) / total + 0.5) : 0;
  return { questions, points, total, percent, passed: percent >= payload.passMark };
}
