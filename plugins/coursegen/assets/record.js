// What happens in the course, as events for a learning platform or a record store
// (README: "Learning platforms (SCORM, cmi5)"). Loaded only on builds with a destination
// (record_config.py), it watches the page instead of being called by course.js, so a plain
// site's lesson page carries no byte of it. Events go to the package's launch page
// (lms.js, in the parent frame) and, when the build has an xAPI endpoint, to xapi.js.
import config from './record-config.js';
import { BASE, parseSaved, progress, scoreKnowledge, storageKey, store } from './course.js';

// The launch page frames the course from the same origin; a foreign parent throws on access.
const lms = (() => {
  try {
    return (window.parent !== window && window.parent.coursegenLMS) || null;
  } catch {
    return null;
  }
})();
const xapi = config.xapi ? import('./xapi.js').catch((e) => console.error(e)) : null;

function send(type, fields = {}) {
  const event = {
    type, at: Date.now(), page: decodeURI(location.pathname.slice(BASE.length)),
    lesson: document.querySelector('[data-cg-lesson]')?.dataset.cgLesson ?? null, title: document.title, ...fields,
  };
  try {
    lms?.report(event);
  } catch (e) {
    console.error(e);
  }
  xapi?.then((m) => m?.report?.(event));
}

let completed = false;
function progressed() {
  const lessons = {}, saved = progress();
  for (const id of config.course.lessons) if (saved[id]) lessons[id] = { v: saved[id].v, c: saved[id].c };
  const done = Object.values(lessons).filter((e) => e.c).length, total = config.course.lessons.length;
  send('progress', { done, total, lessons });
  if (done == total && total && !completed) (completed = true), send('complete');
}

// Each page once, also after instant navigation (Material's document$ replays the current page).
let shown = null;
function visit() {
  if (shown === location.href) return;
  shown = location.href;
  send('visit');
  setTimeout(progressed); // after course.js has recorded the visit
}

const data = (section) => {
  try {
    return JSON.parse(section.querySelector('template.cg-data').content.textContent);
  } catch {
    return null;
  }
};

// A quiz checked: read what course.js saved (its own submit handler on the form ran first)
// and score it the same way.
async function checked(section) {
  const payload = data(section), { state } = payload ? parseSaved(store(storageKey(payload.id)), payload) : {};
  if (!state?.c[0]) return;
  const answers = {};
  for (const [id, e] of Object.entries(state.q)) if (e.a !== undefined) answers[id] = e.a;
  if (payload.kind == 'diagnostic') {
    const { scoreDiagnostic } = await import('./diagnosis.js');
    const outcome = scoreDiagnostic(payload, answers).outcome;
    const outcomeTitle = payload.outcomes.find((o) => o.id == outcome)?.title ?? outcome;
    return send('diagnostic', { quiz: payload.id, outcome, outcomeTitle, answers });
  }
  // The questions this attempt asked (a pool hides the others).
  const asked = payload.questions.filter((q) => !section.querySelector(`[data-cg-question="${CSS.escape(q.id)}"]`)?.hidden);
  const score = scoreKnowledge({ ...payload, questions: asked }, answers, state.h);
  const questions = asked.map((q) => ({
    id: q.id, type: q.type ?? 'choice', answer: answers[q.id] ?? null, correct: q.correct ?? null,
    prompt: section.querySelector(`[data-cg-question="${CSS.escape(q.id)}"] legend`)?.textContent.trim() ?? q.id,
    status: score.questions.find((x) => x.id == q.id).status,
  }));
  const { points, total, percent, passed } = score;
  send('check', { quiz: payload.id, passMark: payload.passMark, passPoints: payload.passPoints, score: { points, total, percent, passed }, questions });
}

if (lms || xapi) {
  document.addEventListener('submit', ({ target }) => {
    const section = target.closest?.('.cg-quiz');
    if (section) setTimeout(() => checked(section).catch(console.error));
  });
  // A passed check (cg:progress), a lesson marked as read, another tab: progress moved.
  document.addEventListener('cg:progress', () => setTimeout(progressed));
  document.addEventListener('click', ({ target }) => target.closest?.('[data-cg-read]') && setTimeout(progressed));
  addEventListener('storage', () => setTimeout(progressed));
  let hooked = false;
  const hook = () => (hooked ||= !!window.document$?.subscribe(visit));
  if (!hook()) addEventListener('load', () => hook() || visit(), { once: true });
  if (document.readyState !== 'loading') visit();
  else document.addEventListener('DOMContentLoaded', visit);
}
