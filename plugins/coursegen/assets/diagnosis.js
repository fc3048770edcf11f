// Diagnostics; the twin of scoring.py's diagnostic part and of ranking.py (tests/vectors/
// holds them to it). Only the self-assessment, My results and team view pages load it.
const own = (o, k) => typeof o == 'object' && o !== null && !Array.isArray(o) && Object.hasOwn(o, k);
const get = (o, k) => (own(o, k) ? o[k] : undefined);

// The payload as weight rows and rule bit masks (ranking.py's Compiled); only rules that
// exclude something are compiled, notes never change a result. Sets of up to 31 rules fit
// a bit mask; more use BigInt-free arrays of masks, so every diagnostic is ranked alike.
// Once per payload (which nothing changes): a result, its what-ifs and a team of thousands
// of results rank against the same one.
const compiled = new WeakMap();
export function compile(payload) {
  if (!compiled.has(payload)) compiled.set(payload, build(payload));
  return compiled.get(payload);
}

function build(payload) {
  const { order, questions } = payload;
  const rules = payload.rules.filter((rule) => rule.exclude.length);
  const words = Math.max(1, Math.ceil(rules.length / 30));
  const mask = (test) => {
    const m = new Array(words).fill(0);
    rules.forEach((rule, r) => test(rule) && (m[(r / 30) | 0] |= 1 << r % 30));
    return m;
  };
  const has = (o, k) => Object.hasOwn(o, k);
  return {
    order,
    questions: questions.map((q) => q.id),
    options: questions.map((q) => q.options.map((o) => o.id)),
    weights: questions.map((q) => q.options.map((o) => order.map((id) => (has(o.weights, id) ? o.weights[id] : 0)))),
    keeps: questions.map((q) => q.options.map((o) => mask((rule) => !has(rule.when, q.id) || rule.when[q.id].includes(o.id)))),
    unanswered: questions.map((q) => mask((rule) => !has(rule.when, q.id))),
    excluders: order.map((id) => mask((rule) => rule.exclude.includes(id))),
    all: mask(() => true),
  };
}

export const choiceOf = (c, answers) => c.questions.map((id, q) => {
  const k = c.options[q].indexOf(get(answers, id));
  return k < 0 ? null : k;
});

function standing(c, choice) {
  const scores = c.order.map(() => 0), fired = [...c.all];
  choice.forEach((k, q) => {
    const keep = k === null ? c.unanswered[q] : c.keeps[q][k];
    if (k !== null) c.weights[q][k].forEach((w, i) => (scores[i] += w));
    keep.forEach((m, w) => (fired[w] &= m));
  });
  return { scores, fired };
}

// There must always be a result: exclusions that would leave none do not apply.
function excludedBy(c, fired) {
  const out = c.excluders.map((m) => m.some((bits, w) => bits & fired[w]));
  return out.every(Boolean) ? out.map(() => false) : out;
}

// Best first; ties go to the outcome earlier in `order`.
function ranking(c, { scores, fired }) {
  const excluded = excludedBy(c, fired);
  return c.order.map((_, o) => o).filter((o) => !excluded[o]).sort((a, b) => scores[b] - scores[a] || a - b);
}

export const resultOf = (c, choice) => ranking(c, standing(c, choice))[0];

export function scoreDiagnostic(payload, answers) {
  const c = compile(payload), choice = choiceOf(c, answers), { questions, order } = payload;
  const now = standing(c, choice), ranked = ranking(c, now), excluded = excludedBy(c, now.fired);
  const chosen = new Map();
  questions.forEach((q, i) => choice[i] !== null && chosen.set(q.id, q.options[choice[i]]));
  const ids = (q) => (chosen.has(q) ? chosen.get(q).id : null);
  const scores = {};
  order.forEach((id, i) => (scores[id] = now.scores[i]));
  const outcome = order[ranked[0]], runnerUp = ranked.length > 1 ? order[ranked[1]] : null;
  const margin = runnerUp === null ? null : scores[outcome] - scores[runnerUp];
  const fired = payload.rules.filter((rule) => Object.entries(rule.when).every(([q, options]) => options.includes(ids(q))));
  const exclusions = order.filter((_, i) => excluded[i]).map((id) => ({
    outcome: id,
    rules: fired.filter((rule) => rule.exclude.includes(id)).map((rule) => ({
      rule: rule.id,
      answers: questions.filter((q) => Object.hasOwn(rule.when, q.id)).map((q) => ({ question: q.id, option: ids(q.id) })),
    })),
  }));
  const reasons = questions.filter((q) => chosen.has(q.id))
    .map((q) => ({ question: q.id, option: ids(q.id), weight: get(chosen.get(q.id).weights, outcome) ?? 0 }))
    .filter((r) => r.weight > 0).sort((a, b) => b.weight - a.weight).slice(0, 3);
  const notes = fired.filter((rule) => rule.note && (!rule.outcomes.length || rule.outcomes.includes(outcome))).map((rule) => rule.id);
  const lessons = [...new Set([
    ...payload.outcomes.find((o) => o.id === outcome).lessons,
    ...questions.filter((q) => chosen.has(q.id)).flatMap((q) => chosen.get(q.id).lessons),
  ])].slice(0, 6);
  const missing = questions.map((q) => q.id).filter((id) => !chosen.has(id));
  return {
    outcome,
    runnerUp,
    ranking: ranked.map((o) => order[o]),
    scores,
    excluded: order.filter((_, i) => excluded[i]),
    exclusions,
    margin,
    close: margin !== null && margin <= payload.closeCall,
    tie: margin === 0,
    reasons,
    notes,
    lessons,
    missing,
    complete: !missing.length,
  };
}
