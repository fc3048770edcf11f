// On every page: starts quizzes and tools (their code is fetched only where
// they are), records lesson visits and completions, ticks completed lessons in
// the navigation.
import S from './strings.js';

const PROGRESS = 'coursegen:v1:progress';
const text = (x) => typeof x == 'string' && x.length < 300;
const now = () => new Date().toISOString();
const path = (p) => p.replace(/index\.html$/, '');

// Untrusted: only well-formed entries of lesson-like ids are kept (never "__proto__").
export function progress() {
  const out = {};
  try {
    const raw = localStorage.getItem(PROGRESS);
    for (const [id, e] of Object.entries(raw.length < 5e4 && JSON.parse(raw).lessons))
      if (/^[a-z0-9]+(-[a-z0-9]+)*$/.test(id) && text(e.p) && text(e.v) && (e.c == null || text(e.c))) out[id] = { p: e.p, v: e.v, c: e.c || null };
  } catch {}
  return out;
}

function record(id, done) {
  const all = progress(), old = all[id];
  all[id] = { p: location.pathname, v: now(), c: old?.c || (done ? now() : null) };
  try {
    localStorage.setItem(PROGRESS, JSON.stringify({ lessons: all }));
  } catch {}
  return all[id];
}

function tick() {
  const done = new Set(Object.values(progress()).filter((e) => e.c).map((e) => path(e.p)));
  for (const a of document.querySelectorAll('.md-nav__link[href]')) {
    const on = !a.hash && done.has(path(a.pathname)), mark = a.querySelector('.cg-tick');
    if (on && !mark) {
      const span = (className, textContent = '') => Object.assign(document.createElement('span'), { className, textContent });
      a.append(span('cg-tick'));
      a.lastChild.append(span('cg-sr', S.completed));
    }
    if (!on) mark?.remove();
  }
}

function lesson() {
  const box = document.querySelector('[data-cg-lesson]:not([data-cg-ready])');
  if (!box) return;
  box.dataset.cgReady = '';
  const id = box.dataset.cgLesson, button = box.querySelector('[data-cg-read]'), note = box.querySelector('[data-cg-read-done]');
  const show = (entry) => {
    if (button) (button.hidden = !!entry.c), (note.hidden = !entry.c), (note.textContent = S.marked_read);
  };
  show(record(id));
  button?.addEventListener('click', () => {
    show(record(id, true));
    tick();
    note.tabIndex = -1;
    note.focus();
  });
}

// A passed knowledge check completes its lesson; any change re-ticks the navigation.
document.addEventListener('cg:progress', ({ detail }) => {
  const box = document.querySelector('[data-cg-lesson]');
  if (detail && box?.dataset.cgCheck === detail) record(box.dataset.cgLesson, true);
  tick();
});

function start() {
  for (const box of document.querySelectorAll('.cg-quiz:not([data-cg-ready]),.cg-tool:not([data-cg-ready])')) {
    box.dataset.cgReady = ''; // before the async import: a second call skips it
    let data;
    try {
      data = JSON.parse(box.querySelector('template.cg-data,template.cg-course').content.textContent);
    } catch {
      continue; // the no-JavaScript version stays
    }
    const kind = box.dataset.cgTool || data.kind;
    if (['knowledge', 'diagnostic', 'progress', 'results', 'team'].includes(kind)) import(`./${kind}.js`).then((module) => {
      module.init(box, data);
      box.classList.add('cg-js');
    }).catch(console.error);
  }
  lesson();
  tick();
}

// Instant navigation swaps pages without re-running modules. Material's
// document$ emits each page (replaying the current one); it may come later.
let hooked = false;
const hook = () => (hooked ||= !!window.document$?.subscribe(start));
if (!hook()) addEventListener('load', hook, { once: true });
if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', start);
else start();
