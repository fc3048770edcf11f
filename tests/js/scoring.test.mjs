// Unit tests of scoring.js; the exact agreement with scoring.py is parity.test.mjs.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { scoreKnowledge } from '../../plugins/coursegen/assets/scoring.js';
import { scoreDiagnostic } from '../../plugins/coursegen/assets/diagnosis.js';
import { whatWouldChange } from '../../plugins/coursegen/assets/what-if.js';

const choice = (id, multiple, correct, options, extra = {}) => ({
  id, type: 'choice', points: 1, policy: multiple ? 'partial' : 'all-or-nothing', hints: 0, hintCost: 0,
  multiple, correct, options, pinned: [], ...extra,
});
const knowledge = {
  kind: 'knowledge', id: 'k', version: 'v', passMark: 75, passPoints: null,
  questions: [choice('one', false, ['b'], ['a', 'b', 'c']), choice('many', true, ['a', 'c'], ['a', 'b', 'c', 'd'])],
};

const option = (id, weights, reason = null, lessons = []) => ({ id, text: `Text ${id}`, weights, reason, lessons });
const diagnostic = {
  kind: 'diagnostic', id: 'd', version: 'v', closeCall: 1,
  order: ['p', 'q', 'r'],
  outcomes: [{ id: 'p', title: 'P', lessons: ['lp'] }, { id: 'q', title: 'Q', lessons: ['lq', 'shared'] }, { id: 'r', title: 'R', lessons: [] }],
  questions: [
    { id: 'a', prompt: 'A?', options: [option('x', { p: 1, q: 1 }, null, ['shared', 'la']), option('y', { r: 4 }, 'because y'), option('z', {})] },
    { id: 'b', prompt: 'B?', options: [option('x', { q: 2 }), option('y', { r: 1, p: -2 })] },
    { id: 'c', prompt: 'C?', options: [option('x', { q: 2 }), option('y', { r: 2 })] },
    { id: 'd', prompt: 'D?', options: [option('x', { q: 1 }), option('y', { q: 3 })] },
    { id: 'e', prompt: 'E?', options: [option('x', { q: 2 }), option('y', {})] },
  ],
  rules: [
    { id: 'no-q', when: { e: ['y'] }, exclude: ['q'], because: 'E is y', note: true, outcomes: [] },
    { id: 'all', when: { a: ['z'], b: ['x', 'y'] }, exclude: ['p', 'q', 'r'], because: null, note: false, outcomes: [] },
    { id: 'for-r', when: { c: ['y'] }, exclude: [], because: null, note: true, outcomes: ['r'] },
    { id: 'silent', when: { c: ['y'] }, exclude: [], because: null, note: false, outcomes: [] },
  ],
};

describe('scoreKnowledge', () => {
  test('right, partly right, wrong and unanswered', () => {
    const statuses = (answers) => scoreKnowledge(knowledge, answers).questions.map((q) => [q.status, q.points]);
    assert.deepEqual(statuses({ one: ['b'], many: ['c', 'a'] }), [['right', 1], ['right', 1]]);
    assert.deepEqual(statuses({ one: ['a'], many: ['a'] }), [['wrong', 0], ['partial', 0.5]]);
    assert.deepEqual(statuses({ many: ['a', 'b', 'c'] }), [['unanswered', 0], ['partial', 0.5]]);
    assert.deepEqual(statuses({ many: ['b', 'd'] }), [['unanswered', 0], ['wrong', 0]]);
  });

  test('a single-answer question has no partial credit', () => {
    const payload = { ...knowledge, questions: [choice('one', false, ['b'], ['a', 'b'])] };
    assert.equal(scoreKnowledge(payload, { one: ['a', 'b'] }).questions[0].status, 'wrong');
  });

  test('the whole result', () => {
    assert.deepStrictEqual(scoreKnowledge(knowledge, { one: ['b'], many: ['a'] }), {
      questions: [{ id: 'one', status: 'right', points: 1, max: 1 }, { id: 'many', status: 'partial', points: 0.5, max: 1 }],
      points: 1.5, total: 2, percent: 75, passed: true,
    });
  });

  test('halves round up, as floor(x + 0.5) in scoring.py', () => {
    const eight = { ...knowledge, questions: Array.from({ length: 8 }, (_, i) => choice(`q${i}`, false, ['a'], ['a', 'b'])) };
    assert.equal(scoreKnowledge(eight, { q0: ['a'] }).percent, 13); // 12.5
    assert.equal(scoreKnowledge(eight, { q0: ['a'], q1: ['a'], q2: ['a'] }).percent, 38); // 37.5
    assert.equal(scoreKnowledge({ ...knowledge, questions: [] }, {}).percent, 0);
  });

  test('unknown questions, unknown options and duplicates are ignored', () => {
    const result = scoreKnowledge(knowledge, { one: ['z', 'b', 'b'], nope: ['a'], many: ['A', 'c', 'c'] });
    assert.deepEqual(result.questions.map((q) => q.status), ['right', 'partial']);
  });
});

describe('scoreDiagnostic', () => {
  test('no answers: the first outcome in order, all missing', () => {
    const result = scoreDiagnostic(diagnostic, {});
    assert.equal(result.outcome, 'p');
    assert.equal(result.runnerUp, 'q');
    assert.deepEqual(result.scores, { p: 0, q: 0, r: 0 });
    assert.deepEqual(result.missing, ['a', 'b', 'c', 'd', 'e']);
    assert.equal(result.complete, false);
  });

  test('ties go to the outcome earlier in order', () => {
    const result = scoreDiagnostic(diagnostic, { a: 'x' });
    assert.deepEqual(result.ranking, ['p', 'q', 'r']);
    assert.equal(result.outcome, 'p');
  });

  test('excluded outcomes cannot win and are listed', () => {
    const result = scoreDiagnostic(diagnostic, { b: 'x', d: 'y', e: 'y' });
    assert.equal(result.scores.q, 5);
    assert.deepEqual(result.excluded, ['q']);
    assert.deepEqual(result.ranking, ['p', 'r']);
    assert.equal(result.outcome, 'p');
  });

  test('when every outcome would be excluded, none is', () => {
    const result = scoreDiagnostic(diagnostic, { a: 'z', b: 'x' });
    assert.deepEqual(result.excluded, []);
    assert.equal(result.outcome, 'q');
  });

  test('at most three reasons, positive only, biggest first, earlier question on ties', () => {
    const result = scoreDiagnostic(diagnostic, { a: 'x', b: 'x', c: 'x', d: 'y', e: 'x' });
    assert.equal(result.outcome, 'q');
    assert.deepEqual(result.reasons, [
      { question: 'd', option: 'y', weight: 3 },
      { question: 'b', option: 'x', weight: 2 },
      { question: 'c', option: 'x', weight: 2 },
    ]);
    assert.deepEqual(scoreDiagnostic(diagnostic, { a: 'z' }).reasons, []);
  });

  test('notes: fired rules with a note, for the winner or for every outcome', () => {
    assert.deepEqual(scoreDiagnostic(diagnostic, { c: 'y', a: 'y' }).notes, ['for-r']);
    assert.deepEqual(scoreDiagnostic(diagnostic, { c: 'y', d: 'y' }).notes, []);
    assert.deepEqual(scoreDiagnostic(diagnostic, { e: 'y', a: 'y', c: 'y' }).notes, ['no-q', 'for-r']);
  });

  test('partial answers still give a result and list what is missing', () => {
    const result = scoreDiagnostic(diagnostic, { a: 'y', d: 'nope' });
    assert.equal(result.outcome, 'r');
    assert.deepEqual(result.reasons, [{ question: 'a', option: 'y', weight: 4 }]);
    assert.deepEqual(result.missing, ['b', 'c', 'd', 'e']);
    assert.equal(result.complete, false);
    assert.equal(scoreDiagnostic(diagnostic, { a: 'x', b: 'x', c: 'x', d: 'x', e: 'x' }).complete, true);
  });
});

describe('the explanation of a diagnostic result', () => {
  test('the margin over the runner-up, close calls and ties', () => {
    const firm = scoreDiagnostic(diagnostic, { a: 'y' }); // r 4, p 0
    assert.deepEqual([firm.outcome, firm.runnerUp, firm.margin, firm.close, firm.tie], ['r', 'p', 4, false, false]);
    const close = scoreDiagnostic(diagnostic, { a: 'x', d: 'x' }); // q 2, p 1
    assert.deepEqual([close.outcome, close.margin, close.close, close.tie], ['q', 1, true, false]);
    const tie = scoreDiagnostic(diagnostic, { a: 'x' });
    assert.deepEqual([tie.margin, tie.close, tie.tie], [0, true, true]);
  });

  test('each excluded outcome names the rules and the answers that excluded it', () => {
    const result = scoreDiagnostic(diagnostic, { b: 'x', d: 'y', e: 'y' });
    assert.deepEqual(result.exclusions, [{ outcome: 'q', rules: [{ rule: 'no-q', answers: [{ question: 'e', option: 'y' }] }] }]);
    // Rules that would exclude every outcome do not apply, so nothing is explained.
    assert.deepEqual(scoreDiagnostic(diagnostic, { a: 'z', b: 'x' }).exclusions, []);
  });

  test('lessons: the outcome\'s own, then those the answers point to, each once', () => {
    assert.deepEqual(scoreDiagnostic(diagnostic, { a: 'x', b: 'x' }).lessons, ['lq', 'shared', 'la']);
    assert.deepEqual(scoreDiagnostic(diagnostic, { a: 'y' }).lessons, []);
  });

  test('what would change: the fewest answers per other outcome, or none within three', () => {
    assert.deepEqual(whatWouldChange(diagnostic, { a: 'y' }), [
      { outcome: 'p', answers: [{ question: 'a', option: 'x' }] }, // p 1, q 1: the tie goes to p
      { outcome: 'q', answers: [{ question: 'a', option: 'x' }, { question: 'b', option: 'x' }] },
    ]);
    // Unanswered questions may be answered; the search never proposes the answer already given.
    for (const change of whatWouldChange(diagnostic, { a: 'x', b: 'x', c: 'x', d: 'x', e: 'x' })) {
      for (const move of change.answers ?? []) assert.notEqual(move.option, 'x');
    }
  });
});

describe('garbage answers never throw and count as unanswered', () => {
  const garbage = [
    undefined, null, 0, 1, true, 'a', [], ['x'], () => 1, Object.create(null),
    JSON.parse('{"__proto__": {"a": "x", "one": ["b"]}}'),
    { constructor: 'x', toString: ['a'], hasOwnProperty: 'x' },
    { a: {}, b: [], c: null, d: 1, e: { id: 'x' }, one: 'b', many: { 0: 'a' } },
    { a: ['x'], one: [['b']], many: [{}, null, 1] },
  ];
  for (const answers of garbage) {
    test(`${typeof answers} ${JSON.stringify(answers) ?? String(answers)}`, () => {
      const k = scoreKnowledge(knowledge, answers);
      assert.deepEqual(k.questions.map((q) => q.status), ['unanswered', 'unanswered']);
      assert.equal(k.percent, 0);
      const d = scoreDiagnostic(diagnostic, answers);
      assert.equal(d.outcome, 'p');
      assert.deepEqual(d.missing, ['a', 'b', 'c', 'd', 'e']);
    });
  }

  test('inherited keys are not answers', () => {
    const answers = Object.create({ one: ['b'], a: 'y' });
    assert.equal(scoreKnowledge(knowledge, answers).questions[0].status, 'unanswered');
    assert.equal(scoreDiagnostic(diagnostic, answers).outcome, 'p');
  });
});
