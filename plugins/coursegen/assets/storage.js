// Saved answers and the form lifecycle of both quiz kinds. Stored data is
// untrusted: size-limited, checked against the payload, used only as data.
import S from './strings.js';

const own = (o, k) => typeof o == 'object' && o !== null && Object.hasOwn(o, k);

export const storageKey = (id) => `coursegen:v1:${id}`;

// "{name}" placeholders of the strings tables.
export const fmt = (text, values) => text.replace(/\{(\w+)\}/g, (m, k) => (Object.hasOwn(values, k) ? values[k] : m));

const date = (x) => typeof x == 'string' && x.length < 40 && !isNaN(Date.parse(x));

export const el = (tag, textContent = '', className = '') =>
  Object.assign(document.createElement(tag), { textContent }, className && { className });

// Keys come from the payload, never from storage (so no "__proto__").
export function cleanAnswers(payload, raw) {
  const clean = {};
  for (const q of payload.questions) {
    const value = own(raw, q.id) ? raw[q.id] : undefined;
    if (payload.kind === 'knowledge') {
      if (!Array.isArray(value) || value.length > q.options.length) continue;
      const picked = q.options.filter((o) => value.includes(o));
      if (picked.length && (q.multiple || picked.length === 1)) clean[q.id] = picked;
    } else if (typeof value === 'string' && q.options.some((o) => o.id === value)) clean[q.id] = value;
  }
  return clean;
}

export function parseSaved(raw, payload) {
  let data = null;
  try {
    if (typeof raw === 'string' && raw.length <= 20000) data = JSON.parse(raw);
  } catch {}
  // Only a version-like string means an older quiz; anything else was never ours.
  if (typeof data?.version != 'string' || !/^[\w-]{1,64}$/.test(data.version)) return { state: null, stale: false };
  if (data.version !== payload.version) return { state: null, stale: true };
  const answers = cleanAnswers(payload, data.answers), b = data.best;
  // A knowledge check's best score, kept across "Try again".
  const best = own(b, 'percent') && Number.isInteger(b.percent) && b.percent >= 0 && b.percent <= 100 && date(b.at)
    ? { percent: b.percent, passed: b.passed === true, at: b.at } : null;
  return { state: { answers, checked: data.checked === true && Object.keys(answers).length > 0, best, at: date(data.savedAt) ? data.savedAt : null }, stale: false };
}

// localStorage may be missing or throw (disabled, private mode, quota).
// A read gives the value or false; null removes.
export function store(key, value) {
  try {
    const ls = globalThis.localStorage;
    if (value === undefined) return ls.getItem(key);
    value === null ? ls.removeItem(key) : ls.setItem(key, value);
    return true;
  } catch {
    return false;
  }
}

const { empty: EMPTY, stale: STALE, nostore: NOSTORE, unreadable: UNREADABLE } = S;

// view.show(answers) renders a checked result, view.clear() undoes it.
export function mount(section, payload, view) {
  const $ = (selector) => section.querySelector(selector);
  const form = $('form'), result = $('[data-cg-result]'), retry = $('[data-cg-action=retry]'), notice = $('[data-cg-notice]');
  const key = storageKey(payload.id), shown = new Set();
  let best = null;
  const say = (text, on) => {
    on ? shown.add(text) : shown.delete(text);
    notice.textContent = [...shown].join(' ');
    notice.hidden = !shown.size;
  };
  const keep = (value) => say(NOSTORE, !store(key, value));
  const save = (answers, checked) => keep(JSON.stringify({ version: payload.version, answers, checked, savedAt: new Date().toISOString(), best }));
  const read = () => {
    const answers = {};
    for (const fieldset of form.querySelectorAll('[data-cg-question]')) {
      const values = [...fieldset.querySelectorAll('input:checked')].map((input) => input.value);
      if (values.length) answers[fieldset.dataset.cgQuestion] = payload.kind === 'knowledge' ? values : values[0];
    }
    return answers;
  };
  const render = (answers, focus) => {
    say(EMPTY, false);
    view.clear();
    result.replaceChildren();
    result.hidden = retry.hidden = !answers;
    const score = answers && view.show(answers);
    if (focus) result.focus();
    return score;
  };

  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const answers = read(), empty = !Object.keys(answers).length;
    const score = render(!empty && answers, !empty);
    if (score?.percent >= (best?.percent ?? -1)) best = { percent: score.percent, passed: score.passed, at: new Date().toISOString() };
    if (!empty) return save(answers, true);
    say(EMPTY, true);
    notice.tabIndex = -1;
    notice.focus();
  });
  // A result no longer matches changed answers.
  form.addEventListener('change', () => {
    say(STALE, false);
    render(null);
    save(read(), false);
  });
  retry.addEventListener('click', () => {
    form.reset();
    render(null);
    best ? save({}, false) : keep(null);
    $('input')?.focus();
  });

  const raw = store(key), { state, stale } = parseSaved(raw, payload);
  if (raw === false) say(NOSTORE, true);
  else if (raw !== null && !state) keep(null);
  say(STALE, stale);
  // Damaged or foreign data under our key: dropped, and said so.
  say(UNREADABLE, typeof raw == 'string' && !state && !stale);
  const answers = state ? state.answers : {};
  best = state?.best ?? null;
  for (const input of form.querySelectorAll('input')) {
    const id = input.closest('[data-cg-question]')?.dataset.cgQuestion;
    // Sets every box, so it also unticks what browser form restoration ticked.
    input.checked = [].concat(own(answers, id) && answers[id]).includes(input.value);
  }
  render(state?.checked && answers, false);
}
