// The question types' browser modules: numbers read as each language writes them, answers from
// storage kept only when they fit the question, short answers normalised as short_answer.py does.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { parseNumber, withoutUnit, install as numeric } from '../../plugins/coursegen/assets/questions/numeric.js';
import { install as ordering } from '../../plugins/coursegen/assets/questions/ordering.js';
import { install as matching } from '../../plugins/coursegen/assets/questions/matching.js';
import { normalise, install as shortAnswer } from '../../plugins/coursegen/assets/questions/short-answer.js';

const types = {}, tokens = {};
for (const install of [numeric, ordering, matching, shortAnswer]) install(types, tokens);

describe('withoutUnit', () => {
  test('drops the unit typed after the number, whatever its case, and nothing else', () => {
    assert.equal(withoutUnit('5 g', 'g'), '5');
    assert.equal(withoutUnit('5G', 'g'), '5');
    assert.equal(withoutUnit(' 120 days ', 'days'), '120');
    assert.equal(withoutUnit('5 kg', 'g'), '5 k');
    assert.equal(withoutUnit('5', ''), '5');
    assert.equal(withoutUnit('5 g', undefined), '5 g');
    assert.equal(parseNumber(withoutUnit('1.234,5 €', '€'), 'de'), 1234.5);
  });
});

describe('parseNumber', () => {
  test('English: a point for decimals, commas between thousands', () => {
    for (const [text, n] of [['3.5', 3.5], ['1,234', 1234], ['1,234.5', 1234.5], ['-0.25', -0.25], ['\u22122', -2], ['50 000', 50000], ['£50,000', 50000], ['1e3', 1000], ['.5', 0.5]]) {
      assert.equal(parseNumber(text, 'en'), n, text);
    }
    // A lone comma followed by fewer than three digits is a decimal comma all the same.
    assert.equal(parseNumber('3,5', 'en'), 3.5);
  });

  test('German: a comma for decimals, points between thousands', () => {
    for (const [text, n] of [['3,5', 3.5], ['1.234', 1234], ['1.234,5', 1234.5], ['1.234.567', 1234567], ['3.5', 3.5], ['5 €', 5]]) {
      assert.equal(parseNumber(text, 'de'), n, text);
    }
  });

  test('French: narrow spaces between thousands, a comma for decimals', () => {
    assert.equal(parseNumber('1\u202f234,5', 'fr'), 1234.5);
  });

  test('what is not one number is not read', () => {
    for (const text of ['', 'five', '5 g', '1,2,3.4,5', '1.2,3.4', '--5', '5-', '0x10', 'Infinity', 'NaN']) {
      assert.equal(parseNumber(text, 'en'), undefined, text);
    }
  });
});

describe('answers from storage', () => {
  const order = { items: ['a', 'b', 'c'] };
  test('ordering: exactly an order of the items', () => {
    assert.deepEqual(types.ordering.clean(order, ['c', 'a', 'b']), ['c', 'a', 'b']);
    for (const bad of [['a', 'b'], ['a', 'a', 'b'], ['a', 'b', 'c', 'd'], ['a', 'b', 'x'], 'abc', null, [1, 2, 3]]) {
      assert.equal(types.ordering.clean(order, bad), undefined, JSON.stringify(bad));
    }
  });

  test('matching: only known items, and only offered choices', () => {
    const q = { items: ['a', 'b'], choices: ['a', 'b', 'x1'] };
    assert.deepEqual(types.matching.clean(q, { a: 'x1', b: 'zz', c: 'a' }), { a: 'x1' });
    assert.equal(types.matching.clean(q, { a: 'zz' }), undefined);
    assert.deepEqual(types.matching.clean(q, JSON.parse('{"__proto__": {"a": "a"}, "b": "b"}')), { b: 'b' });
    for (const bad of [null, [], 'a', 3]) assert.equal(types.matching.clean(q, bad), undefined);
  });

  test('numeric and short answer: a finite number; text of at most 200 characters', () => {
    assert.equal(types.numeric.clean({ min: 0, max: 1 }, 7), 7);
    for (const bad of [Infinity, NaN, '7', null, true]) assert.equal(types.numeric.clean({ min: 0, max: 1 }, bad), undefined);
    assert.equal(types['short-answer'].clean({}, 'matcha'), 'matcha');
    for (const bad of ['', '   ', 'x'.repeat(201), 3, null]) assert.equal(types['short-answer'].clean({}, bad), undefined);
  });
});

test('short answers are normalised as short_answer.py normalises them', () => {
  assert.equal(normalise('  Best\u00a0 Altérnative\t'), 'best alternative');
  assert.equal(normalise('ÉCOLE\u2003Ø'), 'ecole ø');
  const q = { accepted: ['matcha'], pattern: 'mat(ch|sh)a' };
  assert.deepEqual([...tokens['short-answer'].answer(q, ' MÀTSHA ')], ['ok']);
  assert.deepEqual([...tokens['short-answer'].answer(q, 'sencha')], ['no']);
  assert.equal(tokens['short-answer'].answer(q, '  '), null);
});
