// Twin of scoring.py, key for key (tests/vectors/ holds them to it). The payload
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

export function scoreDiagnostic(payload, answers) {
  const { order, questions } = payload;
  // Keeps first-insertion order on overwrite, as the Python dict does.
  const chosen = new Map();
  for (const q of questions) for (const o of q.options) if (o.id === get(answers, q.id)) chosen.set(q.id, o);
  const scores = {};
  for (const id of order) scores[id] = 0;
  for (const o of chosen.values()) for (const [id, weight] of Object.entries(o.weights)) if (own(scores, id)) scores[id] += weight;
  const fired = payload.rules.filter((rule) =>
    Object.entries(rule.when).every(([q, options]) => options.includes(chosen.has(q) ? chosen.get(q).id : null)));
  let excluded = new Set(fired.flatMap((rule) => rule.exclude));
  // There must always be a result.
  if (order.every((o) => excluded.has(o))) excluded = new Set();
  const ranking = order.filter((o) => !excluded.has(o))
    .sort((a, b) => scores[b] - scores[a] || order.indexOf(a) - order.indexOf(b));
  const outcome = ranking.length ? ranking[0] : null;
  const reasons = questions.filter((q) => chosen.has(q.id))
    .map((q) => ({ question: q.id, option: chosen.get(q.id).id, weight: get(chosen.get(q.id).weights, outcome) ?? 0 }))
    .filter((r) => r.weight > 0).sort((a, b) => b.weight - a.weight).slice(0, 3);
  const notes = fired.filter((rule) => rule.note && (!rule.outcomes.length || rule.outcomes.includes(outcome))).map((rule) => rule.id);
  const missing = questions.map((q) => q.id).filter((id) => !chosen.has(id));
  return {
    outcome,
    runnerUp: ranking.length > 1 ? ranking[1] : null,
    ranking,
    scores,
    excluded: order.filter((o) => excluded.has(o)),
    reasons,
    notes,
    missing,
    complete: !missing.length,
  };
}
