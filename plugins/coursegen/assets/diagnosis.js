// Diagnostics; the twin of scoring.py's diagnostic part (tests/vectors/ holds them to it).
// Only the self-assessment, My results and team view pages load it.
const own = (o, k) => typeof o == 'object' && o !== null && !Array.isArray(o) && Object.hasOwn(o, k);
const get = (o, k) => (own(o, k) ? o[k] : undefined);

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
