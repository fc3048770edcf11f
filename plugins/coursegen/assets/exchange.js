// Results that leave the browser and come back: share links and result files.
// Everything read here is untrusted: size-limited, shape-checked against the
// course's own data (ids come from the course, never from the input), used as
// data only. Pure functions, no DOM (tests/js/exchange.test.mjs).
import { scoreDiagnostic } from './diagnosis.js';

export const FORMAT = 'coursegen-results';
const VERSION = 1;
const DIGITS = '0123456789abcdefghijklmnopqrstuvwxyz';
const SHARE = /^r=1\.([0-9a-f]{12})\.([0-9a-z-]{1,100})$/;
export const MAX_FILE = 200000;

const isObject = (x) => typeof x == 'object' && x !== null && !Array.isArray(x);
const isDate = (x) => typeof x == 'string' && x.length < 40 && !isNaN(Date.parse(x));
const only = (o, keys) => isObject(o) && Object.keys(o).every((k) => keys.includes(k));

// The fragment (without "#") of a share link: one character per question, the
// option's position in base 36, "-" when unanswered. Null if it cannot be encoded.
export function shareFragment(payload, answers) {
  const codes = payload.questions.map((q) => {
    const i = q.options.findIndex((o) => o.id === answers[q.id]);
    return i < 0 ? '-' : DIGITS[i];
  });
  return codes.every((c) => c) ? `r=1.${payload.version}.${codes.join('')}` : null;
}

// A share link (or its fragment) to { quiz, answers }, or null.
export function parseShare(text, diagnostics) {
  if (typeof text != 'string' || text.length > 2000) return null;
  const match = SHARE.exec(text.trim().split('#').pop());
  const payload = match && diagnostics.find((d) => d.version === match[1]);
  if (!payload || match[2].length !== payload.questions.length) return null;
  const answers = {};
  for (const [i, q] of payload.questions.entries()) {
    const c = match[2][i];
    if (c === '-') continue;
    const option = q.options[DIGITS.indexOf(c)];
    if (!option) return null;
    answers[q.id] = option.id;
  }
  return Object.keys(answers).length ? { quiz: payload.id, answers } : null;
}

// The downloadable results file (README: "Results files").
export function buildResults(course, progress, checks, diagnostics, now) {
  const file = { format: FORMAT, version: VERSION, course: course.title ?? '', exported: now, lessons: {}, checks: {}, diagnostics: {} };
  for (const lesson of course.lessons) {
    const p = progress[lesson.id];
    if (p) file.lessons[lesson.id] = { visited: p.v, completed: p.c || null };
    const best = lesson.quiz && checks[lesson.quiz];
    if (best) file.checks[lesson.quiz] = { quizVersion: lesson.version, best: best.percent, passed: best.passed, date: best.at };
  }
  for (const d of course.diagnostics) {
    const saved = diagnostics[d.id];
    if (saved) file.diagnostics[d.id] = { quizVersion: d.version, answers: saved.answers, outcome: scoreDiagnostic(d, saved.answers).outcome, date: saved.at };
  }
  return file;
}

// A results file's text to its clean content, or { error } ("format", "version", "foreign", "shape").
// Entries for another version of a quiz are dropped; the outcome is worked out again, never read.
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
  const out = { lessons: {}, checks: {}, diagnostics: {} };
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
    if (e.quizVersion === lesson.version) out.checks[lesson.quiz] = { best: e.best, passed: e.passed, date: e.date };
  }
  for (const [id, e] of Object.entries(data.diagnostics ?? {})) {
    if (!only(e, ['quizVersion', 'answers', 'outcome', 'date']) || !isObject(e.answers) || !isDate(e.date)) return { error: 'shape' };
    const d = diagnostics.get(id), answers = {};
    if (e.quizVersion !== d.version) continue;
    for (const [q, o] of Object.entries(e.answers)) {
      const question = d.questions.find((x) => x.id === q), option = question?.options.find((x) => x.id === o);
      if (!option) return { error: 'shape' };
      answers[question.id] = option.id;
    }
    out.diagnostics[d.id] = { answers, outcome: scoreDiagnostic(d, answers).outcome, date: e.date };
  }
  return out;
}

// The team summary of many clean results.
export function summarize(course, results) {
  const diagnostics = course.diagnostics.map((d) => {
    const counts = Object.fromEntries(d.order.map((o) => [o, 0]));
    for (const r of results) {
      const answers = r.diagnostics[d.id]?.answers;
      if (answers) counts[scoreDiagnostic(d, answers).outcome] += 1;
    }
    return { id: d.id, title: d.title, outcomes: d.order.map((o) => ({ id: o, title: d.outcomes.find((x) => x.id === o).title, count: counts[o] })) };
  });
  const lessons = course.lessons.filter((l) => l.quiz).map((l) => {
    const taken = results.map((r) => r.checks[l.quiz]).filter(Boolean);
    const average = taken.length ? Math.round(taken.reduce((s, c) => s + c.best, 0) / taken.length) : null;
    return { id: l.id, title: l.title, taken: taken.length, passed: taken.filter((c) => c.passed).length, average };
  });
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

export function summaryCsv(summary) {
  const rows = [['section', 'id', 'title', 'people', 'taken', 'passed', 'average']];
  for (const d of summary.diagnostics) for (const o of d.outcomes) rows.push([d.id, o.id, o.title, o.count, '', '', '']);
  for (const l of summary.lessons) rows.push(['lesson', l.id, l.title, '', l.taken, l.passed, l.average]);
  return toCsv(rows);
}
