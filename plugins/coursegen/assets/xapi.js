// xAPI 1.0.3 statements to the team's own learning record store (README: "xAPI to your own
// record store"). record.js imports this only on builds with the `xapi` option and hands it
// its events; this turns them into statements, queues them in this browser and sends them
// when it can. Nothing here may break the page: every send is caught, a failed one waits
// in the queue (retried with backoff, on `online` and on the next page) and nothing is ever
// awaited by the course. The learner sees what is sent, where, and can turn it off.
import config from './record-config.js';
import S from './strings-tools.js';
import { BASE, el, fmt, store, styles } from './course.js';

const X = config.xapi, A = X.activity;
// Outside the course's own namespace (coursegen:v2:…): a package's resume data copies that
// one to the platform, and these are this browser's own business.
const K = `coursegen:xapi:${BASE}`;
const MAX_QUEUE = 1000, BATCH = 50, MAX_DELAY = 300_000;
const VERB = (name) => ({ id: `http://adlnet.gov/expapi/verbs/${name}`, display: { 'en-US': name } });
const TYPE = (name) => `http://adlnet.gov/expapi/activities/${name}`;
const EXT = `${A}xapi/extensions/`;
const INTERACTION = { choice: 'choice', ordering: 'sequencing', matching: 'matching', numeric: 'numeric', 'short-answer': 'fill-in' };

export function uuid() {
  if (globalThis.crypto?.randomUUID) return crypto.randomUUID();
  const b = crypto.getRandomValues(new Uint8Array(16));
  b[6] = (b[6] & 15) | 64, b[8] = (b[8] & 63) | 128;
  const h = [...b].map((x) => x.toString(16).padStart(2, '0')).join('');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

const off = () => store(`${K}off`) === '1';
const name = () => (store(`${K}name`) || '').slice(0, 100);

// Who: a random code kept in this browser (an xAPI account), named only if the learner says so.
export function actor() {
  let id = store(`${K}actor`);
  if (!/^[0-9a-f-]{36}$/.test(id || '')) store(`${K}actor`, (id = uuid()));
  const who = { objectType: 'Agent', account: { homePage: location.origin + BASE, name: id } };
  return name() ? { ...who, name: name() } : who;
}

const iri = (...parts) => A + parts.map(encodeURIComponent).join('/');
const lang = () => document.documentElement.lang || 'en';
const activity = (id, type, title) => ({ objectType: 'Activity', id, definition: { type, ...(title && { name: { [lang()]: title } }) } });
const course = () => activity(A, TYPE('course'), config.course.title);

function statement(event, verb, object, result, parent) {
  return {
    id: uuid(), actor: actor(), verb: VERB(verb), object, ...(result && { result }), timestamp: new Date(event.at).toISOString(),
    context: {
      platform: 'coursegen', language: lang(),
      contextActivities: { ...(parent && { parent: [parent] }), grouping: [course()] },
    },
  };
}

// An answer as cmi.interaction responses write it: choices joined by [,], pairs by [.].
function response(answer) {
  if (Array.isArray(answer)) return answer.map(String).join('[,]');
  if (answer && typeof answer == 'object') return Object.entries(answer).map(([k, v]) => `${k}[.]${v}`).join('[,]');
  return String(answer);
}

// The statements one event makes (README: "What is sent").
export function statements(event) {
  const out = [];
  if (event.type == 'visit' && event.lesson) {
    out.push(statement(event, 'experienced', activity(iri('lessons', event.lesson), TYPE('lesson'), event.title), null, course()));
  } else if (event.type == 'check') {
    const quiz = activity(iri('quizzes', event.quiz), TYPE('assessment'), event.title);
    for (const q of event.questions) {
      if (q.status == 'unanswered') continue;
      const object = activity(iri('quizzes', event.quiz, 'questions', q.id), TYPE('cmi.interaction'), q.prompt);
      object.definition.interactionType = INTERACTION[q.type] ?? 'other';
      out.push(statement(event, 'answered', object, { response: response(q.answer), success: q.status == 'right' }, quiz));
    }
    const { points, total, percent, passed } = event.score;
    const score = { scaled: Math.max(0, Math.min(1, percent / 100)), raw: points, min: 0, max: total };
    out.push(statement(event, passed ? 'passed' : 'failed', quiz, { score, success: passed, completion: true }, course()));
  } else if (event.type == 'diagnostic') {
    out.push(statement(event, 'responded', activity(iri('quizzes', event.quiz), TYPE('assessment'), event.title), {
      response: String(event.outcome), completion: true,
      extensions: { [`${EXT}outcome-title`]: event.outcomeTitle, [`${EXT}answers`]: event.answers },
    }, course()));
  } else if (event.type == 'complete' && store(`${K}completed`) !== A) {
    // Once per browser: record.js says so again on every page of a finished course.
    store(`${K}completed`, A);
    out.push(statement(event, 'completed', course(), { completion: true }));
  }
  return out;
}

// --------------------------------------------------------------------------- the queue

export function queued() {
  try {
    const q = JSON.parse(store(`${K}queue`) || '[]');
    return Array.isArray(q) ? q.filter((s) => s && typeof s.id == 'string') : [];
  } catch {
    return [];
  }
}

// Bounded: past MAX_QUEUE (or when storage is full) visits go first, answers and scores last.
function keep(queue) {
  for (let q = queue; ; ) {
    if (q.length <= MAX_QUEUE && store(`${K}queue`, JSON.stringify(q)) === true) return;
    if (!q.length) return;
    const visit = q.findIndex((s) => s.verb.id.endsWith('/experienced'));
    const gone = visit >= 0 ? visit : 0;
    q = q.filter((_, i) => i !== gone);
  }
}

function add(list) {
  if (list.length && !off()) keep([...queued(), ...list]);
}

const drop = (ids) => keep(queued().filter((s) => !ids.has(s.id)));
const headers = () => ({ Authorization: X.auth, 'X-Experience-API-Version': '1.0.3', 'Content-Type': 'application/json' });

// One request: 'sent' (stored, or refused for good), or 'retry' (down, offline, overloaded, not allowed yet).
async function send(list) {
  const body = JSON.stringify(list.length == 1 ? list[0] : list);
  const url = list.length == 1 ? `${X.endpoint}statements?statementId=${encodeURIComponent(list[0].id)}` : `${X.endpoint}statements`;
  const res = await fetch(url, { method: list.length == 1 ? 'PUT' : 'POST', headers: headers(), body, keepalive: body.length < 60_000 })
    .catch(() => null);
  if (!res) return 'retry';
  if (res.ok) return 'sent';
  if (res.status == 400 || res.status == 409) {
    if (list.length > 1) {
      // One statement the store refuses (or holds already) must not hold back the others.
      for (const s of list) if ((await send([s])) == 'retry') return 'retry';
      return 'sent';
    }
    // 409: a statement with this id is stored already (a retry whose answer was lost).
    if (res.status == 400) console.warn('coursegen: the record store refused a statement', await res.text().catch(() => ''));
    return 'sent';
  }
  return 'retry';
}

let busy = false, delay = 0, timer = 0;
export async function flush() {
  if (busy || off() || !navigator.onLine) return;
  busy = true;
  clearTimeout(timer);
  try {
    for (let q = queued(); q.length; q = queued()) {
      const batch = q.slice(0, BATCH);
      if ((await send(batch)) == 'retry') {
        delay = Math.min(MAX_DELAY, Math.max(1000, delay * 2));
        timer = setTimeout(flush, delay);
        return;
      }
      drop(new Set(batch.map((s) => s.id)));
    }
    delay = 0;
  } catch (e) {
    console.warn('coursegen: sending statements', e);
  } finally {
    busy = false;
  }
}

// --------------------------------------------------------------------------- what the learner sees

function button(text, action, primary) {
  const b = el('button', text, `md-button${primary ? ' md-button--primary' : ''}`);
  b.type = 'button';
  b.addEventListener('click', action);
  return b;
}

// open: the whole notice, else its one button; top: where the learner is reading now.
function notice(host, open, top = store(`${K}seen`) !== '1') {
  host.querySelector(':scope > .cg-xapi')?.remove();
  const box = el('aside', '', 'cg-xapi');
  box.setAttribute('aria-label', S.xapi_title);
  box.dataset.cgXapi = off() ? 'off' : 'on';
  if (!open) {
    const toggle = button(`${S.xapi_title}: ${off() ? S.xapi_turn_on : S.xapi_turn_off}…`, () => notice(host, true, top).querySelector('button')?.focus());
    toggle.className = 'cg-xapi-toggle';
    toggle.setAttribute('aria-expanded', 'false');
    box.classList.add('cg-xapi--closed');
    box.append(toggle);
    top ? host.prepend(box) : host.append(box);
    return box;
  }
  const text = el('p');
  text.append(el('strong', S.xapi_title), ' ', off() ? S.xapi_off : fmt(S.xapi_notice, { host: X.host }));
  box.append(text);
  if (X.askName && !off()) {
    const form = el('form', '', 'cg-xapi-name'), id = 'cg-xapi-name', input = el('input'), said = el('span', '', 'cg-xapi-said');
    const label = el('label', S.xapi_name);
    label.htmlFor = input.id = id;
    Object.assign(input, { type: 'text', autocomplete: 'name', maxLength: 100, value: name() });
    said.setAttribute('role', 'status');
    const save = el('button', S.xapi_save_name, 'md-button');
    save.type = 'submit';
    form.append(label, input, save, said);
    form.addEventListener('submit', (e) => {
      e.preventDefault();
      store(`${K}name`, input.value.trim() ? input.value.trim().slice(0, 100) : null);
      said.textContent = S.xapi_name_saved;
    });
    box.append(form);
  }
  const close = () => {
    store(`${K}seen`, '1');
    notice(host, false, top).querySelector('button')?.focus();
  };
  const flip = () => {
    if (off()) store(`${K}off`, null), flush();
    else store(`${K}off`, '1'), store(`${K}queue`, null); // what was not sent yet stays here, unsent
    notice(host, true, top).querySelector('[data-cg-xapi-flip]')?.focus();
  };
  const actions = el('p', '', 'cg-xapi-actions'), flipper = button(off() ? S.xapi_turn_on : S.xapi_turn_off, flip);
  flipper.dataset.cgXapiFlip = '';
  actions.append(flipper, ' ', button(S.xapi_close, close, true));
  box.append(actions);
  top ? host.prepend(box) : host.append(box);
  return box;
}

function show() {
  styles(new URL('./xapi.css', import.meta.url).href);
  const host = document.querySelector('article.md-content__inner') ?? document.querySelector('main') ?? document.body;
  notice(host, store(`${K}seen`) !== '1');
}

// --------------------------------------------------------------------------- record.js's side

export function report(event) {
  try {
    if (event.type == 'visit') show();
    if (off()) return;
    add(statements(event));
    flush();
  } catch (e) {
    console.warn('coursegen: xAPI', e);
  }
}

addEventListener('online', () => flush());
flush();
