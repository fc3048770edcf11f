// scoring.js, diagnosis.js and what-if.js must return exactly what scoring.py and what_if.py return. The Python side writes
// tests/vectors/*.vectors.json; every case in every file is checked here.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { test } from 'node:test';
import { scoreKnowledge, tokens } from '../../plugins/coursegen/assets/scoring.js';
import { scoreDiagnostic } from '../../plugins/coursegen/assets/diagnosis.js';
import { whatWouldChange } from '../../plugins/coursegen/assets/what-if.js';

const dir = new URL('../vectors/', import.meta.url);
// Every question type's browser module brings its own scoring tokens, as on a page that has it.
const types = new URL('../../plugins/coursegen/assets/questions/', import.meta.url);
for (const name of readdirSync(types).filter((n) => n.endsWith('.js'))) (await import(new URL(name, types))).install({}, tokens);
let files = [];
try {
  files = readdirSync(dir).filter((name) => name.endsWith('.vectors.json')).sort();
} catch {}
const score = { knowledge: scoreKnowledge, diagnostic: scoreDiagnostic, 'what-if': whatWouldChange };

test('there are vectors to check', () => {
  assert.ok(files.length > 0, 'no tests/vectors/*.vectors.json: the parity check would prove nothing');
});

for (const name of files) {
  test(`parity with scoring.py: ${name}`, () => {
    const document = JSON.parse(readFileSync(new URL(name, dir), 'utf8'));
    assert.ok(Array.isArray(document.cases) && document.cases.length > 0, `${name} has no cases`);
    for (const c of document.cases) {
      // A case holds its payload, or names one in the file's shared "payloads".
      const payload = typeof c.payload === 'string' ? document.payloads[c.payload] : c.payload;
      assert.ok(payload, `${name}: case "${c.name}" names an unknown payload`);
      assert.ok(score[c.kind], `${name}: case "${c.name}" has unknown kind ${c.kind}`);
      const args = c.hints === undefined ? [payload, c.answers] : [payload, c.answers, c.hints];
      assert.deepStrictEqual(score[c.kind](...args), c.expected, `${name}: case "${c.name}"`);
    }
  });
}
