// Results that leave the browser and come back: share links and result files.
// Everything read here is untrusted: size-limited, shape-checked against the
// course's own data (ids come from the course, never from the input), used as
// data only. Pure functions (tests/js/exchange.test.mjs), but for reading the
// page's own share link as people paste it (below).
import { scoreDiagnostic } from './diagnosis.js';

export const FORMAT = 'coursegen-results';
const VERSION = 1;
const DIGITS = '0123456789abcdefghijklmnopqrstuvwxyz';
const SHARE = /^r=1\.([0-9a-f]{12})\.([0-9a-z-]{1,100})$/;
export const MAX_FILE = 200000;

const isObject = (x) => typeof x == 'object' && x !== null && !Array.isArray(x);
const isDate = (x) => typeof x == 'string' && x.length < 40 && !isNaN(Date.parse(x));
const only = (o, keys) => isObject(o) && Object.keys(o).every((k) => keys.includes(k));
const iso = (t) => new Date(t).toISOString();
const ID = /^[a-z0-9]+(-[a-z0-9]+)*$/;

// The fragment (without "#") of a share link: one character per question, the
// option's position in base 36, "-" when unanswered. Null if it cannot be encoded.
export function shareFragment(payload, answers) {
  const codes = payload.questions.map((q) => {
    const i = q.options.findIndex((o) => o.id === answers[q.id]);
    return i < 0 ? '-' : DIGITS[i];
  });
  return codes.every((c) => c) ? `r=1.${payload.version}.${codes.join('')}` : null;
}

// The fragment of a share link as people paste it: percent-encoded ("#r%3D1.…"),
// with a doubled "#" ("##r=1.…"), or the whole address.
export function shareText(text) {
  let s = String(text).trim();
  try {
    s = decodeURIComponent(s);
  } catch {}
  return s.slice(s.lastIndexOf('#') + 1).trim();
}

// A share link (or its fragment) to { quiz, answers }, or { error }: "version" for a
// well-formed link of another version of the self-assessment (or of a future link format),
// "damaged" for anything else.
export function readShare(text, diagnostics) {
  if (typeof text != 'string' || text.length > 2000) return { error: 'damaged' };
  const fragment = shareText(text), match = SHARE.exec(fragment);
  const payload = match && diagnostics.find((d) => d.version === match[1]);
  if (!payload) return { error: match || /^r=(?!1\.)\d+\.[0-9a-f]{12}\.[0-9a-z-]+$/.test(fragment) ? 'version' : 'damaged' };
  if (match[2].length !== payload.questions.length) return { error: 'damaged' };
  const answers = {};
  for (const [i, q] of payload.questions.entries()) {
    const c = match[2][i];
    if (c === '-') continue;
    const option = q.options[DIGITS.indexOf(c)];
    if (!option) return { error: 'damaged' };
    answers[q.id] = option.id;
  }
  return Object.keys(answers).length ? { quiz: payload.id, answers } : { error: 'damaged' };
}

// A share link (or its fragment) to { quiz, answers }, or null.
export function parseShare(text, diagnostics) {
  const read = readShare(text, diagnostics);
  return read.error ? null : read;
}

// The page's own link, read as written: a pasted "#r%3D1.…" or "##r=1.…" becomes "#r=1.…"
// before the self-assessment (whose module imports this one, so runs after it) looks,
// at load and when only the fragment changes.
function ownLink() {
  const hash = location.hash, fragment = hash.length < 2000 && shareText(hash);
  if (/^r=/.test(fragment) && hash !== `#${fragment}`) history.replaceState(history.state, '', `#${fragment}`);
}
if (globalThis.location && globalThis.history) ownLink(), addEventListener('hashchange', ownLink);

// The downloadable results file (README: "Results files"). Times may be ms or ISO text;
// a best score carries the version of the check it was earned on.
export function buildResults(course, progress, checks, diagnostics, now) {
  const file = { format: FORMAT, version: VERSION, course: course.title ?? '', exported: now, lessons: {}, checks: {}, diagnostics: {} };
  for (const lesson of course.lessons) {
    const p = progress[lesson.id];
    if (p) file.lessons[lesson.id] = { visited: iso(p.v), completed: p.c ? iso(p.c) : null };
    const best = lesson.quiz && checks[lesson.quiz];
    if (best) file.checks[lesson.quiz] = { quizVersion: best.version ?? lesson.version, best: best.percent, passed: best.passed, date: iso(best.at) };
  }
  for (const d of course.diagnostics) {
    const saved = diagnostics[d.id];
    if (saved) file.diagnostics[d.id] = { quizVersion: d.version, answers: saved.answers, outcome: scoreDiagnostic(d, saved.answers).outcome, date: iso(saved.at) };
  }
  return file;
}

// A results file's text to its clean content, or { error } ("size", "format", "version", "foreign", "shape").
// The outcome is worked out again, never read. Entries for another version of a quiz go to
// `earlier`, apart: a best score as it was, a self-assessment by the outcome the file records
// (its answers mean what that version asked; only an outcome id of this course counts, else "other").
export function parseResults(text, course) {
  let data;
  try {
    if (typeof text != 'string' || text.length > MAX_FILE) return { error: 'size' };
    data = JSON.parse(text);
  } catch {
    return { error: 'format' };
  }
  if (!isObject(data) || data.format !== FORMAT) return { error: 'format' };
  if (data.version !== VERSION) return { error: 'version' };
  if (!only(data, ['format', 'version', 'course', 'exported', 'lessons', 'checks', 'diagnostics'])) return { error: 'shape' };
  const lessons = new Map(course.lessons.map((l) => [l.id, l]));
  const checks = new Map(course.lessons.filter((l) => l.quiz).map((l) => [l.quiz, l]));
  const diagnostics = new Map(course.diagnostics.map((d) => [d.id, d]));
  const out = { lessons: {}, checks: {}, diagnostics: {}, earlier: { checks: {}, diagnostics: {} } };
  for (const [part, known] of [['lessons', lessons], ['checks', checks], ['diagnostics', diagnostics]]) {
    const value = data[part] ?? {};
    if (!isObject(value)) return { error: 'shape' };
    for (const id of Object.keys(value)) if (!known.has(id)) return { error: 'foreign' };
  }
  for (const [id, e] of Object.entries(data.lessons ?? {})) {
    if (!only(e, ['visited', 'completed']) || !isDate(e.visited) || !(e.completed === null || isDate(e.completed))) return { error: 'shape' };
    out.lessons[lessons.get(id).id] = { visited: e.visited, completed: e.completed };
  }
  for (const [id, e] of Object.entries(data.checks ?? {})) {
    if (!only(e, ['quizVersion', 'best', 'passed', 'date']) || !Number.isInteger(e.best) || e.best < 0 || e.best > 100
      || typeof e.passed != 'boolean' || !isDate(e.date) || typeof e.quizVersion != 'string') return { error: 'shape' };
    const lesson = checks.get(id);
    (e.quizVersion === lesson.version ? out.checks : out.earlier.checks)[lesson.quiz] = { best: e.best, passed: e.passed, date: e.date };
  }
  for (const [id, e] of Object.entries(data.diagnostics ?? {})) {
    if (!only(e, ['quizVersion', 'answers', 'outcome', 'date']) || !isObject(e.answers) || !isDate(e.date) || typeof e.quizVersion != 'string') return { error: 'shape' };
    const d = diagnostics.get(id), answers = {};
    if (e.quizVersion !== d.version) {
      if (!Object.entries(e.answers).every(([q, o]) => ID.test(q) && typeof o == 'string' && ID.test(o))) return { error: 'shape' };
      const outcome = d.order.find((o) => o === e.outcome) ?? null;
      out.earlier.diagnostics[d.id] = { outcome, date: e.date };
      continue;
    }
    for (const [q, o] of Object.entries(e.answers)) {
      const question = d.questions.find((x) => x.id === q), option = question?.options.find((x) => x.id === o);
      if (!option) return { error: 'shape' };
      answers[question.id] = option.id;
    }
    out.diagnostics[d.id] = { answers, outcome: scoreDiagnostic(d, answers).outcome, date: e.date };
  }
  return out;
}

// The team summary of many clean results; what came from earlier versions of a quiz
// is counted apart (`earlier`), never mixed in.
export function summarize(course, results) {
  const diagnostics = course.diagnostics.map((d) => {
    const counts = new Map(d.order.map((o) => [o, 0])), earlier = new Map([...counts, [null, 0]]);
    for (const r of results) {
      const answers = r.diagnostics[d.id]?.answers, old = r.earlier?.diagnostics[d.id];
      const add = (map, o) => map.set(o, map.get(o) + 1);
      if (answers) add(counts, scoreDiagnostic(d, answers).outcome);
      if (old) add(earlier, old.outcome);
    }
    const title = (o) => d.outcomes.find((x) => x.id === o).title;
    return {
      id: d.id, title: d.title,
      outcomes: d.order.map((o) => ({ id: o, title: title(o), count: counts.get(o) })),
      earlier: { outcomes: d.order.map((o) => ({ id: o, title: title(o), count: earlier.get(o) })), other: earlier.get(null) },
    };
  });
  const tally = (taken) => ({
    taken: taken.length,
    passed: taken.filter((c) => c.passed).length,
    average: taken.length ? Math.round(taken.reduce((s, c) => s + c.best, 0) / taken.length) : null,
  });
  const lessons = course.lessons.filter((l) => l.quiz).map((l) => ({
    id: l.id, title: l.title,
    ...tally(results.map((r) => r.checks[l.quiz]).filter(Boolean)),
    earlier: tally(results.map((r) => r.earlier?.checks[l.quiz]).filter(Boolean)),
  }));
  return { diagnostics, lessons };
}

// CSV (RFC 4180), with cells that a spreadsheet would run as a formula defused.
export function toCsv(rows) {
  const cell = (v) => {
    let s = v == null ? '' : String(v);
    if (/^[=+\-@\t\r]/.test(s)) s = `'${s}`;
    return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
  };
  return rows.map((row) => row.map(cell).join(',')).join('\r\n') + '\r\n';
}

// Whether a diagnostic's summary counts results of its earlier versions.
export const hasEarlier = (d) => d.earlier.other > 0 || d.earlier.outcomes.some((o) => o.count > 0);

// One row per outcome and per lesson; rows for results of earlier versions say so in `version`.
export function summaryCsv(summary) {
  const rows = [['section', 'id', 'title', 'people', 'taken', 'passed', 'average', 'version']];
  for (const d of summary.diagnostics) for (const o of d.outcomes) rows.push([d.id, o.id, o.title, o.count, '', '', '', 'current']);
  for (const l of summary.lessons) rows.push(['lesson', l.id, l.title, '', l.taken, l.passed, l.average, 'current']);
  for (const d of summary.diagnostics) {
    if (!hasEarlier(d)) continue;
    for (const o of d.earlier.outcomes) rows.push([d.id, o.id, o.title, o.count, '', '', '', 'earlier']);
    if (d.earlier.other) rows.push([d.id, '', '', d.earlier.other, '', '', '', 'earlier']);
  }
  for (const l of summary.lessons) if (l.earlier.taken) rows.push(['lesson', l.id, l.title, '', l.earlier.taken, l.earlier.passed, l.earlier.average, 'earlier']);
  return toCsv(rows);
}
