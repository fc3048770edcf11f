// The browser's scoring is total and deterministic: thousands of seeded random
// answer sets, real ids mixed with junk values and prototype keys, never throw
// and always give the same result twice.
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { test } from 'node:test';
import { scoreKnowledge, tokens } from '../../plugins/coursegen/assets/scoring.js';
import { scoreDiagnostic } from '../../plugins/coursegen/assets/diagnosis.js';

const vectors = JSON.parse(readFileSync(new URL('../vectors/course.vectors.json', import.meta.url), 'utf8'));
const edges = JSON.parse(readFileSync(new URL('../vectors/edge.vectors.json', import.meta.url), 'utf8'));
// Every question type's scoring tokens, as on a page that has the type.
const types = new URL('../../plugins/coursegen/assets/questions/', import.meta.url);
for (const name of readdirSync(types).filter((n) => n.endsWith('.js'))) (await import(new URL(name, types))).install({}, tokens);
// Knowledge payloads of every type (the edge vectors hold them all), beside the course's.
const payloads = { ...vectors.payloads };
for (const c of edges.cases) if (typeof c.payload == 'object') payloads[c.payload.id] = c.payload;

// Mulberry32: a tiny seeded generator, so a failure can be replayed.
function random(seed) {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const JUNK = [null, undefined, 0, -1, 1.5, NaN, true, '', 'no-such-option', [], {}, [[]], { a: 1 }, '__proto__', 'constructor', 'a'.repeat(5000)];

function answersFor(payload, next) {
  const pick = (list) => list[Math.floor(next() * list.length)];
  const answers = JSON.parse('{"__proto__": ["a"], "constructor": "x"}');
  for (const question of payload.questions) {
    const ids = (question.options ?? question.items ?? []).map((option) => (typeof option === 'string' ? option : option.id));
    const roll = next();
    if (roll < 0.2) continue;
    if (roll < 0.4) answers[question.id] = pick(JUNK);
    else if (payload.kind !== 'knowledge') answers[question.id] = pick(ids);
    else if (question.type == 'matching') answers[question.id] = Object.fromEntries(ids.map((i) => [i, next() < 0.8 ? pick(question.choices) : pick(JUNK)]));
    else if (question.type == 'numeric') answers[question.id] = pick([question.min, question.max, question.min - next(), Infinity, '5', 1e308 * 10]);
    else if (question.type == 'short-answer') answers[question.id] = pick([...question.accepted, 'x', '\u0301', '  ', 'É'.repeat(300)]);
    else answers[question.id] = ids.filter(() => next() < 0.7).concat(next() < 0.2 ? [pick(JUNK)] : []);
  }
  return answers;
}

test('scoring never throws and is deterministic for random answer sets', () => {
  const next = random(20261125);
  for (const [id, payload] of Object.entries(payloads)) {
    const score = payload.kind === 'knowledge' ? scoreKnowledge : scoreDiagnostic;
    for (let n = 0; n < 300; n += 1) {
      const answers = answersFor(payload, next);
      const first = score(payload, answers);
      assert.deepStrictEqual(score(payload, answers), first, `${id} #${n}`);
      if (payload.kind === 'diagnostic') assert.ok(payload.order.includes(first.outcome), `${id} #${n}`);
      else assert.ok(first.percent >= 0 && first.percent <= 100, `${id} #${n}`);
    }
  }
  assert.equal(Object.prototype.a, undefined, 'the prototype was polluted');
});
