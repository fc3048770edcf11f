// Share links and result files: what exchange.js accepts, and everything it refuses.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { FORMAT, buildResults, parseResults, parseShare, shareFragment, summarize, toCsv } from '../../plugins/coursegen/assets/exchange.js';

const diagnostic = {
  kind: 'diagnostic', id: 'fit', version: 'abcdef012345', title: 'Fit', order: ['p', 'q'],
  outcomes: [{ id: 'p', title: 'P' }, { id: 'q', title: 'Q' }], rules: [],
  questions: [
    { id: 'a', prompt: 'A?', options: [{ id: 'x', text: 'X', weights: { p: 2 }, reason: null }, { id: 'y', text: 'Y', weights: { q: 3 }, reason: null }] },
    { id: 'b', prompt: 'B?', options: [{ id: 'z', text: 'Z', weights: { q: 1 }, reason: null }] },
  ],
};
const course = {
  title: 'T', diagnostics: [diagnostic],
  lessons: [{ id: 'one', title: 'One', url: 'one/', quiz: 'check-one', version: '111111111111' }, { id: 'two', title: 'Two', url: 'two/', quiz: null, version: null }],
};
const at = '2025-03-01T10:00:00.000Z';
const file = () => buildResults(course, { one: { p: '/one/', v: at, c: at } }, { 'check-one': { percent: 80, passed: true, at } }, { fit: { answers: { a: 'y' }, at } }, at);

describe('share links', () => {
  test('round trip, unanswered questions included', () => {
    const fragment = shareFragment(diagnostic, { a: 'y' });
    assert.equal(fragment, 'r=1.abcdef012345.1-');
    assert.deepEqual(parseShare(`https://x.org/course/self/#${fragment}`, [diagnostic]), { quiz: 'fit', answers: { a: 'y' } });
  });

  test('damaged, foreign, future, oversized or empty links are refused', () => {
    for (const bad of ['r=1.abcdef012345.1', 'r=1.abcdef012345.1--', 'r=1.abcdef012345.2-', 'r=1.000000000000.1-', 'r=2.abcdef012345.1-',
      'r=1.abcdef012345.--', 'r=1.abcdef012345.1<', `r=1.abcdef012345.${'1'.repeat(3000)}`, '', null, 42, { toString: () => 'r=1' }]) {
      assert.equal(parseShare(bad, [diagnostic]), null, String(bad));
    }
  });
});

describe('result files', () => {
  test('the format, and a clean round trip', () => {
    const data = file();
    assert.equal(data.format, FORMAT);
    assert.equal(data.version, 1);
    assert.deepEqual(data.diagnostics.fit, { quizVersion: 'abcdef012345', answers: { a: 'y' }, outcome: 'q', date: at });
    assert.deepEqual(parseResults(JSON.stringify(data), course), {
      lessons: { one: { visited: at, completed: at } }, checks: { 'check-one': { best: 80, passed: true, date: at } },
      diagnostics: { fit: { answers: { a: 'y' }, outcome: 'q', date: at } },
    });
  });

  test('the outcome is worked out again, never read', () => {
    const data = file();
    data.diagnostics.fit.outcome = 'p';
    assert.equal(parseResults(JSON.stringify(data), course).diagnostics.fit.outcome, 'q');
  });

  test('refused: truncated, foreign, future, tampered, oversized, polluted', () => {
    const good = JSON.stringify(file());
    const cases = {
      format: [good.slice(0, 40), '[]', 'null', JSON.stringify({ ...file(), format: 'other' })],
      version: [JSON.stringify({ ...file(), version: 2 }), JSON.stringify({ ...file(), version: '1' })],
      foreign: [JSON.stringify({ ...file(), checks: { 'check-other': file().checks['check-one'] } }),
        good.replace('"lessons":{', '"lessons":{"__proto__":{"visited":"2025-01-01"},'),
        good.replace('"lessons":{', '"lessons":{"constructor":{"visited":"2025-01-01"},')],
      shape: [JSON.stringify({ ...file(), checks: { 'check-one': { ...file().checks['check-one'], best: 101 } } }),
        JSON.stringify({ ...file(), diagnostics: { fit: { ...file().diagnostics.fit, answers: { a: 'nope' } } } }),
        JSON.stringify({ ...file(), extra: 1 }), JSON.stringify({ ...file(), lessons: [] })],
      size: [' '.repeat(300000)],
    };
    for (const [error, texts] of Object.entries(cases)) for (const text of texts) assert.equal(parseResults(text, course).error, error, text.slice(0, 80));
    assert.equal({}.visited, undefined);
  });

  test('entries for another version of a quiz are dropped', () => {
    const data = file();
    data.checks['check-one'].quizVersion = 'old';
    assert.deepEqual(parseResults(JSON.stringify(data), course).checks, {});
  });
});

describe('team summary and CSV', () => {
  test('counts recommendations and scores', () => {
    const one = parseResults(JSON.stringify(file()), course);
    const two = { lessons: {}, checks: {}, diagnostics: { fit: { answers: { a: 'x' } } } };
    const summary = summarize(course, [one, two, one]);
    assert.deepEqual(summary.diagnostics[0].outcomes.map((o) => o.count), [1, 2]);
    assert.deepEqual(summary.lessons, [{ id: 'one', title: 'One', taken: 2, passed: 2, average: 80 }]);
  });

  test('quotes and defuses formulas', () => {
    assert.equal(toCsv([['a,b', '=1+1', 'say "hi"', null]]), '"a,b",\'=1+1,"say ""hi""",\r\n');
  });
});
