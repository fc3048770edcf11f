// What storage.js accepts from localStorage: anything wrong is dropped, never
// trusted; and every localStorage failure is survived.
import assert from 'node:assert/strict';
import { afterEach, describe, test } from 'node:test';
import { cleanAnswers, parseSaved, storageKey, store } from '../../plugins/coursegen/assets/storage.js';

const knowledge = {
  kind: 'knowledge', id: 'k', version: 'v1', passMark: 75,
  questions: [
    { id: 'one', multiple: false, correct: ['b'], options: ['a', 'b', 'c'] },
    { id: 'many', multiple: true, correct: ['a', 'c'], options: ['a', 'b', 'c', 'd'] },
  ],
};
const diagnostic = {
  kind: 'diagnostic', id: 'd', version: 'v2', order: ['p'], outcomes: [{ id: 'p', title: 'P' }], rules: [],
  questions: [
    { id: 'a', prompt: 'A?', options: [{ id: 'x', text: 'X', weights: {}, reason: null }, { id: 'y', text: 'Y', weights: {}, reason: null }] },
    { id: 'b', prompt: 'B?', options: [{ id: 'x', text: 'X', weights: {}, reason: null }] },
  ],
};
const saved = (payload, answers, checked = true, extra = {}) => JSON.stringify({ version: payload.version, answers, checked, savedAt: 'x', ...extra });

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
  });
});

describe('parseSaved', () => {
  test('a valid record', () => {
    assert.deepEqual(parseSaved(saved(knowledge, { one: ['b'] }), knowledge), { state: { answers: { one: ['b'] }, checked: true, best: null, at: null }, stale: false });
    assert.deepEqual(parseSaved(saved(diagnostic, { a: 'x' }, false), diagnostic), { state: { answers: { a: 'x' }, checked: false, best: null, at: null }, stale: false });
  });

  test('another version is stale', () => {
    assert.deepEqual(parseSaved(saved({ version: 'old' }, { one: ['b'] }), knowledge), { state: null, stale: true });
    // Not a version at all: unreadable, not stale.
    assert.deepEqual(parseSaved(JSON.stringify({ version: 1, answers: {} }), knowledge), { state: null, stale: false });
    assert.deepEqual(parseSaved(JSON.stringify({ version: '<img src=x>', answers: {} }), knowledge), { state: null, stale: false });
  });

  test('checked only with answers, and only when exactly true', () => {
    assert.equal(parseSaved(saved(knowledge, {}), knowledge).state.checked, false);
    assert.equal(parseSaved(saved(knowledge, { nope: ['a'] }), knowledge).state.checked, false);
    assert.equal(parseSaved(saved(knowledge, { one: ['b'] }, 'true'), knowledge).state.checked, false);
    assert.equal(parseSaved(saved(knowledge, { one: ['b'] }, 1), knowledge).state.checked, false);
  });

  test('junk is nothing, silently', () => {
    const nothing = { state: null, stale: false };
    for (const raw of [null, undefined, false, '', '{', 'null', '1', '"x"', '[]', '{}', '{"answers":{}}', 42, {}]) {
      assert.deepEqual(parseSaved(raw, knowledge), nothing, String(raw));
    }
    assert.deepEqual(parseSaved(saved(knowledge, 'x'), knowledge).state, { answers: {}, checked: false, best: null, at: null });
  });

  test('the best score and the date are kept only when well formed', () => {
    const at = '2025-03-01T10:00:00.000Z';
    const best = (b) => parseSaved(saved(knowledge, {}, false, { best: b, savedAt: at }), knowledge).state;
    assert.deepEqual(best({ percent: 80, passed: true, at }), { answers: {}, checked: false, best: { percent: 80, passed: true, at }, at });
    for (const bad of [{ percent: 101, passed: true, at }, { percent: 7.5, passed: false, at }, { percent: '80', at },
      { percent: 80, at: 'yesterday' }, { percent: 80, at: 'x'.repeat(50) }, JSON.parse('{"__proto__": {"percent": 80}, "at": "2025-01-01"}'), [80], 'x']) {
      assert.equal(best(bad).best, null, JSON.stringify(bad));
    }
    assert.equal(best({ percent: 80, passed: 'yes', at }).best.passed, false);
    assert.equal(parseSaved(saved(knowledge, {}, false, { savedAt: '<script>' }), knowledge).state.at, null);
  });

  test('oversized records are not even parsed', () => {
    const big = saved(knowledge, { one: ['b'] }, true, { pad: 'x'.repeat(30000) });
    assert.deepEqual(parseSaved(big, knowledge), { state: null, stale: false });
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
    return { data, getItem: (k) => (data.has(k) ? data.get(k) : null), setItem: (k, v) => data.set(k, String(v)), removeItem: (k) => data.delete(k) };
  };

  test('the key', () => assert.equal(storageKey('strategy-fit'), 'coursegen:v1:strategy-fit'));

  test('reads, writes and removes', () => {
    const ls = fake();
    Object.defineProperty(globalThis, 'localStorage', { value: ls, configurable: true });
    assert.equal(store('k'), null);
    assert.equal(store('k', 'v'), true);
    assert.equal(store('k'), 'v');
    assert.equal(store('k', null), true);
    assert.equal(ls.data.size, 0);
  });

  test('missing, disabled or full storage reports failure instead of throwing', () => {
    Object.defineProperty(globalThis, 'localStorage', { value: undefined, configurable: true });
    assert.equal(store('k'), false);
    assert.equal(store('k', 'v'), false);
    Object.defineProperty(globalThis, 'localStorage', { get() { throw new DOMException('denied', 'SecurityError'); }, configurable: true });
    assert.equal(store('k'), false);
    assert.equal(store('k', null), false);
    const full = { ...fake(), setItem() { throw new DOMException('full', 'QuotaExceededError'); } };
    Object.defineProperty(globalThis, 'localStorage', { value: full, configurable: true });
    assert.equal(store('k'), null);
    assert.equal(store('k', 'v'), false);
  });
});
