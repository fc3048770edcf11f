// Moving data saved before namespaces (coursegen:v1:…) into this course's own, once:
// exactly what belongs to this course, nothing lost on the way, nothing trusted.
import assert from 'node:assert/strict';
import { afterEach, beforeEach, describe, test } from 'node:test';
import { BASE, NS } from '../../plugins/coursegen/assets/storage.js';
import { forget, progress, quiz } from '../../plugins/coursegen/assets/migrate.js';

const knowledge = {
  kind: 'knowledge', id: 'k', version: 'aaaaaaaaaaaa', legacy: '0123456789ab', passMark: 75,
  questions: [
    { id: 'one', multiple: false, correct: ['b'], options: ['a', 'b', 'c'], fp: '11111111' },
    { id: 'many', multiple: true, correct: ['a', 'c'], options: ['a', 'b', 'c', 'd'], fp: '22222222' },
  ],
};
const at = '2025-03-01T10:00:00.000Z', T = Date.parse(at);
const v1 = (version, extra = {}) => JSON.stringify({ version, answers: { one: ['b'], many: ['a', 'c'] }, checked: true, savedAt: at, best: { percent: 100, passed: true, at }, ...extra });

let data;
beforeEach(() => {
  data = new Map();
  const ls = { getItem: (k) => (data.has(k) ? data.get(k) : null), setItem: (k, v) => data.set(k, String(v)), removeItem: (k) => data.delete(k) };
  Object.defineProperty(globalThis, 'localStorage', { value: ls, configurable: true });
});
afterEach(() => delete globalThis.localStorage);

describe('a quiz', () => {
  test('saved for exactly this content: answers, check and best score stay', () => {
    const { state, bad } = quiz(knowledge, v1('0123456789ab'), T + 1);
    assert.equal(bad, false);
    assert.deepEqual(state, {
      q: { one: { a: ['b'], f: '11111111', t: T }, many: { a: ['a', 'c'], f: '22222222', t: T } },
      c: [true, T], b: { p: 100, ok: true, t: T, s: 'aaaaaaaaaaaa' }, d: {}, h: {}, r: 0,
    });
  });

  test('saved for other content: each answered question is marked as changed; the best score stays as earlier', () => {
    const { state } = quiz(knowledge, v1('ffffffffffff', { answers: { one: ['b'], many: [] } }), T + 1);
    assert.deepEqual(state.q, {});
    assert.deepEqual(state.d, { one: T + 1 });
    assert.deepEqual(state.c, [false, T]);
    assert.deepEqual(state.b, { p: 100, ok: true, t: T, s: 'ffffffffffff' });
  });

  test('damaged, foreign or hostile: nothing taken, and said so', () => {
    for (const raw of ['{', 'null', '[]', '{"answers":{}}', JSON.stringify({ version: 1 }), 'x'.repeat(6e6)]) {
      const { state, bad } = quiz(knowledge, raw, T);
      assert.equal(bad, true, raw.slice(0, 40));
      assert.deepEqual(state.q, {});
    }
    const evil = quiz(knowledge, '{"version":"0123456789ab","answers":{"__proto__":{"one":["b"]},"many":["z"]},"best":{"__proto__":{"percent":1}}}', T).state;
    assert.deepEqual(evil.q, {});
    assert.equal(evil.b, null);
    assert.equal({}.one, undefined);
  });
});

describe('progress', () => {
  test("takes only the lessons opened under this course's base path, and keeps the others' in place", () => {
    const lessons = {
      mine: { p: `${BASE}lessons/mine/`, v: at, c: at },
      open: { p: `${BASE}lessons/open/`, v: at, c: null },
      theirs: { p: '/another-course/lessons/theirs/', v: at, c: at },
    };
    // An own "__proto__" key, as JSON.parse makes it: neither taken nor a prototype.
    const evil = `"__proto__":{"p":"${BASE}x/","v":"${at}","c":null},`;
    data.set('coursegen:v1:progress', JSON.stringify({ lessons }).replace('{"mine"', `{${evil}"mine"`));
    progress();
    assert.deepEqual(JSON.parse(data.get(`${NS}p:mine`)), { p: 'lessons/mine/', v: T, c: T });
    assert.deepEqual(JSON.parse(data.get(`${NS}p:open`)), { p: 'lessons/open/', v: T, c: 0 });
    assert.deepEqual(JSON.parse(data.get('coursegen:v1:progress')), { lessons: { theirs: lessons.theirs } });
    assert.equal({}.p, undefined);
  });

  test('a store of 2,000 lessons, far over the old 50,000-character limit, moves whole', () => {
    const lessons = {};
    for (let i = 0; i < 2000; i += 1) lessons[`lesson-${i}`] = { p: `${BASE}lessons/lesson-${i}/`, v: at, c: i % 2 ? at : null };
    data.set('coursegen:v1:progress', JSON.stringify({ lessons }));
    assert.ok(data.get('coursegen:v1:progress').length > 50000);
    progress();
    assert.equal([...data.keys()].filter((k) => k.startsWith(`${NS}p:`)).length, 2000);
    assert.equal(data.has('coursegen:v1:progress'), false);
  });

  test('an entry this course already has keeps the earlier completion and the later visit', () => {
    data.set(`${NS}p:mine`, JSON.stringify({ p: 'lessons/mine/', v: T + 5000, c: 0 }));
    data.set('coursegen:v1:progress', JSON.stringify({ lessons: { mine: { p: `${BASE}lessons/mine/`, v: at, c: at } } }));
    progress();
    assert.deepEqual(JSON.parse(data.get(`${NS}p:mine`)), { p: 'lessons/mine/', v: T + 5000, c: T });
  });

  test('full storage: nothing removed before its copy is written', () => {
    data.set('coursegen:v1:progress', JSON.stringify({ lessons: { mine: { p: `${BASE}lessons/mine/`, v: at, c: at } } }));
    const before = data.get('coursegen:v1:progress');
    globalThis.localStorage.setItem = (k, v) => {
      if (k.startsWith(NS)) throw new DOMException('full', 'QuotaExceededError');
      data.set(k, v);
    };
    progress();
    assert.equal(data.get('coursegen:v1:progress'), before);
  });

  test('damaged: removed, so it is not tried on every page', () => {
    data.set('coursegen:v1:progress', '{"lessons":');
    progress();
    assert.equal(data.has('coursegen:v1:progress'), false);
  });
});

describe('forget (Reset)', () => {
  test("removes this course's quizzes and lessons of the old format, nobody else's", () => {
    data.set('coursegen:v1:k', v1('0123456789ab'));
    data.set('coursegen:v1:other', v1('0123456789ab'));
    data.set('coursegen:v1:progress', JSON.stringify({ lessons: { mine: { p: `${BASE}l/`, v: at }, theirs: { p: '/b/l/', v: at } } }));
    forget(['k']);
    assert.deepEqual([...data.keys()].sort(), ['coursegen:v1:other', 'coursegen:v1:progress']);
    assert.deepEqual(Object.keys(JSON.parse(data.get('coursegen:v1:progress')).lessons), ['theirs']);
  });
});
