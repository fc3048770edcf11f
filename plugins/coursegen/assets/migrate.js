// Data saved before namespaces, under keys every course of an origin shared
// (coursegen:v1:progress, coursegen:v1:<quiz>), moves into this course's
// namespace once (README: "Saved data"). Fetched only while such keys exist.
// Untrusted like everything stored: shape-checked, ids from the course only.
import { BASE, ID, MAX, P, V1, blank, cleanAnswer, entry, get, store } from './course.js';

const isObject = (x) => typeof x == 'object' && x !== null && !Array.isArray(x);
const own = (o, k) => isObject(o) && Object.hasOwn(o, k);
const ms = (x) => (typeof x == 'string' && x.length < 40 ? Date.parse(x) : NaN);
function parse(raw) {
  try {
    return typeof raw == 'string' && raw.length <= 50 * MAX ? JSON.parse(raw) : null;
  } catch {
    return null;
  }
}

// {lessons: {id: {p: pathname, v, c}}}: the lessons opened under this course's base path are
// this course's; the others stay for the courses they belong to. Nothing is removed
// before its copy is written, so a full storage loses nothing.
export function progress() {
  const key = `${V1}progress`, raw = store(key), lessons = parse(raw)?.lessons, rest = {};
  if (raw === false) return;
  for (const [id, e] of Object.entries(isObject(lessons) ? lessons : {})) {
    if (!ID.test(id) || !isObject(e)) continue;
    const v = ms(e.v), c = e.c ? ms(e.c) : 0, mine = typeof e.p == 'string' && e.p.startsWith(BASE);
    if (!mine || !(v > 0) || !(c >= 0)) {
      if (!mine) rest[id] = e;
      continue;
    }
    // Should this course have a newer entry already, the earlier completion and the later visit win.
    const have = entry(store(P + id)), p = e.p.slice(BASE.length);
    const next = have ? { p: have.p, v: Math.max(have.v, v), c: have.c && c ? Math.min(have.c, c) : have.c || c } : { p, v, c };
    if (store(P + id, JSON.stringify(next)) !== true) rest[id] = e;
  }
  store(key, Object.keys(rest).length ? JSON.stringify({ lessons: rest }) : null);
}

// {version, answers, checked, savedAt, best} → { state, bad }. Saved for exactly this content
// (the payload's legacy version), the answers stay; saved for other content, which the old
// format cannot tell apart, each answered question is marked as changed instead.
// The best score stays, with the version it was earned on.
export function quiz(payload, raw, now = Date.now()) {
  const data = parse(raw), st = blank();
  if (!isObject(data) || typeof data.version != 'string') return { state: st, bad: true };
  const same = data.version === payload.legacy, t = ms(data.savedAt) || now, b = data.best;
  for (const q of payload.questions) {
    const a = cleanAnswer(payload, q, get(data.answers, q.id));
    if (same && a !== undefined) st.q[q.id] = { a, f: q.fp, t };
    else if ([].concat(get(data.answers, q.id) ?? []).length) st.d[q.id] = now;
  }
  st.c = [same && data.checked === true, t];
  if (own(b, 'percent') && Number.isInteger(b.percent) && b.percent >= 0 && b.percent <= 100 && ms(b.at) > 0 && /^[0-9a-f]{12}$/.test(data.version)) {
    st.b = { p: b.percent, ok: b.passed === true, t: ms(b.at), s: same ? payload.version : data.version };
  }
  return { state: st, bad: false };
}

// Reset: the old keys this course would take (its quizzes' and its lessons' progress).
export function forget(quizzes) {
  for (const id of quizzes) store(V1 + id, null);
  const key = `${V1}progress`, lessons = parse(store(key))?.lessons, rest = {};
  if (!isObject(lessons)) return;
  for (const [id, e] of Object.entries(lessons)) if (ID.test(id) && !(typeof e?.p == 'string' && e.p.startsWith(BASE))) rest[id] = e;
  store(key, Object.keys(rest).length ? JSON.stringify({ lessons: rest }) : null);
}
