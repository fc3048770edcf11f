// The learner's data for a platform (resume.js): one text within the platform's limit,
// plain or compressed, the oldest quiz answers left out first when it cannot all fit,
// never a damaged text; back into storage without losing anything newer kept there.
import assert from 'node:assert/strict';
import { beforeEach, describe, test } from 'node:test';
import { NS } from '../../plugins/coursegen/assets/course.js';
import { decode, fit, restore, snapshot } from '../../plugins/coursegen/assets/resume.js';

// A localStorage whose keys Object.keys lists, as the browser's.
function storage() {
  const ls = {};
  Object.defineProperties(ls, {
    getItem: { value: (k) => (Object.hasOwn(ls, k) ? ls[k] : null) },
    setItem: { value: (k, v) => (ls[k] = String(v)) },
    removeItem: { value: (k) => delete ls[k] },
    clear: { value: () => Object.keys(ls).forEach((k) => delete ls[k]) },
    length: { get: () => Object.keys(ls).length },
  });
  Object.defineProperty(globalThis, 'localStorage', { value: ls, configurable: true });
  return ls;
}

const T = 1790000000000;
const quiz = (t, words = 3) => JSON.stringify({ v: 2, q: { a: { a: Array.from({ length: words }, (_, i) => `option-${i}-${t}`), f: '0123abcd', t } }, c: [true, t], b: null, d: {}, h: {}, r: 0 });
const lesson = (t) => JSON.stringify({ p: 'lessons/x.html', v: t, c: t });

let ls;
beforeEach(() => (ls = storage()));

describe('snapshot and restore', () => {
  test('every value of this course, and only those, goes and comes back as it was', async () => {
    ls.setItem(`${NS}q:check`, quiz(T));
    ls.setItem(`${NS}p:intro`, lesson(T));
    ls.setItem(`${NS}seed`, '12345');
    ls.setItem(`${NS}sub/q:check`, quiz(T)); // a course published below this one
    ls.setItem('other-site', 'x');
    const { text, complete } = await fit(snapshot(), 64000);
    assert.ok(complete && text.startsWith('j:'));
    const before = { ...ls };
    ls.clear();
    assert.equal(await restore(text), 3);
    assert.deepEqual({ ...ls }, Object.fromEntries(Object.entries(before).filter(([k]) => !k.includes('sub/') && k != 'other-site')));
  });

  test('newer answers kept in this browser win over the platform copy', async () => {
    ls.setItem(`${NS}q:check`, quiz(T));
    const { text } = await fit(snapshot(), 64000);
    ls.setItem(`${NS}q:check`, quiz(T + 1000));
    assert.equal(await restore(text), 0);
    assert.equal(ls.getItem(`${NS}q:check`), quiz(T + 1000));
  });

  test('damaged or foreign data restores nothing and throws nothing', async () => {
    for (const text of ['', 'z:!!!', 'z:AAAA', 'j:{', 'j:[1]', 'j:{"__proto__":{"x":1}}', 'j:{"../../x":"y"}', 42, null]) {
      assert.equal(await restore(text), 0, String(text));
    }
    assert.equal(ls.length, 0);
  });
});

describe('the limit', () => {
  test('compressed when plain is too long, and read back whole', async () => {
    for (let i = 0; i < 30; i++) ls.setItem(`${NS}q:check-${i}`, quiz(T + i));
    const data = snapshot(), { text, complete } = await fit(data, 4096);
    assert.ok(complete && text.startsWith('z:') && text.length <= 4096, text.length);
    assert.deepEqual(await decode(text), data);
  });

  test('over the limit: the oldest answers go first, progress stays, the text is always readable', async () => {
    for (let i = 0; i < 40; i++) ls.setItem(`${NS}q:check-${i}`, quiz(T + i * 1000, 40));
    ls.setItem(`${NS}p:intro`, lesson(T));
    const { text, complete } = await fit(snapshot(), 1500);
    assert.equal(complete, false);
    assert.ok(text.length <= 1500, text.length);
    const kept = await decode(text);
    assert.ok(kept['p:intro'], 'progress is kept');
    const quizzes = Object.keys(kept).filter((k) => k.startsWith('q:')).map((k) => Number(k.split('-')[1]));
    assert.ok(quizzes.length > 0 && quizzes.length < 40);
    assert.deepEqual(quizzes.sort((a, b) => a - b), Array.from({ length: quizzes.length }, (_, i) => 40 - quizzes.length + i));
  });
});
