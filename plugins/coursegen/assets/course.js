// On every page: records lesson visits and completions, ticks completed lessons
// in the navigation, runs knowledge checks and starts the other quizzes and tools
// (their code is fetched only where they are). It also holds what every quiz
// kind shares, saved answers and the form lifecycle (README: "Saved data"), as
// one file: on a lesson page, each module more costs bytes. Everything stored is untrusted: size-limited,
// checked against the payload (keys come from the payload, never from storage),
// used only as data.
import S from './strings.js';

const own = (o, k) => typeof o == 'object' && o !== null && Object.hasOwn(o, k);
export const get = (o, k) => (own(o, k) ? o[k] : undefined);
const time = (x) => Number.isSafeInteger(x) && x > 0;

// The longest stored value read (storage_limits.MAX_VALUE: the build refuses quizzes that could need more).
export const MAX = 1e5;
// The course's namespace is where it is published: the site root, two levels above this
// file (assets/coursegen/), so two courses (or copies) on one origin never meet.
export const BASE = new URL('../../', import.meta.url).pathname, NS = `coursegen:v2:${BASE}`, V1 = 'coursegen:v1:';
export const storageKey = (id) => `${NS}q:${id}`;
// Progress: one key per lesson, so no number of lessons outgrows a stored value.
export const P = `${NS}p:`, ID = /^[a-z0-9]+(-[a-z0-9]+)*$/;

// Other tabs' storage events, to whatever on this page follows them, by its element: one
// listener for all, however many pages instant navigation shows (a gone element's is dropped).
export const follows = new Map();

// "{name}" placeholders of the strings tables, numbers written the page language's way. A string
// that counts is a mapping of CLDR plural categories ({one, other}; Arabic has six), the form for
// values.n as Intl.PluralRules picks it (i18n.plural agrees); a plain string has no such property.
export const fmt = (text, values) => (text[new Intl.PluralRules(lang()).select(values.n)] ?? text)
  .replace(/\{(\w+)\}/g, (m, k) => (own(values, k) ? num(values[k]) : m));

// A number as the page's language writes it (0.5, 0,5); anything else (text) as it is.
export const lang = () => document.documentElement.lang || undefined;
export const num = (n, digits = 2) => (n?.toFixed ? new Intl.NumberFormat(lang(), { maximumFractionDigits: digits }).format(n) : n);

// A stylesheet of ours only some pages need (tools.css, a question type's), added once by the
// first script that needs it.
export function styles(href) {
  if (globalThis.document && ![...document.querySelectorAll('link[rel=stylesheet]')].some((l) => l.href === href)) document.head.append(Object.assign(el('link'), { rel: 'stylesheet', href }));
}

export const el = (tag, textContent = '', className = '') =>
  Object.assign(document.createElement(tag), { textContent }, className && { className });

// localStorage may be missing or throw (disabled, private mode, full). A read gives
// the value or false; a write true, or 0 when storage is full, false when refused. null removes.
export function store(key, value) {
  try {
    if (value === undefined) return localStorage.getItem(key);
    value === null ? localStorage.removeItem(key) : localStorage.setItem(key, value);
    return true;
  } catch (e) {
    // Private modes refuse writes with the same error, but hold nothing at all.
    return /quota/i.test(e?.name) && localStorage.length ? 0 : false;
  }
}

// --------------------------------------------------------------------------- progress

// A lesson's entry: { p: its path below BASE, v: visited, c: completed or 0 } (ms), else undefined.
export function entry(raw) {
  try {
    const { p, v, c } = raw.length < MAX && JSON.parse(raw);
    if (typeof p == 'string' && time(v) && (c === 0 || time(c))) return { p, v, c };
  } catch {}
}

// Only lesson-like ids (never "__proto__").
export function progress() {
  const out = {};
  try {
    for (const k of Object.keys(localStorage)) {
      const id = k.slice(P.length), e = k.startsWith(P) && ID.test(id) && entry(store(k));
      if (e) out[id] = e;
    }
  } catch {}
  return out;
}

// [entry, saved]: unsaved (storage full or refused), it holds on this page only.
export function record(id, done) {
  const now = Date.now(), e = { p: location.pathname.slice(BASE.length), v: now, c: entry(store(P + id))?.c || (done ? now : 0) };
  return [e, store(P + id, JSON.stringify(e)) === true];
}

const path = (p) => p.replace(/index\.html$/, '');
export function tick() {
  const done = new Set(Object.values(progress()).filter((e) => e.c).map((e) => path(BASE + e.p)));
  // The sidebar's links and the outline block's (README: "The outline in any page").
  for (const a of document.querySelectorAll('.md-nav__link[href],.cg-outline a')) {
    const on = !a.hash && done.has(path(a.pathname)), mark = a.querySelector('.cg-tick');
    if (on && !mark) a.append(el('span', '', 'cg-tick')), a.lastChild.append(el('span', S.completed, 'cg-sr'));
    if (!on) mark?.remove();
  }
}

// A visit; a lesson without a knowledge check has a button to complete it instead (read.js).
function lesson() {
  const box = document.querySelector('[data-cg-lesson]:not([data-cg-ready])');
  if (!box) return;
  box.dataset.cgReady = '';
  const visit = record(box.dataset.cgLesson);
  if (box.querySelector('[data-cg-read]')) import('./read.js').then((m) => m.init(box, visit)).catch(console.error);
}

// --------------------------------------------------------------------------- question types

// Each type's browser side: read what its fieldset shows, write an answer into it, keep an
// answer from storage only if it fits the payload, mark it once checked. Choice (knowledge
// and diagnostic) is here; the other types' modules (questions/<type>.js) add themselves when
// a check has them.
const choices = (fieldset) => [...fieldset.querySelectorAll('input:checked')].map((input) => input.value);
const types = {
  choice: {
    read: (fieldset, q, knowledge) => { const v = choices(fieldset); return v.length ? (knowledge ? v : v[0]) : undefined; },
    write(fieldset, q, answer) {
      // Every box is set, so this also unticks what browser form restoration ticked.
      for (const input of fieldset.querySelectorAll('input')) input.checked = [].concat(answer ?? []).includes(input.value);
    },
    clean(q, value, knowledge) {
      const ids = q.options.map((o) => o.id ?? o);
      if (!knowledge) return ids.includes(value) ? value : undefined;
      const picked = Array.isArray(value) && value.length <= ids.length ? ids.filter((o) => value.includes(o)) : [];
      return picked.length && (q.multiple || picked.length < 2) ? picked : undefined;
    },
    // The marks, in words inside the label (not colour alone, and read with the option), are in
    // the markup: "Correct answer" shows with the other [data-cg-answer]s, "Your answer ✗" by CSS.
    mark(fieldset, q, status, answer) {
      for (const option of fieldset.querySelectorAll('.cg-option')) {
        const key = option.dataset.cgOption;
        option.classList.toggle('cg-correct', !!status && q.correct.includes(key));
        option.querySelector('[data-cg-feedback]').hidden = !(status && answer?.includes(key));
      }
    },
  },
};
const type = (q) => types[q.type ?? 'choice'];
const questionOf = (payload, fieldset) => payload.questions.find((q) => q.id == fieldset.dataset.cgQuestion);

// One question's answer if it fits the payload, else undefined (also for a type whose module is not here).
export const cleanAnswer = (payload, q, value) => type(q)?.clean(q, value, payload.kind == 'knowledge');

// --------------------------------------------------------------------------- saved answers

// A state: q per question {a answer, f fingerprint, t when} ({t} alone: cleared), c [checked, when],
// b the best score {p percent, ok passed, t, s version}, d questions whose answers a change dropped,
// h hints revealed per question, r the attempt (a question pool draws anew for each).
export const blank = () => ({ q: {}, c: [false, 0], b: null, d: {}, h: {}, r: 0 });
export const encode = (st) => JSON.stringify({ v: 2, ...st });

// raw → { state, bad }: state null when nothing is ours to read; bad when something under our
// key was damaged. An answer whose question's scoring changed since is dropped and noted in
// d, afresh at each reading until the question is answered again (and the answer replaced).
export function parseSaved(raw, payload, now = Date.now()) {
  let data, bad = typeof raw == 'string';
  try {
    data = bad && raw.length <= MAX && JSON.parse(raw);
  } catch {}
  const st = blank(), { q, c, b } = data || {};
  if (get(data, 'v') !== 2 || Object(q) !== q || Array.isArray(q)) return { state: null, bad };
  bad = false;
  for (const question of payload.questions) {
    const { id, fp } = question, e = get(q, id), d = get(data.d, id), f = get(e, 'f'), t = get(e, 't');
    if (time(d)) st.d[id] = d;
    if (e === undefined) continue;
    if (!time(t)) bad = true;
    else if (!own(e, 'a')) st.q[id] = { t };
    else if (!/^[0-9a-f]{8}$/.test(f)) bad = true;
    // Its scoring changed since: the answer goes, and the learner is told until they answer again.
    else if (f != fp) (st.q[id] = { t }), (st.d[id] ||= now);
    else if ((st.q[id] = { a: cleanAnswer(payload, question, e.a), f, t }).a === undefined) delete st.q[id], (bad = true);
  }
  for (const { id, hints } of payload.questions) {
    const n = get(data.h, id);
    if (Number.isInteger(n) && n > 0 && hints) st.h[id] = Math.min(n, hints);
  }
  if (Number.isSafeInteger(data.r) && data.r >= 0) st.r = data.r;
  if (typeof get(c, 0) == 'boolean' && time(c[1])) st.c = [c[0], c[1]];
  // A knowledge check's best score, kept across "Try again", with the version it was earned on.
  if (Number.isInteger(get(b, 'p')) && b.p >= 0 && b.p <= 100 && time(b.t) && /^[0-9a-f]{12}$/.test(b.s)) st.b = { p: b.p, ok: b.ok === true, t: b.t, s: b.s };
  return { state: st, bad };
}

// The form lifecycle of both quiz kinds: view.show(answers, questions, hints) renders a checked
// result, view.clear() undoes it. extra: modules this check needs beyond the basics, fetched
// before (hints.js, arrange.js); each may act when the quiz shows (show(ctx), which returns the
// questions asked when it arranges them) and when it is cleared for another try (retry(ctx)).
export function mount(section, payload, view, extra = []) {
  const $ = (selector) => section.querySelector(selector);
  const form = $('form'), result = $('[data-cg-result]'), retry = $('[data-cg-action=retry]'), notice = $('[data-cg-notice]');
  const key = storageKey(payload.id), shown = new Set(), knowledge = payload.kind == 'knowledge';
  const fieldsets = [...form.querySelectorAll('[data-cg-question]')];
  const question = (fieldset) => questionOf(payload, fieldset);
  // last: the stored value as this tab last read or wrote it (so a different one is another
  // tab's, to merge); later: the question the learner is on when another tab changes it,
  // shown changed once they leave it; asked: the questions of this attempt, in their order.
  let st = blank(), last = null, later = null, asked = payload.questions;
  const say = (text, on) => {
    on ? shown.add(text) : shown.delete(text);
    notice.textContent = [...shown].join(' ');
    notice.hidden = !shown.size;
  };
  // Storage full: the page keeps the answers, says so, and tries again at the next save.
  const keep = (value) => {
    const ok = store(key, value);
    if (ok === true) last = value;
    say(S.full, ok === 0);
    say(S.nostore, ok === false);
    return ok;
  };
  const answers = () => {
    const out = {};
    for (const { id } of asked) if (get(st.q, id)?.a !== undefined) out[id] = st.q[id].a;
    return out;
  };
  const show = (focus) => {
    asked = payload.questions;
    for (const x of extra) asked = x.show?.(ctx) ?? asked;
    for (const fieldset of fieldsets) {
      const q = question(fieldset), id = q.id, note = fieldset.querySelector('.cg-changed');
      if (fieldset != later) type(q).write(fieldset, q, get(st.q, id)?.a);
      if (!own(st.d, id)) note?.remove();
      else note || fieldset.querySelector('legend').after(el('p', S.changed_question, 'cg-notice cg-changed'));
    }
    const a = answers(), on = st.c[0] && Object.keys(a).length > 0;
    say(S.changed, Object.keys(st.d).length > 0);
    say(S.empty, false);
    view.clear();
    result.replaceChildren();
    result.hidden = retry.hidden = !on;
    // A checked result is not checked again before it is cleared: "Try again" takes the
    // place of "Check answers" (a disabled button looked no different beside it).
    $('[data-cg-action=check]').hidden = on && knowledge;
    const score = on && view.show(a, asked, st.h);
    if (focus) result.focus();
    return score;
  };
  // Another tab saved: merged in, per question (tabs.js, fetched only then); removed (Reset on
  // My results): cleared here too.
  const sync = (raw, then) => import('./tabs.js').then((m) => {
    const { state } = parseSaved(raw, payload);
    st = raw === null ? blank() : state ? m.merge(payload, st, state) : st;
    last = raw;
    then();
  });
  // Nothing stored is no other tab's work to merge: this tab's answers are saved as they are.
  const save = () => {
    const raw = store(key);
    raw === last || !raw ? keep(encode(st)) : sync(raw, () => (keep(encode(st)), show()));
  };
  // What the extra modules see: the quiz, its state (read and written), and how to keep and show it.
  const ctx = { section, payload, get st() { return st; }, save, show: () => show() };
  const update = (fieldset, now) => {
    const q = question(fieldset), a = type(q).read(fieldset, q, knowledge);
    st.q[q.id] = a !== undefined ? { a, f: q.fp, t: now } : { t: now };
    st.c = [false, now];
    // Answered (or cleared) again: the note that its earlier answer was dropped has been seen.
    delete st.d[q.id];
  };

  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const now = Date.now(), b = st.b;
    // What the learner sees is what is checked, even on a question another tab changed.
    if (later) update(later, now), (later = null);
    if (!Object.keys(answers()).length) {
      show();
      say(S.empty, true);
      notice.tabIndex = -1;
      return notice.focus();
    }
    st.c = [true, now];
    const score = show(true);
    if (score && (b?.s != payload.version || score.percent >= b.p)) st.b = { p: score.percent, ok: score.passed, t: now, s: payload.version };
    save();
  });
  // A result no longer matches changed answers.
  form.addEventListener('change', ({ target }) => {
    const fieldset = target.closest('[data-cg-question]');
    if (!fieldset) return;
    if (fieldset == later) later = null;
    update(fieldset, Date.now());
    save();
    show();
  });
  // Every question cleared, each a newer answer than any other tab's; a pool draws anew.
  retry.addEventListener('click', () => {
    form.reset();
    for (const fieldset of fieldsets) type(question(fieldset)).write(fieldset, question(fieldset)), update(fieldset, Date.now());
    for (const x of extra) x.retry?.(ctx);
    later = null;
    save();
    show();
    form.querySelector('[data-cg-question]:not([hidden]) :is(input,select,button)')?.focus();
  });
  form.addEventListener('focusout', ({ relatedTarget }) => later && !later.contains(relatedTarget) && ((later = null), show()));
  follows.set(section, ({ key: changed }) => {
    const on = document.activeElement?.closest('[data-cg-question]');
    // No key: the whole storage was cleared.
    if ((changed ?? key) == key) sync(store(key), () => ((later = document.hasFocus() && form.contains(on) ? on : null), show()));
  });

  const load = (old) => {
    const raw = store(key), { state, bad } = parseSaved(raw, payload);
    last = raw;
    if (raw === false) say(S.nostore, true);
    if (state) st = state;
    // Damaged or foreign data under our key: dropped, and said so.
    say(S.unreadable, bad || old?.bad);
    if (old) sync(encode(old.state), () => (keep(encode(st)) === true && store(V1 + payload.id, null), show()));
    else if (bad) keep(state ? encode(st) : null);
    show();
  };
  const v1 = store(V1 + payload.id);
  // Saved before namespaces: moved here once (migrate.js is fetched only then).
  v1 ? import('./migrate.js').then((m) => load(m.quiz(payload, v1)), () => load()) : load();
}

// --------------------------------------------------------------------------- knowledge scoring

// Twin of scoring.py, key for key (tests/vectors/ holds them to it); here rather than in a
// module of its own because every page with a knowledge check needs it, and one file less
// is some 200 bytes less on a lesson page (scoring.js re-exports it, for the tests). Every
// question type's answer becomes a set of tokens compared with the right answer's (choice:
// the picked options; each type's module says for its own), and the question's policy turns
// the two into points. The payload is the build's own; answers may be anything: odd ones are
// skipped, none throw.
// How each type's answers become tokens: choice here, the other types' in their own modules
// (questions/<type>.js), which add themselves (and only load on pages that have them).
export const tokens = {
  choice: {
    answer(q, answer) {
      const picked = Array.isArray(answer) ? q.options.filter((o) => answer.includes(o)) : [];
      return picked.length ? new Set(picked) : null;
    },
    correct: (q) => new Set(q.correct),
  },
};
const of = (q) => tokens[q.type ?? 'choice'];
const answerTokens = (q, answer) => of(q)?.answer(q, answer) ?? null;
const correctTokens = (q) => of(q).correct?.(q) ?? new Set(['ok']);

function shareRight(policy, picked, correct) {
  const hits = [...picked].filter((t) => correct.has(t)).length, wrong = picked.size - hits;
  const exact = hits == correct.size && wrong == 0;
  if (policy == 'partial') return exact ? 1 : hits ? 0.5 : 0;
  if (policy == 'per-correct') return hits / correct.size;
  if (policy == 'penalty') return Math.max(0, (hits - wrong) / correct.size);
  return exact ? 1 : 0;
}

export function scoreKnowledge(payload, answers, hints = {}) {
  const questions = payload.questions.map((q) => {
    const picked = answerTokens(q, get(answers, q.id)), max = q.points;
    if (!picked) return { id: q.id, status: 'unanswered', points: 0, max };
    const share = shareRight(q.policy, picked, correctTokens(q)), n = get(hints, q.id);
    const used = Number.isInteger(n) && n > 0 ? Math.min(n, q.hints) : 0;
    const points = share ? Math.max(0, share * max - q.hintCost * used) : 0;
    return { id: q.id, status: share == 1 ? 'right' : share ? 'partial' : 'wrong', points, max };
  });
  const total = questions.reduce((sum, q) => sum + q.max, 0);
  const points = questions.reduce((sum, q) => sum + q.points, 0);
  // As scoring.py: halves round up, not to even.
  const percent = total ? Math.floor((100 * points) / total + 0.5) : 0;
  const passed = payload.passPoints != null ? points >= payload.passPoints : percent >= payload.passMark;
  return { questions, points, total, percent, passed };
}

// --------------------------------------------------------------------------- knowledge checks

// Feedback and explanations are in the markup, hidden; checking reveals them.
function knowledge(section, payload, extra) {
  const result = section.querySelector('[data-cg-result]');

  // No score: back to unchecked.
  function paint(score, answers) {
    for (const fieldset of section.querySelectorAll('[data-cg-question]')) {
      const q = questionOf(payload, fieldset), line = fieldset.querySelector('[data-cg-status]');
      const status = score?.questions.find((x) => x.id == q.id)?.status;
      status ? (fieldset.dataset.cgState = status) : fieldset.removeAttribute('data-cg-state');
      line.textContent = status ? S[status] : '';
      line.hidden = fieldset.querySelector('[data-cg-explanation]').hidden = !status;
      // The question types' marks (spans); the build's own are <strong> (choice.html).
      for (const mark of fieldset.querySelectorAll('span.cg-mark')) mark.remove();
      for (const answer of fieldset.querySelectorAll('[data-cg-answer]')) answer.hidden = !status;
      type(q).mark(fieldset, q, status, answers?.[q.id]);
    }
  }

  function show(answers, asked, hints) {
    const score = scoreKnowledge({ ...payload, questions: asked }, answers, hints), { points, total, percent, passed } = score;
    paint(score, answers);
    result.dataset.cgPassed = passed;
    // The pass mark is written by the build, in the page's language (data-cg-pass).
    result.append(
      el('p', fmt(S.your_score, { percent }), 'cg-score'),
      el('p', `${fmt(S.points, { points, total, n: total })} ${section.dataset.cgPass}`),
      el('p', passed ? S.passed : S.not_passed),
    );
    // A passed check completes its lesson.
    if (passed) document.dispatchEvent(new CustomEvent('cg:progress', { detail: payload.id }));
    return score;
  }

  mount(section, payload, { show, clear: () => (paint(null), result.removeAttribute('data-cg-passed')) }, extra);
}

// --------------------------------------------------------------------------- the page

function start() {
  for (const box of document.querySelectorAll('.cg-quiz:not([data-cg-ready]),.cg-tool:not([data-cg-ready])')) {
    box.dataset.cgReady = ''; // before the async import: a second call skips it
    let data;
    try {
      // A tool's data is the course summary, which its module fetches (summary.js).
      data = box.dataset.cgSrc ? {} : JSON.parse(box.querySelector('template.cg-data').content.textContent);
    } catch {
      continue; // the no-JavaScript version stays
    }
    const kind = box.dataset.cgTool || data.kind;
    if (!['knowledge', 'diagnostic', 'progress', 'results', 'team'].includes(kind)) continue;
    // A knowledge check runs here, with the modules of the question types and features it
    // uses; the others' code is their own module.
    const needs = kind != 'knowledge' ? [] : [
      ...new Set(data.questions.map((q) => q.type).filter((t) => t != 'choice').map((t) => `./questions/${t}.js`)),
      ...(data.questions.some((q) => q.hints) ? ['./hints.js'] : []),
      ...(data.shuffle || data.shuffleQuestions || data.draw ? ['./arrange.js'] : []),
    ];
    Promise.all([kind == 'knowledge' ? {} : import(`./${kind}.js`), ...needs.map((m) => import(m))]).then(([m, ...more]) => {
      const extra = [];
      for (const module of more) module.install?.(types, tokens), module.extra && extra.push(module.extra);
      (m.init ?? knowledge)(box, data, extra);
      box.classList.add('cg-js');
    }).catch(console.error);
  }
  lesson();
  tick();
}

// Not in the unit tests' Node, which import the functions above.
if (globalThis.document) {
  // A passed knowledge check completes its lesson; any change re-ticks the navigation.
  document.addEventListener('cg:progress', ({ detail }) => {
    const box = document.querySelector('[data-cg-lesson]');
    if (detail && box?.dataset.cgCheck === detail) record(box.dataset.cgLesson, true);
    tick();
  });
  // Another tab's progress, or a Reset: the marks follow.
  follows.set(document, ({ key }) => (!key || key.startsWith(P)) && tick());
  addEventListener('storage', (event) => {
    for (const [box, follow] of follows) box.isConnected ? follow(event) : follows.delete(box);
  });
  // Progress saved before namespaces: this course takes its own lessons' once (migrate.js).
  if (store(`${V1}progress`)) import('./migrate.js').then((m) => (m.progress(), tick()));
  // Instant navigation swaps pages without re-running modules. Material's
  // document$ emits each page (replaying the current one); it may come later.
  let hooked = false;
  const hook = () => (hooked ||= !!window.document$?.subscribe(start));
  if (!hook()) addEventListener('load', hook, { once: true });
  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', start);
  else start();
}
