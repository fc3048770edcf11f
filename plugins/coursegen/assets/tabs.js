// Two tabs (or windows) on one quiz: their states merge per question, the newer answer
// winning, instead of the later save overwriting the whole quiz. Fetched only once
// another tab has written (course.js, mount).
import { get } from './course.js';

// x and y: states of one quiz (course.js's blank() shape), as parsed against `payload`.
export function merge(payload, x, y) {
  const v = payload.version, p = x.b, r = y.b, m = { q: {}, c: x.c[1] >= y.c[1] ? x.c : y.c, d: {}, h: {}, r: Math.max(x.r, y.r) };
  // The best score of the current version, else the higher one.
  m.b = !p || !r ? p || r : (p.s == v) != (r.s == v) ? (p.s == v ? p : r) : r.p > p.p ? r : p;
  for (const { id } of payload.questions) {
    const a = get(x.q, id), b = get(y.q, id), e = a && b ? (a.t >= b.t ? a : b) : a || b;
    const d = Math.max(get(x.d, id) || 0, get(y.d, id) || 0);
    if (e) m.q[id] = e;
    // Hints seen in either tab were seen.
    const h = Math.max(get(x.h, id) || 0, get(y.h, id) || 0);
    if (h) m.h[id] = h;
    // A dropped answer is noted until its question is answered (or cleared) after the drop.
    if (d > (e?.t || 0)) m.d[id] = d;
  }
  return m;
}
