// Shuffled options and question pools: each learner sees an order of their own, the same at
// every visit (a seed kept with the course's saved data), and a pool draws its questions anew
// for each attempt. The page's order changes, so screen readers and print follow it too.
import S from './strings-questions.js';
import { NS, fmt, store } from './course.js';

// The learner's seed for this course; without storage, one for this page only.
let seed = Number(store(`${NS}seed`));
if (!Number.isSafeInteger(seed) || seed <= 0) {
  seed = 1 + Math.floor(Math.random() * 2 ** 31);
  store(`${NS}seed`, String(seed));
}

// A small, well-mixed generator (mulberry32) from a text.
function random(text) {
  let h = seed;
  for (const c of text) h = Math.imul(h ^ c.charCodeAt(0), 2654435761);
  return () => {
    h = (h + 0x6d2b79f5) | 0;
    let t = Math.imul(h ^ (h >>> 15), 1 | h);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function shuffled(list, text) {
  const out = [...list], next = random(text);
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(next() * (i + 1));
    [out[i], out[j]] = [out[j], out[i]];
  }
  return out;
}

export const extra = {
  // The questions of this attempt, in the order shown; the page rearranged to match.
  show({ section, payload, st: { r: attempt } }) {
      let asked = payload.questions;
      if (payload.shuffleQuestions) asked = shuffled(asked, `${payload.id}:questions:${attempt}`);
      if (payload.draw) asked = shuffled(payload.questions, `${payload.id}:draw:${attempt}`).slice(0, payload.draw)
        .sort((a, b) => asked.indexOf(a) - asked.indexOf(b));
      const form = section.querySelector('form'), actions = form.querySelector('.cg-actions');
      const fieldset = (q) => form.querySelector(`[data-cg-question="${q.id}"]`);
      // Moved only when out of order: moving a question takes the focus away from it.
      const now = [...form.querySelectorAll('[data-cg-question]:not([hidden])')];
      if (asked.some((q, i) => fieldset(q) != now[i]) || now.length != asked.length) for (const q of asked) form.insertBefore(fieldset(q), actions);
      for (const q of payload.questions) {
        const box = fieldset(q), n = asked.indexOf(q);
        box.hidden = n < 0;
        for (const control of box.querySelectorAll('input, select, button, textarea')) control.disabled = n < 0;
        if (n < 0) continue;
        box.querySelector('.cg-qnum').textContent = fmt(S.question_of, { n: n + 1, total: asked.length });
        // Options move around the pinned ones, which keep their places (the file's order, shuffled).
        const options = box.querySelector('.cg-options');
        if (payload.shuffle && options && q.options) {
          const all = q.options.map((id) => options.querySelector(`[data-cg-option="${id}"]`));
          const free = all.filter((o) => !o.hasAttribute('data-cg-pin'));
          const order = shuffled(free.map((o) => o.dataset.cgOption), `${payload.id}:${q.id}`);
          const placed = all.map((o) => {
            if (o.hasAttribute('data-cg-pin')) return o;
            const next = order.shift();
            return free.find((f) => f.dataset.cgOption == next);
          });
          if (placed.some((o, i) => o != options.children[i])) options.append(...placed);
        }
      }
    return asked;
  },
  // A pool draws anew for each attempt.
  retry: ({ payload, st }) => payload.draw && (st.r += 1),
};
