// What the saved-answers code (course.js, re-exported by storage.js) accepts from
// localStorage: anything wrong is dropped, never trusted; answers keep to their
// questions' fingerprints; two tabs' states merge per question (tabs.js); and every
// localStorage failure is survived.
import assert from 'node:assert/strict';
import { afterEach, describe, test } from 'node:test';
import { BASE, MAX, NS, blank, cleanAnswer, encode, parseSaved, storageKey, store } from '../../plugins/coursegen/assets/storage.js';
import { merge } from '../../plugins/coursegen/assets/tabs.js';

const cleanAnswers = (payload, raw) => {
  const out = {};
  for (const q of payload.questions) {
    const a = cleanAnswer(payload, q, Object.hasOwn(Object(raw), q.id) ? raw[q.id] : undefined);
    if (a !== undefined) out[q.id] = a;
  }
  return out;
};

const knowledge = {
  kind: 'knowledge', id: 'k', version: 'aaaaaaaaaaaa', passMark: 75,
  questions: [
    { id: 'one', multiple: false, correct: ['b'], options: ['a', 'b', 'c'], fp: '11111111' },
    { id: 'many', multiple: true, correct: ['a', 'c'], options: ['a', 'b', 'c', 'd'], fp: '22222222' },
    { id: 'constructor', multiple: false, correct: ['a'], options: ['a', 'b'], fp: '33333333' },
  ],
};
const diagnostic = {
  kind: 'diagnostic', id: 'd', version: 'bbbbbbbbbbbb', order: ['p'], outcomes: [{ id: 'p', title: 'P', lessons: [] }], rules: [],
  questions: [
    { id: 'a', prompt: 'A?', fp: '44444444', options: [{ id: 'x', text: 'X', weights: {}, reason: null }, { id: 'y', text: 'Y', weights: {}, reason: null }] },
    { id: 'b', prompt: 'B?', fp: '55555555', options: [{ id: 'x', text: 'X', weights: {}, reason: null }] },
  ],
};
const T0 = 1740823200000;
const record = (q, extra = {}) => JSON.stringify({ v: 2, q, c: [false, T0], ...extra });

describe('the namespace', () => {
  test('is the site root two levels above the assets, and every key carries it', () => {
    assert.equal(BASE, new URL('../../plugins/', import.meta.url).pathname);
    assert.equal(NS, `coursegen:v2:${BASE}`);
    assert.equal(storageKey('strategy-fit'), `${NS}q:strategy-fit`);
  });
});

describe('cleanAnswers', () => {
  test('keeps valid answers, in the payload order of options', () => {
    assert.deepEqual(cleanAnswers(knowledge, { one: ['b'], many: ['c', 'a'] }), { one: ['b'], many: ['a', 'c'] });
    assert.deepEqual(cleanAnswers(diagnostic, { a: 'y', b: 'x' }), { a: 'y', b: 'x' });
  });

  test('drops unknown questions and options, wrong types, and impossible sets', () => {
    assert.deepEqual(cleanAnswers(knowledge, { one: ['a', 'b'], many: ['z'], nope: ['a'] }), {});
    assert.deepEqual(cleanAnswers(knowledge, { one: 'b', many: { 0: 'a' } }), {});
    assert.deepEqual(cleanAnswers(knowledge, { many: ['a', 'a', 'a', 'a', 'a'] }), {}); // more picks than options
    assert.deepEqual(cleanAnswers(knowledge, { many: ['a', 7, null, 'zz'] }), { many: ['a'] });
    assert.deepEqual(cleanAnswers(diagnostic, { a: ['x'], b: 1, c: 'x' }), {});
    for (const raw of [null, undefined, 'x', 3, [], ['x']]) {
      assert.deepEqual(cleanAnswers(knowledge, raw), {});
      assert.deepEqual(cleanAnswers(diagnostic, raw), {});
    }
  });

  test('__proto__ and inherited keys never become answers or prototypes', () => {
    const evil = JSON.parse('{"__proto__": {"one": ["b"], "polluted": 1}, "a": "x"}');
    const clean = cleanAnswers(diagnostic, evil);
    assert.deepEqual(clean, { a: 'x' });
    assert.equal(Object.getPrototypeOf(clean), Object.prototype);
    assert.equal({}.polluted, undefined);
    assert.deepEqual(cleanAnswers(knowledge, Object.create({ one: ['b'] })), {});
    assert.deepEqual(cleanAnswers(knowledge, {}), {}, 'a question called "constructor" is not answered by Object');
  });
});

describe('parseSaved', () => {
  test('a valid record, cleared questions included', () => {
    const raw = record({ one: { a: ['b'], f: '11111111', t: T0 }, many: { t: T0 + 1 } }, { c: [true, T0 + 2] });
    assert.deepEqual(parseSaved(raw, knowledge), {
      state: { q: { one: { a: ['b'], f: '11111111', t: T0 }, many: { t: T0 + 1 } }, c: [true, T0 + 2], b: null, d: {}, h: {}, r: 0 }, bad: false,
    });
    assert.deepEqual(parseSaved(record({ a: { a: 'y', f: '44444444', t: T0 } }), diagnostic).state.q, { a: { a: 'y', f: '44444444', t: T0 } });
  });

  test('a question whose scoring changed loses only its answer, and says so', () => {
    const raw = record({ one: { a: ['b'], f: '99999999', t: T0 }, many: { a: ['a', 'c'], f: '22222222', t: T0 } }, { c: [true, T0] });
    const { state, bad } = parseSaved(raw, knowledge, T0 + 5);
    assert.equal(bad, false);
    assert.deepEqual(state.q, { one: { t: T0 }, many: { a: ['a', 'c'], f: '22222222', t: T0 } });
    assert.deepEqual(state.d, { one: T0 + 5 });
    // The drop is written back and read as such until the question is answered again.
    assert.deepEqual(parseSaved(encode(state), knowledge).state.d, { one: T0 + 5 });
  });

  test('removed options or questions: a changed fingerprint, not damage', () => {
    const raw = record({ one: { a: ['z'], f: '00000000', t: T0 }, gone: { a: ['a'], f: '12345678', t: T0 } });
    const { state, bad } = parseSaved(raw, knowledge, T0 + 1);
    assert.equal(bad, false);
    assert.deepEqual(state.d, { one: T0 + 1 });
  });

  test('damaged entries are dropped and reported; the rest stays', () => {
    for (const entry of [{ a: ['b'], t: T0 }, { a: ['b'], f: 'x', t: T0 }, { a: ['b'], f: '11111111' }, { a: ['b', 'c'], f: '11111111', t: T0 },
      { a: 'b', f: '11111111', t: T0 }, { a: ['b'], f: '11111111', t: -1 }, { a: ['b'], f: '11111111', t: 1.5 }, 'b', null, 7]) {
      const { state, bad } = parseSaved(record({ one: entry, many: { a: ['a'], f: '22222222', t: T0 } }), knowledge);
      assert.equal(bad, true, JSON.stringify(entry));
      assert.deepEqual(state.q, { many: { a: ['a'], f: '22222222', t: T0 } }, JSON.stringify(entry));
    }
  });

  test('junk is nothing; a string that is not ours is bad', () => {
    for (const raw of [null, undefined, false, 42, {}]) assert.deepEqual(parseSaved(raw, knowledge), { state: null, bad: false }, String(raw));
    for (const raw of ['', '{', 'null', '1', '"x"', '[]', '{}', '{"v":1,"q":{}}', '{"v":"2","q":{}}', '{"v":2}', '{"v":2,"q":[]}', '{"v":2,"q":"x"}',
      JSON.stringify({ version: 'aaaaaaaaaaaa', answers: { one: ['b'] } })]) {
      assert.deepEqual(parseSaved(raw, knowledge), { state: null, bad: true }, raw);
    }
  });

  test('__proto__ in a record pollutes nothing', () => {
    const raw = '{"v":2,"q":{"__proto__":{"one":{"a":["b"],"f":"11111111","t":1}},"constructor":{"a":["a"],"f":"33333333","t":5}},"d":{"__proto__":{"one":3}}}';
    const { state } = parseSaved(raw, knowledge);
    assert.deepEqual(state.q, { constructor: { a: ['a'], f: '33333333', t: 5 } });
    assert.deepEqual(state.d, {});
    assert.equal({}.one, undefined);
  });

  test('the best score and the check state are kept only when well formed', () => {
    const best = (b) => parseSaved(record({}, { b }), knowledge).state.b;
    assert.deepEqual(best({ p: 80, ok: true, t: T0, s: 'aaaaaaaaaaaa' }), { p: 80, ok: true, t: T0, s: 'aaaaaaaaaaaa' });
    for (const bad of [{ p: 101, ok: true, t: T0, s: 'aaaaaaaaaaaa' }, { p: 7.5, t: T0, s: 'aaaaaaaaaaaa' }, { p: '80', t: T0, s: 'aaaaaaaaaaaa' },
      { p: 80, t: 'yesterday', s: 'aaaaaaaaaaaa' }, { p: 80, t: T0, s: '<img>' }, { p: 80, t: T0 }, JSON.parse('{"__proto__": {"p": 80}, "t": 1, "s": "aaaaaaaaaaaa"}'), [80], 'x']) {
      assert.equal(best(bad), null, JSON.stringify(bad));
    }
    assert.equal(best({ p: 80, ok: 'yes', t: T0, s: 'aaaaaaaaaaaa' }).ok, false);
    for (const c of [[true], ['true', T0], [true, -1], 'x', null]) assert.deepEqual(parseSaved(record({}, { c }), knowledge).state.c, [false, 0]);
  });

  test('oversized records are not even parsed', () => {
    const big = record({ one: { a: ['b'], f: '11111111', t: T0 } }, { pad: 'x'.repeat(MAX) });
    assert.deepEqual(parseSaved(big, knowledge), { state: null, bad: true });
  });
});

describe('merge: two tabs', () => {
  const state = (q, extra = {}) => ({ ...blank(), q, ...extra });

  test('per question, the newer answer wins', () => {
    const one = state({ one: { a: ['a'], f: '11111111', t: 10 }, many: { a: ['a'], f: '22222222', t: 30 } });
    const two = state({ one: { a: ['b'], f: '11111111', t: 20 }, many: { a: ['c'], f: '22222222', t: 25 } });
    assert.deepEqual(merge(knowledge, one, two).q, { one: { a: ['b'], f: '11111111', t: 20 }, many: { a: ['a'], f: '22222222', t: 30 } });
    assert.deepEqual(merge(knowledge, two, one).q, merge(knowledge, one, two).q);
  });

  test('a newer clearing wins over an older answer', () => {
    const merged = merge(knowledge, state({ one: { a: ['a'], f: '11111111', t: 10 } }), state({ one: { t: 11 } }));
    assert.deepEqual(merged.q, { one: { t: 11 } });
  });

  test('the later check state, and the best score of the current version', () => {
    const old = { p: 100, ok: true, t: 1, s: 'cccccccccccc' }, low = { p: 50, ok: false, t: 2, s: 'aaaaaaaaaaaa' }, high = { p: 75, ok: true, t: 3, s: 'aaaaaaaaaaaa' };
    assert.deepEqual(merge(knowledge, state({}, { c: [true, 5], b: old }), state({}, { c: [false, 6], b: low })), { ...blank(), c: [false, 6], b: low });
    assert.equal(merge(knowledge, state({}, { b: high }), state({}, { b: low })).b, high);
    assert.equal(merge(knowledge, state({}, { b: low }), state({}, { b: high })).b, high);
    assert.equal(merge(knowledge, state({}, { b: null }), state({}, { b: old })).b, old);
  });

  test('a dropped answer is noted until its question is answered again', () => {
    const dropped = state({ one: { t: 5 } }, { d: { one: 10 } });
    assert.deepEqual(merge(knowledge, dropped, blank()).d, { one: 10 });
    assert.deepEqual(merge(knowledge, dropped, state({ one: { a: ['c'], f: '11111111', t: 11 } })).d, {});
    assert.deepEqual(merge(knowledge, dropped, state({ one: { t: 12 } })).d, {}, 'Try again clears it too');
  });
});

describe('store', () => {
  const original = Object.getOwnPropertyDescriptor(globalThis, 'localStorage');
  afterEach(() => {
    if (original) Object.defineProperty(globalThis, 'localStorage', original);
    else delete globalThis.localStorage;
  });
  const fake = () => {
    const data = new Map();
    return { data, get length() { return data.size; }, getItem: (k) => (data.has(k) ? data.get(k) : null), setItem: (k, v) => data.set(k, String(v)), removeItem: (k) => data.delete(k) };
  };

  test('reads, writes and removes', () => {
    const ls = fake();
    Object.defineProperty(globalThis, 'localStorage', { value: ls, configurable: true });
    assert.equal(store('k'), null);
    assert.equal(store('k', 'v'), true);
    assert.equal(store('k'), 'v');
    assert.equal(store('k', null), true);
    assert.equal(ls.data.size, 0);
  });

  test('missing, disabled or full storage reports failure instead of throwing; full is told apart', () => {
    Object.defineProperty(globalThis, 'localStorage', { value: undefined, configurable: true });
    assert.equal(store('k'), false);
    assert.equal(store('k', 'v'), false);
    Object.defineProperty(globalThis, 'localStorage', { get() { throw new DOMException('denied', 'SecurityError'); }, configurable: true });
    assert.equal(store('k'), false);
    assert.equal(store('k', null), false);
    const full = { ...fake(), setItem() { throw new DOMException('full', 'QuotaExceededError'); } };
    full.data.set('other', 'x');
    Object.defineProperty(full, 'length', { get: () => full.data.size });
    Object.defineProperty(globalThis, 'localStorage', { value: full, configurable: true });
    assert.equal(store('k'), null);
    assert.equal(store('k', 'v'), 0, 'full');
    full.data.clear();
    assert.equal(store('k', 'v'), false, 'refusing every write with nothing kept, as private modes do, is not "full"');
  });
});
