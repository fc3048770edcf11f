// Share links and result files: what exchange.js accepts, and everything it refuses.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { FORMAT, buildResults, parseResults, parseShare, readShare, shareFragment, shareText, summarize, summaryCsv, toCsv } from '../../plugins/coursegen/assets/exchange.js';

const diagnostic = {
  kind: 'diagnostic', id: 'fit', version: 'abcdef012345', title: 'Fit', order: ['p', 'q'], closeCall: 3,
  outcomes: [{ id: 'p', title: 'P', lessons: [] }, { id: 'q', title: 'Q', lessons: [] }], rules: [],
  questions: [
    { id: 'a', prompt: 'A?', options: [{ id: 'x', text: 'X', weights: { p: 2 }, reason: null, lessons: [] }, { id: 'y', text: 'Y', weights: { q: 3 }, reason: null, lessons: [] }] },
    { id: 'b', prompt: 'B?', options: [{ id: 'z', text: 'Z', weights: { q: 1 }, reason: null, lessons: [] }] },
  ],
};
const course = {
  title: 'T', diagnostics: [diagnostic],
  lessons: [{ id: 'one', title: 'One', url: 'one/', quiz: 'check-one', version: '111111111111' }, { id: 'two', title: 'Two', url: 'two/', quiz: null, version: null }],
};
const at = '2025-03-01T10:00:00.000Z';
const T = Date.parse(at);
// As My results hands them over: times in ms, the best score with the version it was earned on.
const file = () => buildResults(course, { one: { p: 'one/', v: T, c: T } }, { 'check-one': { percent: 80, passed: true, at: T, version: '111111111111' } }, { fit: { answers: { a: 'y' }, at: T } }, at);

describe('share links', () => {
  test('round trip, unanswered questions included', () => {
    const fragment = shareFragment(diagnostic, { a: 'y' });
    assert.equal(fragment, 'r=1.abcdef012345.1-');
    assert.deepEqual(parseShare(`https://x.org/course/self/#${fragment}`, [diagnostic]), { quiz: 'fit', answers: { a: 'y' } });
  });

  test('percent-encoded, doubled and pasted-whole links are read as written', () => {
    const want = { quiz: 'fit', answers: { a: 'y' } };
    for (const text of ['r%3D1.abcdef012345.1-', '#r%3D1.abcdef012345.1-', '##r=1.abcdef012345.1-', 'https://x.org/self/##r=1.abcdef012345.1-',
      'https://x.org/self/%23r%3D1.abcdef012345.1-', ' r=1.abcdef012345.1- ', 'https://x.org/self/#r%3d1.abcdef012345.1%2D']) {
      assert.deepEqual(parseShare(text, [diagnostic]), want, text);
    }
    assert.equal(shareText('%E0%A4%A'), '%E0%A4%A', 'a malformed escape stays as it is');
  });

  test('why a link was not read: another version, or damage', () => {
    assert.deepEqual(readShare('r=1.000000000000.1-', [diagnostic]), { error: 'version' });
    assert.deepEqual(readShare('r=2.abcdef012345.1-', [diagnostic]), { error: 'version' });
    for (const bad of ['r=1.abcdef012345.1', 'r=1.abcdef012345.2-', 'r=1.abcdef012345.--', 'r=1.xyz.1-', 'hello', '', 'r=' + '1'.repeat(3000)]) {
      assert.deepEqual(readShare(bad, [diagnostic]), { error: 'damaged' }, bad.slice(0, 40));
    }
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
      earlier: { checks: {}, diagnostics: {} },
    });
    assert.deepEqual(data.lessons.one, { visited: at, completed: at });
    assert.deepEqual(data.checks['check-one'], { quizVersion: '111111111111', best: 80, passed: true, date: at });
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

  test('entries for another version of a quiz are kept apart, never counted as this version', () => {
    const data = file();
    data.checks['check-one'].quizVersion = 'old';
    data.diagnostics.fit = { quizVersion: 'old', answers: { a: 'gone', c: 'new' }, outcome: 'p', date: at };
    const read = parseResults(JSON.stringify(data), course);
    assert.deepEqual(read.checks, {});
    assert.deepEqual(read.diagnostics, {});
    assert.deepEqual(read.earlier, { checks: { 'check-one': { best: 80, passed: true, date: at } }, diagnostics: { fit: { outcome: 'p', date: at } } });
    data.diagnostics.fit.outcome = 'gone-outcome';
    assert.deepEqual(parseResults(JSON.stringify(data), course).earlier.diagnostics.fit, { outcome: null, date: at });
    data.diagnostics.fit.answers = { '<img>': 'x' };
    assert.equal(parseResults(JSON.stringify(data), course).error, 'shape');
  });

  test('a best score earned on an earlier version is exported with that version', () => {
    const data = buildResults(course, {}, { 'check-one': { percent: 90, passed: true, at: T, version: '222222222222' } }, {}, at);
    assert.equal(data.checks['check-one'].quizVersion, '222222222222');
  });
});

describe('team summary and CSV', () => {
  test('counts recommendations and scores', () => {
    const one = parseResults(JSON.stringify(file()), course);
    const two = { lessons: {}, checks: {}, diagnostics: { fit: { answers: { a: 'x' } } } };
    const summary = summarize(course, [one, two, one]);
    assert.deepEqual(summary.diagnostics[0].outcomes.map((o) => o.count), [1, 2]);
    assert.deepEqual(summary.lessons, [{ id: 'one', title: 'One', taken: 2, passed: 2, average: 80, earlier: { taken: 0, passed: 0, average: null } }]);
  });

  test('results of earlier versions are counted apart, not as zeros', () => {
    const old = { lessons: {}, checks: {}, diagnostics: {}, earlier: { checks: { 'check-one': { best: 40, passed: false, date: at } }, diagnostics: { fit: { outcome: 'p', date: at } } } };
    const gone = { ...old, earlier: { checks: {}, diagnostics: { fit: { outcome: null, date: at } } } };
    const summary = summarize(course, [parseResults(JSON.stringify(file()), course), old, gone]);
    assert.deepEqual(summary.lessons[0], { id: 'one', title: 'One', taken: 1, passed: 1, average: 80, earlier: { taken: 1, passed: 0, average: 40 } });
    assert.deepEqual(summary.diagnostics[0].outcomes.map((o) => o.count), [0, 1]);
    assert.deepEqual(summary.diagnostics[0].earlier, { outcomes: [{ id: 'p', title: 'P', count: 1 }, { id: 'q', title: 'Q', count: 0 }], other: 1 });
    const csv = summaryCsv(summary).split('\r\n');
    assert.equal(csv[0], 'section,id,title,people,taken,passed,average,version');
    assert.ok(csv.includes('lesson,one,One,,1,0,40,earlier') && csv.includes('lesson,one,One,,1,1,80,current'), csv.join('\n'));
    assert.ok(csv.includes('fit,,,1,,,,earlier'), csv.join('\n'));
  });

  test('quotes and defuses formulas', () => {
    assert.equal(toCsv([['a,b', '=1+1', 'say "hi"', null]]), '"a,b",\'=1+1,"say ""hi""",\r\n');
  });
});
